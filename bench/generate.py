"""A seeded generator of realistic synthetic inputs at any scale.

Allocations over 70 countries with tens of thousands of distinct recipient names (security
units, ministries, NGOs and companies); abuse records whose perpetrator names are noisy
variants of those units (case, accents, typos, abbreviations, plus units never funded);
dated country lists (cspa, coup, tip_tier, pts over all countries and many years, with a few
gaps); sanctioned entities with aliases (a few with no country = any country).

Run: .venv/bin/python bench/generate.py --rows 1000000 --out /tmp/cond-1m [--csv] [--parts 4]

Writes allocations.parquet, abuse_records.parquet, country_status.parquet and
sanctioned_entities.parquet (typed columns), with --csv the same as CSV, and with --parts N
also allocations_parts/part-*.parquet (for the Dask engine). The same seed and sizes always
give the same data. `--names-of ROWS` keeps the names of a smaller scale (the doubling
experiment: twice the rows, the same distinct names).
"""

from __future__ import annotations

import argparse
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240630
N_COUNTRIES = 70
UNIT_TYPES_ES = ["Batallón", "Brigada", "Compañía", "Escuadrón", "Regimiento", "Grupo"]
UNIT_TYPES_EN = ["Battalion", "Brigade", "Company", "Squadron", "Regiment", "Group"]
ARMS_ES = [
    "de Infantería",
    "de Artillería",
    "de Caballería",
    "de Ingenieros",
    "de Policía Militar",
    "de Fuerzas Especiales",
    "Antinarcóticos",
    "de Infantería de Marina",
    "de Comunicaciones",
    "de Operaciones Especiales",
]
ARMS_EN = [
    "Infantry",
    "Artillery",
    "Cavalry",
    "Engineer",
    "Military Police",
    "Special Forces",
    "Counternarcotics",
    "Marine",
    "Signals",
    "Special Operations",
]
PLACES = [
    "del Norte",
    "del Sur",
    "del Pacífico",
    "del Caribe",
    "Central",
    "de la Frontera",
    "de Montaña",
    "de la Selva",
    "Costero",
    "Metropolitano",
]
PARENTS = ["Ejército Nacional", "Armada Nacional", "Policía Nacional", "Fuerza Aérea"]
ORG_KINDS = ["Fundación", "Asociación", "Cooperativa", "Instituto", "Red", "Comité"]
ORG_TOPICS = [
    "para el Desarrollo",
    "de Salud Comunitaria",
    "Agrícola",
    "de Mujeres",
    "Educativa",
    "de Agua Potable",
    "de Derechos Humanos",
    "Ambiental",
]
MINISTRIES = ["Ministerio de Defensa", "Ministerio de Salud", "Ministerio del Interior"]
COMPANY_WORDS = ["Andina", "Global", "Atlas", "Sierra", "Delta", "Orion", "Nova", "Tierra"]
COMPANY_KINDS = ["S.A.", "Ltda", "Holdings", "Trading", "Group", "Logistics"]
VIOLATIONS = ["extrajudicial_killing", "torture", "enforced_disappearance", "rape"]
OTHER_VIOLATIONS = ["arbitrary_detention", "other"]
PTS = np.array(["1", "2", "3", "4", "5"])


