"""Factuality of a coded event: asserted, reported, hypothetical or negated, with the cue that decided it.

Read from the dependency parse around the event's anchor verb:

- negated: a ``neg`` dependent ("did not sign", "has never attacked", "no longer").
- hypothetical: an epistemic modal ("may", "could", "would"), a condition ("if", "unless") or an
  embedding under a verb of wishing ("hopes to").
- intent: a future modal ("will") or an intent word ("plans to", "is ready to"). The coder turns such
  events into AGREE (cooperation) or THREATEN (conflict), the PLOVER convention, and keeps them asserted.
- reported: the clause is the complement of a speech verb ("Pyongyang said Seoul fired shells"), has a
  post-posed reporting clause ("..., officials said"), or an "according to X" phrase. The speaker is the
  claimant.

The quotes stage (run later) also marks events inside quotation marks as reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tidings.coding.lexicon import Lexicon
from tidings.coding.rules import is_lemma_in, verb_lemmas
from tidings.coding.syntax import child, children, clause_head, subject

Token = Any

_NEG_WORDS = {"not", "n't", "never", "no"}
_CONDITION_MARKS = {"if", "unless", "provided"}


@dataclass(slots=True)
class Modality:
    """What the context says about an event's reality."""

    factuality: str = "asserted"
    negated: bool = False
    intent: bool = False
    deontic: bool = False
    conditional: bool = False
    unless: bool = False
    epistemic: bool = False
    cues: list[str] = field(default_factory=list)
    claimant: Token | None = None  # the speaker's noun token
    claimant_cue: str | None = None  # "said", "according to"
    speech_verb: Token | None = None

    @property
    def cue(self) -> str | None:
        """The cues as one string, for the trace."""
        return "; ".join(self.cues) or None


def _aux_words(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass") or (c.dep_ == "neg")]


def _negated(verb: Token) -> str | None:
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",)):
            return c.text
        if c.dep_ == "advmod" and c.lower_ == "longer" and child(c, "neg", "det", "advmod") is not None:
            return "no longer"
    return None


def speech_parent(verb: Token, lex: Lexicon) -> Token | None:
    """The speech verb whose complement clause contains ``verb`` ("said [that X attacked]"), if any."""
    cur = clause_head(verb)
    for _ in range(4):
        if cur.dep_ in ("ccomp", "parataxis") and is_lemma_in(cur.head, lex.speech):
            return cur.head
        if cur.dep_ in ("ccomp", "advcl", "conj") and cur.head.i != cur.i:
            cur = clause_head(cur.head)
            continue
        break
    return None


def speech_child(verb: Token, lex: Lexicon) -> Token | None:
    """A post-posed reporting clause attached to ``verb`` ("X attacked Y, officials said")."""
    top = clause_head(verb)
    for head in [verb] if top.i == verb.i else [verb, top]:
        for c in head.children:
            clause = c.dep_ in ("ccomp", "parataxis", "advcl", "conj")
            if clause and c.i > verb.i and is_lemma_in(c, lex.speech):
                if child(c, "nsubj", "nsubjpass") is not None and child(c, "ccomp", "dobj") is None:
                    return c
    return None


def according_to(verb: Token) -> Token | None:
    """The object of an "according to X" phrase attached to the clause (or the sentence root)."""
    for head in (verb, clause_head(verb), verb.sent.root):
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                to = child(c, "prep")
                obj = child(to, "pobj") if to is not None else None
                if obj is not None:
                    return obj
    return None


def assess(verb: Token, lex: Lexicon) -> Modality:
    """The modality of the event anchored at ``verb`` (a spaCy token)."""
    mod = Modality()
    neg = _negated(verb)
    if neg:
        mod.negated = True
        mod.cues.append(f"negation '{neg}'")
    head = clause_head(verb)
    for tok in (verb, head) if head.i != verb.i else (verb,):
        for aux in _aux_words(tok):
            kind = lex.modal_kind(aux.lower_)
            if kind == "future" or (aux.lower_ == "going" and child(tok, "aux") is not None):
                mod.intent = True
                mod.cues.append(f"future '{aux.text}'")
            elif kind == "epistemic":
                mod.epistemic = True
                mod.cues.append(f"modal '{aux.text}'")
            elif kind == "deontic":
                mod.deontic = True
                mod.cues.append(f"deontic '{aux.text}'")
    # words governing the clause: "is ready to X" (intent), "plans to X" (hypothetical)
    gov = verb.head if verb.dep_ == "xcomp" else None
    if gov is not None:
        words = {gov.lower_, *verb_lemmas(gov)}
        if words & lex.plans:
            mod.epistemic = True
            mod.cues.append(f"plan '{gov.text}'")
        elif words & lex.intent:
            mod.intent = True
            mod.cues.append(f"intent '{gov.text}'")
    for tok in (verb, head) if head.i != verb.i else (verb,):
        marks = {m.lower_ for a in children(tok, "advcl") for m in children(a, "mark")}
        if tok.dep_ == "advcl":
            marks |= {m.lower_ for m in children(tok, "mark")}
        if marks & _CONDITION_MARKS:
            mod.conditional = True
            mod.unless = mod.unless or "unless" in marks
            mod.cues.append("condition 'unless'" if "unless" in marks else "condition 'if'")
            break
    subj_no = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                    and any(d.lower_ == "no" for d in c.children if d.dep_ == "det")), None)  # fmt: skip
    if subj_no is not None and not mod.negated:
        mod.negated = True
        mod.cues.append(f"negation 'no {subj_no.text}'")
    _reporting(verb, lex, mod)
    # "would" in a reported clause is the future of the past ("said it would allow"), not a hypothesis
    if mod.epistemic and mod.speech_verb is not None and not mod.conditional and any(
        a.lower_ == "would" for a in _aux_words(verb) + _aux_words(head)
    ) and not any(c.startswith(("plan", "wish")) for c in mod.cues):
        mod.epistemic = False
        mod.intent = True
    mod.factuality = _decide(mod)
    return mod


def _reporting(verb: Token, lex: Lexicon, mod: Modality) -> None:
    said = speech_parent(verb, lex)
    if said is not None:
        subj, _ = subject(said)
        mod.speech_verb, mod.claimant, mod.claimant_cue = said, subj, said.text
        mod.cues.append(f"reported by '{said.text}'")
        return
    said = speech_child(verb, lex)
    if said is not None:
        mod.speech_verb, mod.claimant, mod.claimant_cue = said, child(said, "nsubj", "nsubjpass"), said.text
        mod.cues.append(f"reporting clause '{said.text}'")
        return
    source = according_to(verb)
    if source is not None:
        mod.claimant, mod.claimant_cue = source, "according to"
        mod.cues.append("according to")


def _decide(mod: Modality) -> str:
    if mod.negated:
        return "negated"
    if mod.conditional or mod.epistemic:
        return "hypothetical"
    if mod.claimant is not None:
        return "reported"
    return "asserted"
