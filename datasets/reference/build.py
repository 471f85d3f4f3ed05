"""Rebuild the reference lists (country_status format) from the verbatim inputs in ``sources/``.

Usage::

    .venv/bin/python datasets/reference/build.py            # writes next to this file
    .venv/bin/python datasets/reference/build.py --out DIR  # writes into DIR

Deterministic: same inputs, same bytes out (rows sorted, fixed column order, LF line ends).
Standard library + pandas only. The mapping rules are documented in README.md next to this file.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"

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

OUTPUTS = ("cspa.csv", "tip_tiers.csv", "coups.csv", "pts.csv")

# Country codes that are not current ISO 3166-1 alpha-3 codes but are used on purpose.
# XKX: Kosovo (user-assigned code, as used by the European Commission and the World Bank API).
# The others are ISO 3166-3 codes of former countries (pycountry.historic_countries).
NON_ISO3_CODES = {
    "XKX": "Kosovo (user-assigned code; no ISO 3166-1 code exists)",
    "YUG": "Yugoslavia, Socialist Federal Republic of (ISO 3166-3)",
    "SCG": "Yugoslavia, Federal Republic of / Serbia and Montenegro (ISO 3166-3)",
    "CSK": "Czechoslovakia (ISO 3166-3)",
    "DDR": "German Democratic Republic (ISO 3166-3)",
    "SUN": "Soviet Union (ISO 3166-3)",
}

# ---------------------------------------------------------------------------------------------
# Helpers


def read_csv(name: str, encoding: str = "utf-8") -> pd.DataFrame:
    """Read a source CSV with every cell as a string; nothing is turned into NaN."""
    return pd.read_csv(SOURCES / name, dtype=str, keep_default_na=False, encoding=encoding)


def fiscal_year_period(report_year: int) -> tuple[str, str]:
    """Report year N governs U.S. fiscal year N+1: N-10-01 .. (N+1)-09-30 inclusive."""
    return f"{report_year}-10-01", f"{report_year + 1}-09-30"


def partial_date_start(value: str) -> tuple[str, bool]:
    """'2008-08' -> ('2008-08-01', True); '1989' -> ('1989-01-01', True); full dates unchanged."""
    parts = value.strip().split("-")
    if len(parts) == 3:
        dt.date.fromisoformat(value.strip())
        return value.strip(), False
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-01", True
    if len(parts) == 1 and len(parts[0]) == 4:
        return f"{parts[0]}-01-01", True
    raise ValueError(f"unparseable date: {value!r}")


def join_notes(*parts: str) -> str:
    return " | ".join(p.strip() for p in parts if p and p.strip())


def row(
    country: str,
    list_id: str,
    value: str,
    valid_from: str,
    valid_to: str,
    waiver: str,
    source: str,
    note: str = "",
) -> dict[str, str]:
    if not source.strip():
        raise ValueError(f"row without source: {country} {list_id} {valid_from}")
    return {
        "country": country,
        "list": list_id,
        "value": value,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "waiver": waiver,
        "source": source.strip(),
        "status_id": f"{list_id}:{country}:{valid_from}",
        "note": note,
    }


def finish(rows: Iterable[dict[str, str]]) -> pd.DataFrame:
    df = pd.DataFrame(list(rows), columns=COLUMNS)
    df = df.sort_values(["country", "valid_from", "status_id"], kind="stable")
    df = df.reset_index(drop=True)
    dupes = df[df["status_id"].duplicated(keep=False)]
    if not dupes.empty:
        raise ValueError(f"duplicate status_id: {sorted(set(dupes['status_id']))}")
    return df


# ---------------------------------------------------------------------------------------------
# CSPA

WAIVERS = {"none", "full", "partial", "unknown"}


def build_cspa() -> pd.DataFrame:
    base = read_csv("cspa_list.csv")
    extra = read_csv("additions_cspa_list.csv")
    if list(extra.columns) != list(base.columns):
        raise ValueError("additions_cspa_list.csv must have the columns of cspa_list.csv")
    src = pd.concat([base, extra], ignore_index=True)
    clash = src[src.duplicated(["country", "report_year"], keep=False)]
    if not clash.empty:
        raise ValueError(f"CSPA rows given twice: {clash[['country', 'report_year']].values}")
    out = []
    for r in src.itertuples(index=False):
        year = int(r.report_year)
        if int(r.applies_fiscal_year) != year + 1:
            raise ValueError(f"CSPA {r.country} {year}: applies_fiscal_year is not report_year+1")
        if r.waiver not in WAIVERS:
            raise ValueError(f"CSPA {r.country} {year}: bad waiver {r.waiver!r}")
        start, end = fiscal_year_period(year)
        note = join_notes(f"{r.country_name}; {year} TIP report list, FY{year + 1}", r.waiver_note)
        out.append(row(r.country, "cspa", "listed", start, end, r.waiver, r.source, note))
    return finish(out)


# ---------------------------------------------------------------------------------------------
# TIP tiers

KH_TIERS = {"Tier 1": "1", "Tier 2": "2", "Watchlist": "2WL", "Tier 3": "3"}
REF_TIERS = {
    "Tier 1": "1",
    "Tier 2": "2",
    "Tier 2 Watch List": "2WL",
    "Tier 3": "3",
    "Special Case": "special",
}
KH_CODE_FIXES = {"KOS": "XKX"}  # Kelley & Heiss use KOS for Kosovo
KH_REPO = "https://github.com/andrewheiss/From-the-Trenches-Anti-TIP-NGOs-and-US"
KH_COMMIT = "475c15bab196e3584d3c089234efb53e5bf1c7b7"


def kh_source(year: int) -> str:
    return (
        f"U.S. Department of State, Trafficking in Persons Report {year}, tier as compiled by "
        f"Judith G. Kelley and Andrew Heiss: {KH_REPO} (data/tip_tiers_orig.csv @ {KH_COMMIT})"
    )


def build_tip() -> pd.DataFrame:
    out = []
    kh = read_csv("tip_tiers_orig.csv")
    for r in kh.itertuples(index=False):
        label = r.tier.strip()
        if label == "NA":
            continue  # not ranked that year -> no row
        year = int(r.year)
        if year >= 2016:
            raise ValueError("Kelley & Heiss rows are expected to stop at 2015")
        code = KH_CODE_FIXES.get(r.iso, r.iso)
        note = f"{r.countryname}; {year} TIP report; Kelley & Heiss label {label!r}"
        if code != r.iso:
            note += f"; code {r.iso} mapped to {code}"
        start, end = fiscal_year_period(year)
        out.append(row(code, "tip_tier", KH_TIERS[label], start, end, "", kh_source(year), note))
    ref = read_csv("tip_tiers.csv")
    for r in ref.itertuples(index=False):
        year = int(r.report_year)
        if year <= 2015:
            raise ValueError("reference TIP rows are expected to start at 2016")
        start, end = fiscal_year_period(year)
        note = f"{r.country_name}; {year} TIP report"
        out.append(row(r.country, "tip_tier", REF_TIERS[r.tier], start, end, "", r.source, note))
    return finish(out)


# ---------------------------------------------------------------------------------------------
# Coups (appropriations act section 7008, formerly section 508)

COUP_STATUSES = {"determined", "lifted", "unverified", "not determined"}


def coup_rows() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Return (membership rows, excluded rows with the reason in 'note')."""
    src = read_csv("coup_restrictions.csv")
    src["orig_status"] = src["status"]
    for upd in read_csv("additions_coup_lifting.csv").itertuples(index=False):
        hit = (src["country"] == upd.country) & (src["event_date"] == upd.event_date)
        if hit.sum() != 1:
            raise ValueError(f"lifting addition matches {hit.sum()} rows: {upd.country}")
        i = src.index[hit][0]
        if src.at[i, "lifted_date"] or src.at[i, "status"] != "determined":
            raise ValueError(f"lifting addition for {upd.country} would overwrite source data")
        src.at[i, "lifted_date"] = upd.lifted_date
        src.at[i, "status"] = "lifted"
        src.at[i, "note"] = join_notes(src.at[i, "note"], f"LIFTING DATE ADDED: {upd.note}")
        src.at[i, "source"] = f"{src.at[i, 'source']} ; {upd.source}"
    rows: list[dict[str, str]] = []
    excluded: list[dict[str, str]] = []
    for r in src.itertuples(index=False):
        if r.status not in COUP_STATUSES:
            raise ValueError(f"coup {r.country}: unknown status {r.status!r}")
        if r.determination_date:
            start, _ = partial_date_start(r.determination_date)
            date_note = "valid_from = determination_date"
        else:
            start, partial = partial_date_start(r.event_date)
            date_note = "valid_from = event_date (no determination date in the source)"
            if partial:
                date_note += f"; event date {r.event_date!r} taken as its first day"
        value = "unverified" if r.status == "unverified" else "determined"
        valid_to = ""
        if r.status == "lifted":
            valid_to = r.lifted_date
            dt.date.fromisoformat(valid_to)
            date_note += "; valid_to = lifted_date"
        note = join_notes(
            f"{r.country_name}; event {r.event_date}; reference status '{r.orig_status}'",
            date_note,
            r.note,
        )
        rec = row(r.country, "coup", value, start, valid_to, "", r.source, note)
        if r.status == "not determined":
            rec["note"] = join_notes("EXCLUDED: the executive branch made no coup finding", note)
            excluded.append(rec)
        else:
            rows.append(rec)

    # Resolve overlaps per country, in date order.
    rows.sort(key=lambda d: (d["country"], d["valid_from"]))
    kept: list[dict[str, str]] = []
    for rec in rows:
        prev = kept[-1] if kept and kept[-1]["country"] == rec["country"] else None
        if prev is None:
            kept.append(rec)
            continue
        prev_end = prev["valid_to"] or "9999-12-31"
        if prev_end < rec["valid_from"]:
            kept.append(rec)
            continue
        if prev["valid_to"]:
            raise ValueError(f"closed coup rows overlap: {prev['status_id']} / {rec['status_id']}")
        if prev["value"] == "determined" and rec["value"] == "unverified":
            # An unverified later event cannot cut short a determination still in force.
            rec["note"] = join_notes(
                f"EXCLUDED: subsumed by {prev['status_id']}, a determination still in force",
                rec["note"],
            )
            excluded.append(rec)
            continue
        end = dt.date.fromisoformat(rec["valid_from"]) - dt.timedelta(days=1)
        prev["valid_to"] = end.isoformat()
        prev["note"] = join_notes(
            prev["note"],
            f"valid_to set to the day before {rec['status_id']} starts, only so that periods do "
            "not overlap; no lifting date was found and the restriction may have ended earlier",
        )
        kept.append(rec)
    return kept, excluded


