"""Pair scoring: rapidfuzz over distinct normalized keys per country block, chunked, then
vectorized checks on numbers, unit types, arms and branches."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from conditionality.matching.vocab import vocabulary

# Score given to a name matching the initials of the other ('PNC' / 'Policía Nacional Civil').
ACRONYM_SCORE = 0.95
# Multipliers for disagreements the token similarity does not see. A number on both sides that
# differs disqualifies ('3rd' vs '5th Infantry Battalion').
NUMBER_ONE_SIDED = 0.9
TYPE_DIFF = 0.8  # brigade vs battalion
TYPE_ONE_SIDED = 0.95
ARM_DIFF = 0.6  # infantry vs artillery (arm words are not in the compared key)
ARM_ONE_SIDED = 0.93
BRANCH_DIFF = 0.7  # army vs navy
BRANCH_ONE_SIDED = 0.92  # '7th Division' vs '7a División del Ejército'
# Both names matched only through a part of a list cell ('Colombian Police, Carabineros' and
# 'Colombian Police, Junglas' share the parent, not the unit).
BOTH_PARTS = 0.85
# Words outside the vocabulary ('Istmo', 'Norte', given names). One name has a word the other
# lacks: 'Servicios Logísticos del Istmo Norte' is not 'Servicios Logísticos del Istmo'
# (review at most), unless both are units with the same number ('Batallón 21 Pantano de
# Vargas'). A word of one person or company name replaced by an unlike word in the other
# ('García' / 'Garay'): review at most.
EXTRA_WORD = 0.9
# The extra word is a qualifier from the vocabulary ('Norte', 'Central'): another branch or
# region of the organization, so no match (the sample's 'Servicios Logísticos del Istmo Norte').
EXTRA_QUALIFIER = 0.8
OTHER_WORD = 0.95
# A person or company name whose words all appear in the other, longer name ('MORENO, Fidel' /
# 'MORENO BRIONES, Fidel Antonio'), sharing at least two words and half of the longer one's:
# the same entity written shorter, or a relative; at least this score (review).
SUBSET_FLOOR = 0.8
SUBSET_CUTOFF = 0.99  # token-set similarity that finds such pairs
WORD_ALIKE = 0.75  # two words this similar are one word with a typo ('Ignacio' / 'Ygnacio')

_CELLS_PER_CHUNK = 8_000_000  # float32 score matrix of at most ~32 MB


Key = tuple[str, str]  # (country, key); country '' = any country


def fuzzy_pairs(
    q: list[Key], c: list[Key], cutoff: float, scorer: Any = fuzz.ratio
) -> list[tuple[Key, Key, float]]:
    """Pairs of distinct keys scoring >= cutoff (0..1) within a country block, in bounded
    chunks. q: (country, key), country never ''; c: (country or '' = any country, key).
    Returns (q key, c key, raw 0..1)."""
    by_country: dict[str, list[Key]] = {}
    for k in c:
        by_country.setdefault(k[0], []).append(k)
    anywhere = by_country.pop("", [])
    blocks: dict[str, list[str]] = {}
    for country, key in q:
        blocks.setdefault(country, []).append(key)
    found: list[tuple[Key, Key, float]] = []
    for country, qkeys in blocks.items():
        ckeys = by_country.get(country, []) + anywhere
        if not ckeys:
            continue
        cstr = [k[1] for k in ckeys]
        step = max(1, min(2000, _CELLS_PER_CHUNK // len(ckeys)))
        for start in range(0, len(qkeys), step):
            chunk = qkeys[start : start + step]
            m = cdist(
                chunk,
                cstr,
                scorer=scorer,
                score_cutoff=cutoff * 100,
                dtype=np.float32,
                workers=-1 if len(chunk) * len(cstr) > 10_000 else 1,
            )
            for i, j in zip(*np.nonzero(m), strict=True):
                found.append(((country, chunk[i]), ckeys[j], float(m[i, j]) / 100.0))
    return found


@lru_cache(maxsize=65536)
def _set_relation(a: str, b: str) -> int:
    """0 the same (or a side empty), 1 one is a strict part of the other, 2 they differ."""
    if a == b or not a or not b:
        return 0
    sa, sb = set(a.split()), set(b.split())
    return 1 if sa < sb or sb < sa else 2


def _disagree(a: pd.Series, b: pd.Series, sets: bool) -> tuple[np.ndarray, np.ndarray]:
    """(both present and different, exactly one present or one a part of the other)."""
    av, bv = a.to_numpy(dtype=object), b.to_numpy(dtype=object)
    ha, hb = av != "", bv != ""
    if not sets:
        return ha & hb & (av != bv), ha ^ hb
    rel = np.fromiter(
        (_set_relation(x, y) for x, y in zip(av, bv, strict=True)), dtype=np.int8, count=len(av)
    )
    return rel == 2, (ha ^ hb) | (rel == 1)


@lru_cache(maxsize=65536)
def _unmatched(
    a: tuple[str, ...], b: tuple[str, ...]
) -> tuple[frozenset[str], frozenset[str], int]:
    """(words of a with no like word in b, words of b with none in a, distinct shared words)."""
    none: frozenset[str] = frozenset()
    if a == b:
        return none, none, len(set(a))
    if "".join(a) == "".join(b) or fuzz.ratio("".join(a), "".join(b)) >= 95:
        return none, none, len(set(a))  # 'LOLA LOLITA' / 'LOLALOLITA'
    cut = WORD_ALIKE * 100

    def alike(x: str, y: str) -> bool:  # a typo, or one stem ('agricola' / 'agricultura')
        return fuzz.ratio(x, y) >= cut or (min(len(x), len(y)) >= 5 and x[:5] == y[:5])

    def lone(xs: tuple[str, ...], ys: tuple[str, ...]) -> set[str]:
        return {x for x in xs if not any(alike(x, y) for y in ys)}

    ua, ub = lone(a, b), lone(b, a)
    return frozenset(ua), frozenset(ub), len(set(a) - ua)


def _word_checks(pairs: pd.DataFrame, score: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """EXTRA_WORD, OTHER_WORD and SUBSET_FLOOR (see above); returns new scores and notes."""
    qw, cw = pairs["q_words"].to_numpy(dtype=object), pairs["c_words"].to_numpy(dtype=object)
    units = (pairs["q_security"].astype(bool) & pairs["c_security"].astype(bool)).to_numpy()
    numbered = (
        units
        & pairs["q_numbers"].ne("").to_numpy()
        & pairs["q_numbers"].eq(pairs["c_numbers"]).to_numpy()
    )
    plain = ~(pairs["q_security"].astype(bool) | pairs["c_security"].astype(bool)).to_numpy()
    acronym = pairs["method"].eq("acronym").to_numpy()
    out = score.copy()
    notes = [""] * len(out)
    qualifiers = vocabulary().qualifiers
    for i, (a, b) in enumerate(zip(qw, cw, strict=True)):
        if acronym[i] or (not a and not b):
            continue
        ua, ub, shared = _unmatched(a, b)
        if bool(ua) == bool(ub):
            if ua and plain[i]:
                out[i] *= OTHER_WORD
                notes[i] = "a word differs"
            continue
        if numbered[i]:
            continue
        if (ua | ub) & qualifiers:
            out[i] *= EXTRA_QUALIFIER
            notes[i] = "one names a part or region the other does not"
            continue
        out[i] *= EXTRA_WORD
        notes[i] = "one has a word the other lacks"
        longer = max(len(set(a)), len(set(b)))
        if plain[i] and shared >= 2 and 2 * shared >= longer and out[i] < SUBSET_FLOOR:
            out[i] = SUBSET_FLOOR
            notes[i] = "all words of the shorter name are in the longer one"
    return out, notes


def adjust(pairs: pd.DataFrame) -> pd.DataFrame:
    """Apply the word, number, unit-type, arm and branch checks to `raw`; adds `score` and
    `notes`.

    pairs carries q_/c_ prefixed profile columns (words, numbers, unit_types, arms, branches,
    security)."""
    raw = pairs["raw"].astype(float).to_numpy()
    score, word_notes = _word_checks(pairs, raw)
    notes = pd.Series(word_notes, index=pairs.index, dtype="object")
    checks = [
        ("numbers", 0.0, NUMBER_ONE_SIDED, "the numbers differ", "only one names a number"),
        ("unit_types", TYPE_DIFF, TYPE_ONE_SIDED, "unit types differ", "one lacks a unit type"),
        ("arms", ARM_DIFF, ARM_ONE_SIDED, "arms differ", "one lacks the arm"),
        ("branches", BRANCH_DIFF, BRANCH_ONE_SIDED, "branches differ", "one lacks the branch"),
    ]
    acronym = pairs["method"].eq("acronym").to_numpy()
    for col, diff_f, one_f, diff_note, one_note in checks:
        diff, one = _disagree(pairs[f"q_{col}"], pairs[f"c_{col}"], sets=col != "numbers")
        if col != "numbers":  # an acronym carries no unit words to compare
            diff, one = diff & ~acronym, one & ~acronym
        score = np.where(diff, score * diff_f, np.where(one, score * one_f, score))
        notes = notes.where(~diff, notes + "; " + diff_note)
        notes = notes.where(~one, notes + "; " + one_note)
    parts = pairs["q_partial"].astype(bool) & pairs["c_partial"].astype(bool)
    score = np.where(parts, score * BOTH_PARTS, score)
    notes = notes.where(~parts, notes + "; both are parts of list cells")
    return pairs.assign(score=np.round(score, 4), notes=notes.str.lstrip("; "))
