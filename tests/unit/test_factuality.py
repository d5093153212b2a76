"""Factuality of coded events: negation, modality, intent, reported speech, according to."""

from __future__ import annotations

from typing import Any

import pytest

from tidings.model import Document, Event

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def code(nlp: Any) -> Any:
    import re

    from tidings.model import Actor, Mention
    from tidings.stages.coding import EventCoder
    from tidings.stages.parse import SpacyParser

    names = {"Ruritania": "RUR", "Freedonia": "FRE", "Sylvania": "SYL"}
    parser, coder = SpacyParser(), EventCoder(resolver=lambda *a, **k: None)

    def run(text: str) -> list[Event]:
        doc = parser(Document(doc_id="f", text=text))
        doc.mentions = [Mention(n, m.start(), m.end(), Actor(country=c, sector="GOV"))
                        for n, c in names.items() for m in re.finditer(n, text)]  # fmt: skip
        return coder(doc).events

    return run


@pytest.mark.parametrize(("text", "etype", "factuality"), [
    ("Ruritania attacked Freedonia.", "ASSAULT", "asserted"),
    ("Ruritania did not sign the treaty with Freedonia.", "SUPPORT", "negated"),
    ("Ruritania has never attacked Freedonia.", "ASSAULT", "negated"),
    ("Ruritania may impose sanctions on Freedonia.", "SANCTION", "hypothetical"),
    ("Ruritania could attack Freedonia.", "ASSAULT", "hypothetical"),
    ("Freedonia said Ruritania fired shells at its border posts.", "ASSAULT", "reported"),
    ("According to Sylvania, Ruritania attacked Freedonia.", "ASSAULT", "reported"),
    ("Sylvania argues that Ruritania attacked Freedonia.", "ASSAULT", "reported"),
    ("Ruritania attacked Freedonia, officials in Sylvania said.", "ASSAULT", "reported"),
])  # fmt: skip
def test_factuality(code: Any, text: str, etype: str, factuality: str) -> None:
    events = [e for e in code(text) if e.event_type == etype]
    assert events, f"no {etype}: {[(e.event_type, e.factuality) for e in code(text)]}"
    assert events[0].factuality == factuality


def test_factuality_reported_claimant_resolved(code: Any) -> None:
    event = next(e for e in code("Freedonia said Ruritania fired shells at Freedonia.") if e.event_type == "ASSAULT")
    assert (event.source_country, event.target_country) == ("RUR", "FRE")
    assert event.claimant_text == "Freedonia" and event.claimant_country == "FRE"


def test_factuality_according_to_claimant(code: Any) -> None:
    event = code("According to Sylvania, Ruritania attacked Freedonia.")[0]
    assert event.claimant_country == "SYL" and event.trace["claimant_cue"] == "according to"


def test_factuality_refusal_is_reject_not_negated_event(code: Any) -> None:
    events = code("Ruritania refused to release the Freedonia prisoners.")
    assert [e.event_type for e in events] == ["REJECT"]
    assert events[0].factuality == "asserted"


def test_factuality_negation_cue_in_trace(code: Any) -> None:
    event = code("Ruritania did not attack Freedonia.")[0]
    assert "negation" in (event.trace["factuality_cue"] or "")
