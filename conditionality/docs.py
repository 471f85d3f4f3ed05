"""Generated documentation: the rule author's guide (docs/rules.md), the JSON Schema of the
rule format (docs/rule.schema.json) and the canonical table reference for the README.

`python -m conditionality.docs` rewrites them; a test keeps them current.
"""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path

from conditionality.lang.conditions import CONDITION_TYPES
from conditionality.lang.model import Rule
from conditionality.lang.operators import OPERATORS
from conditionality.schema import TABLES

INTRO = """\
# Writing rules

A rule is one YAML file in `rules/`, named after its `id`, with a fixture beside it
(`<id>.test.yaml`) that says, allocation by allocation, what the rule must give.
`conditionality rules validate PATH` checks a rule; `conditionality rules test` runs every
fixture. This guide is generated from the code (`python -m conditionality.docs`).

## The format

| key | required | meaning |
|---|---|---|
| `id` | yes | lower-case words joined by `-`; equals the file name |
| `version` | yes | whole number; raise it when the rule's meaning changes |
| `title`, `description` | title | what the rule checks, in plain words |
| `authority` | yes | `citation` and `url` of the law |
| `effective` | no | `from` / `to` dates (inclusive) compared with the allocation's date |
| `params` | no | named values; write `$name` anywhere in the rule to use one |
| `applies_to` | no* | a condition on the allocation: which allocations the rule is about |
| `when` | no* | a condition (often an evidence join) that makes the rule fire |
| `outcome` | yes | `prohibited`, `restricted`, `review` or `waived` when the rule fires |
| `grades` | no | per evidence record, the first `{when, outcome}` that holds sets the record's outcome |
| `exceptions` | no | `{id, title, citation, url, scope, when, outcome}`; override the outcome where they hold |
| `on_missing` | no | outcome when blank data leaves the rule undecided (default `review`) |
| `message` | yes | template with `{allocation.X}`, `{evidence.X}` and `{rule.X}` fields |

\\* at least one of `applies_to` and `when`.

How a rule is evaluated, for every allocation at once:

1. The allocation's date is its `start_date`, or the first day of its U.S. fiscal year
   (1 October of the year before) when the start date is blank.
2. `applies_to` and `when` give true, false or *unknown* (a blank cell makes a comparison
   unknown). `all`, `any` and `not` use three-valued logic, so unknown stays unknown unless the
   answer is decided anyway.
3. True fires the rule. Unknown is never a pass: it gives `not_evaluated` when a list or
   evidence table is missing, and `on_missing` when the allocation's own data is blank.
4. Each evidence record behind a firing allocation gets an outcome: the first grade that holds,
   capped at `review` when the name matched only in the review band or through the unit
   hierarchy, then evidence exceptions. The most severe record wins
   (prohibited > restricted > review > waived).
5. Allocation exceptions then apply. Exceptions never add findings.

Outcomes: `prohibited`, `restricted`, `review`, `waived` (an exception or waiver applied; stays
visible), `not_evaluated`. Clear allocations leave no finding.
"""


def _doc(obj: object) -> str:
    return inspect.cleandoc(obj.__doc__ or "")


def rules_guide() -> str:
    parts = [INTRO, "\n## Condition types\n"]
    for key, cls in CONDITION_TYPES.items():
        parts.append(f"### `{key}`\n\n{_doc(cls)}\n\n```yaml\n{cls.example}\n```\n")
    parts.append("\n## Column operators\n\nUsed as `{column: NAME, op: OPERATOR, value: V}` ")
    parts.append(
        "or with `ref:` instead of `value:`.\n\n| operator | meaning and example |\n|---|---|\n"
    )
    for name, op in OPERATORS.items():
        parts.append(f"| `{name}` | {' '.join(op.doc.split())} |\n")
    parts.append("\n## Columns rules can use\n\n")
    parts.append(
        "In `applies_to` and `when`: the allocation columns below and `allocation_date`. In an "
        "evidence `where`, in `grades` and in evidence-scope exceptions: the evidence table's "
        "columns, the match fields (`score`, `band`, `relation`, `features`, `explanation`, "
        "...), and `allocation.X`.\n\n"
    )
    parts.append(table_reference())
    return "".join(parts)


def table_reference() -> str:
    out = []
    for table in TABLES.values():
        out.append(f"### {table.name}\n\n{table.description}\n\n")
        out.append(
            "| column | type | required | meaning | allowed values |\n|---|---|---|---|---|\n"
        )
        for c in table.columns:
            req = "yes" if c.required else ("column" if c.header_required else "no")
            allowed = ", ".join(c.allowed)
            out.append(f"| `{c.name}` | {c.type} | {req} | {c.meaning} | {allowed} |\n")
        out.append("\n")
    return "".join(out)


def rule_schema() -> str:
    schema = Rule.model_json_schema(by_alias=True)
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def replace_block(text: str, name: str, body: str) -> str:
    """Replace what stands between <!-- name:start --> and <!-- name:end -->."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body.rstrip()}\n{end}{tail}"


def readme(root: Path) -> str:
    text = (root / "README.md").read_text(encoding="utf-8")
    return replace_block(text, "tables", table_reference().replace("### ", "#### "))


def outputs(root: Path) -> dict[Path, str]:
    return {
        root / "docs" / "rules.md": rules_guide(),
        root / "docs" / "rule.schema.json": rule_schema(),
        root / "README.md": readme(root),
    }


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path.cwd()
    for path, text in outputs(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
