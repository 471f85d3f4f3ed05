"""OFAC Specially Designated Nationals list, sdn.csv -> sanctioned_entities.

The published file has no header, is Windows-1252, writes '-0- ' for empty cells and ends with
a Ctrl-Z line. Columns: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type,
Tonnage, GRT, Vess_flag, Vess_owner, Remarks. Programs such as 'SDNTK] [GLOMAG' become
'SDNTK;GLOMAG'. Aliases come from alt.csv (ent_num, alt_num, alt_type, alt_name, alt_remarks;
with or without a header): options['aliases_path'], else an alt.csv beside the file.
The country is the 'nationality' (else 'citizen') named in Remarks when it is a known country;
otherwise blank, which the rules read as "any country".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from conditionality.adapters._common import (
    count_note,
    extra_cell_rejects,
    new_info,
    read_text_grid,
)
from conditionality.readers.base import InputError, ReadResult, validate
from conditionality.readers.countries import parse_country
from conditionality.readers.registry import Adapter, register
from conditionality.schema import SANCTIONED_ENTITIES

NAME = "ofac-sdn"
SDN_COLUMNS = [
    "ent_num",
    "sdn_name",
    "sdn_type",
    "program",
    "title",
    "call_sign",
    "vess_type",
    "tonnage",
    "grt",
    "vess_flag",
    "vess_owner",
    "remarks",
]
ALT_COLUMNS = ["ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"]
NULL = "-0-"
FIRST_LINE = re.compile(rb'^\d+,"[^"]*","[^"]*","[^"]*",')


def detect(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(4096)
    return bool(FIRST_LINE.match(head)) and b"-0-" in head


def _null(s: pd.Series) -> pd.Series:
    t = s.astype("string").fillna("").str.strip()
    return t.where(t.ne(NULL), "")


def _read_sdn_like(path: Path, columns: list[str]) -> tuple[pd.DataFrame, pd.Series, int]:
    """Cells by column name, each row's line number, and how many end-of-file lines dropped."""
    grid, _notes = read_text_grid(path, encodings=("utf-8", "cp1252", "latin-1"), sep=",")
    if grid.shape[1] == 0 or len(grid) == 0:
        raise InputError(f"{path}: empty file: no OFAC SDN rows")
    first = grid.iloc[:, 0].astype("string").fillna("").str.strip()
    has_header = len(grid) > 0 and first.iloc[0].lower() == "ent_num"
    rest = grid.iloc[:, 1:].astype("string").fillna("")
    rest_blank = pd.Series(True, index=grid.index)
    for c in rest.columns:
        rest_blank &= rest[c].str.strip().eq("")
    eof = first.str.fullmatch("\x1a?").fillna(False).astype(bool) & rest_blank
    keep = ~eof
    if has_header:
        keep.iloc[0] = False
    width = len(columns)
    extra = pd.Series("", index=grid.index, dtype="object")
    if grid.shape[1] > width:
        beyond = grid.iloc[:, width:].astype("string").fillna("").apply(lambda c: c.str.strip())
        hit = beyond.ne("").any(axis=1)
        extra[hit] = (
            f"row has more than the {width} cells of the format: extra cell(s) "
            + beyond[hit].agg(lambda r: ", ".join(repr(v[:40]) for v in r if v), axis=1)
            + " (an unquoted comma inside a value?)"
        )
    body = grid[keep].copy()
    if body.shape[1] < width:
        for j in range(body.shape[1], width):
            body[j] = ""
    body = body.iloc[:, :width]
    body.columns = columns
    rows = pd.Series(body.index + 1, dtype="int64")
    reasons = extra[keep].reset_index(drop=True)
    body = body.reset_index(drop=True)
    body.attrs["extra_cells"] = reasons
    return body, rows, int(eof.sum())


def _aliases_file(path: Path, options: dict[str, Any]) -> Path | None:
    given = options.get("aliases_path")
    if given:
        p = Path(given)
        if not p.exists():
            raise InputError(f"{p}: OFAC aliases file (alt.csv) not found")
        return p
    for candidate in (path.with_name("alt.csv"), path.with_name(path.name.replace("sdn", "alt"))):
        if candidate != path and candidate.exists():
            return candidate
    return None


def read(path: Path, *, options: dict[str, Any] | None = None, **_: Any) -> ReadResult:
    opts = dict(options or {})
    body, rows, eof = _read_sdn_like(path, SDN_COLUMNS)
    info = new_info(path, SANCTIONED_ENTITIES.name, NAME)
    if eof:
        info.notes.append(f"{eof} end-of-file line(s) (Ctrl-Z) skipped: not data")
    info.mapping = {
        "entity_id": "ent_num ('ofac-' + ent_num)",
        "name": "SDN_Name",
        "aliases": "alt.csv alt_name by ent_num",
        "country": "Remarks 'nationality X' / 'citizen X'",
        "program": "Program ('] [' -> ';')",
        "source": "SDN_Type, Title, Remarks",
    }
    ent = _null(body["ent_num"])
    remarks = _null(body["remarks"])
    nat = remarks.str.extract(
        r"(?:[Nn]ationality|[Cc]itizen)\s+([^;.]+?)\s*(?:[;.]|$)", expand=False
    ).fillna("")
    code, bad = parse_country(nat)
    unknown_nat = bad & nat.ne("")
    count_note(
        info,
        int(unknown_nat.sum()),
        "nationality in Remarks not a known country: country left blank (any country)",
    )
    aliases = pd.Series(pd.NA, index=body.index, dtype="string")
    alt_path = _aliases_file(path, opts)
    if alt_path is not None:
        alt, _r, _e = _read_sdn_like(alt_path, ALT_COLUMNS)
        names = _null(alt["alt_name"])
        alt_ent = _null(alt["ent_num"])
        joined = names[names.ne("")].groupby(alt_ent[names.ne("")]).agg("; ".join)
        aliases = ent.map(joined).astype("string")
        orphan = ~alt_ent.isin(set(ent))
        info.notes.append(
            f"aliases from {alt_path.name}: {len(alt)} rows, {int((~orphan).sum())} joined to "
            f"{int(aliases.notna().sum())} entities, {int(orphan.sum())} for entities not in "
            "this file (ignored)"
        )
        info.settings["aliases_path"] = str(alt_path)
    else:
        info.notes.append("no alt.csv beside the file and no aliases_path option: no aliases")
    program = _null(body["program"]).str.replace(r"\]\s*\[", ";", regex=True)
    program = program.str.strip("[] ")
    kind = _null(body["sdn_type"])
    source = (
        "OFAC SDN list"
        + pd.Series("; type " + kind, index=body.index).where(kind.ne(""), "")
        + pd.Series("; title " + _null(body["title"]), index=body.index).where(
            _null(body["title"]).ne(""), ""
        )
        + pd.Series("; " + remarks, index=body.index).where(remarks.ne(""), "")
    )
    raw = pd.DataFrame(
        {
            "entity_id": ("ofac-" + ent).where(ent.ne("")),
            "name": _null(body["sdn_name"]),
            "aliases": aliases,
            "country": code.where(~bad),
            "program": program,
            "listed_date": pd.NA,
            "delisted_date": pd.NA,
            "source": source,
        }
    )
    return validate(
        raw, SANCTIONED_ENTITIES, info, rows, options=opts, rejects=extra_cell_rejects(body)
    )


register(
    Adapter(
        name=NAME,
        table=SANCTIONED_ENTITIES.name,
        title="OFAC SDN list (sdn.csv, with alt.csv aliases)",
        detect=detect,
        read=read,
    )
)
