"""Pair scoring: rapidfuzz over distinct normalized keys per country block, chunked, then
vectorized checks on numbers, unit types, arms and branches."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

from conditionality.matching.normalize import profile_list
from conditionality.matching.phonetic import sound, sounds
from conditionality.matching.split import split_cell
from conditionality.matching.vocab import tokens, vocabulary

# Score given to a name matching the initials of the other ('PNC' / 'Policía Nacional Civil').
ACRONYM_SCORE = 0.95
# ... with two neighbouring letters swapped ('CFGM' / Comando General de las Fuerzas
# Militares): a typo of the acronym, or another one; review
ACRONYM_TYPO_SCORE = 0.82  # apart from SYLLABLE_SKIP_SCORE, so the explanation can tell
# A short name of 4+ letters read as the first letters of each word of the other ('SEDENA' /
# 'SEcretaría de la DEfensa NAcional', 'CACOM 1'); with one word left out ('CESAC': Cuerpo
# Especializado de Seguridad Aeroportuaria y [Aviación] Civil) it is review.
SYLLABLE_SCORE = 0.92
SYLLABLE_SKIP_SCORE = 0.8
# Multipliers for disagreements the token similarity does not see. A number on both sides that
# differs disqualifies ('3rd' vs '5th Infantry Battalion').
NUMBER_ONE_SIDED = 0.9
COMPANY_NUMBER_ONE_SIDED = 0.85  # 'RIM GROUP PROPERTIES' / '... II CORP.'
TYPE_DIFF = 0.8  # brigade vs battalion
TYPE_ONE_SIDED = 0.95
ARM_DIFF = 0.6  # infantry vs artillery (arm words are not in the compared key)
ARM_ONE_SIDED = 0.93
# ... unless the arm one of them names is not infantry: 'Segunda Brigada de Policía Militar'
# is not 'the 2nd Brigade' as a matter of course (review)
ARM_ONE_SIDED_SPECIAL = 0.85
DEFAULT_ARM = "infantry"
BRANCH_DIFF = 0.7  # army vs navy
BRANCH_ONE_SIDED = 0.92  # '7th Division' vs '7a División del Ejército'
BRANCH_LOOSE = 0.85  # 'military' against 'army' or 'air force': review
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
# ... and the words they share are generic business words only ('CONSTRUCTORA H.L.P.' /
# 'CONSTRUCTORA H.L.T.'): other companies
OTHER_NAME = 0.8
# Units paired through a word of their own name (raw 1.0) where each also has words the other
# lacks ('... Mazamari' / '... Piura'): the fuzzy similarity that would weigh them is not used.
OWN_WORDS_DIFF = 0.8
# A person or company name whose words all appear in the other, longer name ('MORENO, Fidel' /
# 'MORENO BRIONES, Fidel Antonio'), sharing at least two words and half of the longer one's:
# the same entity written shorter, or a relative; at least this score (review).
SUBSET_FLOOR = 0.8
# ... unless the shorter name is the longer one written shorter, by a rule of how such names are
# written: a person's given names within the other's given names and surnames within the
# other's surnames (a married name 'DE CABELLO' aside), the first surname the same; or a
# company name whose extra words are only generic business words ('Importadora y Exportadora
# Lorenzana' / 'Importadora Lorenzana, S.A.'): at least this score (high).
SUBSET_HIGH = 0.92
# Both list cells name the same parts, or the parts of one are all among the other's ('NCO
# Academy, Madrid' / 'NCO Academy, Madrid, Cundinamarca'): the cells name one unit, so the
# BOTH_PARTS cut is replaced by this one for a cell with more parts (1.0 when equal).
MORE_PARTS = 0.95
# A unit named after a person ('Coronel Hernán Acosta Mejía'): named after another person, it
# is another unit; only one of the names gives the person: the same unit written shorter, or
# another unit of that type (a country has several air bases), so review, unless both give
# the unit's number ('Batallón de Artillería No. 4 Coronel ...' / 'Batallón de Artillería 4').
HONOR_DIFF = 0.6
HONOR_ONE_SIDED = 0.85
# ... unless the unit is named by its number too, or is of a kind a branch has one of
# (`unique_unit_types.csv`: its academy, war college, headquarters, staff), or is a brigade,
# division, regiment, command or school of one special arm with no number on either side
# ('Brigada de Paracaidistas [General Felipe Cruz]')
HONOR_ONE_SIDED_NUMBERED = 0.97
# A numbered unit whose words are all in the other's, with the same number and unit type
# ('Batallón 21' / 'Batallón de Infantería No. 21 Pantano de Vargas'): high, not equal.
NUMBERED_PART = 0.95
SUBSET_CUTOFF = 0.99  # token-set similarity that finds such pairs
# The words agree and the only doubts are what one name leaves unsaid (a number, arm, branch,
# the person a unit is named after): these doubts multiply, but never below this score, since
# a unit that cannot be told apart must be looked at ('Army Academy' / 'Academia Militar Gral.
# Francisco Morazán': one leaves out the person, and 'militar' is only loosely the army).
ONE_SIDED_FLOOR = 0.8
ONE_SIDED_RAW = 0.95
# 'Army Aviation Brigade' / 'Brigada de Aviación del Ejército No. 15 Paquisha': a unit named
# only by its kind may be any unit of that kind with a number or name of its own; review.
GENERIC_SCORE = 0.8  # how alike the compared words must be for the floor
# 'Xatruch' / 'Fuerza de Tarea Conjunta Xatruch': a unit written by its own name alone, the
# other's only words of its own; the lowest high score, and the explanation says so.
NAME_ONLY_SCORE = 0.9
# Units of one kind with the same name of their own, one leaving out its number or arm ('Batallón
# La Popa' / 'Batallón de Artillería No. 2 La Popa'): high, and the explanation says what differs.
OWN_NAME_SAME = 0.92
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


MILITARY = "military"  # 'militar': the armed forces, or their land and air side
LAND_AND_AIR = frozenset({"military", "army", "air_force", "armed_force"})


@lru_cache(maxsize=65536)
def _set_relation(a: str, b: str) -> int:
    """0 the same (or a side empty), 1 one is a strict part of the other, 2 they differ, 3
    'military' against the army or the air force (BRANCH_LOOSE)."""
    if a == b or not a or not b:
        return 0
    sa, sb = set(a.split()), set(b.split())
    if sa < sb or sb < sa:
        return 1
    # 'Academia Militar' may be the army's ('Army Academy') or the air force's; a naval or
    # police unit it is not
    if sa == {MILITARY} and sb <= LAND_AND_AIR or sb == {MILITARY} and sa <= LAND_AND_AIR:
        return 3
    return 2


def _disagree(a: pd.Series, b: pd.Series, sets: bool) -> tuple[np.ndarray, np.ndarray]:
    """(both present and different, exactly one present or one a part of the other)."""
    av, bv = a.to_numpy(dtype=object), b.to_numpy(dtype=object)
    ha, hb = av != "", bv != ""
    if not sets:
        return ha & hb & (av != bv), ha ^ hb
    rel = np.fromiter(
        (_set_relation(x, y) for x, y in zip(av, bv, strict=True)), dtype=np.int8, count=len(av)
    )
    return rel == 2, (ha ^ hb) | (rel == 1) | (rel == 3)


@lru_cache(maxsize=65536)
def _unmatched(
    a: tuple[str, ...], b: tuple[str, ...]
) -> tuple[frozenset[str], frozenset[str], int]:
    """(words of a with no like word in b, words of b with none in a, distinct shared words)."""
    none: frozenset[str] = frozenset()
    if a == b:
        return none, none, len(set(a))
    # words spaced another way ('LOLA LOLITA' / 'LOLALOLITA'), maybe with a typo; the same
    # number of words is compared word by word ('MARIELA' / 'MARIA' is another name)
    joined = fuzz.ratio("".join(a), "".join(b))
    if joined == 100 or (len(a) != len(b) and joined >= 95):
        return none, none, len(set(a))

    def lone(xs: tuple[str, ...], ys: tuple[str, ...]) -> set[str]:
        return {x for x in xs if not any(_alike(x, y) for y in ys)}

    ua, ub = lone(a, b), lone(b, a)
    return frozenset(ua), frozenset(ub), len(set(a) - ua)


Person = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # given, surnames, married


def _person_fits(a: Person, b: Person) -> bool:
    """One person name is the other written shorter (see SUBSET_HIGH)."""
    (ga, sa, ma), (gb, sb, mb) = a, b
    if not (ga and sa and gb and sb) or not _surname_alike(sa[0], sb[0]):
        return False
    if not (_names_within(ga, gb) or _names_within(gb, ga)):
        return False
    # a later surname may be spelt another way ('KELLY' / 'KELLEY'): the first must agree
    # (the first surname agreed above, maybe with a typo: 'ARRIOLA' / 'ARREOLA')
    rest_a = tuple(x for x in sa[1:] if x not in ma)
    rest_b = tuple(x for x in sb[1:] if x not in mb)
    return _names_within(rest_a, sb) or _names_within(rest_b, sa)


# Person names whose words are the same by their Spanish sound key ('VASQUEZ, Cristhian' /
# 'VAZQUEZ, Christian'): OFAC lists such spellings as a.k.a. of one person.
SOUND_SAME = 0.93
GIVEN_ALIKE = 85  # 'Cristhian' / 'Cristhiam'; not 'Mario' / 'Maria' (80), likely relatives


def _surname_alike(x: str, y: str) -> bool:
    """The first surnames agree, or a long one has a typo ('MALHERBE' / 'MALMERBE')."""
    if x == y or min(len(x), len(y)) < 6 or x[0] != y[0]:
        return x == y
    return fuzz.ratio(x, y) >= GIVEN_ALIKE or Levenshtein.distance(x, y) == 1


def _names_within(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Every given name of `a` is among `b`'s, allowing a one-letter spelling difference."""
    return all(
        x in b or any(x[0] == y[0] and fuzz.ratio(x, y) >= GIVEN_ALIKE for y in b) for x in a
    )


