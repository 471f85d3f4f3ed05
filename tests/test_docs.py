"""Generated documentation stays current: the rule guide, the rule schema, the README's table
reference. Regenerate with `python -m conditionality.docs`."""

from __future__ import annotations

import re
from pathlib import Path

from conditionality.docs import outputs
from conditionality.lang.conditions import CONDITION_TYPES
from conditionality.lang.operators import OPERATORS

ROOT = Path(__file__).resolve().parents[1]


def test_generated_docs_are_current() -> None:
    for path, text in outputs(ROOT).items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} is out of date: run python -m conditionality.docs"
        )


def test_every_operator_and_condition_type_is_documented_with_an_example() -> None:
    guide = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for key, cls in CONDITION_TYPES.items():
        assert f"### `{key}`" in guide
        assert cls.example and cls.__doc__
    for name, op in OPERATORS.items():
        assert f"| `{name}` |" in guide
        assert re.search(r"`\{column: .*op: " + name, op.doc), f"{name} needs a YAML example"


def test_readme_opens_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make demo", "make test"]
