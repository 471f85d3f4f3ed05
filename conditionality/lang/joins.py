"""Condition types that join allocations to evidence: dated country lists and named records.

Each returns a nullable boolean per allocation and, for the allocations where it holds,
records the evidence rows it used (`RuleState.hits`), so a finding can cite them.
Joins run on distinct (country, date) or distinct names, not on row pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator

from conditionality.lang.conditions import Condition, condition_type
from conditionality.lang.operators import BOOL, OPERATORS
from conditionality.lang.scope import ALLOC_PREFIX, Scope
from conditionality.matching import Bands, match_names

if TYPE_CHECKING:
    from conditionality.lang.conditions import ConditionNode

HIT_COLUMNS = ["_alloc", "dataset", "record_id", "_where"]


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


def _record_hits(scope: Scope, hits: pd.DataFrame) -> None:
    if scope.state.collect and len(hits):
        scope.state.hits.append(hits)


@dataclass
class DateKeys:
    """Each allocation's (country, date) as a code into the distinct keys."""

    alloc: pd.Index  # allocation labels
    codes: np.ndarray  # per allocation: position in `keys`, -1 where country or date is blank
    keys: pd.DataFrame  # distinct country, date (with `_key` = position)
    dates: np.ndarray  # per allocation: its date

    def segments(self, rows: pd.DataFrame, ends: list[pd.Series]) -> DateKeys:
        """Fold the keys into segments of time in which no list row starts or ends: within
        one, every condition on the list rows gives the same answer, so each segment is
        evaluated once, at its earliest date. `ends` are further boundaries (a day after
        each row stops counting)."""
        bounds = pd.concat(
            [
                pd.DataFrame({"country": rows["country"].astype("string"), "b": b})
                for b in [rows["valid_from"], *ends]
            ],
            ignore_index=True,
        ).dropna()
        bounds = bounds.drop_duplicates().sort_values("b")
        keys = self.keys.sort_values("date")
        seg = pd.merge_asof(
            keys.astype({"date": "datetime64[ns]"}),
            bounds.astype({"b": "datetime64[ns]"}),
            left_on="date",
            right_on="b",
            by="country",
            direction="backward",
        )
        seg = seg.assign(b=seg["b"].fillna(pd.Timestamp.min))
        seg_codes, _ = pd.factorize(pd.MultiIndex.from_frame(seg[["country", "b"]]))
        seg = seg.assign(_seg=seg_codes)
        reps = seg.groupby("_seg", sort=True).agg(
            country=("country", "first"), date=("date", "min")
        )
        reps = reps.reset_index().rename(columns={"_seg": "_key"})
        key_to_seg = np.empty(len(self.keys), dtype="int64")
        key_to_seg[seg["_key"].to_numpy()] = seg["_seg"].to_numpy()
        codes = np.where(self.codes < 0, -1, key_to_seg[np.where(self.codes < 0, 0, self.codes)])
        return DateKeys(self.alloc, codes, reps, self.dates)


