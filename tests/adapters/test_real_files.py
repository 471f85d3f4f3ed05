"""Adapters on real published files (tests/data/realdata, see PROVENANCE.md): known figures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conditionality.readers import load_table
from conditionality.readers.registry import pick_adapter
from conditionality.schema import TABLES

from .conftest import REAL, reconciles


def load(rel: str, table: str, **kw):
    result = load_table([REAL / rel], table, **kw)
    reconciles(result)
    return result


@pytest.mark.parametrize(
    ("rel", "table", "name"),
    [
        ("fmtr/fmtr_fy_2019_2020_latam.tsv", "allocations", "fmtr"),
        ("foreignassistance/fa_complete_country_SLV_econ_FY2017-2022.csv", "allocations", "fa-gov"),
        ("iati/usaid-activity.xml", "allocations", "iati"),
        (
            "ucdp_ged/ged_mexico_gov-involved_all-years_plus_2023-sample.csv",
            "abuse_records",
            "ucdp-ged",
        ),
        ("pts/PTS-2024.csv", "country_status", "pts"),
        ("tip_tiers/tip_tiers_orig.csv", "country_status", "tip"),
        ("ofac_sdn/sdn.csv", "sanctioned_entities", "ofac-sdn"),
    ],
)
def test_detected_from_headers(rel: str, table: str, name: str) -> None:
    adapter = pick_adapter(REAL / rel, TABLES[table], None)
    assert adapter is not None and adapter.name == name


def test_fmtr_fy2019_2020() -> None:
    r = load("fmtr/fmtr_fy_2019_2020_latam.tsv", "allocations")
    info = r.info[0]
    assert info.adapter == "fmtr"
    # 79 'Fiscal Year 2019 Program Totals' lines are subtotals: out of scope, and each equals
    # the sum of its activities, so the accepted dollars are exactly half the file's
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (1770, 1691, 79)
    assert info.rows_out_of_scope == 79
    assert info.dollars_read == pytest.approx(78_882_858)
    assert info.dollars_accepted == pytest.approx(39_441_429)
    assert "79 equal the sum of their activities" in " ".join(info.notes)
    t = r.table
    assert set(t["fiscal_year"].unique()) == {2019}
    assert t["recipient_country"].value_counts()["COL"] == 727
    # 'Multiple', 'Various' and blank student units cannot be vetted: recipient_name is blank
    assert int(t["recipient_name"].isna().sum()) == 147
    assert (
        t.loc[t["recipient_name"].isna(), "description"]
        .str.contains("student unit: (?:Multiple|Various|N/A|\\(blank\\))", regex=True)
        .all()
    )
    s333 = t[t["account"].eq("S333")]
    assert len(s333) == 367 and set(s333["agency"]) == {"DOD"}
    assert set(t.loc[t["account"].eq("FMF"), "agency"]) == {"DOS"}
    assert set(t.loc[t["account"].eq("IMET"), "agency"]) == {"DOS"}
    assert set(t["category"]) == {"security"}
    assert set(t["recipient_type"]) == {"security_force_unit"}
    first = t.iloc[0]
    assert first["amount_usd"] == 60403 and first["start_date"] == pd.Timestamp("2019-07-14")


def test_fmtr_fy2020_2021_rejects_impossible_dates() -> None:
    r = load("fmtr/fmtr_fy_2020_2021_latam.tsv", "allocations")
    info = r.info[0]
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (1153, 1078, 75)
    assert info.rows_out_of_scope == 73  # program total lines
    assert info.dollars_read == pytest.approx(42_871_164)
    assert info.dollars_accepted == pytest.approx(21_144_582)
    bad = r.rejected[~r.rejected["reason"].str.startswith("out of scope")]
    assert bad["row"].tolist() == [772, 1051]
    assert set(bad["value"]) == {"6/27/2106"}  # a typo for 2016 or 2021: rejected, not guessed
    assert set(r.table["fiscal_year"].unique()) == {2020}
    assert info.dollars_by_transaction_type == {"obligation": pytest.approx(21_144_582)}


def test_fmtr_ids_stable_and_unique(tmp_path: Path) -> None:
    a = load("fmtr/fmtr_fy_2019_2020_latam.tsv", "allocations").table["allocation_id"]
    b = load("fmtr/fmtr_fy_2019_2020_latam.tsv", "allocations").table["allocation_id"]
    assert a.tolist() == b.tolist()
    assert a.is_unique and a.str.fullmatch(r"fmtr-[0-9a-f]{12}-\d+").all()
    # reversed row order, and one row repeated: distinct rows keep their ids, the repeat is -2
    lines = (REAL / "fmtr/fmtr_fy_2019_2020_latam.tsv").read_text().splitlines()
    shuffled = [lines[0], *reversed(lines[1:]), lines[1]]
    path = tmp_path / "fmtr.tsv"
    path.write_text("\n".join(shuffled) + "\n")
    c = load_table([path], "allocations").table["allocation_id"]
    assert set(c) == set(a) | {a.iloc[0][:-2] + "-2"}


def test_fa_gov_el_salvador() -> None:
    r = load("foreignassistance/fa_complete_country_SLV_econ_FY2017-2022.csv", "allocations")
    info = r.info[0]
    assert info.adapter == "fa-gov"
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (1181, 1181, 0)
    assert info.dollars_read == pytest.approx(545_938_061)
    assert info.dollars_by_transaction_type == {"obligation": pytest.approx(545_938_061)}
    t = r.table
    assert set(t["recipient_country"]) == {"SLV"}
    negative = t["amount_usd"] < 0
    assert int(negative.sum()) == 225
    assert t.loc[negative, "amount_usd"].sum() == pytest.approx(-55_158_711)
    assert int(t["recipient_name"].isna().sum()) == 357  # redacted partners
    assert t["agency"].value_counts().to_dict() == {
        "USAID": 924,
        "MCC": 102,
        "OTHER": 64,
        "DOS": 57,
        "TREASURY": 27,
        "DOJ": 6,
        "DHS": 1,
    }
    by_year = t.groupby("fiscal_year")["amount_usd"].sum()
    assert by_year[2017] == pytest.approx(108_601_155)
    assert by_year[2022] == pytest.approx(73_003_669)
    assert t["allocation_id"].is_unique


def test_iati_transactions() -> None:
    r = load("iati/usaid-activity.xml", "allocations")
    info = r.info[0]
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (152, 65, 87)
    assert info.dollars_read == pytest.approx(16_157_075.20)
    assert info.dollars_accepted == pytest.approx(5_756_900.15)
    assert set(r.rejected["reason"]) == {
        "neither the transaction nor the activity names a recipient country "
        "(regional or global activity)"
    }
    assert r.table["recipient_country"].value_counts().to_dict() == {
        "NGA": 20,
        "MEX": 17,
        "TZA": 12,
        "IND": 7,
        "BGD": 5,
        "JOR": 4,
    }
    h = load("iati/usaid-humanitarian-activity.xml", "allocations")
    assert (h.info[0].rows_read, h.info[0].rows_accepted) == (9, 9)
    assert set(h.table["category"]) == {"humanitarian"}
    assert h.info[0].dollars_by_transaction_type == {
        "obligation": pytest.approx(2_000_000),
        "disbursement": pytest.approx(1_999_998),
    }


def test_ucdp_ged_one_sided_government() -> None:
    r = load("ucdp_ged/ged_mexico_gov-involved_all-years_plus_2023-sample.csv", "abuse_records")
    info = r.info[0]
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (1590, 61, 1529)
    assert info.rows_out_of_scope == 1529
    assert info.settings["credibility"] == "alleged"
    t = r.table
    assert set(t["perpetrator_name"]) == {"Government of Mexico"}
    assert set(t["country"]) == {"MEX"}
    assert set(t["violation_type"]) == {"extrajudicial_killing"}
    assert t.iloc[0]["record_id"] == "ucdp-ged-182047"
    credible = load(
        "ucdp_ged/ged_mexico_gov-involved_all-years_plus_2023-sample.csv",
        "abuse_records",
        options={"credibility": "credible"},
    )
    assert set(credible.table["credibility"]) == {"credible"}


def test_pts_highest_score_per_country_year() -> None:
    r = load("pts/PTS-2024.csv", "country_status")
    info = r.info[0]
    # former countries (YUG, SUN, CSK, DDR: ISO 3166-3 codes) are kept as such
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (10220, 8554, 1666)
    assert info.rows_out_of_scope == 1543  # no score at all
    t = r.table.set_index("status_id")
    # Afghanistan 1976: PTS_A=2, PTS_H=NA, PTS_S=2; 1979: 5, NA, 5
    assert t.loc["pts:AFG:1976-01-01", "value"] == "2"
    assert t.loc["pts:AFG:1979-01-01", "value"] == "5"
    assert t.loc["pts:AFG:1979-01-01", "valid_to"] == pd.Timestamp("1979-12-31")
    assert "pts:ROU:2000-01-01" in t.index  # World Bank 'ROM'
    assert "pts:COD:2000-01-01" in t.index  # World Bank 'ZAR'
    # Türkiye survives the latin-1 encoding
    assert t.loc["pts:TUR:2020-01-01", "source"].count("Türkiye") == 1


def test_tip_tiers() -> None:
    r = load("tip_tiers/tip_tiers_orig.csv", "country_status")
    info = r.info[0]
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (3208, 2251, 957)
    assert info.rows_out_of_scope == 957  # NA: not ranked
    t = r.table.set_index("status_id")
    assert t.loc["tip_tier:AFG:2002-10-01", "value"] == "3"  # 'Tier 3'
    assert t.loc["tip_tier:AFG:2004-10-01", "value"] == "2"  # 'Tier 2    '
    assert t.loc["tip_tier:AFG:2010-10-01", "value"] == "2WL"  # 'Watchlist    '
    assert t.loc["tip_tier:AFG:2010-10-01", "valid_to"] == pd.Timestamp("2011-09-30")
    assert set(t["value"]) <= {"1", "2", "2WL", "3", "special"}


def test_ofac_sdn_with_aliases_beside() -> None:
    r = load("ofac_sdn/sdn.csv", "sanctioned_entities")
    info = r.info[0]
    assert info.adapter == "ofac-sdn"
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (2403, 2403, 0)
    assert any("Ctrl-Z" in n for n in info.notes)
    assert any("alt.csv: 1398 rows" in n for n in info.notes)
    t = r.table.set_index("entity_id")
    amezcua = t.loc["ofac-6703"]
    assert amezcua["name"] == "AMEZCUA CONTRERAS, Jose de Jesus"
    assert "AMEZCUA, Chuy" in amezcua["aliases"]
    assert amezcua["program"] == "SDNTK"
    assert t["program"].str.contains(";").any()  # e.g. 'SDNTK] [ILLICIT-DRUGS-EO14059'
    assert not t["program"].str.contains(r"\[|\]", regex=True).any()
    assert not t["source"].str.contains("-0-").any()
    assert int(t["aliases"].notna().sum()) == 726
    assert t["country"].value_counts()["MEX"] == 416


def test_ofac_sdn_aliases_option(tmp_path: Path) -> None:
    sdn = tmp_path / "list.csv"
    sdn.write_bytes((REAL / "ofac_sdn" / "sdn.csv").read_bytes())
    r = load_table([sdn], "sanctioned_entities")
    assert r.table["aliases"].isna().all()
    r = load_table(
        [sdn], "sanctioned_entities", options={"aliases_path": str(REAL / "ofac_sdn" / "alt.csv")}
    )
    assert int(r.table["aliases"].notna().sum()) == 726


def test_sample_scenario_fmtr_excerpt() -> None:
    sample = Path(__file__).resolve().parents[2] / "datasets" / "sample" / "fmtr_fy2020_excerpt.tsv"
    r = load_table([sample], "allocations")
    reconciles(r)
    info = r.info[0]
    assert info.adapter == "fmtr"
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (83, 74, 9)
    assert info.dollars_read == pytest.approx(1_216_034)
    assert info.dollars_accepted == pytest.approx(641_592)
    assert r.table["recipient_country"].value_counts().to_dict() == {"GTM": 39, "SLV": 34, "PER": 1}
    assert int(r.table["recipient_name"].isna().sum()) == 1  # Peru, student unit 'N/A'
