"""`diff`: findings new, resolved, changed, unchanged; rule pack and lists apart from data."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from conditionality.review.diff import ReportReadError, diff_reports, load_report, render_text


def finding(fid: str, outcome: str = "prohibited", amount: float = 100.0, ev: tuple = ("AR-1",),
            version: int = 1) -> dict[str, Any]:  # fmt: skip
    rule, alloc = fid.split(":")
    return {
        "id": fid,
        "rule_id": rule,
        "allocation_id": alloc,
        "rule_version": version,
        "outcome": outcome,
        "allocation": {"amount_usd": amount},
        "evidence": [{"dataset": "abuse_records", "record_id": r} for r in ev],
    }


def doc(findings: list[dict[str, Any]], **run: Any) -> dict[str, Any]:
    base = {
        "rule_pack_sha256": "aaa",
        "as_of": "2024-06-30",
        "rules": [{"id": "leahy-state", "version": 1}, {"id": "cspa", "version": 1}],
        "inputs": [
            {"path": "a.csv", "table": "allocations", "sha256": "a1"},
            {"path": "ab.csv", "table": "abuse_records", "sha256": "b1"},
            {"path": "cs.csv", "table": "country_status", "sha256": "c1"},
        ],
    }
    return {"run": {**base, **run}, "findings": findings}


OLD = doc(
    [
        finding("leahy-state:A"),
        finding("leahy-state:B"),
        finding("leahy-state:C"),
        finding("leahy-state:D"),
        finding("cspa:E"),
        finding("cspa:F"),
    ]
)


def test_categories() -> None:
    new = doc(
        [
            finding("leahy-state:A"),  # unchanged
            finding("leahy-state:B", outcome="review"),  # outcome
            finding("leahy-state:C", ev=("AR-1", "AR-2")),  # evidence
            finding("leahy-state:D", amount=250.0),  # amount
            finding("cspa:E"),
            finding("cspa:G"),  # new; F resolved
        ]
    )
    d = diff_reports(OLD, new)
    assert d["counts"] == {"new": 1, "resolved": 1, "changed": 3, "unchanged": 2}
    changed = {c["id"]: c["changes"] for c in d["findings"]["changed"]}
    assert changed["leahy-state:B"] == {"outcome": {"old": "prohibited", "new": "review"}}
    added = {"evidence": {"added": ["abuse_records:AR-2"], "removed": []}}
    assert changed["leahy-state:C"] == added
    assert changed["leahy-state:D"] == {"amount": {"old": 100.0, "new": 250.0}}
    assert [f["id"] for f in d["findings"]["new"]] == ["cspa:G"]
    assert [f["id"] for f in d["findings"]["resolved"]] == ["cspa:F"]
    assert not d["rule_pack"]["changed"] and d["reference_changes"] == d["data_changes"] == []
    text = render_text(d)
    assert "1 new, 1 resolved, 3 changed, 2 unchanged" in text
    assert "leahy-state:C: evidence +abuse_records:AR-2" in text
    assert "Rule pack:\n  unchanged" in text


def test_rule_pack_and_reference_changes_are_reported_apart() -> None:
    new = copy.deepcopy(OLD)
    new["run"]["rule_pack_sha256"] = "bbb"
    new["run"]["rules"][0]["version"] = 2
    new["run"]["inputs"][2]["sha256"] = "c2"  # country_status changed
    for f in new["findings"]:
        if f["rule_id"] == "leahy-state":
            f["rule_version"] = 2
    d = diff_reports(OLD, new)
    assert d["rule_pack"]["changed"]
    assert d["rule_pack"]["versions_changed"] == [{"rule_id": "leahy-state", "old": 1, "new": 2}]
    assert [t["table"] for t in d["reference_changes"]] == ["country_status"]
    assert d["data_changes"] == []
    ch = {c["id"]: c for c in d["findings"]["changed"]}
    assert ch["leahy-state:A"]["changes"] == {"rule_version": {"old": 1, "new": 2}}
    assert ch["leahy-state:A"]["rule_changed"]
    text = render_text(d)
    assert "leahy-state: version 1 -> 2" in text
    assert "country_status: cs.csv (c1) -> cs.csv (c2)" in text
    assert "Allocation data:\n  unchanged" in text


def test_data_changes_and_decisions() -> None:
    new = copy.deepcopy(OLD)
    new["run"]["inputs"][0]["sha256"] = "a2"
    new["findings"][0]["decision"] = {"status": "dismissed_false_match", "stale": None}
    d = diff_reports(OLD, new)
    assert [t["table"] for t in d["data_changes"]] == ["allocations"]
    assert d["decision_changes"] == [
        {"id": "leahy-state:A", "old": None, "new": "dismissed_false_match"}
    ]


def test_unreadable_reports(tmp_path: Path) -> None:
    with pytest.raises(ReportReadError, match="no such file"):
        load_report(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ReportReadError, match="not a readable"):
        load_report(tmp_path / "bad.json")
    (tmp_path / "other.json").write_text(json.dumps({"a": 1}))
    with pytest.raises(ReportReadError, match="no 'findings' list"):
        load_report(tmp_path / "other.json")
