"""Issue 12 end to end with the real parser: one resolver through the pipeline, the document's country for
generic actors on events, and offices at the event's date. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.config import Settings
from tidings.model import Document
from tidings.pipeline import Pipeline

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline.from_settings(Settings(), on_error="raise")


def _run(pipe: Pipeline, text: str, published: dt.date | None) -> Document:
    (doc,) = list(pipe.run([Document(Document.make_id(text), text, published=published)]))
    return doc


def test_one_resolver_serves_every_stage(pipe: Pipeline) -> None:
    engines = {id(getattr(s, "resolver", None)) for s in pipe.stages if getattr(s, "resolver", None) is not None}
    assert len(engines) == 1


def test_generic_police_on_an_event_take_the_document_country(pipe: Pipeline) -> None:
    text = ("Police arrested two militants in Anantnag on Tuesday. "
            "The militants had attacked an army camp, officials said.")  # fmt: skip
    doc = _run(pipe, text, dt.date(2019, 6, 3))
    police = [e for e in doc.events if (e.source_text or "").lower().endswith("police")]
    assert police and all(e.source_country == "IND" and e.source_sector == "COP" for e in police)
    militants = [e for e in doc.events if (e.source_text or "").lower().endswith("militants")]
    assert all(e.source_country == "IND" for e in militants)


def test_office_is_read_at_the_event_date_not_the_publication_date(pipe: Pipeline) -> None:
    text = "In October 1950, Mao Zedong ordered the army to cross the Yalu River."
    doc = _run(pipe, text, dt.date(2020, 11, 2))
    mao = [e for e in doc.events if e.source_actor_id == "chn.mao"]
    assert mao, [(e.source_text, e.source_actor_id) for e in doc.events]
    assert all(e.source_role != "former" and e.source_sector in ("GOV", "PTY") for e in mao)
    assert any("roles" in e.trace for e in mao)


def test_no_date_at_all_leaves_the_office_unresolved(pipe: Pipeline) -> None:
    doc = _run(pipe, "Mao Zedong ordered the army to cross the river.", None)
    mao = [e for e in doc.events if e.source_actor_id == "chn.mao"]
    assert mao and all(e.source_role is None for e in mao)
