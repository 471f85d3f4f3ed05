"""Generated messy sheets: shuffled columns, title rows, mixed amount and date spellings. The
readable rows come through unchanged; every other row is reported, and the file reconciles."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conditionality.readers import load_table

COUNTRIES = [
    ("Guatemala", "GTM"),
    ("GTM", "GTM"),
    ("Honduras", "HND"),
    ("El Salvador", "SLV"),
    ("Niger", "NER"),
    ("Nigeria", "NGA"),
    ("Dominica", "DMA"),
    ("Dominican Republic", "DOM"),
    ("México", "MEX"),
    ("Congo", "COG"),
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
EPOCH = dt.date(1899, 12, 30)


@st.composite
def amount(draw):
    dollars = draw(st.integers(min_value=0, max_value=5_000_000))
    negative = draw(st.booleans())
    value = -dollars if negative else dollars
    style = draw(st.sampled_from(["number", "dollar", "paren", "usd", "plain"]))
    if style == "number":
        return value, value
    if style == "paren":
        return (f"({dollars:,})" if negative else f"{dollars:,}"), value
    sign = "-" if negative else ""
    if style == "dollar":
        return f"{sign}${dollars:,}", value
    if style == "usd":
        return f"{sign}USD {dollars:,}", value
    return f"{sign}{dollars}", value


@st.composite
def date(draw, excel: bool):
    d = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
    styles = ["iso", "serial_text", "named"] + (["date", "serial"] if excel else [])
    style = draw(st.sampled_from(styles))
    serial = (d - EPOCH).days
    spelled = {
        "iso": d.isoformat(),
        "serial_text": str(serial),
        "named": f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        "date": d,
        "serial": serial,
    }[style]
    return spelled, d


@st.composite
def sheet(draw):
    excel = draw(st.booleans())
    n = draw(st.integers(min_value=1, max_value=12))
    rows = []
    for i in range(n):
        cname, iso = draw(st.sampled_from(COUNTRIES))
        raw_amount, value = draw(amount())
        raw_date, when = draw(date(excel))
        bad = draw(st.sampled_from([None, None, None, "amount", "date", "country"]))
        if bad == "amount":
            raw_amount = draw(st.sampled_from(["n/a", "about 5", "$1,2x", "((3))"]))
        elif bad == "date":
            raw_date = draw(st.sampled_from(["2021-13-45", "soon", "31 Feb 2020", "0"]))
        elif bad == "country":
            cname = draw(st.sampled_from(["Atlantis", "Guatmala", "Narnia"]))
        rows.append(
            {
                "id": f"R{i:03d}",
                "country": cname,
                "unit": draw(st.sampled_from(["1st Brigade", "Policía Nacional", "Navy"])),
                "amount": raw_amount,
                "date": raw_date,
                "expect": None if bad else (iso, value, when),
            }
        )
    headers = ["Allocation ID", "Country", "Unit Name", "Amount (USD)", "Start Date"]
    keys = ["id", "country", "unit", "amount", "date"]
    order = draw(st.permutations(range(5)))
    titles = draw(st.integers(min_value=0, max_value=4))
    return excel, rows, [headers[k] for k in order], [keys[k] for k in order], titles


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet())
def test_messy_sheets_round_trip(case) -> None:
    excel, rows, headers, keys, titles = case
    with tempfile.TemporaryDirectory() as tmp:
        if excel:
            path = Path(tmp) / "messy.xlsx"
            wb = openpyxl.Workbook()
            ws = wb.active
            assert ws is not None
            for t in range(titles):
                ws.append([f"Title line {t}"] if t % 2 == 0 else [])
            ws.append(headers)
            for r in rows:
                ws.append([r[k] for k in keys])
            wb.save(path)
        else:
            path = Path(tmp) / "messy.csv"
            lines = [f"Title line {t}" if t % 2 == 0 else "" for t in range(titles)]
            lines.append(",".join(headers))
            for r in rows:
                lines.append(",".join('"' + str(r[k]).replace('"', '""') + '"' for k in keys))
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = load_table([path], "allocations")
    info = result.info[0]
    good = {r["id"]: r["expect"] for r in rows if r["expect"] is not None}
    bad = {r["id"] for r in rows if r["expect"] is None}
    got = result.table.set_index("allocation_id")
    assert set(got.index) == set(good)
    for rid, (iso, value, when) in good.items():
        assert got.loc[rid, "recipient_country"] == iso
        assert got.loc[rid, "amount_usd"] == value
        assert got.loc[rid, "start_date"].date() == when
    assert info.header_row == titles + 1
    assert info.rows_read == len(rows)
    assert info.rows_rejected == len(bad)
    assert result.rejected["row"].nunique() == len(bad)
    assert abs(info.dollars_read - info.dollars_accepted - info.dollars_rejected) < 0.01
