"""`check()`: the Python API behind `conditionality check`.

read -> normalize -> evaluate -> (the caller renders reports from the result).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from conditionality import __version__
from conditionality.engine import (
    FINDING_COLUMNS,
    empty_evidence,
    empty_findings,
    evaluate_rule,
    prematch,
    prepare_allocations,
)
from conditionality.freshness import freshness_warnings, list_versions
from conditionality.lang.loader import RulePack, load_rules
from conditionality.lang.scope import RunContext
from conditionality.readers import InputInfo, ReadResult, empty_rejected, load_table
from conditionality.schema import FLAGGING

PathList = Sequence[str | Path] | str | Path | None
DEFAULT_TRANSACTION_TYPES = ("obligation",)
BREAKER_SHARE = 0.5  # a rule that flags more than this share of what it applies to
BREAKER_MIN_ROWS = 20
ENGINES = ("pandas", "dask")


@dataclass
class CheckResult:
    findings: pd.DataFrame
    evidence: pd.DataFrame
    summary: dict[str, Any]
    rejected: pd.DataFrame
    inputs: list[InputInfo]
    rules: RulePack
    allocations: pd.DataFrame
    run: dict[str, Any] = field(default_factory=dict)
    decisions_file: str | None = None
    decisions_problems: list[str] = field(default_factory=list)
    stale_decisions: list[dict[str, Any]] = field(default_factory=list)
    fail_on: str = "review"
    # seconds per stage (read, normalize, match, evaluate); the CLI adds report
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0: nothing open at or above `fail_on`; 1: open findings (at the default `review`
        also rules not evaluated and rows that could not be checked); 3: an invalid decisions
        file or a stale decision. See conditionality.review.exitcodes."""
        from conditionality.review.exitcodes import exit_code

        return exit_code(
            self.findings,
            fail_on=self.fail_on,
            rows_rejected=int(self.summary["rows_unreadable"]),
            decision_problems=[*self.decisions_problems, *self.stale_decisions],
        )


def _paths(value: PathList) -> list[Path]:
    if value is None:
        return []
    if isinstance(value, str | Path):
        return [Path(value)]
    return [Path(v) for v in value]


def _load(paths: list[Path], table: str, read_kwargs: dict[str, Any]) -> ReadResult | None:
    if not paths:
        return None
    return load_table(paths, table, **read_kwargs)


def read_inputs(
    aid: PathList,
    abuses: PathList = None,
    country_status: PathList = None,
    entities: PathList = None,
    read_options: dict[str, Any] | None = None,
    *,
    client: Any = None,
) -> tuple[ReadResult, dict[str, ReadResult | None]]:
    """Read the allocations and the evidence tables (None for a table not supplied). With a
    Dask `client` the allocation files (a folder = its Parquet/CSV parts) are read in
    parallel, one task per file."""
    read_kwargs = dict(read_options or {})
    if client is not None:
        from conditionality.dask_engine import expand_paths, read_allocations

        alloc_read = read_allocations(client, expand_paths(_paths(aid)), read_kwargs)
    else:
        alloc_read = load_table(_paths(aid), "allocations", **read_kwargs)
    evidence_kwargs = {k: v for k, v in read_kwargs.items() if k in ("options",)}
    tables: dict[str, ReadResult | None] = {
        "abuse_records": _load(_paths(abuses), "abuse_records", evidence_kwargs),
        "country_status": _load(_paths(country_status), "country_status", evidence_kwargs),
        "sanctioned_entities": _load(_paths(entities), "sanctioned_entities", evidence_kwargs),
    }
    return alloc_read, tables


