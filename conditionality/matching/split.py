"""Split a recipient cell that names several units into parts, each vetted on its own.

FMTR writes 'Fuerzas Especiales Naval (FEN), Brigada de Infantería de Marina 1 and 2 (BIM1 and
2), 1st Signal Battalion, and Navy N9'. A part in parentheses is an alias of the text before it;
'X 1 and 2' names X 1 and X 2; in 'SEMAR / Cuarta Región Naval' the text before a slash names
the parent unit of the text after it, unless the unit types say otherwise ('Intel Section/1st
Air Brigade').
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from conditionality.matching.aliases import default_aliases
from conditionality.matching.vocab import fold, tokens, vocabulary

_LIST_SEP = re.compile(r"[,;]|\s-\s")
_LEADING_AND = re.compile(r"^\s*(?:and|y|&)\s+", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]*)\)?")
_NUMBER_LIST = re.compile(r"^(.*?)\s*(\d+)((?:\s*(?:,|and|y|&)\s*\d+)+)\s*$", re.IGNORECASE)
_TRAILING_NUMBER = re.compile(r"\s*\d+\s*$")
# Mexican ordinal notation '65/o.', '3/er.', '2/a.', '8/vo.': a number, a slash and an ordinal
# suffix is one token, not 'parent / unit' (FMTR slash cells never have a digit before '/')
ORDINAL_SLASH = re.compile(
    r"(?<![0-9A-Za-z])(\d+)\s*/\s*(er|era|ero|ro|ra|do|da|to|ta|vo|va|mo|ma|no|na|o|a|os|as)\b",
    re.IGNORECASE,
)


_ACCENTED = {"a": "[aáà]", "e": "[eéè]", "i": "[iíï]", "o": "[oó]", "u": "[uúü]"}


def _loose(word: str) -> str:
    """A regex for a folded word that also matches it with accents ('policias' / 'policías')."""
    return "".join(_ACCENTED.get(ch, re.escape(ch)) for ch in word)


@lru_cache(maxsize=1)
def _lead_in_pattern() -> re.Pattern[str]:
    v = vocabulary().lead_ins
    member = "|".join(sorted((_loose(w) for w in v["member"]), key=len, reverse=True))
    former = "|".join(sorted((_loose(w) for w in v["former"]), key=len, reverse=True))
    article = r"(?:el|la|los|las|le|les|des|the|unos|unas|some)\s+|l['’]\s*"
    of = r"(?:de\s+las?|de\s+los|del|de\s+l['’]\s*|des|du|de|of\s+the|of)\s*"
    return re.compile(
        rf"^\s*(?:{article})?(?:(?P<member>{member})\s+{of})?(?:{article})?"
        rf"(?:(?P<former>{former})\s+)?(?P<rest>\S.*)$",
        re.IGNORECASE | re.DOTALL,
    )


def _without_lead_in(text: str) -> str:
    """The unit named after words that lead into it in reports and the press ('agentes de la
    DIPAMPCO', 'miembros del Ejército', 'la antigua Dirección de Inteligencia Militar', 'des
    agents de la PNH'); the text itself when it has none or the rest names no unit."""
    m = _lead_in_pattern().match(text)
    if m is None or not (m.group("member") or m.group("former")):
        return text
    rest = m.group("rest").strip()
    first = rest.split()[0]
    if any((t,) in vocabulary().stop_company for t in tokens(rest.replace(".", ""))):
        return text  # 'AGENTES DE CAMBIO S.A.' is a company's name
    unit = _has_unit_words(rest) or (first.isupper() and _acronym_like(first))
    return rest if unit else text


_TITLE_ARTICLES = frozenset({"el", "la", "the", "le"})
# courtesy titles before a person's name, read as ranks there ('Don', 'Doña', 'Sr.')
_COURTESY = frozenset({"don", "dona", "sr", "sra", "senor", "senora"})
_PLACE_WORDS = frozenset(
    {"puerto", "port", "san", "santa", "santo", "ciudad", "city", "villa", "bahia", "isla", "valle"}
)


def simple_text(text: str) -> bool:
    """No list, slash or parenthesis: one name as written."""
    return not any(ch in text for ch in ",;/(") and " - " not in text


def _is_place(text: str) -> bool:
    """No vocabulary word but the words places are named with ('Puerto Quetzal', 'Callao'),
    articles aside: 'Operaciones de Paz' is not a place."""
    v = vocabulary()
    words = [t for t in tokens(text) if t not in v.stop_always]
    return bool(words) and all(
        t in _PLACE_WORDS or ((t,) not in v.phrases and t not in v.known) for t in words
    )


# a unit, then where it is: 'en Puerto Quetzal', 'in Callao', 'à Port-au-Prince'; place words
# are capitalized (with 'de', 'del', 'la' between them)
_PLACE_AFTER = re.compile(
    r"^(?P<head>.+?)\s+(?:en|in|à|at)\s+(?:(?:el|la|los|las|the)\s+)?"
    r"(?P<place>[A-ZÁÉÍÓÚÑ][\w'’.-]*(?:\s+(?:de|del|la|las|los|el|[A-ZÁÉÍÓÚÑ][\w'’.-]*))*)\s*$"
)


def _titled_person(text: str) -> str:
    """The person's name after a rank or title ('el general Antonio Benavides Torres',
    'comisionado general Ramón Avellán'): two or more plain words after one or more rank
    words; '' when the text is not so written."""
    v = vocabulary()
    words = text.split()
    i = 0
    while i < len(words) and fold(words[i]) in _TITLE_ARTICLES:
        i += 1
    ranks = 0
    while i < len(words):  # ranks of up to three words ('general de brigada')
        size = next(
            (
                n
                for n in (3, 2, 1)
                if i + n <= len(words)
                and v.phrases.get(tokens(" ".join(words[i : i + n])), ("", ""))[1] == "rank"
            ),
            0,
        )
        if not size and fold(words[i]).rstrip(".") in _COURTESY:
            size = 1  # 'Don Tito Ruano Yandún'
        if not size:
            break
        ranks += 1
        i += size
    rest = words[i:]
    if not ranks or len(rest) < 2:
        return ""
    for w in rest:
        tok = tokens(w)
        if len(tok) != 1 or not tok[0].isalpha() or tok in v.phrases or tok[0] in v.known:
            return ""
    return " ".join(rest)


class Part(NamedTuple):
    """One unit named inside a cell."""

    text: str
    origin: str  # whole | split | paren
    parent: bool  # named as the parent of the cell's unit (text before a slash)


def _top_level(text: str, sep: re.Pattern[str]) -> list[str]:
    """Split on `sep` outside parentheses."""
    out, depth, start = [], 0, 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            m = sep.match(text, i)
            if m and m.end() > i:
                out.append(text[start:i])
                start = i = m.end()
                continue
        i += 1
    out.append(text[start:])
    return out


def _has_unit_words(text: str) -> bool:
    """A vocabulary word, an abbreviation ('FTC') or a one-word name from the alias table
    ('DIRAN')."""
    v = vocabulary()
    return any((t,) in v.phrases or t in v.known or t in v.expansions for t in tokens(text))


@lru_cache(maxsize=65536)
def _scan(text: str) -> tuple[tuple[str, str, str], ...]:
    """(canonical, kind, first token) of each vocabulary phrase in `text`, longest first,
    and ('', '', token) for a token no phrase takes."""
    v = vocabulary()
    toks = tokens(text)
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(toks):
        for span in range(min(v.max_phrase, len(toks) - i), 0, -1):
            hit = v.phrases.get(toks[i : i + span])
            if hit is not None:
                out.append((hit[0], hit[1], toks[i]))
                i += span
                break
        else:
            out.append(("", "", toks[i]))
            i += 1
    return tuple(out)


def _ranks(text: str) -> list[int]:
    """The ranks of the unit types and branches named in `text` (0 for unranked words)."""
    ranks = vocabulary().ranks
    return [ranks.get(canonical, 0) for canonical, kind, _ in _scan(text) if kind]


def _rank(text: str) -> int:
    """The highest rank of a unit type or branch named in `text` (0 = none)."""
    return max(_ranks(text), default=0)


_WORD = re.compile(r"[^\s\-]+")


def _known_parent(text: str) -> tuple[Part, ...]:
    """'SEM UIN', 'DIRAN JUNGLAS', 'DESAI FAC': a one-word name from the alias table written
    before a unit, or after a one-word unit, names the unit's parent (as the FMTR writes)."""
    words = _WORD.findall(text)
    if len(words) < 2:
        return ()
    known = vocabulary().known
    ends = (words[0], words[-1])
    if all(w.isascii() and w.lower() not in known for w in ends):
        return ()  # the common case, without folding accents
    first, last = tokens(words[0]), tokens(words[-1])
    if len(first) == 1 and first[0] in known:
        parent, rest = words[0], " ".join(words[1:])
    elif len(words) == 2 and len(last) == 1 and last[0] in known:
        parent, rest = words[-1], words[0]
    elif len(last) == 1 and last[0] in known and first and last[0][0] == first[0][0]:
        # 'Dirección Antidrogas DIRANDRO': a name and its acronym (their first letters agree),
        # written as 'Name (ACRONYM)' without the parentheses
        rest = " ".join(words[:-1])
        return (Part(rest, "split", False), Part(words[-1], "paren", False))
    else:
        return ()
    if not any(ch.isalpha() for ch in rest) or tokens(rest)[0] in _CONNECTORS:
        return ()  # 'BIM 1'; 'GAULA de la Policía Nacional' is one name
    return (Part(parent, "split", True), Part(rest, "split", False))


_HEAD_RANK = 9


def _heads(text: str) -> bool:
    """A staff or ministry ('National Defense Chief of Staff Office', 'Air Force Staff',
    'Ministry of Defense'): the head of the units named with it."""
    ranks = vocabulary().ranks
    top = False
    for canonical, kind, _ in _scan(text):
        if kind in ("unit_type", "org") and ranks.get(canonical, 0) >= _HEAD_RANK:
            top = True
        elif kind == "unit_type" and canonical in ranks:
            return False  # 'Staff Battalion' is a battalion
    return top and not any(ch.isdigit() for ch in text)


# 'DAVAA-ARAVI-CACOM-5', 'EJC-CEDOC': unit codes joined by hyphens, in any case (three codes,
# or a known first one: 'Anti-Drug' is a word)
_CODES = re.compile(r"^[^\W\d_]{3,}\d*(?:-(?:[^\W\d_]{3,}\d*|\d+))+$")


def _code_parts(text: str) -> tuple[Part, ...]:
    """The codes of 'DAVAA-ARAVI-CACOM-5' ('CACOM-5' keeps its number); two codes of which
    the first is a known name are parent and unit ('EJC-CEDOC')."""
    codes: list[str] = []
    for piece in text.split("-"):
        if piece.isdigit() and codes:
            codes[-1] = f"{codes[-1]}-{piece}"
        else:
            codes.append(piece)
    if len(codes) == 2:
        return _known_parent(" ".join(codes))
    if len(codes) < 3:
        return ()
    return tuple(Part(c, "split", False) for c in codes)


# 'EMC-C2', 'SDN S2', 'EJC-G3': a staff section (the letter of the staff system and its
# number) of the headquarters or staff named by the acronym before it
_SECTION = re.compile(r"^([^\W\d_]{2,})[-\s]+([acdegjns])-?(\d{1,2}|[ivx]{1,4})$", re.IGNORECASE)


def _staff_section(text: str) -> tuple[Part, ...]:
    m = _SECTION.match(text)
    if not m or tokens(m.group(1))[0] in vocabulary().singles:
        return ()  # 'Batallón A-1' is a battalion
    return (Part(m.group(1), "split", True), Part(text[m.start(2) :], "split", False))


# Spanish 'X del Y', 'X de la Y' and English 'X of the Y', where Y names a higher unit
_CONNECTORS = frozenset({"de", "del", "of"})
_ARTICLES = frozenset({"la", "las", "los", "el", "the"})


_HAS_CONNECTOR = re.compile(r"\s(?:de|del|of)\s", re.IGNORECASE)


def _trailing_parent(text: str) -> tuple[Part, ...]:
    """'Dirección de Inteligencia del Estado Mayor de la Defensa Nacional', 'Unidad de
    Inteligencia Naval de la SEMAR', 'Anti-Drug Directorate of the Peruvian National Police':
    the text after the connector names the parent of the unit before it, when the unit has
    unit words and the parent begins with a branch, a staff, a ministry or a known name."""
    if not _HAS_CONNECTOR.search(fold(text)):
        return ()
    v = vocabulary()
    words = text.split()
    toks = [tokens(w) for w in words]
    flat = [t for tt in toks for t in tt]
    starts = []  # the flat index of each word's first token
    n = 0
    for tt in toks:
        starts.append(n)
        n += len(tt)
    i = 0
    while i < len(words):
        # skip a vocabulary phrase that starts here ('Infantería de Marina' is one arm)
        at = starts[i]
        span_words = 0
        for span in range(min(v.max_phrase, len(flat) - at), 1, -1):
            if tuple(flat[at : at + span]) in v.phrases:
                span_words = _words_for(toks[i:], span)
                break
        if span_words:
            i += span_words
            continue
        if i > 0 and toks[i] and toks[i][0] in _CONNECTORS:
            j = i + 1
            while j < len(words) and toks[j] and toks[j][0] in _ARTICLES:
                j += 1
            unit, parent = " ".join(words[:i]), " ".join(words[j:])
            # a number after it belongs to the unit ('Batallón de Infantría de Marina No. 3'
            # is a misspelt marine battalion, not a battalion of the navy)
            if any(ch.isdigit() for ch in parent):
                return ()
            # a unit of one word is named by what follows ('Cuerpo de Guardacostas ...'),
            # unless that word is an acronym ('COE del Ejército de Nicaragua')
            # ... or only says it is the national service of it ('Servicio Nacional de
            # Guardacostas' is the coast guard)
            named = (
                len(tokens(unit)) >= 2
                and _has_unit_words(unit)
                and not set(tokens(unit)) <= _SERVICE_WORDS
            )
            if parent and (named or _acronym_like(unit)) and _parent_like(parent):
                return (Part(parent, "split", True), Part(unit, "split", False))
        i += 1
    return ()


def _where(text: str) -> bool:
    """A place written after a unit ('Bogotá', 'Bogot?', 'Puerto Salgar'): place words, no
    number, and not one word in capitals (an acronym: 'SIJIN', 'CACOM-1')."""
    t = text.replace("?", "").strip()
    if any(ch.isdigit() for ch in t) or (t.isupper() and len(t.split()) == 1):
        return False
    return _is_place(t)


_SERVICE_WORDS = frozenset({"servicio", "service", "nacional", "national", "general", "cuerpo"})


def _acronym_like(text: str) -> bool:
    """One word of 2-10 letters that is not a vocabulary word ('COE', 'GAULA', 'la DAJ')."""
    toks = tokens(text)
    if len(toks) == 2 and toks[0] in _ARTICLES:
        toks = toks[1:]
    return (
        len(toks) == 1
        and toks[0].isalpha()
        and 2 <= len(toks[0]) <= 10
        and toks[0] not in vocabulary().singles
    )


def _words_for(toks: list[tuple[str, ...]], span: int) -> int:
    """How many words hold the first `span` tokens."""
    n = 0
    for k, tt in enumerate(toks):
        n += len(tt)
        if n >= span:
            return k + 1
    return len(toks)


def _parent_like(text: str) -> bool:
    """A branch, a staff or ministry, or a known one-word name, first (after country words)."""
    v = vocabulary()
    for canonical, kind, tok in _scan(text):
        if kind in ("", "word") and tok in v.stop_security:
            continue  # 'Peruvian', 'National'
        if not kind:
            return tok in v.known
        return kind == "branch" or v.ranks.get(canonical, 0) >= _HEAD_RANK
    return False


def _leads_with_branch(text: str) -> bool:
    """'Policía Metropolitana de Bogotá': the first word (after country words) is a branch."""
    v = vocabulary()
    for _, kind, tok in _scan(text):
        if kind in ("", "word") and tok in v.stop_security:
            continue
        return kind == "branch"
    return False


def _only_branch_words(text: str) -> bool:
    """'COLOMBIAN POLICE', 'Armada de Colombia': branch, country and stop words only."""
    v = vocabulary()
    return all(
        kind == "branch"
        or (kind in ("", "word") and (tok in v.stop_security or tok in v.stop_always))
        for _, kind, tok in _scan(text)
    )


def _branch_parent(parts: list[Part]) -> list[Part]:
    """In a list cell, a branch named first or last with units ('COLOMBIAN POLICE, DIRAN
    JUNGLAS', '9th Military Detachment, Army Staff') is their parent, not another unit."""
    # where a unit is ('Colombian Air Force, Bogotá') is not a unit of it
    split = [
        i
        for i, p in enumerate(parts)
        if p.origin == "split" and not p.parent and not _where(p.text)
    ]
    if len(split) < 2:
        return parts
    # a branch on its own ('COLOMBIAN POLICE'), or a staff or ministry; not 'Colombian Air
    # Force Headquarters' (a unit) nor 'Fuerzas Especiales Naval' (naval special forces)
    branch = [i for i in split if _only_branch_words(parts[i].text) or _heads(parts[i].text)]
    # 'SIJIN, Policía Metropolitana de Bogotá': acronyms, then a branch's own unit
    if (
        not branch
        and all(_acronym_like(parts[i].text) for i in split[:-1])
        and _leads_with_branch(parts[split[-1]].text)
    ):
        branch = [split[-1]]
    if len(branch) != 1 or branch[0] not in (split[0], split[-1]):
        return parts
    out = list(parts)
    out[branch[0]] = parts[branch[0]]._replace(parent=True)
    return out


def _branch_command(parts: list[Part]) -> list[Part]:
    """'Colombian Air Force, Command, Bogotá': a bare 'Command' under a branch is the branch's
    command, read as one name too ('Colombian Air Force Command': its headquarters)."""
    branches = [p for p in parts if p.parent and _only_branch_words(p.text)]
    if len(branches) != 1:
        return parts
    added = [
        Part(f"{branches[0].text.strip()} {p.text.strip()}", "split", False)
        for p in parts
        if p.origin == "split"
        and not p.parent
        and [kind for _, kind, _ in _scan(p.text)] == ["unit_type"]
        and _scan(p.text)[0][0] in ("command", "headquarters")
    ]
    return parts + added


_AND = re.compile(r"(?:^|\s)(?:and|y|&)\s", re.IGNORECASE)


def _comma_path(parts: list[Part], text: str) -> list[Part]:
    """'Security Section, Marine Infantry Battalion, Navy Staff': units named from the lowest
    up (each part's unit type ranks above the one before) are one unit and its parents, not a
    list; a list joins its last part with 'and' ('..., 1st Signal Battalion, and Navy N9')."""
    if "/" in text or _AND.search(text):
        return parts
    segments = {seg.strip() for seg in _top_level(text, _LIST_SEP)}
    split = [
        i
        for i, p in enumerate(parts)
        if p.origin == "split" and not p.parent and p.text.strip() in segments
    ]
    if len(split) < 2:
        return parts
    ranks = [_rank(parts[i].text) for i in split]
    # the first may be a unit of no ranked type ('Peace Operations Unit, Infantry Company ...')
    if min(ranks[1:]) == 0 or any(b <= a for a, b in zip(ranks, ranks[1:], strict=False)):
        return parts
    if ranks[0] == 0 and not _has_unit_words(parts[split[0]].text):
        return parts
    out = list(parts)
    above = [parts[i].text for i in split[1:]]
    for i, p in enumerate(parts):  # with the parts read out of them ('Joint Command')
        if p.origin == "split" and any(p.text in a for a in above):
            out[i] = p._replace(parent=True)
    return out


def _parent_first(levels: list[str]) -> list[str]:
    """Levels of a slash cell, parent first. FMTR writes the parent first ('SEMAR / Cuarta
    Región Naval'); others write the unit first ('Intel Section/1st Air Brigade'): when the
    last level names a higher unit type than the first, the cell is read the other way."""
    if len(levels) < 2:
        return levels
    first, last = _level_rank(levels[0]), _level_rank(levels[-1])
    # 'Operations/2nd Air Brigade': a first level with no unit word is a part of the last
    return levels[::-1] if last > first else levels


_KNOWN_RANK = 10  # a one-word name from the alias table (SEMAR, EMGFA): an institution


@lru_cache(maxsize=1)
def _known_ranks() -> dict[str, int]:
    """Each one-word name of the default alias table and the highest unit rank of its longer
    names ('BPM' = Brigade de Protection des Mineurs: a brigade; 'PNH': a police)."""
    table = default_aliases()
    out: dict[str, int] = {}
    for name, alias in zip(table["name"], table["alias"], strict=True):
        for short, long_ in ((name, alias), (alias, name)):
            word = tokens(short)
            if len(word) == 1 and len(tokens(long_)) > 1:
                out[word[0]] = max(out.get(word[0], 0), _rank(long_))
    return out


def _known_below(head: str, tail: str) -> bool:
    """Two known one-word names, the first of a lower unit rank ('BPM, PNH')."""
    ranks = _known_ranks()
    h, t = tokens(head), tokens(tail)
    if len(h) != 1 or len(t) != 1 or h[0] not in ranks or t[0] not in ranks:
        return False
    return 0 < ranks[h[0]] < ranks[t[0]]


def _level_rank(text: str) -> int:
    """`_rank`, or _KNOWN_RANK for a level that names a known institution ('SEMAR')."""
    known = vocabulary().known
    if any(t in known for t in tokens(text)):
        return _KNOWN_RANK
    return _rank(text)


def _expand_numbers(text: str) -> list[str]:
    """'Brigada de Infantería de Marina 1 and 2' -> the brigade 1 and the brigade 2."""
    m = _NUMBER_LIST.match(text)
    if not m:
        return [text]
    head, first, rest = m.group(1), m.group(2), m.group(3)
    joiner = "" if head and head[-1].isalpha() and len(head.split()[-1]) <= 5 else " "
    numbers = [first, *re.findall(r"\d+", rest)]
    return [f"{head}{joiner}{n}".strip() for n in numbers]


def _shared_tail(tail: str) -> str:
    """What follows 'Name (ACRONYM)' and belongs to both ('... Unit (UDMO) West' -> 'UDMO
    West'): a qualifier or a number; '' otherwise."""
    toks = tokens(tail)
    if not toks or len(toks) > 2 or "(" in tail:
        return ""
    qualifiers = vocabulary().qualifiers
    phrases = vocabulary().phrases
    if all(t.isdigit() or phrases.get((t,), ("", ""))[0] in qualifiers for t in toks):
        return " " + tail.strip()
    return ""


def _segment_parts(segment: str, previous: str) -> list[tuple[str, str]]:
    seg = _LEADING_AND.sub("", segment).strip()
    if seg.isdigit() and previous:
        # 'Jungle Battalion 55, 56': the bare number reuses the previous part's words
        seg = _TRAILING_NUMBER.sub("", previous) + " " + seg
    out: list[tuple[str, str]] = []
    inner = [m.group(1).strip() + _shared_tail(seg[m.end() :]) for m in _PAREN.finditer(seg)]
    base = _PAREN.sub(" ", seg).strip()
    out.extend((t, "split") for t in _expand_numbers(base))
    for alias in inner:
        out.extend((t, "paren") for t in _expand_numbers(alias))
    return out


_AMPERSAND = re.compile(r"\s*&\s*")


def _known_list(text: str) -> bool:
    """'SEDENA S7 & SIVA & SEMAR UIN': units joined by '&', each led by a known name or an
    acronym, at least one known; not a company ('SMITH & JONES', 'Cárdenas Duarte & Cía.')."""
    known = vocabulary().known
    pieces = [tokens(p) for p in _AMPERSAND.split(text)]
    if any(not p for p in pieces):
        return False
    led = [p[0] in known for p in pieces]
    return any(led) and all(
        k or _acronym_like(" ".join(p)) for k, p in zip(led, pieces, strict=True)
    )


@lru_cache(maxsize=65536)
def split_cell(text: str) -> tuple[Part, ...]:
    """The parts a cell names; the whole cell always comes first."""
    inner = _without_lead_in(text)
    if inner != text:  # 'agentes de la DIPAMPCO': the unit, then what it names
        rest = split_cell(inner)
        return (Part(text, "whole", False), Part(inner, "split", False), *rest[1:])
    if person := _titled_person(text):  # 'el general Antonio Benavides Torres'
        return (Part(text, "whole", False), Part(person, "split", False))
    m = _PLACE_AFTER.match(text) if simple_text(text) else None
    # ... not an acronym in a cell in mixed case ('en la MINUSCA' is a mission, not a place)
    acronym = m is not None and m.group("place").isupper() and not text.isupper()
    if m and not acronym and _has_unit_words(m.group("head")) and _is_place(m.group("place")):
        # 'la Comandancia Naval del Pacífico en Puerto Quetzal': the unit, where it is
        head = m.group("head").strip()
        return (Part(text, "whole", False), Part(head, "split", False), *split_cell(head)[1:])
    whole = Part(text, "whole", False)
    if "/" in text:
        text = ORDINAL_SLASH.sub(r"\1\2", text)
    if "&" in text and _known_list(text):
        text = _AMPERSAND.sub(", ", text)
    simple = not any(ch in text for ch in ",;/(") and " - " not in text
    if simple and (section := _staff_section(text.strip())):
        return (whole, *section)
    if simple and _CODES.match(text.strip()) and (codes := _code_parts(text.strip())):
        return (whole, *codes)
    if simple and not _NUMBER_LIST.match(text):
        return (whole, *(_known_parent(text) or _trailing_parent(text)))
    # one comma and no unit words: an OFAC 'LAST, First' name or 'COMPANY, S.A.', not a list
    one_comma = text.count(",") == 1 and not any(ch in text for ch in ";/(")
    if one_comma and " - " not in text:
        head, tail = (seg.strip() for seg in text.split(","))
        # 'BPM, PNH': an acronym in capitals and the known institution it belongs to
        # (two known names of one level, 'SEMAR, SEDENA', stay a list)
        if head.isupper() and _acronym_like(head):
            if _known_below(head, tail):
                return (whole, Part(tail, "split", True), Part(head, "split", False))
            if tokens(head)[0] not in vocabulary().known and (
                known := _known_parent(f"{head} {tail}")
            ):
                return (whole, *known)
    if one_comma and " - " not in text and not _has_unit_words(text):
        return (whole,)
    levels = _parent_first([lvl for lvl in text.split("/") if lvl.strip()])
    parts: list[Part] = [whole]
    for depth, level in enumerate(levels):
        is_parent = depth < len(levels) - 1
        previous = ""
        for segment in _top_level(level, _LIST_SEP):
            for part, origin in _segment_parts(segment, previous):
                if sum(ch.isalnum() for ch in part) >= 2 and part.strip() != text.strip():
                    parts.append(Part(part, origin, is_parent))
                    if origin == "split" and not is_parent:  # 'COLOMBIAN POLICE, DIRAN INTEL'
                        parts.extend(_known_parent(part) or _trailing_parent(part))
            if segment.strip():
                previous = _LEADING_AND.sub("", _PAREN.sub(" ", segment)).strip()
    parts = _branch_command(_comma_path(_branch_parent(parts), text))
    seen: set[str] = set()
    unique = []
    for p in parts:
        if p.text.strip() not in seen:
            seen.add(p.text.strip())
            unique.append(p)
    return tuple(unique)


@lru_cache(maxsize=65536)
def names_several(text: str) -> bool:
    """Whether a cell names several units: two or more of its parts (not a parent, not a
    place such as 'Madrid' or 'Bogotá') have unit words. A part in parentheses is then the
    alias of one of them, not of the whole cell."""
    units = [
        p
        for p in split_cell(text)
        if p.origin == "split" and not p.parent and _has_unit_words(p.text)
    ]
    return len(units) >= 2
