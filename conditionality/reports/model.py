"""The JSON-ready document every report format is rendered from."""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from typing import Any

import numpy as np
import pandas as pd

from conditionality.api import CheckResult
from conditionality.schema import FLAGGING

SCHEMA_VERSION = "1.0"
ALLOCATION_FIELDS = [
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
]
EVIDENCE_FIELDS = [
    "dataset",
    "record_id",
    "record_outcome",
    "exception",
    "where",
    "score",
    "band",
    "relation",
    "query_name",
    "candidate_name",
    "query_norm",
    "candidate_norm",
    "features",
    "explanation",
    "name",
    "value",
    "date",
    "credibility",
    "remediation",
    "source",
    "source_url",
]


def plain(value: Any) -> Any:
    """A JSON-safe scalar: NA -> None, timestamps -> YYYY-MM-DD, numpy -> Python."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        f = float(value)
        return None if math.isnan(f) else round(f, 6)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def records(df: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    cols = [c for c in columns if c in df.columns]
    rows = df[cols].astype("object").to_dict("records")
    return [{k: plain(v) for k, v in row.items()} for row in rows]


def document(result: CheckResult) -> dict[str, Any]:
    """findings.json as a dict: schema_version, run, summary, findings, rejected_rows."""
    ev_by_finding: dict[str, list[dict[str, Any]]] = defaultdict(list)
    ev = result.evidence
    for fid, rec in zip(ev["finding_id"].tolist(), records(ev, EVIDENCE_FIELDS), strict=True):
        ev_by_finding[fid].append({k: v for k, v in rec.items() if v is not None})
    f = result.findings
    base = records(
        f,
        [
            "finding_id",
            "allocation_id",
            "rule_id",
            "rule_version",
            "outcome",
            "message",
            "reason",
            "exception",
            "citation",
            "authority_url",
            "evidence_count",
            "top_score",
            "_file",
            "_sheet",
            "_row",
        ],
    )
    alloc = records(f, ALLOCATION_FIELDS)
    review = _review_fields(f)
    findings = []
    for row, a, rv in zip(base, alloc, review, strict=True):
        findings.append(
            {
                "id": row["finding_id"],
                "allocation_id": row["allocation_id"],
                "rule_id": row["rule_id"],
                "rule_version": row["rule_version"],
                "outcome": row["outcome"],
                "message": row["message"],
                "reason": row["reason"],
                "exception": row["exception"],
                "authority": {"citation": row["citation"], "url": row["authority_url"]},
                "allocation": a,
                "source": {"file": row["_file"], "sheet": row["_sheet"], "row": row["_row"]},
                "evidence": ev_by_finding.get(row["finding_id"], []),
                **rv,
            }
        )
    rejected = records(
        result.rejected, ["table", "file", "sheet", "row", "column", "value", "reason"]
    )
    return {
        "schema_version": SCHEMA_VERSION,
        "run": result.run,
        "summary": result.summary,
        "findings": findings,
        "rejected_rows": rejected,
    }


def _review_fields(f: pd.DataFrame) -> list[dict[str, Any]]:
    """Per finding: evidence_fingerprint, decision (or None) and open (counts for the exit
    code), from the columns conditionality.review.apply_decisions adds."""
    if "decision" not in f:
        return [{} for _ in range(len(f))]
    cols = [
        "evidence_fingerprint",
        "decision",
        "decision_reason",
        "decision_reviewer",
        "decision_date",
        "decision_expires",
        "decision_second_approver",
        "decision_stale",
        "open",
    ]
    out = []
    for r in records(f, cols):
        decision = None
        if r["decision"]:
            decision = {
                "status": r["decision"],
                "reason": r["decision_reason"],
                "reviewer": r["decision_reviewer"],
                "date": r["decision_date"],
                "expires": r["decision_expires"] or None,
                "second_approver": r["decision_second_approver"] or None,
                "stale": r["decision_stale"] or None,
            }
        out.append(
            {
                "evidence_fingerprint": r["evidence_fingerprint"],
                "decision": decision,
                "open": bool(r["open"]),
            }
        )
    return out


OUTCOMES = ("prohibited", "restricted", "review", "waived", "not_evaluated")
DECISIONS = ("confirmed", "dismissed_false_match", "accepted_with_waiver", "under_review")


def evidence_fingerprint(findings: pd.DataFrame, evidence: pd.DataFrame) -> pd.Series:
    """A short hash of what a finding rests on, aligned with `findings`' index.

    sha1 of the sorted, distinct 'dataset:record_id' of the finding's evidence joined by ';',
    then '|' and the amount with two decimals; the first 12 hex digits. A reviewer's decision
    recorded against one fingerprint no longer applies once the evidence or the amount changes.
    """
    ids: dict[str, list[str]] = defaultdict(list)
    if len(evidence):
        keys = evidence["dataset"].astype("string").fillna("") + ":"
        keys = keys + evidence["record_id"].astype("string").fillna("")
        for fid, key in zip(evidence["finding_id"].tolist(), keys.tolist(), strict=True):
            ids[str(fid)].append(str(key))
    amounts = pd.to_numeric(findings["amount_usd"], errors="coerce").tolist()
    out = []
    for fid, amount in zip(findings["finding_id"].tolist(), amounts, strict=True):
        amount_text = "" if amount is None or math.isnan(amount) else f"{amount:.2f}"
        text = ";".join(sorted(set(ids.get(str(fid), [])))) + "|" + amount_text
        out.append(hashlib.sha1(text.encode("utf-8")).hexdigest()[:12])
    return pd.Series(out, index=findings.index, dtype="object", name="evidence_fingerprint")


def open_mask(findings: pd.DataFrame) -> pd.Series:
    """True for findings that need action: prohibited, restricted or review, and not closed
    by a reviewer's decision (the `open` column, when decisions were applied)."""
    mask = findings["outcome"].isin(FLAGGING).fillna(False).astype(bool)
    if "open" in findings:
        mask &= findings["open"].fillna(False).astype(bool)
    return mask