@dataclass(frozen=True)
class Sizes:
    rows: int
    abuses: int
    status: int
    entities: int
    units: int
    orgs: int

    @staticmethod
    def for_rows(rows: int, names_of: int | None = None) -> Sizes:
        base = names_of or rows
        return Sizes(
            rows=rows,
            abuses=max(200, base // 10),
            status=20_000 if base >= 200_000 else max(2_000, base // 10),
            entities=max(100, base // 100),
            units=min(24_000, max(300, base // 40)),
            orgs=min(16_000, max(200, base // 60)),
        )


def countries() -> list[str]:
    import pycountry

    codes = sorted(c.alpha_3 for c in pycountry.countries)
    return codes


def _strip_accents(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def _typo(text: str, rng: np.random.Generator) -> str:
    """Swap two adjacent letters inside the longest word."""
    words = text.split(" ")
    k = max(range(len(words)), key=lambda i: len(words[i]))
    w = words[k]
    if len(w) < 6:
        return text
    p = int(rng.integers(1, len(w) - 2))
    words[k] = w[:p] + w[p + 1] + w[p] + w[p + 2 :]
    return " ".join(words)


def _unit_names(n: int, rng: np.random.Generator, numbers: tuple[int, int] = (1, 400)) -> list[str]:
    """Distinct unit names (Spanish and English forms, always with a number)."""
    out: set[str] = set()
    res: list[str] = []
    while len(res) < n:
        num = int(rng.integers(*numbers))
        if rng.random() < 0.6:
            name = (
                f"{rng.choice(UNIT_TYPES_ES)} {rng.choice(ARMS_ES)} No. {num} {rng.choice(PLACES)}"
            )
        else:
            name = f"{num}th {rng.choice(ARMS_EN)} {rng.choice(UNIT_TYPES_EN)}"
        if name not in out:
            out.add(name)
            res.append(name)
    return res


def _org_names(n: int, rng: np.random.Generator) -> list[str]:
    out: set[str] = set()
    res: list[str] = []
    while len(res) < n:
        r = rng.random()
        k = int(rng.integers(1, 5000))
        if r < 0.7:
            name = f"{rng.choice(ORG_KINDS)} {rng.choice(ORG_TOPICS)} {k}"
        else:
            words = rng.choice(COMPANY_WORDS, 2)
            name = f"{words[0]} {words[1]} {k} {rng.choice(COMPANY_KINDS)}"
        if name not in out:
            out.add(name)
            res.append(name)
    return res


def _pick(rng: np.random.Generator, n: int, size: int) -> np.ndarray:
    """Zipf-like choice of `size` indexes among n (a few names carry many rows)."""
    w = 1.0 / np.arange(1, n + 1) ** 0.8
    return rng.choice(n, size=size, p=w / w.sum())


def generate(rows: int, seed: int = SEED, names_of: int | None = None) -> dict[str, pd.DataFrame]:
    """The four canonical tables, typed. Deterministic for (rows, seed, names_of)."""
    sz = Sizes.for_rows(rows, names_of)
    rng = np.random.default_rng(seed)
    all_c = countries()
    cs = np.array(rng.choice(all_c, N_COUNTRIES, replace=False), dtype=object)
    # Name vocabulary: each (country, name) pair is a distinct recipient.
    units = np.array(_unit_names(sz.units, rng), dtype=object)
    unit_country = cs[rng.integers(0, N_COUNTRIES, len(units))]
    unit_parent = np.array(PARENTS, dtype=object)[rng.integers(0, len(PARENTS), len(units))]
    orgs = np.array(_org_names(sz.orgs, rng), dtype=object)
    org_country = cs[rng.integers(0, N_COUNTRIES, len(orgs))]

    arng = np.random.default_rng(seed + 1)  # rows drawn independently of the vocabulary
    n = rows
    kind = arng.random(n)
    is_unit = kind < 0.35
    is_min = (kind >= 0.35) & (kind < 0.40)
    ui = _pick(arng, len(units), n)
    oi = _pick(arng, len(orgs), n)
    name = np.where(is_unit, units[ui], orgs[oi]).astype(object)
    country = np.where(is_unit, unit_country[ui], org_country[oi]).astype(object)
    mi = arng.integers(0, len(MINISTRIES), n)
    name[is_min] = np.array(MINISTRIES, dtype=object)[mi[is_min]]
    parent = np.where(is_unit, unit_parent[ui], None).astype(object)
    rtype = np.where(
        is_unit,
        "security_force_unit",
        np.where(is_min, "government", np.where(arng.random(n) < 0.7, "ngo", "private")),
    ).astype(object)
    security = is_unit & (arng.random(n) < 0.92)
    cat_other = np.array(["development", "health", "democracy", "humanitarian", "economic"])
    category = np.where(security, "security", cat_other[arng.integers(0, 5, n)]).astype(object)
    category[arng.random(n) < 0.002] = None
    agency = np.where(
        security,
        np.array(["DOS", "DOD", "DHS"])[arng.integers(0, 3, n)],
        np.array(["USAID", "MCC", "DOS"])[arng.integers(0, 3, n)],
    ).astype(object)
    account = np.where(
        security,
        np.where(
            agency == "DOD",
            np.array(["S333", "EDA"])[arng.integers(0, 2, n)],
            np.array(["FMF", "INCLE", "IMET", "PKO", "NADR"])[arng.integers(0, 5, n)],
        ),
        np.array(["DA", "ESF", "GHP", "IDA"])[arng.integers(0, 4, n)],
    ).astype(object)
    account[arng.random(n) < 0.003] = None
    blank_name = security & (arng.random(n) < 0.005)
    name[blank_name] = None
    fy = arng.integers(2015, 2025, n)
    start = pd.to_datetime((fy - 1).astype(str), format="%Y") + pd.to_timedelta(
        273 + arng.integers(0, 360, n), unit="D"
    )
    start = pd.Series(start).mask(arng.random(n) < 0.2)
    end = start + pd.to_timedelta(arng.integers(180, 1100, n), unit="D")
    end = end.mask(arng.random(n) < 0.1)
    exc = np.full(n, None, dtype=object)
    r = arng.random(n)
    exc[r < 0.002] = "disaster_relief"
    exc[(r >= 0.002) & (r < 0.003)] = "secdef_waiver 2023-17"
    alloc = pd.DataFrame(
        {
            "allocation_id": np.char.add("A", np.char.zfill(np.arange(n).astype(str), 8)),
            "fiscal_year": fy.astype("int64"),
            "agency": agency,
            "account": account,
            "recipient_country": country,
            "recipient_name": name,
            "recipient_type": rtype,
            "recipient_parent": parent,
            "category": category,
            "amount_usd": (arng.integers(1, 500_000, n) * 100).astype("float64"),
            "start_date": start,
            "end_date": end,
            "description": np.where(security, "security assistance", "development program"),
            "legal_exception": exc,
            "transaction_type": np.where(arng.random(n) < 0.85, "obligation", "disbursement"),
        }
    )
    brng = np.random.default_rng(seed + 2)
    return {
        "allocations": alloc,
        "abuse_records": _abuses(sz, brng, units, unit_country, unit_parent, cs),
        "country_status": _status(sz, brng, all_c, cs),
        "sanctioned_entities": _entities(sz, brng, orgs, org_country, cs),
    }


def _noisy(names: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Variants as a records clerk writes them."""
    out = names.copy()
    r = rng.random(len(names))
    for i in np.flatnonzero(r >= 0.5):
        t = str(names[i])
        if r[i] < 0.65:
            t = t.upper()
        elif r[i] < 0.78:
            t = _strip_accents(t)
        elif r[i] < 0.9:
            t = _typo(t, rng)
        else:
            t = t.replace("No. ", "Nro. ").replace("Batallón", "Bn.")
        out[i] = t
    return out


def _abuses(sz, rng, units, unit_country, unit_parent, cs) -> pd.DataFrame:
    n = sz.abuses
    # one funded unit in ten has records; the rest name units no allocation mentions
    known = rng.random(n) < min(0.5, 0.1 * len(units) / n)
    ui = rng.integers(0, len(units), n)
    # units never funded carry other numbers (a number that differs rules a match out)
    extra = np.array(_unit_names(len(units), np.random.default_rng(7), (400, 4000)), dtype=object)
    ei = rng.integers(0, len(extra), n)
    base = np.where(known, units[ui], extra[ei]).astype(object)
    country = np.where(known, unit_country[ui], cs[rng.integers(0, len(cs), n)]).astype(object)
    distinct, inv = np.unique(base.astype(str), return_inverse=True)
    variants = np.stack([_noisy(distinct.astype(object), rng) for _ in range(3)], axis=1)
    name = variants[inv, rng.integers(0, 3, n)]
    viol = np.where(
        rng.random(n) < 0.7,
        np.array(VIOLATIONS)[rng.integers(0, 4, n)],
        np.array(OTHER_VIOLATIONS)[rng.integers(0, 2, n)],
    )
    cred = np.array(["alleged", "credible", "confirmed"])[rng.choice(3, n, p=[0.5, 0.35, 0.15])]
    rem = np.array(["none", "investigating", "prosecuted", "remediated"])[
        rng.choice(4, n, p=[0.6, 0.2, 0.1, 0.1])
    ]
    ev = pd.Timestamp("2005-01-01") + pd.to_timedelta(rng.integers(0, 7300, n), unit="D")
    return pd.DataFrame(
        {
            "record_id": np.char.add("R", np.char.zfill(np.arange(n).astype(str), 8)),
            "country": country,
            "perpetrator_name": name,
            "perpetrator_parent": np.where(known, unit_parent[ui], None).astype(object),
            "perpetrator_type": "security_force_unit",
            "violation_type": viol,
            "event_date": ev,
            "credibility": cred,
            "remediation": rem,
            "source": "synthetic",
            "source_url": "https://example.org/synthetic",
            "description": "synthetic record",
        }
    )


def _status(sz, rng, all_c, cs) -> pd.DataFrame:
    """tip_tier and pts for every country and year (a few gaps); cspa and coup sparse."""
    frames = []
    ncty = len(all_c)
    years_needed = max(12, int(np.ceil(sz.status / (ncty * 2.1))))
    years = np.arange(2026 - years_needed, 2026)
    cy = pd.MultiIndex.from_product([all_c, years], names=["country", "year"]).to_frame(index=False)
    m = len(cy)
    yr = cy["year"].to_numpy()
    gap = rng.random(m) < 0.02
    tier = np.array(["1", "2", "2W", "3"])[rng.choice(4, m, p=[0.3, 0.4, 0.2, 0.1])]
    waiver = np.array(["none", "full", "partial", "unknown"])[
        rng.choice(4, m, p=[0.7, 0.15, 0.1, 0.05])
    ]
    frames.append(
        pd.DataFrame(
            {
                "country": cy["country"],
                "list": "tip_tier",
                "value": tier,
                "valid_from": pd.to_datetime((yr - 1).astype(str) + "-10-01"),
                "valid_to": pd.to_datetime(yr.astype(str) + "-09-30"),
                "waiver": waiver,
            }
        )[~gap]
    )
    gap = rng.random(m) < 0.03
    frames.append(
        pd.DataFrame(
            {
                "country": cy["country"],
                "list": "pts",
                "value": rng.choice(PTS, m, p=[0.3, 0.3, 0.25, 0.1, 0.05]),
                "valid_from": pd.to_datetime(yr.astype(str) + "-01-01"),
                "valid_to": pd.to_datetime(yr.astype(str) + "-12-31"),
                "waiver": None,
            }
        )[~gap]
    )
    cspa = rng.random(m) < 0.08
    frames.append(
        pd.DataFrame(
            {
                "country": cy["country"],
                "list": "cspa",
                "value": "listed",
                "valid_from": pd.to_datetime((yr - 1).astype(str) + "-10-01"),
                "valid_to": pd.to_datetime(yr.astype(str) + "-09-30"),
                "waiver": waiver[rng.permutation(m)],
            }
        )[cspa]
    )
    coup = rng.random(m) < 0.03
    frames.append(
        pd.DataFrame(
            {
                "country": cy["country"],
                "list": "coup",
                "value": np.where(rng.random(m) < 0.8, "listed", "unverified"),
                "valid_from": pd.to_datetime(yr.astype(str) + "-03-01"),
                "valid_to": pd.to_datetime((yr + 1).astype(str) + "-02-28"),
                "waiver": None,
            }
        )[coup]
    )
    out = pd.concat(frames, ignore_index=True)
    out = out.assign(
        source="synthetic list",
        status_id=out["list"]
        + "-"
        + out["country"]
        + "-"
        + out["valid_from"].dt.strftime("%Y-%m-%d"),
    )
    return out.reset_index(drop=True)


def _entities(sz, rng, orgs, org_country, cs) -> pd.DataFrame:
    n = sz.entities
    from_orgs = rng.random(n) < 0.05  # some funded organizations are designated
    oi = rng.integers(0, len(orgs), n)
    own = np.array(
        [
            f"{rng.choice(COMPANY_WORDS)} {rng.choice(['Capital', 'Minerals', 'Energy'])} {i} "
            f"{rng.choice(COMPANY_KINDS)}"
            for i in range(n)
        ],
        dtype=object,
    )
    name = np.where(from_orgs, orgs[oi], own).astype(object)
    name = np.array([str(x).upper() for x in name], dtype=object)
    country = np.where(from_orgs, org_country[oi], cs[rng.integers(0, len(cs), n)]).astype(object)
    country[rng.random(n) < 0.02] = None  # any country
    has_alias = rng.random(n) < 0.4
    alias = np.array(
        [
            f"{str(x).split(' ')[0]} ALIAS {i}" if h else None
            for i, (x, h) in enumerate(zip(name, has_alias, strict=True))
        ],
        dtype=object,
    )
    listed = pd.Timestamp("2012-01-01") + pd.to_timedelta(rng.integers(0, 4500, n), unit="D")
    delisted = pd.Series(listed + pd.to_timedelta(rng.integers(200, 3000, n), unit="D"))
    delisted = delisted.where(rng.random(n) < 0.1)
    return pd.DataFrame(
        {
            "entity_id": np.char.add("E", np.char.zfill(np.arange(n).astype(str), 7)),
            "name": name,
            "aliases": alias,
            "country": country,
            "program": np.array(["GLOMAG", "SDNTK", "VENEZUELA-EO13850", "NICARAGUA"])[
                rng.integers(0, 4, n)
            ],
            "listed_date": listed,
            "delisted_date": delisted,
            "source": "synthetic designation",
        }
    )


def write(
    tables: dict[str, pd.DataFrame], out: Path, *, csv: bool = False, parts: int = 0
) -> dict[str, Path]:
    """Write the tables as Parquet (and CSV); returns the Parquet paths by table name."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, frame in tables.items():
        p = out / f"{name}.parquet"
        frame.to_parquet(p, index=False, row_group_size=250_000)
        paths[name] = p
        if csv:
            frame.to_csv(out / f"{name}.csv", index=False, date_format="%Y-%m-%d")
    if parts:
        d = out / "allocations_parts"
        d.mkdir(exist_ok=True)
        alloc = tables["allocations"]
        for i, chunk in enumerate(np.array_split(np.arange(len(alloc)), parts)):
            alloc.iloc[chunk].to_parquet(d / f"part-{i:03d}.parquet", index=False)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--names-of", type=int, default=None, help="use the names of this scale")
    ap.add_argument("--csv", action="store_true", help="also write CSV")
    ap.add_argument("--parts", type=int, default=0, help="also write N allocation parts")
    a = ap.parse_args(argv)
    tables = generate(a.rows, a.seed, a.names_of)
    write(tables, a.out, csv=a.csv, parts=a.parts)
    for k, v in tables.items():
        print(f"{k}: {len(v):,} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
