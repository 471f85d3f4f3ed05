"""The four canonical tables: columns, types, what is required and what values are allowed.

Everything downstream (readers, adapters, rules, reports) speaks these column names. The
README's table reference is generated from `TABLES` (see `docs.table_reference`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["string", "id", "number", "integer", "date", "country", "enum"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    meaning: str
    required: bool = False  # the cell may not be blank; the row is rejected otherwise
    header_required: bool = False  # the column must be present in the file
    allowed: tuple[str, ...] = ()  # for enum columns
    aliases: tuple[str, ...] = ()  # other header spellings accepted by the native reader


@dataclass(frozen=True)
class Table:
    name: str
    key: str  # the business key every report shows
    title: str
    columns: tuple[Column, ...]
    amount_column: str | None = None
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


AGENCIES = ("DOS", "DOD", "USAID", "MCC", "TREASURY", "DHS", "DOJ", "OTHER")
RECIPIENT_TYPES = (
    "security_force_unit",
    "government",
    "ngo",
    "private",
    "multilateral",
    "individual",
)
CATEGORIES = (
    "security",
    "development",
    "humanitarian",
    "democracy",
    "health",
    "economic",
    "other",
)
VIOLATION_TYPES = (
    "extrajudicial_killing",
    "torture",
    "enforced_disappearance",
    "rape",
    "arbitrary_detention",
    "other",
)
CREDIBILITY = ("alleged", "credible", "confirmed")
REMEDIATION = ("none", "investigating", "prosecuted", "remediated")
WAIVERS = ("none", "full", "partial", "unknown")
TRANSACTION_TYPES = ("obligation", "disbursement", "commitment", "expenditure", "other")

ALLOCATIONS = Table(
    name="allocations",
    key="allocation_id",
    title="Aid allocations",
    amount_column="amount_usd",
    description="One row per allocation of assistance (an obligation, a training event, a grant).",
    columns=(
        Column(
            "allocation_id",
            "id",
            "Unique id of the allocation within the run.",
            required=True,
            header_required=True,
            aliases=("id", "allocation", "award_id", "activity_id"),
        ),
        Column(
            "fiscal_year",
            "integer",
            "U.S. fiscal year (FY2020 runs 2019-10-01 to 2020-09-30).",
            aliases=("fy", "year"),
        ),
        Column(
            "agency",
            "enum",
            "Funding agency.",
            allowed=AGENCIES,
            aliases=("funding_agency", "managing_agency"),
        ),
        Column(
            "account",
            "string",
            "Funding account code, e.g. FMF, IMET, INCLE, PKO, NADR, ESF, DA, GHP, IDA, S333, EDA.",
            aliases=("funding_account", "program"),
        ),
        Column(
            "recipient_country",
            "country",
            "Recipient country as ISO3; common English and Spanish names are accepted.",
            required=True,
            header_required=True,
            aliases=("country", "recipient", "country_code"),
        ),
        Column(
            "recipient_name",
            "string",
            "The receiving unit or organization, as written in the source.",
            header_required=True,
            aliases=("recipient_unit", "unit", "student_unit", "implementing_partner"),
        ),
        Column(
            "recipient_type",
            "enum",
            "Kind of recipient.",
            allowed=RECIPIENT_TYPES,
            aliases=("type",),
        ),
        Column(
            "recipient_parent",
            "string",
            "Parent unit or body of the recipient (optional).",
            aliases=("parent", "parent_unit"),
        ),
        Column(
            "category",
            "enum",
            "Sector of the assistance; 'security' is security assistance.",
            allowed=CATEGORIES,
            aliases=("sector",),
        ),
        Column(
            "amount_usd",
            "number",
            "Amount in U.S. dollars; negative for de-obligations.",
            required=True,
            header_required=True,
            aliases=("amount", "value", "usd", "cost"),
        ),
        Column("start_date", "date", "Start of the activity.", aliases=("start", "begin_date")),
        Column("end_date", "date", "End of the activity.", aliases=("end",)),
        Column("description", "string", "Free text.", aliases=("notes", "title")),
        Column(
            "legal_exception",
            "string",
            "A legal exception or waiver claimed for the allocation, with its reference, e.g. "
            "'disaster_relief' or 'secdef_waiver 2023-17' (rules may honour it; reports show it).",
            aliases=("exception", "waiver"),
        ),
        Column(
            "transaction_type",
            "enum",
            "Kind of transaction; rules check obligations by default (blank = obligation).",
            allowed=TRANSACTION_TYPES,
        ),
    ),
)

ABUSE_RECORDS = Table(
    name="abuse_records",
    key="record_id",
    title="Abuse records",
    description="One row per documented allegation against a unit or person.",
    columns=(
        Column("record_id", "id", "Unique id of the record.", required=True, header_required=True),
        Column(
            "country",
            "country",
            "Country of the perpetrator (ISO3).",
            required=True,
            header_required=True,
        ),
        Column(
            "perpetrator_name",
            "string",
            "Unit or person named as perpetrator.",
            header_required=True,
            aliases=("perpetrator", "unit"),
        ),
        Column("perpetrator_parent", "string", "Parent unit of the perpetrator (optional)."),
        Column("perpetrator_type", "enum", "Kind of perpetrator.", allowed=RECIPIENT_TYPES),
        Column(
            "violation_type",
            "enum",
            "Kind of violation.",
            allowed=VIOLATION_TYPES,
            header_required=True,
        ),
        Column("event_date", "date", "Date of the event.", header_required=True),
        Column(
            "credibility",
            "enum",
            "How well the record is established.",
            allowed=CREDIBILITY,
            header_required=True,
        ),
        Column(
            "remediation",
            "enum",
            "State of accountability; only 'remediated' counts.",
            allowed=REMEDIATION,
        ),
        Column("source", "string", "Who documented it."),
        Column("source_url", "string", "Link to the source."),
        Column("description", "string", "Free text."),
    ),
)

COUNTRY_STATUS = Table(
    name="country_status",
    key="status_id",
    title="Country status lists",
    description=(
        "Dated country lists: one row per country, list and period. Membership lists (cspa, coup, "
        "sst) name listed countries; value lists (tip_tier, pts) give a value per period."
    ),
    columns=(
        Column("country", "country", "Country (ISO3).", required=True, header_required=True),
        Column(
            "list",
            "string",
            "List name: cspa, tip_tier, coup, pts, sst, ...",
            required=True,
            header_required=True,
        ),
        Column(
            "value",
            "string",
            "Value on the list, e.g. tier '3', PTS '4', 'listed'.",
            header_required=True,
        ),
        Column(
            "valid_from", "date", "First day the row holds.", required=True, header_required=True
        ),
        Column("valid_to", "date", "Last day the row holds (inclusive); blank = open."),
        Column("waiver", "enum", "Waiver in force for the period.", allowed=WAIVERS),
        Column("source", "string", "Citation or link for the row."),
        Column("status_id", "id", "Row id (derived from country, list and valid_from if blank)."),
        Column(
            "last_verified",
            "date",
            "When the list's sources were last checked; a run warns when a list it uses was "
            "last verified more than a year before the as-of date.",
        ),
    ),
)

SANCTIONED_ENTITIES = Table(
    name="sanctioned_entities",
    key="entity_id",
    title="Sanctioned entities",
    description="Designated persons and organizations with their aliases.",
    columns=(
        Column("entity_id", "id", "Unique id of the entity.", required=True, header_required=True),
        Column("name", "string", "Primary name.", required=True, header_required=True),
        Column("aliases", "string", "Other names, separated by ';'."),
        Column("country", "country", "Country (ISO3); blank = any country."),
        Column("program", "string", "Sanctions program(s), e.g. GLOMAG; several separated by ';'."),
        Column("listed_date", "date", "Date of designation."),
        Column("delisted_date", "date", "Date of removal (blank = still listed)."),
        Column("source", "string", "Citation or link."),
    ),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (ALLOCATIONS, ABUSE_RECORDS, COUNTRY_STATUS, SANCTIONED_ENTITIES)
}

# Severity order used when several evidence rows apply: the most severe wins.
OUTCOMES = ("prohibited", "restricted", "review", "waived", "not_evaluated")
SEVERITY = {"prohibited": 4, "restricted": 3, "review": 2, "waived": 1, "not_evaluated": 0}
FLAGGING = ("prohibited", "restricted", "review")
