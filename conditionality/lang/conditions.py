"""Condition types. Each is a small pydantic model whose YAML key names it, with an `evaluate`
that works on whole columns and returns a nullable boolean column (NA = unknown).

`all`, `any` and `not` combine conditions with Kleene logic: `&`, `|` and `~` over nullable
boolean masks, so unknown stays unknown unless the answer is decided anyway.
The docstring of each class is its entry in the rule author's guide (docs/rules.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import pandas as pd
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator

from conditionality.lang.operators import BOOL, OPERATORS, check_pattern
from conditionality.lang.scope import Scope

CONDITION_TYPES: dict[str, type[Condition]] = {}


def condition_type(cls: type[Condition]) -> type[Condition]:
    """Register a condition type under its YAML key."""
    CONDITION_TYPES[cls.key] = cls
    return cls


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)
    key: ClassVar[str] = ""
    example: ClassVar[str] = ""

    def evaluate(self, scope: Scope) -> pd.Series:
        raise NotImplementedError

    def children(self) -> list[Condition]:
        return []

    def columns(self) -> set[str]:
        """Columns of the current scope this condition reads (for checks and messages)."""
        out: set[str] = set()
        for child in self.children():
            out |= child.columns()
        return out


if TYPE_CHECKING:  # at run time the tagged union built by condition_node_type()
    ConditionNode = Condition


def _pick(data: Any) -> str | None:
    if isinstance(data, dict):
        for key in data:
            if key in CONDITION_TYPES:
                return str(key)
        return None
    if isinstance(data, Condition):
        return data.key
    return None


def _as_bool(values: Any, index: pd.Index) -> pd.Series:
    return pd.Series(values, index=index).astype(BOOL)


@condition_type
class All(Condition):
    """Every condition holds (AND). Unknown only if none is false and one is unknown."""

    key: ClassVar[str] = "all"
    example: ClassVar[str] = (
        "all:\n  - {column: agency, op: eq, value: DOS}\n  - {column: category, op: eq, "
        "value: security}"
    )
    all_: list[ConditionNode] = Field(alias="all", min_length=1)

    def children(self) -> list[Condition]:
        return list(self.all_)

    def evaluate(self, scope: Scope) -> pd.Series:
        out = _as_bool(True, scope.frame.index)
        for child in self.all_:
            out = out & child.evaluate(scope)
        return out


@condition_type
class Any_(Condition):
    """At least one condition holds (OR). Unknown only if none is true and one is unknown."""

    key: ClassVar[str] = "any"
    example: ClassVar[str] = (
        "any:\n  - {column: account, op: in, value: [FMF, IMET]}\n  - {column: agency, "
        "op: eq, value: DOD}"
    )
    any_: list[ConditionNode] = Field(alias="any", min_length=1)

    def children(self) -> list[Condition]:
        return list(self.any_)

    def evaluate(self, scope: Scope) -> pd.Series:
        out = _as_bool(False, scope.frame.index)
        for child in self.any_:
            out = out | child.evaluate(scope)
        return out


@condition_type
class Not(Condition):
    """The condition does not hold. Unknown stays unknown; evidence found inside a `not` is
    never cited as evidence."""

    key: ClassVar[str] = "not"
    example: ClassVar[str] = "not: {column: category, op: in, value: [humanitarian, democracy]}"
    not_: ConditionNode = Field(alias="not")

    def children(self) -> list[Condition]:
        return [self.not_]

    def evaluate(self, scope: Scope) -> pd.Series:
        collect = scope.state.collect
        scope.state.collect = False
        try:
            return ~self.not_.evaluate(scope)
        finally:
            scope.state.collect = collect


@condition_type
class ColumnCondition(Condition):
    """Compare a column with a value (`value`), another column or the as-of date (`ref`).
    `ref` may list several columns: the first non-blank one is used. In an evidence `where`,
    bare names are evidence columns and `allocation.X` is the allocation's column X.
    A blank cell makes the comparison unknown (NA), except for `is_blank` and `not_blank`."""

    key: ClassVar[str] = "column"
    example: ClassVar[str] = (
        "column: event_date\nop: le\nref: [allocation.end_date, as_of]  # first non-blank"
    )
    column: str
    op: str
    value: Any = None
    ref: str | list[str] | None = None

    @field_validator("op")
    @classmethod
    def _known_op(cls, op: str) -> str:
        if op not in OPERATORS:
            raise ValueError(f"unknown operator {op!r}; known: {', '.join(sorted(OPERATORS))}")
        return op

    def model_post_init(self, _context: Any) -> None:
        arity = OPERATORS[self.op].arity
        if arity == "none":
            if self.value is not None or self.ref is not None:
                raise ValueError(f"operator {self.op!r} takes no value")
            return
        if (self.value is None) == (self.ref is None):
            raise ValueError(f"operator {self.op!r} needs exactly one of 'value' or 'ref'")
        if arity == "list" and self.value is not None and not isinstance(self.value, list):
            raise ValueError(f"operator {self.op!r} needs a list value")
        if arity == "pair" and not (isinstance(self.value, list) and len(self.value) == 2):
            raise ValueError(f"operator {self.op!r} needs a value of two items [low, high]")
        if arity == "pattern":
            if not isinstance(self.value, str):
                raise ValueError("operator 'matches' needs a text pattern")
            problem = check_pattern(self.value)
            if problem:
                raise ValueError(problem)

    def columns(self) -> set[str]:
        refs = [] if self.ref is None else [self.ref] if isinstance(self.ref, str) else self.ref
        return {self.column, *(r for r in refs if r != "as_of")}

    def evaluate(self, scope: Scope) -> pd.Series:
        left = scope.column(self.column)
        right = scope.ref(self.ref) if self.ref is not None else self.value
        return OPERATORS[self.op].func(left, right).astype(BOOL)


def condition_node_type() -> Any:
    """The tagged union of every registered condition type, picked by its YAML key."""
    members = tuple(Annotated[cls, Tag(key)] for key, cls in CONDITION_TYPES.items())
    union: Any = members[0]
    for m in members[1:]:
        union = union | m
    return Annotated[union, Discriminator(_pick)]


def rebuild_condition_models(namespace: dict[str, Any]) -> None:
    """Resolve `ConditionNode` in every registered type (and models that embed it)."""
    for cls in CONDITION_TYPES.values():
        cls.model_rebuild(force=True, _types_namespace=namespace)
