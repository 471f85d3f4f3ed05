"""`review import`: decisions from the Flags sheet, by header name, all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from conditionality.review.decisions import DecisionsError, load_decisions
from conditionality.review.importer import WorkbookError, import_decisions

TODAY = dt.date(2024, 7, 2)
# deliberately not the writer's column order: the importer goes by header
HEADERS = ["Reviewer", "Outcome", "Finding ID", "Decision", "Evidence fingerprint", "Reason",
           "Rule version", "Amount (USD)"]  # fmt: skip


def workbook(path: Path, rows: list[dict[str, Any]], headers: list[str] = HEADERS) -> Path:
    wb = Workbook()
    wb.active.title = "Summary"
    ws = wb.create_sheet("Flags")
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    wb.save(path)
    return path


def flag(fid: str, decision: str | None = None, **kw: Any) -> dict[str, Any]:
    return {
        "Finding ID": fid,
        "Outcome": "prohibited",
        "Rule version": 1,
        "Evidence fingerprint": "0123456789ab",
        "Amount (USD)": 1000000,
        "Decision": decision,
        **kw,
    }


def test_import_reads_filled_rows_and_skips_blank_ones(tmp_path: Path) -> None:
    xlsx = workbook(
        tmp_path / "report.xlsx",
        [
            flag("cspa:A-1", "dismissed_false_match", Reason="other country", Reviewer="Ana"),
            flag("cspa:A-2"),
            flag("cspa:A-3", "confirmed", Reason="same unit", Reviewer="Ben"),
        ],
    )
    target = tmp_path / "decisions.yaml"
    res = import_decisions(xlsx, target, today=TODAY)
    assert res.added == ["cspa:A-1", "cspa:A-3"] and res.rows_without_decision == 1
    d = load_decisions(target).by_id()
    assert d["cspa:A-1"].status == "dismissed_false_match"
    assert d["cspa:A-1"].reviewer == "Ana" and d["cspa:A-1"].date == TODAY
    assert d["cspa:A-1"].rule_version == 1 and d["cspa:A-1"].evidence_fingerprint == "0123456789ab"
    assert d["cspa:A-1"].amount_usd == 1000000 and d["cspa:A-1"].outcome == "prohibited"
    # re-importing the same workbook changes nothing; a new decision replaces the old one
    assert import_decisions(xlsx, target, today=TODAY).unchanged == ["cspa:A-1", "cspa:A-3"]
    xlsx2 = workbook(
        tmp_path / "r2.xlsx", [flag("cspa:A-1", "confirmed", Reason="on reflection", Reviewer="C")]
    )
    res2 = import_decisions(xlsx2, target, today=TODAY)
    assert res2.updated == ["cspa:A-1"]
    assert load_decisions(target).by_id()["cspa:A-3"].status == "confirmed"  # kept


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (flag("cspa:A-1", "confirmed", Reviewer="Ana"), "row 2 (cspa:A-1): Decision 'confirmed' "
         "needs a Reason"),
        (flag("cspa:A-1", "confirmed", Reason="x"), "needs a Reviewer"),
        (flag("cspa:A-1", "confirmed"), "needs a Reason and a Reviewer"),
        (flag("cspa:A-1", Reason="looks wrong"), "a Reason or Reviewer is filled but no Decision"),
        (flag("cspa:A-1", "maybe", Reason="x", Reviewer="y"), "unknown Decision 'maybe'"),
        (flag("cspa:A-1", "confirmed", Reason="x", Reviewer="y", **{"Rule version": None}),
         "the Rule version cell is blank"),
    ],
)  # fmt: skip
def test_incomplete_rows_are_refused(tmp_path: Path, row: dict[str, Any], expected: str) -> None:
    xlsx = workbook(tmp_path / "report.xlsx", [row])
    target = tmp_path / "decisions.yaml"
    with pytest.raises(DecisionsError) as info:
        import_decisions(xlsx, target, today=TODAY)
    assert expected in str(info.value)
    assert "nothing was imported" in str(info.value)
    assert not target.exists()


def test_not_a_report(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="no column headed .*'Decision'"):
        import_decisions(
            workbook(tmp_path / "r.xlsx", [], ["Finding ID", "Rule version", "Reason"]),
            tmp_path / "d.yaml",
        )
    wb = Workbook()
    wb.save(tmp_path / "nosheet.xlsx")
    with pytest.raises(WorkbookError, match="no sheet named 'Flags'"):
        import_decisions(tmp_path / "nosheet.xlsx", tmp_path / "d.yaml")
    (tmp_path / "text.xlsx").write_text("hello")
    with pytest.raises(WorkbookError, match="cannot read"):
        import_decisions(tmp_path / "text.xlsx", tmp_path / "d.yaml")
