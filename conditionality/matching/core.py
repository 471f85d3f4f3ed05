"""Exact matching after normalization (case, accents, punctuation, spacing)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

MATCH_COLUMNS = [
    "qid",
    "cid",
    "score",
    "band",
    "relation",
    "query_name",
    "candidate_name",
    "query_norm",
    "candidate_norm",
    "features",
    "explanation",
]


@dataclass(frozen=True)
class Bands:
    """Score bands: at or above `high` the rule's outcome stands; between `review` and `high`
    the outcome becomes review; below `review` there is no match."""

    high: float = 0.9
    review: float = 0.8


def normalize_names(names: pd.Series) -> pd.Series:
    """Lower-case, strip accents, turn punctuation into spaces and collapse spacing."""
    s = names.astype("string")
    s = s.str.normalize("NFKD").str.encode("ascii", "ignore").str.decode("ascii")
    s = s.str.lower().str.replace(r"[^a-z0-9]+", " ", regex=True).str.strip()
    return s.where(s.str.len() > 0)


def match_names(queries: pd.DataFrame, candidates: pd.DataFrame, bands: Bands) -> pd.DataFrame:
    """Match distinct query names against distinct candidate names within a country.

    queries: qid, country, name, parent. candidates: cid, country (NA = any country), name,
    parent, name_kind ('primary' or 'alias'). Returns one row per (qid, cid) pair that scores
    at or above `bands.review`, with the columns in MATCH_COLUMNS.
    """
    q = queries.assign(norm=normalize_names(queries["name"])).dropna(subset=["norm"])
    c = candidates.assign(norm=normalize_names(candidates["name"])).dropna(subset=["norm"])
    same_country = q.merge(c[c["country"].notna()], on=["country", "norm"], suffixes=("_q", "_c"))
    any_country = q.merge(
        c[c["country"].isna()].drop(columns=["country"]), on="norm", suffixes=("_q", "_c")
    )
    m = pd.concat([same_country, any_country], ignore_index=True)
    if m.empty:
        return pd.DataFrame({col: pd.Series(dtype="object") for col in MATCH_COLUMNS})
    alias = m["name_kind"].eq("alias")
    out = pd.DataFrame(
        {
            "qid": m["qid"],
            "cid": m["cid"],
            "score": 1.0,
            "band": "high",
            "relation": "same",
            "query_name": m["name_q"],
            "candidate_name": m["name_c"],
            "query_norm": m["norm"],
            "candidate_norm": m["norm"],
            "features": alias.map({True: "alias", False: "exact"}),
            "explanation": "normalized names are equal"
            + alias.map({True: " (alias of the entity)", False: ""}),
        }
    )
    return out.drop_duplicates(["qid", "cid"]).reset_index(drop=True)
