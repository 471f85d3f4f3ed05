"""Are the dated lists a run uses current? A list last verified more than a year before the
as-of date gets a warning in the run summary, and so does a list with no verification date."""

from __future__ import annotations

from typing import Any

import pandas as pd

MAX_AGE_DAYS = 365


def list_versions(status: pd.DataFrame | None, lists: set[str]) -> dict[str, dict[str, Any]]:
    """Per list used by the rules: rows, last verification date, newest period start."""
    out: dict[str, dict[str, Any]] = {}
    if status is None:
        return out
    names = status["list"].astype("string").str.casefold()
    verified = (
        pd.to_datetime(status["last_verified"], errors="coerce")
        if "last_verified" in status
        else pd.Series(pd.NaT, index=status.index)
    )
    starts = pd.to_datetime(status["valid_from"], errors="coerce")
    for name in sorted(lists):
        rows = names.eq(name.casefold()).fillna(False).to_numpy(dtype=bool)
        lv, latest = verified[rows].max(), starts[rows].max()
        out[name] = {
            "rows": int(rows.sum()),
            "last_verified": None if pd.isna(lv) else lv.strftime("%Y-%m-%d"),
            "latest_period_start": None if pd.isna(latest) else latest.strftime("%Y-%m-%d"),
        }
    return out


def freshness_warnings(versions: dict[str, dict[str, Any]], as_of: pd.Timestamp) -> list[str]:
    warnings = []
    undated = [name for name, v in versions.items() if v["rows"] and not v["last_verified"]]
    if undated:
        warnings.append(
            f"list(s) {', '.join(undated)} carry no last_verified date: cannot tell whether "
            "they are current (add a last_verified column)"
        )
    for name, v in versions.items():
        if v["last_verified"]:
            age = (as_of - pd.Timestamp(v["last_verified"])).days
            if age > MAX_AGE_DAYS:
                warnings.append(
                    f"list {name} was last verified on {v['last_verified']}, {age} days before "
                    "the as-of date: check it against its sources"
                )
    return warnings


def shipped_reference_files() -> list[str]:
    """The reference lists that ship with the package (CSPA, TIP tiers, coups, PTS)."""
    from importlib import resources
    from pathlib import Path

    packaged = Path(str(resources.files("conditionality"))) / "_reference"
    base = (
        packaged
        if packaged.is_dir()
        else Path(__file__).resolve().parents[1] / "datasets" / "reference"
    )
    return [str(base / name) for name in ("cspa.csv", "tip_tiers.csv", "coups.csv", "pts.csv")]
