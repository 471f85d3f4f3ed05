"""Adapters for published formats register here; the native reader is the fallback.

An adapter maps one published format (FMTR, ForeignAssistance.gov, OFAC SDN, ...) to one
canonical table. `detect` looks at the file's first bytes/headers and says whether it is its
format; `read` returns a ReadResult like the native reader's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conditionality.readers.base import InputError, ReadResult
from conditionality.schema import Table


@dataclass(frozen=True)
class Adapter:
    name: str
    table: str
    title: str
    detect: Callable[[Path], bool]
    read: Callable[..., ReadResult]
    # False for a format whose amounts are costs that cannot be negative (no de-obligations):
    # its reader rejects a negative amount instead of reading it as a de-obligation.
    negative_amounts: bool = True


ADAPTERS: dict[str, Adapter] = {}


def register(adapter: Adapter) -> Adapter:
    ADAPTERS[adapter.name] = adapter
    return adapter


def pick_adapter(path: Path, table: Table, input_format: str | None) -> Adapter | None:
    """The adapter named by --input-format, else the first whose detector accepts the file."""
    _load_builtin()
    if input_format and input_format != "native":
        adapter = ADAPTERS.get(input_format)
        if adapter is None:
            known = ", ".join(["native", *sorted(ADAPTERS)])
            raise InputError(f"{path}: unknown --input-format {input_format!r}; known: {known}")
        if adapter.table != table.name:
            raise InputError(
                f"{path}: format {input_format!r} gives {adapter.table}, not {table.name}"
            )
        return adapter
    if input_format == "native":
        return None
    for adapter in ADAPTERS.values():
        if adapter.table != table.name:
            continue
        try:
            if adapter.detect(path):
                return adapter
        except Exception:  # a file a detector cannot even peek at is simply not its format
            continue
    return None


def _load_builtin() -> None:
    """Import the adapters package once so its modules register themselves."""
    try:
        import conditionality.adapters  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name != "conditionality.adapters":
            raise


def adapter_options(options: dict[str, Any] | None) -> dict[str, Any]:
    return dict(options or {})
