"""Country names and codes to ISO3.

ISO codes and official names come from pycountry; common and Spanish names, and the known
traps (Congo vs DR Congo, Niger vs Nigeria, Dominica vs Dominican Republic), come from the
data file `data/country_aliases.csv`. Anything else is rejected, never guessed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from importlib import resources

import pandas as pd
import pycountry


def country_key(s: pd.Series) -> pd.Series:
    """The form names are compared in: lower case, no accents, no punctuation."""
    t = s.astype("string").str.normalize("NFKD").str.encode("ascii", "ignore")
    t = t.str.decode("ascii").str.lower().str.replace(r"[^a-z0-9]+", " ", regex=True)
    return t.str.strip()


def _key(text: str) -> str:
    """country_key for one spelling, in plain Python (the table has thousands of them)."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


@lru_cache(maxsize=1)
def lookup() -> dict[str, str]:
    """Every accepted spelling (as a key) to its ISO3 code."""
    table: dict[str, str] = {}
    for c in pycountry.countries:
        code = c.alpha_3
        table[_key(code)] = code
        table[_key(c.alpha_2)] = code
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                table[_key(value)] = code
    path = resources.files("conditionality") / "data" / "country_aliases.csv"
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            table[_key(row["alias"])] = row["iso3"]
    # Two-letter words that are also codes cause more harm than good in free text.
    for risky in ("no", "is", "in", "it", "to", "be", "me", "am", "do", "so"):
        table.pop(risky, None)
    return table


def iso3_codes() -> set[str]:
    return set(lookup().values())


def parse_country(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Map names and codes to ISO3; returns (codes, bad mask)."""
    from conditionality.readers.values import blank

    is_blank = blank(raw)
    keys = country_key(raw)
    uniq = pd.Series(keys.dropna().unique())
    mapping = dict(zip(uniq, uniq.map(lookup()), strict=True))
    codes = keys.map(mapping).astype("string")
    bad = ~is_blank & codes.isna()
    return codes, bad


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, str]]:
    """Name keys (longer than three letters, so not codes) to (ISO3, display name)."""
    out: dict[str, tuple[str, str]] = {}
    for key, code in lookup().items():
        if len(key) > 3:
            c = pycountry.countries.get(alpha_3=code)
            display = getattr(c, "common_name", None) or getattr(c, "name", code) if c else key
            out[key] = (code, str(display))
    return out


def suggest_country(text: str, *, cutoff: float = 80.0) -> tuple[str, str] | None:
    """The closest known country name to `text`, as (ISO3, name), if one is close enough.

    Used only to word the rejection: a loose match is reported, never applied.
    """
    from rapidfuzz import fuzz, process, utils

    key = _key(text)
    if not key:
        return None
    names = _names()
    hit = process.extractOne(
        key, list(names), scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=cutoff
    )
    return names[hit[0]] if hit else None


def country_reasons(raw: pd.Series, bad: pd.Series) -> pd.Series:
    """One rejection reason per cell of `raw` (only the `bad` ones matter), with a suggestion
    when a known name is close: "unknown country 'Guatmala' (did you mean GTM Guatemala?)"."""
    reasons = pd.Series("", index=raw.index, dtype="object")
    text = raw[bad].astype("string").str.strip()
    for value in text.dropna().unique():
        hint = suggest_country(str(value))
        tail = (
            f" (did you mean {hint[0]} {hint[1]}?)"
            if hint
            else " (use an ISO3 code such as GTM or an English name)"
        )
        reasons[text.eq(value).reindex(raw.index, fill_value=False)] = (
            f"unknown country {value!r}{tail}"
        )
    return reasons
