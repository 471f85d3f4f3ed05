"""Helpers for the hardening tests: run the real command line and check it never crashes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "datasets" / "sample"
ONE_RULE = ROOT / "rules" / "leahy-state.yaml"
HEADER = (
    "allocation_id,fiscal_year,agency,account,recipient_country,recipient_name,"
    "recipient_type,category,amount_usd,start_date,end_date,description"
)


def row(i: int, **kw: Any) -> str:
    """One valid allocation line; keyword arguments replace cells."""
    cells = {
        "allocation_id": f"A-{i}",
        "fiscal_year": "2023",
        "agency": "DOS",
        "account": "INCLE",
        "recipient_country": "GTM",
        "recipient_name": "Policia Nacional Civil",
        "recipient_type": "security_force_unit",
        "category": "security",
        "amount_usd": "1000",
        "start_date": "2023-01-01",
        "end_date": "2023-12-31",
        "description": "training",
    }
    cells.update(kw)
    return ",".join(cells[h] for h in HEADER.split(","))


def csv_bytes(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode(encoding)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def run_check(aid: Path, out: Path, *extra: str, rules: Path | None = ONE_RULE) -> Any:
    """`conditionality check` in a subprocess, as a user runs it."""
    args = [sys.executable, "-m", "conditionality", "check", "--aid", str(aid), "--out", str(out)]
    args += ["--as-of", "2024-06-30", "--format", "json", "--quiet", *extra]
    if rules is not None:
        args += ["--rules", str(rules)]
    return subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=ROOT)


def assert_no_crash(proc: Any) -> None:
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert "internal error" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1, 2), (proc.returncode, proc.stderr)


def findings(out: Path) -> dict[str, Any]:
    return json.loads((out / "findings.json").read_text(encoding="utf-8"))


def assert_reconciles(doc: dict[str, Any], rows_in: int | None = None) -> None:
    s = doc["summary"]
    assert s["allocations_read"] == s["rows_checked"] + s["rows_rejected"]
    assert abs(s["dollars_read"] - s["dollars_checked"] - s["dollars_rejected"]) < 0.01
    if rows_in is not None:
        assert s["allocations_read"] == rows_in
