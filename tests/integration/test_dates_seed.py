"""The narrative-anchor pattern on a real article (seed 004: written in 2020 about 1950), read in place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tidings.model import Document, Event
from tidings.stages.dates import DateStage
from tidings.stages.parse import SpacyParser

pytestmark = pytest.mark.model


def _event(doc: Document, anchor_text: str, verb: str) -> Event:
    at = doc.text.index(anchor_text)
    v = doc.text.index(verb, at)
    sent = next(s for s in doc.sentences if s.start <= v < s.end)
    return Event(event_id=verb, doc_id=doc.doc_id, sentence_index=sent.index, sentence_text=sent.text,
                 char_start=sent.start, char_end=sent.end, event_type="ASSAULT", verb_text=verb,
                 verb_start=v, verb_end=v + len(verb))  # fmt: skip


def test_dates_seed_004_day_and_narrative_month(shared_dir: Path) -> None:
    path = shared_dir / "seeds" / "004_810c05d799e08baa.txt"
    if not path.is_file():
        pytest.skip("seed 004 is not present")
    doc = Document(doc_id="seed004", text=path.read_text(encoding="utf-8"), published=dt.date(2020, 11, 2))
    SpacyParser()(doc)
    crossed = _event(doc, "Oct. 25, 1950", "crossed")
    invaded = _event(doc, "Earlier that month", "invaded")
    doc.events = [crossed, invaded]
    DateStage()(doc)
    assert (crossed.event_date, crossed.date_precision, crossed.date_source) == ("1950-10-25", "day", "text")
    assert (invaded.event_date, invaded.date_precision, invaded.date_source) == (
        "1950-10",
        "month",
        "narrative",
    )


def test_dates_present_tense_does_not_inherit_an_old_anchor() -> None:
    """A present-tense sentence ends the past narrative: the next past-tense event no longer inherits 2012."""
    text = ("In 2012, the alliance expanded its bases in the region. The navy sailed north. "
            "Washington now threatens a wider war. The army moved south.")  # fmt: skip
    doc = Document(doc_id="tense", text=text, published=dt.date(2024, 3, 14))
    SpacyParser()(doc)
    sailed = _event(doc, "The navy", "sailed")
    threatens = _event(doc, "Washington", "threatens")
    moved = _event(doc, "The army", "moved")
    doc.events = [sailed, threatens, moved]
    DateStage()(doc)
    assert (sailed.event_date, sailed.date_precision, sailed.date_source) == ("2012", "year", "narrative")
    assert (threatens.event_date, threatens.date_source) == ("2024-03-14", "publication")
    assert (moved.event_date, moved.date_source) == ("2024-03-14", "publication")


def test_dates_seed_004_through_the_real_pipeline(shared_dir: Path) -> None:
    """With the real actor and coder stages: every event in the 'Earlier that month' sentence is 1950-10."""
    path = shared_dir / "seeds" / "004_810c05d799e08baa.txt"
    if not path.is_file():
        pytest.skip("seed 004 is not present")
    from tidings.pipeline import Pipeline

    pipeline = Pipeline.from_settings(names=["parse.spacy.v1", "actors.kb.v1", "coder.rules.v1", "dates.v1",
                                             "places.gazetteer.v1"], on_error="raise")  # fmt: skip
    doc = Document(doc_id="seed004", text=path.read_text(encoding="utf-8"), published=dt.date(2020, 11, 2))
    doc = next(pipeline.run([doc]))
    start = doc.text.index("Earlier that month")
    in_sentence = [e for e in doc.events if e.char_start <= start < e.char_end]
    if not in_sentence:
        pytest.skip("the coder found no event in that sentence")
    for event in in_sentence:
        assert (event.event_date, event.date_precision, event.date_source) == (
            "1950-10",
            "month",
            "narrative",
        )
    assert all(e.date_precision in ("day", "month", "year", "decade", "unknown") for e in doc.events)


def _run(text: str, published: dt.date | None, *verbs: tuple[str, str]) -> list[Event]:
    doc = Document(doc_id="t", text=text, published=published)
    SpacyParser()(doc)
    doc.events = [_event(doc, where, verb) for where, verb in verbs]
    DateStage()(doc)
    return doc.events


def test_issue_13_date_in_a_modifier_is_not_the_anchor() -> None:
    """A date inside a noun's modifier may date its own sentence's event, never the narrative that follows."""
    text = ("The subsidy that was agreed in 1997 drew fresh anger in parliament. "
            "Opposition members walked out of the chamber.")  # fmt: skip
    drew, walked = _run(text, dt.date(2025, 6, 2), ("The subsidy", "drew"), ("Opposition", "walked"))
    assert (drew.event_date, drew.date_source) == ("1997", "text")
    assert (walked.event_date, walked.date_source) == ("2025-06-02", "publication")
    assert any("publication" in step for step in walked.trace["date"])
    text = "Critics attacked the rebate secured in 1997. Ministers defended the deal."
    _, defended = _run(text, dt.date(2025, 6, 2), ("Critics", "attacked"), ("Ministers", "defended"))
    assert (defended.event_date, defended.date_source) == ("2025-06-02", "publication")


def test_issue_13_own_clause_date_beats_a_nested_clause_date() -> None:
    """The event's own 'In March' wins over a date in a clause about something else in the same sentence."""
    text = "In March the mayor quit, two years after voters had elected him in May 2021."
    [quit_] = _run(text, dt.date(2024, 9, 1), ("In March", "quit"))
    assert (quit_.event_date, quit_.date_precision) == ("2024-03", "month")
    assert quit_.trace["date"][0].startswith("own clause")


