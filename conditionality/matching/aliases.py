"""Alias tables: the default one shipped with the package and the user's own CSV."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

ALIAS_COLUMNS = ["country", "name", "alias"]


def _tidy(table: pd.DataFrame, where: str) -> pd.DataFrame:
    missing = {"name", "alias"} - set(table.columns)
    if missing:
        raise ValueError(f"{where}: alias table lacks column(s) {sorted(missing)}")
    out = table.copy()
    if "country" not in out.columns:
        out["country"] = ""
    for col in ALIAS_COLUMNS:
        out[col] = out[col].astype("string").fillna("").str.strip()
    out["country"] = out["country"].str.upper()
    out = out[(out["name"] != "") & (out["alias"] != "")]
    extra = [c for c in out.columns if c not in ALIAS_COLUMNS]
    return out[ALIAS_COLUMNS + extra].reset_index(drop=True)


def load_aliases(path: str | Path) -> pd.DataFrame:
    """Read a user alias CSV (columns country, name, alias; country blank = any country).

    Other columns (source, note) are kept. Each row says `name` and `alias` name one entity."""
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    return _tidy(table, str(path))


def default_aliases() -> pd.DataFrame:
    """The alias table shipped with the package (with a source and note for each row)."""
    path = resources.files("conditionality.matching").joinpath("data", "default_aliases.csv")
    with path.open(encoding="utf-8") as fh:
        table = pd.read_csv(fh, dtype="string", keep_default_na=False)
    return _tidy(table, "default_aliases.csv")
