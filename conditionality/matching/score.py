"""Pair scoring: rapidfuzz over distinct normalized keys per country block, chunked, then
vectorized checks on numbers, unit types, arms and branches."""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

# Score given to a name matching the initials of the other ('PNC' / 'Policía Nacional Civil').
ACRONYM_SCORE = 0.95
# Multipliers for disagreements the token similarity does not see. A number on both sides that
# differs disqualifies ('3rd' vs '5th Infantry Battalion').
NUMBER_ONE_SIDED = 0.9
TYPE_DIFF = 0.8  # brigade vs battalion
TYPE_ONE_SIDED = 0.95
ARM_DIFF = 0.8  # infantry vs artillery
ARM_ONE_SIDED = 0.93
BRANCH_DIFF = 0.7  # army vs navy
BRANCH_ONE_SIDED = 0.92  # '7th Division' vs '7a División del Ejército'
# Both names matched only through a part of a list cell ('Colombian Police, Carabineros' and
# 'Colombian Police, Junglas' share the parent, not the unit).
BOTH_PARTS = 0.85

_CELLS_PER_CHUNK = 8_000_000  # float32 score matrix of at most ~32 MB


def fuzzy_pairs(q: pd.DataFrame, c: pd.DataFrame, cutoff: float) -> pd.DataFrame:
    """Pairs of distinct keys scoring >= cutoff (0..1) within a country block.

    q: country, key (country never NA). c: country (NA = any country), key.
    Returns country, qkey, ckey, raw (0..1)."""
    q = q[q["key"] != ""].drop_duplicates()
    c = c[c["key"] != ""].drop_duplicates()
    anywhere = c.loc[c["country"].isna(), "key"].unique()
    by_country = {k: g["key"].unique() for k, g in c[c["country"].notna()].groupby("country")}
    found: list[pd.DataFrame] = []
    for country, block in q.groupby("country"):
        local = by_country.get(str(country), np.array([], dtype=object))
        ckeys = pd.unique(np.concatenate([local, anywhere])).tolist()
        if not ckeys:
            continue
        qkeys = block["key"].unique().tolist()
        step = max(1, min(2000, _CELLS_PER_CHUNK // len(ckeys)))
        for start in range(0, len(qkeys), step):
            chunk = qkeys[start : start + step]
            m = cdist(
                chunk,
                ckeys,
                scorer=fuzz.ratio,
                score_cutoff=cutoff * 100,
                dtype=np.float32,
                workers=-1,
            )
            i, j = np.nonzero(m)
            found.append(
                pd.DataFrame(
                    {
                        "country": country,
                        "qkey": np.asarray(chunk, dtype=object)[i],
                        "ckey": np.asarray(ckeys, dtype=object)[j],
                        "raw": m[i, j].astype(float) / 100.0,
                    }
                )
            )
    if not found:
        return pd.DataFrame(
            {"country": [], "qkey": [], "ckey": [], "raw": []}, dtype="object"
        ).astype({"raw": float})
    return pd.concat(found, ignore_index=True)


def _disagree(a: pd.Series, b: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(both present and different, exactly one present)."""
    ha, hb = a.ne(""), b.ne("")
    return (ha & hb & a.ne(b)), (ha ^ hb)


def adjust(pairs: pd.DataFrame) -> pd.DataFrame:
    """Apply the number, unit-type, arm and branch checks to `raw`; adds `score` and `notes`.

    pairs carries q_/c_ prefixed profile columns (numbers, unit_types, arms, branches)."""
    score = pairs["raw"].astype(float).to_numpy().copy()
    notes = pd.Series("", index=pairs.index, dtype="object")
    checks = [
        ("numbers", 0.0, NUMBER_ONE_SIDED, "the numbers differ", "only one names a number"),
        ("unit_types", TYPE_DIFF, TYPE_ONE_SIDED, "unit types differ", "one lacks a unit type"),
        ("arms", ARM_DIFF, ARM_ONE_SIDED, "arms differ", "one lacks the arm"),
        ("branches", BRANCH_DIFF, BRANCH_ONE_SIDED, "branches differ", "one lacks the branch"),
    ]
    acronym = pairs["method"].eq("acronym").to_numpy()
    for col, diff_f, one_f, diff_note, one_note in checks:
        diff, one = _disagree(pairs[f"q_{col}"], pairs[f"c_{col}"])
        if col != "numbers":  # an acronym carries no unit words to compare
            diff, one = diff & ~acronym, one & ~acronym
        score = np.where(diff, score * diff_f, np.where(one, score * one_f, score))
        notes = notes.where(~diff, notes + "; " + diff_note)
        notes = notes.where(~one, notes + "; " + one_note)
    parts = pairs["q_partial"].astype(bool) & pairs["c_partial"].astype(bool)
    score = np.where(parts, score * BOTH_PARTS, score)
    notes = notes.where(~parts, notes + "; both are parts of list cells")
    return pairs.assign(score=np.round(score, 4), notes=notes.str.lstrip("; "))
