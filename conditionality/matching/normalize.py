"""Name normalization: case, accents, punctuation, ordinals, abbreviations and unit words.

Each distinct name is turned into a profile: its normalized tokens plus the features the scorer
checks (numbers, unit types, arms, branches, acronym keys). Work is per distinct name only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import product
from typing import NamedTuple

import pandas as pd
from rapidfuzz import fuzz, process

from conditionality.matching.split import ORDINAL_SLASH
from conditionality.matching.vocab import vocabulary

# '3rd', '3er', '3ra', '6TA', '1º' (-> '1o'), '1ª' (-> '1a'), '8vo' ...
_ORDINAL_SUFFIX = re.compile(
    r"^(\d+)(st|nd|rd|th|er|ero|era|ra|ro|da|do|ta|to|mo|ma|vo|va|no|na|a|o)$"
)
_LETTERS_DIGITS = re.compile(r"^([a-z]+)(\d+)$")
_RAW_TOKEN = re.compile(r"[a-z0-9?]+")
# 'F.A.M.', 'FF.AA.', 'B.I', 'S.A.' -> one token; not '3ra.' or 'No.'
_DOTTED = re.compile(r"(?<![a-z0-9])((?:[a-z]{1,2}\.)+[a-z]{1,2}\b\.?|(?:[a-z]{1,2}\.){2,})")
_SECURITY_KINDS = frozenset({"unit_type", "arm", "branch"})
# any vocabulary hit marks an institutional name: typo repair and country words apply there
_CONTEXT_KINDS = _SECURITY_KINDS | {"org", "word", "qualifier"}
_TYPO_CUTOFF = 85.0
# the words that tell two names apart: outside the vocabulary, or general words ('north')
_WORD_KINDS = frozenset({"plain", "word", "qualifier", "business", "rank"})


class Profile(NamedTuple):
    """What the scorer needs to know about one normalized name."""

    norm: str  # readable normalized form
    key: str  # sorted tokens, compared with rapidfuzz
    full: str  # sorted tokens, all of them (alias lookup)
    core: str  # unit name without arm and branch words, when it has a number ('3 brigade')
    numbers: str  # sorted distinct numbers/ordinals, space separated
    unit_types: str
    arms: str
    branches: str
    ordinal: bool  # an ordinal was rewritten (3rd, tercer, III, 6TA ...)
    security: bool  # names a security-force unit (has unit, arm or branch words)
    person_order: bool  # 'LAST, First' was turned around
    acronyms: tuple[str, ...]  # initials of the long form, 'letters:numbers'
    short: str  # the name as an acronym ('bim:1') when it is one short token
    # the long form's own words, in order, without stop, country and company words (and
    # without a trailing branch, see `_spelled`): a syllable acronym ('SEDENA', 'CACOM 1')
    # takes the first letters of each (`syllable_skips`)
    spelled: tuple[tuple[str, ...], ...]
    # the person a unit is named after, the plain words after a rank ('Base Aérea Coronel
    # Hernán Acosta Mejía' -> 'hernan', 'acosta', 'mejia'); left out of `key` and `words`
    honor: tuple[str, ...]
    words: tuple[str, ...]  # the words outside the vocabulary, in order ('istmo', 'norte')
    # an OFAC-style 'LAST, First' person name: its given names and surnames ('' otherwise), and
    # the surnames after a 'de' that follows the first one ('CONTRERAS DE CABELLO': a married
    # name, 'cabello'); a name written in order has none (see `name_parts`)
    given: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    married: tuple[str, ...] = ()
    # an acronym and a name of its own ('FTI Tecún Umán' -> 'fti:|tecun uman'), matched against
    # `acronyms` keys of the same form ('Fuerza de Tarea Interinstitucional Tecún Umán')
    named_short: str = ""
    company: bool = False  # a legal form or a business word ('S.A.', 'Importadora')
    # a unit that calls itself national ('Dirección Nacional de Inteligencia'): with no branch,
    # the country's own body, not a branch's ('... del Ejército')
    national: bool = False


def preclean(names: pd.Series) -> pd.Series:
    """Repair mojibake, strip accents, lower-case and join dotted acronyms (vectorized)."""
    s = names.astype("string").fillna("")
    broken = s.str.contains("Ã|Â", regex=True)
    if broken.any():
        s = s.where(~broken, s[broken].map(_fix_mojibake))
    accented = ~s.str.isascii()
    if accented.any():
        # typographic apostrophes are apostrophes ("d’Haïti"), not letters to drop
        fixed = (
            s[accented]
            .str.replace("[’‘]", "'", regex=True)
            .str.replace("[“”«»]", '"', regex=True)
            .str.normalize("NFKD")
            .str.encode("ascii", "ignore")
            .str.decode("ascii")
        )
        s = s.where(~accented, fixed)
    s = s.str.lower().str.replace("&", " and ", regex=False)
    s = s.str.replace(r"^c i (?=[a-z])", "ci ", regex=True)  # 'C I FONDO GLOBAL ...': C.I.
    # the English possessive goes ("Attorney General's Office"); an apostrophe inside a word
    # is part of it ("Vitel'homme" is 'Vitelhomme'), but after one or two letters it elides
    # an article ("d'Haïti", "l'Ordre", "O'Brien") and parts words
    s = s.str.replace(r"(?<=[a-z])'s\b", "", regex=True)
    s = s.str.replace(r"(?<=[a-z]{3})'(?=[a-z])", "", regex=True)
    # 'Battalion 3-16' is 'Batallón 316'
    s = s.str.replace(r"(?<=\d)-(?=\d)", "", regex=True)
    # the Python regexes run only where they can apply (the rest stays in pyarrow)
    slash = s.str.contains("/", regex=False)
    if slash.any():  # '65/o.' -> '65o.'
        s = s.where(~slash, s[slash].str.replace(ORDINAL_SLASH, r"\1\2", regex=True))
    dotted = s.str.contains(r"[a-z]\.[a-z]|\b[a-z]{1,2}\.", regex=True)
    if dotted.any():
        joined = s[dotted].str.replace(_DOTTED, lambda m: m.group(0).replace(".", ""), regex=True)
        s = s.where(~dotted, joined)
    for pattern in (_SPACED_LETTERS, _BARE_LETTERS_AT_END):
        spaced = s.str.contains(pattern, regex=True)
        if spaced.any():
            s = s.where(~spaced, s[spaced].str.replace(pattern, _legal_form, regex=True))
    return s


# 'S. C. S.', 'S. A.': single letters with dots and spaces, joined only when they spell a
# legal form (a person's initials 'J. A.' stay apart)
_SPACED_LETTERS = r"(?<![a-z0-9])(?:[a-z]\.\s+)+[a-z]\.?(?![a-z0-9])"


# 'PETROLEOS DE VENEZUELA S A': single letters without dots at the end of a name
_BARE_LETTERS_AT_END = r"(?<![a-z0-9.])(?:[a-z]\s+){1,3}[a-z]\s*$"


def _legal_form(m: re.Match[str]) -> str:
    letters = re.sub(r"[.\s]", "", m.group(0))
    return letters if (letters,) in vocabulary().stop_company else m.group(0)


def _fix_mojibake(text: str) -> str:
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


_MASCULINE = re.compile(r"^(\d+(er|ero|ro|do|to|o|vo|mo|no)|primer|tercer|[a-z]+o)$")


def _masculine(tok: str) -> bool:
    """A masculine Spanish ordinal ('1er', '3o', 'quinto', 'tercer')."""
    return bool(_MASCULINE.match(tok)) and (tok[0].isdigit() or tok in vocabulary().ordinals)


def _plain_next(raw: list[str], at: int) -> bool:
    """The token after `at` is a word no vocabulary phrase begins with ('Shyris')."""
    nxt = raw[at + 1] if at + 1 < len(raw) else ""
    return nxt.isalpha() and nxt not in vocabulary().starts and (nxt,) not in vocabulary().phrases


def _raw_tokens(text: str) -> list[str]:
    v = vocabulary()
    expand = v.expansions  # 'bi' -> 'brigada de infanteria'
    out: list[str] = []
    prev = ""
    raw = _RAW_TOKEN.findall(text)
    for at, tok in enumerate(raw):
        if tok in v.after_ordinal and at == 1 and _single(prev).ordinal and _plain_next(raw, at):
            out.extend(v.after_ordinal[tok])  # '1ra. D.E. Shyris' -> 'division de ejercito'
            prev = tok
            continue
        if tok in v.masculine and _masculine(prev):
            out.extend(v.masculine[tok])  # '1er. B.I.' -> 'batallon de infanteria'
            prev = tok
            continue
        prev = tok
        if "?" in tok:
            tok = _undamaged(tok)
        if not tok:
            continue
        m = _LETTERS_DIGITS.match(tok)
        if m and m.group(1) not in {"n"}:
            # 'BIM1' -> 'bim 1'; 'ALAR5' -> 'ala aerea 5'
            out.extend((*expand.get(m.group(1), (m.group(1),)), m.group(2)))
        elif m:
            out.append(m.group(2))  # 'N9' (number sign) -> '9'
        else:
            out.extend(expand.get(tok, (tok,)))
    return out


@lru_cache(maxsize=4096)
def _undamaged(tok: str) -> str:
    """A word with a damaged letter ('A?reo'): the one vocabulary word it can be with an
    accented letter or an ñ in place of each '?' ('aereo'), else the word without its '?'s
    ('Bogot?' -> 'bogot', fuzzy does the rest)."""
    plain = tok.replace("?", "")
    if not plain.isalpha() or tok.count("?") > 2:
        return plain
    singles = vocabulary().singles
    pieces = tok.split("?")
    found = set()
    for letters in product("aeioun", repeat=len(pieces) - 1):
        word = pieces[0] + "".join(a + b for a, b in zip(letters, pieces[1:], strict=True))
        if word in singles:
            found.add(word)
    return found.pop() if len(found) == 1 else plain


class _Item(NamedTuple):
    token: str  # canonical token ('' = dropped)
    # unit_type | arm | branch | org | word (vocabulary) | plain | number | country | company
    kind: str
    source: tuple[str, ...]  # the input tokens it came from
    ordinal: bool = False


def _items(toks: list[str]) -> list[_Item]:
    v = vocabulary()
    items: list[_Item] = []
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        if (tok,) in v.stop_company and _inside_name(toks, i, 1):
            items.append(_Item(tok, "plain", (tok,)))
            i += 1
            continue
        if tok not in v.starts:  # no phrase of several words begins here
            items.append(_one(tok))
            i += 1
            continue
        for span in range(min(v.max_phrase, n - i), 0, -1):
            key = tuple(toks[i : i + span])
            if key in v.stop_company and not _inside_name(toks, i, span):
                items.append(_Item("", "company", key))
                break
            hit = v.phrases.get(key)
            if hit is not None:
                items.append(_Item(hit[0], hit[1], key))
                break
            if span > 1 and "_".join(key) in v.stop_security:
                items.append(_Item("_".join(key), "country", key))
                break
        else:
            span = 1
            items.append(_single(tok))
        i += span
    return _compound_ordinals([it for it in items if it.kind != "stop"])


@lru_cache(maxsize=65536)
def _one(tok: str) -> _Item:
    """The item for a token that starts no phrase of several words."""
    v = vocabulary()
    if (tok,) in v.stop_company:
        return _Item("", "company", (tok,))
    hit = v.phrases.get((tok,))
    if hit is not None:
        return _Item(hit[0], hit[1], (tok,))
    return _single(tok)


def _compound_ordinals(items: list[_Item]) -> list[_Item]:
    """'Décima Quinta' -> 15, 'vigésimo primero' -> 21, 'centésimo décimo quinto' -> 115."""
    out: list[_Item] = []
    for it in items:
        prev = out[-1] if out else None
        if (
            prev is not None
            and it.ordinal
            and prev.ordinal
            and it.source[0].isalpha()
            and prev.source[0].isalpha()
            and int(it.token) < _place(int(prev.token))
        ):
            merged = str(int(prev.token) + int(it.token))
            out[-1] = _Item(merged, "number", prev.source + it.source, ordinal=True)
        else:
            out.append(it)
    return out


def _place(n: int) -> int:
    """What may follow ordinal n in a compound: under 100 after 'centésimo', under 10 after
    'vigésimo' or 'centésimo décimo', nothing after 'quinto'."""
    if n % 100 == 0:
        return 100
    return 10 if n % 10 == 0 else 0


# Roman numerals past the ordinals file's (up to XXV): 'XLIII Zona Militar', 'CXV Brigada'
_ROMAN = re.compile(r"^(c?)(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"c": 100, "xc": 90, "xl": 40, "ix": 9, "iv": 4}
_NOT_ROMAN = frozenset({"li", "ci", "civ", "cv", "cc", "cl", "lv", "lvi"})  # names and legal forms


def _roman(tok: str) -> int:
    """The value of a Roman numeral from 26 to 199 (0 otherwise)."""
    m = _ROMAN.match(tok)
    if not m or len(tok) < 2 or tok in _NOT_ROMAN:  # 'l'Ouest', 'C-2'
        return 0
    value = 0
    for part in m.groups():
        if part in _ROMAN_VALUES:
            value += _ROMAN_VALUES[part]
        else:  # 'lxx', 'vii', 'c'
            value += sum({"c": 100, "l": 50, "x": 10, "v": 5, "i": 1}[ch] for ch in part)
    return value if 26 <= value <= 199 else 0


@lru_cache(maxsize=65536)
def _single(tok: str) -> _Item:
    v = vocabulary()
    if tok.isdigit():
        return _Item(str(int(tok)), "number", (tok,))
    m = _ORDINAL_SUFFIX.match(tok)
    if m:
        return _Item(str(int(m.group(1))), "number", (tok,), ordinal=True)
    if tok in v.ordinals:
        return _Item(str(v.ordinals[tok]), "number", (tok,), ordinal=True)
    roman = _roman(tok)
    if roman:
        return _Item(str(roman), "number", (tok,), ordinal=True)
    if tok in v.stop_always:
        return _Item("", "stop", (tok,))
    if tok in v.stop_security:
        return _Item(tok, "country", (tok,))
    return _Item(tok, "plain", (tok,))


# the legal forms that open a name ('C.A. Metro de Caracas', 'Compañía Anónima ...')
# and Colombia's 'C.I.' (Comercializadora Internacional: 'C.I. Fondo Global de Alimentos')
_OPENING_FORMS = frozenset({("ca",), ("compania", "anonima"), ("ci",)})


def _inside_name(toks: list[str], i: int, span: int) -> bool:
    """A legal form's letters before another word of a name are a word of it ('Herbert Saca
    Méndez', 'SACA GONZALEZ, Elías'): a legal form ends a name ('..., S.A.', 'S. de R.L. de
    C.V.') or is one of the few that open one."""
    if i + span >= len(toks) or (i == 0 and tuple(toks[:span]) in _OPENING_FORMS):
        return False
    nxt = toks[i + span]
    v = vocabulary()
    return nxt not in v.stop_always and nxt not in _company_starts() and not nxt.isdigit()


