"""Properties: finding ids do not depend on row order; decisions never add or remove
findings, only their status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conditionality.api import CheckResult, check
from conditionality.review.apply import DECISION_COLUMNS, apply_decisions
from conditionality.review.decisions import STATUSES, Decision

ROOT = Path(__file__).resolve().parents[2]
# an evidence rule and a list rule keep each run fast (a check costs ~0.4 s, so the
# permutation property runs fewer examples than the pure one)
RULES = [ROOT / "rules" / f"{r}.yaml" for r in ("leahy-state", "tvpa-tier3")]
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=HEALTH)
PERMUTATIONS = settings(max_examples=12, deadline=None, suppress_health_check=HEALTH)


def run_check(m: dict[str, Path], aid: Path) -> CheckResult:
    return check(
        aid, m["abuses"], m["country_status"], m["entities"], rules=RULES, as_of="2024-06-30"
    )


@pytest.fixture(scope="module")
def baseline(mini: dict[str, Path]) -> tuple[pd.DataFrame, CheckResult]:
    rows = pd.read_csv(mini["aid"], dtype=str, keep_default_na=False)
    return rows, run_check(mini, mini["aid"])


def summary_of(res: CheckResult) -> set[tuple[str, str, str, str]]:
    from conditionality.reports.model import evidence_fingerprint

    fp = evidence_fingerprint(res.findings, res.evidence)
    return set(
        zip(res.findings["finding_id"], res.findings["outcome"], fp, res.findings["message"],
            strict=True)
    )  # fmt: skip


@PERMUTATIONS
@given(data=st.data())
def test_finding_ids_are_stable_under_row_permutation(
    data: st.DataObject, baseline: tuple[pd.DataFrame, CheckResult], mini: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    rows, base = baseline
    order = data.draw(st.permutations(list(range(len(rows)))))
    path = tmp_path_factory.mktemp("perm") / "allocations.csv"
    rows.iloc[order].to_csv(path, index=False)
    res = run_check(mini, path)
    assert summary_of(res) == summary_of(base)
    assert list(res.findings["finding_id"]) == list(base.findings["finding_id"])  # sorted by id


@st.composite
def decisions_for(draw: st.DrawFn, ids: list[str]) -> list[Decision]:
    chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    ghosts = draw(st.lists(st.from_regex(r"[a-z]{2,6}:[A-Z]{1,3}-[0-9]{1,3}", fullmatch=True),
                           unique=True, max_size=3))  # fmt: skip
    out = []
    for fid in [*chosen, *[g for g in ghosts if g not in ids]]:
        day = draw(st.dates(dt.date(2020, 1, 1), dt.date(2026, 1, 1)))
        expires = draw(st.none() | st.dates(day, dt.date(2027, 1, 1)))
        out.append(
            Decision(
                finding_id=fid,
                status=draw(st.sampled_from(STATUSES)),
                reason="r",
                reviewer="someone",
                date=day,
                expires=expires,
                rule_version=draw(st.integers(1, 3)),
                evidence_fingerprint=draw(st.from_regex(r"[0-9a-f]{12}", fullmatch=True)),
            )
        )
    return out


@SETTINGS
@given(data=st.data())
def test_applying_decisions_never_adds_or_removes_findings(
    data: st.DataObject, baseline: tuple[pd.DataFrame, CheckResult]
) -> None:
    _, base = baseline
    f0 = base.findings.drop(columns=DECISION_COLUMNS)  # check() already applied none
    decisions = data.draw(decisions_for(f0["finding_id"].tolist()))
    today = data.draw(st.dates(dt.date(2020, 1, 1), dt.date(2028, 1, 1)))
    f, stale = apply_decisions(f0, base.evidence, decisions, today, {"leahy-state": 1})
    assert list(f.index) == list(f0.index)
    pd.testing.assert_frame_equal(f[list(f0.columns)], f0)  # only columns are added
    assert list(f.columns) == [*f0.columns, *DECISION_COLUMNS]
    decided = set(f.loc[f["decision"] != "", "finding_id"])
    assert decided == {d.finding_id for d in decisions} & set(f0["finding_id"])
    # a finding closes only with a fresh dismissal or acceptance, and only flagged ones count
    closing = f["decision"].isin(["dismissed_false_match", "accepted_with_waiver"])
    fresh = f["decision_stale"] == ""
    counting = f["outcome"].isin(["prohibited", "restricted", "review", "not_evaluated"])
    assert (f["open"] == (counting & ~(closing & fresh))).all()
    assert {s["finding_id"] for s in stale} >= {d.finding_id for d in decisions} - set(
        f0["finding_id"]
    )
