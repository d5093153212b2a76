"""Quotation marks and the reported-event marking, without a spaCy model."""

from __future__ import annotations

import pytest

from tidings.model import Document, Event, Quote
from tidings.stages.quotes import direct_spans, innermost, mark_reported


def _texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in direct_spans(text) if not s.inner]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will stay” and left.", ["we will stay"]),
        ('He said "we will stay" and left.', ["we will stay"]),
        ("“One,” she said, “two.”", ["One", "two."]),
        ('"One," she said, "two."', ["One", "two."]),
        ("He said ''we will stay'' and left.", ["we will stay"]),
        ("He said ``we will stay'' and left.", ["we will stay"]),
    ],
)
def test_quotes_marks_straight_and_curly(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_quotes_marks_paragraph_continuation() -> None:
    text = "She wrote:\n\n“First paragraph goes on.\n\n“Second paragraph ends.”\n\nAfter."
    spans = [s for s in direct_spans(text) if not s.inner]
    assert len(spans) == 1
    assert text[spans[0].start:spans[0].end].startswith("First paragraph")
    assert text[spans[0].start:spans[0].end].endswith("Second paragraph ends.")


def test_quotes_marks_unclosed_paragraph_stops_at_its_end() -> None:
    text = "He said: “this never closes\n\nA new paragraph without a mark."
    assert _texts(text) == ["this never closes"]


def test_quotes_marks_nested_single_and_apostrophe() -> None:
    text = "She wrote, “the colonel’s men shouted ‘burn it all’ at dawn.”"
    spans = direct_spans(text)
    inner = [text[s.start:s.end] for s in spans if s.inner]
    assert inner == ["burn it all"]
    assert _texts(text) == ["the colonel’s men shouted ‘burn it all’ at dawn."]


def _event(verb_start: int, factuality: str = "asserted") -> Event:
    return Event(event_id=f"e{verb_start}", doc_id="d", sentence_index=0, sentence_text="", char_start=0,
                 char_end=50, event_type="ASSAULT", verb_text="x", verb_start=verb_start, verb_end=verb_start + 1,
                 factuality=factuality)  # fmt: skip


def test_quotes_events_inside_become_reported() -> None:
    doc = Document(doc_id="d", text="x" * 60)
    doc.quotes = [Quote("q1", "d", "x", 10, 40, speaker_text="Ana Lima", speaker_country="BRA")]
    doc.events = [_event(20), _event(5), _event(30, "hypothetical")]
    mark_reported(doc)
    inside, outside, hypo = doc.events
    assert (inside.factuality, inside.claimant_text, inside.claimant_country) == ("reported", "Ana Lima", "BRA")
    assert outside.factuality == "asserted" and outside.claimant_text is None
    assert hypo.factuality == "hypothetical" and hypo.claimant_text is None


def test_quotes_event_in_unattributed_quote_is_reported_without_claimant() -> None:
    doc = Document(doc_id="d", text="x" * 60)
    doc.quotes = [Quote("q1", "d", "x", 10, 40)]
    doc.events = [_event(20)]
    mark_reported(doc)
    assert (doc.events[0].factuality, doc.events[0].claimant_text) == ("reported", None)


def test_quotes_innermost_quote_wins() -> None:
    outer = Quote("a", "d", "x", 0, 100, speaker_text="Outer")
    inner = Quote("b", "d", "x", 20, 40, speaker_text="Inner")
    assert innermost([outer, inner], 25) is inner
    assert innermost([outer, inner], 50) is outer
    assert innermost([outer, inner], 150) is None
