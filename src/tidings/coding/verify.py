"""Candidates, then verification: the actor gate and the learned verifier over the rule coder's events.

The rule coder (:mod:`tidings.coding.coder`) proposes candidate events. Each candidate then goes through

1. **the actor gate** (:func:`gate`): an event needs a political actor as its source (a knowledge-base
   actor, a sector noun such as police, militants or protesters, a named person, organisation or group,
   a personal pronoun, or an unresolved phrase headed by a person or group noun); agentless violence
   and coercion (ASSAULT, COERCE) instead need a person, group, facility or place as target; other
   agentless events (passives: "X was accused of ...") pass only with an actor as target. Things are
   never actors: a source that is an unresolved phrase (a pamphlet, a budget, a declaration) fails the
   gate; for violence and coercion ("a bomb killed three people") the thing is dropped and the event
   judged as agentless. A target that is a thing ("demanded a full inquiry") is dropped; the event keeps
   no recipient.
2. **the verifier** (:class:`VerifierModel`): two logistic regressions over the same named features of
   :mod:`tidings.coding.features`, trained on the real-news gold's train split (``make train``,
   ``scripts/train_verifier.py``) and calibrated on its dev split (Platt scaling):

   - the **event head** estimates that the candidate is an event of the right type; a candidate below
     the threshold chosen on dev is rejected;
   - the **dyad head** estimates that the event is right as an analyst uses it: type, source and target
     all right (who did what to whom). Its probability is the event's ``confidence``.

Rejected candidates keep ``status = 'candidate'`` and a ``reason``; accepted ones have
``status = 'event'``. Every event's trace records the verifier version, both probabilities (``p`` of the
event head, ``p_dyad``) and the rule coder's own confidence.

The artifact is plain JSON (``tidings/data/verifier/verifier.json``): for each head the feature weights
with the feature scaling folded in, the intercept and the calibration, and the threshold; nothing else is
needed at run time. An artifact without a dyad head (version 1) still loads: its event probability is
then the confidence.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from tidings.coding.features import CandidateView, Features, argument_kind, candidate_features
from tidings.errors import ConfigError
from tidings.model import Document, Event

VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
ACTOR_KINDS = frozenset({"kb", "sector", "named"})
VICTIM_KINDS = frozenset({"kb", "sector", "named", "place"})
# Personal pronouns stand for a person or group; "it", "this", "which" do not.
_PERSONAL = frozenset({"he", "she", "they", "we", "i", "who", "him", "them", "us", "his", "their"})
# Heads of unresolved phrases that still name people or a group of people (actors, and victims).
_PERSON_HEADS = frozenset({
    "man", "men", "woman", "women", "person", "persons", "people", "boy", "boys", "girl", "girls", "child",
    "children", "youth", "youths", "son", "daughter", "wife", "husband", "brother", "family", "families",
    "member", "members", "resident", "residents", "villager", "villagers", "worker", "workers", "trader",
    "traders", "driver", "drivers", "student", "students", "owner", "leader", "leaders", "official",
    "officials", "businessman", "contractor", "teacher", "journalist", "victim", "victims", "suspect",
    "suspects", "accused", "others", "bystanders", "passengers", "pilgrims", "civilians", "labourers",
    "assailants", "attackers", "gunmen", "assassins", "mob", "crowd", "group", "gang", "cadres", "activists",
    "supporters", "hindus", "muslims", "christians", "sikhs", "tribals", "guerrillas", "terrorists",
    "farmer", "farmers", "prisoners", "hostages", "citizens", "nationals", "tourists", "employees", "staff",
    "relatives", "associates", "voters", "refugees", "migrants", "locals", "residents", "couple",
})  # fmt: skip
# Heads of unresolved target phrases that name a facility or a place (victims of violence, not actors).
_FACILITY_HEADS = frozenset({
    "body", "bodies", "house", "houses", "home", "homes", "shop", "shops", "office", "offices", "station",
    "building", "buildings", "school", "market", "temple", "mosque", "church", "village", "town", "camp",
    "bridge", "tower", "hospital", "hotel", "bank", "vehicle", "vehicles", "bus", "truck", "car", "train",
    "site", "residence", "headquarters", "post", "outpost", "convoy", "tanker", "property",
})  # fmt: skip
_VICTIM_HEADS = _PERSON_HEADS | _FACILITY_HEADS | _PERSONAL
# Endings of nouns for people by what they do ("shopkeeper", "labourer", "contractor", "journalist",
# "policeman", "employee", "servant", "student"): enough to keep a victim, never to make an actor.
_PERSON_ENDINGS = ("keeper", "er", "or", "ist", "ian", "man", "men", "ee", "ant", "ent")
DEFAULT_ARTIFACT = "verifier.json"


def gate(view: CandidateView) -> str | None:
    """Why the candidate fails the actor gate, or None when it passes.

    An event needs a political actor as source; agentless ASSAULT and COERCE need a person, group,
    facility or place as target instead.
    """
    ev = view.event
    src = argument_kind(view, "source")
    if src in ACTOR_KINDS or (src == "phrase" and _head_word(ev.source_text) in _PERSONAL | _PERSON_HEADS):
        return None
    tgt = argument_kind(view, "target")
    if ev.event_type in VIOLENT_TYPES:
        if tgt in VICTIM_KINDS or (tgt == "phrase" and _victim(_head_word(ev.target_text))):
            return None
        if src == "none":
            return "gate: agentless violence or coercion with no person, group, facility or place as target"
    elif src == "none" and tgt in ACTOR_KINDS:
        # An agentless passive with a known actor ("X was accused of ...", "X is committed to ..."): the
        # actor is there, only the parse put it on the receiving side; the verifier decides.
        return None
    if src == "none":
        return "gate: no actor as source"
    return f"gate: the source '{ev.source_text}' is not a political actor"


def drop_thing_source(view: CandidateView) -> bool:
    """Clear a violent event's source when it is a thing, not an actor ("a bomb killed three people"):
    the event is then agentless, and the gate asks for a victim. Returns whether the source was dropped."""
    ev = view.event
    if ev.event_type not in VIOLENT_TYPES or argument_kind(view, "source") != "phrase":
        return False
    if _head_word(ev.source_text) in _PERSONAL | _PERSON_HEADS:
        return False
    _clear_side(view, "source")
    return True


def drop_thing_target(view: CandidateView) -> bool:
    """Clear a target that is a thing, not an actor ("demanded [a full investigation]", "attacked [the
    budget]"): an unresolved phrase that is no named entity and not headed by a person, group or facility
    noun. Not for violence and coercion, whose victim the gate judges. The event keeps no recipient.
    Returns whether the target was dropped."""
    ev = view.event
    if ev.event_type in VIOLENT_TYPES or argument_kind(view, "target") != "phrase":
        return False  # the victim of violence is judged by the gate
    if _victim(_head_word(ev.target_text)):
        return False
    _clear_side(view, "target")
    return True


def _clear_side(view: CandidateView, role: str) -> None:
    """Empty the event's ``role`` side (a thing, not an actor) and say so in its trace."""
    ev = view.event
    note = f"{role} '{getattr(ev, f'{role}_text')}' is a thing, not an actor: dropped"
    for name in ("text", "start", "end", "country", "sector", "actor_id", "role"):
        setattr(ev, f"{role}_{name}", None)
    ev.trace.setdefault(f"{role}_steps", []).append(note)
    setattr(view, role, None)


