"""`conditionality review import REPORT.xlsx`: reviewers' decisions from the Excel report
into the decisions file.

The Flags sheet is read by header name (row 1), never by position: "Finding ID", "Rule
version", "Evidence fingerprint", "Decision", "Reason", "Reviewer" are required; "Outcome",
"Amount (USD)", "Decision date", "Expires" and "Second approver" are used when present.
A row with a Decision needs a Reason and a Reviewer; a row with a Reason or a Reviewer but
no Decision is incomplete too. Any incomplete or invalid row refuses the whole import.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from conditionality.review.decisions import (
    STATUSES,
    Decision,
    DecisionsError,
    DecisionsFile,
    load_decisions,
    save_decisions,
)
from conditionality.review.errors import WorkbookError  # noqa: F401 (re-exported)

SHEET = "Flags"
REQUIRED = ("Finding ID", "Rule version", "Evidence fingerprint", "Decision", "Reason", "Reviewer")
OPTIONAL = ("Outcome", "Amount (USD)", "Decision date", "Expires", "Second approver")


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rows_without_decision: int = 0
    path: Path | None = None


def _key(header: Any) -> str:
    return " ".join(str(header).split()).casefold() if header is not None else ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # the report neutralizes text a spreadsheet would run as a formula with an apostrophe
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    return _text(value) or None


def _amount(value: Any) -> float | None:
    try:
        return float(str(value).replace(",", "").replace("$", "")) if value is not None else None
    except ValueError:
        return None


def read_flags(path: Path) -> tuple[list[dict[str, Any]], str]:
    """The rows of the Flags sheet as {header: value} dicts with their sheet row numbers."""
    from openpyxl import load_workbook

    if not path.is_file():
        raise WorkbookError(f"{path}: no such file")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise WorkbookError(f"{path}: cannot read the workbook ({exc})") from None
    try:
        names = {n.casefold(): n for n in wb.sheetnames}
        if SHEET.casefold() not in names:
            raise WorkbookError(
                f"{path}: no sheet named {SHEET!r} (sheets: {', '.join(wb.sheetnames)}); "
                "import the report.xlsx that `conditionality check --format xlsx` wrote"
            )
        ws = wb[names[SHEET.casefold()]]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None) or ()
        cols: dict[str, int] = {}
        for i, h in enumerate(header):
            cols.setdefault(_key(h), i)
        missing = [h for h in REQUIRED if _key(h) not in cols]
        if missing:
            raise WorkbookError(
                f"{path}, sheet {SHEET}: row 1 has no column headed "
                + ", ".join(repr(m) for m in missing)
            )
        wanted = [h for h in (*REQUIRED, *OPTIONAL) if _key(h) in cols]
        out = []
        for n, row in enumerate(rows, start=2):
            values = {h: (row[cols[_key(h)]] if cols[_key(h)] < len(row) else None) for h in wanted}
            if all(v is None or _text(v) == "" for v in values.values()):
                continue
            values["_row"] = n
            out.append(values)
        return out, ws.title
    finally:
        wb.close()


def _findings_json(path: Path | None) -> dict[str, dict[str, Any]]:
    """Finding id -> finding of a findings.json (to record evidence ids), {} if absent."""
    if path is None or not path.is_file():
        return {}
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return {f["id"]: f for f in doc.get("findings", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def decisions_from_workbook(
    path: Path, *, today: dt.date, findings_json: Path | None = None
) -> tuple[list[Decision], int]:
    """The decisions filled in a report (and how many rows had none). Raises DecisionsError
    listing every incomplete or invalid row."""
    rows, sheet = read_flags(path)
    known = _findings_json(findings_json)
    problems: list[str] = []
    decisions: list[Decision] = []
    skipped = 0
    seen: dict[str, int] = {}
    for r in rows:
        fid = _text(r["Finding ID"])
        where = f"{path}, sheet {sheet}, row {r['_row']}" + (f" ({fid})" if fid else "")
        status = _text(r["Decision"])
        reason, reviewer = _text(r["Reason"]), _text(r["Reviewer"])
        if not status:
            if reason or reviewer:
                problems.append(f"{where}: a Reason or Reviewer is filled but no Decision")
            else:
                skipped += 1
            continue
        if status not in STATUSES:
            problems.append(
                f"{where}: unknown Decision {status!r}; use one of {', '.join(STATUSES)}"
            )
            continue
        missing = [name for name, v in (("Reason", reason), ("Reviewer", reviewer)) if not v]
        if missing:
            problems.append(f"{where}: Decision {status!r} needs a {' and a '.join(missing)}")
            continue
        if not fid:
            problems.append(f"{where}: no Finding ID")
            continue
        blank = [h for h in ("Rule version", "Evidence fingerprint") if not _text(r[h])]
        if blank:
            problems.append(
                f"{where}: the {' and '.join(blank)} cell is blank; it comes from the report "
                "and records what the decision was about"
            )
            continue
        if fid in seen:
            problems.append(f"{where}: {fid} also has a decision in row {seen[fid]}")
            continue
        seen[fid] = r["_row"]
        data: dict[str, Any] = {
            "finding_id": fid,
            "status": status,
            "reason": reason,
            "reviewer": reviewer,
            "date": _date(r.get("Decision date")) or today,
            "expires": _date(r.get("Expires")),
            "second_approver": _text(r.get("Second approver")) or None,
            "rule_version": _text(r["Rule version"]) or None,
            "evidence_fingerprint": _text(r["Evidence fingerprint"]) or None,
            "outcome": _text(r.get("Outcome")) or None,
            "amount_usd": _amount(r.get("Amount (USD)")),
        }
        finding = known.get(fid)
        if finding and finding.get("evidence_fingerprint") == data["evidence_fingerprint"]:
            data["evidence_ids"] = sorted(
                {f"{e['dataset']}:{e['record_id']}" for e in finding.get("evidence", [])}
            )
        try:
            decisions.append(Decision.model_validate(data))
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(p) for p in err["loc"]) or "entry"
                msg = str(err["msg"]).removeprefix("Value error, ")
                if err["type"] == "missing":
                    msg = "is blank"
                problems.append(f"{where}: {loc} {msg}")
    if problems:
        raise DecisionsError(
            f"{len(problems)} incomplete or invalid decision(s); nothing was imported:\n"
            + "\n".join(problems)
        )
    return decisions, skipped


def import_decisions(
    workbook: Path,
    decisions_path: Path,
    *,
    today: dt.date | None = None,
    findings_json: Path | None = None,
) -> ImportResult:
    """Merge the decisions of a filled-in report into the decisions file (created if absent):
    a finding's new decision replaces its old one; other entries are kept."""
    day = today or dt.date.today()
    if findings_json is None:
        beside = workbook.parent / "findings.json"
        findings_json = beside if beside.is_file() else None
    new, skipped = decisions_from_workbook(workbook, today=day, findings_json=findings_json)
    current = load_decisions(decisions_path) if decisions_path.exists() else DecisionsFile()
    by_id = current.by_id()
    result = ImportResult(rows_without_decision=skipped, path=decisions_path)
    for d in new:
        old = by_id.get(d.finding_id)
        if old is None:
            result.added.append(d.finding_id)
        elif _same(old, d):
            result.unchanged.append(d.finding_id)
            continue
        else:
            result.updated.append(d.finding_id)
        by_id[d.finding_id] = d
    save_decisions(
        DecisionsFile(version=current.version, decisions=list(by_id.values())), decisions_path
    )
    return result


def _same(a: Decision, b: Decision) -> bool:
    """The same decision, whatever day it was imported."""
    skip = {"date"}
    return a.model_dump(exclude=skip) == b.model_dump(exclude=skip)
