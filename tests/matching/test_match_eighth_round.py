"""Kinds of names added in the eighth tuning round: 'Comandancia' as a command or a
headquarters, transliterated given names, acronyms that leave out a unit word, and the cited
aliases added to the default table."""

import pytest


@pytest.mark.parametrize(
    ("country", "a", "b", "band"),
    [
        # 'Comandancia' + an adjective is a command; 'Comandancia (General) de ...' the
        # force's headquarters
        ("GTM", "Pacific Naval Command", "Comandancia Naval del Pacífico", "high"),
        (
            "GTM",
            "Pacific Naval Command",
            "la Comandancia Naval del Pacífico en Puerto Quetzal",
            "high",
        ),
        ("GTM", "Caribbean Naval Command", "Comandancia Naval del Pacífico", None),
        ("GTM", "Air Force Headquarters", "Comandancia de la Fuerza Aérea Guatemalteca", "high"),
        ("HND", "Army Headquarters", "Comandancia General del Ejército", "high"),
        # the command of a whole branch is its headquarters, on either side and in either
        # language (a word after it, even its own acronym, leaves a review)
        (
            "COL",
            "Colombian Air Force Headquarters, Bogota,  DC.",
            "Comando de la Fuerza Aérea Colombiana, Bogotá D.C.",
            "high",
        ),
        ("VEN", "Venezuelan Coast Guard Command", "Comando de Guardacostas de la Armada", "high"),
        # COEJC is read through the alias table since round 11
        ("COL", "Comando del Ejercito COEJC", "Army Headquarters", "high"),
        ("COL", "Air Force Headquarters", "Comando Aéreo de Combate No. 1", None),
        # 'FTI' task forces and 'EMG' staffs
        ("GTM", "FTI Xinca", "Inter Agency Task Force  Xinca", "high"),
        ("GTM", "FTI Chortí", "SGAIA - Interagency Task Force Chorti", "high"),
        ("GTM", "FTI Xinca", "Inter Agency Task Force Chorti", None),
        ("GTM", "FTI Tecún Umán", "Fuerza de Tarea Interinstitucional Tecun Uman", "high"),
        ("HND", "EMG AEREO", "Estado Mayor General Aéreo", "high"),
        # the Dominican 'Cuerpo Especializado de ...' in English, words together or apart
        (
            "DOM",
            "Port Security Specialized Unit",
            "Cuerpo Especializado de Seguridad Portuaria",
            "high",
        ),
        ("DOM", "Port Security Specialized Unit", "CESEP", "high"),
        (
            "DOM",
            "Specialized Land Border Security Corps",
            "Cuerpo Especializado de Seguridad Fronteriza Terrestre",
            "high",
        ),
        ("DOM", "Port Security Specialized Unit", "CESFRONT", "not high"),
        # a 'Military Academy' of no arm is the army's: with or without its patron, one unit
        (
            "HND",
            "ARMY MILITARY ACADEMY",
            "Academia Militar de Honduras General Francisco Morazán",
            "high",
        ),
        ("HND", "Army Academy", "Academia Militar Gral. Francisco Morazán", "high"),
        (
            "HND",
            "Honduran Air Force Academy",
            "Academia Militar de Honduras General Francisco Morazán",
            None,
        ),
        ("ECU", "Superior Military Aviation School", "Escuela Superior Militar Eloy Alfaro", None),
        # a school named after a person with no rank written: the patron is one-sided
        (
            "ECU",
            "Superior Military Aviation School",
            "Escuela Superior Militar de Aviación Cosme Rennella",
            "high",
        ),
        (
            "COL",
            "Military Aviation School, Cali",
            "Escuela Militar de Aviación Marco Fidel Suárez",
            "high",
        ),
        # ... and two schools named after other persons are two, also through an alias's
        # acronym (EMAVI)
        (
            "COL",
            "Escuela Militar de Aviación Marco Fidel Suárez",
            "Escuela Militar de Aviación Pedro Pérez",
            None,
        ),
        # an acronym that names a kind of unit, with the unit's number after a hyphen
        ("COL", "Combat Command No. 6, Solano, Caquetá", "CACOM-6", "high"),
        ("COL", "Combat Command No. 6", "CACOM-5", None),
        # a known acronym with two letters swapped is a typo: review, never a clearance
        ("MEX", "SEAMR", "Secretaría de Marina", "review"),
        ("MEX", "SEDNEA", "SEDENA", "review"),
        ("MEX", "SEMAR", "SEDENA", None),
        # typographic apostrophes are apostrophes
        ("HTI", "Police Nationale d’Haïti", "Police Nationale d'Haiti", "high"),
        ("HTI", "INNOCENT, Vitel’homme", "Vitel Homme Innocent", "high"),
        # a word of what the unit does differs ('Portuaria' / 'Aeroportuaria'); a company's
        # one word grown two letters ('Mora' / 'Morena') is another word, not a typo
        (
            "DOM",
            "Cuerpo Especializado de Seguridad Portuaria (CESEP)",
            "Cuerpo Especializado de Seguridad Aeroportuaria",
            "not high",
        ),
        ("MEX", "EVENTOS LA MORA, S.A. DE C.V.", "EVENTOS LA MORENA, S.A. DE C.V.", "not high"),
        ("MEX", "VASQUEZ, Cristhian", "VAZQUEZ, Christian", "high"),
        # the same given names in another order: siblings (the Arellano Félix brothers)
        ("MEX", "ARELLANO FELIX, Eduardo Ramon", "ARELLANO FELIX, Ramon Eduardo", "review"),
        ("MEX", "ARELLANO FELIX, Eduardo Ramon", "Eduardo Ramón Arellano Félix", "high"),
        # one changed final letter is another given name (a relative), not a spelling
        ("MEX", "LOPEZ, Mario", "LOPEZ, Maria", "not high"),
        ("MEX", "LOPEZ SOTO, Maria Icela", "LOPEZ SOTO, Marta Isela", "not high"),
        # an acronym that leaves out a word saying what kind of unit it is names another unit;
        # leaving out a patron's name is fine
        ("ECU", "Superior Military Aviation School", "ESMIL", "not high"),
        ("PER", "EMCH", "Escuela Militar de Chorrillos Coronel Francisco Bolognesi", "high"),
        # cited aliases of the default table (renamed units included)
        ("COL", "DIJIN", "Dirección de Investigación Criminal e INTERPOL", "high"),
        ("COL", "CATAM", "Military Air Transport Command", "high"),
        ("PRY", "SENAD", "Secretaría Nacional Antidrogas", "high"),
        ("BOL", "Rural Mobile Patrol Unit", "UMOPAR", "high"),
        ("MEX", "National Intelligence Center", "el CISEN", "high"),
        ("DOM", "CESTUR", "POLITUR", "high"),
        ("HND", "Honduras Ministry of Defense", "SEDENA", "high"),
        (
            "ECU",
            "Superior Military Aviation School",
            "Escuela Superior Militar Eloy Alfaro",
            "not high",
        ),
        # ... an alias is the country's own: SEDENA of Mexico is not Guatemala's ministry
        ("GTM", "Guatemala Ministry of Defense", "SEDENA", "not high"),
        ("VEN", "Dirección de Inteligencia Militar", "DGCIM", "high"),  # renamed (dated)
        ("NIC", "Ejército de Nicaragua", "el Ejército Popular Sandinista", "high"),
        ("SLV", "FES", "Fuerza Especializada de Reacción El Salvador", "high"),
        # a successor body is not the body it replaced: no alias links them
        ("COL", "Dirección Nacional de Inteligencia", "DAS", None),
        # a country noun before an English name is not a letter of the acronym: PFM is the
        # Policía Federal Ministerial, not 'Mexico Federal Police'
        ("MEX", "Mexico Federal Police", "Policía Federal Ministerial", "not high"),
        ("HTI", "Haitian National Police", "PNH", "high"),
    ],
)
def test_pair_bands(build, check_band, country, a, b, band):
    check_band(build, a, b, country, band)