def _victim(word: str) -> bool:
    """Whether an unresolved phrase's head names a person, group, facility or place."""
    singular = word[:-1] if word.endswith("s") and len(word) > 4 else word
    return word in _VICTIM_HEADS or (len(singular) > 4 and singular.endswith(_PERSON_ENDINGS))


def _head_word(text: str | None) -> str:
    words = (text or "").lower().replace("'s", "").split()
    return words[-1].strip(",.;:\"'()") if words else ""


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, score))))


def _calibrated(score: float, calibration: dict[str, Any]) -> float:
    if calibration.get("kind") == "platt":
        score = float(calibration["a"]) * score + float(calibration["b"])
    return _sigmoid(score)


@dataclass(slots=True, frozen=True)
class Head:
    """One calibrated linear scorer over the candidate features (the dyad head of :class:`VerifierModel`).

    Attributes:
        weights: feature name -> weight (feature scaling already folded in).
        intercept: the raw score of a candidate with no features.
        calibration: ``{"kind": "platt", "a": .., "b": ..}`` maps the raw score to a probability.
    """

    weights: dict[str, float]
    intercept: float
    calibration: dict[str, Any]

    def raw(self, features: Features) -> float:
        """The linear score of ``features`` (unknown feature names weigh nothing)."""
        return self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())

    def probability(self, features: Features) -> float:
        """The calibrated probability."""
        return _calibrated(self.raw(features), self.calibration)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Head:
        """Build from a head's JSON object (raises KeyError, TypeError or ValueError when malformed)."""
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["intercept"]),
                   dict(data.get("calibration") or {}))  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """The head's JSON object (weights sorted by name)."""
        return {"intercept": self.intercept, "calibration": self.calibration,
                "weights": dict(sorted(self.weights.items()))}  # fmt: skip


