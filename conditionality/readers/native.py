"""The native format: our own column names (or close spellings) in a CSV file or an
Excel sheet, with the header row anywhere among the first rows."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from conditionality.readers.base import InputError, InputInfo, ReadResult, sha256_of, validate
from conditionality.readers.values import blank
from conditionality.schema import Table

HEADER_SCAN_ROWS = 30
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


def header_key(text: object) -> str:
    """Headers compare case-, space- and punctuation-insensitively."""
    s = str(text).strip().lower()
    s = re.sub(r"\(usd\)|\(\$\)|\$", " usd ", s)
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def _map_from_obj(obj: Any, table: str | None, where: str) -> dict[str, str]:
    """A flat {header: column} mapping, or one grouped by table name."""
    if obj is None:
        return {}
    if not isinstance(obj, dict):
        raise InputError(f"{where}: a column map is a mapping of header text to column name")
    groups = {k: v for k, v in obj.items() if isinstance(v, dict)}
    flat = {str(k): str(v) for k, v in obj.items() if v is not None and not isinstance(v, dict)}
    if table is not None:
        flat.update({str(k): str(v) for k, v in groups.get(table, {}).items()})
    else:
        # keep the grouping: "allocations:Country" applies to the allocations table only
        for name, g in groups.items():
            flat.update({f"{name}:{k}": str(v) for k, v in g.items()})
    return flat


def load_column_map(path: str | Path, table: str | None = None) -> dict[str, str]:
    """Read a column alias file: header spelling -> canonical column.

    YAML (`Header text: column`, flat or grouped under table names) or CSV with columns
    `header,column` (and optionally `table`). Unknown target columns are an error.
    """
    import yaml

    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: column map file not found")
    if p.suffix.lower() in (".csv", ".tsv", ".txt"):
        frame = pd.read_csv(p, dtype=str, keep_default_na=False, sep=None, engine="python")
        cols = {header_key(c): c for c in frame.columns}
        if "header" not in cols or "column" not in cols:
            raise InputError(f"{p}: a CSV column map needs the columns header,column[,table]")
        if table is not None and "table" in cols:
            t = frame[cols["table"]].str.strip()
            frame = frame[t.eq("") | t.eq(table)]
        mapping = dict(
            zip(frame[cols["header"]].str.strip(), frame[cols["column"]].str.strip(), strict=True)
        )
    else:
        try:
            obj = yaml.safe_load(p.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise InputError(f"{p}: not valid YAML ({exc})") from None
        mapping = _map_from_obj(obj, table, str(p))
    if table is not None:
        from conditionality.schema import TABLES

        known = set(TABLES[table].names)
        wrong = sorted({v for v in mapping.values() if v not in known})
        if wrong:
            raise InputError(f"{p}: column map names unknown {table} column(s): {', '.join(wrong)}")
    return mapping


@lru_cache(maxsize=1)
def _builtin_aliases() -> dict[str, dict[str, str]]:
    import yaml

    path = resources.files("conditionality") / "data" / "column_aliases.yaml"
    obj = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {t: {str(k): str(v) for k, v in m.items()} for t, m in obj.items()}


def column_lookup(table: Table, extra: dict[str, str] | str | Path | None = None) -> dict[str, str]:
    """Every accepted header spelling (as a key) to its canonical column: the schema's names and
    aliases, then the editable data/column_aliases.yaml, then the run's own column map."""
    lookup: dict[str, str] = {}
    for col in table.columns:
        for spelling in (col.name, *col.aliases):
            lookup.setdefault(header_key(spelling), col.name)
    for spelling, target in _builtin_aliases().get(table.name, {}).items():
        lookup.setdefault(header_key(spelling), target)
    from conditionality.schema import TABLES

    if isinstance(extra, (str, Path)):
        extra = load_column_map(extra, table.name)
    for spelling, target in (extra or {}).items():
        scope, _, bare = spelling.partition(":")
        if bare and scope in TABLES:
            if scope != table.name:
                continue
            spelling = bare
        elif target not in table.names and any(target in t.names for t in TABLES.values()):
            continue  # a flat map shared by several tables: this entry is for another one
        if target not in table.names:
            raise InputError(
                f"column map: {spelling!r} -> {target!r}, but {table.name} has no column "
                f"{target!r}; columns are: {', '.join(table.names)}"
            )
        lookup[header_key(spelling)] = target
    return lookup


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    for enc in ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: cannot decode the file as UTF-8 or Windows-1252")


