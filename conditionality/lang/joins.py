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


def _distinct_dates(scope: Scope) -> pd.DataFrame:
    f = scope.frame
    return pd.DataFrame(
        {
            "_alloc": f.index,
            "country": f["recipient_country"].astype("string").to_numpy(),
            "date": pd.to_datetime(f["allocation_date"]).to_numpy(),
        }
    )


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
        alloc = _distinct_dates(scope)
        keys = alloc[["country", "date"]].dropna().drop_duplicates()
        pairs = keys.merge(rows, on="country")
        within = (pairs["valid_from"] <= pairs["date"]) & (
            pairs["valid_to"].isna() | (pairs["date"] <= pairs["valid_to"])
        )
        if self.in_list.values is not None:
            wanted = [v.casefold() for v in self.in_list.values]
            within &= pairs["value"].astype("string").str.casefold().isin(wanted).fillna(False)
        pairs = pairs[within.to_numpy(dtype=bool)]
        listed = alloc.merge(
            pairs[["country", "date"]].drop_duplicates(),
            how="left",
            on=["country", "date"],
            indicator=True,
        )["_merge"].eq("both")
        result = pd.Series(listed.to_numpy(), index=scope.frame.index).astype(BOOL)
        unknown = alloc["country"].isna().to_numpy() | alloc["date"].isna().to_numpy()
        result = result.mask(pd.Series(unknown, index=scope.frame.index), pd.NA)
        hits = alloc.merge(pairs, on=["country", "date"])
        _record_hits(scope, _status_hits(hits))
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
        alloc = _distinct_dates(scope)
        keys = alloc[["country", "date"]].dropna().drop_duplicates()
        pairs = keys.merge(rows, on="country")
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
        joined = alloc.merge(pairs, how="left", on=["country", "date"])
        result = pd.Series(joined["_ok"].to_numpy(), index=scope.frame.index).astype(BOOL)
        missing = pd.Series(joined["status_id"].isna().to_numpy(), index=scope.frame.index)
        has_key = pd.Series(
            (alloc["country"].notna() & alloc["date"].notna()).to_numpy(),
            index=scope.frame.index,
        )
        when = "on or before" if spec.latest else "on"
        reason = (
            f"no {spec.list_} value for "
            + alloc["country"].astype("string").fillna("?")
            + f" {when} "
            + alloc["date"].dt.strftime("%Y-%m-%d").fillna("?")
        )
        reason.index = scope.frame.index
        scope.state.mark_not_evaluated(missing & has_key, reason)
        hit_rows = joined[joined["_ok"].fillna(False).astype(bool).to_numpy()]
        _record_hits(scope, _status_hits(hit_rows))
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
        alloc_q = f[["recipient_country", "recipient_name", "recipient_parent"]].astype("string")
        alloc_q = alloc_q.rename(
            columns={
                "recipient_country": "country",
                "recipient_name": "name",
                "recipient_parent": "parent",
            }
        ).assign(_alloc=index)
        queries = matches["queries"]
        alloc_q = alloc_q.merge(queries, on=["country", "name", "parent"], how="inner")
        pairs = alloc_q[["_alloc", "qid"]].merge(matches["pairs"], on="qid")
        pairs = pairs.merge(bearers, on="cid")
        table = scope.run.tables[spec.dataset]
        assert table is not None
        records = table.reset_index(drop=True)
        src = EVIDENCE_SOURCES[spec.dataset]
        ev = records.loc[pairs["_rec"].to_numpy()].reset_index(drop=True)
        alloc_cols = f.loc[pairs["_alloc"].to_numpy()].reset_index(drop=True)
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
        _record_hits(scope, frame[keep.to_numpy(dtype=bool)])
        return result

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
