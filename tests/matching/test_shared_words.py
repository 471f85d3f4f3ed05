"""The shared-words candidate pass: which person and company names it offers the scorer."""

import pandas as pd

from conditionality.matching.shared_words import MAX_GROUP, _keys, word_pairs


def _frame(rows, id_col):
    return pd.DataFrame(
        {
            "country": [r[0] for r in rows],
            "ordered": [r[1] for r in rows],
            "person_order": [r[2] for r in rows],
            id_col: range(len(rows)),
        }
    )


def test_person_keys_are_pairs_of_words_by_sound():
    keys = _keys("ena elizabeth hernandez amaya", True, frozenset())
    assert "ena ernandes" in keys  # 'Hernández' / 'Ernández' sound alike
    assert all(" " in k for k in keys)  # a person shares two words, never one


def test_company_keys_add_own_words_singular_not_business_words():
    keys = _keys("restaurante bar camelias", False, frozenset({"restaurante"}))
    assert "kamelia" in keys and "bar" in keys
    assert "restaurante" not in keys


def test_pairs_share_a_key_within_a_country_only():
    q = _frame([("MEX", "sandra lucero martinez", True), ("MEX", "pedro diaz", True)], "qid")
    c = _frame([("MEX", "sandra lucero valenzuela", False), ("COL", "sandra lucero", False)], "cid")
    qv, cv, raw, how = word_pairs(q, c)
    assert list(zip(qv, cv, strict=True)) == [(0, 0)]
    assert 0 < raw[0] < 1 and how == ["fuzzy_tokens"]


def test_a_key_too_many_names_share_offers_nothing():
    many = [("MEX", f"jose garcia {w}", False) for w in range(MAX_GROUP + 1)]
    q = _frame([("MEX", "jose garcia", True)], "qid")
    qv, _, _, _ = word_pairs(q, _frame(many, "cid"))
    assert qv == []
    qv, _, _, _ = word_pairs(q, _frame(many[:3], "cid"))
    assert len(qv) == 3
