"""`conditionality rules test`: run each rule's fixture (`<id>.test.yaml` beside the rule).

A fixture holds small inline tables and, per allocation, the outcome the rule must give
(`clear` when it must not flag). A case marked `todo: true` is a known gap: it is reported but
does not fail the run (like Semgrep's `todoruleid`).

    rule: leahy-state
    as_of: 2024-06-30
    tables:
      allocations:
        - {allocation_id: A1, agency: DOS, category: security, ...}
      abuse_records: [...]
    cases:
      - {allocation: A1, expect: prohibited, note: credible torture record}
      - {allocation: A2, expect: clear, note: another country}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, ValidationError

from conditionality.api import run_rules
from conditionality.engine import prepare_allocations
from conditionality.lang.loader import RuleError, RulePack, parse_rule, read_yaml, rule_files
from conditionality.readers.base import InputInfo, validate
from conditionality.schema import TABLES

EXPECT = ("prohibited", "restricted", "review", "waived", "not_evaluated", "clear")


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")
    allocation: str
    expect: str
    note: str = ""
    todo: bool = False
    evidence: list[str] | None = None  # record ids the finding must cite
    exception: str | None = None


class Fixture(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule: str
    as_of: dt.date | str
    params: dict[str, Any] = {}
    tables: dict[str, list[dict[str, Any]]]
    cases: list[Case]


@dataclass
class CaseResult:
    fixture: Path
    rule: str
    case: Case
    actual: str
    ok: bool
    detail: str = ""


def fixture_path(rule_path: Path) -> Path:
    return rule_path.with_name(rule_path.stem + ".test.yaml")


def _table(rows: list[dict[str, Any]], name: str, where: Path) -> pd.DataFrame:
    table = TABLES[name]
    raw = pd.DataFrame(rows, dtype="object")
    unknown = set(raw.columns) - set(table.names)
    if unknown:
        raise RuleError(f"{where}: tables.{name}: unknown column(s) {', '.join(sorted(unknown))}")
    info = InputInfo(path=str(where), table=name)
    result = validate(raw, table, info, pd.Series(range(1, len(raw) + 1)))
    if len(result.rejected):
        first = result.rejected.iloc[0]
        raise RuleError(
            f"{where}: tables.{name} row {first['row']}: {first['column']}: {first['reason']}"
        )
    return result.table


def run_fixture(rule_path: Path) -> list[CaseResult]:
    path = fixture_path(rule_path)
    if not path.exists():
        raise RuleError(f"{rule_path}: no fixture {path.name} beside the rule")
    try:
        fx = Fixture.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise RuleError(f"{path}: {exc}".replace("\n", " ")) from None
    rule = parse_rule(read_yaml(rule_path), rule_path, overrides=fx.params)
    if fx.rule != rule.id:
        raise RuleError(f"{path}: fixture is for {fx.rule!r}, rule file is {rule.id!r}")
    bad = [c.expect for c in fx.cases if c.expect not in EXPECT]
    if bad:
        raise RuleError(f"{path}: unknown expected outcome(s) {bad}; use one of {EXPECT}")
    allocations = prepare_allocations(_table(fx.tables.get("allocations", []), "allocations", path))
    evidence = {
        name: (_table(fx.tables[name], name, path) if name in fx.tables else None)
        for name in ("abuse_records", "country_status", "sanctioned_entities")
    }
    if evidence["country_status"] is not None:
        cs = evidence["country_status"]
        derived = cs["list"] + ":" + cs["country"] + ":" + cs["valid_from"].dt.strftime("%Y-%m-%d")
        evidence["country_status"] = cs.assign(status_id=cs["status_id"].fillna(derived))
    pack = RulePack([rule], [rule_path], "")
    findings, ev, _ = run_rules(allocations, evidence, pack, pd.Timestamp(str(fx.as_of)))
    by_alloc = findings.set_index("allocation_id")
    known = set(allocations["allocation_id"])
    out = []
    for case in fx.cases:
        if case.allocation not in known:
            raise RuleError(f"{path}: case for unknown allocation {case.allocation!r}")
        actual = str(by_alloc["outcome"].get(case.allocation, "clear"))
        ok = actual == case.expect
        detail = ""
        if ok and case.evidence is not None:
            cited = set(ev.loc[ev["allocation_id"] == case.allocation, "record_id"])
            ok = set(case.evidence) <= cited
            detail = f"cited {sorted(cited)}"
        if ok and case.exception is not None:
            got = str(by_alloc["exception"].get(case.allocation, ""))
            ok = case.exception in got.split(";")
            detail = f"exception {got}"
        if not ok and actual != "clear":
            detail = detail or str(by_alloc["message"].get(case.allocation, ""))
        out.append(CaseResult(path, rule.id, case, actual, ok, detail))
    return out


def run_all(paths: list[Path]) -> list[CaseResult]:
    results: list[CaseResult] = []
    for rule_path in rule_files(paths):
        results.extend(run_fixture(rule_path))
    return results
