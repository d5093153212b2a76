"""Features of a candidate event for the verifier (:mod:`tidings.coding.verify`).

Each feature group is a named function of a :class:`CandidateView` that returns a small dict of named
values (``"lemma=kill": 1.0``); :func:`candidate_features` joins them. Sparse string features are
one-hot; a few are numeric. The learned weights live in the verifier artifact, keyed by these names, so
a name that was never seen in training simply weighs nothing.

The groups: the lexicon entry and trigger lemma; the verb sense context (object head lemma, particle);
what kind of thing the source and target are (knowledge-base actor, sector noun, named entity, an
unresolved phrase, none) and whether a country was resolved; the dependency path shape; factuality
cues; analysis-versus-report cues (modal or generic present tense, first person, habitual adverbs,
questions); the sentence position; the document's letter case; and, when the spaCy model has them,
the trigger's context tensor (the ``sm`` model has no static vectors).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tidings.model import Document, Event, Mention

Token = Any
Features = dict[str, float]

_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_KB_KINDS = frozenset({"country", "igo", "org", "person", "group"})
_MODALS = frozenset({"can", "could", "may", "might", "must", "should", "would", "ca"})
_HABITUAL = frozenset({"often", "usually", "routinely", "frequently", "typically", "generally",
                       "commonly", "increasingly", "sometimes", "regularly", "always", "rarely", "tend",
                       "tends"})  # fmt: skip
_FIRST_PERSON = frozenset({"i", "we", "our", "us", "my", "me"})
_VECTOR_DIMS = 96  # the en_core_web_sm tok2vec width; longer tensors are cut


@dataclass(slots=True)
class CandidateView:
    """One candidate with what the features read: the event, its document and the tokens it rests on."""

    event: Event
    doc: Document
    trigger: Token | None = None
    source: Mention | None = None
    target: Mention | None = None

    @classmethod
    def of(cls, doc: Document, event: Event) -> CandidateView:
        """Find the trigger token (in ``doc.parsed``) and the mentions of the event's source and target."""
        return cls(event, doc, trigger_token(doc, event),
                   _mention(doc, event.source_start, event.source_end),
                   _mention(doc, event.target_start, event.target_end))  # fmt: skip


def trigger_token(doc: Document, event: Event) -> Token | None:
    """The token at the event's verb offset (the syntactic head when the verb span has several tokens)."""
    return doc.verb_token(event)


def _mention(doc: Document, start: int | None, end: int | None) -> Mention | None:
    if start is None or end is None:
        return None
    best: Mention | None = None
    for m in doc.mentions:
        if m.start < end and start < m.end and (best is None or (m.end - m.start) > (best.end - best.start)):
            best = m
    return best


def _span(view: CandidateView, start: int | None, end: int | None) -> Any:
    parsed = view.doc.parsed
    if parsed is None or start is None or end is None:
        return None
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


# ------------------------------------------------------------------------------------------ the groups


def lexicon_features(view: CandidateView) -> Features:
    """The lexicon entry that fired, its PLOVER type, the construction and the trigger lemma."""
    ev = view.event
    kind, _, key = ev.rule.partition(":")
    out = {f"entry={key}": 1.0, f"type={ev.event_type}": 1.0, f"construction={kind}": 1.0}
    if view.trigger is not None:
        out[f"lemma={view.trigger.lemma_.lower()}"] = 1.0
    out["rule_confidence"] = float((ev.trace.get("confidence") or {}).get("value", ev.confidence))
    return out


def sense_features(view: CandidateView) -> Features:
    """The verb's sense context: its object's head lemma and particle ("struck a balance", "gave away")."""
    tok = view.trigger
    if tok is None:
        return {}
    out: Features = {}
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ in ("dobj", "attr", "oprd"):
            out[f"object={c.lemma_.lower()}"] = 1.0
            out[f"sense={lemma}+{c.lemma_.lower()}"] = 1.0
        elif c.dep_ == "prt":
            out[f"particle={c.lower_}"] = 1.0
        elif c.dep_ == "prep":
            out[f"prep={c.lower_}"] = 1.0
    if not any(k.startswith("object=") for k in out):
        out["object=none"] = 1.0
    return out


