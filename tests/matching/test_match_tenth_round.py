"""Kinds of names added in the tenth tuning round."""

import pytest


@pytest.mark.parametrize(
    ("country", "a", "b", "band"),
    [
        # a numbered acronym with a name of its own is the unit its number names, when the
        # long name has none ('BAM-1 Santa Lucía')
        ("MEX", "Base Aérea Militar No. 1", "BAM-1 Santa Lucía", "high"),
        ("MEX", "Base Aérea Militar No. 1", "BAM 1 (Santa Lucía)", "high"),
        # ... but not another number, nor a long name with another name of its own
        ("MEX", "Base Aérea Militar No. 2", "BAM-1 Santa Lucía", None),
        ("MEX", "Base Aérea Militar No. 1 Zapopan", "BAM-1 Santa Lucía", None),
        # an arm of a branch named alone is that arm's directorate or headquarters
        ("COL", "Sanidad Ejercito", "Dirección de Sanidad del Ejército", "high"),
        ("COL", "Naval Intelligence", "Jefatura de Inteligencia Naval", "high"),
        ("PER", "Peruvian National Anti-narcotics Police", "Dirección Antidrogas PNP", "high"),
        # ... not one of its units, nor another arm's or branch's directorate
        ("COL", "Naval Intelligence", "Batallón de Inteligencia Naval", "review"),
        ("COL", "Army Intelligence", "Jefatura de Inteligencia Naval", None),
        ("COL", "Naval Intelligence", "Dirección de Inteligencia Policial", None),
        ("COL", "Sanidad Ejercito", "Dirección de Personal del Ejército", None),
        # person and company names sharing their telling words reach the scorer however far
        # apart their spellings are: a married name, a plural, a trade word more
        ("HND", "HERNANDEZ AMAYA, Ena Elizabeth", "Ena Hernández de Handal", "high"),
        ("MEX", "LUCERO DE MARTINEZ, Sandra", "Sandra Lucero Valenzuela", "high"),
        ("MEX", "CAMELIAS BAR, S.A. DE C.V.", "RESTAURANTE BAR LA CAMELIA", "high"),
        ("MEX", "AGBAS CONSULTORES, S.A. DE C.V.", "AGBA CONSULTORES CASA DE CAMBIO", "high"),
        # ... and the scorer still tells relatives and other firms apart
        ("HND", "HERNANDEZ AMAYA, Ena Elizabeth", "Rosa Hernández de Handal", None),
        ("MEX", "LUCERO DE MARTINEZ, Sandra", "Sandra Martínez Valenzuela", None),
        ("MEX", "CAMELIAS BAR, S.A. DE C.V.", "RESTAURANTE BAR LA GARDENIA", None),
        # a name in order read with a given name more keeps the other's surnames
        ("MEX", "GONZALEZ LOPEZ, Gustavo", "Gustavo Enrique González López", "high"),
        ("SLV", "MENDEZ FLORES, Herbert", "Herbert Saca Méndez", None),
        # another surname is a relative or a namesake; a given name's feminine form a sister
        ("MEX", "FLORES SOTO, Mario", "Mario Flores Sotelo", "review"),
        ("MEX", "GOMEZ VELAZQUEZ, Daniela", "Daniel Gómez Velázquez", "review"),
        ("MEX", "RAMIREZ LOPEZ, Manuel", "Manuela Ramírez López", "review"),
        ("MEX", "GOMEZ VELAZQUEZ, Daniel", "Daniel Gómez Velázquez", "high"),
        # Ecuador's 'D.E.' (División de Ejército) after a leading ordinal, before a name
        ("ECU", "1ra. D.E. Shyris", 'Primera División de Ejército "Shyris"', "high"),
        ("ECU", "II DE Libertad", 'Segunda División de Ejército "Libertad"', "high"),
        ("ECU", "II DE Libertad", 'Primera División de Ejército "Shyris"', None),
        # ... not the preposition: a date that names a unit stays a date
        ("MEX", "15 de Septiembre", "Primera División de Ejército", None),
        # a national service that is a whole branch is the branch
        ("CRI", "Servicio Nacional de Guardacostas", "Costa Rican Coast Guard", "high"),
        ("CRI", "Costa Rica Coast Guard Service", "Servicio Nacional de Guardacostas", "high"),
        ("CRI", "Servicio Nacional de Guardacostas", "Estación de Guardacostas Golfito", "review"),
        ("PAN", "Servicio Nacional Aeronaval", "Costa Rican Coast Guard", None),
        # a bare 'Command' under a branch in a comma cell is the branch's command
        ("COL", "Colombian Air Force, Command, Bogota", "Comando de la FAC", "high"),
        ("COL", "Colombian Air Force, Command", "Comando de la Fuerza Aérea Colombiana", "high"),
        ("COL", "Colombian Air Force, Command", "Comando del Ejército", None),
        # a branch named twice is named once ('Marina Armada')
        ("MEX", "Armada de México", "Marina Armada de México", "high"),
        # ... nor a numbered one (an arm alone is not each of its numbered units)
        ("COL", "Naval Intelligence", "Jefatura de Inteligencia Naval No. 2", None),
    ],
)
def test_pair_bands(build, check_band, country, a, b, band):
    check_band(build, a, b, country, band)
