"""Match allocation recipient names against evidence names (records, designations).

Cost grows with distinct names: each distinct cell is split and normalized once, and
rapidfuzz compares distinct normalized keys per country block, in bounded chunks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from conditionality.matching.aliases import default_aliases
from conditionality.matching.explain import explain
from conditionality.matching.normalize import (
    normalize_names,
    profile_list,
    profiles,
    syllable_skips,
)
from conditionality.matching.phonetic import sounds
from conditionality.matching.score import (
    ACRONYM_SCORE,
    ACRONYM_TYPO_SCORE,
    NAME_ONLY_SCORE,
    NUMBERED_PART,
    SUBSET_CUTOFF,
    SYLLABLE_SCORE,
    SYLLABLE_SKIP_SCORE,
    adjust,
    fuzzy_pairs,
)
from conditionality.matching.shared_words import word_pairs
from conditionality.matching.split import names_several, split_cell
from conditionality.matching.vocab import tokens, vocabulary

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
    "words",
    "core",
    "person_order",
    "given",
    "surnames",
    "married",
    "honor",
]


@dataclass(frozen=True)
class Bands:
    """Score bands: at or above `high` the rule's outcome stands; between `review` and `high`
    the outcome becomes review; below `review` there is no match."""

    high: float = 0.89
    review: float = 0.75


_VARIANT_COLS = [
    "id",
    "country",
    "name",
    "part",
    "role",
    "origin",
    "via",
    "partial",
    "several",
    "lends",  # may lend its branches to the other variants of its name (`_parent_branches`)
]
# (country or '' for any country, full key of a name) -> the texts it is an alias of
Edges = dict[tuple[str, str], list[str]]


def _missing(x: object) -> bool:
    return x is None or (not isinstance(x, str) and bool(pd.isna(x)))


def _variants(frame: pd.DataFrame, id_col: str, parent_role: str, edges: Edges) -> pd.DataFrame:
    """Names to match for each row: its name's parts (role 'same', or `parent_role` for text
    before a slash), its parent's parts (role `parent_role`), and one variant per alias of
    each (the alias table read both ways). 'partial': the variant stands for one of several
    units a list cell names (kept through alias expansion)."""
    ids = frame[id_col].tolist()
    countries = frame["country"].tolist()
    names = frame["name"].tolist()
    parents = frame["parent"].tolist() if "parent" in frame else [None] * len(ids)
    base: list[tuple[object, ...]] = []
    for texts, forced in ((names, None), (parents, parent_role)):
        for i, text in enumerate(texts):
            if _missing(text):
                continue
            cell = split_cell(str(text))
            several = len(cell) > 2 and names_several(str(text))
            for p in cell:
                role = forced or (parent_role if p.parent else "same")
                partial = several and p.origin in ("split", "paren")
                # the whole text of a cell with parts: compared as written, never as a strict
                # part of another name (its parts are)
                origin = "cell" if p.origin == "whole" and len(cell) > 1 else p.origin
                base.append(
                    (
                        ids[i],
                        countries[i],
                        names[i],
                        p.text,
                        role,
                        origin,
                        "",
                        partial,
                        several,
                        True,
                    )
                )
    parts = list(dict.fromkeys(str(r[3]) for r in base))
    full = dict(zip(parts, (p.full for p in profile_list(parts)), strict=True))
    added: list[tuple[object, ...]] = []
    known = vocabulary().alias_words
    default = _default_edges()
    for r in base:
        key = full[str(r[3])]
        if not key:
            continue
        country = "" if _missing(r[1]) else str(r[1])
        # the package's aliases may lend a branch to the name ('ARC-DISAN': ARC is the navy);
        # a user's may not, so adding an alias never takes a match away
        dsts = _alias_texts(edges, country, key)
        shipped = set(_alias_texts(default, country, key))
        added.extend(
            (r[0], r[1], r[2], d, r[4], "alias", r[3], r[7], r[8], d in shipped) for d in dsts
        )
        # a one-word alias inside a longer name ('Hospital Central FAP'): the name with the
        # alias written out ('Hospital Central Fuerza Aérea del Perú')
        inner = set(key.split()) & known
        if inner and " " in key:
            shipped = set(_written_out(str(r[3]), inner, country, default))
            for text in _written_out(str(r[3]), inner, country, edges):
                added.append(
                    (r[0], r[1], r[2], text, r[4], "alias", r[3], r[7], r[8], text in shipped)
                )
    seen: set[tuple[object, ...]] = set()
    rows = []
    for r in base + added:
        k = (r[0], r[3], r[4], r[5], r[6])
        if k not in seen:
            seen.add(k)
            rows.append(r)
    return pd.DataFrame(rows, columns=_VARIANT_COLS)


def _alias_texts(edges: Edges, country: str, key: str) -> list[str]:
    """The texts the alias table names as the same entity as `key` in `country`."""
    return (edges.get((country, key), []) if country else []) + edges.get(("", key), [])


_WORDS_OF = re.compile(r"\s+|(?<=[^\W\d_])-(?=\d)")


def _written_out(text: str, inner: set[str], country: str, edges: Edges) -> list[str]:
    """`text` with each of its words in `inner` replaced by what the alias table says it
    stands for in `country`."""
    out: list[str] = []
    words = _WORDS_OF.split(text.strip())  # 'CACOM-6': the acronym and its number
    for i, w in enumerate(words):
        tok = tokens(w)
        if len(tok) != 1 or tok[0] not in inner:
            continue
        dsts = _alias_texts(edges, country, tok[0])
        out.extend(" ".join([*words[:i], d, *words[i + 1 :]]) for d in dsts)
    return out


def _alias_edges(aliases: pd.DataFrame) -> Edges:
    """Edges (country, key -> text) both ways; country '' = any country."""
    a = aliases[["country", "name", "alias"]].astype("string").fillna("")
    triples = [
        (c, src, dst)
        for c, n, al in zip(a["country"], a["name"], a["alias"], strict=True)
        for src, dst in ((n, al), (al, n))
    ]
    srcs = list(dict.fromkeys(t[1] for t in triples))
    full = dict(zip(srcs, (p.full for p in profile_list(srcs)), strict=True))
    out: Edges = {}
    for c, src, dst in triples:
        if full[src]:
            out.setdefault((c, full[src]), []).append(dst)
    return out


@lru_cache(maxsize=1)
def _default_edges() -> Edges:
    return _alias_edges(default_aliases())


def _all_edges(aliases: pd.DataFrame | None) -> Edges:
    edges = _default_edges()
    if aliases is None or aliases.empty:
        return edges
    merged = {k: list(v) for k, v in edges.items()}
    for k, v in _alias_edges(aliases).items():
        merged.setdefault(k, []).extend(v)
    return merged


def _with_profiles(v: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    prof = table[_PROFILE_COLS + ["acronyms", "spelled", "named_short", "company", "national"]]
    return v.join(prof, on="part").reset_index(drop=True)


PairLists = tuple[list[int], list[int], list[float], list[str]]  # qv, cv, raw, method


def _index(v: pd.DataFrame, col: str) -> dict[tuple[str, str], list[int]]:
    """(country, value) -> variant rows with that non-empty value; country '' = any."""
    out: dict[tuple[str, str], list[int]] = {}
    for i, (country, val) in enumerate(zip(v["country"].tolist(), v[col].tolist(), strict=True)):
        if val:
            out.setdefault(("" if _missing(country) else str(country), val), []).append(i)
    return out


def _acronym_pairs(q: pd.DataFrame, c: pd.DataFrame) -> PairLists:
    """Variant pairs where one is a short name equal to the other's initials; with two
    neighbouring letters swapped ('CFGM' for CGFM, 'SEAMR' for the known SEMAR),
    ACRONYM_TYPO_SCORE (review)."""
    qc = ["" if _missing(x) else str(x) for x in q["country"].tolist()]
    cc = ["" if _missing(x) else str(x) for x in c["country"].tolist()]
    known = vocabulary().alias_words
    found: dict[tuple[int, int], float] = {}
    for short, long_, flip in ((q, c, False), (c, q, True)):
        by_short: dict[str, list[tuple[int, float]]] = {}
        for col in ("short", "named_short"):
            for i, sh in enumerate(short[col].tolist()):
                if not sh:
                    continue
                by_short.setdefault(sh, []).append((i, ACRONYM_SCORE))
                for swapped in _swaps(sh) if col == "short" else ():
                    by_short.setdefault(swapped, []).append((i, ACRONYM_TYPO_SCORE))
        if not by_short:
            continue
        # 'BAM-1 Santa Lucía': a numbered acronym with a name of its own is the unit the
        # number names when the long name has no name of its own ('Base Aérea Militar No. 1')
        heads: dict[str, list[tuple[int, float]]] = {}
        for i, sh in enumerate(short["named_short"].tolist()):
            head = sh.partition("|")[0]
            if sh and not head.endswith(":"):
                heads.setdefault(head, []).append((i, ACRONYM_SCORE))
        for j, keys in enumerate(long_["acronyms"].tolist()):
            named = any("|" in k for k in keys)
            for k in keys:
                extra = heads.get(k, ()) if not named else ()
                for i, score in chain(by_short.get(k, ()), extra):
                    qv, cv = (j, i) if flip else (i, j)
                    if not cc[cv] or cc[cv] == qc[qv]:
                        found[(qv, cv)] = max(found.get((qv, cv), 0.0), score)
        # a known acronym with two letters swapped ('SEAMR' for SEMAR): a typo, review
        for j, sh in enumerate(long_["short"].tolist()):
            if not sh or sh.partition(":")[0] not in known:
                continue
            for i, score in by_short.get(sh, ()):
                qv, cv = (j, i) if flip else (i, j)
                if score == ACRONYM_TYPO_SCORE and (not cc[cv] or cc[cv] == qc[qv]):
                    found[(qv, cv)] = max(found.get((qv, cv), 0.0), score)
    pairs = sorted(found)
    n = len(pairs)
    return [p[0] for p in pairs], [p[1] for p in pairs], [found[p] for p in pairs], ["acronym"] * n


def _swaps(short: str) -> list[str]:
    """'cfgm:' -> 'fcgm:', 'cgfm:', 'cfmg:': an acronym of 4+ letters with two neighbouring
    letters swapped."""
    letters, _, nums = short.partition(":")
    if len(letters) < 4:
        return []
    out = []
    for k in range(len(letters) - 1):
        if letters[k] != letters[k + 1]:
            out.append(f"{letters[:k]}{letters[k + 1]}{letters[k]}{letters[k + 2 :]}:{nums}")
    return out


def _starts(words: tuple[str, ...]) -> set[str]:
    """Letters a syllable acronym of `words` can begin with: the first word that is not
    optional, or an optional word before it."""
    out: set[str] = set()
    for w in words:
        out.add(w.lstrip("~")[0])
        if not w.startswith("~"):
            break
    return out


@lru_cache(maxsize=65536)
def _start_letters(spellings: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(x for words in spellings for x in _starts(words))


def _syllable_pairs(q: pd.DataFrame, c: pd.DataFrame) -> PairLists:
    """Variant pairs where one is a short name of 4+ letters read as the first letters of the
    other's words ('SEDENA', 'CACOM-1'); one word left out gives SYLLABLE_SKIP_SCORE, as does
    a 3-letter one read from a two-word name ('DAN'). The short
    name may leave out the long one's number ('BAJES': Batallón de Artillería No. 4 ... Jorge
    Eduardo Sánchez), which the number check weighs. Plain initials are `_acronym_pairs`'."""
    qc = ["" if _missing(x) else str(x) for x in q["country"].tolist()]
    cc = ["" if _missing(x) else str(x) for x in c["country"].tolist()]
    found: dict[tuple[int, int], float] = {}
    for short, long_, flip in ((q, c, False), (c, q, True)):
        wanted = {sh[0] for sh in short["short"].tolist() if len(sh.partition(":")[0]) >= 3}
        if not wanted:
            continue
        by_start: dict[tuple[str, str], list[int]] = {}
        for j, (spellings, nums) in enumerate(
            zip(long_["spelled"].tolist(), long_["numbers"].tolist(), strict=True)
        ):
            for letter in _start_letters(spellings) & wanted if spellings else ():
                by_start.setdefault((letter, nums), []).append(j)
                if nums:
                    by_start.setdefault((letter, "*"), []).append(j)
        if not by_start:
            continue
        for i, sh in enumerate(short["short"].tolist()):
            letters, _, nums = sh.partition(":")
            if len(letters) < 3:
                continue
            same = by_start.get((letters[0], nums), [])
            unnumbered = by_start.get((letters[0], "*"), []) if not nums else []
            for j in [*same, *unnumbered]:
                qv, cv = (j, i) if flip else (i, j)
                if cc[cv] and cc[cv] != qc[qv]:
                    continue
                spellings = long_["spelled"].iat[j]
                if any(letters == w.lstrip("~") for words in spellings for w in words):
                    continue  # 'BANCO' is a word of 'Banco Corporativo', not its acronym
                if len(letters) == 3:
                    # 'DAN': División ANtinarcóticos; three letters fit many names, so only a
                    # two-word name read whole, and review
                    if not any(
                        sum(not w.startswith("~") for w in words) == 2
                        and syllable_skips(letters, words) == 0
                        for words in spellings
                    ):
                        continue
                    found[(qv, cv)] = max(found.get((qv, cv), 0.0), SYLLABLE_SKIP_SCORE)
                    continue
                found_skips = [syllable_skips(letters, w) for w in spellings]
                skips = min((k for k in found_skips if k is not None), default=None)
                if skips is None or skips > 1:
                    continue
                # a number left out: the number check in `adjust` makes it review
                score = SYLLABLE_SCORE if skips == 0 else SYLLABLE_SKIP_SCORE
                found[(qv, cv)] = max(found.get((qv, cv), 0.0), score)
    pairs = sorted(found)
    n = len(pairs)
    return [p[0] for p in pairs], [p[1] for p in pairs], [found[p] for p in pairs], ["acronym"] * n


