"""Kinds of names added in the seventh tuning round: hundreds ordinals, one-word Spanish
teens, abbreviated ranks and schools, militia and palace units, trucking companies and married
names written in order."""

import pandas as pd
import pytest

from conditionality.matching.normalize import normalize_names


@pytest.mark.parametrize(
    ("country", "a", "b", "band"),
    [
        # hundreds and one-word teens in Spanish ordinals
        ("MEX", "105/o. B.I.", "Centésimo Quinto Batallón de Infantería", "high"),
        ("MEX", "110 Brigada de Infantería", "Centésima Décima Brigada de Infantería", "high"),
        (
            "MEX",
            "115 Batallón de Infantería",
            "Centésimo Décimo Quinto Batallón de Infantería",
            "high",
        ),
        (
            "MEX",
            "15 Batallón de Infantería",
            "Centésimo Décimo Quinto Batallón de Infantería",
            None,
        ),
        ("MEX", "105 Batallón de Infantería", "Centésimo Décimo Batallón de Infantería", None),
        ("GTM", "Decimoséptima Brigada del Ejército", "XVII Brigada", "high"),
        ("GTM", "Decimoséptima Brigada del Ejército", "XVIII Brigada", None),
        # unit words
        ("MEX", "Brigada de Fusileros Paracaidistas", "Paratrooper Rifle Brigade", "high"),
        ("VEN", "Milicia Nacional Bolivariana", "Bolivarian National Militia", "high"),
        (
            "HTI",
            "Unité de Sécurité Générale du Palais National",
            "National Palace General Security Unit",
            "high",
        ),
        # abbreviated ranks and schools before a patron's name
        (
            "SLV",
            "Escuela Militar Capitán General Gerardo Barrios",
            "Capt. Gen. Gerardo Barrios Military Sch.",
            "high",
        ),
        (
            "ECU",
            "Escuela Superior Naval Comandante Rafael Morán Valverde",
            "Naval Acad. Cmdr. Rafael Morán Valverde",
            "high",
        ),
        # companies: trucking is a generic business word
        ("MEX", "TRANSPORTADORA PUREPECHA S.A. DE C.V.", "PUREPECHA TRUCKING CO.", "high"),
        ("MEX", "TRANSPORTADORA PUREPECHA S.A. DE C.V.", "TRANSPORTADORA TARASCA S.A.", None),
        # an acronym and the known institution after a comma; three-letter syllable acronyms
        ("HTI", "Brigade de Protection des Mineurs", "BPM, PNH", "high"),
        ("HTI", "Direction Départementale de l'Ouest", "DDO, PNH", "high"),
        ("HTI", "Direction Départementale du Nord", "DDO, PNH", None),
        # (the reading alone in PAN; SLV's DAN is in the default alias table since round 8)
        ("PAN", "División Antinarcóticos", "DAN", "review"),
        ("SLV", "División Antinarcóticos", "DAN", "high"),
        ("SLV", "División de Armas y Explosivos", "DAN", None),
        # a unit named only by its arm, against an unnumbered unit of that arm
        (
            "ECU",
            "ECUADORIAN POLICE, CARABINEROS",
            "Dirección de Carabineros y Seguridad Rural",
            "review",
        ),
        # ... in Colombia a cited alias (session 8) says 'Carabineros' is that directorate
        (
            "COL",
            "COLOMBIAN POLICE, CARABINEROS",
            "Dirección de Carabineros y Seguridad Rural",
            "high",
        ),
        ("COL", "COLOMBIAN POLICE, JUNGLAS", "Compañías Jungla de la Policía Nacional", "review"),
        ("COL", "Infantry", "Batallón de Infantería No. 5", None),
        ("COL", "COLOMBIAN POLICE, CARABINEROS", "Compañías Jungla de la Policía Nacional", None),
        # Venezuelan defense regions and zones: the acronym names a kind of unit, the place
        # the unit
        ("VEN", "REDI Los Andes", "Los Andes Integral Strategic Defense Region", "high"),
        ("VEN", "West Integral Strategic Defense Region", "REDI Occidental", "high"),
        ("VEN", "Capital Integral Defense Operational Zone", "ZODI Capital", "high"),
        ("VEN", "ZODI Aragua", "Aragua Integrated Defense Zone", "high"),
        ("VEN", "ZODI Aragua", "ZODI Zulia", None),
        ("VEN", "REDI Andes", "REDI Central", None),
        (
            "VEN",
            "Zona Operativa de Defensa Integral Aragua",
            "Zona Operativa de Defensa Integral Zulia",
            None,
        ),
        # a later surname spelt another way, the first surname and given name the same
        ("NIC", "Paul Oquist Kelly", "OQUIST KELLEY, Paul Herbert", "high"),
        ("COL", "Isaac Guberek Rabinovich", "GUBEREK RAVINOVICZ, Isaac Perez", "high"),
        ("NIC", "Pedro Oquist Kelly", "OQUIST KELLEY, Paul Herbert", "not high"),
        ("MEX", "GARCIA LOPEZ, Juan", "Juan García Loza", "not high"),
        # a syllable acronym may leave out a leading branch ('[Policía] MEtropolitana de CALi')
        ("COL", "Policía Metropolitana de Cali", "MECAL", "high"),
        ("COL", "Policía Metropolitana de Cali", "MEBOG", None),
        ("PAN", "Policía Metropolitana del Valle de Aburrá", "MEVAL", "review"),  # reading alone
        ("COL", "Policía Metropolitana del Valle de Aburrá", "MEVAL", "high"),  # cited alias
        ("COL", "SIJIN, Policía Metropolitana de Bogotá", "MEBOG", "review"),
        # 'Headquarters staff', 'AB' for an air base
        (
            "SLV",
            "Navy Head Quarters staff",
            "Estado Mayor de la Fuerza Naval de El Salvador",
            "high",
        ),
        ("HND", "SOTO CANO AB", "Base Aérea Soto Cano (Palmerola)", "high"),
        ("HND", "SOTO CANO AB", "Base Aérea Hernán Acosta Mejía", None),
        # Honduras' joint staff (EMC, a cited default alias)
        ("HND", "JOINT STAFF", "EMC de las FF.AA. de Honduras", "high"),
        ("GTM", "JOINT STAFF", "EMC de las FF.AA.", None),
        # a conventional abbreviation of a given name ('Ma.' for María)
        ("MEX", "CHAVEZ MARTINEZ, Maria Icela", "Ma. Isela Chávez Martínez", "high"),
        ("MEX", "CHAVEZ MARTINEZ, Mario", "Ma. Isela Chávez Martínez", "not high"),
        # given names that differ by a letter or two are perhaps relatives: review
        ("MEX", "GARCIA LOPEZ, Mario", "María García López", "review"),
        ("MEX", "GARCIA LOPEZ, Iván", "Ivón García López", "review"),
        ("MEX", "CONTRERAS, Willian Antonio", "William Antonio Contreras", "high"),
        ("MEX", "GUZMAN LOERA, Joaquin", "GUZMAN LOESA, Joaquin", "high"),
        # French 'des', 'navy aviation', 'auxilio'; an arm alone among a unit's arms
        (
            "HTI",
            "Bureau de Lutte contre le Trafic de Stupéfiants",
            "Bureau de Lutte contre le Trafic des Stupéfiants (BLTS)",
            "high",
        ),
        ("COL", "PACIFIC NAVY AVIATION GROUP", "Grupo Aeronaval del Pacífico", "high"),
        ("COL", "PACIFIC NAVY AVIATION GROUP", "Grupo Aeronaval del Caribe", None),
        ("NIC", "Dirección de Auxilio Judicial", "Judicial Assistance Directorate", "high"),
        # a cited alias (session 8): the Junglas are the Compañías Jungla Antinarcóticos
        ("COL", "Colombian Police, Junglas", "Compañías Jungla Antinarcóticos", "high"),
        ("COL", "Colombian Police, Junglas", "Dirección de Antinarcóticos", None),
        # the record side as reports and the press write it: lead-ins, former names, titles
        (
            "SLV",
            "Dirección Policial Anti Maras y Pandillas contra el Crimen Organizado",
            "agentes de la DIPAMPCO",
            "high",
        ),
        ("HND", "Honduras Army", "miembros del Ejército", "high"),
        ("PER", "Ejercito del Peru", "efectivos del Ejército Peruano", "high"),
        ("HTI", "HAITIAN NATIONAL POLICE", "des agents de la PNH", "high"),
        ("DOM", "Dominican Republic Air Force", "la antigua Fuerza Aérea Dominicana", "high"),
        ("COL", "Administrative Department of Security (DAS)", "el extinto DAS", "high"),
        ("HND", "Honduras Army", "miembros de la Fuerza Aérea", None),
        ("MEX", "AGENTES DE CAMBIO S.A.", "CAMBIO S.A.", "not high"),
        ("VEN", "BENAVIDES TORRES, Antonio Jose", "el general Antonio Benavides Torres", "high"),
        ("NIC", "AVELLAN MEDAL, Ramon Antonio", "comisionado general Ramón Avellán", "high"),
        ("NIC", "AGUILAR GARCIA, Pedro", "comisionado Marvin Aguilar García", None),
        # a place after the unit ('en Puerto Quetzal', ', Madrid'); other places, other units
        (
            "GTM",
            "Comandancia Naval del Pacífico",
            "la Comandancia Naval del Pacífico en Puerto Quetzal",
            "high",
        ),
        ("COL", "NCO Academy, Madrid", "NCO Academy, Bogotá", "not high"),
        (
            "COL",
            "Centro de Entrenamiento en Tolemaida",
            "Centro de Entrenamiento en Melgar",
            "not high",
        ),
        ("COL", "NCO Academy, Madrid", "NCO Academy, Madrid, Cundinamarca", "high"),
        ("SLV", "agentes de la DIPAMPCO", "elementos de la DIPAMPCO", "high"),
        # a qualifier after 'Name (ACRONYM)' belongs to both
        (
            "HTI",
            "Departmental Crowd Control Unit (UDMO) West",
            "l'UDMO de l'Ouest",
            "high",
        ),
        ("HTI", "Departmental Crowd Control Unit (UDMO) West", "l'UDMO du Nord", None),
        # Gobernación is the interior ministry; 'S A' without dots is a legal form
        ("GTM", "Ministry of the Interior (Guatemala)", "el Ministerio de Gobernación", "high"),
        ("MEX", "Mexico Ministry of Governance", "Secretaría de Gobernación (SEGOB)", "high"),
        ("GTM", "Ministry of the Interior", "Ministerio de la Defensa Nacional", None),
        ("VEN", "PDVSA", "PETROLEOS DE VENEZUELA S A", "high"),
        # renamed institutions: cited default aliases join the old and new names
        ("VEN", "SEBIN", "la DISIP", "high"),
        ("VEN", "CICPC", "la antigua Policía Técnica Judicial (PTJ)", "high"),
        ("MEX", "Procuraduría General", "la Fiscalía General de la República", "high"),
        ("VEN", "SEBIN", "CICPC", None),
        ("COL", "SEBIN", "DISIP", None),
        # 'General' after a unit word and before 'de' qualifies the unit, not a patron's rank
        ("NIC", "GENERAL DIRECTORATE OF MINES", "Dirección General de Minas", "high"),
        (
            "SLV",
            "Base Aérea General Manuel Enrique Araujo",
            "Base Aérea Coronel Manuel Enrique Araujo",
            "high",
        ),
        # a married name written in order ('de Ibarra' after the first surname)
        ("COL", "CARDONA MARTINEZ, Mayela", "Mayela Cardona de Ibarra", "high"),
        ("COL", "CARDONA MARTINEZ, Mayela", "Mayela Gómez de Ibarra", None),
        ("COL", "CARDONA MARTINEZ, Juan", "Juan Cardona de la Cruz", "not high"),
    ],
)
def test_pair_bands(build, check_band, country, a, b, band):
    check_band(build, a, b, country, band)