@cache
def _company_starts() -> frozenset[str]:
    return frozenset(k[0] for k in vocabulary().stop_company)


# keys next to each other on a keyboard: a slip on a short word's first letter ('BAVY')
_NEIGHBOURS = dict(
    zip(
        "qwertyuiopasdfghjklzxcvbnm",
        (
            "wa",
            "qes",
            "wrd",
            "etf",
            "ryg",
            "tuh",
            "yij",
            "uok",
            "ipl",
            "o",
            "qsz",
            "awdx",
            "sefc",
            "drgv",
            "fthb",
            "gyjn",
            "hukm",
            "jil",
            "k",
            "asx",
            "zsdc",
            "xdfv",
            "cfgb",
            "vghn",
            "bhjm",
            "njk",
        ),
        strict=True,
    )
)


@cache
def _short_branches() -> frozenset[str]:
    """Four-letter branch words ('navy', 'army'): the only targets of the short-word repair."""
    v = vocabulary()
    return frozenset(
        p[0]
        for p, (_, kind) in v.phrases.items()
        if len(p) == 1 and kind == "branch" and len(p[0]) == 4
    )


def _short_branch(tok: str) -> str | None:
    """The branch word a three- or four-letter slip stands for: a letter after the first left
    out ('NAY HEADQUARTERS') or a first letter from the key next to it ('CARATASCA BAVY Base')."""
    for w in _short_branches():
        if len(tok) == 3 and any(tok == w[:k] + w[k + 1 :] for k in range(1, 4)):
            return w
        if len(tok) == 4 and tok[1:] == w[1:] and tok[0] in _NEIGHBOURS[w[0]]:
            return w
    return None