def _breakdown(flagged: pd.DataFrame, key: str) -> list[dict[str, Any]]:
    """Per key: open findings, distinct allocations and their dollars (each allocation once)."""
    if not len(flagged):
        return []
    keys = flagged[key].astype("string").fillna("(blank)")
    frame = flagged.assign(_key=keys)
    counts = frame.groupby("_key", sort=False).agg(
        findings=("finding_id", "size"), allocations=("allocation_id", "nunique")
    )
    once = frame.drop_duplicates(["_key", "allocation_id"])
    dollars = once.groupby("_key", sort=False)["amount_usd"].sum()
    table = counts.join(dollars.rename("dollars")).reset_index()
    table = table.sort_values(["dollars", "_key"], ascending=[False, True], kind="stable")
    return [
        {
            "key": str(row["_key"]),
            "findings": int(row["findings"]),
            "allocations": int(row["allocations"]),
            "dollars": round(float(row["dollars"]), 2),
        }
        for row in table.to_dict("records")
    ]


def breakdowns(result: CheckResult) -> dict[str, Any]:
    """Flagged (open) findings and dollars by country, rule and fiscal year, plus counts by
    outcome. Dollars count each allocation once per group, so a grant flagged by two rules
    is not counted twice in a country's total (it is counted under each rule)."""
    f = result.findings
    flagged = f[open_mask(f)]
    by_year = _breakdown(flagged, "fiscal_year")
    by_year.sort(key=lambda r: r["key"])
    by_outcome = f["outcome"].value_counts()
    once = flagged.drop_duplicates("allocation_id")
    return {
        "by_outcome": [
            {
                "outcome": o,
                "findings": int(by_outcome.get(o, 0)),
                "dollars": round(float(f.loc[f["outcome"] == o, "amount_usd"].sum()), 2),
            }
            for o in OUTCOMES
        ],
        "by_country": _breakdown(flagged, "recipient_country"),
        "by_rule": _breakdown(flagged, "rule_id"),
        "by_fiscal_year": by_year,
        "allocations_flagged": int(once["allocation_id"].nunique()),
        "dollars_flagged_distinct": round(float(once["amount_usd"].sum()), 2),
    }


def provenance(result: CheckResult) -> dict[str, Any]:
    """What every report states about how it was made."""
    run = result.run
    return {
        "tool": f"{run.get('tool', 'conditionality')} {run.get('tool_version', '')}".strip(),
        "tool_version": run.get("tool_version"),
        "as_of": run.get("as_of"),
        "run_at": run.get("run_at"),
        "options": run.get("options", {}),
        "transaction_types": run.get("transaction_types", []),
        "rule_pack_sha256": run.get("rule_pack_sha256"),
        "rules": [{"id": r["id"], "version": r["version"]} for r in run.get("rules", [])],
        "inputs": [
            {
                "path": i.get("path"),
                "table": i.get("table"),
                "sheet": i.get("sheet"),
                "sha256": i.get("sha256"),
                "rows_read": i.get("rows_read"),
                "rows_accepted": i.get("rows_accepted"),
                "rows_rejected": i.get("rows_rejected"),
            }
            for i in run.get("inputs", [])
        ],
    }


def options_text(options: dict[str, Any]) -> list[tuple[str, str]]:
    """The resolved options as (name, value) text pairs, lists joined with ', '."""
    out = []
    for key in sorted(options):
        value = options[key]
        if isinstance(value, list | tuple):
            text = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            text = json.dumps(value, sort_keys=True, default=str)
        else:
            text = str(value)
        out.append((str(key), text))
    return out
