"""Robustness of the ingest stage on 1,257 real, noisy articles (read in place from ../shared)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tidings.model import Document
from tidings.stages.ingest import read_sources
from tidings.stages.ingest_clean import is_boilerplate

CORPUS = "corpus/indiapoliceevents.jsonl"
MOJIBAKE = ("\u00e2\u20ac", "\u00c3\u00a9")


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    path = shared_dir / CORPUS
    if not path.is_file():
        pytest.skip(f"{CORPUS} is not present")
    return path


@pytest.fixture(scope="module")
def docs(corpus: Path) -> list[Document]:
    return list(read_sources([corpus]))


def test_corpus_reads_every_record(corpus: Path, docs: list[Document]) -> None:
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(docs) == len(records)
    assert all(d.error is None and d.text for d in docs)
    assert [d.extras["ingest"]["external_id"] for d in docs] == [str(r["id"]) for r in records]
    assert all(d.published is not None and d.url for d in docs)


def test_corpus_has_no_mojibake_left(corpus: Path, docs: list[Document]) -> None:
    raw = corpus.read_text(encoding="utf-8")
    assert any(seq in raw for seq in MOJIBAKE)  # the test means something only if the input is damaged
    assert not [d.doc_id for d in docs if any(seq in d.text for seq in MOJIBAKE)]


def test_corpus_boilerplate_lines_removed(docs: list[Document]) -> None:
    assert sum(d.extras["ingest"]["removed_lines"] for d in docs) > 0
    for doc in docs:
        lines = [line for line in doc.text.split("\n") if line.strip()]
        assert not any(is_boilerplate(line) for line in lines)
        assert not lines[0].startswith("This story is from")
        assert lines[-1] != "Facebook Twitter Linkedin Mail"


def test_corpus_ids_are_stable_and_unique_except_true_duplicates(corpus: Path, docs: list[Document]) -> None:
    again = list(read_sources([corpus]))
    assert [d.doc_id for d in again] == [d.doc_id for d in docs]
    texts_by_id: dict[str, set[str]] = {}
    for doc in docs:
        texts_by_id.setdefault(doc.doc_id, set()).add(" ".join(doc.text.split()))
    assert all(len(texts) == 1 for texts in texts_by_id.values())  # a shared id means the same text
    counts = Counter(d.doc_id for d in docs)
    assert len(counts) > 0.99 * len(docs)
