"""Adapters whose data may not be committed (ACLED, OpenSanctions) or of which no real extract
was available (OECD CRS): invented rows in the real headers and conventions."""

from __future__ import annotations

import pandas as pd
import pytest

from conditionality.readers import InputError, load_table

from .conftest import FIXTURES, reconciles


def load(name: str, table: str, **kw):
    result = load_table([FIXTURES / name], table, **kw)
    reconciles(result)
    return result


def test_acled_2020_format() -> None:
    r = load("acled_2020_format_invented.csv", "abuse_records")
    info = r.info[0]
    assert info.adapter == "acled" and info.settings["credibility"] == "alleged"
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (8, 4, 4)
    assert info.rows_out_of_scope == 3
    t = r.table.set_index("record_id")
    assert t.loc["acled-MEX90001", "violation_type"] == "extrajudicial_killing"
    assert t.loc["acled-MEX90001", "perpetrator_name"] == "Military Forces of Mexico"
    assert pd.isna(t.loc["acled-MEX90001", "perpetrator_parent"])
    assert t.loc["acled-MEX90002", "perpetrator_name"] == "National Guard"
    assert t.loc["acled-MEX90002", "perpetrator_parent"] == "Police Forces of Mexico"
    assert t.loc["acled-MEX90002", "violation_type"] == "enforced_disappearance"
    assert t.loc["acled-GTM90003", "violation_type"] == "rape"
    assert t.loc["acled-HND90004", "violation_type"] == "other"  # no fatalities
    assert t.loc["acled-MEX90001", "event_date"] == pd.Timestamp("2020-05-03")  # '3-May-20'
    bad = r.rejected.set_index("row")
    assert bad.loc[8, "column"] == "event_date" and bad.loc[8, "value"] == "31-Feb-20"
    assert bad.loc[7, "reason"] == "out of scope: actor1 is not a state force"


def test_acled_current_format_and_credibility() -> None:
    r = load(
        "acled_current_format_invented.csv", "abuse_records", options={"credibility": "credible"}
    )
    info = r.info[0]
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (5, 3, 2)
    t = r.table.set_index("record_id")
    assert set(t["credibility"]) == {"credible"}
    assert t.loc["acled-VEN99003", "perpetrator_name"] == "GNB: Venezuelan National Guard"
    assert t.loc["acled-VEN99003", "perpetrator_parent"] == "Military Forces of Venezuela"
    assert t.loc["acled-SLV99002", "country"] == "SLV"
    with pytest.raises(InputError):
        load_table(
            [FIXTURES / "acled_current_format_invented.csv"],
            "abuse_records",
            options={"credibility": "certain"},
        )


def test_opensanctions_simple() -> None:
    r = load("opensanctions_targets.simple_invented.csv", "sanctioned_entities")
    info = r.info[0]
    assert info.adapter == "opensanctions"
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (4, 3, 1)
    t = r.table.set_index("entity_id")
    assert t.loc["os-NK-invented0001", "country"] == "GTM"
    assert t.loc["os-NK-invented0001", "aliases"] == "Comandante Uno; El Inventado"
    assert pd.isna(t.loc["os-NK-invented0002", "country"])  # two countries: any country
    assert r.rejected.iloc[0]["reason"] == "required value is blank"


def test_followthemoney_json_lines() -> None:
    r = load("ftm_entities_invented.json", "sanctioned_entities")
    info = r.info[0]
    assert info.adapter == "ftm"
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (5, 2, 3)
    assert info.rows_out_of_scope == 2
    t = r.table.set_index("entity_id")
    p = t.loc["os-NK-inv-p1"]
    assert p["country"] == "NIC" and p["program"] == "INVENTED-PROGRAM"
    assert p["listed_date"] == pd.Timestamp("2022-02-15")
    assert "El Dos" in p["aliases"]
    assert "line is not valid JSON" in set(r.rejected["reason"])


def test_crs_us_rows_only() -> None:
    r = load("crs_invented.txt", "allocations")
    info = r.info[0]
    assert info.adapter == "crs"
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (5, 3, 2)
    assert info.dollars_read == pytest.approx(4_300_000)
    assert info.dollars_accepted == pytest.approx(2_000_000)
    assert info.dollars_by_transaction_type == {
        "obligation": pytest.approx(1_750_000),
        "disbursement": pytest.approx(250_000),
    }
    t = r.table.set_index("recipient_country")
    assert t.loc["COL", "category"] == "security" and t.loc["COL", "agency"] == "DOS"
    assert t.loc["COL", "start_date"] == pd.Timestamp("2018-10-01")  # dd/mm/yyyy
    assert t.loc["HND", "category"] == "humanitarian"
