"""`conditionality template --out FILE.xlsx`: an input workbook for analysts, one sheet per
canonical table, with header notes and Excel data validation."""

from __future__ import annotations

from pathlib import Path

from conditionality.schema import TABLES, Column, Table

ROWS = 5000  # validation applies to this many data rows
KIND_TEXT = {
    "string": "text",
    "id": "text id, unique in the table",
    "number": "number (USD); '$1,200', '(1,200)' and '1.2M' are read too",
    "integer": "whole number",
    "date": "date (Excel date or YYYY-MM-DD)",
    "country": "country: ISO3 code such as GTM, or an English name",
    "enum": "one of the listed values",
}


def _note(col: Column) -> str:
    parts = [col.meaning, f"Type: {KIND_TEXT[col.type]}."]
    if col.allowed:
        parts.append("Allowed: " + ", ".join(col.allowed) + ".")
    if col.required:
        parts.append("Required: a row without it is rejected.")
    elif col.header_required:
        parts.append("Column required (cells may be blank).")
    else:
        parts.append("Optional.")
    return "\n".join(parts)


def write_template(path: str | Path) -> Path:
    """Write the template workbook to `path` (.xlsx) and return the path."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    out = Path(path)
    wb = Workbook()
    readme = wb.active
    assert readme is not None
    readme.title = "README"
    readme.append(["conditionality input workbook"])
    readme["A1"].font = Font(bold=True, size=14)
    readme.append([])
    readme.append(["One sheet per table. Keep the header row; add rows below it."])
    readme.append(["Hover over a header to see what the column means and whether it is required."])
    readme.append(
        ["Bold headers are required columns; cells in drop-down columns must use a listed value."]
    )
    readme.append(
        [
            "Rows that cannot be read are reported, never guessed: check "
            "`conditionality inspect FILE`."
        ]
    )
    readme.append([])
    readme.append(["sheet", "what it holds", "key column"])
    for t in TABLES.values():
        readme.append([t.name, t.description or t.title, t.key])
    readme.column_dimensions["A"].width = 22
    readme.column_dimensions["B"].width = 100
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for table in TABLES.values():
        _sheet(wb, table, required_fill, Comment, Font, get_column_letter, DataValidation)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def _sheet(wb, table: Table, fill, Comment, Font, get_column_letter, DataValidation) -> None:  # noqa: N803
    ws = wb.create_sheet(table.name)
    ws.freeze_panes = "A2"
    for j, col in enumerate(table.columns, start=1):
        cell = ws.cell(row=1, column=j, value=col.name)
        cell.comment = Comment(_note(col), "conditionality", width=320, height=160)
        if col.required or col.header_required:
            cell.font = Font(bold=True)
            cell.fill = fill
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = max(14, len(col.name) + 4)
        rng = f"{letter}2:{letter}{ROWS + 1}"
        dv = None
        if col.type == "enum" and col.allowed:
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(col.allowed) + '"',
                allow_blank=not col.required,
            )
            dv.error = "Use one of: " + ", ".join(col.allowed)
        elif col.type == "date":
            dv = DataValidation(
                type="date",
                operator="between",
                formula1="DATE(1900,1,1)",
                formula2="DATE(2100,12,31)",
                allow_blank=not col.required,
            )
            dv.error = "Enter a date between 1900-01-01 and 2100-12-31"
            for row in range(2, 3):
                ws.cell(row=row, column=j).number_format = "yyyy-mm-dd"
        elif col.type == "number":
            dv = DataValidation(
                type="decimal",
                operator="between",
                formula1="-1E+15",
                formula2="1E+15",
                allow_blank=not col.required,
            )
            dv.error = "Enter a number (negative for de-obligations)"
        elif col.type == "integer":
            dv = DataValidation(
                type="whole",
                operator="between",
                formula1="1900",
                formula2="2100",
                allow_blank=not col.required,
            )
            dv.error = "Enter a whole number such as a fiscal year (1900-2100)"
        if dv is not None:
            dv.errorTitle = f"{table.name}.{col.name}"
            dv.showErrorMessage = True
            dv.promptTitle = col.name
            dv.prompt = col.meaning[:250]
            dv.showInputMessage = True
            ws.add_data_validation(dv)
            dv.add(rng)
