"""reports/sample/ holds the example reports `make demo` writes from the bundled sample; they
must be current. The demo is re-run into a temporary folder and compared after normalizing
the run time and the output folder (xlsx cell by cell, the others as text).

When this fails after an intended change, regenerate them with `make demo`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from conditionality.cli import app

from .conftest import ROOT

EXAMPLES = ROOT / "reports" / "sample"
FORMATS = "json,csv,xlsx,html,md"
DEMO_ARGS = [
    "check",
    "--aid",
    "datasets/sample/allocations.csv",
    "--aid",
    "datasets/sample/allocations_dod.xlsx",
    "--aid",
    "datasets/sample/fmtr_fy2020_excerpt.tsv",
    "--abuses",
    "datasets/sample/abuse_records.csv",
    "--country-status",
    "datasets/sample/country_status.csv",
    "--entities",
    "datasets/sample/sanctioned_entities.csv",
    "--as-of",
    "2024-06-30",
]
RUN_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
HINT = "reports/sample is out of date: run `make demo` and commit the result"


def _norm(text: str, out: Path) -> str:
    return RUN_AT.sub("<run_at>", text.replace(str(out), "reports/sample"))


def _cells(path: Path, out: Path) -> dict[str, list[list[Any]]]:
    wb = openpyxl.load_workbook(path)
    return {
        ws.title: [
            [_norm(v, out) if isinstance(v, str) else v for v in row]
            for row in ws.iter_rows(values_only=True)
        ]
        for ws in wb.worksheets
    }


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    mp = pytest.MonkeyPatch()
    mp.chdir(ROOT)
    try:
        res = CliRunner().invoke(app, [*DEMO_ARGS, "--out", str(out), "--format", FORMATS])
    finally:
        mp.undo()
    assert res.exit_code in (0, 1), res.output
    return out


def test_examples_exist() -> None:
    names = {p.name for p in EXAMPLES.iterdir()} if EXAMPLES.exists() else set()
    assert {"findings.json", "report.html", "report.xlsx"} <= names, HINT


@pytest.mark.parametrize("name", ["findings.json", "findings.csv", "report.html", "summary.md"])
def test_text_reports_current(fresh: Path, name: str) -> None:
    kept = EXAMPLES / name
    if not kept.exists():
        pytest.skip(f"{kept} not kept")
    new = _norm((fresh / name).read_text(encoding="utf-8"), fresh)
    old = _norm(kept.read_text(encoding="utf-8"), fresh)
    assert new == old, f"{name}: {HINT}"


def test_xlsx_current(fresh: Path) -> None:
    new = _cells(fresh / "report.xlsx", fresh)
    old = _cells(EXAMPLES / "report.xlsx", fresh)
    assert list(new) == list(old), HINT
    for sheet in new:
        assert new[sheet] == old[sheet], f"sheet {sheet}: {HINT}"