ANY_TYPE = "*"
ANY_NUMBER = "*"


def _honor_pairs(q: pd.DataFrame, c: pd.DataFrame) -> PairLists:
    """Units named after a person ('Base Aérea Coronel José Enrique Soto Cano' / 'SOTO CANO
    Air Force Base', 'CNEL H.A.M', or no name: 'Colombian Military Academy') or with a name of
    their own ('Atlacatl Battalion' / 'Batallón de Infantería de Reacción Inmediata Atlacatl'):
    the same unit types and numbers in a country, and a word of the honorific (or its
    initials) or a plain word among the other's honorific or plain words; a name after a
    person also meets a name with no such words. The word, arm, branch and honorific checks
    in `adjust` then weigh the rest."""
    found: set[tuple[int, int]] = set()
    singles = vocabulary().singles
    for named, other, flip in ((q, c, False), (c, q, True)):
        # what each named row looks for: (country, unit types, numbers, word), word '' = a
        # name with no such words
        wants: list[tuple[int, list[tuple[str, str, str, str]]]] = []
        heads = zip(
            named["country"].tolist(),
            named["unit_types"].tolist(),
            named["numbers"].tolist(),
            named["honor"].tolist(),
            named["words"].tolist(),
            strict=True,
        )
        named_origin = named["origin"].tolist()
        for j, (country, types, nums, honor, words) in enumerate(heads):
            if not (honor or words) or named_origin[j] == "cell":
                continue
            home = "" if _missing(country) else str(country)
            # the same person on both sides, whatever unit words one leaves out ('ADMIRAL
            # KILLICK' / 'Base Amiral Killick des Garde-Côtes')
            looks = [(h, ANY_TYPE, nums, w) for w in honor for h in ({home, ""})]
            if types and honor:
                initials = "".join(w[0] for w in honor) if len(honor) >= 2 else ""
                looks += [(h, types, nums, w) for w in {initials, ""} for h in ({home, ""})]
            elif types:  # a unit's own name ('Atlacatl'): plain words, not 'Norte' or 'Seguridad'
                keys = {w for w in words if w not in singles}
                if len(keys) >= 2 and len(keys) == len(words):  # a person's name written
                    # without the rank, against its initials ('CNEL H.A.M' / 'Hernán Acosta
                    # Mejía Air Base')
                    keys.add("".join(w[0] for w in words))
                # ... also against the unit with its number ('Batallón La Popa' / 'Batallón
                # de Artillería No. 2 La Popa'); the number check in `adjust` weighs it
                for n in (nums, ANY_NUMBER) if not nums else (nums,):
                    looks += [(h, types, n, w) for w in keys for h in ({home, ""})]
            if looks:
                wants.append((j, looks))
        if not wants:
            continue
        needed = {k for _, looks in wants for k in looks}
        index: dict[tuple[str, str, str, str], list[int]] = {}
        cols = zip(
            other["country"].tolist(),
            other["unit_types"].tolist(),
            other["numbers"].tolist(),
            other["honor"].tolist(),
            other["words"].tolist(),
            strict=True,
        )
        other_origin = other["origin"].tolist()
        for i, (country, types, nums, honor, words) in enumerate(cols):
            if other_origin[i] == "cell":
                continue
            home = "" if _missing(country) else str(country)
            # a person's name is also a unit's own words ('ADMIRAL KILLICK' / 'la base de
            # Killick')
            for w in {*honor, *(words if types else ())}:
                key = (home, ANY_TYPE, nums, w)
                if key in needed:
                    index.setdefault(key, []).append(i)
            if types:
                for w in set(honor or words) or {""}:
                    for n in (nums, ANY_NUMBER) if nums and not honor else (nums,):
                        key = (home, types, n, w)
                        if key in needed:
                            index.setdefault(key, []).append(i)
        for j, looks in wants:
            for key in looks:
                found.update((i, j) if flip else (j, i) for i in index.get(key, ()))
    pairs = sorted(found)
    return (
        [p[0] for p in pairs],
        [p[1] for p in pairs],
        [1.0] * len(pairs),
        ["own_name"] * len(pairs),
    )


