"""The decisions file: reviewers' decisions on findings, one entry per finding id.

    # decisions.yaml -- keep it in version control
    version: 1
    decisions:
      - finding_id: leahy-state:DOS-2021-0003
        status: dismissed_false_match
        reason: The recipient is the navy's band, not the unit in AR-0004
        reviewer: A. Analyst
        date: 2024-07-02
        expires: 2025-07-02          # optional
        second_approver: B. Lawyer   # optional
        rule_version: 1              # recorded from the report
        evidence_fingerprint: 3f2a9c0d1b7e

Every problem becomes a DecisionsError naming the file and the finding id (exit code 3).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from conditionality.review.errors import DecisionsError  # noqa: F401 (re-exported)

Status = Literal["confirmed", "dismissed_false_match", "accepted_with_waiver", "under_review"]
STATUSES: tuple[str, ...] = (
    "confirmed",
    "dismissed_false_match",
    "accepted_with_waiver",
    "under_review",
)
# A finding with one of these decisions no longer counts for the exit code.
CLOSING = ("dismissed_false_match", "accepted_with_waiver")
FILE_VERSION = 1
MAX_BYTES = 10 * 1024 * 1024


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    finding_id: str = Field(min_length=3)
    status: Status
    reason: str = Field(min_length=1)
    reviewer: str = Field(min_length=1)
    date: dt.date
    expires: dt.date | None = None
    second_approver: str | None = None
    rule_version: int = Field(ge=1)
    evidence_fingerprint: str = Field(pattern=r"^[0-9a-f]{12}$")
    # Recorded when known (from findings.json) to say precisely what changed later.
    outcome: str | None = None
    amount_usd: float | None = None
    evidence_ids: list[str] | None = None

    @field_validator("finding_id", "reason", "reviewer", "second_approver", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @field_validator("finding_id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if ":" not in value:
            raise ValueError("a finding id is RULE_ID:ALLOCATION_ID")
        return value

    @field_validator("date", "expires", mode="before")
    @classmethod
    def _no_datetime(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.date()
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Decision:
        if self.expires is not None and self.expires < self.date:
            raise ValueError(f"expires ({self.expires}) is before the decision date ({self.date})")
        if self.second_approver is not None and self.second_approver == "":
            raise ValueError("second_approver is blank: remove it or give a name")
        if self.second_approver and self.second_approver.casefold() == self.reviewer.casefold():
            raise ValueError("the second approver must be another person than the reviewer")
        return self

    @property
    def rule_id(self) -> str:
        return self.finding_id.split(":", 1)[0]

    def to_yaml_dict(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", exclude_none=True)
        return {k: data[k] for k in Decision.model_fields if k in data}


class DecisionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = FILE_VERSION
    decisions: list[Decision] = Field(default_factory=list)

    def by_id(self) -> dict[str, Decision]:
        return {d.finding_id: d for d in self.decisions}


def _entry_label(raw: Any, index: int) -> str:
    fid = raw.get("finding_id") if isinstance(raw, dict) else None
    return f"decision for {fid!r} (entry {index + 1})" if fid else f"entry {index + 1}"


def _messages(path: Path, raw: dict[str, Any], exc: ValidationError) -> list[str]:
    found = raw.get("decisions")
    entries: list[Any] = found if isinstance(found, list) else []
    out = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = "(top)"
        if len(loc) >= 2 and loc[0] == "decisions" and isinstance(loc[1], int):
            i = loc[1]
            where = _entry_label(entries[i] if i < len(entries) else None, i)
            field = ".".join(str(p) for p in loc[2:])
        else:
            field = ".".join(str(p) for p in loc)
        msg = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "missing":
            msg = f"{field} is required"
        elif err["type"] == "extra_forbidden":
            msg = f"unknown key {field!r}"
        elif err["type"] == "literal_error":
            msg = f"{field}: unknown status {err.get('input')!r}; use one of {', '.join(STATUSES)}"
        elif err["type"] == "string_too_short":
            msg = f"{field} is blank"
        elif field:
            msg = f"{field}: {msg}"
        out.append(f"{path}: {where}: {msg}")
    return out


def parse_decisions(raw: Any, path: Path) -> DecisionsFile:
    """Validate a loaded YAML document; every problem in one DecisionsError."""
    if raw is None:
        return DecisionsFile()
    if not isinstance(raw, dict):
        raise DecisionsError(f"{path}: a decisions file is a mapping with a 'decisions' list")
    if raw.get("version", FILE_VERSION) != FILE_VERSION:
        raise DecisionsError(
            f"{path}: decisions file version {raw.get('version')!r} is not supported "
            f"(this tool reads version {FILE_VERSION})"
        )
    if raw.get("decisions") is None:
        raw = {**raw, "decisions": []}
    try:
        parsed = DecisionsFile.model_validate(raw)
    except ValidationError as exc:
        raise DecisionsError("\n".join(_messages(path, raw, exc))) from None
    seen: dict[str, int] = {}
    problems = []
    for i, d in enumerate(parsed.decisions):
        if d.finding_id in seen:
            problems.append(
                f"{path}: decision for {d.finding_id!r} (entry {i + 1}): the finding already "
                f"has a decision (entry {seen[d.finding_id] + 1}); keep one entry per finding"
            )
        seen.setdefault(d.finding_id, i)
    if problems:
        raise DecisionsError("\n".join(problems))
    return parsed


def load_decisions(path: Path) -> DecisionsFile:
    """Read and validate a decisions file. Raises DecisionsError."""
    if not path.is_file():
        raise DecisionsError(
            f"{path}: no such decisions file (create it with `conditionality review import`)"
        )
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise DecisionsError(f"{path}: decisions file larger than {MAX_BYTES} bytes")
    try:
        raw = yaml.safe_load(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DecisionsError(f"{path}: not UTF-8 text ({exc})") from None
    except yaml.YAMLError as exc:
        raise DecisionsError(f"{path}: invalid YAML: {exc}".replace("\n", " ")) from None
    return parse_decisions(raw, path)


HEADER = (
    "# conditionality decisions: one entry per finding id. Keep this file in version control.\n"
    "# status: confirmed | dismissed_false_match | accepted_with_waiver | under_review\n"
    "# rule_version and evidence_fingerprint record what the decision was about: when they no\n"
    "# longer match the run, the decision is reported as stale and the finding counts again.\n"
)


def dump_decisions(decisions: DecisionsFile) -> str:
    entries = sorted(decisions.decisions, key=lambda d: d.finding_id)
    body = {"version": decisions.version, "decisions": [d.to_yaml_dict() for d in entries]}
    text = yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + text


def save_decisions(decisions: DecisionsFile, path: Path) -> Path:
    """Write the file atomically, entries sorted by finding id (stable diffs)."""
    from conditionality.reports.safe import atomic_write_bytes

    return atomic_write_bytes(path.resolve(), dump_decisions(decisions).encode("utf-8"))
