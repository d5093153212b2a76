"""Candidate classes added for recall on real news (issue 11), each with sentences written for the test:
exchanges of fire named by a noun, attacks aimed at someone ("targeted"), damage to property, lynching
and roughing up, snatching weapons, and a second victim named by a participle."""

from __future__ import annotations

import pytest

import tidings

pytestmark = pytest.mark.model


def _events(text: str) -> list[tidings.Event]:
    """Every candidate of ``text`` (accepted or not): these tests are about the rules, not the verifier."""
    return tidings.code_text(text).events


@pytest.mark.parametrize(("text", "side"), [
    ("The district judge was targeted by a suicide bomber outside the court.", "bomber"),
    ("Three soldiers died in an attack targeting an army convoy near the pass.", "convoy"),
    ("Unknown assailants targeted a lawyer with a grenade on Friday.", "lawyer"),
])  # fmt: skip
def test_targeting_someone_is_an_assault_on_them(text: str, side: str) -> None:
    ev = next(e for e in _events(text) if e.rule == "verb:target#attack")
    assert ev.event_type == "ASSAULT" and side in f"{ev.source_text} {ev.target_text}"


def test_a_policy_that_targets_a_group_has_no_actor_of_violence() -> None:
    events = _events("The new levy targets owners of large estates.")
    assert all(e.status == "candidate" for e in events if e.event_type == "ASSAULT")


@pytest.mark.parametrize("text", [
    "Two constables were hurt in a gunfight with the smugglers near the river.",
    "A brief shootout between the gang and the police left a bystander wounded.",
    "The troops were caught in a fierce gun battle with the rebels for six hours.",
    "An encounter between the police and the dacoits broke out near the village.",
])  # fmt: skip
def test_exchanges_of_fire_named_by_a_noun_are_assault_firearms(text: str) -> None:
    modes = {(e.event_type, e.event_mode) for e in _events(text)}
    assert ("ASSAULT", "firearms") in modes


def test_an_encounter_with_reporters_is_not_an_exchange_of_fire() -> None:
    text = "The governor had a friendly encounter with the reporters at the airport."
    assert not [e for e in _events(text) if e.event_type == "ASSAULT"]


@pytest.mark.parametrize(("text", "fires"), [
    ("The guerrillas damaged the railway track near the station overnight.", True),
    ("A mob damaged three shops and a police vehicle in the market.", True),
    ("The leaked letter damaged the minister's standing with voters.", False),
    ("Heavy rain damaged the harvest across the district.", False),
])  # fmt: skip
def test_damage_to_property_is_assault_destroy_and_other_damage_is_not(text: str, fires: bool) -> None:
    found = [e for e in _events(text) if e.rule == "verb:damage#property"]
    assert bool(found) == fires
    assert all(e.event_type == "ASSAULT" and e.event_mode == "destroy" for e in found)


@pytest.mark.parametrize(("text", "etype", "mode"), [
    ("A crowd lynched two men accused of theft in the hamlet.", "ASSAULT", "beat"),
    ("The villagers roughed up a revenue official on Monday.", "ASSAULT", "beat"),
    ("Masked men snatched away the guard's rifle at the bank.", "COERCE", "seize"),
    ("Rebels snatched two pistols from the patrol.", "COERCE", "seize"),
])  # fmt: skip
def test_lynching_roughing_up_and_snatching(text: str, etype: str, mode: str) -> None:
    assert (etype, mode) in {(e.event_type, e.event_mode) for e in _events(text)}


@pytest.mark.parametrize(("text", "victims"), [
    ("Militants attacked a police post, injuring three civilians.", {"police post", "civilians"}),
    ("Gunmen stormed the hotel, killing a receptionist.", {"hotel", "receptionist"}),
])  # fmt: skip
def test_a_violent_participle_with_its_own_object_names_a_second_victim(text: str, victims: set[str]) -> None:
    targets = [e.target_text or "" for e in _events(text) if e.event_type == "ASSAULT"]
    assert all(any(v in t for t in targets) for v in victims), targets


def test_a_participle_without_an_object_stays_absorbed() -> None:
    events = [e for e in _events("Rebels attacked the camp, firing wildly.") if e.event_type == "ASSAULT"]
    assert len(events) == 1 and events[0].verb_text == "attacked"


@pytest.mark.parametrize(("text", "source", "target"), [
    ("The opposition leader said the ministers were naive about the deal.", "leader", "ministers"),
    ("Union officials said the state government was incompetent and reckless.", "Union", "government"),
])  # fmt: skip
def test_a_speaker_condemning_an_actor_is_an_accusation(text: str, source: str, target: str) -> None:
    ev = next(e for e in _events(text) if e.event_type == "ACCUSE")
    assert ev.event_mode == "disapprove"
    assert source in (ev.source_text or "") and target in (ev.target_text or "")


@pytest.mark.parametrize("text", [
    "The mayor said the police were not negligent during the flood.",
    "The chairman said it was wrong to blame the drivers.",
    "The farmer said the weather was appalling this spring.",
    "The minister said the talks were useful.",
])  # fmt: skip
def test_no_accusation_without_a_condemned_actor(text: str) -> None:
    assert not [e for e in _events(text) if e.rule.endswith("<negative judgement>")]


@pytest.mark.parametrize(("text", "etype"), [
    ("The chief minister condemned the killing of two farmers in the district.", "ASSAULT"),
    ("The journalists' union condemned the abduction of a reporter in the valley.", "ASSAULT"),
])  # fmt: skip
def test_a_condemned_act_is_an_event_of_its_own(text: str, etype: str) -> None:
    types = [e.event_type for e in _events(text)]
    assert "ACCUSE" in types and etype in types


def test_the_act_of_an_accusation_stays_inside_it() -> None:
    text = "The prosecutor accused the colonel of the murder of a journalist."
    assert [e.event_type for e in _events(text)] == ["ACCUSE"]
