"""Match allocation recipient names against evidence names (records, designations).

Cost grows with distinct names: each distinct cell is split and normalized once, and
rapidfuzz compares distinct normalized keys per country block, in bounded chunks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from conditionality.matching.aliases import default_aliases
from conditionality.matching.explain import explain
from conditionality.matching.normalize import normalize_names, profiles
from conditionality.matching.score import ACRONYM_SCORE, adjust, fuzzy_pairs
from conditionality.matching.split import split_cell

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

_PROFILE_COLS = [
    "norm",
    "key",
    "numbers",
    "unit_types",
    "arms",
    "branches",
    "ordinal",
    "security",
    "short",
]


@dataclass(frozen=True)
class Bands:
    """Score bands: at or above `high` the rule's outcome stands; between `review` and `high`
    the outcome becomes review; below `review` there is no match."""

    high: float = 0.89
    review: float = 0.75


def _parts(texts: pd.Series) -> pd.DataFrame:
    """One row per (distinct text, part): text, part, origin, in_parent."""
    distinct = texts.dropna().unique().tolist()
    rows = [(t, p.text, p.origin, p.parent) for t in distinct for p in split_cell(str(t))]
    return pd.DataFrame(rows, columns=["text", "part", "origin", "in_parent"])


def _variants(frame: pd.DataFrame, id_col: str, parent_role: str) -> pd.DataFrame:
    """Names to match for each row: its name's parts (role 'same', or `parent_role` for text
    before a slash) and its parent's parts (role `parent_role`)."""
    out = []
    for col, forced in (("name", None), ("parent", parent_role)):
        rows = frame[[id_col, "country", "name"]].assign(text=frame[col].astype("string"))
        rows = rows.dropna(subset=["text"])
        rows = rows.merge(_parts(rows["text"]), on="text")
        role = np.where(rows["in_parent"], parent_role, "same") if forced is None else forced
        out.append(rows.assign(role=role).drop(columns=["in_parent"]))
    v = pd.concat(out, ignore_index=True).rename(columns={id_col: "id"})
    # 'partial': the variant stands for a part of a list cell (kept through alias expansion)
    v = v.assign(via="", partial=v["origin"].isin(["split", "paren"]))
    return v[["id", "country", "name", "part", "role", "origin", "via", "partial"]]


def _alias_edges(aliases: pd.DataFrame) -> pd.DataFrame:
    """Directed edges (country, key -> text) both ways; country '' = any country."""
    a = aliases[["country", "name", "alias"]].astype("string").fillna("")
    both = pd.concat(
        [
            a.rename(columns={"name": "src", "alias": "dst"}),
            a.rename(columns={"alias": "src", "name": "dst"}),
        ],
        ignore_index=True,
    )
    prof = profiles(both["src"])
    both["key"] = both["src"].map(prof["key"].to_dict())
    return both[both["key"].astype("string").str.len() > 0][["country", "key", "dst"]]


@lru_cache(maxsize=1)
def _default_edges_cached() -> pd.DataFrame:
    return _alias_edges(default_aliases())


def _default_edges() -> pd.DataFrame:
    return _default_edges_cached().copy()


