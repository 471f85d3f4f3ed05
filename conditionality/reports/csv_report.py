"""findings.csv: one row per finding, safe to open in a spreadsheet."""

from __future__ import annotations

from pathlib import Path

from conditionality.api import CheckResult
from conditionality.reports.safe import atomic_write_bytes, neutralize_frame, safe_target

CSV_COLUMNS = [
    "finding_id",
    "rule_id",
    "rule_version",
    "outcome",
    "allocation_id",
    "recipient_country",
    "recipient_name",
    "agency",
    "account",
    "category",
    "fiscal_year",
    "amount_usd",
    "allocation_date",
    "message",
    "reason",
    "exception",
    "decision",
    "decision_stale",
    "open",
    "evidence_ids",
    "top_score",
    "citation",
    "authority_url",
    "_file",
    "_row",
]


def write_csv(result: CheckResult, out_dir: Path) -> Path:
    f = result.findings.reindex(columns=CSV_COLUMNS)
    f = f.assign(
        allocation_date=f["allocation_date"].astype("datetime64[ns]").dt.strftime("%Y-%m-%d")
    )
    f = neutralize_frame(f.rename(columns={"_file": "source_file", "_row": "source_row"}))
    data = f.to_csv(index=False, lineterminator="\n").encode("utf-8")
    return atomic_write_bytes(safe_target(out_dir, "findings.csv"), data)
