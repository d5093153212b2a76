"""Pipeline: order checking, error policies, batching fallback."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from tidings.errors import PluginError, StageError
from tidings.model import Document
from tidings.pipeline import Pipeline, load_stage
from tidings.config import Settings


class Upper:
    name = "test.upper"
    needs = frozenset({"text"})
    adds = frozenset({"upper"})

    def __call__(self, doc: Document) -> Document:
        doc.extras["upper"] = doc.text.upper()
        return doc


class NeedsUpper:
    name = "test.needs_upper"
    needs = frozenset({"upper"})
    adds = frozenset({"length"})

    def __call__(self, doc: Document) -> Document:
        if "boom" in doc.text:
            raise ValueError("boom found")
        doc.extras["length"] = len(doc.extras["upper"])
        return doc


class BatchFailsOnBad(Upper):
    name = "test.batch"

    def __init__(self) -> None:
        self.batches = 0

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        self.batches += 1
        for doc in docs:
            if "bad" in doc.text:
                raise RuntimeError("bad document in batch")
            yield self(doc)


def _docs(*texts: str) -> list[Document]:
    return [Document(doc_id=f"d{i}", text=t) for i, t in enumerate(texts)]


def test_pipeline_rejects_wrong_order_when_built() -> None:
    with pytest.raises(PluginError, match="needs"):
        Pipeline([NeedsUpper(), Upper()])


def test_pipeline_record_policy_keeps_failed_document_with_reason() -> None:
    out = list(Pipeline([Upper(), NeedsUpper()]).run(_docs("fine", "boom here", "also fine")))
    assert [d.doc_id for d in out] == ["d0", "d1", "d2"]
    assert out[1].error is not None and "boom found" in out[1].error
    assert out[0].extras["length"] == 4 and out[2].error is None


def test_pipeline_skip_policy_drops_failed_document() -> None:
    out = list(Pipeline([Upper(), NeedsUpper()], on_error="skip").run(_docs("a", "boom", "b")))
    assert [d.doc_id for d in out] == ["d0", "d2"]


def test_pipeline_raise_policy_wraps_in_stage_error() -> None:
    with pytest.raises(StageError) as info:
        list(Pipeline([Upper(), NeedsUpper()], on_error="raise").run(_docs("boom")))
    assert info.value.doc_id == "d0" and info.value.stage == "test.needs_upper"


def test_pipeline_batch_failure_falls_back_to_single_documents() -> None:
    stage = BatchFailsOnBad()
    out = list(Pipeline([stage]).run(_docs("one", "bad", "three")))
    assert {d.doc_id for d in out} == {"d0", "d1", "d2"}
    assert all(d.extras.get("upper") for d in out)  # single-document calls do not fail on "bad"
    assert stage.batches == 1


def test_pipeline_documents_with_errors_pass_through_untouched() -> None:
    doc = Document(doc_id="e", text="", error="unreadable")
    out = list(Pipeline([Upper()]).run([doc]))
    assert out[0].error == "unreadable" and "upper" not in out[0].extras


def test_load_stage_unknown_name_lists_installed() -> None:
    with pytest.raises(PluginError, match="installed: .*parse.spacy.v1"):
        load_stage("coder.nope.v9", Settings())
