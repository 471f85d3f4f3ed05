"""Generate the bundled sample scenario in datasets/sample/.

Run `.venv/bin/python datasets/sample/make_sample.py`. The script is deterministic: it seeds one
random.Random, fixes every timestamp (including the XLSX zip entries), and rewrites all files
byte-identically on every run.

The scenario is made of two kinds of rows:
- designed cases: each one is built for a reason (a rule must fire, or a near-miss must not);
- filler: plausible allocations, drawn at random and kept only if they are clear under every rule
  (apart from a capped number of FAA 502B reviews, which real security assistance to high-PTS
  countries produces).
The expected results are not written by hand: `evaluate()` below is a small reference
implementation of the shipped rules' semantics, run over the scenario with the true identity of
every unit (which the generator knows because it created the names).

Real rows (TIP tiers, CSPA list, PTS scores, a few OFAC SDN entries) are embedded as literals so
the script needs nothing outside the repository. Abuse records and rows whose source says
ILLUSTRATIVE are invented: they are not real allegations or determinations.
"""

from __future__ import annotations

import csv
import io
import random
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

SEED = 20240630
AS_OF = date(2024, 6, 30)
FIXED_TS = datetime(2024, 6, 30, 12, 0, 0)
OUT = Path(__file__).resolve().parent

ILLUSTRATIVE = "ILLUSTRATIVE sample row - not a real determination"
ILLUSTRATIVE_ENTITY = "ILLUSTRATIVE sample entity - fictional, not a real designation"
OFAC_SOURCE = "OFAC SDN list, U.S. Treasury, snapshot 2024-05-03"
PTS_SOURCE = (
    "Political Terror Scale 2024 release (Gibney, Cornett, Wood, Haschke, Arnon, Pisano, Barrett,"
    " Park; politicalterrorscale.org); value = max of PTS_A, PTS_H, PTS_S"
)

COUNTRIES = ["GTM", "HND", "SLV", "MEX", "COL", "NIC", "VEN", "HTI", "ECU", "PER", "DOM"]
GROSS = {"extrajudicial_killing", "torture", "enforced_disappearance", "rape"}
CSPA_ACCOUNTS = {"FMF", "IMET", "PKO", "EDA"}
SEVERITY = {"prohibited": 4, "restricted": 3, "review": 2, "waived": 1, "not_evaluated": 0}
RULES = [
    "leahy-state",
    "leahy-dod",
    "unvettable-recipient",
    "cspa",
    "tvpa-tier3",
    "coup-7008",
    "faa-502b",
    "sanctioned-recipient",
]
TIER_VALUE = {"Tier 1": "1", "Tier 2": "2", "Tier 2 Watch List": "2WL", "Tier 3": "3"}

# Copied from the project's reference list tip_tiers.csv (State Dept TIP reports via the
# sources named in each row). (country, report_year, tier, source)
REAL_TIP = [
    (
        "COL",
        2018,
        "Tier 1",
        (
            "https://www.refworld.org/reference/annualreport/usdos/2018/en/121269 ;"
            " https://www.ecoi.net/en/document/1437436.html"
        ),
    ),
    (
        "COL",
        2020,
        "Tier 1",
        (
            "http://www.gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted"
            " from ... TIP Report, 25 June 2020', Tier 1/Tier 2 lists)"
        ),
    ),
    (
        "COL",
        2022,
        "Tier 1",
        (
            "http://gvnet.com/humantrafficking/Colombia-2.htm [derived: the 2023 "
            "narrative says 'remained on' this tier]"
        ),
    ),
    (
        "COL",
        2023,
        "Tier 1",
        (
            "http://gvnet.com/humantrafficking/Colombia-2.htm ; "
            "https://gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted "
            "from ... TIP Report, June 2023', Tier 1/Tier 2 lists)"
        ),
    ),
    (
        "DOM",
        2018,
        "Tier 2",
        ("https://www.state.gov/reports/2018-trafficking-in-persons-report/dominican-republic/"),
    ),
    (
        "DOM",
        2020,
        "Tier 2 Watch List",
        (
            "https://dr1.com/a/5536181 (2020 report of 25 June 2020: 'downgraded to"
            " Tier 2 Watch List')"
        ),
    ),
    (
        "DOM",
        2023,
        "Tier 2 Watch List",
        (
            "http://gvnet.com/humantrafficking/DominicanRepublic-2.htm (2023 "
            "narrative: 'downgraded to Tier 2 Watch List')"
        ),
    ),
    ("ECU", 2018, "Tier 2", "https://www.ecoi.net/en/document/362142"),
    ("ECU", 2019, "Tier 2", "https://www.ecoi.net/de/dokument/2010795.html"),
    (
        "ECU",
        2020,
        "Tier 2",
        (
            "https://www.ecoi.net/en/document/2036253.html ; "
            "http://www.gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted"
            " from ... TIP Report, 25 June 2020', Tier 1/Tier 2 lists)"
        ),
    ),
    (
        "ECU",
        2021,
        "Tier 2",
        (
            "https://thefederalnewswire.com/stories/627998354-2021-trafficking-in-p"
            "ersons-report-ecuador"
        ),
    ),
    ("ECU", 2022, "Tier 2", "https://www.ecoi.net/en/document/2077656.html"),
    (
        "ECU",
        2023,
        "Tier 2",
        (
            "http://gvnet.com/humantrafficking/Ecuador-2.htm ; "
            "https://gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted "
            "from ... TIP Report, June 2023', Tier 1/Tier 2 lists)"
        ),
    ),
    (
        "GTM",
        2019,
        "Tier 2",
        (
            "https://www.ecoi.net/en/document/2036276.html [derived: the 2020 "
            "narrative says 'remained on' this tier]"
        ),
    ),
    (
        "GTM",
        2020,
        "Tier 2",
        (
            "https://www.ecoi.net/en/document/2036276.html ; "
            "http://www.gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted"
            " from ... TIP Report, 25 June 2020', Tier 1/Tier 2 lists)"
        ),
    ),
    ("GTM", 2021, "Tier 2", "https://www.ecoi.net/en/document/2055194.html"),
    (
        "GTM",
        2022,
        "Tier 2",
        (
            "https://www.ecoi.net/de/dokument/2077613.html ; "
            "https://digitalcommons.fiu.edu/srhreports/toc/toc/165/"
        ),
    ),
    (
        "GTM",
        2023,
        "Tier 2",
        (
            "https://www.state.gov/reports/2023-trafficking-in-persons-report/guate"
            "mala/ ; http://gvnet.com/humantrafficking/Guatemala-2.htm ; "
            "https://gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted "
            "from ... TIP Report, June 2023', Tier 1/Tier 2 lists)"
        ),
    ),
    ("HND", 2018, "Tier 2", "https://www.ecoi.net/de/dokument/1437582.html"),
    (
        "HND",
        2019,
        "Tier 2",
        (
            "https://www.state.gov/reports/2020-trafficking-in-persons-report/hondu"
            "ras/ [derived: the 2020 narrative says 'remained on' this tier]"
        ),
    ),
    (
        "HND",
        2020,
        "Tier 2",
        (
            "https://www.state.gov/reports/2020-trafficking-in-persons-report/hondu"
            "ras/ ; http://www.gvnet.com/humantrafficking/00-Ratings.htm (version "
            "'Adapted from ... TIP Report, 25 June 2020', Tier 1/Tier 2 lists)"
        ),
    ),
    (
        "HND",
        2021,
        "Tier 2",
        (
            "https://www.ecoi.net/en/document/2077617.html [derived: the 2022 "
            "narrative says 'remained on' this tier]"
        ),
    ),
    ("HND", 2022, "Tier 2", "https://www.ecoi.net/en/document/2077617.html"),
    (
        "HND",
        2023,
        "Tier 2",
        (
            "https://statenewswire.com/stories/644527274-2023-trafficking-in-person"
            "s-report-honduras ; http://gvnet.com/humantrafficking/Honduras-2.htm ;"
            " https://gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted "
            "from ... TIP Report, June 2023', Tier 1/Tier 2 lists)"
        ),
    ),
    (
        "HTI",
        2019,
        "Tier 2",
        (
            "http://gvnet.com/humantrafficking/Haiti-2.htm (version extracted from "
            "2020 TIP report) [derived: the 2020 narrative says 'remained on' this "
            "tier]"
        ),
    ),
    (
        "HTI",
        2020,
        "Tier 2",
        (
            "http://gvnet.com/humantrafficking/Haiti-2.htm (version extracted from "
            "2020 TIP report) ; "
            "http://www.gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted"
            " from ... TIP Report, 25 June 2020', Tier 1/Tier 2 lists)"
        ),
    ),
    (
        "HTI",
        2021,
        "Tier 2 Watch List",
        (
            "https://www.ecoi.net/en/document/2077615.html [derived: 2022 narrative"
            " says 'remained on Tier 2 Watch List for the second consecutive year']"
            " CONFLICT: http://haitiinnovation.org/taxonomy/term/2003 (2021-07-06 "
            "post) calls Haiti 'Tier 2'"
        ),
    ),
    ("HTI", 2022, "Tier 2 Watch List", "https://www.ecoi.net/en/document/2077615.html"),
    (
        "HTI",
        2023,
        "Tier 2 Watch List",
        (
            "http://gvnet.com/humantrafficking/Haiti-2.htm ; "
            "https://haitiinnovation.org/node/919 (waiver from automatic downgrade;"
            " 'third consecutive year')"
        ),
    ),
    ("MEX", 2018, "Tier 2", "https://mx.usembassy.gov/2018-trafficking-in-persons-report-mexico/"),
    (
        "MEX",
        2019,
        "Tier 2",
        ("https://www.state.gov/reports/2019-trafficking-in-persons-report-2/mexico/"),
    ),
    (
        "MEX",
        2020,
        "Tier 2",
        (
            "https://www.ecoi.net/de/dokument/2036321.html ; "
            "http://www.gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted"
            " from ... TIP Report, 25 June 2020', Tier 1/Tier 2 lists)"
        ),
    ),
    (
        "MEX",
        2021,
        "Tier 2",
        ("https://www.state.gov/reports/2021-trafficking-in-persons-report/mexico/"),
    ),
    (
        "MEX",
        2022,
        "Tier 2",
        (
            "https://statenewswire.com/stories/644531597-2023-trafficking-in-person"
            "s-report-mexico [derived: the 2023 narrative says 'remained on' this "
            "tier]"
        ),
    ),
    (
        "MEX",
        2023,
        "Tier 2",
        (
            "https://statenewswire.com/stories/644531597-2023-trafficking-in-person"
            "s-report-mexico ; http://gvnet.com/humantrafficking/Mexico-2.htm ; "
            "https://gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted "
            "from ... TIP Report, June 2023', Tier 1/Tier 2 lists)"
        ),
    ),
    (
        "NIC",
        2018,
        "Tier 2 Watch List",
        ("https://www.state.gov/reports/2018-trafficking-in-persons-report/nicaragua/"),
    ),
    (
        "NIC",
        2020,
        "Tier 3",
        (
            "https://www.ecoi.net/en/document/2036332.html (2020 narrative: "
            "'downgraded to Tier 3') ; https://regulations.justia.com/regulations/f"
            "edreg/2020/11/06/2020-24894.html (PD 2020-12, FY2021 sec. 110(d) "
            "restrictions)"
        ),
    ),
    (
        "NIC",
        2021,
        "Tier 3",
        (
            "https://www.state.gov/reports/2022-trafficking-in-persons-report/nicar"
            "agua/ [derived: the 2022 narrative says 'remained on' this tier] ; htt"
            "ps://govmemo.com/scotland/foreign_affairs_c61/memorandum_on_the_pr..._"
            "d3565id.shtml (PD 2022-06, FY2022 sec. 110(d)(1)(A)(ii))"
        ),
    ),
    (
        "NIC",
        2022,
        "Tier 3",
        (
            "https://www.state.gov/reports/2022-trafficking-in-persons-report/nicar"
            "agua/ ; https://regulations.justia.com/regulations/fedreg/2022/10/24/2"
            "022-23262.html (PD 2023-02)"
        ),
    ),
    ("NIC", 2023, "Tier 3", "http://gvnet.com/humantrafficking/Nicaragua-2.htm"),
    (
        "PER",
        2018,
        "Tier 2",
        (
            "https://www.ecoi.net/en/document/2010888.html [derived: the 2019 "
            "narrative says 'remained on' this tier]"
        ),
    ),
    ("PER", 2019, "Tier 2", "https://www.ecoi.net/en/document/2010888.html"),
    (
        "PER",
        2020,
        "Tier 2",
        (
            "http://www.gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted"
            " from ... TIP Report, 25 June 2020', Tier 1/Tier 2 lists) ; "
            "https://www.ecoi.net/en/document/2055261.html [derived: the 2021 "
            "narrative says 'remained on' this tier]"
        ),
    ),
    ("PER", 2021, "Tier 2", "https://www.ecoi.net/en/document/2055261.html"),
    (
        "PER",
        2022,
        "Tier 2",
        (
            "http://gvnet.com/humantrafficking/Peru-2.htm [derived: the 2023 "
            "narrative says 'remained on' this tier]"
        ),
    ),
    (
        "PER",
        2023,
        "Tier 2",
        (
            "http://gvnet.com/humantrafficking/Peru-2.htm ; "
            "https://gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted "
            "from ... TIP Report, June 2023', Tier 1/Tier 2 lists)"
        ),
    ),
    ("SLV", 2018, "Tier 2", "https://sv.usembassy.gov/our-relationship/official-reports/tip_2018/"),
    ("SLV", 2019, "Tier 2", "https://sv.usembassy.gov/our-relationship/official-reports/tip_2019/"),
    (
        "SLV",
        2020,
        "Tier 2",
        (
            "http://www.gvnet.com/humantrafficking/00-Ratings.htm (version 'Adapted"
            " from ... TIP Report, 25 June 2020', Tier 1/Tier 2 lists)"
        ),
    ),
    (
        "SLV",
        2022,
        "Tier 2 Watch List",
        (
            "https://www.ecoi.net/en/document/2077608.html (2022 narrative: "
            "'downgraded to Tier 2 Watch List')"
        ),
    ),
    (
        "SLV",
        2023,
        "Tier 2 Watch List",
        (
            "http://gvnet.com/humantrafficking/ElSalvador-2.htm (2023 narrative: "
            "'remained on Tier 2 Watch List')"
        ),
    ),
    (
        "VEN",
        2018,
        "Tier 3",
        (
            "https://regulations.vlex.com/vid/presidential-determination-with-respe"
            "ct-774573893 (PD 2019-05, FY2019 sec. 110(d)(1)(A)(i))"
        ),
    ),
    (
        "VEN",
        2019,
        "Tier 3",
        (
            "http://gvnet.com/humantrafficking/Venezuela-2.htm (version extracted "
            "from 2020 TIP report) [derived: the 2020 narrative says 'remained on' "
            "this tier]"
        ),
    ),
    (
        "VEN",
        2020,
        "Tier 3",
        (
            "http://gvnet.com/humantrafficking/Venezuela-2.htm (version extracted "
            "from 2020 TIP report)"
        ),
    ),
    (
        "VEN",
        2022,
        "Tier 3",
        (
            "http://gvnet.com/humantrafficking/Venezuela-2.htm (version extracted "
            "from 2023 TIP report) [derived: the 2023 narrative says 'remained on' "
            "this tier]"
        ),
    ),
    (
        "VEN",
        2023,
        "Tier 3",
        (
            "http://gvnet.com/humantrafficking/Venezuela-2.htm (version extracted "
            "from 2023 TIP report)"
        ),
    ),
]
# Copied from the project's reference list cspa_list.csv. (country, fiscal_year, waiver, source)
REAL_CSPA = [
    (
        "VEN",
        2022,
        "unknown",
        (
            "https://www.siasat.pk/threads/us-adds-pakistan-turkey-to-child-soldier"
            "-recruiter-list.791191/ ; https://www.latestly.com/agency-news/world-n"
            "ews-pakistan-turkey-added-to-us-child-soldier-recruiter-list-2604542.h"
            "tml"
        ),
    ),
    ("VEN", 2023, "unknown", "https://www.stimson.org/2022/the-2022-cspa-list-at-a-glance/"),
]

