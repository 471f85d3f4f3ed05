from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

SAMPLE = ROOT / "datasets" / "sample"
SAMPLE_INPUTS = {
    "aid": [
        SAMPLE / "allocations.csv",
        SAMPLE / "allocations_dod.xlsx",
        SAMPLE / "fmtr_fy2020_excerpt.tsv",
    ],
    "abuses": SAMPLE / "abuse_records.csv",
    "country_status": SAMPLE / "country_status.csv",
    "entities": SAMPLE / "sanctioned_entities.csv",
}


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated dataset (Parquet, CSV and 3 allocation parts)."""
    from generate import generate, write

    folder = tmp_path_factory.mktemp("generated")
    write(generate(6_000, seed=7), folder, csv=True, parts=3)
    return folder


def inputs(folder: Path, suffix: str = "parquet") -> list[Path]:
    tables = ["allocations", "abuse_records", "country_status", "sanctioned_entities"]
    return [folder / f"{t}.{suffix}" for t in tables]