def check(
    aid: PathList,
    abuses: PathList = None,
    country_status: PathList = None,
    entities: PathList = None,
    *,
    rules: PathList = None,
    as_of: str | dt.date | None = None,
    params: dict[str, dict[str, Any]] | None = None,
    aliases: pd.DataFrame | None = None,
    transaction_types: Sequence[str] = DEFAULT_TRANSACTION_TYPES,
    read_options: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
    decisions: str | Path | None = None,
    fail_on: str = "review",
    today: dt.date | None = None,
    engine: str = "pandas",
    scheduler: str | None = None,
    progress: bool | None = False,
    progress_stream: Any = None,
) -> CheckResult:
    """Check aid allocations against the rule pack; returns findings and the run summary.

    Raises InputError for an unreadable file and RuleError for a bad rule (both exit code 2
    on the command line). `decisions` is a decisions file (YAML) applied to the findings; an
    invalid file is reported in `decisions_problems` and applied not at all. `today` is the
    date decision expiry is compared with (default: the current date).

    `engine` is "pandas" (one process) or "dask" (partitions on a Dask cluster: a local one,
    or the one at `scheduler`); both give identical findings. `progress` shows per-stage
    progress on stderr (None: only for runs of more than 50,000 allocations).
    """
    from conditionality.review.apply import apply_decisions, decision_counts
    from conditionality.review.decisions import DecisionsError, DecisionsFile, load_decisions
    from conditionality.review.exitcodes import FAIL_ON

    if fail_on not in FAIL_ON:
        raise ValueError(f"fail_on {fail_on!r}: use one of {', '.join(FAIL_ON)}")
    decided = DecisionsFile()
    problems: list[str] = []
    if decisions is not None:
        try:
            decided = load_decisions(Path(decisions))
        except DecisionsError as exc:
            problems = str(exc).splitlines()
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r}: use one of {', '.join(ENGINES)}")
    from conditionality.progress import Progress

    prog = Progress(progress, stream=progress_stream)
    as_of_ts = pd.Timestamp(as_of or dt.date.today()).normalize()
    pack = load_rules(_paths(rules) or None, params=params)
    with contextlib.ExitStack() as stack:
        client = None
        if engine == "dask":
            from conditionality.dask_engine import client_for

            client = stack.enter_context(client_for(scheduler))
        with prog.stage("read"):
            alloc_read, tables = read_inputs(
                aid, abuses, country_status, entities, read_options, client=client
            )
        if progress is None:
            prog.decide(len(alloc_read.table), None)
        with prog.stage("normalize"):
            allocations = prepare_allocations(alloc_read.table)
            wanted = [t.casefold() for t in transaction_types]
            ttype = (
                allocations["transaction_type"].astype("string").str.casefold().fillna("obligation")
            )
            in_scope = ttype.isin(wanted).to_numpy(dtype=bool)
            checked = allocations[in_scope].reset_index(drop=True)
        evidence_tables = {k: (v.table if v is not None else None) for k, v in tables.items()}
        if client is not None:
            from conditionality.dask_engine import run_rules_dask

            findings, evidence, results = run_rules_dask(
                client, checked, evidence_tables, pack, as_of_ts, aliases=aliases, progress=prog
            )
        else:
            findings, evidence, results = run_rules(
                checked, evidence_tables, pack, as_of_ts, aliases=aliases, progress=prog
            )
    prog.close()

    reads = [alloc_read, *(t for t in tables.values() if t is not None)]
    rejected = pd.concat(
        [
            r.rejected.assign(table=r.info[0].table if r.info else "")
            for r in reads
            if len(r.rejected)
        ]
        or [empty_rejected().assign(table=pd.Series(dtype="object"))],
        ignore_index=True,
    )
    inputs = [i for r in reads for i in r.info]
    summary = summarize(findings, results, allocations, checked, alloc_read, inputs, pack)
    summary["supplied"] = {k: v is not None for k, v in tables.items()}
    status_read = tables.get("country_status")
    versions = list_versions(
        status_read.table if status_read is not None else None,
        set().union(*(r.lists() for r in pack.rules)),
    )
    summary["lists"] = versions
    summary["warnings"].extend(freshness_warnings(versions, as_of_ts))
    findings, stale = apply_decisions(
        findings, evidence, decided, today or dt.date.today(), {r.id: r.version for r in pack.rules}
    )
    counts = decision_counts(findings, stale)
    flagging_open = findings["open"].astype(bool) & findings["outcome"].isin(FLAGGING)
    summary["open_findings"] = int(flagging_open.sum())
    summary["fail_on"] = fail_on
    summary["decisions"] = {
        "file": str(decisions) if decisions is not None else None,
        "entries": len(decided.decisions),
        "invalid": bool(problems),
        **{k: v for k, v in counts.items() if k != "open_findings"},
        "stale_decisions": stale,
        "problems": problems,
    }
    run = {
        "tool": "conditionality",
        "tool_version": __version__,
        "as_of": as_of_ts.strftime("%Y-%m-%d"),
        "run_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "transaction_types": list(transaction_types),
        "options": dict(options or {}),
        "rule_pack_sha256": pack.sha256,
        "rules": [
            {
                "id": r.id,
                "version": r.version,
                "title": r.title,
                "citation": r.authority.citation,
                "url": r.authority.url,
            }
            for r in pack.rules
        ],
        "inputs": [i.to_dict() for i in inputs],
    }
    timings = {k: round(v, 3) for k, v in prog.timings.items()}
    return CheckResult(
        findings,
        evidence,
        summary,
        rejected,
        inputs,
        pack,
        checked,
        run,
        decisions_file=str(decisions) if decisions is not None else None,
        decisions_problems=problems,
        stale_decisions=stale,
        fail_on=fail_on,
        timings=timings,
    )