def argument_kind(view: CandidateView, side: str) -> str:
    """What a side is: ``kb`` actor, ``sector`` noun, ``place``, ``named`` entity, ``phrase`` or ``none``."""
    ev = view.event
    start, end = getattr(ev, f"{side}_start"), getattr(ev, f"{side}_end")
    if start is None:
        return "none"
    actor_id, sector = getattr(ev, f"{side}_actor_id"), getattr(ev, f"{side}_sector")
    mention = view.source if side == "source" else view.target
    kind = mention.actor.kind if mention is not None and mention.actor is not None else None
    if actor_id or kind in _KB_KINDS:
        return "kb"
    if kind == "place":
        return "place"
    if sector or kind == "sector":
        return "sector"
    span = _span(view, start, end)
    if span is None:
        return "phrase"
    if any(t.ent_type_ in _NAMED for t in span):
        return "named"
    # a proper noun at the head: a name the entity recogniser missed (ALL-CAPS and lowercase text)
    return "named" if span.root.pos_ == "PROPN" else "phrase"


def argument_features(view: CandidateView) -> Features:
    """Source and target kinds, with the event type, and whether each has a resolved country."""
    ev = view.event
    out: Features = {}
    for side in ("source", "target"):
        kind = argument_kind(view, side)
        out[f"{side}_kind={kind}"] = 1.0
        out[f"{side}_kind|type={kind}|{ev.event_type}"] = 1.0
        out[f"{side}_country"] = float(bool(getattr(ev, f"{side}_country")))
        sector = getattr(ev, f"{side}_sector")
        if sector:
            out[f"{side}_sector={sector}"] = 1.0
    out["same_country"] = float(bool(ev.source_country) and ev.source_country == ev.target_country)
    unresolved = ev.trace.get("unresolved") or {}
    out["unresolved_source"] = float(bool(unresolved.get("source")))
    out["unresolved_target"] = float(bool(unresolved.get("target")))
    return out


def path_features(view: CandidateView) -> Features:
    """The dependency path shape from the anchor to each argument (labels joined, and its length)."""
    out: Features = {}
    for side in ("source", "target"):
        path = view.event.trace.get(f"{side}_path")
        if path:
            out[f"{side}_path={'>'.join(str(p) for p in path[:3])}"] = 1.0
            out[f"{side}_path_len"] = min(len(path), 6) / 6.0
    if view.trigger is not None:
        out[f"trigger_dep={view.trigger.dep_}"] = 1.0
        out[f"trigger_tag={view.trigger.tag_}"] = 1.0
    return out


def factuality_features(view: CandidateView) -> Features:
    """Attribution cues: a claimant was found, a type conversion applied, words absorbed.

    The factuality value itself (negated, hypothetical ...) is deliberately not a feature: the verifier
    decides whether the text states an event, and a denied or planned event is still one to code (with
    its factuality). Trained with it, the verifier learned to drop negated and planned events.
    """
    ev = view.event
    return {"claimant": float(bool(ev.claimant_text)), "converted": float(bool(ev.trace.get("notes"))),
            "absorbed": float(bool(ev.trace.get("absorbed")))}  # fmt: skip


def analysis_features(view: CandidateView) -> Features:
    """Cues of author analysis rather than a reported act: modal or generic present tense, first person,
    habitual adverbs, a question."""
    tok = view.trigger
    ev = view.event
    out: Features = {}
    words = [w.lower() for w in ev.sentence_text.replace("?", " ? ").split()]
    out["question"] = float("?" in words)
    out["first_person"] = float(any(w in _FIRST_PERSON for w in words))
    out["habitual"] = float(any(w.strip(",.;:") in _HABITUAL for w in words))
    if tok is not None:
        aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
        out["modal"] = float(any(a in _MODALS for a in aux))
        out["present_generic"] = float(tok.tag_ in ("VBZ", "VBP") and not aux)
        out["gerund_or_noun"] = float(tok.tag_ in ("VBG", "NN", "NNS"))
    return out


