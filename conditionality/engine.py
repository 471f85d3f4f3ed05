"""The engine: every rule over all allocations at once, as masks, merges and group-bys.

Per rule: `applies_to` and `when` give a nullable boolean per allocation (Kleene logic).
True fires the rule; NA means the rule could not decide (blank data -> `on_missing`, missing
list or evidence table -> `not_evaluated`); False is clear and leaves no row. Evidence rows
found by joins are graded one by one and the most severe outcome wins.
The input frames are never modified: findings are separate tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from conditionality.lang.conditions import Condition
from conditionality.lang.joins import MATCH_FIELDS
from conditionality.lang.model import Rule
from conditionality.lang.operators import BOOL, is_blank_mask
from conditionality.lang.scope import ALLOC_PREFIX, RuleState, RunContext, Scope
from conditionality.render import render_template
from conditionality.schema import SEVERITY

SEVERITY_NAME = {v: k for k, v in SEVERITY.items()}
CONTEXT_COLUMNS = [
    "recipient_country",
    "recipient_name",
    "recipient_type",
    "agency",
    "account",
    "category",
    "fiscal_year",
    "amount_usd",
    "allocation_date",
    "start_date",
    "end_date",
    "_file",
    "_sheet",
    "_row",
]
FINDING_COLUMNS = [
    "finding_id",
    "rule_id",
    "rule_version",
    "allocation_id",
    "outcome",
    "message",
    "reason",
    "exception",
    "citation",
    "authority_url",
    "evidence_count",
    "evidence_ids",
    "top_score",
    *CONTEXT_COLUMNS,
]
EVIDENCE_DETAIL = {
    "name": ["perpetrator_name", "name", "list"],
    "value": ["violation_type", "value", "program"],
    "date": ["event_date", "listed_date", "valid_from"],
    "credibility": ["credibility"],
    "remediation": ["remediation", "waiver"],
    "source": ["source"],
    "source_url": ["source_url"],
}
EVIDENCE_COLUMNS = [
    "finding_id",
    "rule_id",
    "allocation_id",
    "dataset",
    "record_id",
    "record_outcome",
    "exception",
    "where",
    *MATCH_FIELDS,
    *EVIDENCE_DETAIL,
]


def fiscal_year_start(fy: pd.Series) -> pd.Series:
    """U.S. fiscal year N starts on 1 October of year N-1."""
    years = pd.to_numeric(fy, errors="coerce") - 1
    text = years.astype("Int64").astype("string") + "-10-01"
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")


def prepare_allocations(allocations: pd.DataFrame) -> pd.DataFrame:
    """A copy with the derived `allocation_date`: start date, else the fiscal year's start."""
    start = pd.to_datetime(allocations["start_date"], errors="coerce")
    date = start.fillna(fiscal_year_start(allocations["fiscal_year"]))
    return allocations.assign(allocation_date=date).reset_index(drop=True)


@dataclass
class RuleResult:
    findings: pd.DataFrame
    evidence: pd.DataFrame
    stats: dict[str, Any] = field(default_factory=dict)


def _effective(rule: Rule, dates: pd.Series) -> pd.Series:
    ok = pd.Series(True, index=dates.index)
    if not (rule.effective.from_ or rule.effective.to):
        return ok.astype(BOOL)  # no period: an undated allocation is still in effect
    if rule.effective.from_:
        ok &= dates >= pd.Timestamp(rule.effective.from_)
    if rule.effective.to:
        ok &= dates <= pd.Timestamp(rule.effective.to)
    return ok.astype(BOOL).mask(dates.isna(), pd.NA)


def _allocation_columns(cond: Condition | None) -> set[str]:
    return set() if cond is None else cond.columns()


