"""The places stage on a real article (seed 004) read in place through the parser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tidings.model import Document, Event
from tidings.stages.parse import SpacyParser
from tidings.stages.places import PlaceStage

pytestmark = pytest.mark.model


def _event(doc: Document, anchor_text: str, verb: str) -> Event:
    v = doc.text.index(verb, doc.text.index(anchor_text))
    sent = next(s for s in doc.sentences if s.start <= v < s.end)
    return Event(event_id=verb, doc_id=doc.doc_id, sentence_index=sent.index, sentence_text=sent.text,
                 char_start=sent.start, char_end=sent.end, event_type="ASSAULT", verb_text=verb,
                 verb_start=v, verb_end=v + len(verb))  # fmt: skip


def test_places_seed_004_river_crossing_and_no_place(shared_dir: Path) -> None:
    path = shared_dir / "seeds" / "004_810c05d799e08baa.txt"
    if not path.is_file():
        pytest.skip("seed 004 is not present")
    doc = Document(doc_id="seed004", text=path.read_text(encoding="utf-8"), published=dt.date(2020, 11, 2))
    SpacyParser()(doc)
    crossed = _event(doc, "Oct. 25, 1950", "crossed")
    ordered = _event(doc, "Fearing that", "ordered")
    doc.events = [crossed, ordered]
    PlaceStage()(doc)
    assert (crossed.location_name, crossed.geo_precision) == ("Yalu River", "feature")
    assert crossed.latitude is not None and 39.0 < crossed.latitude < 42.0
    assert ordered.location_name is None and ordered.geo_precision == "unknown"
