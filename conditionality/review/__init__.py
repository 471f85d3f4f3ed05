"""The review workflow: reviewers' decisions on findings, kept in a YAML file under version
control and applied to every later run (decisions, apply, importer); what changed between
two runs (diff); why each rule fired or did not for one allocation (explain); the exit code
(exitcodes). Import the submodules; this package imports nothing heavy."""

from __future__ import annotations

from conditionality.review.errors import (
    DecisionsError,
    ExplainError,
    ReportReadError,
    WorkbookError,
)

__all__ = ["DecisionsError", "ExplainError", "ReportReadError", "WorkbookError"]
