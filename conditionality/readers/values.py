"""Column-wise parsers for raw cells. Each returns the parsed column and a mask of cells
that could not be read; an unreadable cell is rejected, never guessed."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

_AMOUNT = (
    r"^(?P<neg1>-)?\s*(?P<open>\()?\s*(?P<neg2>-)?\s*(?:USD|US\$|\$|U\.S\.\s*\$)?\s*(?P<neg3>-)?\s*"
    r"(?P<num>\d[\d,\s]*(?:\.\d+)?|\.\d+)\s*(?P<unit>[kKmMbB]|mn|MN|bn|BN)?\s*(?:USD)?\s*"
    r"(?P<close>\))?$"
)
_UNITS = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "MN": 1e6}
_UNITS.update({"b": 1e9, "B": 1e9, "bn": 1e9, "BN": 1e9})

EXCEL_EPOCH_1900 = pd.Timestamp("1899-12-30")
EXCEL_EPOCH_1904 = pd.Timestamp("1904-01-01")
MIN_DATE = pd.Timestamp("1900-01-01")
MAX_DATE = pd.Timestamp("2100-12-31")


def cell_kinds(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Masks of cells holding numbers and dates (as opposed to text). Only mixed object
    columns (from Excel) need a look at each cell's type."""
    idx = raw.index
    if pd.api.types.is_datetime64_any_dtype(raw):
        return pd.Series(False, index=idx), raw.notna()
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        return raw.notna(), pd.Series(False, index=idx)
    if raw.dtype != object:
        return pd.Series(False, index=idx), pd.Series(False, index=idx)
    types = raw.map(type)
    numeric = types.isin([int, float, np.int64, np.float64])
    dates = types.isin([dt.datetime, dt.date, pd.Timestamp])
    return numeric.astype(bool) & raw.notna(), dates.astype(bool)


def blank(raw: pd.Series) -> pd.Series:
    """True where a cell is empty: NA, None, or only whitespace."""
    as_text = raw.astype("string").str.strip()
    return (raw.isna() | as_text.isna() | as_text.eq("")).astype(bool)


def clean_text(raw: pd.Series) -> pd.Series:
    """Strip whitespace; blanks become NA."""
    s = raw.astype("string").str.strip()
    return s.where(~blank(raw)).astype("string")