# Political Terror Scale 2024 release, rows for the sample countries, 2018-2023:
# (year, PTS_A, PTS_H, PTS_S); None = NA in the source. DOM 2018 is left out on purpose (see
# OMITTED_PTS) so that the "no PTS value at all" path of FAA 502B shows.
REAL_PTS = {
    "GTM": [
        (2018, None, 2, 3),
        (2019, 3, 2, 3),
        (2020, 3, 2, 3),
        (2021, 3, 2, 3),
        (2022, 2, 2, 3),
        (2023, 2, 2, 2),
    ],
    "HND": [
        (2018, None, 3, 3),
        (2019, 4, 3, 3),
        (2020, 2, 3, 3),
        (2021, 3, 3, 3),
        (2022, 3, 3, 3),
        (2023, 3, 3, 3),
    ],
    "SLV": [
        (2018, None, 3, 3),
        (2019, 2, 3, 3),
        (2020, 3, 4, 3),
        (2021, 2, 3, 3),
        (2022, 4, 4, 4),
        (2023, 3, 4, 4),
    ],
    "MEX": [
        (2018, None, 4, 4),
        (2019, 4, 4, 4),
        (2020, 4, 4, 4),
        (2021, 4, 4, 4),
        (2022, 4, 4, 4),
        (2023, 4, 4, 4),
    ],
    "COL": [
        (2018, None, 3, 3),
        (2019, 4, 3, 3),
        (2020, 4, 3, 3),
        (2021, 4, 3, 3),
        (2022, 4, 3, 3),
        (2023, 3, 3, 3),
    ],
    "NIC": [
        (2018, None, 4, 4),
        (2019, 4, 3, 4),
        (2020, 3, 3, 4),
        (2021, 3, 3, 4),
        (2022, 3, 3, 4),
        (2023, 3, 3, 4),
    ],
    "VEN": [
        (2018, None, 4, 4),
        (2019, 5, 4, 5),
        (2020, 5, 5, 5),
        (2021, 4, 5, 5),
        (2022, 5, 4, 4),
        (2023, 5, 4, 4),
    ],
    "HTI": [
        (2018, None, 2, 2),
        (2019, 4, 2, 3),
        (2020, None, 3, 3),
        (2021, 4, 3, 3),
        (2022, 4, 3, 3),
        (2023, 2, 3, 3),
    ],
    "ECU": [
        (2018, None, 2, 2),
        (2019, 3, 2, 2),
        (2020, 1, 2, 2),
        (2021, 1, 2, 2),
        (2022, 3, 3, 2),
        (2023, 3, 2, 2),
    ],
    "PER": [
        (2018, None, 2, 2),
        (2019, 1, 3, 2),
        (2020, 2, 3, 3),
        (2021, 2, 3, 2),
        (2022, 2, 3, 3),
        (2023, 3, 3, 3),
    ],
    "DOM": [
        (2018, None, None, 3),
        (2019, 2, None, 4),
        (2020, 3, None, 3),
        (2021, 1, None, 3),
        (2022, 2, None, 3),
        (2023, 2, None, 3),
    ],
}
OMITTED_PTS = {("DOM", 2018)}


# Real OFAC SDN entries (public domain), copied from sdn.csv / alt.csv of 2024-05-03. The SDN file
# carries no designation date; listed_date comes from the Treasury action named in `date_ref`.
# (ent_num, name, aliases, country, program, listed_date, date_ref)
REAL_SDN = [
    (
        "27964",
        "NICARAGUAN NATIONAL POLICE",
        ["NNP", "POLICIA NACIONAL DE NICARAGUA"],
        "NIC",
        "NICARAGUA;NICARAGUA-NHRAA",
        "2020-03-05",
        "OFAC designation of 2020-03-05 (E.O. 13851 / NHRAA)",
    ),
    (
        "26549",
        "BANCO CORPORATIVO SA",
        ["BANCORP", "BANCO NATIONAL", "NATIONAL BANK"],
        "NIC",
        "NICARAGUA",
        "2019-04-17",
        "OFAC designation of 2019-04-17 (E.O. 13851)",
    ),
    (
        "29684",
        "COOPERATIVA DE AHORRO Y CREDITO CAJA RURAL NACIONAL RL",
        ["CARUNA RL"],
        "NIC",
        "NICARAGUA",
        "2020-10-09",
        "OFAC designation of 2020-10-09 (E.O. 13851)",
    ),
    (
        "26367",
        "PETROLEOS DE VENEZUELA, S.A.",
        [
            "PDVSA",
            "PETROLEOS DE VENEZUELA S.A",
            "REFINERIA EL PALITO",
            "PETROLEOS DE VENEZUELA S A",
        ],
        "VEN",
        "VENEZUELA-EO13850",
        "2019-01-28",
        "OFAC designation of 2019-01-28 (E.O. 13850)",
    ),
    (
        "25139",
        "IYARI",
        [
            "IYARI DISENO DE COLECCION HUICHOL",
            "IYARI ALTO DISENO HUICHOL",
            "IYARI DISENO Y MODA ETNICO",
        ],
        "MEX",
        "GLOMAG",
        "2019-05-17",
        "OFAC Global Magnitsky action of 2019-05-17 (Sandoval Castaneda network)",
    ),
]

# Fictional entities. (key, name, aliases, country, program, listed, delisted)
ILLUSTRATIVE_SDN = [
    (
        "istmo",
        "Servicios Logísticos del Istmo, S.A.",
        ["SERLOGISTMO"],
        "GTM",
        "GLOMAG",
        "2021-06-15",
        "",
    ),
    (
        "caribe",
        "Asesores Técnicos del Caribe S.R.L.",
        ["ATC Caribe", "Asesores Tecnicos Caribe"],
        "",
        "GLOMAG;SDNTK",
        "2020-09-01",
        "",
    ),
    (
        "cordillera",
        "Inversiones Cordillera Azul S.A.S.",
        [],
        "COL",
        "SDNTK",
        "2019-02-01",
        "2021-08-31",
    ),
    (
        "valledelsol",
        "Constructora Valle del Sol, S.A. de C.V.",
        [],
        "MEX",
        "GLOMAG",
        "2022-04-20",
        "",
    ),
    ("fronterizos", "Transportes Fronterizos del Norte", [], "HND", "SDNTK", "2018-07-12", ""),
    ("motagua", "Agroexportadora Río Motagua, S.A.", [], "GTM", "GLOMAG", "2022-12-09", ""),
    ("andina", "Comercializadora Andina del Pacífico S.A.C.", [], "PER", "SDNTK", "2021-11-03", ""),
    (
        "orinoco",
        "Grupo Financiero Orinoco C.A.",
        ["GFO"],
        "VEN",
        "VENEZUELA-EO13850",
        "2019-08-05",
        "",
    ),
    ("centinela", "Seguridad Privada Centinela Ltda.", [], "COL", "SDNTK", "2020-06-18", ""),
    ("bahia", "Inmobiliaria Bahía Azul, S.A.", [], "SLV", "GLOMAG", "2021-12-07", ""),
    (
        "progreso",
        "Fundación Progreso Comunitario del Sur",
        [],
        "NIC",
        "NICARAGUA",
        "2022-06-17",
        "",
    ),
    ("escondido", "Minera Cerro Escondido, S.A.", [], "HND", "GLOMAG", "2023-03-02", ""),
    ("ejemplo1", "EJEMPLO MARTINEZ, Rodrigo Andres", [], "GTM", "GLOMAG", "2021-07-01", ""),
    ("ejemplo2", "MUESTRA SALAZAR, Ana Lucia", [], "SLV", "GLOMAG", "2022-12-09", ""),
    ("ejemplo3", "FICTICIO ROJAS, Hector Manuel", ["EL EJEMPLO"], "MEX", "SDNTK", "2019-10-10", ""),
    ("fonseca", "Naviera Golfo de Fonseca S. de R.L.", [], "HND", "SDNTK", "2020-02-25", ""),
    ("quisqueya", "Distribuidora Quisqueya del Este SRL", [], "DOM", "GLOMAG", "2021-12-10", ""),
    ("sierramadre", "Consorcio Vial Sierra Madre", [], "MEX", "GLOMAG", "2020-11-16", ""),
    ("aereos", "Servicios Aéreos del Caribe Haitiano S.A.", [], "HTI", "GLOMAG", "2022-11-04", ""),
    (
        "guayas",
        "Comercial Guayas Importaciones C. Ltda.",
        [],
        "ECU",
        "GLOMAG",
        "2023-01-12",
        "2024-02-01",
    ),
]