@lru_cache(maxsize=65536)
def _typo(tok: str, company: bool = False) -> str | None:
    """The vocabulary word a misspelt unit word stands for ('batallion', 'divison', 'shool'); in
    a company's name, only a business word ('inmoviliaria')."""
    # typos keep the first letter ('shool', 'batallion'); a name does not ('Atonal' is not
    # 'national'): only words with the same first letter are candidates
    words = _by_first_letter(company).get(tok[0], ())
    if len(tok) == 4 and not company and (branch := _short_branch(tok)):
        return branch
    if len(tok) == 4:  # one changed letter after the first two ('armi' -> 'army'), or two
        # letters after the first swapped ('amry' -> 'army')
        near = [
            w
            for w in words
            if len(w) == 4
            and (
                (w[:2] == tok[:2] and sum(a != b for a, b in zip(w, tok, strict=True)) == 1)
                or any(
                    w[0] == tok[0] and w == tok[:k] + tok[k + 1] + tok[k] + tok[k + 2 :]
                    for k in (1, 2)
                )
            )
        ]
        return near[0] if len(near) == 1 else None
    found = process.extractOne(tok, words, scorer=fuzz.ratio, score_cutoff=_TYPO_CUTOFF)
    return None if found is None else str(found[0])


@cache
def _by_first_letter(company: bool) -> dict[str, tuple[str, ...]]:
    """Repair targets by first letter: vocabulary words, or business words only."""
    v = vocabulary()
    out: dict[str, list[str]] = {}
    # in an institution's name, country words too ('Bolivain Navy')
    countries = sorted(w for w in v.stop_security if w.isalpha() and len(w) >= 5)
    for w in v.business_words if company else (*v.words, *countries):
        out.setdefault(w[0], []).append(w)
    return {k: tuple(ws) for k, ws in out.items()}


