"""PLOVER conformance of the lexicon (issue 11): one sentence per sense decision, each written for the test."""

from __future__ import annotations

import pytest

import tidings

pytestmark = pytest.mark.model


def _events(text: str) -> list[tidings.Event]:
    return tidings.code_text(text).events


def _types(text: str) -> set[str]:
    return {e.event_type for e in _events(text)}


@pytest.mark.parametrize("text", [
    "Gunmen kidnapped two engineers from a construction site in the district.",
    "Rebels abducted a village headman on Sunday.",
    "The militants took six tourists hostage at the hotel.",
    "Police said the gang carried out the kidnapping of a trader.",
])  # fmt: skip
def test_abduction_is_assault_abduct(text: str) -> None:
    found = [e for e in _events(text) if e.event_type == "ASSAULT"]
    assert found and found[0].event_mode == "abduct" and found[0].cameo_code == "181"
    assert "COERCE" not in _types(text)


@pytest.mark.parametrize("text", [
    "Maoists blew up a railway track in the forest.",
    "Militants bombed a bus carrying pilgrims.",
])  # fmt: skip
def test_blowing_up_and_bombing_are_assault_explosives(text: str) -> None:
    found = [e for e in _events(text) if e.event_type == "ASSAULT"]
    assert found and found[0].event_mode == "explosives"
    assert "COERCE" not in _types(text)


def test_hacked_to_death_is_a_killing_not_a_cyber_attack() -> None:
    events = _events("A farmer was hacked to death by unidentified assailants.")
    assert [(e.event_type, e.event_mode) for e in events] == [("ASSAULT", "primitive")]


def test_hacking_into_servers_stays_cyber() -> None:
    events = _events("Hackers hacked into the ministry's servers.")
    assert [(e.event_type, e.event_mode) for e in events] == [("COERCE", "cyber")]


@pytest.mark.parametrize("text", [
    "The minister struck a balance between growth and security.",
    "Exports hit a record high in March.",
    "The speech struck a conciliatory tone.",
])  # fmt: skip
def test_figurative_strike_and_hit_are_not_assault(text: str) -> None:
    assert "ASSAULT" not in _types(text)


def test_striking_a_deal_is_agree() -> None:
    types = _types("Israel and Hamas struck a deal on the release of prisoners.")
    assert "AGREE" in types and "ASSAULT" not in types


def test_giving_away_is_not_aid() -> None:
    assert "AID" not in _types("The defector gave away the position of the unit.")


def test_committing_crimes_is_not_a_commitment() -> None:
    assert "AGREE" not in _types("The gangs committed several homicides in the city.")


def test_fighting_crime_is_not_an_attack() -> None:
    assert "ASSAULT" not in _types("Police are fighting crime in the northern districts.")


def test_hosting_a_thing_is_not_a_meeting() -> None:
    assert "CONSULT" not in _types("The city hosts a large market every Sunday.")
    assert "CONSULT" in _types("Egypt hosted the Jordanian king on Monday.")


@pytest.mark.parametrize("text", [
    "The stolen weapons ended up on the black market.",
    "The agency released statistics on crime.",
    "Saudi Arabia mobilized support among Arab states.",
])  # fmt: skip
def test_other_senses_that_are_no_event(text: str) -> None:
    assert _types(text) == set()


def test_sending_investigators_is_investigating() -> None:
    assert _types("The United Nations sent investigators to the camp.") == {"ACCUSE"}


def test_troops_arriving_are_a_deployment_and_peacekeepers_are_aid() -> None:
    assert _types("Two battalions of Ruritanian troops arrived in the border region.") == {"MOBILIZE"}
    assert _types("UN peacekeeping troops arrived in Bosnia on Monday.") == {"AID"}


def test_a_protest_with_no_target_is_against_the_protesters_own_country() -> None:
    events = [e for e in _events("Thousands of Egyptians demonstrated on Friday.") if e.event_type == "PROTEST"]
    assert events and (events[0].source_country, events[0].target_country) == ("EGY", "EGY")
