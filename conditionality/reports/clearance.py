"""clearance.csv (--clearance): one compact row per evaluated allocation, clear ones included.

A clean result is provable from it without one row per (rule, allocation) pair: each row
names the rules evaluated for the allocation (with versions), the rules that could not be
evaluated, the findings it has, the versions of the lists and records it was checked against
(sha256 prefixes, 16 hex digits; whole in findings.json) and the rule pack's hash.
Allocations outside the checked transaction types are not evaluated and not listed
(findings.json's summary counts them as rows_out_of_scope).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from conditionality.api import CheckResult
from conditionality.reports import register
from conditionality.reports.safe import atomic_write_bytes, neutralize_frame, safe_target

FILE_NAME = "clearance.csv"
HASH_CHARS = 16  # sha256 prefixes: enough to tell versions apart; findings.json has them whole
EVIDENCE_TABLES = ("abuse_records", "country_status", "sanctioned_entities")
COLUMNS = [
    "allocation_id",
    "status",
    "rules_evaluated",
    "rules_not_evaluated",
    "findings",
    "lists",
    "rule_pack",
    "as_of",
    "amount_usd",
    "source_file",
    "source_sheet",
    "source_row",
]


def lists_used(result: CheckResult) -> str:
    """'abuse_records:<sha256 prefix>;country_status:...' ('+' between several files of a
    table; 'not supplied' when the run had none)."""
    parts = []
    for table in EVIDENCE_TABLES:
        shas = [str(i.sha256)[:HASH_CHARS] for i in result.inputs if i.table == table]
        parts.append(f"{table}:{'+'.join(dict.fromkeys(shas)) if shas else 'not supplied'}")
    return ";".join(parts)


def clearance_table(result: CheckResult) -> pd.DataFrame:
    alloc = result.allocations
    f = result.findings
    rules = [(r.id, r.version) for r in result.rules.rules]
    label = {rid: f"{rid} v{ver}" for rid, ver in rules}
    all_rules = ";".join(label[rid] for rid, _ in rules)

    ne = f[f["outcome"] == "not_evaluated"]
    ne_by_alloc = ne.groupby("allocation_id", sort=False)["rule_id"].agg(lambda s: set(s))
    evaluated: dict[str, str] = {}
    not_evaluated: dict[str, str] = {}
    for aid, missing in ne_by_alloc.items():
        evaluated[str(aid)] = ";".join(label[r] for r, _ in rules if r not in missing)
        not_evaluated[str(aid)] = ";".join(label.get(r, r) for r, _ in rules if r in missing)

    text = f["rule_id"].astype("string") + ":" + f["outcome"].astype("string")
    found = text.groupby(f["allocation_id"], sort=False).agg(";".join)
    rank = f["outcome"].map({"prohibited": 3, "restricted": 3, "review": 3, "not_evaluated": 2})
    rank = rank.fillna(1).groupby(f["allocation_id"], sort=False).max()

    ids = alloc["allocation_id"].astype("string")
    status_rank = ids.map(rank).fillna(0).astype(int)
    status = status_rank.map({3: "flagged", 2: "incomplete", 1: "clear_with_waiver", 0: "clear"})
    out = pd.DataFrame(
        {
            "allocation_id": ids,
            "status": status,
            "rules_evaluated": ids.map(evaluated).fillna(all_rules),
            "rules_not_evaluated": ids.map(not_evaluated).fillna(""),
            "findings": ids.map(found).fillna(""),
            "lists": lists_used(result),
            "rule_pack": str(result.run.get("rule_pack_sha256", ""))[:HASH_CHARS],
            "as_of": result.run.get("as_of", ""),
            "amount_usd": alloc["amount_usd"],
            "source_file": alloc["_file"],
            "source_sheet": alloc["_sheet"],
            "source_row": alloc["_row"],
        }
    )
    return out.reindex(columns=COLUMNS)


def write_clearance(result: CheckResult, out_dir: Path) -> Path:
    table = neutralize_frame(clearance_table(result))
    data = table.to_csv(index=False, lineterminator="\n").encode("utf-8")
    return atomic_write_bytes(safe_target(out_dir, FILE_NAME), data)


register("clearance", write_clearance)
