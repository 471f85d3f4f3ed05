"""Options from `conditionality.toml` or `[tool.conditionality]` in pyproject.toml.

Every `check` option can live there under its long name (dashes or underscores); options
given on the command line win. Paths in the file are relative to the file's folder.

    # conditionality.toml
    aid = ["data/allocations.xlsx"]
    abuses = ["data/abuses.csv"]
    country-status = ["data/lists.csv"]
    as-of = "2024-06-30"
    format = "json,csv,xlsx"
    [params.sanctioned-recipient]
    programs = ["GLOMAG"]
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

PATH_KEYS = {
    "aid",
    "abuses",
    "country_status",
    "entities",
    "rules",
    "out",
    "aliases",
    "column_map",
    "decisions",
}
LIST_KEYS = {"aid", "abuses", "country_status", "entities", "rules"}


class ConfigError(Exception):
    """A config file that cannot be used (exit code 2)."""


def find_config(start: Path) -> Path | None:
    for name in ("conditionality.toml", "pyproject.toml"):
        p = start / name
        if p.is_file():
            if name == "pyproject.toml" and "conditionality" not in _tool_table(p):
                continue
            return p
    return None


def _tool_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config: {exc}") from None
    tool = data.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def load_config(path: Path | None, known: set[str]) -> dict[str, Any]:
    """Options from a config file, keys normalized to underscores and paths made absolute."""
    if path is None:
        return {}
    if path.name == "pyproject.toml":
        raw = _tool_table(path).get("conditionality", {})
    else:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the config: {exc}") from None
    out: dict[str, Any] = {}
    for key, value in raw.items():
        k = key.replace("-", "_")
        if k not in known:
            raise ConfigError(f"{path}: unknown option {key!r}; known: {', '.join(sorted(known))}")
        if k in LIST_KEYS and isinstance(value, str):
            value = [value]
        if k in PATH_KEYS:
            value = (
                [str((path.parent / v).resolve()) for v in value]
                if isinstance(value, list)
                else str((path.parent / value).resolve())
            )
        out[k] = value
    return out


def merge(cli: dict[str, Any], file: dict[str, Any]) -> dict[str, Any]:
    """Command-line values win; an option not given on the command line (None or empty
    list) takes the file's value."""
    merged = dict(file)
    for key, value in cli.items():
        if value is None or value == [] or value == ():
            merged.setdefault(key, value)
        else:
            merged[key] = value
    return merged
