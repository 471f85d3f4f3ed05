"""Parquet input: a typed, column-wise path to the canonical table.

The file is read with pyarrow and its columns are mapped by header like a native CSV. Each
column is parsed once per *distinct* value with the same parsers as every other reader
(numbers, dates and ids that are already typed skip parsing), so a million rows cost about
as much as their distinct values. A file in which every cell is readable is accepted as
parsed. If any cell would be rejected (unreadable, too long, a blank required value), the
whole file goes through the common `validate` step instead, so rejections are reported
exactly as for CSV and Excel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from conditionality.readers.base import (
    InputError,
    InputInfo,
    ReadResult,
    _parse_column,
    empty_rejected,
    validate,
)
from conditionality.schema import Table

MIN_DATE = pd.Timestamp("1900-01-01")
MAX_DATE = pd.Timestamp("2100-12-31")


class _Fallback(Exception):
    """Some cell needs the full validation path (it would be rejected, or is unusual)."""


def _limits(options: dict[str, Any]) -> Any:
    try:
        from conditionality.readers.limits import Limits, active
    except ImportError:  # pragma: no cover - older tree without reader limits
        return None
    return Limits.from_options(options) if options.get("limits") is not None else active()


def _map_columns(
    path: Path, names: list[str], table: Table, column_map: Any, info: InputInfo
) -> dict[str, str]:
    """Parquet column name -> canonical column, with the native reader's errors."""
    from conditionality.readers.native import column_lookup, map_headers

    lookup = column_lookup(table, column_map)
    positions = map_headers(list(names), lookup, table, info, str(path), "the file has")
    return {names[j]: target for j, target in positions.items()}


def _is_text(t: pa.DataType) -> bool:
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t))


def _blank_mask(col: pa.ChunkedArray) -> np.ndarray:
    """Empty cells: null, NaN or whitespace-only text."""
    t = col.type
    if _is_text(t):
        trimmed = pc.utf8_trim_whitespace(col)
        m = pc.or_kleene(pc.is_null(col), pc.equal(trimmed, ""))
        return np.asarray(m.to_numpy(zero_copy_only=False), dtype=bool) | _odd_space(col)
    if pa.types.is_floating(t):
        return np.asarray(pc.is_null(col, nan_is_null=True).to_numpy(zero_copy_only=False))
    return np.asarray(pc.is_null(col).to_numpy(zero_copy_only=False), dtype=bool)


def _odd_space(col: pa.ChunkedArray) -> np.ndarray:
    """Text arrow does not trim but Python does (control separators): leave it to Python."""
    odd = pc.match_substring_regex(col, r"[\x1c-\x1f\x85]")
    if pc.any(odd).as_py():
        raise _Fallback
    return np.zeros(len(col), dtype=bool)


