"""`conditionality diff OLD.json NEW.json`: what changed between two runs.

Findings are matched by id (rule id and allocation id) and sorted into new, resolved,
changed (outcome, evidence record ids, amount, rule version) and unchanged. Changes of the
rule pack (rule versions, the pack's sha256) and of the reference lists and evidence files
(country_status, abuse_records, sanctioned_entities: their sha256) are reported apart from
changes in the allocation data, so a reader can tell why findings moved.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conditionality.review.errors import ReportReadError  # noqa: F401 (re-exported)

REFERENCE_TABLES = ("country_status", "abuse_records", "sanctioned_entities")
DATA_TABLES = ("allocations",)


def load_report(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportReadError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ReportReadError(f"{path}: not a readable findings.json ({exc})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise ReportReadError(f"{path}: not a findings.json (no 'findings' list)")
    return doc


def _evidence_ids(f: dict[str, Any]) -> list[str]:
    return sorted({f"{e.get('dataset')}:{e.get('record_id')}" for e in f.get("evidence") or []})


def _amount(f: dict[str, Any]) -> float | None:
    value = (f.get("allocation") or {}).get("amount_usd")
    return None if value is None else round(float(value), 2)


def _decision(f: dict[str, Any]) -> str | None:
    d = f.get("decision")
    if not d:
        return None
    return str(d.get("status")) + (" (stale)" if d.get("stale") else "")


def _brief(f: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f.get("id"),
        "rule_id": f.get("rule_id"),
        "allocation_id": f.get("allocation_id"),
        "outcome": f.get("outcome"),
        "amount_usd": _amount(f),
        "evidence_ids": _evidence_ids(f),
        "decision": _decision(f),
    }


def _finding_changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if old.get("outcome") != new.get("outcome"):
        changes["outcome"] = {"old": old.get("outcome"), "new": new.get("outcome")}
    ev_old, ev_new = set(_evidence_ids(old)), set(_evidence_ids(new))
    if ev_old != ev_new:
        changes["evidence"] = {
            "added": sorted(ev_new - ev_old),
            "removed": sorted(ev_old - ev_new),
        }
    if _amount(old) != _amount(new):
        changes["amount"] = {"old": _amount(old), "new": _amount(new)}
    if old.get("rule_version") != new.get("rule_version"):
        changes["rule_version"] = {"old": old.get("rule_version"), "new": new.get("rule_version")}
    return changes


def _rule_pack(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    ro, rn = old.get("run") or {}, new.get("run") or {}
    vo = {r["id"]: r.get("version") for r in ro.get("rules", [])}
    vn = {r["id"]: r.get("version") for r in rn.get("rules", [])}
    return {
        "changed": ro.get("rule_pack_sha256") != rn.get("rule_pack_sha256"),
        "sha256": {"old": ro.get("rule_pack_sha256"), "new": rn.get("rule_pack_sha256")},
        "rules_added": sorted(set(vn) - set(vo)),
        "rules_removed": sorted(set(vo) - set(vn)),
        "versions_changed": [
            {"rule_id": k, "old": vo[k], "new": vn[k]}
            for k in sorted(set(vo) & set(vn))
            if vo[k] != vn[k]
        ],
    }


def _inputs(old: dict[str, Any], new: dict[str, Any], tables: tuple[str, ...]) -> list[Any]:
    """Per table whose files changed: the old and new (path, sha256)."""

    def files(doc: dict[str, Any], table: str) -> list[dict[str, Any]]:
        return sorted(
            (
                {"path": i.get("path"), "sha256": i.get("sha256")}
                for i in (doc.get("run") or {}).get("inputs", [])
                if i.get("table") == table
            ),
            key=lambda i: (str(i["sha256"]), str(i["path"])),
        )

    out = []
    for table in tables:
        fo, fn = files(old, table), files(new, table)
        if [i["sha256"] for i in fo] != [i["sha256"] for i in fn]:
            out.append({"table": table, "old": fo, "new": fn})
    return out


def diff_reports(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The comparison of two findings.json documents (JSON-ready)."""
    fo = {f["id"]: f for f in old["findings"]}
    fn = {f["id"]: f for f in new["findings"]}
    changed, unchanged, decisions = [], [], []
    for fid in sorted(set(fo) & set(fn)):
        c = _finding_changes(fo[fid], fn[fid])
        if c:
            changed.append({**_brief(fn[fid]), "changes": c})
        else:
            unchanged.append(fid)
        if _decision(fo[fid]) != _decision(fn[fid]):
            decisions.append({"id": fid, "old": _decision(fo[fid]), "new": _decision(fn[fid])})
    pack = _rule_pack(old, new)
    moved_rules = {v["rule_id"] for v in pack["versions_changed"]}
    moved_rules |= set(pack["rules_added"]) | set(pack["rules_removed"])
    new_f = [_brief(fn[i]) for i in sorted(set(fn) - set(fo))]
    resolved = [_brief(fo[i]) for i in sorted(set(fo) - set(fn))]
    for item in (*new_f, *resolved, *changed):
        item["rule_changed"] = item["rule_id"] in moved_rules
    ro, rn = old.get("run") or {}, new.get("run") or {}
    return {
        "old": {"as_of": ro.get("as_of"), "run_at": ro.get("run_at")},
        "new": {"as_of": rn.get("as_of"), "run_at": rn.get("run_at")},
        "counts": {
            "new": len(new_f),
            "resolved": len(resolved),
            "changed": len(changed),
            "unchanged": len(unchanged),
        },
        "rule_pack": pack,
        "reference_changes": _inputs(old, new, REFERENCE_TABLES),
        "data_changes": _inputs(old, new, DATA_TABLES),
        "as_of_changed": ro.get("as_of") != rn.get("as_of"),
        "findings": {
            "new": new_f,
            "resolved": resolved,
            "changed": changed,
            "unchanged": unchanged,
        },
        "decision_changes": decisions,
    }


