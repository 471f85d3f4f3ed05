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
        # ... and a rank, a name and a branch name that branch's unit after the person
        ("HTI", "ADMIRAL KILLICK GARDE COTE", "Killick Coast Guard Base", "high"),
        ("HTI", "ADMIRAL KILLICK GARDE COTE", "Killick Army Base", None),
        ("HND", "GENERAL MORAZAN", "Batallón Morazán", "review"),
        # ... but a unit of one kind is not one of another branch named after the same person
        ("COL", "Batallón General Santander", "Policía General Santander", "review"),
        # an initial stands for the other's given name with that letter (OFAC a.k.a. forms)
        ("MEX", "SALAZAR HERNANDEZ, Maria Alejandrina", "SALAZAR HERNANDEZ, Maria A", "high"),
        ("MEX", "RODRIGUEZ GOMEZ, Jorge Jesus", "RODRIGUEZ GOMEZ, Jorge J", "high"),
        ("MEX", "RODRIGUEZ GOMEZ, Jorge Jesus", "Jorge J. Rodríguez Gómez", "high"),
        ("MEX", "MCGILL, Nathaniel", "MCGILL, Nathaniel F.", "high"),
        # ... not another given name's
        ("MEX", "PEREZ LOPEZ, Jorge Luis", "PEREZ LOPEZ, Jorge A.", "review"),
        ("MEX", "PEREZ LOPEZ, Jorge Luis", "Jorge A. Pérez López", "review"),
        # ... and an initial both names have is not read as a given name of the other
        ("MEX", "ABAHUSSAIN, Mansour Othman M.", "ABAHUSEYIN, Mansur Othman M", "high"),
        # surname and given names entered the wrong way round (an OFAC a.k.a. form)
        ("MEX", "RODRIGUEZ GOMEZ, Jorge Jesus", "JORGE JESUS, Rodriguez Gomez", "high"),
        # a given name more in front, abbreviated ('Ma.' for María)
        ("MEX", "FERNANDEZ VALENCIA, Guadalupe", "FERNANDEZ VALENCIA, Ma. Guadalupe", "high"),
        # ... but brothers stay apart
        ("MEX", "ARELLANO FELIX, Eduardo Ramon", "ARELLANO FELIX, Ramon Eduardo", "review"),
        ("MEX", "CARRILLO FUENTES, Vicente", "CARRILLO FUENTES, Andres", "not high"),
        # a long first surname with a typo, the second left out (OFAC a.k.a. forms)
        ("MEX", "MALHERBE DE LEON, Oscar", "MALMERBE, Oscar", "high"),
        ("MEX", "MALHERBE DE LEON, Oscar", "MAHERBE, Oscar", "high"),
        ("MEX", "ARRIOLA MARQUEZ, Edgar Fernando", "ARREOLA MARQUEZ, Edgar", "high"),
        # ... and a long given name with one inner letter changed is one name
        ("MEX", "ZAMBADA NIEBLA, Midiam Patricia", "ZAMBADA NIEBLA, Miriam Patricia", "high"),
        # ... not a short one, nor another surname
        ("MEX", "MENA LOPEZ, Oscar", "MERA, Oscar", "not high"),
        ("MEX", "MORENO BRIONES, Fidel", "MORALES, Fidel", "not high"),
        # a cell that spells its acronym out as another name names another body
        (
            "PER",
            "Centro De Operaciones De Emergencia (COE)",
            "Comando de Operaciones Especiales",
            "review",
        ),
        ("PER", "Centro De Operaciones De Emergencia (COE)", "COE", "high"),
        ("PER", "Emergency Operations Center (COE)", "Centro de Operaciones de Emergencia", "high"),
        # a firm with a number more is another firm, however its name is cut
        (
            "VEN",
            "RIM GROUP PROPERTIES OF NEW YORK, CORP.",
            "RIM GROUP PROPERTIES OF NEW YORK II CORP.",
            "review",
        ),
        (
            "VEN",
            "RIM GROUP PROPERTIES OF NEW YORK CORP.",
            "RIM GROUP PROPERTIES OF NEW YORK CORP",
            "high",
        ),
        # the country's own body, named national, is not a branch's body of that kind
        ("COL", "Army Intelligence Directorate", "Dirección Nacional de Inteligencia", None),
        ("PER", "Dirección Nacional de Inteligencia", "Dirección de Inteligencia Policial", None),
        ("PER", "National Intelligence Directorate", "Dirección Nacional de Inteligencia", "high"),
        # ... a branch's national command is (both call themselves national)
        (
            "VEN",
            "Comando Nacional Antidrogas",
            "Anti-Drug National Command of the Bolivarian National Guard",
            "high",
        ),
        # ... and 'national' in a branch's name is the branch's ('Policía Nacional')
        ("CRI", "Academia Nacional de Policía", "Costa Rica National Police Academy", "high"),
        # an embassy in the United States is its embassy in Washington
        (
            "HND",
            "Embassy of Honduras in the United States",
            "Embajada de Honduras en Washington, D.C.",
            "high",
        ),
        (
            "COL",
            "Embassy of Colombia in the United States",
            "Embajada de Colombia en Washington",
            "high",
        ),
        (
            "VEN",
            "Embassy of Venezuela in the United States",
            "Embajada de Venezuela en Colombia",
            None,
        ),
        # a hospital is a unit type: a generic one is a review match for a named one
        ("SLV", "Military Hospital", "Hospital Militar Central", "review"),
        ("SLV", "Military Hospital", "Escuela Militar", None),
        # Peruvian police abbreviations
        ("PER", "Callao Police Region", "REGPOL Callao", "high"),
        ("PER", "Callao Police Region", "REGPOL Lima", None),
        (
            "PER",
            "Prevention Division of Illicit Drug Trafficking Piura",
            "División de Prevención del TID de Piura",
            "high",
        ),
        # an arm of the army names the army ('101st Infantry Brigade' is an army brigade)...
        ("HND", "101ST INFANTRY BRIGADE", "soldiers of the army's 101st Brigade", "high"),
        ("HND", "101ST INFANTRY BRIGADE", "the navy's 101st Brigade", None),
        # ... without tying an infantry unit to a record against the army as a whole
        ("HND", "105 Brigada de Infantería", "Ejército de Honduras", None),
        # names with as many words are compared word by word, not as one string
        ("COL", "SANCHEZ SILVA, Elkin Alexis", "Elkin Alexis Sánchez Silvera", "review"),
        (
            "MEX",
            "LOLA LOLITA 1110, S. DE R.L. DE C.V.",
            "LOLALOLITA 1110, S. DE R.L. DE C.V.",
            "high",
        ),
        # a firm one word apart is another firm
        (
            "MEX",
            "PRODUCCION PESQUERA DONA MARIELA, S.A. DE C.V.",
            "Producción Pesquera Doña María",
            "not high",
        ),
        ("COL", "AGROPECUARIA HATO SANTA MARIA LTDA.", "AGROPECUARIA HATO SANTA ANA LTDA.", None),
        # French 'garde côtière' is the coast guard
        ("HTI", "HAITIAN COAST GUARD", "la Garde côtière de la PNH", "high"),
        # a civilian title before a person's name, as the press writes it
        ("VEN", "SUPERLANO, Adolfo Ramon", "el diputado Adolfo Superlano", "high"),
        ("VEN", "SUPERLANO, Adolfo Ramon", "la diputada Ana Superlano", None),
        # where a unit is, after 'en el' or 'en la', is not part of its name...
        ("HND", "FTC XATRUCH", "la FTC Xatruch en el Bajo Aguán", "high"),
        # ... but a mission's acronym is not a place
        (
            "PER",
            "IV Contingente ING Peru - MINUSCA",
            "Compañía de Ingeniería Perú en la MINUSCA",
            "high",
        ),
        # a courtesy title before a person's name ('Don', 'Sr.')
        ("COL", "RUANO YANDUN, Tito Aldemar", "Don Tito Ruano Yandún", "high"),
        ("COL", "RUANO YANDUN, Tito Aldemar", "Sr. Tito Ruano Yandún", "high"),
        ("COL", "RUANO YANDUN, Tito Aldemar", "Don Pedro Ruano Yandún", "not high"),
        # the press names a unit by its people: cadets, detectives, sailors
        ("COL", "ESMIC", "cadetes de la Escuela Militar José María Córdova", "high"),
        (
            "VEN",
            "Cuerpo de Investigaciones Científicas, Penales y Criminalísticas",
            "detectives del Cicpc",
            "high",
        ),
        # a permanent mission is the mission ('permanent' says nothing of which one)
        (
            "COL",
            "Colombia Mission to the OAS",
            "la Misión Permanente de Colombia ante la OEA",
            "high",
        ),
        (
            "PER",
            "Peruvian Permanent Mission to the OAS",
            "Misión Permanente del Perú ante las Naciones Unidas",
            None,
        ),
        # an organization named after a person is not that person
        ("MEX", "CARDENAS GUILLEN, Osiel", "OSIEL CARDENAS-GUILLEN ORGANIZATION", "not high"),
        ("MEX", "BARAKAT, Nasif", "NASIF BARAKAT ALIEN SMUGGLING ORGANIZATION", "not high"),
    ],
)
def test_pair_bands(build, check_band, country, a, b, band):
    check_band(build, a, b, country, band)
