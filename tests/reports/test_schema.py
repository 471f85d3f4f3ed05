"""findings.json is described by the published JSON Schema in docs/."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .conftest import ROOT

SCHEMA = ROOT / "docs" / "findings.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def doc(sample_out: Path) -> dict[str, Any]:
    return json.loads((sample_out / "findings.json").read_text(encoding="utf-8"))


def test_sample_validates(validator: jsonschema.Draft202012Validator, doc: dict) -> None:
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []
    assert doc["schema_version"].startswith("1.")
    assert doc["findings"] and doc["rejected_rows"]


def test_hostile_run_validates(validator: jsonschema.Draft202012Validator, hostile) -> None:
    _, out = hostile
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(data)] == []


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.pop("schema_version"),
        lambda d: d["findings"][0].__setitem__("outcome", "maybe"),
        lambda d: d["findings"][0]["allocation"].__setitem__("amount_usd", "a lot"),
        lambda d: d["findings"][0].__setitem__("surprise", 1),
        lambda d: d["run"].__setitem__("rule_pack_sha256", "abc"),
        lambda d: d["run"]["inputs"][0].pop("sha256"),
        lambda d: d["rejected_rows"][0].pop("reason"),
        lambda d: d["findings"][0]["evidence"].append({"dataset": "gossip", "record_id": "x"}),
    ],
)
def test_broken_doc_fails(validator: jsonschema.Draft202012Validator, doc: dict, breakage) -> None:
    broken = copy.deepcopy(doc)
    if not broken["findings"][0]["evidence"]:
        broken["findings"][0]["evidence"] = [{"dataset": "abuse_records", "record_id": "A"}]
    breakage(broken)
    assert list(validator.iter_errors(broken))
