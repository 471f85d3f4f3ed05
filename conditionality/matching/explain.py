"""Features and one-sentence explanations for chosen matches (one short string per match)."""

from __future__ import annotations

import re

import pandas as pd

from conditionality.matching.score import ACRONYM_SCORE, ACRONYM_TYPO_SCORE, NAME_ONLY_SCORE

_SPACES = re.compile(r"\s+")
_COLS = [
    "method",
    "relation",
    "raw",
    "score",
    "notes",
    "q_origin",
    "c_origin",
    "c_name_kind",
    "q_ordinal",
    "c_ordinal",
    "q_numbers",
    "q_unit_types",
    "c_unit_types",
    "q_security",
    "c_security",
    "q_short",
    "q_named_short",
    "q_part",
    "c_part",
    "q_name",
    "c_name",
    "q_via",
    "c_via",
]


def _q(x: object) -> str:
    text = x if isinstance(x, str) else ("" if x is None or x is pd.NA or x != x else str(x))
    return "'" + _SPACES.sub(" ", text.strip()) + "'"


def _one(r: dict[str, object]) -> tuple[str, str]:
    method, relation = str(r["method"]), str(r["relation"])
    q_origin, c_origin = r["q_origin"], r["c_origin"]
    listed_alias = r["c_name_kind"] == "alias"
    alias = q_origin in ("alias", "paren") or c_origin in ("alias", "paren") or listed_alias
    split = q_origin in ("split", "paren") or c_origin in ("split", "paren")
    ordinal = bool(r["q_ordinal"] or r["c_ordinal"]) and r["q_numbers"] != ""
    hierarchy = relation != "same"
    features = (
        method
        + (",alias" if alias else "")
        + (",split" if split else "")
        + (",ordinal" if ordinal else "")
        + (",hierarchy" if hierarchy else "")
    )
    qp, cp, qn, cn = _q(r["q_part"]), _q(r["c_part"]), _q(r["q_name"]), _q(r["c_name"])
    if method == "exact":
        normalized = (
            "case, accents and punctuation"
            + (", ordinals" if ordinal else "")
            + (" and unit words" if r["q_security"] or r["c_security"] else "")
        )
        base = f"{qp} and {cp} are equal after normalizing {normalized}"
        if r["notes"]:  # a check still weighed them ('only one names the person ...')
            base += f"; {r['notes']}"
    elif method == "acronym":
        # the initials score is ACRONYM_SCORE; a lower raw score is a syllable acronym
        raw = float(str(r["raw"]))
        what = (
            "acronym"
            if raw >= ACRONYM_SCORE
            else "acronym, with two letters swapped,"
            if raw == ACRONYM_TYPO_SCORE
            else "acronym (first letters of its words)"
        )
        q_is_short = r["q_short"] or r["q_named_short"]
        base = f"{qp} is the {what} of {cp}" if q_is_short else f"{cp} is the {what} of {qp}"
        if r["notes"]:  # 'the cell spells the acronym out as another name'
            base += f"; {r['notes']}"
    elif method == "own_name":
        notes = str(r["notes"])
        base = f"{qp} and {cp} share a name of their own (the unit's, or a person's)" + (
            f"; {notes}" if notes else ""
        )
    elif method == "name_only":
        lone, unit = (qp, cp) if not r["q_security"] else (cp, qp)
        base = f"{lone} names {unit} by the unit's own name alone, without its unit words"
    elif (
        method == "generic"
        and float(str(r["score"])) >= NAME_ONLY_SCORE
        and not (r["q_unit_types"] and r["c_unit_types"])
    ):
        base = (
            f"{qp} and {cp} name one arm of one branch, one of them as its directorate or"
            " headquarters, and neither has a number or name of its own: the arm's head office"
        )
    elif method == "generic" and float(str(r["score"])) >= NAME_ONLY_SCORE:
        base = (
            f"{qp} and {cp} are a large unit of one special arm, and only one gives its name;"
            " a country has one such unit when neither has a number"
        )
    elif method == "generic":
        base = (
            f"{qp} and {cp} are units of the same kind or arm, and only one has a unit type,"
            " number or name of its own, so it may be the other; review"
        )
    else:
        notes = str(r["notes"])
        base = f"{qp} and {cp} share most words after normalizing (similarity {r['raw']:.2f})" + (
            f"; {notes}" if notes else ""
        )
    q_alias, c_alias = q_origin == "alias", c_origin == "alias"
    if q_alias or c_alias:
        q_given = _q(r["q_via"]) if q_alias else qp
        c_given = _q(r["c_via"]) if c_alias else cp
        same = f"{qp} = {q_given}" if q_alias else f"{cp} = {c_given}"
        if method == "acronym" and r["raw"] == ACRONYM_TYPO_SCORE:  # 'SEAMR' for SEMAR
            base = f"{base}; in the alias table {same}"
        else:
            base = f"{q_given} and {c_given} name one entity in the alias table ({same})"
    if listed_alias:
        base += f" ({cn} is a listed alias)"
    if q_origin in ("split", "paren") and relation == "same":
        base = f"the part {qp} of {qn}: {base}"
    elif c_origin in ("split", "paren") and relation == "same":
        base = f"the part {cp} of {cn}: {base}"
    if method.startswith("branch_"):
        whole, unit = (cn, qn) if method == "branch_parent" else (qn, cn)
        text = f"{whole} names a whole branch, and {unit} is one of its units; review"
        return "exact,hierarchy", text
    if relation == "parent":
        text = f"{cn} names the parent unit {qp} of {qn} ({base}); review"
    elif relation == "subunit":
        text = f"{cn} is a sub-unit of {qn}: its parent {cp} matches ({base}); review"
    else:
        text = base
    return features, text


def explain(best: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(features, explanation) for each chosen pair; `best` has q_/c_ variant columns, method,
    relation, raw, score and notes, with a 0..n-1 index."""
    rows = best[_COLS].to_dict("records")
    done = [_one(r) for r in rows]
    features = pd.Series([d[0] for d in done], index=best.index, dtype="object")
    text = pd.Series([d[1] for d in done], index=best.index, dtype="object")
    return features, text
