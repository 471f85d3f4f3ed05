"""The engine: three-valued logic, no mutation, no row loops, dates, severity."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conditionality.api import run_rules
from conditionality.engine import fiscal_year_start, prepare_allocations
from conditionality.lang.loader import RulePack, parse_rule
from conditionality.lang.operators import OPERATORS
from conditionality.readers.base import InputInfo, validate
from conditionality.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]


def table(name: str, rows: list[dict]) -> pd.DataFrame:
    raw = pd.DataFrame(rows, dtype="object")
    res = validate(raw, TABLES[name], InputInfo(path="t", table=name), pd.Series(range(len(raw))))
    assert res.rejected.empty, res.rejected
    return res.table


def rule(text: str):
    return parse_rule(yaml.safe_load(text), Path("inline"))


BASE = """
id: t
version: 1
title: T
authority: {citation: test, url: https://example.org}
outcome: prohibited
message: "{allocation.allocation_id} {evidence.record_id}"
"""


def alloc(**kw) -> dict:
    row = {
        "allocation_id": "A",
        "fiscal_year": 2023,
        "agency": "DOS",
        "recipient_country": "GTM",
        "recipient_name": "Unit 1",
        "recipient_type": "security_force_unit",
        "category": "security",
        "amount_usd": 10,
        "start_date": "2023-01-01",
    }
    row.update(kw)
    return row


def run(r, allocations, **tables):
    pack = RulePack([r], [], "")
    ev = {k: tables.get(k) for k in ("abuse_records", "country_status", "sanctioned_entities")}
    f, e, res = run_rules(prepare_allocations(allocations), ev, pack, pd.Timestamp("2024-06-30"))
    return f, e, res


def test_blank_cells_are_unknown_not_false() -> None:
    s = pd.Series(["DOS", None, "DOD"], dtype="object")
    assert OPERATORS["eq"].func(s, "DOS").tolist() == [True, pd.NA, False]
    assert OPERATORS["ne"].func(s, "DOS").tolist() == [False, pd.NA, True]
    assert OPERATORS["in"].func(s, ["dos"]).tolist() == [True, pd.NA, False]
    assert OPERATORS["is_blank"].func(s, None).tolist() == [False, True, False]


def test_kleene_combinators() -> None:
    r = rule(
        BASE + "applies_to: {any: [{column: agency, op: eq, value: DOS}, "
        "{column: category, op: eq, value: security}]}\n"
    )
    rows = [
        alloc(allocation_id="both-blank", agency=None, category=None),
        alloc(allocation_id="one-true", agency=None, category="security"),
        alloc(allocation_id="both-false", agency="DOD", category="health"),
    ]
    f, _, _ = run(r, table("allocations", rows))
    got = dict(zip(f["allocation_id"], f["outcome"], strict=True))
    assert got == {"both-blank": "review", "one-true": "prohibited"}


def test_not_is_the_complement_where_known() -> None:
    cond = "{column: account, op: in, value: [FMF, IMET]}"
    rows = [alloc(allocation_id=f"A{i}", account=a) for i, a in enumerate(["FMF", "ESF", None])]
    f1, _, _ = run(rule(BASE + f"applies_to: {cond}\n"), table("allocations", rows))
    f2, _, _ = run(rule(BASE + f"applies_to: {{not: {cond}}}\n"), table("allocations", rows))
    fired1 = set(f1.loc[f1["outcome"] == "prohibited", "allocation_id"])
    fired2 = set(f2.loc[f2["outcome"] == "prohibited", "allocation_id"])
    assert fired1 == {"A0"} and fired2 == {"A1"}
    assert set(f1.loc[f1["outcome"] == "review", "allocation_id"]) == {"A2"}
    assert set(f2.loc[f2["outcome"] == "review", "allocation_id"]) == {"A2"}


def test_allocation_date_falls_back_to_fiscal_year_start() -> None:
    assert fiscal_year_start(pd.Series([2020])).iloc[0] == pd.Timestamp("2019-10-01")
    a = prepare_allocations(table("allocations", [alloc(start_date=None, fiscal_year=2022)]))
    assert a["allocation_date"].iloc[0] == pd.Timestamp("2021-10-01")


def test_effective_dates_bound_the_rule() -> None:
    r = rule(
        BASE + "effective: {from: 2023-01-02}\napplies_to: {column: agency, op: eq, value: DOS}\n"
    )
    rows = [
        alloc(allocation_id="early", start_date="2023-01-01"),
        alloc(allocation_id="on", start_date="2023-01-02"),
    ]
    f, _, _ = run(r, table("allocations", rows))
    assert f["allocation_id"].tolist() == ["on"]


def test_engine_never_mutates_inputs() -> None:
    r = rule(BASE + "when: {evidence: {dataset: abuse_records}}\n")
    allocations = prepare_allocations(table("allocations", [alloc()]))
    records = table(
        "abuse_records",
        [
            {
                "record_id": "R1",
                "country": "GTM",
                "perpetrator_name": "UNIT 1",
                "violation_type": "torture",
                "event_date": "2020-01-01",
                "credibility": "credible",
            }
        ],
    )
    before_a, before_r = allocations.copy(deep=True), records.copy(deep=True)
    pack = RulePack([r], [], "")
    f, e, _ = run_rules(
        allocations,
        {"abuse_records": records, "country_status": None, "sanctioned_entities": None},
        pack,
        pd.Timestamp("2024-01-01"),
    )
    assert f["outcome"].tolist() == ["prohibited"]
    assert e["record_id"].tolist() == ["R1"]
    pd.testing.assert_frame_equal(allocations, before_a)
    pd.testing.assert_frame_equal(records, before_r)


def test_missing_evidence_table_is_not_evaluated_never_a_pass() -> None:
    r = rule(
        BASE + "applies_to: {column: agency, op: eq, value: DOS}\n"
        "when: {evidence: {dataset: abuse_records}}\n"
    )
    f, _, _ = run(r, table("allocations", [alloc(), alloc(allocation_id="B", agency="DOD")]))
    assert f["outcome"].tolist() == ["not_evaluated"]
    assert "no abuse_records supplied" in f["message"].iloc[0]


def test_list_without_rows_is_not_evaluated_but_absent_country_is_not_listed() -> None:
    r = rule(BASE + "when: {in_list: {list: cspa}}\n")
    other = table(
        "country_status",
        [
            {
                "country": "COD",
                "list": "coup",
                "value": "determined",
                "valid_from": "2020-01-01",
                "status_id": "x",
            }
        ],
    )
    f, _, _ = run(r, table("allocations", [alloc()]), country_status=other)
    assert f["outcome"].tolist() == ["not_evaluated"]
    listed = table(
        "country_status",
        [
            {
                "country": "COD",
                "list": "cspa",
                "value": "listed",
                "valid_from": "2020-01-01",
                "status_id": "y",
            }
        ],
    )
    f, _, _ = run(r, table("allocations", [alloc()]), country_status=listed)
    assert f.empty


def test_most_severe_record_wins_and_review_band_caps() -> None:
    r = rule(
        BASE
        + """
when: {evidence: {dataset: abuse_records}}
grades:
  - {when: {column: credibility, op: eq, value: alleged}, outcome: review}
"""
    )
    recs = [
        {
            "record_id": "R1",
            "country": "GTM",
            "perpetrator_name": "Unit 1",
            "violation_type": "torture",
            "event_date": "2020-01-01",
            "credibility": "alleged",
        },
        {
            "record_id": "R2",
            "country": "GTM",
            "perpetrator_name": "UNIT-1",
            "violation_type": "torture",
            "event_date": "2020-01-01",
            "credibility": "credible",
        },
    ]
    f, e, _ = run(r, table("allocations", [alloc()]), abuse_records=table("abuse_records", recs))
    assert f["outcome"].tolist() == ["prohibited"]
    assert set(e["record_id"]) == {"R1", "R2"}
    assert e.iloc[0]["record_id"] == "R2"  # the decisive record comes first


def test_summary_counts_per_rule() -> None:
    r = rule(BASE + "applies_to: {column: agency, op: eq, value: DOS}\n")
    _, _, res = run(r, table("allocations", [alloc(), alloc(allocation_id="B", agency="DOD")]))
    assert res[0].stats["applied"] == 1
    assert res[0].stats["prohibited"] == 1


ROW_LOOP = re.compile(r"\.iterrows\(|\.itertuples\(|apply\([^)]*axis\s*=\s*1|for .+ in .+\.index\b")


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "conditionality").glob("*.py"))
    + sorted((ROOT / "conditionality" / "lang").glob("*.py")),
    ids=lambda p: p.name,
)
def test_engine_has_no_row_loops(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not ROW_LOOP.search(text), f"row-by-row pandas in {path.name}"
    assert "pd.eval(" not in text and ".query(" not in text
    assert not re.search(r"(?<![.\w])eval\(", text)
    assert "yaml.load(" not in text or "_NoAliasLoader" in text


def test_stale_or_undated_lists_are_warned_about(tmp_path: Path) -> None:
    from conditionality import check

    aid = tmp_path / "aid.csv"
    aid.write_text(
        "allocation_id,recipient_country,recipient_name,amount_usd,category,fiscal_year\n"
        "A1,GTM,Unit,100,security,2023\n",
        encoding="utf-8",
    )
    lists = tmp_path / "lists.csv"
    lists.write_text(
        "country,list,value,valid_from,last_verified\nGTM,pts,3,2022-01-01,2022-01-15\n"
        "GTM,tip_tier,2,2022-10-01,\n",
        encoding="utf-8",
    )
    result = check(aid, country_status=lists, as_of="2024-06-30")
    warnings = " ".join(result.summary["warnings"])
    assert "list pts was last verified on 2022-01-15" in warnings
    assert "tip_tier carry no last_verified date" in warnings
    assert result.summary["lists"]["pts"]["rows"] == 1
    fresh = check(aid, country_status=lists, as_of="2022-06-30")
    assert "pts was last verified" not in " ".join(fresh.summary["warnings"])


def test_bundled_reference_lists_carry_verification_dates() -> None:
    from conditionality.freshness import shipped_reference_files
    from conditionality.readers import load_table

    read = load_table([Path(p) for p in shipped_reference_files()], "country_status")
    assert read.rejected.empty
    assert read.table["last_verified"].notna().all()
    assert {"cspa", "tip_tier", "coup", "pts"} <= set(read.table["list"])
