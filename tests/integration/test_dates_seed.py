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
    text = ("In 2012, the alliance expanded its bases in the region. Washington now threatens a wider war. "
            "The navy sailed north.")  # fmt: skip
    doc = Document(doc_id="tense", text=text, published=dt.date(2024, 3, 14))
    SpacyParser()(doc)
    threatens = _event(doc, "Washington", "threatens")
    sailed = _event(doc, "The navy", "sailed")
    doc.events = [threatens, sailed]
    DateStage()(doc)
    assert (threatens.event_date, threatens.date_source) == ("2024-03-14", "publication")
    assert (sailed.event_date, sailed.date_precision, sailed.date_source) == ("2012", "year", "narrative")


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
