"""Splitting cells that name several units."""

from conditionality.matching.split import split_cell

FMTR = (
    "Fuerzas Especiales Naval (FEN), Brigada de Infantería de Marina 1 and 2 (BIM1 and 2), "
    "1st Signal Battalion, and Navy N9"
)


def texts(cell):
    return {p.text for p in split_cell(cell)}


def test_fmtr_list_cell_yields_each_unit():
    got = texts(FMTR)
    assert {
        "Fuerzas Especiales Naval",
        "FEN",
        "Brigada de Infantería de Marina 1",
        "Brigada de Infantería de Marina 2",
        "BIM1",
        "BIM2",
        "1st Signal Battalion",
        "Navy N9",
    } <= got
    assert FMTR in got  # the whole cell is kept too


def test_parenthesised_acronym_is_an_alias():
    parts = split_cell("Toma Integral Gubernamental de Respuesta Especial de Seguridad (TIGRES)")
    assert [(p.text, p.origin) for p in parts[1:]] == [
        ("Toma Integral Gubernamental de Respuesta Especial de Seguridad", "split"),
        ("TIGRES", "paren"),
    ]


def test_slash_names_the_parent():
    parts = split_cell("SEMAR / Hospital Naval De Especialidades")
    parent = {p.text.strip() for p in parts if p.parent}
    assert parent == {"SEMAR"}


def test_bare_number_reuses_previous_words():
    assert "Jungle Battalion 56" in texts("Jungle Battalion 55, 56,")


def test_person_and_company_commas_are_not_lists():
    assert len(split_cell("CARO QUINTERO, Rafael")) == 1
    assert len(split_cell("PATRACA, S.A. DE C.V.")) == 1


def test_mexican_ordinal_slash_is_not_a_parent():
    parts = split_cell("65/o. Batallón de Infantería")
    assert not any(p.parent for p in parts) and len(parts) == 1
    assert not any(p.parent for p in split_cell("3/er. Batallón, 105/o. Btn. Inf."))
    assert {p.text.strip() for p in split_cell("SEMAR / Hospital Naval") if p.parent} == {"SEMAR"}
