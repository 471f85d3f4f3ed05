"""The decisions file: validation messages name the file and the finding."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from conditionality.review.decisions import (
    Decision,
    DecisionsError,
    DecisionsFile,
    load_decisions,
    save_decisions,
)

GOOD = {
    "finding_id": "leahy-state:STATE-2021-0024",
    "status": "dismissed_false_match",
    "reason": "Different unit: the band, not the battalion",
    "reviewer": "A. Analyst",
    "date": "2024-07-01",
    "rule_version": 1,
    "evidence_fingerprint": "0123456789ab",
}


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "decisions.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def entry_yaml(**changes: object) -> str:
    d = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    return yaml.safe_dump({"version": 1, "decisions": [d]}, sort_keys=False)


def test_a_good_file_loads(tmp_path: Path) -> None:
    f = load_decisions(write(tmp_path, entry_yaml(expires="2025-07-01")))
    (d,) = f.decisions
    assert d.status == "dismissed_false_match"
    assert d.date == dt.date(2024, 7, 1) and d.expires == dt.date(2025, 7, 1)
    assert d.rule_id == "leahy-state"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"reason": None}, "reason is required"),
        ({"reviewer": None}, "reviewer is required"),
        ({"reviewer": "  "}, "reviewer is blank"),
        ({"status": "dismissed"}, "unknown status 'dismissed'"),
        ({"date": "2024-13-45"}, "date"),
        ({"date": "yesterday"}, "date"),
        ({"expires": "2024-01-01"}, "before the decision date"),
        ({"evidence_fingerprint": "xyz"}, "evidence_fingerprint"),
        ({"rule_version": None}, "rule_version is required"),
        ({"second_approver": "A. Analyst"}, "another person"),
        ({"colour": "red"}, "unknown key 'colour'"),
    ],
)
def test_invalid_entries_name_the_file_and_the_finding(
    tmp_path: Path, changes: dict[str, object], expected: str
) -> None:
    path = write(tmp_path, entry_yaml(**changes))
    with pytest.raises(DecisionsError) as info:
        load_decisions(path)
    msg = str(info.value)
    assert str(path) in msg
    assert "leahy-state:STATE-2021-0024" in msg
    assert expected in msg


def test_duplicate_entries_and_bad_yaml(tmp_path: Path) -> None:
    text = yaml.safe_dump({"decisions": [GOOD, GOOD]})
    with pytest.raises(DecisionsError, match="already has a decision"):
        load_decisions(write(tmp_path, text))
    with pytest.raises(DecisionsError, match="invalid YAML"):
        load_decisions(write(tmp_path, "decisions: [\n"))
    with pytest.raises(DecisionsError, match="no such decisions file"):
        load_decisions(tmp_path / "missing.yaml")
    with pytest.raises(DecisionsError, match="version"):
        load_decisions(write(tmp_path, "version: 9\ndecisions: []\n"))


def test_save_then_load_round_trips_sorted(tmp_path: Path) -> None:
    a = Decision.model_validate({**GOOD, "finding_id": "cspa:X-2"})
    b = Decision.model_validate({**GOOD, "finding_id": "cspa:X-1", "evidence_ids": ["a:1"]})
    path = save_decisions(DecisionsFile(decisions=[a, b]), tmp_path / "d.yaml")
    text = path.read_text()
    assert text.index("cspa:X-1") < text.index("cspa:X-2")
    assert load_decisions(path).by_id() == {"cspa:X-1": b, "cspa:X-2": a}
