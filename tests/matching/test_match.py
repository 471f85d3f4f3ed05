"""match_names: bands, numbers, acronyms, aliases, hierarchy, blocking, output shape."""

import pandas as pd

from conditionality.matching import MATCH_COLUMNS, Bands, load_aliases, match_names

BANDS = Bands()


def run(build, qrows, crows, aliases=None):
    q, c = build
    return match_names(q(*qrows), c(*crows), BANDS, aliases=aliases)


def test_output_columns_and_issue_example(build):
    out = run(
        build,
        [("HND", "3er. Batallón de Infantería")],
        [("HND", "3rd Infantry Bn."), ("HND", "TERCER BATALLON DE INFANTERIA")],
    )
    assert list(out.columns) == MATCH_COLUMNS
    assert set(out["band"]) == {"high"}
    assert set(out["relation"]) == {"same"}
    row = out.iloc[0]
    assert row["score"] == 1.0
    assert "ordinal" in row["features"]
    assert "3er. Batallón de Infantería" in row["explanation"]
    assert row["query_norm"] == "3 battalion infantry"


def test_other_number_never_matches(build):
    out = run(build, [("HND", "3rd Infantry Battalion")], [("HND", "5th Infantry Battalion")])
    assert out.empty


def test_brigade_vs_battalion_is_not_high(build):
    out = run(build, [("HND", "3rd Infantry Battalion")], [("HND", "3rd Infantry Brigade")])
    assert (out["band"] != "high").all()


def test_blocking_by_country_and_country_free_candidates(build):
    out = run(
        build,
        [("HND", "3rd Infantry Battalion")],
        [("GTM", "3rd Infantry Battalion"), (None, "3rd Infantry Battalion")],
    )
    assert out["cid"].tolist() == [1]


def test_acronym_matches_expansion(build):
    out = run(build, [("SLV", "DTF")], [("SLV", "División de Transporte y Fronteras")])
    assert out["features"].str.startswith("acronym").all() and len(out) == 1


def test_default_alias_table(build):
    out = run(build, [("MEX", "SEMAR")], [("MEX", "Secretaría de Marina")])
    assert len(out) == 1 and "alias" in out.iloc[0]["features"]


