"""Which phrases become an event's source and target on incident-report prose (issue 11, argument
selection): victims of passives and of participles are never the actor, the attack or fight that did
the harm names the actor, and the place where it happened is not the victim. Sentences written for
these tests."""

from __future__ import annotations

import pytest

import tidings

pytestmark = pytest.mark.model


def _assaults(text: str) -> list[tidings.Event]:
    return [e for e in tidings.code_text(text).events if e.event_type == "ASSAULT"]


def _has(side: str | None, word: str | None) -> bool:
    return (side is None) if word is None else (side is not None and word in side)


@pytest.mark.parametrize(("text", "source", "target"), [
    ("A forest guard was injured when a landmine planted by Maoists went off near the dam.",
     "Maoists", "forest guard"),
    ("Three rebels were killed in an operation carried out by the army near the hills.",
     "army", "rebels"),
    ("A constable was killed in an encounter with the insurgents near the canal.",
     "insurgents", "constable"),
    ("A trader was wounded in firing by unidentified gunmen outside the market.",
     "gunmen", "trader"),
])  # fmt: skip
def test_the_attack_that_harmed_a_passive_victim_names_its_actor(text: str, source: str, target: str) -> None:
    assert any(_has(e.source_text, source) and _has(e.target_text, target) for e in _assaults(text))


@pytest.mark.parametrize(("text", "victim"), [
    ("The raid saw a wanted gang leader killed near the river.", "gang leader"),
    ("Two farmers were killed and nine others injured in a grenade attack on the bus stand.", "others"),
])  # fmt: skip
def test_a_victim_in_a_participle_clause_is_never_the_source(text: str, victim: str) -> None:
    events = _assaults(text)
    assert events
    assert not any(victim in (e.source_text or "") for e in events)


def test_seen_killed_makes_the_subject_the_target() -> None:
    ev = next(e for e in _assaults("The raid saw a wanted gang leader killed near the river."))
    assert "gang leader" in (ev.target_text or "") and ev.source_text is None


@pytest.mark.parametrize(("text", "target", "place"), [
    ("A schoolteacher was shot dead by militants in Baramulla District on Monday.", "schoolteacher",
     "Baramulla"),
    ("The rebels abducted a shopkeeper of Sopore town on Tuesday.", "shopkeeper", "Sopore"),
    ("Two gunmen kidnapped a contractor in Kupwara District on Sunday.", "contractor", "Kupwara"),
])  # fmt: skip
def test_a_place_is_not_the_victim_when_the_act_has_one(text: str, target: str, place: str) -> None:
    events = _assaults(text)
    assert events
    assert all(not (e.target_text or "").startswith(place) for e in events)
    assert any((e.target_text or "").startswith(target) for e in events)


def test_an_active_killer_with_a_misparsed_object_stays_the_source() -> None:
    events = _assaults("Masked gunmen shot dead Rahim Baksh Khan, a tribal elder, in the bazaar on Friday.")
    assert any("gunmen" in (e.source_text or "") for e in events)


def test_a_curfew_in_a_place_still_has_the_place_country_as_recipient() -> None:
    ev = next(e for e in tidings.code_text("The army imposed a curfew in Algiers.").events)
    assert ev.target_country == "DZA"


def test_a_participle_sharing_a_passive_is_not_done_by_its_subject() -> None:
    events = tidings.code_text("The engineer was abducted on Monday but released two days later.").events
    assert events
    assert not any("engineer" in (e.source_text or "") for e in events)


def test_a_city_naming_where_attacks_happened_is_not_their_actor() -> None:
    events = _assaults("The gang is blamed for a wave of Kabul bombings against the police.")
    assert not any("Kabul" in (e.source_text or "") for e in events)


def test_a_clause_telling_the_attack_names_the_actor_of_a_coordinated_passive() -> None:
    text = "A tailor was shot dead and two porters were wounded when gunmen opened fire on them at the depot."
    assert any("gunmen" in (e.source_text or "") for e in _assaults(text))


@pytest.mark.parametrize(("text", "etype", "thing"), [
    ("Customs officers seized forty kilograms of heroin at the port.", "COERCE", "heroin"),
    ("The district administration banned rallies in the town.", "COERCE", "rallies"),
    ("A crowd of youths pelted stones at the police outpost.", "ASSAULT", "stones"),
])  # fmt: skip
def test_seized_goods_gatherings_and_stones_are_never_targets(text: str, etype: str, thing: str) -> None:
    events = [e for e in tidings.code_text(text).events if e.event_type == etype]
    assert events
    assert not any(thing in (e.target_text or "") for e in events)


def test_an_instrument_in_a_by_phrase_is_not_the_actor() -> None:
    ev = _assaults("A home guard was shot by his own gun by a mob on Sunday.")[0]
    assert "mob" in (ev.source_text or "") and "his" not in (ev.source_text or "")


def test_a_possessive_pronoun_is_not_the_victim_of_harm_to_what_it_owns() -> None:
    events = _assaults("The rebels fired at a lorry and wounded its driver.")
    assert any("driver" in (e.target_text or "") for e in events)
    assert not any((e.target_text or "").strip().lower() == "its" for e in events)


def test_a_clash_between_two_sides_codes_the_sides() -> None:
    ev = _assaults("Three villagers were injured during a gunfight between the police and the rebels.")[0]
    assert "police" in (ev.source_text or "") and "rebels" in (ev.target_text or "")


def test_a_participle_clause_with_a_by_phrase_names_the_actor_of_a_passive() -> None:
    ev = _assaults("A ranger was wounded in a mine blast, set off by the insurgents, near the camp.")[0]
    assert "insurgents" in (ev.source_text or "") and "ranger" in (ev.target_text or "")
