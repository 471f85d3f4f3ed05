"""Issue 8, hostile inputs: every one gives exit code 2 with a clear message, or rejected rows,
through the real command line; never a traceback, a hang or a lost row."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.hardening.conftest import (
    SAMPLE,
    assert_no_crash,
    assert_reconciles,
    csv_bytes,
    findings,
    row,
    run_check,
    xlsx_bytes,
)

XLSX_HEADER = ["allocation_id", "fiscal_year", "agency", "recipient_country", "recipient_name",
               "amount_usd", "start_date"]  # fmt: skip


def good_xlsx() -> bytes:
    return xlsx_bytes(
        [
            XLSX_HEADER,
            *[[f"X-{i}", 2023, "DOS", "GTM", "Unit", 1000 + i, "2023-01-01"] for i in range(5)],
        ]  # fmt: skip
    )


def with_dimension(data: bytes, ref: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), body)
                assert ref.encode() in body
            out.writestr(item, body)
    return buf.getvalue()


def zip_bomb() -> bytes:
    """A valid-looking workbook whose sheet expands 100 MB of padding from about 100 KB."""
    src = zipfile.ZipFile(io.BytesIO(good_xlsx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"<sheetData>", b"<sheetData>" + b" " * (100 * 2**20), 1)
            out.writestr(item.filename, body)
    return buf.getvalue()


def formula_xlsx() -> bytes:
    rows = [XLSX_HEADER, ["F-1", 2023, "DOS", "GTM", "Unit", "=SUM(1,2)", "2023-01-01"],
            ["F-2", 2023, "DOS", "GTM", "Unit", 500, "2023-01-01"]]  # fmt: skip
    return xlsx_bytes(rows)


@dataclass
class Case:
    name: str
    suffix: str
    make: Callable[[], bytes]
    rows_in: int | None = None  # None: the file is refused (exit 2)
    message: str = ""  # in stderr (refused) or among the rejection reasons
    args: list[str] = field(default_factory=list)
    note: str = ""  # among the input notes


CASES = [
    Case("truncated-xlsx", ".xlsx", lambda: good_xlsx()[:1500], message="not a readable .xlsx"),
    Case(
        "corrupt-xlsx",
        ".xlsx",
        lambda: b"PK\x03\x04" + bytes(range(256)) * 8,
        message="not a readable .xlsx",
    ),  # fmt: skip
    Case(
        "garbage-bytes-xlsx",
        ".xlsx",
        lambda: bytes(range(256)) * 40,
        message="not a readable .xlsx",
    ),  # fmt: skip
    Case(
        "huge-dimension-xlsx",
        ".xlsx",
        lambda: with_dimension(good_xlsx(), "A1:XFD99999999"),
        message="more than Excel allows",
    ),  # fmt: skip
    Case("zip-bomb-xlsx", ".xlsx", zip_bomb, message="zip bomb"),
    Case(
        "mixed-encodings",
        ".csv",
        lambda: (
            csv_bytes([row(1, recipient_name="Policía Nacional"), row(2)])
            + row(3, recipient_name="Ejército de Bogotá").encode("cp1252")
            + b"\n"
        ),
        rows_in=3,
        note="read as Windows-1252 (lines 4)",
    ),  # fmt: skip
    Case("utf8-bom", ".csv", lambda: b"\xef\xbb\xbf" + csv_bytes([row(1), row(2)]), rows_in=2),
    Case("utf16-bom", ".csv", lambda: csv_bytes([row(1), row(2)], "utf-16"), rows_in=2),
    Case(
        "nul-bytes",
        ".csv",
        lambda: csv_bytes([row(1), row(2, description="a\x00b")]),
        rows_in=2,
        note="NUL bytes removed",
    ),  # fmt: skip
    Case(
        "ragged-rows",
        ".csv",
        lambda: csv_bytes([row(1), row(2) + ",stray,cells", ",".join(row(3).split(",")[:9])]),
        rows_in=3,
        message="extra cell(s) 'stray', 'cells'",
        note="fewer cells than the header row",
    ),  # fmt: skip
    Case(
        "long-cell",
        ".csv",
        lambda: csv_bytes([row(1, description="x" * 40_000), row(2)]),
        rows_in=2,
        message="cell longer than 32,767 characters",
    ),  # fmt: skip
    Case(
        "huge-cell-ragged",
        ".csv",  # the csv module path, beyond its default field limit
        lambda: csv_bytes([row(1, description="y" * 300_000), row(2) + ",extra"]),
        rows_in=2,
        message="cell longer than",
    ),  # fmt: skip
    Case(
        "formula-text-csv",
        ".csv",
        lambda: csv_bytes([row(1, amount_usd="=SUM(A1:A3)"), row(2)]),
        rows_in=2,
        message="not a number",
    ),  # fmt: skip
    Case(
        "formula-xlsx", ".xlsx", formula_xlsx, rows_in=2, message="formula without a stored value"
    ),  # fmt: skip
    Case(
        "duplicate-ids",
        ".csv",
        lambda: csv_bytes([row(1), row(1), row(2)]),
        rows_in=3,
        message="duplicate allocation_id",
    ),  # fmt: skip
    Case(
        "non-numeric-amount",
        ".csv",
        lambda: csv_bytes([row(1, amount_usd="twelve"), row(2, amount_usd="1.2.3")]),
        rows_in=2,
        message="not a number",
    ),  # fmt: skip
    Case(
        "dates-out-of-range",
        ".csv",
        lambda: csv_bytes(
            [
                row(1, start_date="1850-01-01"),
                row(2, end_date="2150-01-01"),
                row(3, start_date="2023-02-30"),
            ]
        ),
        rows_in=3,
        message="out of range 1900-2100",
    ),  # fmt: skip
    Case(
        "unknown-country",
        ".csv",
        lambda: csv_bytes([row(1, recipient_country="Guatmala")]),
        rows_in=1,
        message="unknown country 'Guatmala' (did you mean GTM",
    ),  # fmt: skip
    Case(
        "fmtr-negative-cost",
        ".tsv",
        lambda: (
            (SAMPLE / "fmtr_fy2020_excerpt.tsv").read_bytes().replace(b"$50,792", b"-$50,792", 1)
        ),
        rows_in=None,
        message="negative amount: FMTR costs",
    ),  # fmt: skip
    Case("empty-file", ".csv", lambda: b"", message="no header row"),
    Case("only-garbage", ".csv", lambda: bytes(range(256)) * 50),
    Case(
        "file-size-limit",
        ".csv",
        lambda: csv_bytes([row(i) for i in range(50)]),
        args=["--max-file-mb", "0.001"],
        message="--max-file-mb",
    ),  # fmt: skip
    Case(
        "row-limit",
        ".csv",
        lambda: csv_bytes([row(i) for i in range(50)]),
        args=["--max-rows", "10"],
        message="above the row limit of 10 (max_rows); raise it with --max-rows",
    ),  # fmt: skip
    Case(
        "cell-limit",
        ".csv",
        lambda: csv_bytes([row(1, description="x" * 50), row(2)]),
        args=["--max-cell-chars", "20"],
        rows_in=2,
        message="raise it with --max-cell-chars",
    ),  # fmt: skip
    Case(
        "header-row-outside",
        ".csv",
        lambda: csv_bytes([row(1)]),
        args=["--header-row", "99"],
        message="outside the file",
    ),  # fmt: skip
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_is_refused_or_rejected(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"{case.name}{case.suffix}"
    path.write_bytes(case.make())
    out = tmp_path / "out"
    proc = run_check(path, out, *case.args)
    assert_no_crash(proc)
    if case.rows_in is None and "negative" not in case.message:
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert case.message in proc.stderr, proc.stderr
        assert str(path) in proc.stderr or path.name in proc.stderr
        return
    assert proc.returncode in (0, 1), proc.stderr
    doc = findings(out)
    assert_reconciles(doc, case.rows_in)
    reasons = [r["reason"] for r in doc["rejected_rows"]]
    if case.message:
        assert any(case.message in r for r in reasons), reasons
    if case.note:
        notes = [n for i in doc["run"]["inputs"] for n in i["notes"]]
        assert any(case.note in n for n in notes), notes


def test_mixed_encoding_lines_are_decoded_not_mangled(tmp_path: Path) -> None:
    from conditionality.readers import load_table

    path = tmp_path / "mixed.csv"
    path.write_bytes(
        csv_bytes([row(1, recipient_name="Policía Nacional")])
        + row(2, recipient_name="Ejército de Bogotá").encode("cp1252")
        + b"\n"
    )
    res = load_table([path], "allocations")
    assert set(res.table["recipient_name"]) == {"Policía Nacional", "Ejército de Bogotá"}
    assert any("Windows-1252 (lines 3)" in n for n in res.info[0].notes)


def test_native_negative_amounts_stay_de_obligations(tmp_path: Path) -> None:
    from conditionality.readers import load_table

    path = tmp_path / "deob.csv"
    path.write_bytes(csv_bytes([row(1, amount_usd="-500"), row(2)]))
    res = load_table([path], "allocations")
    assert len(res.table) == 2 and res.table["amount_usd"].min() == -500


def test_xlsx_limits_without_a_big_file(tmp_path: Path) -> None:
    from conditionality.readers import InputError, Limits, load_table

    path = tmp_path / "small.xlsx"
    path.write_bytes(good_xlsx())
    for limits, words in (
        ({"max_xlsx_uncompressed_bytes": 1000}, "max_xlsx_uncompressed_bytes"),
        ({"max_xlsx_ratio": 1.5, "xlsx_ratio_floor_bytes": 1}, "zip bomb"),
        ({"max_cells": 10}, "max_cells"),
        ({"max_rows": 3}, "max_rows"),
    ):
        with pytest.raises(InputError, match=words):
            load_table([path], "allocations", options={"limits": limits})
    with pytest.raises(InputError, match="unknown limit"):
        load_table([path], "allocations", options={"limits": {"max_bytes": 1}})
    assert Limits().max_cell_chars == 32_767


def test_far_away_cell_does_not_blow_up_the_grid(tmp_path: Path) -> None:
    """A styled empty cell at XFD1048576 (a common accident) costs nothing; a value there is
    refused by the cell limit instead of allocating 17 billion cells."""
    import openpyxl

    from conditionality.readers import InputError, load_table

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(XLSX_HEADER)
    ws.append(["X-1", 2023, "DOS", "GTM", "Unit", 1000, "2023-01-01"])
    ws.cell(row=1_048_576, column=16_384).number_format = "0.00"
    path = tmp_path / "styled.xlsx"
    wb.save(path)
    res = load_table([path], "allocations")
    assert res.info[0].rows_read == 1
    ws.cell(row=1_048_576, column=16_384).value = "far"
    wb.save(path)
    with pytest.raises(InputError, match="cell limit"):
        load_table([path], "allocations")
