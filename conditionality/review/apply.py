"""Applying reviewers' decisions to a run's findings.

A decision never adds or removes a finding: it only adds its status beside it. A decision is
stale, and the finding counts again, when it has expired, when the rule's version or the
finding's evidence fingerprint (evidence record ids and amount) or outcome changed since it
was made, or when its finding no longer exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from conditionality.review.decisions import CLOSING, Decision, DecisionsFile
from conditionality.review.fingerprint import evidence_fingerprint, evidence_refs, format_amount

# Outcomes that count for the exit code unless a (fresh) decision closes them.
COUNTING = ("prohibited", "restricted", "review", "not_evaluated")
DECISION_COLUMNS = [
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


def _stale_reason(
    d: Decision,
    today: dt.date,
    rule_version: Any,
    fingerprint: str,
    outcome: Any,
    amount: Any,
    refs: list[str],
) -> str:
    """'' when the decision still holds, else why not (several reasons joined by '; ')."""
    reasons = []
    if d.expires is not None and d.expires < today:
        reasons.append(f"expired on {d.expires}")
    if (
        rule_version is not None
        and not pd.isna(rule_version)
        and int(rule_version) != d.rule_version
    ):
        reasons.append(f"rule version changed {d.rule_version} -> {int(rule_version)}")
    if d.outcome is not None and outcome is not None and str(outcome) != d.outcome:
        reasons.append(f"outcome changed {d.outcome} -> {outcome}")
    if fingerprint != d.evidence_fingerprint:
        detail = []
        if d.evidence_ids is not None and sorted(d.evidence_ids) != sorted(refs):
            added = sorted(set(refs) - set(d.evidence_ids))
            removed = sorted(set(d.evidence_ids) - set(refs))
            parts = [
                f"added {', '.join(added)}" if added else "",
                f"removed {', '.join(removed)}" if removed else "",
            ]
            detail.append("evidence changed (" + "; ".join(p for p in parts if p) + ")")
        if d.amount_usd is not None and format_amount(d.amount_usd) != format_amount(amount):
            detail.append(
                f"amount changed {format_amount(d.amount_usd)} -> {format_amount(amount)}"
            )
        if not detail:
            detail.append("evidence or amount changed")
        reasons.append(
            ", ".join(detail) + f" (fingerprint {d.evidence_fingerprint} -> {fingerprint})"
        )
    return "; ".join(reasons)


def apply_decisions(
    findings: pd.DataFrame,
    evidence: pd.DataFrame,
    decisions: DecisionsFile | Iterable[Decision] | None,
    as_of: dt.date,
    rule_versions: Mapping[str, int] | None = None,
) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """The findings with DECISION_COLUMNS added (same rows, same order) and the stale
    decisions, each a dict: finding_id, status, reviewer, date, stale (why).

    `as_of` is the date expiry is compared with (the day of the run). `rule_versions` (rule
    id -> version of the current pack) tells a decision on a vanished finding whose rule
    changed from one whose facts changed.
    """
    if isinstance(decisions, DecisionsFile):
        entries = list(decisions.decisions)
    else:
        entries = list(decisions or [])
    by_id = {d.finding_id: d for d in entries}
    f = findings.copy()
    fp = evidence_fingerprint(f, evidence)
    refs = evidence_refs(f, evidence)
    ids = f["finding_id"].astype(str)
    matched = pd.Series([by_id.get(i) for i in ids], index=f.index, dtype="object")
    stale = pd.Series("", index=f.index, dtype="object")
    has = matched.notna()
    for idx in f.index[has.to_numpy()]:  # only the decided findings, usually few
        d = matched[idx]
        stale[idx] = _stale_reason(
            d,
            as_of,
            f.at[idx, "rule_version"] if "rule_version" in f else None,
            fp[idx],
            f.at[idx, "outcome"],
            f.at[idx, "amount_usd"] if "amount_usd" in f else None,
            refs[idx],
        )

    def attr(name: str) -> pd.Series:
        values = [getattr(d, name) if isinstance(d, Decision) else None for d in matched]
        out = pd.Series(values, index=f.index, dtype="object")
        return out.map(lambda v: v.isoformat() if isinstance(v, dt.date) else v)

    status = attr("status")
    closed = status.isin(CLOSING) & stale.eq("")
    counting = f["outcome"].isin(COUNTING)
    f = f.assign(
        evidence_fingerprint=fp,
        decision=status.fillna(""),
        decision_reason=attr("reason").fillna(""),
        decision_reviewer=attr("reviewer").fillna(""),
        decision_date=attr("date").fillna(""),
        decision_expires=attr("expires").fillna(""),
        decision_second_approver=attr("second_approver").fillna(""),
        decision_stale=stale,
        open=(counting & ~closed).to_numpy(dtype=bool),
    )
    stale_entries: list[dict[str, Any]] = []
    for idx in f.index[(has & stale.ne("")).to_numpy()]:
        d = matched[idx]
        stale_entries.append(_entry(d, str(stale[idx])))
    present = set(ids)
    versions = dict(rule_versions or {})
    for d in entries:
        if d.finding_id in present:
            continue
        why = "the finding no longer exists"
        if d.rule_id not in versions and versions:
            why += f" (rule {d.rule_id} is not in the rule pack)"
        elif d.rule_id in versions and versions[d.rule_id] != d.rule_version:
            why += f" (rule version changed {d.rule_version} -> {versions[d.rule_id]})"
        stale_entries.append(_entry(d, why))
    stale_entries.sort(key=lambda e: e["finding_id"])
    return f, stale_entries


def _entry(d: Decision, why: str) -> dict[str, Any]:
    return {
        "finding_id": d.finding_id,
        "status": d.status,
        "reviewer": d.reviewer,
        "date": d.date.isoformat(),
        "stale": why,
    }


def decision_counts(findings: pd.DataFrame, stale: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts for the run summary."""
    decided = findings["decision"].astype(str).ne("") if "decision" in findings else None
    if decided is None:
        return {"decided": 0, "stale": len(stale), "by_status": {}, "closed": 0}
    fresh = decided & findings["decision_stale"].astype(str).eq("")
    by_status = findings.loc[fresh, "decision"].value_counts().to_dict()
    closed = fresh & findings["decision"].isin(CLOSING)
    return {
        "decided": int(decided.sum()),
        "stale": len(stale),
        "by_status": {str(k): int(v) for k, v in sorted(by_status.items())},
        "closed": int(closed.sum()),
        "open_findings": int(np.asarray(findings["open"], dtype=bool).sum()),
    }
