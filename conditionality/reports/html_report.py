"""report.html: one self-contained page a reviewer can open offline.

Inline CSS, inline vanilla JavaScript and inline SVG charts; no external resource of any
kind, and a Content-Security-Policy that forbids the page from loading one. Every piece of
text from the data is escaped on the server (html.escape) or inserted with textContent by
the script, which reads the findings from a JSON block in which '<', '>' and '&' are
written as \\u003c, \\u003e and \\u0026, so no value can end the script element.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from typing import Any

from conditionality.api import CheckResult
from conditionality.reports import register
from conditionality.reports.model import (
    OUTCOMES,
    breakdowns,
    document,
    options_text,
)
from conditionality.reports.safe import atomic_write_bytes, is_web_url, safe_target

FILE_NAME = "report.html"
PLACEHOLDER = re.compile(r"%([A-Z_]+)%")
MAX_ISSUES = 500  # input issues listed on the page; all of them are in findings.json
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
OUTCOME_COLOURS = {
    "prohibited": ("#9c0006", "#ffc7ce"),
    "restricted": ("#9c5700", "#ffddaa"),
    "review": ("#7f6000", "#ffeb9c"),
    "waived": ("#1f4e79", "#ddebf7"),
    "not_evaluated": ("#3f3f3f", "#e7e6e6"),
}


def e(value: Any) -> str:
    """Escaped text for HTML content and attribute values; None is empty."""
    return "" if value is None else escape(str(value), quote=True)


def money(value: float | None) -> str:
    if value is None:
        return ""
    return f"${value:,.0f}"


def short_money(value: float) -> str:
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"${value / size:.1f}{suffix}"
    return f"${value:,.0f}"


def script_json(data: Any) -> str:
    """JSON that is safe inside <script type="application/json">: no '<', '>' or '&'."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def bar_chart(title: str, rows: list[tuple[str, float]], max_bars: int = 12) -> str:
    """A horizontal bar chart as inline SVG; labels and values escaped."""
    if len(rows) > max_bars:
        rest = sum(v for _, v in rows[max_bars - 1 :])
        rows = [*rows[: max_bars - 1], (f"{len(rows) - max_bars + 1} others", rest)]
    if not rows:
        return (
            f'<figure class="chart"><figcaption>{e(title)}</figcaption>'
            "<p>Nothing flagged.</p></figure>"
        )
    label_w, bar_w, value_w, bar_h, gap = 130, 170, 60, 17, 5
    width = label_w + bar_w + value_w
    height = len(rows) * (bar_h + gap) + gap
    top = max((v for _, v in rows), default=0) or 1
    parts = [
        f'<figure class="chart"><figcaption>{e(title)}</figcaption>',
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}"><title>{e(title)}</title>',
    ]
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(1.0, bar_w * value / top)
        shown = label if len(label) <= 22 else label[:21] + "\u2026"
        parts.append(
            f"<g><title>{e(label)}: {e(money(value))}</title>"
            f'<text x="{label_w - 6}" y="{y + bar_h - 5}" text-anchor="end">{e(shown)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="2"></rect>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 5}">{e(short_money(value))}</text>'
            "</g>"
        )
    parts.append("</svg></figure>")
    return "".join(parts)