def test_hundreds_ordinals_compound():
    got = normalize_names(
        pd.Series(["Centésimo Décimo Quinto Batallón", "Vigésimo Quinto Batallón", "Quinto Décimo"])
    ).tolist()
    assert got[0].split()[0] == "115"
    assert got[1].split()[0] == "25"
    assert got[2].split()[:2] == ["5", "10"]  # 'quinto' takes nothing after it


def test_acronym_comma_known_institution_is_unit_and_parent():
    from conditionality.matching.split import split_cell

    parts = split_cell("BPM, PNH")
    assert [(p.text, p.parent) for p in parts[1:]] == [("PNH", True), ("BPM", False)]
    # two known names are a list, and an OFAC 'LAST, First' name stays one name
    assert not any(p.parent for p in split_cell("SEMAR, SEDENA"))
    assert len(split_cell("GARCIA LOPEZ, Juan")) == 1


def test_acronym_of_a_kind_of_unit_is_not_a_parent():
    from conditionality.matching.split import split_cell
    from conditionality.matching.vocab import vocabulary

    v = vocabulary()
    assert "redi" not in v.known and "redi" in v.alias_words
    assert "semar" in v.known and "semar" in v.alias_words
    assert not any(p.parent for p in split_cell("ZODI Aragua"))


def test_acronyms_then_a_branch_unit_are_a_unit_and_its_parent():
    from conditionality.matching.split import split_cell

    parts = split_cell("SIJIN, Policía Metropolitana de Bogotá")
    assert [(p.text, p.parent) for p in parts[1:]] == [
        ("SIJIN", False),
        ("Policía Metropolitana de Bogotá", True),
    ]


