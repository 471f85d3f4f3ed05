"""Report writers. Every format is rendered from the one findings table of a CheckResult."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conditionality.api import CheckResult
from conditionality.reports.csv_report import write_csv
from conditionality.reports.json_report import write_json

WRITERS: dict[str, Callable[[CheckResult, Path], Path]] = {
    "json": write_json,
    "csv": write_csv,
}


def register(name: str, writer: Callable[[CheckResult, Path], Path]) -> None:
    WRITERS[name] = writer


def write_reports(result: CheckResult, out_dir: Path, formats: list[str]) -> list[Path]:
    """Write each requested format into out_dir; returns the files written."""
    _load_optional()
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(unknown)}; known: {', '.join(WRITERS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    return [WRITERS[f](result, out_dir) for f in formats]


def _load_optional() -> None:
    """Formats added by other modules register themselves on import."""
    for module in ("xlsx_report", "html_report", "md_report", "clearance"):
        try:
            __import__(f"conditionality.reports.{module}")
        except ModuleNotFoundError as exc:
            if not (exc.name or "").endswith(module):
                raise
