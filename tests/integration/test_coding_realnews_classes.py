"""Error classes found on the real-news gold's train/dev splits (issue 11), each with hand-written sentences:
arson, shootings and bombs named by phrasal verbs, promises and pleas, murders named by a noun, and
participles used as prepositions."""

from __future__ import annotations

import pytest

import tidings

pytestmark = pytest.mark.model


def _events(text: str) -> list[tidings.Event]:
    return tidings.code_text(text).events


def _event(text: str, etype: str) -> tidings.Event:
    return next(e for e in _events(text) if e.event_type == etype)


@pytest.mark.parametrize("text", [
    "the rebels set ablaze six lorries near the quarry.",
    "two shops were set alight by a masked gang on friday.",
    "insurgents burnt down the village school overnight.",
    "the guerrillas torched a bus at the depot.",
])  # fmt: skip
def test_arson_is_assault_destroy(text: str) -> None:
    assert _event(text, "ASSAULT").event_mode == "destroy"


def test_setting_fire_to_property_stays_coerce_as_in_plover() -> None:
    types = [e.event_type for e in _events("settlers set fire to the council offices.")]
    assert "COERCE" in types and "ASSAULT" not in types


@pytest.mark.parametrize(("text", "source", "target"), [
    ("a shopkeeper was gunned down by two gunmen in the bazaar.", "gunmen", "shopkeeper"),
    ("the insurgents gunned down a constable near the bridge.", "insurgents", "constable"),
    ("the inspector was fired upon by the rebels near his house.", "rebels", "inspector"),
])  # fmt: skip
def test_phrasal_shootings_are_assault(text: str, source: str, target: str) -> None:
    ev = _event(text, "ASSAULT")
    assert ev.event_mode == "firearms"
    assert source in (ev.source_text or "") and target in (ev.target_text or "")


@pytest.mark.parametrize(("text", "target"), [
    ("the militants planted a bomb outside the police station.", "police station"),
    ("rebels lobbed two grenades at the army camp.", "army camp"),
    ("unknown men hurled a petrol bomb at the police post.", "police post"),
    ("an explosive device was placed near the court by insurgents.", None),
])  # fmt: skip
def test_planting_or_throwing_a_bomb_is_an_explosives_assault(text: str, target: str | None) -> None:
    ev = _event(text, "ASSAULT")
    assert ev.event_mode == "explosives"
    assert ev.target_text is None or not any(w in ev.target_text for w in ("bomb", "grenade", "device"))
    if target is not None:
        assert target in (ev.target_text or "")


@pytest.mark.parametrize("text", [
    "the farmers planted wheat in the valley.",
    "the police placed the suspect under arrest.",
    "the club placed an advert in the paper.",
    "the boys threw stones into the river.",
])  # fmt: skip
def test_planting_placing_or_throwing_other_things_is_no_assault(text: str) -> None:
    assert "ASSAULT" not in [e.event_type for e in _events(text)]


def test_assuring_someone_is_a_promise() -> None:
    ev = _event("the collector assured the traders that the market would reopen.", "AGREE")
    assert "collector" in (ev.source_text or "") and "traders" in (ev.target_text or "")


@pytest.mark.parametrize("text", [
    "the union leader pleaded with the governor to free the detained workers.",
    "the villagers petitioned the high court against the new quarry.",
])  # fmt: skip
def test_pleading_and_petitioning_are_requests(text: str) -> None:
    assert "REQUEST" in [e.event_type for e in _events(text)]


def test_a_guilty_plea_is_no_request() -> None:
    assert "REQUEST" not in [e.event_type for e in _events("the accused pleaded guilty to the charges.")]


def test_a_murder_named_by_a_noun_is_an_assault() -> None:
    ev = _event("the murder of the reporter by gang members shocked the province.", "ASSAULT")
    assert "reporter" in (ev.target_text or "") and "gang" in (ev.source_text or "")


@pytest.mark.parametrize("text", [
    "prices may rise further, given the drought in the south.",
    "given that the talks had failed, the envoy flew home.",
    "the town is tense, given the number of arrests last week.",
])  # fmt: skip
def test_given_as_a_preposition_is_no_aid(text: str) -> None:
    assert "AID" not in [e.event_type for e in _events(text)]


