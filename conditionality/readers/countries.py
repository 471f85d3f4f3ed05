"""Country names and codes to ISO3.

ISO codes and official names come from pycountry; common and Spanish names, and the known
traps (Congo vs DR Congo, Niger vs Nigeria, Dominica vs Dominican Republic), come from the
data file `data/country_aliases.csv`. Anything else is rejected, never guessed.
"""

from __future__ import annotations

import csv
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
    return str(country_key(pd.Series([text])).iloc[0])


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
