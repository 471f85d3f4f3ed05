"""A Spanish sound key for person names, so that spellings OFAC lists as a.k.a. of one name
('Carvajal' / 'Carbajal', 'Vásquez' / 'Vázquez', 'Cristhian' / 'Christian', 'Prisciliano' /
'Priciliano', 'Maikel' / 'Maykel', 'Hildemaro' / 'Ildemaro') read as one."""

from __future__ import annotations

import re
from functools import lru_cache

# applied in order to a folded (lower-case, unaccented) word
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"ch(?=[^aeiou]|$)", "k"),  # 'Christian': /k/
        (r"ch", "C"),  # 'Chávez': keep apart from c and h
        (r"ph", "f"),
        (r"th", "t"),
        (r"h", ""),  # silent ('Hildemaro' / 'Ildemaro', 'Cristhian')
        (r"sc(?=[ei])", "s"),  # 'Prisciliano' / 'Priciliano'
        (r"c(?=[ei])", "s"),
        (r"z", "s"),
        (r"qu(?=[ei])", "k"),
        (r"c|q", "k"),
        (r"g(?=[ei])", "j"),  # 'Gimenez' / 'Jimenez'
        (r"gu(?=[ei])", "g"),
        (r"v", "b"),
        (r"w", "u"),
        (r"y(?=[aeiou])", "Y"),  # consonant 'y' ('Yesenia') stays a consonant
        (r"y", "i"),  # vowel 'y' ('Maykel', 'Ygnacio' before a consonant)
        (r"(.)\1+", r"\1"),  # 'Rossana' / 'Rosana', 'Carrillo' / 'Carillo'
    )
)


@lru_cache(maxsize=65536)
def sound(word: str) -> str:
    """The sound key of one folded word."""
    for pattern, repl in _RULES:
        word = pattern.sub(repl, word)
    return word


def sounds(words: tuple[str, ...]) -> tuple[str, ...]:
    """The sound key of each word."""
    return tuple(sound(w) for w in words)
