"""`conditionality explain ALLOCATION_ID`: for every rule, why it fired or did not.

Built from the engine's own parts on a one-row allocation frame: each condition of
`applies_to` and `when` is evaluated and shown with its result (true, false, unknown) and the
allocation's value; `evaluate_rule` gives the outcome, evidence and exceptions; list joins
show the list rows for the country; evidence joins show the matched records (and which
`where` conditions they failed) and the names that came close below the review band.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

from conditionality.engine import evaluate_rule, prepare_allocations
from conditionality.lang import joins
from conditionality.lang.conditions import All, Any_, ColumnCondition, Condition, Not
from conditionality.lang.loader import RulePack, load_rules
from conditionality.lang.model import Rule
from conditionality.lang.scope import RuleState, RunContext, Scope
from conditionality.matching import Bands, match_names
from conditionality.review.errors import ExplainError  # noqa: F401 (re-exported)

NEAR_MISS_FLOOR = 0.6  # names scoring from here up to the rule's review band are shown
NEAR_MISS_MAX = 5
ALLOCATION_SHOWN = [
    "allocation_id",
    "recipient_country",
    "recipient_name",
    "recipient_parent",
    "recipient_type",
    "agency",
    "account",
    "category",
    "fiscal_year",
    "amount_usd",
    "start_date",
    "end_date",
    "allocation_date",
    "transaction_type",
    "_file",
    "_sheet",
    "_row",
]


def _plain(value: Any) -> Any:
    from conditionality.reports.model import plain

    if isinstance(value, list):
        return [_plain(v) for v in value]
    return plain(value)


def _result(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "unknown"
    return "true" if bool(value) else "false"


def _describe(cond: Condition) -> str:
    if isinstance(cond, All):
        return "all of"
    if isinstance(cond, Any_):
        return "any of"
    if isinstance(cond, Not):
        return "not"
    if isinstance(cond, ColumnCondition):
        right = cond.ref if cond.ref is not None else cond.value
        shown = "" if right is None else f" {right}"
        return f"{cond.column} {cond.op}{shown}"
    if isinstance(cond, joins.InList):
        vals = f" with value {cond.in_list.values}" if cond.in_list.values else ""
        return f"country on list '{cond.in_list.list_}' at the allocation date{vals}"
    if isinstance(cond, joins.ListValue):
        lv = cond.list_value
        latest = " (latest on or before the date)" if lv.latest else ""
        return f"list '{lv.list_}' value {lv.op} {lv.value}{latest}"
    if isinstance(cond, joins.Evidence):
        ev = cond.evidence
        return (
            f"evidence in {ev.dataset} (match at or above {ev.bands.review}; "
            f"at or above {ev.bands.high} keeps the rule's outcome)"
        )
    return cond.key


def condition_tree(cond: Condition, scope: Scope, depth: int = 0) -> list[dict[str, Any]]:
    """Each node of a condition: its depth, text, result per row of the scope and the value
    of the column it reads (column conditions)."""
    quiet = Scope(scope.frame, scope.kind, scope.run, RuleState(scope.frame.index, collect=False))
    result = cond.evaluate(quiet)
    node: dict[str, Any] = {"depth": depth, "text": _describe(cond), "result": result}
    if isinstance(cond, ColumnCondition):
        with contextlib.suppress(KeyError):
            node["value"] = scope.column(cond.column)
    out = [node]
    if isinstance(cond, joins.Evidence | joins.InList | joins.ListValue):
        return out
    for child in cond.children():
        out.extend(condition_tree(child, scope, depth + 1))
    return out


def _tree_rows(tree: list[dict[str, Any]], i: int = 0) -> list[dict[str, Any]]:
    """The tree for row position i, as JSON-ready dicts."""
    rows = []
    for node in tree:
        row = {
            "depth": node["depth"],
            "condition": node["text"],
            "result": _result(node["result"].iloc[i]),
        }
        if "value" in node:
            row["value"] = _plain(node["value"].iloc[i])
        rows.append(row)
    return rows


def _join_nodes(cond: Condition | None) -> list[Condition]:
    if cond is None:
        return []
    if isinstance(cond, joins.Evidence | joins.InList | joins.ListValue):
        return [cond]
    return [n for c in cond.children() for n in _join_nodes(c)]


def _list_detail(cond: joins.InList | joins.ListValue, scope: Scope) -> dict[str, Any]:
    name = cond.in_list.list_ if isinstance(cond, joins.InList) else cond.list_value.list_
    row = scope.frame.iloc[0]
    country, date = row["recipient_country"], row["allocation_date"]
    rows = joins._list_rows(scope, name)
    if rows is None:
        return {"list": name, "note": "no country_status table supplied", "rows": []}
    mine = rows[rows["country"].astype("string").eq(str(country)).fillna(False).to_numpy()]
    covers = (mine["valid_from"] <= date) & (mine["valid_to"].isna() | (date <= mine["valid_to"]))
    shown = mine.assign(covers_date=covers.to_numpy(dtype=bool))
    cols = ["status_id", "country", "list", "value", "valid_from", "valid_to", "waiver", "source"]
    recs = [
        {k: _plain(v) for k, v in r.items()}
        for r in shown[[c for c in [*cols, "covers_date"] if c in shown]].to_dict("records")
    ]
    day = "?" if pd.isna(date) else pd.Timestamp(date).strftime("%Y-%m-%d")
    if rows.empty:
        note = f"country_status has no rows for list '{name}'"
    elif mine.empty:
        note = f"no '{name}' entry for {country} at all"
    elif not covers.any():
        note = f"no '{name}' entry for {country} covers {day}"
    else:
        hits = mine[covers.to_numpy(dtype=bool)]
        listed = ", ".join(
            f"{r['status_id']} (value {r['value']})" for r in hits.to_dict("records")
        )
        note = f"'{name}' entry for {country} covering {day}: {listed}"
    return {"list": name, "note": note, "rows": recs}


def _evidence_detail(cond: joins.Evidence, scope: Scope) -> dict[str, Any]:
    spec = cond.evidence
    out: dict[str, Any] = {"dataset": spec.dataset, "matched": [], "near_misses": []}
    found = joins.candidates_for(scope, spec.dataset)
    if found is None:
        out["note"] = f"no {spec.dataset} supplied"
        return out
    # every record the name matched, before `where`
    bare = cond.model_copy(update={"evidence": spec.model_copy(update={"where": None})})
    state = RuleState(scope.frame.index)
    bare.evaluate(Scope(scope.frame, "allocation", scope.run, state))
    hits = pd.concat(state.hits, ignore_index=True) if state.hits else pd.DataFrame()
    if len(hits):
        hits = hits.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
        pair = Scope(hits, "pair", scope.run, RuleState(hits.index, collect=False))
        tree = condition_tree(spec.where, pair) if spec.where is not None else []
        for i in range(len(hits)):  # matched records of one allocation: a handful
            h = hits.iloc[i]
            where_rows = _tree_rows(tree, i) if tree else []
            out["matched"].append(
                {
                    "record_id": _plain(h["record_id"]),
                    "candidate_name": _plain(h.get("candidate_name")),
                    "score": _plain(h.get("score")),
                    "band": _plain(h.get("band")),
                    "relation": _plain(h.get("relation")),
                    "explanation": _plain(h.get("explanation")),
                    "where": where_rows[0]["result"] if where_rows else "true",
                    "where_failed": [
                        r for r in where_rows if r["result"] != "true" and r["depth"] > 0
                    ]
                    or [r for r in where_rows if r["result"] != "true"],
                }
            )
    # names that came close but scored below the review band
    candidates, bearers = found
    queries = joins.query_names(scope.frame)
    if len(queries) and len(candidates):
        low = Bands(high=spec.bands.high, review=min(NEAR_MISS_FLOOR, spec.bands.review))
        pairs = match_names(queries, candidates, low, aliases=scope.run.aliases)
        near = pairs[pd.to_numeric(pairs["score"]) < spec.bands.review]
        if len(near):
            table = scope.run.tables[spec.dataset]
            assert table is not None
            src = joins.EVIDENCE_SOURCES[spec.dataset]
            recs = table.reset_index(drop=True)[src.id_col].astype("string")
            near = near.merge(bearers, on="cid").assign(record_id=lambda d: d["_rec"].map(recs))
            near = near.sort_values("score", ascending=False, kind="stable")
            near = near.drop_duplicates("record_id").head(NEAR_MISS_MAX)
            out["near_misses"] = [
                {
                    "record_id": _plain(r["record_id"]),
                    "candidate_name": _plain(r["candidate_name"]),
                    "score": _plain(r["score"]),
                    "explanation": _plain(r["explanation"]),
                }
                for r in near.to_dict("records")
            ]
    return out


def _effective(rule: Rule, date: Any) -> str | None:
    """Why the rule's effective period excludes the date, or None."""
    if pd.isna(date):
        return None
    day = pd.Timestamp(date).date()
    if rule.effective.from_ and day < rule.effective.from_:
        return f"the allocation date {day} is before the rule takes effect ({rule.effective.from_})"
    if rule.effective.to and day > rule.effective.to:
        return f"the allocation date {day} is after the rule's end ({rule.effective.to})"
    return None


