"""Features and one-sentence explanations for chosen matches (vectorized string building)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _q(s: pd.Series) -> pd.Series:
    return (
        "'" + s.astype("string").fillna("").str.strip().str.replace(r"\s+", " ", regex=True) + "'"
    )


def _flag(mask: pd.Series | np.ndarray, text: str) -> pd.Series:
    return pd.Series(np.where(mask, text, ""), dtype="object")


def explain(best: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(features, explanation) for each chosen pair; `best` has q_/c_ variant columns, method,
    relation, raw, score and notes, with a 0..n-1 index."""
    method = best["method"]
    alias = (
        best["q_origin"].eq("alias")
        | best["c_origin"].eq("alias")
        | best["q_origin"].eq("paren")
        | best["c_origin"].eq("paren")
        | best["c_name_kind"].eq("alias")
    )
    split = best["q_origin"].isin(["split", "paren"]) | best["c_origin"].isin(["split", "paren"])
    ordinal = (best["q_ordinal"] | best["c_ordinal"]) & best["q_numbers"].ne("")
    hierarchy = best["relation"].ne("same")
    parts = [
        method,
        _flag(alias, ",alias"),
        _flag(split, ",split"),
        _flag(ordinal, ",ordinal"),
        _flag(hierarchy, ",hierarchy"),
    ]
    features = parts[0].astype("object")
    for p in parts[1:]:
        features = features + p
    qp, cp = _q(best["q_part"]), _q(best["c_part"])
    qn, cn = _q(best["q_name"]), _q(best["c_name"])

    normalized = (
        "case, accents and punctuation"
        + _flag(ordinal, ", ordinals")
        + _flag(best["q_security"] | best["c_security"], " and unit words")
    )
    exact = qp + " and " + cp + " are equal after normalizing " + normalized
    q_short = best["q_short"].ne("")
    acronym = pd.Series(
        np.where(q_short, qp + " is the acronym of " + cp, cp + " is the acronym of " + qp),
        dtype="object",
    )
    notes = best["notes"].astype("object")
    fuzzy = (
        qp
        + " and "
        + cp
        + " share most words after normalizing (similarity "
        + best["raw"].map("{:.2f}".format)
        + ")"
        + pd.Series(np.where(notes.ne(""), "; " + notes, ""), dtype="object")
    )
    base = pd.Series(
        np.select([method.eq("exact"), method.eq("acronym")], [exact, acronym], fuzzy),
        dtype="object",
    )
    q_alias, c_alias = best["q_origin"].eq("alias"), best["c_origin"].eq("alias")
    q_given = pd.Series(np.where(q_alias, _q(best["q_via"]), qp), dtype="object")
    c_given = pd.Series(np.where(c_alias, _q(best["c_via"]), cp), dtype="object")
    via_alias = (
        q_given
        + " and "
        + c_given
        + " name one entity in the alias table ("
        + pd.Series(np.where(q_alias, qp + " = " + q_given, cp + " = " + c_given), dtype="object")
        + ")"
    )
    base = pd.Series(np.where(q_alias | c_alias, via_alias, base), dtype="object")
    base = base + _flag(best["c_name_kind"].eq("alias"), " (" + cn + " is a listed alias)")
    q_split = best["q_origin"].isin(["split", "paren"]) & best["relation"].eq("same")
    base = pd.Series(
        np.where(q_split, "the part " + qp + " of " + qn + ": " + base, base), dtype="object"
    )
    text = np.select(
        [best["relation"].eq("parent"), best["relation"].eq("subunit")],
        [
            cn + " names the parent unit " + qp + " of " + qn + " (" + base + "); review",
            cn
            + " is a sub-unit of "
            + qn
            + ": its parent "
            + cp
            + " matches ("
            + base
            + "); review",
        ],
        base,
    )
    return features.astype("object"), pd.Series(text, dtype="object")
