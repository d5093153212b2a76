"""The antecedent search of :mod:`tidings.coding.coref` on hand-built tokens (no model)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tidings.coding.coref import find_antecedent, fits, is_role_noun, kind_fits


@dataclass
class _Tok:
    text: str
    i: int
    pos_: str = "NOUN"
    tag_: str = "NN"
    ent_type_: str = ""
    dep_: str = "nsubj"
    lemma_: str = ""
    children: list[Any] = field(default_factory=list)
    doc: Any = None
    sent: Any = None

    @property
    def lower_(self) -> str:
        return self.text.lower()


@dataclass
class _Sent:
    start: int


def _doc(*words: tuple[str, str, str, str]) -> list[_Tok]:
    toks = [_Tok(w, k, pos_=p, tag_=t, ent_type_=e, lemma_=w.lower()) for k, (w, p, t, e) in enumerate(words)]
    for t in toks:
        t.doc, t.sent = toks, _Sent(0)
    return toks


def test_coref_he_skips_groups_and_takes_the_person() -> None:
    toks = _doc(("Okafor", "PROPN", "NNP", "PERSON"), ("met", "VERB", "VBD", ""),
                ("police", "NOUN", "NNS", ""), ("he", "PRON", "PRP", ""))  # fmt: skip
    assert find_antecedent(toks[3], lambda t: True, 3) is toks[0]


def test_coref_they_takes_a_plural_and_respects_avoid() -> None:
    toks = _doc(("rebels", "NOUN", "NNS", ""), ("troops", "NOUN", "NNS", ""), ("they", "PRON", "PRP", ""))
    assert find_antecedent(toks[2], lambda t: True, 3) is toks[1]
    assert find_antecedent(toks[2], lambda t: True, 3, avoid={1}) is toks[0]
    assert find_antecedent(toks[2], lambda t: False, 3) is None


def test_coref_agreement_and_kinds() -> None:
    he, it = _Tok("he", 9, pos_="PRON"), _Tok("it", 9, pos_="PRON")
    ministry = _Tok("ministry", 0, lemma_="ministry")
    minister = _Tok("minister", 0, lemma_="minister")
    assert not fits(he, ministry) and fits(it, ministry)
    assert kind_fits(he, minister, "sector") and not kind_fits(it, minister, "sector")
    assert not kind_fits(he, ministry, "sector") and not kind_fits(he, _Tok("bjp", 0, lemma_="bjp"), "org")


def test_coref_role_noun_needs_the_definite_article() -> None:
    the = _Tok("the", 0, pos_="DET", dep_="det")
    assert is_role_noun(_Tok("minister", 1, lemma_="minister", children=[the]))
    assert not is_role_noun(_Tok("minister", 1, lemma_="minister"))
    assert not is_role_noun(_Tok("market", 1, lemma_="market", children=[the]))