def _readings(
    person_order: bool, given: tuple[str, ...], surnames: tuple[str, ...], married: tuple[str, ...]
) -> list[Person]:
    """The (given, surnames, married) readings of a name: its own for 'LAST, First', else each
    split of its words written in order ('Fidel Antonio | Moreno Briones')."""
    if person_order:
        return [(given, surnames, married)]
    words = given  # the caller passes the words of a name written in order
    return [(words[:k], words[k:], married) for k in range(1, len(words))]


def _same_person(
    qo: bool, q: Person, qwords: tuple[str, ...], co: bool, c: Person, cwords: tuple[str, ...]
) -> bool:
    """SUBSET_HIGH for persons: at least one name is 'LAST, First'; a name written in order is
    read at every split of its 2-6 words. Words are compared by their sound key."""
    abbr = vocabulary().given_abbr
    if not (qo or co):
        # both written in order ('Rafael Caro' / 'Rafael Caro Quintero'): the shorter is the
        # longer with words left out, in order, from the same first given name on
        a = tuple(abbr.get(w, w) for w in qwords)
        b = tuple(abbr.get(w, w) for w in cwords)
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        return (
            2 <= len(short) < len(long_) <= 6
            and short[0] == long_[0]
            and _in_order(short, long_)
            # not the two given names of a longer name alone ('Juan Orlando' / 'Juan Orlando
            # Hernández Alvarado')
            and not (len(short) == 2 and len(long_) >= 4 and short[1] == long_[1])
        )
    q, c = _sounding(_given_written_out(q)), _sounding(_given_written_out(c))
    qwords = sounds(tuple(abbr.get(w, w) for w in qwords))
    cwords = sounds(tuple(abbr.get(w, w) for w in cwords))
    if not qo and not 2 <= len(qwords) <= 6 or not co and not 2 <= len(cwords) <= 6:
        return False
    qr = _readings(qo, *(q if qo else (qwords, (), q[2])))
    cr = _readings(co, *(c if co else (cwords, (), c[2])))
    return any(
        _person_fits(x, y) and _given_told(not qo, x, y) and _given_told(not co, y, x)
        for x in qr
        for y in cr
    )


def _given_told(in_order: bool, a: Person, b: Person) -> bool:
    """A name written in order, read with a given name more than the other gives, keeps all
    the other's surnames ('Gustavo Enrique González López' / 'GONZALEZ LOPEZ, Gustavo'); else
    the word is a surname ('Herbert Saca Méndez' is not 'MENDEZ FLORES, Herbert')."""
    if not in_order or _names_within(a[0][1:], b[0]):
        return True
    return _names_within(b[1], a[1])


# Person names whose words pair up only as near spellings, a given name less alike than
# GIVEN_ALIKE ('Mario' / 'María', 'Iván' / 'Ivón'): another person of the same family as
# often as a typo, so at most this score (review). Surnames with a typo are not cut.
RELATIVE_SCORE = 0.8


