"""What a condition sees while it is evaluated: the rows, the evidence tables and the run's
settings. Conditions never write into the input frames; what they find goes into `hits`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

ScopeKind = Literal["allocation", "pair"]
ALLOC_PREFIX = "allocation."


@dataclass
class RunContext:
    """Shared by every rule of one run."""

    tables: dict[str, pd.DataFrame | None]
    as_of: pd.Timestamp
    aliases: pd.DataFrame | None = None
    cache: dict[Any, Any] = field(default_factory=dict)


@dataclass
class RuleState:
    """Collected while one rule is evaluated over all allocations."""

    index: pd.Index
    hits: list[pd.DataFrame] = field(default_factory=list)
    not_evaluated: pd.Series = field(default_factory=lambda: pd.Series(dtype=bool))
    reasons: pd.Series = field(default_factory=lambda: pd.Series(dtype="string"))
    collect: bool = True

    def __post_init__(self) -> None:
        self.not_evaluated = pd.Series(False, index=self.index)
        self.reasons = pd.Series(pd.NA, index=self.index, dtype="string")

    def mark_not_evaluated(self, mask: pd.Series, reason: str | pd.Series) -> None:
        mask = mask.reindex(self.index, fill_value=False).astype(bool)
        self.not_evaluated = self.not_evaluated | mask
        new = reason if isinstance(reason, pd.Series) else pd.Series(reason, index=self.index)
        new = new.reindex(self.index)
        self.reasons = self.reasons.mask(mask & self.reasons.isna(), new)


@dataclass
class Scope:
    frame: pd.DataFrame
    kind: ScopeKind
    run: RunContext
    state: RuleState

    def column(self, name: str) -> pd.Series:
        """A column by name; in pair scope `allocation.X` is the allocation's column X."""
        if self.kind == "allocation" and name.startswith(ALLOC_PREFIX):
            name = name[len(ALLOC_PREFIX) :]
        if name not in self.frame:
            raise KeyError(name)
        return self.frame[name]

    def ref(self, refs: str | list[str]) -> Any:
        """The first non-blank of the referenced columns; `as_of` is the run's as-of date."""
        names = [refs] if isinstance(refs, str) else list(refs)
        out: Any = None
        for name in names:
            value: Any = self.run.as_of if name == "as_of" else self.column(name)
            if out is None:
                out = value
            elif isinstance(out, pd.Series):
                out = out.where(out.notna(), value)
        return out
