"""The rule file format, as pydantic models. Unknown keys are errors."""

from __future__ import annotations

import datetime as dt
import re
import string
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from conditionality.lang import joins  # noqa: F401  (registers the join condition types)
from conditionality.lang.conditions import (
    CONDITION_TYPES,
    Condition,
    condition_node_type,
    rebuild_condition_models,
)

if TYPE_CHECKING:
    from conditionality.lang.conditions import ConditionNode

Outcome = Literal["prohibited", "restricted", "review", "waived"]
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Authority(Strict):
    citation: str = Field(min_length=3)
    url: str = Field(min_length=8)
    title: str | None = None


class Effective(Strict):
    """The period a rule applies in, compared with the allocation's date (inclusive)."""

    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None


class Grade(Strict):
    """Per evidence record: the first grade whose `when` holds gives the record's outcome."""

    when: ConditionNode
    outcome: Outcome


class RuleException(Strict):
    """An exception overrides the rule's outcome where it applies, with its own citation.
    `scope: evidence` tests each evidence record (e.g. remediation, a list row's waiver);
    `scope: allocation` tests the allocation. Exceptions never add findings."""

    id: str
    title: str
    citation: str
    url: str | None = None
    scope: Literal["allocation", "evidence"] = "allocation"
    when: ConditionNode
    outcome: Outcome


class Rule(Strict):
    id: str
    version: int = Field(ge=1)
    title: str
    description: str | None = None
    authority: Authority
    effective: Effective = Effective()
    params: dict[str, Any] = Field(default_factory=dict)
    applies_to: ConditionNode | None = None
    when: ConditionNode | None = None
    outcome: Outcome
    grades: list[Grade] = Field(default_factory=list)
    exceptions: list[RuleException] = Field(default_factory=list)
    on_missing: Outcome = "review"
    message: str
    tags: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not RULE_ID.match(value):
            raise ValueError("rule ids are lower-case words joined by '-', e.g. leahy-state")
        return value

    @field_validator("message")
    @classmethod
    def _message_fields(cls, value: str) -> str:
        for _, name, _, _ in string.Formatter().parse(value):
            if name is None:
                continue
            if not re.fullmatch(r"(allocation|evidence|rule)\.[a-z_][a-z0-9_]*", name):
                raise ValueError(
                    f"message field {{{name}}} must be allocation.X, evidence.X or rule.X"
                )
        return value

    @model_validator(mode="after")
    def _has_condition(self) -> Rule:
        if self.applies_to is None and self.when is None:
            raise ValueError("a rule needs 'applies_to' or 'when'")
        return self

    def conditions(self) -> list[Condition]:
        out = [c for c in (self.applies_to, self.when) if c is not None]
        return out

    def evidence_datasets(self) -> set[str]:
        found: set[str] = set()

        def walk(c: Condition) -> None:
            if isinstance(c, joins.Evidence):
                found.add(c.evidence.dataset)
            if isinstance(c, joins.InList | joins.ListValue):
                found.add("country_status")
            for child in c.children():
                walk(child)

        for c in self.conditions():
            walk(c)
        return found

    def lists(self) -> set[str]:
        found: set[str] = set()

        def walk(c: Condition) -> None:
            if isinstance(c, joins.InList):
                found.add(c.in_list.list_)
            if isinstance(c, joins.ListValue):
                found.add(c.list_value.list_)
            for child in c.children():
                walk(child)

        for c in self.conditions():
            walk(c)
        return found


_NAMESPACE = {"ConditionNode": condition_node_type()}
rebuild_condition_models(_NAMESPACE)
for _model in (joins.EvidenceSpec, Grade, RuleException, Rule):
    _model.model_rebuild(force=True, _types_namespace=_NAMESPACE)

__all__ = ["CONDITION_TYPES", "Authority", "Grade", "Rule", "RuleException"]
