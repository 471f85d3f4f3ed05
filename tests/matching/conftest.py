"""Helpers to build match_names inputs."""

import pandas as pd
import pytest


def queries(*rows):
    """rows: (country, name) or (country, name, parent)."""
    return pd.DataFrame(
        {
            "qid": range(len(rows)),
            "country": [r[0] for r in rows],
            "name": [r[1] for r in rows],
            "parent": [r[2] if len(r) > 2 else pd.NA for r in rows],
        }
    )


def candidates(*rows):
    """rows: (country or None, name) or (country, name, parent) or (..., name_kind)."""
    return pd.DataFrame(
        {
            "cid": range(len(rows)),
            "country": [r[0] if r[0] else pd.NA for r in rows],
            "name": [r[1] for r in rows],
            "parent": [r[2] if len(r) > 2 and r[2] else pd.NA for r in rows],
            "name_kind": [r[3] if len(r) > 3 else "primary" for r in rows],
        }
    )


@pytest.fixture
def build():
    """(queries, candidates) builders."""
    return queries, candidates


def _one(build, a, b, country="COL"):
    """(band, features, explanation, score) of the pair a (query) / b (candidate), or None when
    it does not match."""
    from conditionality.matching import Bands, match_names

    q, c = build
    out = match_names(q((country, a)), c((country, b)), Bands())
    if out.empty:
        return None
    row = out.iloc[0]
    return row["band"], row["features"], row["explanation"], row["score"]


@pytest.fixture
def one():
    """Match one pair: one(build, a, b, country='COL')."""
    return _one


def _check_band(build, a, b, country, band):
    """Assert the band of a / b: 'high', 'review', None (no match) or 'not high'."""
    got = _one(build, a, b, country)
    found = got[0] if got else None
    if band == "not high":
        assert found != "high", (a, b, got)
    else:
        assert found == band, (a, b, got)


@pytest.fixture
def check_band():
    """check_band(build, a, b, country, band): the shared body of the per-round band tables."""
    return _check_band
