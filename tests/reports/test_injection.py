"""Hostile records: no script from the data runs in the HTML report, and no text becomes a
formula in the Excel or CSV reports."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import openpyxl

from conditionality.api import CheckResult

from .conftest import PAYLOADS

FORMULA = ("=", "+", "-", "@")


def test_every_payload_reaches_the_reports(hostile: tuple[CheckResult, Path]) -> None:
    result, out = hostile
    names = set(result.findings["recipient_name"].astype(str))
    sources = set(result.evidence["source"].astype(str))
    for p in PAYLOADS:
        assert any(p in n for n in names), p
        assert p in sources, p
    doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    text = json.dumps(doc, ensure_ascii=False)
    for p in PAYLOADS:
        assert json.dumps(p, ensure_ascii=False)[1:-1] in text


def test_html_has_no_live_payload(hostile: tuple[CheckResult, Path]) -> None:
    _, out = hostile
    page = (out / "report.html").read_text(encoding="utf-8")
    for bad in ("<script>alert", "<img", 'href="javascript:'):
        assert bad.lower() not in page.lower(), bad
    # no element anywhere carries an event handler attribute
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", page, re.I)
    # the only script elements are the page's own three
    assert len(re.findall(r"<script\b", page)) == 3
    assert page.count("</script>") == 3
    # escaped forms are present: the text is shown, not run
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    data = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    assert data is not None
    assert "<" not in data.group(1) and ">" not in data.group(1) and "&" not in data.group(1)
    decoded = json.loads(data.group(1))
    names = {f["recipient"] for f in decoded["findings"]}
    assert "<script>alert(1)</script>" in names


def test_html_links_only_http(hostile: tuple[CheckResult, Path]) -> None:
    _, out = hostile
    page = (out / "report.html").read_text(encoding="utf-8")
    for href in re.findall(r'href="([^"]*)"', page):
        assert href.startswith(("http://", "https://")), href


def _text_cells(path: Path) -> list[tuple[str, str, object]]:
    wb = openpyxl.load_workbook(path)
    cells = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                cells.append((ws.title, c.coordinate, c.value))
    return cells


def test_xlsx_has_no_formula(hostile: tuple[CheckResult, Path]) -> None:
    _, out = hostile
    cells = _text_cells(out / "report.xlsx")
    texts = [(s, a, v) for s, a, v in cells if isinstance(v, str)]
    assert texts
    for sheet, addr, value in texts:
        assert not value.startswith(FORMULA), (sheet, addr, value)
    shown = {v for _, _, v in texts}
    assert '\'=HYPERLINK("http://evil")' in shown
    assert "'-2+3" in shown and "'@SUM(A1)" in shown and "'+cmd|' /C calc'!A0" in shown
    # numbers stay numbers
    wb = openpyxl.load_workbook(out / "report.xlsx")
    ws = wb["Flags"]
    headers = [c.value for c in ws[1]]
    amount = headers.index("Amount (USD)") + 1
    amounts = [ws.cell(r, amount).value for r in range(2, ws.max_row + 1)]
    assert amounts and all(isinstance(a, int | float) for a in amounts)
    # and no cell holds a formula or a hyperlink outside http(s)
    for row in ws.iter_rows():
        for c in row:
            assert c.data_type != "f", c.coordinate
            if c.hyperlink is not None:
                assert str(c.hyperlink.target).startswith(("http://", "https://"))


def test_csv_has_no_formula(hostile: tuple[CheckResult, Path]) -> None:
    _, out = hostile
    for name in ("findings.csv", "clearance.csv"):
        with (out / name).open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert rows
        numeric = {"amount_usd", "fiscal_year", "rule_version", "top_score", "source_row"}
        for row in rows:
            for key, value in row.items():
                if key in numeric and value:
                    float(value)  # still a number
                    continue
                assert not value.startswith(FORMULA), (name, key, value)
        if name == "findings.csv":
            assert any(r["recipient_name"] == '\'=HYPERLINK("http://evil")' for r in rows)


def test_markdown_is_inert(hostile: tuple[CheckResult, Path]) -> None:
    _, out = hostile
    text = (out / "summary.md").read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text
