"""The evidence fingerprint: tells when the facts behind a finding changed.

The one definition lives in conditionality.reports.model.evidence_fingerprint (the Excel
report writes it beside each finding): sha1 of the finding's sorted, distinct
'dataset:record_id' joined by ';', then '|' and the amount with two decimals; 12 hex digits.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

import pandas as pd


def format_amount(amount: Any) -> str:
    """The amount as the fingerprint sees it: two decimals, '' when blank."""
    try:
        value = float(amount)
    except (TypeError, ValueError):
        return ""
    return "" if math.isnan(value) else f"{value:.2f}"


def fingerprint_of(refs: list[str], amount: Any) -> str:
    """The fingerprint of one finding from its 'dataset:record_id' refs and amount."""
    text = ";".join(sorted(set(refs))) + "|" + format_amount(amount)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def evidence_refs(findings: pd.DataFrame, evidence: pd.DataFrame) -> pd.Series:
    """Per finding (same index as `findings`): the sorted distinct 'dataset:record_id'."""
    if len(evidence):
        refs = evidence["dataset"].astype(str) + ":" + evidence["record_id"].astype(str)
        by_id = refs.groupby(evidence["finding_id"].astype(str)).agg(lambda s: sorted(set(s)))
        lookup = by_id.to_dict()
    else:
        lookup = {}
    ids = findings["finding_id"].astype(str).tolist()
    return pd.Series([lookup.get(i, []) for i in ids], index=findings.index, dtype="object")


def evidence_fingerprint(findings: pd.DataFrame, evidence: pd.DataFrame) -> pd.Series:
    """The fingerprint of each finding (same index as `findings`)."""
    from conditionality.reports.model import evidence_fingerprint as shared

    return shared(findings, evidence)