def _distinct_dates(scope: Scope) -> DateKeys:
    f = scope.frame
    country = f["recipient_country"].astype("string")
    date = pd.to_datetime(f["allocation_date"])
    c_codes, c_uniques = pd.factorize(country, use_na_sentinel=True)
    days = date.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype("int64")
    blank = (c_codes < 0) | date.isna().to_numpy()
    combined = np.where(blank, -1, c_codes.astype("int64") * 4_000_000 + (days + 2_000_000))
    codes, uniques = pd.factorize(combined)
    if blank.any():  # the sentinel -1 became a code of its own: make it -1 again
        sentinel = int(np.flatnonzero(np.asarray(uniques) == -1)[0])
        keep = np.asarray(uniques) != -1
        remap = np.cumsum(keep) - 1
        codes = np.where(codes == sentinel, -1, remap[codes])
        uniques = np.asarray(uniques)[keep]
    uniques = np.asarray(uniques, dtype="int64")
    keys = pd.DataFrame(
        {
            "country": pd.Series(np.asarray(c_uniques, dtype=object)[uniques // 4_000_000]).astype(
                "string"
            ),
            "date": pd.to_datetime(
                (uniques % 4_000_000 - 2_000_000).astype("datetime64[D]")
            ).astype("datetime64[ns]"),
            "_key": np.arange(len(uniques)),
        }
    )
    return DateKeys(f.index, np.asarray(codes, dtype="int64"), keys, date.to_numpy())


def _per_allocation(dk: DateKeys, per_key: np.ndarray, fill: Any) -> np.ndarray:
    """Spread a per-key array to allocations (fill where the key is blank)."""
    out = np.asarray(per_key)[np.where(dk.codes < 0, 0, dk.codes)] if len(per_key) else None
    if out is None:
        return np.full(len(dk.codes), fill, dtype=object)
    out = out.astype(object) if fill is None or fill is pd.NA else out
    out[dk.codes < 0] = fill
    return out


def _key_hits(dk: DateKeys, pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per (allocation, matching list row): `pairs` carries `_key`."""
    has = dk.codes >= 0
    alloc = pd.DataFrame({"_alloc": dk.alloc[has], "_key": dk.codes[has], "_d": dk.dates[has]})
    alloc = alloc[np.isin(alloc["_key"].to_numpy(), pairs["_key"].to_numpy())]
    hits = alloc.merge(pairs, on="_key").drop(columns=["_key"])
    # the allocation's own date, not the date its time segment was evaluated at
    return hits.assign(date=hits["_d"].astype("datetime64[ns]")).drop(columns=["_d"])


def _list_rows(scope: Scope, name: str) -> pd.DataFrame | None:
    status = scope.run.tables.get("country_status")
    if status is None:
        return None
    key = ("list_rows", name)
    if key not in scope.run.cache:
        picked = status[status["list"].astype("string").str.casefold() == name.casefold()]
        scope.run.cache[key] = picked.assign(
            valid_from=pd.to_datetime(picked["valid_from"]),
            valid_to=pd.to_datetime(picked["valid_to"]),
        ).reset_index(drop=True)
    rows: pd.DataFrame = scope.run.cache[key]
    return rows


def _not_evaluated_all(scope: Scope, reason: str) -> pd.Series:
    mask = pd.Series(True, index=scope.frame.index)
    scope.state.mark_not_evaluated(mask, reason)
    return pd.Series(pd.NA, index=scope.frame.index, dtype=BOOL)


class InListSpec(Spec):
    list_: str = Field(alias="list")
    values: list[str] | None = None


@condition_type
class InList(Condition):
    """The allocation's country is on a dated membership list (cspa, coup, sst, ...) at the
    allocation's date. A country absent from the list is not listed; a list with no rows at
    all in the supplied country_status cannot be evaluated. `values` limits which list values
    count. Evidence: the list row, with its `value`, `waiver` and `source`."""

    key: ClassVar[str] = "in_list"
    example: ClassVar[str] = "in_list: {list: cspa}"
    in_list: InListSpec

    def columns(self) -> set[str]:
        return {"recipient_country", "allocation_date"}

    def evaluate(self, scope: Scope) -> pd.Series:
        rows = _list_rows(scope, self.in_list.list_)
        if rows is None:
            return _not_evaluated_all(scope, "no country_status table supplied")
        if rows.empty:
            return _not_evaluated_all(
                scope, f"country_status has no rows for list '{self.in_list.list_}'"
            )
        one_day = pd.Timedelta(days=1)
        dk = _distinct_dates(scope).segments(rows, [rows["valid_to"] + one_day])
        pairs = dk.keys.merge(rows, on="country")
        within = (pairs["valid_from"] <= pairs["date"]) & (
            pairs["valid_to"].isna() | (pairs["date"] <= pairs["valid_to"])
        )
        if self.in_list.values is not None:
            wanted = [v.casefold() for v in self.in_list.values]
            within &= pairs["value"].astype("string").str.casefold().isin(wanted).fillna(False)
        pairs = pairs[within.to_numpy(dtype=bool)]
        listed_key = np.zeros(len(dk.keys), dtype=bool)
        listed_key[pairs["_key"].to_numpy()] = True
        listed = _per_allocation(dk, listed_key, False).astype(bool)
        result = pd.Series(listed, index=scope.frame.index).astype(BOOL)
        result = result.mask(pd.Series(dk.codes < 0, index=scope.frame.index), pd.NA)
        _record_hits(scope, _status_hits(_key_hits(dk, pairs)))
        return result


def _status_hits(hits: pd.DataFrame) -> pd.DataFrame:
    return hits.assign(dataset="country_status", record_id=hits["status_id"], _where="true")


class ListValueSpec(Spec):
    list_: str = Field(alias="list")
    op: str
    value: Any = None
    latest: bool = False
    max_age_days: int | None = Field(default=None, ge=1)

    @field_validator("op")
    @classmethod
    def _known_op(cls, op: str) -> str:
        if op not in OPERATORS:
            raise ValueError(f"unknown operator {op!r}")
        return op


@condition_type
class ListValue(Condition):
    """Compare the value a dated value list (tip_tier, pts, ...) gives the allocation's country
    at the allocation's date. With `latest: true` the most recent value on or before the date
    counts (optionally no older than `max_age_days` after its period ended). No value for the
    country and date means the rule is not evaluated for that allocation, never a pass."""

    key: ClassVar[str] = "list_value"
    example: ClassVar[str] = "list_value: {list: pts, op: ge, value: 4, latest: true}"
    list_value: ListValueSpec

    def columns(self) -> set[str]:
        return {"recipient_country", "allocation_date"}

    def evaluate(self, scope: Scope) -> pd.Series:
        spec = self.list_value
        rows = _list_rows(scope, spec.list_)
        if rows is None:
            return _not_evaluated_all(scope, "no country_status table supplied")
        one_day = pd.Timedelta(days=1)
        ends = [rows["valid_to"] + one_day]
        if spec.latest and spec.max_age_days is not None:
            ends.append(rows["valid_to"] + pd.Timedelta(days=spec.max_age_days) + one_day)
        dk = _distinct_dates(scope).segments(rows, ends)
        index = scope.frame.index
        pairs = dk.keys.merge(rows, on="country")
        started = pairs["valid_from"] <= pairs["date"]
        if spec.latest:
            ok = started
            if spec.max_age_days is not None:
                end = pairs["valid_to"].fillna(pairs["date"])
                ok &= (pairs["date"] - end).dt.days <= spec.max_age_days
        else:
            ok = started & (pairs["valid_to"].isna() | (pairs["date"] <= pairs["valid_to"]))
        pairs = pairs[ok.to_numpy(dtype=bool)].sort_values(["valid_from", "status_id"])
        pairs = pairs.drop_duplicates(["country", "date"], keep="last")
        values = pairs["value"].astype("string")
        if spec.op in ("gt", "ge", "lt", "le", "between"):
            values = pd.to_numeric(values, errors="coerce")
        pairs = pairs.assign(
            _ok=OPERATORS[spec.op].func(values.reset_index(drop=True), spec.value).to_numpy()
        )
        # per key: 1 true, 0 false, -1 unknown (a value the operator cannot compare), -2 none
        state = np.full(len(dk.keys), -2, dtype="int8")
        okv = pairs["_ok"].astype(BOOL)
        state[pairs["_key"].to_numpy()] = np.where(
            okv.isna().to_numpy(), -1, okv.fillna(False).to_numpy(dtype=bool).astype("int8")
        )
        per = _per_allocation(dk, state, -2).astype("int8")
        result = pd.Series(pd.array(per == 1, dtype=BOOL), index=index)
        result = result.mask(pd.Series(per < 0, index=index), pd.NA)
        missing = (per == -2) & (dk.codes >= 0)
        if missing.any():
            when = "on or before" if spec.latest else "on"
            country = dk.keys["country"].astype("string").to_numpy(dtype=object)
            day = pd.Series(dk.dates[missing]).dt.strftime("%Y-%m-%d").fillna("?")
            text = (
                f"no {spec.list_} value for "
                + pd.Series(country[dk.codes[missing]], dtype="string").fillna("?")
                + f" {when} "
                + day.astype("string")
            )
            reason = pd.Series(text.to_numpy(), index=index[missing], dtype="string")
            scope.state.mark_not_evaluated(pd.Series(missing, index=index), reason)
        hit_pairs = pairs[pairs["_ok"].astype(BOOL).fillna(False).to_numpy(dtype=bool)]
        _record_hits(scope, _status_hits(_key_hits(dk, hit_pairs.drop(columns=["_ok"]))))
        return result


@dataclass(frozen=True)
class EvidenceSource:
    """How a canonical evidence table offers names for matching."""

    id_col: str
    name_col: str
    alias_col: str | None
    parent_col: str | None
    country_col: str
    blank_country_is_any: bool


EVIDENCE_SOURCES: dict[str, EvidenceSource] = {
    "abuse_records": EvidenceSource(
        "record_id", "perpetrator_name", None, "perpetrator_parent", "country", False
    ),
    "sanctioned_entities": EvidenceSource("entity_id", "name", "aliases", None, "country", True),
}

MATCH_FIELDS = [
    "score",
    "band",
    "relation",
    "query_name",
    "candidate_name",
    "query_norm",
    "candidate_norm",
    "features",
    "explanation",
]


class BandsSpec(Spec):
    high: float = Field(default=Bands().high, gt=0, le=1)
    review: float = Field(default=Bands().review, gt=0, le=1)


class EvidenceSpec(Spec):
    dataset: str
    where: ConditionNode | None = None
    bands: BandsSpec = BandsSpec()

    @field_validator("dataset")
    @classmethod
    def _known_dataset(cls, name: str) -> str:
        if name not in EVIDENCE_SOURCES:
            raise ValueError(f"unknown dataset {name!r}; known: {', '.join(EVIDENCE_SOURCES)}")
        return name


def _with_allocation(hits: pd.DataFrame, f: pd.DataFrame) -> pd.DataFrame:
    """Cited pairs carry every allocation column as `allocation.X` (grades, exceptions and
    explanations read them); only the cited pairs, so the cost follows the evidence."""
    missing = [c for c in f.columns if ALLOC_PREFIX + str(c) not in hits]
    if not missing or hits.empty:
        return hits
    extra = f.loc[hits["_alloc"].to_numpy(), missing].reset_index(drop=True)
    extra.columns = [ALLOC_PREFIX + str(c) for c in missing]
    return pd.concat([hits.reset_index(drop=True), extra], axis=1)


def _allocation_refs(cond: Condition | None, frame: pd.DataFrame) -> list[str]:
    """Allocation columns an evidence `where` reads (as `allocation.X`)."""
    if cond is None:
        return []
    names = {c[len(ALLOC_PREFIX) :] for c in cond.columns() if c.startswith(ALLOC_PREFIX)}
    return sorted(names & set(frame.columns))


def candidates_for(scope: Scope, dataset: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Distinct names of an evidence table (aliases included) and which records bear them."""
    table = scope.run.tables.get(dataset)
    if table is None:
        return None
    key = ("candidates", dataset)
    if key in scope.run.cache:
        cached: tuple[pd.DataFrame, pd.DataFrame] = scope.run.cache[key]
        return cached
    src = EVIDENCE_SOURCES[dataset]
    recs = table.reset_index(drop=True)
    parent = recs[src.parent_col] if src.parent_col else pd.Series(pd.NA, index=recs.index)
    names = [
        pd.DataFrame(
            {
                "_rec": recs.index,
                "country": recs[src.country_col].astype("string"),
                "name": recs[src.name_col].astype("string"),
                "parent": parent.astype("string"),
                "name_kind": "primary",
            }
        )
    ]
    if src.alias_col:
        aliases = recs[src.alias_col].astype("string").str.split(";").explode().str.strip()
        aliases = aliases[aliases.notna() & aliases.ne("")]
        names.append(
            pd.DataFrame(
                {
                    "_rec": aliases.index,
                    "country": recs.loc[aliases.index, src.country_col].astype("string"),
                    "name": aliases.astype("string"),
                    "parent": pd.Series(pd.NA, index=aliases.index, dtype="string"),
                    "name_kind": "alias",
                }
            )
        )
    allnames = pd.concat(names, ignore_index=True)
    allnames = allnames[allnames["name"].notna() & allnames["name"].str.strip().ne("")]
    keys = ["country", "name", "parent", "name_kind"]
    distinct = allnames[keys].drop_duplicates().reset_index(drop=True)
    distinct["cid"] = np.arange(len(distinct))
    bearers = allnames.merge(distinct, on=keys, how="left")[["cid", "_rec"]].drop_duplicates()
    scope.run.cache[key] = (distinct, bearers)
    return distinct, bearers


def query_names(frame: pd.DataFrame) -> pd.DataFrame:
    cols = ["recipient_country", "recipient_name", "recipient_parent"]
    q = frame[cols].astype("string").dropna(subset=["recipient_name"]).drop_duplicates()
    q = q[q["recipient_name"].str.strip().ne("")]
    q = q.rename(
        columns={
            "recipient_country": "country",
            "recipient_name": "name",
            "recipient_parent": "parent",
        }
    ).reset_index(drop=True)
    q["qid"] = np.arange(len(q))
    return q


@condition_type
class Evidence(Condition):
    """Join the allocation's recipient (`recipient_name`, `recipient_parent`) to evidence
    records of the same country by name (`abuse_records`: perpetrator_name;
    `sanctioned_entities`: name and aliases, blank country = any country), keeping the
    matched records that satisfy `where` (bare names are evidence columns, `allocation.X` the
    allocation's). Matches between the `bands` become review. A blank recipient name is
    unknown, never a pass; a record whose `where` is unknown keeps the allocation unknown."""

    key: ClassVar[str] = "evidence"
    example: ClassVar[str] = (
        "evidence:\n  dataset: abuse_records\n  bands: {high: 0.9, review: 0.8}\n  where:\n"
        "    all:\n      - {column: violation_type, op: in, value: [torture, rape]}\n"
        "      - {column: event_date, op: le, ref: [allocation.end_date, as_of]}"
    )
    evidence: EvidenceSpec

    def columns(self) -> set[str]:
        return {"recipient_name", "recipient_country"}

    def evaluate(self, scope: Scope) -> pd.Series:
        spec = self.evidence
        index = scope.frame.index
        found = candidates_for(scope, spec.dataset)
        if found is None:
            return _not_evaluated_all(scope, f"no {spec.dataset} supplied")
        candidates, bearers = found
        matches = self._matches(scope, candidates)
        f = scope.frame
        pairs = self._pairs(scope, matches, bearers)
        table = scope.run.tables[spec.dataset]
        assert table is not None
        src = EVIDENCE_SOURCES[spec.dataset]
        records = self._records(scope, spec.dataset, table)
        ev = records.take(pairs["_rec"].to_numpy()).reset_index(drop=True)
        # Only the allocation columns the `where` reads ride along; the engine adds the rest
        # to the few pairs that end up cited (see engine._with_allocation_columns).
        wanted = _allocation_refs(spec.where, f)
        alloc_cols = f.loc[pairs["_alloc"].to_numpy(), wanted].reset_index(drop=True)
        alloc_cols.columns = [ALLOC_PREFIX + str(c) for c in alloc_cols.columns]
        frame = pd.concat(
            [pairs[["_alloc", *MATCH_FIELDS]].reset_index(drop=True), ev, alloc_cols], axis=1
        )
        if spec.where is not None and len(frame):
            sub = Scope(frame, "pair", scope.run, scope.state)
            ok = spec.where.evaluate(sub)
        else:
            ok = pd.Series(True, index=frame.index, dtype=BOOL)
        frame = frame.assign(
            dataset=spec.dataset,
            record_id=frame[src.id_col].astype("string"),
            _where=ok.map({True: "true", False: "false"}).fillna("unknown").astype("string"),
        )
        is_true = frame["_where"].eq("true")
        is_unknown = frame["_where"].eq("unknown")
        any_true = is_true.groupby(frame["_alloc"]).any().reindex(index, fill_value=False)
        any_unknown = is_unknown.groupby(frame["_alloc"]).any().reindex(index, fill_value=False)
        # A record against the same unit that would have fired wins over hierarchy alone.
        result = pd.Series(any_true.to_numpy(dtype=bool), index=index).astype(BOOL)
        result = result.mask(~any_true & any_unknown, pd.NA)
        blank_name = f["recipient_name"].astype("string").str.strip().fillna("").eq("")
        result = result.mask(blank_name & ~any_true, pd.NA)
        keep = is_true | (is_unknown & ~frame["_alloc"].map(any_true).fillna(False).astype(bool))
        if scope.state.collect:
            _record_hits(scope, _with_allocation(frame[keep.to_numpy(dtype=bool)], f))
        return result

    def _pairs(
        self, scope: Scope, matches: dict[str, pd.DataFrame], bearers: pd.DataFrame
    ) -> pd.DataFrame:
        """(allocation, record) pairs with the match fields, only for allocations whose name
        matched something: the allocation's name is looked up among the matched names."""
        f = scope.frame
        matched = matches["pairs"]
        queries = matches["queries"]
        queries = queries[queries["qid"].isin(matched["qid"])]
        cols = ["recipient_country", "recipient_name", "recipient_parent"]
        if queries.empty or f.empty:
            alloc_q = pd.DataFrame(
                {
                    "_alloc": pd.Series(dtype="int64"),
                    "qid": pd.Series(dtype=matched["qid"].dtype),
                }
            )
        else:
            alloc_q = (
                f[cols]
                .astype("string")
                .set_axis(["country", "name", "parent"], axis=1)
                .assign(_alloc=f.index)
                .merge(queries, on=["country", "name", "parent"], how="inner")[["_alloc", "qid"]]
            )
        pairs = alloc_q.merge(matched, on="qid")
        return pairs.merge(bearers, on="cid")

    @staticmethod
    def _records(scope: Scope, dataset: str, table: pd.DataFrame) -> pd.DataFrame:
        key = ("records", dataset)
        if key not in scope.run.cache:
            scope.run.cache[key] = table.reset_index(drop=True)
        records: pd.DataFrame = scope.run.cache[key]
        return records

    def _matches(self, scope: Scope, candidates: pd.DataFrame) -> dict[str, pd.DataFrame]:
        """Match every distinct allocation name of the run once per dataset and bands."""
        bands = Bands(high=self.evidence.bands.high, review=self.evidence.bands.review)
        key = ("matches", self.evidence.dataset, bands)
        if key not in scope.run.cache:
            allocations = scope.run.tables.get("allocations")
            source = allocations if allocations is not None else scope.frame
            queries = query_names(source)
            pairs = match_names(queries, candidates, bands, aliases=scope.run.aliases)
            scope.run.cache[key] = {"queries": queries, "pairs": pairs}
        cached: dict[str, pd.DataFrame] = scope.run.cache[key]
        return cached
