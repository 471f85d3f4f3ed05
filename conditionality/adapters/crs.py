"""OECD Creditor Reporting System (CRS) bulk file -> allocations.

Bulk files are '|'-separated text (CRS 2019 data.txt, ...) with columns such as Year,
DonorCode, DonorName, AgencyName, CrsID, ProjectNumber, RecipientName, PurposeCode,
ProjectTitle, ShortDescription, ChannelReportedName, USD_Commitment, USD_Disbursement,
StartDate/ExpectedStartDate, CompletionDate. Amounts are in millions of USD.

Only United States rows (DonorCode 302) are allocations; other donors are rejected as out of
scope. Each row gives one allocation: the commitment (transaction type 'obligation': the U.S.
reports obligations as CRS commitments) when present, else the disbursement
(options['crs_measure'] = 'disbursement' picks disbursements). The CRS year is a calendar year:
it is kept in description, not turned into a fiscal year.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from conditionality.adapters._common import (
    extra_cell_rejects,
    headers_match,
    map_keys,
    open_table,
    stable_ids,
    text,
)
from conditionality.adapters.fa_gov import AGENCY_NAMES
from conditionality.adapters.iati import DAC_CATEGORIES
from conditionality.readers.base import InputError, ReadResult, RowReject, validate
from conditionality.readers.registry import Adapter, register
from conditionality.schema import ALLOCATIONS

NAME = "crs"
NEEDED = {"year", "donorcode", "recipientname", "usd_commitment", "usd_disbursement"}
US_DONOR = "302"
CRS_AGENCIES = AGENCY_NAMES | {
    "Agency for International Development": "USAID",
    "State Department": "DOS",
    "Department of Defense": "DOD",
    "Defense Security Cooperation Agency": "DOD",
}


def detect(path: Path) -> bool:
    return headers_match(path, NEEDED)


def read(
    path: Path,
    *,
    options: dict[str, Any] | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    **_: Any,
) -> ReadResult:
    measure = str((options or {}).get("crs_measure", "commitment"))
    if measure not in ("commitment", "disbursement"):
        raise InputError(f"crs_measure {measure!r}: use commitment or disbursement")
    body, rows, info = open_table(
        path,
        ALLOCATIONS.name,
        NAME,
        NEEDED,
        fmt="OECD CRS",
        sheet=sheet,
        header_row=header_row,
        crs_measure=measure,
        amount_unit="USD million",
    )
    info.mapping = {
        "allocation_id": "(derived: hash of the row + occurrence)",
        "agency": "AgencyName",
        "recipient_country": "RecipientName",
        "recipient_name": "ChannelReportedName (else ChannelName)",
        "category": "PurposeCode (DAC)",
        "amount_usd": "USD_Commitment x 1e6 (else USD_Disbursement)",
        "description": "ProjectTitle, CrsID, ProjectNumber, Year",
    }
    commit = pd.to_numeric(text(body, "usd_commitment").replace("", pd.NA), errors="coerce")
    disb = pd.to_numeric(text(body, "usd_disbursement").replace("", pd.NA), errors="coerce")
    use_commit = commit.notna() if measure == "commitment" else disb.isna() & commit.notna()
    raw_commit = text(body, "usd_commitment")
    raw_disb = text(body, "usd_disbursement")
    chosen_raw = raw_commit.where(use_commit, raw_disb)
    chosen = commit.where(use_commit, disb)
    unreadable = chosen.isna() & chosen_raw.ne("")
    amount = (chosen * 1e6).round(2).astype("string").where(~unreadable, chosen_raw)
    channel = text(body, "channelreportedname")
    channel = channel.where(channel.ne(""), text(body, "channelname"))
    start = text(body, "startdate")
    start = start.where(start.ne(""), text(body, "expectedstartdate"))
    describe = (
        text(body, "projecttitle")
        + " | CRS id "
        + text(body, "crsid")
        + " | project "
        + text(body, "projectnumber")
        + " | CRS year "
        + text(body, "year")
        + " (calendar)"
    )
    raw = pd.DataFrame(
        {
            "allocation_id": stable_ids(body, "crs"),
            "fiscal_year": pd.NA,
            "agency": map_keys(text(body, "agencyname"), CRS_AGENCIES, "OTHER"),
            "account": pd.NA,
            "recipient_country": text(body, "recipientname"),
            "recipient_name": channel.replace("", pd.NA),
            "recipient_type": pd.NA,
            "category": text(body, "purposecode")
            .str.slice(0, 3)
            .map(DAC_CATEGORIES)
            .astype("string")
            .fillna("other"),
            "amount_usd": amount,
            "start_date": start,
            "end_date": text(body, "completiondate"),
            "description": describe,
            "transaction_type": pd.Series("obligation", index=body.index).where(
                use_commit, "disbursement"
            ),
        }
    )
    donor = text(body, "donorcode")
    regional = text(body, "recipientname").str.contains(r"regional|unspecified", case=False)
    rejects = [
        *extra_cell_rejects(body),
        RowReject(
            donor.ne(US_DONOR),
            "agency",
            "donor " + text(body, "donorname") + " is not the United States",
            value=donor,
            out_of_scope=True,
        ),
        RowReject(
            regional,
            "recipient_country",
            "regional or unspecified recipient, no single country",
            value=text(body, "recipientname"),
            out_of_scope=True,
        ),
    ]
    opts = dict(options or {})
    opts.setdefault("date_order", "dmy")  # CRS bulk files write dd/mm/yyyy
    return validate(raw, ALLOCATIONS, info, rows, options=opts, rejects=rejects)


register(
    Adapter(name=NAME, table=ALLOCATIONS.name, title="OECD CRS bulk file", detect=detect, read=read)
)