def run_rules(
    allocations: pd.DataFrame,
    evidence_tables: dict[str, pd.DataFrame | None],
    pack: RulePack,
    as_of: pd.Timestamp,
    *,
    aliases: pd.DataFrame | None = None,
    progress: Any = None,
) -> tuple[pd.DataFrame, pd.DataFrame, list[Any]]:
    """Evaluate every rule on prepared allocations; returns (findings, evidence, per-rule)."""
    from conditionality.progress import QUIET

    prog = progress or QUIET
    run_ctx = RunContext(
        tables={"allocations": allocations, **evidence_tables}, as_of=as_of, aliases=aliases
    )
    with prog.stage("match"):
        prematch(pack, allocations, run_ctx)
    results = []
    with prog.stage("evaluate", total=len(pack.rules)) as st:
        for rule in pack.rules:
            results.append(evaluate_rule(rule, allocations, run_ctx))
            st.advance(1, rule.id)
    frames = [r.findings for r in results if len(r.findings)]
    findings = pd.concat(frames, ignore_index=True) if frames else empty_findings()
    findings = findings.reindex(columns=FINDING_COLUMNS)
    findings = findings.sort_values(["rule_id", "allocation_id"], kind="stable")
    evs = [r.evidence for r in results if len(r.evidence)]
    evidence = pd.concat(evs, ignore_index=True) if evs else empty_evidence()
    evidence = evidence.drop(columns=[c for c in ("_severity", "_alloc") if c in evidence])
    return findings.reset_index(drop=True), evidence, results


def summarize(
    findings: pd.DataFrame,
    results: list[Any],
    allocations: pd.DataFrame,
    checked: pd.DataFrame,
    alloc_read: ReadResult,
    inputs: list[InputInfo],
    pack: RulePack,
) -> dict[str, Any]:
    """Counts a reviewer and CI need: per outcome, per rule, and the reconciliation."""
    open_mask = findings["outcome"].isin(FLAGGING)
    by_outcome = findings["outcome"].value_counts().to_dict()
    per_rule = []
    warnings: list[str] = []
    for r in results:
        s = dict(r.stats)
        per_rule.append(s)
        if s["applied"] >= BREAKER_MIN_ROWS and s["flagged"] > BREAKER_SHARE * s["applied"]:
            warnings.append(
                f"rule {s['rule_id']} flags {s['flagged']} of {s['applied']} allocations it "
                "applies to: check that the inputs are what you expect"
            )
    alloc_infos = [i for i in inputs if i.table == "allocations"]
    rows_in = sum(i.rows_read for i in alloc_infos)
    rows_rejected = sum(i.rows_rejected for i in alloc_infos)
    ttype = allocations["transaction_type"].astype("string").fillna("obligation")
    dollars_by_type = (
        allocations.assign(_t=ttype).groupby("_t")["amount_usd"].sum().round(2).to_dict()
    )
    for info in inputs:
        for note in info.notes:
            if "credibility" in note:
                warnings.append(f"{info.path}: {note}")
    return {
        "allocations_read": rows_in,
        "rows_checked": len(allocations),
        "rows_rejected": rows_rejected,
        "rows_evaluated": len(checked),
        # rejected = unreadable + out of scope by the adapter (e.g. FMTR subtotal lines)
        "rows_unreadable": rows_rejected - sum(i.rows_out_of_scope for i in alloc_infos),
        "rows_rejected_out_of_scope": sum(i.rows_out_of_scope for i in alloc_infos),
        "rows_out_of_scope": len(allocations) - len(checked),
        "dollars_read": round(sum(i.dollars_read for i in alloc_infos), 2),
        "dollars_checked": round(float(allocations["amount_usd"].sum()), 2),
        "dollars_rejected": round(sum(i.dollars_rejected for i in alloc_infos), 2),
        "rows_unreadable_amount": sum(i.rows_unreadable_amount for i in alloc_infos),
        "dollars_by_transaction_type": {str(k): float(v) for k, v in dollars_by_type.items()},
        "findings": len(findings),
        "open_findings": int(open_mask.sum()),
        "not_evaluated": int(by_outcome.get("not_evaluated", 0)),
        "by_outcome": {
            k: int(by_outcome.get(k, 0))
            for k in ("prohibited", "restricted", "review", "waived", "not_evaluated")
        },
        # each flagged allocation's dollars once, however many rules flag it
        "dollars_flagged": round(
            float(
                findings.loc[open_mask]
                .drop_duplicates("allocation_id")["amount_usd"]
                .astype("float64")
                .sum()
            ),
            2,
        ),
        "allocations_flagged": int(findings.loc[open_mask, "allocation_id"].nunique()),
        "rules": per_rule,
        "rule_pack_sha256": pack.sha256,
        "warnings": warnings,
    }
