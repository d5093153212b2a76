"""Actor gate, feature functions, the JSON verifier and the stored status of rejected candidates."""

from __future__ import annotations

from typing import Any

import pytest

from tidings.coding.features import (
    CandidateView,
    analysis_features,
    argument_features,
    argument_kind,
    candidate_features,
    factuality_features,
    lexicon_features,
    position_features,
    shape_features,
)
from tidings.coding.verify import Verifier, VerifierModel, gate, load_verifier
from tidings.model import Actor, Document, Event, Mention, Sentence
from tidings.store import Store

TEXT = "The rebels burned a bus near the market. Officials met later."


def _event(**fields: Any) -> Event:
    base: dict[str, Any] = {"event_id": "e1", "doc_id": "d1", "sentence_index": 0,
                            "sentence_text": TEXT[:40], "char_start": 0, "char_end": 40,
                            "event_type": "ASSAULT", "rule": "verb:burn", "verb_start": 11,
                            "verb_end": 17}  # fmt: skip
    return Event(**{**base, **fields})


def _view(event: Event, mentions: list[Mention] | None = None, text: str = TEXT) -> CandidateView:
    doc = Document(doc_id="d1", text=text, mentions=mentions or [])
    doc.sentences = [Sentence(0, 0, 40, text[:40]), Sentence(1, 41, len(text), text[41:])]
    return CandidateView.of(doc, event)


REBELS = Mention("The rebels", 0, 10, Actor(sector="REB", kind="sector"))


@pytest.mark.parametrize(
    ("fields", "mentions", "passes"),
    [
        ({"source_start": 0, "source_end": 10, "source_sector": "REB"}, [REBELS], True),
        ({"source_start": 0, "source_end": 10, "source_text": "budget"}, [], False),
        ({"target_start": 18, "target_end": 23, "target_text": "a bus"}, [], True),
        ({}, [], False),
        ({"event_type": "ACCUSE", "target_start": 0, "target_end": 10, "target_sector": "REB"}, [REBELS],
         True),
        ({"event_type": "ACCUSE", "target_start": 18, "target_end": 23, "target_text": "a bus"}, [], False),
        ({"source_start": 0, "source_end": 3, "source_text": "they"}, [], True),
        ({"source_start": 0, "source_end": 3, "source_text": "two masked assailants"}, [], True),
        ({"target_start": 18, "target_end": 23, "target_text": "three bystanders"}, [], True),
        ({"target_start": 18, "target_end": 23, "target_text": "a tea vendor"}, [], True),
        ({"target_start": 18, "target_end": 23, "target_text": "the economy"}, [], False),
    ],
    ids=["sector-source", "thing-source", "agentless-violence-on-a-vehicle", "no-actor-at-all",
         "agentless-accusation-of-an-actor", "agentless-accusation-of-a-thing", "pronoun-source",
         "person-noun-source", "agentless-violence-on-people", "agentless-violence-on-a-vendor",
         "agentless-violence-on-a-thing"],
)
def test_gate_needs_a_political_actor(fields: dict[str, Any], mentions: list[Mention], passes: bool) -> None:
    reason = gate(_view(_event(**fields), mentions))
    assert (reason is None) == passes, reason


def test_a_thing_as_source_of_violence_is_dropped() -> None:
    from tidings.coding.verify import drop_thing_source

    view = _view(_event(source_start=18, source_end=23, source_text="a bus", target_start=0, target_end=10,
                        target_sector="REB"), [REBELS])  # fmt: skip
    assert drop_thing_source(view)
    assert view.event.source_text is None and view.event.source_start is None
    assert "a thing, not an actor" in view.event.trace["source_steps"][-1]
    assert gate(view) is None  # agentless violence against a group
    accusation = _view(_event(event_type="ACCUSE", source_start=18, source_end=23, source_text="a bus"))
    assert not drop_thing_source(accusation) and accusation.event.source_text == "a bus"