def norm(name: str | None) -> str:
    """The core engine's normalization: case, accents, punctuation and spacing only."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def d(s: str) -> date:
    return date.fromisoformat(s)


def fy_start(fy: int) -> date:
    return date(fy - 1, 10, 1)


def fy_end(fy: int) -> date:
    return date(fy, 9, 30)


def fy_of(day: date) -> int:
    return day.year + 1 if day.month >= 10 else day.year


# ---------------------------------------------------------------------------------------------
# Tables as plain records


@dataclass
class Status:
    country: str
    list: str
    value: str
    valid_from: date
    valid_to: date | None
    waiver: str
    source: str
    status_id: str


@dataclass
class Record:
    record_id: str
    unit: str  # true identity of the perpetrator (generator only)
    country: str
    perpetrator_name: str
    perpetrator_parent: str
    violation_type: str
    event_date: date
    credibility: str
    remediation: str
    source: str
    source_url: str
    description: str


@dataclass
class Entity:
    entity_id: str
    key: str
    name: str
    aliases: list[str]
    country: str
    program: str
    listed_date: date | None
    delisted_date: date | None
    source: str


@dataclass
class Alloc:
    agency: str
    fiscal_year: int
    account: str
    country: str
    recipient_name: str
    recipient_type: str
    category: str
    amount: float
    start: date | None
    end: date | None
    description: str
    recipient_parent: str = ""
    transaction_type: str = "obligation"
    unit: str = ""  # true identity of a security-force unit (generator only)
    entity: str = ""  # true identity of a sanctioned entity (generator only)
    intent: str = ""
    clear: list[tuple[str, str]] = field(default_factory=list)
    country_written: str = ""  # how recipient_country is written in the file
    raw_override: dict[str, str] = field(default_factory=dict)  # for rows the reader rejects
    reject: str = ""
    designed: bool = False
    allocation_id: str = ""

    @property
    def day(self) -> date:
        return self.start or fy_start(self.fiscal_year)


# ---------------------------------------------------------------------------------------------
# Country status


def build_status() -> list[Status]:
    rows: list[Status] = []
    for country, year, tier, source in REAL_TIP:
        fy = year + 1
        rows.append(
            Status(
                country,
                "tip_tier",
                TIER_VALUE[tier],
                fy_start(fy),
                fy_end(fy),
                "",
                f"TIP report {year} ({tier}); {source}",
                f"tip_tier-{country}-FY{fy}",
            )
        )
    # Illustrative TIP rows fill two real gaps (no tier found for HTI 2018 or DOM 2021).
    rows.append(
        Status(
            "HTI",
            "tip_tier",
            "3",
            fy_start(2019),
            fy_end(2019),
            "partial",
            ILLUSTRATIVE,
            "tip_tier-HTI-FY2019",
        )
    )
    rows.append(
        Status(
            "DOM",
            "tip_tier",
            "3",
            fy_start(2022),
            fy_end(2022),
            "full",
            ILLUSTRATIVE,
            "tip_tier-DOM-FY2022",
        )
    )
    for country, fy, waiver, source in REAL_CSPA:
        rows.append(
            Status(
                country,
                "cspa",
                "listed",
                fy_start(fy),
                fy_end(fy),
                waiver,
                f"CSPA list in the {fy - 1} TIP report; {source}",
                f"cspa-{country}-FY{fy}",
            )
        )
    for country, fy, waiver in [
        ("HTI", 2023, "none"),
        ("HND", 2020, "full"),
        ("PER", 2022, "partial"),
    ]:
        rows.append(
            Status(
                country,
                "cspa",
                "listed",
                fy_start(fy),
                fy_end(fy),
                waiver,
                ILLUSTRATIVE,
                f"cspa-{country}-FY{fy}",
            )
        )
    rows.append(
        Status(
            "ECU",
            "coup",
            "determined",
            d("2021-03-01"),
            d("2021-12-31"),
            "",
            ILLUSTRATIVE,
            "coup-ECU-2021-03-01",
        )
    )
    for country in COUNTRIES:
        for year, a, h, s in REAL_PTS[country]:
            if (country, year) in OMITTED_PTS:
                continue
            scores = [v for v in (a, h, s) if v is not None]
            shown = "/".join("NA" if v is None else str(v) for v in (a, h, s))
            rows.append(
                Status(
                    country,
                    "pts",
                    str(max(scores)),
                    date(year, 1, 1),
                    date(year, 12, 31),
                    "",
                    f"{PTS_SOURCE} (A/H/S = {shown})",
                    f"pts-{country}-{year}",
                )
            )
    order = {"cspa": 0, "tip_tier": 1, "coup": 2, "pts": 3}
    rows.sort(key=lambda r: (order[r.list], r.country, r.valid_from))
    return rows


# ---------------------------------------------------------------------------------------------
# Sanctioned entities


def build_entities() -> list[Entity]:
    out: list[Entity] = []
    for ent, name, aliases, country, program, listed, ref in REAL_SDN:
        out.append(
            Entity(
                f"OFAC-{ent}",
                f"ofac-{ent}",
                name,
                aliases,
                country,
                program,
                d(listed),
                None,
                f"{OFAC_SOURCE} (ent_num {ent}); listed_date: {ref}",
            )
        )
    for i, (key, name, aliases, country, program, listed, delisted) in enumerate(ILLUSTRATIVE_SDN):
        out.append(
            Entity(
                f"ILL-{i + 1:03d}",
                key,
                name,
                aliases,
                country,
                program,
                d(listed),
                d(delisted) if delisted else None,
                ILLUSTRATIVE_ENTITY,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Abuse records (all illustrative)

ILL_SOURCE = "Illustrative sample record (fictional; not a real allegation)"

# Designed records: (unit, country, name, parent, violation, date, credibility, remediation)
DESIGNED_RECORDS = [
    (
        "mx-bim3",
        "MEX",
        "BATALLON DE INFANTERIA DE MARINA NO 3",
        "SEMAR",
        "torture",
        "2019-05-14",
        "credible",
        "none",
    ),
    (
        "mx-105bi",
        "MEX",
        "105/o. Btn. Inf.",
        "SEDENA",
        "extrajudicial_killing",
        "2020-08-03",
        "alleged",
        "investigating",
    ),
    (
        "hn-3bi",
        "HND",
        "3er. Batallón de Infantería",
        "Ejército de Honduras",
        "extrajudicial_killing",
        "2021-02-11",
        "credible",
        "none",
    ),
    (
        "hn-fusina",
        "HND",
        "FUERZA NACIONAL DE SEGURIDAD INTERINSTITUCIONAL",
        "Secretaría de Seguridad",
        "extrajudicial_killing",
        "2022-07-19",
        "alleged",
        "investigating",
    ),
    (
        "gt-pnc",
        "GTM",
        "Policía Nacional Civil",
        "Ministerio de Gobernación",
        "torture",
        "2020-10-05",
        "alleged",
        "none",
    ),
    (
        "sv-pnc",
        "SLV",
        "Policía Nacional Civil",
        "Ministerio de Justicia y Seguridad Pública",
        "arbitrary_detention",
        "2022-06-10",
        "credible",
        "none",
    ),
    (
        "sv-umo",
        "SLV",
        "Unidad de Mantenimiento del Orden",
        "",
        "torture",
        "2019-03-22",
        "credible",
        "remediated",
    ),
    (
        "sv-gcc",
        "SLV",
        "Grupo Conjunto Cuscatlán",
        "Fuerza Armada de El Salvador",
        "extrajudicial_killing",
        "2019-09-02",
        "credible",
        "remediated",
    ),
    (
        "sv-gcc",
        "SLV",
        "GRUPO CONJUNTO CUSCATLAN",
        "Fuerza Armada de El Salvador",
        "torture",
        "2021-10-14",
        "alleged",
        "none",
    ),
    (
        "co-bi21",
        "COL",
        "Batallón de Infantería No. 21",
        "Ejército Nacional de Colombia",
        "enforced_disappearance",
        "2020-09-18",
        "confirmed",
        "prosecuted",
    ),
    (
        "pe-bcts34",
        "PER",
        "Batallón Contraterrorista No. 34",
        "Ejército del Perú",
        "arbitrary_detention",
        "2021-05-03",
        "confirmed",
        "none",
    ),
    (
        "pe-bcts313",
        "PER",
        "Batallón Contraterrorista No. 313",
        "Ejército del Perú",
        "torture",
        "2023-01-15",
        "credible",
        "none",
    ),
    (
        "ht-boid",
        "HTI",
        "Brigade d'Opération et d'Intervention Départementale",
        "Police Nationale d'Haïti",
        "extrajudicial_killing",
        "2022-04-27",
        "credible",
        "none",
    ),
    (
        "ec-gir",
        "ECU",
        "Grupo de Intervención y Rescate",
        "Policía Nacional del Ecuador",
        "extrajudicial_killing",
        "2023-02-08",
        "alleged",
        "none",
    ),
    (
        "ni-nnp",
        "NIC",
        "Policía Nacional de Nicaragua",
        "Ministerio de Gobernación",
        "extrajudicial_killing",
        "2018-06-16",
        "credible",
        "none",
    ),
]

# Units that appear only in abuse records (no allocation goes to them). Their names are chosen not
# to resemble any allocation recipient in the same country.
RECORD_ONLY_UNITS = {
    "MEX": [
        ("Policía Estatal de Tamaulipas", "Secretaría de Seguridad Pública de Tamaulipas"),
        ("65/o. Batallón de Infantería", "SEDENA"),
        ("Policía Estatal de Zacatecas", "Secretaría de Seguridad Pública de Zacatecas"),
        ("Policía Ministerial del Estado de Veracruz", "Fiscalía General del Estado"),
    ],
    "GTM": [
        ("Comisaría 14", "Policía Nacional Civil"),
        ("Brigada de Fuerzas Especiales Kaibil", "Ejército de Guatemala"),
    ],
    "HND": [
        ("Dirección Policial de Investigaciones", "Policía Nacional de Honduras"),
        ("Policía Militar del Orden Público, 7o. Batallón", "Fuerzas Armadas de Honduras"),
        ("Tigres", "Policía Nacional de Honduras"),
    ],
    "SLV": [
        ("Centro Penal de Izalco, custodios", "Dirección General de Centros Penales"),
        ("Batallón de Seguridad Especial", "Fuerza Armada de El Salvador"),
    ],
    "COL": [
        ("Fuerza de Tarea Conjunta Omega", "Comando General de las Fuerzas Militares"),
        ("Batallón de Alta Montaña No. 9", "Ejército Nacional de Colombia"),
        ("Gaula Militar Casanare", "Ejército Nacional de Colombia"),
    ],
    "NIC": [("Dirección de Operaciones Especiales Policiales", "Policía Nacional de Nicaragua")],
    "VEN": [
        ("Fuerzas de Acciones Especiales (FAES)", "Policía Nacional Bolivariana"),
        ("Dirección General de Contrainteligencia Militar", "FANB"),
        ("Guardia Nacional Bolivariana, Destacamento 411", "FANB"),
    ],
    "HTI": [("Unité Départementale de Maintien d'Ordre, Ouest", "Police Nationale d'Haïti")],
    "ECU": [("Centro de Rehabilitación Social Guayas No. 1, guías", "SNAI")],
    "PER": [
        ("Comisaría de Juliaca", ""),
        ("Dirección de Operaciones Especiales (DINOES)", ""),
    ],
    "DOM": [("Dirección Central de Investigaciones Criminales", "Policía Nacional Dominicana")],
}

VIOLATIONS = [
    "extrajudicial_killing",
    "torture",
    "enforced_disappearance",
    "rape",
    "arbitrary_detention",
    "other",
]
VIOLATION_WORDS = {
    "extrajudicial_killing": "the killing of a detainee",
    "torture": "the torture of detainees",
    "enforced_disappearance": "the disappearance of a person last seen in custody",
    "rape": "sexual violence against a detainee",
    "arbitrary_detention": "mass detentions without judicial order",
    "other": "excessive force during a protest",
}


def build_records(rng: random.Random) -> list[Record]:
    raw: list[tuple] = []
    for unit, country, name, parent, viol, day, cred, rem in DESIGNED_RECORDS:
        raw.append((unit, country, name, parent, viol, d(day), cred, rem))
    for country in COUNTRIES:
        for i, (name, parent) in enumerate(RECORD_ONLY_UNITS[country]):
            for _ in range(rng.randint(2, 4)):
                day = date(2017, 1, 1) + timedelta(days=rng.randint(0, 2700))
                viol = rng.choice(VIOLATIONS)
                cred = rng.choice(["alleged", "alleged", "credible", "confirmed"])
                rem = rng.choice(["none", "none", "investigating", "prosecuted", "remediated"])
                raw.append(
                    (f"{country.lower()}-only-{i}", country, name, parent, viol, day, cred, rem)
                )
    rng.shuffle(raw)
    raw.sort(key=lambda r: r[5])
    out = []
    for n, (unit, country, name, parent, viol, day, cred, rem) in enumerate(raw, start=1):
        rid = f"AR-{n:04d}"
        out.append(
            Record(
                rid,
                unit,
                country,
                name,
                parent,
                viol,
                day,
                cred,
                rem,
                ILL_SOURCE,
                f"https://example.org/illustrative/{rid}",
                f"ILLUSTRATIVE: {VIOLATION_WORDS[viol]} attributed to the unit "
                f"({cred}; remediation: {rem}).",
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Designed allocations


def A(
    agency, fy, account, country, name, rtype, category, amount, start, end, description, **kw
) -> Alloc:
    return Alloc(
        agency,
        fy,
        account,
        country,
        name,
        rtype,
        category,
        amount,
        d(start) if start else None,
        d(end) if end else None,
        description,
        designed=True,
        **kw,
    )


FMF = "Foreign Military Financing: "
IMET = "International Military Education and Training: "
INCLE = "International Narcotics Control and Law Enforcement: "
S333 = "Section 333 building partner capacity: "


def designed_allocations() -> list[Alloc]:
    L = []
    # --- Leahy (State) and Leahy (DoD) -----------------------------------------------------
    L += [
        A(
            "DOS",
            2022,
            "FMF",
            "MEX",
            "Batallón de Infantería de Marina No. 3",
            "security_force_unit",
            "security",
            4_850_000,
            "2021-11-08",
            "2023-03-31",
            FMF + "interceptor boat sustainment",
            recipient_parent="SEMAR",
            unit="mx-bim3",
            intent="exact-name Leahy hit: credible torture record",
        ),
        A(
            "DOS",
            2021,
            "FMF",
            "MEX",
            "Batallón de Infantría de Marina No. 3",
            "security_force_unit",
            "security",
            1_275_000,
            "2021-02-15",
            "2022-02-14",
            FMF + "night-vision equipment",
            recipient_parent="SEMAR",
            unit="mx-bim3",
            intent="typo in the unit name ('Infantría'): only a fuzzy matcher links it",
        ),
        A(
            "DOD",
            2023,
            "S333",
            "MEX",
            "BATALLON DE INFANTERIA DE MARINA NO. 3",
            "security_force_unit",
            "security",
            3_420_000,
            "2023-01-09",
            "2024-01-08",
            S333 + "maritime interdiction training",
            recipient_parent="SEMAR",
            unit="mx-bim3",
            intent="exact-name Leahy (DoD) hit",
        ),
        A(
            "DOD",
            2024,
            "S333",
            "MEX",
            "BIM No. 3",
            "security_force_unit",
            "security",
            2_160_000,
            "2023-11-13",
            "",
            S333 + "riverine operations course",
            recipient_parent="SEMAR",
            unit="mx-bim3",
            intent="acronym BIM = Batallón de Infantería de Marina: needs the matcher",
        ),
        A(
            "DOD",
            2022,
            "S333",
            "MEX",
            "Batallón de Infantería de Marina No. 5",
            "security_force_unit",
            "security",
            1_980_000,
            "2022-03-07",
            "2023-03-06",
            S333 + "small-unit tactics",
            recipient_parent="SEMAR",
            unit="mx-bim5",
            clear=[("leahy-dod", "near-miss: No. 5 is not No. 3 (records name BIM No. 3)")],
        ),
        A(
            "DOD",
            2023,
            "S333",
            "COL",
            "Batallón de Infantería de Marina No. 3",
            "security_force_unit",
            "security",
            2_740_000,
            "2023-02-20",
            "2024-02-19",
            S333 + "amphibious operations",
            recipient_parent="Armada de Colombia",
            unit="co-bim3",
            clear=[
                (
                    "leahy-dod",
                    "near-miss: same unit name and number as the Mexican BIM No. 3,"
                    " but Colombian (records are matched within the country)",
                )
            ],
        ),
        A(
            "DOD",
            2021,
            "S333",
            "MEX",
            "3er. Batallón de Infantería",
            "security_force_unit",
            "security",
            1_150_000,
            "2021-04-12",
            "2022-04-11",
            S333 + "marksmanship instruction",
            recipient_parent="SEDENA",
            unit="mx-3bi",
            clear=[
                (
                    "leahy-dod",
                    "near-miss: Army 3rd Infantry Bn. of Mexico is neither the Navy "
                    "BIM No. 3 nor the Honduran 3er. Batallón de Infantería",
                )
            ],
        ),
        A(
            "DOD",
            2022,
            "S333",
            "MEX",
            "105o Batallón de Infantería",
            "security_force_unit",
            "security",
            890_000,
            "2022-05-02",
            "2023-05-01",
            S333 + "counter-IED training",
            recipient_parent="SEDENA",
            unit="mx-105bi",
            intent="'105o Batallón de Infantería' vs record '105/o. Btn. Inf.' (alleged)",
        ),
        A(
            "DOD",
            2022,
            "S333",
            "HND",
            "3rd Infantry Bn.",
            "security_force_unit",
            "security",
            1_640_000,
            "2022-01-10",
            "2023-01-09",
            S333 + "light infantry training",
            unit="hn-3bi",
            intent="'3rd Infantry Bn.' vs record '3er. Batallón de Infantería': English/Spanish,"
            " ordinal and abbreviation",
        ),
        A(
            "DOS",
            2023,
            "FMF",
            "HND",
            "Tercer Batallón de Infantería",
            "security_force_unit",
            "security",
            2_300_000,
            "2022-12-05",
            "2024-06-04",
            FMF + "tactical vehicles",
            recipient_parent="Ejército de Honduras",
            unit="hn-3bi",
            intent="ordinal written as a word ('Tercer' vs '3er.')",
        ),
        A(
            "DOD",
            2021,
            "OHDACA",
            "HND",
            "3er. Batallón de Infantería",
            "security_force_unit",
            "humanitarian",
            640_000,
            "2020-11-20",
            "2021-02-28",
            "Overseas Humanitarian, Disaster, and Civic Aid: disaster relief after hurricanes "
            "Eta and Iota (airlift of relief supplies)",
            unit="hn-3bi",
            clear=[
                (
                    "leahy-dod",
                    "disaster relief (category humanitarian): Leahy (DoD) applies to "
                    "security assistance only, although the unit has a credible record",
                )
            ],
        ),
        A(
            "DOD",
            2022,
            "S333",
            "HND",
            "3rd Infantry Brigade",
            "security_force_unit",
            "security",
            1_320_000,
            "2022-04-04",
            "2023-04-03",
            S333 + "brigade staff planning",
            unit="hn-3bde",
            clear=[("leahy-dod", "near-miss: a brigade is not the battalion named in the record")],
        ),
        A(
            "DOD",
            2023,
            "S333",
            "HND",
            "5th Infantry Bn.",
            "security_force_unit",
            "security",
            980_000,
            "2023-03-13",
            "2024-03-12",
            S333 + "light infantry training",
            unit="hn-5bi",
            clear=[("leahy-dod", "near-miss: 5th battalion, the record names the 3rd")],
        ),
        A(
            "DOD",
            2022,
            "S333",
            "GTM",
            "3rd Infantry Bn.",
            "security_force_unit",
            "security",
            1_210_000,
            "2022-02-14",
            "2023-02-13",
            S333 + "light infantry training",
            unit="gt-3bi",
            clear=[
                ("leahy-dod", "near-miss: same name as the flagged Honduran unit, but Guatemalan")
            ],
        ),
        A(
            "DOS",
            2023,
            "INCLE",
            "HND",
            "Fuerza Nacional de Seguridad Interinstitucional",
            "security_force_unit",
            "security",
            3_750_000,
            "2022-11-01",
            "",
            INCLE + "interagency task force equipment",
            unit="hn-fusina",
            intent="exact-name hit on an alleged record: review",
        ),
        A(
            "DOS",
            2024,
            "INCLE",
            "HND",
            "FUSINA",
            "security_force_unit",
            "security",
            1_900_000,
            "2023-10-16",
            "",
            INCLE + "investigations training",
            unit="hn-fusina",
            intent="acronym FUSINA = Fuerza Nacional de Seguridad Interinstitucional",
        ),
        A(
            "DOS",
            2021,
            "INCLE",
            "GTM",
            "PNC",
            "security_force_unit",
            "security",
            5_600_000,
            "2021-01-15",
            "2022-07-14",
            INCLE + "community policing",
            unit="gt-pnc",
            recipient_parent="Ministerio de Gobernación",
            intent="acronym PNC = Policía Nacional Civil (alleged record): review",
        ),
        A(
            "DOS",
            2021,
            "INCLE",
            "SLV",
            "Policía Nacional Civil",
            "security_force_unit",
            "security",
            4_100_000,
            "2021-02-01",
            "2022-01-31",
            INCLE + "community policing",
            unit="sv-pnc",
            clear=[
                (
                    "leahy-state",
                    "near-miss: the Guatemalan PNC record does not apply to the "
                    "Salvadoran PNC; the Salvadoran record is later and not a gross violation",
                )
            ],
        ),
        A(
            "DOS",
            2023,
            "INCLE",
            "SLV",
            "Policía Nacional Civil",
            "security_force_unit",
            "security",
            2_900_000,
            "2023-01-09",
            "2024-01-08",
            INCLE + "forensics laboratory",
            unit="sv-pnc",
            clear=[
                (
                    "leahy-state",
                    "the only record for this unit is arbitrary_detention, which "
                    "is not a gross violation under the Leahy rules",
                )
            ],
        ),
        A(
            "DOS",
            2021,
            "INCLE",
            "SLV",
            "Unidad de Mantenimiento del Orden",
            "security_force_unit",
            "security",
            760_000,
            "2021-03-01",
            "2022-02-28",
            INCLE + "crowd-management training",
            recipient_parent="Policía Nacional Civil",
            unit="sv-umo",
            intent="every qualifying record remediated: waived",
        ),
        A(
            "DOS",
            2022,
            "FMF",
            "SLV",
            "Grupo Conjunto Cuscatlán",
            "security_force_unit",
            "security",
            1_450_000,
            "2021-12-01",
            "",
            FMF + "patrol vehicles",
            unit="sv-gcc",
            intent="one remediated and one alleged record: the most severe (review) wins",
        ),
        A(
            "DOS",
            2021,
            "FMF",
            "SLV",
            "Grupo Conjunto Cuscatlán",
            "security_force_unit",
            "security",
            820_000,
            "2020-12-01",
            "2021-06-30",
            FMF + "radios",
            unit="sv-gcc",
            intent="the alleged record is later than the end date: only the remediated one "
            "counts (waived)",
        ),
        A(
            "DOD",
            2021,
            "S333",
            "COL",
            "Batallón de Infantería No. 21",
            "security_force_unit",
            "security",
            2_050_000,
            "2021-03-15",
            "2022-03-14",
            S333 + "counter-drug operations",
            recipient_parent="Ejército Nacional de Colombia",
            unit="co-bi21",
            intent="exact-name hit on a confirmed record (prosecuted is not remediated)",
        ),
        A(
            "DOD",
            2022,
            "CTIWFP",
            "COL",
            "21st Infantry Battalion",
            "security_force_unit",
            "security",
            310_000,
            "2022-06-06",
            "2022-09-30",
            "Combating Terrorism Irregular Warfare Fellowship: seminar",
            unit="co-bi21",
            intent="English name of 'Batallón de Infantería No. 21'",
        ),
        A(
            "DOD",
            2022,
            "S333",
            "PER",
            "Batallón Contraterrorista No. 34",
            "security_force_unit",
            "security",
            1_380_000,
            "2022-02-07",
            "2023-02-06",
            S333 + "VRAEM operations support",
            recipient_parent="Ejército del Perú",
            unit="pe-bcts34",
            clear=[("leahy-dod", "the only record is arbitrary_detention, not a gross violation")],
        ),
        A(
            "DOS",
            2021,
            "FMF",
            "PER",
            "Batallón Contraterrorista No. 313",
            "security_force_unit",
            "security",
            1_120_000,
            "2020-11-02",
            "2022-06-30",
            FMF + "communications equipment",
            recipient_parent="Ejército del Perú",
            unit="pe-bcts313",
            clear=[
                (
                    "leahy-state",
                    "the record's event (2023-01-15) is after the activity ended (2022-06-30)",
                )
            ],
        ),
        A(
            "DOS",
            2024,
            "IMET",
            "PER",
            "Batallón Contraterrorista No. 313",
            "security_force_unit",
            "security",
            145_000,
            "2023-11-06",
            "",
            IMET + "officer courses",
            unit="pe-bcts313",
            intent="open-ended activity: the record is checked up to the as-of date",
        ),
        A(
            "DOS",
            2023,
            "INCLE",
            "HTI",
            "BOID",
            "security_force_unit",
            "security",
            2_600_000,
            "2022-11-14",
            "2023-11-13",
            INCLE + "anti-gang unit support",
            recipient_parent="Police Nationale d'Haïti",
            unit="ht-boid",
            intent="acronym BOID = Brigade d'Opération et d'Intervention Départementale",
            clear=[("cspa", "INCLE is not an account covered by the CSPA prohibition")],
        ),
        A(
            "DOS",
            2024,
            "INCLE",
            "ECU",
            "GIR",
            "security_force_unit",
            "security",
            1_750_000,
            "2024-01-22",
            "",
            INCLE + "hostage-rescue training",
            recipient_parent="Policía Nacional del Ecuador",
            unit="ec-gir",
            intent="acronym GIR = Grupo de Intervención y Rescate (alleged record): review",
        ),
        A(
            "DOS",
            2022,
            "FMF",
            "MEX",
            "Batallón de Infantería de Marina No. 3",
            "security_force_unit",
            "security",
            1_200_000,
            "2022-06-20",
            "",
            FMF + "payment against the FY2022 obligation",
            recipient_parent="SEMAR",
            unit="mx-bim3",
            transaction_type="disbursement",
            clear=[
                ("leahy-state", "a disbursement row: rules check obligations by default"),
                ("faa-502b", "a disbursement row: rules check obligations by default"),
            ],
        ),
    ]
    # --- Missing data and unvettable recipients -------------------------------------------
    L += [
        A(
            "DOS",
            2024,
            "INCLE",
            "PER",
            "Batallón Contraterrorista No. 313",
            "security_force_unit",
            "",
            420_000,
            "2023-12-04",
            "",
            INCLE + "equipment (category left blank in the source)",
            unit="pe-bcts313",
            intent="category blank: Leahy cannot be decided (on_missing)",
        ),
        A(
            "DOS",
            2023,
            "FMF",
            "HND",
            "3er. Batallón de Infantería",
            "",
            "security",
            700_000,
            "2023-02-06",
            "2024-02-05",
            FMF + "field equipment (recipient type not given)",
            unit="hn-3bi",
            intent="recipient_type blank: Leahy cannot be decided (on_missing)",
        ),
        A(
            "DOD",
            2021,
            "S333",
            "GTM",
            "",
            "government",
            "security",
            1_050_000,
            "2021-05-03",
            "2022-05-02",
            S333 + "NCO professionalization for multiple units",
            intent="security assistance with no named recipient unit",
        ),
        A(
            "DOS",
            2023,
            "FMF",
            "ECU",
            "",
            "government",
            "security",
            2_200_000,
            "2023-01-16",
            "2024-01-15",
            FMF + "coastal surveillance (recipient to be determined)",
            intent="security assistance with no named recipient unit",
        ),
        A(
            "DOS",
            2024,
            "INCLE",
            "HND",
            "",
            "government",
            "security",
            650_000,
            "2024-02-12",
            "",
            INCLE + "various units (student unit blank in the source)",
            intent="security assistance with no named recipient unit",
        ),
    ]
    # --- CSPA ------------------------------------------------------------------------------
    L += [
        A(
            "DOD",
            2023,
            "EDA",
            "HTI",
            "Haitian Coast Guard",
            "security_force_unit",
            "security",
            1_900_000,
            "2023-02-06",
            "",
            "Excess Defense Articles: two patrol boats",
            intent="EDA to a CSPA-listed government without waiver (illustrative listing)",
        ),
        A(
            "DOS",
            2023,
            "IMET",
            "HTI",
            "Garde-Côtes d'Haïti",
            "security_force_unit",
            "security",
            180_000,
            "",
            "",
            IMET + "maritime officer courses",
            intent="IMET, start date blank: the FY start (2022-10-01) is the date",
        ),
        A(
            "DOS",
            2020,
            "FMF",
            "HND",
            "Fuerza Naval de Honduras",
            "security_force_unit",
            "security",
            3_100_000,
            "2019-11-04",
            "2021-11-03",
            FMF + "coastal patrol craft",
            intent="CSPA listing with a full waiver (illustrative)",
        ),
        A(
            "DOD",
            2022,
            "EDA",
            "PER",
            "Marina de Guerra del Perú",
            "security_force_unit",
            "security",
            2_450_000,
            "2022-03-21",
            "",
            "Excess Defense Articles: riverine craft",
            intent="CSPA listing with a partial waiver (illustrative)",
        ),
        A(
            "DOS",
            2024,
            "FMF",
            "HTI",
            "Haitian Coast Guard",
            "security_force_unit",
            "security",
            1_350_000,
            "2023-12-04",
            "2025-12-03",
            FMF + "boat maintenance",
            clear=[("cspa", "the illustrative CSPA listing covers FY2023 only")],
        ),
    ]
    # --- TVPA tier 3 -----------------------------------------------------------------------
    L += [
        A(
            "USAID",
            2021,
            "GHP",
            "NIC",
            "Ministerio de Salud (MINSA)",
            "government",
            "health",
            1_800_000,
            "2021-01-11",
            "2022-01-10",
            "Global Health Programs: vaccine cold chain",
            intent="non-humanitarian assistance to a Tier 3 country",
        ),
        A(
            "USAID",
            2023,
            "ESF",
            "NIC",
            "Red Ciudadana por la Transparencia",
            "ngo",
            "democracy",
            950_000,
            "2023-03-01",
            "2024-02-29",
            "Economic Support Fund: civil society strengthening",
            intent="democracy aid is not exempt from the TVPA restriction as written",
        ),
        A(
            "USAID",
            2020,
            "ESF",
            "VEN",
            "Asamblea Nacional de Venezuela",
            "government",
            "democracy",
            2_500_000,
            "2020-02-03",
            "2021-02-02",
            "Economic Support Fund: legislative strengthening",
            intent="Venezuela Tier 3 (real TIP 2019 report) applies to FY2020",
        ),
        A(
            "USAID",
            2024,
            "IDA",
            "VEN",
            "World Food Programme",
            "multilateral",
            "humanitarian",
            6_500_000,
            "2024-01-08",
            "2024-12-31",
            "International Disaster Assistance: school feeding",
            clear=[("tvpa-tier3", "humanitarian assistance is exempt from the TVPA restriction")],
        ),
        A(
            "USAID",
            2022,
            "IDA",
            "NIC",
            "Catholic Relief Services",
            "ngo",
            "humanitarian",
            1_250_000,
            "2022-02-14",
            "2022-12-31",
            "International Disaster Assistance: food assistance",
            clear=[("tvpa-tier3", "humanitarian assistance is exempt from the TVPA restriction")],
        ),
        A(
            "USAID",
            2019,
            "DA",
            "HTI",
            "Fondation pour le Développement Rural du Plateau Central",
            "ngo",
            "development",
            1_150_000,
            "2019-01-14",
            "2020-01-13",
            "Development Assistance: agricultural extension",
            intent="Tier 3 with a partial waiver (illustrative): review",
        ),
        A(
            "USAID",
            2022,
            "GHP",
            "DOM",
            "Centro de Salud Comunitaria del Cibao",
            "ngo",
            "health",
            880_000,
            "2022-01-17",
            "2023-01-16",
            "Global Health Programs: HIV testing",
            intent="Tier 3 with a full waiver (illustrative): waived",
        ),
        A(
            "USAID",
            2019,
            "DA",
            "GTM",
            "Asociación para el Desarrollo Rural del Altiplano",
            "ngo",
            "development",
            1_340_000,
            "2019-03-04",
            "2020-03-03",
            "Development Assistance: rural livelihoods",
            intent="no TIP tier found for Guatemala's 2018 report: not evaluated",
        ),
        A(
            "USAID",
            2022,
            "ESF",
            "VEN",
            "Observatorio Ciudadano de Derechos",
            "ngo",
            "democracy",
            720_000,
            "2022-03-14",
            "2023-03-13",
            "Economic Support Fund: human rights monitoring",
            intent="no TIP tier found for Venezuela's 2021 report: not evaluated",
        ),
    ]
    # --- Coup restriction (illustrative ECU 2021-03-01..2021-12-31) ------------------------
    L += [
        A(
            "DOD",
            2021,
            "S333",
            "ECU",
            "Ecuadorian Army",
            "security_force_unit",
            "security",
            1_600_000,
            "2021-05-10",
            "2022-05-09",
            S333 + "border security",
            intent="security assistance to a government under a coup restriction",
        ),
        A(
            "USAID",
            2021,
            "DA",
            "ECU",
            "Ministerio de Agricultura y Ganadería",
            "government",
            "development",
            2_100_000,
            "2021-07-01",
            "2023-06-30",
            "Development Assistance: cacao value chains",
            intent="development assistance to a government under a coup restriction",
        ),
        A(
            "USAID",
            2021,
            "DA",
            "ECU",
            "Consejo Nacional Electoral",
            "government",
            "democracy",
            600_000,
            "2021-06-14",
            "2022-06-13",
            "Development Assistance: election administration",
            clear=[("coup-7008", "democracy assistance is exempt from the coup restriction")],
        ),
        A(
            "USAID",
            2021,
            "DA",
            "ECU",
            "Fundación Esquel",
            "ngo",
            "development",
            830_000,
            "2021-08-02",
            "2022-08-01",
            "Development Assistance: youth employment",
            clear=[("coup-7008", "the restriction covers the government, not NGOs")],
        ),
        A(
            "DOS",
            2022,
            "INCLE",
            "ECU",
            "Ministerio de Gobierno",
            "government",
            "security",
            1_400_000,
            "2022-01-17",
            "2023-01-16",
            INCLE + "port security",
            clear=[("coup-7008", "the illustrative restriction ended on 2021-12-31")],
        ),
    ]
    # --- FAA 502B --------------------------------------------------------------------------
    L += [
        A(
            "DOS",
            2021,
            "INCLE",
            "MEX",
            "Guardia Nacional",
            "security_force_unit",
            "security",
            7_200_000,
            "2021-03-22",
            "2022-09-30",
            INCLE + "checkpoint equipment",
            intent="security assistance to a country at PTS 4",
        ),
        A(
            "DOD",
            2019,
            "S333",
            "DOM",
            "Dom Rep Navy",
            "security_force_unit",
            "security",
            1_270_000,
            "",
            "",
            S333 + "maritime domain awareness",
            intent="start date blank (date 2018-10-01) and no PTS row for DOM 2018: not evaluated",
        ),
    ]
    # --- Sanctioned recipients ---------------------------------------------------------------
    L += [
        A(
            "DOS",
            2021,
            "INCLE",
            "NIC",
            "Policía Nacional de Nicaragua",
            "security_force_unit",
            "security",
            350_000,
            "2020-11-02",
            "2021-09-30",
            INCLE + "drug interdiction",
            unit="ni-nnp",
            entity="ofac-27964",
            intent="alias of the NICARAGUAN NATIONAL POLICE (OFAC, 2020-03-05)",
        ),
        A(
            "DOS",
            2019,
            "INCLE",
            "NIC",
            "Policía Nacional de Nicaragua",
            "security_force_unit",
            "security",
            410_000,
            "2018-11-15",
            "2019-09-30",
            INCLE + "drug interdiction",
            unit="ni-nnp",
            entity="ofac-27964",
            clear=[
                (
                    "sanctioned-recipient",
                    "the designation (2020-03-05) came after the allocation's date",
                )
            ],
        ),
        A(
            "TREASURY",
            2023,
            "OTA",
            "VEN",
            "PDVSA",
            "government",
            "economic",
            150_000,
            "2023-04-03",
            "2023-09-29",
            "Office of Technical Assistance: revenue administration",
            entity="ofac-26367",
            intent="alias of PETROLEOS DE VENEZUELA, S.A.",
        ),
        A(
            "USAID",
            2020,
            "DA",
            "MEX",
            "Iyari Diseño y Moda Étnico",
            "private",
            "economic",
            240_000,
            "2019-12-02",
            "2020-12-01",
            "Development Assistance: artisan exports",
            entity="ofac-25139",
            intent="alias of IYARI after accent folding",
        ),
        A(
            "USAID",
            2020,
            "ESF",
            "NIC",
            "Banco Corporativo, S.A.",
            "private",
            "economic",
            500_000,
            "2019-11-20",
            "2020-11-19",
            "Economic Support Fund: SME credit line",
            entity="ofac-26549",
            intent="'Banco Corporativo, S.A.' vs 'BANCO CORPORATIVO SA': 'S.A.' needs the matcher",
        ),
        A(
            "USAID",
            2022,
            "DA",
            "NIC",
            "Caruna RL",
            "private",
            "economic",
            275_000,
            "2022-02-01",
            "2023-01-31",
            "Development Assistance: rural finance",
            entity="ofac-29684",
            intent="alias CARUNA RL",
        ),
        A(
            "USAID",
            2022,
            "DA",
            "GTM",
            "Servicios Logísticos del Istmo, S.A.",
            "private",
            "economic",
            430_000,
            "2022-03-01",
            "2023-02-28",
            "Development Assistance: trade logistics",
            entity="istmo",
            intent="illustrative GLOMAG entity, same country",
        ),
        A(
            "USAID",
            2022,
            "DA",
            "HND",
            "Servicios Logísticos del Istmo, S.A.",
            "private",
            "economic",
            390_000,
            "2022-04-04",
            "2023-04-03",
            "Development Assistance: trade logistics",
            entity="istmo",
            clear=[
                (
                    "sanctioned-recipient",
                    "near-miss: same name, but the entity is listed for "
                    "Guatemala and this recipient is Honduran",
                )
            ],
        ),
        A(
            "USAID",
            2023,
            "DA",
            "GTM",
            "Servicios Logísticos del Istmo Norte, S.A.",
            "private",
            "economic",
            310_000,
            "2023-02-06",
            "2024-02-05",
            "Development Assistance: trade logistics",
            entity="",
            clear=[("sanctioned-recipient", "near-miss: a different company ('... Istmo Norte')")],
        ),
        A(
            "USAID",
            2021,
            "DA",
            "DOM",
            "ATC Caribe",
            "private",
            "economic",
            260_000,
            "2021-01-25",
            "2022-01-24",
            "Development Assistance: customs modernization",
            entity="caribe",
            intent="alias of an illustrative entity listed for any country",
        ),
        A(
            "USAID",
            2020,
            "DA",
            "COL",
            "Inversiones Cordillera Azul S.A.S.",
            "private",
            "economic",
            620_000,
            "2020-01-10",
            "2021-01-09",
            "Development Assistance: alternative development",
            entity="cordillera",
            intent="listed at the allocation's date (delisted later)",
        ),
        A(
            "USAID",
            2023,
            "DA",
            "COL",
            "Inversiones Cordillera Azul S.A.S.",
            "private",
            "economic",
            540_000,
            "2023-03-06",
            "2024-03-05",
            "Development Assistance: alternative development",
            entity="cordillera",
            clear=[("sanctioned-recipient", "delisted on 2021-08-31, before the allocation")],
        ),
        A(
            "USAID",
            2021,
            "DA",
            "MEX",
            "Constructora Valle del Sol, S.A. de C.V.",
            "private",
            "economic",
            1_100_000,
            "2021-03-15",
            "2022-03-14",
            "Development Assistance: water infrastructure",
            entity="valledelsol",
            clear=[
                ("sanctioned-recipient", "designated on 2022-04-20, after the allocation's date")
            ],
        ),
        A(
            "USAID",
            2024,
            "DA",
            "SLV",
            "Inmobiliaria Bahia Azul S.A.",
            "private",
            "economic",
            205_000,
            "2023-12-11",
            "2024-12-10",
            "Development Assistance: housing finance",
            entity="bahia",
            intent="same name without accent and comma",
        ),
    ]
    return L


# ---------------------------------------------------------------------------------------------
# Filler allocations

SFU_POOL = {
    "MEX": [
        ("Heroico Colegio Militar", ""),
        ("Escuela Médico Naval", ""),
        ("Fuerza Aérea Mexicana", "SEDENA"),
        ("Centro de Estudios Superiores Navales", "SEMAR"),
        ("Escuadrón Aéreo 301", "Fuerza Aérea Mexicana"),
    ],
    "COL": [
        ("COLOMBIAN ARMY AVIATION SCHOOL", "Ejército Nacional de Colombia"),
        ("COLOMBIAN POLICE, ANTINARCOTICS DIRECTORATE", "Policía Nacional de Colombia"),
        ("Air Combat Command No. 1, Puerto Salgar", "Fuerza Aérea Colombiana"),
        ("COLOMBIAN POLICE, CARABINEROS", "Policía Nacional de Colombia"),
        ("Riverine Battalion No. 33", "Armada de Colombia"),
        ("Colombian NCO Academy, Madrid", "Ejército Nacional de Colombia"),
    ],
    "GTM": [
        ("Naval Special Forces Command", "Ejército de Guatemala"),
        ("Central Air Command", "Fuerza Aérea Guatemalteca"),
        ("Guatemala Marine Corps (BIM)", "Marina de la Defensa Nacional"),
        ("Comando Naval del Caribe", "Marina de la Defensa Nacional"),
    ],
    "HND": [
        ("B-200 Squadron", "Fuerza Aérea Hondureña"),
        ("HONDURAN ARMY HEADQUARTERS", "Ejército de Honduras"),
        ("1ST ARTILLERY BN", "Ejército de Honduras"),
        ("Honduran Marine Corps (BIM)", "Fuerza Naval de Honduras"),
    ],
    "SLV": [
        ("TRIDENTE TASK FORCE", "Fuerza Naval de El Salvador"),
        ("El Salvador Marine Corps (BIM)", "Fuerza Naval de El Salvador"),
        ("NAVAL SPECIAL FORCE", "Fuerza Naval de El Salvador"),
        ("Engineer Command", "Fuerza Armada de El Salvador"),
    ],
    "PER": [
        ("Fuerza Aérea del Perú", ""),
        ("Escuela Militar de Chorrillos", ""),
        ("Peruvian National Anti-narcotics Police (DIREJANDRO)", "Policía Nacional del Perú"),
        ("Peruvian National Air Police (DIRAVPOL)", "Policía Nacional del Perú"),
    ],
    "DOM": [
        ("Dom Rep Navy", ""),
        ("Dom Rep Air Force", ""),
        ("Dom Rep Army", ""),
        ("Dominican Marine Corps (ARDIM)", "Armada de República Dominicana"),
    ],
    "ECU": [
        ("Ecuador Army", ""),
        ("Coast Guards Command", "Armada del Ecuador"),
        ("Combat Wing N. 21", "Fuerza Aérea Ecuatoriana"),
        ("Army Aviation Brigade", "Ejército Ecuatoriano"),
    ],
    "HTI": [("Haitian Coast Guard", "Police Nationale d'Haïti")],
}
GOV_POOL = {  # country: (justice, economy/health, border, disaster relief)
    "MEX": (
        ["Fiscalía General de la República"],
        ["Secretaría de Hacienda y Crédito Público", "Secretaría de Salud"],
        ["Instituto Nacional de Migración"],
        ["Coordinación Nacional de Protección Civil"],
    ),
    "COL": (
        ["Fiscalía General de la Nación"],
        ["Ministerio de Hacienda y Crédito Público", "Agencia de Renovación del Territorio"],
        ["Migración Colombia"],
        ["Unidad Nacional para la Gestión del Riesgo de Desastres"],
    ),
    "GTM": (
        ["Ministerio Público"],
        [
            "Superintendencia de Administración Tributaria",
            "Ministerio de Salud Pública y Asistencia Social",
        ],
        ["Instituto Guatemalteco de Migración"],
        ["CONRED"],
    ),
    "HND": (
        ["Ministerio Público"],
        ["Secretaría de Finanzas", "Secretaría de Salud"],
        ["Instituto Nacional de Migración"],
        ["COPECO"],
    ),
    "SLV": (
        ["Fiscalía General de la República"],
        ["Ministerio de Hacienda", "Ministerio de Salud"],
        ["Dirección General de Migración y Extranjería"],
        ["Dirección General de Protección Civil"],
    ),
    "PER": (
        ["Ministerio Público - Fiscalía de la Nación"],
        ["DEVIDA", "Ministerio de Salud"],
        ["Superintendencia Nacional de Migraciones"],
        ["INDECI"],
    ),
    "DOM": (
        ["Procuraduría General de la República"],
        ["Ministerio de Salud Pública"],
        ["Dirección General de Aduanas"],
        ["Centro de Operaciones de Emergencia (COE)"],
    ),
    "ECU": (
        ["Fiscalía General del Estado"],
        ["Servicio de Rentas Internas"],
        ["Servicio Nacional de Aduana del Ecuador"],
        ["Secretaría Nacional de Gestión de Riesgos"],
    ),
    "HTI": (
        ["Ministère de la Justice et de la Sécurité Publique"],
        ["Ministère de la Santé Publique et de la Population"],
        ["Administration Générale des Douanes"],
        ["Direction de la Protection Civile"],
    ),
    "NIC": (
        ["Ministerio Público de Nicaragua"],
        ["Ministerio de Hacienda y Crédito Público"],
        ["Dirección General de Aduanas"],
        ["Sistema Nacional para la Prevención, Mitigación y Atención de Desastres"],
    ),
    "VEN": (
        ["Ministerio Público de Venezuela"],
        ["Ministerio del Poder Popular para la Salud"],
        ["SENIAT"],
        ["Protección Civil y Administración de Desastres"],
    ),
}
GOV_KIND = {"justice": 0, "econ": 1, "border": 2, "relief": 3}
NGO_POOL = {
    "MEX": ["Centro de Desarrollo Comunitario Sierra Norte", "Red de Juventudes por la Paz"],
    "COL": ["Corporación Desarrollo Rural del Cauca", "Fundación Tierra y Paz del Catatumbo"],
    "GTM": ["Asociación Comunitaria de Salud de Huehuetenango", "Fundación Educación Maya"],
    "HND": ["Asociación de Desarrollo del Valle de Sula", "Fundación Juventud Emprendedora"],
    "SLV": ["Asociación Comunal de Morazán", "Fundación Oportunidades del Oriente"],
    "PER": ["Asociación Selva Productiva", "Centro Andino de Desarrollo Local"],
    "DOM": ["Fundación Salud y Comunidad del Sur", "Asociación Agrícola de Monte Plata"],
    "ECU": ["Fundación Manglares de Esmeraldas", "Corporación Desarrollo Andino"],
    "HTI": ["Fondation Eau Propre du Nord", "Association des Paysans de l'Artibonite"],
    "NIC": ["Asociación Comunitaria de Salud de Matagalpa"],
    "VEN": ["Red de Apoyo Alimentario del Zulia"],
}
INTL_NGO = [
    "Catholic Relief Services",
    "Mercy Corps",
    "Save the Children Federation",
    "World Vision",
    "CARE",
    "Global Communities",
    "Pact",
]
MULTI = [
    "UNICEF",
    "World Food Programme",
    "Pan American Health Organization",
    "International Organization for Migration",
    "UNHCR",
    "Organization of American States",
]
PRIVATE = [
    "Chemonics International",
    "DAI Global",
    "Tetra Tech ARD",
    "Abt Associates",
    "Creative Associates International",
    "FHI 360",
    "RTI International",
]

# (agency, account, category, recipient kind, low, high, description, weight, countries)
SECURITY_COUNTRIES = ["MEX", "COL", "GTM", "HND", "SLV", "PER", "DOM", "ECU", "HTI"]
ALL = COUNTRIES
TEMPLATES = [
    (
        "DOS",
        "INCLE",
        "security",
        "sfu",
        150_000,
        12_000_000,
        INCLE + "counternarcotics equipment and training",
        14,
        SECURITY_COUNTRIES,
    ),
    (
        "DOS",
        "INCLE",
        "security",
        "justice",
        200_000,
        9_000_000,
        INCLE + "justice sector reform",
        10,
        SECURITY_COUNTRIES,
    ),
    (
        "DOS",
        "FMF",
        "security",
        "sfu",
        500_000,
        15_000_000,
        FMF + "maritime and aviation sustainment",
        7,
        SECURITY_COUNTRIES,
    ),
    (
        "DOS",
        "IMET",
        "security",
        "sfu",
        25_000,
        900_000,
        IMET + "professional military education",
        6,
        SECURITY_COUNTRIES,
    ),
    (
        "DOS",
        "NADR",
        "security",
        "border",
        80_000,
        1_500_000,
        "Nonproliferation, Anti-terrorism, Demining: export control and border security",
        3,
        SECURITY_COUNTRIES,
    ),
    (
        "DOS",
        "ESF",
        "democracy",
        "ngo",
        150_000,
        4_000_000,
        "Economic Support Fund: civil society and rule of law",
        6,
        ALL,
    ),
    (
        "USAID",
        "DA",
        "development",
        "ngo",
        200_000,
        18_000_000,
        "Development Assistance: rural livelihoods and food security",
        16,
        ALL,
    ),
    (
        "USAID",
        "DA",
        "economic",
        "private",
        500_000,
        25_000_000,
        "Development Assistance: economic growth and job creation",
        10,
        ALL,
    ),
    (
        "USAID",
        "DA",
        "democracy",
        "ngo",
        150_000,
        6_000_000,
        "Development Assistance: transparency and local governance",
        8,
        ALL,
    ),
    (
        "USAID",
        "ESF",
        "economic",
        "econ",
        300_000,
        10_000_000,
        "Economic Support Fund: public financial management",
        6,
        ALL,
    ),
    (
        "USAID",
        "GHP",
        "health",
        "ngo_multi",
        300_000,
        12_000_000,
        "Global Health Programs: maternal and child health; HIV; tuberculosis",
        12,
        ALL,
    ),
    (
        "USAID",
        "IDA",
        "humanitarian",
        "multi_ngo",
        100_000,
        20_000_000,
        "International Disaster Assistance: food assistance and shelter",
        12,
        ALL,
    ),
    (
        "MCC",
        "MCC-THRESHOLD",
        "economic",
        "econ",
        1_000_000,
        28_000_000,
        "Millennium Challenge Corporation threshold program: tax administration and education",
        2,
        ["GTM", "HND", "SLV", "COL", "PER"],
    ),
    (
        "TREASURY",
        "OTA",
        "economic",
        "econ",
        50_000,
        900_000,
        "Office of Technical Assistance: budget and revenue advisers",
        3,
        ALL,
    ),
    (
        "DHS",
        "DHS-INTL",
        "security",
        "border",
        50_000,
        2_000_000,
        "Department of Homeland Security: border and customs training",
        3,
        SECURITY_COUNTRIES,
    ),
    (
        "DOJ",
        "INCLE",
        "security",
        "justice",
        100_000,
        3_000_000,
        "DOJ OPDAT/ICITAP (INCLE transfer): prosecutor and investigator training",
        4,
        SECURITY_COUNTRIES,
    ),
    (
        "OTHER",
        "IAF",
        "development",
        "ngo",
        30_000,
        400_000,
        "Inter-American Foundation grant: community enterprise",
        4,
        ALL,
    ),
]
DOD_TEMPLATES = [
    (
        "DOD",
        "S333",
        "security",
        "sfu",
        100_000,
        12_000_000,
        S333 + "equipment, training and sustainment",
        30,
        SECURITY_COUNTRIES,
    ),
    (
        "DOD",
        "S1004",
        "security",
        "sfu",
        50_000,
        6_000_000,
        "Section 284/1004 counter-drug support: detection and monitoring",
        12,
        SECURITY_COUNTRIES,
    ),
    (
        "DOD",
        "CTIWFP",
        "security",
        "sfu",
        20_000,
        400_000,
        "Combating Terrorism Irregular Warfare Fellowship: courses and seminars",
        6,
        SECURITY_COUNTRIES,
    ),
    (
        "DOD",
        "EDA",
        "security",
        "sfu",
        100_000,
        5_000_000,
        "Excess Defense Articles: vehicles and spare parts",
        4,
        SECURITY_COUNTRIES,
    ),
    (
        "DOD",
        "OHDACA",
        "humanitarian",
        "relief",
        50_000,
        2_500_000,
        "Overseas Humanitarian, Disaster, and Civic Aid: clinic construction and disaster "
        "preparedness",
        10,
        ALL,
    ),
    (
        "DOD",
        "HCA",
        "humanitarian",
        "relief",
        20_000,
        600_000,
        "Humanitarian and Civic Assistance: medical and engineering exercises",
        5,
        ALL,
    ),
]
COUNTRY_WEIGHT = {
    "MEX": 14,
    "COL": 14,
    "GTM": 12,
    "HND": 12,
    "SLV": 10,
    "PER": 8,
    "HTI": 8,
    "ECU": 7,
    "DOM": 7,
    "NIC": 3,
    "VEN": 3,
}


def random_amount(rng: random.Random, low: int, high: int) -> float:
    # log-uniform, rounded like real obligations
    x = low * (high / low) ** rng.random()
    step = 1000 if x > 1_000_000 else 100
    return float(int(x / step) * step)


def filler_allocation(rng: random.Random, templates: list) -> Alloc:
    t = rng.choices(templates, weights=[t[7] for t in templates])[0]
    agency, account, category, kind, low, high, desc, _, countries = t
    country = rng.choices(countries, weights=[COUNTRY_WEIGHT[c] for c in countries])[0]
    fy = rng.choice([2019, 2020, 2021, 2022, 2023, 2024])
    parent = ""
    unit = ""
    if kind == "sfu":
        name, parent = rng.choice(SFU_POOL[country])
        rtype = "security_force_unit"
        unit = f"pool:{country}:{norm(name)}"
    elif kind in GOV_KIND:
        name, rtype = rng.choice(GOV_POOL[country][GOV_KIND[kind]]), "government"
    elif kind == "ngo":
        name = rng.choice(NGO_POOL[country] + INTL_NGO)
        rtype = "ngo"
    elif kind == "private":
        name, rtype = rng.choice(PRIVATE), "private"
    elif kind == "ngo_multi":
        if rng.random() < 0.5:
            name, rtype = rng.choice(MULTI), "multilateral"
        else:
            name, rtype = rng.choice(NGO_POOL[country] + INTL_NGO), "ngo"
    else:  # multi_ngo
        if rng.random() < 0.6:
            name, rtype = rng.choice(MULTI), "multilateral"
        else:
            name, rtype = rng.choice(INTL_NGO), "ngo"
    lo = fy_start(fy)
    hi = min(fy_end(fy), AS_OF)
    start: date | None = lo + timedelta(days=rng.randint(0, (hi - lo).days))
    end: date | None = start + timedelta(days=rng.choice([90, 180, 364, 364, 729, 1095]) - 1)
    if rng.random() < 0.12:
        end = None
    if rng.random() < 0.08:
        start = None
    amount = random_amount(rng, low, high)
    ttype = "obligation"
    r = rng.random()
    if r < 0.04:
        amount = -float(int(amount * rng.uniform(0.05, 0.3) / 100) * 100)
        desc = "De-obligation: " + desc[0].lower() + desc[1:]
    elif r < 0.08:
        ttype = "disbursement"
    return Alloc(
        agency,
        fy,
        account,
        country,
        name,
        rtype,
        category,
        amount,
        start,
        end,
        desc,
        recipient_parent=parent,
        unit=unit,
        transaction_type=ttype,
    )


# ---------------------------------------------------------------------------------------------
# Reference evaluation of the shipped rules' semantics


@dataclass
class Finding:
    rule: str
    outcome: str
    needs: str
    note: str


class World:
    def __init__(self, status: list[Status], records: list[Record], entities: list[Entity]):
        self.status = status
        self.records = records
        self.entities = {e.key: e for e in entities}
        self.entity_list = entities

    def rows(self, country: str, lst: str, day: date) -> list[Status]:
        return [
            s
            for s in self.status
            if s.country == country
            and s.list == lst
            and s.valid_from <= day
            and (s.valid_to is None or day <= s.valid_to)
        ]

    def latest_pts(self, country: str, day: date) -> Status | None:
        rows = [
            s
            for s in self.status
            if s.country == country and s.list == "pts" and s.valid_from <= day
        ]
        return max(rows, key=lambda s: s.valid_from) if rows else None


def worst(outcomes: list[str]) -> str:
    return max(outcomes, key=lambda o: SEVERITY[o])


def decide(conds: list[bool | None], evidence: str | None) -> tuple[str | None, bool]:
    """Three-valued: a known-false condition decides 'does not apply'; otherwise a blank column
    makes the rule undecidable (review, the rules' on_missing) when the evidence holds."""
    if any(c is False for c in conds) or evidence is None:
        return None, False
    if any(c is None for c in conds):
        return "review", True
    return evidence, False


def known(value: str, test) -> bool | None:
    return None if value == "" else bool(test(value))


def leahy(a: Alloc, w: World, exact_only: bool) -> tuple[str | None, list[Record]]:
    if not a.unit or not a.recipient_name:
        return None, []
    until = a.end or AS_OF
    quals = [
        r
        for r in w.records
        if r.unit == a.unit
        and r.country == a.country
        and r.violation_type in GROSS
        and r.event_date <= until
        and (not exact_only or norm(r.perpetrator_name) == norm(a.recipient_name))
    ]
    if not quals:
        return None, []
    outs = [
        "waived"
        if r.remediation == "remediated"
        else "prohibited"
        if r.credibility in ("credible", "confirmed")
        else "review"
        for r in quals
    ]
    return worst(outs), quals


def waiver_outcome(waiver: str, base: str) -> str:
    return {"full": "waived", "partial": "review"}.get(waiver, base)


def evaluate(a: Alloc, w: World) -> list[Finding]:
    if a.reject or a.transaction_type not in ("obligation", ""):
        return []
    out: list[Finding] = []
    day = a.day
    is_security = known(a.category, lambda c: c == "security")
    sfu = known(a.recipient_type, lambda t: t == "security_force_unit")

    for rule, agency in (("leahy-state", "DOS"), ("leahy-dod", "DOD")):
        full, quals = leahy(a, w, exact_only=False)
        exact, _ = leahy(a, w, exact_only=True)
        res, missing = decide([a.agency == agency, is_security, sfu], full)
        if res:
            res_exact, _ = decide([a.agency == agency, is_security, sfu], exact)
            ids = ", ".join(
                f"{r.record_id} '{r.perpetrator_name}' ({r.violation_type}, {r.credibility}, "
                f"{r.remediation}, {r.event_date})"
                for r in quals
            )
            note = f"matches {ids}"
            if missing:
                note = "category or recipient_type blank (on_missing); " + note
            out.append(Finding(rule, res, "exact" if res_exact == res else "matcher", note))

    if is_security and not a.recipient_name:
        out.append(
            Finding(
                "unvettable-recipient",
                "review",
                "exact",
                "security assistance with a blank recipient_name",
            )
        )

    if a.account in CSPA_ACCOUNTS:
        rows = w.rows(a.country, "cspa", day)
        if rows:
            s = rows[0]
            assert s.waiver in ("none", "full", "partial"), s
            res = waiver_outcome(s.waiver, "prohibited")
            out.append(
                Finding(
                    "cspa",
                    res,
                    "exact",
                    f"{a.account} to {a.country}, CSPA-listed on {day} "
                    f"({s.status_id}, waiver {s.waiver})",
                )
            )

    non_hum = known(a.category, lambda c: c != "humanitarian")
    tip = w.rows(a.country, "tip_tier", day)
    if not tip:
        evidence, note = "not_evaluated", f"no TIP tier for {a.country} on {day}"
    elif tip[0].value == "3":
        evidence = waiver_outcome(tip[0].waiver, "restricted")
        note = f"Tier 3 on {day} ({tip[0].status_id}, waiver {tip[0].waiver or 'none'})"
    else:
        evidence, note = None, ""
    res, missing = decide([non_hum], evidence)
    if (
        res == "restricted"
        and a.recipient_type
        and a.recipient_type
        not in (
            "government",
            "security_force_unit",
        )
    ):
        # 22 U.S.C. 7107(d)(1)(A) restricts assistance to the government: others go to review
        res, note = "review", note + "; recipient is not the government"
    if res:
        out.append(Finding("tvpa-tier3", res, "exact", note))

    coup = w.rows(a.country, "coup", day)
    gov = known(a.recipient_type, lambda t: t in ("government", "security_force_unit"))
    not_exempt = known(a.category, lambda c: c not in ("democracy", "humanitarian"))
    res, missing = decide([gov, not_exempt], "prohibited" if coup else None)
    if res:
        out.append(
            Finding(
                "coup-7008",
                res,
                "exact",
                f"{a.country} under a coup restriction on {day} ({coup[0].status_id})",
            )
        )

    pts = w.latest_pts(a.country, day)
    if pts is None:
        evidence, note = "not_evaluated", f"no PTS value for {a.country} on or before {day}"
    elif int(pts.value) >= 4:
        evidence, note = "review", f"PTS {pts.value} ({pts.status_id}) on {day}"
    else:
        evidence, note = None, ""
    res, missing = decide([is_security], evidence)
    if res:
        out.append(Finding("faa-502b", res, "exact", note))

    if a.entity and a.recipient_name:
        e = w.entities[a.entity]
        if (
            (not e.country or e.country == a.country)
            and e.listed_date is not None
            and e.listed_date <= day
            and (e.delisted_date is None or e.delisted_date > day)
        ):
            names = {norm(e.name), *(norm(x) for x in e.aliases)}
            needs = "exact" if norm(a.recipient_name) in names else "matcher"
            out.append(
                Finding(
                    "sanctioned-recipient",
                    "prohibited",
                    needs,
                    f"'{a.recipient_name}' is {e.entity_id} '{e.name}' "
                    f"({e.program}, listed {e.listed_date})",
                )
            )
    return out


def check_identities(allocs: list[Alloc], w: World) -> None:
    """The scenario must be consistent: equal normalized names mean the same unit or entity."""
    for a in allocs:
        if not a.recipient_name:
            continue
        n = norm(a.recipient_name)
        for r in w.records:
            if r.country == a.country and norm(r.perpetrator_name) == n:
                assert r.unit == a.unit, (a.recipient_name, r.record_id)
        for e in w.entity_list:
            if n in {norm(e.name), *(norm(x) for x in e.aliases)}:
                assert a.entity == e.key, (a.recipient_name, e.entity_id)


# ---------------------------------------------------------------------------------------------
# Assembling the scenario

FILLER_502B_CAP = 24
PREFIX = {
    "DOS": "STATE",
    "USAID": "USAID",
    "DOD": "DOD",
    "MCC": "MCC",
    "TREASURY": "TREAS",
    "DHS": "DHS",
    "DOJ": "DOJ",
    "OTHER": "OTHER",
}


def draw_filler(
    rng: random.Random,
    templates: list,
    n: int,
    w: World,
    budget: list[int],
    known_allocs: list[Alloc],
) -> list[Alloc]:
    out: list[Alloc] = []
    while len(out) < n:
        a = filler_allocation(rng, templates)
        findings = evaluate(a, w)
        if findings:
            if any(f.rule != "faa-502b" or f.outcome != "review" for f in findings):
                continue
            if budget[0] <= 0:
                continue
            budget[0] -= 1
            a.intent = "filler: security assistance to a country at PTS 4 or 5"
        try:
            check_identities([a], w)
        except AssertionError:
            continue
        out.append(a)
    known_allocs.extend(out)
    return out


def rejected_rows() -> list[Alloc]:
    rows = [
        A(
            "DOS",
            2022,
            "INCLE",
            "GTM",
            "Ministerio Público",
            "government",
            "security",
            0,
            "2022-02-07",
            "2023-02-06",
            INCLE + "prosecutor training",
            raw_override={"amount_usd": "twelve thousand"},
            reject="amount_usd 'twelve thousand' is not a number",
        ),
        A(
            "USAID",
            2021,
            "DA",
            "GTM",
            "Fundación Educación Maya",
            "ngo",
            "development",
            350_000,
            "2021-04-05",
            "2022-04-04",
            "Development Assistance: literacy",
            raw_override={"recipient_country": "Atlantis"},
            reject="recipient_country 'Atlantis' is not a known country",
        ),
        A(
            "USAID",
            2023,
            "GHP",
            "HND",
            "Secretaría de Salud",
            "government",
            "health",
            1_200_000,
            "2023-03-01",
            "2024-02-29",
            "Global Health Programs: dengue control",
            raw_override={"start_date": "2023-02-30"},
            reject="start_date '2023-02-30' is not a valid date",
        ),
    ]
    for a in rows:
        a.designed = False
    return rows


def order_and_number(allocs: list[Alloc], rng: random.Random) -> list[Alloc]:
    rng.shuffle(allocs)
    allocs.sort(key=lambda a: (a.fiscal_year, a.day))
    counters: dict[str, int] = {}
    for a in allocs:
        p = PREFIX[a.agency]
        counters[p] = counters.get(p, 0) + 1
        a.allocation_id = f"{p}-{a.fiscal_year}-{counters[p]:04d}"
    return allocs


COLUMNS = [
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


def fmt_amount(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def iso(x: date | None) -> str:
    return x.isoformat() if x else ""


def alloc_row(a: Alloc) -> dict[str, str]:
    row = {
        "allocation_id": a.allocation_id,
        "fiscal_year": str(a.fiscal_year),
        "agency": a.agency,
        "account": a.account,
        "recipient_country": a.country_written or a.country,
        "recipient_name": a.recipient_name,
        "recipient_type": a.recipient_type,
        "recipient_parent": a.recipient_parent,
        "category": a.category,
        "amount_usd": fmt_amount(a.amount),
        "start_date": iso(a.start),
        "end_date": iso(a.end),
        "description": a.description,
        "transaction_type": a.transaction_type,
    }
    row.update(a.raw_override)
    return row


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def write_xlsx(path: Path, allocs: list[Alloc]) -> None:
    from openpyxl.writer.excel import ExcelWriter

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "FY2023 DoD allocations"
    ws["A1"] = "U.S. Department of Defense - security cooperation allocations, Latin America"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = (
        "ILLUSTRATIVE SAMPLE prepared for the conditionality checker; amounts in U.S. dollars; "
        "fiscal years 2019-2024"
    )
    ws.append([])
    ws.append(COLUMNS)
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for a in allocs:
        r = alloc_row(a)
        values: list[object] = []
        for col in COLUMNS:
            if col == "fiscal_year":
                values.append(a.fiscal_year)
            elif col == "amount_usd":
                values.append(int(a.amount) if float(a.amount).is_integer() else a.amount)
            elif col in ("start_date", "end_date"):
                values.append(a.start if col == "start_date" else a.end)
            else:
                values.append(r[col] or None)
        ws.append(values)
        row = ws.max_row
        ws.cell(row, COLUMNS.index("amount_usd") + 1).number_format = "#,##0"
        for col in ("start_date", "end_date"):
            ws.cell(row, COLUMNS.index(col) + 1).number_format = "yyyy-mm-dd"
    for letter, width in zip(
        "ABCDEFGHIJKLMN", [16, 8, 8, 9, 10, 44, 20, 26, 13, 14, 12, 12, 60, 13], strict=True
    ):
        ws.column_dimensions[letter].width = width
    notes = wb.create_sheet("Notes")
    for line in [
        "About this workbook",
        "This is an illustrative sample for the conditionality checker, not an official DoD "
        "record.",
        "The allocations sheet has two title rows and a blank row above the header row.",
        "Recipient names are written as the source offices write them: Spanish and English, "
        "acronyms (BIM, SEMAR), ordinals ('3er.', '3rd', 'No. 3').",
        "Accounts: S333 = 10 U.S.C. 333; S1004 = counter-drug support; CTIWFP = Combating "
        "Terrorism Irregular Warfare Fellowship; EDA = Excess Defense Articles; OHDACA and HCA "
        "= humanitarian programs.",
        "Start dates left blank mean the activity starts with its fiscal year.",
    ]:
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    wb.properties.creator = "conditionality sample generator"
    wb.properties.lastModifiedBy = "conditionality sample generator"
    wb.properties.created = FIXED_TS
    wb.properties.modified = FIXED_TS
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    # Rewrite the archive with fixed entry timestamps so the file is byte-identical every run.
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 6, 30, 12, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    path.write_bytes(fixed.getvalue())


def main() -> None:
    rng = random.Random(SEED)
    status = build_status()
    entities = build_entities()
    records = build_records(rng)
    w = World(status, records, entities)

    designed = designed_allocations()
    check_identities(designed, w)
    csv_designed = [a for a in designed if a.agency != "DOD"]
    dod_designed = [a for a in designed if a.agency == "DOD"]
    rejected = rejected_rows()

    budget = [FILLER_502B_CAP]
    pool: list[Alloc] = []
    n_csv = 250 - len(csv_designed) - len(rejected)
    csv_filler = draw_filler(rng, TEMPLATES, n_csv, w, budget, pool)
    dod_filler = draw_filler(rng, DOD_TEMPLATES, 100 - len(dod_designed), w, budget, pool)

    csv_allocs = order_and_number(csv_designed + csv_filler + rejected, rng)
    dod_allocs = order_and_number(dod_designed + dod_filler, rng)
    for allocs, names in (
        (csv_allocs, {"GTM": "Guatemala", "SLV": "El Salvador", "MEX": "México", "HTI": "Haití"}),
        (dod_allocs, {"COL": "Colombia"}),
    ):
        for a in allocs:
            if a.country in names and not a.designed and not a.reject:
                a.country_written = names.pop(a.country)

    # Expected results ----------------------------------------------------------------------
    findings_rows: list[dict[str, str]] = []
    clear_rows: list[dict[str, str]] = []
    for a in csv_allocs + dod_allocs:
        found = evaluate(a, w)
        for f in found:
            note = f.note + (f" | case: {a.intent}" if a.intent else "")
            findings_rows.append(
                {
                    "allocation_id": a.allocation_id,
                    "rule_id": f.rule,
                    "outcome": f.outcome,
                    "needs": f.needs,
                    "note": note,
                }
            )
        for rule, why in a.clear:
            assert rule not in {f.rule for f in found}, (a.allocation_id, rule, found)
            clear_rows.append({"allocation_id": a.allocation_id, "rule_id": rule, "note": why})
        if a.designed and a.intent and not a.clear:
            assert found, (a.recipient_name, a.intent)
    rule_pos = {r: i for i, r in enumerate(RULES)}
    findings_rows.sort(key=lambda r: (r["allocation_id"], rule_pos[r["rule_id"]]))
    clear_rows.sort(key=lambda r: (r["allocation_id"], rule_pos[r["rule_id"]]))
    fired = {r["rule_id"] for r in findings_rows if r["outcome"] != "not_evaluated"}
    assert fired == set(RULES), set(RULES) - fired

    # Write ----------------------------------------------------------------------------------
    write_csv(OUT / "allocations.csv", COLUMNS, [alloc_row(a) for a in csv_allocs])
    write_xlsx(OUT / "allocations_dod.xlsx", dod_allocs)
    write_csv(
        OUT / "abuse_records.csv",
        [
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
        ],
        [
            {
                "record_id": r.record_id,
                "country": r.country,
                "perpetrator_name": r.perpetrator_name,
                "perpetrator_parent": r.perpetrator_parent,
                "perpetrator_type": "security_force_unit",
                "violation_type": r.violation_type,
                "event_date": iso(r.event_date),
                "credibility": r.credibility,
                "remediation": r.remediation,
                "source": r.source,
                "source_url": r.source_url,
                "description": r.description,
            }
            for r in records
        ],
    )
    write_csv(
        OUT / "country_status.csv",
        [
            "country",
            "list",
            "value",
            "valid_from",
            "valid_to",
            "waiver",
            "source",
            "status_id",
            "last_verified",
        ],
        [
            {
                "country": s.country,
                "list": s.list,
                "value": s.value,
                "valid_from": iso(s.valid_from),
                "valid_to": iso(s.valid_to),
                "waiver": s.waiver,
                "source": s.source,
                "status_id": s.status_id,
                # when the sample's lists were compiled (the project's reference lists)
                "last_verified": "2024-06-15",
            }
            for s in status
        ],
    )
    write_csv(
        OUT / "sanctioned_entities.csv",
        [
            "entity_id",
            "name",
            "aliases",
            "country",
            "program",
            "listed_date",
            "delisted_date",
            "source",
        ],
        [
            {
                "entity_id": e.entity_id,
                "name": e.name,
                "aliases": ";".join(e.aliases),
                "country": e.country,
                "program": e.program,
                "listed_date": iso(e.listed_date),
                "delisted_date": iso(e.delisted_date),
                "source": e.source,
            }
            for e in entities
        ],
    )
    write_csv(
        OUT / "expected_findings.csv",
        ["allocation_id", "rule_id", "outcome", "needs", "note"],
        findings_rows,
    )
    write_csv(OUT / "expected_clear.csv", ["allocation_id", "rule_id", "note"], clear_rows)
    write_csv(
        OUT / "expected_rejected.csv",
        ["allocation_id", "file", "reason"],
        [
            {"allocation_id": a.allocation_id, "file": "allocations.csv", "reason": a.reject}
            for a in csv_allocs
            if a.reject
        ],
    )
    summary(csv_allocs, dod_allocs, records, status, entities, findings_rows, clear_rows)


def summary(csv_allocs, dod_allocs, records, status, entities, findings, clears) -> None:
    flagged = {r["allocation_id"] for r in findings}
    total = len(csv_allocs) + len(dod_allocs)
    print(f"allocations.csv: {len(csv_allocs)} rows; allocations_dod.xlsx: {len(dod_allocs)}")
    print(
        f"abuse_records: {len(records)}; country_status: {len(status)}; "
        f"sanctioned_entities: {len(entities)}"
    )
    print(f"allocations with a non-clear result: {len(flagged)} of {total}")
    counts: dict[tuple[str, str], int] = {}
    for r in findings:
        counts[(r["rule_id"], r["outcome"])] = counts.get((r["rule_id"], r["outcome"]), 0) + 1
    for (rule, outcome), n in sorted(counts.items()):
        print(f"  {rule:22s} {outcome:14s} {n}")
    print(f"expected_findings: {len(findings)} rows; expected_clear: {len(clears)} rows")


if __name__ == "__main__":
    main()