def _table(headers: list[str], rows: list[list[Any]], cls: str = "") -> str:
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{e(cls)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _badge(outcome: str) -> str:
    return f'<span class="badge o-{e(outcome)}">{e(outcome.replace("_", " "))}</span>'


def _link(url: Any, text: Any = None) -> str:
    if is_web_url(url):
        return (
            f'<a href="{e(str(url).strip())}" rel="noopener noreferrer" target="_blank">'
            f"{e(text if text is not None else url)}</a>"
        )
    return e(url)


def _headline(result: CheckResult, b: dict[str, Any]) -> str:
    s = result.summary
    cards = [
        ("Allocations checked", f"{s['rows_evaluated']:,}", f"of {s['allocations_read']:,} read"),
        ("Dollars checked", short_money(s["dollars_checked"]), money(s["dollars_checked"])),
        ("Open findings", f"{s['open_findings']:,}", "prohibited, restricted or review"),
        ("Allocations flagged", f"{b['allocations_flagged']:,}", "with an open finding"),
        (
            "Flagged dollars",
            short_money(b["dollars_flagged_distinct"]),
            "each allocation counted once",
        ),
        ("Not evaluated", f"{s['not_evaluated']:,}", "rule could not decide"),
        ("Rows rejected", f"{s['rows_rejected']:,}", "not checked: see input issues"),
    ]
    items = "".join(
        f'<div class="card"><div class="k">{e(k)}</div><div class="v">{e(v)}</div>'
        f'<div class="n">{e(n)}</div></div>'
        for k, v, n in cards
    )
    return f'<section id="headline" class="cards">{items}</section>'


def _outcomes(b: dict[str, Any]) -> str:
    rows = [
        [_badge(o["outcome"]), f"{o['findings']:,}", e(money(o["dollars"]))]
        for o in b["by_outcome"]
    ]
    return _table(["Outcome", "Findings", "Dollars"], rows, "num small")


def _rules_table(result: CheckResult) -> str:
    versions = {x["id"]: x for x in result.run.get("rules", [])}
    rows = []
    for x in result.summary.get("rules", []):
        meta = versions.get(x["rule_id"], {})
        rows.append(
            [
                f"<code>{e(x['rule_id'])}</code>",
                e(meta.get("version")),
                e(meta.get("title")),
                _link(meta.get("url"), meta.get("citation")),
                f"{x.get('applied', 0):,}",
                f"{x.get('flagged', 0):,}",
                f"{x.get('not_evaluated', 0):,}",
                e(money(x.get("dollars_flagged"))),
            ]
        )
    return _table(
        [
            "Rule",
            "Version",
            "Title",
            "Authority",
            "Applied to",
            "Flagged",
            "Not evaluated",
            "Dollars",
        ],
        rows,
        "rules",
    )


def _issues(result: CheckResult) -> str:
    rej = result.rejected
    if not len(rej):
        return "<p>Every row of every input was read.</p>"
    cols = ["table", "file", "sheet", "row", "column", "value", "reason"]
    part = rej.reindex(columns=cols).head(MAX_ISSUES).astype("object")
    rows = [
        [e("" if v is None or v != v else v) for v in values] for values in part.to_numpy().tolist()
    ]
    note = ""
    if len(rej) > MAX_ISSUES:
        note = (
            f"<p>The first {MAX_ISSUES:,} of {len(rej):,} issues; all are in findings.json and "
            "report.xlsx.</p>"
        )
    lead = (
        f"<p>{result.summary['rows_rejected']:,} allocation rows "
        f"({e(money(result.summary['dollars_rejected']))}) were not checked: "
        f"{result.summary.get('rows_unreadable', result.summary['rows_rejected']):,} could not "
        f"be read and {result.summary.get('rows_rejected_out_of_scope', 0):,} are out of scope "
        "(e.g. subtotal lines). Each problem cell:</p>"
    )
    return lead + note + _table([c.capitalize() for c in cols], rows, "issues")


def _provenance(result: CheckResult) -> str:
    run = result.run
    details = [
        ["Tool", e(f"{run.get('tool', 'conditionality')} {run.get('tool_version', '')}")],
        ["As-of date", e(run.get("as_of"))],
        ["Run at (UTC)", f'<span class="run-at">{e(run.get("run_at"))}</span>'],
        ["Rule pack sha256", f"<code>{e(run.get('rule_pack_sha256'))}</code>"],
        ["Rules", e(", ".join(f"{r['id']} v{r['version']}" for r in run.get("rules", [])))],
        ["Transaction types checked", e(", ".join(run.get("transaction_types", [])))],
    ]
    details += [[f"Option: {e(k)}", e(v)] for k, v in options_text(run.get("options", {}))]
    dl = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in details)
    inputs = [
        [
            e(i.get("path")),
            e(i.get("table")),
            e(i.get("sheet")),
            f"<code>{e(i.get('sha256'))}</code>",
            f"{i.get('rows_read', 0):,}",
            f"{i.get('rows_accepted', 0):,}",
            f"{i.get('rows_rejected', 0):,}",
            e(money(i.get("dollars_read"))) if i.get("table") == "allocations" else "",
        ]
        for i in run.get("inputs", [])
    ]
    return f'<table class="kv">{dl}</table><h3>Inputs</h3>' + _table(
        ["File", "Table", "Sheet", "sha256", "Rows read", "Accepted", "Rejected", "Dollars"],
        inputs,
        "inputs",
    )