def _fix_typos(toks: list[str], unknown: set[str], company: bool = False) -> list[str]:
    """Map unknown words close to a vocabulary word onto it ('batallion', 'shool'), and split
    two vocabulary words written as one ('ARMYAVIATION')."""
    out: list[str] = []
    for t in toks:
        if t in unknown and len(t) >= 4 and t.isalpha():
            out.extend((_joined(t) if not company else ()) or (_typo(t, company) or t,))
        elif t in unknown and len(t) == 3 and t.isalpha() and not company:
            out.append(_short_branch(t) or t)
        else:
            out.append(t)
    return out


@lru_cache(maxsize=65536)
def _joined(tok: str) -> tuple[str, ...]:
    """('army', 'aviation') for 'armyaviation': two one-word terms of 3+ letters, else ()."""
    singles = vocabulary().singles
    for k in range(3, len(tok) - 2):
        if tok[:k] in singles and tok[k:] in singles:
            return tok[:k], tok[k:]
    return ()


def _honored(items: list[_Item]) -> set[str]:
    """The plain words right after a rank ('Coronel Estuardo Pérez'): a person's names."""
    out: set[str] = set()
    after = False
    for it in items:
        if it.kind == "rank":
            after = True
        elif after and it.kind == "plain":
            out.add(it.source[0])
        else:
            after = False
    return out


def _name_items(toks: list[str], damaged: bool = False) -> list[_Item]:
    """Items of a name; unit words with a typo are repaired in an institutional name (one with
    a vocabulary or country word), or in any name with a damaged encoding ('Batall?n de
    Cazadores')."""
    items = _items(toks)
    # a country word marks an institution too ('Dom Rep Amry'), and a legal form a company
    # ('INMOVILIARIA FLORES CASTRO, S. DE R.L.')
    institution = damaged or any(it.kind in _CONTEXT_KINDS or it.kind == "country" for it in items)
    if institution or any(it.kind in ("company", "business") for it in items):
        # only words no phrase took ('Armadas' in 'Fuerzas Armadas' stays as it is), and not
        # the name of a person after a rank ('Coronel Estuardo ...' is not 'estado')
        unknown = {
            it.source[0]
            for it in items
            if it.kind == "plain" and len(it.source) == 1 and it.source[0] not in _honored(items)
        }
        unknown -= vocabulary().singles
        fixed = _fix_typos(toks, unknown, company=not institution)
        if fixed != toks:
            items = _items(fixed)
    return items


_COMPANY = "company"  # the unit type 'company' ('Compañía', 'Cía.')


def _finish(items: list[_Item]) -> list[_Item]:
    v = vocabulary()
    # 'Cía.' / 'Compañía' is the business, not a military company, with a legal form
    # ('AGUILAR AGUILAR Y CIA. LTDA.') or with no other unit word and no number ('Compañía
    # Agroindustrial Palmera'; not '1ra Compañía de Infantería', 'Compañía Jungla')
    companies = [it for it in items if it.kind == "unit_type" and it.token == _COMPANY]
    unit_like = any(it.kind in _SECURITY_KINDS | {"number"} and it not in companies for it in items)
    # a business word also makes it the business ('Cía. Ganadera 5 Manantiales'), as does a
    # last 'Cía.' ('Transportes Álvarez & Cía.': a firm of Álvarez and partners)
    named = [it for it in items if it.kind != "company"]
    business = (
        any(it.kind in ("company", "business") for it in items)
        or not unit_like
        or (bool(named) and named[-1].source == ("cia",))
    )
    kept = [it for it in items if not (business and it in companies)] if companies else items
    if not any(it.token for it in kept if it.kind != "company"):
        kept = items  # 'Compañía' alone
    security = any(it.kind in _CONTEXT_KINDS for it in kept)
    out: list[_Item] = []
    for it in kept:
        if it.kind == "company":
            continue
        if security and (it.kind == "country" or it.token in v.stop_security):
            continue  # 'Colombian Army' == 'Ejército' within the COL block
        if it.kind == "country":
            out.extend(_Item(t, "plain", (t,)) for t in it.source)
            continue
        if security and it.kind == "plain" and _PLURAL.match(it.token):
            it = it._replace(token=it.token[:-1])  # 'Junglas' / 'Jungla', 'Lanceros'
        out.append(it)
    return out


# a plural name word of a unit ('Compañías Jungla' / 'JUNGLAS'); not 'ss' nor short words
_PLURAL = re.compile(r"^[a-z]{3,}[^s]s$")


def _acronym(items: list[_Item], numbers: str) -> tuple[str, ...]:
    """Initials of the name in its own language and in canonical English, with its numbers;
    also without a trailing branch ('COE': Comando de Operaciones Especiales [del Ejército])."""
    stop = vocabulary().stop_always
    words = [it for it in items if it.kind not in {"number", "company", "stop"}]
    # one phrase of several words has initials too ('Secretaría de Relaciones Exteriores')
    if len(words) < 2 and not (words and len([w for w in words[0].source if w not in stop]) >= 3):
        return ()
    heads = [words]
    cut = next((i for i, it in enumerate(words) if it.kind == "branch" and i >= 2), 0)
    if cut:
        heads.append(words[:cut])
    keys: set[str] = set()
    national = vocabulary().stop_security
    for ws in heads:
        native = "".join(src[0] for it in ws for src in it.source if src not in stop)
        # 'DIS': Dirección de Inteligencia y Seguridad [Nacional]; country words likewise
        bare = "".join(
            src[0]
            for it in ws
            if it.kind != "country"
            for src in it.source
            if src not in stop and src not in national
        )
        if len(ws) >= 3 and len(bare) >= 3:
            keys.add(bare)
        # Spanish doubles the letter of a plural word ('CC.FF.AA.': Comando Conjunto de las
        # Fuerzas Armadas)
        doubled = _doubled(src for it in ws for src in it.source if src not in stop)
        if len(doubled) >= 4:
            keys.add(doubled)
        english = "".join(part[0] for it in ws for part in it.token.split("_") if part)
        # abbreviations read out in Spanish ('Cmdo. FF.EE.' -> Comando Fuerzas Especiales: CFE)
        spelt = "".join(_initials(it) for it in ws)
        keys |= {k for k in (native, english, spelt) if len(k) >= 3 or (len(k) == 2 and numbers)}
    return tuple(sorted(f"{k}:{numbers}" for k in keys))


@lru_cache(maxsize=65536)
def _initials(it: _Item) -> str:
    """The initials of an item, an abbreviation's taken from its Spanish words."""
    v = vocabulary()
    stop = v.stop_always
    if len(it.source) == 1 and it.source[0] in v.abbreviations and it.token in v.spanish:
        return "".join(w[0] for w in v.spanish[it.token] if w not in stop)
    return "".join(src[0] for src in it.source if src not in stop)


