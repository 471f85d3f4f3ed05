"""findings.json: the complete, machine-readable record of a run."""

from __future__ import annotations

import json
from pathlib import Path

from conditionality.api import CheckResult
from conditionality.reports.model import document
from conditionality.reports.safe import atomic_write_bytes, safe_target


def to_json(result: CheckResult) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False, default=str) + "\n"


def write_json(result: CheckResult, out_dir: Path) -> Path:
    return atomic_write_bytes(safe_target(out_dir, "findings.json"), to_json(result).encode())