def position_features(view: CandidateView) -> Features:
    """Where the sentence stands in the document (the lead reports, later paragraphs analyse)."""
    index = view.event.sentence_index
    bucket = "0" if index == 0 else "1-2" if index <= 2 else "3-5" if index <= 5 else "6+"
    n = max(len(view.doc.sentences), 1)
    return {f"position={bucket}": 1.0, "relative_position": min(index / n, 1.0)}


def shape_features(view: CandidateView) -> Features:
    """The document's letter case: mostly capitals (newswire) or no capitals (lowercased archives)."""
    return dict(_case_shape(view.doc.text[:4000]))


@lru_cache(maxsize=32)
def _case_shape(head: str) -> tuple[tuple[str, float], ...]:
    """Once per document, not per candidate: the features of :func:`shape_features` for ``head``."""
    letters = [c for c in head if c.isalpha()]
    if not letters:
        return ()
    upper = sum(c.isupper() for c in letters) / len(letters)
    return (("doc_all_caps", float(upper > 0.8)), ("doc_lowercase", float(upper < 0.01)))


# Personal pronouns and relative "who": a side read through coreference or not resolved at all.
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "who", "him", "her", "them", "us", "his", "their",
                       "it", "its", "you", "which", "that", "whom"})  # fmt: skip
