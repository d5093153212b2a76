"""Factuality of a coded event: asserted, reported, hypothetical or negated, with the cue that decided it.

Read from the dependency parse around the event's anchor verb:

- negated: a ``neg`` dependent ("did not sign", "has never attacked", "no longer").
- hypothetical: an epistemic modal ("may", "could", "would"), a condition ("if", "unless") or an
  embedding under a verb of wishing ("hopes to").
- intent: a future modal ("will") or an intent word ("plans to", "is ready to"). The coder turns such
  events into AGREE (cooperation) or THREATEN (conflict), the PLOVER convention, and keeps them asserted.
- reported: the clause is the complement of a speech verb ("Pyongyang said Seoul fired shells"), has a
  post-posed reporting clause ("..., officials said"), an "according to X" phrase or a news outlet credited
  after it ("..., reports The Hindu"). The speaker is the claimant (see :mod:`tidings.coding.attribution`).
  Hearsay with no speaker is reported too: "allegedly", "reportedly", "is suspected of", "is believed to".

The quotes stage (run later) also marks events inside quotation marks as reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tidings.coding.lexicon import Lexicon
from tidings.coding.rules import is_lemma_in, verb_lemmas
from tidings.coding.syntax import agent, child, children, clause_head, is_passive, subject

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
    claimant_span: tuple[int, int] | None = None  # character span of a claimant that is not one phrase
    speech_verb: Token | None = None
    hearsay: bool = False  # "allegedly", "is believed to": reported, with or without a claimant

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
    claimed = any(c.dep_ == "dobj" and c.lower_ == "responsibility" for c in verb.children)
    if claimed and is_lemma_in(verb, {"claim"}):
        # "the Front claimed responsibility for the blast": the attack is the group's claim (annotation guide)
        mod.claimant, mod.claimant_cue = child(verb, "nsubj"), verb.text
        mod.hearsay = mod.claimant is None
        mod.cues.append(f"claim of responsibility '{verb.text}'")
        return
    said = speech_parent(verb, lex)
    if said is not None:
        subj, _ = subject(said)
        if is_passive(said):  # "it was reported that ...", "the target was believed to be": no speaker
            subj = agent(said)
            mod.hearsay = subj is None
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
        return
    outlet = credited_outlet(verb)
    if outlet is not None:
        mod.claimant, mod.claimant_span, mod.claimant_cue = outlet[0], outlet[1], outlet[2]
        mod.cues.append(f"credited '{outlet[2]}'")
        return
    cue = hearsay(verb)
    if cue is not None:
        mod.hearsay = True
        mod.cues.append(f"hearsay {cue}")


_HEARSAY_ADVERBS = {"allegedly", "reportedly", "purportedly", "supposedly", "apparently"}
# Verbs that, in the passive, attribute the clause to unnamed others: "is believed to", "is said to have".
_HEARSAY_VERBS = {"believe", "say", "report", "allege", "suspect", "think", "claim", "fear", "understand"}
_CREDIT_WORDS = {"reports", "reported", "reporting"}


def hearsay(verb: Token) -> str | None:
    """A cue that the clause is someone else's claim with no speaker named ("allegedly", "is suspected of
    killing", "are believed to have fled"), or None."""
    for tok in (verb, clause_head(verb)):
        adv = next((c for c in tok.children if c.dep_ == "advmod" and c.lower_ in _HEARSAY_ADVERBS), None)
        if adv is not None:
            return f"'{adv.text}'"
    gov = verb.head
    if verb.dep_ == "pcomp" and gov.lower_ == "of":  # "is suspected [of] killing"
        gov = gov.head
    elif verb.dep_ != "xcomp":  # "is believed [to] have killed"
        return None
    passive = any(c.dep_ == "auxpass" for c in gov.children) or gov.tag_ == "VBN"
    if passive and is_lemma_in(gov, _HEARSAY_VERBS):
        return f"'{gov.text}'"
    return None


def credited_outlet(verb: Token) -> tuple[Token, tuple[int, int], str] | None:
    """A news outlet credited after the clause, SATP style: "..., reports The Hindu", "... reported Daily
    Times": the outlet's head token, its character span and the crediting word."""
    sent = verb.sent
    for tok in sent:
        if tok.i <= verb.i or tok.lower_ not in _CREDIT_WORDS or tok.i + 1 >= sent.end:
            continue
        prev = tok.doc[tok.i - 1]
        if prev.pos_ in ("DET", "ADJ", "NUM", "ADP", "AUX", "PRON") or prev.lower_ == "the":
            continue  # "the reports", "two reports", "it reports"
        first = tok.i + 1
        if tok.doc[first].lower_ == "the" and first + 1 < sent.end:
            first += 1
        last = first
        while last + 1 < sent.end and (tok.doc[last + 1].pos_ == "PROPN" or (
                tok.doc[last + 1].lower_ in ("of", "&") and last + 2 < sent.end
                and tok.doc[last + 2].pos_ == "PROPN")):  # fmt: skip
            last += 1
        if tok.doc[first].pos_ != "PROPN" or tok.doc[first].ent_type_ in ("DATE", "TIME"):
            continue
        start = tok.doc[tok.i + 1].idx if tok.doc[tok.i + 1].text == "The" else tok.doc[first].idx
        end = tok.doc[last].idx + len(tok.doc[last].text)
        head = next((t for t in tok.doc[first:last + 1] if not first <= t.head.i <= last), tok.doc[last])
        return head, (start, end), tok.text
    return None


def _decide(mod: Modality) -> str:
    if mod.negated:
        return "negated"
    if mod.conditional or mod.epistemic:
        return "hypothetical"
    if mod.claimant is not None or mod.hearsay:
        return "reported"
    return "asserted"