def _has_own_name(v: pd.DataFrame) -> np.ndarray:
    """Variant rows with a number, a word of their own or an honorific."""
    return (
        v["numbers"].ne("") | v["words"].str.len().gt(0) | v["honor"].str.len().gt(0)
    ).to_numpy()


def _generic_pairs(q: pd.DataFrame, c: pd.DataFrame) -> PairLists:
    """A unit named only by its kind ('Army Aviation Brigade': unit type, arm, branch; no
    number, no word of its own) and a unit of that kind and arm with a number or a name of its
    own ('Brigada de Aviación del Ejército No. 15 Paquisha'), either way round; or a unit
    named only by its arm ('COLOMBIAN POLICE, CARABINEROS') and a unit of that arm without a
    number ('Dirección de Carabineros y Seguridad Rural'). The scorer makes them review unless
    a branch or another check disagrees."""
    found: set[tuple[int, int]] = set()
    for generic, other, flip in ((q, c, False), (c, q, True)):
        kept = [g["origin"].ne("cell").to_numpy() for g in (generic, other)]
        typed = [g["unit_types"].ne("").to_numpy() for g in (generic, other)]
        plain = ~_has_own_name(generic) & kept[0]
        bare = plain & typed[0]
        arm_only = plain & ~typed[0] & generic["arms"].ne("").to_numpy()
        if not (bare.any() or arm_only.any()):
            continue
        index: dict[tuple[str, str, str], list[int]] = {}
        gc, gt, ga = (generic[k].tolist() for k in ("country", "unit_types", "arms"))
        for i in np.flatnonzero(bare | arm_only).tolist():
            home = "" if _missing(gc[i]) else str(gc[i])
            index.setdefault((home, gt[i] or ANY_TYPE, ga[i]), []).append(i)
        homes = {k[0] for k in index}
        oc, ot, oa = (other[k].tolist() for k in ("country", "unit_types", "arms"))
        own = _has_own_name(other)
        # an arm alone meets only units without a number: 'Infantry' is not each battalion
        unnumbered = other["numbers"].eq("").to_numpy()
        for j in np.flatnonzero(kept[1] & typed[1]).tolist():
            home = "" if _missing(oc[j]) else str(oc[j])
            looks = [(ot[j], oa[j])] if own[j] else []
            if unnumbered[j]:  # an arm alone meets a unit with that arm among others
                looks += [(ANY_TYPE, a) for a in {oa[j], *oa[j].split()}]
            for h in ({home, ""} & homes) if home else homes:
                for t, a in looks:
                    for i in index.get((h, t, a), []):
                        found.add((j, i) if flip else (i, j))
    qv = [p[0] for p in found]
    cv = [p[1] for p in found]
    return qv, cv, [1.0] * len(qv), ["generic"] * len(qv)


