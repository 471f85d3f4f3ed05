"""Progress per stage of a run (read, normalize, match, evaluate, report), on stderr.

A rich progress bar on a terminal; plain lines (at most one every few seconds per stage,
plus one when the stage ends) when stderr is not a terminal. Quiet unless asked for or the
run is large, so small runs and the command's summary on stdout stay as they are.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any

AUTO_ROWS = 50_000  # runs with more allocations than this show progress by default
PLAIN_EVERY = 5.0  # seconds between plain lines of one stage


@dataclass
class Stage:
    """One stage: `advance()` as units of work finish."""

    name: str
    total: int | None
    reporter: Progress
    done: int = 0
    started: float = field(default_factory=time.perf_counter)
    last_line: float = 0.0
    task: Any = None

    def advance(self, n: int = 1, what: str = "") -> None:
        self.done += n
        self.reporter._update(self, what)


class Progress:
    """`with progress.stage("evaluate", total=8) as st: ... st.advance()`.

    enabled None = decide from the size of the run (see `decide`)."""

    def __init__(self, enabled: bool | None = False, stream: IO[str] | None = None) -> None:
        self.enabled = bool(enabled)
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._rich: Any = None
        self.timings: dict[str, float] = {}

    def decide(self, rows: int, flag: bool | None) -> None:
        """--progress / --no-progress win; otherwise show it for runs above AUTO_ROWS."""
        self.enabled = flag if flag is not None else rows > AUTO_ROWS

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Stage]:
        st = Stage(name, total, self)
        if self.enabled:
            self._start(st)
        try:
            yield st
        finally:
            elapsed = time.perf_counter() - st.started
            self.timings[name] = self.timings.get(name, 0.0) + elapsed
            if self.enabled:
                self._finish(st, elapsed)

    def _start(self, st: Stage) -> None:
        if self.tty:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.progress import Progress as RichProgress

            if self._rich is None:
                self._rich = RichProgress(
                    TextColumn("{task.description:<10}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    TextColumn("{task.fields[what]}"),
                    console=Console(file=self.stream),
                    transient=False,
                )
                self._rich.start()
            st.task = self._rich.add_task(st.name, total=st.total, what="")
        else:
            self._line(f"{st.name}: started" + (f" ({st.total} steps)" if st.total else ""))
            st.last_line = time.perf_counter()

    def _update(self, st: Stage, what: str) -> None:
        if not self.enabled:
            return
        if self._rich is not None and st.task is not None:
            self._rich.update(st.task, completed=st.done, what=what)
            return
        now = time.perf_counter()
        if now - st.last_line >= PLAIN_EVERY:
            of = f"/{st.total}" if st.total else ""
            self._line(
                f"{st.name}: {st.done}{of} {what} ({now - st.started:.1f} s)".replace("  ", " ")
            )
            st.last_line = now

    def _finish(self, st: Stage, elapsed: float) -> None:
        if self._rich is not None and st.task is not None:
            self._rich.update(st.task, completed=st.total or st.done, what=f"{elapsed:.1f} s")
            return
        self._line(f"{st.name}: done in {elapsed:.1f} s")

    def _line(self, text: str) -> None:
        print(f"[progress] {text}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._rich is not None:
            self._rich.stop()
            self._rich = None


QUIET = Progress(enabled=False)
