"""U.S. Foreign Military Training Report (FMTR), as published in machine-readable form by
Security Force Monitor (one row per training activity).

Headers: country, iso_3166_1, program, course_title, us_unit, student_unit, start_date,
end_date, location, quantity, total_cost (SFM's 'training:' prefixed spellings also work).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from conditionality.adapters._common import (
    count_note,
    extra_cell_rejects,
    headers_match,
    open_table,
    stable_ids,
    text,
)
from conditionality.readers.base import ReadResult, RowReject, validate
from conditionality.readers.registry import Adapter, register
from conditionality.readers.values import parse_amount
from conditionality.schema import ALLOCATIONS

NAME = "fmtr"
NEEDED = {"program", "course_title", "student_unit", "total_cost"}
RENAME = {
    # Security Force Monitor's final dataset spells columns "training:..."
    "training_program": "program",
    "training_course_title": "course_title",
    "training_group_name": "student_unit",
    "training_student_unit": "student_unit",
    "training_us_unit": "us_unit",
    "training_total_cost": "total_cost",
    "training_start_date": "start_date",
    "training_end_date": "end_date",
    "training_country": "country",
    "training_country_iso_3166_1": "iso_3166_1",
    "country_iso_3166_1": "iso_3166_1",
    "training_location": "location",
    "training_quantity": "quantity",
    "group_name": "student_unit",
}

# Program prefix (text before " - Fiscal Year") -> funding account code.
ACCOUNTS = {
    "Section 333": "S333",
    "FMF": "FMF",
    "IMET": "IMET",
    "IMET-1": "IMET",
    "IMET-2": "IMET",
    "IMET-D&R": "IMET",
    "IMET-X": "IMET",
    "INCLE": "INCLE",
    "PKO": "PKO",
    "NADR": "NADR",
    "CTFP": "CTFP",
    "CTIWFP": "CTIWFP",
    "Regional Centers": "REGIONAL-CENTERS",
    "DOHS/USCG": "USCG",
    "Exchange": "EXCHANGE",
    "ALP": "ALP",
    "CAMRI": "CAMRI",
    "Service Academies": "SERVICE-ACADEMIES",
    "Misc DoD/DoS Non-SA": "MISC-NON-SA",
}
# "... Department of X Training" -> agency code
AGENCIES = {
    "Department of Defense": "DOD",
    "Department of State": "DOS",
    "Department of Homeland Security": "DHS",
    "Department of Justice": "DOJ",
}
# FMTR total_cost is what a training activity cost: never negative (see Adapter.negative_amounts)
NEGATIVE_AMOUNTS = False
UNVETTABLE = {"", "multiple", "various", "n/a", "na", "unknown", "tbd", "none"}


def detect(path: Path) -> bool:
    return headers_match(path, NEEDED) or any(
        {"training_program", "training_total_cost"} <= set(r) for r in _peek(path)
    )


def _peek(path: Path) -> list[list[str]]:
    from conditionality.adapters._common import peek_rows

    return peek_rows(path)


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
        fmt="FMTR",
        sheet=sheet,
        header_row=header_row,
        rename=RENAME,
    )
    known = {
        "country",
        "iso_3166_1",
        "program",
        "course_title",
        "us_unit",
        "student_unit",
        "start_date",
        "end_date",
        "location",
        "quantity",
        "total_cost",
        "page_number",
    }
    info.mapping = {
        "recipient_country": "iso_3166_1 (else country)",
        "fiscal_year": "program ('Fiscal Year NNNN')",
        "agency": "program ('Department of ...')",
        "account": "program (prefix)",
        "recipient_name": "student_unit",
        "amount_usd": "total_cost",
        "start_date": "start_date",
        "end_date": "end_date",
        "description": "course_title, student_unit, us_unit, location, quantity",
    }
    info.unmapped = [c for c in body.columns if c not in known]

    program = text(body, "program")
    prefix = program.str.extract(r"^(.*?)\s+-\s+Fiscal Year", expand=False).fillna(program)
    account = prefix.map(ACCOUNTS).astype("string")
    unknown_program = account.isna() & program.ne("")
    account = account.fillna(prefix.str.upper().str.replace(r"[^A-Z0-9]+", "-", regex=True))
    dept = program.str.extract(r"(Department of [A-Za-z ]+?) Training", expand=False)
    agency = dept.map(AGENCIES).astype("string")
    agency = agency.where(agency.notna() | dept.isna(), "OTHER")
    fy = program.str.extract(r"Fiscal Year (\d{4})", expand=False)

    unit = text(body, "student_unit")
    unvettable = unit.str.lower().isin(UNVETTABLE)
    iso = text(body, "iso_3166_1")
    country = iso.where(iso.ne(""), text(body, "country"))
    course = text(body, "course_title")
    describe = (
        course
        + " | student unit: "
        + unit.where(unit.ne(""), "(blank)")
        + " | US unit: "
        + text(body, "us_unit")
        + " | location: "
        + text(body, "location")
        + " | quantity: "
        + text(body, "quantity")
    )
    raw = pd.DataFrame(
        {
            "allocation_id": stable_ids(body, "fmtr"),
            "fiscal_year": fy,
            "agency": agency,
            "account": account,
            "recipient_country": country,
            "recipient_name": unit.where(~unvettable),
            "recipient_type": "security_force_unit",
            "category": "security",
            "amount_usd": text(body, "total_cost"),
            "start_date": text(body, "start_date"),
            "end_date": text(body, "end_date"),
            "description": describe,
            "transaction_type": "obligation",
        }
    )
    is_total = course.str.contains(r"Program Totals?$", case=False, regex=True)
    count_note(
        info,
        int((unvettable & ~is_total).sum()),
        "student unit 'Multiple', 'Various' or blank: "
        "recipient_name left blank (cannot be vetted); the original is in description",
    )
    count_note(
        info,
        int(unknown_program.sum()),
        "program not in the FMTR account table; account derived from the program prefix",
    )
    totals = course.str.contains(r"Program Totals?$", case=False, regex=True)
    _check_totals(info, country, program, raw["amount_usd"], totals)
    cost, _unreadable = parse_amount(raw["amount_usd"])
    rejects = [
        *extra_cell_rejects(body),
        RowReject(
            totals,
            "description",
            "program total line (subtotal of the activities above)",
            value=course,
            out_of_scope=True,
        ),
        RowReject(
            cost.lt(0).fillna(False).astype(bool) & (not NEGATIVE_AMOUNTS),
            "amount_usd",
            "negative amount: FMTR costs are training costs and have no de-obligations",
            value=raw["amount_usd"],
        ),
    ]
    opts = dict(options or {})
    opts.setdefault("date_order", "mdy")
    info.settings.update({"date_order": opts["date_order"], "transaction_type": "obligation"})
    return validate(raw, ALLOCATIONS, info, rows, options=opts, rejects=rejects)


def _check_totals(
    info: Any, country: pd.Series, program: pd.Series, cost: pd.Series, totals: pd.Series
) -> None:
    """Compare each 'Program Totals' line with the sum of its activities; say so in notes."""
    amount, _bad = parse_amount(cost)
    key = country + " | " + program
    activities = amount[~totals].groupby(key[~totals]).sum()
    stated = amount[totals].groupby(key[totals]).sum()
    if stated.empty:
        return
    diff = (stated - activities.reindex(stated.index).fillna(0)).abs()
    off = diff[diff > 0.5]
    info.settings["program_totals_checked"] = len(stated)
    info.notes.append(
        f"{len(stated)} program total lines excluded (subtotals); {len(stated) - len(off)} equal "
        f"the sum of their activities"
        + (
            f", {len(off)} differ (e.g. {off.index[0]}: off by ${off.iloc[0]:,.0f})"
            if len(off)
            else ""
        )
    )


register(
    Adapter(
        name=NAME,
        table=ALLOCATIONS.name,
        title="U.S. Foreign Military Training Report (Security Force Monitor machine-readable)",
        detect=detect,
        read=read,
        negative_amounts=NEGATIVE_AMOUNTS,
    )
)