@pytest.mark.parametrize(
    ("a", "b", "relative"),
    [
        ("JOUMAA, Ayman Saied", "JOMAA, Aymen Saeid", False),  # transliterations
        ("HADDAD, Samir", "HADDAD, Samer", False),
        ("LOPEZ, Mario", "LOPEZ, Maria", True),  # the last letter: another name
        ("LOPEZ, Marta", "LOPEZ, Maria", True),  # a consonant: another name
    ],
)
def test_transliterated_given_names_are_not_relatives(build, one, a, b, relative):
    got = one(build, a, b, "VEN")
    assert got is not None
    assert ("a relative?" in got[2]) is relative, got


@pytest.mark.parametrize(
    ("country", "a", "b", "relation"),
    [
        # a record against a whole branch and a unit whose type or branch lies within it
        ("ECU", "Fighter Wing No. 23", "FAE", "parent"),
        ("ECU", "Fighter Wing No. 23", "Fuerza Aérea Ecuatoriana", "parent"),
        ("COL", "Colombian Marine", "Armada de Colombia", "parent"),
        ("COL", "Armada de Colombia", "Colombian Marine Corps", "subunit"),
    ],
)
def test_units_within_a_branch_are_hierarchy(build, one, country, a, b, relation):
    from conditionality.matching import Bands, match_names

    q, c = build
    out = match_names(q((country, a)), c((country, b)), Bands())
    assert list(out["relation"]) == [relation] and list(out["band"]) == ["review"], out


def test_a_typo_of_a_known_acronym_says_so(build, one):
    got = one(build, "SEAMR", "Secretaría de Marina", "MEX")
    assert "two letters swapped" in got[2] and "'SEMAR' = 'Secretaría de Marina'" in got[2]