def _lone_name(v: pd.DataFrame) -> np.ndarray:
    """Variant rows that are only a name of their own ('Xatruch', 'Torogoz V'): no unit words,
    no known name ('Hospital Central FAP'), not a person's or a company's name, and a word
    outside the vocabulary ('Hospital Central' is a kind of unit, not a name)."""
    known = _canonical_words()
    words = v["words"].tolist()
    norms = v["norm"].tolist()
    own = np.array(
        [
            any(x not in known for x in w)
            and len(w) == sum(not t.isdigit() for t in str(n).split())
            for w, n in zip(words, norms, strict=True)
        ],
        dtype=bool,
    )
    return (
        own
        & ~v["security"].to_numpy(dtype=bool)
        & ~v["person_order"].to_numpy(dtype=bool)
        & ~v["company"].to_numpy(dtype=bool)
        & v["honor"].str.len().eq(0).to_numpy()
        & v["origin"].ne("cell").to_numpy()
    )


@lru_cache(maxsize=1)
def _canonical_words() -> frozenset[str]:
    return frozenset(c for c, _ in vocabulary().phrases.values())


def _name_only_pairs(q: pd.DataFrame, c: pd.DataFrame) -> PairLists:
    """A unit written by its own name alone ('Xatruch') and a unit whose own words are that
    name ('Fuerza de Tarea Conjunta Xatruch'), either way round: NAME_ONLY_SCORE."""
    found: set[tuple[int, int]] = set()
    # vocabulary words a unit's name may add to its own name; not qualifiers ('Norte')
    known = _canonical_words() - vocabulary().qualifiers
    for lone, unit, flip in ((q, c, False), (c, q, True)):
        at = _lone_name(lone)
        if not at.any():
            continue
        index: dict[tuple[str, frozenset[str]], list[int]] = {}
        lc, lw = lone["country"].tolist(), lone["words"].tolist()
        for i in np.flatnonzero(at).tolist():
            home = "" if _missing(lc[i]) else str(lc[i])
            index.setdefault((home, frozenset(lw[i])), []).append(i)
        homes = {k[0] for k in index}
        typed = unit["security"].to_numpy(dtype=bool) & unit["origin"].ne("cell").to_numpy()
        uc, uw = unit["country"].tolist(), unit["words"].tolist()
        for j in np.flatnonzero(typed).tolist():
            if not uw[j]:
                continue
            home = "" if _missing(uc[j]) else str(uc[j])
            # its words, or its words outside the vocabulary ('Conjunta Xatruch' -> Xatruch)
            keys = {frozenset(uw[j]), frozenset(w for w in uw[j] if w not in known)}
            for h in ({home, ""} & homes) if home else homes:
                for key in keys:
                    for i in index.get((h, key), []):
                        found.add((j, i) if flip else (i, j))
    qv = [p[0] for p in found]
    cv = [p[1] for p in found]
    return qv, cv, [NAME_ONLY_SCORE] * len(qv), ["name_only"] * len(qv)


