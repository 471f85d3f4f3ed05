"""Name matching between allocation recipients and evidence names.

The engine calls `match_names` once per evidence condition with the *distinct* query names
and the *distinct* candidate names, so cost grows with distinct names, not with row pairs.
"""

from __future__ import annotations

from conditionality.matching.aliases import default_aliases, load_aliases
from conditionality.matching.core import MATCH_COLUMNS, Bands, match_names
from conditionality.matching.normalize import normalize_names

__all__ = [
    "MATCH_COLUMNS",
    "Bands",
    "default_aliases",
    "load_aliases",
    "match_names",
    "normalize_names",
]
