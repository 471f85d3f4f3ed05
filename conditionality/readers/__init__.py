"""Readers: input files to canonical tables, with every unreadable row accounted for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from conditionality.readers.base import (
    REJECT_COLUMNS,
    InputError,
    InputInfo,
    ReadResult,
    empty_rejected,
)
from conditionality.readers.limits import Limits, check_file_size, using
from conditionality.readers.native import load_column_map, read_native
from conditionality.readers.registry import ADAPTERS, pick_adapter
from conditionality.schema import TABLES, Table

__all__ = [
    "ADAPTERS",
    "REJECT_COLUMNS",
    "InputError",
    "InputInfo",
    "Limits",
    "ReadResult",
    "empty_rejected",
    "load_column_map",
    "load_table",
    "read_file",
]


def read_file(
    path: Path,
    table: Table,
    *,
    input_format: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    column_map: dict[str, str] | str | Path | None = None,
    options: dict[str, Any] | None = None,
) -> ReadResult:
    """Read one file with the adapter named, or the one its headers point to.

    `column_map` (native format only) is a mapping of header text to canonical column, or the
    path of a YAML/CSV alias file (see `load_column_map`).

    `options['limits']` (see `readers.limits.Limits`) bounds the file size, rows and cell
    length; a file above a limit is refused with an InputError that names the limit."""
    if not path.exists():
        raise InputError(f"{path}: file not found")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    limits = Limits.from_options(options)
    with using(limits):
        check_file_size(path, limits)
        adapter = pick_adapter(path, table, input_format)
        if adapter is None:
            if path.suffix.lower() == ".parquet":
                return _read_parquet_guarded(
                    path,
                    table,
                    sheet=sheet,
                    header_row=header_row,
                    column_map=column_map,
                    options=options,
                )
            return read_native(
                path,
                table,
                sheet=sheet,
                header_row=header_row,
                column_map=column_map,
                options=options,
            )
        return adapter.read(path, options=options or {}, sheet=sheet, header_row=header_row)


def _read_parquet_guarded(path: Path, table: Table, **kwargs: Any) -> ReadResult:
    """A damaged Parquet file is an unreadable input (exit 2), whatever pyarrow raises."""
    try:
        return read_native(path, table, **kwargs)
    except InputError:
        raise
    except MemoryError:
        raise InputError(f"{path}: the Parquet file is too large to read") from None
    except Exception as exc:
        if not _is_parquet_error(exc):
            raise
        raise InputError(
            f"{path}: not a readable Parquet file ({type(exc).__name__}: {exc})"
        ) from None


def _is_parquet_error(exc: Exception) -> bool:
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover
        return isinstance(exc, OSError | ValueError)
    return isinstance(exc, pa.ArrowException | OSError | ValueError)


def _reject_duplicates(result: ReadResult, table: Table) -> ReadResult:
    """A key seen twice is rejected everywhere it occurs: we cannot tell which row is right."""
    df = result.table
    key = table.key
    if df.empty or key not in df:
        return result
    dup = df[key].notna() & df.duplicated(key, keep=False)
    if not dup.any():
        return result
    d = df[dup]
    where = d["_file"].astype(str) + ":" + d["_row"].astype(str)
    places = where.groupby(d[key]).agg(", ".join)
    extra = pd.DataFrame(
        {
            "file": d["_file"].to_numpy(),
            "sheet": d["_sheet"].to_numpy(),
            "row": d["_row"].to_numpy(),
            "column": key,
            "value": d[key].astype(str).to_numpy(),
            "reason": ("duplicate " + key + " (rows " + d[key].map(places) + ")").to_numpy(),
        }
    )
    amount = table.amount_column
    for info in result.info:
        mine = d["_file"].eq(info.path) & d["_sheet"].eq(info.sheet or "")
        info.rows_rejected += int(mine.sum())
        info.rows_accepted -= int(mine.sum())
        if amount:
            values = pd.to_numeric(d.loc[mine, amount], errors="coerce")
            dollars = float(values.sum())
            info.dollars_rejected += dollars
            info.dollars_accepted -= dollars
            if "transaction_type" in d:
                kind = d.loc[mine, "transaction_type"].astype("string").fillna("obligation")
                for k, v in values.groupby(kind).sum().items():
                    key = str(k)
                    info.dollars_by_transaction_type[key] = info.dollars_by_transaction_type.get(
                        key, 0.0
                    ) - float(v)
    rejected = pd.concat([result.rejected, extra], ignore_index=True)
    return ReadResult(df[~dup].reset_index(drop=True), rejected, result.info)


def load_table(
    paths: list[Path],
    table_name: str,
    **kwargs: Any,
) -> ReadResult:
    """Read and concatenate every file of one canonical table."""
    table = TABLES[table_name]
    results = [read_file(Path(p), table, **kwargs) for p in paths]
    merged = ReadResult.concat(results, table)
    if table_name == "country_status":
        merged = _fill_status_ids(merged)
    return _reject_duplicates(merged, table)


def _fill_status_ids(result: ReadResult) -> ReadResult:
    df = result.table
    if df.empty:
        return result
    derived = (
        df["list"].astype(str)
        + ":"
        + df["country"].astype(str)
        + ":"
        + pd.to_datetime(df["valid_from"]).dt.strftime("%Y-%m-%d")
    )
    ids = df["status_id"].astype("string").fillna(derived)
    return ReadResult(df.assign(status_id=ids), result.rejected, result.info)
