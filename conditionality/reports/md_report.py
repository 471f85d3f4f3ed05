"""summary.md: a short summary to paste into a memo or an issue."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conditionality.api import CheckResult
from conditionality.reports import (
    clearance,  # noqa: F401  (registers "clearance")
    register,
)
from conditionality.reports.model import breakdowns
from conditionality.reports.safe import atomic_write_bytes, safe_target

FILE_NAME = "summary.md"
TOP = 10
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md(value: Any) -> str:
    """Text that renders as itself in a Markdown table cell: no links, HTML or emphasis."""
    text = "" if value is None else " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def usd(value: float) -> str:
    return f"${value:,.0f}"


def _table(headers: list[str], rows: list[list[str]], align: str) -> list[str]:
    out = ["| " + " | ".join(headers) + " |"]
    out.append("|" + "|".join(":---" if a == "l" else "---:" for a in align) + "|")
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def to_markdown(result: CheckResult) -> str:
    s, run = result.summary, result.run
    b = breakdowns(result)
    lines = [
        f"## Conditionality check, as of {md(run.get('as_of'))}",
        "",
        f"- **{s['rows_evaluated']:,}** allocations checked ({usd(s['dollars_checked'])}); "
        f"{s['rows_rejected']:,} rows were not checked ({usd(s['dollars_rejected'])}): "
        f"{s.get('rows_unreadable', s['rows_rejected']):,} could not be read, "
        f"{s.get('rows_rejected_out_of_scope', 0):,} are out of scope (e.g. subtotal lines).",
        f"- **{s['open_findings']:,}** open findings on **{b['allocations_flagged']:,}** "
        f"allocations worth **{usd(b['dollars_flagged_distinct'])}** "
        "(prohibited, restricted or review; each allocation counted once).",
        f"- {s['not_evaluated']:,} checks could not be evaluated (missing lists or data).",
        "",
        "Findings flag allocations for human review; they are not legal determinations.",
        "",
    ]
    for w in s.get("warnings", []):
        lines.insert(-1, f"- Warning: {md(w)}")
    lines += _table(
        ["Outcome", "Findings", "Dollars"],
        [
            [o["outcome"].replace("_", " "), f"{o['findings']:,}", usd(o["dollars"])]
            for o in b["by_outcome"]
        ],
        "lrr",
    )
    lines += ["", "### Rules with open findings", ""]
    rule_rows = [
        [md(x["key"]), f"{x['findings']:,}", usd(x["dollars"])] for x in b["by_rule"][:TOP]
    ]
    lines += (
        _table(["Rule", "Open findings", "Dollars"], rule_rows, "lrr") if rule_rows else ["None."]
    )
    lines += ["", f"### Top countries by flagged dollars (top {TOP})", ""]
    country_rows = [
        [md(x["key"]), f"{x['allocations']:,}", usd(x["dollars"])] for x in b["by_country"][:TOP]
    ]
    lines += (
        _table(["Country", "Allocations", "Dollars"], country_rows, "lrr")
        if country_rows
        else ["None."]
    )
    inputs = "; ".join(
        f"{md(i.get('path'))} (sha256 {str(i.get('sha256', ''))[:12]}, "
        f"{i.get('rows_read', 0):,} rows)"
        for i in run.get("inputs", [])
    )
    rules = ", ".join(f"{md(r['id'])} v{r['version']}" for r in run.get("rules", []))
    lines += [
        "",
        "### Provenance",
        "",
        f"conditionality {md(run.get('tool_version'))}; as of {md(run.get('as_of'))}; "
        f"run at {md(run.get('run_at'))} (UTC); rule pack sha256 "
        f"`{md(run.get('rule_pack_sha256'))}` ({rules}).",
        f"Inputs: {inputs}.",
        "Full details (every finding, its evidence and the options used) are in findings.json "
        "and report.xlsx.",
        "",
    ]
    return "\n".join(lines)


def write_md(result: CheckResult, out_dir: Path) -> Path:
    data = to_markdown(result).encode("utf-8")
    return atomic_write_bytes(safe_target(out_dir, FILE_NAME), data)


register("md", write_md)