_PERSON_ENTS = frozenset({"PERSON"})
_GROUP_ENTS = frozenset({"ORG", "NORP"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def side_form(view: CandidateView, side: str) -> str:
    """How a side is written, the finer kind behind :func:`argument_kind` that predicts a wrong side:
    ``none``, ``pronoun``, ``kb_person`` / ``kb_country`` / ``kb_group`` (knowledge-base actors),
    ``sector`` noun, ``place``-like, ``named_person``, ``named_group``, ``named_place``, ``named`` (a proper
    noun the recogniser left untyped), ``unnamed_person`` (an unresolved phrase) or ``thing``."""
    ev = view.event
    text = getattr(ev, f"{side}_text")
    start, end = getattr(ev, f"{side}_start"), getattr(ev, f"{side}_end")
    if start is None:
        return "none"
    words = (text or "").lower().split()
    if len(words) == 1 and words[0] in _PRONOUNS:
        return "pronoun"
    kind = argument_kind(view, side)
    mention = view.source if side == "source" else view.target
    actor = mention.actor if mention is not None else None
    if kind == "kb":
        akind = actor.kind if actor is not None else None
        return {"person": "kb_person", "country": "kb_country"}.get(akind or "", "kb_group")
    if kind in ("sector", "place"):
        return kind
    span = _span(view, start, end)
    ents = {t.ent_type_ for t in span} if span is not None else set()
    if kind == "named":
        if ents & _PERSON_ENTS:
            return "named_person"
        if ents & _GROUP_ENTS:
            return "named_group"
        return "named_place" if ents & _PLACE_ENTS else "named"
    return "unnamed_person" if span is not None and span.root.pos_ in ("NOUN", "PRON") else "thing"


def _steps_kind(steps: list[str]) -> list[str]:
    """What the argument finder did to reach a side, read from its trace steps."""
    text = " ".join(str(s) for s in steps).lower()
    found = [name for cue, name in (("pronoun", "pronoun"), ("refers to", "coref"), ("->", "resolved"),
                                     ("no actor", "no_actor"), ("no country", "no_country"),
                                     ("inside the phrase", "inner_mention"), ("title", "title"),
                                     ("a thing", "dropped")) if cue in text]  # fmt: skip
    return found or ["plain"]


def side_features(view: CandidateView) -> Features:
    """Cues that a side is the wrong one: its form (pronoun, unnamed person, place-like, sector noun,
    knowledge-base actor, named person ...), resolved or not (country, sector missing), how the argument
    finder reached it, its distance from the verb and on which side of it, passive voice, a side outside
    the event's sentence, both sides alike, and how many actor mentions the sentence holds."""
    ev = view.event
    out: Features = {}
    verb = ev.verb_start if ev.verb_start is not None else ev.char_start
    forms: dict[str, str] = {}
    for side in ("source", "target"):
        form = forms[side] = side_form(view, side)
        out[f"{side}_form={form}"] = 1.0
        out[f"{side}_form|type={form}|{ev.event_type}"] = 1.0
        start = getattr(ev, f"{side}_start")
        if start is None:
            continue
        country, sector = getattr(ev, f"{side}_country"), getattr(ev, f"{side}_sector")
        out[f"{side}_resolved={'country' if country else ''}+{'sector' if sector else ''}"] = 1.0
        for step in _steps_kind(ev.trace.get(f"{side}_steps") or []):
            out[f"{side}_step={step}"] = 1.0
        out[f"{side}_after_verb"] = float(start > verb)
        inside = ev.char_start <= start < max(ev.char_end, ev.char_start + 1)
        out[f"{side}_outside_sentence"] = float(not inside)
        out[f"{side}_distance"] = _distance(view, start, verb)
    out[f"forms={forms['source']}>{forms['target']}"] = 1.0
    if ev.source_start is not None and ev.target_start is not None:
        same = (ev.source_country, ev.source_sector) == (ev.target_country, ev.target_sector)
        out["sides_alike"] = float(same or (ev.source_text or "").lower() == (ev.target_text or "").lower())
    tok = view.trigger
    if tok is not None:
        deps = {c.dep_ for c in tok.children}
        out["passive"] = float(bool(deps & {"auxpass", "nsubjpass"}))
        out["passive_with_agent"] = float("agent" in deps)
        out["conjoined_verb"] = float(tok.dep_ == "conj")
        out["subordinate_verb"] = float(tok.dep_ in ("advcl", "xcomp", "ccomp", "relcl", "acl", "pcomp"))
    n = sum(1 for m in view.doc.mentions if ev.char_start <= m.start < ev.char_end and m.actor is not None)
    out["sentence_actors"] = min(n, 6) / 6.0
    out[f"sentence_actors={min(n, 4)}"] = 1.0
    return out


def _distance(view: CandidateView, start: int, verb: int) -> float:
    """Words between the verb and a side, scaled to [0, 1] (20 words or more is 1)."""
    lo, hi = sorted((start, verb))
    words = len(view.doc.text[lo:hi].split())
    return min(words, 20) / 20.0


def vector_features(view: CandidateView) -> Features:
    """The trigger's context tensor from the spaCy pipeline (``vec:0`` ...), or nothing when there is none."""
    tok = view.trigger
    if tok is None:
        return {}
    tensor = getattr(tok, "tensor", None)
    if tensor is None or not len(tensor):
        return {}
    return {f"vec:{i}": float(v) for i, v in enumerate(tensor[:_VECTOR_DIMS])}


FEATURE_GROUPS: dict[str, Callable[[CandidateView], Features]] = {
    "lexicon": lexicon_features, "sense": sense_features, "arguments": argument_features,
    "path": path_features, "factuality": factuality_features, "analysis": analysis_features,
    "position": position_features, "shape": shape_features, "sides": side_features,
    "vectors": vector_features,
}  # fmt: skip


def candidate_features(view: CandidateView, groups: tuple[str, ...] | None = None) -> Features:
    """Every feature of ``view`` from the named ``groups`` (default: all)."""
    out: Features = {}
    for name in groups or tuple(FEATURE_GROUPS):
        out.update(FEATURE_GROUPS[name](view))
    return out
