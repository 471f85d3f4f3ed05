"""Property tests: symmetry, case/accent/spacing invariance, aliases only add matches."""

import os
import unicodedata

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from conditionality.matching import Bands, match_names

BANDS = Bands()
NAMES = [
    "3er. Batallón de Infantería",
    "3rd Infantry Bn.",
    "TERCER BATALLON DE INFANTERIA",
    "5th Infantry Battalion",
    "3rd Infantry Brigade",
    "1st Marine Infantry Battalion",
    "Primera Brigada de Infantería de Marina",
    "BIM",
    "Fuerzas Especiales Navales (FEN)",
    "Naval Special Forces Command",
    "Policía Nacional Civil",
    "PNC",
    "Colombian Police, Carabineros",
    "Colombian Police, Junglas",
    "Air Combat Command No. 3, Barranquilla",
    "Comando Aéreo de Combate No. 3",
    "SEMAR / Hospital Naval",
    "Secretaría de Marina",
    "CARO QUINTERO, Rafael",
    "Rafael Caro Quintero",
    "GUZMAN LOERA, Joaquin",
    "Joaquín Guzmán Loera",
    "MEJIA GUTIERREZ, Ignacio",
    "MEJIA GUTIERREZ, Ygnacio",
    "PATRACA, S.A. DE C.V.",
    "Boutique Patraca",
    "Jungle Battalion 55, 56,",
    "Batallón de Selva 56",
    "1ra B.I",
    "Primera Brigada de Infantería",
    "DAVAA-ARAVI-CACOM-5",
    "Comando Aéreo de Combate No. 5",
    "CACOM 5",
    "Base Aérea Coronel Hernán Acosta Mejía",
    "HAM AIR FORCE BASE",
    "Dirección de Inteligencia del Estado Mayor de la Defensa Nacional",
    "Intelligence Directorate, National Defense Chief of Staff",
    "SEDENA",
    "Secretaría de la Defensa Nacional",
    "COLOMBIAN POLICE, DIRAN JUNGLAS",
    "Operations/2nd Air Brigade",
    "Segunda Brigada Aérea",
    "Batallón de Infantería No. 21 Pantano de Vargas",
    "Batallón 21",
    # fifth round: acronyms with a name of their own, generic units, patrons, sound keys
    "BIRI Atonal",
    "Batallón de Infantería de Reacción Inmediata Atonal",
    "Army Aviation Brigade",
    "Brigada de Aviación del Ejército No. 15 Paquisha",
    "Military Academy",
    "Escuela Militar Capitán General Gerardo Barrios",
    "ADMIRAL KILLICK",
    "Base Amiral Killick des Garde-Côtes d'Haïti",
    "VASQUEZ, Cristhian",
    "VAZQUEZ, Christian",
    "Hospital Central FAP",
    "Dirección Antidrogas DIRANDRO",
    "Security Section, Marine Infantry Battalion,  Navy Staff",
    "Cmdo. FF.EE.",
    "COLOMBIAN ARMYAVIATION SHOOL",
]
COUNTRIES = ["HND", "GTM", "MEX"]
# each example scores a whole list against another in one call (~0.03 s)
SETTINGS = settings(
    max_examples=int(os.environ.get("MATCH_PROPERTY_EXAMPLES", "100")), deadline=None
)
LISTS = st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True)


def scores(qs: list[str], cs: list[str], country: str = "HND", aliases=None) -> pd.Series:
    """Score of every matching (query index, candidate index)."""
    q = pd.DataFrame({"qid": range(len(qs)), "country": country, "name": qs, "parent": pd.NA})
    c = pd.DataFrame(
        {"cid": range(len(cs)), "country": country, "name": cs, "parent": pd.NA}
    ).assign(name_kind="primary")
    out = match_names(q, c, BANDS, aliases=aliases)
    return out.set_index(["qid", "cid"])["score"].astype(float).sort_index()


def strengths(qs: list[str], cs: list[str], aliases=None) -> pd.Series:
    """(in the high band, score) of every matching (query index, candidate index)."""
    q = pd.DataFrame({"qid": range(len(qs)), "country": "HND", "name": qs, "parent": pd.NA})
    c = pd.DataFrame({"cid": range(len(cs)), "country": "HND", "name": cs, "parent": pd.NA}).assign(
        name_kind="primary"
    )
    out = match_names(q, c, BANDS, aliases=aliases).set_index(["qid", "cid"])
    return pd.Series(
        list(zip(out["band"].eq("high"), out["score"].astype(float), strict=True)),
        index=out.index,
        dtype="object",
    )


def _accent(ch: str) -> str:
    return unicodedata.normalize("NFC", ch + "\u0301") if ch in "aeiouAEIOU" else ch


@st.composite
def restyled(draw, name: str) -> str:
    """The same name with other case, accents on vowels and extra spaces."""
    flips = draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    accents = draw(st.lists(st.booleans(), min_size=len(name), max_size=len(name)))
    chars = []
    for ch, flip, acc in zip(name, flips, accents, strict=True):
        ch = ch.swapcase() if flip else ch
        ch = _accent(ch) if acc else ch
        chars.append("  " if ch == " " and flip else ch)
    pad = draw(st.sampled_from(["", " ", "   "]))
    return pad + "".join(chars) + pad


@SETTINGS
@given(LISTS, st.sampled_from(COUNTRIES))
def test_score_is_symmetric(names, country):
    s = scores(names, names, country)
    swapped = s.copy()
    swapped.index = swapped.index.swaplevel().set_names(["qid", "cid"])
    pd.testing.assert_series_equal(s, swapped.sort_index())


@SETTINGS
@given(LISTS, LISTS, st.data())
def test_case_accents_and_spacing_never_change_a_score(qs, cs, data):
    qs2 = [data.draw(restyled(n)) for n in qs]
    cs2 = [data.draw(restyled(n)) for n in cs]
    pd.testing.assert_series_equal(scores(qs2, cs2), scores(qs, cs))


@SETTINGS
@given(LISTS, LISTS, st.sampled_from(NAMES), st.sampled_from(NAMES), st.sampled_from(["", "HND"]))
def test_adding_an_alias_never_removes_a_match(qs, cs, name, alias, country):
    before = strengths(qs, cs)
    extra = pd.DataFrame({"country": [country], "name": [name], "alias": [alias]})
    after = strengths(qs, cs, aliases=extra)
    assert set(before.index) <= set(after.index)
    # nor weakens one: a high match beats a review one (the unit itself matching in the high
    # band is chosen over its parent matching exactly), then the score
    assert all(after[k] >= before[k] for k in before.index)
