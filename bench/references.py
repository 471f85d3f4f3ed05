"""Reference implementations the engine is measured (and checked) against.

- `rowwise_leahy`: the Leahy check as a careful developer would first write it: a loop over
  allocations, the same name normalization, a dict of records per country.
- `duckdb_rules`: the exact-name Leahy join and the country-list rules (cspa, tvpa-tier3,
  coup-7008, faa-502b) written by hand in DuckDB SQL.

Both give (rule_id, allocation_id, outcome) rows. They implement the shipped rules with exact
name matching: the engine is compared with them on a pack whose Leahy rules match exactly
(bands high = review = 1.0; see `exact_pack`).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

LEAHY = {"leahy-state": "DOS", "leahy-dod": "DOD"}
GROSS = {"extrajudicial_killing", "torture", "enforced_disappearance", "rape"}
SEV = {"prohibited": 4, "restricted": 3, "review": 2, "waived": 1}
SEV_NAME = {v: k for k, v in SEV.items()}
LIST_RULES = ["coup-7008", "cspa", "faa-502b", "tvpa-tier3"]
EMERGENCY = re.compile(
    r"\b(disaster[ _-]?relief|humanitarian[ _-]?emergency|national[ _-]?security[ _-]?emergency)\b",
    re.IGNORECASE,
)
SECDEF = re.compile(r"\bsecdef[ _-]?waiver\b", re.IGNORECASE)


def exact_pack(folder: Path) -> Path:
    """A copy of the shipped rules whose Leahy rules match names exactly."""
    import yaml

    from conditionality.lang.loader import shipped_rules_dir

    src = Path(shipped_rules_dir())
    for f in src.glob("*.yaml"):
        if f.name.endswith(".test.yaml"):
            continue
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        if data["id"] in LEAHY:
            data["when"]["evidence"]["bands"] = {"high": 1.0, "review": 1.0}
        (folder / f.name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def name_keys(names: pd.Series) -> pd.Series:
    """The matcher's exact-match key of each name (normalized, tokens sorted)."""
    from conditionality.matching.normalize import profiles

    prof = profiles(names.dropna().astype("string"))
    return names.map(prof["key"].to_dict())


def _alloc_date(a: dict[str, Any]) -> pd.Timestamp | None:
    if pd.notna(a["start_date"]):
        return pd.Timestamp(a["start_date"])
    if pd.notna(a["fiscal_year"]):
        return pd.Timestamp(int(a["fiscal_year"]) - 1, 10, 1)
    return None


def _text(v: Any) -> str | None:
    return None if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).strip()