def explain_rule(rule: Rule, one: pd.DataFrame, run: RunContext) -> dict[str, Any]:
    """Why one rule fired or did not for a one-row allocation frame."""
    result = evaluate_rule(rule, one, run)
    scope = Scope(one, "allocation", run, RuleState(one.index, collect=False))
    applies = condition_tree(rule.applies_to, scope) if rule.applies_to is not None else []
    when = condition_tree(rule.when, scope) if rule.when is not None else []
    out: dict[str, Any] = {
        "rule_id": rule.id,
        "version": rule.version,
        "title": rule.title,
        "citation": rule.authority.citation,
        "applies_to": _tree_rows(applies),
        "when": _tree_rows(when),
    }
    applies_result = applies[0]["result"].iloc[0] if applies else True
    when_result = when[0]["result"].iloc[0] if when else True
    not_effective = _effective(rule, one["allocation_date"].iloc[0])
    if len(result.findings):
        f = result.findings.iloc[0]
        outcome = str(f["outcome"])
        out["status"] = "not_evaluated" if outcome == "not_evaluated" else "fired"
        out["outcome"] = outcome
        out["reason"] = _plain(f["reason"])
        out["exception"] = _plain(f["exception"])
        out["message"] = _plain(f["message"])
        ev = result.evidence
        cols = ["dataset", "record_id", "record_outcome", "exception", "where", "score", "band"]
        cols += ["relation", "candidate_name", "explanation", "name", "value", "date"]
        cols += ["credibility", "remediation", "source"]
        out["evidence"] = [
            {k: _plain(v) for k, v in r.items() if _plain(v) is not None}
            for r in ev[[c for c in cols if c in ev]].to_dict("records")
        ]
        out["exceptions_applied"] = sorted(
            {str(x) for x in ev["exception"].dropna().tolist()}
            | ({str(f["exception"])} if _plain(f["exception"]) else set())
        )
    elif not_effective:
        out["status"] = "not_effective"
        out["reason"] = not_effective
    elif _result(applies_result) != "true":
        out["status"] = "outside_scope"
        failing = [r for r in out["applies_to"] if r["result"] != "true" and r["depth"] > 0]
        out["reason"] = "outside applies_to: " + (
            "; ".join(_node_text(r) for r in failing) or _node_text(out["applies_to"][0])
        )
    else:
        out["status"] = "did_not_fire"
        failing = [r for r in out["when"] if r["result"] != "true" and r["depth"] > 0]
        out["reason"] = (
            "when is "
            + _result(when_result)
            + (": " + "; ".join(_node_text(r) for r in failing) if failing else "")
        )
    out["lists"] = [
        _list_detail(n, scope)
        for n in _join_nodes(rule.when) + _join_nodes(rule.applies_to)
        if isinstance(n, joins.InList | joins.ListValue)
    ]
    out["evidence_search"] = [
        _evidence_detail(n, scope)
        for n in _join_nodes(rule.when) + _join_nodes(rule.applies_to)
        if isinstance(n, joins.Evidence)
    ]
    if out["status"] == "did_not_fire":
        out["reason"] += _join_summary(out)
    return out


