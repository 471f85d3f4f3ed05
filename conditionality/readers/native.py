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

from conditionality.readers.base import (
    InputError,
    InputInfo,
    ReadResult,
    RowReject,
    sha256_of,
    validate,
)
from conditionality.readers.limits import (
    Limits,
    active,
    check_cells,
    check_file_size,
    check_rows,
    check_xlsx_container,
)
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
    """The file's text and the encoding it was read with.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such. A file that is UTF-8
    except for some lines (e.g. two exports pasted together) is read line by line: the lines
    that are not UTF-8 are read as Windows-1252 and named in the returned encoding text (which
    readers put in the notes). A file with no UTF-8 at all is read as Windows-1252 (else
    Latin-1). Nothing is decoded silently with replacement characters."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{path}: starts with a UTF-16 mark but is not UTF-16 ({exc})"
            ) from None
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(data):
        return _decode_mixed(data)
    for enc in ENCODINGS[1:]:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: cannot decode the file as UTF-8 or Windows-1252")  # unreachable


# a valid 2- or 3-byte UTF-8 sequence: evidence that a file that is not all UTF-8 mixes encodings
_UTF8_MULTIBYTE = re.compile(rb"[\xc3-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def _decode_mixed(data: bytes) -> tuple[str, str]:
    out: list[str] = []
    fallback: list[int] = []
    for i, line in enumerate(data.split(b"\n"), start=1):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            fallback.append(i)
            try:
                out.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                out.append(line.decode("latin-1"))
    text = "\n".join(out).removeprefix("\ufeff")
    shown = ", ".join(str(n) for n in fallback[:10]) + (", ..." if len(fallback) > 10 else "")
    return text, (
        f"UTF-8, except {len(fallback)} line(s) that are not UTF-8 and were read as "
        f"Windows-1252 (lines {shown}); check their accented letters"
    )


def _sniff(text: str) -> Any:
    """The CSV dialect, from the first lines only (csv.Sniffer is slow on long samples and
    can be fooled by a delimiter inside quoted notes): the delimiter that splits the sampled
    lines most consistently into the most cells wins; the sniffer only breaks ties."""
    lines = [ln for ln in text[:20_000].splitlines()[:40] if ln.strip()]
    head = "\n".join(lines)[:8_000]
    try:
        sniffed: Any = csv.Sniffer().sniff(head, delimiters=",;\t|")
    except csv.Error:
        sniffed = csv.excel
    best: tuple[float, int, int] = (0.0, 1, 0)
    choice = None
    for sep in (",", "\t", ";", "|"):
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=sep, quotechar='"')]
        except csv.Error:
            continue
        if not widths:
            continue
        mode = max(set(widths), key=lambda w: (widths.count(w), w))
        score = (widths.count(mode) / len(widths), mode, int(sep == sniffed.delimiter))
        if mode > 1 and score > best:
            best, choice = score, sep
    if choice is None or choice == sniffed.delimiter:
        return sniffed
    picked: str = choice

    class Chosen(csv.excel):
        delimiter = picked

    return Chosen


def _field_limit(limits: Limits) -> None:
    """Let the csv module read long cells (they are rejected, with the limit, by validate)."""
    wanted = min(max(limits.max_file_bytes, 1 << 20), 2**31 - 1)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


def read_csv_grid(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """All cells as text, no header; ragged rows are padded (and noted). When rows differ in
    length, `grid.attrs['cells_per_row']` holds each row's own number of cells."""
    lim = active()
    check_file_size(path, lim)
    data = path.read_bytes()
    text, enc = decode_text(data, path)
    notes = [] if enc == "utf-8-sig" else [f"read with encoding {enc}"]
    if "\x00" in text:
        notes.append(f"{text.count(chr(0))} NUL bytes removed (a binary or damaged file?)")
        text = text.replace("\x00", "")
    text = text.removeprefix("\ufeff")
    dialect = _sniff(text)
    sep = dialect.delimiter
    lines = text.count("\n") + 1
    first = text[: text.find("\n")] if "\n" in text else text
    check_cells(path, lines, first.count(sep) + 1, lim)  # what the parser would allocate
    try:
        grid = pd.read_csv(
            io.StringIO(text),
            header=None,
            dtype=str,
            keep_default_na=False,
            sep=sep,
            quotechar=dialect.quotechar or '"',
            skip_blank_lines=False,
            engine="c",
        )
        check_rows(path, len(grid) - HEADER_SCAN_ROWS, lim)
        return grid.astype("object"), notes
    except pd.errors.EmptyDataError:
        return pd.DataFrame(dtype="object"), notes
    except (pd.errors.ParserError, ValueError, OverflowError):
        pass  # ragged rows: the csv module keeps every line, we pad it
    _field_limit(lim)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV file ({exc})") from None
    width = max((len(r) for r in rows), default=0)
    check_rows(path, len(rows) - HEADER_SCAN_ROWS, lim)
    check_cells(path, len(rows), width, lim)
    lengths = [len(r) for r in rows]
    ragged = sum(1 for n in lengths if n and n != width)
    if ragged:
        notes.append(f"{ragged} rows had fewer or more cells than the widest row")
    grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype="object")
    grid.attrs["cells_per_row"] = lengths
    return grid, notes


