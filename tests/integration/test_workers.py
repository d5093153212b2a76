"""Worker processes keep input order, bound the work in flight and turn a dead worker into error rows."""

from __future__ import annotations

import os

import pytest

from tidings import workers
from tidings.config import Settings
from tidings.model import Document


def _docs(n: int) -> list[Document]:
    return [Document(doc_id=f"d{i}", text=f"Text number {i}.") for i in range(n)]


def test_worker_count_defaults_to_the_cores() -> None:
    assert workers.worker_count(3) == 3
    assert workers.worker_count(0) == len(os.sched_getaffinity(0))


def test_code_documents_keeps_order_across_processes() -> None:
    out = list(workers.code_documents(_docs(11), Settings(workers=2, stages=[]), min_docs=0, chunk_size=3))
    assert [d.doc_id for d in out] == [f"d{i}" for i in range(11)]
    assert not any(d.error for d in out)


def test_small_inputs_are_coded_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for a small input")

    monkeypatch.setattr(workers, "_new_pool", no_pool)
    out = list(workers.code_documents(_docs(5), Settings(workers=2, stages=[]), min_docs=8))
    assert [d.doc_id for d in out] == [f"d{i}" for i in range(5)]


def _die(docs: list[Document]) -> list[Document]:
    if any(d.doc_id == "d4" for d in docs):
        os._exit(1)  # what the kernel's OOM killer looks like from here
    return docs


def test_a_dead_worker_turns_its_chunk_into_error_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_code_chunk", _die)
    out = list(workers.code_documents(_docs(9), Settings(workers=2, stages=[]), min_docs=0, chunk_size=3))
    assert [d.doc_id for d in out] == [f"d{i}" for i in range(9)]
    failed = {d.doc_id for d in out if d.error}
    assert {"d3", "d4", "d5"} <= failed
    assert "worker process died" in next(d.error for d in out if d.doc_id == "d4")