# words an acronym may leave out at no cost: countries, legal forms and ranks ('ENIMINAS':
# Empresa NIcaragüense de MINAS, 'EMCH': Escuela Militar de CHorrillos [Coronel ...])
_OPTIONAL_KINDS = frozenset({"country", "company", "rank"})


def _spelled(items: list[_Item]) -> tuple[tuple[str, ...], ...]:
    """The words a syllable acronym is taken from ('secretaria', 'defensa', 'nacional'), a
    leading '~' marking a word it may leave out: all of them, and when a branch follows the
    unit's own words, those words alone ('DIRCOTE': Dirección contra el Terrorismo [de la
    Policía Nacional del Perú])."""
    stop = vocabulary().stop_always
    words: list[str] = []
    head = 0
    plain = 0
    # the person a unit is named after may be left out too ('ACADEMIL': ACADEmia MILitar
    # [Mariscal Francisco Solano López])
    honored = _honored(items)
    for it in items:
        kind = it.kind
        if kind == "number" or kind == "stop":
            continue
        if kind == "branch" and len(words) >= 2 and not head:
            head = len(words)
        optional = kind in _OPTIONAL_KINDS or (kind == "plain" and it.source[0] in honored)
        # a leading branch may be left out too ('MECAL': [Policía] MEtropolitana de CALi)
        optional = optional or (kind == "branch" and not words)
        for src in it.source:
            if src not in stop and src.isalpha():
                words.append("~" + src if optional else src)
                plain += not optional
    if plain < 2:
        return ()
    full = tuple(words)
    return (full, full[:head]) if head else (full,)


def _spanish_spellings(raw: list[_Item], cleaned: str) -> tuple[tuple[str, ...], ...]:
    """`_spanish_order` readings for an institution's name with an English term, else ()."""
    langs = vocabulary().langs
    if not any(it.kind in _CONTEXT_KINDS for it in raw):
        return ()  # institutions only: persons and companies have no such acronyms
    if not any(langs.get(it.source) == "en" for it in raw):
        return ()
    parts = [
        [
            it
            for it in _name_items(_raw_tokens(part))
            if it.kind not in {"number", "company", "stop", "country"} and it.token
        ]
        for part in _ENGLISH_OF.split(cleaned)
    ]
    found = {_spanish_order(parts, backwards) for backwards in (True, False)}
    # a ministry is a 'Secretaría' in Mexico and Central America ('Secretary of Public Security
    # ... Veracruz': SSP Veracruz)
    found |= {("secretaria", *f[1:]) for f in found if f and f[0] == "ministerio"}
    return tuple(sorted(f for f in found if f))


def _doubled(words: Iterable[str]) -> str:
    """Initials with the letter of each plural word doubled ('ffaa'); '' without a plural."""
    letters = [w[0] * 2 if _PLURAL.match(w) else w[0] for w in words if w]
    return "".join(letters) if any(len(x) == 2 for x in letters) else ""


def _spanish_initials(
    readings: tuple[tuple[str, ...], ...], raw: list[_Item], numbers: str
) -> tuple[str, ...]:
    """Initials of an English name read the Spanish way, with its country last ('Haitian
    National Police' -> policía nacional [de Haití]: PNH; 'Special Operations Command' -> COE).
    The syllable pass reads the longer acronyms; these are the plain initials."""
    # the country's adjective ('Haitian', 'Colombian'), as official names have it; a country
    # noun before an English name ('Mexico Federal Police') is the writer's label, not a letter
    # of the acronym (PFM is the Policía Federal Ministerial)
    country = "".join(
        src[0] for it in raw if it.kind == "country" for src in it.source[:1] if src.endswith("an")
    )
    keys: set[str] = set()
    for words in readings:
        letters = "".join(w.lstrip("~")[0] for w in words if not w.startswith("~"))
        doubled = _doubled(w for w in words if not w.startswith("~"))
        for k in (letters, letters + country[:1], doubled):
            if len(k) >= 3 or (len(k) == 2 and numbers):
                keys.add(f"{k}:{numbers}")
    return tuple(sorted(keys))


_ENGLISH_OF = re.compile(r"\b(?:of|for|the)\b")


def _spanish_order(parts: list[list[_Item]], backwards: bool) -> tuple[str, ...]:
    """An English name written the Spanish way, its words for a syllable acronym: in each part
    between 'of' / 'for' the last word (the head noun) first, then the others read backwards
    ('Naval Special Forces Command' -> comando fuerzas especiales naval: COFEN) or in order
    ('Air Combat Command' -> comando aereo combate: CACOM); English terms in Spanish. () when
    it has no English term or a term without a Spanish word."""
    v = vocabulary()
    stop = v.stop_always
    out: list[str] = []
    english = False
    for items in parts:
        if not items:
            continue
        rest = items[:-1][::-1] if backwards else items[:-1]
        for it in [items[-1], *rest]:
            if v.langs.get(it.source) == "en":
                words = v.spanish.get(it.token)
                if words is None:
                    return ()
                english = True
                out.extend(w for w in words if w not in stop)
            else:
                out.extend(src for src in it.source if src not in stop and src.isalpha())
    return tuple(out) if english and len(out) >= 2 else ()


# words that say what kind of unit a name is: an acronym that leaves one out names another unit
_TELLING_KINDS = frozenset({"unit_type", "arm", "branch", "qualifier"})


