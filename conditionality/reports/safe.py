"""Keeping untrusted text inert: no formulas in spreadsheets, atomic writes in a folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize_text(s: pd.Series) -> pd.Series:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    text = s.astype("string")
    risky = text.str.startswith(FORMULA_START).fillna(False).astype(bool)
    return text.mask(risky, "'" + text)


def neutralize_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Neutralize every text column; numbers and dates stay as they are."""
    out = {}
    for col in df.columns:
        s = df[col]
        is_text = s.dtype == object or pd.api.types.is_string_dtype(s)
        out[col] = neutralize_text(s) if is_text else s
    return pd.DataFrame(out, index=df.index)


def safe_target(out_dir: Path, name: str) -> Path:
    """A path inside out_dir; names that would escape it are refused."""
    base = out_dir.resolve()
    target = (base / name).resolve()
    if base != target.parent and base not in target.parents:
        raise ValueError(f"output name {name!r} escapes the output folder {out_dir}")
    return target


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_bytes(target: Path, data: bytes) -> Path:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())  # the bytes are on disk before the name points at them
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def neutralize_value(value: str) -> str:
    """One text value made inert for a spreadsheet (the scalar form of neutralize_text)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def is_web_url(value: object) -> bool:
    """True only for an absolute http(s) URL: the only links a report makes clickable."""
    if not isinstance(value, str):
        return False
    v = value.strip()
    low = v.lower()
    if not (low.startswith("http://") or low.startswith("https://")):
        return False
    return not any(ch.isspace() or ord(ch) < 32 or ch in "<>\"'`\\" for ch in v)
