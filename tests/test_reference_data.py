"""Checks on the shipped reference lists in datasets/reference/ (country_status format).

Reads only files inside the repository.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import importlib.util
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
import yaml

REF = Path(__file__).resolve().parents[1] / "datasets" / "reference"
FILES = {"cspa.csv": "cspa", "tip_tiers.csv": "tip_tier", "coups.csv": "coup", "pts.csv": "pts"}
COLUMNS = [
    "country",
    "list",
    "value",
    "valid_from",
    "valid_to",
    "waiver",
    "source",
    "status_id",
    "last_verified",
    "note",
]
VALUES = {
    "cspa": {"listed"},
    "tip_tier": {"1", "2", "2WL", "3", "special"},
    "coup": {"determined", "unverified"},
    "pts": {"1", "2", "3", "4", "5"},
}
WAIVERS = {
    "cspa": {"none", "full", "partial", "unknown"},
    "tip_tier": {"", "full", "partial"},
    "coup": {""},
    "pts": {""},
}
# Verbatim copies of the inputs (see sources/PROVENANCE.md).
SOURCE_SHA256 = {
    "PTS-2024.csv": "a09d5d81584dcff8e3d4697411ba2fe4a429f47c96514fe2c43af3e8875c779b",
    "coup_restrictions.csv": "e9ea5cac0f6cb0e94b8b811609a796ffab6c707142caa3776b7c8db0c5a0bd02",
    "cspa_list.csv": "1561e422366b096f79ea0d12c417bf565663dd162cb77d558fe940ca594fefcc",
    "reference-README.md": "57ddb148921b7f1d026d1cf8cc1bee8407dfd5e8cf898e4d23364c801d21eff0",
    "tip_tiers.csv": "384acd7e83db9d802845d420095656e20d70d1c8b67e09c19c86ee6584017d4e",
    "tip_tiers_orig.csv": "65909a7bd4053b8947a3b54c9c2d7619d0af708189e4fe5c1ac02ba770a8af75",
}


def _load_build():
    spec = importlib.util.spec_from_file_location("reference_build", REF / "build.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _read(name: str) -> list[dict[str, str]]:
    with (REF / name).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS, name
        return list(reader)


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict[str, str]]]:
    return {name: _read(name) for name in FILES}


@pytest.fixture(scope="module")
def by_id(tables) -> dict[str, dict[str, str]]:
    return {r["status_id"]: r for rows in tables.values() for r in rows}


def test_files_not_empty(tables):
    for name, rows in tables.items():
        assert rows, name


def test_every_row_has_source(tables):
    for name, rows in tables.items():
        bad = [r["status_id"] for r in rows if not r["source"].strip()]
        assert not bad, (name, bad[:5])


def test_list_values_and_waivers(tables):
    for name, rows in tables.items():
        list_id = FILES[name]
        for r in rows:
            assert r["list"] == list_id, r["status_id"]
            assert r["value"] in VALUES[list_id], r["status_id"]
            assert r["waiver"] in WAIVERS[list_id], r["status_id"]


def test_country_codes_iso3_or_documented(tables):
    exceptions = _load_build().NON_ISO3_CODES
    readme = (REF / "README.md").read_text(encoding="utf-8")
    for code in exceptions:
        assert f"`{code}`" in readme, f"exception {code} not documented in README.md"
        if code != "XKX":
            assert pycountry.historic_countries.get(alpha_3=code) is not None, code
    for name, rows in tables.items():
        bad = {
            r["country"]
            for r in rows
            if pycountry.countries.get(alpha_3=r["country"]) is None
            and r["country"] not in exceptions
        }
        assert not bad, (name, sorted(bad))


def test_dates_parse_and_are_ordered(tables):
    for name, rows in tables.items():
        for r in rows:
            start = dt.date.fromisoformat(r["valid_from"])
            if r["valid_to"]:
                assert start <= dt.date.fromisoformat(r["valid_to"]), (name, r["status_id"])
            else:
                assert name == "coups.csv", f"open-ended row outside coups: {r['status_id']}"


def test_status_id_unique_and_stable(tables):
    seen: set[str] = set()
    for rows in tables.values():
        for r in rows:
            assert r["status_id"] == f"{r['list']}:{r['country']}:{r['valid_from']}"
            assert r["status_id"] not in seen, r["status_id"]
            seen.add(r["status_id"])


def test_no_overlapping_periods(tables):
    for name, rows in tables.items():
        groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for r in rows:
            end = r["valid_to"] or "9999-12-31"
            groups[(r["country"], r["list"])].append((r["valid_from"], end))
        for key, periods in groups.items():
            periods.sort()
            for (_, end), (start, _) in zip(periods, periods[1:], strict=False):
                assert end < start, (name, key, end, start)


def test_build_reproduces_committed_files(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REF / "build.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (REF / name).read_bytes(), name


def test_sources_are_the_recorded_verbatim_copies():
    for name, digest in SOURCE_SHA256.items():
        assert hashlib.sha256((REF / "sources" / name).read_bytes()).hexdigest() == digest, name


def test_lists_yaml_describes_every_list():
    meta = yaml.safe_load((REF / "lists.yaml").read_text(encoding="utf-8"))
    entries = {e["id"]: e for e in meta["lists"]}
    assert set(entries) == set(FILES.values())
    for e in entries.values():
        for key in ("title", "publisher", "authority", "source_urls", "coverage", "last_verified"):
            assert e.get(key), (e["id"], key)
        dt.date.fromisoformat(str(e["last_verified"]))
        assert (REF / e["file"]).exists()


# --- known facts, each traceable to a row in sources/ ---------------------------------------


def test_known_cspa_rows(by_id):
    # cspa_list.csv: COD 2013 report, PD of 2013-09-30 waived in part.
    r = by_id["cspa:COD:2013-10-01"]
    assert (r["valid_to"], r["waiver"]) == ("2014-09-30", "partial")
    # cspa_list.csv: Turkey on the 2023 list, full waiver by PD 2024-06.
    assert by_id["cspa:TUR:2023-10-01"]["waiver"] == "full"
    # additions_cspa_list.csv: Mali on the 2020 list (FY2021).
    assert by_id["cspa:MLI:2020-10-01"]["valid_to"] == "2021-09-30"


def test_known_tip_rows(by_id):
    # Kelley & Heiss: Afghanistan "Tier 3" in the 2002 report.
    assert by_id["tip_tier:AFG:2002-10-01"]["value"] == "3"
    # Kelley & Heiss label "Watchlist    " normalised; Kosovo KOS -> XKX.
    assert by_id["tip_tier:XKX:2009-10-01"]["value"] == "2"
    assert "tip_tier:KOS:2009-10-01" not in by_id
    # Reference CSV: Haiti 2021 recorded as Tier 2 Watch List; Libya 2017 Special Case.
    assert by_id["tip_tier:HTI:2021-10-01"]["value"] == "2WL"
    assert by_id["tip_tier:LBY:2017-10-01"]["value"] == "special"


def test_known_coup_rows(by_id, tables):
    mali = by_id["coup:MLI:2012-03-22"]
    assert (mali["value"], mali["valid_to"]) == ("determined", "2013-09-06")
    assert by_id["coup:NER:2023-10-10"]["valid_to"] == ""
    assert by_id["coup:MRT:2008-08-01"]["value"] == "unverified"
    assert by_id["coup:MDG:2009-03-20"]["valid_to"] == "2014-05-27"
    # 'not determined' cases and the subsumed Sudan 2021 row are not membership rows.
    countries = {r["country"] for r in tables["coups.csv"]}
    assert not countries & {"EGY", "HND", "BOL", "TCD"}
    assert "coup:SDN:2021-10-25" not in by_id
    assert by_id["coup:SDN:1989-01-01"]["valid_to"] == ""


def test_known_pts_rows(by_id, tables):
    # PTS-2024.csv: Afghanistan 1991 PTS_A=4, PTS_H=NA, PTS_S=5 -> 5.
    assert by_id["pts:AFG:1991-01-01"]["value"] == "5"
    assert by_id["pts:AFG:1991-01-01"]["valid_to"] == "1991-12-31"
    # Code fixes: ROM -> ROU, ZAR -> COD, KSV -> XKX.
    assert "pts:ROU:2000-01-01" in by_id and "pts:ROM:2000-01-01" not in by_id
    assert "pts:COD:2000-01-01" in by_id
    assert "pts:XKX:2010-01-01" in by_id
    years = {int(r["valid_from"][:4]) for r in tables["pts.csv"]}
    assert min(years) == 1990