@lru_cache(maxsize=262144)
def syllable_skips(acronym: str, words: tuple[str, ...], most: int = 5) -> int | None:
    """Fewest words left out when `acronym` is read as the first 1-`most` letters of words
    of `words` in order, starting with the first word that is not optional ('~') and using at
    least two ('sedena': SEcretaria DEfensa NAcional -> 0; 'cesac': Cuerpo Especializado
    Seguridad Aeroportuaria [Aviacion] Civil -> 1); None when it cannot be read so. Optional
    words, and the words after the last one used once three are used, cost nothing ('EMCH':
    Escuela Militar de CHorrillos [Coronel Francisco Bolognesi]), unless they say what kind of
    unit it is ('ESMIL' is not Escuela Superior MILitar [de Aviación])."""
    n, m = len(words), len(acronym)
    phrases = vocabulary().phrases
    telling = [
        not w.startswith("~") and phrases.get((w,), ("", ""))[1] in _TELLING_KINDS for w in words
    ]

    @cache
    def best(i: int, j: int, used: int) -> int | None:
        if i == m:
            if used < 2:
                return None
            if used >= 3:
                return sum(telling[j:])
            return sum(not w.startswith("~") for w in words[j:])
        if j == n:
            return None
        optional = words[j].startswith("~")
        w = words[j].lstrip("~")
        found: list[int] = []
        if used or optional:  # the first word that is not optional gives the first letters
            skip = best(i, j + 1, used)
            if skip is not None:
                found.append(skip + (0 if optional else 1))
        for size in range(1, min(most, len(w), m - i) + 1):
            if w[:size] != acronym[i : i + size]:
                break
            got = best(i + size, j + 1, min(used + 1, 3))
            if got is not None:
                found.append(got)
        return min(found) if found else None

    return best(0, 0, 0)


_KEY_LEFT_OUT = frozenset({"branch", "arm"})


def _key(items: list[_Item]) -> str:
    """Sorted tokens; branch words are left to the branch check ('7th Division' of the army is
    '7a División del Ejército') unless nothing but numbers would remain."""
    kept = [it for it in items if it.token]
    rest = [it for it in kept if it.kind != "branch"]
    if any(it.kind != "number" for it in rest):
        return " ".join(sorted(it.token for it in rest))
    return " ".join(sorted(it.token for it in kept))


def _core(items: list[_Item]) -> str:
    """Sorted tokens without arm and branch words, for numbered unit names only."""
    if not any(it.kind == "number" for it in items):
        return ""
    if not any(it.kind in _SECURITY_KINDS for it in items):
        return ""
    rest = [it.token for it in items if it.token and it.kind not in _KEY_LEFT_OUT]
    return " ".join(sorted(rest)) if any(not t.isdigit() for t in rest) else ""


# a nickname in quotes at word edges ("Ismael 'El Mayo' Zambada"; not "Vitel'homme")
_NICKNAME = re.compile(r"""(?<![a-z0-9])(["'])[a-z][^"']{0,40}\1(?![a-z0-9])""")
# ... or after a marker, to the end ('..., alias El Mayo', '(a) El Ratón', 'a.k.a. Chapo')
_NICKNAME_TAIL = re.compile(
    r"(?:[\s,(]+)(?:alias|aka|also known as|apodad[oa]|conocid[oa] como|\(a\)|a\))(?![a-z]).*$"
)


def _without_nickname(cleaned: str) -> str:
    """A person's name without the nickname written in it ('Joaquín "El Chapo" Guzmán',
    'Ismael Zambada García, alias El Mayo' -> the name alone): a nickname is a name of its own
    (OFAC lists it as a weak a.k.a.), not words of the person's name. Only when what is left
    reads as a person's name: a unit's or company's own name in quotes stays ('Batallón
    "Atlacatl"')."""
    if not any(ch in cleaned for ch in "\"'(") and " a" not in cleaned:
        return cleaned
    left = _NICKNAME_TAIL.sub("", _NICKNAME.sub(" ", f" {cleaned}")).strip(" ,")
    if left == cleaned.strip() or len(_RAW_TOKEN.findall(left)) < 2:
        return cleaned
    for part in left.split(","):
        if any(it.kind not in ("plain", "stop") for it in _items(_raw_tokens(part))):
            return cleaned
    return left


@lru_cache(maxsize=262144)
def profile(cleaned: str) -> Profile:
    """Profile one pre-cleaned name (see `preclean`)."""
    v = vocabulary()
    cleaned = _without_nickname(cleaned)
    person_order = False
    items: list[_Item] = []
    given: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    married: tuple[str, ...] = ()
    if cleaned.count(",") == 1 and "(" not in cleaned:
        last_raw, first_raw = (_raw_tokens(p) for p in cleaned.split(","))
        last, first = (_finish(_name_items(t)) for t in (last_raw, first_raw))
        if last and first and not any(it.kind in _CONTEXT_KINDS for it in last + first):
            items = first + last  # OFAC 'LAST, First' -> 'First LAST'
            person_order = True
            given = tuple(it.token for it in first if it.token)
            surnames = tuple(it.token for it in last if it.token)
            married = _married(last_raw)
    if person_order:
        raw = items
    else:
        toks_in = _raw_tokens(cleaned)
        raw = _in_context(_name_items(toks_in, damaged="?" in cleaned), toks_in)
        items = _finish(raw)
        if all(it.kind in ("plain", "stop") for it in raw):
            married = _married_in_order(_raw_tokens(cleaned))
    named, honor = _honorific(items)
    toks: list[str] = []
    nums: set[str] = set()
    by_kind: dict[str, set[str]] = {"unit_type": set(), "arm": set(), "branch": set()}
    words: list[str] = []
    own: list[str] = []  # the input words of `words` ('ouest' for 'west')
    lone_words: list[_Item] = []
    ordinal = False
    for it in items:
        ordinal = ordinal or it.ordinal
        if it.kind == "number":
            nums.add(it.token)
        else:
            lone_words.append(it)
        if not it.token:
            continue
        if toks and it.token == toks[-1] and it.kind == "branch":
            continue  # 'Marina Armada de México': one navy named twice
        toks.append(it.token)
        if it.kind in by_kind:
            by_kind[it.kind].add(it.token)
        elif it.kind in _WORD_KINDS and it.token not in v.known and it in named:
            words.append(it.token)
            own.extend(it.source)
    numbers = " ".join(sorted(nums, key=int))
    spanish = _spanish_spellings(raw, cleaned)
    spelled = _spelled(raw) + spanish
    short = ""
    lone = lone_words[0].token if len(lone_words) == 1 and lone_words[0].kind == "plain" else ""
    if len(lone_words) == 1 and lone_words[0].source[0] in v.abbreviations:
        lone = lone_words[0].source[0]  # 'GRP' is also the initials of Grupo de Reacción ...
    # up to 10 letters: syllable acronyms run long ('SENAFRONT', 'DIRANDRO')
    if lone.isalpha() and 2 <= len(lone) <= 10 and (len(lone) >= 3 or numbers):
        short = f"{lone}:{numbers}"
    return Profile(
        norm=" ".join(toks).replace("_", " "),
        key=_key(named),
        full=" ".join(sorted(toks)),
        core=_core(named),
        numbers=numbers,
        unit_types=" ".join(sorted(by_kind["unit_type"])),
        arms=" ".join(sorted(by_kind["arm"])),
        branches=" ".join(sorted(_school_branch(by_kind))),
        ordinal=ordinal,
        security=any(by_kind.values()),
        person_order=person_order,
        acronyms=_acronym(raw, numbers)
        + _named_acronyms(spelled, own, honor, numbers)
        + _spanish_initials(spanish, raw, numbers),
        short=short,
        named_short=_named_short(lone_words, numbers),
        spelled=spelled,
        honor=honor,
        words=tuple(words),
        given=given,
        surnames=surnames,
        married=married,
        company=any(it.kind in ("company", "business") for it in raw),
        national=any(by_kind.values()) and _calls_itself_national(raw),
    )


