from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "datasets" / "sample"
MINI_IDS = [
    "STATE-2021-0027",  # leahy-state waived (remediation), faa-502b review
    "STATE-2021-0024",  # leahy-state prohibited, sanctioned, tvpa restricted
    "STATE-2019-0002",  # leahy-state prohibited
    "STATE-2021-0028",  # leahy-state review
    "USAID-2019-0009",  # tvpa-tier3 not evaluated
    "USAID-2022-0074",  # tvpa-tier3 review (non-government recipient)
    "TREAS-2023-0001",
    "USAID-2019-0001",  # clear (disbursement)
    "USAID-2019-0002",  # clear
]


@pytest.fixture(scope="session")
def mini(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A few sample allocations (with the full sample evidence), fast to check."""
    d = tmp_path_factory.mktemp("mini")
    a = pd.read_csv(SAMPLE / "allocations.csv", dtype=str, keep_default_na=False)
    a[a["allocation_id"].isin(MINI_IDS)].to_csv(d / "allocations.csv", index=False)
    return {
        "aid": d / "allocations.csv",
        "abuses": SAMPLE / "abuse_records.csv",
        "country_status": SAMPLE / "country_status.csv",
        "entities": SAMPLE / "sanctioned_entities.csv",
    }


def mini_args(m: dict[str, Path]) -> list[str]:
    return [
        "--aid", str(m["aid"]),
        "--abuses", str(m["abuses"]),
        "--country-status", str(m["country_status"]),
        "--entities", str(m["entities"]),
        "--as-of", "2024-06-30",
    ]  # fmt: skip
