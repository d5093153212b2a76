"""Cutting long texts at paragraph boundaries and the hard length limit at ingest (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.stages import chunking
from tidings.stages.chunking import paragraph_chunks
from tidings.stages.ingest import read_sources


def _paragraphs(n: int) -> str:
    return "\n\n".join(f"Paragraph {i} says the council met again. Nobody left early." for i in range(n))


@pytest.mark.parametrize("max_chars", [50, 120, 400, 10_000])
def test_paragraph_chunks_tile_the_text_within_the_limit(max_chars: int) -> None:
    text = _paragraphs(40)
    ranges = paragraph_chunks(text, max_chars)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in zip(ranges, ranges[1:]))
    assert all(0 < end - start <= max_chars for start, end in ranges)


def test_paragraph_chunks_cut_after_blank_lines_when_they_fit() -> None:
    text = _paragraphs(10)
    ranges = paragraph_chunks(text, 200)
    assert len(ranges) > 1
    for start, _ in ranges[1:]:
        assert text[start - 2 : start] == "\n\n"  # each chunk begins a paragraph


def test_paragraph_chunks_hard_cut_without_any_whitespace() -> None:
    text = "x" * 1000
    assert paragraph_chunks(text, 300) == [(0, 300), (300, 600), (600, 900), (900, 1000)]


def test_paragraph_chunks_short_text_is_one_chunk() -> None:
    assert paragraph_chunks("Short.", 100) == [(0, 6)]


def test_ingest_text_over_hard_limit_is_an_error_row_with_its_line(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tidings.stages.ingest.MAX_TEXT_CHARS", 500)
    path = tmp_path / "docs.jsonl"
    rows = [{"text": "The mayor opened a bridge."}, {"text": "word " * 200}, {"text": "Rain fell all day."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = list(read_sources([path]))
    assert [bool(d.error) for d in docs] == [False, True, False]
    assert "line 2" in docs[1].error and "too long" in docs[1].error
    assert docs[1].extras["ingest"]["line"] == 2


def test_ingest_csv_row_over_hard_limit_names_its_line(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setattr("tidings.stages.ingest.MAX_TEXT_CHARS", 500)
    path = tmp_path / "docs.csv"
    path.write_text("id,text\na,Ministers met in the capital.\nb," + "long " * 200 + "\n", encoding="utf-8")
    docs = list(read_sources([path]))
    assert [bool(d.error) for d in docs] == [False, True]
    assert "line 3" in docs[1].error and "limit is 500" in docs[1].error


def test_default_hard_limit_is_five_million_characters() -> None:
    assert chunking.MAX_TEXT_CHARS == 5_000_000
