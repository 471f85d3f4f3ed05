"""Limits on what a reader accepts, so a hostile or broken file is refused early and clearly
instead of exhausting memory or time.

The limits come from `options['limits']` (a mapping with the field names below) and, on the
command line, from --max-file-mb, --max-rows and --max-cell-chars. `read_file` makes them the
active limits while it reads, so every reader and adapter sees them without extra arguments.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

MB = 1024 * 1024
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384


@dataclass(frozen=True)
class Limits:
    """What one input file may hold. Every limit can be raised (or lowered) per run."""

    max_file_bytes: int = 500 * MB  # --max-file-mb 500
    max_rows: int = 5_000_000  # --max-rows
    max_cell_chars: int = 32_767  # --max-cell-chars (Excel's own limit)
    max_cells: int = 100_000_000  # rows x columns of one sheet or CSV grid
    max_xlsx_uncompressed_bytes: int = 2048 * MB
    # A workbook whose parts expand more than this many times (once they add up to more than
    # xlsx_ratio_floor_bytes) is treated as a zip bomb. Real workbooks expand about 5-15 times.
    max_xlsx_ratio: float = 50.0
    xlsx_ratio_floor_bytes: int = 64 * MB
    max_xlsx_parts: int = 10_000

    @staticmethod
    def from_options(options: Mapping[str, Any] | None) -> Limits:
        """The limits in options['limits'] (unknown keys are an error), else the defaults."""
        from conditionality.readers.base import InputError

        given = (options or {}).get("limits")
        if given is None:
            return Limits()
        if isinstance(given, Limits):
            return given
        if not isinstance(given, Mapping):
            raise InputError("options['limits'] must be a mapping of limit name to number")
        names = {f.name for f in fields(Limits)}
        unknown = sorted(set(given) - names)
        if unknown:
            raise InputError(
                f"unknown limit(s) {', '.join(unknown)}; known: {', '.join(sorted(names))}"
            )
        values: dict[str, Any] = {}
        for k, v in given.items():
            if v is None:
                continue
            if isinstance(v, bool) or not isinstance(v, int | float) or v <= 0:
                raise InputError(f"limit {k} must be a positive number, not {v!r}")
            values[k] = float(v) if k == "max_xlsx_ratio" else int(v)
        return replace(Limits(), **values)


HOW_TO_RAISE = {
    "max_file_bytes": "--max-file-mb",
    "max_rows": "--max-rows",
    "max_cell_chars": "--max-cell-chars",
}

_ACTIVE: ContextVar[Limits] = ContextVar("conditionality_limits", default=Limits())  # noqa: B039


def active() -> Limits:
    """The limits of the read in progress (the defaults outside `read_file`)."""
    return _ACTIVE.get()


@contextlib.contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    token = _ACTIVE.set(limits)
    try:
        yield limits
    finally:
        _ACTIVE.reset(token)


def raise_hint(name: str) -> str:
    flag = HOW_TO_RAISE.get(name)
    where = f"{flag} or " if flag else ""
    return f"raise it with {where}options limits.{name} if the file is genuine"


def _mb(n: float) -> str:
    return f"{n / MB:,.1f} MB"


def check_file_size(path: Path, limits: Limits | None = None) -> None:
    from conditionality.readers.base import InputError

    lim = limits or active()
    size = path.stat().st_size
    if size > lim.max_file_bytes:
        raise InputError(
            f"{path}: file is {_mb(size)}, above the file size limit of "
            f"{_mb(lim.max_file_bytes)} (max_file_bytes); {raise_hint('max_file_bytes')}"
        )


def check_rows(path: Path, n: int, limits: Limits | None = None, what: str = "rows") -> None:
    from conditionality.readers.base import InputError

    lim = limits or active()
    if n > lim.max_rows:
        raise InputError(
            f"{path}: {n:,} {what}, above the row limit of {lim.max_rows:,} (max_rows); "
            f"{raise_hint('max_rows')}"
        )


def check_cells(path: Path, rows: int, cols: int, limits: Limits | None = None) -> None:
    from conditionality.readers.base import InputError

    lim = limits or active()
    if rows * cols > lim.max_cells:
        raise InputError(
            f"{path}: {rows:,} rows x {cols:,} columns is above the cell limit of "
            f"{lim.max_cells:,} (max_cells); delete unused columns, or "
            f"{raise_hint('max_cells')}"
        )


_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s+ref="([A-Za-z]{1,4})?(\d{1,9})?(?::([A-Za-z]{1,4})(\d{1,9}))?"'
)


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n


def check_xlsx_container(path: Path, limits: Limits | None = None) -> None:
    """Refuse a workbook before openpyxl opens it if it is not a zip, is a zip bomb, or a sheet
    declares more rows or columns than Excel allows. Reads only the zip directory and the first
    bytes of each sheet."""
    from conditionality.readers.base import InputError

    lim = limits or active()
    try:
        with zipfile.ZipFile(path) as zf:
            parts = zf.infolist()
            if len(parts) > lim.max_xlsx_parts:
                raise InputError(
                    f"{path}: the workbook has {len(parts):,} parts, above the limit of "
                    f"{lim.max_xlsx_parts:,} (max_xlsx_parts); not a normal .xlsx"
                )
            total = sum(p.file_size for p in parts)
            packed = sum(p.compress_size for p in parts)
            if total > lim.max_xlsx_uncompressed_bytes:
                raise InputError(
                    f"{path}: the workbook expands to {_mb(total)}, above the limit of "
                    f"{_mb(lim.max_xlsx_uncompressed_bytes)} (max_xlsx_uncompressed_bytes); "
                    "save the sheet as CSV instead, or raise the limit if the file is genuine"
                )
            ratio = total / max(packed, 1)
            if total > lim.xlsx_ratio_floor_bytes and ratio > lim.max_xlsx_ratio:
                raise InputError(
                    f"{path}: the workbook expands {ratio:,.0f} times ({_mb(packed)} to "
                    f"{_mb(total)}), above the limit of {lim.max_xlsx_ratio:g} (max_xlsx_ratio):"
                    " refused as a possible zip bomb; save the sheet as CSV instead"
                )
            for part in parts:
                name = part.filename
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                with zf.open(part) as f:
                    head = f.read(16_384)
                m = _DIMENSION.search(head)
                if not m:
                    continue
                last_col = m.group(3) or m.group(1) or b"A"
                last_row = m.group(4) or m.group(2) or b"1"
                rows, cols = int(last_row), _col_number(last_col)
                if rows > EXCEL_MAX_ROWS or cols > EXCEL_MAX_COLUMNS:
                    raise InputError(
                        f"{path}: {part.filename} declares {rows:,} rows x {cols:,} columns, "
                        f"more than Excel allows ({EXCEL_MAX_ROWS:,} x {EXCEL_MAX_COLUMNS:,}); "
                        "the workbook is corrupt or crafted"
                    )
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(
            f"{path}: not a readable .xlsx workbook (truncated or corrupt zip: {exc}); "
            "open and re-save it in Excel, or export the sheet as CSV"
        ) from None
    except Exception as exc:  # zlib.error, NotImplementedError (compression method), ...
        raise InputError(
            f"{path}: not a readable .xlsx workbook ({type(exc).__name__}: {exc}); "
            "open and re-save it in Excel, or export the sheet as CSV"
        ) from None
