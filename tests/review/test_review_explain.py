"""`explain`: why each rule fired or did not for one allocation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conditionality.review.explain import ExplainError, explain, render_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "datasets" / "sample"


def run(alloc: str, m: dict[str, Path], **kw: Any) -> dict[str, Any]:
    return explain(
        alloc,
        m["aid"],
        m["abuses"],
        m["country_status"],
        m["entities"],
        as_of="2024-06-30",
        **kw,
    )


@pytest.fixture(scope="module")
def cuscatlan(mini: dict[str, Path]) -> dict[str, Any]:
    return run("STATE-2021-0027", mini)


def by_rule(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["rule_id"]: r for r in doc["rules"]}


def test_every_rule_is_explained(cuscatlan: dict[str, Any]) -> None:
    from conditionality.lang.loader import load_rules

    assert [r["rule_id"] for r in cuscatlan["rules"]] == [r.id for r in load_rules().rules]


def test_fired_with_evidence_and_exception(cuscatlan: dict[str, Any]) -> None:
    r = by_rule(cuscatlan)["leahy-state"]
    assert r["status"] == "fired" and r["outcome"] == "waived"
    assert r["exceptions_applied"] == ["remediation"]
    (ev,) = r["evidence"]
    assert ev["record_id"] == "AR-0030" and ev["score"] == 1.0
    text = render_text(cuscatlan)
    assert "leahy-state v1: FIRED -> waived" in text
    assert "abuse_records:AR-0030 -> waived" in text


def test_outside_scope_names_the_false_condition(cuscatlan: dict[str, Any]) -> None:
    r = by_rule(cuscatlan)["leahy-dod"]
    assert r["status"] == "outside_scope"
    assert "agency eq DOD is false [value: 'DOS']" in r["reason"]


def test_did_not_fire_list_has_no_entry(cuscatlan: dict[str, Any]) -> None:
    r = by_rule(cuscatlan)["cspa"]
    assert r["status"] == "did_not_fire"
    assert "no 'cspa' entry for SLV" in r["reason"]
    r = by_rule(cuscatlan)["tvpa-tier3"]
    assert r["status"] == "did_not_fire"
    assert "tip_tier-SLV-FY2021 (value 2)" in r["reason"]
    s = by_rule(cuscatlan)["sanctioned-recipient"]
    assert s["status"] == "did_not_fire" and "no sanctioned_entities record matches" in s["reason"]


def test_not_evaluated(mini: dict[str, Path]) -> None:
    r = by_rule(run("USAID-2019-0009", mini, rule_ids=["tvpa-tier3"]))["tvpa-tier3"]
    assert r["status"] == "not_evaluated"
    assert "no tip_tier value for GTM on 2019-03-04" in r["reason"]
    assert "no 'tip_tier' entry for GTM covers 2019-03-04" in r["lists"][0]["note"]


def test_where_failures_and_near_misses() -> None:
    m = {
        "aid": SAMPLE / "allocations_dod.xlsx",
        "abuses": SAMPLE / "abuse_records.csv",
        "country_status": SAMPLE / "country_status.csv",
        "entities": SAMPLE / "sanctioned_entities.csv",
    }
    doc = run("DOD-2022-0056", m, rule_ids=["leahy-dod"])
    r = by_rule(doc)["leahy-dod"]
    assert r["status"] == "did_not_fire"
    (search,) = r["evidence_search"]
    (matched,) = search["matched"]
    assert matched["record_id"] == "AR-0057" and matched["where"] == "false"
    assert any("violation_type in" in w["condition"] for w in matched["where_failed"])
    assert "fail the where conditions" in r["reason"]


def test_unknown_allocation_or_rule(mini: dict[str, Path]) -> None:
    with pytest.raises(ExplainError, match="did you mean 'STATE-2021-0027'"):
        run("state-2021-0027", mini)
    with pytest.raises(ExplainError, match="no rule nope"):
        run("STATE-2021-0027", mini, rule_ids=["nope"])