def _given_differ(
    qo: bool, q: Person, qwords: tuple[str, ...], co: bool, c: Person, cwords: tuple[str, ...]
) -> tuple[str, str] | None:
    """A given name of one has no given name in the other that sounds the same, and its
    nearest is less alike than GIVEN_ALIKE (see RELATIVE_SCORE). Given names are known for a
    'LAST, First' name; a name written in order starts with as many as the other has."""
    if not (qo or co) or "".join(qwords) == "".join(cwords):  # 'Vitel Homme' / 'Vitelhomme'
        return None
    if qo and co and set(q[0]) == set(c[1]) and set(q[1]) == set(c[0]):
        return None  # 'JORGE JESUS, Rodriguez Gomez': the parts entered the wrong way round
    abbr = vocabulary().given_abbr
    if qo and co:  # one's given names all among the other's, in order: the other adds one
        # ('GUADALUPE' / 'Ma. Guadalupe'); _same_person then compares the surnames
        wq, wc = tuple(abbr.get(w, w) for w in q[0]), tuple(abbr.get(w, w) for w in c[0])
        if wq and wc and (_in_order(wq, wc) or _in_order(wc, wq)):
            return None
    if qo != co:  # the 'LAST, First' name's given names all among the other's words, in
        # order: the other adds a given name ('GUADALUPE' / 'Ma. Guadalupe Fernández')
        given, other = (q[0], cwords) if qo else (c[0], qwords)
        if given and _in_order(given, tuple(abbr.get(w, w) for w in other)):
            return None
    gq = q[0] if qo else qwords[: len(c[0])]
    gc = c[0] if co else cwords[: len(q[0])]
    wq, wc = tuple(abbr.get(w, w) for w in gq), tuple(abbr.get(w, w) for w in gc)
    for xs, ys in ((wq, wc), (wc, wq)):
        heard = {sound(y) for y in ys}
        for x in xs:
            if x in ys:
                continue
            if fem := next((y for y in ys if _feminine_of(x, y)), ""):
                return x, fem  # 'Daniel' / 'Daniela': a brother and a sister
            if sound(x) in heard or any(_spelling_variant(x, y) for y in ys):
                continue
            # as written or as heard ('Willian' / 'William' is a typo, 'Mario' / 'María' not)
            score, y = max(
                ((max(fuzz.ratio(x, y), fuzz.ratio(sound(x), sound(y))), y) for y in ys),
                default=(0.0, ""),
            )
            if score < GIVEN_ALIKE:
                return x, y
    return None


def _feminine_of(x: str, y: str) -> bool:
    """One given name is the other's feminine form with a last 'a' added ('Daniel' /
    'Daniela', 'Manuel' / 'Manuela')."""
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return len(short) >= 4 and long_ == short + "a" and short[-1] not in "aeiou"


def _in_order(xs: tuple[str, ...], ys: tuple[str, ...]) -> bool:
    """Every word of xs in ys, in the same order."""
    it = iter(ys)
    return all(x in it for x in xs)


# vowels that transliterations of one name swap ('Ayman' / 'Aymen', 'Samir' / 'Samer')
_VOWEL_SWAPS = frozenset({frozenset("ae"), frozenset("ei")})
_M_N = frozenset("mn")


def _spelling_variant(x: str, y: str) -> bool:
    """Spellings of one given name: an inner vowel of a 5+ letter name transliterated another
    way, a last 'm' / 'n', or two neighbouring letters swapped ('Saied' / 'Saeid'). Not
    another last letter ('Mario' / 'Maria') or another vowel ('Iván' / 'Ivón'): likely
    relatives."""
    if len(x) != len(y) or len(x) < 4:
        return False
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    if len(diff) == 1:
        i = diff[0]
        if i == len(x) - 1:  # a last 'm' heard as 'n' ('Naím' / 'Nain', 'Joaquim' / 'Joaquín')
            return frozenset(x[i] + y[i]) == _M_N
        if len(x) >= 6 and 1 < i < len(x) - 1:  # a long name's inner letter ('Midiam' / 'Miriam')
            return True
        return len(x) >= 5 and 0 < i < len(x) - 1 and frozenset(x[i] + y[i]) in _VOWEL_SWAPS
    i, j = diff if len(diff) == 2 else (0, 0)
    return j == i + 1 and x[i] == y[j] and x[j] == y[i]


