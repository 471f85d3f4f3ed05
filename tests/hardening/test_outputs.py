"""Issue 8, outputs: atomic writes (a crash leaves the previous report or none, never half of
one), confinement to the output folder, and byte-identical findings across runs."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from conditionality.reports import safe
from conditionality.reports.safe import atomic_write_bytes, safe_target
from tests.hardening.conftest import SAMPLE, assert_no_crash, run_check


class Crash(RuntimeError):
    pass


def test_crash_mid_write_leaves_previous_report_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "findings.json"
    atomic_write_bytes(target, b'{"complete": 1}')
    real_fdopen = os.fdopen

    def half_then_crash(fd: int, *a: Any, **kw: Any) -> Any:
        f = real_fdopen(fd, *a, **kw)
        real_write = f.write

        def write(data: bytes) -> int:
            real_write(data[: len(data) // 2])
            raise Crash("disk full half way")

        f.write = write
        return f

    monkeypatch.setattr(safe.os, "fdopen", half_then_crash)
    with pytest.raises(Crash):
        atomic_write_bytes(target, b'{"complete": 2, "padding": "' + b"x" * 10_000 + b'"}')
    assert json.loads(target.read_text()) == {"complete": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.json"]


def test_crash_before_rename_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_a: Any, **_k: Any) -> None:
        raise Crash("killed before rename")

    monkeypatch.setattr(safe.os, "replace", boom)
    with pytest.raises(Crash):
        atomic_write_bytes(tmp_path / "report.html", b"<html>" + b"x" * 5000)
    assert list(tmp_path.iterdir()) == []


def test_report_writer_crash_leaves_no_partial_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real writers: a crash while writing findings.json after a complete earlier run."""
    from conditionality.api import check
    from conditionality.reports import write_reports

    result = check(SAMPLE / "allocations.csv", as_of="2024-06-30")
    out = tmp_path / "out"
    write_reports(result, out, ["json", "csv"])
    before = (out / "findings.json").read_bytes()

    def boom(*_a: Any, **_k: Any) -> None:
        raise Crash("power cut")

    monkeypatch.setattr(safe.os, "replace", boom)
    with pytest.raises(Crash):
        write_reports(result, out, ["json"])
    assert (out / "findings.json").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "name", ["../x.json", "../../etc/passwd", "/tmp/abs.json", "a/../../x", "sub/../../x"]
)
def test_names_escaping_the_output_folder_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="escapes the output folder"):
        safe_target(tmp_path / "out", name)
    assert safe_target(tmp_path / "out", "findings.json").parent == (tmp_path / "out").resolve()


def test_symlinked_name_escaping_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "findings.json").symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(ValueError, match="escapes"):
        safe_target(out, "findings.json")


def test_findings_are_byte_identical_across_runs(tmp_path: Path) -> None:
    """Same inputs, rules and as-of date: the same findings.json apart from the run time."""
    out = tmp_path / "out"
    raw = []
    for _ in (1, 2):
        proc = run_check(
            SAMPLE / "allocations.csv",
            out,
            "--aid", str(SAMPLE / "allocations_dod.xlsx"),
            "--aid", str(SAMPLE / "fmtr_fy2020_excerpt.tsv"),
            "--abuses", str(SAMPLE / "abuse_records.csv"),
            "--country-status", str(SAMPLE / "country_status.csv"),
            "--entities", str(SAMPLE / "sanctioned_entities.csv"),
            rules=None,
        )  # fmt: skip
        assert_no_crash(proc)
        raw.append((out / "findings.json").read_text(encoding="utf-8"))
    docs = [json.loads(t) for t in raw]
    assert all(d["run"].pop("run_at") for d in docs)
    assert docs[0] == docs[1]
    # byte-identical apart from the run_at line
    strip = ["\n".join(ln for ln in t.splitlines() if '"run_at"' not in ln) for t in raw]
    assert strip[0] == strip[1]
