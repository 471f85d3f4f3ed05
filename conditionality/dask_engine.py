"""The Dask engine: the same rule pack over allocations split into partitions.

Allocation files are read in parallel (one task per file, the same readers as the pandas
engine), then the checked allocations are split into partitions and every partition is
evaluated by the pandas engine itself. Evidence tables are broadcast to every worker. Name
matching needs all names at once, so the distinct names of every partition are matched once
on the client and the match table is broadcast with the evidence: each partition sees exactly
the matches the pandas engine would. The findings are then concatenated and sorted as the
pandas engine sorts them, so both engines give identical findings.

Use it when the allocations do not fit one machine's memory for evaluation, or to spread the
rule evaluation of several million rows over the cores of a cluster (`--scheduler ADDRESS`).
On one laptop the pandas engine is faster: the cluster's scheduling and data transfer cost
more than they save below several million rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from conditionality.engine import (
    FINDING_COLUMNS,
    empty_evidence,
    empty_findings,
    evaluate_rule,
    prematch,
)
from conditionality.lang.loader import RulePack
from conditionality.lang.scope import RunContext
from conditionality.readers import ReadResult
from conditionality.schema import FLAGGING, SEVERITY, TABLES

ROWS_PER_PARTITION = 250_000


@dataclass
class PartitionStats:
    stats: dict[str, Any]


@contextmanager
def client_for(scheduler: str | None) -> Iterator[Any]:
    """A Dask client: to `scheduler`, or to a local cluster started (and stopped) here."""
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def expand_paths(paths: list[Path]) -> list[Path]:
    """A folder stands for the Parquet and CSV files in it (a partitioned dataset)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(
                f for f in p.iterdir() if f.suffix.lower() in (".parquet", ".csv", ".tsv")
            )
            out.extend(found)
        else:
            out.append(p)
    return out


def read_allocations(client: Any, paths: list[Path], read_kwargs: dict[str, Any]) -> ReadResult:
    """Read each allocation file in its own task, then merge as `load_table` does (duplicate
    ids across files are rejected everywhere they occur)."""
    from conditionality.readers import _reject_duplicates, read_file

    table = TABLES["allocations"]
    futures = [client.submit(read_file, p, table, pure=False, **read_kwargs) for p in paths]
    results = client.gather(futures)
    merged = ReadResult.concat(results, table)
    return _reject_duplicates(merged, table)


def _evaluate_partition(
    part: pd.DataFrame,
    evidence: dict[str, pd.DataFrame | None],
    pack: RulePack,
    as_of: pd.Timestamp,
    aliases: pd.DataFrame | None,
    cache: dict[Any, Any],
) -> list[tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]]:
    ctx = RunContext(
        tables={"allocations": part, **evidence}, as_of=as_of, aliases=aliases, cache=dict(cache)
    )
    out = []
    for rule in pack.rules:
        r = evaluate_rule(rule, part, ctx)
        out.append((r.findings, r.evidence, r.stats))
    return out


def run_rules_dask(
    client: Any,
    allocations: pd.DataFrame,
    evidence_tables: dict[str, pd.DataFrame | None],
    pack: RulePack,
    as_of: pd.Timestamp,
    *,
    aliases: pd.DataFrame | None = None,
    npartitions: int | None = None,
    progress: Any = None,
) -> tuple[pd.DataFrame, pd.DataFrame, list[PartitionStats]]:
    """`api.run_rules` on a Dask cluster; same inputs, identical outputs."""
    from conditionality.progress import QUIET

    prog = progress or QUIET
    ctx = RunContext(
        tables={"allocations": allocations, **evidence_tables}, as_of=as_of, aliases=aliases
    )
    with prog.stage("match"):
        prematch(pack, allocations, ctx)
    n = len(allocations)
    if npartitions is None:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        npartitions = max(workers, int(np.ceil(n / ROWS_PER_PARTITION)))
    bounds = np.linspace(0, n, max(1, npartitions) + 1).astype(int)
    parts = [allocations.iloc[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True) if b > a]
    shared = client.scatter(
        {"evidence": evidence_tables, "cache": ctx.cache, "pack": pack, "aliases": aliases},
        broadcast=True,
    )
    with prog.stage("evaluate", total=len(parts)) as st:
        futures = [
            client.submit(
                _evaluate_partition,
                client.scatter(p),
                shared["evidence"],
                shared["pack"],
                as_of,
                shared["aliases"],
                shared["cache"],
                pure=False,
            )
            for p in parts
        ]
        from distributed import as_completed

        by_future = {f.key: i for i, f in enumerate(futures)}
        done: dict[int, Any] = {}
        for fut in as_completed(futures):
            done[by_future[fut.key]] = fut.result()
            st.advance(1, "partitions")
        per_part = [done[i] for i in range(len(futures))]
    return combine(pack, per_part)


def combine(
    pack: RulePack, per_part: list[list[tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]]]
) -> tuple[pd.DataFrame, pd.DataFrame, list[PartitionStats]]:
    """Findings, evidence and per-rule stats of all partitions, as the pandas engine gives."""
    finding_frames, evidence_frames, results = [], [], []
    for k, rule in enumerate(pack.rules):
        fs = [p[k][0] for p in per_part if len(p[k][0])]
        rule_findings = pd.concat(fs, ignore_index=True) if fs else empty_findings()
        evs = [p[k][1] for p in per_part if len(p[k][1])]
        if evs:
            ev = pd.concat(evs, ignore_index=True)
            score = pd.to_numeric(ev["score"], errors="coerce").fillna(-1)
            ev = (
                ev.assign(_score=score)
                .sort_values(
                    ["finding_id", "_severity", "_score", "dataset", "record_id"],
                    ascending=[True, False, False, True, True],
                    kind="stable",
                )
                .drop(columns=["_score"])
            )
            evidence_frames.append(ev)
        if len(rule_findings):
            finding_frames.append(rule_findings)
        stats: dict[str, Any] = {"rule_id": rule.id}
        for key in ("applied", "undecided_scope", "flagged", *SEVERITY):
            stats[key] = int(sum(p[k][2][key] for p in per_part))
        flagged = rule_findings["outcome"].isin(list(FLAGGING)) if len(rule_findings) else None
        stats["dollars_flagged"] = (
            float(rule_findings.loc[flagged, "amount_usd"].sum()) if flagged is not None else 0.0
        )
        order = ["rule_id", "applied", "undecided_scope", "flagged", "dollars_flagged"]
        results.append(PartitionStats({k: stats[k] for k in [*order, *SEVERITY]}))
    findings = pd.concat(finding_frames, ignore_index=True) if finding_frames else empty_findings()
    findings = findings.reindex(columns=FINDING_COLUMNS)
    findings = findings.sort_values(["rule_id", "allocation_id"], kind="stable")
    evidence = (
        pd.concat(evidence_frames, ignore_index=True) if evidence_frames else empty_evidence()
    )
    evidence = evidence.drop(columns=[c for c in ("_severity", "_alloc") if c in evidence])
    return findings.reset_index(drop=True), evidence.reset_index(drop=True), results
