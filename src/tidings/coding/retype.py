"""Type adjustments: PLOVER conventions that change an event's type, mode or CAMEO code after it is found.

A threat to attack is THREATEN, a statement of intent to cooperate is AGREE, a negated intent to cooperate is
REJECT, and some verbs code differently when a state acts ("protest" by a government is ACCUSE).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tidings.coding.arguments import Arg
from tidings.coding.factuality import Modality
from tidings.coding.rules import COOPERATIVE, MATERIAL_CONFLICT, Candidate
from tidings.coding.syntax import agent, is_passive

Token = Any

# Sectors of a state's organs: government, armed forces, police, courts, intelligence, legislature. A
# sector-only actor of one of them acts for the state (same set as the actor stage's).
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG"})
_STATE_KINDS = {"country", "igo"}
_PEOPLE = {"people", "resident", "citizen", "worker", "student", "protester", "protestor", "demonstrator",
           "farmer", "activist", "supporter", "youth", "villager", "crowd", "thousand", "hundred", "member",
           "civilian", "refugee", "teacher", "doctor", "landowner", "prisoner", "union", "group", "party"}

# What a statement of intent about an event of type X is coded as (PLOVER: future cooperation is
# AGREE; a threat to attack is THREATEN), with its CAMEO code and mode.
_INTENT: dict[str, tuple[str, str, str | None]] = {
    "CONSULT": ("AGREE", "036", None), "SUPPORT": ("AGREE", "032", None),
    "COOPERATE": ("AGREE", "031", None), "AID": ("AGREE", "033", None), "CONCEDE": ("AGREE", "035", None),
    "RETREAT": ("AGREE", "035", None), "AGREE": ("AGREE", "030", None),
    "ASSAULT": ("THREATEN", "138", "violence"), "MOBILIZE": ("THREATEN", "138", "violence"),
    "COERCE": ("THREATEN", "131", "restrict"), "SANCTION": ("THREATEN", "131", "relations"),
    "PROTEST": ("THREATEN", "133", "relations"),
}  # fmt: skip
# REQUEST/REJECT modes from what is asked or refused; THREATEN modes from what is threatened.
_ASK_MODE = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AGREE": "meet", "AID": "assist",
             "COOPERATE": "assist", "SUPPORT": "assist"}  # fmt: skip
_SPEECH_ACTS = {"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}


@dataclass(slots=True)
class Coded:
    """Type, mode, CAMEO code and factuality after the type-change rules, with notes for the trace."""

    type: str
    mode: str | None
    cameo: str | None
    factuality: str
    notes: list[str] = field(default_factory=list)


def complements(cand: Candidate) -> list[Candidate]:
    """Absorbed candidates in the complement of ``cand``: "threatened [to attack]", "accused X of [X-ing]"."""
    return [c for c in cand.absorbed if c.anchor.dep_ in ("xcomp", "ccomp", "pcomp", "dobj")
            or c.anchor.head.dep_ == "prep" or c.kind == "light"]  # fmt: skip


def retype(cand: Candidate, mod: Modality, inner: list[Candidate], src: Arg) -> Coded:
    """PLOVER conventions: threats to attack, statements of intent, conditions, state actors."""
    entry = cand.entry
    c = Coded(entry.type, entry.mode, entry.cameo, mod.factuality)
    if entry.complement == "intent" and any(x.entry.type in MATERIAL_CONFLICT for x in inner):
        conflict = next(x for x in inner if x.entry.type in MATERIAL_CONFLICT)
        c.type, c.cameo, c.mode = _INTENT[conflict.entry.type]
        c.notes.append(f"intent to {conflict.entry.type} is THREATEN")
    elif c.type in ("REQUEST", "REJECT") and inner and c.mode is None:
        c.mode = _ASK_MODE.get(inner[0].entry.type)
    elif c.type == "THREATEN" and inner and c.mode is None:
        c.mode = _INTENT.get(inner[0].entry.type, (None, None, None))[2]
    _intent(cand, mod, c)
    if mod.deontic and mod.speech_verb is None and cand.kind != "demand" and c.factuality == "asserted":
        c.factuality = "hypothetical"
    _forces_arriving(src, c)
    if entry.state_type and c.type == entry.type and is_state(src):
        c.type, c.mode, c.cameo = entry.state_type, entry.state_mode, entry.state_cameo
        c.notes.append(f"'{entry.key}' by a state actor is {c.type}")
    return c


def _intent(cand: Candidate, mod: Modality, c: Coded) -> None:
    """Statements of intent: AGREE for cooperation, THREATEN for conflict, REJECT for a refusal."""
    committed = any(x.startswith("intent") for x in mod.cues)  # "is willing to X (if ...)"
    converts = committed or not mod.conditional or (mod.unless and c.type in MATERIAL_CONFLICT)
    scheduled = c.type in COOPERATIVE and is_passive(cand.anchor) and agent(cand.anchor) is None
    if scheduled and not committed and cand.kind != "demand":
        converts = False  # "the meeting will be held on Tuesday": a scheduled event, nobody's commitment
    if mod.intent and c.type in _INTENT and c.type != "AGREE" and converts:
        if mod.negated and c.type in COOPERATIVE:
            c.notes.append("negated intent to cooperate is REJECT")
            c.type, c.cameo, c.mode, c.factuality = "REJECT", "12", None, unnegated(mod)
        elif not mod.negated:
            c.type, c.cameo, c.mode = _INTENT[c.type]
            c.factuality = unnegated(mod)
            c.notes.append(f"statement of intent coded {c.type}")
    elif c.type in _SPEECH_ACTS and mod.conditional and not mod.epistemic and not mod.negated:
        c.factuality = unnegated(mod)  # a conditional threat or demand is still made


_FORCE_NOUNS = {"troop", "troops", "soldier", "soldiers", "force", "forces", "peacekeeper", "peacekeepers",
                "unit", "units", "contingent", "battalion", "battalions", "marine", "marines", "personnel",
                "warship", "warships", "patch", "batch", "deployment"}  # fmt: skip


def _forces_arriving(src: Arg, c: Coded) -> None:
    """Forces that "visit" or "arrive in" a place are deployed there (PLOVER MOBILIZE), and peacekeepers
    arriving are military protection (CAMEO 074, AID): a visit is made by people, not by units."""
    tok = src.token
    if c.type != "CONSULT" or c.mode != "visit" or tok is None or tok.lemma_.lower() not in _FORCE_NOUNS:
        return
    words = {t.lower_ for t in tok.subtree}
    if any(w.startswith(("peacekeep", "peace-keep")) for w in words):
        c.type, c.mode, c.cameo = "AID", None, "074"
        c.notes.append("peacekeepers arriving: military protection (AID)")
    else:
        c.type, c.mode, c.cameo = "MOBILIZE", "troops", "154"
        c.notes.append("forces arriving: a deployment (MOBILIZE)")


def is_state(src: Arg) -> bool:
    """A government, its forces or the country itself ("Turkey"), not its people ("Algerians")."""
    actor = src.actor
    tok = src.token
    if actor is None:
        return False
    people = tok is not None and (tok.tag_ == "NNPS" or tok.lemma_.lower() in _PEOPLE)
    if actor.sector in STATE_SECTORS:
        return True
    return actor.sector is None and actor.kind in _STATE_KINDS and not people


def unnegated(mod: Modality) -> str:
    """The factuality of an event whose negation was read as a refusal: reported when someone claims it."""
    return "reported" if mod.claimant is not None or mod.hearsay else "asserted"
