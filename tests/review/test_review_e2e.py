"""End to end with the real CLI: check -> reviewers fill the Excel report -> review import ->
re-run with the decisions -> the evidence changes -> the decision is stale -> diff."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "datasets" / "sample"
TARGET = "leahy-state:STATE-2021-0024"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conditionality", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def args(abuses: Path) -> list[str]:
    return [
        "--aid", str(SAMPLE / "allocations.csv"),
        "--abuses", str(abuses),
        "--country-status", str(SAMPLE / "country_status.csv"),
        "--entities", str(SAMPLE / "sanctioned_entities.csv"),
        "--as-of", "2024-06-30",
        "--quiet",
    ]  # fmt: skip


def fill(report: Path, filled: Path) -> int:
    """A reviewer dismisses every prohibited finding as a false match; returns how many."""
    wb = load_workbook(report)
    ws = wb["Flags"]
    col = {c.value: c.column for c in ws[1]}
    n = 0
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col["Outcome"]).value == "prohibited":
            ws.cell(r, col["Decision"]).value = "dismissed_false_match"
            ws.cell(r, col["Reason"]).value = "Different unit on inspection"
            ws.cell(r, col["Reviewer"]).value = "A. Analyst"
            n += 1
    wb.save(filled)
    return n


def findings(out: Path) -> dict[str, dict]:
    doc = json.loads((out / "findings.json").read_text())
    return {f["id"]: f for f in doc["findings"]}


def test_review_workflow(tmp_path: Path) -> None:
    run1, run2, run3 = tmp_path / "run1", tmp_path / "run2", tmp_path / "run3"
    decisions = tmp_path / "decisions.yaml"

    # 1. the first run, with the Excel report reviewers work in
    p = cli("check", *args(SAMPLE / "abuse_records.csv"), "--out", str(run1),
            "--format", "json,xlsx")  # fmt: skip
    assert p.returncode == 1, p.stderr
    first = findings(run1)
    assert first[TARGET]["outcome"] == "prohibited"

    # 2. reviewers fill Decision / Reason / Reviewer; an incomplete row is refused
    filled = run1 / "filled.xlsx"
    dismissed = fill(run1 / "report.xlsx", filled)
    assert dismissed > 1
    broken = load_workbook(filled)
    ws = broken["Flags"]
    col = {c.value: c.column for c in ws[1]}
    ws.cell(2, col["Reviewer"]).value = None
    broken.save(run1 / "broken.xlsx")
    p = cli("review", "import", str(run1 / "broken.xlsx"), "--decisions", str(decisions))
    assert p.returncode == 3 and "needs a Reviewer" in p.stderr and not decisions.exists()

    p = cli("review", "import", str(filled), "--decisions", str(decisions))
    assert p.returncode == 0, p.stderr
    assert f"{dismissed} decisions added" in p.stdout
    assert "evidence_ids" in decisions.read_text()  # recorded from findings.json beside it

    # 3. re-run with the decisions: dismissed findings are shown but do not count
    p = cli("check", *args(SAMPLE / "abuse_records.csv"), "--out", str(run2),
            "--decisions", str(decisions), "--fail-on", "prohibited")  # fmt: skip
    assert p.returncode == 0, p.stdout + p.stderr
    second = findings(run2)
    assert set(second) == set(first)
    assert second[TARGET]["decision"]["status"] == "dismissed_false_match"
    assert second[TARGET]["open"] is False
    assert sum(f["open"] for f in second.values()) > 0  # review findings still count

    # 4. the evidence behind one dismissed finding changes: a new record against the unit
    abuses = pd.read_csv(SAMPLE / "abuse_records.csv", dtype=str, keep_default_na=False)
    record = first[TARGET]["evidence"][0]["record_id"]
    new = abuses[abuses["record_id"] == record].assign(record_id="AR-9001")
    changed = tmp_path / "abuse_records.csv"
    pd.concat([abuses, new]).to_csv(changed, index=False)
    p = cli("check", *args(changed), "--out", str(run3), "--decisions", str(decisions),
            "--fail-on", "prohibited")  # fmt: skip
    assert p.returncode == 3, p.stdout + p.stderr
    assert f"stale decision: {TARGET}" in p.stderr
    assert "added abuse_records:AR-9001" in p.stderr
    third = findings(run3)
    assert third[TARGET]["decision"]["stale"] and third[TARGET]["open"] is True
    doc = json.loads((run3 / "findings.json").read_text())
    stale = doc["summary"]["decisions"]["stale_decisions"]
    assert TARGET in {s["finding_id"] for s in stale}  # and any other finding on that unit
    assert all("added abuse_records:AR-9001" in s["stale"] for s in stale)
    assert doc["summary"]["decisions"]["stale"] == len(stale)

    # 5. diff: the changed finding, and the evidence file reported as a reference change
    p = cli("diff", str(run1 / "findings.json"), str(run3 / "findings.json"))
    assert p.returncode == 0, p.stderr
    assert f"{TARGET}: evidence +abuse_records:AR-9001" in p.stdout
    assert "abuse_records:" in p.stdout.split("Allocation data:")[0]
    assert "Allocation data:\n  unchanged" in p.stdout
    p = cli("diff", str(run1 / "findings.json"), str(run3 / "findings.json"), "--format", "json")
    d = json.loads(p.stdout)
    assert TARGET in {c["id"] for c in d["findings"]["changed"]}
    assert [t["table"] for t in d["reference_changes"]] == ["abuse_records"]
    assert cli("diff", str(run1 / "nope.json"), str(run3 / "findings.json")).returncode == 2


def test_invalid_decisions_file_exits_3_naming_file_and_finding(tmp_path: Path) -> None:
    from tests.review.conftest import MINI_IDS  # noqa: F401 (the mini data set's ids)

    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(
        "decisions:\n  - finding_id: cspa:X-1\n    status: dismissed\n    reason: r\n"
        "    reviewer: a\n    date: 2024-01-01\n    rule_version: 1\n"
        "    evidence_fingerprint: 0123456789ab\n"
    )
    aid = tmp_path / "a.csv"
    pd.read_csv(SAMPLE / "allocations.csv", dtype=str, keep_default_na=False).head(5).to_csv(
        aid, index=False
    )
    p = cli("check", "--aid", str(aid), "--country-status", str(SAMPLE / "country_status.csv"),
            "--out", str(tmp_path / "o"), "--decisions", str(decisions), "--quiet")  # fmt: skip
    assert p.returncode == 3, p.stdout + p.stderr
    assert str(decisions) in p.stderr and "cspa:X-1" in p.stderr
    assert "unknown status 'dismissed'" in p.stderr
    p = cli("check", "--aid", str(aid), "--country-status", str(SAMPLE / "country_status.csv"),
            "--out", str(tmp_path / "o"), "--decisions", str(decisions), "--quiet",
            "--exit-zero")  # fmt: skip
    assert p.returncode == 0
    # bad input beats an invalid decisions file
    p = cli("check", "--aid", str(tmp_path / "missing.csv"), "--decisions", str(decisions))
    assert p.returncode == 2