_BRANCH_METHODS = ("branch_parent", "branch_subunit")
BRANCH_SCORE = 0.9  # nominal: a hierarchy row is always review


def _branch_only(v: pd.DataFrame) -> np.ndarray:
    """Variant rows that name a branch and nothing else ('Policía Nacional de Colombia')."""
    return (
        v["branches"].ne("")
        & v["unit_types"].eq("")
        & v["arms"].eq("")
        & v["numbers"].eq("")
        & v["words"].str.len().eq(0)
        & v["honor"].str.len().eq(0)
    ).to_numpy()


def _branch_pairs(q: pd.DataFrame, c: pd.DataFrame) -> PairLists:
    """A record against a whole branch and a unit whose own name names that branch
    ('COLOMBIAN POLICE CARABINEROS' / 'National Police of Colombia'): relation parent; the
    other way round (the recipient is the branch), subunit. Always review."""
    qv: list[int] = []
    cv: list[int] = []
    how: list[str] = []
    for units, branches, method, flip in (
        (q, c, "branch_parent", False),
        (c, q, "branch_subunit", True),
    ):
        # names as written, not their parents (parents already give hierarchy rows)
        only = _branch_only(branches) & branches["role"].eq("same").to_numpy()
        if not only.any():
            continue
        index: dict[tuple[str, str], list[int]] = {}
        for at in np.flatnonzero(only).tolist():
            country = branches["country"].iat[at]
            home = "" if _missing(country) else str(country)
            index.setdefault((home, branches["branches"].iat[at]), []).append(at)
        # a unit's branches: those it names, and those its arms, unit types and branches
        # belong to (a marine brigade, an air wing, the marines)
        arm_branch = vocabulary().arm_branches
        own = [set(b.split()) for b in units["branches"].tolist()]
        named = [
            b | {arm_branch[w] for w in f"{arms} {types} {' '.join(b)}".split() if w in arm_branch}
            for b, arms, types in zip(
                own, units["arms"].tolist(), units["unit_types"].tolist(), strict=True
            )
        ]
        has = np.fromiter((bool(n) for n in named), dtype=bool, count=len(named))
        # ... a branch within another branch ('Colombian Marine' / 'Armada de Colombia') too
        within = np.fromiter((n > b for n, b in zip(named, own, strict=True)), dtype=bool)
        is_unit = (~_branch_only(units) | within) & has & units["role"].eq("same").to_numpy()
        for j in np.flatnonzero(is_unit).tolist():
            country = units["country"].iat[j]
            home = "" if _missing(country) else str(country)
            for b in sorted(named[j]):
                for i in index.get((home, b), []) + (index.get(("", b), []) if home else []):
                    qv.append(i if flip else j)
                    cv.append(j if flip else i)
                    how.append(method)
    return qv, cv, [1.0] * len(qv), how


