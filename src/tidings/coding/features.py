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
    "position": position_features, "shape": shape_features, "vectors": vector_features,
}  # fmt: skip


def candidate_features(view: CandidateView, groups: tuple[str, ...] | None = None) -> Features:
    """Every feature of ``view`` from the named ``groups`` (default: all)."""
    out: Features = {}
    for name in groups or tuple(FEATURE_GROUPS):
        out.update(FEATURE_GROUPS[name](view))
    return out