def _blank_reason(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """'blank: category, recipient_type' for each row, naming its blank columns."""
    out = pd.Series("", index=frame.index, dtype="string")
    for col in columns:
        if col not in frame:
            continue
        sep = out.where(out.eq(""), ", ").fillna("")
        out = out + (sep + col).where(is_blank_mask(frame[col]), "")
    return out


def _with_allocation_columns(rule: Rule, hits: pd.DataFrame, f: pd.DataFrame) -> pd.DataFrame:
    """Add the allocation columns (`allocation.X`) that grades and evidence exceptions read,
    for the cited evidence rows only."""
    conds = [g.when for g in rule.grades] + [
        e.when for e in rule.exceptions if e.scope == "evidence"
    ]
    names: set[str] = set()
    for c in conds:
        names |= {n[len(ALLOC_PREFIX) :] for n in c.columns() if n.startswith(ALLOC_PREFIX)}
    missing = sorted(n for n in names & set(f.columns) if ALLOC_PREFIX + n not in hits)
    if not missing:
        return hits
    extra = f.loc[hits["_alloc"].to_numpy(), missing].reset_index(drop=True)
    extra.columns = [ALLOC_PREFIX + c for c in missing]
    return pd.concat([hits.reset_index(drop=True), extra], axis=1)


def _grade_hits(rule: Rule, hits: pd.DataFrame, run: RunContext, state: RuleState) -> pd.DataFrame:
    """Outcome per evidence record: grades, then score band and hierarchy caps, then
    evidence-scope exceptions."""
    hits = hits.reset_index(drop=True)
    scope = Scope(hits, "pair", run, RuleState(hits.index, collect=False))
    severity = pd.Series(SEVERITY[rule.outcome], index=hits.index)
    decided = pd.Series(False, index=hits.index)
    for grade in rule.grades:
        m = grade.when.evaluate(scope)
        take = ~decided & m.fillna(False).astype(bool)
        unknown = ~decided & m.isna()
        severity = severity.mask(take, SEVERITY[grade.outcome])
        severity = severity.mask(unknown, SEVERITY[rule.on_missing])
        decided |= take | unknown
    review = SEVERITY["review"]
    capped = pd.Series(False, index=hits.index)
    if "band" in hits:
        capped |= hits["band"].astype("string").eq("review").fillna(False).astype(bool)
    if "relation" in hits:
        rel = hits["relation"].astype("string")
        capped |= (rel.notna() & rel.ne("same")).fillna(False).astype(bool)
    severity = severity.mask(capped & (severity > review), review)
    exception = pd.Series(pd.NA, index=hits.index, dtype="string")
    for exc in rule.exceptions:
        if exc.scope != "evidence":
            continue
        m = exc.when.evaluate(scope).fillna(False).astype(bool) & exception.isna()
        m &= severity > SEVERITY[exc.outcome]  # an exception relaxes, never tightens
        severity = severity.mask(m, SEVERITY[exc.outcome])
        exception = exception.mask(m, exc.id)
    return hits.assign(_severity=severity, _exception=exception)


def _join_groups(values: pd.Series, keys: pd.Series, sep: str, distinct: bool = False) -> pd.Series:
    """`sep`-joined values per key (in order; sorted and distinct with `distinct`). Keys with
    one value, the usual case, take no Python call."""
    values = values.astype("string")
    dup = keys.duplicated(keep=False).to_numpy()
    out = pd.Series(values[~dup].to_numpy(), index=keys[~dup].to_numpy(), dtype="string")
    if dup.any():
        many = values[dup].groupby(keys[dup].to_numpy(), sort=False)
        how = (lambda s: sep.join(sorted(set(s)))) if distinct else sep.join
        joined = many.agg(how)
        out = pd.concat([out, joined.astype("string")])
    return out


def _first(hits: pd.DataFrame, names: list[str]) -> pd.Series:
    out = pd.Series(pd.NA, index=hits.index, dtype="object")
    for n in names:
        if n in hits:
            col = hits[n]
            if pd.api.types.is_datetime64_any_dtype(col):
                col = col.dt.strftime("%Y-%m-%d")
            out = out.where(out.notna(), col.astype("object"))
    return out


def evaluate_rule(rule: Rule, allocations: pd.DataFrame, run: RunContext) -> RuleResult:
    """All findings of one rule. `allocations` comes from `prepare_allocations`."""
    f = allocations
    index = f.index
    state = RuleState(index)
    scope = Scope(f, "allocation", run, state)
    applies = _effective(rule, f["allocation_date"])
    if rule.applies_to is not None:
        applies = applies & rule.applies_to.evaluate(scope)
    fire = applies
    if rule.when is not None:
        open_rows = applies.fillna(True).astype(bool)
        sub = Scope(f[open_rows.to_numpy()], "allocation", run, state)
        when = rule.when.evaluate(sub).reindex(index)
        fire = applies & when.astype(BOOL)
    fired = fire.fillna(False).astype(bool)
    unknown = fire.isna()

    severity = pd.Series(np.where(fired, SEVERITY[rule.outcome], -1), index=index)
    exception = pd.Series(pd.NA, index=index, dtype="string")
    hits = pd.concat(state.hits, ignore_index=True) if state.hits else pd.DataFrame()
    if len(hits):
        keep = hits["_alloc"].map(fired | unknown).fillna(False).astype(bool)
        hits = hits[keep.to_numpy()].reset_index(drop=True)
    if len(hits):
        hits = _with_allocation_columns(rule, hits, f)
        hits = _grade_hits(rule, hits, run, state)
        counted = hits["_where"].eq("true") & hits["_alloc"].map(fired).astype(bool)
        best = hits[counted.to_numpy()].groupby("_alloc")["_severity"].max()
        severity = severity.mask(best.reindex(index).notna() & fired, best.reindex(index))
        # An exception is named on the finding only where it decided the outcome.
        decisive = hits["_severity"].eq(hits["_alloc"].map(best)).to_numpy()
        ex_rows = hits[counted.to_numpy() & decisive & hits["_exception"].notna().to_numpy()]
        exc_ids = _join_groups(ex_rows["_exception"], ex_rows["_alloc"], ";", distinct=True)
        exception = exception.fillna(exc_ids.reindex(index).astype("string"))
    for exc in rule.exceptions:
        if exc.scope != "allocation":
            continue
        m = exc.when.evaluate(scope).fillna(False).astype(bool) & fired
        m &= severity > SEVERITY[exc.outcome]
        severity = severity.mask(m, SEVERITY[exc.outcome])
        exception = exception.mask(m, exc.id)

    outcome = severity.map(SEVERITY_NAME).astype("object")
    not_eval = unknown & state.not_evaluated
    on_missing = unknown & ~state.not_evaluated
    outcome = outcome.mask(not_eval, "not_evaluated").mask(on_missing, rule.on_missing)
    flagged = outcome.notna()

    cols = sorted(
        (_allocation_columns(rule.applies_to) | _allocation_columns(rule.when)) & set(f.columns)
    )
    reason = pd.Series(pd.NA, index=index, dtype="string")
    reason = reason.mask(not_eval, "not evaluated: " + state.reasons.fillna("missing reference"))
    blanks = _blank_reason(f, cols)
    has_unknown_ev = pd.Series(False, index=index)
    if len(hits):
        unk = hits[hits["_where"].eq("unknown").to_numpy()]["_alloc"].unique()
        has_unknown_ev = pd.Series(index.isin(unk), index=index)
    missing_text = ("cannot be decided: blank " + blanks).where(
        blanks.ne(""), "cannot be decided: matched evidence has blank fields"
    )
    missing_text = missing_text.where(blanks.ne("") | has_unknown_ev, "cannot be decided")
    reason = reason.mask(on_missing, missing_text)

    rows = f[flagged.to_numpy()]
    out = _findings_frame(rule, rows, outcome[flagged], reason[flagged], exception[flagged])
    ev = _evidence_frame(rule, hits, out)
    out = _attach_evidence(rule, out, ev, rows, hits)
    stats = {
        "rule_id": rule.id,
        "applied": int(applies.fillna(False).sum()),
        "undecided_scope": int(applies.isna().sum()),
        "flagged": int(out["outcome"].isin(["prohibited", "restricted", "review"]).sum()),
        "dollars_flagged": float(
            out.loc[out["outcome"].isin(["prohibited", "restricted", "review"]), "amount_usd"].sum()
        ),
    }
    for name in SEVERITY:
        stats[name] = int((out["outcome"] == name).sum())
    return RuleResult(out, ev, stats)


def _findings_frame(
    rule: Rule, rows: pd.DataFrame, outcome: pd.Series, reason: pd.Series, exception: pd.Series
) -> pd.DataFrame:
    data: dict[str, Any] = {
        "finding_id": (rule.id + ":" + rows["allocation_id"].astype(str)).to_numpy(),
        "rule_id": rule.id,
        "rule_version": rule.version,
        "allocation_id": rows["allocation_id"].astype(str).to_numpy(),
        "outcome": outcome.to_numpy(),
        "message": "",
        "reason": pd.array(reason.to_numpy(), dtype="string"),
        "exception": pd.array(exception.to_numpy(), dtype="string"),
        "citation": rule.authority.citation,
        "authority_url": rule.authority.url,
        "evidence_count": 0,
        "evidence_ids": "",
        "top_score": np.nan,
        "_alloc": rows.index.to_numpy(),
    }
    for col in CONTEXT_COLUMNS:
        data[col] = rows[col].to_numpy() if col in rows else pd.NA
    return pd.DataFrame(data)


def _evidence_frame(rule: Rule, hits: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    if hits.empty or findings.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in EVIDENCE_COLUMNS})
    ids = findings.set_index("_alloc")[["finding_id", "allocation_id"]]
    h = hits[hits["_alloc"].isin(ids.index).to_numpy()]
    data: dict[str, Any] = {
        "finding_id": h["_alloc"].map(ids["finding_id"]).to_numpy(),
        "rule_id": rule.id,
        "allocation_id": h["_alloc"].map(ids["allocation_id"]).to_numpy(),
        "dataset": h["dataset"].to_numpy(),
        "record_id": h["record_id"].astype(str).to_numpy(),
        "record_outcome": h["_severity"].map(SEVERITY_NAME).to_numpy(),
        "exception": pd.array(h["_exception"].to_numpy(), dtype="string"),
        "where": h["_where"].to_numpy(),
        "_severity": h["_severity"].to_numpy(),
        "_alloc": h["_alloc"].to_numpy(),
    }
    for col in MATCH_FIELDS:
        data[col] = h[col].to_numpy() if col in h else pd.NA
    for col, names in EVIDENCE_DETAIL.items():
        data[col] = _first(h, names).to_numpy()
    ev = pd.DataFrame(data)
    score = pd.to_numeric(ev["score"], errors="coerce").fillna(-1)
    ev = ev.assign(_score=score).sort_values(
        ["finding_id", "_severity", "_score", "dataset", "record_id"],
        ascending=[True, False, False, True, True],
        kind="stable",
    )
    return ev.drop(columns=["_score"]).reset_index(drop=True)