class FormulaWithoutValue(str):
    """A workbook cell holding a formula whose result was never saved (e.g. a file written by
    a script): its text is the formula; readers reject it instead of reading a blank."""

    __slots__ = ()


FORMULA_REASON = (
    "formula without a stored value; open the workbook in Excel and save it (or paste "
    "values) so the result is stored"
)


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip part of its XML (from xl/workbook.xml and its relationships)."""
    import xml.etree.ElementTree as ET

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for r in rels:
        target = r.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[r.get("Id", "")] = target
    book = ET.fromstring(zf.read("xl/workbook.xml"))
    out = {}
    for el in book.iter():
        if local(el.tag) == "sheet":
            rid = next((v for k, v in el.attrib.items() if local(k) == "id"), "")
            if rid in targets:
                out[el.get("name", "")] = targets[rid]
    return out


def _formulas_without_values(path: Path, sheet_name: str) -> dict[tuple[int, int], str]:
    """(row, column) (1-based) -> '=formula' for each formula cell of the sheet with no
    cached value (no <v>, or an empty one other than a formula's empty text result). Streams
    the sheet XML; skips the parse when there is no formula."""
    import xml.etree.ElementTree as ET

    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    found: dict[tuple[int, int], str] = {}
    with zipfile.ZipFile(path) as zf:
        part = _sheet_parts(zf).get(sheet_name)
        if part is None or part not in zf.namelist():
            return found
        with zf.open(part) as f:
            has_formula, tail = False, b""
            while chunk := f.read(1 << 20):
                if re.search(rb"<(?:\w+:)?f[\s>/]", tail + chunk):
                    has_formula = True
                    break
                tail = chunk[-16:]
        if not has_formula:
            return found
        with zf.open(part) as f:
            for _ev, el in ET.iterparse(f, events=("end",)):
                tag = el.tag.rsplit("}", 1)[-1]
                if tag != "c":
                    if tag == "row":
                        el.clear()
                    continue
                kids = {k.tag.rsplit("}", 1)[-1]: k for k in el}
                value = kids.get("v")
                stored = value is not None and (bool(value.text) or el.get("t") == "str")
                if "f" in kids and not stored and el.get("r"):
                    try:
                        letters, row = coordinate_from_string(el.get("r", ""))
                        col = column_index_from_string(letters)
                    except ValueError:
                        continue
                    found[(row, col)] = "=" + (kids["f"].text or "(shared formula)")
    return found


def read_xlsx_grid(path: Path, sheet: str | None) -> tuple[pd.DataFrame, str, list[str], bool]:
    """Cells of one sheet as Python values (dates stay dates), merged ranges filled in.

    The file is checked against the limits (size, zip bomb, declared dimension) before
    openpyxl opens it; a workbook openpyxl cannot read is an InputError. The grid spans the
    cells that hold values (styled empty cells far away do not count). A formula cell with no
    stored result holds a `FormulaWithoutValue` (its formula text)."""
    import openpyxl

    lim = active()
    check_file_size(path, lim)
    check_xlsx_container(path, lim)
    try:
        wb = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except MemoryError:
        raise InputError(f"{path}: the workbook is too large to open; save it as CSV") from None
    except Exception as exc:  # openpyxl raises many kinds of error on a damaged file
        raise InputError(
            f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc}); open and "
            "re-save it in Excel, or export the sheet as CSV"
        ) from None
    names = wb.sheetnames
    if sheet is not None and sheet not in names:
        raise InputError(f"{path}: no sheet named {sheet!r}; sheets are: {', '.join(names)}")
    chosen = [sheet] if sheet else names
    notes: list[str] = []
    for name in chosen:
        ws = wb[name]
        if not hasattr(ws, "merged_cells"):
            continue  # a chart sheet
        grid = _sheet_grid(path, ws, lim)
        if grid is None:
            continue
        merged = list(ws.merged_cells.ranges)
        for rng in merged:
            if rng.min_row > grid.shape[0] or rng.min_col > grid.shape[1]:
                continue
            top = grid.iat[rng.min_row - 1, rng.min_col - 1]
            grid.iloc[rng.min_row - 1 : rng.max_row, rng.min_col - 1 : rng.max_col] = top
        sheet_notes = list(notes)
        if merged:
            sheet_notes.append(f"{len(merged)} merged ranges filled from their first cell")
        if sheet is None and find_header(grid, None) is None:
            continue
        try:
            formulas = _formulas_without_values(path, name)
        except Exception as exc:  # the workbook opened; a part we look at again did not parse
            raise InputError(f"{path}: not a readable .xlsx workbook ({exc})") from None
        for (r, c), formula in formulas.items():
            if r <= grid.shape[0] and c <= grid.shape[1] and grid.iat[r - 1, c - 1] is None:
                grid.iat[r - 1, c - 1] = FormulaWithoutValue(formula)
        if formulas:
            sheet_notes.append(
                f"{len(formulas)} formula cells have no stored value (the workbook was not "
                "saved by a spreadsheet program); rows using them are rejected"
            )
            grid.attrs["formula_cells"] = len(formulas)
        return grid, name, sheet_notes, bool(wb.epoch.year == 1904)
    raise InputError(f"{path}: no sheet with a recognisable header row; name one with --sheet")


def _sheet_grid(path: Path, ws: Any, lim: Limits) -> pd.DataFrame | None:
    """The cells holding values as a dense grid from A1 (None for a sheet with no value)."""
    import numpy as np

    cells = getattr(ws, "_cells", None)
    if cells is None:  # pragma: no cover - another openpyxl layout
        check_cells(path, ws.max_row, ws.max_column, lim)
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        width = max((len(r) for r in rows), default=0)
        return pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype="object")
    present = [(rc, c.value) for rc, c in cells.items() if c.value is not None]
    if not present:
        return None
    n_rows = max(rc[0] for rc, _ in present)
    n_cols = max(rc[1] for rc, _ in present)
    check_rows(path, n_rows - HEADER_SCAN_ROWS, lim)
    check_cells(path, n_rows, n_cols, lim)
    arr = np.full((n_rows, n_cols), None, dtype=object)
    for (r, c), v in present:
        arr[r - 1, c - 1] = v
    return pd.DataFrame(arr, dtype="object")


def map_headers(
    headers: list[Any],
    lookup: dict[str, str],
    table: Table,
    info: InputInfo,
    where: str,
    found_in: str,
) -> dict[int, str]:
    """Header position -> canonical column. Two headers for one column, or a required column
    missing, is an InputError naming both (`where` names the file and sheet)."""
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
                f"{where}: headers {seen[target]!r} and {head!r} both map to column "
                f"{target!r}; rename or delete one"
            )
        seen[target] = str(head)
        mapping[j] = target
    info.mapping = {v: k for k, v in seen.items()}
    missing = [c.name for c in table.columns if c.header_required and c.name not in seen]
    if missing:
        raise InputError(
            f"{where}: required column(s) missing: {', '.join(missing)} "
            f"({found_in}: {', '.join(str(x) for x in headers if x is not None)})"
        )
    return mapping


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
        from conditionality.readers.parquet import read_parquet

        return read_parquet(path, table, column_map=column_map, options=options, info=info)
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
    if not 0 <= h < len(grid):
        raise InputError(
            f"{path}{_sheet(info)}: header row {h + 1} is outside the file "
            f"({len(grid)} rows); check --header-row"
        )
    info.header_row = h + 1
    headers = grid.iloc[h].tolist()
    mapping = map_headers(
        headers, lookup, table, info, f"{path}{_sheet(info)}", f"header row {h + 1} has"
    )
    extra = _extra_cells(grid, h, info)
    body = grid.iloc[h + 1 :]
    body = body[[j for j in mapping]].rename(columns=mapping)
    empty = pd.concat([blank(body[c]) for c in body.columns], axis=1).all(axis=1)
    body = body[~(empty & extra.eq(""))]
    rows = pd.Series(body.index + 1)
    rejects: list[RowReject] = []
    kept_extra = extra.reindex(body.index).fillna("")
    if kept_extra.ne("").any():
        rejects.append(
            RowReject(kept_extra.ne(""), "(row)", kept_extra, value=kept_extra.str.slice(0, 200))
        )
    if grid.attrs.get("formula_cells"):
        for col in body.columns:
            is_formula = body[col].map(lambda v: isinstance(v, FormulaWithoutValue)).astype(bool)
            if is_formula.any():
                rejects.append(
                    RowReject(is_formula, str(col), FORMULA_REASON, value=body[col].astype(str))
                )
    opts = dict(options or {})
    opts.setdefault("date1904", date1904)
    return validate(body, table, info, rows, options=opts, rejects=rejects)


def _extra_cells(grid: pd.DataFrame, h: int, info: InputInfo) -> pd.Series:
    """Per body row, why it is rejected for holding more cells than the header row ('' for
    none). Only a delimited file's own row lengths count: an extra cell there means a value
    slipped into the wrong column (an unquoted delimiter, a stray one). In a workbook, values
    in columns without a header are ignored and noted."""
    reasons = pd.Series("", index=grid.index[h + 1 :], dtype="object")
    headers = grid.iloc[h].tolist()
    named = [j for j, v in enumerate(headers) if v is not None and str(v).strip()]
    lengths = grid.attrs.get("cells_per_row")
    if lengths and len(lengths) == len(grid):
        header_len = lengths[h]
        short = sum(1 for n in lengths[h + 1 :] if 0 < n < header_len)
        if short:
            info.notes.append(
                f"{short} rows had fewer cells than the header row; their missing cells read as "
                "blank"
            )
        if grid.shape[1] > header_len:
            beyond = grid.iloc[h + 1 :, header_len:]
            hit = ~pd.concat([blank(beyond[c]) for c in beyond.columns], axis=1).all(axis=1)
            for i in hit[hit].index:
                cells = [str(v) for v in grid.iloc[i, header_len:].tolist() if str(v).strip()]
                reasons[i] = (
                    f"row has {lengths[i]} cells but the header row has {header_len}: extra "
                    f"cell(s) {', '.join(repr(c[:40]) for c in cells[:5])} (an unquoted "
                    "delimiter inside a value?); fix the row or quote the value"
                )
    unnamed = [j for j in range(grid.shape[1]) if j not in set(named)]
    if unnamed:
        sub = grid.iloc[h + 1 :, unnamed]
        has = ~pd.concat([blank(sub[c]) for c in sub.columns], axis=1).all(axis=1)
        has &= reasons.eq("")
        if has.any():
            from openpyxl.utils.cell import get_column_letter

            cols = [get_column_letter(j + 1) for j in unnamed if (~blank(sub[j][has])).any()]
            info.notes.append(
                f"{int(has.sum())} rows have values in columns without a header (ignored): "
                f"column(s) {', '.join(cols[:10])}"
            )
    return reasons


def _sheet(info: InputInfo) -> str:
    return f" (sheet {info.sheet!r})" if info.sheet else ""
