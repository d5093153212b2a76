"""The last steps: confidence, and the :class:`tidings.model.Event` record with its trace."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tidings.coding.arguments import Arg
from tidings.coding.coref import COREF_STEP
from tidings.coding.factuality import Modality
from tidings.coding.retype import Coded
from tidings.coding.rules import Candidate
from tidings.coding.syntax import dep_path, phrase_range
from tidings.model import Document, Event, Mention, stable_id

Token = Any

_VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})
# Claimants that speak for a state complaining of another state's attack: a government or its military,
# not the media or the police.
_VICTIM_CLAIMANT_SECTORS = frozenset({"GOV", "MIL"})


@dataclass(slots=True)
class Claim:
    """Who reports the event: the claimant's token (its span), the actor it resolved to, and the cue."""

    token: Token | None = None
    mention: Mention | None = None
    cue: str | None = None
    steps: tuple[str, ...] = ()
    span: tuple[int, int] | None = None  # the claimant's characters; default: the phrase of ``token``


def confidence(cand: Candidate, src: Mention | None, tgt: Mention | None,
               notes: list[str]) -> tuple[float, dict[str, float]]:  # fmt: skip
    """Entry confidence x argument completeness x construction; components kept for the trace."""
    args = 1.0 if src and tgt else 0.85 if src else 0.7 if tgt else 0.45
    if cand.entry.no_target and src:
        args = 1.0
    construction = {"verb": 1.0, "demand": 0.95, "light": 0.95, "noun": 0.75}[cand.kind]
    conversion = 0.9 if notes else 1.0
    # a side found through an antecedent ("he", "the minister") may be the wrong one
    coref = 0.9 if any(m is not None and any(COREF_STEP in s for s in m.steps) for m in (src, tgt)) else 1.0
    value = round(max(0.05, min(0.99, cand.entry.confidence * args * construction * conversion * coref)), 3)
    return value, {"entry": cand.entry.confidence, "arguments": args, "construction": construction,
                   "conversion": conversion, "coreference": coref, "value": value}  # fmt: skip


def _sentence(doc: Document, offset: int) -> tuple[int, int, int, str]:
    for s in doc.sentences:
        if s.start <= offset < s.end:
            return s.index, s.start, s.end, s.text
    return 0, 0, len(doc.text), doc.text


def _trace(cand: Candidate, coded: Coded, mod: Modality, src: Arg, tgt: Arg,
           parts: dict[str, float]) -> dict[str, Any]:  # fmt: skip
    return {
        "rule": cand.kind,
        "entry": cand.entry.to_dict(),
        "anchor": cand.anchor.text,
        "source_path": dep_path(cand.anchor, src.token) if src.token is not None else None,
        "target_path": dep_path(cand.anchor, tgt.token) if tgt.token is not None else None,
        "source_steps": src.steps, "target_steps": tgt.steps,
        "source_group": src.group, "target_group": tgt.group,
        "unresolved": {"source": src.tried, "target": tgt.tried},
        "absorbed": [f"{c.trigger.text} ({c.entry.type})" for c in cand.absorbed],
        "factuality_cue": mod.cue, "notes": coded.notes, "confidence": parts,
    }  # fmt: skip


def build_event(doc: Document, cand: Candidate, coded: Coded, mod: Modality, src: Arg, tgt: Arg,
                claim: Claim) -> Event:  # fmt: skip
    """The event record of a coded candidate."""
    trig = cand.trigger
    vstart, vend = trig.idx, trig.idx + len(trig.text)
    if cand.kind == "light" and abs(cand.anchor.i - trig.i) <= 6:  # "launched an attack", not a clause
        vstart, vend = min(vstart, cand.anchor.idx), max(vend, cand.anchor.idx + len(cand.anchor.text))
    sent = _sentence(doc, trig.idx)
    conf, parts = confidence(cand, src.mention, tgt.mention, coded.notes)
    src_text = doc.text[src.start:src.end] if src.start is not None else None
    tgt_text = doc.text[tgt.start:tgt.end] if tgt.start is not None else None
    trace = _trace(cand, coded, mod, src, tgt, parts)
    sa, ta = src.actor, tgt.actor
    etype = coded.type
    event = Event(
        event_id=stable_id(doc.doc_id, sent[0], vstart, etype, src_text, tgt_text),
        doc_id=doc.doc_id, sentence_index=sent[0], sentence_text=sent[3], char_start=sent[1],
        char_end=sent[2], event_type=etype, event_mode=coded.mode, event_context=cand.entry.context,
        cameo_code=coded.cameo,
        source_text=src_text, source_start=src.start, source_end=src.end,
        source_country=sa.country if sa else None, source_sector=sa.sector if sa else None,
        source_actor_id=sa.actor_id if sa else None, source_role=sa.role if sa else None,
        target_text=tgt_text, target_start=tgt.start, target_end=tgt.end,
        target_country=ta.country if ta else None, target_sector=ta.sector if ta else None,
        target_actor_id=ta.actor_id if ta else None, target_role=ta.role if ta else None,
        verb_text=doc.text[vstart:vend], verb_start=vstart, verb_end=vend,
        factuality=coded.factuality, confidence=conf, rule=f"{cand.kind}:{cand.entry.key}", trace=trace,
    )  # fmt: skip
    _add_claimant(doc, event, claim)
    return event


def _add_claimant(doc: Document, event: Event, claim: Claim) -> None:
    """The claimant's span and actor; a state claimant complaining of an attack may become the target."""
    if claim.cue is not None:
        event.trace["claimant_cue"] = claim.cue
    if claim.steps:
        event.trace["claimant_steps"] = list(claim.steps)
    if claim.token is None:
        return
    ca = claim.mention.actor if claim.mention is not None else None
    cstart, cend = claim.span if claim.span is not None else phrase_range(claim.token)
    event.claimant_text = doc.text[cstart:cend]
    event.claimant_country = ca.country if ca else None
    # a state speaking is its government ("Russia said ..."): the claimant's sector is GOV
    event.claimant_sector = (ca.sector or ("GOV" if ca.kind == "country" else None)) if ca else None
    event.claimant_actor_id = ca.actor_id if ca else None
    _claimant_as_victim(event, cstart, cend)


def _claimant_as_victim(event: Event, start: int, end: int) -> None:
    """A state reporting another state's attack on no named actor is its recipient.

    "Pyongyang said Seoul fired shells" is North Korea complaining of South Korean fire: ASSAULT KOR->PRK.
    Only for violent or coercive acts, only when no target actor was resolved (the object, if any, is a
    thing such as "shells"), only when a government or military (not the media) makes the claim about a
    different country. The target then is the claimant's phrase (``start``, ``end``); recorded in the
    trace and paid for in confidence.
    """
    if (event.event_type not in _VICTIM_TYPES or event.target_country or event.target_sector
            or event.claimant_sector not in _VICTIM_CLAIMANT_SECTORS or not event.claimant_country
            or not event.source_country or event.claimant_country == event.source_country):  # fmt: skip
        return
    if event.target_text is not None:
        event.trace.setdefault("notes", []).append(f"object '{event.target_text}' is not an actor")
    event.target_text, event.target_start, event.target_end = event.claimant_text, start, end
    event.target_country, event.target_sector = event.claimant_country, event.claimant_sector
    event.target_actor_id = event.claimant_actor_id
    event.confidence = round(event.confidence * 0.85, 3)
    event.trace.setdefault("notes", []).append(
        f"target {event.claimant_country}: the claimant, a state reporting an act against it by another state"
    )
