"""Political Terror Scale (PTS-20xx.csv, latin-1, 'NA' for missing) -> country_status.

One 'pts' value per country and year: the highest of PTS_A, PTS_H and PTS_S, ignoring NA,
valid for the calendar year. The country is the ISO3 from the World Bank code column
(WordBank_Code_A), with the few non-ISO World Bank codes fixed; rows with no score are
rejected as out of scope.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from conditionality.adapters._common import (
    count_note,
    extra_cell_rejects,
    headers_match,
    open_table,
    text,
)
from conditionality.readers.base import ReadResult, RowReject, validate
from conditionality.readers.registry import Adapter, register
from conditionality.schema import COUNTRY_STATUS

NAME = "pts"
NEEDED = {"country", "year", "pts_a", "pts_h", "pts_s"}
# World Bank codes in the PTS file that are not ISO 3166-1 alpha-3
CODE_FIXES = {"ADO": "AND", "ZAR": "COD", "ROM": "ROU", "TMP": "TLS", "WBG": "PSE", "KSV": "XKX"}
CITATION = (
    "Gibney, Cornett, Wood, Haschke, Arnon, Pisanò, Barrett and Park, The Political Terror "
    "Scale, http://www.politicalterrorscale.org"
)


def detect(path: Path) -> bool:
    return headers_match(path, NEEDED)


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
        fmt="PTS",
        sheet=sheet,
        header_row=header_row,
    )
    info.mapping = {
        "country": "WordBank_Code_A (else Country)",
        "list": "'pts'",
        "value": "max(PTS_A, PTS_H, PTS_S) ignoring NA",
        "valid_from": "Year-01-01",
        "valid_to": "Year-12-31",
    }
    info.unmapped = [c for c in body.columns if c not in NEEDED | {"wordbank_code_a"}]
    scores = pd.concat(
        [
            pd.to_numeric(text(body, c).replace("NA", ""), errors="coerce")
            for c in ("pts_a", "pts_h", "pts_s")
        ],
        axis=1,
    )
    best = scores.max(axis=1, skipna=True)
    code = text(body, "wordbank_code_a").str.upper()
    fixed = code.map(CODE_FIXES).astype("string").fillna(code)
    count_note(
        info,
        int(code.isin(list(CODE_FIXES)).sum()),
        "World Bank code not ISO3 (e.g. ROM, ZAR, KSV): mapped to the ISO3 code",
    )
    country = fixed.where(~fixed.isin(["", "NA"]), text(body, "country"))
    year = pd.to_numeric(text(body, "year"), errors="coerce").astype("Int64").astype("string")
    triple = (
        "PTS_A="
        + text(body, "pts_a")
        + "; PTS_H="
        + text(body, "pts_h")
        + "; PTS_S="
        + text(body, "pts_s")
    )
    raw = pd.DataFrame(
        {
            "country": country,
            "list": "pts",
            "value": best.astype("Int64").astype("string"),
            "valid_from": year + "-01-01",
            "valid_to": year + "-12-31",
            "waiver": pd.NA,
            "source": CITATION + " (" + text(body, "country") + "; " + triple + ")",
            "status_id": pd.NA,
        }
    )
    rejects = [
        *extra_cell_rejects(body),
        RowReject(
            best.isna(),
            "value",
            "no score (PTS_A, PTS_H and PTS_S all NA)",
            value=triple,
            out_of_scope=True,
        ),
    ]
    return validate(raw, COUNTRY_STATUS, info, rows, options=options, rejects=rejects)


register(
    Adapter(
        name=NAME,
        table=COUNTRY_STATUS.name,
        title="Political Terror Scale",
        detect=detect,
        read=read,
    )
)
