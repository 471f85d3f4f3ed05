"""Name matching between allocation recipients and evidence names.

The engine calls `match_names` once per evidence condition with the *distinct* query names
and the *distinct* candidate names, so cost grows with distinct names, not with row pairs.
"""

from __future__ import annotations

from conditionality.matching.core import Bands, match_names, normalize_names

__all__ = ["Bands", "match_names", "normalize_names"]