def _key_pairs(
    q: pd.DataFrame,
    c: pd.DataFrame,
    col: str,
    cutoff: float,
    scorer: Any = fuzz.ratio,
    rescore: str = "",
) -> PairLists:
    """Variant pairs whose `col` strings are similar within a country block (sorted tokens,
    names in order); `rescore`: a column whose plain similarity is the raw score (the names
    as written, when `col` is their sound key)."""
    qi, ci = _index(q, col), _index(c, col)
    qv: list[int] = []
    cv: list[int] = []
    raw: list[float] = []
    method: list[str] = []
    qr = q[rescore].tolist() if rescore else []
    cr = c[rescore].tolist() if rescore else []
    for (country, qkey), (ccountry, ckey), score in fuzzy_pairs(list(qi), list(ci), cutoff, scorer):
        for i in qi[(country, qkey)]:
            for j in ci[(ccountry, ckey)]:
                got = fuzz.ratio(qr[i], cr[j]) / 100.0 if rescore else score
                qv.append(i)
                cv.append(j)
                raw.append(got)
                method.append("exact" if got == 1.0 else "fuzzy_tokens")
    return qv, cv, raw, method


ATOMS_SCORE = 0.95


def _atom_pairs(q: pd.DataFrame, c: pd.DataFrame) -> PairLists:
    """Unit names whose keys differ only in how words group into terms: an English rendering
    that puts a word inside a term ('Special Counternarcotics Force' / 'Fuerza Especial de
    Lucha contra el Narcotráfico': special_force). Same words, so ATOMS_SCORE."""
    qa, ca = _atoms(q), _atoms(c)
    qi = _index(q.assign(atoms=qa), "atoms")
    ci = _index(c.assign(atoms=ca), "atoms")
    qk, ck = q["key"].tolist(), c["key"].tolist()
    qv: list[int] = []
    cv: list[int] = []
    for (country, atoms), rows in qi.items():
        for j in ci.get((country, atoms), []) + (ci.get(("", atoms), []) if country else []):
            for i in rows:
                if qk[i] != ck[j]:
                    qv.append(i)
                    cv.append(j)
    return qv, cv, [ATOMS_SCORE] * len(qv), ["fuzzy_tokens"] * len(qv)


def _atoms(v: pd.DataFrame) -> list[str]:
    """The key's words with multi-word terms taken apart, sorted ('' for a name that is not a
    unit's)."""
    out = []
    for key, unit in zip(v["key"].tolist(), v["security"].tolist(), strict=True):
        out.append(" ".join(sorted(key.replace("_", " ").split())) if unit else "")
    return out


