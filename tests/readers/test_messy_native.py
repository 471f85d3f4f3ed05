"""The native format on messy spreadsheets: header rows below titles, aliases, merged cells,
1904 workbooks, amounts and dates in many spellings, countries with traps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from conditionality.inspect import inspect_file, render_inspect
from conditionality.readers import InputError, load_column_map, load_table
from conditionality.template import write_template


def _xlsx(path: Path, rows: list[list], *, epoch1904: bool = False, merge: str | None = None):
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Data"
    if epoch1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    for r in rows:
        ws.append(r)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


HEAD = ["Allocation ID", "Country", "Unit", "Amount (USD)", "Start Date", "FY"]


def test_title_rows_aliases_and_merged_cells(tmp_path: Path) -> None:
    rows = [
        ["FY2021 security assistance - DRAFT"],
        [],
        ["Prepared by: analyst; figures in USD"],
        HEAD,
        ["A-1", "Guatemala", "Army Special Forces", "$1,200,000", dt.date(2021, 1, 5), 2021],
        ["A-2", "GTM", "Army Special Forces", "(1,200)", "2021-02-01", "FY2021"],
        ["A-3", "Honduras", "Police", "1.2M", 44200, 2021],
        ["A-4", "Guatmala", "Police", "USD 3,000", "44200", 2021],
        ["A-5", "Niger", "Garde", "lots", "31/12/2021", 2021],
    ]
    path = _xlsx(tmp_path / "messy.xlsx", rows, merge="C5:C6")
    r = load_table([path], "allocations")
    info = r.info[0]
    assert info.header_row == 4 and info.sheet == "Data"
    t = r.table.set_index("allocation_id")
    assert t.loc["A-1", "amount_usd"] == 1_200_000
    assert t.loc["A-2", "amount_usd"] == -1_200
    assert t.loc["A-2", "recipient_name"] == "Army Special Forces"  # merged cell filled
    assert t.loc["A-3", "amount_usd"] == 1_200_000
    assert t.loc["A-3", "start_date"] == pd.Timestamp("2021-01-04")  # Excel serial 44200
    rej = r.rejected.set_index(["row", "column"])
    assert rej.loc[(8, "recipient_country"), "reason"] == (
        "unknown country 'Guatmala' (did you mean GTM Guatemala?)"
    )
    assert rej.loc[(9, "amount_usd"), "reason"] == "not a number"
    assert (info.rows_read, info.rows_accepted, info.rows_rejected) == (5, 3, 2)
    assert abs(info.dollars_read - info.dollars_accepted - info.dollars_rejected) < 0.01


def test_1904_workbook_serials(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "mac.xlsx",
        [HEAD, ["B-1", "SLV", "Unit", 10, 42000, 2019]],
        epoch1904=True,
    )
    r = load_table([path], "allocations")
    # serial 42000 in a 1904-based workbook is 2018-12-28, not 2014-12-27
    assert r.table.loc[0, "start_date"] == pd.Timestamp("2018-12-28")


def test_two_headers_for_one_column_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("allocation_id,country,recipient_country,unit,amount\nX,GTM,GTM,U,1\n")
    with pytest.raises(InputError, match="'country' and 'recipient_country' both map"):
        load_table([path], "allocations")


def test_required_column_missing_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "missing.csv"
    path.write_text("allocation_id,country,unit\nX,GTM,U\n")
    with pytest.raises(InputError, match="required column\\(s\\) missing: amount_usd"):
        load_table([path], "allocations")


def test_column_map_files(tmp_path: Path) -> None:
    yml = tmp_path / "map.yaml"
    yml.write_text("allocations:\n  Código: allocation_id\n  Beneficiario: recipient_name\n")
    csvmap = tmp_path / "map.csv"
    csvmap.write_text("header,column\nCódigo,allocation_id\nBeneficiario,recipient_name\n")
    assert load_column_map(csvmap) == {"Código": "allocation_id", "Beneficiario": "recipient_name"}
    data = tmp_path / "data.csv"
    data.write_text("Código,País,Beneficiario,Monto\nZ-1,Perú,Policía,100\n", encoding="utf-8")
    for m in (yml, csvmap, load_column_map(yml)):
        r = load_table([data], "allocations", column_map=m)
        assert r.table.loc[0, "recipient_name"] == "Policía"
        assert r.table.loc[0, "recipient_country"] == "PER"
    bad = tmp_path / "bad.yaml"
    bad.write_text("Código: allocation_idd\n")
    with pytest.raises(InputError, match="allocation_idd"):
        load_table([data], "allocations", column_map=bad)


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Congo", "COG"),
        ("Democratic Republic of the Congo", "COD"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Sudan", "SDN"),
        ("South Sudan", "SSD"),
        ("Guinea", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Equatorial Guinea", "GNQ"),
        ("Dominica", "DMA"),
        ("Dominican Republic", "DOM"),
    ],
)
def test_country_traps(name: str, iso3: str) -> None:
    from conditionality.readers.countries import parse_country

    codes, bad = parse_country(pd.Series([name]))
    assert not bad.iloc[0] and codes.iloc[0] == iso3


def test_inspect_and_template(tmp_path: Path) -> None:
    path = tmp_path / "alloc.csv"
    path.write_text(
        "Notes above\n\nid,country,unit,amount,extra\nQ1,GTM,U,5,x\nQ2,Atlantis,U,$7,y\n"
    )
    report = inspect_file(path)
    assert report["table"] == "allocations" and report["adapter"] == "native"
    assert report["header_row"] == 3 and report["unmapped"] == ["extra"]
    assert report["rows_rejected"] == 1 and report["rejected_cells"][0]["row"] == 5
    text = render_inspect(report)
    assert "Header row:  3" in text and "Atlantis" in text
    out = write_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "README",
        "allocations",
        "abuse_records",
        "country_status",
        "sanctioned_entities",
    ]
    ws = wb["allocations"]
    assert ws["A1"].value == "allocation_id" and "Required" in ws["A1"].comment.text
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert any("security_force_unit" in (dv.formula1 or "") for dv in lists)
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"list", "date", "decimal", "whole"} <= kinds
    # the template, filled in, reads back
    ws.append(
        [
            "T-1",
            2024,
            "DOS",
            "FMF",
            "GTM",
            "Unit",
            "security_force_unit",
            None,
            "security",
            1000,
            dt.date(2024, 1, 1),
        ]
    )
    wb.save(out)
    r = load_table([out], "allocations", sheet="allocations")
    assert r.table.loc[0, "amount_usd"] == 1000