def _calls_itself_national(raw: list[_Item]) -> bool:
    """'national' as a word of its own, not of a branch's name ('Policía Nacional', 'Guardia
    Nacional'): 'Dirección Nacional de Inteligencia', 'Anti-Drug National Command'."""
    return any(
        it.token == "national" and (i == 0 or raw[i - 1].kind != "branch")
        for i, it in enumerate(raw)
    )


def _school_branch(by_kind: dict[str, set[str]]) -> set[str]:
    """A 'Military Academy' or 'Escuela Militar' of no arm is the army's ('Academia Militar
    [de Honduras]', 'Escuela Militar de Cadetes'); the air force's says so ('... de
    Aviación'), as the navy's ('Escuela Naval')."""
    branches = by_kind["branch"]
    if by_kind["unit_type"] != {"school"} or by_kind["arm"] or "military" not in branches:
        return branches
    return (branches - {"military"}) or {"army"}


_NAME_WORDS = 3  # at most this many words of a name of its own after an acronym


def _named_short(words: list[_Item], numbers: str) -> str:
    """'FTI Tecún Umán', 'BIRI Atonal', 'ESP Gral. Alberto Enríquez Gallo': an unknown short
    first word (or a short abbreviation written as one), then plain words only, after a rank."""
    first_src = words[0].source[0] if words and len(words[0].source) == 1 else ""
    if words and words[0].kind != "plain" and first_src in vocabulary().abbreviations:
        words = [_Item(first_src, "plain", (first_src,)), *words[1:]]
    if len(words) >= 3 and words[1].kind == "rank":
        words = [words[0], *words[2:]]
    if not 2 <= len(words) <= _NAME_WORDS + 1 or words[0].kind != "plain":
        return ""
    if any(it.kind not in ("plain", "qualifier") for it in words[1:]):  # 'UDMO Ouest'
        return ""
    first = words[0].token
    if not (first.isalpha() and 2 <= len(first) <= 10):
        return ""
    rest = sorted(src for it in words[1:] for src in it.source)
    return f"{first}:{numbers}|{' '.join(rest)}"


def _named_acronyms(
    spelled: tuple[tuple[str, ...], ...],
    words: list[str],
    honor: tuple[str, ...],
    numbers: str,
) -> tuple[str, ...]:
    """Keys for `_named_short`: the initials of the words before a name of its own (its last
    1-3 words, plain ones), in each spelling ('Batallón de Infantería de Reacción Inmediata
    Atonal' -> 'biri:|atonal'; 'Atlacatl Immediate Reaction Infantry Battalion' read the Spanish
    way -> 'biri:|atlacatl')."""
    own = set(words) | set(honor)
    if not own:
        return ()
    keys: set[str] = set()
    for spelling in spelled:
        ws = [w.lstrip("~") for w in spelling]
        for k in range(1, min(_NAME_WORDS, len(ws) - 2) + 1):
            tail = ws[-k:]
            if not set(tail) <= own:
                break
            head = [w for w, m in zip(ws[:-k], spelling, strict=False) if m[0] != "~"]
            initials = "".join(w[0] for w in head)
            keys.add(f"{initials}:{numbers}|{' '.join(sorted(tail))}")
            if numbers and len(initials) >= 2:  # 'GFE-26': a number names the unit alone
                keys.add(f"{initials}:{numbers}")
    return tuple(sorted(keys))


def _in_context(raw: list[_Item], toks: list[str]) -> list[_Item]:
    """Words read by the words around them:
    - 'Dirección General de Minas', 'Comandancia General del Ejército': 'General' after a unit
      word and before 'de' qualifies the unit; it is not a rank naming a patron (as in 'Base
      Aérea General Manuel Enrique Araujo');
    - 'Comandancia de la Fuerza Aérea' is the force's headquarters, but 'Comandancia Naval del
      Pacífico' (no 'de' or 'General' after it) is a command;
    - the command of a whole branch, and nothing more, is its headquarters."""
    out = list(raw)
    at = 0  # where each item's words are in the input tokens
    for i, it in enumerate(raw):
        while at < len(toks) and toks[at] != it.source[0]:
            at += 1
        after = at + len(it.source)
        nxt = toks[after] if after < len(toks) else ""
        if (
            it.kind == "rank"
            and it.token == "general"
            and i > 0
            and raw[i - 1].kind in ("unit_type", "org")
            and nxt in ("de", "del")
        ):
            out[i] = it._replace(kind="word")
        elif it.source == ("comandancia",) and nxt not in ("", "de", "del", "general"):
            out[i] = it._replace(token="command")
        elif it.token == "command" and _branch_only(raw, i):
            out[i] = it._replace(token="headquarters")
        at = after
    return _branch_service(_special_force(_specialized_unit(out)))


def _branch_service(raw: list[_Item]) -> list[_Item]:
    """'Servicio Nacional de Guardacostas', 'National Coast Guard Service': a service that is a
    whole branch and nothing more is the branch ('Costa Rican Coast Guard'). Its initial still
    counts for an acronym (SNG)."""
    services = [i for i, it in enumerate(raw) if it.kind == "word" and it.token == "service"]
    rest = [it.kind for i, it in enumerate(raw) if i not in services and it.token != "national"]
    if len(services) != 1 or "branch" not in rest or set(rest) - {"branch", "country"}:
        return raw
    out = list(raw)
    out[services[0]] = raw[services[0]]._replace(token="", kind="muted")
    return out