def read_csv_grid(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """All cells as text, no header; ragged rows are padded (and noted)."""
    data = path.read_bytes()
    text, enc = decode_text(data, path)
    notes = [] if enc == "utf-8-sig" else [f"read with encoding {enc}"]
    if "\x00" in text:
        text = text.replace("\x00", "")
        notes.append("NUL bytes removed")
    sample = text[:20000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        grid = pd.read_csv(
            io.StringIO(text),
            header=None,
            dtype=str,
            keep_default_na=False,
            sep=dialect.delimiter,
            quotechar=dialect.quotechar or '"',
            skip_blank_lines=False,
            engine="c",
        )
        return grid.astype("object"), notes
    except (pd.errors.ParserError, ValueError):
        pass  # ragged rows: the csv module keeps every line, we pad it
    rows = list(csv.reader(io.StringIO(text), dialect))
    width = max((len(r) for r in rows), default=0)
    ragged = sum(1 for r in rows if r and len(r) != width)
    if ragged:
        notes.append(f"{ragged} rows had fewer or more cells than the widest row")
    grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype="object")
    return grid, notes


def read_xlsx_grid(path: Path, sheet: str | None) -> tuple[pd.DataFrame, str, list[str], bool]:
    """Cells of one sheet as Python values (dates stay dates), merged ranges filled in."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    names = wb.sheetnames
    if sheet is not None and sheet not in names:
        raise InputError(f"{path}: no sheet named {sheet!r}; sheets are: {', '.join(names)}")
    chosen = [sheet] if sheet else names
    notes: list[str] = []
    for name in chosen:
        ws = wb[name]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        if not rows:
            continue
        width = max(len(r) for r in rows)
        grid = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype="object")
        for rng in ws.merged_cells.ranges:
            top = grid.iat[rng.min_row - 1, rng.min_col - 1]
            grid.iloc[rng.min_row - 1 : rng.max_row, rng.min_col - 1 : rng.max_col] = top
        if ws.merged_cells.ranges:
            notes.append(
                f"{len(ws.merged_cells.ranges)} merged ranges filled from their first cell"
            )
        if sheet is None and find_header(grid, None) is None:
            continue
        return grid, name, notes, bool(wb.epoch.year == 1904)
    raise InputError(f"{path}: no sheet with a recognisable header row; name one with --sheet")


def find_header(grid: pd.DataFrame, lookup: dict[str, str] | None) -> int | None:
    """Index of the first row among the first rows that names the most known columns."""
    best, best_hits = None, 1
    for i in range(min(HEADER_SCAN_ROWS, len(grid))):
        cells = [header_key(v) for v in grid.iloc[i].tolist() if v is not None and str(v).strip()]
        if lookup is None:
            hits = len(cells) if len(cells) >= 3 else 0
        else:
            hits = sum(1 for c in cells if c in lookup)
        if hits > best_hits:
            best, best_hits = i, hits
    return best


def read_native(
    path: Path,
    table: Table,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    column_map: dict[str, str] | str | Path | None = None,
    options: dict[str, Any] | None = None,
) -> ReadResult:
    """Read one CSV or XLSX file in the native format into `table`'s canonical columns."""
    if not path.exists():
        raise InputError(f"{path}: file not found")
    suffix = path.suffix.lower()
    info = InputInfo(path=str(path), table=table.name, sha256=sha256_of(path))
    date1904 = False
    if suffix in (".xlsx", ".xlsm"):
        grid, info.sheet, notes, date1904 = read_xlsx_grid(path, sheet)
    elif suffix in (".csv", ".tsv", ".txt"):
        grid, notes = read_csv_grid(path)
    elif suffix == ".parquet":
        frame = pd.read_parquet(path)
        grid = pd.concat(
            [pd.DataFrame([list(frame.columns)]), pd.DataFrame(frame.to_numpy(dtype=object))],
            ignore_index=True,
        )
        notes = []
    else:
        raise InputError(f"{path}: unsupported file type {suffix!r}; use .csv, .xlsx or .parquet")
    info.notes.extend(notes)
    lookup = column_lookup(table, column_map)
    if header_row is not None:
        h = header_row - 1
    else:
        found = find_header(grid, lookup)
        if found is None:
            raise InputError(
                f"{path}{_sheet(info)}: no header row naming the {table.name} columns in the first "
                f"{HEADER_SCAN_ROWS} rows; expected e.g. {', '.join(table.names[:5])} "
                "(or set --header-row)"
            )
        h = found
    info.header_row = h + 1
    headers = grid.iloc[h].tolist()
    mapping: dict[int, str] = {}
    seen: dict[str, str] = {}
    for j, head in enumerate(headers):
        if head is None or not str(head).strip():
            continue
        target = lookup.get(header_key(head))
        if target is None:
            info.unmapped.append(str(head))
            continue
        if target in seen:
            raise InputError(
                f"{path}{_sheet(info)}: headers {seen[target]!r} and {head!r} both map to column "
                f"{target!r}; rename or delete one"
            )
        seen[target] = str(head)
        mapping[j] = target
    info.mapping = {v: k for k, v in seen.items()}
    missing = [c.name for c in table.columns if c.header_required and c.name not in seen]
    if missing:
        raise InputError(
            f"{path}{_sheet(info)}: required column(s) missing: {', '.join(missing)} "
            f"(header row {h + 1} has: {', '.join(str(x) for x in headers if x is not None)})"
        )
    body = grid.iloc[h + 1 :]
    body = body[[j for j in mapping]].rename(columns=mapping)
    empty = pd.concat([blank(body[c]) for c in body.columns], axis=1).all(axis=1)
    body = body[~empty]
    rows = pd.Series(body.index + 1)
    opts = dict(options or {})
    opts.setdefault("date1904", date1904)
    return validate(body, table, info, rows, options=opts)


def _sheet(info: InputInfo) -> str:
    return f" (sheet {info.sheet!r})" if info.sheet else ""
