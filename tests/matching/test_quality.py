"""The labelled held-out pairs (tests/data/name_pairs) against the issue's targets."""

from pathlib import Path

import pytest

from conditionality.matching import Bands
from conditionality.matching.evaluate import predict, quality, read_pairs

PAIRS = Path(__file__).resolve().parent.parent / "data" / "name_pairs"


@pytest.fixture(scope="module")
def heldout():
    return quality(predict(read_pairs(str(PAIRS / "pairs_heldout.csv")), Bands()))


def test_labelled_set_covers_the_issue():
    both = [read_pairs(str(PAIRS / f"pairs_{p}.csv")) for p in ("tune", "heldout")]
    total = sum(len(b) for b in both)
    countries = set().union(*(set(b["country_a"]) | set(b["country_b"]) for b in both))
    kinds = set().union(*(set(b["kind"]) for b in both))
    assert total >= 300 and len(countries) >= 8 and kinds == {"unit", "person", "company"}
    ids = [set(b["pair_id"]) for b in both]
    assert not ids[0] & ids[1]


def test_heldout_high_band_precision(heldout):
    assert heldout.high_precision >= 0.97


@pytest.mark.xfail(reason="held-out high-band recall is 0.939, below the 0.95 target", strict=True)
def test_heldout_high_band_recall(heldout):
    assert heldout.high_recall >= 0.95


@pytest.mark.xfail(reason="1 held-out true match still scores below the review band", strict=True)
def test_heldout_no_true_match_below_review(heldout):
    assert heldout.missed == ()


def test_development_pairs_are_apart_and_well_formed():
    tune_and_heldout = set()
    for part in ("tune", "heldout"):
        tune_and_heldout |= set(read_pairs(str(PAIRS / f"pairs_{part}.csv"))["pair_id"])
    seen: set[str] = set()
    files = sorted(PAIRS.glob("pairs_dev_*.csv"))
    assert len(files) >= 4
    for path in files:
        dev = read_pairs(str(path))
        ids = set(dev["pair_id"])
        assert len(ids) == len(dev) and not ids & (tune_and_heldout | seen)
        seen |= ids
        assert set(dev["label"]) <= {"match", "no_match", "hierarchy"}
        assert set(dev["kind"]) <= {"unit", "person", "company"}