def _given_reordered(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same two or more given names in another order: the first is the name a person goes
    by, so siblings are named so ('Eduardo Ramón' / 'Ramón Eduardo Arellano Félix')."""
    return len(a) >= 2 and a != b and sorted(a) == sorted(b)


def _given_written_out(p: Person) -> Person:
    """Given names with their conventional abbreviations written out ('Ma.' -> 'maria')."""
    abbr = vocabulary().given_abbr
    return tuple(abbr.get(w, w) for w in p[0]), p[1], p[2]


def _sounding(p: Person) -> Person:
    return sounds(p[0]), sounds(p[1]), sounds(p[2])


def _initials_read(
    a: tuple[str, ...], b: tuple[str, ...], pa: Person, pb: Person
) -> tuple[tuple[str, ...], tuple[str, ...], Person, Person]:
    """A one-letter name is the other name's one word with that first letter ('Maria A' /
    'Maria Alejandrina'); with no word of the other left for it, it is left out ('Nathaniel
    F.' / 'Nathaniel'); else it stays, and tells them apart ('Jorge A.' / 'Jorge Luis')."""
    if not any(len(w) == 1 for w in (*a, *b)):
        return a, b, pa, pb
    ra, rb = _initials_for(a, b), _initials_for(b, a)

    def read(words: tuple[str, ...], r: dict[str, str]) -> tuple[str, ...]:
        return tuple(r.get(w, w) for w in words if r.get(w, w))

    def read_person(p: Person, r: dict[str, str]) -> Person:
        return read(p[0], r), read(p[1], r), p[2]

    return read(a, ra), read(b, rb), read_person(pa, ra), read_person(pb, rb)


def _initials_for(xs: tuple[str, ...], ys: tuple[str, ...]) -> dict[str, str]:
    """What each one-letter word of xs stands for in ys ('' = left out; see _initials_read)."""
    free = [y for y in ys if len(y) > 1 and y not in xs]
    out: dict[str, str] = {}
    for x in dict.fromkeys(w for w in xs if len(w) == 1 and w not in ys):
        fits = [y for y in free if y[0] == x]
        if len(fits) == 1:
            out[x] = fits[0]
            free.remove(fits[0])
        elif not free:
            out[x] = ""
    return out


def _generic_extra(a: tuple[str, ...], b: tuple[str, ...], generic: frozenset[str]) -> bool:
    """SUBSET_HIGH for companies: the longer name adds only generic business words."""
    sa, sb = set(a), set(b)
    short, long_ = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return short < long_ and long_ - short <= generic and bool(short - generic)


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
    company = (pairs["q_company"].astype(bool) | pairs["c_company"].astype(bool)).to_numpy()
    # the name-only pass paired them on their own words already
    acronym = pairs["method"].isin(("acronym", "name_only")).to_numpy()
    own = pairs["method"].eq("own_name").to_numpy()
    out = score.copy()
    notes = [""] * len(out)
    qualifiers = vocabulary().qualifiers
    generic = vocabulary().business
    # place and proper names (and qualifiers) are not vocabulary words
    vocab_words = frozenset(c for c, kind in vocabulary().phrases.values() if kind != "qualifier")
    # a name written in order is read as a person only when all its words are plain words
    qall = _all_plain(pairs, "q")
    call = _all_plain(pairs, "c")
    qo, co = pairs["q_person_order"].to_numpy(dtype=bool), pairs["c_person_order"].to_numpy(bool)
    qp = list(zip(pairs["q_given"], pairs["q_surnames"], pairs["q_married"], strict=True))
    cp = list(zip(pairs["c_given"], pairs["c_surnames"], pairs["c_married"], strict=True))
    qh, ch = pairs["q_honor"].to_numpy(dtype=object), pairs["c_honor"].to_numpy(dtype=object)
    initials = np.zeros(len(out), dtype=bool)
    for i, (a, b) in enumerate(zip(qw, cw, strict=True)):
        if qh[i] or ch[i]:  # 'SOTO CANO Air Force Base': the plain words are the honorific
            a, b = _outside(a, ch[i]), _outside(b, qh[i])
        if acronym[i] or (not a and not b):
            continue
        person = plain[i] and (qo[i] or qall[i]) and (co[i] or call[i]) and not company[i]
        if person:
            read = _initials_read(a, b, qp[i], cp[i])
            initials[i] = read[:2] != (a, b)
            a, b, qp[i], cp[i] = read
        ua, ub, shared = _unmatched(a, b)
        # a similar name with a word more ('Elizabeth HERNANDEZ AMAYA' / 'HERNANDEZ AMAYA, Ena
        # Elizabeth') is written shorter by these rules too: the extra-word cut does not apply
        if person and qo[i] and co[i] and _given_reordered(qp[i][0], cp[i][0]):
            # 'ARELLANO FELIX, Eduardo Ramon' / '..., Ramon Eduardo': brothers
            out[i] = min(out[i], RELATIVE_SCORE)
            notes[i] = "the same given names in another order: a relative?"
            continue
        differ = person and not (ua or ub) and _given_differ(qo[i], qp[i], a, co[i], cp[i], b)
        if differ:
            out[i] = min(out[i], RELATIVE_SCORE)
            notes[i] = f"the given names '{differ[0]}' and '{differ[1]}' differ: a relative?"
            continue
        if plain[i] and not (ua | ub) & qualifiers and (ua or ub or out[i] < SUBSET_HIGH):
            if person and a != b and sorted(sounds(a)) == sorted(sounds(b)):
                out[i] = max(out[i], SOUND_SAME)
                notes[i] = "the names sound the same"
                continue
            if person and _same_person(qo[i], qp[i], a, co[i], cp[i], b):
                out[i] = max(out[i], SUBSET_HIGH)
                notes[i] = "one person name is the other written shorter"
                continue
            if _generic_extra(a, b, generic):
                out[i] = max(out[i], SUBSET_HIGH)
                notes[i] = "the longer name adds only generic business words"
                continue
            # a company's name written shorter ('MUNDO DIGITAL S.A.' / 'SYDITEK MUNDO DIGITAL
            # S.A.'): two or more words that are not generic business words, all in the other
            shorter = set(a if not ua else b)
            if company[i] and not person and not (ua and ub) and len(shorter - generic) >= 2:
                out[i] = max(out[i], SUBSET_HIGH)
                notes[i] = "the shorter company name is all within the longer one"
                continue
        if ua & qualifiers and ub & qualifiers:
            out[i] *= EXTRA_QUALIFIER * EXTRA_QUALIFIER  # 'Norte' / 'Sur': other regions
            notes[i] = "they name other parts or regions"
            continue
        if bool(ua) == bool(ub):
            if ua and plain[i] and not (set(a) - ua) - generic:
                # only generic business words are shared: their own names differ
                out[i] *= OTHER_NAME
                notes[i] = "their own names differ"
            elif ua and company[i] and all(len(w) <= 3 for w in ua | ub):
                # 'INVERSIONES MINERAS H.D.' / '... H.G.': the initials that name the firm
                out[i] *= OTHER_NAME
                notes[i] = "their initials differ"
            elif ua and person:
                # 'FLORES SOTO, Mario' / 'Mario Flores Sotelo': another surname, a namesake
                out[i] = min(out[i] * OTHER_WORD, RELATIVE_SCORE)
                notes[i] = "a name differs: a relative or a namesake?"
            elif ua and plain[i] and company[i]:
                # 'PESQUERA DOÑA MARIELA' / 'PESQUERA DOÑA MARÍA': a firm one word apart
                out[i] *= OTHER_NAME
                notes[i] = "a word of the firm's name differs"
            elif ua and plain[i]:
                out[i] *= OTHER_WORD
                notes[i] = "a word differs"
            elif ua and (own[i] or units[i] and not (ua | ub) & vocab_words):
                # 'Prevention Division ... Mazamari' / '... Piura'; 'Zona Operativa de Defensa
                # Integral Aragua' / '... Central': names of places or their own differ
                out[i] *= OWN_WORDS_DIFF
                notes[i] = "each has words of its own the other lacks"
            elif ua and units[i] and (ua | ub) <= vocab_words:
                # 'Seguridad Portuaria' / 'Seguridad Aeroportuaria': each has a word of what
                # it does that the other lacks
                out[i] *= OWN_WORDS_DIFF
                notes[i] = "each has words the other lacks"
            continue
        if numbered[i]:
            notes[i] = "one has words the other lacks; the number and unit type agree"
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
    for at in np.flatnonzero(initials).tolist():
        notes[at] = "; ".join(filter(None, (notes[at], "an initial stands for a given name")))
    return out, notes


def _outside(words: tuple[str, ...], honor: tuple[str, ...]) -> tuple[str, ...]:
    """The words not alike any word of the other name's honorific."""
    if not honor:
        return words
    return tuple(w for w in words if not any(_alike(w, h) for h in honor))


@lru_cache(maxsize=262144)
def _alike(x: str, y: str) -> bool:
    """One word with a typo (a letter in four at most: not 'Mora' / 'Morena', 'portuaria' /
    'aeroportuaria'), or one stem ('agricola' / 'agricultura')."""
    if x == y or min(len(x), len(y)) >= 5 and x[:5] == y[:5]:
        return True
    typo = Levenshtein.distance(x, y) <= max(1, min(len(x), len(y)) // 4)
    return typo and fuzz.ratio(x, y) >= WORD_ALIKE * 100


@lru_cache(maxsize=65536)
def _honor_factor(
    qh: tuple[str, ...],
    ch: tuple[str, ...],
    qw: tuple[str, ...],
    cw: tuple[str, ...],
    numbered: bool,
) -> tuple[float, str]:
    """HONOR_DIFF / HONOR_ONE_SIDED (see above) for a pair where a side has an honorific; the
    other side's plain words stand for its honorific when it has none."""
    a = qh or tuple(w for w in qw if not any(_alike(w, y) for y in cw))
    b = ch or tuple(w for w in cw if not any(_alike(w, x) for x in qw))
    if not a or not b:
        one = HONOR_ONE_SIDED_NUMBERED if numbered else HONOR_ONE_SIDED
        return one, "only one names the person the unit is named after"
    if any(_alike(x, y) for x in a for y in b) or _initials_of(a, b) or _initials_of(b, a):
        return 1.0, ""
    return HONOR_DIFF, "named after other persons"


def _alias_patrons(pairs: pd.DataFrame, score: np.ndarray, acronym: np.ndarray) -> np.ndarray:
    """HONOR_DIFF for an alias's acronym read in another name when the names as written are
    named after other persons ('EMAVI' = Escuela Militar de Aviación Marco Fidel Suárez, read
    in 'Escuela Militar de Aviación Pedro Pérez')."""
    at = acronym & (pairs["q_origin"].eq("alias") | pairs["c_origin"].eq("alias")).to_numpy()
    if not at.any():
        return score
    qn, cn = pairs["q_name"].to_numpy(dtype=object)[at], pairs["c_name"].to_numpy(dtype=object)[at]
    names = list(dict.fromkeys(str(x) for x in (*qn, *cn)))
    honor = dict(zip(names, (p.honor for p in profile_list(names)), strict=True))
    factors = np.array(
        [
            _honor_factor(honor[str(x)], honor[str(y)], (), (), False)[0]
            if honor[str(x)] and honor[str(y)]
            else 1.0
            for x, y in zip(qn, cn, strict=True)
        ]
    )
    out = score.copy()
    out[at] = out[at] * factors
    return out


def _alias_initials_of_long(pairs: pd.DataFrame, acronym: np.ndarray) -> np.ndarray:
    """Acronym pairs whose short side is an alias of a long name as written, and whose other
    side is a long name written the same way but for an inner word (another unit with the same
    initials; a translation or another wording is left to the acronym)."""
    out = np.zeros(len(pairs), dtype=bool)
    for side, other in (("q", "c"), ("c", "q")):
        at = (
            acronym
            & pairs[f"{side}_origin"].eq("alias").to_numpy()
            & pairs[f"{side}_short"].ne("").to_numpy()
            & pairs[f"{other}_short"].eq("").to_numpy()
            & pairs[f"{other}_origin"].ne("alias").to_numpy()
        )
        if not at.any():
            continue
        via = pairs[f"{side}_via"].to_numpy(dtype=object)[at]
        them = pairs[f"{other}_part"].to_numpy(dtype=object)[at]
        out[np.flatnonzero(at)] = [
            _inner_word_differs(str(x), str(y)) for x, y in zip(via, them, strict=True)
        ]
    return out


def _spelt_otherwise(pairs: pd.DataFrame, acronym: np.ndarray) -> np.ndarray:
    """Acronym pairs whose short side comes from a cell's parentheses after the name whose
    initials it is, and whose other side is a long name unlike that one."""
    out = np.zeros(len(pairs), dtype=bool)
    for side, other in (("q", "c"), ("c", "q")):
        at = np.flatnonzero(
            acronym
            & pairs[f"{side}_origin"].eq("paren").to_numpy()
            & pairs[f"{other}_short"].eq("").to_numpy()
        )
        cells = pairs[f"{side}_name"].to_numpy(dtype=object)[at]
        shorts = pairs[f"{side}_part"].to_numpy(dtype=object)[at]
        others = pairs[f"{other}_part"].to_numpy(dtype=object)[at]
        for k, cell, short, them in zip(at, cells, shorts, others, strict=True):
            out[k] = _spelt_unlike(str(cell), str(short), str(them))
    return out


@lru_cache(maxsize=65536)
def _spelt_unlike(cell: str, short: str, other: str) -> bool:
    m = re.search(r"([^,;/()]+)\(\s*" + re.escape(short) + r"\s*\)", cell)
    if not m:
        return False
    base, them = profile_list([m.group(1).strip(), other])
    letters = re.sub(r"[^a-z]", "", short.lower())
    if not any(a.split(":")[0] == letters for a in base.acronyms):
        return False  # not its initials: another language's acronym, left to the scorer
    return fuzz.token_set_ratio(base.full, them.full) < _SPELT_ALIKE


_SPELT_ALIKE = 80


def _two_known_acronyms(pairs: pd.DataFrame) -> np.ndarray:
    """Pairs of alias variants of two different short names as written."""
    both = (
        pairs["q_origin"].eq("alias")
        & pairs["c_origin"].eq("alias")
        & pairs["q_via"].ne(pairs["c_via"])
    ).to_numpy()
    qv = [str(v) for v in pairs["q_via"].to_numpy(dtype=object)[both]]
    cv = [str(v) for v in pairs["c_via"].to_numpy(dtype=object)[both]]
    names = list(dict.fromkeys(qv + cv))
    short = {n: bool(p.short) for n, p in zip(names, profile_list(names), strict=True)}
    out = np.zeros(len(pairs), dtype=bool)
    out[np.flatnonzero(both)] = [
        short[a] and short[b] and a.strip().lower() != b.strip().lower()
        for a, b in zip(qv, cv, strict=True)
    ]
    # ... as written, too ('DCPJ' / 'DCPA', both in the table)
    known = vocabulary().alias_words
    qs = pairs["q_short"].astype(str).str.replace(r":.*$", "", regex=True)
    cs = pairs["c_short"].astype(str).str.replace(r":.*$", "", regex=True)
    out |= (qs.ne("") & cs.ne("") & qs.ne(cs) & qs.isin(known) & cs.isin(known)).to_numpy()
    return out


@lru_cache(maxsize=65536)
def _inner_word_differs(a: str, b: str) -> bool:
    """'Grupo Aeromóvil de Fuerzas Especiales' / 'Grupo Anfibio de Fuerzas Especiales': the same
    first and last words and as many words, one of them different."""
    stop = vocabulary().stop_always
    x = [w for w in tokens(a) if w not in stop]
    y = [w for w in tokens(b) if w not in stop]
    if len(x) != len(y) or len(x) < 3 or x[0] != y[0] or x[-1] != y[-1]:
        return False
    return sum(u != v for u, v in zip(x, y, strict=True)) == 1


# units a country has one of per special arm when they carry no number
_LARGE_TYPES = frozenset({"brigade", "division", "regiment", "command", "school"})


def _only_described(a: frozenset[str], b: frozenset[str]) -> bool:
    """The same words of their own (outside the vocabulary), one name adding only vocabulary
    words of what the unit does ('reaction', 'immediate')."""
    described = _described_words()
    own_a, own_b = a - described, b - described
    extra = a ^ b
    return bool(own_a) and own_a == own_b and bool(extra) and not extra & vocabulary().qualifiers


@lru_cache(maxsize=1)
def _described_words() -> frozenset[str]:
    """Canonical vocabulary words of kind 'word' (what a unit does: 'reaction', 'security')."""
    return frozenset(c for c, kind in vocabulary().phrases.values() if kind == "word")


_HEAD_TYPES = frozenset({"directorate", "headquarters"})


def _arm_directorate(pairs: pd.DataFrame) -> np.ndarray:
    """An arm of a branch named alone ('Sanidad Ejército', 'Naval Intelligence') and the
    directorate or headquarters of that one arm, with no number or name of its own ('Dirección
    de Sanidad del Ejército', 'Jefatura de Inteligencia Naval'): the arm's head office."""
    qt, ct = pairs["q_unit_types"], pairs["c_unit_types"]
    one_typed = (qt.eq("") & ct.isin(_HEAD_TYPES)) | (ct.eq("") & qt.isin(_HEAD_TYPES))
    bare = [
        pairs[f"{s}_{col}"].str.len().eq(0)
        for s in ("q", "c")
        for col in ("numbers", "words", "honor")
    ]
    return (
        one_typed
        & pairs["q_arms"].eq(pairs["c_arms"])
        & pairs["q_arms"].str.fullmatch(r"[a-z_]+")
        & np.logical_and.reduce(bare)
    ).to_numpy(dtype=bool)


def _person_alone(pairs: pd.DataFrame, side: str, other: str) -> np.ndarray:
    """`side` is a rank and a name only; `other` is a unit that names no person. A rank and a
    name with a branch ('ADMIRAL KILLICK GARDE COTE') name that branch's unit after them."""
    return (
        pairs[f"{side}_honor"].str.len().gt(0)
        & pairs[f"{side}_unit_types"].eq("")
        & pairs[f"{side}_branches"].eq("")
        & pairs[f"{other}_honor"].str.len().eq(0)
        & pairs[f"{other}_unit_types"].ne("")
    ).to_numpy()


def _initials_of(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """'ham' / ('hernan', 'acosta', 'mejia')."""
    return len(short) == 1 and len(long_) >= 2 and short[0] == "".join(w[0] for w in long_)


def _special_arm(q: pd.Series, c: pd.Series) -> np.ndarray:
    """Pairs where the side that names arms names one other than infantry."""
    arms = (q.where(q.ne(""), c)).to_numpy(dtype=object)
    return np.fromiter(
        (bool(set(str(a).split()) - {DEFAULT_ARM}) for a in arms), dtype=bool, count=len(arms)
    )


def _all_plain(pairs: pd.DataFrame, side: str) -> np.ndarray:
    """Names whose normalized words are all plain words (no vocabulary word, no number)."""
    words = pairs[f"{side}_words"].to_numpy(dtype=object)
    norms = pairs[f"{side}_norm"].to_numpy(dtype=object)
    # ... nor a word of what a body is or does ('OSIEL CARDENAS-GUILLEN ORGANIZATION')
    business = vocabulary().business | _vocabulary_words()
    return np.fromiter(
        (
            len(w) == len(str(n).split()) and not set(w) & business
            for w, n in zip(words, norms, strict=True)
        ),
        dtype=bool,
        count=len(words),
    )


@cache
def _vocabulary_words() -> frozenset[str]:
    """The canonical words of the vocabulary's plain 'word' rows ('organization', 'cartel')."""
    return frozenset(c for c, kind in vocabulary().phrases.values() if kind == "word")


@lru_cache(maxsize=65536)
def _cell_keys(cell: str) -> frozenset[str]:
    """The full keys of the parts a list cell names."""
    split = [p for p in split_cell(cell) if p.origin != "whole"]
    parts = list(dict.fromkeys(p.text for p in split))
    return frozenset(p.full for p in profile_list(parts) if p.full)


def _parts_factor(q_cell: str, c_cell: str) -> float:
    """BOTH_PARTS, or MORE_PARTS / 1.0 when one cell's parts are all among the other's."""
    a, b = _cell_keys(q_cell), _cell_keys(c_cell)
    if a == b:
        return 1.0
    if a < b or b < a:
        return MORE_PARTS
    return BOTH_PARTS


# Both cells name a unit and where it is, and the places differ ('NCO Academy, Madrid' /
# 'NCO Academy, Bogotá'; 'Centro de Entrenamiento en Tolemaida' / '... en Melgar'): other
# units, so this factor (below review).
PLACES_DIFF = 0.7


def _places_differ(pairs: pd.DataFrame) -> np.ndarray:
    """PLACES_DIFF: split parts of two cells whose other words, the places, share none."""
    both = (
        pairs["q_origin"].eq("split").to_numpy()
        & pairs["c_origin"].eq("split").to_numpy()
        & ~pairs["q_partial"].astype(bool).to_numpy()
        & ~pairs["c_partial"].astype(bool).to_numpy()
    )
    out = np.zeros(len(pairs), dtype=bool)
    if not both.any():
        return out
    cols = ("q_name", "q_part", "c_name", "c_part")
    rows = zip(*(pairs[c].to_numpy(dtype=object)[both] for c in cols), strict=True)
    out[np.flatnonzero(both)] = [_other_places(*(str(x) for x in r)) for r in rows]
    return out


_PARENS = re.compile(r"\([^()]*\)?")


@lru_cache(maxsize=65536)
def _other_places(q_cell: str, q_part: str, c_cell: str, c_part: str) -> bool:
    v = vocabulary()
    lead = v.lead_ins["member"] | v.lead_ins["former"]

    noise = lead | v.stop_always | v.stop_security | v.known

    def place(cell: str, part: str) -> set[str]:
        # an alias in parentheses is not a place ('... Militar (CATAM)')
        rest = set(tokens(_PARENS.sub(" ", cell))) - set(tokens(part)) - noise
        return {t for t in rest if t.isalpha() and (t,) not in v.phrases}

    a, b = place(q_cell, q_part), place(c_cell, c_part)
    return bool(a and b) and not any(_alike(x, y) for x in a for y in b)


def _branch_of_arm(pairs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(one names no branch and an arm of the branch the other names, ... an arm of another
    branch than the other names), by `arm_branches.csv`."""
    of = vocabulary().arm_implies
    out = np.zeros(len(pairs), dtype=bool)
    elsewhere = np.zeros(len(pairs), dtype=bool)
    for side, other in (("q", "c"), ("c", "q")):
        lone = pairs[f"{side}_branches"].eq("") & pairs[f"{other}_branches"].ne("")
        at = np.flatnonzero(lone.to_numpy())
        arms = pairs[f"{side}_arms"].to_numpy(dtype=object)[at]
        theirs = pairs[f"{other}_branches"].to_numpy(dtype=object)[at]
        for k, a, b in zip(at, arms, theirs, strict=True):
            implied = {of[w] for w in str(a).split() if w in of}
            named = set(str(b).split())
            within = named | {of[w] for w in named if w in of}  # the marines: the navy
            out[k] = bool(implied) and implied == named
            elsewhere[k] = bool(implied) and not implied & within
    return out, elsewhere


def _same_patron(pairs: pd.DataFrame) -> np.ndarray:
    """Both names are after one person named with a rank, their own words agree, and the name
    without a branch names no unit type either: the patron alone ('ADMIRAL KILLICK'), not a
    unit of another kind ('Batallón General Santander' / 'Policía General Santander')."""
    qh, ch = pairs["q_honor"].map(frozenset), pairs["c_honor"].map(frozenset)
    qw, cw = pairs["q_words"].map(frozenset), pairs["c_words"].map(frozenset)
    bare = (pairs["q_branches"].eq("") & pairs["q_unit_types"].eq("")) | (
        pairs["c_branches"].eq("") & pairs["c_unit_types"].eq("")
    )
    return (qh.map(len).gt(0) & (qh == ch) & (qw == cw) & bare).to_numpy()


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
    # an alias's acronym read as the initials of another long name: the names as written
    # decide ('Grupo Aeromóvil de Fuerzas Especiales' = GAFE is not 'Grupo Anfibio de ...')
    score = np.where(_alias_initials_of_long(pairs, acronym), 0.0, score)
    # two acronyms the alias table writes out as two names are two entities ('DCPJ' / 'DCPA':
    # Direction Centrale de la Police Judiciaire / Administrative), however alike the names
    score = np.where(_two_known_acronyms(pairs), 0.0, score)
    # a cell that spells its acronym out as another name ('Centro de Operaciones de Emergencia
    # (COE)' / 'Comando de Operaciones Especiales'): two bodies with the same initials
    spelt = _spelt_otherwise(pairs, acronym)
    score = np.where(spelt, np.minimum(score, ACRONYM_TYPO_SCORE), score)
    notes = notes.where(~spelt, notes + "; the cell spells the acronym out as another name")
    # neither an acronym nor a unit's own name alone carries unit words to compare
    bare = pairs["method"].isin(("acronym", "name_only")).to_numpy()
    # the floor holds where nothing contradicts: no word, number, type, arm or branch differs
    agree = np.ones(len(score), dtype=bool)  # no number, type, arm, branch or person differs
    for col, diff_f, one_f, diff_note, one_note in checks:
        diff, one = _disagree(pairs[f"q_{col}"], pairs[f"c_{col}"], sets=col != "numbers")
        if col != "numbers":
            diff, one = diff & ~bare, one & ~bare
        one_by = np.full(len(score), one_f)
        if col == "numbers":  # a firm with a number more is another firm: review at most
            firm = (pairs["q_company"].astype(bool) | pairs["c_company"].astype(bool)).to_numpy()
            one_by[firm] = COMPANY_NUMBER_ONE_SIDED
        if col == "branches" and one.any():
            loose = np.zeros(len(score), dtype=bool)
            qs, cs = pairs["q_branches"][one], pairs["c_branches"][one]
            loose[one] = [_set_relation(x, y) == 3 for x, y in zip(qs, cs, strict=True)]
            one_by[loose] = BRANCH_LOOSE
        if col == "branches" and one.any():
            # an arm that belongs to a branch names it ('101st Infantry Brigade' / "the army's
            # 101st Brigade")
            implied, other = _branch_of_arm(pairs)
            one_by[implied] = 1.0
            # ... and another branch's unit is not it ("the navy's 101st Brigade")
            one_by[other] = BRANCH_DIFF
            agree &= ~other
            notes = notes.where(~other, notes + "; its arm is another branch's")
            # a patron's name, rank and all, alone names the unit named after them, with or
            # without its branch ('ADMIRAL KILLICK' / 'Base Amiral Killick des Garde-Côtes')
            one_by[_same_patron(pairs)] = 1.0
        if col == "arms":  # a unit named without its arm is most likely an infantry one
            lone = (pairs["q_arms"].eq("") ^ pairs["c_arms"].eq("")).to_numpy()
            # not when the names share a name of their own ('Kaibil School')
            generic = pairs["q_words"].str.len().eq(0) | pairs["c_words"].str.len().eq(0)
            at = lone & generic.to_numpy()
            if at.any():
                special = np.zeros(len(score), dtype=bool)
                special[at] = _special_arm(pairs["q_arms"][at], pairs["c_arms"][at])
                one_by[special] = ARM_ONE_SIDED_SPECIAL
        agree &= ~diff
        score = np.where(diff, score * diff_f, np.where(one, score * one_by, score))
        notes = notes.where(~diff, notes + "; " + diff_note)
        weighed = one & (one_by < 1.0)  # a waived doubt is not a note
        notes = notes.where(~weighed, notes + "; " + one_note)
    # a unit with no branch of its own whose parent names one ('ARC-DISAN'), against a unit
    # of another branch ('Dirección de Sanidad del Ejército')
    qb = pairs["q_branches"].where(pairs["q_branches"].ne(""), pairs["q_context"])
    cb = pairs["c_branches"].where(pairs["c_branches"].ne(""), pairs["c_context"])
    inherited = (pairs["q_branches"].eq("") & pairs["q_context"].ne("")) | (
        pairs["c_branches"].eq("") & pairs["c_context"].ne("")
    )
    rel = np.zeros(len(score), dtype=np.int8)
    at = inherited.to_numpy()
    if at.any():
        rel[at] = [_set_relation(x, y) for x, y in zip(qb[at], cb[at], strict=True)]
    clash, loose = rel == 2, rel == 3
    agree &= ~clash
    score = np.where(clash, score * BRANCH_DIFF, np.where(loose, score * BRANCH_LOOSE, score))
    notes = notes.where(~clash, notes + "; its parent is in another branch")
    notes = notes.where(~loose, notes + "; its parent may be in another branch")
    # the country's own body against a branch's ('Dirección Nacional de Inteligencia' / 'Servicio
    # de Inteligencia del Ejército'): not acronyms, whose expansion is not written
    qn, cn = (
        pairs["q_national"].astype(bool).to_numpy(),
        pairs["c_national"].astype(bool).to_numpy(),
    )
    q_branch, c_branch = qb.ne("").to_numpy(), cb.ne("").to_numpy()
    national = ~bare & ((qn & ~q_branch & c_branch & ~cn) | (cn & ~c_branch & q_branch & ~qn))
    agree &= ~national
    score = np.where(national, score * BRANCH_DIFF, score)
    notes = notes.where(~national, notes + "; one is the country's own body, the other a branch's")
    has_honor = pairs["q_honor"].str.len().gt(0) | pairs["c_honor"].str.len().gt(0)
    named = has_honor.to_numpy() & ~acronym
    if named.any():
        cols = ("q_honor", "c_honor", "q_words", "c_words")
        numbered = pairs["q_numbers"].ne("") & pairs["q_numbers"].eq(pairs["c_numbers"])
        # a unit of a kind a branch has one of, with its other words agreeing, is that unit
        # with or without its patron's name ('Academia Militar [General Francisco Morazán]')
        numbered = numbered | (
            pairs["q_unit_types"].eq(pairs["c_unit_types"])
            & pairs["q_unit_types"].isin(vocabulary().unique_types)
            & pairs["q_branches"].eq(pairs["c_branches"])
            & pairs["q_branches"].ne("")  # whose it is must be said
            & pairs["q_numbers"].eq("")
            & pairs["c_numbers"].eq("")
        )
        # ... and so is a large unit of one special arm with no number on either side ('Brigada
        # de Paracaidistas [General Felipe Cruz]'): a country has one
        numbered = numbered | (
            pairs["q_unit_types"].eq(pairs["c_unit_types"])
            & pairs["q_unit_types"].isin(_LARGE_TYPES)
            & pairs["q_arms"].eq(pairs["c_arms"])
            & pd.Series(_special_arm(pairs["q_arms"], pairs["c_arms"]), index=pairs.index)
            & pairs["q_numbers"].eq("")
            & pairs["c_numbers"].eq("")
        )
        rows = zip(
            *(pairs[col].to_numpy(dtype=object)[named] for col in cols),
            numbered.to_numpy()[named],
            strict=True,
        )
        got = [_honor_factor(*r) for r in rows]
        factors = np.array([g[0] for g in got])
        score[named] = score[named] * factors
        agree[np.flatnonzero(named)[factors == HONOR_DIFF]] = False
        extra = pd.Series("", index=pairs.index, dtype="object")
        extra[named] = ["; " + g[1] if g[1] else "" for g in got]
        notes = notes + extra
        # a person's name alone ('GENERAL MORAZAN') and a unit with that name as a word of its
        # own ('Batallón Morazán'): anything may be named after the person; review
        person_only = named & (_person_alone(pairs, "q", "c") | _person_alone(pairs, "c", "q"))
        score = np.where(person_only, np.minimum(score, HONOR_ONE_SIDED), score)
        notes = notes.where(~person_only, notes + "; one names only the person")
    score = _alias_patrons(pairs, score, acronym)
    parts = (pairs["q_partial"].astype(bool) & pairs["c_partial"].astype(bool)).to_numpy()
    factor = np.ones(len(score))
    if parts.any():
        cells = zip(
            pairs["q_name"].to_numpy()[parts], pairs["c_name"].to_numpy()[parts], strict=True
        )
        factor[parts] = [_parts_factor(str(x), str(y)) for x, y in cells]
    score = score * factor
    places = _places_differ(pairs)
    score = np.where(places, score * PLACES_DIFF, score)
    notes = notes.where(~places, notes + "; the cells name other places")
    cut = factor == BOTH_PARTS
    plain_words = np.asarray(word_notes, dtype=object) == ""
    clear = agree & ~cut & plain_words & (raw >= ONE_SIDED_RAW) & ~acronym
    lifted = clear & (score < ONE_SIDED_FLOOR)
    score = np.where(lifted, ONE_SIDED_FLOOR, score)
    notes = notes.where(~lifted, notes + "; only what one name leaves out tells them apart")
    # a unit's own name and kind agree, and one leaves out its number or arm ('Batallón La
    # Popa' / 'Batallón de Artillería No. 2 La Popa'): that unit, as a numbered unit is with
    # or without its patron
    # ... or words of what it does ('Bat. Atlacatl' / 'Batallón de Infantería de Reacción
    # Inmediata Atlacatl'): the words outside the vocabulary agree
    own_method = pairs["method"].eq("own_name").to_numpy()
    qw, cw = pairs["q_words"].map(frozenset), pairs["c_words"].map(frozenset)
    same_words = (qw == cw).to_numpy()
    described = np.zeros(len(qw), dtype=bool)
    at = np.flatnonzero(own_method)
    described[at] = [
        _only_described(a, b) for a, b in zip(qw.to_numpy()[at], cw.to_numpy()[at], strict=True)
    ]
    own_same = (
        own_method
        & agree
        & ((plain_words & same_words) | described)
        & ~cut
        & pairs["q_unit_types"].eq(pairs["c_unit_types"]).to_numpy()
        & pairs["q_unit_types"].ne("").to_numpy()
        & pairs["q_honor"].str.len().eq(0).to_numpy()
        & pairs["c_honor"].str.len().eq(0).to_numpy()
        # a firm with a number more is another firm ('RIM GROUP PROPERTIES OF NEW YORK II')
        & ~(pairs["q_company"].astype(bool) | pairs["c_company"].astype(bool)).to_numpy()
    )
    lifted = own_same & (score < OWN_NAME_SAME)
    score = np.where(lifted, OWN_NAME_SAME, score)
    notes = notes.where(~lifted, notes + "; the unit's own name and kind agree")
    # a name with no number or name of its own against one of its kind that has them: review
    generic = pairs["method"].eq("generic").to_numpy()
    # ... unless it is a large unit of one special arm and neither has a number: a country
    # has one ('Special Forces Brigade' / 'Brigada de Fuerzas Especiales Kaibil')
    one_of_kind = (
        pairs["q_unit_types"].eq(pairs["c_unit_types"])
        & pairs["q_unit_types"].isin(_LARGE_TYPES)
        & pairs["q_arms"].eq(pairs["c_arms"])
        & pairs["q_numbers"].eq("")
        & pairs["c_numbers"].eq("")
        & pairs["q_branches"].eq(pairs["c_branches"])
    ).to_numpy() & _special_arm(pairs["q_arms"], pairs["c_arms"])
    one_of_kind = one_of_kind | _arm_directorate(pairs)
    generic_score = np.where(one_of_kind, NAME_ONLY_SCORE, GENERIC_SCORE)
    score = np.where(generic, np.where(agree & ~cut, generic_score, 0.0), score)
    notes = notes.where(~generic, "one names no number or name of its own; the other does")
    notes = notes.where(~cut, notes + "; both are parts of list cells")
    more = factor == MORE_PARTS
    notes = notes.where(~more, notes + "; one list cell names more parts")
    return pairs.assign(score=np.round(score, 4), notes=notes.str.lstrip("; "))
