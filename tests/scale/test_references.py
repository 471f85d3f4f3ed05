"""The benchmark's references (row-by-row Python, hand-written DuckDB SQL) give the engine's
findings on generated data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import references as R

from conditionality.api import check
from conditionality.readers import load_table

from .conftest import inputs

AS_OF = "2024-06-30"


def test_references_agree_with_engine(generated: Path, tmp_path: Path) -> None:
    pack = R.exact_pack(tmp_path)
    result = check(*inputs(generated), as_of=AS_OF, rules=pack)
    status = load_table([generated / "country_status.parquet"], "country_status").table
    records = load_table([generated / "abuse_records.parquet"], "abuse_records").table
    con = R.duckdb_connect(R.sql_inputs(result.allocations, status))

    ok, msg = R.same(R.engine_subset(result.findings, R.LIST_RULES), R.duckdb_lists(con))
    assert ok, msg
    lists = R.engine_subset(result.findings, R.LIST_RULES)
    assert set(lists["rule_id"]) == set(R.LIST_RULES)  # every list rule is exercised

    sql_leahy = R.duckdb_leahy(con, result.allocations, records, AS_OF)
    ok, msg = R.same(R.engine_subset(result.findings, list(R.LEAHY)), sql_leahy)
    assert ok, msg
    assert len(sql_leahy) > 10

    sub = result.allocations.iloc[:600]
    rowwise = R.rowwise_leahy(sub, records, pd.Timestamp(AS_OF))
    mine = result.findings[result.findings["allocation_id"].isin(sub["allocation_id"])]
    ok, msg = R.same(R.engine_subset(mine, list(R.LEAHY)), rowwise)
    assert ok, msg
