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


# Things: weapons and munitions, documents and money, vehicles and buildings, laws and plans, and events
# named by a noun. They do things in sentences ("a bomb killed", "the law allows", "the budget gives") but
# are never an event's participants.
THINGS = frozenset({
    "weapon", "arm", "gun", "rifle", "pistol", "bomb", "ied", "explosive", "device", "grenade", "mine",
    "missile", "rocket", "shell", "mortar", "bullet", "round", "ammunition", "munition", "cartridge",
    "artillery", "pipe", "detonator", "landmine", "letter", "document", "pamphlet", "leaflet", "poster",
    "banner", "budget", "report", "statement", "file", "paper", "book", "video", "footage", "photo",
    "picture", "message", "note", "money", "cash", "currency", "vehicle", "car", "bus", "truck",
    "tanker", "jeep", "motorcycle", "bike", "excavator", "tractor", "train", "building", "house", "shop",
    "store", "office", "bridge", "road", "tower", "line", "law", "bill", "act", "constitution", "decree",
    "ordinance", "rule", "regulation", "policy", "plan", "scheme", "programme", "program", "measure",
    "reform", "strategy", "effort", "initiative", "attack", "explosion", "blast", "raid", "operation",
    "encounter", "incident", "clash", "firing", "violence", "extortion", "crime", "security", "economy",
    "market", "trade", "statistics", "data", "figure", "plot",
    # seized goods, and gatherings named by a noun ("banned [rallies] and processions")
    "drug", "narcotic", "cocaine", "heroin", "marijuana", "opium", "hashish", "ganja", "methamphetamine",
    "contraband", "consignment", "shipment", "laptop", "computer", "rally", "procession",
})  # fmt: skip
_AGENTLESS_OK = {"ASSAULT", "COERCE"}  # "a bomb killed three": violence with no named perpetrator is coded
# Words of habit that make a statement a generalisation ("routinely", "regularly" report a practice and stay)
_FREQUENCY = {"often", "usually", "typically", "frequently", "generally", "normally", "commonly", "sometimes",
              "rarely", "seldom", "traditionally"}
_TEND = {"tend"}


def is_thing(tok: Token | None) -> bool:
    """A noun for a thing, not an actor: "the IED", "a pamphlet", "the new law", "the attack"."""
    if tok is None or tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return False
    return tok.lemma_.lower() in THINGS or tok.lower_ in THINGS


def drop_things(cand: Candidate, src: Arg, tgt: Arg) -> tuple[Arg, Arg] | None:
    """Things out of source and target. A thing whose phrase names its owner ("Ukraine's reforms", "Iranian
    tankers", "Russian missiles") stands for the owner, who is kept as the actor; a thing with no owner is
    cleared. None when a thing is the source of a non-violent act ("the law allows", "the budget gives"):
    no one acted."""
    if is_thing(src.token) and cand.entry.type not in _AGENTLESS_OK:
        return None
    return _owner_or_nothing(src), _owner_or_nothing(tgt)


def _owner_or_nothing(arg: Arg) -> Arg:
    if not is_thing(arg.token) or (arg.actor is not None and arg.actor.country and _owned(arg)):
        return arg
    text = arg.token.text
    return Arg(tried=[*arg.tried, text], steps=[*arg.steps, f"'{text}' is a thing, not a participant"])


def _owned(arg: Arg) -> bool:
    """The actor found for a thing comes from its own phrase ("Iranian tankers", "the computers of Korean
    officers"), not from the document's country alone."""
    return not any("document context" in step for step in arg.steps)


def not_asserted_event(cand: Candidate, anchor: Token, src: Arg, mod: Modality) -> bool:
    """Author analysis, not an act that happened: a gerund subject ("Removing sanctions would ..."), a
    question ("Are gangs growing?"), a generalisation in the
    simple present with a bare plural subject ("Gangs extort shopkeepers", "Politicians promise much") or a
    frequency word ("police often detain", "cartels tend to bribe")."""
    sent = anchor.sent
    if anchor.dep_ in ("csubj", "csubjpass") and anchor.tag_ == "VBG":
        return True  # "removing the sanctions is out of the question": an act named as a topic
    if sent.text.rstrip().rstrip("\"'”’)").endswith("?") and mod.speech_verb is None:
        return True
    verb = anchor
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _TEND:  # "cartels tend to bribe"
        return True
    for tok in (verb, verb.head) if verb.dep_ in ("xcomp", "conj") else (verb,):
        if any(c.dep_ == "advmod" and c.lower_ in _FREQUENCY for c in tok.children):
            return True
    if verb.tag_ not in ("VBP", "VBZ") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    subj = src.token if src.token is not None and src.token.head.i == verb.i else None
    return subj is not None and _bare_plural(subj) and _generic_object(verb)


def _bare_plural(tok: Token) -> bool:
    """A plural common noun with no determiner, number or possessor: "gangs", "local police forces"."""
    if tok.tag_ != "NNS":
        return False
    return not any(c.dep_ in ("det", "nummod", "poss") for c in tok.children)


def _generic_object(verb: Token) -> bool:
    """No object, or one that is not a particular thing (no number, no name, no "the")."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if obj.pos_ == "PROPN" or any(c.dep_ in ("nummod", "poss") or c.lower_ in ("the", "this", "these")
                                      for c in obj.children):  # fmt: skip
            return False
    return True
