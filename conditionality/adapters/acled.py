"""ACLED event exports (the 2020 31-column format and the current one) -> abuse_records.

Only violence against civilians, and excessive force against protesters, by a state force
(actor1 'Military Forces of X (2018-)', 'Police Forces of X (2018-) National Guard', inter1 1 or
'State forces') become records; every other event is rejected as out of scope, so the file
reconciles. Credibility is an adapter setting ('alleged' unless options['credibility']).
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
from conditionality.readers.countries import parse_country
from conditionality.readers.registry import Adapter, register
from conditionality.schema import ABUSE_RECORDS, CREDIBILITY

NAME = "acled"
NEEDED = {"event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1"}
FORCE = (
    r"^(?P<force>(?P<kind>Military|Police) Forces of (?P<country>.+?))\s*"
    r"\((?P<years>\d{4}-(?:\d{4})?)\)\s*(?P<unit>.*)$"
)
# (event_type, sub_event_type) -> violation type; 'killing_or_other' depends on fatalities
VIOLATIONS = {
    ("violence against civilians", "attack"): "killing_or_other",
    ("violence against civilians", "abduction/forced disappearance"): "enforced_disappearance",
    ("violence against civilians", "sexual violence"): "rape",
    ("protests", "excessive force against protesters"): "killing_or_other",
}


def detect(path: Path) -> bool:
    return headers_match(path, NEEDED)


def credibility_of(options: dict[str, Any] | None) -> str:
    value = str((options or {}).get("credibility", "alleged")).strip().lower()
    if value not in CREDIBILITY:
        from conditionality.readers.base import InputError

        raise InputError(f"credibility {value!r} is not one of: {', '.join(CREDIBILITY)}")
    return value


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
        fmt="ACLED",
        sheet=sheet,
        header_row=header_row,
        credibility=credibility,
    )
    info.mapping = {
        "record_id": "event_id_cnty",
        "country": "actor1 ('... Forces of X'), else country",
        "perpetrator_name": "actor1 unit (text after the years), else the force",
        "perpetrator_parent": "actor1 force when a unit is named",
        "violation_type": "event_type + sub_event_type (+ fatalities)",
        "event_date": "event_date",
        "description": "notes",
        "source": "source",
    }
    used = {
        "event_id_cnty",
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "inter1",
        "country",
        "notes",
        "source",
        "fatalities",
    }
    info.unmapped = [c for c in body.columns if c not in used]

    actor = text(body, "actor1")
    parts = actor.str.extract(FORCE)
    inter1 = text(body, "inter1").str.lower()
    state = parts["force"].notna() | inter1.isin(["1", "state forces"])
    unit = parts["unit"].fillna("").str.strip()
    force = parts["force"].fillna(actor)
    name = unit.where(unit.ne(""), force)
    parent = force.where(unit.ne(""))

    actor_country, bad = parse_country(parts["country"].fillna(""))
    country = actor_country.where(~bad & actor_country.notna(), text(body, "country"))

    etype = text(body, "event_type").str.lower()
    sub = text(body, "sub_event_type").str.lower()
    pair = pd.Series(list(zip(etype, sub, strict=True)), index=body.index)
    kind = pair.map(VIOLATIONS).astype("string")
    fatalities = pd.to_numeric(text(body, "fatalities"), errors="coerce").fillna(0)
    violation = kind.where(
        kind.ne("killing_or_other"),
        pd.Series("extrajudicial_killing", index=body.index).where(fatalities.gt(0), "other"),
    )
    describe = (
        text(body, "event_type")
        + " / "
        + text(body, "sub_event_type")
        + " | actor1: "
        + actor
        + " | fatalities: "
        + text(body, "fatalities")
        + " | "
        + text(body, "notes")
    )
    raw = pd.DataFrame(
        {
            "record_id": "acled-" + text(body, "event_id_cnty"),
            "country": country,
            "perpetrator_name": name,
            "perpetrator_parent": parent,
            "perpetrator_type": "security_force_unit",
            "violation_type": violation,
            "event_date": text(body, "event_date"),
            "credibility": credibility,
            "remediation": pd.NA,
            "source": "ACLED: " + text(body, "source"),
            "source_url": pd.NA,
            "description": describe,
        }
    )
    raw.loc[text(body, "event_id_cnty").eq(""), "record_id"] = pd.NA
    wrong_kind = kind.isna()
    not_state = ~wrong_kind & ~state
    rejects = [
        *extra_cell_rejects(body),
        RowReject(
            wrong_kind,
            "violation_type",
            "not violence against civilians or excessive force against "
            "protesters (" + text(body, "event_type") + " / " + text(body, "sub_event_type") + ")",
            value=text(body, "event_type") + " / " + text(body, "sub_event_type"),
            out_of_scope=True,
        ),
        RowReject(
            not_state,
            "perpetrator_name",
            "actor1 is not a state force",
            value=actor,
            out_of_scope=True,
        ),
    ]
    count_note(
        info,
        int((~wrong_kind & state & unit.ne("")).sum()),
        "actor1 names a unit of a force: unit -> perpetrator, force -> parent",
    )
    opts = dict(options or {})
    opts.setdefault("date_order", "mdy")
    return validate(raw, ABUSE_RECORDS, info, rows, options=opts, rejects=rejects)


register(
    Adapter(
        name=NAME,
        table=ABUSE_RECORDS.name,
        title="ACLED event export (state-force violence against civilians)",
        detect=detect,
        read=read,
    )
)
