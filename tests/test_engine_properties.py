"""Engine invariants, proven over generated tables (hypothesis, bounded budget)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conditionality.api import run_rules
from conditionality.engine import prepare_allocations
from conditionality.lang.loader import RulePack, load_rules, parse_rule
from conditionality.readers.base import InputInfo, validate
from conditionality.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
PACK = load_rules([ROOT / "rules"])
AS_OF = pd.Timestamp("2024-06-30")
FAST = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: a fixed time budget
)
# The full pack costs about a second per run on tiny tables (pandas overhead per rule).
SLOW = settings(FAST, max_examples=10)

COUNTRIES = ["GTM", "HND", "SLV", "MEX"]
UNITS = ["Batallón de Infantería 1", "Batallon de Infanteria 2", "Policía Nacional Civil",
         "Fuerza de Tarea Conjunta", None]  # fmt: skip
DATES = [None, "2019-03-01", "2021-10-01", "2022-06-30", "2023-12-31"]


def canonical(name: str, rows: list[dict]) -> pd.DataFrame:
    raw = pd.DataFrame(rows, dtype="object")
    res = validate(raw, TABLES[name], InputInfo(path="gen", table=name), pd.Series(range(len(raw))))
    return res.table


allocation_rows = st.lists(
    st.fixed_dictionaries(
        {
            "fiscal_year": st.sampled_from([2020, 2022, 2023, None]),
            "agency": st.sampled_from(["DOS", "DOD", "USAID", None]),
            "account": st.sampled_from(["FMF", "IMET", "INCLE", "ESF", None]),
            "recipient_country": st.sampled_from(COUNTRIES),
            "recipient_name": st.sampled_from(UNITS),
            "recipient_type": st.sampled_from(["security_force_unit", "government", "ngo", None]),
            "category": st.sampled_from(["security", "humanitarian", "democracy", None]),
            "amount_usd": st.integers(-1000, 10**7),
            "start_date": st.sampled_from(DATES),
            "end_date": st.sampled_from(DATES),
        }
    ),
    min_size=1,
    max_size=25,
)
record_rows = st.lists(
    st.fixed_dictionaries(
        {
            "country": st.sampled_from(COUNTRIES),
            "perpetrator_name": st.sampled_from([u for u in UNITS if u]),
            "violation_type": st.sampled_from(["torture", "rape", "arbitrary_detention"]),
            "event_date": st.sampled_from(DATES),
            "credibility": st.sampled_from(["alleged", "credible", "confirmed"]),
            "remediation": st.sampled_from(["none", "remediated", None]),
        }
    ),
    max_size=12,
)
status_rows = st.lists(
    st.fixed_dictionaries(
        {
            "country": st.sampled_from(COUNTRIES),
            "list": st.sampled_from(["cspa", "tip_tier", "pts", "coup"]),
            "value": st.sampled_from(["listed", "3", "4", "2", "determined"]),
            "valid_from": st.sampled_from(["2018-10-01", "2021-10-01", "2022-01-01"]),
            "waiver": st.sampled_from(["none", "full", "partial", None]),
        }
    ),
    max_size=10,
)


def tables(allocs: list[dict], records: list[dict], status: list[dict]):
    a = canonical("allocations", [dict(r, allocation_id=f"A{i}") for i, r in enumerate(allocs)])
    ev = {
        "abuse_records": canonical(
            "abuse_records", [dict(r, record_id=f"R{i}") for i, r in enumerate(records)]
        ),
        "country_status": canonical(
            "country_status",
            [dict(r, status_id=f"S{i}") for i, r in enumerate(status)],
        ),
        "sanctioned_entities": None,
    }
    return prepare_allocations(a), ev


def outcomes(findings: pd.DataFrame) -> dict[str, str]:
    return dict(zip(findings["finding_id"], findings["outcome"], strict=True))


def evidence_sets(evidence: pd.DataFrame) -> dict[str, frozenset[str]]:
    return {fid: frozenset(g["record_id"]) for fid, g in evidence.groupby("finding_id", sort=True)}


@SLOW
@given(allocation_rows, record_rows, status_rows, st.randoms(use_true_random=False))
def test_permuting_rows_changes_no_finding(allocs, records, status, rnd) -> None:
    a, ev = tables(allocs, records, status)
    f1, e1, _ = run_rules(a, ev, PACK, AS_OF)
    order = list(range(len(a)))
    rnd.shuffle(order)
    a2 = a.iloc[order].reset_index(drop=True)
    ev2 = {k: (v.sample(frac=1, random_state=rnd.randint(0, 999)).reset_index(drop=True)
               if v is not None else None) for k, v in ev.items()}  # fmt: skip
    f2, e2, _ = run_rules(a2, ev2, PACK, AS_OF)
    assert outcomes(f1) == outcomes(f2)
    assert evidence_sets(e1) == evidence_sets(e2)
    m1 = dict(zip(f1["finding_id"], f1["message"], strict=True))
    m2 = dict(zip(f2["finding_id"], f2["message"], strict=True))
    assert m1 == m2


@SLOW
@given(allocation_rows, record_rows, status_rows)
def test_outside_applies_to_never_flagged(allocs, records, status) -> None:
    a, ev = tables(allocs, records, status)
    f, _, _ = run_rules(a, ev, PACK, AS_OF)
    by_id = a.set_index("allocation_id")
    leahy = f[f["rule_id"] == "leahy-state"]
    agencies = by_id.loc[leahy["allocation_id"], "agency"].astype("string")
    assert not agencies.eq("DOD").any() and not agencies.eq("USAID").any()
    cats = by_id.loc[f.loc[f["rule_id"] == "faa-502b", "allocation_id"], "category"]
    assert not cats.astype("string").isin(["humanitarian", "democracy"]).any()


SIMPLE = """
id: p
version: 1
title: P
authority: {citation: test, url: https://example.org}
applies_to: {column: category, op: eq, value: security}
when:
  evidence:
    dataset: abuse_records
    where: {column: event_date, op: le, ref: [allocation.end_date, as_of]}
outcome: prohibited
message: "{allocation.allocation_id}"
"""


def simple(extra: str = "", when: str | None = None, effective: str = "") -> RulePack:
    text = SIMPLE + extra + effective
    if when is not None:
        start = text.index("when:")
        end = text.index("outcome:")
        text = text[:start] + when + "\n" + text[end:]
    return RulePack([parse_rule(yaml.safe_load(text), Path("p.yaml"))], [], "")


@FAST
@given(allocation_rows, record_rows)
def test_adding_an_exception_never_adds_a_finding(allocs, records) -> None:
    a, ev = tables(allocs, records, [])
    base, _, _ = run_rules(a, ev, simple(), AS_OF)
    exc = (
        "exceptions:\n  - {id: x, title: X, citation: c, scope: allocation, "
        "when: {column: agency, op: eq, value: DOS}, outcome: waived}\n"
        "  - {id: y, title: Y, citation: c, scope: evidence, "
        "when: {column: credibility, op: eq, value: alleged}, outcome: review}\n"
    )
    more, _, _ = run_rules(a, ev, simple(exc), AS_OF)
    assert set(more["finding_id"]) <= set(base["finding_id"])
    sev = {"prohibited": 4, "restricted": 3, "review": 2, "waived": 1, "not_evaluated": 0}
    b = outcomes(base)
    for fid, out in outcomes(more).items():
        assert sev[out] <= sev[b[fid]]


@FAST
@given(allocation_rows)
def test_not_yields_the_complement(allocs) -> None:
    a, ev = tables(allocs, [], [])
    cond = "{column: account, op: in, value: [FMF, IMET]}"
    pos, _, _ = run_rules(a, ev, simple(when=f"when: {cond}"), AS_OF)
    neg, _, _ = run_rules(a, ev, simple(when=f"when: {{not: {cond}}}"), AS_OF)
    applies = a["category"].astype("string").eq("security").fillna(False).astype(bool)
    known = applies.to_numpy() & a["account"].notna().to_numpy()
    in_scope = set(a.loc[known, "allocation_id"])
    fired_pos = set(pos.loc[pos["outcome"] == "prohibited", "allocation_id"])
    fired_neg = set(neg.loc[neg["outcome"] == "prohibited", "allocation_id"])
    assert fired_pos.isdisjoint(fired_neg)
    assert fired_pos | fired_neg == in_scope
    # where the rule applies and the account is blank, both sides stay undecided
    blank = set(a.loc[applies.to_numpy() & a["account"].isna().to_numpy(), "allocation_id"])
    assert blank <= set(pos.loc[pos["outcome"] == "review", "allocation_id"])
    assert blank <= set(neg.loc[neg["outcome"] == "review", "allocation_id"])


@FAST
@given(allocation_rows, record_rows, st.sampled_from(DATES[1:]), st.sampled_from(DATES[1:]))
def test_widening_the_date_window_never_removes_a_match(allocs, records, d1, d2) -> None:
    a, ev = tables(allocs, records, [])
    lo, hi = sorted([d1, d2])
    where = "{column: event_date, op: between, value: ['LO', 'HI']}"
    narrow = "when: {evidence: {dataset: abuse_records, where: " + where + "}}"
    narrow = narrow.replace("LO", lo).replace("HI", hi)
    wide = narrow.replace(f"'{lo}'", "'1990-01-01'").replace(f"'{hi}'", "'2030-01-01'")
    f1, _, _ = run_rules(a, ev, simple(when=narrow), AS_OF)
    f2, _, _ = run_rules(a, ev, simple(when=wide), AS_OF)
    fired1 = set(f1.loc[f1["outcome"] == "prohibited", "finding_id"])
    fired2 = set(f2.loc[f2["outcome"] == "prohibited", "finding_id"])
    assert fired1 <= fired2


amount_cells = st.one_of(
    st.integers(-(10**6), 10**9).map(str),
    st.sampled_from(["$1,200", "(1,200)", "1.2M", "USD 3,000", "lots", "", "12,34,5x"]),
)


@FAST
@given(st.lists(st.tuples(amount_cells, st.sampled_from(["GTM", "Atlantis", "", "México"]),
                          st.sampled_from(["2023-01-05", "2023-02-30", "", "5/14/2023"])),
                min_size=1, max_size=30))  # fmt: skip
def test_rows_and_dollars_always_reconcile(rows) -> None:
    raw = pd.DataFrame(
        {
            "allocation_id": [f"A{i}" for i in range(len(rows))],
            "amount_usd": [r[0] for r in rows],
            "recipient_country": [r[1] for r in rows],
            "start_date": [r[2] for r in rows],
            "recipient_name": "Unit",
        },
        dtype="object",
    )
    info = InputInfo(path="gen", table="allocations")
    res = validate(raw, TABLES["allocations"], info, pd.Series(range(2, len(raw) + 2)))
    assert info.rows_read == len(raw) == info.rows_accepted + info.rows_rejected
    assert len(res.table) == info.rows_accepted
    assert res.rejected["row"].nunique() == info.rows_rejected
    assert abs(info.dollars_read - info.dollars_accepted - info.dollars_rejected) < 0.01
