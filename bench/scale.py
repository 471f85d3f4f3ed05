"""The speed-and-scale benchmark: the whole shipped rule pack over generated inputs read from
Parquet, per scale, with wall time per stage and peak memory, against two references.

Run:  .venv/bin/python bench/scale.py --scales 100000,1000000 [--double 1000000] [--dask]

Per scale (each measured in a fresh child process, so peak memory is that run's own):
- seconds per stage: read, normalize, match, evaluate (end to end without reports), then
  report (JSON + CSV), and the peak resident memory (VmHWM);
- the non-fuzzy rules (coup-7008, cspa, faa-502b, tvpa-tier3) by the engine and written by
  hand in DuckDB SQL, and the exact-name Leahy join both ways; findings must agree;
- the row-by-row Leahy loop on the first --rowwise allocations, extrapolated per row to the
  scale; its findings must agree with the engine's on those allocations;
- with --double N: N rows, then the same distinct names with 2N rows (cost follows names);
- with --dask: the Dask engine on a local cluster, findings compared with pandas.
Generated data is cached under --work (default /tmp/conditionality-bench).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

AS_OF = "2024-06-30"


def vm_hwm_mb() -> float:
    """Peak resident memory of this process (Linux /proc/self/status VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def dataset(work: Path, rows: int, names_of: int | None = None) -> tuple[Path, float]:
    """Generated inputs for `rows` (cached); returns the folder and seconds to generate."""
    from generate import generate, write

    tag = f"{rows}" + (f"-names{names_of}" if names_of else "")
    folder = work / tag
    if (folder / "allocations.parquet").exists():
        return folder, 0.0
    t = time.perf_counter()
    write(generate(rows, names_of=names_of), folder)
    return folder, time.perf_counter() - t


def child(folder: Path, opts: dict[str, Any]) -> dict[str, Any]:
    """One measured run (in its own process)."""
    import pandas as pd
    import references as R

    from conditionality.api import check, run_rules
    from conditionality.lang.loader import load_rules
    from conditionality.reports import write_reports

    inputs = [folder / f"{t}.parquet" for t in TABLES]
    t0 = time.perf_counter()
    result = check(*inputs, as_of=AS_OF, engine=opts.get("engine", "pandas"), progress=False)
    total = time.perf_counter() - t0
    out: dict[str, Any] = {
        "rows": int(result.summary["allocations_read"]),
        "checked": len(result.allocations),
        "findings": len(result.findings),
        "evidence": len(result.evidence),
        "stages": dict(result.timings),
        "check_total": total,
        "peak_mb_check": vm_hwm_mb(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        write_reports(result, Path(tmp), ["json", "csv"])
        out["stages"]["report"] = time.perf_counter() - t
    out["peak_mb"] = vm_hwm_mb()
    if opts.get("engine") == "dask" or opts.get("timing_only"):
        out["finding_keys"] = _digest(result.findings)
        return out

    # References, on the same checked allocations and tables.
    from conditionality.readers import load_table

    status = load_table([folder / "country_status.parquet"], "country_status").table
    records = load_table([folder / "abuse_records.parquet"], "abuse_records").table
    evidence = {
        "abuse_records": records,
        "country_status": status,
        "sanctioned_entities": None,
    }
    as_of = pd.Timestamp(AS_OF)
    pack = load_rules(None)
    lists = replace(pack, rules=[r for r in pack.rules if r.id in R.LIST_RULES])
    t = time.perf_counter()
    run_rules(result.allocations, evidence, lists, as_of)
    out["engine_lists_s"] = time.perf_counter() - t
    exact = load_rules([R.temp_exact_pack()])
    leahy = replace(exact, rules=[r for r in exact.rules if r.id in R.LEAHY])
    t = time.perf_counter()
    leahy_findings, _, _ = run_rules(result.allocations, evidence, leahy, as_of)
    out["engine_leahy_exact_s"] = time.perf_counter() - t

    t = time.perf_counter()
    con = R.duckdb_connect(R.sql_inputs(result.allocations, status))
    sql_lists = R.duckdb_lists(con)
    out["duckdb_lists_s"] = time.perf_counter() - t
    t = time.perf_counter()
    sql_leahy = R.duckdb_leahy(con, result.allocations, records, AS_OF)
    out["duckdb_leahy_s"] = time.perf_counter() - t
    out["lists_agree"] = R.same(R.engine_subset(result.findings, R.LIST_RULES), sql_lists)
    out["leahy_sql_agree"] = R.same(R.engine_subset(leahy_findings, list(R.LEAHY)), sql_leahy)

    k = int(opts.get("rowwise", 2000))
    if k:
        sub = result.allocations.iloc[:k]
        tm: dict[str, float] = {}
        rw = R.rowwise_leahy(sub, records, as_of, tm)
        mine = leahy_findings[leahy_findings["allocation_id"].isin(sub["allocation_id"])]
        out["rowwise"] = {"rows": k, "records": len(records), **tm}
        out["rowwise_agree"] = R.same(R.engine_subset(mine, list(R.LEAHY)), rw)
    out["records"] = len(records)
    out["finding_keys"] = _digest(result.findings)
    return out


TABLES = ["allocations", "abuse_records", "country_status", "sanctioned_entities"]


def _digest(findings: Any) -> str:
    import hashlib

    cols = ["finding_id", "outcome", "message"]
    text = findings.sort_values("finding_id")[cols].to_csv(index=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def run_child(folder: Path, opts: dict[str, Any]) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", str(folder), "--child-opts", json.dumps(opts)]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child failed for {folder}:\n{done.stderr[-4000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def show(label: str, r: dict[str, Any], rowwise: dict[str, Any] | None = None) -> None:
    st = r["stages"]
    e2e = sum(st.get(k, 0.0) for k in ("read", "normalize", "match", "evaluate"))
    print(
        f"{label}: {r['rows']:,} allocations read, {r['checked']:,} checked, "
        f"{r['findings']:,} findings, {r['evidence']:,} evidence rows"
    )
    print(
        "  stages (s): "
        + "  ".join(f"{k} {st[k]:.2f}" for k in ("read", "normalize", "match", "evaluate"))
        + f"  | end to end {e2e:.2f} (without reports)  | report {st['report']:.2f}"
    )
    print(
        f"  peak memory: {r['peak_mb_check']:,.0f} MB checking, {r['peak_mb']:,.0f} MB with reports"
    )
    if "duckdb_lists_s" in r:
        ok1, msg1 = r["lists_agree"]
        ok2, msg2 = r["leahy_sql_agree"]
        print(
            f"  country-list rules: engine {r['engine_lists_s']:.2f} s, DuckDB SQL "
            f"{r['duckdb_lists_s']:.2f} s, ratio {r['engine_lists_s'] / r['duckdb_lists_s']:.1f}x"
            f" (target <= 3x); agree: {ok1} ({msg1})"
        )
        print(
            f"  exact-name Leahy: engine {r['engine_leahy_exact_s']:.2f} s, DuckDB SQL "
            f"{r['duckdb_leahy_s']:.2f} s, ratio "
            f"{r['engine_leahy_exact_s'] / r['duckdb_leahy_s']:.1f}x; agree: {ok2} ({msg2})"
        )
    rw = r.get("rowwise") or rowwise
    if rw and "engine_leahy_exact_s" in r:
        per_row = rw["loop"] / rw["rows"]
        per_record = rw["setup"] / rw["records"]
        extrapolated = per_record * r["records"] + per_row * r["checked"]
        if "rowwise" in r:
            ok, msg = r["rowwise_agree"]
            print(
                f"  row-by-row Leahy: {rw['rows']:,} allocations in {rw['loop']:.2f} s "
                f"(+ {rw['setup']:.2f} s indexing {rw['records']:,} records) = "
                f"{per_row * 1e3:.2f} ms per allocation; agree: {ok} ({msg})"
            )
        print(
            f"  row-by-row Leahy extrapolated to {r['checked']:,} allocations and "
            f"{r['records']:,} records: {extrapolated:,.0f} s"
        )
        print(
            f"  ratio row-by-row / engine: {extrapolated / e2e:,.0f}x against the whole pack end "
            f"to end, {extrapolated / r['engine_leahy_exact_s']:,.0f}x against the engine's "
            "exact Leahy rules (target >= 1,000x)"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="100000,1000000")
    ap.add_argument("--work", type=Path, default=Path("/tmp/conditionality-bench"))
    ap.add_argument("--rowwise", type=int, default=2000)
    ap.add_argument(
        "--double", type=int, default=0, metavar="N", help="doubling experiment: N vs 2N rows"
    )
    ap.add_argument("--dask", action="store_true", help="also run the Dask engine")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--child-opts", default="{}", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        print(json.dumps(child(a.child, json.loads(a.child_opts)), default=str))
        return 0
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    print(f"machine: {os.cpu_count()} cores ({cpu}); python {sys.version.split()[0]}")
    scales = [int(s) for s in a.scales.split(",") if s]
    rowwise = None  # measured once, on the smallest scale, then extrapolated
    for n in scales:
        folder, gen = dataset(a.work, n)
        if gen:
            print(f"generated {n:,} allocations in {gen:.1f} s ({folder})")
        r = run_child(folder, {"rowwise": 0 if rowwise else a.rowwise})
        rowwise = rowwise or r.get("rowwise")
        show(f"scale {n:,}", r, rowwise)
        if a.dask:
            d = run_child(folder, {"engine": "dask"})
            show(f"scale {n:,} (dask engine, local cluster)", d)
            same = d["finding_keys"] == r["finding_keys"]
            print(f"  dask findings identical to pandas: {same}")
    if a.double:
        n = a.double
        base, _ = dataset(a.work, n)
        doubled, _ = dataset(a.work, 2 * n, names_of=n)
        r1 = run_child(base, {"timing_only": True})
        r2 = run_child(doubled, {"timing_only": True})
        print(f"doubling at {n:,}: same distinct names, twice the rows")
        for k in ("read", "normalize", "match", "evaluate"):
            s1, s2 = r1["stages"][k], r2["stages"][k]
            print(f"  {k:<9} {s1:6.2f} s -> {s2:6.2f} s  ({s2 / s1:.2f}x)")
        print(f"  peak memory {r1['peak_mb_check']:,.0f} MB -> {r2['peak_mb_check']:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
