"""`conditionality inspect FILE`: what a reader makes of one file, without running rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from conditionality.readers import InputError, read_file
from conditionality.readers.registry import ADAPTERS, _load_builtin
from conditionality.schema import TABLES

MAX_SHOWN = 50


def guess_table(path: Path) -> str | None:
    """The canonical table a file holds: an adapter's table if one recognises the file, else
    the table whose column names its header row matches best."""
    _load_builtin()
    for adapter in ADAPTERS.values():
        try:
            if adapter.detect(path):
                return adapter.table
        except (OSError, ValueError, UnicodeDecodeError):
            continue
    from conditionality.adapters._common import peek_rows
    from conditionality.readers.native import column_lookup

    try:
        rows = peek_rows(path)
    except (OSError, ValueError):
        return None
    best, best_hits = None, 1
    for name, table in TABLES.items():
        lookup = column_lookup(table)
        required = {c.name for c in table.columns if c.header_required}
        for r in rows:
            hit_cols = {lookup[k] for k in r if k in lookup}
            hits = len(hit_cols) + 2 * len(hit_cols & required)
            if hits > best_hits:
                best, best_hits = name, hits
    return best


def inspect_file(path: str | Path, table_name: str | None = None, **read_kwargs: Any) -> dict:
    """Read `path` as `table_name` (guessed when None) and describe what happened.

    read_kwargs are those of `readers.read_file`: input_format, sheet, header_row, column_map,
    options. Returns a JSON-ready dict; an unreadable file gives {'error': ...}.
    """
    p = Path(path)
    out: dict[str, Any] = {"path": str(p), "table": table_name}
    if not p.exists():
        out["error"] = f"{p}: file not found"
        return out
    if table_name is None:
        fmt = read_kwargs.get("input_format")
        if fmt and fmt != "native":
            _load_builtin()
            if fmt in ADAPTERS:
                table_name = ADAPTERS[fmt].table
        table_name = table_name or guess_table(p)
        out["table_guessed"] = True
        if table_name is None:
            out["error"] = (
                f"{p}: cannot tell which table this file holds; name it with --table "
                f"({', '.join(TABLES)})"
            )
            return out
    out["table"] = table_name
    try:
        result = read_file(p, TABLES[table_name], **read_kwargs)
    except InputError as exc:
        out["error"] = str(exc)
        return out
    infos = [i.to_dict() for i in result.info]
    info = infos[0] if infos else {}
    rej = result.rejected
    if len(rej):  # real problems first, out-of-scope rows after
        scope = rej["reason"].astype("string").str.startswith("out of scope").fillna(False)
        rej = pd.concat([rej[~scope], rej[scope]], ignore_index=True)
    out.update(
        {
            "adapter": info.get("adapter"),
            "sheet": info.get("sheet"),
            "header_row": info.get("header_row"),
            "mapping": info.get("mapping", {}),
            "unmapped": info.get("unmapped", []),
            "rows_read": info.get("rows_read", 0),
            "rows_accepted": info.get("rows_accepted", 0),
            "rows_rejected": info.get("rows_rejected", 0),
            "rows_out_of_scope": info.get("rows_out_of_scope", 0),
            "dollars_read": info.get("dollars_read", 0.0),
            "dollars_accepted": info.get("dollars_accepted", 0.0),
            "dollars_rejected": info.get("dollars_rejected", 0.0),
            "dollars_by_transaction_type": info.get("dollars_by_transaction_type", {}),
            "notes": info.get("notes", []),
            "settings": info.get("settings", {}),
            "rejected_by_reason": _by_reason(rej),
            "rejected_cells": rej.head(MAX_SHOWN)
            .astype(object)
            .where(rej.head(MAX_SHOWN).notna(), None)
            .to_dict("records"),
            "rejected_cells_total": len(rej),
            "sample": _sample(result.table),
        }
    )
    return out


def _by_reason(rej: pd.DataFrame) -> dict[str, int]:
    if rej.empty:
        return {}
    general = rej["reason"].astype("string").str.replace(r" '[^']*'", " '…'", regex=True)
    return {str(k): int(v) for k, v in general.value_counts().items()}


def _sample(table: pd.DataFrame, n: int = 3) -> list[dict[str, Any]]:
    head = table.drop(columns=[c for c in table.columns if c.startswith("_")]).head(n)
    return [
        {k: (None if pd.isna(v) else str(v)) for k, v in r.items()} for r in head.to_dict("records")
    ]


def render_inspect(report: dict) -> str:
    """The inspect report as terminal text."""
    lines = [f"File:        {report['path']}"]
    if report.get("error"):
        lines.append(f"Table:       {report.get('table') or '?'}")
        lines.append(f"Error:       {report['error']}")
        return "\n".join(lines) + "\n"
    guessed = " (guessed from the headers)" if report.get("table_guessed") else ""
    lines += [
        f"Table:       {report['table']}{guessed}",
        f"Adapter:     {report['adapter']}",
        f"Sheet:       {report['sheet'] or '-'}",
        f"Header row:  {report['header_row'] or '-'}",
        "",
        "Column mapping (canonical <- source):",
    ]
    for col, src in report["mapping"].items():
        lines.append(f"  {col:<20} <- {src}")
    if report["unmapped"]:
        lines.append("Unmapped columns: " + ", ".join(map(str, report["unmapped"])))
    lines += [
        "",
        f"Rows: {report['rows_read']} read, {report['rows_accepted']} accepted, "
        f"{report['rows_rejected']} rejected ({report['rows_out_of_scope']} out of scope)",
    ]
    if report["dollars_read"]:
        lines.append(
            f"Dollars: {report['dollars_read']:,.2f} read, {report['dollars_accepted']:,.2f} "
            f"accepted, {report['dollars_rejected']:,.2f} rejected"
        )
        for kind, total in report["dollars_by_transaction_type"].items():
            lines.append(f"  {kind:<14} {total:,.2f}")
    for key, value in report["settings"].items():
        lines.append(f"Setting: {key} = {value}")
    for note in report["notes"]:
        lines.append(f"Note: {note}")
    if report["rejected_by_reason"]:
        lines += ["", "Rejected cells by reason:"]
        for reason, n in report["rejected_by_reason"].items():
            lines.append(f"  {n:>6}  {reason}")
        lines += [
            "",
            f"First rejected cells ({min(MAX_SHOWN, report['rejected_cells_total'])} of "
            f"{report['rejected_cells_total']}):",
        ]
        for c in report["rejected_cells"]:
            sheet = f"{c['sheet']}!" if c.get("sheet") else ""
            lines.append(f"  {sheet}row {c['row']} {c['column']}: {c['value']!r} - {c['reason']}")
    return "\n".join(lines) + "\n"
