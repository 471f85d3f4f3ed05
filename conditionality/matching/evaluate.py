"""Score the matcher on a labelled set of name pairs (tests/data/name_pairs)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from conditionality.matching.core import Bands, match_names


@dataclass(frozen=True)
class Quality:
    """Precision and recall per band on a labelled set."""

    pairs: int
    high_precision: float
    high_recall: float  # share of 'match' pairs in the high band
    review_precision: float  # share of review-band pairs labelled match or hierarchy
    any_recall: float  # share of match/hierarchy pairs at or above the review band
    missed: tuple[str, ...]  # pair_ids of true matches left below the review band
    false_high: tuple[str, ...]  # pair_ids in the high band that are not matches


def read_pairs(path: str) -> pd.DataFrame:
    """Read a labelled pair CSV (pair_id, country_a, name_a, parent_a, ..., kind, label)."""
    frame = pd.read_csv(path, dtype="string", keep_default_na=False)
    for col in ("parent_a", "parent_b"):
        frame[col] = frame[col].replace("", pd.NA)
    return frame


def predict(pairs: pd.DataFrame, bands: Bands) -> pd.DataFrame:
    """Run every pair in one call (side a as query, side b as candidate); adds band, score,
    relation ('' band = no match)."""
    idx = pd.RangeIndex(len(pairs))
    queries = pd.DataFrame(
        {
            "qid": idx,
            "country": pairs["country_a"].to_numpy(),
            "name": pairs["name_a"].to_numpy(),
            "parent": pairs["parent_a"].to_numpy(),
        }
    )
    candidates = pd.DataFrame(
        {
            "cid": idx,
            "country": pairs["country_b"].to_numpy(),
            "name": pairs["name_b"].to_numpy(),
            "parent": pairs["parent_b"].to_numpy(),
            "name_kind": "primary",
        }
    )
    found = match_names(queries, candidates, bands)
    own = found[found["qid"] == found["cid"]].set_index("qid")
    out = pairs.reset_index(drop=True)
    return out.assign(
        band=own["band"].reindex(idx).fillna("").to_numpy(),
        score=own["score"].reindex(idx).astype(float).fillna(0.0).to_numpy(),
        relation=own["relation"].reindex(idx).fillna("").to_numpy(),
        features=own["features"].reindex(idx).fillna("").to_numpy(),
    )


def quality(pred: pd.DataFrame) -> Quality:
    """Precision/recall per band from `predict` output."""
    is_match = pred["label"].eq("match")
    positive = pred["label"].isin(["match", "hierarchy"])
    high = pred["band"].eq("high")
    review = pred["band"].eq("review")
    found = pred["band"].ne("")

    def ratio(num: int, den: int) -> float:
        return float(num) / den if den else 1.0

    return Quality(
        pairs=len(pred),
        high_precision=ratio(int((high & is_match).sum()), int(high.sum())),
        high_recall=ratio(int((high & is_match).sum()), int(is_match.sum())),
        review_precision=ratio(int((review & positive).sum()), int(review.sum())),
        any_recall=ratio(int((found & positive).sum()), int(positive.sum())),
        missed=tuple(pred.loc[positive & ~found, "pair_id"]),
        false_high=tuple(pred.loc[high & ~is_match, "pair_id"]),
    )
