"""Loading rule files: safe YAML (no aliases, no tags), `$param` substitution, pydantic
validation and checks that every column and dataset a rule names exists.

Every problem becomes a RuleError naming the file and the place in it.
"""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from conditionality.lang import joins
from conditionality.lang.conditions import ColumnCondition, Condition
from conditionality.lang.model import Rule
from conditionality.schema import TABLES

MAX_RULE_BYTES = 256 * 1024
MAX_DEPTH = 40
DERIVED_ALLOCATION_COLUMNS = {"allocation_date"}
STATUS_COLUMNS = set(TABLES["country_status"].names)


class RuleError(Exception):
    """A rule file that cannot be used (exit code 2)."""


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: rules never need them, and they are the way to
    make a small file expand into a huge structure."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in rule files", event.start_mark
            )
        return super().compose_node(parent, index)


def read_yaml(path: Path) -> Any:
    data = path.read_bytes()
    if len(data) > MAX_RULE_BYTES:
        raise RuleError(f"{path}: rule file larger than {MAX_RULE_BYTES} bytes")
    try:
        loader = _NoAliasLoader(data.decode("utf-8"))
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except UnicodeDecodeError as exc:
        raise RuleError(f"{path}: not UTF-8 text ({exc})") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: invalid YAML: {exc}".replace("\n", " ")) from None


def _too_deep(obj: Any, where: str = "", level: int = 0) -> str | None:
    """The place (e.g. `when.all[0].not.not`) where nesting passes MAX_DEPTH, or None."""
    if level > MAX_DEPTH:
        return where or "(top)"
    items: Any = ()
    if isinstance(obj, dict):
        items = ((f"{where}.{k}" if where else str(k), v) for k, v in obj.items())
    elif isinstance(obj, list):
        items = ((f"{where}[{i}]", v) for i, v in enumerate(obj))
    for place, value in items:
        found = _too_deep(value, place, level + 1)
        if found:
            return found
    return None


def _substitute(obj: Any, params: dict[str, Any], where: str) -> Any:
    """Replace "$name" values by the rule's params."""
    if isinstance(obj, str) and obj.startswith("$") and len(obj) > 1:
        name = obj[1:]
        if name not in params:
            raise RuleError(f"{where}: unknown parameter ${name}; params are: {', '.join(params)}")
        return params[name]
    if isinstance(obj, dict):
        return {k: _substitute(v, params, f"{where}.{k}") for k, v in obj.items()}
    if isinstance(obj, list):
        return [_substitute(v, params, f"{where}[{i}]") for i, v in enumerate(obj)]
    return obj


def _format_validation(path: Path, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(p) for p in err["loc"] if not str(p).startswith("function-"))
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = f"unknown key {loc.split('.')[-1]!r}"
        lines.append(f"{path}: at {loc or '(top)'}: {msg}")
    more = len(exc.errors()) - 5
    if more > 0:
        lines.append(f"... and {more} more")
    return "\n".join(lines)


def parse_rule(data: Any, path: Path, *, overrides: dict[str, Any] | None = None) -> Rule:
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file must be a YAML mapping")
    deep = _too_deep(data)
    if deep:
        raise RuleError(f"{path}: at {deep[:200]}: rule nested deeper than {MAX_DEPTH} levels")
    params = dict(data.get("params") or {})
    params.update(overrides or {})
    body = {k: v for k, v in data.items() if k != "params"}
    body = _substitute(body, params, str(path))
    body["params"] = params
    try:
        rule = Rule.model_validate(body)
    except ValidationError as exc:
        raise RuleError(_format_validation(path, exc)) from None
    if path.suffix in (".yaml", ".yml") and rule.id != path.stem:
        raise RuleError(f"{path}: rule id {rule.id!r} must equal the file name {path.stem!r}")
    check_columns(rule, path)
    return rule


def _walk(cond: Condition | None, scope_cols: set[str], where: str, path: Path) -> None:
    if cond is None:
        return
    if isinstance(cond, ColumnCondition):
        for col in cond.columns():
            if col not in scope_cols:
                raise RuleError(f"{path}: at {where}: unknown column {col!r}")
    if isinstance(cond, joins.Evidence):
        ev_cols = evidence_columns(cond.evidence.dataset)
        _walk(cond.evidence.where, ev_cols, f"{where}.evidence.where", path)
        return
    for i, child in enumerate(cond.children()):
        _walk(child, scope_cols, f"{where}.{cond.key}[{i}]", path)


def allocation_columns() -> set[str]:
    return set(TABLES["allocations"].names) | DERIVED_ALLOCATION_COLUMNS


def evidence_columns(dataset: str) -> set[str]:
    alloc = {joins.ALLOC_PREFIX + c for c in allocation_columns()}
    own = set(TABLES[dataset].names)
    return own | set(joins.MATCH_FIELDS) | alloc | {"as_of"}


def check_columns(rule: Rule, path: Path) -> None:
    """Every column a condition or the message names must exist in its scope."""
    alloc = allocation_columns() | {"as_of"}
    _walk(rule.applies_to, alloc, "applies_to", path)
    _walk(rule.when, alloc, "when", path)
    datasets = rule.evidence_datasets() - {"country_status"}
    ev_cols = set().union(*(evidence_columns(d) for d in datasets)) if datasets else set()
    if "country_status" in rule.evidence_datasets():
        ev_cols |= STATUS_COLUMNS | {joins.ALLOC_PREFIX + c for c in allocation_columns()}
    for i, grade in enumerate(rule.grades):
        _walk(grade.when, ev_cols, f"grades[{i}].when", path)
    for i, exc in enumerate(rule.exceptions):
        cols = ev_cols if exc.scope == "evidence" else alloc
        _walk(exc.when, cols, f"exceptions[{i}].when", path)
    for _, name, _, _ in string.Formatter().parse(rule.message):
        if not name:
            continue
        prefix, field = name.split(".", 1)
        known = {
            "allocation": allocation_columns(),
            "evidence": ev_cols | {"dataset", "record_id"},
            "rule": {"id", "title", "version", "citation"},
        }[prefix]
        if field not in known:
            raise RuleError(f"{path}: message field {{{name}}} is not a known column")


@dataclass(frozen=True)
class RulePack:
    rules: list[Rule]
    paths: list[Path]
    sha256: str


def rule_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(
                f
                for f in sorted(p.glob("*.y*ml"))
                if not f.name.endswith((".test.yaml", ".test.yml"))
            )
        elif p.exists():
            files.append(p)
        else:
            raise RuleError(f"{p}: no such rule file or folder")
    return files


def load_rules(
    paths: list[Path] | None = None, *, params: dict[str, dict[str, Any]] | None = None
) -> RulePack:
    """Load a rule pack (the shipped one when `paths` is empty)."""
    files = rule_files(paths or [shipped_rules_dir()])
    if not files:
        raise RuleError(f"no rule files (*.yaml) in {', '.join(str(p) for p in paths or [])}")
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
        data = read_yaml(f)
        rule_id = data.get("id") if isinstance(data, dict) else None
        rule = parse_rule(data, f, overrides=(params or {}).get(str(rule_id)))
        if rule.id in seen:
            raise RuleError(f"{f}: rule id {rule.id!r} also defined in {seen[rule.id]}")
        seen[rule.id] = f
        rules.append(rule)
    return RulePack(rules, files, digest.hexdigest())


def shipped_rules_dir() -> Path:
    """The rule pack that ships with the package (or the repo's rules/ in a checkout)."""
    packaged = Path(str(resources.files("conditionality"))) / "_rulepack"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"
