"""Time every report writer on a large run: 100,000 synthetic allocations (seeded) checked
against the bundled sample's abuse records, country lists and sanctioned entities.

Run: .venv/bin/python bench/report_speed.py [N_ALLOCATIONS]

Prints the time to check and the time and size of each format. The target is every format
written in under a minute for 100,000 allocations.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from conditionality.api import check
from conditionality.reports import WRITERS, _load_optional

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "datasets" / "sample"
FORMATS = ["json", "csv", "xlsx", "html", "md", "clearance"]


def synthetic_allocations(n: int, seed: int = 20240630) -> pd.DataFrame:
    """Allocations shaped like the sample: most clear, a few percent naming listed units."""
    rng = np.random.default_rng(seed)
    sample = pd.read_csv(SAMPLE / "allocations.csv", dtype=str, keep_default_na=False)
    abuses = pd.read_csv(SAMPLE / "abuse_records.csv", dtype=str, keep_default_na=False)
    entities = pd.read_csv(SAMPLE / "sanctioned_entities.csv", dtype=str, keep_default_na=False)
    countries = sorted(set(sample["recipient_country"]) - {"Atlantis", ""})
    generic = [
        "Asociación Comunitaria",
        "Ministerio de Salud",
        "Cooperativa Agrícola",
        "Fundación Educativa",
        "Red de Mujeres",
        "Instituto Nacional",
        "Comité de Desarrollo",
    ]
    kinds = rng.random(n)
    names = np.array([f"{g} {i % 997}" for i, g in enumerate(rng.choice(generic, n))], dtype=object)
    unit = kinds < 0.03
    names[unit] = rng.choice(abuses["perpetrator_name"].to_numpy(), unit.sum())
    listed = (kinds >= 0.03) & (kinds < 0.035)
    names[listed] = rng.choice(entities["name"].to_numpy(), listed.sum())
    security = unit | (kinds > 0.9)
    fy = rng.integers(2019, 2025, n)
    start = pd.to_datetime((fy - 1).astype(str) + "-10-01") + pd.to_timedelta(
        rng.integers(0, 360, n), unit="D"
    )
    agency = np.where(security, rng.choice(["DOS", "DOD"], n), rng.choice(["USAID", "MCC"], n))
    account = np.where(
        security,
        np.where(agency == "DOD", rng.choice(["S333", "EDA"], n), rng.choice(["FMF", "INCLE"], n)),
        rng.choice(["DA", "ESF", "GHP"], n),
    )
    return pd.DataFrame(
        {
            "allocation_id": [f"BENCH-{i:07d}" for i in range(n)],
            "fiscal_year": fy,
            "agency": agency,
            "account": account,
            "recipient_country": rng.choice(countries, n),
            "recipient_name": names,
            "recipient_type": np.where(security, "security_force_unit", "ngo"),
            "recipient_parent": "",
            "category": np.where(security, "security", "development"),
            "amount_usd": rng.integers(10, 50_000, n) * 100,
            "start_date": start.strftime("%Y-%m-%d"),
            "end_date": "",
            "description": "synthetic benchmark row",
            "transaction_type": "obligation",
        }
    )


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 100_000
    _load_optional()
    with tempfile.TemporaryDirectory(prefix="report-speed-") as tmp:
        folder = Path(tmp)
        aid = folder / "allocations.csv"
        synthetic_allocations(n).to_csv(aid, index=False)
        t0 = time.perf_counter()
        result = check(
            aid,
            SAMPLE / "abuse_records.csv",
            SAMPLE / "country_status.csv",
            SAMPLE / "sanctioned_entities.csv",
            as_of="2024-06-30",
        )
        t_check = time.perf_counter() - t0
        print(
            f"{n:,} allocations: checked in {t_check:.1f} s; {len(result.findings):,} findings, "
            f"{len(result.evidence):,} evidence rows"
        )
        out = folder / "out"
        out.mkdir()
        total = 0.0
        for fmt in FORMATS:
            t = time.perf_counter()
            path = WRITERS[fmt](result, out)
            dt = time.perf_counter() - t
            total += dt
            print(f"  {fmt:<10} {dt:6.2f} s  {path.stat().st_size / 1e6:7.1f} MB  {path.name}")
        verdict = "OK" if total < 60 else "TOO SLOW"
        print(f"  all formats {total:.2f} s (target < 60 s): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
