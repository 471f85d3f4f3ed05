"""Bad rule files give a RuleError that names the file and the place."""

from __future__ import annotations

from pathlib import Path

import pytest

from conditionality.lang.loader import RuleError, load_rules

GOOD = """\
id: {id}
version: 1
title: Test rule
authority: {{citation: 22 U.S.C. 2378d, url: https://example.org/law}}
applies_to: {{column: agency, op: eq, value: DOS}}
outcome: review
message: "{{allocation.allocation_id}}"
"""


def write(tmp_path: Path, text: str, name: str = "t-rule") -> Path:
    p = tmp_path / f"{name}.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_good_rule_loads(tmp_path: Path) -> None:
    pack = load_rules([write(tmp_path, GOOD.format(id="t-rule"))])
    assert [r.id for r in pack.rules] == ["t-rule"]
    assert len(pack.sha256) == 64


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("outcome: review", "outcome: review\nsevrity: high"), "unknown key 'sevrity'"),
        (("version: 1", "version: one"), "version"),
        (("op: eq", "op: equals"), "unknown operator 'equals'"),
        (("column: agency", "column: agencyy"), "unknown column 'agencyy'"),
        (("{allocation.allocation_id}", "{allocation.nope}"), "message field"),
        (("{allocation.allocation_id}", "{__class__}"), "message field"),
        (("value: DOS", "value: $missing"), "unknown parameter $missing"),
        (
            ("authority: {citation: 22 U.S.C. 2378d, url: https://example.org/law}\n", ""),
            "authority",
        ),
        (("outcome: review", "outcome: forbidden"), "outcome"),
    ],
)
def test_bad_rules_name_file_and_place(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    text = GOOD.format(id="t-rule").replace(*change)
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as err:
        load_rules([path])
    assert str(path) in str(err.value)
    assert expected in str(err.value)


def test_id_must_equal_file_name(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="must equal the file name"):
        load_rules([write(tmp_path, GOOD.format(id="other"))])


def test_yaml_aliases_are_refused(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    with pytest.raises(RuleError, match="aliases"):
        load_rules([write(tmp_path, GOOD.format(id="t-rule") + bomb)])


def test_catastrophic_regex_is_linear_or_refused(tmp_path: Path) -> None:
    text = GOOD.format(id="t-rule").replace(
        "{column: agency, op: eq, value: DOS}",
        "{column: description, op: matches, value: '(a+)+$'}",
    )
    pack = load_rules([write(tmp_path, text)])  # RE2 runs it in linear time
    assert pack.rules[0].id == "t-rule"
    bad = text.replace("'(a+)+$'", "'(unclosed'")
    with pytest.raises(RuleError, match="regular expression"):
        load_rules([write(tmp_path, bad)])


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    deep = "{not: " * 60 + "{column: agency, op: is_blank}" + "}" * 60
    text = GOOD.format(id="t-rule").replace("{column: agency, op: eq, value: DOS}", deep)
    with pytest.raises(RuleError, match="nested deeper"):
        load_rules([write(tmp_path, text)])


def test_invalid_yaml(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="invalid YAML"):
        load_rules([write(tmp_path, "id: [unclosed\n")])


def test_unknown_dataset(tmp_path: Path) -> None:
    text = GOOD.format(id="t-rule").replace(
        "outcome: review", "when: {evidence: {dataset: acled}}\noutcome: review"
    )
    with pytest.raises(RuleError, match="unknown dataset 'acled'"):
        load_rules([write(tmp_path, text)])


def test_unknown_evidence_column(tmp_path: Path) -> None:
    text = GOOD.format(id="t-rule").replace(
        "outcome: review",
        "when: {evidence: {dataset: abuse_records, where: {column: perp, op: is_blank}}}\n"
        "outcome: review",
    )
    with pytest.raises(RuleError, match="unknown column 'perp'"):
        load_rules([write(tmp_path, text)])