def _line(item: dict[str, Any]) -> str:
    ev = ", ".join(item["evidence_ids"]) or "no evidence records"
    amount = "" if item["amount_usd"] is None else f" ${item['amount_usd']:,.2f}"
    dec = f" [decision: {item['decision']}]" if item.get("decision") else ""
    why = " (its rule changed)" if item.get("rule_changed") else ""
    return f"  {item['id']}: {item['outcome']}{amount}; {ev}{dec}{why}"


def render_text(d: dict[str, Any]) -> str:
    out: list[str] = []
    c = d["counts"]
    out.append(
        f"findings: {c['new']} new, {c['resolved']} resolved, {c['changed']} changed, "
        f"{c['unchanged']} unchanged"
    )
    out.append("")
    out.append("Rule pack:")
    pack = d["rule_pack"]
    if not pack["changed"]:
        out.append("  unchanged")
    else:
        out.append(f"  sha256 {pack['sha256']['old']} -> {pack['sha256']['new']}")
        for v in pack["versions_changed"]:
            out.append(f"  {v['rule_id']}: version {v['old']} -> {v['new']}")
        for r in pack["rules_added"]:
            out.append(f"  {r}: added")
        for r in pack["rules_removed"]:
            out.append(f"  {r}: removed")
    for title, key in (("Reference lists and evidence", "reference_changes"),
                       ("Allocation data", "data_changes")):  # fmt: skip
        out.append(f"{title}:")
        if not d[key]:
            out.append("  unchanged")
        for t in d[key]:
            old = ", ".join(f"{i['path']} ({str(i['sha256'])[:12]})" for i in t["old"]) or "-"
            new = ", ".join(f"{i['path']} ({str(i['sha256'])[:12]})" for i in t["new"]) or "-"
            out.append(f"  {t['table']}: {old} -> {new}")
    if d["as_of_changed"]:
        out.append(f"As-of date: {d['old']['as_of']} -> {d['new']['as_of']}")
    f = d["findings"]
    if f["new"]:
        out += ["", "New findings:", *(_line(i) for i in f["new"])]
    if f["resolved"]:
        out += ["", "Resolved findings (no longer flagged):", *(_line(i) for i in f["resolved"])]
    if f["changed"]:
        out += ["", "Changed findings:"]
        for item in f["changed"]:
            parts = []
            ch = item["changes"]
            if "outcome" in ch:
                parts.append(f"outcome {ch['outcome']['old']} -> {ch['outcome']['new']}")
            if "evidence" in ch:
                e = ch["evidence"]
                bits = [f"+{x}" for x in e["added"]] + [f"-{x}" for x in e["removed"]]
                parts.append("evidence " + " ".join(bits))
            if "amount" in ch:
                parts.append(f"amount {ch['amount']['old']} -> {ch['amount']['new']}")
            if "rule_version" in ch:
                rv = ch["rule_version"]
                parts.append(f"rule version {rv['old']} -> {rv['new']}")
            dec = f" [decision: {item['decision']}]" if item.get("decision") else ""
            out.append(f"  {item['id']}: " + "; ".join(parts) + dec)
    if d["decision_changes"]:
        out += ["", "Decisions:"]
        for x in d["decision_changes"]:
            out.append(f"  {x['id']}: {x['old'] or 'none'} -> {x['new'] or 'none'}")
    return "\n".join(out) + "\n"
