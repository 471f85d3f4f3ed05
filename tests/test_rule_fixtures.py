"""Every shipped rule passes its own fixture, and every fixture covers the cases it must."""

from __future__ import annotations

from pathlib import Path

import pytest

from conditionality.lang.loader import load_rules, rule_files
from conditionality.ruletest import fixture_path, run_fixture

ROOT = Path(__file__).resolve().parents[1]
RULE_FILES = rule_files([ROOT / "rules"])


def test_pack_loads_and_has_every_rule_of_the_issue() -> None:
    ids = {r.id for r in load_rules([ROOT / "rules"]).rules}
    assert ids >= {
        "leahy-state",
        "leahy-dod",
        "unvettable-recipient",
        "cspa",
        "tvpa-tier3",
        "coup-7008",
        "faa-502b",
        "sanctioned-recipient",
    }


@pytest.mark.parametrize("rule_path", RULE_FILES, ids=lambda p: p.stem)
def test_fixture_passes(rule_path: Path) -> None:
    results = run_fixture(rule_path)
    failed = [
        f"{r.case.allocation}: expected {r.case.expect}, got {r.actual} ({r.case.note}) {r.detail}"
        for r in results
        if not r.ok and not r.case.todo
    ]
    assert not failed, "\n".join(failed)


@pytest.mark.parametrize("rule_path", RULE_FILES, ids=lambda p: p.stem)
def test_fixture_covers_flag_and_must_not_flag(rule_path: Path) -> None:
    assert fixture_path(rule_path).exists()
    expects = {r.case.expect for r in run_fixture(rule_path)}
    assert "clear" in expects, "a fixture needs must-not-flag cases"
    assert expects - {"clear"}, "a fixture needs cases that flag"
    assert "review" in expects or "not_evaluated" in expects, "missing data must be exercised"


def test_fixtures_cover_waived_and_not_evaluated_somewhere() -> None:
    expects = {r.case.expect for p in RULE_FILES for r in run_fixture(p)}
    assert {"prohibited", "restricted", "review", "waived", "not_evaluated", "clear"} <= expects
