"""Shared plumbing for the adapters: reading delimited or Excel files as text grids, finding a
published format's header row, stable ids for rows without an id of their own."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import Any

import pandas as pd

from conditionality.readers.base import InputError, InputInfo, sha256_of
from conditionality.readers.native import HEADER_SCAN_ROWS, decode_text, header_key
from conditionality.readers.values import blank

TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
PEEK_BYTES = 64_000


def new_info(path: Path, table: str, adapter: str, **settings: Any) -> InputInfo:
    info = InputInfo(path=str(path), table=table, adapter=adapter, sha256=sha256_of(path))
    info.settings.update(settings)
    return info


def _separator(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in ("\t", "|", ",", ";")}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else ","


def read_text_grid(
    path: Path, *, encodings: tuple[str, ...] | None = None, sep: str | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Every cell of a delimited file as text (no header handling, 'NA' stays 'NA')."""
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
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    sep = sep or _separator(first)
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
    except (pd.errors.ParserError, ValueError):
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
        width = max((len(r) for r in rows), default=0)
        ragged = sum(1 for r in rows if r and len(r) != width)
        notes.append(f"{ragged} rows had fewer or more cells than the widest row")
        grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=str)
    return grid.astype("object"), notes


def read_grid(path: Path, sheet: str | None = None, **kw: Any) -> tuple[pd.DataFrame, str | None]:
    """A delimited file or an Excel sheet as a grid of cells."""
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        from conditionality.readers.native import read_xlsx_grid

        grid, name, _notes, _d1904 = read_xlsx_grid(path, sheet)
        return grid, name
    grid, _ = read_text_grid(path, **kw)
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
    body = grid.iloc[h + 1 :].copy()
    # unique column names: a repeated header keeps its first column under the plain name
    seen: dict[str, int] = {}
    cols = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        cols.append(name if seen[name] == 1 else f"{name}__{seen[name]}")
    body.columns = cols
    empty = pd.concat([blank(body[c]) for c in body.columns], axis=1).all(axis=1)
    body = body[~empty]
    rows = pd.Series(body.index + 1, dtype="int64")
    return body.reset_index(drop=True), rows.reset_index(drop=True), h + 1


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
