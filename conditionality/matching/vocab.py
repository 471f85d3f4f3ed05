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
    singles: frozenset[str] = frozenset()  # every one-word term


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary, abbreviations, ordinals and stop words shipped with the package."""
    phrases: dict[tuple[str, ...], tuple[str, str]] = {}
    for row in _rows("vocabulary.csv"):
        # multi-word canonicals become one token ('air_force') so they stay together
        phrases[tokens(row["term"])] = ("_".join(tokens(row["canonical"])), row["kind"])
    for row in _rows("abbreviations.csv"):
        target = phrases.get(tokens(row["expansion"]))
        if target is None:
            raise ValueError(f"abbreviation {row['abbr']!r} expands to unknown term")
        phrases.setdefault(tokens(row["abbr"]), target)
    ordinals = {fold(r["word"]): int(r["number"]) for r in _rows("ordinals.csv")}
    stops = _rows("stopwords.csv")
    company = {tokens(r["word"]): "" for r in stops if r["scope"] == "company"}
    words = tuple(sorted({k[0] for k in phrases if len(k) == 1 and len(k[0]) >= 5}))
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
        singles=frozenset(k[0] for k in phrases if len(k) == 1),
    )
