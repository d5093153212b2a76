"""Quotes and claims on a real analysis page (../shared/seeds/000_*), read in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tidings.model import Document
from tidings.stages.claims import ClaimStage
from tidings.stages.parse import SpacyParser
from tidings.stages.quotes import QuoteStage

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def page(shared_dir: Path, nlp: Any) -> Document:
    path = next(shared_dir.glob("seeds/000_*.txt"), None)
    if path is None:
        pytest.skip("seed 000 is not present")
    doc = SpacyParser()(Document(doc_id="seed000", text=path.read_text(encoding="utf-8")))
    quotes, claims = QuoteStage(), ClaimStage()
    quotes.resolve = claims.resolve = None  # the checks below are about spans and speakers, not actors
    return claims(quotes(doc))


def test_quotes_seed_direct_quote_by_simone_chun(page: Document) -> None:
    direct = [q for q in page.quotes if q.kind == "direct" and q.speaker_text and "Simone Chun" in q.speaker_text]
    assert len(direct) >= 2
    assert all(page.text[q.start:q.end] == q.text for q in direct)


def test_quotes_seed_pronoun_speakers_resolved(page: Document) -> None:
    assert not [q for q in page.quotes if (q.speaker_text or "").lower() in ("she", "he")]


def test_quotes_seed_scare_quotes_skipped(page: Document) -> None:
    assert not [q for q in page.quotes if q.kind == "direct" and len(q.text.split()) <= 3 and q.speaker_text is None]


def test_claims_seed_nearly_30000_forces(page: Document) -> None:
    hits = [c for c in page.claims if c.value == 30000 and c.qualifier == "nearly"]
    assert hits and hits[0].counted in ("forces", "troops")


def test_claims_seed_400_out_of_800(page: Document) -> None:
    hits = [c for c in page.claims if c.kind == "ratio" and (c.value, c.total) == (400, 800)]
    assert hits and "bases" in (hits[0].counted or "")


def test_claims_seed_poll_61_percent(page: Document) -> None:
    polls = [c for c in page.claims if c.kind == "poll" and c.value == 61]
    assert polls and polls[0].population == "South Koreans"
    assert (polls[0].proposition or "").startswith("support relaxing sanctions")
    assert polls[0].date == "2021"


def test_claims_seed_years_are_not_claims(page: Document) -> None:
    assert not [c for c in page.claims if c.value is not None and 1900 <= c.value <= 2030 and c.kind == "count"]


def test_quotes_seed_full_pipeline_marks_events_reported(shared_dir: Path, nlp: Any) -> None:
    """With the real actors and coder stages, events inside Simone Chun's quotations are reported by her."""
    from tidings.errors import PluginError
    from tidings.pipeline import Pipeline

    path = next(shared_dir.glob("seeds/000_*.txt"), None)
    if path is None:
        pytest.skip("seed 000 is not present")
    text = path.read_text(encoding="utf-8")
    first_post = text[: text.index("Continue reading")]  # the first post holds the quotations
    try:
        pipe = Pipeline.from_settings(names=["parse.spacy.v1", "actors.kb.v1", "coder.rules.v1", "quotes.v1",
                                             "claims.v1"], on_error="raise")  # fmt: skip
    except PluginError as exc:
        pytest.skip(f"a stage is missing: {exc}")
    (doc,) = pipe.run([Document(doc_id="seed000a", text=first_post)])
    reported = [e for e in doc.events if e.factuality == "reported" and "Simone" in (e.claimant_text or "")]
    assert reported
    for event in reported:
        assert any(q.start <= (event.verb_start or -1) < q.end for q in doc.quotes)
    assert any(c.country == "USA" for c in doc.claims if c.value == 30000)


@pytest.mark.parametrize("n_docs", [40])
def test_quotes_claims_corpus_invariants(shared_dir: Path, nlp: Any, n_docs: int) -> None:
    """Real news articles: no failure, offsets match the text, ids unique, parents exist."""
    import json

    path = shared_dir / "corpus" / "indiapoliceevents.jsonl"
    if not path.exists():
        pytest.skip("corpus not present")
    lines = path.read_text(encoding="utf-8").splitlines()[:n_docs]
    parser, quotes, claims = SpacyParser(), QuoteStage(), ClaimStage()
    quotes.resolve = claims.resolve = None
    for line in lines:
        row = json.loads(line)
        doc = claims(quotes(parser(Document(doc_id=row["id"], text=row["text"]))))
        ids = {q.quote_id for q in doc.quotes}
        assert len(ids) == len(doc.quotes)
        assert len({c.claim_id for c in doc.claims}) == len(doc.claims)
        for q in doc.quotes:
            assert doc.text[q.start:q.end] == q.text and q.start < q.end
            assert q.kind in ("direct", "indirect")
            assert q.parent_quote_id is None or q.parent_quote_id in ids
            if q.speaker_start is not None:
                assert doc.text[q.speaker_start:q.speaker_end] == q.speaker_text
        for c in doc.claims:
            assert doc.text[c.start:c.end] == c.text and c.value is not None
