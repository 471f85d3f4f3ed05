"""Column operators: each takes a whole column and a value (a scalar, a list or another column)
and returns a nullable boolean column. A blank cell gives NA (unknown), never False, so missing
data cannot pass a rule silently; only `is_blank` and `not_blank` look at blankness itself.

The docstring of each operator is its entry in the rule author's guide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

BOOL = "boolean"


@dataclass(frozen=True)
class Operator:
    name: str
    func: Callable[[pd.Series, Any], pd.Series]
    arity: str  # "scalar", "list", "pair", "none", "pattern"
    doc: str


OPERATORS: dict[str, Operator] = {}


def operator(name: str, arity: str = "scalar") -> Callable:
    def wrap(func: Callable[[pd.Series, Any], pd.Series]) -> Callable:
        OPERATORS[name] = Operator(name, func, arity, (func.__doc__ or "").strip())
        return func

    return wrap


def is_blank_mask(s: pd.Series) -> pd.Series:
    blank = s.isna()
    if s.dtype == object or pd.api.types.is_string_dtype(s):
        blank = blank | s.astype("string").str.strip().eq("").fillna(True)
    return blank.astype(bool)


def _known(result: Any, *inputs: Any) -> pd.Series:
    """A boolean result with NA wherever an input column is blank."""
    out = pd.Series(np.asarray(result, dtype=bool), index=inputs[0].index).astype(BOOL)
    for s in inputs:
        if isinstance(s, pd.Series):
            out = out.mask(is_blank_mask(s), pd.NA)
    return out


def _text(s: pd.Series) -> pd.Series:
    return s.astype("string").str.strip().str.casefold()


def _same_kind(left: pd.Series, right: Any) -> tuple[pd.Series, Any]:
    """Compare text case-insensitively; compare dates and numbers as such."""
    if pd.api.types.is_datetime64_any_dtype(left):
        if isinstance(right, pd.Series):
            return left, pd.to_datetime(right, errors="coerce")
        if isinstance(right, list):
            return left, [pd.Timestamp(v) for v in right]
        return left, pd.Timestamp(right)
    if pd.api.types.is_numeric_dtype(left) and not pd.api.types.is_bool_dtype(left):
        if isinstance(right, pd.Series):
            return left, pd.to_numeric(right, errors="coerce")
        if isinstance(right, list):
            return left, [float(v) for v in right]
        return left, float(right)
    if isinstance(right, pd.Series):
        return _text(left), _text(right)
    if isinstance(right, list):
        return _text(left), [str(v).strip().casefold() for v in right]
    return _text(left), str(right).strip().casefold()


def _compare(left: pd.Series, right: Any, how: str) -> pd.Series:
    a, b = _same_kind(left, right)
    result = {
        "eq": lambda: a == b,
        "ne": lambda: a != b,
        "gt": lambda: a > b,
        "ge": lambda: a >= b,
        "lt": lambda: a < b,
        "le": lambda: a <= b,
    }[how]()
    filled = pd.Series(result, index=left.index).fillna(False)
    return _known(filled.to_numpy(dtype=bool), left, right)


@operator("eq")
def op_eq(s: pd.Series, value: Any) -> pd.Series:
    """Equal (text compares case-insensitively). `{column: agency, op: eq, value: DOS}`"""
    return _compare(s, value, "eq")


@operator("ne")
def op_ne(s: pd.Series, value: Any) -> pd.Series:
    """Not equal; a blank cell is unknown, not different.
    `{column: agency, op: ne, value: DOD}`"""
    return _compare(s, value, "ne")


@operator("gt")
def op_gt(s: pd.Series, value: Any) -> pd.Series:
    """Greater than. `{column: amount_usd, op: gt, value: 1000000}`"""
    return _compare(s, value, "gt")


@operator("ge")
def op_ge(s: pd.Series, value: Any) -> pd.Series:
    """Greater than or equal. `{column: fiscal_year, op: ge, value: 2020}`"""
    return _compare(s, value, "ge")


@operator("lt")
def op_lt(s: pd.Series, value: Any) -> pd.Series:
    """Less than. `{column: start_date, op: lt, ref: as_of}`"""
    return _compare(s, value, "lt")


@operator("le")
def op_le(s: pd.Series, value: Any) -> pd.Series:
    """Less than or equal. `{column: event_date, op: le, ref: [allocation.end_date, as_of]}`"""
    return _compare(s, value, "le")


@operator("in", arity="list")
def op_in(s: pd.Series, values: Any) -> pd.Series:
    """One of a list (text case-insensitive). `{column: account, op: in, value: [FMF, IMET]}`"""
    a, b = _same_kind(s, list(values))
    return _known(a.isin(b).fillna(False).to_numpy(dtype=bool), s)


@operator("not_in", arity="list")
def op_not_in(s: pd.Series, values: Any) -> pd.Series:
    """None of a list. `{column: category, op: not_in, value: [humanitarian, democracy]}`"""
    a, b = _same_kind(s, list(values))
    return _known(~a.isin(b).fillna(False).to_numpy(dtype=bool), s)


@operator("between", arity="pair")
def op_between(s: pd.Series, bounds: Any) -> pd.Series:
    """Within inclusive bounds. `{column: fiscal_year, op: between, value: [2019, 2023]}`"""
    lo, hi = bounds
    a, lo_v = _same_kind(s, lo)
    _, hi_v = _same_kind(s, hi)
    return _known((a.ge(lo_v) & a.le(hi_v)).fillna(False).to_numpy(dtype=bool), s)


@operator("is_blank", arity="none")
def op_is_blank(s: pd.Series, _value: Any = None) -> pd.Series:
    """The cell is empty. Never unknown. `{column: recipient_name, op: is_blank}`"""
    return is_blank_mask(s).astype(BOOL)


@operator("not_blank", arity="none")
def op_not_blank(s: pd.Series, _value: Any = None) -> pd.Series:
    """The cell has a value. Never unknown. `{column: recipient_parent, op: not_blank}`"""
    return (~is_blank_mask(s)).astype(BOOL)


@operator("matches", arity="pattern")
def op_matches(s: pd.Series, pattern: Any) -> pd.Series:
    """The text contains a match of a regular expression (RE2 syntax: linear time, no
    backtracking; case-insensitive). `{column: description, op: matches, value: 'disaster relief'}`
    """
    import re2

    compiled = re2.compile(pattern, options=_re2_options())
    text = s.astype("string")
    uniq = pd.Series(text.dropna().unique(), dtype="object")
    found = pd.Series([compiled.search(v) is not None for v in uniq], dtype=bool)
    lookup = dict(zip(uniq, found, strict=True))
    hits = text.map(lookup).fillna(False).to_numpy(dtype=bool)
    return _known(hits, s)


def _re2_options() -> Any:
    import re2

    opts = re2.Options()
    opts.case_sensitive = False
    opts.max_mem = 8 << 20  # a pattern that needs more is refused, not run
    return opts


def check_pattern(pattern: str) -> str | None:
    """Why a pattern cannot be used, or None."""
    import re2

    try:
        re2.compile(pattern, options=_re2_options())
    except Exception as exc:  # re2 raises its own error type
        return f"invalid regular expression {pattern!r}: {exc}"
    return None


@operator("intersects", arity="list")
def op_intersects(s: pd.Series, values: Any) -> pd.Series:
    """A ';'-separated cell shares at least one item with the list; the list ['*'] accepts any
    value, blank included. `{column: program, op: intersects, value: [GLOMAG, SDNTK]}`"""
    wanted = [str(v).strip().casefold() for v in values]
    if "*" in wanted:
        return pd.Series(True, index=s.index, dtype=BOOL)
    parts = _text(s).str.replace(r"[\[\]]", " ", regex=True).str.split(r"\s*;\s*")
    exploded = parts.explode().str.strip()
    hit = exploded.isin(wanted).groupby(level=0).any()
    return _known(hit.reindex(s.index, fill_value=False).to_numpy(dtype=bool), s)
