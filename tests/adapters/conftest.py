from __future__ import annotations

from pathlib import Path

import pytest

from conditionality.readers import ReadResult

DATA = Path(__file__).resolve().parents[1] / "data"
REAL = DATA / "realdata"
FIXTURES = DATA / "adapters"


def reconciles(result: ReadResult) -> None:
    """Every input row is accepted or rejected, and dollars add up, per input file."""
    for info in result.info:
        assert info.rows_read == info.rows_accepted + info.rows_rejected, info
        assert abs(info.dollars_read - info.dollars_accepted - info.dollars_rejected) < 0.01
        mine = result.table["_file"].eq(info.path) if len(result.table) else []
        assert int(sum(mine)) == info.rows_accepted
        rej = result.rejected[result.rejected["file"].eq(info.path)]
        assert rej["row"].nunique() == info.rows_rejected
        if info.dollars_by_transaction_type:
            total = sum(info.dollars_by_transaction_type.values())
            assert abs(total - info.dollars_accepted) < 0.01


@pytest.fixture
def real() -> Path:
    return REAL


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
