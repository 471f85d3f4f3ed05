"""OpenSanctions exports -> sanctioned_entities.

- `opensanctions`: targets.simple.csv (id, schema, name, aliases, birth_date, countries,
  addresses, identifiers, sanctions, phones, emails, dataset, first_seen, last_seen,
  last_change). Lists inside a cell are separated by ';'.
- `ftm`: FollowTheMoney entities, one JSON object per line (entities.ftm.json,
  targets.nested.json). Person, Organization, Company, LegalEntity, PublicBody and Vessel
  entities become rows; other schemata (Address, Sanction, Position, ...) are rejected as out
  of scope, except that Sanction entities lend their program and start date to the entity they
  name.

Countries: one country -> its ISO3; several -> blank (any country) with the list kept in source.
OpenSanctions data is CC BY-NC 4.0: do not commit it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry

from conditionality.adapters._common import (
    count_note,
    extra_cell_rejects,
    headers_match,
    new_info,
    open_table,
    text,
)
from conditionality.readers.base import InputError, ReadResult, RowReject, validate
from conditionality.readers.limits import check_file_size
from conditionality.readers.registry import Adapter, register
from conditionality.schema import SANCTIONED_ENTITIES

NEEDED = {"id", "schema", "name", "aliases", "countries", "sanctions", "dataset"}
ENTITY_SCHEMATA = {
    "Person",
    "Organization",
    "Company",
    "LegalEntity",
    "PublicBody",
    "Vessel",
    "Airplane",
}
ISO2 = {c.alpha_2.lower(): c.alpha_3 for c in pycountry.countries} | {"xk": "XKX"}


def _countries(codes: pd.Series) -> tuple[pd.Series, pd.Series]:
    """';'-separated ISO2 codes -> (ISO3 when exactly one, else NA; count of codes)."""
    c = codes.astype("string").fillna("").str.strip().str.lower()
    n = c.str.count(";") + c.ne("").astype(int)
    iso3 = c.map(ISO2).astype("string").where(n.eq(1))
    # a single code that is not ISO (e.g. 'suhh' for the Soviet Union) is kept for validation
    return iso3.where(n.ne(1) | iso3.notna(), c.str.upper()), n


def detect_simple(path: Path) -> bool:
    return headers_match(path, NEEDED)


def read_simple(
    path: Path,
    *,
    options: dict[str, Any] | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    **_: Any,
) -> ReadResult:
    body, rows, info = open_table(
        path,
        SANCTIONED_ENTITIES.name,
        "opensanctions",
        NEEDED,
        fmt="OpenSanctions targets.simple.csv",
        sheet=sheet,
        header_row=header_row,
    )
    info.mapping = {
        "entity_id": "id ('os-' + id)",
        "name": "name",
        "aliases": "aliases",
        "country": "countries (when exactly one)",
        "program": "dataset",
        "source": "sanctions, countries, first_seen",
    }
    country, n = _countries(text(body, "countries"))
    count_note(
        info,
        int(n.gt(1).sum()),
        "several countries: country left blank (any country); the list is in source",
    )
    raw = pd.DataFrame(
        {
            "entity_id": "os-" + text(body, "id"),
            "name": text(body, "name"),
            "aliases": text(body, "aliases").str.replace(";", "; ", regex=False),
            "country": country,
            "program": text(body, "dataset"),
            "listed_date": pd.NA,
            "delisted_date": pd.NA,
            "source": "OpenSanctions ("
            + text(body, "dataset")
            + "); schema "
            + text(body, "schema")
            + "; countries "
            + text(body, "countries")
            + "; sanctions "
            + text(body, "sanctions")
            + "; first seen "
            + text(body, "first_seen"),
        }
    )
    raw.loc[text(body, "id").eq(""), "entity_id"] = pd.NA
    schema = text(body, "schema")
    rejects = [
        *extra_cell_rejects(body),
        RowReject(
            ~schema.isin(ENTITY_SCHEMATA),
            "name",
            "schema " + schema + " is not a person or organization",
            value=schema,
            out_of_scope=True,
        ),
    ]
    return validate(raw, SANCTIONED_ENTITIES, info, rows, options=options, rejects=rejects)


def detect_ftm(path: Path) -> bool:
    if path.suffix.lower() not in (".json", ".jsonl", ".ndjson", ".ftm"):
        return False
    with path.open("rb") as f:
        line = f.readline(200_000)
    try:
        obj = json.loads(line)
    except ValueError:
        return False
    return isinstance(obj, dict) and {"id", "schema", "properties"} <= set(obj)


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _values(value: Any) -> list[str]:
    """A FollowTheMoney property (a list of values; tolerate a lone value) as texts."""
    return [str(v) for v in _list(value) if v is not None and not isinstance(v, dict | list)]


def read_ftm(path: Path, *, options: dict[str, Any] | None = None, **_: Any) -> ReadResult:
    info = new_info(path, SANCTIONED_ENTITIES.name, "ftm")
    records: list[dict[str, Any]] = []
    sanctions: dict[str, dict[str, str]] = {}
    check_file_size(path)
    with path.open("rb") as f:
        for n, raw_line in enumerate(f, start=1):
            if not raw_line.strip():
                continue
            try:  # a line that is not UTF-8 JSON is rejected, not decoded with a guess
                obj = json.loads(raw_line.decode("utf-8-sig" if n == 1 else "utf-8"))
            except (ValueError, RecursionError):
                obj = None
            if not isinstance(obj, dict):
                records.append({"row": n, "bad_json": True})
                continue
            props = obj.get("properties")
            props = props if isinstance(props, dict) else {}

            def first(key: str, props: dict[str, Any] = props) -> str:
                v = _values(props.get(key))
                return v[0] if v else ""

            def joined(key: str, props: dict[str, Any] = props) -> str:
                return ";".join(_values(props.get(key)))

            schema = str(obj.get("schema", ""))
            if schema == "Sanction":
                for target in _list(props.get("entity")):
                    tid = target.get("id") if isinstance(target, dict) else str(target)
                    sanctions.setdefault(
                        str(tid),
                        {
                            "program": joined("program") or joined("authority"),
                            "start": first("startDate"),
                        },
                    )
            names = _values(props.get("name"))
            caption = str(obj.get("caption") or (names[0] if names else ""))
            aliases = [v for v in names if v != caption] + _values(props.get("alias"))
            records.append(
                {
                    "row": n,
                    "bad_json": False,
                    "id": str(obj.get("id", "")),
                    "schema": schema,
                    "target": obj.get("target", True),
                    "name": caption,
                    "aliases": "; ".join(aliases),
                    "countries": joined("country")
                    or joined("nationality")
                    or joined("jurisdiction"),
                    "program": joined("program"),
                    "datasets": ";".join(_values(obj.get("datasets"))),
                    "referents": ";".join(_values(obj.get("referents"))),
                    "created": first("createdAt"),
                }
            )
    if not records:
        raise InputError(f"{path}: no JSON lines")
    b = pd.DataFrame(records)
    for col in (
        "id",
        "schema",
        "name",
        "aliases",
        "countries",
        "program",
        "datasets",
        "referents",
        "created",
    ):
        if col not in b:
            b[col] = ""
    if "target" not in b:
        b["target"] = True
    b = b.fillna({"target": True})
    b["bad_json"] = b["bad_json"].astype(bool)
    ids = b["id"].astype("string").fillna("")
    sanc = pd.DataFrame.from_dict(sanctions, orient="index", columns=["program", "start"])
    program = (
        ids.map(sanc["program"]).astype("string")
        if len(sanc)
        else pd.Series(pd.NA, index=b.index, dtype="string")
    )
    listed = (
        ids.map(sanc["start"]).astype("string")
        if len(sanc)
        else pd.Series(pd.NA, index=b.index, dtype="string")
    )
    program = program.fillna(b["program"].astype("string")).replace("", pd.NA)
    country, n = _countries(b["countries"])
    info.mapping = {
        "entity_id": "id ('os-' + id)",
        "name": "caption (else first name)",
        "aliases": "other names + alias",
        "country": "country/nationality (when exactly one)",
        "program": "program of the Sanction naming the entity, else program",
        "listed_date": "Sanction startDate",
    }
    count_note(info, int(n.gt(1).sum()), "several countries: country left blank (any country)")
    raw = pd.DataFrame(
        {
            "entity_id": ("os-" + ids).where(ids.ne("")),
            "name": b["name"],
            "aliases": b["aliases"],
            "country": country,
            "program": program,
            "listed_date": listed.str.slice(0, 10),
            "delisted_date": pd.NA,
            "source": "OpenSanctions ("
            + b["datasets"].astype("string").fillna("")
            + "); schema "
            + b["schema"].astype("string").fillna("")
            + "; countries "
            + b["countries"].astype("string").fillna("")
            + "; referents "
            + b["referents"].astype("string").fillna(""),
        }
    )
    schema = b["schema"].astype("string").fillna("")
    rejects = [
        RowReject(b["bad_json"], "name", "line is not valid JSON", value=schema),
        RowReject(
            ~b["bad_json"] & ~schema.isin(ENTITY_SCHEMATA),
            "name",
            "schema " + schema + " is not a person or organization",
            value=schema,
            out_of_scope=True,
        ),
        RowReject(
            ~b["bad_json"] & b["target"].eq(False),
            "name",
            "not a target (an adjacent entity)",
            value=b["name"],
            out_of_scope=True,
        ),
    ]
    rows = pd.Series(b["row"], dtype="int64")
    return validate(raw, SANCTIONED_ENTITIES, info, rows, options=options, rejects=rejects)


register(
    Adapter(
        name="opensanctions",
        table=SANCTIONED_ENTITIES.name,
        title="OpenSanctions targets.simple.csv",
        detect=detect_simple,
        read=read_simple,
    )
)
register(
    Adapter(
        name="ftm",
        table=SANCTIONED_ENTITIES.name,
        title="FollowTheMoney / OpenSanctions entities (JSON lines)",
        detect=detect_ftm,
        read=read_ftm,
    )
)
