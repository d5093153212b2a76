"""Event sides that refer back (issues 11 and 12): pronouns, bare surnames and role nouns take the actor of
their antecedent, with a trace step and a lower confidence; the event's other side is never the antecedent."""

from __future__ import annotations

import pytest

import tidings
from tidings.coding.coref import COREF_STEP

pytestmark = pytest.mark.model


def _event(text: str, etype: str) -> tidings.Event:
    return next(e for e in tidings.code_text(text).events if e.event_type == etype)


def test_object_pronoun_takes_the_earlier_person_not_the_source() -> None:
    ev = _event("Kenyan police arrested the activist Jane Wanjiru. They later released her without charge.",
                "RETREAT")  # fmt: skip
    assert ev.source_country == "KEN" and ev.source_sector == "COP"
    assert ev.target_country == "KEN" and ev.target_sector != "COP"
    steps = ev.trace.get("target_steps", [])
    assert any(COREF_STEP in s for s in steps)
    assert (ev.trace.get("confidence") or {}).get("coreference") == 0.9


def test_bare_surname_takes_the_earlier_full_name_before_any_namesake() -> None:
    ev = _event("Nigerian police detained the opposition leader Musa Bello in Abuja. "
                "Bello accused the government of persecution.", "ACCUSE")  # fmt: skip
    assert ev.source_country == "NGA" and ev.source_sector == "OPP"
    assert any(COREF_STEP in s for s in ev.trace.get("source_steps", []))


def test_pronoun_with_a_named_antecedent_keeps_its_country_and_sector() -> None:
    ev = _event("Pakistani Interior Minister Rehman Malik visited Quetta on Monday. "
                "Later he condemned the Taliban for the bombing.", "ACCUSE")  # fmt: skip
    assert ev.source_country == "PAK" and ev.source_sector == "GOV"


def test_he_never_refers_to_an_event_noun_or_an_organisation() -> None:
    text = ("The deployment of the army near the dam angered the Zambian ruling party. "
            "He said nothing about the matter.")  # fmt: skip
    doc = tidings.code_text(text + " On Monday he criticised the farmers.")
    for ev in doc.events:
        if (ev.source_text or "").lower() == "he":
            assert ev.source_sector not in ("MIL", "PTY")
