"""Candidates that are not events: poll results, and statements that assert no particular act."""

from __future__ import annotations

from typing import Any

from tidings.coding.arguments import Arg
from tidings.coding.factuality import Modality
from tidings.coding.resolve import antecedent
from tidings.coding.rules import Candidate
from tidings.coding.syntax import PRONOUNS

Token = Any

_POLL_WORDS = {"percent", "%", "respondent", "respondents", "majority", "minority", "poll", "survey"}


def is_opinion(tok: Token | None) -> bool:
    """The subject is a share of a population ("61 percent of Koreans", "most respondents")."""
    if tok is None:
        return False
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
        ante = antecedent(tok)
        return ante is not None and ante.i != tok.i and is_opinion(ante)
    mods = {c.lower_ for c in tok.children if c.dep_ in ("nummod", "compound", "amod")}
    words = {tok.lower_, tok.lemma_.lower()} | mods
    return bool(words & _POLL_WORDS)


def not_asserted_event(cand: Candidate, anchor: Token, src: Arg, mod: Modality) -> bool:
    """Author analysis and generalisations, not an act that happened."""
    return False
