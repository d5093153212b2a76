"""Turn candidates into :class:`tidings.model.Event` records, one typed step after another.

1. candidates (:mod:`~tidings.coding.rules`): lexicon entries firing on the parse, absorbed into each other;
2. factuality and attribution (:mod:`~tidings.coding.factuality`, :mod:`~tidings.coding.attribution`):
   negation, modality, conditions, who reports the event;
3. arguments (:mod:`~tidings.coding.participants`): source and target actors;
4. filters: polls, bare event nouns, generic statements (:mod:`~tidings.coding.filters`);
5. type adjustments (:mod:`~tidings.coding.retype`): threats, intent, state actors;
6. confidence and the event record (:mod:`~tidings.coding.build`).
"""

from __future__ import annotations

from typing import Any

from tidings.coding.arguments import Arg
from tidings.coding.attribution import find_claim
from tidings.coding.build import build_event
from tidings.coding.factuality import Modality, assess
from tidings.coding.filters import drop_things, is_opinion, not_asserted_event
from tidings.coding.lexicon import Lexicon
from tidings.coding.participants import find_arguments
from tidings.coding.resolve import ActorFinder, Resolver
from tidings.coding.retype import complements, retype
from tidings.coding.rules import Candidate, absorb, find_candidates, verb_entry
from tidings.coding.syntax import subject
from tidings.model import Document, Event, Mention

Token = Any


class Coder:
    """Codes the sentences of a parsed :class:`Document` with a :class:`Lexicon` and an actor resolver."""

    def __init__(self, lexicon: Lexicon, resolver: Resolver | None) -> None:
        self.lex = lexicon
        self.resolver = resolver
        self.actors = ActorFinder(resolver)

    def resolve(self, doc: Document, tok: Token,
                speaker: Token | None = None) -> tuple[Mention | None, list[str]]:  # fmt: skip
        """The actor of the phrase headed by ``tok`` (see :meth:`ActorFinder.resolve`)."""
        return self.actors.resolve(doc, tok, speaker)

    def code(self, doc: Document) -> list[Event]:
        """Every event in ``doc`` (parsed), in text order."""
        events: list[Event] = []
        names = [(m.start, m.end) for m in doc.mentions if m.actor is not None and m.actor.kind != "place"]
        for sent in doc.parsed.sents:
            for cand in absorb(find_candidates(sent, self.lex)):
                if cand.entry.type == "NONE":
                    continue  # an entry that says "not an event" ("rejected the accusation")
                if cand.kind == "verb" and any(a <= cand.trigger.idx < b for a, b in names):
                    continue  # a word of an actor's name ("ram sevaks" in lowercase text) is not a verb
                denied = complements(cand) if cand.entry.complement == "deny" else []
                if cand.entry.complement == "deny" and not denied:
                    denied = self._gerund_objects(cand)  # "denied [hitting] homes" parsed as a modifier
                for sub in denied or [cand]:  # "X denied attacking Y": a negated ASSAULT, claimed by X
                    event = self.event(doc, sub, denied_by=cand if denied else None)
                    if event is not None:
                        events.append(event)
        return events

    def _gerund_objects(self, cand: Candidate) -> list[Candidate]:
        """Event gerunds the parser attached to the object as modifiers ("denied hitting homes"), anchored
        at the denial verb so that its subject and object are the event's."""
        out = []
        for obj in cand.anchor.children:
            if obj.dep_ != "dobj":
                continue
            for mod in obj.children:
                entry = verb_entry(mod, self.lex) if mod.dep_ == "amod" and mod.tag_ == "VBG" else None
                if entry is not None:
                    out.append(Candidate(entry, "verb", cand.anchor, mod))
        return out

    def event(self, doc: Document, cand: Candidate, denied_by: Candidate | None = None) -> Event | None:
        """The event of one candidate, or None when it is not an event after all.

        ``denied_by`` is the denial verb whose complement the candidate is: the event is negated and
        the denier is its claimant.
        """
        anchor = cand.anchor if cand.kind != "noun" else _clause_verb(cand.anchor)
        mod = self._modality(anchor, denied_by)
        speaker = mod.claimant if mod.speech_verb is not None else None
        inner = complements(cand)
        src, tgt = find_arguments(self.actors, doc, cand, speaker, inner)
        subj = subject(anchor)[0] if anchor is not None and cand.kind != "noun" else None
        if is_opinion(subj) or is_opinion(src.token) or is_opinion(mod.claimant):
            return None  # "61 percent of South Koreans support ...": a poll result, not an event
        if not _has_actor(cand, src, tgt):
            return None
        if anchor is not None and not_asserted_event(cand, anchor, src, mod):
            return None  # a question or a generalisation: author analysis, not an act
        kept = drop_things(cand, src, tgt)
        if kept is None:
            return None  # "the law allows ...": a thing, not an actor, does it
        src, tgt = kept
        coded = retype(cand, mod, inner, src)
        claim = find_claim(self.actors, doc, mod)
        return build_event(doc, cand, coded, mod, src, tgt, claim)

    def _modality(self, anchor: Token | None, denied_by: Candidate | None) -> Modality:
        mod = assess(anchor, self.lex) if anchor is not None else Modality()
        if denied_by is not None:
            outer = assess(denied_by.anchor, self.lex)
            mod.negated, mod.factuality = True, "negated"
            mod.claimant, mod.claimant_cue = subject(denied_by.anchor)[0], denied_by.trigger.text
            mod.cues.append(f"denied by '{denied_by.trigger.text}'")
            if outer.speech_verb is not None:
                mod.speech_verb = outer.speech_verb
        return mod


def _has_actor(cand: Candidate, src: Arg, tgt: Arg) -> bool:
    """A bare event noun needs a named actor (a place is not one); some entries need an actor object."""
    nominal = cand.kind == "noun" or (
        cand.kind == "verb" and cand.anchor.dep_ in ("nsubj", "csubj", "nsubjpass", "pobj"))
    if nominal and not src.named() and not tgt.named():
        return False  # a topic ("the war"), not an event
    return not (cand.entry.needs_actor_object and tgt.mention is None)


def _clause_verb(noun: Token) -> Token | None:
    cur = noun
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
    return None
