"""Trafficking in Persons report tiers by country and year -> country_status ('tip_tier').

Accepts the Kelley & Heiss compilation (countryname, iso, year, ccode, tier; labels padded with
spaces, NA = not ranked) and the same shape with 'report_year' or 'country' columns. Report
year N governs U.S. fiscal year N+1 (N-10-01 to N+1-09-30), as in datasets/reference.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from conditionality.adapters._common import (
    extra_cell_rejects,
    map_keys,
    open_table,
    text,
)
from conditionality.readers.base import ReadResult, RowReject, validate
from conditionality.readers.registry import Adapter, register
from conditionality.schema import COUNTRY_STATUS

NAME = "tip"
NEEDED = {"year", "tier"}
RENAME = {"report_year": "year", "iso3": "iso", "country_code": "iso"}
TIERS = {
    "Tier 1": "1",
    "Tier 2": "2",
    "Watchlist": "2WL",
    "Watch List": "2WL",
    "Tier 2 Watch List": "2WL",
    "Tier 2 Watchlist": "2WL",
    "Tier 2WL": "2WL",
    "2WL": "2WL",
    "Tier 3": "3",
    "Special Case": "special",
    "1": "1",
    "2": "2",
    "3": "3",
}
NOT_RANKED = {"", "NA", "N/A", "NOT RANKED"}


def detect(path: Path) -> bool:
    from conditionality.adapters._common import peek_rows

    for r in peek_rows(path):
        keys = {RENAME.get(k, k) for k in r}
        if keys >= NEEDED and keys & {"iso", "countryname", "country"}:
            return True
    return False


def read(
    path: Path,
    *,
    options: dict[str, Any] | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    **_: Any,
) -> ReadResult:
    body, rows, info = open_table(
        path,
        COUNTRY_STATUS.name,
        NAME,
        NEEDED,
        fmt="TIP tiers",
        sheet=sheet,
        header_row=header_row,
        rename=RENAME,
    )
    info.mapping = {
        "country": "iso (else countryname / country)",
        "list": "'tip_tier'",
        "value": "tier (Tier 1 -> 1, Tier 2 -> 2, Watchlist -> 2WL, Tier 3 -> 3)",
        "valid_from": "year-10-01",
        "valid_to": "(year+1)-09-30",
    }
    info.unmapped = [
        c
        for c in body.columns
        if c not in {"year", "tier", "iso", "countryname", "country", "ccode"}
    ]
    label = text(body, "tier")
    value = map_keys(label, TIERS)
    not_ranked = label.str.upper().isin(NOT_RANKED)
    iso = text(body, "iso")
    name = text(body, "countryname")
    name = name.where(name.ne(""), text(body, "country"))
    year = pd.to_numeric(text(body, "year"), errors="coerce").astype("Int64")
    raw = pd.DataFrame(
        {
            "country": iso.where(iso.ne(""), name),
            "list": "tip_tier",
            "value": value.where(~not_ranked).fillna(label),
            "valid_from": year.astype("string") + "-10-01",
            "valid_to": (year + 1).astype("string") + "-09-30",
            "waiver": pd.NA,
            "source": "U.S. Department of State, Trafficking in Persons Report "
            + year.astype("string")
            + " ("
            + name
            + "; label "
            + label
            + ")",
            "status_id": pd.NA,
        }
    )
    unknown = value.isna() & ~not_ranked
    rejects = [
        *extra_cell_rejects(body),
        RowReject(
            not_ranked,
            "value",
            "not ranked that year (NA)",
            value=label,
            out_of_scope=True,
        ),
        RowReject(
            unknown,
            "value",
            "unknown tier label "
            + label
            + " (expected Tier 1, Tier 2, Watchlist, Tier 3, Special Case)",
            value=label,
        ),
    ]
    return validate(raw, COUNTRY_STATUS, info, rows, options=options, rejects=rejects)


register(
    Adapter(
        name=NAME,
        table=COUNTRY_STATUS.name,
        title="TIP report tiers by country and year",
        detect=detect,
        read=read,
    )
)