def _by_distinct(
    col: pa.ChunkedArray, kind: str, allowed: tuple[str, ...], opts: dict[str, Any]
) -> tuple[pd.Series, pd.Series, str | None]:
    """Parse each distinct value once with the common parser, then spread to every row."""
    enc = pc.dictionary_encode(col).combine_chunks()
    values = pd.Series(enc.dictionary.to_pylist(), dtype="object")
    parsed, bad, _reason, note = _parse_column(values, kind, allowed, opts)
    if bool(np.asarray(bad, dtype=bool).any()):
        raise _Fallback
    idx = enc.indices.to_numpy(zero_copy_only=False)
    nulls = np.asarray(enc.indices.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    if nulls.any():
        idx = np.where(nulls, 0, idx).astype("int64")
    out = parsed.iloc[idx] if len(values) else pd.Series([pd.NA] * len(col), dtype=parsed.dtype)
    out = out.reset_index(drop=True)
    if nulls.any():
        out = out.mask(pd.Series(nulls))
    return out, pd.Series(False, index=out.index), note


def _typed(col: pa.ChunkedArray, kind: str) -> pd.Series | None:
    """A typed column that needs no text parsing, as the parser would return it."""
    t = col.type
    if kind in ("number", "integer") and (pa.types.is_integer(t) or pa.types.is_floating(t)):
        values = pd.Series(col.to_numpy(), dtype="float64")
        if not np.isfinite(values.dropna()).all():
            raise _Fallback
        if kind == "number":
            return values
        if (values.dropna() % 1 != 0).any():
            raise _Fallback
        return values.astype("Int64")
    if kind == "date" and (pa.types.is_timestamp(t) or pa.types.is_date(t)):
        if pa.types.is_timestamp(t) and t.tz is not None:
            return None
        lo = pa.scalar(MIN_DATE.to_pydatetime(), type=pa.timestamp("us"))
        hi = pa.scalar(MAX_DATE.to_pydatetime(), type=pa.timestamp("us"))
        as_ts = pc.cast(col, pa.timestamp("us"))
        in_range = pc.and_kleene(pc.greater_equal(as_ts, lo), pc.less_equal(as_ts, hi))
        if pc.all(in_range).as_py() is False:
            raise _Fallback
        floored = pc.floor_temporal(as_ts, unit="day")
        return pd.Series(floored.to_pandas(), dtype="datetime64[ns]")
    return None


def _parse(
    col: pa.ChunkedArray, kind: str, allowed: tuple[str, ...], opts: dict[str, Any]
) -> tuple[pd.Series, str | None]:
    if pa.types.is_null(col.type):
        empty = pd.Series([None] * len(col), dtype="object")
        return _parse_column(empty, kind, allowed, opts)[0], None
    typed = _typed(col, kind)
    if typed is not None:
        return typed, None
    if pa.types.is_dictionary(col.type):
        col = col.cast(col.type.value_type)
    if not (_is_text(col.type) or pa.types.is_null(col.type)):
        if pa.types.is_integer(col.type) or pa.types.is_floating(col.type):
            if kind not in ("number", "integer", "date"):
                raise _Fallback  # numbers in a text column: the common path words them
        elif not (pa.types.is_timestamp(col.type) or pa.types.is_date(col.type)):
            raise _Fallback
    if kind == "id" and _is_text(col.type):
        trimmed = pc.utf8_trim_whitespace(col)
        clean = pc.all(pc.equal(trimmed, col)).as_py() in (True, None)
        numeric = pc.any(pc.match_substring_regex(col, r"^\d+\.0+$")).as_py()
        if clean and not numeric and not _blank_mask(col).any():
            return pd.Series(col.to_pandas(), dtype="string"), None
    value, _bad, note = _by_distinct(col, kind, allowed, opts)
    return value, note


def read_parquet(
    path: Path,
    table: Table,
    *,
    column_map: dict[str, str] | str | Path | None = None,
    options: dict[str, Any] | None = None,
    info: InputInfo | None = None,
) -> ReadResult:
    """Read one Parquet file into `table`'s canonical columns (header = the schema)."""
    from conditionality.readers.base import sha256_of

    if info is None:
        info = InputInfo(path=str(path), table=table.name, sha256=sha256_of(path))
    try:
        schema_names = pq.read_schema(path).names
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
    info.header_row = 1
    mapping = _map_columns(path, list(schema_names), table, column_map, info)
    data = pq.read_table(path, columns=list(mapping))
    data = data.rename_columns([mapping[c] for c in data.column_names])
    opts = dict(options or {})
    opts.setdefault("date1904", False)
    # Rows whose every mapped cell is blank are skipped, as in a CSV.
    empty = np.ones(data.num_rows, dtype=bool)
    try:
        for name in data.column_names:
            empty &= _blank_mask(data[name])
    except _Fallback:
        return _fallback(data, table, info, opts, None)
    rows = pd.Series(np.flatnonzero(~empty) + 2, dtype="int64")  # row 1 is the header
    if empty.any():
        data = data.filter(pa.array(~empty))
    try:
        return _fast(data, table, info, opts, rows)
    except _Fallback:
        return _fallback(data, table, info, opts, rows)


def _fast(
    data: pa.Table, table: Table, info: InputInfo, opts: dict[str, Any], rows: pd.Series
) -> ReadResult:
    n = data.num_rows
    limits = _limits(opts)
    if limits is not None:
        from conditionality.readers.limits import check_rows

        check_rows(Path(info.path), n, limits)
    max_len = limits.max_cell_chars if limits is not None else 32_767
    out: dict[str, pd.Series] = {}
    notes: list[str] = []
    for col in table.columns:
        if col.name not in data.column_names:
            if col.required:
                raise _Fallback
            out[col.name] = pd.Series(None, index=range(n), dtype="object")
            out[col.name] = _parse_column(out[col.name], col.type, col.allowed, opts)[0]
            continue
        arr = data[col.name]
        if _is_text(arr.type) and n:
            longest = pc.max(pc.utf8_length(arr)).as_py()
            if longest is not None and longest > max_len:
                raise _Fallback
        value, note = _parse(arr, col.type, col.allowed, opts)
        if col.required and bool(value.isna().any()):
            raise _Fallback
        if note:
            notes.append(f"{col.name}: {note}")
        out[col.name] = value.reset_index(drop=True)
    info.notes.extend(notes)
    frame = pd.DataFrame(out)
    frame["_file"] = info.path
    frame["_sheet"] = info.sheet or ""
    frame["_row"] = rows.to_numpy()
    amount_col = table.amount_column
    if amount_col:
        amounts = pd.to_numeric(frame[amount_col], errors="coerce")
        total = float(amounts.sum())
        info.dollars_read += total
        info.dollars_accepted += total
        if "transaction_type" in frame:
            kind = frame["transaction_type"].astype("string").fillna("obligation")
            for k, v in amounts.groupby(kind).sum().items():
                key = str(k)
                info.dollars_by_transaction_type[key] = info.dollars_by_transaction_type.get(
                    key, 0.0
                ) + float(v)
    info.rows_read += n
    info.rows_accepted += n
    return ReadResult(frame, empty_rejected(), [info])


def _fallback(
    data: pa.Table, table: Table, info: InputInfo, opts: dict[str, Any], rows: pd.Series | None
) -> ReadResult:
    """Every cell as a Python value through the common validation (exact rejections)."""
    body = pd.DataFrame(
        {name: data[name].to_pandas().astype("object") for name in data.column_names}
    )
    body = body.where(body.notna(), None)
    if rows is None:
        from conditionality.readers.values import blank

        empty = pd.concat([blank(body[c]) for c in body.columns], axis=1).all(axis=1)
        rows = pd.Series(np.flatnonzero(~empty.to_numpy()) + 2, dtype="int64")
        body = body[~empty.to_numpy()]
    return validate(body.reset_index(drop=True), table, info, rows, options=opts)