def parse_amount(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers and text such as '$1,200,000', '(1,200)', '1.2M', 'USD 3,000', '-500'."""
    is_blank = blank(raw)
    out = pd.Series(np.nan, index=raw.index, dtype="float64")
    numeric, _ = cell_kinds(raw)
    numeric = numeric & ~is_blank
    if numeric.any():
        out[numeric] = pd.to_numeric(raw[numeric], errors="coerce").astype("float64")
    text = ~numeric & ~is_blank
    if text.any():
        parts = raw[text].astype("string").str.strip().str.extract(_AMOUNT)
        value = pd.to_numeric(
            parts["num"].str.replace(r"[,\s]", "", regex=True), errors="coerce"
        ).astype("float64")
        scale = parts["unit"].map(_UNITS).astype("float64").fillna(1.0)
        signs = parts[["neg1", "neg2", "neg3"]].notna().sum(axis=1)
        paren = parts["open"].notna() & parts["close"].notna()
        unbalanced = parts["open"].notna() ^ parts["close"].notna()
        negative = (signs % 2 == 1) ^ paren
        value = value * scale * np.where(negative, -1.0, 1.0)
        value = value.where(~unbalanced & (signs <= 1))
        out[text] = value.to_numpy(dtype="float64", na_value=np.nan)
    bad = ~is_blank & (out.isna() | ~np.isfinite(out.fillna(0.0)))
    return out.where(~bad), bad


def parse_integer(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers such as fiscal years ('2021', 2021.0, 'FY2021')."""
    is_blank = blank(raw)
    text = raw.astype("string").str.strip().str.replace(r"^(?:FY)\s*", "", regex=True, case=False)
    num = pd.to_numeric(text.str.replace(r"\.0+$", "", regex=True), errors="coerce")
    bad = ~is_blank & (num.isna() | (num.fillna(0) % 1 != 0))
    return num.where(~bad).astype("Int64"), bad


def _from_serial(values: pd.Series, epoch: pd.Timestamp) -> pd.Series:
    days = pd.to_numeric(values, errors="coerce")
    ok = days.between(1, 75_000)  # beyond 2100 (and any overflow) is out of range anyway
    return (epoch + pd.to_timedelta(days.where(ok), unit="D")).dt.floor("D")


def _in_range(dates: pd.Series) -> pd.Series:
    """Dates as datetime64[ns]; those outside 1900-2100 (which a coarser unit can hold, e.g.
    year 9977) become NaT, so they are rejected as out of range instead of overflowing."""
    ok = dates.notna() & (dates >= MIN_DATE) & (dates <= MAX_DATE)
    return dates.where(ok).astype("datetime64[ns]")


def parse_date(
    raw: pd.Series, *, date_order: str = "auto", date1904: bool = False
) -> tuple[pd.Series, pd.Series, str | None]:
    """Dates: datetime cells, Excel serials (also as text), ISO, and day-month-year forms.

    Slash dates (3/4/2020) are read by the order the column itself shows: a value with a first
    part above 12 means day-first, a second part above 12 means month-first. With no such value
    `date_order` decides ('mdy' or 'dmy'; 'auto' falls back to month-first, the U.S. usage, and
    says so in the returned note). Returns (dates, bad mask, note).
    """
    is_blank = blank(raw)
    out = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    note: str | None = None
    is_num, is_dt = cell_kinds(raw)
    is_dt = is_dt & ~is_blank
    if is_dt.any():
        given = pd.to_datetime(raw[is_dt], errors="coerce", utc=False)
        out[is_dt] = _in_range(given.dt.floor("D"))
    is_num = is_num & ~is_blank & ~is_dt
    text = raw.astype("string").str.strip()
    serial_text = text.str.fullmatch(r"\d{4,5}(?:\.0+)?").fillna(False).astype(bool) & ~is_dt
    serial = is_num | serial_text
    epoch = EXCEL_EPOCH_1904 if date1904 else EXCEL_EPOCH_1900
    if serial.any():
        out[serial] = _in_range(
            _from_serial(text[serial].str.replace(r"\.0+$", "", regex=True), epoch)
        )
    rest = ~is_blank & ~is_dt & ~serial
    if rest.any():
        t = text[rest].str.replace(r"[T ]00:00(:00)?(\.0+)?$", "", regex=True)
        iso = pd.to_datetime(t, format="%Y-%m-%d", errors="coerce")
        parts = t.str.extract(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
        a = pd.to_numeric(parts[0], errors="coerce")
        b = pd.to_numeric(parts[1], errors="coerce")
        order = date_order
        if order == "auto":
            day_first = bool((a > 12).any())
            month_first = bool((b > 12).any())
            if day_first and month_first:
                order = "mixed"
            elif day_first:
                order = "dmy"
            else:
                order = "mdy"
                if (a.notna()).any() and not month_first:
                    note = "slash dates read as month/day/year (set date_order to change)"
        year = pd.to_numeric(parts[2], errors="coerce")
        year = year.where(year >= 100, 2000 + year)
        if order == "dmy":
            day, month = a, b
        else:
            day, month = b, a
        ymd = (
            year.astype("Int64").astype("string")
            + "-"
            + month.astype("Int64").astype("string")
            + "-"
            + day.astype("Int64").astype("string")
        )
        slash = pd.to_datetime(ymd, format="%Y-%m-%d", errors="coerce")
        if order == "mixed":
            slash = slash.where(a.gt(12) | b.gt(12))
            note = "slash dates mix day-first and month-first; ambiguous ones rejected"
        named = pd.to_datetime(t, format="%d-%b-%y", errors="coerce")
        for fmt in ("%d-%b-%Y", "%d %b %Y", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d"):
            named = named.fillna(pd.to_datetime(t, format=fmt, errors="coerce"))
        out[rest] = _in_range(_in_range(iso).fillna(_in_range(slash)).fillna(_in_range(named)))
    bad = ~is_blank & (out.isna() | (out < MIN_DATE) | (out > MAX_DATE))
    return out.where(~bad), bad, note


def parse_enum(raw: pd.Series, allowed: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    """Enumerated values, matched case-, space- and punctuation-insensitively."""
    is_blank = blank(raw)
    key = raw.astype("string").str.strip().str.lower().str.replace(r"[\s\-./]+", "_", regex=True)
    canon = {a.lower(): a for a in allowed}
    value = key.map(canon)
    bad = ~is_blank & value.isna()
    return value.astype("string"), bad


def parse_id(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Ids are text; a number read by Excel as 12.0 becomes '12'."""
    s = clean_text(raw)
    s = s.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    return s, pd.Series(False, index=raw.index)