def test_user_alias_file(build, tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("country,name,alias,note\nCOL,Fuerza de Tarea Omega,Trueno Azul,test\n")
    aliases = load_aliases(path)
    assert list(aliases.columns[:3]) == ["country", "name", "alias"]
    q = [("COL", "Trueno Azul")]
    c = [("COL", "Fuerza de Tarea Omega")]
    assert run(build, q, c).empty
    assert len(run(build, q, c, aliases=aliases)) == 1


def test_candidate_alias_rows_say_alias(build):
    out = run(
        build,
        [("MEX", "Joaquín Guzmán Loera")],
        [(None, "GUZMAN LOERA, Joaquin", None, "alias")],
    )
    assert "alias" in out.iloc[0]["features"]


def test_split_cell_each_unit_is_vetted(build):
    cell = (
        "Fuerzas Especialies Naval (FEN), Brigada  de Infanteria De Marina 1 and 2 "
        "(BIM1 and  2), 1st Signal Battalion, and Navy N9"
    )
    out = run(
        build,
        [("HND", cell)],
        [("HND", "Primer Batallón de Comunicaciones"), ("HND", "BIM 2"), ("HND", "Navy N6")],
    )
    assert sorted(out["cid"]) == [0, 1]
    assert out["features"].str.contains("split").all()
    signal = out[out["cid"] == 0].iloc[0]
    assert "'1st Signal Battalion'" in signal["explanation"]


def test_record_against_parent_is_review(build):
    out = run(
        build,
        [("HND", "3er. Batallón de Infantería", "115 Brigada de Infantería")],
        [("HND", "115TH INF BDE")],
    )
    row = out.iloc[0]
    assert (row["relation"], row["band"]) == ("parent", "review")
    assert "hierarchy" in row["features"] and "parent" in row["explanation"]


def test_record_against_subunit_is_review(build):
    out = run(
        build,
        [("GTM", "1st Military Police Brigade")],
        [("GTM", "Batallón de Policía Militar 1", "1ra Brigada de Policía Militar")],
    )
    row = out.iloc[0]
    assert (row["relation"], row["band"]) == ("subunit", "review")


def test_slash_cell_parent_is_review(build):
    out = run(build, [("MEX", "SEMAR / Hospital Naval")], [("MEX", "Secretaría de Marina")])
    assert out.iloc[0]["relation"] == "parent" and out.iloc[0]["band"] == "review"


def test_empty_inputs(build):
    q, c = build
    out = match_names(q(), c(("HND", "x")), BANDS)
    assert out.empty and list(out.columns) == MATCH_COLUMNS


def test_large_block_is_chunked(build, monkeypatch):
    from conditionality.matching import score

    monkeypatch.setattr(score, "_CELLS_PER_CHUNK", 3)
    names = [(("HND", f"{i}th Infantry Battalion")) for i in range(1, 12)]
    out = run(build, names, names)
    assert (out["qid"] == out["cid"]).all() and len(out) == 11
    assert isinstance(out["score"].iloc[0], float | int) or pd.api.types.is_float_dtype(
        out["score"]
    )


def test_mexican_slash_ordinal_is_the_number_not_a_parent(build):
    out = run(
        build,
        [("MEX", "3er. Batallón de Infantería", "SEDENA")],
        [("MEX", "65/o. Batallón de Infantería", "SEDENA"), ("MEX", "105/o. Btn. Inf.", "SEDENA")],
    )
    assert out.empty
    same = run(build, [("MEX", "65o Batallón de Infantería")], [("MEX", "65/o. Batallón de Inf.")])
    assert same.iloc[0]["band"] == "high" and same.iloc[0]["relation"] == "same"


def test_company_with_an_extra_qualifier_is_not_the_sanctioned_one(build):
    out = run(
        build,
        [("GTM", "Servicios Logísticos del Istmo Norte, S.A.")],
        [(None, "Servicios Logísticos del Istmo, S.A.")],
    )
    assert out.empty


def test_extra_word_keeps_a_company_below_high(build):
    out = run(build, [("GTM", "Importadora Lorenzana Pacheco")], [("GTM", "Importadora Lorenzana")])
    assert (out["band"] != "high").all()


def test_shorter_person_name_is_high(build):
    # given names within given names, surnames within surnames, first surname the same
    out = run(build, [("NIC", "MORENO, Fidel")], [("NIC", "MORENO BRIONES, Fidel Antonio")])
    assert out.iloc[0]["band"] == "high"


def test_married_name_is_the_same_person(build):
    out = run(
        build,
        [("VEN", "CONTRERAS HERNANDEZ, Marleny Josefina")],
        [("VEN", "CONTRERAS DE CABELLO, Marleny Josefina")],
    )
    assert out.iloc[0]["band"] == "high"


def test_relative_with_other_given_names_is_not_high(build):
    out = run(
        build,
        [("MEX", "GONZALEZ VALENCIA, Abigael")],
        [("MEX", "GONZALEZ VALENCIA, Luis Angel"), ("MEX", "GONZALEZ, Luis")],
    )
    assert (out["band"] != "high").all()


def test_company_with_only_generic_extra_words_is_high(build):
    out = run(
        build,
        [("GTM", "Importadora y Exportadora Lorenzana")],
        [("GTM", "Importadora Lorenzana, S.A."), ("GTM", "Exportadora Pacheco")],
    )
    assert out["cid"].tolist() == [0] and out.iloc[0]["band"] == "high"


def test_list_cell_with_one_more_part(build):
    out = run(
        build,
        [("COL", "Colombian NCO Academy, Madrid, Cundinamarca")],
        [("COL", "Colombian NCO Academy, Madrid")],
    )
    assert out.iloc[0]["band"] == "high"


def test_damaged_unit_word_is_repaired(build):
    out = run(build, [("DOM", "Batall?n de Cazadores")], [("DOM", "Batallón de Cazadores")])
    assert out.iloc[0]["band"] == "high"


def test_other_surname_is_not_high(build):
    out = run(build, [("SLV", "Carlos Alberto García")], [("SLV", "Carlos Alberto Garay")])
    assert (out["band"] != "high").all()


def test_guatemalan_bi_is_an_infantry_brigade(build):
    out = run(build, [("GTM", "2da B.I")], [("GTM", "2nd Infantry Brigade"), ("GTM", "3rd BDE")])
    assert out["cid"].tolist() == [0] and out.iloc[0]["band"] == "high"


def test_typo_in_a_short_unit_word(build):
    out = run(build, [("COL", "ARMI AVIATION SHOOL")], [("COL", "Army Aviation School")])
    assert out.iloc[0]["band"] == "high"