def _expand_aliases(v: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """Add one variant per alias of each variant (the alias table read both ways)."""
    keyed = v.assign(key=v["part"].map(profiles(v["part"])["key"].to_dict()))
    keyed = keyed.assign(country_key=keyed["country"].astype("string").fillna(""))
    local = keyed.merge(
        edges[edges["country"] != ""], left_on=["country_key", "key"], right_on=["country", "key"]
    )
    local = local.drop(columns=["country_y"]).rename(columns={"country_x": "country"})
    anywhere = keyed.merge(edges[edges["country"] == ""].drop(columns=["country"]), on="key")
    added = pd.concat([local, anywhere], ignore_index=True)
    added = added.assign(via=added["part"], part=added["dst"], origin="alias")
    return pd.concat([v, added[v.columns]], ignore_index=True).drop_duplicates(
        ["id", "part", "role", "origin", "via"]
    )


def _with_profiles(v: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    prof = table[_PROFILE_COLS + ["acronyms"]]
    return v.join(prof, on="part").reset_index(drop=True)


def _acronym_pairs(q: pd.DataFrame, c: pd.DataFrame) -> pd.DataFrame:
    """Variant pairs where one is a short name equal to the other's initials."""
    found = []
    for short, long_ in ((q, c), (c, q)):
        s = short.loc[short["short"] != "", ["short"]].reset_index(names="s_row")
        lg = long_[["acronyms"]].explode("acronyms").dropna().reset_index(names="l_row")
        m = s.merge(lg, left_on="short", right_on="acronyms")
        if short is q:
            found.append(pd.DataFrame({"qv": m["s_row"], "cv": m["l_row"]}))
        else:
            found.append(pd.DataFrame({"qv": m["l_row"], "cv": m["s_row"]}))
    pairs = pd.concat(found, ignore_index=True).drop_duplicates()
    return pairs.assign(raw=ACRONYM_SCORE, method="acronym")


def _fuzzy_variant_pairs(
    q: pd.DataFrame, c: pd.DataFrame, cutoff: float, col: str = "key"
) -> pd.DataFrame:
    """Variant pairs whose `col` strings are similar (sorted tokens, or names in order)."""
    qi = q[["country", col]].rename(columns={col: "key"}).reset_index(names="qv")
    ci = c[["country", col]].rename(columns={col: "key"}).reset_index(names="cv")
    keys = fuzzy_pairs(qi[["country", "key"]], ci[["country", "key"]], cutoff)
    m = keys.merge(qi, left_on=["country", "qkey"], right_on=["country", "key"])
    m = m.drop(columns=["key"]).merge(ci, left_on="ckey", right_on="key", suffixes=("", "_c"))
    m = m[m["country_c"].isna() | m["country_c"].eq(m["country"])]
    method = np.where(m["qkey"].eq(m["ckey"]), "exact", "fuzzy_tokens")
    return pd.DataFrame({"qv": m["qv"], "cv": m["cv"], "raw": m["raw"], "method": method})


def _same_country(pairs: pd.DataFrame, q: pd.DataFrame, c: pd.DataFrame) -> pd.DataFrame:
    qc = q["country"].to_numpy()[pairs["qv"].to_numpy()]
    cc = c["country"].to_numpy()[pairs["cv"].to_numpy()]
    keep = pd.isna(cc) | (qc == cc)
    return pairs[keep]


def _empty() -> pd.DataFrame:
    return pd.DataFrame({col: pd.Series(dtype="object") for col in MATCH_COLUMNS})


def match_names(
    queries: pd.DataFrame,
    candidates: pd.DataFrame,
    bands: Bands,
    aliases: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Match distinct query names against distinct candidate names within a country.

    queries: qid, country (ISO3), name, parent (str or NA). candidates: cid, country (NA = any
    country), name, parent, name_kind ('primary' or 'alias'). aliases: optional user table
    (country, name, alias) used on top of the package's default table.
    Returns one row per (qid, cid) scoring at or above `bands.review`, columns MATCH_COLUMNS.
    relation 'parent': the candidate names the query's parent unit; 'subunit': the candidate's
    parent is the query. Hierarchy rows are always band 'review'.
    """
    if queries.empty or candidates.empty:
        return _empty()
    edges = _default_edges()
    if aliases is not None and not aliases.empty:
        edges = pd.concat([edges, _alias_edges(aliases)], ignore_index=True)
    q = _expand_aliases(_variants(queries, "qid", "parent"), edges)
    c = _expand_aliases(_variants(candidates, "cid", "cparent"), edges)
    kinds = candidates.set_index("cid")["name_kind"]
    c = c.assign(name_kind=c["id"].map(kinds.to_dict()).fillna("primary"))
    prof = profiles(pd.concat([q["part"], c["part"]], ignore_index=True))
    q, c = _with_profiles(q, prof), _with_profiles(c, prof)
    # persons and companies are also compared in written order: sorting tokens would move a
    # typo in a first letter ('Ignacio' / 'Ygnacio') to another place
    q = q.assign(ordered=q["norm"].where(~q["security"], ""))
    c = c.assign(ordered=c["norm"].where(~c["security"], ""))
    pairs = pd.concat(
        [
            _fuzzy_variant_pairs(q, c, bands.review),
            _fuzzy_variant_pairs(q, c, bands.review, col="ordered"),
            _same_country(_acronym_pairs(q, c), q, c),
        ],
        ignore_index=True,
    )
    if pairs.empty:
        return _empty()
    pairs = pairs.join(q.add_prefix("q_"), on="qv").join(c.add_prefix("c_"), on="cv")
    both_parent = pairs["q_role"].eq("parent") & pairs["c_role"].eq("cparent")
    pairs = pairs[~both_parent]
    pairs = adjust(pairs)
    pairs = pairs[pairs["score"] >= bands.review]
    if pairs.empty:
        return _empty()
    relation = np.select(
        [pairs["q_role"].eq("parent"), pairs["c_role"].eq("cparent")],
        ["parent", "subunit"],
        "same",
    )
    pairs = pairs.assign(
        relation=relation,
        rel_rank=(relation != "same").astype(int),
        method_rank=pairs["method"].map({"exact": 0, "acronym": 1, "fuzzy_tokens": 2}),
    )
    best = pairs.sort_values(
        ["q_id", "c_id", "score", "rel_rank", "method_rank"],
        ascending=[True, True, False, True, True],
        kind="stable",
    ).drop_duplicates(["q_id", "c_id"])
    high = best["score"].ge(bands.high) & best["relation"].eq("same")
    out = pd.DataFrame(
        {
            "qid": best["q_id"].to_numpy(),
            "cid": best["c_id"].to_numpy(),
            "score": best["score"].astype(float).to_numpy(),
            "band": np.where(high, "high", "review"),
            "relation": best["relation"].to_numpy(),
            "query_name": best["q_name"].to_numpy(),
            "candidate_name": best["c_name"].to_numpy(),
            "query_norm": best["q_norm"].to_numpy(),
            "candidate_norm": best["c_norm"].to_numpy(),
        }
    )
    feats, text = explain(best.reset_index(drop=True))
    out = out.assign(features=feats.to_numpy(), explanation=text.to_numpy())
    return out[MATCH_COLUMNS].reset_index(drop=True)


__all__ = ["MATCH_COLUMNS", "Bands", "match_names", "normalize_names"]