@dataclass(slots=True, frozen=True)
class VerifierModel:
    """A calibrated linear verifier read from its JSON artifact: the event head, and the dyad head.

    Attributes:
        version: names the model and the gold it was trained on; goes into every event's trace.
        weights: the event head: feature name -> weight (feature scaling already folded in).
        intercept: the event head's raw score of a candidate with no features.
        calibration: ``{"kind": "platt", "a": .., "b": ..}`` maps the event head's raw score to a probability.
        threshold: candidates with a lower event probability are rejected.
        groups: the feature groups the weights were trained on.
        dyad: the dyad head (type, source and target right); None in a version-1 artifact.
    """

    version: str
    weights: dict[str, float]
    intercept: float
    calibration: dict[str, Any]
    threshold: float
    groups: tuple[str, ...]
    meta: dict[str, Any] = field(default_factory=dict)
    dyad: Head | None = None

    def raw(self, features: Features) -> float:
        """The event head's linear score of ``features`` (unknown feature names weigh nothing)."""
        return self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())

    def probability(self, features: Features) -> float:
        """The calibrated probability that the candidate is a real event of the right type."""
        return _calibrated(self.raw(features), self.calibration)

    def dyad_probability(self, features: Features) -> float | None:
        """The calibrated probability that type, source and target are all right (None without the head)."""
        return self.dyad.probability(features) if self.dyad is not None else None

    def confidence(self, features: Features) -> float:
        """The event's confidence: its expected worth to an analyst, half for the right event (type) and
        half for the right actors (dyad), i.e. ``(p + p_dyad) / 2``; the event probability alone without a
        dyad head."""
        p = self.probability(features)
        dyad = self.dyad_probability(features)
        return p if dyad is None else (p + dyad) / 2.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VerifierModel:
        """Build from the artifact's JSON object.

        Raises:
            ConfigError: a required key is missing or malformed.
        """
        try:
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            dyad = Head.from_dict(data["dyad"]) if data.get("dyad") else None
            return cls(version=str(data["version"]), weights=weights,
                       intercept=float(data["intercept"]), calibration=dict(data.get("calibration") or {}),
                       threshold=float(data["threshold"]), groups=tuple(data["groups"]),
                       meta=dict(data.get("meta") or {}), dyad=dyad)  # fmt: skip
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"malformed verifier artifact: {exc}") from exc

    def to_dict(self) -> dict[str, Any]:
        """The artifact's JSON object (weights sorted by name, so the file is stable)."""
        out: dict[str, Any] = {"version": self.version, "groups": list(self.groups),
                               "threshold": self.threshold, "intercept": self.intercept,
                               "calibration": self.calibration, "meta": self.meta,
                               "weights": dict(sorted(self.weights.items()))}  # fmt: skip
        if self.dyad is not None:
            out["dyad"] = self.dyad.to_dict()
        return out


def load_verifier(path: str | Path | None = None) -> VerifierModel:
    """The verifier artifact at ``path``, or the one shipped in the package.

    Raises:
        ConfigError: the file is missing or not a verifier artifact.
    """
    try:
        if path is None:
            shipped = resources.files("tidings").joinpath("data", "verifier", DEFAULT_ARTIFACT)
            text = shipped.read_text("utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read the verifier artifact {path or DEFAULT_ARTIFACT}: {exc}") from exc
    return VerifierModel.from_dict(data)


class Verifier:
    """Gate and verify a document's candidate events, in place.

    Args:
        model: the verifier model; None gates only (every candidate that passes the gate is accepted
            and keeps the rule coder's confidence).
        keep_features: also store the feature dict in each event's trace (for training only: large).
    """

    def __init__(self, model: VerifierModel | None, *, keep_features: bool = False) -> None:
        self.model = model
        self.keep_features = keep_features

    def __call__(self, doc: Document, events: list[Event]) -> list[Event]:
        for event in events:
            self.verify(doc, event)
        return events

    def verify(self, doc: Document, event: Event) -> Event:
        """Set ``status``, ``reason``, ``confidence`` and ``trace['verifier']`` of one candidate."""
        view = CandidateView.of(doc, event)
        drop_thing_source(view)
        drop_thing_target(view)
        reason = gate(view)
        info: dict[str, Any] = {"rule_confidence": event.confidence}
        model = self.model
        features = candidate_features(view, model.groups if model is not None else None)
        if model is not None:
            p = round(model.probability(features), 3)
            info.update(version=model.version, p=p, threshold=model.threshold)
            dyad = model.dyad_probability(features)
            if dyad is not None:
                info["p_dyad"] = round(dyad, 3)
            event.confidence = round(model.confidence(features), 3)
            if reason is None and p < model.threshold:
                reason = f"verifier: p {p:.3f} < threshold {model.threshold:.3f}"
        if self.keep_features:
            info["features"] = features
            info["gate"] = reason
        event.trace["verifier"] = info
        event.status, event.reason = ("candidate", reason) if reason else ("event", None)
        return event