def _special_force(raw: list[_Item]) -> list[_Item]:
    """'Special Counternarcotics Force': English puts what a special force does between the
    words of 'Fuerza Especial (de Lucha contra el Narcotráfico)'."""
    for i, it in enumerate(raw):
        if it.token != "special":
            continue
        j = i + 1
        while j < len(raw) and raw[j].kind == "arm":
            j += 1
        if j > i + 1 and j < len(raw) and raw[j].token in ("force", "forces"):
            merged = _Item("special_force", "arm", it.source + raw[j].source)
            return [*raw[:i], merged, *raw[i + 1 : j], *raw[j + 1 :]]
    return raw


def _specialized_unit(raw: list[_Item]) -> list[_Item]:
    """'Specialized Land Border Security Corps', 'Port Security Specialized Unit': English
    words apart for the Dominican 'Cuerpo Especializado de ...' (one unit word)."""
    words = [i for i, it in enumerate(raw) if it.token == "specialized"]
    types = [i for i, it in enumerate(raw) if it.kind == "unit_type"]
    if len(words) != 1 or len(types) != 1 or raw[types[0]].token not in ("corps", "unit"):
        return raw
    out = list(raw)
    out[types[0]] = raw[types[0]]._replace(token="specialized_unit")
    del out[words[0]]
    return out


def _branch_only(raw: list[_Item], i: int) -> bool:
    """The other items are a branch and country words ('Comando de la Fuerza Aérea Colombiana',
    'Army Command': the branch's headquarters), perhaps with the name's own acronym after them
    ('Comando del Ejército COEJC': a last plain word beginning as the command word does)."""
    rest = [it for k, it in enumerate(raw) if k != i]
    if rest and rest[-1].kind == "plain" and rest[-1].token[:2] == raw[i].source[0][:2]:
        rest = rest[:-1]
    kinds = [it.kind for it in rest]
    return "branch" in kinds and all(kind in ("branch", "country") for kind in kinds)


def _honorific(items: list[_Item]) -> tuple[list[_Item], tuple[str, ...]]:
    """(the items without an honorific, its words): in a unit name, a rank followed by plain
    words ('Coronel Jorge Eduardo Sánchez Rodríguez', 'CNEL H.A.M') names a person the unit is
    named after; so does a name of a rank and plain words only (a unit or the person: review
    at most against a unit)."""
    kinds = {it.kind for it in items}
    # or a rank and a name alone ('ADMIRAL KILLICK': FMTR's name for the base)
    alone = bool(items) and items[0].kind == "rank" and kinds == {"rank", "plain"}
    if "rank" not in kinds or not (kinds & _SECURITY_KINDS or alone):
        return _patron_without_rank(items)
    kept: list[_Item] = []
    honor: list[str] = []
    i = 0
    while i < len(items):
        it = items[i]
        k = i + 1  # a rank of several words ('Capitán General', 'General de Brigada')
        while it.kind == "rank" and k < len(items) and items[k].kind == "rank":
            k += 1
        j = k
        while it.kind == "rank" and j < len(items) and items[j].kind == "plain":
            j += 1
        if j > k:
            honor.extend(x.token for x in items[k:j] if x.token)
            i = j
        else:
            kept.append(it)
            i += 1
    return kept, tuple(honor)


def _patron_without_rank(items: list[_Item]) -> tuple[list[_Item], tuple[str, ...]]:
    """A school named after a person with no rank written ('Escuela Militar de Aviación Marco
    Fidel Suárez', '... Cosme Rennella'): two or more plain words ending a school's name."""
    unique = vocabulary().unique_types
    if not any(it.kind == "unit_type" and it.token in unique for it in items):
        return items, ()
    start = len(items)
    while start > 0 and items[start - 1].kind == "plain":
        start -= 1
    if len(items) - start < 2 or start == 0:
        return items, ()
    return items[:start], tuple(it.token for it in items[start:] if it.token)


def _married(last: list[str]) -> tuple[str, ...]:
    """Surname words after a 'de' that follows the first surname: a married name
    ('CONTRERAS DE CABELLO', 'SALAZAR HERNANDEZ DE GUZMAN' -> 'guzman')."""
    stop = vocabulary().stop_always
    at = [i for i, t in enumerate(last) if t == "de" and i >= 1]
    if not at:
        return ()
    return tuple(t for t in last[at[-1] + 1 :] if t not in stop)


def _married_in_order(tokens: list[str]) -> tuple[str, ...]:
    """A married name at the end of a name written in order ('Mayela Cardona de Ibarra' ->
    'ibarra'): 'de' and one last word after at least a given name and a surname; not 'de la
    Cruz', which is a surname as often as not."""
    if len(tokens) >= 4 and tokens[-2] == "de" and tokens[-1] not in vocabulary().stop_always:
        return (tokens[-1],)
    return ()


# raw name -> profile, across calls (the alias table and repeated names are profiled once)
_BY_NAME: dict[str, Profile] = {}
_BY_NAME_MAX = 1_000_000


def profile_list(distinct: list[str]) -> list[Profile]:
    """Profiles of distinct raw names, through the cache."""
    todo = [t for t in distinct if t not in _BY_NAME]
    if todo:
        if len(_BY_NAME) + len(todo) > _BY_NAME_MAX:
            _BY_NAME.clear()
        cleaned = preclean(pd.Series(todo, dtype="string")).tolist()
        _BY_NAME.update(zip(todo, map(profile, cleaned), strict=True))
    return [_BY_NAME[t] for t in distinct]


def profiles(names: pd.Series) -> pd.DataFrame:
    """Profile each distinct name; returns one row per distinct input value, indexed by it."""
    distinct = [str(t) for t in names.dropna().unique()]
    rows = profile_list(distinct)
    index = pd.Index(pd.array(distinct, dtype="string"), name="name")
    return pd.DataFrame(rows, columns=list(Profile._fields), index=index)


def normalize_names(names: pd.Series) -> pd.Series:
    """Normalized form of each name: case, accents, punctuation, spacing, ordinals ('3rd',
    'tercer', 'III', '3er.' -> '3'), abbreviations ('Bn.' -> battalion), Spanish unit words
    (batallón -> battalion), stop words and articles, and OFAC 'LAST, First' order.
    Empty names give NA."""
    table = profiles(names)
    out = names.astype("string").map(table["norm"].to_dict())
    out = out.astype("string")
    return out.where(out.str.len() > 0)
