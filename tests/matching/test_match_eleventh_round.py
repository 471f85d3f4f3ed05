"""Kinds of names added in the eleventh tuning round."""

import pandas as pd
import pytest

from conditionality.matching.normalize import preclean, profile


def norm(text: str) -> str:
    return profile(preclean(pd.Series([text]))[0]).norm


@pytest.mark.parametrize(
    ("damaged", "plain"),
    [
        # a '?' for an accented letter is the one vocabulary word it can be
        ("Grupo A?reo del Casanare", "Grupo Aéreo del Casanare"),
        ("Direcci?n General de Recursos Humanos", "Dirección General de Recursos Humanos"),
        ("Cuarta Regi?n Naval", "Cuarta Región Naval"),
    ],
)
def test_damaged_letters_become_the_vocabulary_word(damaged, plain):
    assert norm(damaged) == norm(plain)


def test_a_damaged_name_that_is_no_vocabulary_word_only_loses_its_mark():
    assert "bogot" in norm("Colombian Air Force, Bogot?").split()


@pytest.mark.parametrize(
    ("typo", "plain"),
    [
        ("CARATASCA BAVY Base", "Caratasca Navy Base"),  # the key next to 'N'
        ("NAY HEADQUARTERS", "Navy Headquarters"),  # a letter left out
        ("Honduran Amry", "Honduran Army"),
    ],
)
def test_short_branch_word_slips_are_repaired(typo, plain):
    assert norm(typo) == norm(plain)


@pytest.mark.parametrize("name", ["Mary Brigade", "Hotel Bavy", "NAY", "Ana Brigade"])
def test_short_names_stay_names(name):
    # no branch word: a name outside a unit ('Hotel Bavy'), or too far from one
    assert "navy" not in norm(name).split() and "army" not in norm(name).split()


@pytest.mark.parametrize(
    ("country", "a", "b", "band"),
    [
        ("HND", "CARATASCA BAVY Base", "Base Naval de Caratasca", "high"),
        ("HND", "NAY HEADQUARTERS", "Navy Headquarters", "high"),
        ("HND", "NAY HEADQUARTERS", "Army Headquarters", None),
        ("HND", "CARATASCA BAVY Base", "Base Naval de Puerto Castilla", None),
        # a patron named alone, rank and all, is the unit named after them, with its branch
        ("HTI", "ADMIRAL KILLICK", "Base Amiral Killick des Garde-Côtes", "high"),
        ("HTI", "ADMIRAL KILLICK", "Base Amiral Killick des Garde-Côtes d'Haïti", "high"),
        ("HTI", "ADMIRAL KILLICK", "Base Navale du Cap-Haïtien", None),
        # ... but a unit of one kind is not one of another branch named after the same person
        ("COL", "Batallón General Santander", "Policía General Santander", "review"),
    ],
)
def test_pair_bands(build, check_band, country, a, b, band):
    check_band(build, a, b, country, band)