def build_coups() -> pd.DataFrame:
    return finish(coup_rows()[0])


def excluded_coups() -> pd.DataFrame:
    return finish(coup_rows()[1])


# ---------------------------------------------------------------------------------------------
# Political Terror Scale

PTS_CITATION = (
    "Gibney, Cornett, Wood, Haschke, Arnon, Pisanò, Barrett and Park, The Political Terror Scale "
    "1976-2023 (2024 release, file PTS-2024.csv), Political Terror Scale project, UNC Asheville, "
    "http://www.politicalterrorscale.org (free use with citation)"
)
PTS_MIN_YEAR = 1990
# WordBank_Code_A values that are not ISO 3166-1 alpha-3, keyed by (code, Country).
PTS_CODE_FIXES = {
    ("ADO", "Andorra"): "AND",
    ("ZAR", "Congo, the Democratic Republic of the"): "COD",
    ("ROM", "Romania"): "ROU",
    ("TMP", "Timor-Leste"): "TLS",
    ("WBG", "Palestine, State of"): "PSE",
    ("KSV", "Kosovo"): "XKX",
    ("YUG", "Yugoslavia, Socialist Federal Republic of"): "YUG",
    ("YUG", "Yugoslavia, Federal Republic of"): "SCG",
    ("NA", "Czechoslovakia"): "CSK",
    ("NA", "German Democratic Republic"): "DDR",
    ("NA", "Soviet Union"): "SUN",
}
# Entities with no country code in the file and no country-level code: left out (see README).
PTS_EXCLUDED = {
    "Crimea",
    "European Union",
    "Gaza (Hamas)",
    "German Federal Republic",
    "Israel in Occupied Territories",
    "Israel in pre-1967 borders",
    "Russia-Occupied Areas (Ukraine)",
    "Somaliland",
    "Yemen Arab Republic",
    "Yemen People's Republic",
}


