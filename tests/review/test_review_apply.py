"""Applying decisions: status beside each finding, stale decisions, the exit code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from conditionality.api import CheckResult, check
from conditionality.review.apply import apply_decisions
from conditionality.review.decisions import Decision
from conditionality.review.exitcodes import exit_code
from conditionality.review.fingerprint import fingerprint_of

TODAY = dt.date(2024, 7, 15)
FID = "leahy-state:STATE-2021-0024"


@pytest.fixture(scope="module")
def run(mini: dict[str, Path]) -> CheckResult:
    return check(
        mini["aid"], mini["abuses"], mini["country_status"], mini["entities"], as_of="2024-06-30"
    )


def decision(run: CheckResult, fid: str = FID, **changes: Any) -> Decision:
    f = run.findings.set_index("finding_id").loc[fid]
    ev = run.evidence[run.evidence["finding_id"] == fid]
    refs = sorted(set(ev["dataset"] + ":" + ev["record_id"]))
    data: dict[str, Any] = {
        "finding_id": fid,
        "status": "dismissed_false_match",
        "reason": "not the same unit",
        "reviewer": "A. Analyst",
        "date": dt.date(2024, 7, 1),
        "rule_version": int(f["rule_version"]),
        "evidence_fingerprint": fingerprint_of(refs, f["amount_usd"]),
        "outcome": str(f["outcome"]),
        "amount_usd": float(f["amount_usd"]),
        "evidence_ids": refs,
    }
    return Decision.model_validate({**data, **changes})


def apply(run: CheckResult, decisions: list[Decision], **kw: Any) -> tuple[pd.DataFrame, list]:
    versions = kw.pop("versions", {r.id: r.version for r in run.rules.rules})
    return apply_decisions(run.findings, run.evidence, decisions, TODAY, versions, **kw)


def row(f: pd.DataFrame, fid: str = FID) -> pd.Series:
    return f.set_index("finding_id").loc[fid]


def test_fingerprint_matches_the_report_column(run: CheckResult) -> None:
    f, stale = apply(run, [decision(run)])
    assert stale == []
    assert row(f)["decision_stale"] == ""
    assert f["evidence_fingerprint"].str.fullmatch(r"[0-9a-f]{12}").all()


def test_a_dismissed_finding_stays_marked_and_stops_counting(run: CheckResult) -> None:
    f, stale = apply(run, [decision(run)])
    assert len(f) == len(run.findings) and list(f["finding_id"]) == list(run.findings["finding_id"])
    r = row(f)
    assert r["decision"] == "dismissed_false_match" and r["decision_reviewer"] == "A. Analyst"
    assert not r["open"]
    assert row(f, "tvpa-tier3:STATE-2021-0024")["open"]


@pytest.mark.parametrize(
    ("status", "is_open"),
    [
        ("confirmed", True),
        ("under_review", True),
        ("accepted_with_waiver", False),
        ("dismissed_false_match", False),
    ],
)
def test_which_statuses_close_a_finding(run: CheckResult, status: str, is_open: bool) -> None:
    f, _ = apply(run, [decision(run, status=status)])
    assert bool(row(f)["open"]) is is_open


def test_waived_findings_never_count(run: CheckResult) -> None:
    f, _ = apply(run, [])
    assert not row(f, "leahy-state:STATE-2021-0027")["open"]
    assert row(f, "tvpa-tier3:USAID-2019-0009")["open"]  # not evaluated counts


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"expires": dt.date(2024, 7, 10)}, "expired on 2024-07-10"),
        ({"rule_version": 7}, "rule version changed 7 -> 1"),
        ({"amount_usd": 1.0, "evidence_fingerprint": "000000000000"}, "amount changed 1.00 ->"),
        (
            {"evidence_ids": ["abuse_records:AR-9999"], "evidence_fingerprint": "000000000000"},
            "removed abuse_records:AR-9999",
        ),
        ({"evidence_fingerprint": "000000000000"}, "fingerprint 000000000000 ->"),
        ({"outcome": "review"}, "outcome changed review -> prohibited"),
    ],
)
def test_stale_decisions(run: CheckResult, changes: dict[str, Any], expected: str) -> None:
    f, stale = apply(run, [decision(run, **changes)])
    (s,) = stale
    assert s["finding_id"] == FID and expected in s["stale"]
    r = row(f)
    assert expected in r["decision_stale"]
    assert r["decision"] == "dismissed_false_match"
    assert r["open"]  # a stale decision does not close the finding


def test_a_decision_for_a_finding_that_is_gone_is_stale(run: CheckResult) -> None:
    gone = decision(run).model_copy(update={"finding_id": "leahy-state:NOPE-1"})
    f, stale = apply(run, [gone], versions={"leahy-state": 2})
    assert len(f) == len(run.findings)
    (s,) = stale
    assert "no longer exists" in s["stale"] and "rule version changed 1 -> 2" in s["stale"]


def test_unexpired_decision_holds(run: CheckResult) -> None:
    _, stale = apply(run, [decision(run, expires=TODAY)])
    assert stale == []


def test_check_api_reports_decisions(
    run: CheckResult, mini: dict[str, Path], tmp_path: Path
) -> None:
    from conditionality.review.decisions import DecisionsFile, save_decisions

    path = save_decisions(DecisionsFile(decisions=[decision(run)]), tmp_path / "d.yaml")
    res = check(
        mini["aid"],
        mini["abuses"],
        mini["country_status"],
        mini["entities"],
        as_of="2024-06-30",
        decisions=path,
        today=TODAY,
    )
    d = res.summary["decisions"]
    assert d["decided"] == 1 and d["closed"] == 1 and d["stale"] == 0
    assert res.summary["open_findings"] == run.summary["open_findings"] - 1
    assert res.exit_code == 1  # other findings are still open
    from conditionality.reports.model import document

    doc = document(res)
    by_id = {f["id"]: f for f in doc["findings"]}
    assert by_id[FID]["decision"]["status"] == "dismissed_false_match"
    assert by_id[FID]["open"] is False
    assert doc["summary"]["decisions"]["stale_decisions"] == []


# --- the exit code -----------------------------------------------------------------------


def frame(*rows: tuple[str, bool]) -> pd.DataFrame:
    return pd.DataFrame({"outcome": [r[0] for r in rows], "open": [r[1] for r in rows]})


def test_exit_code_thresholds() -> None:
    review_only = frame(("review", True), ("prohibited", False))
    assert exit_code(review_only) == 1
    assert exit_code(review_only, fail_on="restricted") == 0
    assert exit_code(frame(("restricted", True)), fail_on="restricted") == 1
    assert exit_code(frame(("restricted", True)), fail_on="prohibited") == 0
    assert exit_code(frame(("not_evaluated", True))) == 1
    assert exit_code(frame(("not_evaluated", True)), fail_on="prohibited") == 0
    assert exit_code(frame(("waived", False))) == 0
    assert exit_code(frame(), rows_rejected=2) == 1
    assert exit_code(frame(), rows_rejected=2, fail_on="prohibited") == 0
    with pytest.raises(ValueError, match="fail-on"):
        exit_code(frame(), fail_on="everything")


def test_exit_code_precedence_2_then_3_then_1() -> None:
    open_ = frame(("prohibited", True))
    assert exit_code(open_, decision_problems=["stale"], bad_input=True) == 2
    assert exit_code(open_, decision_problems=["stale"]) == 3
    assert exit_code(frame(), decision_problems=["invalid"]) == 3
    assert exit_code(open_) == 1
    assert exit_code(frame()) == 0
    assert exit_code(open_, decision_problems=["x"], exit_zero=True) == 0
    assert exit_code(open_, bad_input=True, exit_zero=True) == 2