def _attach_evidence(
    rule: Rule, findings: pd.DataFrame, ev: pd.DataFrame, rows: pd.DataFrame, hits: pd.DataFrame
) -> pd.DataFrame:
    """Evidence counts and ids on each finding, and its message (from the top record)."""
    if findings.empty:
        return findings.drop(columns=["_alloc"])
    top_fields = pd.DataFrame(index=findings.index)
    if len(ev):
        # a record matched through several of its names (aliases) is one piece of evidence
        records = ev.drop_duplicates(["finding_id", "dataset", "record_id"])
        refs = _join_groups(
            records["dataset"] + ":" + records["record_id"], records["finding_id"], "; "
        )
        count = records.groupby("finding_id").size()
        top = ev.drop_duplicates("finding_id").set_index("finding_id")
        findings = findings.assign(
            evidence_ids=findings["finding_id"].map(refs).fillna(""),
            evidence_count=findings["finding_id"].map(count).fillna(0).astype(int),
            top_score=pd.to_numeric(findings["finding_id"].map(top["score"]), errors="coerce"),
        )
        top_hits = hits.assign(_fid=hits["_alloc"].map(findings.set_index("_alloc")["finding_id"]))
        top_hits = top_hits.assign(_s=pd.to_numeric(top_hits.get("score"), errors="coerce"))
        top_hits = top_hits.sort_values(
            ["_fid", "_severity", "_s", "record_id"],
            ascending=[True, False, False, True],
            kind="stable",
        ).drop_duplicates("_fid")
        top_fields = findings[["finding_id"]].merge(
            top_hits, left_on="finding_id", right_on="_fid", how="left"
        )
        top_fields.index = findings.index
    alloc = rows.reset_index(drop=True)
    alloc.index = findings.index
    message = render_template(
        rule.message,
        {
            "allocation": alloc,
            "evidence": top_fields,
            "rule": {
                "id": rule.id,
                "title": rule.title,
                "version": str(rule.version),
                "citation": rule.authority.citation,
            },
        },
        findings.index,
    )
    prefix = (
        findings["outcome"]
        .map({"not_evaluated": "Not evaluated: ", "waived": "Waived: "})
        .fillna("")
    )
    reason = findings["reason"].astype("string")
    undecided = reason.notna() & findings["outcome"].ne("not_evaluated")
    bare = render_template(
        "{allocation.allocation_id} to {allocation.recipient_name} ({allocation.recipient_country}"
        ", {allocation.amount_usd}): ",
        {"allocation": alloc},
        findings.index,
    )
    with_ev = findings["evidence_count"].gt(0)
    message = message.where(
        ~undecided,
        ("Undecided (" + reason + "): " + message).where(
            with_ev, "Undecided: " + bare + reason + " [" + rule.title + "]"
        ),
    )
    message = message.where(findings["outcome"].ne("not_evaluated"), prefix + reason.fillna(""))
    message = message.where(findings["outcome"].ne("waived"), prefix + message)
    return findings.assign(message=message.to_numpy()).drop(columns=["_alloc"])


def empty_findings() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in FINDING_COLUMNS})


def empty_evidence() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in EVIDENCE_COLUMNS})


def prematch(pack: Any, allocations: pd.DataFrame, run: RunContext) -> None:
    """Match the run's distinct names against every evidence table the rules join, once, and
    keep the match tables in the run's cache (the rules then only look them up)."""
    from conditionality.lang.joins import Evidence, candidates_for

    scope = Scope(allocations, "allocation", run, RuleState(allocations.index[:0]))

    def walk(cond: Condition) -> None:
        if isinstance(cond, Evidence):
            found = candidates_for(scope, cond.evidence.dataset)
            if found is not None:
                cond._matches(scope, found[0])
        for child in cond.children():
            walk(child)

    for rule in pack.rules:
        for cond in rule.conditions():
            walk(cond)
