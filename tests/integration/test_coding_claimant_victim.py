"""A state reporting another state's attack on no named actor is the attack's recipient (issue 4's example)."""

from __future__ import annotations

import pytest

import tidings

pytestmark = pytest.mark.model


def _events(text: str) -> list[tidings.Event]:
    return tidings.code_text(text).events


@pytest.mark.parametrize(
    ("text", "etype", "source", "target", "claimant"),
    [
        ("Pyongyang said Seoul fired shells.", "ASSAULT", "KOR", "PRK", "PRK"),
        ("Beijing said Japanese coast guard vessels seized a fishing boat.", "COERCE", "JPN", "CHN", "CHN"),
    ],
)
def test_reported_attack_without_recipient_targets_the_claimant(
    text: str, etype: str, source: str, target: str, claimant: str
) -> None:
    [event] = [e for e in _events(text) if e.event_type == etype]
    assert (event.source_country, event.target_country) == (source, target)
    assert event.factuality == "reported" and event.claimant_country == claimant
    assert any("claimant" in n for n in event.trace["notes"])
    assert text[event.target_start : event.target_end] == event.target_text


@pytest.mark.parametrize(
    "text",
    [
        "Reuters said Russian forces fired missiles at dawn.",  # the media are not the victim
        "Moscow said its troops shelled the town.",  # a state reporting its own act
    ],
)
def test_claimant_is_not_made_the_target_otherwise(text: str) -> None:
    [event] = [e for e in _events(text) if e.event_type == "ASSAULT"]
    assert event.target_country is None or event.target_country != event.claimant_country