def test_aid_given_to_someone_is_still_aid() -> None:
    assert "AID" in [e.event_type for e in _events("the government has given food aid to the flood victims.")]


@pytest.mark.parametrize(("text", "etype"), [
    ("two porters received injuries in the firing.", "CONSULT"),
    ("the council received letters from angry residents.", "CONSULT"),
    ("worshippers offering prayers at the temple ran for cover.", "AGREE"),
    ("the traders, hailing from the coast, closed their shops.", "SUPPORT"),
    ("the cartel may be seeking new revenue streams abroad.", "REQUEST"),
    ("the gangs seek to limit their losses to the police.", "REQUEST"),
    ("the party will mobilise support for its nominee.", "MOBILIZE"),
])  # fmt: skip
def test_other_senses_of_event_verbs_are_no_events(text: str, etype: str) -> None:
    assert etype not in [e.event_type for e in _events(text)]


@pytest.mark.parametrize(("text", "etype"), [
    ("the governor received the visiting envoys at his residence.", "CONSULT"),
    ("the mayor hailed the peace deal.", "SUPPORT"),
    ("the collector sought the help of the army.", "REQUEST"),
    ("Pakistan mobilised troops along the border on Monday.", "MOBILIZE"),
])  # fmt: skip
def test_the_event_senses_stay(text: str, etype: str) -> None:
    assert etype in [e.event_type for e in _events(text)]


@pytest.mark.parametrize(("text", "source", "target"), [
    ("the smuggler was killed by Mexican marines near the port.", "marines", "smuggler"),
    ("four farmers were murdered by rebels from the National Liberation Army.", "rebels", "farmers"),
])  # fmt: skip
def test_the_recipient_is_never_a_word_of_the_source_phrase(text: str, source: str, target: str) -> None:
    ev = _event(text, "ASSAULT")
    assert source in (ev.source_text or "") and target in (ev.target_text or "")


@pytest.mark.parametrize("text", [
    "the car bomb was set off by remote control near the bank.",
    "the insurgents set off a bomb outside the town hall.",
    "the Maoists triggered the blast near the police station.",
    "the rebels destroyed the municipal office and two bridges.",
])  # fmt: skip
def test_setting_off_bombs_and_destroying_buildings_are_assault(text: str) -> None:
    assert "ASSAULT" in [e.event_type for e in _events(text)]


@pytest.mark.parametrize("text", [
    "the murder set off a wave of protests.",
    "the delegation set off for the capital.",
    "a patrol vehicle triggered a landmine on the road.",
    "the police destroyed the seized drugs.",
])  # fmt: skip
def test_other_uses_of_set_off_trigger_and_destroy_are_no_assault(text: str) -> None:
    assert "ASSAULT" not in [e.event_type for e in _events(text)]


def test_a_claim_of_responsibility_is_the_claimed_attack() -> None:
    ev = _event("the Front claimed responsibility for the market blast.", "ASSAULT")
    assert ev.source_text is not None and "Front" in ev.source_text
    assert ev.target_text is None or "responsibility" not in ev.target_text


def test_a_claimed_attack_is_reported_with_the_claimant() -> None:
    ev = _event("the Front claimed responsibility for the market blast.", "ASSAULT")
    assert ev.factuality == "reported"
    assert ev.claimant_text is not None and "Front" in ev.claimant_text


@pytest.mark.parametrize(("text", "source"), [
    ("a shopkeeper was injured when insurgents hurled a grenade at his shop.", "insurgents"),
    ("a farmer was wounded when the police fired on the crowd.", "police"),
])  # fmt: skip
def test_a_victim_clause_takes_the_actor_of_its_attack_clause(text: str, source: str) -> None:
    ev = _event(text, "ASSAULT")
    assert source in (ev.source_text or "")


def test_a_victim_clause_of_an_accident_has_no_actor() -> None:
    ev = _event("two pilgrims were killed when their bus overturned.", "ASSAULT")
    assert ev.source_text is None
