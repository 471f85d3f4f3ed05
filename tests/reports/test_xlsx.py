"""report.xlsx: the sheets, the Flags contract with `review import`, typed cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from conditionality.api import CheckResult
from conditionality.reports.model import DECISIONS, evidence_fingerprint
from conditionality.reports.xlsx_report import to_xlsx

SHEETS = ["Summary", "Flags", "Evidence", "Input issues", "Rules", "Inputs"]


@pytest.fixture(scope="module")
def wb(sample_out: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(sample_out / "report.xlsx")


def _rows(ws) -> list[dict]:
    headers = [c.value for c in ws[1]]
    return [dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]


def test_sheets(wb: openpyxl.Workbook) -> None:
    assert wb.sheetnames == SHEETS


def test_flags_contract(wb: openpyxl.Workbook, sample: CheckResult) -> None:
    ws = wb["Flags"]
    headers = [c.value for c in ws[1]]
    for h in ("Finding ID", "Decision", "Reason", "Reviewer", "Rule version"):
        assert headers.count(h) == 1, h
    assert "Evidence fingerprint" in headers
    rows = _rows(ws)
    assert [r["Finding ID"] for r in rows] == sample.findings["finding_id"].tolist()
    fps = evidence_fingerprint(sample.findings, sample.evidence).tolist()
    assert [r["Evidence fingerprint"] for r in rows] == fps
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref.startswith("A1:")
    dv = ws.data_validations.dataValidation
    assert len(dv) == 1 and dv[0].type == "list"
    assert dv[0].formula1.strip('"').split(",") == list(DECISIONS)
    col = openpyxl.utils.get_column_letter(headers.index("Decision") + 1)
    assert str(dv[0].sqref) == f"{col}2:{col}{len(rows) + 1}"
    for h in ("Decision", "Reason", "Reviewer"):
        c = ws.cell(2, headers.index(h) + 1)
        assert c.protection.locked is False
        assert c.fill.fgColor.rgb.endswith("FFF2CC")
    assert ws.cell(2, 1).protection.locked is True


def test_typed_cells(wb: openpyxl.Workbook) -> None:
    rows = _rows(wb["Flags"])
    assert all(isinstance(r["Amount (USD)"], int | float) for r in rows)
    assert all(isinstance(r["Fiscal year"], int) for r in rows)
    assert all(isinstance(r["Allocation date"], dt.datetime) for r in rows)
    assert any(isinstance(r["Top score"], float) for r in rows)
    inputs = _rows(wb["Inputs"])
    assert all(len(r["SHA-256"]) == 64 and isinstance(r["Rows read"], int) for r in inputs)
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True) if r[0]}
    assert summary["As-of date"] == dt.datetime(2024, 6, 30)
    assert isinstance(summary["Dollars checked"], int | float)


def test_summary_lists_every_rule(wb: openpyxl.Workbook, sample: CheckResult) -> None:
    firsts = [r[0] for r in wb["Summary"].iter_rows(values_only=True)]
    for rule in sample.rules.rules:
        assert rule.id in firsts
    for title in (
        "Findings by outcome",
        "Flagged dollars by country",
        "Flagged dollars by rule",
        "Flagged dollars by fiscal year",
    ):
        assert title in firsts
    assert sample.run["rule_pack_sha256"] in [
        r[1] for r in wb["Summary"].iter_rows(values_only=True)
    ]


def test_evidence_once_each(wb: openpyxl.Workbook, sample: CheckResult) -> None:
    rows = _rows(wb["Evidence"])
    keys = [(r["Dataset"], r["Record ID"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(map(tuple, sample.evidence[["dataset", "record_id"]].to_numpy()))
    linked = wb["Evidence"]["I2"]
    assert linked.hyperlink is not None and linked.hyperlink.target.startswith("https://")


def test_rules_inputs_issues(wb: openpyxl.Workbook, sample: CheckResult) -> None:
    assert [r["Rule"] for r in _rows(wb["Rules"]) if r["Version"]] == [
        r.id for r in sample.rules.rules
    ]
    assert len(_rows(wb["Input issues"])) == len(sample.rejected)
    assert [r["File"] for r in _rows(wb["Inputs"])] == [i.path for i in sample.inputs]


def test_deterministic(sample: CheckResult) -> None:
    assert to_xlsx(sample) == to_xlsx(sample)
