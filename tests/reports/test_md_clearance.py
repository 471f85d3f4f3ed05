"""summary.md and clearance.csv."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from conditionality.api import CheckResult
from conditionality.reports.clearance import clearance_table
from conditionality.reports.md_report import md


def test_markdown_summary(sample_out: Path, sample: CheckResult) -> None:
    text = (sample_out / "summary.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) < 60
    assert "as of 2024-06-30" in text
    assert sample.run["rule_pack_sha256"] in text
    prohibited = int((sample.findings["outcome"] == "prohibited").sum())
    assert prohibited > 0 and f"| prohibited | {prohibited} |" in text
    assert "### Top countries" in text and "### Provenance" in text


def test_md_escapes() -> None:
    assert md("[x](javascript:alert(1)) <b>|") == r"\[x\]\(javascript:alert\(1\)\) \<b\>\|"


def test_clearance(sample_out: Path, sample: CheckResult) -> None:
    table = pd.read_csv(sample_out / "clearance.csv", dtype=str, keep_default_na=False)
    assert len(table) == len(sample.allocations)
    assert table["allocation_id"].is_unique
    n_rules = len(sample.rules.rules)
    clear = table[table["status"] == "clear"]
    assert len(clear) > 100
    assert (clear["rules_evaluated"].str.count(";") == n_rules - 1).all()
    assert (clear["findings"] == "").all()
    ne = sample.findings[sample.findings["outcome"] == "not_evaluated"]
    for fid_alloc, rule in zip(ne["allocation_id"], ne["rule_id"], strict=True):
        row = table[table["allocation_id"] == fid_alloc].iloc[0]
        assert rule in row["rules_not_evaluated"]
        assert rule not in row["rules_evaluated"]
    flagged = set(sample.findings.loc[sample.findings["outcome"] == "prohibited", "allocation_id"])
    assert set(table.loc[table["status"] == "flagged", "allocation_id"]) >= flagged
    shas = {i.sha256[:16] for i in sample.inputs if i.table != "allocations"}
    assert all(sha in table["lists"].iloc[0] for sha in shas)
    assert (table["rule_pack"] == sample.run["rule_pack_sha256"][:16]).all()


def test_clearance_counts_add_up(sample: CheckResult) -> None:
    table = clearance_table(sample)
    assert table["status"].isin(["clear", "clear_with_waiver", "incomplete", "flagged"]).all()
    assert table["amount_usd"].sum() == sample.allocations["amount_usd"].sum()
