"""Shared plumbing for the adapters: reading delimited or Excel files as text grids, finding a
published format's header row, stable ids for rows without an id of their own."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import Any

import pandas as pd

from conditionality.readers.base import InputError, InputInfo, RowReject, sha256_of
from conditionality.readers.limits import active, check_cells, check_file_size, check_rows
from conditionality.readers.native import HEADER_SCAN_ROWS, _field_limit, decode_text, header_key
from conditionality.readers.values import blank

TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
PEEK_BYTES = 64_000
# What reading a file's grid noticed (encoding, NUL bytes, ragged rows), by path, until the
# adapter makes its InputInfo: read_grid is called before new_info in every adapter.
_PENDING_NOTES: dict[str, list[str]] = {}


def new_info(path: Path, table: str, adapter: str, **settings: Any) -> InputInfo:
    info = InputInfo(path=str(path), table=table, adapter=adapter, sha256=sha256_of(path))
    info.settings.update(settings)
    info.notes.extend(_PENDING_NOTES.pop(str(path), []))
    return info


def _separator(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in ("\t", "|", ",", ";")}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else ","


def read_text_grid(
    path: Path, *, encodings: tuple[str, ...] | None = None, sep: str | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Every cell of a delimited file as text (no header handling, 'NA' stays 'NA').

    When rows differ in length, `grid.attrs['cells_per_row']` holds each row's own count."""
    lim = active()
    check_file_size(path, lim)
    data = path.read_bytes()
    notes: list[str] = []
    if encodings:
        for enc in encodings:
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InputError(f"{path}: cannot decode the file as {' or '.join(encodings)}")
    else:
        text, enc = decode_text(data, path)
        if enc != "utf-8-sig":
            notes.append(f"read with encoding {enc}")
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        notes.append(f"{text.count(chr(0))} NUL bytes removed (a binary or damaged file?)")
        text = text.replace("\x00", "")
    first = next((ln for ln in text[:PEEK_BYTES].splitlines() if ln.strip()), "")
    sep = sep or _separator(first)
    check_cells(path, text.count("\n") + 1, first.count(sep) + 1, lim)
    try:
        grid = pd.read_csv(
            io.StringIO(text),
            header=None,
            dtype=str,
            keep_default_na=False,
            sep=sep,
            quotechar='"',
            skip_blank_lines=False,
            engine="c",
        )
        check_rows(path, len(grid) - HEADER_SCAN_ROWS, lim)
    except pd.errors.EmptyDataError:
        grid = pd.DataFrame(dtype="object")
    except (pd.errors.ParserError, ValueError, OverflowError):
        _field_limit(lim)
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
        except csv.Error as exc:
            raise InputError(f"{path}: not a readable delimited file ({exc})") from None
        width = max((len(r) for r in rows), default=0)
        check_rows(path, len(rows) - HEADER_SCAN_ROWS, lim)
        check_cells(path, len(rows), width, lim)
        ragged = sum(1 for r in rows if r and len(r) != width)
        notes.append(f"{ragged} rows had fewer or more cells than the widest row")
        grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=str)
        grid = grid.astype("object")
        grid.attrs["cells_per_row"] = [len(r) for r in rows]
        return grid, notes
    return grid.astype("object"), notes


def read_grid(path: Path, sheet: str | None = None, **kw: Any) -> tuple[pd.DataFrame, str | None]:
    """A delimited file or an Excel sheet as a grid of cells."""
    suffix = path.suffix.lower()
    _PENDING_NOTES.pop(str(path), None)
    if suffix in EXCEL_SUFFIXES:
        from conditionality.readers.native import read_xlsx_grid

        grid, name, notes, _d1904 = read_xlsx_grid(path, sheet)
        _PENDING_NOTES[str(path)] = notes
        return grid, name
    grid, notes = read_text_grid(path, **kw)
    _PENDING_NOTES[str(path)] = notes
    return grid, None