def _core_pairs(q: pd.DataFrame, c: pd.DataFrame) -> PairLists:
    """Numbered unit names equal but for arm and branch words ('3ra. B.I.' / '3rd BDE'), or
    whose words are all in the other's, with the same number and unit type ('Batallón 21' /
    'Batallón de Infantería No. 21 Pantano de Vargas': the honorific name is often left out).
    The arm, branch and word checks then weigh the difference."""
    qv: list[int] = []
    cv: list[int] = []
    qi, ci = _index(q, "core"), _index(c, "core")
    for (country, core), rows in qi.items():
        for j in ci.get((country, core), []) + ci.get(("", core), []):
            qv.extend(rows)
            cv.extend([j] * len(rows))
    same = set(zip(qv, cv, strict=True))
    n_same = len(qv)
    # the strict-part pairs: grouped by country, numbers and unit types, so only names that
    # already agree on those are compared
    qg, cg = _unit_groups(q), _unit_groups(c)
    words = _word_set
    for (country, ident), qrows in qg.items():
        crows = cg.get((country, ident), []) + (cg.get(("", ident), []) if country else [])
        for i, qcore, qarms in qrows:
            for j, ccore, carms in crows:
                if qcore == ccore:
                    continue
                qset, cset, qa, ca = words(qcore), words(ccore), words(qarms), words(carms)
                # the longer name adds words, never loses the shorter one's arm ('Transport
                # Wing 11' is not 'Combat Wing 11')
                part = (qset < cset and qa <= ca) or (cset < qset and ca <= qa)
                if part and (i, j) not in same:
                    qv.append(i)
                    cv.append(j)
    n_part = len(qv) - n_same
    raw = [1.0] * n_same + [NUMBERED_PART] * n_part
    return qv, cv, raw, ["exact"] * n_same + ["fuzzy_tokens"] * n_part


@lru_cache(maxsize=65536)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


Group = list[tuple[int, str, str]]


def _unit_groups(v: pd.DataFrame) -> dict[tuple[str, str], Group]:
    """(country, 'numbers|unit types') -> (variant row, core, arms) for numbered units."""
    out: dict[tuple[str, str], Group] = {}
    cols = zip(
        v["country"].tolist(),
        v["core"].tolist(),
        v["numbers"].tolist(),
        v["unit_types"].tolist(),
        v["arms"].tolist(),
        strict=True,
    )
    origins = v["origin"].tolist()
    for i, (country, core, nums, types, arms) in enumerate(cols):
        if core and types and origins[i] != "cell":
            key = ("" if _missing(country) else str(country), f"{nums}|{types}")
            out.setdefault(key, []).append((i, core, arms))
    return out


def _parent_branches(v: pd.DataFrame, parent_role: str) -> pd.Series:
    """For each variant row, the branches its row's parent names ('ARC-DISAN': ARC = Armada,
    the navy), or, for a cell that names one unit, the whole cell ('GAULA de la Policía
    Nacional, Antioquia': its part 'Antioquia' is the police's), so a unit is not taken for
    the like-named unit of another branch."""
    own = v["role"].eq(parent_role) | ~v["several"].astype(bool)
    multi = v["id"].duplicated(keep=False)  # a name of one variant has no other to lend it
    lends = v["lends"].astype(bool)
    par = v.loc[own & multi & lends & v["branches"].ne(""), ["id", "branches"]].drop_duplicates()
    if par.empty:
        return pd.Series("", index=v.index, dtype="object")
    joined: dict[object, str] = {}
    for i, b in zip(par["id"].tolist(), par["branches"].tolist(), strict=True):
        joined[i] = f"{joined[i]} {b}" if i in joined else b  # the checks read a set of words
    return v["id"].map(joined).fillna("").astype("object")


def _sounded(ordered: pd.Series) -> pd.Series:
    """The sound key of each name compared in written order ('' for units)."""
    keys = {t: " ".join(sounds(tuple(t.split()))) for t in ordered.unique() if t}
    keys[""] = ""
    return ordered.map(keys).astype("object")


def _cell_numbers(v: pd.DataFrame) -> dict[str, str]:
    """The numbers of each cell with parts, read from its whole text."""
    cells = v[v["origin"].eq("cell") & v["role"].eq("same")]
    return dict(zip(cells["name"].astype(str), cells["numbers"], strict=True))


def _whole(names: pd.Series, cells: dict[str, str], own: pd.Series) -> pd.Series:
    got = names.astype(str).map(cells).astype(object)
    return got.where(got.notna(), own.astype(object))