def test_a_thing_as_target_is_dropped_but_people_and_facilities_stay() -> None:
    from tidings.coding.verify import drop_thing_target

    demand = _view(_event(event_type="REQUEST", source_start=0, source_end=10, source_sector="REB",
                          target_start=18, target_end=23, target_text="a full inquiry"),
                   [REBELS])  # fmt: skip
    assert drop_thing_target(demand)
    assert demand.event.target_text is None
    assert "a thing, not an actor" in demand.event.trace["target_steps"][-1]
    for phrase in ("a bus", "two farmers", "him", "a shopkeeper"):
        kept = _view(_event(event_type="REQUEST", target_start=18, target_end=23, target_text=phrase))
        assert not drop_thing_target(kept) and kept.event.target_text == phrase


def test_gate_reason_names_the_thing() -> None:
    reason = gate(_view(_event(source_start=0, source_end=10, source_text="the pamphlet")))
    assert reason is not None and "pamphlet" in reason and reason.startswith("gate:")


def test_argument_kind_tells_kb_sector_place_and_none() -> None:
    kb = Mention("Nepal", 0, 5, Actor(country="NPL", kind="country"))
    place = Mention("the market", 29, 39, Actor(country="IND", kind="place"))
    view = _view(_event(source_start=0, source_end=5, target_start=29, target_end=39), [kb, place])
    assert argument_kind(view, "source") == "kb"
    assert argument_kind(view, "target") == "place"
    assert argument_kind(_view(_event()), "source") == "none"
    sector = _view(_event(source_start=0, source_end=10, source_sector="REB"))
    assert argument_kind(sector, "source") == "sector"


def test_lexicon_features_name_the_entry_type_and_rule_confidence() -> None:
    feats = lexicon_features(_view(_event(confidence=0.7, trace={"confidence": {"value": 0.65}})))
    assert feats["entry=burn"] == 1.0 and feats["type=ASSAULT"] == 1.0 and feats["construction=verb"] == 1.0
    assert feats["rule_confidence"] == 0.65


def test_argument_features_record_kinds_and_countries() -> None:
    feats = argument_features(_view(_event(source_start=0, source_end=10, source_sector="REB",
                                           source_country="IND"), [REBELS]))  # fmt: skip
    assert feats["source_kind=sector"] == 1.0 and feats["source_country"] == 1.0
    assert feats["target_kind=none"] == 1.0 and feats["target_kind|type=none|ASSAULT"] == 1.0


def test_analysis_features_see_questions_first_person_and_habits() -> None:
    text = "Do we think gangs often bribe the police? Yes."
    ev = _event(sentence_text=text[:41], event_type="COERCE", verb_start=24, verb_end=29)
    feats = analysis_features(_view(ev, text=text))
    assert feats == {"question": 1.0, "first_person": 1.0, "habitual": 1.0}
    plain = analysis_features(_view(_event()))
    assert plain == {"question": 0.0, "first_person": 0.0, "habitual": 0.0}


def test_factuality_position_and_shape_features() -> None:
    ev = _event(factuality="reported", claimant_text="police", sentence_index=1)
    assert factuality_features(_view(ev)) == {"claimant": 1.0, "converted": 0.0, "absorbed": 0.0}
    assert position_features(_view(ev))["position=1-2"] == 1.0
    shout = "REBELS BURNED A BUS NEAR THE MARKET TODAY. OFFICIALS MET."
    assert shape_features(_view(_event(), text=shout)) == {"doc_all_caps": 1.0, "doc_lowercase": 0.0}
    assert shape_features(_view(_event(), text=TEXT.lower()))["doc_lowercase"] == 1.0


def test_candidate_features_join_the_groups_without_a_parse() -> None:
    feats = candidate_features(_view(_event()))
    assert "entry=burn" in feats and "position=0" in feats and not any(k.startswith("vec:") for k in feats)


def _model(**fields: Any) -> VerifierModel:
    data = {"version": "verifier.test.v1", "groups": ["lexicon", "arguments"], "threshold": 0.5,
            "intercept": -1.0, "calibration": {"kind": "platt", "a": 2.0, "b": 0.0},
            "weights": {"source_kind=sector": 2.0, "rule_confidence": 0.0}}  # fmt: skip
    return VerifierModel.from_dict({**data, **fields})


