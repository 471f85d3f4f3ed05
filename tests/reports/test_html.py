"""report.html without a browser: self-contained, sections present, provenance stated."""

from __future__ import annotations

import re
from pathlib import Path

from conditionality.api import CheckResult
from conditionality.reports.html_report import bar_chart, script_json


def test_self_contained(sample_out: Path) -> None:
    page = (sample_out / "report.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    assert not re.search(r"<(link|img|iframe|object|embed|base)\b", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert "@import" not in page and "url(" not in page
    for href in re.findall(r'href="([^"]*)"', page):
        assert href.startswith(("http://", "https://"))  # links a reviewer may follow


def test_sections_and_provenance(sample_out: Path, sample: CheckResult) -> None:
    page = (sample_out / "report.html").read_text(encoding="utf-8")
    for section in ("headline", "summary", "flags-section", "issues", "rules", "provenance"):
        assert f'id="{section}"' in page
    assert page.count("<svg") == 3
    assert sample.run["rule_pack_sha256"] in page
    assert sample.run["tool_version"] in page and "2024-06-30" in page
    for info in sample.inputs:
        assert info.sha256 in page and info.path in page
    for rule in sample.rules.rules:
        assert rule.id in page
    assert "@media print" in page


def test_script_json_cannot_close_the_element() -> None:
    text = script_json({"a": "</script><script>alert(1)</script>&amp;"})
    assert "<" not in text and ">" not in text and "&" not in text


def test_chart_escapes_and_folds() -> None:
    svg = bar_chart("t<", [(f"<b>{i}", float(i + 1)) for i in range(20)], max_bars=5)
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert svg.count("<rect") == 5 and "16 others" in svg