def rowwise_leahy(
    allocations: pd.DataFrame,
    records: pd.DataFrame,
    as_of: pd.Timestamp,
    timings: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Row-by-row Leahy (State and DoD) with exact normalized names; the loop a developer
    writes first. Names are normalized per allocation row, as such a loop does. `timings`
    receives the seconds spent indexing the records ('setup') and in the loop ('loop')."""
    import time

    from conditionality.matching.normalize import preclean, profile

    t0 = time.perf_counter()

    def key(name: str) -> str:
        return profile(str(preclean(pd.Series([name])).iloc[0])).key

    by_country: dict[str, list[dict[str, Any]]] = {}
    for rec in records.to_dict("records"):
        if _text(rec["perpetrator_name"]):
            rec["_key"] = key(rec["perpetrator_name"])
            by_country.setdefault(rec["country"], []).append(rec)
    t1 = time.perf_counter()
    out = []
    for a in allocations.to_dict("records"):
        for rule, wanted in LEAHY.items():
            # applies: False if a column says no, None (unknown) if one is blank
            tests = [
                (_text(a["agency"]), wanted),
                (_text(a["category"]), "security"),
                (_text(a["recipient_type"]), "security_force_unit"),
            ]
            if any(v is not None and v != w for v, w in tests):
                continue
            applies_known = all(v is not None for v, _ in tests)
            date = _alloc_date(a)
            if rule == "leahy-state" and (date is None or date < pd.Timestamp("2007-12-26")):
                continue
            name = _text(a["recipient_name"])
            if not name:
                out.append((rule, a["allocation_id"], "review"))
                continue
            k = key(name)
            limit = a["end_date"] if pd.notna(a["end_date"]) else as_of
            best = None
            for rec in by_country.get(a["recipient_country"], []):
                if rec["_key"] != k or rec["violation_type"] not in GROSS:
                    continue
                if pd.isna(rec["event_date"]) or rec["event_date"] > limit:
                    continue
                sev = 4 if rec["credibility"] in ("credible", "confirmed") else 2
                if rec["remediation"] == "remediated":
                    sev = min(sev, 1)
                best = sev if best is None else max(best, sev)
            if best is None:
                continue
            if not applies_known:
                out.append((rule, a["allocation_id"], "review"))
                continue
            exc = _text(a.get("legal_exception")) or ""
            if rule == "leahy-dod" and best > 1 and (EMERGENCY.search(exc) or SECDEF.search(exc)):
                best = 1
            out.append((rule, a["allocation_id"], SEV_NAME[best]))
    if timings is not None:
        timings["setup"] = t1 - t0
        timings["loop"] = time.perf_counter() - t1
    return pd.DataFrame(out, columns=["rule_id", "allocation_id", "outcome"])


LEAHY_SQL = """
WITH a AS (
  SELECT *, COALESCE(start_date, make_date(CAST(fiscal_year AS INTEGER) - 1, 10, 1)) AS d
  FROM alloc
), leahy AS (
  SELECT a.*, ak.key,
    CASE agency WHEN 'DOS' THEN 'leahy-state' ELSE 'leahy-dod' END AS rule_id
  FROM a LEFT JOIN alloc_keys ak ON ak.name = a.recipient_name
  WHERE agency IN ('DOS', 'DOD') AND (category IS NULL OR category = 'security')
    AND recipient_type = 'security_force_unit'
    AND (agency = 'DOD' OR d >= DATE '2007-12-26')
), hits AS (
  SELECT l.rule_id, l.allocation_id,
    max(CASE WHEN r.remediation = 'remediated' THEN 1
             WHEN r.credibility IN ('credible', 'confirmed') THEN 4 ELSE 2 END) AS sev
  FROM leahy l
  JOIN rec_keys r ON r.key = l.key AND r.country = l.recipient_country
  WHERE r.violation_type IN ('extrajudicial_killing', 'torture', 'enforced_disappearance',
                             'rape')
    AND r.event_date <= COALESCE(l.end_date, $as_of)
  GROUP BY 1, 2
)
SELECT l.rule_id, l.allocation_id,
  CASE
    WHEN l.recipient_name IS NULL OR trim(l.recipient_name) = '' THEN 'review'
    WHEN l.category IS NULL THEN 'review'
    WHEN h.sev > 1 AND l.rule_id = 'leahy-dod' AND (
      regexp_matches(lower(coalesce(l.legal_exception, '')), $emergency)
      OR regexp_matches(lower(coalesce(l.legal_exception, '')), '\\bsecdef[ _-]?waiver\\b'))
      THEN 'waived'
    ELSE CASE h.sev WHEN 4 THEN 'prohibited' WHEN 2 THEN 'review' ELSE 'waived' END
  END AS outcome
FROM leahy l LEFT JOIN hits h USING (rule_id, allocation_id)
WHERE h.sev IS NOT NULL OR l.recipient_name IS NULL OR trim(l.recipient_name) = ''
"""

LIST_SQL = """
WITH a AS (
  SELECT allocation_id, recipient_country AS country, lower(account) AS account, category,
    recipient_type,
    COALESCE(start_date, make_date(CAST(fiscal_year AS INTEGER) - 1, 10, 1)) AS d
  FROM alloc
), cspa AS (
  SELECT a.allocation_id, a.account,
    max(CASE WHEN s.waiver = 'full' THEN 1 WHEN s.waiver IN ('partial', 'unknown') THEN 2
             ELSE 4 END) AS sev
  FROM a JOIN status s ON s.list = 'cspa' AND s.country = a.country AND s.valid_from <= a.d
    AND (s.valid_to IS NULL OR a.d <= s.valid_to)
  WHERE a.account IS NULL OR a.account IN ('fmf', 'imet', 'pko', 'eda')
  GROUP BY 1, 2
), coup AS (
  SELECT a.allocation_id, a.recipient_type, a.category,
    max(CASE WHEN s.value = 'unverified' THEN 2 ELSE 4 END) AS sev
  FROM a JOIN status s ON s.list = 'coup' AND s.country = a.country AND s.valid_from <= a.d
    AND (s.valid_to IS NULL OR a.d <= s.valid_to)
  WHERE (a.recipient_type IS NULL OR a.recipient_type IN ('government', 'security_force_unit'))
    AND (a.category IS NULL OR a.category NOT IN ('democracy', 'humanitarian'))
  GROUP BY 1, 2, 3
), pts AS (
  SELECT a.allocation_id, a.category, s.value,
    row_number() OVER (PARTITION BY a.allocation_id ORDER BY s.valid_from DESC,
                       s.status_id DESC) AS rn
  FROM a LEFT JOIN status s ON s.list = 'pts' AND s.country = a.country
    AND s.valid_from <= a.d AND date_diff('day', COALESCE(s.valid_to, a.d), a.d) <= 730
  WHERE (a.category IS NULL OR a.category = 'security') AND a.d IS NOT NULL
), tip AS (
  SELECT a.allocation_id, a.category, a.recipient_type, s.value, s.waiver,
    row_number() OVER (PARTITION BY a.allocation_id ORDER BY s.valid_from DESC,
                       s.status_id DESC) AS rn
  FROM a LEFT JOIN status s ON s.list = 'tip_tier' AND s.country = a.country
    AND s.valid_from <= a.d AND (s.valid_to IS NULL OR a.d <= s.valid_to)
  WHERE (a.category IS NULL OR a.category <> 'humanitarian') AND a.d IS NOT NULL
)
SELECT 'cspa' AS rule_id, allocation_id,
  CASE WHEN account IS NULL THEN 'review' ELSE
    CASE sev WHEN 4 THEN 'prohibited' WHEN 2 THEN 'review' ELSE 'waived' END END AS outcome
FROM cspa
UNION ALL
SELECT 'coup-7008', allocation_id,
  CASE WHEN recipient_type IS NULL OR category IS NULL THEN 'review' ELSE
    CASE sev WHEN 4 THEN 'prohibited' ELSE 'review' END END
FROM coup
UNION ALL
SELECT 'faa-502b', allocation_id,
  CASE WHEN value IS NULL THEN 'not_evaluated' ELSE 'review' END
FROM pts WHERE rn = 1 AND (value IS NULL OR CAST(value AS DOUBLE) >= 4)
UNION ALL
SELECT 'tvpa-tier3', allocation_id,
  CASE
    WHEN value IS NULL THEN 'not_evaluated'
    WHEN category IS NULL THEN 'review'
    WHEN waiver = 'full' THEN 'waived'
    WHEN waiver IN ('partial', 'unknown') THEN 'review'
    WHEN recipient_type IS NOT NULL
         AND recipient_type NOT IN ('government', 'security_force_unit') THEN 'review'
    ELSE 'restricted'
  END
FROM tip WHERE rn = 1 AND (value IS NULL OR value = '3')
"""


def duckdb_connect(tables: dict[str, pd.DataFrame]) -> Any:
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.execute("SET memory_limit = '2GB'")
    for name, frame in tables.items():
        register(con, name, frame)
    return con


def register(con: Any, name: str, frame: pd.DataFrame) -> None:
    """Hand DuckDB an Arrow table (its zero-copy path)."""
    import pyarrow as pa

    con.register(name, pa.Table.from_pandas(frame, preserve_index=False))


def duckdb_leahy(con: Any, allocations: pd.DataFrame, records: pd.DataFrame, as_of: Any) -> Any:
    """Exact-name Leahy in SQL. Names are normalized once per distinct name (the same
    normalization) and joined as key tables."""
    names = pd.Series(allocations["recipient_name"].dropna().unique())
    ak = pd.DataFrame({"name": names, "key": name_keys(names)})
    register(con, "alloc_keys", ak[ak["key"].fillna("").ne("")])  # an empty key matches nothing
    cols = ["record_id", "country", "perpetrator_name", "violation_type", "event_date"]
    rk = records[[*cols, "credibility", "remediation"]].dropna(subset=["perpetrator_name"])
    distinct = pd.Series(rk["perpetrator_name"].unique())
    keys = dict(zip(distinct, name_keys(distinct), strict=True))
    rk = rk.assign(key=rk["perpetrator_name"].map(keys))
    register(con, "rec_keys", rk[rk["key"].fillna("").ne("")])  # the records, with their key
    params = {"as_of": pd.Timestamp(as_of).date(), "emergency": EMERGENCY.pattern}
    return con.execute(LEAHY_SQL, params).df()


def duckdb_lists(con: Any) -> Any:
    return con.execute(LIST_SQL).df()


def sql_inputs(allocations: pd.DataFrame, status: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The engine's checked allocations and list rows, as plain columns for SQL."""
    cols = [
        "allocation_id",
        "fiscal_year",
        "agency",
        "account",
        "recipient_country",
        "recipient_name",
        "recipient_type",
        "category",
        "start_date",
        "end_date",
        "legal_exception",
    ]
    alloc = allocations[cols].copy()
    alloc["fiscal_year"] = alloc["fiscal_year"].astype("float64")
    st = status.copy()
    st["list"] = st["list"].astype("string").str.casefold()
    return {"alloc": alloc, "status": st}


def engine_subset(findings: pd.DataFrame, rules: list[str]) -> pd.DataFrame:
    f = findings[findings["rule_id"].isin(rules)]
    return normalize(f[["rule_id", "allocation_id", "outcome"]])


def normalize(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.astype({"rule_id": str, "allocation_id": str, "outcome": str})
    return out.sort_values(["rule_id", "allocation_id"]).reset_index(drop=True)


def same(a: pd.DataFrame, b: pd.DataFrame) -> tuple[bool, str]:
    """Whether two finding sets agree; a short description of the difference if not."""
    a, b = normalize(a), normalize(b)
    m = a.merge(b, on=["rule_id", "allocation_id"], how="outer", indicator=True)
    only_a = m[m["_merge"] == "left_only"]
    only_b = m[m["_merge"] == "right_only"]
    both = m[m["_merge"] == "both"]
    diff = both[both["outcome_x"] != both["outcome_y"]]
    if only_a.empty and only_b.empty and diff.empty:
        return True, f"{len(a)} findings agree"
    return False, (
        f"{len(only_a)} only in the first, {len(only_b)} only in the second, "
        f"{len(diff)} with another outcome; e.g. "
        + "; ".join(
            f"{r.rule_id} {r.allocation_id} {r.outcome_x}/{r.outcome_y}"
            for r in pd.concat([only_a, only_b, diff]).head(5).itertuples()
        )
    )


def temp_exact_pack() -> Path:
    return exact_pack(Path(tempfile.mkdtemp(prefix="exact-pack-")))
