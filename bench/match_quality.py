"""Print the name matcher's precision and recall per band on the labelled pair set.

Run: .venv/bin/python bench/match_quality.py [--show-errors] [--heldout] [--per-file]

Parts: `tune` (pairs_tune.csv) and `dev` (pairs_dev_*.csv, written later for new kinds of
names) are for tuning, and --show-errors lists their errors. `heldout` (pairs_heldout.csv,
frozen) is printed only with --heldout, as aggregate figures: look at it rarely, never at its
errors.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from conditionality.matching import Bands, match_names
from conditionality.matching.evaluate import predict, quality, read_pairs

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "data" / "name_pairs"


def _timing(n_queries: int = 20_000, n_candidates: int = 30_000, countries: int = 60) -> str:
    """Synthetic unit names spread over `countries` blocks; times one match_names call."""
    rng = np.random.default_rng(7)
    words = [
        "Batallón",
        "Brigada",
        "Infantería",
        "Fuerzas Especiales",
        "Policía",
        "Comando",
        "Naval",
        "Aérea",
        "Artillería",
        "Selva",
        "Montaña",
        "Ingenieros",
        "Regional",
        "Norte",
        "Sur",
        "Escuela",
        "Grupo",
        "Operaciones",
        "Inteligencia",
        "Fluvial",
    ]

    def names(n: int) -> list[str]:
        picks = rng.integers(0, len(words), size=(n, 3))
        nums = rng.integers(1, 200, size=n)
        return [f"{nums[i]} {words[a]} {words[b]} {words[c]}" for i, (a, b, c) in enumerate(picks)]

    took, found = _timed(rng, countries, (n_queries, names), (n_candidates, names))
    return (
        f"timing: {n_queries:,} query names x {n_candidates:,} candidate names in "
        f"{countries} countries: {took:.2f} s, {found:,} matches"
    )


def _timed(
    rng: np.random.Generator,
    countries: int,
    queries: tuple[int, Callable[[int], list[str]]],
    candidates: tuple[int, Callable[[int], list[str]]],
) -> tuple[float, int]:
    """Seconds one match_names call takes on (count, name maker) query and candidate names
    spread over `countries` blocks, and how many matches it finds."""
    iso = [f"C{i:02d}" for i in range(countries)]
    (nq, make_q), (nc, make_c) = queries, candidates
    q = pd.DataFrame(
        {"qid": range(nq), "country": rng.choice(iso, nq), "name": make_q(nq), "parent": pd.NA}
    )
    c = pd.DataFrame(
        {
            "cid": range(nc),
            "country": rng.choice(iso, nc),
            "name": make_c(nc),
            "parent": pd.NA,
            "name_kind": "primary",
        }
    )
    start = time.perf_counter()
    out = match_names(q, c, Bands())
    return time.perf_counter() - start, len(out)


_GIVEN = [
    "José",
    "Juan",
    "Luis",
    "Carlos",
    "María",
    "Ana",
    "Rosa",
    "Pedro",
    "Jorge",
    "Miguel",
    "Ramón",
    "Félix",
    "Mario",
    "Elena",
    "Sandra",
    "Óscar",
    "Héctor",
    "Raúl",
    "Iván",
    "Pablo",
    "Daniel",
    "Manuel",
    "Alberto",
    "Ricardo",
    "Diego",
    "Andrés",
    "Fernando",
    "Javier",
    "Sergio",
    "Rafael",
]
_SURNAMES = [
    "García",
    "López",
    "Martínez",
    "Rodríguez",
    "Hernández",
    "González",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Flores",
    "Cruz",
    "Morales",
    "Reyes",
    "Gómez",
    "Díaz",
    "Torres",
    "Vargas",
    "Castro",
    "Ruiz",
    "Ortiz",
    "Mendoza",
    "Rojas",
    "Silva",
    "Romero",
    "Medina",
    "Aguilar",
    "Herrera",
    "Jiménez",
    "Moreno",
    "Álvarez",
    "Chávez",
    "Ramos",
    "Vázquez",
    "Castillo",
    "Soto",
    "Guzmán",
    "Salazar",
    "Núñez",
    "Ríos",
    "Delgado",
]


def _person_timing(n_queries: int = 5_000, n_candidates: int = 7_500, countries: int = 10) -> str:
    """Person names from few given names and surnames (many share words, the hard case for
    the person passes): names in order against OFAC-style 'LAST, First' names."""
    rng = np.random.default_rng(3)

    def names(n: int, ofac: bool) -> list[str]:
        g1, g2 = rng.choice(_GIVEN, n), rng.choice(_GIVEN, n)
        s1, s2 = rng.choice(_SURNAMES, n), rng.choice(_SURNAMES, n)
        if ofac:
            return [
                f"{a.upper()} {b.upper()}, {c} {d}"
                for a, b, c, d in zip(s1, s2, g1, g2, strict=True)
            ]
        return [f"{c} {d} {a} {b}" for a, b, c, d in zip(s1, s2, g1, g2, strict=True)]

    took, found = _timed(
        rng,
        countries,
        (n_queries, lambda n: names(n, False)),
        (n_candidates, lambda n: names(n, True)),
    )
    return (
        f"timing: {n_queries:,} person names x {n_candidates:,} 'LAST, First' names in "
        f"{countries} countries: {took:.2f} s, {found:,} matches"
    )


def main() -> None:
    bands = Bands()
    show = "--show-errors" in sys.argv
    print(f"bands: high={bands.high} review={bands.review}")
    parts = {
        "tune": [PAIRS / "pairs_tune.csv"],
        "dev": sorted(PAIRS.glob("pairs_dev_*.csv")),
    }
    if "--per-file" in sys.argv:  # each development file on its own (a new blind file's first run)
        parts.update({f.stem.removeprefix("pairs_"): [f] for f in parts["dev"]})
    if "--heldout" in sys.argv:
        parts["heldout"] = [PAIRS / "pairs_heldout.csv"]
    for part, files in parts.items():
        if not files:
            continue
        frames = [read_pairs(str(f)) for f in files]
        pred = predict(pd.concat(frames, ignore_index=True), bands)
        q = quality(pred)
        print(
            f"{part:8s} pairs={q.pairs:4d}  high: precision={q.high_precision:.3f} "
            f"recall={q.high_recall:.3f}  review: precision={q.review_precision:.3f}  "
            f">=review recall={q.any_recall:.3f}  missed={len(q.missed)}"
        )
        if show and part != "heldout":  # never inspect held-out errors while tuning
            bad = pred[pred["pair_id"].isin(q.missed + q.false_high)]
            odd = pred[pred["label"].eq("match") & pred["band"].eq("review")]
            for _, r in pd.concat([bad, odd]).iterrows():
                print(
                    f"   {r.pair_id} {r.label:9s} {r.band or '-':6s} {r.score:.3f} "
                    f"{r.relation:8s} {r.name_a!r} | {r.name_b!r} [{r.features}]"
                )
    print(_timing())
    print(_person_timing())


if __name__ == "__main__":
    main()
