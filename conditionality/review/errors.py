"""Errors of the review commands (kept light: the command line imports them at start)."""

from __future__ import annotations


class DecisionsError(Exception):
    """A decisions file (or filled-in report) that cannot be used (exit code 3)."""


class WorkbookError(Exception):
    """The workbook cannot be read or is not a conditionality report (exit code 2)."""


class ReportReadError(Exception):
    """A findings.json that cannot be read (exit code 2)."""


class ExplainError(Exception):
    """The allocation or rule to explain cannot be found (exit code 2)."""
