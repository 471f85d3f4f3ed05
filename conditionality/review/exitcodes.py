"""The exit code of `conditionality check`, in one pure function.

0  nothing open at or above --fail-on (and every row could be read)
1  open findings at or above --fail-on; at the default (review) also rules not evaluated
   and allocation rows that could not be read
2  bad input (the run did not happen)
3  the decisions file is invalid, or one of its decisions is stale
When several apply: 2 beats 3 beats 1. --exit-zero turns 1 and 3 into 0 (never 2).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_DECISIONS = 0, 1, 2, 3
FAIL_ON = ("prohibited", "restricted", "review")
# not_evaluated needs a person to look, like review: it counts at --fail-on review only.
LEVEL = {"prohibited": 3, "restricted": 2, "review": 1, "not_evaluated": 1}


def counted(findings: pd.DataFrame, fail_on: str = "review") -> pd.Series:
    """Which findings count for the exit code: open (no fresh closing decision) and at or
    above `fail_on`."""
    if fail_on not in FAIL_ON:
        raise ValueError(f"--fail-on {fail_on!r}: use one of {', '.join(FAIL_ON)}")
    level = findings["outcome"].map(LEVEL).fillna(0)
    if "open" in findings:
        is_open = findings["open"].fillna(False).astype(bool)
    else:
        is_open = findings["outcome"].isin(LEVEL.keys())
    return is_open & level.ge(LEVEL[fail_on])


def exit_code(
    findings: pd.DataFrame,
    *,
    fail_on: str = "review",
    rows_rejected: int = 0,
    decision_problems: Iterable[object] = (),
    bad_input: bool = False,
    exit_zero: bool = False,
) -> int:
    """The exit code for a run (see the module docstring)."""
    if bad_input:
        return EXIT_USAGE
    if exit_zero:
        return EXIT_OK
    if list(decision_problems):
        return EXIT_DECISIONS
    if counted(findings, fail_on).any():
        return EXIT_FINDINGS
    if fail_on == "review" and rows_rejected:
        return EXIT_FINDINGS
    return EXIT_OK