def test_lead_ins_and_titles_leave_the_unit_or_person():
    from conditionality.matching.split import split_cell

    def parts(text):
        return [p.text for p in split_cell(text)[1:]]

    assert parts("elementos de la 35/a. Zona Militar") == ["35/a. Zona Militar"]
    assert parts("la antigua Policía Técnica Judicial (PTJ)")[0] == "Policía Técnica Judicial (PTJ)"
    assert parts("General de Brigada Juan Pérez") == ["Juan Pérez"]
    # not a lead-in: no 'of' after it, a place, a company, a base named after a person
    assert parts("Personal Security Unit") == []
    assert parts("El Salvador National Police") == []
    assert parts("AGENTES DE CAMBIO S.A.") == []
    assert parts("ADMIRAL KILLICK") == []


def test_place_after_a_unit_is_split_off_only_when_it_is_a_place():
    from conditionality.matching.split import split_cell

    def parts(text):
        return [p.text for p in split_cell(text)[1:]]

    assert parts("Centro de Entrenamiento en Tolemaida") == ["Centro de Entrenamiento"]
    assert parts("Escuela de Entrenamiento en Operaciones de Paz") == []
    assert parts("Batallón de Infantería en Selva") == []


def test_bare_letters_at_the_end_join_only_into_a_legal_form():
    from conditionality.matching.normalize import preclean

    got = preclean(pd.Series(["PETROLEOS DE VENEZUELA S A", "Juan A B", "BATALLON 5 A"]))
    assert got.tolist() == ["petroleos de venezuela sa", "juan a b", "batallon 5 a"]