def pts_code(code: str, country: str) -> str | None:
    if (code, country) in PTS_CODE_FIXES:
        return PTS_CODE_FIXES[(code, country)]
    if country in PTS_EXCLUDED:
        return None
    if code in {"NA", ""} or any(code == c for c, _ in PTS_CODE_FIXES):
        raise ValueError(f"PTS: no mapping for {country!r} ({code!r})")
    return code


def build_pts() -> pd.DataFrame:
    src = read_csv("PTS-2024.csv", encoding="latin-1")
    out = []
    for r in src.itertuples(index=False):
        year = int(r.Year)
        if year < PTS_MIN_YEAR:
            continue
        scores = {k: getattr(r, k) for k in ("PTS_A", "PTS_H", "PTS_S")}
        present = [int(v) for v in scores.values() if v != "NA"]
        if not present:
            continue
        code = pts_code(r.WordBank_Code_A, r.Country)
        if code is None:
            continue
        note = f"{r.Country}; " + "; ".join(f"{k}={v}" for k, v in scores.items())
        if code != r.WordBank_Code_A:
            note += f"; code {r.WordBank_Code_A} mapped to {code}"
        out.append(
            row(
                code,
                "pts",
                str(max(present)),
                f"{year}-01-01",
                f"{year}-12-31",
                "",
                PTS_CITATION,
                note,
            )
        )
    return finish(out)


# ---------------------------------------------------------------------------------------------


def write(df: pd.DataFrame, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(df.to_dict("records"))


def last_verified() -> dict[str, str]:
    """List id -> the date lists.yaml says its sources were last checked."""
    import yaml

    meta = yaml.safe_load((HERE / "lists.yaml").read_text(encoding="utf-8"))
    entries = meta.get("lists", meta) if isinstance(meta, dict) else meta
    items = entries.values() if isinstance(entries, dict) else entries
    return {str(e["id"]): str(e["last_verified"]) for e in items if "last_verified" in e}


def build_all() -> dict[str, pd.DataFrame]:
    verified = last_verified()
    frames = {
        "cspa.csv": build_cspa(),
        "tip_tiers.csv": build_tip(),
        "coups.csv": build_coups(),
        "pts.csv": build_pts(),
    }
    # every row says when its list was last checked, so a run can warn about stale lists
    return {
        name: df.assign(last_verified=df["list"].map(verified).fillna(""))
        for name, df in frames.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output directory")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, df in build_all().items():
        write(df, args.out / name)
        print(f"{name}: {len(df)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
