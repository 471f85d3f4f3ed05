"""Progress lines on a non-terminal stream; nothing at all unless asked for."""

from __future__ import annotations

import io
from pathlib import Path

from conditionality.api import check
from conditionality.progress import Progress

from .conftest import inputs


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    prog = Progress(True, stream=stream)
    with prog.stage("evaluate", total=3) as st:
        for _ in range(3):
            st.advance(1, "rule")
    text = stream.getvalue()
    assert "[progress] evaluate: started (3 steps)" in text
    assert "[progress] evaluate: done in" in text
    assert "\x1b[" not in text  # no terminal control codes
    assert set(prog.timings) == {"evaluate"}


def test_check_reports_each_stage(generated: Path) -> None:
    stream = io.StringIO()
    result = check(*inputs(generated), as_of="2024-06-30", progress=True, progress_stream=stream)
    text = stream.getvalue()
    for stage in ("read", "normalize", "match", "evaluate"):
        assert f"[progress] {stage}: done in" in text
        assert stage in result.timings


def test_quiet_by_default_for_small_runs(generated: Path) -> None:
    stream = io.StringIO()
    check(*inputs(generated), as_of="2024-06-30", progress=None, progress_stream=stream)
    assert stream.getvalue() == ""
