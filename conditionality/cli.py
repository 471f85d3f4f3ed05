"""The `conditionality` command.

Exit codes of `check`: 0 nothing open at or above --fail-on (default review: every rule
evaluated, every row read and no open finding); 1 open findings (at the default also rules
not evaluated and rows that could not be checked); 2 bad usage, an unreadable input, a bad
rule or config; 3 an invalid decisions file or a stale decision; when several apply 2 beats
3 beats 1; --exit-zero gives 0 unless the run could not happen (2). 70 an internal error (the
traceback is written to a file and its path printed).
"""

from __future__ import annotations

import functools
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from conditionality import __version__
from conditionality.config import ConfigError, find_config, load_config, merge
from conditionality.lang.loader import RuleError
from conditionality.readers import InputError
from conditionality.review.errors import (
    DecisionsError,
    ExplainError,
    ReportReadError,
    WorkbookError,
)
from conditionality.schema import TABLES

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_DECISIONS, EXIT_INTERNAL = 0, 1, 2, 3, 70

app = typer.Typer(
    name="conditionality",
    help="Check aid allocations against human-rights conditions written as YAML rules.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
rules_app = typer.Typer(help="List, validate and test rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
review_app = typer.Typer(help="Reviewers' decisions on findings.", no_args_is_help=True)
app.add_typer(review_app, name="review")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class UsageError(Exception):
    """Bad options (exit code 2)."""


def guarded(func: Callable[..., int | None]) -> Callable[..., None]:
    """Turn expected errors into one clear line and exit 2; anything else into exit 70."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            code = func(*args, **kwargs)
        except (
            InputError,
            RuleError,
            ConfigError,
            UsageError,
            WorkbookError,
            ReportReadError,
            ExplainError,
        ) as exc:
            err.print(f"error: {exc}", markup=False, highlight=False)
            raise typer.Exit(EXIT_USAGE) from None
        except DecisionsError as exc:
            err.print(f"error: {exc}", markup=False, highlight=False)
            raise typer.Exit(EXIT_DECISIONS) from None
        except typer.Exit:
            raise
        except Exception:
            fd, path = tempfile.mkstemp(prefix="conditionality-crash-", suffix=".txt")
            with open(fd, "w", encoding="utf-8") as f:
                traceback.print_exc(file=f)
            err.print(
                f"internal error: {sys.exc_info()[1]!r}; the traceback is in {path}. "
                "Please report it.",
                markup=False,
                highlight=False,
            )
            raise typer.Exit(EXIT_INTERNAL) from None
        raise typer.Exit(code or 0)

    return wrapper


FilesOpt = Annotated[list[Path] | None, typer.Option(help="May be given several times.")]
CHECK_KEYS = {
    "aid",
    "abuses",
    "country_status",
    "entities",
    "rules",
    "as_of",
    "out",
    "format",
    "transaction_types",
    "params",
    "aliases",
    "input_format",
    "sheet",
    "header_row",
    "column_map",
    "date_order",
    "credibility",
    "decisions",
    "fail_on",
    "exit_zero",
    "quiet",
    "clearance",
    "engine",
    "scheduler",
    "progress",
    "max_file_mb",
    "max_rows",
    "max_cell_chars",
    "reference_lists",
}


def _parse_params(items: list[str]) -> dict[str, dict[str, Any]]:
    """--param rule-id.name=value[,value...] (a list when it has commas)."""
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        if "=" not in item or "." not in item.split("=", 1)[0]:
            raise UsageError(f"--param {item!r}: use RULE_ID.NAME=VALUE")
        key, value = item.split("=", 1)
        rule_id, name = key.split(".", 1)
        out.setdefault(rule_id, {})[name] = value.split(",") if "," in value else value
    return out


RulesOpt = Annotated[
    list[Path] | None, typer.Option(help="Rule files or folders; replace the shipped pack.")
]
AsOfOpt = Annotated[str | None, typer.Option(help="Date for open-ended checks (YYYY-MM-DD).")]
TTypesOpt = Annotated[
    str | None, typer.Option(help="Transaction types the rules check (default obligation).")
]
ParamOpt = Annotated[
    list[str] | None, typer.Option(help="Override a rule parameter: RULE.NAME=V1,V2.")
]
AliasesOpt = Annotated[Path | None, typer.Option(help="CSV of extra name aliases.")]
InputFormatOpt = Annotated[str | None, typer.Option(help="Force an input adapter.")]
SheetOpt = Annotated[str | None, typer.Option(help="Excel sheet to read.")]
HeaderRowOpt = Annotated[int | None, typer.Option(help="1-based header row.")]
ColumnMapOpt = Annotated[Path | None, typer.Option(help="File mapping headers to columns.")]
DateOrderOpt = Annotated[str | None, typer.Option(help="auto, mdy or dmy for slash dates.")]
CredibilityOpt = Annotated[
    str | None, typer.Option(help="Credibility given to event datasets (default alleged).")
]
ConfigOpt = Annotated[
    Path | None, typer.Option(help="Config file (default: ./conditionality.toml).")
]


def _config_options(config: Path | None) -> dict[str, Any]:
    """Options from --config, or from the config file found in the working folder."""
    if config is not None and not config.exists():
        raise UsageError(f"{config}: config file not found")
    return load_config(config or find_config(Path.cwd()), CHECK_KEYS)


def _input_options(
    *,
    aid: list[Path] | None,
    abuses: list[Path] | None,
    country_status: list[Path] | None,
    entities: list[Path] | None,
    rules: list[Path] | None,
    as_of: str | None,
    transaction_types: str | None,
    param: list[str] | None,
    aliases: Path | None,
    input_format: str | None,
    sheet: str | None,
    header_row: int | None,
    column_map: Path | None,
    date_order: str | None,
    credibility: str | None,
) -> dict[str, Any]:
    """The input and rule options `check` and `explain` share, as config-file keys."""
    return {
        "aid": aid,
        "abuses": abuses,
        "country_status": country_status,
        "entities": entities,
        "rules": rules,
        "as_of": as_of,
        "transaction_types": transaction_types,
        "params": _parse_params(param or []) or None,
        "aliases": str(aliases) if aliases else None,
        "input_format": input_format,
        "sheet": sheet,
        "header_row": header_row,
        "column_map": str(column_map) if column_map else None,
        "date_order": date_order,
        "credibility": credibility,
    }


@app.command()
@guarded
def check(
    aid: FilesOpt = None,
    abuses: FilesOpt = None,
    country_status: FilesOpt = None,
    entities: FilesOpt = None,
    rules: RulesOpt = None,
    as_of: AsOfOpt = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Folder for reports.")] = None,
    format: Annotated[str | None, typer.Option(help="Comma list: json,csv,xlsx,html,md.")] = None,
    transaction_types: TTypesOpt = None,
    param: ParamOpt = None,
    aliases: AliasesOpt = None,
    input_format: InputFormatOpt = None,
    sheet: SheetOpt = None,
    header_row: HeaderRowOpt = None,
    column_map: ColumnMapOpt = None,
    date_order: DateOrderOpt = None,
    credibility: CredibilityOpt = None,
    reference_lists: Annotated[
        bool,
        typer.Option(
            help="Add the bundled CSPA, TIP tier, coup and PTS lists to --country-status."
        ),
    ] = False,
    clearance: Annotated[
        bool, typer.Option(help="Also write the per-allocation clearance record.")
    ] = False,
    decisions: Annotated[
        Path | None,
        typer.Option(help="Reviewers' decisions file (YAML) to apply; see docs/review.md."),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help="Lowest open outcome that makes the exit code 1: prohibited, restricted or "
            "review (default; also counts rules not evaluated and unreadable rows)."
        ),
    ] = None,
    exit_zero: Annotated[
        bool,
        typer.Option(help="Exit 0 even with open findings or stale decisions (dashboards)."),
    ] = False,
    config: ConfigOpt = None,
    quiet: Annotated[bool, typer.Option(help="Print only the summary line.")] = False,
    engine: Annotated[
        str | None,
        typer.Option(help="pandas (default) or dask (partitions on a Dask cluster)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler ADDRESS for --engine dask (default: a local cluster)."),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Per-stage progress on stderr (default: on for runs over 50,000 rows).",
        ),
    ] = None,
    max_file_mb: Annotated[
        float | None, typer.Option(help="Refuse input files larger than this (default 500 MB).")
    ] = None,
    max_rows: Annotated[
        int | None, typer.Option(help="Refuse input files with more rows (default 5,000,000).")
    ] = None,
    max_cell_chars: Annotated[
        int | None, typer.Option(help="Reject cells longer than this (default 32,767).")
    ] = None,
) -> int:
    """Check allocations against the rules and write reports."""
    opts = merge(
        {
            **_input_options(
                aid=aid,
                abuses=abuses,
                country_status=country_status,
                entities=entities,
                rules=rules,
                as_of=as_of,
                transaction_types=transaction_types,
                param=param,
                aliases=aliases,
                input_format=input_format,
                sheet=sheet,
                header_row=header_row,
                column_map=column_map,
                date_order=date_order,
                credibility=credibility,
            ),
            "out": str(out_dir) if out_dir else None,
            "format": format,
            "quiet": quiet or None,
            "clearance": clearance or None,
            "reference_lists": reference_lists or None,
            "decisions": str(decisions) if decisions else None,
            "fail_on": fail_on,
            "exit_zero": exit_zero or None,
            "engine": engine,
            "scheduler": scheduler,
            "progress": progress,
            "max_file_mb": max_file_mb,
            "max_rows": max_rows,
            "max_cell_chars": max_cell_chars,
        },
        _config_options(config),
    )
    if not opts.get("aid"):
        raise UsageError("no allocations given: use --aid FILE (or aid = [...] in the config)")
    return run_check(opts)


def _read_settings(opts: dict[str, Any]) -> tuple[dict[str, Any], Any, list[str], Any]:
    """(read_options, alias table, transaction types, as_of) from resolved options."""
    ttypes = str(opts.get("transaction_types") or "obligation").split(",")
    read_options: dict[str, Any] = {}
    for key in ("input_format", "sheet", "header_row"):
        if opts.get(key) is not None:
            read_options[key] = opts[key]
    adapter_opts: dict[str, Any] = {
        k: opts[k] for k in ("date_order", "credibility") if opts.get(k)
    }
    limits = _limits(opts)
    if limits:
        adapter_opts["limits"] = limits
    if adapter_opts:
        read_options["options"] = adapter_opts
    if opts.get("column_map"):
        from conditionality.readers import load_column_map

        read_options["column_map"] = load_column_map(Path(opts["column_map"]))
    alias_table = None
    if opts.get("aliases"):
        from conditionality.matching import load_aliases

        alias_table = load_aliases(Path(opts["aliases"]))
    as_of = opts.get("as_of")
    if as_of is not None:
        import pandas as pd

        try:
            pd.Timestamp(str(as_of))
        except ValueError:
            raise UsageError(f"--as-of {as_of!r} is not a date (YYYY-MM-DD)") from None
    return read_options, alias_table, ttypes, as_of


def _limits(opts: dict[str, Any]) -> dict[str, int]:
    """--max-file-mb, --max-rows, --max-cell-chars as reader limits (see docs/security.md)."""
    out: dict[str, int] = {}
    for key, name, scale in (
        ("max_file_mb", "max_file_bytes", 1024 * 1024),
        ("max_rows", "max_rows", 1),
        ("max_cell_chars", "max_cell_chars", 1),
    ):
        value = opts.get(key)
        if value is None:
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise UsageError(f"--{key.replace('_', '-')} {value!r}: give a number") from None
        if not 0 < number < 1e15:
            raise UsageError(f"--{key.replace('_', '-')} {value!r}: give a positive number")
        out[name] = int(number * scale)
    return out


def _engine(opts: dict[str, Any]) -> str:
    engine = str(opts.get("engine") or "pandas")
    if engine not in ("pandas", "dask"):
        raise UsageError(f"--engine {engine!r}: use pandas or dask")
    if opts.get("scheduler") and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    return engine


def run_check(opts: dict[str, Any]) -> int:
    from conditionality.api import check as api_check
    from conditionality.reports import write_reports
    from conditionality.review.exitcodes import FAIL_ON

    formats = [f.strip() for f in str(opts.get("format") or "json,csv").split(",") if f.strip()]
    if opts.get("clearance") and "clearance" not in formats:
        formats.append("clearance")
    fail_on = str(opts.get("fail_on") or "review")
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on {fail_on!r}: use one of {', '.join(FAIL_ON)}")
    read_options, alias_table, ttypes, as_of = _read_settings(opts)
    status_files = list(opts.get("country_status") or [])
    if opts.get("reference_lists"):
        from conditionality.freshness import shipped_reference_files

        status_files += shipped_reference_files()
    result = api_check(
        opts["aid"],
        opts.get("abuses"),
        status_files or None,
        opts.get("entities"),
        rules=opts.get("rules") or None,
        as_of=as_of,
        params=opts.get("params"),
        aliases=alias_table,
        transaction_types=ttypes,
        read_options=read_options,
        options={k: v for k, v in sorted(opts.items()) if v not in (None, [], ())},
        decisions=opts.get("decisions"),
        fail_on=fail_on,
        engine=_engine(opts),
        scheduler=opts.get("scheduler"),
        progress=opts.get("progress"),
    )
    out_dir = Path(opts.get("out") or "reports")
    from conditionality.progress import Progress

    prog = Progress(opts.get("progress"))
    if opts.get("progress") is None:
        prog.decide(int(result.summary["allocations_read"]), None)
    try:
        with prog.stage("report", total=len(formats)):
            written = write_reports(result, out_dir, formats)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    result.timings["report"] = round(prog.timings.get("report", 0.0), 3)
    print_summary(result, written, quiet=bool(opts.get("quiet")))
    print_decisions(result)
    return 0 if opts.get("exit_zero") else result.exit_code


def print_decisions(result: Any) -> None:
    """Problems with the decisions file and stale decisions, on stderr; counts on stdout."""
    for line in result.decisions_problems:
        err.print(f"invalid decisions: {line}", markup=False, highlight=False)
    if result.decisions_problems:
        err.print(
            "the decisions file was not applied: every finding counts (exit code 3)",
            markup=False,
            highlight=False,
        )
    for s in result.stale_decisions:
        err.print(
            f"stale decision: {s['finding_id']} ({s['status']} by {s['reviewer']} on "
            f"{s['date']}): {s['stale']}; the finding counts again",
            markup=False,
            highlight=False,
        )
    d = result.summary.get("decisions") or {}
    if d.get("file") and not result.decisions_problems:
        by = ", ".join(f"{v} {k}" for k, v in d.get("by_status", {}).items()) or "none applied"
        out.print(
            f"decisions: {d.get('entries', 0)} in {d['file']}; {d.get('decided', 0)} matched "
            f"findings ({by}); {d.get('closed', 0)} closed; {d.get('stale', 0)} stale; "
            f"{result.summary['open_findings']} flagged findings still open",
            markup=False,
            highlight=False,
        )


def print_summary(result: Any, written: list[Path], *, quiet: bool = False) -> None:
    s = result.summary
    if not quiet:
        table = Table(title=f"conditionality {__version__} - as of {result.run['as_of']}")
        for col in (
            "rule",
            "applied",
            "prohibited",
            "restricted",
            "review",
            "waived",
            "not evaluated",
        ):
            table.add_column(col, justify="left" if col == "rule" else "right")
        for r in s["rules"]:
            table.add_row(
                r["rule_id"],
                str(r["applied"]),
                str(r["prohibited"]),
                str(r["restricted"]),
                str(r["review"]),
                str(r["waived"]),
                str(r["not_evaluated"]),
            )
        out.print(table)
        for w in s["warnings"]:
            out.print(f"warning: {w}", markup=False, highlight=False)
        if s["rows_rejected"]:
            out.print(
                f"{s['rows_rejected']} allocation rows were not checked: "
                f"{s['rows_unreadable']} could not be read, "
                f"{s['rows_rejected_out_of_scope']} are out of scope (e.g. subtotal lines); "
                "see rejected_rows in findings.json",
                markup=False,
            )
        if s["rows_out_of_scope"]:
            out.print(
                f"{s['rows_out_of_scope']} rows skipped by transaction type "
                f"(rules check: {', '.join(result.run['transaction_types'])})",
                markup=False,
            )
        for path in written:
            out.print(f"wrote {path}", markup=False, highlight=False)
    out.print(
        f"allocations: {s['allocations_read']} read = {s['rows_checked']} checked + "
        f"{s['rows_rejected']} rejected; dollars: {s['dollars_read']:,.2f} read = "
        f"{s['dollars_checked']:,.2f} checked + {s['dollars_rejected']:,.2f} rejected"
        + (
            f" ({s['rows_unreadable_amount']} rows with unreadable amounts)"
            if s["rows_unreadable_amount"]
            else ""
        ),
        markup=False,
        highlight=False,
    )
    bo = s["by_outcome"]
    out.print(
        f"findings: {bo['prohibited']} prohibited, {bo['restricted']} restricted, "
        f"{bo['review']} review, {bo['waived']} waived, {bo['not_evaluated']} not evaluated; "
        f"{s['allocations_flagged']} allocations flagged for ${s['dollars_flagged']:,.0f}",
        markup=False,
        highlight=False,
    )


@rules_app.command("list")
@guarded
def rules_list(
    rules: Annotated[list[Path] | None, typer.Argument(help="Rule files or folders.")] = None,
) -> int:
    """List the rules of a pack (the shipped one by default)."""
    from conditionality.lang.loader import load_rules

    pack = load_rules(rules or None)
    table = Table(title=f"{len(pack.rules)} rules")
    for col in ("id", "version", "outcome", "authority"):
        table.add_column(col)
    for r in pack.rules:
        table.add_row(r.id, str(r.version), r.outcome, r.authority.citation)
    out.print(table)
    return 0


@rules_app.command("validate")
@guarded
def rules_validate(
    paths: Annotated[list[Path], typer.Argument(help="Rule files or folders.")],
) -> int:
    """Check rule files: schema, columns, datasets, regexes. Exit 2 on the first bad one."""
    from conditionality.lang.loader import load_rules

    pack = load_rules(paths)
    out.print(f"{len(pack.rules)} rules valid", markup=False)
    return 0


@rules_app.command("test")
@guarded
def rules_test(
    paths: Annotated[list[Path] | None, typer.Argument(help="Rule files or folders.")] = None,
) -> int:
    """Run each rule's fixture (<id>.test.yaml). Exit 1 if a case fails."""
    from conditionality.lang.loader import shipped_rules_dir
    from conditionality.ruletest import run_all

    results = run_all(paths or [shipped_rules_dir()])
    failed = [r for r in results if not r.ok and not r.case.todo]
    todo = [r for r in results if r.case.todo]
    for r in results:
        if r.ok and not r.case.todo:
            continue
        mark = "TODO" if r.case.todo else "FAIL"
        out.print(
            f"{mark} {r.rule} {r.case.allocation}: expected {r.case.expect}, got {r.actual}"
            f" ({r.case.note}) {r.detail}",
            markup=False,
            highlight=False,
        )
    rules_n = len({r.rule for r in results})
    out.print(
        f"{len(results) - len(failed) - len(todo)} passed, {len(failed)} failed, "
        f"{len(todo)} known gaps, in {rules_n} rules",
        markup=False,
    )
    return 1 if failed else 0


@review_app.command("import")
@guarded
def review_import(
    report: Annotated[Path, typer.Argument(help="The report.xlsx reviewers filled in.")],
    decisions: Annotated[Path, typer.Option(help="Decisions file to create or update.")] = Path(
        "decisions.yaml"
    ),
    findings: Annotated[
        Path | None,
        typer.Option(
            help="findings.json of the same run (default: the one beside the report), to "
            "record each decision's evidence ids."
        ),
    ] = None,
) -> int:
    """Import reviewers' decisions from a filled-in report.xlsx into the decisions file.

    Reads the Decision, Reason and Reviewer columns of the Flags sheet. Exit 3 (nothing
    written) if any filled row is incomplete or invalid.
    """
    from conditionality.review.importer import import_decisions

    if findings is not None and not findings.is_file():
        raise UsageError(f"{findings}: no such findings.json")
    res = import_decisions(report, decisions, findings_json=findings)
    out.print(
        f"{len(res.added)} decisions added, {len(res.updated)} updated, "
        f"{len(res.unchanged)} unchanged in {decisions}; "
        f"{res.rows_without_decision} flagged rows have no decision yet",
        markup=False,
        highlight=False,
    )
    for fid in res.updated:
        out.print(f"updated: {fid}", markup=False, highlight=False)
    return 0


@app.command()
@guarded
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier findings.json.")],
    new: Annotated[Path, typer.Argument(help="The later findings.json.")],
    format: Annotated[str, typer.Option(help="text or json.")] = "text",
) -> int:
    """What changed between two runs (two findings.json files).

    Findings new, resolved, changed and unchanged; rule pack and reference list changes are
    reported apart from data changes. Exit 0 (2 if a file cannot be read).
    """
    import json

    from conditionality.review.diff import diff_reports, load_report, render_text

    if format not in ("text", "json"):
        raise UsageError(f"--format {format!r}: use text or json")
    d = diff_reports(load_report(old), load_report(new))
    if format == "json":
        sys.stdout.write(json.dumps(d, indent=2, ensure_ascii=False, default=str) + "\n")
    else:
        sys.stdout.write(render_text(d))
    return 0


@app.command()
@guarded
def explain(
    allocation_id: Annotated[str, typer.Argument(help="The allocation to explain.")],
    aid: FilesOpt = None,
    abuses: FilesOpt = None,
    country_status: FilesOpt = None,
    entities: FilesOpt = None,
    rules: RulesOpt = None,
    rule: Annotated[
        list[str] | None, typer.Option(help="Explain only this rule (may be repeated).")
    ] = None,
    as_of: AsOfOpt = None,
    transaction_types: TTypesOpt = None,
    param: ParamOpt = None,
    aliases: AliasesOpt = None,
    input_format: InputFormatOpt = None,
    sheet: SheetOpt = None,
    header_row: HeaderRowOpt = None,
    column_map: ColumnMapOpt = None,
    date_order: DateOrderOpt = None,
    credibility: CredibilityOpt = None,
    config: ConfigOpt = None,
    format: Annotated[str, typer.Option(help="text or json.")] = "text",
) -> int:
    """Why each rule fired or did not for one allocation (same inputs as check).

    Outside applies_to, no evidence match, a match below the band, no list entry for the
    date, an exception or waiver applied; with the evidence and list rows looked at.
    """
    import json

    from conditionality.review.explain import explain as run_explain
    from conditionality.review.explain import render_text

    if format not in ("text", "json"):
        raise UsageError(f"--format {format!r}: use text or json")
    opts = merge(
        _input_options(
            aid=aid,
            abuses=abuses,
            country_status=country_status,
            entities=entities,
            rules=rules,
            as_of=as_of,
            transaction_types=transaction_types,
            param=param,
            aliases=aliases,
            input_format=input_format,
            sheet=sheet,
            header_row=header_row,
            column_map=column_map,
            date_order=date_order,
            credibility=credibility,
        ),
        _config_options(config),
    )
    if not opts.get("aid"):
        raise UsageError("no allocations given: use --aid FILE (or aid = [...] in the config)")
    read_options, alias_table, ttypes, as_of_value = _read_settings(opts)
    doc = run_explain(
        allocation_id,
        opts["aid"],
        opts.get("abuses"),
        opts.get("country_status"),
        opts.get("entities"),
        rules=opts.get("rules") or None,
        as_of=as_of_value,
        params=opts.get("params"),
        aliases=alias_table,
        transaction_types=ttypes,
        read_options=read_options,
        rule_ids=rule or None,
    )
    if format == "json":
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n")
    else:
        sys.stdout.write(render_text(doc))
    return 0


@app.command()
@guarded
def inspect(
    path: Annotated[Path, typer.Argument(help="The file to look at.")],
    table: Annotated[
        str | None,
        typer.Option(help="allocations, abuse_records, country_status or sanctioned_entities."),
    ] = None,
    input_format: InputFormatOpt = None,
    sheet: SheetOpt = None,
    header_row: HeaderRowOpt = None,
    column_map: ColumnMapOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> int:
    """Show how a file is read (adapter, sheet, header row, column mapping, unreadable rows)
    without running any rule. Exit 0 when every row is readable, 1 when some are not."""
    import json

    from conditionality.inspect import inspect_file, render_inspect

    if table is not None and table not in TABLES:
        raise UsageError(f"--table {table!r}: use one of {', '.join(TABLES)}")
    kwargs: dict[str, Any] = {}
    if input_format:
        kwargs["input_format"] = input_format
    if sheet:
        kwargs["sheet"] = sheet
    if header_row:
        kwargs["header_row"] = header_row
    if column_map:
        kwargs["column_map"] = column_map
    report = inspect_file(path, table, **kwargs)
    if report.get("error"):
        raise InputError(str(report["error"]))
    if as_json:
        out.print_json(json.dumps(report, default=str))
    else:
        out.print(render_inspect(report), markup=False, highlight=False)
    return 1 if report.get("rows_rejected") else 0


@app.command()
@guarded
def template(
    out_path: Annotated[Path, typer.Option("--out", help="Workbook to write (.xlsx).")],
) -> int:
    """Write an input workbook for analysts: one sheet per table, notes and drop-downs."""
    from conditionality.template import write_template

    if out_path.suffix.lower() != ".xlsx":
        raise UsageError(f"--out {out_path}: the template is an .xlsx workbook")
    written = write_template(out_path)
    out.print(f"wrote {written}", markup=False, highlight=False)
    return 0


@app.command()
def version() -> None:
    """Print the version."""
    out.print(f"conditionality {__version__}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
