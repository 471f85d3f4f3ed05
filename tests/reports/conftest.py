"""Shared fixtures: the bundled sample checked once, and a small run full of hostile text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conditionality.api import CheckResult, check
from conditionality.reports import write_reports

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "datasets" / "sample"
ALL_FORMATS = ["json", "csv", "xlsx", "html", "md", "clearance"]

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    '=HYPERLINK("http://evil")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
]


def sample_result() -> CheckResult:
    return check(
        [SAMPLE / "allocations.csv", SAMPLE / "allocations_dod.xlsx"],
        SAMPLE / "abuse_records.csv",
        SAMPLE / "country_status.csv",
        SAMPLE / "sanctioned_entities.csv",
        as_of="2024-06-30",
    )


@pytest.fixture(scope="session")
def sample() -> CheckResult:
    return sample_result()


@pytest.fixture(scope="session")
def sample_out(sample: CheckResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample-reports")
    write_reports(sample, out, ALL_FORMATS)
    return out


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def hostile_inputs(folder: Path) -> dict[str, Path]:
    """Allocations, abuse records, a country list and sanctioned entities whose names,
    descriptions, sources and URLs are attack strings, arranged so that every payload shows
    up in a finding or its evidence."""
    alloc_header = [
        "allocation_id",
        "fiscal_year",
        "agency",
        "account",
        "recipient_country",
        "recipient_name",
        "recipient_type",
        "recipient_parent",
        "category",
        "amount_usd",
        "start_date",
        "end_date",
        "description",
        "transaction_type",
    ]
    allocs = []
    for i, payload in enumerate(PAYLOADS, start=1):
        allocs.append(
            [
                f"HOST-{i:04d}",
                "2023",
                "DOS",
                "INCLE",
                "NIC",
                f"{payload} Battalion {i}",
                "security_force_unit",
                "",
                "security",
                str(100000 * i),
                "2023-01-15",
                "2023-09-30",
                payload,
                "obligation",
            ]
        )
    # a recipient named by the payload alone, flagged as a sanctioned entity
    for i, payload in enumerate(PAYLOADS, start=len(PAYLOADS) + 1):
        allocs.append(
            [
                f"HOST-{i:04d}",
                "2023",
                "USAID",
                "DA",
                "NIC",
                payload,
                "private",
                "",
                "development",
                "5000",
                "2023-02-01",
                "2023-09-30",
                payload,
                "obligation",
            ]
        )
    # rows that cannot be read: the payloads land in the input issues, rendered on the server
    for i, payload in enumerate(PAYLOADS, start=2 * len(PAYLOADS) + 1):
        allocs.append(
            [f"HOST-{i:04d}", "2023", "DOS", "ESF", "NIC", payload, "government", "", "economic"]
            + [payload, "2023-01-01", "", payload, "obligation"]
        )
    abuse_header = [
        "record_id",
        "country",
        "perpetrator_name",
        "perpetrator_parent",
        "perpetrator_type",
        "violation_type",
        "event_date",
        "credibility",
        "remediation",
        "source",
        "source_url",
        "description",
    ]
    abuses = [
        [
            f"AR-{i:04d}",
            "NIC",
            f"{payload} Battalion {i}",
            "",
            "security_force_unit",
            "torture",
            "2022-05-01",
            "credible",
            "none",
            payload,
            payload if i % 2 else f"https://example.org/{payload}",
            payload,
        ]
        for i, payload in enumerate(PAYLOADS, start=1)
    ]
    status_header = ["country", "list", "value", "valid_from", "valid_to", "waiver", "source"]
    status = [["NIC", "tip_tier", "3", "2022-10-01", "2023-09-30", "none", PAYLOADS[1]]]
    ent_header = [
        "entity_id",
        "name",
        "aliases",
        "country",
        "program",
        "listed_date",
        "delisted_date",
        "source",
    ]
    ents = [
        [f"ENT-{i}", payload, "", "NIC", payload, "2020-01-01", "", payload]
        for i, payload in enumerate(PAYLOADS, start=1)
    ]
    return {
        "aid": _write(folder / "allocations.csv", alloc_header, allocs),
        "abuses": _write(folder / "abuse_records.csv", abuse_header, abuses),
        "country_status": _write(folder / "country_status.csv", status_header, status),
        "entities": _write(folder / "sanctioned_entities.csv", ent_header, ents),
    }


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[CheckResult, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    files = hostile_inputs(folder)
    result = check(
        files["aid"],
        files["abuses"],
        files["country_status"],
        files["entities"],
        as_of="2024-06-30",
    )
    out = folder / "out"
    write_reports(result, out, ALL_FORMATS)
    return result, out
