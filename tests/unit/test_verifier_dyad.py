"""The verifier's dyad head and the features that predict a wrong side (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest

from tidings.coding.features import CandidateView, side_features, side_form
from tidings.coding.verify import Head, Verifier, VerifierModel
from tidings.model import Actor, Document, Event, Mention, Sentence

TEXT = "Gunmen shot a trader near the mill. She was taken to hospital by relatives later."


def _event(**fields: Any) -> Event:
    base: dict[str, Any] = {"event_id": "e1", "doc_id": "d1", "sentence_index": 0,
                            "sentence_text": TEXT[:35], "char_start": 0, "char_end": 35,
                            "event_type": "ASSAULT", "rule": "verb:shoot", "verb_start": 7,
                            "verb_end": 11}  # fmt: skip
    return Event(**{**base, **fields})


def _view(event: Event, mentions: list[Mention] | None = None) -> CandidateView:
    doc = Document(doc_id="d1", text=TEXT, mentions=mentions or [])
    doc.sentences = [Sentence(0, 0, 35, TEXT[:35]), Sentence(1, 36, len(TEXT), TEXT[36:])]
    return CandidateView.of(doc, event)


GUNMEN = Mention("Gunmen", 0, 6, Actor(sector="REB", kind="sector"))
INDIA = Mention("India", 0, 6, Actor(country="IND", kind="country"))
MINISTER = Mention("Gunmen", 0, 6, Actor(country="IND", kind="person", name="A Minister"))


@pytest.mark.parametrize(
    ("fields", "mentions", "form"),
    [
        ({}, [], "none"),
        ({"source_start": 0, "source_end": 6, "source_sector": "REB"}, [GUNMEN], "sector"),
        ({"source_start": 0, "source_end": 6, "source_country": "IND"}, [INDIA], "kb_country"),
        ({"source_start": 0, "source_end": 6, "source_country": "IND"}, [MINISTER], "kb_person"),
        ({"source_start": 36, "source_end": 39, "source_text": "She"}, [], "pronoun"),
        ({"source_start": 0, "source_end": 6, "source_text": "a trader"}, [], "thing"),
    ],
    ids=["none", "sector-noun", "kb-country", "kb-person", "pronoun", "unparsed-phrase"],
)
def test_side_form_tells_how_the_side_is_written(fields: dict[str, Any], mentions: list[Mention],
                                                  form: str) -> None:  # fmt: skip
    assert side_form(_view(_event(**fields), mentions), "source") == form


def test_side_features_see_an_unresolved_side_after_the_verb_and_in_another_sentence() -> None:
    ev = _event(source_start=0, source_end=6, source_sector="REB", target_start=36, target_end=39,
                target_text="She", trace={"target_steps": ["pronoun 'She' -> 'a trader'"]})  # fmt: skip
    feats = side_features(_view(ev, [GUNMEN]))
    assert feats["source_form=sector"] == 1.0 and feats["source_resolved=+sector"] == 1.0
    assert feats["source_after_verb"] == 0.0 and feats["source_outside_sentence"] == 0.0
    assert feats["target_form=pronoun"] == 1.0 and feats["target_resolved=+"] == 1.0
    assert feats["target_step=pronoun"] == 1.0 and feats["target_outside_sentence"] == 1.0
    assert feats["target_after_verb"] == 1.0 and 0.0 < feats["target_distance"] <= 1.0
    assert feats["forms=sector>pronoun"] == 1.0 and feats["sides_alike"] == 0.0
    assert feats["sentence_actors=1"] == 1.0


def test_sides_alike_when_both_sides_resolve_to_the_same_actor() -> None:
    ev = _event(source_start=0, source_end=6, source_sector="REB", target_start=14, target_end=20,
                target_sector="REB", target_text="a trader")  # fmt: skip
    assert side_features(_view(ev, [GUNMEN]))["sides_alike"] == 1.0


def _model(dyad: Head | None) -> VerifierModel:
    return VerifierModel("verifier.test.v2", {"source_kind=sector": 2.0}, -1.0,
                         {"kind": "platt", "a": 1.0, "b": 0.0}, 0.5, ("lexicon", "arguments", "sides"),
                         dyad=dyad)  # fmt: skip


def test_the_event_head_decides_and_both_heads_give_the_confidence() -> None:
    dyad = Head({"target_form=pronoun": -3.0}, 0.5, {"kind": "platt", "a": 1.0, "b": 0.0})
    model = _model(dyad)
    assert VerifierModel.from_dict(model.to_dict()) == model
    ev = _event(source_start=0, source_end=6, source_sector="REB", target_start=36, target_end=39,
                target_text="She")  # fmt: skip
    doc = Document(doc_id="d1", text=TEXT, mentions=[GUNMEN])
    doc.sentences = [Sentence(0, 0, 35, TEXT[:35])]
    Verifier(model)(doc, [ev])
    info = ev.trace["verifier"]
    assert ev.status == "event" and info["p"] == pytest.approx(0.731, abs=1e-3)  # sigmoid(1): accepted
    assert info["p_dyad"] == pytest.approx(0.076, abs=1e-3)  # sigmoid(-2.5): the actors are likely wrong
    assert ev.confidence == pytest.approx((0.731 + 0.076) / 2, abs=2e-3)  # half event, half dyad


def test_a_version_one_artifact_without_a_dyad_head_keeps_the_event_probability() -> None:
    model = _model(None)
    data = model.to_dict()
    assert "dyad" not in data and VerifierModel.from_dict(data).dyad is None
    assert model.confidence({"source_kind=sector": 1.0}) == model.probability({"source_kind=sector": 1.0})


def test_why_shows_the_dyad_probability() -> None:
    from tidings.why import explain

    info = {"version": "verifier.test.v2", "p": 0.9, "threshold": 0.5, "p_dyad": 0.3}
    ev = _event(trace={"verifier": info})
    assert "verifier  verifier.test.v2: p 0.9 (threshold 0.5), dyad p 0.3" in explain(ev)
