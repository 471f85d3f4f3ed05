"""The JSON-ready document every report format is rendered from."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import numpy as np
import pandas as pd

from conditionality.api import CheckResult

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
    findings = []
    for row, a in zip(base, alloc, strict=True):
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