def _join_summary(out: dict[str, Any]) -> str:
    """Why the joins found nothing, in words: no match, matches below the band, records
    failing `where`, no list entry for the date."""
    bits = []
    for e in out["evidence_search"]:
        if e.get("note"):
            bits.append(e["note"])
        elif not e["matched"]:
            near = e["near_misses"]
            bits.append(
                f"no {e['dataset']} record matches the recipient"
                + (
                    f" (closest below the band: {near[0]['record_id']} "
                    f"{near[0]['candidate_name']!r}, score {near[0]['score']})"
                    if near
                    else ""
                )
            )
        else:
            failed = [m["record_id"] for m in e["matched"] if m["where"] != "true"]
            if failed:
                bits.append(f"{len(failed)} matched record(s) fail the where conditions")
    for lst in out["lists"]:
        bits.append(lst["note"])
    return (" (" + "; ".join(bits) + ")") if bits else ""


def _node_text(r: dict[str, Any]) -> str:
    value = f" [value: {r['value']!r}]" if "value" in r else ""
    return f"{r['condition']} is {r['result']}{value}"


def explain(
    allocation_id: str,
    aid: Any,
    abuses: Any = None,
    country_status: Any = None,
    entities: Any = None,
    *,
    rules: Any = None,
    as_of: str | dt.date | None = None,
    params: dict[str, dict[str, Any]] | None = None,
    aliases: pd.DataFrame | None = None,
    transaction_types: Sequence[str] = ("obligation",),
    read_options: dict[str, Any] | None = None,
    rule_ids: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Why each rule fired or did not for one allocation (JSON-ready)."""
    from conditionality.api import _paths, read_inputs

    as_of_ts = pd.Timestamp(as_of or dt.date.today()).normalize()
    pack: RulePack = load_rules(_paths(rules) or None, params=params)
    alloc_read, tables = read_inputs(aid, abuses, country_status, entities, read_options)
    allocations = prepare_allocations(alloc_read.table)
    ids = allocations["allocation_id"].astype("string")
    one = allocations[ids.eq(allocation_id).fillna(False).to_numpy()]
    if one.empty:
        close = ids[ids.str.casefold().eq(allocation_id.casefold()).fillna(False)]
        hint = f"; did you mean {close.iloc[0]!r}?" if len(close) else ""
        rejected = alloc_read.rejected
        note = (
            f"; {len(rejected)} allocation rows could not be read (see the check report)"
            if len(rejected)
            else ""
        )
        raise ExplainError(
            f"no allocation with id {allocation_id!r} in the --aid files{hint}{note}"
        )
    duplicates = len(one)
    one = one.iloc[:1].reset_index(drop=True)
    run = RunContext(
        tables={"allocations": one, **{k: (v.table if v else None) for k, v in tables.items()}},
        as_of=as_of_ts,
        aliases=aliases,
    )
    ttype = str(one["transaction_type"].astype("string").fillna("obligation").iloc[0])
    checked = ttype.casefold() in [t.casefold() for t in transaction_types]
    wanted = set(rule_ids or [])
    unknown = wanted - {r.id for r in pack.rules}
    if unknown:
        raise ExplainError(f"no rule {', '.join(sorted(unknown))} in the rule pack")
    results = [explain_rule(r, one, run) for r in pack.rules if not wanted or r.id in wanted]
    shown = [c for c in ALLOCATION_SHOWN if c in one]
    return {
        "allocation": {c: _plain(one[c].iloc[0]) for c in shown},
        "as_of": as_of_ts.strftime("%Y-%m-%d"),
        "transaction_type": ttype,
        "checked_by_check": checked,
        "duplicates": duplicates,
        "supplied": {k: v is not None for k, v in tables.items()},
        "rules": results,
    }


STATUS_TEXT = {
    "fired": "FIRED",
    "not_evaluated": "NOT EVALUATED",
    "not_effective": "not in effect",
    "outside_scope": "outside applies_to",
    "did_not_fire": "did not fire",
}


def render_text(doc: dict[str, Any]) -> str:
    a = doc["allocation"]
    out = [
        f"Allocation {a.get('allocation_id')} ({a.get('_file')}"
        + (f", sheet {a['_sheet']}" if a.get("_sheet") else "")
        + f", row {a.get('_row')}); as of {doc['as_of']}",
        "  "
        + "; ".join(f"{k}={a[k]}" for k in ALLOCATION_SHOWN[1:14] if k in a and a[k] is not None),
    ]
    if not doc["checked_by_check"]:
        out.append(
            f"  note: transaction type {doc['transaction_type']!r} is not checked by "
            "`check` with these --transaction-types; shown as if it were"
        )
    if doc["duplicates"] > 1:
        out.append(f"  note: {doc['duplicates']} rows have this id; the first is explained")
    missing = [k for k, v in doc["supplied"].items() if not v]
    if missing:
        out.append(f"  not supplied: {', '.join(missing)}")
    for r in doc["rules"]:
        out.append("")
        head = f"{r['rule_id']} v{r['version']}: {STATUS_TEXT[r['status']]}"
        if r["status"] in ("fired", "not_evaluated"):
            head += f" -> {r['outcome']}"
        out.append(head)
        if r.get("reason"):
            out.append(f"  {r['reason']}")
        if r["status"] == "fired" and r.get("message"):
            out.append(f"  message: {r['message']}")
        for label in ("applies_to", "when"):
            if r[label] and (r["status"] != "outside_scope" or label == "applies_to"):
                out.append(f"  {label}:")
                for n in r[label]:
                    value = f"  [value: {n['value']!r}]" if "value" in n else ""
                    indent = "    " + "  " * n["depth"]
                    out.append(f"{indent}[{n['result']}] {n['condition']}{value}")
        if r["status"] == "outside_scope":
            continue
        for e in r.get("evidence", []):
            bits = [f"{e.get('dataset')}:{e.get('record_id')} -> {e.get('record_outcome')}"]
            if e.get("score") is not None:
                bits.append(f"score {e['score']} ({e.get('band')}, {e.get('relation')})")
            for k in ("name", "value", "date", "credibility", "remediation"):
                if e.get(k) is not None:
                    bits.append(f"{k} {e[k]}")
            if e.get("exception"):
                bits.append(f"exception {e['exception']}")
            out.append("  evidence: " + "; ".join(bits))
            if e.get("explanation"):
                out.append(f"    match: {e['explanation']}")
        if r.get("exceptions_applied"):
            out.append(f"  exceptions applied: {', '.join(r['exceptions_applied'])}")
        for lst in r["lists"]:
            out.append(f"  list {lst['list']}: {lst['note']}")
            for row in lst["rows"]:
                mark = "*" if row.get("covers_date") else " "
                out.append(
                    f"   {mark} {row.get('status_id')}: {row.get('value')} "
                    f"{row.get('valid_from')} to {row.get('valid_to') or 'open'}"
                    f" (waiver {row.get('waiver')})"
                )
        if r["status"] == "fired":
            continue
        for e in r["evidence_search"]:
            if e.get("note"):
                out.append(f"  {e['dataset']}: {e['note']}")
                continue
            for m in e["matched"]:
                out.append(
                    f"  matched {e['dataset']}:{m['record_id']} {m['candidate_name']!r} "
                    f"score {m['score']} ({m['band']}); where {m['where']}"
                )
                for w in m["where_failed"]:
                    value = f" [value: {w['value']!r}]" if "value" in w else ""
                    out.append(f"      {w['condition']} is {w['result']}{value}")
            for n in e["near_misses"]:
                out.append(
                    f"  below the band: {e['dataset']}:{n['record_id']} "
                    f"{n['candidate_name']!r} score {n['score']}"
                )
            if not e["matched"] and not e["near_misses"]:
                out.append(f"  {e['dataset']}: no record name comes close to the recipient")
    return "\n".join(out) + "\n"
