"""Attribution (issue 11 part 7, issue 12 part 7): reported events, their claimants, pronoun claimants."""

from __future__ import annotations

import pytest

import tidings

pytestmark = pytest.mark.model


def _event(text: str, etype: str) -> tidings.Event:
    found = [e for e in tidings.code_text(text).events if e.event_type == etype]
    assert found, f"no {etype} in {text!r}"
    return found[0]


@pytest.mark.parametrize(("text", "etype", "claimant"), [
    ("Militants killed two policemen in the district on Monday, reports The Hindu.", "ASSAULT", "The Hindu"),
    ("Maoists torched three trucks near the village reported Daily Times.", "ASSAULT", "Daily Times"),
    ("Police informed that the militants attacked a patrol.", "ASSAULT", "Police"),
    ("According to the Indian home ministry, police arrested four smugglers.", "COERCE",
     "Indian home ministry"),
    ("The minister told reporters that the army had arrested twelve rebels.", "COERCE", "minister"),
])  # fmt: skip
def test_reported_with_its_claimant(text: str, etype: str, claimant: str) -> None:
    event = _event(text, etype)
    assert event.factuality == "reported"
    assert event.claimant_text is not None and event.claimant_text.endswith(claimant)


@pytest.mark.parametrize(("text", "etype"), [
    ("The rebels allegedly abducted four villagers.", "ASSAULT"),
    ("The commander is suspected of killing six farmers.", "ASSAULT"),
    ("The gunmen are believed to have killed a trader in the market.", "ASSAULT"),
    ("It was reported that soldiers shelled the village.", "ASSAULT"),
])  # fmt: skip
def test_hearsay_is_reported_with_no_claimant(text: str, etype: str) -> None:
    event = _event(text, etype)
    assert event.factuality == "reported"
    assert event.claimant_text is None


@pytest.mark.parametrize("text", [
    "Sources said troops shelled the village.",
    "The statement said soldiers had shelled the village.",
    "It said soldiers had shelled the village.",
])  # fmt: skip
def test_a_claimant_that_is_no_actor_or_named_source_is_dropped(text: str) -> None:
    event = _event(text, "ASSAULT")
    assert event.factuality == "reported"
    assert event.claimant_text is None


def test_a_document_claimant_is_its_author() -> None:
    event = _event("A letter from the Indian army said militants had attacked the convoy.", "ASSAULT")
    assert (event.claimant_text, event.claimant_country, event.claimant_sector) == ("Indian army", "IND", "MIL")


def test_a_pronoun_claimant_takes_the_person_in_the_sentence_before() -> None:
    text = "The interior minister arrived in the capital on Friday. He said the army had arrested twelve rebels."
    event = _event(text, "COERCE")
    assert event.claimant_text == "interior minister" and event.claimant_sector == "GOV"


def test_a_singular_pronoun_skips_a_plural_and_a_date() -> None:
    text = ("The minister met the protesters on Friday. "
            "Afterwards he said the police had detained nine students.")  # fmt: skip
    event = _event(text, "COERCE")
    assert event.claimant_text == "minister"