def peek_rows(path: Path, n: int = HEADER_SCAN_ROWS) -> list[list[str]]:
    """The first rows of a delimited or Excel file as lists of header keys (for detection)."""
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            out: list[list[str]] = []
            for ws in wb.worksheets:
                for i, row in enumerate(ws.iter_rows(values_only=True)):
                    if i >= n:
                        break
                    out.append([header_key(v) for v in row if v is not None])
            return out
        finally:
            wb.close()
    if suffix not in TEXT_SUFFIXES:
        return []
    with path.open("rb") as f:
        data = f.read(PEEK_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines = text.splitlines()[:n]
    first = next((ln for ln in lines if ln.strip()), "")
    sep = _separator(first)
    return [[header_key(c) for c in r] for r in csv.reader(lines, delimiter=sep)]


def headers_match(path: Path, needed: set[str], *, n: int = HEADER_SCAN_ROWS) -> bool:
    """True if one of the first rows holds all of `needed` (header keys)."""
    return any(needed <= set(r) for r in peek_rows(path, n))


def open_table(
    path: Path,
    table: str,
    adapter: str,
    needed: set[str],
    *,
    fmt: str,
    sheet: str | None = None,
    header_row: int | None = None,
    rename: dict[str, str] | None = None,
    **settings: Any,
) -> tuple[pd.DataFrame, pd.Series, InputInfo]:
    """The start every tabular adapter shares: read the grid, find the header row naming
    `needed`, and open the file's InputInfo (sheet, header row, adapter settings)."""
    grid, sheet_name = read_grid(path, sheet)
    body, rows, h = locate_header(
        grid, needed, path=path, fmt=fmt, header_row=header_row, rename=rename
    )
    info = new_info(path, table, adapter, **settings)
    info.sheet, info.header_row = sheet_name, h
    return body, rows, info


def locate_header(
    grid: pd.DataFrame,
    needed: set[str],
    *,
    path: Path,
    fmt: str,
    header_row: int | None = None,
    rename: dict[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.Series, int]:
    """Split a grid at its header row (the first among the first rows naming all `needed`
    headers, or `header_row`). Returns the body with header-key column names, each body row's
    number in the file (1-based) and the header row number. Blank rows are dropped."""
    rename = rename or {}

    def keys(i: int) -> list[str]:
        return [rename.get(k, k) for k in (header_key(v) for v in grid.iloc[i].tolist())]

    if header_row is not None:
        h = header_row - 1
    else:
        h = next((i for i in range(min(HEADER_SCAN_ROWS, len(grid))) if needed <= set(keys(i))), -1)
        if h < 0:
            raise InputError(
                f"{path}: not a {fmt} file: no header row with {', '.join(sorted(needed))} in the "
                f"first {HEADER_SCAN_ROWS} rows"
            )
    names = keys(h)
    missing = needed - set(names)
    if missing:
        raise InputError(f"{path}: {fmt} header row {h + 1} lacks {', '.join(sorted(missing))}")
    extra = _extra_cells(grid, h)
    body = grid.iloc[h + 1 :].copy()
    # unique column names: a repeated header keeps its first column under the plain name
    seen: dict[str, int] = {}
    cols = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        cols.append(name if seen[name] == 1 else f"{name}__{seen[name]}")
    body.columns = cols
    empty = pd.concat([blank(body[c]) for c in body.columns], axis=1).all(axis=1)
    body = body[~(empty & extra.eq(""))]
    rows = pd.Series(body.index + 1, dtype="int64")
    reasons = extra.reindex(body.index).fillna("").reset_index(drop=True)
    body = body.reset_index(drop=True)
    body.attrs["extra_cells"] = reasons
    return body, rows.reset_index(drop=True), h + 1


def _extra_cells(grid: pd.DataFrame, h: int) -> pd.Series:
    """Per row below the header of a delimited file, why it holds more cells than the header
    row ('' when it does not): a value slipped into the wrong column."""
    reasons = pd.Series("", index=grid.index[h + 1 :], dtype="object")
    lengths = grid.attrs.get("cells_per_row")
    if not lengths or len(lengths) != len(grid):
        return reasons
    header_len = lengths[h]
    if grid.shape[1] <= header_len:
        return reasons
    beyond = grid.iloc[h + 1 :, header_len:]
    hit = ~pd.concat([blank(beyond[c]) for c in beyond.columns], axis=1).all(axis=1)
    for i in hit[hit].index:
        cells = [str(v) for v in grid.iloc[i, header_len:].tolist() if str(v).strip()]
        reasons[i] = (
            f"row has {lengths[i]} cells but the header row has {header_len}: extra cell(s) "
            f"{', '.join(repr(c[:40]) for c in cells[:5])} (an unquoted delimiter inside a "
            "value?); fix the row or quote the value"
        )
    return reasons


def extra_cell_rejects(body: pd.DataFrame) -> list[RowReject]:
    """Rows `locate_header` found holding more cells than the header row, as rejections."""
    reasons = body.attrs.get("extra_cells")
    if reasons is None or len(reasons) != len(body) or not reasons.ne("").any():
        return []
    reasons = reasons.reset_index(drop=True)
    return [RowReject(reasons.ne(""), "(row)", reasons, value=reasons.str.slice(0, 200))]


def text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as stripped text ('' where absent or blank)."""
    if column not in frame:
        return pd.Series("", index=frame.index, dtype="string")
    s = frame[column].astype("string").fillna("").str.strip()
    return s.str.replace(r"\s+", " ", regex=True)


def stable_ids(frame: pd.DataFrame, prefix: str) -> pd.Series:
    """`prefix-<12 hex of sha1(row content)>-<occurrence>`: the same on every run; distinct rows
    get ids independent of row order, identical rows are numbered in file order."""
    cols = sorted(frame.columns)
    content = pd.Series("", index=frame.index, dtype="string")
    for c in cols:
        content = content + c + "=" + text(frame, c) + "\x1f"
    digest = content.map(lambda s: hashlib.sha1(s.encode("utf-8")).hexdigest()[:12])
    occurrence = digest.groupby(digest).cumcount() + 1
    return prefix + "-" + digest.astype("string") + "-" + occurrence.astype("string")


def map_keys(values: pd.Series, table: dict[str, str], default: str | None = None) -> pd.Series:
    """Map text through `table` compared as header keys; unmatched -> default (or NA)."""
    keyed = {header_key(k): v for k, v in table.items()}
    uniq = pd.Series(values.dropna().unique())
    lookup = dict(zip(uniq, uniq.map(lambda v: keyed.get(header_key(v), default)), strict=True))
    return values.map(lookup).astype("string")


def count_note(info: InputInfo, n: int, message: str) -> None:
    if n:
        info.notes.append(f"{n} rows: {message}")
