"""The vocabulary files hold each term once: a second row would silently override the first."""

import csv
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "conditionality" / "matching" / "data"


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("vocabulary.csv", "term"),
        ("abbreviations.csv", "abbr"),
        ("ordinals.csv", "word"),
        ("stopwords.csv", "word"),
        ("given_abbreviations.csv", "abbr"),
    ],
)
def test_terms_are_unique(name: str, column: str) -> None:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        terms = [row[column] for row in csv.DictReader(f)]
    repeated = sorted(t for t, n in Counter(terms).items() if n > 1)
    assert not repeated, f"{name}: terms listed twice: {repeated}"