def _flag_data(result: CheckResult) -> dict[str, Any]:
    doc = document(result)
    keep_ev = (
        "dataset",
        "record_id",
        "record_outcome",
        "exception",
        "score",
        "band",
        "relation",
        "candidate_name",
        "explanation",
        "name",
        "value",
        "date",
        "credibility",
        "remediation",
        "source",
        "source_url",
    )
    flags = []
    for f in doc["findings"]:
        a = f["allocation"]
        flags.append(
            {
                "id": f["id"],
                "rule": f["rule_id"],
                "version": f["rule_version"],
                "outcome": f["outcome"],
                "allocation": f["allocation_id"],
                "country": a.get("recipient_country"),
                "recipient": a.get("recipient_name"),
                "recipient_type": a.get("recipient_type"),
                "agency": a.get("agency"),
                "account": a.get("account"),
                "category": a.get("category"),
                "fy": a.get("fiscal_year"),
                "amount": a.get("amount_usd"),
                "date": a.get("allocation_date"),
                "message": f["message"],
                "reason": f["reason"],
                "exception": f["exception"],
                "citation": f["authority"]["citation"],
                "authority_url": f["authority"]["url"],
                "source": f["source"],
                "decision": f.get("decision"),
                "evidence": [{k: v for k, v in ev.items() if k in keep_ev} for ev in f["evidence"]],
            }
        )
    return {"findings": flags}


def to_html(result: CheckResult) -> str:
    b = breakdowns(result)
    run = result.run
    charts = "".join(
        [
            bar_chart(
                "Flagged dollars by country",
                [(x["key"], x["dollars"]) for x in b["by_country"]],
            ),
            bar_chart("Flagged dollars by rule", [(x["key"], x["dollars"]) for x in b["by_rule"]]),
            bar_chart(
                "Flagged dollars by fiscal year",
                [(f"FY{x['key']}", x["dollars"]) for x in b["by_fiscal_year"]],
                max_bars=20,
            ),
        ]
    )
    warnings = "".join(f"<li>{e(w)}</li>" for w in result.summary.get("warnings", []))
    warn_html = f'<ul class="warnings">{warnings}</ul>' if warnings else ""
    outcome_css = "".join(
        f".o-{o}{{color:{fg};background:{bg}}}" for o, (fg, bg) in OUTCOME_COLOURS.items()
    )
    title = f"Conditionality check report, as of {run.get('as_of', '')}"
    parts = {
        "CSP": CSP,  # a constant without double quotes
        "TITLE": e(title),
        "OUTCOME_CSS": outcome_css,
        "LEDE": e(
            f"{run.get('tool', 'conditionality')} {run.get('tool_version', '')} · as of "
            f"{run.get('as_of', '')} · {len(result.findings):,} findings on "
            f"{result.summary['rows_evaluated']:,} allocations"
        ),
        "WARNINGS": warn_html,
        "HEADLINE": _headline(result, b),
        "OUTCOMES": _outcomes(b),
        "CHARTS": charts,
        "ISSUES": _issues(result),
        "RULES": _rules_table(result),
        "PROVENANCE": _provenance(result),
        "OUTCOME_ORDER": script_json(list(OUTCOMES)),
        "DATA": script_json(_flag_data(result)),
    }
    # One pass, so text inserted for one placeholder is never taken for another.
    return PLACEHOLDER.sub(lambda m: parts[m.group(1)], TEMPLATE)


def write_html(result: CheckResult, out_dir: Path) -> Path:
    return atomic_write_bytes(safe_target(out_dir, FILE_NAME), to_html(result).encode("utf-8"))


TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="%CSP%">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%TITLE%</title>
<style>
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bar:#2f6f9f;--bg:#fff;--head:#f3f5f8}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);
background:var(--bg);margin:0 auto;padding:1rem 1.5rem 3rem;max-width:1400px}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin:2rem 0 .6rem;
border-bottom:1px solid var(--line);padding-bottom:.2rem}h3{font-size:1.05rem}
.sr{position:absolute;left:-9999px}
.lede{color:var(--muted);margin:.2rem 0}.disclaimer{font-size:.9rem;color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.card{border:1px solid var(--line);border-radius:6px;padding:.6rem .9rem;min-width:150px}
.card .k{font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
.card .v{font-size:1.5rem;font-weight:600}.card .n{font-size:.8rem;color:var(--muted)}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
figure.chart{margin:0}figcaption{font-weight:600;margin-bottom:.3rem}
svg text{font:12px system-ui,Arial,sans-serif;fill:#1b1f24}svg rect{fill:var(--bar)}
table{border-collapse:collapse;width:100%;margin:.4rem 0}
th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{background:var(--head);position:sticky;top:0;z-index:1}
table.small{width:auto}table.kv{width:auto}table.kv th{font-weight:600;padding-right:1.5rem}
td code,th code{font-size:.85em;word-break:break-all}
.badge{display:inline-block;border-radius:3px;padding:0 .4rem;font-size:.8rem;font-weight:600;
white-space:nowrap}
%OUTCOME_CSS%
.controls{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;margin:.5rem 0}
.controls label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
.controls input,.controls select,.controls button{font:inherit;padding:.25rem .4rem}
#q{min-width:18rem}
#flags th button{all:unset;cursor:pointer;font-weight:600}
#flags th[aria-sort=ascending] button::after{content:" \\25B2"}
#flags th[aria-sort=descending] button::after{content:" \\25BC"}
#flags td.num,#flags th.num,table.num td{text-align:right;white-space:nowrap}
#flags{table-layout:fixed}
#flags tr.flag td{overflow-wrap:anywhere}
table.evidence td{overflow-wrap:break-word}
#flags tr.flag:hover{background:#f6f8fa}
#flags col.c-toggle{width:2.5rem}#flags col.c-outcome{width:7.6rem}#flags col.c-rule{width:9rem}
#flags col.c-country{width:4.6rem}#flags col.c-recipient{width:12rem}#flags col.c-amount{width:7rem}
#flags col.c-fy{width:3.6rem}#flags col.c-date{width:6.4rem}#flags col.c-score{width:4.4rem}
button.toggle{font:inherit;cursor:pointer;border:1px solid var(--line);background:#fff;
border-radius:3px;width:1.7rem}
tr.detail>td{background:#fafbfc;padding:.6rem 1rem 1rem 2.5rem}
tr.detail dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0 0 .6rem}
tr.detail dt{font-weight:600;color:var(--muted)}tr.detail dd{margin:0}
table.evidence{font-size:.9rem}
.warnings{background:#fff8c5;border:1px solid #d4a72c;padding:.5rem 1.5rem;border-radius:6px}
#more{margin:.6rem 0}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem}
@media print{
body{max-width:none;padding:0;font-size:10pt}
.controls,#more,button.toggle,noscript{display:none}
thead th{position:static}thead{display:table-header-group}
tr,figure,.card{break-inside:avoid}
h2{break-after:avoid}
a{color:inherit;text-decoration:none}
.badge{border:1px solid currentColor}
}
</style>
</head>
<body>
<header>
<h1>Conditionality check report</h1>
<p class="lede">%LEDE%</p>
<p class="disclaimer">Findings flag allocations for human review. They are not legal
determinations: each rests on the evidence shown with it and on the inputs listed under
Provenance.</p>
%WARNINGS%
</header>
<main>
%HEADLINE%
<section id="summary">
<h2>Flagged dollars</h2>
<p class="disclaimer">Open findings only (prohibited, restricted, review). A country's or a
year's total counts each allocation once; an allocation flagged by two rules counts under
both rules.</p>
<div class="charts">%CHARTS%
<figure class="chart"><figcaption>Findings by outcome</figcaption>%OUTCOMES%</figure></div>
</section>
<section id="flags-section">
<h2>Flags</h2>
<noscript><p>The flags table needs JavaScript; the same findings are in findings.csv,
findings.json and report.xlsx.</p></noscript>
<div class="controls" role="search">
<label>Search<input id="q" type="search" placeholder="recipient, id, message, evidence"
autocomplete="off"></label>
<label>Country<select id="f-country"><option value="">all</option></select></label>
<label>Rule<select id="f-rule"><option value="">all</option></select></label>
<label>Outcome<select id="f-outcome"><option value="">all</option></select></label>
<button id="reset" type="button">Reset</button>
<button id="expand-all" type="button">Expand shown</button>
</div>
<p id="count" aria-live="polite"></p>
<table id="flags">
<colgroup><col class="c-toggle"><col class="c-outcome"><col class="c-rule"><col class="c-country">
<col class="c-recipient"><col class="c-amount"><col class="c-fy"><col class="c-date">
<col class="c-msg"><col class="c-score"></colgroup>
<thead><tr>
<th scope="col"><span class="sr">Details</span></th>
<th scope="col" data-key="outcome"><button type="button">Outcome</button></th>
<th scope="col" data-key="rule"><button type="button">Rule</button></th>
<th scope="col" data-key="country"><button type="button">Country</button></th>
<th scope="col" data-key="recipient"><button type="button">Recipient</button></th>
<th scope="col" class="num" data-key="amount"><button type="button">Amount</button></th>
<th scope="col" class="num" data-key="fy"><button type="button">FY</button></th>
<th scope="col" data-key="date"><button type="button">Date</button></th>
<th scope="col" data-key="message"><button type="button">Message</button></th>
<th scope="col" class="num" data-key="score"><button type="button">Score</button></th>
</tr></thead>
<tbody id="rows"></tbody>
</table>
<button id="more" type="button" hidden>Show more</button>
</section>
<section id="issues">
<h2>Input issues</h2>
%ISSUES%
</section>
<section id="rules">
<h2>Rules that ran</h2>
%RULES%
</section>
<section id="provenance">
<h2>Provenance</h2>
%PROVENANCE%
</section>
</main>
<footer>Generated by conditionality. This page is self-contained and loads nothing from the
network.</footer>
<script type="application/json" id="outcome-order">%OUTCOME_ORDER%</script>
<script type="application/json" id="data">%DATA%</script>
<script>
(function () {
  "use strict";
  var PAGE = 500;
  var DATA = JSON.parse(document.getElementById("data").textContent);
  var ORDER = JSON.parse(document.getElementById("outcome-order").textContent);
  var FLAGS = DATA.findings;
  var SEV = {};
  ORDER.forEach(function (o, i) { SEV[o] = ORDER.length - i; });
  var state = { q: "", country: "", rule: "", outcome: "", key: "outcome", dir: -1,
                limit: PAGE, open: new Set() };
  var tbody = document.getElementById("rows");
  var usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD",
                                             maximumFractionDigits: 0 });

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text !== undefined && text !== null) { n.textContent = String(text); }
    return n;
  }
  function isWeb(url) {
    return typeof url === "string" && /^https?:\\/\\/[^\\s<>"'`\\\\]+$/i.test(url.trim());
  }
  function link(url, text) {
    if (!isWeb(url)) { return el("span", null, url || ""); }
    var a = el("a", null, text || url);
    a.href = url.trim();
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }
  function badge(outcome) {
    return el("span", "badge o-" + String(outcome).replace(/[^a-z_]/g, ""),
              String(outcome).replace("_", " "));
  }
  function topScore(f) {
    var best = null;
    f.evidence.forEach(function (ev) {
      if (typeof ev.score === "number" && (best === null || ev.score > best)) { best = ev.score; }
    });
    return best;
  }
  FLAGS.forEach(function (f) {
    f.score = topScore(f);
    var parts = [f.id, f.rule, f.outcome, f.allocation, f.country, f.recipient, f.agency,
                 f.account, f.category, f.message, f.reason, f.exception];
    f.evidence.forEach(function (ev) {
      parts.push(ev.record_id, ev.name, ev.candidate_name, ev.value, ev.source);
    });
    f.hay = parts.filter(function (p) { return p !== null && p !== undefined; })
                 .join(" ").toLowerCase();
  });

  function fill(id, values) {
    var sel = document.getElementById(id);
    values.forEach(function (v) {
      var o = el("option", null, v);
      o.value = v;
      sel.appendChild(o);
    });
    sel.addEventListener("change", function () {
      state[id.slice(2)] = sel.value;
      state.limit = PAGE;
      render();
    });
  }
  function distinct(key) {
    var seen = {};
    FLAGS.forEach(function (f) {
      if (f[key] !== null && f[key] !== undefined) { seen[f[key]] = 1; }
    });
    return Object.keys(seen).sort();
  }
  fill("f-country", distinct("country"));
  fill("f-rule", distinct("rule"));
  fill("f-outcome", ORDER.filter(function (o) {
    return FLAGS.some(function (f) { return f.outcome === o; });
  }));

  function keep(f) {
    if (state.country && f.country !== state.country) { return false; }
    if (state.rule && f.rule !== state.rule) { return false; }
    if (state.outcome && f.outcome !== state.outcome) { return false; }
    if (state.q) {
      var words = state.q.toLowerCase().split(/\\s+/).filter(Boolean);
      for (var i = 0; i < words.length; i++) {
        if (f.hay.indexOf(words[i]) < 0) { return false; }
      }
    }
    return true;
  }
  function value(f, key) {
    if (key === "outcome") { return SEV[f.outcome] || 0; }
    var v = f[key];
    return v === undefined ? null : v;
  }
  function compare(a, b) {
    var x = value(a, state.key), y = value(b, state.key);
    if (x === y) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; }
    if (x === null) { return 1; }
    if (y === null) { return -1; }
    if (typeof x === "number" && typeof y === "number") { return state.dir * (x - y); }
    return state.dir * String(x).localeCompare(String(y));
  }

  function dl(pairs) {
    var d = el("dl");
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === "") { return; }
      d.appendChild(el("dt", null, p[0]));
      var dd = el("dd");
      if (p[1] instanceof Node) { dd.appendChild(p[1]); } else { dd.textContent = String(p[1]); }
      d.appendChild(dd);
    });
    return d;
  }
  function decisionText(d) {
    if (!d) { return null; }
    var t = d.status + (d.reviewer ? " by " + d.reviewer : "") + (d.date ? " on " + d.date : "") +
            (d.reason ? ": " + d.reason : "");
    if (d.stale) { t += " (stale, no longer applies: " + d.stale + ")"; }
    return t;
  }
  function detail(f) {
    var tr = el("tr", "detail");
    tr.dataset.for = f.id;
    var td = el("td");
    td.colSpan = 10;
    var src = f.source || {};
    td.appendChild(dl([
      ["Finding", f.id],
      ["Rule", f.rule + " v" + f.version],
      ["Allocation", f.allocation],
      ["Recipient", [f.recipient, f.recipient_type, f.country].filter(Boolean).join(" · ")],
      ["Funding", [f.agency, f.account, f.category].filter(Boolean).join(" · ")],
      ["Amount", typeof f.amount === "number" ? usd.format(f.amount) : null],
      ["Explanation", f.message],
      ["Note", f.reason],
      ["Exception", f.exception],
      ["Authority", link(f.authority_url, f.citation)],
      ["Decision", decisionText(f.decision)],
      ["Source row", [src.file, src.sheet, src.row ? "row " + src.row : null]
                      .filter(Boolean).join(" · ")]
    ]));
    if (f.evidence.length) {
      var t = el("table", "evidence");
      var head = el("tr");
      ["Record", "Dataset", "Name", "Detail", "Date", "Credibility", "Score", "Match",
       "Explanation", "Source"].forEach(function (h) { head.appendChild(el("th", null, h)); });
      var th = el("thead");
      th.appendChild(head);
      t.appendChild(th);
      var tb = el("tbody");
      f.evidence.forEach(function (ev) {
        var r = el("tr", "ev");
        r.appendChild(el("td", null, ev.record_id));
        r.appendChild(el("td", null, ev.dataset));
        r.appendChild(el("td", null, ev.candidate_name || ev.name));
        r.appendChild(el("td", null, [ev.value, ev.remediation].filter(Boolean).join(" · ")));
        r.appendChild(el("td", null, ev.date));
        r.appendChild(el("td", null, ev.credibility));
        r.appendChild(el("td", "num", typeof ev.score === "number" ? ev.score.toFixed(2) : ""));
        r.appendChild(el("td", null, [ev.band, ev.relation, ev.record_outcome]
                                     .filter(Boolean).join(" · ")));
        r.appendChild(el("td", null, ev.explanation));
        var s = el("td", null, ev.source);
        if (isWeb(ev.source_url)) {
          s.appendChild(document.createTextNode(" "));
          s.appendChild(link(ev.source_url, "link"));
        } else if (ev.source_url) {
          s.appendChild(el("span", null, " " + ev.source_url));
        }
        r.appendChild(s);
        tb.appendChild(r);
      });
      t.appendChild(tb);
      td.appendChild(t);
    } else {
      td.appendChild(el("p", null, "No evidence records: see the explanation."));
    }
    tr.appendChild(td);
    return tr;
  }
  function row(f) {
    var tr = el("tr", "flag");
    tr.dataset.id = f.id;
    var open = state.open.has(f.id);
    var b = el("button", "toggle", open ? "\\u2212" : "+");
    b.type = "button";
    b.setAttribute("aria-expanded", open ? "true" : "false");
    b.setAttribute("aria-label", "Show evidence for " + f.id);
    b.addEventListener("click", function () {
      if (state.open.has(f.id)) { state.open.delete(f.id); } else { state.open.add(f.id); }
      var fresh = row(f);
      var next = tr.nextSibling;
      if (next && next.classList && next.classList.contains("detail")) { tbody.removeChild(next); }
      tbody.replaceChild(fresh[0], tr);
      if (fresh[1]) { tbody.insertBefore(fresh[1], fresh[0].nextSibling); }
    });
    var c0 = el("td");
    c0.appendChild(b);
    tr.appendChild(c0);
    var c1 = el("td");
    c1.appendChild(badge(f.outcome));
    tr.appendChild(c1);
    tr.appendChild(el("td", null, f.rule));
    tr.appendChild(el("td", null, f.country));
    tr.appendChild(el("td", null, f.recipient));
    tr.appendChild(el("td", "num", typeof f.amount === "number" ? usd.format(f.amount) : ""));
    tr.appendChild(el("td", "num", f.fy));
    tr.appendChild(el("td", null, f.date));
    tr.appendChild(el("td", "msg", f.message));
    tr.appendChild(el("td", "num", f.score === null ? "" : f.score.toFixed(2)));
    return [tr, open ? detail(f) : null];
  }
  function render() {
    var shown = FLAGS.filter(keep).sort(compare);
    var frag = document.createDocumentFragment();
    shown.slice(0, state.limit).forEach(function (f) {
      var r = row(f);
      frag.appendChild(r[0]);
      if (r[1]) { frag.appendChild(r[1]); }
    });
    tbody.replaceChildren(frag);
    var n = Math.min(state.limit, shown.length);
    document.getElementById("count").textContent =
      "Showing " + n + " of " + shown.length + " matching flags (" + FLAGS.length + " in all).";
    var more = document.getElementById("more");
    more.hidden = shown.length <= state.limit;
    document.querySelectorAll("#flags th[data-key]").forEach(function (th) {
      if (th.dataset.key === state.key) {
        th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }
  document.querySelectorAll("#flags th[data-key] button").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var key = btn.parentNode.dataset.key;
      if (state.key === key) { state.dir = -state.dir; } else {
        state.key = key;
        state.dir = (key === "amount" || key === "outcome" || key === "score") ? -1 : 1;
      }
      render();
    });
  });
  var q = document.getElementById("q");
  q.addEventListener("input", function () { state.q = q.value; state.limit = PAGE; render(); });
  document.getElementById("more").addEventListener("click", function () {
    state.limit += PAGE;
    render();
  });
  document.getElementById("reset").addEventListener("click", function () {
    ["f-country", "f-rule", "f-outcome"].forEach(function (id) {
      document.getElementById(id).value = "";
    });
    q.value = "";
    state.q = state.country = state.rule = state.outcome = "";
    state.limit = PAGE;
    state.open.clear();
    render();
  });
  document.getElementById("expand-all").addEventListener("click", function () {
    FLAGS.filter(keep).sort(compare).slice(0, state.limit).forEach(function (f) {
      state.open.add(f.id);
    });
    render();
  });
  window.addEventListener("beforeprint", function () { state.limit = FLAGS.length; render(); });
  render();
})();
</script>
</body>
</html>
"""

register("html", write_html)
