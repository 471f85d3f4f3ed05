"""What every reader returns, and the one validation step that turns raw cells into a
canonical table plus a long table of rejected cells."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from conditionality.readers.countries import country_reasons, parse_country
from conditionality.readers.values import (
    clean_text,
    parse_amount,
    parse_date,
    parse_enum,
    parse_id,
    parse_integer,
)
from conditionality.schema import Table

REJECT_COLUMNS = ["file", "sheet", "row", "column", "value", "reason"]
ORIGIN_COLUMNS = ["_file", "_sheet", "_row"]


class InputError(Exception):
    """A file that cannot be read at all (exit code 2). The message names the file and the fix."""


@dataclass
class InputInfo:
    """What a reader did with one input file (or one sheet of it)."""

    path: str
    table: str
    adapter: str = "native"
    sheet: str | None = None
    header_row: int | None = None
    sha256: str = ""
    rows_read: int = 0
    rows_accepted: int = 0
    rows_rejected: int = 0
    dollars_read: float = 0.0
    dollars_accepted: float = 0.0
    dollars_rejected: float = 0.0
    rows_unreadable_amount: int = 0
    mapping: dict[str, str] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    # Rows that are readable but outside what the table holds (e.g. an ACLED battle, a PTS
    # year with no score). They are among rows_rejected, with a reason starting "out of scope".
    rows_out_of_scope: int = 0
    # Accepted dollars per transaction type (allocations only; blank counts as obligation).
    dollars_by_transaction_type: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ReadResult:
    table: pd.DataFrame
    rejected: pd.DataFrame
    info: list[InputInfo]

    @staticmethod
    def concat(results: list[ReadResult], table: Table) -> ReadResult:
        frames = [r.table for r in results if len(r.table)]
        empty = pd.DataFrame({c: pd.Series(dtype="object") for c in table.names + ORIGIN_COLUMNS})
        merged = pd.concat(frames, ignore_index=True) if frames else empty
        rej = [r.rejected for r in results if len(r.rejected)]
        rejected = pd.concat(rej, ignore_index=True) if rej else empty_rejected()
        return ReadResult(merged, rejected, [i for r in results for i in r.info])


def empty_rejected() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in REJECT_COLUMNS})


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class RowReject:
    """Rows an adapter rejects before cell parsing: `mask` marks them, `reason` says why (one
    text, or one per row), `column` and `value` say what the reader looked at. Out-of-scope rows
    are counted apart and their reason starts with OUT_OF_SCOPE."""

    mask: pd.Series
    column: str
    reason: str | pd.Series
    value: pd.Series | None = None
    out_of_scope: bool = False


OUT_OF_SCOPE = "out of scope: "


def _parse_column(raw: pd.Series, kind: str, allowed: tuple[str, ...], opts: dict[str, Any]):
    if kind == "number":
        value, bad = parse_amount(raw)
        return value, bad, "not a number", None
    if kind == "integer":
        value, bad = parse_integer(raw)
        return value, bad, "not a whole number", None
    if kind == "date":
        value, bad, note = parse_date(
            raw, date_order=opts.get("date_order", "auto"), date1904=opts.get("date1904", False)
        )
        return value, bad, "not a date (use YYYY-MM-DD) or out of range 1900-2100", note
    if kind == "country":
        value, bad = parse_country(raw)
        reason = country_reasons(raw, bad) if bad.any() else ""
        return value, bad, reason, None
    if kind == "enum":
        value, bad = parse_enum(raw, allowed)
        return value, bad, "not one of: " + ", ".join(allowed), None
    if kind == "id":
        value, bad = parse_id(raw)
        return value, bad, "", None
    return clean_text(raw), pd.Series(False, index=raw.index), "", None


def validate(
    raw: pd.DataFrame,
    table: Table,
    info: InputInfo,
    rows: pd.Series,
    *,
    options: dict[str, Any] | None = None,
    max_cell_length: int | None = None,
    rejects: list[RowReject] | None = None,
) -> ReadResult:
    """Parse and check every cell of `raw` (canonical column names, raw values).

    `rows` holds each row's number in the source (1-based, as a spreadsheet shows it). A row
    with any unreadable cell, or a blank required cell, is rejected with one entry per cell.
    `rejects` are rows an adapter turns away as a whole (out of scope, not a single country,
    ...); they are reported the same way and count in the reconciliation.

    A cell longer than `max_cell_length` (default: the active limits' max_cell_chars) is
    rejected; a table with more rows than the max_rows limit is refused (InputError).
    """
    from conditionality.readers.limits import Limits, active, check_rows

    opts = options or {}
    limits = Limits.from_options(opts) if opts.get("limits") is not None else active()
    if max_cell_length is None:
        max_cell_length = limits.max_cell_chars
    n = len(raw)
    check_rows(Path(info.path), n, limits)
    raw = raw.reset_index(drop=True)
    rows = pd.Series(np.asarray(rows), dtype="int64")
    out: dict[str, pd.Series] = {}
    problems: list[pd.DataFrame] = []

    def note_bad(
        column: str, mask: pd.Series, reason: str | pd.Series, given: pd.Series | None = None
    ) -> None:
        mask = mask.reset_index(drop=True).fillna(False).astype(bool)
        if not mask.any():
            return
        if given is not None:
            values = given.reset_index(drop=True)[mask]
        elif column in raw:
            values = raw[column][mask]
        else:
            values = pd.Series("", index=mask[mask].index)
        if isinstance(reason, pd.Series):
            reason = reason.reset_index(drop=True)
        text = values.astype("string").fillna("").str.slice(0, 200)
        problems.append(
            pd.DataFrame(
                {
                    "file": info.path,
                    "sheet": info.sheet or "",
                    "row": rows[mask].to_numpy(),
                    "column": column,
                    "value": text.to_numpy(),
                    "reason": reason[mask].to_numpy() if isinstance(reason, pd.Series) else reason,
                }
            )
        )

    out_of_scope = pd.Series(False, index=range(n))
    whole_rows = pd.Series(False, index=range(n))
    for rj in rejects or []:
        m = rj.mask.reset_index(drop=True).fillna(False).astype(bool) & ~whole_rows
        reason = OUT_OF_SCOPE + rj.reason if rj.out_of_scope else rj.reason
        note_bad(rj.column, m, reason, rj.value)
        whole_rows |= m
        if rj.out_of_scope:
            out_of_scope |= m

    for col in table.columns:
        if col.name not in raw:
            cells = pd.Series(None, index=range(n), dtype="object")
            if col.required:
                note_bad(col.name, pd.Series(True, index=range(n)), "required column missing")
        else:
            cells = raw[col.name]
        long_cells = cells.astype("string").str.len().fillna(0) > max_cell_length
        note_bad(
            col.name,
            long_cells & ~whole_rows,
            f"cell longer than {max_cell_length:,} characters (limit max_cell_chars; "
            "raise it with --max-cell-chars)",
        )
        value, bad, reason, note = _parse_column(cells, col.type, col.allowed, opts)
        if note:
            info.notes.append(f"{col.name}: {note}")
        note_bad(col.name, bad & ~long_cells & ~whole_rows, reason)
        if col.required:
            blank_req = value.isna() & ~bad & ~long_cells & ~whole_rows
            note_bad(col.name, blank_req, "required value is blank")
        out[col.name] = value.where(~long_cells)

    table_df = pd.DataFrame(out)
    table_df["_file"] = info.path
    table_df["_sheet"] = info.sheet or ""
    table_df["_row"] = rows.to_numpy()

    rejected = pd.concat(problems, ignore_index=True) if problems else empty_rejected()
    bad_rows = set(rejected["row"].tolist()) if len(rejected) else set()
    is_bad = table_df["_row"].isin(bad_rows) | whole_rows.to_numpy()

    amount_col = table.amount_column
    if amount_col:
        amounts = pd.to_numeric(table_df[amount_col], errors="coerce")
        info.dollars_read += float(amounts.sum())
        info.dollars_rejected += float(amounts[is_bad].sum())
        info.dollars_accepted += float(amounts[~is_bad].sum())
        info.rows_unreadable_amount += int((is_bad & amounts.isna()).sum())
        if "transaction_type" in table_df:
            kind = table_df["transaction_type"].astype("string").fillna("obligation")
            per_type = amounts[~is_bad].groupby(kind[~is_bad]).sum()
            for k, v in per_type.items():
                key = str(k)
                info.dollars_by_transaction_type[key] = info.dollars_by_transaction_type.get(
                    key, 0.0
                ) + float(v)
    info.rows_out_of_scope += int(out_of_scope.sum())
    info.rows_read += n
    info.rows_rejected += int(is_bad.sum())
    info.rows_accepted += int((~is_bad).sum())
    accepted = table_df[~is_bad].reset_index(drop=True)
    return ReadResult(accepted, rejected.sort_values(["row", "column"], kind="stable"), [info])
