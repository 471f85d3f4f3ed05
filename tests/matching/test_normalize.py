"""Normalization: ordinals, abbreviations, accents, unit words, OFAC name order."""

import pandas as pd
import pytest

from conditionality.matching import normalize_names
from conditionality.matching.normalize import preclean, profile


def norm(name: str) -> str:
    return str(normalize_names(pd.Series([name]))[0])


def prof(name: str):
    return profile(str(preclean(pd.Series([name]))[0]))


@pytest.mark.parametrize(
    "form",
    ["3", "3rd", "third", "III", "3er.", "tercer", "tercero", "tercera", "3ra", "3º", "3ª", "3o"],
)
def test_every_ordinal_form_is_the_number(form):
    assert prof(f"{form} Batallón de Infantería").numbers == "3"


def test_spanish_suffix_ordinals_and_bare_numbers():
    assert prof("6TA BRIGADA PLAYANDE").numbers == "6"
    assert prof("115 BRIGADA INF").numbers == "115"
    assert prof("Décima Quinta Brigada de Aviación").numbers == "15"
    assert prof("Navy N9").numbers == "9"


def test_issue_example_three_writings_are_equal():
    forms = ["3er. Batallón de Infantería", "3rd Infantry Bn.", "TERCER BATALLON DE INFANTERIA"]
    assert len({prof(f).key for f in forms}) == 1


@pytest.mark.parametrize(
    ("abbr", "full"),
    [
        ("1st Inf Bn", "First Infantry Battalion"),
        ("5a Bgda. Inf.", "Quinta Brigada de Infantería"),
        ("2nd Bde", "Segunda Brigada"),
        ("7th Div", "Séptima División"),
        ("Cmdo. de Fuerzas Especiales", "Special Forces Command"),
        ("FF.AA.", "Fuerzas Armadas"),
        ("1 Bat. Infantería", "1st Infantry Battalion"),
        ("1 Brig. Infantería", "1st Infantry Brigade"),
    ],
)
def test_abbreviations_expand(abbr, full):
    assert prof(abbr).key == prof(full).key


def test_accents_case_and_spacing_do_not_matter():
    assert norm("  POLICÍA   nacional civil ") == norm("Policia Nacional Civil")


def test_unit_words_translate_and_country_words_drop():
    assert prof("Fuerza Aérea del Perú").key == prof("Peruvian Air Force").key
    assert prof("Fuerzas Especiales Navales").arms == "special_force"


def test_ofac_last_first_order():
    assert norm("CARO QUINTERO, Rafael") == "rafael caro quintero"
    assert prof("CARO QUINTERO, Rafael").person_order


def test_unit_with_comma_is_not_reordered():
    assert not prof("Colombian Police, Carabineros").person_order


def test_company_legal_forms_drop():
    assert norm("PATRACA, S.A. DE C.V.") == "patraca"


def test_damaged_encodings_and_typos_are_tolerated():
    assert norm("BatallÃ³n de InfanterÃ\xada") == norm("Batallón de Infantería")
    assert prof("Air Combat Comand No. 3").key == prof("Air Combat Command No.3").key
    assert "bogot" in norm("Colombian Air Force Headquarters, Bogot?")


def test_empty_names_are_na():
    assert normalize_names(pd.Series(["", "--"])).isna().all()


@pytest.mark.parametrize("form", ["65/o.", "65/O", "65 / o.", "65o."])
def test_mexican_slash_ordinals(form):
    assert prof(f"{form} Batallón de Infantería").numbers == "65"


def test_words_outside_the_vocabulary_are_kept_for_the_word_checks():
    assert prof("Servicios Logísticos del Istmo Norte, S.A.").words[-2:] == ("istmo", "north")
    assert "sem" not in prof("SEM Naval Intelligence Unit").words  # a known alias


def test_vocabulary_data_is_consistent():
    """Each term once; known kinds and languages; every ranked unit type or branch is in the
    vocabulary (a rank for a canonical no term maps to would never apply)."""
    import csv
    from importlib import resources

    data = resources.files("conditionality.matching").joinpath("data")
    with data.joinpath("vocabulary.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    terms = [r["term"] for r in rows]
    assert len(terms) == len(set(terms)), sorted(t for t in set(terms) if terms.count(t) > 1)
    kinds = {"unit_type", "arm", "branch", "rank", "word", "qualifier", "business", "org", "stop"}
    assert {r["kind"] for r in rows} <= kinds
    # a 'stop' phrase is left out of the name, so it has no canonical form
    assert all((r["kind"] == "stop") == (r["canonical"] == "") for r in rows)
    assert {r["lang"] for r in rows} <= {"es", "en", "fr", "es/en", "fr/en", "es/fr"}
    canonical = {"_".join(r["canonical"].split()) for r in rows}
    with data.joinpath("unit_ranks.csv").open(encoding="utf-8") as fh:
        ranked = {"_".join(r["canonical"].split()) for r in csv.DictReader(fh)}
    assert ranked <= canonical, ranked - canonical
    for name, cols in (
        ("arm_branches.csv", ("arm", "branch")),
        ("unique_unit_types.csv", ("canonical",)),
    ):
        with data.joinpath(name).open(encoding="utf-8") as fh:
            used = {"_".join(r[c].split()) for r in csv.DictReader(fh) for c in cols}
        assert used <= canonical, (name, used - canonical)
