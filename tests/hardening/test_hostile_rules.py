"""Issue 8, hostile rule files: each gives exit code 2 and a message naming the file and the
place, through the real command line; a backtracking regex runs in linear time (RE2)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.hardening.conftest import ROOT, assert_no_crash

GOOD = """\
id: t-rule
version: 1
title: Test rule
authority: {citation: 22 U.S.C. 2378d, url: https://example.org/law}
applies_to: {column: agency, op: eq, value: DOS}
outcome: review
message: "{allocation.allocation_id}"
"""
WHERE = "{column: agency, op: eq, value: DOS}"
LAUGHS = "".join(
    f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else "lol"] * 9) + "]\n" for i in range(9)
)
CASES = {
    "billion-laughs": (GOOD + LAUGHS, "aliases"),
    "python-tag": (
        GOOD.replace("value: DOS", "value: !!python/object/apply:os.system [id]"),
        "invalid YAML",
    ),  # fmt: skip
    "unknown-key": (GOOD + "severity: high\n", "at severity: unknown key 'severity'"),
    "wrong-type": (GOOD.replace("version: 1", "version: [1]"), "at version"),
    "unknown-column": (
        GOOD.replace("column: agency", "column: agencyy"),
        "unknown column 'agencyy'",
    ),  # fmt: skip
    "unknown-dataset": (
        GOOD.replace("outcome: review", "when: {evidence: {dataset: acled}}\noutcome: review"),
        "unknown dataset 'acled'",
    ),
    "unknown-evidence-column": (
        GOOD.replace(
            "outcome: review",
            "when: {evidence: {dataset: abuse_records, where: {column: perp, op: is_blank}}}\n"
            "outcome: review",
        ),
        "unknown column 'perp'",
    ),
    "bad-regex": (
        GOOD.replace(WHERE, "{column: description, op: matches, value: '(unclosed'}"),
        "regular expression",
    ),  # fmt: skip
    "deep-nesting": (GOOD.replace(WHERE, "{not: " * 200 + WHERE + "}" * 200), "nested deeper"),
    "not-yaml": ("id: [unclosed\n", "invalid YAML"),
    "not-a-mapping": ("- just\n- a list\n", ""),
    "binary": ("\x00\x01\x02 garbage \xff", ""),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_rule_file_is_refused_with_file_and_place(name: str, tmp_path: Path) -> None:
    text, expected = CASES[name]
    path = tmp_path / "t-rule.yaml"
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "conditionality", "rules", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert_no_crash(proc)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert str(path) in proc.stderr
    assert expected in proc.stderr


def test_catastrophic_regex_runs_in_linear_time(tmp_path: Path) -> None:
    from conditionality.api import run_rules
    from conditionality.engine import prepare_allocations
    from conditionality.lang.loader import load_rules
    from conditionality.readers.base import InputInfo, validate
    from conditionality.schema import TABLES

    path = tmp_path / "t-rule.yaml"
    path.write_text(
        GOOD.replace(WHERE, "{column: description, op: matches, value: '^(a+)+$'}"),
        encoding="utf-8",
    )
    pack = load_rules([path])
    n = 200
    raw = pd.DataFrame(
        {
            "allocation_id": [f"A{i}" for i in range(n)],
            "recipient_country": "GTM",
            "amount_usd": "1",
            "agency": "DOS",
            "description": ["a" * 5_000 + "!"] * n,  # exponential for a backtracking engine
        },
        dtype="object",
    )
    table = validate(
        raw, TABLES["allocations"], InputInfo("gen", "allocations"), pd.Series(range(n))
    )
    start = time.monotonic()
    evidence = {"abuse_records": None, "country_status": None, "sanctioned_entities": None}
    findings, _ev, _per_rule = run_rules(
        prepare_allocations(table.table), evidence, pack, pd.Timestamp("2024-06-30")
    )
    assert time.monotonic() - start < 10
    assert len(findings) == 0  # nothing matches: 'a...a!' does not end in a
