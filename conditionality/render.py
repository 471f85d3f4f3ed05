"""Message templates such as "{allocation.recipient_name} matches {evidence.perpetrator_name}",
rendered for a whole column of findings at once (no str.format per row, no attribute access:
only `prefix.field` lookups into known tables)."""

from __future__ import annotations

import string
from typing import Any

import numpy as np
import pandas as pd


def as_text(col: pd.Series, name: str) -> pd.Series:
    """Display form of a column: dates as YYYY-MM-DD, dollars with separators, blanks as '?'."""
    if pd.api.types.is_datetime64_any_dtype(col):
        return col.dt.strftime("%Y-%m-%d").astype("string").fillna("?")
    if name.startswith("amount") and pd.api.types.is_numeric_dtype(col):
        values = col.astype("float64")
        text = pd.Series(
            np.char.add("$", np.char.mod("%.0f", np.abs(values.fillna(0).to_numpy()))),
            index=col.index,
        )
        # thousands separators without a per-row format call
        text = text.str.replace(r"(\d)(?=(\d{3})+$)", r"\1,", regex=True)
        text = ("-" + text).where(values < 0, text)
        return text.where(values.notna(), "?").astype("string")
    if name == "score" and pd.api.types.is_numeric_dtype(col):
        return col.astype("float64").round(2).astype("string").fillna("?")
    text = col.astype("string").fillna("?")
    return text.where(text.str.strip().ne(""), "?")


def render_template(template: str, sources: dict[str, Any], index: pd.Index) -> pd.Series:
    out = pd.Series("", index=index, dtype="string")
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out = out + literal
        if name is None:
            continue
        prefix, field = name.split(".", 1)
        src = sources.get(prefix)
        if isinstance(src, dict):
            out = out + str(src.get(field, "?"))
        elif isinstance(src, pd.DataFrame) and field in src:
            out = out + as_text(src[field], field).reindex(index).fillna("?")
        else:
            out = out + "?"
    return out
