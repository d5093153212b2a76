"""Antecedents: which earlier actor a pronoun, a bare surname or a definite role noun refers to.

One search serves claimants ("he said", :mod:`tidings.coding.attribution`) and event sources and targets
("they attacked", "Singh was arrested", :mod:`tidings.coding.resolve`): the nearest earlier token, in the
same or a few previous sentences, that fits the referring word's number and kind and that the caller
accepts (a resolved actor, or a named source for claimants):

- "he"/"she"/"his", a role noun ("the minister"), a surname: one person (a named person, or a singular
  noun with no entity type);
- "they"/"them"/"their": a plural noun or a group (an organisation, a country, a people);
- "it"/"its": anything singular that is not a person.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from tidings.coding.syntax import PRONOUNS

Token = Any

# The trace step of a side found through its antecedent; the event's confidence pays for it.
COREF_STEP = "refers to"
SINGULAR_PERSON = {"he", "she", "him", "her", "his"}
PLURAL = {"they", "them", "their", "we", "us", "our"}
NEUTER = {"it", "its"}
NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW", "EVENT"}
GROUP_NOUNS = {"police", "government", "army", "military", "ministry", "party", "group", "council",
               "administration", "force", "forces", "committee", "union", "court", "agency",
               "department"}  # fmt: skip
# Nouns for one person in office: "the minister", "the commissioner" refer back like "he" does.
ROLE_NOUNS = {"minister", "commissioner", "president", "governor", "chairman", "chairperson", "chief",
              "leader", "secretary", "spokesman", "spokesperson", "spokeswoman", "premier", "mayor",
              "officer", "official", "ambassador", "envoy", "director", "inspector", "superintendent",
              "legislator", "lawmaker", "mla", "mp", "senator", "judge", "magistrate", "collector",
              "deputy", "general", "commander", "king", "prince", "monarch", "prime"}  # fmt: skip


_MODIFIERS = ("compound", "amod", "nmod", "poss")


def is_pronoun(tok: Token) -> bool:
    """A personal or possessive pronoun that can refer to an actor."""
    return bool(tok.lower_ in PRONOUNS and tok.pos_ == "PRON")


def is_role_noun(tok: Token) -> bool:
    """A definite singular role noun ("the minister", "the commissioner"), with no name of its own."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.lemma_.lower() not in ROLE_NOUNS:
        return False
    if any(c.pos_ == "PROPN" or c.ent_type_ for c in tok.children):
        return False  # "the Punjab minister", "the minister of Kerala": it names its own place
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def is_bare_surname(tok: Token) -> bool:
    """A one-word capitalised name with no title or first name ("Singh", "Okafor")."""
    return bool(tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.ent_type_ in ("PERSON", "")
                and not any(c.dep_ in ("compound", "flat", "appos") for c in tok.children))  # fmt: skip


def fits(word: Token, tok: Token) -> bool:
    """Whether ``tok`` agrees with the referring ``word`` in number and kind."""
    lower = word.lower_ if is_pronoun(word) else "he"  # a role noun or a surname is one person
    plural = tok.tag_ in ("NNS", "NNPS")
    group = tok.lemma_.lower() in GROUP_NOUNS or tok.ent_type_ in ("ORG", "GPE", "NORP")
    if lower in SINGULAR_PERSON:  # a named person, or a noun for one ("the minister")
        person = tok.ent_type_ == "PERSON" or (tok.pos_ == "NOUN" and not tok.ent_type_)
        return not plural and not group and person
    if lower in PLURAL:
        return plural or group
    if lower in NEUTER:
        return not plural and tok.ent_type_ != "PERSON"
    return True


def kind_fits(word: Token, tok: Token, kind: str | None) -> bool:
    """Whether the actor ``tok`` resolved to (of ``kind``) can be what ``word`` refers to: "he", a role noun
    or a surname a person (a named one, a role or sector noun: "the minister", "a smuggler"); "it" no
    person."""
    person = kind == "person" or (tok.pos_ == "NOUN" and tok.lemma_.lower() in ROLE_NOUNS)
    if not is_pronoun(word) or word.lower_ in SINGULAR_PERSON:  # or a sector noun for one: "a trafficker"
        return person or (kind == "sector" and tok.lemma_.lower() not in GROUP_NOUNS)
    if word.lower_ in NEUTER:
        return not person
    return True


def find_antecedent(word: Token, accept: Callable[[Token], bool], lookback: int,
                    avoid: Collection[int] = ()) -> Token | None:  # fmt: skip
    """The nearest earlier token, in ``word``'s sentence or the ``lookback`` previous ones, that heads a
    noun phrase, agrees with ``word`` (:func:`fits`), is not in ``avoid`` (the event's other side) and that
    ``accept`` takes. A surname looks only for an earlier full name ending in it."""
    doc = word.doc
    start = word.sent.start
    for _ in range(lookback):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    surname = not is_pronoun(word) and word.pos_ == "PROPN"
    for k in range(word.i - 1, start - 1, -1):
        tok = doc[k]
        if k in avoid or tok.pos_ not in ("PROPN", "NOUN") or tok.dep_ in _MODIFIERS:
            continue
        if surname and (tok.lower_ != word.lower_ or tok.i == word.i):
            continue
        if tok.lower_ in PRONOUNS or tok.ent_type_ in NOT_NAMES or not fits(word, tok):
            continue
        if accept(tok):
            return tok
    return None