def test_verifier_model_scores_and_calibrates() -> None:
    model = _model()
    assert model.raw({"source_kind=sector": 1.0, "unknown": 5.0}) == pytest.approx(1.0)
    assert model.probability({"source_kind=sector": 1.0}) == pytest.approx(0.8808, abs=1e-4)  # sigmoid(2)
    assert model.probability({}) == pytest.approx(0.1192, abs=1e-4)  # sigmoid(-2)
    assert VerifierModel.from_dict(model.to_dict()) == model


def test_verifier_sets_status_reason_confidence_and_trace() -> None:
    doc = Document(doc_id="d1", text=TEXT, mentions=[REBELS])
    doc.sentences = [Sentence(0, 0, 40, TEXT[:40])]
    kept = _event(source_start=0, source_end=10, source_sector="REB", confidence=0.4)
    weak = _event(event_id="e2", source_start=41, source_end=50, source_text="they")
    thing = _event(event_id="e3", source_start=18, source_end=23, source_text="a bus")
    Verifier(_model())(doc, [kept, weak, thing])
    assert kept.status == "event" and kept.reason is None and kept.confidence == pytest.approx(0.881)
    assert kept.trace["verifier"] == {"rule_confidence": 0.4, "version": "verifier.test.v1", "p": 0.881,
                                      "threshold": 0.5}  # fmt: skip
    assert weak.status == "candidate" and weak.reason is not None and weak.reason.startswith("verifier: p")
    assert thing.status == "candidate" and thing.reason is not None and thing.reason.startswith("gate:")


def test_shipped_verifier_loads() -> None:
    from importlib import resources

    model = load_verifier()
    assert model.version.startswith("verifier.")
    assert 0.0 <= model.threshold < 1.0
    size = resources.files("tidings").joinpath("data", "verifier", "verifier.json").read_bytes()
    assert len(size) < 20 * 1024 * 1024


def test_malformed_artifact_is_a_config_error(tmp_path: Any) -> None:
    from tidings.errors import ConfigError

    path = tmp_path / "v.json"
    path.write_text('{"version": "x"}', encoding="utf-8")
    with pytest.raises(ConfigError, match="malformed verifier artifact"):
        load_verifier(path)


def test_store_lists_accepted_events_unless_asked_for_candidates() -> None:
    doc = Document(doc_id="d1", text=TEXT)
    doc.sentences = [Sentence(0, 0, 40, TEXT[:40])]
    doc.events = [_event(), _event(event_id="e2", status="candidate", reason="gate: no actor as source")]
    with Store(":memory:") as store:
        store.save(doc)
        assert [e["event_id"] for e in store.events()] == ["e1"]
        assert store.count_events() == 1
        assert store.count_events(status="all") == 2
        assert [e["reason"] for e in store.events(status="candidate")] == ["gate: no actor as source"]
        assert store.documents()[0]["n_events"] == 1


def test_store_rejects_an_unknown_status() -> None:
    from tidings.errors import StoreError
    from tidings.store import event_where

    with pytest.raises(StoreError, match="unknown event status"):
        event_where(status="maybe")


def test_old_store_gains_status_columns_and_rows_count_as_events(tmp_path: Any) -> None:
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE events (event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, event_type VARCHAR)")
    con.execute("INSERT INTO events VALUES ('old1', 'd0', 'PROTEST')")
    con.close()
    with Store(path) as store:
        cols = {r["column_name"] for r in store.query("SELECT column_name FROM (DESCRIBE events)")}
        assert {"status", "reason"} <= cols
        assert store.count_events() == 1


def test_why_shows_status_reason_and_verifier() -> None:
    from tidings.why import explain

    ev = _event(status="candidate", reason="gate: no actor as source",
                trace={"verifier": {"version": "verifier.test.v1", "p": 0.2, "threshold": 0.5}})  # fmt: skip
    text = explain(ev)
    assert "status    candidate (gate: no actor as source)" in text
    assert "verifier  verifier.test.v1: p 0.2 (threshold 0.5)" in text
