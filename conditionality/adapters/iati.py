"""IATI activity XML (v2.01-2.03): one allocation per <transaction>.

Each transaction takes its own recipient-country and sector when it has them, else the
activity's (an activity with several recipient countries and a transaction naming none is
rejected: splitting by percentage would be a guess). Amounts must be in USD.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry

from conditionality.adapters._common import count_note, map_keys, new_info
from conditionality.adapters.fa_gov import ACCOUNT_NAMES, AGENCY_NAMES
from conditionality.readers.base import InputError, ReadResult, RowReject, validate
from conditionality.readers.registry import Adapter, register
from conditionality.schema import ALLOCATIONS

NAME = "iati"
TRANSACTION_TYPES = {
    "1": "other",  # incoming funds
    "2": "obligation",  # outgoing commitment: a U.S. obligation
    "3": "disbursement",
    "4": "expenditure",
    "11": "commitment",  # incoming commitment
    "12": "commitment",  # outgoing pledge
}
ORG_TYPES = {
    "10": "government",
    "11": "government",
    "15": "government",
    "21": "ngo",
    "22": "ngo",
    "23": "ngo",
    "24": "ngo",
    "30": "ngo",
    "80": "ngo",
    "40": "multilateral",
    "70": "private",
    "71": "private",
    "72": "private",
    "73": "private",
}
REPORTING_ORGS = {"US-GOV-1": "USAID", "US-GOV-11": "DOS", "US-GOV-12": "MCC", "US-GOV-8": "DOD"}
# DAC 5-digit purpose code, by its first three digits
DAC_CATEGORIES = {
    "111": "development",
    "112": "development",
    "113": "development",
    "114": "development",
    "121": "health",
    "122": "health",
    "123": "health",
    "130": "health",
    "140": "health",
    "151": "democracy",
    "152": "security",
    "160": "development",
    "210": "economic",
    "220": "economic",
    "230": "economic",
    "231": "economic",
    "232": "economic",
    "240": "economic",
    "250": "economic",
    "311": "economic",
    "312": "economic",
    "313": "economic",
    "321": "economic",
    "322": "economic",
    "323": "economic",
    "331": "economic",
    "332": "economic",
    "410": "development",
    "430": "development",
    "510": "economic",
    "520": "humanitarian",
    "530": "economic",
    "600": "economic",
    "720": "humanitarian",
    "730": "humanitarian",
    "740": "humanitarian",
    "910": "other",
    "930": "humanitarian",
    "998": "other",
}


FIELDS = (
    "activity",
    "n",
    "ref",
    "reporting_ref",
    "reporting_name",
    "country",
    "country_count",
    "activity_countries",
    "sector",
    "humanitarian",
    "org_name",
    "org_type",
    "type_code",
    "date",
    "amount",
    "currency",
    "main_code",
    "main_name",
    "regular_code",
    "title",
    "start",
    "end",
)
ISO2_TO_ISO3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries} | {"XK": "XKX"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def detect(path: Path) -> bool:
    if path.suffix.lower() != ".xml":
        return False
    with path.open("rb") as f:
        head = f.read(4096)
    return b"<iati-activities" in head or b"<iati-activity" in head


def _narrative(el: ET.Element | None) -> str:
    if el is None:
        return ""
    texts = [
        (n.get("{http://www.w3.org/XML/1998/namespace}lang", ""), (n.text or "").strip())
        for n in el
        if _local(n.tag) == "narrative"
    ]
    for lang, t in texts:
        if lang.lower() == "en" and t:
            return t
    return next((t for _, t in texts if t), (el.text or "").strip())


def _child(el: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in el if _local(c.tag) == name), None)


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) == name]


def _sector(els: list[ET.Element]) -> str:
    for s in els:
        if s.get("vocabulary", "1") in ("1", "2") and s.get("code"):
            return str(s.get("code"))
    return ""


def _activity_rows(act: ET.Element) -> list[dict[str, Any]]:
    ident_el = _child(act, "iati-identifier")
    ident = (ident_el.text or "").strip() if ident_el is not None else ""
    reporting = _child(act, "reporting-org")
    rep_ref = reporting.get("ref", "") if reporting is not None else ""
    rep_name = _narrative(reporting)
    currency = act.get("default-currency", "")
    humanitarian = act.get("humanitarian", "") in ("1", "true")
    title = _narrative(_child(act, "title"))
    countries = [c.get("code", "") for c in _children(act, "recipient-country")]
    act_sector = _sector(_children(act, "sector"))
    implementer = next(
        (o for o in _children(act, "participating-org") if o.get("role") == "4"), None
    )
    dates = {d.get("type"): d.get("iso-date", "") for d in _children(act, "activity-date")}
    start = dates.get("2") or dates.get("1") or ""
    end = dates.get("4") or dates.get("3") or ""
    rows = []
    for n, tr in enumerate(_children(act, "transaction"), start=1):
        value = _child(tr, "value")
        tcountry = [c.get("code", "") for c in _children(tr, "recipient-country")]
        receiver = _child(tr, "receiver-org")
        org = receiver if receiver is not None and _narrative(receiver) else implementer
        ttype = _child(tr, "transaction-type")
        tdate = _child(tr, "transaction-date")
        account = next((c for c in tr.iter() if _local(c.tag) == "treasury-account"), None)
        main = (
            next((c for c in account.iter() if _local(c.tag) == "main-account"), None)
            if (account is not None)
            else None
        )
        regular = (
            next((c for c in account.iter() if _local(c.tag) == "regular-account"), None)
            if (account is not None)
            else None
        )
        rows.append(
            {
                "activity": ident,
                "n": n,
                "ref": tr.get("ref", ""),
                "reporting_ref": rep_ref,
                "reporting_name": rep_name,
                "country": tcountry[0] if len(tcountry) == 1 else "",
                "country_count": len(tcountry) if tcountry else 0,
                "activity_countries": ";".join(countries),
                "sector": _sector(_children(tr, "sector")) or act_sector,
                "humanitarian": tr.get("humanitarian", "") in ("1", "true") or humanitarian,
                "org_name": _narrative(org),
                "org_type": org.get("type", "") if org is not None else "",
                "type_code": ttype.get("code", "") if ttype is not None else "",
                "date": tdate.get("iso-date", "") if tdate is not None else "",
                "amount": (value.text or "").strip() if value is not None else "",
                "currency": (value.get("currency") if value is not None else None) or currency,
                "main_code": main.get("code", "") if main is not None else "",
                "main_name": (main.text or "").strip() if main is not None else "",
                "regular_code": regular.get("code", "") if regular is not None else "",
                "title": title,
                "start": start,
                "end": end,
            }
        )
    return rows


def read(path: Path, *, options: dict[str, Any] | None = None, **_: Any) -> ReadResult:
    info = new_info(path, ALLOCATIONS.name, NAME)
    records: list[dict[str, Any]] = []
    activities = 0
    try:
        for _event, el in ET.iterparse(path, events=("end",)):
            if _local(el.tag) == "iati-activity":
                activities += 1
                records.extend(_activity_rows(el))
                el.clear()
    except ET.ParseError as exc:
        raise InputError(f"{path}: not well-formed XML ({exc})") from None
    info.notes.append(
        f"{activities} activities, {len(records)} transactions; row = transaction "
        "number in the file"
    )
    info.sheet = None
    info.mapping = {
        "allocation_id": "iati-identifier#transaction number",
        "recipient_country": "transaction recipient-country (else the activity's only one)",
        "amount_usd": "transaction value (USD only)",
        "transaction_type": "transaction-type code (2 -> obligation, 3 -> disbursement, ...)",
        "category": "humanitarian flag, else DAC sector (vocabulary 1)",
        "recipient_name": "receiver-org, else participating-org role 4 (implementing)",
        "account": "usg:treasury-account main-account",
        "agency": "reporting-org",
        "fiscal_year": "transaction-date (U.S. fiscal year)",
    }
    b = pd.DataFrame(records, columns=list(FIELDS)).astype("object")
    act_countries = b["activity_countries"].astype("string").fillna("")
    single = ~act_countries.str.contains(";") & act_countries.ne("")
    code2 = b["country"].astype("string").where(b["country"].ne(""), act_countries.where(single))
    country = code2.str.upper().map(ISO2_TO_ISO3).astype("string").fillna(code2)
    none_named = code2.isna() & act_countries.eq("")
    tdate = pd.to_datetime(b["date"], format="%Y-%m-%d", errors="coerce")
    fy = (tdate.dt.year + (tdate.dt.month >= 10).astype("Int64")).astype("Int64")
    agency = b["reporting_ref"].map(REPORTING_ORGS).astype("string")
    agency = agency.fillna(map_keys(b["reporting_name"].astype("string"), AGENCY_NAMES, "OTHER"))
    acct = map_keys(b["main_name"].astype("string"), ACCOUNT_NAMES)
    acct_code = b["regular_code"].astype("string") + "-" + b["main_code"].astype("string")
    acct = acct.fillna(acct_code.where(b["main_code"].ne("")))
    category = b["sector"].astype("string").str.slice(0, 3).map(DAC_CATEGORIES).astype("string")
    category = category.where(~b["humanitarian"].astype(bool), "humanitarian")
    ttype = b["type_code"].map(TRANSACTION_TYPES).astype("string").fillna("other")
    describe = (
        b["title"].astype("string")
        + " | transaction "
        + b["n"].astype("string")
        + " ref "
        + b["ref"].astype("string")
        + " dated "
        + b["date"].astype("string")
        + " type "
        + b["type_code"].astype("string")
    )
    raw = pd.DataFrame(
        {
            "allocation_id": b["activity"].astype("string") + "#" + b["n"].astype("string"),
            "fiscal_year": fy,
            "agency": agency,
            "account": acct,
            "recipient_country": country,
            "recipient_name": b["org_name"].astype("string").replace("", pd.NA),
            "recipient_type": b["org_type"].map(ORG_TYPES).astype("string"),
            "category": category.fillna("other"),
            "amount_usd": b["amount"],
            "start_date": b["start"],
            "end_date": b["end"],
            "description": describe,
            "transaction_type": ttype,
        }
    )
    not_usd = b["currency"].astype("string").fillna("").str.upper().ne("USD")
    several = country.isna() & act_countries.str.contains(";")
    rejects = [
        RowReject(
            not_usd,
            "amount_usd",
            "currency "
            + b["currency"].astype("string").fillna("(none)")
            + " is not USD; convert before reading (no rate is guessed)",
        ),
        RowReject(
            several,
            "recipient_country",
            "activity has several recipient countries ("
            + act_countries
            + ") and the transaction names none; percentage splits are not applied",
            value=act_countries,
        ),
        RowReject(
            none_named,
            "recipient_country",
            "neither the transaction nor the activity names a recipient country "
            "(regional or global activity)",
        ),
    ]
    count_note(
        info,
        int(b["humanitarian"].astype(bool).sum()),
        "humanitarian flag set: category humanitarian",
    )
    rows = pd.Series(range(1, len(b) + 1), dtype="int64")
    return validate(raw, ALLOCATIONS, info, rows, options=options, rejects=rejects)


register(
    Adapter(
        name=NAME,
        table=ALLOCATIONS.name,
        title="IATI activity XML v2.0x (one row per transaction)",
        detect=detect,
        read=read,
    )
)