def test_issue_13_anchor_stops_at_the_paragraph() -> None:
    text = ("On 4 August 1964 the destroyer reported an attack.\n\nThe crew returned fire.\n\n"
            "Sailors later described the night.")  # fmt: skip
    reported, returned = _run(
        text, dt.date(2014, 8, 4), ("On 4 August", "reported"), ("The crew", "returned")
    )
    assert reported.event_date == "1964-08-04"
    assert (returned.event_date, returned.date_source) == ("2014-08-04", "publication")
    text = "On 4 August 1964 the destroyer reported an attack. The crew returned fire."
    _, returned = _run(text, dt.date(2014, 8, 4), ("On 4 August", "reported"), ("The crew", "returned"))
    assert (returned.event_date, returned.date_source) == ("1964-08-04", "narrative")


def test_issue_13_present_tense_aside_keeps_the_narrative_but_a_present_report_ends_it() -> None:
    text = ("Farmers dumped hay outside the town hall on 3 May. The protest is the biggest in memory. "
            "Police removed the hay. The council says it will act. Farmers left.")  # fmt: skip
    dumped, removed, left = _run(text, dt.date(2025, 5, 20), ("Farmers dumped", "dumped"),
                                 ("Police", "removed"), ("Farmers left", "left"))  # fmt: skip
    assert dumped.event_date == removed.event_date == "2025-05-03"
    assert removed.date_source == "narrative"
    assert (left.event_date, left.date_source) == ("2025-05-20", "publication")


@pytest.mark.parametrize("first", [
    "A police constable was killed in an ambush in Kanker District on June 20, reports The Hindu.",
    "Two traders were shot dead near a bus stand on June 20, police said.",
    "Three people were hurt when a bomb went off near a market on June 20.",
])  # fmt: skip
def test_issue_13_reporting_tail_and_when_clause_dates_anchor_the_narrative(first: str) -> None:
    """A date in the clause a reporting tail governs, or in a "when" clause, dates the incident and is
    carried to the next sentences of the paragraph; there is no publication date and no year, so the year
    stays out."""
    text = first + " The attackers fled into the forest."
    doc = Document(doc_id="report", text=text, published=None)
    SpacyParser()(doc)
    fled = _event(doc, "The attackers", "fled")
    doc.events = [fled]
    DateStage()(doc)
    assert (fled.event_date, fled.date_precision, fled.date_source) == ("--06-20", "day", "narrative")


def test_issue_13_date_modifying_a_noun_does_not_date_the_clause() -> None:
    """"the March 1993 riots" names the riots' time, not when the court was asked."""
    text = "The lawyers petitioned the court to prevent a repeat of the March 1993 riots."
    doc = Document(doc_id="attr", text=text, published=dt.date(2004, 6, 2))
    SpacyParser()(doc)
    asked = _event(doc, "The lawyers", "petitioned")
    doc.events = [asked]
    DateStage()(doc)
    assert (asked.event_date, asked.date_source) == ("2004-06-02", "publication")
    assert any("something else" in step for step in asked.trace["date"])
