"""Candidate pairs of person and company names that share their telling words.

The fuzzy passes compare whole keys, so a name written with a word more, a plural or a
married name ('CAMELIAS BAR, S.A. DE C.V.' / 'RESTAURANTE BAR LA CAMELIA', 'HERNANDEZ AMAYA,
Ena Elizabeth' / 'Ena Hernández de Handal') can fall below their cut before the scorer's word
checks see it. This pass offers the scorer every pair of names in a country that share two
words, or one word of a name not known to be a person's (not a business word), by sound.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd
from rapidfuzz import fuzz

from conditionality.matching.phonetic import sound
from conditionality.matching.vocab import vocabulary

# a key shared by more names than this on one side says little and costs much ('jose garcia')
MAX_GROUP = 50
_SHORT = 2  # 'de', 'la', 'y': too short to tell names apart


def _keys(ordered: str, person: bool, business: frozenset[str]) -> set[str]:
    """Two words of a name heard alike; also, for a name not known to be a person's, one own
    word, singular ('CAMELIAS' / 'CAMELIA', 'AGBAS' / 'AGBA')."""
    words = [w for w in ordered.split() if len(w) > _SHORT]
    heard = sorted({sound(w) for w in words})
    keys = {f"{a} {b}" for a, b in combinations(heard, 2)} if len(heard) <= 6 else set()
    if not person:
        own = {sound(w) for w in words if w not in business}
        keys |= {w[:-1] if len(w) > 4 and w.endswith("s") else w for w in own}
    return keys


def _index(v: pd.DataFrame, business: frozenset[str]) -> dict[tuple[str, str], list[int]]:
    out: dict[tuple[str, str], list[int]] = {}
    rows = zip(
        v["country"].tolist(), v["ordered"].tolist(), v["person_order"].tolist(), strict=True
    )
    for i, (country, ordered, person) in enumerate(rows):
        if not ordered or not isinstance(country, str):
            continue
        for k in _keys(ordered, bool(person), business):
            out.setdefault((country, k), []).append(i)
    return out


def word_pairs(
    q: pd.DataFrame, c: pd.DataFrame
) -> tuple[list[int], list[int], list[float], list[str]]:
    """(query rows, candidate rows, raw similarity of the names in order, method) for person
    and company variants of one country sharing a key (see module doc). Candidates of no
    country are left to the fuzzy passes."""
    business = vocabulary().business
    qi, ci = _index(q, business), _index(c, business)
    qo, co = q["ordered"].tolist(), c["ordered"].tolist()
    seen: set[tuple[int, int]] = set()
    for key, rows in qi.items():
        others = ci.get(key, [])
        if not others or len(rows) > MAX_GROUP or len(others) > MAX_GROUP:
            continue
        seen.update((i, j) for i in rows for j in others)
    pairs = sorted(seen)
    raw = [fuzz.ratio(qo[i], co[j]) / 100.0 for i, j in pairs]
    return [p[0] for p in pairs], [p[1] for p in pairs], raw, ["fuzzy_tokens"] * len(pairs)