def _numbers_clash(pairs: pd.DataFrame, q: pd.DataFrame, c: pd.DataFrame) -> pd.Series:
    """Parts without a number that match while their whole cells give other numbers ('IV
    Contingente ING Perú - MINUSCA' / 'V Contingente ... - MINUSCA': the mission is shared, the
    unit is not)."""
    qn = _whole(pairs["q_name"], _cell_numbers(q), pairs["q_numbers"])
    cn = _whole(pairs["c_name"], _cell_numbers(c), pairs["c_numbers"])
    unnumbered = pairs["q_numbers"].eq("") | pairs["c_numbers"].eq("")
    return qn.ne("") & cn.ne("") & qn.ne(cn) & unnumbered & pairs["q_role"].eq("same")


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
    edges = _all_edges(aliases)
    q = _variants(queries, "qid", "parent", edges)
    c = _variants(candidates, "cid", "cparent", edges)
    kinds = candidates.set_index("cid")["name_kind"]
    c = c.assign(name_kind=c["id"].map(kinds.to_dict()).fillna("primary"))
    prof = profiles(pd.concat([q["part"], c["part"]], ignore_index=True))
    q, c = _with_profiles(q, prof), _with_profiles(c, prof)
    q = q.assign(context=_parent_branches(q, "parent"))
    c = c.assign(context=_parent_branches(c, "cparent"))
    # persons and companies are also compared in written order: sorting tokens would move a
    # typo in a first letter ('Ignacio' / 'Ygnacio') to another place
    q = q.assign(ordered=q["norm"].where(~q["security"], ""))
    c = c.assign(ordered=c["norm"].where(~c["security"], ""))
    # ... and by their sound ('CARRIZALEZ RENGIFO, Ramon Alonso' / 'Ramón Carrizales')
    q = q.assign(sounded=_sounded(q["ordered"]))
    c = c.assign(sounded=_sounded(c["ordered"]))
    found = [
        _key_pairs(q, c, "key", bands.review),
        _key_pairs(q, c, "ordered", bands.review),
        _acronym_pairs(q, c),
        _syllable_pairs(q, c),
        _core_pairs(q, c),
        _atom_pairs(q, c),
        _honor_pairs(q, c),
        _branch_pairs(q, c),
        _generic_pairs(q, c),
        _name_only_pairs(q, c),
        # person and company names whose words all appear in the other ('MORENO, Fidel' /
        # 'MORENO BRIONES, Fidel Antonio'): the scorer's word checks decide how far they go
        _key_pairs(q, c, "ordered", SUBSET_CUTOFF, fuzz.token_set_ratio, rescore="ordered"),
        _key_pairs(q, c, "sounded", SUBSET_CUTOFF, fuzz.token_set_ratio, rescore="ordered"),
        # ... and that share their telling words, however far apart their spellings are
        word_pairs(q, c),
    ]
    pairs = pd.DataFrame(
        {
            "qv": np.fromiter(chain.from_iterable(f[0] for f in found), dtype=np.int64),
            "cv": np.fromiter(chain.from_iterable(f[1] for f in found), dtype=np.int64),
            "raw": np.fromiter(chain.from_iterable(f[2] for f in found), dtype=float),
            "method": list(chain.from_iterable(f[3] for f in found)),
        }
    )
    if pairs.empty:
        return _empty()
    pairs = pairs.join(q.add_prefix("q_"), on="qv").join(c.add_prefix("c_"), on="cv")
    both_parent = pairs["q_role"].eq("parent") & pairs["c_role"].eq("cparent")
    pairs = pairs[~both_parent]
    pairs = adjust(pairs)
    pairs = pairs.assign(score=pairs["score"].where(~_numbers_clash(pairs, q, c), 0.0))
    # a record against the whole branch (or a recipient that is the branch): always review,
    # whatever the unit words say
    whole = pairs["method"].isin(_BRANCH_METHODS)
    pairs = pairs.assign(score=pairs["score"].where(~whole, BRANCH_SCORE))
    pairs = pairs[pairs["score"] >= bands.review]
    if pairs.empty:
        return _empty()
    relation = np.select(
        [
            pairs["q_role"].eq("parent") | pairs["method"].eq("branch_parent"),
            pairs["c_role"].eq("cparent") | pairs["method"].eq("branch_subunit"),
        ],
        ["parent", "subunit"],
        "same",
    )
    pairs = pairs.assign(
        relation=relation,
        rel_rank=(relation != "same").astype(int),
        method_rank=pairs["method"].map(
            {
                "exact": 0,
                "acronym": 1,
                "fuzzy_tokens": 2,
                "own_name": 2,
                "generic": 3,
                "name_only": 3,
                "branch_parent": 3,
                "branch_subunit": 3,
            }
        ),
    )
    # the unit itself matching in the high band tells more than its parent matching
    # ('COLOMBIAN NAVY, COAST GUARD' / 'Cuerpo de Guardacostas de la Armada Nacional')
    pairs = pairs.assign(own_high=pairs["score"].ge(bands.high).to_numpy() & (relation == "same"))
    best = pairs.sort_values(
        ["q_id", "c_id", "own_high", "score", "rel_rank", "method_rank"],
        ascending=[True, True, False, False, True, True],
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
