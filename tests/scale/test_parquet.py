"""Parquet inputs: the typed fast path reads what the CSV reader reads; a file with an
unreadable cell is validated like any other, with the same rejections."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from conditionality.api import check
from conditionality.readers import load_table

from .conftest import inputs

TABLES = ["allocations", "abuse_records", "country_status", "sanctioned_entities"]


def _same_read(a, b) -> None:
    pd.testing.assert_frame_equal(
        a.table.drop(columns=["_file"]), b.table.drop(columns=["_file"]), check_dtype=False
    )
    ia, ib = a.info[0].to_dict(), b.info[0].to_dict()
    for key in ("rows_read", "rows_accepted", "rows_rejected", "dollars_read", "mapping"):
        assert ia[key] == ib[key], key


def test_parquet_reads_like_csv(generated: Path) -> None:
    for t in TABLES:
        _same_read(
            load_table([generated / f"{t}.parquet"], t), load_table([generated / f"{t}.csv"], t)
        )


def test_bad_cells_in_parquet_are_rejected_like_csv(generated: Path, tmp_path: Path) -> None:
    frame = pd.read_parquet(generated / "allocations.parquet").head(50)
    frame["recipient_country"] = frame["recipient_country"].astype(object)
    frame.loc[3, "recipient_country"] = "Atlantis"
    frame.loc[7, "amount_usd"] = float("inf")
    frame.loc[9, "agency"] = "NASA"
    frame.loc[11, "allocation_id"] = "  padded  "
    frame.to_parquet(tmp_path / "a.parquet", index=False)
    frame.to_csv(tmp_path / "a.csv", index=False, date_format="%Y-%m-%d")
    pq = load_table([tmp_path / "a.parquet"], "allocations")
    cs = load_table([tmp_path / "a.csv"], "allocations")
    assert set(pq.rejected["row"]) == {5, 9, 11}  # the country, the amount, the agency
    assert pq.table["allocation_id"].str.strip().eq(pq.table["allocation_id"]).all()
    cols = ["row", "column", "reason"]
    pd.testing.assert_frame_equal(
        pq.rejected[cols].reset_index(drop=True), cs.rejected[cols].reset_index(drop=True)
    )
    assert pq.info[0].rows_rejected == cs.info[0].rows_rejected == 3


def test_check_from_parquet_equals_csv(generated: Path) -> None:
    a = check(*inputs(generated), as_of="2024-06-30")
    b = check(*inputs(generated, "csv"), as_of="2024-06-30")
    cols = ["finding_id", "outcome", "message", "evidence_ids"]
    pd.testing.assert_frame_equal(a.findings[cols], b.findings[cols])
