"""UCDP Georeferenced Event Dataset (GED) -> abuse_records.

One-sided violence (type_of_violence 3) whose side_a is a government ('Government of Mexico')
becomes a record of extrajudicial killing; every other event is rejected as out of scope.
Credibility is an adapter setting ('alleged' unless options['credibility']).
Cite: Sundberg & Melander (2013), JPR 50(4); Davies, Pettersson & Öberg (2024), JPR.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from conditionality.adapters._common import (
    extra_cell_rejects,
    headers_match,
    open_table,
    text,
)
from conditionality.adapters.acled import credibility_of
from conditionality.readers.base import ReadResult, RowReject, validate
from conditionality.readers.countries import parse_country
from conditionality.readers.registry import Adapter, register
from conditionality.schema import ABUSE_RECORDS

NAME = "ucdp-ged"
NEEDED = {"id", "type_of_violence", "side_a", "side_b", "date_start", "best"}
CITATION = (
    "UCDP Georeferenced Event Dataset (Sundberg & Melander 2013, Journal of Peace Research "
    "50(4); Davies, Pettersson & Öberg 2024, Journal of Peace Research)"
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
    credibility = credibility_of(options)
    body, rows, info = open_table(
        path,
        ABUSE_RECORDS.name,
        NAME,
        NEEDED,
        fmt="UCDP GED",
        sheet=sheet,
        header_row=header_row,
        credibility=credibility,
    )
    info.mapping = {
        "record_id": "id",
        "country": "side_a ('Government of X'), else country",
        "perpetrator_name": "side_a",
        "violation_type": "type_of_violence 3 -> extrajudicial_killing",
        "event_date": "date_start",
        "source": "source_office, source_date",
        "description": "dyad_name, where_description, best deaths",
    }
    used = {
        "id",
        "type_of_violence",
        "side_a",
        "side_b",
        "date_start",
        "best",
        "country",
        "source_office",
        "source_date",
        "dyad_name",
        "where_description",
        "source_headline",
    }
    info.unmapped = [c for c in body.columns if c not in used]
    side_a = text(body, "side_a")
    gov = side_a.str.extract(r"^Government of (.+)$", expand=False)
    gov_name = gov.str.replace(r"\s*\(.*\)$", "", regex=True).fillna("")
    code, bad = parse_country(gov_name)
    fallback = text(body, "country").str.replace(r"\s*\(.*\)$", "", regex=True)
    country = code.where(~bad & code.notna(), fallback)
    one_sided = text(body, "type_of_violence").eq("3")
    describe = (
        text(body, "dyad_name")
        + " | "
        + text(body, "where_description")
        + " | deaths (best estimate): "
        + text(body, "best")
        + " | "
        + text(body, "source_headline")
    )
    raw = pd.DataFrame(
        {
            "record_id": "ucdp-ged-" + text(body, "id"),
            "country": country,
            "perpetrator_name": side_a,
            "perpetrator_parent": pd.NA,
            "perpetrator_type": "government",
            "violation_type": "extrajudicial_killing",
            "event_date": text(body, "date_start"),
            "credibility": credibility,
            "remediation": pd.NA,
            "source": CITATION
            + "; "
            + text(body, "source_office")
            + " "
            + text(body, "source_date"),
            "source_url": pd.NA,
            "description": describe,
        }
    )
    rejects = [
        *extra_cell_rejects(body),
        RowReject(
            ~one_sided,
            "violation_type",
            "type_of_violence " + text(body, "type_of_violence") + " is not one-sided violence (3)",
            value=text(body, "type_of_violence"),
            out_of_scope=True,
        ),
        RowReject(
            one_sided & gov.isna(),
            "perpetrator_name",
            "one-sided violence by a non-state actor",
            value=side_a,
            out_of_scope=True,
        ),
    ]
    return validate(raw, ABUSE_RECORDS, info, rows, options=options, rejects=rejects)


register(
    Adapter(
        name=NAME,
        table=ABUSE_RECORDS.name,
        title="UCDP GED (one-sided violence by a government)",
        detect=detect,
        read=read,
    )
)
