"""Load the matcher's word lists from the package data files (kept as data, not code)."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

_TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case and strip accents from one string (the form every data file is keyed on)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


def tokens(text: str) -> tuple[str, ...]:
    """Fold a phrase and split it into word tokens."""
    return tuple(_TOKEN.findall(fold(text)))


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("conditionality.matching").joinpath("data", name)
    with path.open("r", encoding="utf-8") as fh:
        return list(csv.DictReader(fh.read().splitlines()))


@dataclass(frozen=True)
class Vocabulary:
    """Phrase tables keyed on token tuples; each phrase maps to (canonical token, kind)."""

    phrases: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    stop_always: frozenset[str] = frozenset()
    stop_company: dict[tuple[str, ...], str] = field(default_factory=dict)
    stop_security: frozenset[str] = frozenset()
    max_phrase: int = 1
    # single-word terms, for tolerating typos and damaged encodings in unit names
    words: tuple[str, ...] = ()
    # the single-word business terms, the only repair targets in a company's name
    business_words: tuple[str, ...] = ()
    # the branch an arm belongs to ('marine_infantry' -> 'navy'): `arm_branches.csv`, the rows
    # that tie a unit to a record against its branch ('ties' = yes)
    arm_branches: dict[str, str] = field(default_factory=dict)
    # ... all its rows: the branch an arm implies when two names are compared ('infantry' ->
    # 'army': '101st Infantry Brigade' / "the army's 101st Brigade")
    arm_implies: dict[str, str] = field(default_factory=dict)
    # unit types a branch usually has one of ('school', 'war_college'): `unique_unit_types.csv`
    unique_types: frozenset[str] = frozenset()
    singles: frozenset[str] = frozenset()  # every one-word term
    # one-word abbreviations of several terms ('bi' -> 'brigada de infanteria'), as tokens
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the expansion after a masculine Spanish ordinal ('1er. B.I.' -> 'batallon de infanteria',
    # '1ra B.I' -> 'brigada de infanteria'): the ordinal agrees with the noun it stands for
    masculine: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the expansion right after a name's leading ordinal, before a plain word ('1ra. D.E.
    # Shyris': División de Ejército), where the token is otherwise a stop word
    after_ordinal: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # how high a unit type or branch stands ('battalion' 4 < 'brigade' 6 < 'army' 9), for
    # telling which side of 'Intel Section/1st Air Brigade' is the parent
    ranks: dict[str, int] = field(default_factory=dict)
    # conventional abbreviations of given names ('ma' -> 'maria'), for persons only
    given_abbr: dict[str, str] = field(default_factory=dict)
    # words that lead into a unit's name in reports ('agentes de la', 'la antigua'), by kind
    lead_ins: dict[str, frozenset[str]] = field(default_factory=dict)
    # the language of each phrase ('es', 'en', 'es/en'), and the Spanish words of a canonical
    # term ('special_force' -> 'fuerzas', 'especiales'): an English name written the Spanish
    # way, for reading a Spanish acronym of it ('COFEN' / 'Naval Special Forces Command')
    langs: dict[tuple[str, ...], str] = field(default_factory=dict)
    spanish: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # one-token abbreviations ('grp', 'bn'): a name of that one token may also be an acronym
    abbreviations: frozenset[str] = frozenset()
    # first tokens of phrases longer than one token (the phrase scan starts only there)
    starts: frozenset[str] = frozenset()
    # one-word names in the default alias table ('SEM', 'PNP'): they name a known institution,
    # so they are not a word that tells two names apart
    known: frozenset[str] = frozenset()
    # every one-word name in the default alias table, with the acronyms of kinds of unit
    # ('REDI'): a name with one inside is also read with it written out
    alias_words: frozenset[str] = frozenset()
    # canonical words of kind 'qualifier' ('north', 'central'): another place or part
    qualifiers: frozenset[str] = frozenset()
    # canonical words of kind 'business' ('import', 'trading'): generic words of company names
    business: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary, abbreviations, ordinals and stop words shipped with the package."""
    phrases: dict[tuple[str, ...], tuple[str, str]] = {}
    langs: dict[tuple[str, ...], str] = {}
    spanish: dict[str, tuple[str, ...]] = {}
    for row in _rows("vocabulary.csv"):
        # multi-word canonicals become one token ('air_force') so they stay together
        canonical = "_".join(tokens(row["canonical"]))
        phrases[tokens(row["term"])] = (canonical, row["kind"])
        langs[tokens(row["term"])] = row["lang"]
        if row["lang"].startswith("es"):
            spanish.setdefault(canonical, tokens(row["term"]))
    expansions: dict[str, tuple[str, ...]] = {}
    masculine: dict[str, tuple[str, ...]] = {}
    after_ordinal: dict[str, tuple[str, ...]] = {}
    for row in _rows("abbreviations.csv"):
        if row.get("after_ordinal"):
            if len(tokens(row["abbr"])) != 1 or not _parses(tokens(row["expansion"]), phrases):
                raise ValueError(f"abbreviation {row['abbr']!r} expands to unknown term")
            after_ordinal[tokens(row["abbr"])[0]] = tokens(row["expansion"])
            continue
        if row.get("masculine"):
            other = tokens(row["masculine"])
            if len(tokens(row["abbr"])) != 1 or not _parses(other, phrases):
                raise ValueError(f"abbreviation {row['abbr']!r}: unknown masculine form")
            masculine[tokens(row["abbr"])[0]] = other
        abbr, expansion = tokens(row["abbr"]), tokens(row["expansion"])
        target = phrases.get(expansion)
        if target is not None:
            phrases.setdefault(abbr, target)
        elif len(abbr) == 1 and _parses(expansion, phrases):
            expansions[abbr[0]] = expansion
        else:
            raise ValueError(f"abbreviation {row['abbr']!r} expands to unknown term")
    ordinals = {fold(r["word"]): int(r["number"]) for r in _rows("ordinals.csv")}
    stops = _rows("stopwords.csv")
    company = {tokens(r["word"]): "" for r in stops if r["scope"] == "company"}
    words = tuple(sorted({k[0] for k in phrases if len(k) == 1 and len(k[0]) >= 4}))
    return Vocabulary(
        phrases=phrases,
        ordinals=ordinals,
        stop_always=frozenset(fold(r["word"]) for r in stops if r["scope"] == "always"),
        stop_company=company,
        stop_security=frozenset(
            "_".join(tokens(r["word"])) for r in stops if r["scope"] == "security"
        ),
        max_phrase=max(len(k) for k in [*phrases, *company]),
        words=words,
        arm_branches={
            "_".join(tokens(r["arm"])): "_".join(tokens(r["branch"]))
            for r in _rows("arm_branches.csv")
            if r["ties"] == "yes"
        },
        arm_implies={
            "_".join(tokens(r["arm"])): "_".join(tokens(r["branch"]))
            for r in _rows("arm_branches.csv")
        },
        unique_types=frozenset(
            "_".join(tokens(r["canonical"])) for r in _rows("unique_unit_types.csv")
        ),
        business_words=tuple(
            sorted(k[0] for k, (_, kind) in phrases.items() if len(k) == 1 and kind == "business")
        ),
        singles=frozenset(k[0] for k in phrases if len(k) == 1),
        expansions=expansions,
        masculine=masculine,
        after_ordinal=after_ordinal,
        langs=langs,
        spanish=spanish,
        ranks={"_".join(tokens(r["canonical"])): int(r["rank"]) for r in _rows("unit_ranks.csv")},
        given_abbr={fold(r["abbr"]): fold(r["name"]) for r in _rows("given_abbreviations.csv")},
        lead_ins={
            kind: frozenset(fold(r["word"]) for r in _rows("lead_ins.csv") if r["kind"] == kind)
            for kind in ("member", "former")
        },
        abbreviations=frozenset(
            t[0]
            for r in _rows("abbreviations.csv")
            if len(t := tokens(r["abbr"])) == 1 and not r.get("after_ordinal")
        ),
        qualifiers=frozenset(c for c, kind in phrases.values() if kind == "qualifier"),
        business=frozenset(c for c, kind in phrases.values() if kind == "business"),
        known=frozenset(
            t[0]
            for r in _rows("default_aliases.csv")
            # kind 'type': the acronym names a kind of unit ('REDI' Central, 'ZODI' Aragua),
            # not one institution that can be a parent
            if r.get("kind", "") != "type"
            for t in (tokens(r["name"]), tokens(r["alias"]))
            # nor is a vocabulary word ('Carabineros', 'Jungla'): in a cell it names an arm
            if len(t) == 1 and t not in phrases
        ),
        alias_words=frozenset(
            t[0]
            for r in _rows("default_aliases.csv")
            for t in (tokens(r["name"]), tokens(r["alias"]))
            if len(t) == 1
        ),
        starts=frozenset(k[0] for k in [*phrases, *company] if len(k) > 1)
        | frozenset(
            tokens(r["word"])[0]
            for r in stops
            if r["scope"] == "security" and len(tokens(r["word"])) > 1
        ),
    )


def _parses(toks: tuple[str, ...], phrases: dict[tuple[str, ...], tuple[str, str]]) -> bool:
    """Whether `toks` is a sequence of known terms and stop words ('brigada de infanteria')."""
    stops = {fold(r["word"]) for r in _rows("stopwords.csv") if r["scope"] == "always"}
    i = 0
    while i < len(toks):
        for span in range(len(toks) - i, 0, -1):
            if toks[i : i + span] in phrases or (span == 1 and toks[i] in stops):
                i += span
                break
        else:
            return False
    return True
