"""The Dask engine gives the pandas engine's findings, on the sample and on generated data
(partitioned Parquet), on a local cluster."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conditionality.api import check

from .conftest import SAMPLE_INPUTS, inputs

pytest.importorskip("distributed")


ORIGIN = ["_file", "_sheet", "_row"]


def _assert_same(a, b, origin: bool = True) -> None:
    drop = [] if origin else ORIGIN
    fa = a.findings.sort_values("finding_id").reset_index(drop=True).drop(columns=drop)
    fb = b.findings.sort_values("finding_id").reset_index(drop=True).drop(columns=drop)
    pd.testing.assert_frame_equal(fa, fb, check_dtype=False)
    pd.testing.assert_frame_equal(
        a.evidence.reset_index(drop=True), b.evidence.reset_index(drop=True), check_dtype=False
    )
    assert a.summary["rules"] == b.summary["rules"]
    assert a.summary["rows_rejected"] == b.summary["rows_rejected"]


def test_dask_equals_pandas_on_sample() -> None:
    s = SAMPLE_INPUTS
    args = (s["aid"], s["abuses"], s["country_status"], s["entities"])
    a = check(*args, as_of="2024-06-30")
    b = check(*args, as_of="2024-06-30", engine="dask")
    _assert_same(a, b)
    assert len(a.findings) > 50


def test_dask_equals_pandas_on_generated_parts(generated: Path) -> None:
    files = inputs(generated)
    a = check(*files, as_of="2024-06-30")
    # the allocations as a folder of Parquet parts, read one task per part
    b = check(generated / "allocations_parts", *files[1:], as_of="2024-06-30", engine="dask")
    _assert_same(a, b, origin=False)  # the rows come from other files
    assert len(a.findings) > 100


def test_unknown_engine_is_refused(generated: Path) -> None:
    with pytest.raises(ValueError, match="engine"):
        check(*inputs(generated), as_of="2024-06-30", engine="spark")
