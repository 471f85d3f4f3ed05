"""Adapters for published formats. Importing this package registers them all.

| name | table | format |
|---|---|---|
| fmtr | allocations | U.S. Foreign Military Training Report (Security Force Monitor TSV/CSV/XLSX) |
| fa-gov | allocations | ForeignAssistance.gov complete CSV |
| iati | allocations | IATI activity XML v2.0x (one row per transaction) |
| crs | allocations | OECD Creditor Reporting System bulk file |
| acled | abuse_records | ACLED event export (2020 and current) |
| ucdp-ged | abuse_records | UCDP Georeferenced Event Dataset (one-sided violence by governments) |
| pts | country_status | Political Terror Scale |
| tip | country_status | TIP report tiers by country and year |
| ofac-sdn | sanctioned_entities | OFAC SDN list sdn.csv (+ alt.csv aliases) |
| opensanctions | sanctioned_entities | OpenSanctions targets.simple.csv |
| ftm | sanctioned_entities | FollowTheMoney / OpenSanctions entities JSON lines |
"""

from __future__ import annotations

import importlib

MODULES = ("fmtr", "fa_gov", "iati", "crs", "acled", "ucdp", "pts", "tip", "ofac", "opensanctions")

for _name in MODULES:
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:  # pragma: no cover - while adapters are being added
        if exc.name != f"{__name__}.{_name}":
            raise
