"""ForeignAssistance.gov "complete" CSV (one row per transaction; 51 columns). Both header
spellings of the funding account id are accepted ('Funding Acount ID' and 'Funding Account ID').
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from conditionality.adapters._common import (
    count_note,
    extra_cell_rejects,
    headers_match,
    map_keys,
    open_table,
    stable_ids,
    text,
)
from conditionality.readers.base import ReadResult, RowReject, validate
from conditionality.readers.registry import Adapter, register
from conditionality.schema import ALLOCATIONS

NAME = "fa-gov"
NEEDED = {"country_code", "transaction_type_name", "fiscal_year", "current_dollar_amount"}
RENAME = {"funding_acount_id": "funding_account_id"}

AGENCY_NAMES = {
    "Department of State": "DOS",
    "Department of Defense": "DOD",
    "U.S. Agency for International Development": "USAID",
    "Millennium Challenge Corporation": "MCC",
    "Department of the Treasury": "TREASURY",
    "Department of Homeland Security": "DHS",
    "Department of Justice": "DOJ",
}
ACCOUNT_NAMES = {
    "Foreign Military Financing Program": "FMF",
    "Foreign Military Financing": "FMF",
    "International Military Education and Training": "IMET",
    "International Narcotics Control and Law Enforcement": "INCLE",
    "Peacekeeping Operations": "PKO",
    "Nonproliferation, Anti-Terrorism, Demining and Related Programs": "NADR",
    "Economic Support Fund": "ESF",
    "Economic Support and Development Fund": "ESDF",
    "Agency for International Development, Development Assistance": "DA",
    "Development Assistance": "DA",
    "Department of State, Global Health Programs": "GHP",
    "Agency for International Development, Global Health Programs": "GHP",
    "Global Health Programs": "GHP",
    "Agency for International Development, International Disaster Assistance": "IDA",
    "International Disaster Assistance": "IDA",
    "International Disaster and Famine Assistance": "IDA",
    "Migration and Refugee Assistance": "MRA",
    "Agency for International Development, Operating Expenses": "USAID-OE",
    "Agency for International Development, International Assistance Program, Transition "
    "Initiatives": "TI",
    "Millennium Challenge Corporation, Expenses": "MCC",
    "Inter-American Foundation": "IAF",
    "Counterterrorism Partnerships Fund": "CTPF",
}
US_CATEGORIES = {
    "Peace and Security": "security",
    "Humanitarian Assistance": "humanitarian",
    "Humanitarian": "humanitarian",
    "Democracy, Human Rights, and Governance": "democracy",
    "Democracy, Human Rights and Governance": "democracy",
    "Health": "health",
    "Economic Development": "economic",
    "Education and Social Services": "development",
    "Environment": "development",
    "Program Management": "other",
    "Multi-sector": "other",
}
# used when the US category is blank (as in country downloads filtered by objective)
INTERNATIONAL_CATEGORIES = {
    "Conflict, Peace, and Security": "security",
    "Humanitarian": "humanitarian",
    "Governance": "democracy",
    "Health and Population": "health",
    "Economic Growth": "economic",
    "Agriculture": "economic",
    "Infrastructure": "development",
    "Education": "development",
    "Environment": "development",
    "Commodity Assistance": "humanitarian",
    "Administrative Costs": "other",
    "Other": "other",
}
TRANSACTION_TYPES = {
    "Obligations": "obligation",
    "Obligation": "obligation",
    "Disbursements": "disbursement",
    "Disbursement": "disbursement",
    "Commitments": "commitment",
    "Expenditures": "expenditure",
}
PARTNER_TYPES = {
    "Government": "government",
    "NGO": "ngo",
    "Enterprises": "private",
    "Multilateral": "multilateral",
    "Universities and Research Institutes": "ngo",
    "Church and Faith Based": "ngo",
    "Networks": "ngo",
}
NOT_A_COUNTRY = ("world", "region", "regional", "worldwide")


def detect(path: Path) -> bool:
    return headers_match(path, NEEDED | {"activity_name"})


def read(
    path: Path,
    *,
    options: dict[str, Any] | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    **_: Any,
) -> ReadResult:
    body, rows, info = open_table(
        path,
        ALLOCATIONS.name,
        NAME,
        NEEDED,
        fmt="ForeignAssistance.gov",
        sheet=sheet,
        header_row=header_row,
        rename=RENAME,
    )
    info.mapping = {
        "allocation_id": "(derived: hash of the row + occurrence)",
        "fiscal_year": "Fiscal Year",
        "agency": "Funding Agency Name (else Managing Agency Name)",
        "account": "Funding Account Name (else Funding Account ID)",
        "recipient_country": "Country Code",
        "recipient_name": "Implementing Partner Name",
        "recipient_type": "Implementing Partner Category Name",
        "category": "US Category Name (else International Category Name)",
        "amount_usd": "Current Dollar Amount",
        "start_date": "Activity Start Date",
        "end_date": "Activity End Date",
        "description": "Activity Name, Activity ID, Funding Account ID, Transaction Type Name",
        "transaction_type": "Transaction Type Name",
    }
    used = {
        "fiscal_year",
        "funding_agency_name",
        "managing_agency_name",
        "funding_account_name",
        "funding_account_id",
        "country_code",
        "country_name",
        "implementing_partner_name",
        "implementing_partner_category_name",
        "us_category_name",
        "international_category_name",
        "current_dollar_amount",
        "activity_start_date",
        "activity_end_date",
        "activity_name",
        "activity_id",
        "transaction_type_name",
    }
    info.unmapped = [c for c in body.columns if c not in used]

    agency_name = text(body, "funding_agency_name")
    agency_name = agency_name.where(agency_name.ne(""), text(body, "managing_agency_name"))
    agency = map_keys(agency_name, AGENCY_NAMES, "OTHER").where(agency_name.ne(""))
    acct_name = text(body, "funding_account_name")
    acct_id = text(body, "funding_account_id")
    account = map_keys(acct_name, ACCOUNT_NAMES)
    account = account.fillna(acct_id.where(acct_id.ne(""), acct_name)).replace("", pd.NA)

    us_cat = text(body, "us_category_name")
    category = map_keys(us_cat, US_CATEGORIES, "other").where(us_cat.ne(""))
    intl = text(body, "international_category_name")
    category = category.fillna(map_keys(intl, INTERNATIONAL_CATEGORIES, "other").where(intl.ne("")))

    ttype_text = text(body, "transaction_type_name")
    ttype = map_keys(ttype_text, TRANSACTION_TYPES, "other").where(ttype_text.ne(""))

    partner = text(body, "implementing_partner_name")
    redacted = partner.str.contains("redacted", case=False)
    ptype_text = text(body, "implementing_partner_category_name")
    ptype = map_keys(ptype_text, PARTNER_TYPES).where(ptype_text.ne(""))

    fy_text = text(body, "fiscal_year")
    tq = fy_text.str.fullmatch(r"\d{4}\s*tq", case=False)
    fiscal_year = fy_text.str.replace(r"\s*tq$", "", regex=True, case=False)

    code = text(body, "country_code")
    cname = text(body, "country_name")
    regional = cname.str.lower().str.contains("|".join(NOT_A_COUNTRY)) | code.str.upper().eq("WLD")

    describe = (
        text(body, "activity_name")
        + " | activity "
        + text(body, "activity_id")
        + " | account "
        + acct_id
        + " "
        + acct_name
        + " | "
        + ttype_text
        + pd.Series(" | transition quarter " + fy_text, index=body.index).where(tq, "")
        + pd.Series(" | partner: " + partner, index=body.index).where(redacted, "")
    )
    raw = pd.DataFrame(
        {
            "allocation_id": stable_ids(body, "fagov"),
            "fiscal_year": fiscal_year,
            "agency": agency,
            "account": account,
            "recipient_country": code.where(code.ne(""), cname),
            "recipient_name": partner.where(~redacted & partner.ne("")),
            "recipient_type": ptype,
            "category": category,
            "amount_usd": text(body, "current_dollar_amount"),
            "start_date": text(body, "activity_start_date"),
            "end_date": text(body, "activity_end_date"),
            "description": describe,
            "transaction_type": ttype,
        }
    )
    count_note(
        info,
        int(redacted.sum()),
        "implementing partner redacted: recipient_name left "
        "blank; the published text is in description",
    )
    count_note(
        info,
        int(tq.sum()),
        "transition-quarter fiscal year (e.g. '1976tq') read as that "
        "year; 'transition quarter' is in description",
    )
    negative = pd.to_numeric(raw["amount_usd"], errors="coerce").lt(0)
    count_note(info, int(negative.sum()), "negative amounts (de-obligations) kept as negative")
    rejects = [
        *extra_cell_rejects(body),
        RowReject(
            regional,
            "recipient_country",
            "regional or worldwide allocation, no single recipient country",
            value=cname,
            out_of_scope=True,
        ),
    ]
    return validate(raw, ALLOCATIONS, info, rows, options=options, rejects=rejects)


register(
    Adapter(
        name=NAME,
        table=ALLOCATIONS.name,
        title="ForeignAssistance.gov complete CSV",
        detect=detect,
        read=read,
    )
)
