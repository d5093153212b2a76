"""Candidates that are no asserted event on real news (issue 11): author analysis, generalisations,
questions, things as participants. Sentences written for the test."""

from __future__ import annotations

import pytest

import tidings

pytestmark = pytest.mark.model


def _events(text: str) -> list[tidings.Event]:
    return tidings.code_text(text).events


@pytest.mark.parametrize("text", [
    "Are armed gangs attacking more police stations in the south?",
    "Police often detain protesters without charge.",
    "Armed groups tend to attack police stations at night.",
    "Imposing new sanctions on Iran is not on the agenda, a diplomat said.",
    "Attacking the rebels in their camps would be a mistake.",
])  # fmt: skip
def test_questions_and_generalisations_are_not_events(text: str) -> None:
    assert _events(text) == []


def test_a_specific_present_tense_headline_is_still_an_event() -> None:
    assert [e.event_type for e in _events("Police arrest three militants in Kupwara")] == ["COERCE"]


def test_a_thing_doing_something_is_not_an_event() -> None:
    assert _events("The new law allows the army to search homes.") == []


def test_a_weapon_is_not_the_source_of_an_attack() -> None:
    events = _events("A car bomb explosion killed 32 people at a market.")
    assert [e.event_type for e in events] == ["ASSAULT"]
    assert events[0].source_text is None and events[0].target_text == "32 people"


def test_property_is_not_the_target() -> None:
    events = _events("Militants set fire to an excavator.")
    assert [e.event_type for e in events] == ["COERCE"] and events[0].target_text is None


def test_a_thing_that_names_its_owner_stands_for_the_owner() -> None:
    events = _events("The United States imposed sanctions on three Iranian oil tankers.")
    assert [(e.event_type, e.target_country) for e in events] == [("SANCTION", "IRN")]
