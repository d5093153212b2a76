"""Issue 16 parts 3 and 5: a merge that did not finish is redone, the API ingests like the CLI, and every
failure is a typed record with a clear message (no spaCy: empty pipelines and hand-built documents)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tidings.api import create_app
from tidings.cli import cli
from tidings.config import Settings
from tidings.errors import FilterError, IngestError, ParseError, TidingsError
from tidings.model import Document
from tidings.pipeline import Pipeline
from tidings.runner import code_text, ingest, ingest_documents
from tidings.stages.parse import MAX_LENGTH, check_length
from tidings.store import Store

from test_api import build_documents  # same folder (pytest puts it on sys.path)


def _empty(db: Path) -> Settings:
    return Settings(db=str(db), stages=[])


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_issue_16_killed_merge_is_redone_on_the_next_run(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    store = Store(db, hold=False)
    # Documents saved but the merge never ran, as when a run is killed between its last batch and the merge.
    store.save_many(build_documents())
    assert store.stale("event_groups")
    report = ingest_documents([], store, _empty(db))
    assert report.added == 0
    assert not store.stale("event_groups")


def test_issue_16_merge_marker_is_cleared_only_by_the_merges_last_write(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert not store.stale("event_groups")
        store.save_many(build_documents())
        assert store.stale("event_groups")
        store.save_many(build_documents())  # nothing new: stays stale, nothing else changes
        assert store.stale("event_groups")
        store.replace_rows("event_groups", [])  # a merge under way: not finished yet
        assert store.stale("event_groups")
        store.replace_keyed("merge_keys", [], [])  # the merge's index, written last, ends it
        assert not store.stale("event_groups")


def test_issue_16_api_ingest_runs_the_merge_like_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "api.duckdb"
    with Store(db) as store:
        store.save_many(build_documents())
    app = create_app(str(db), settings=_empty(db))
    with TestClient(app) as client:
        response = client.post("/api/ingest", json={"text": "The port authority met dock workers on Friday."})
        assert response.status_code == 201, response.text
        assert response.json()["documents"][0]["new"] is True
    with Store(db, read_only=True) as store:
        assert not store.stale("event_groups")
        assert store.count_documents() == 3


def test_issue_16_failures_are_typed_rows_with_lines(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "feed.jsonl", ['{"text": "The mayor opened the new bridge."}', "{not json",
                                              '{"title": "no body"}'])  # fmt: skip
    db = tmp_path / "s.duckdb"
    report = ingest([source], _empty(db))
    assert (report.added, report.failed) == (1, 2)
    by_line = {e["line"]: e for e in report.errors}
    assert set(by_line) == {2, 3}
    assert by_line[2]["stage"] == "ingest" and by_line[2]["kind"] == "IngestError"
    assert by_line[2]["message"].startswith("invalid JSON")
    with Store(db, read_only=True) as store:
        rows = {r["line"]: r for r in store.errors()}
    assert rows[3]["kind"] == "IngestError" and rows[3]["stage"] == "ingest"
    assert rows[3]["reason"] == "no 'text' field"  # the message only: the source is its own column
    assert rows[3]["source"] == str(source)


class _Boom:
    name = "boom.v1"
    needs: frozenset[str] = frozenset()
    adds: frozenset[str] = frozenset()

    def __call__(self, doc: Document) -> Document:
        raise ValueError(f"cannot handle {doc.title}")


def test_issue_16_stage_failure_record_has_type_stage_and_line(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "feed.jsonl", ['{"text": "First note about the harbour."}',
                                              '{"text": "Second note about the harbour.", "title": "B"}'])  # fmt: skip
    store = Store(tmp_path / "s.duckdb", hold=False)
    from tidings.stages.ingest import read_sources

    report = ingest_documents(read_sources([source]), store, _empty(tmp_path / "s.duckdb"),
                              pipeline=Pipeline([_Boom()]))  # fmt: skip
    assert report.failed == 2
    rows = sorted(store.errors(), key=lambda r: r["line"])
    assert [(r["stage"], r["kind"], r["line"]) for r in rows] == [("boom.v1", "ValueError", 1),
                                                                 ("boom.v1", "ValueError", 2)]  # fmt: skip
    assert rows[1]["reason"] == "cannot handle B"


def test_issue_16_oversized_document_has_a_short_parse_error() -> None:
    doc = Document(doc_id="big", text="word " * (MAX_LENGTH // 5 + 1))
    with pytest.raises(ParseError, match=r"too long to parse: [\d,]+ characters, the limit is 5,000,000"):
        check_length(doc)
    check_length(Document(doc_id="small", text="A short note."))


@pytest.mark.parametrize("text", ["Rain in the \ud800 valley.", "\udfff"])
def test_issue_16_code_text_lone_surrogate_is_a_tidings_error(text: str) -> None:
    with pytest.raises(IngestError, match="lone surrogate"):
        code_text(text, settings=Settings(stages=[]))


def test_issue_16_filter_error_is_in_the_tree() -> None:
    assert issubclass(FilterError, TidingsError)


def test_issue_16_cli_names_the_failed_file_once(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    source = _jsonl(tmp_path / "feed.jsonl", ["[1, 2]"])
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(tmp_path / "empty.txt"), str(source), "--db",
                                 str(tmp_path / "s.duckdb"), "-q"])  # fmt: skip
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("failed:")]
    assert len(lines) == 2
    for line in lines:
        assert line.count(str(tmp_path)) == 1, line
    assert any(f"{source}: line 1: expected a JSON object" in line for line in lines)


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    db = tmp_path / "api.duckdb"
    with Store(db) as store:
        store.save_many(build_documents())
    with TestClient(create_app(str(db))) as test_client:
        yield test_client


@pytest.mark.parametrize("params", [{"offset": "99999999999999999999"}, {"offset": 10**10},
                                    {"after": "not-a-cursor"}, {"after": "WzEsMl0"}])  # fmt: skip
def test_issue_16_api_range_and_cursor_errors_are_422(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert set(response.json()) == {"error", "detail"}


@pytest.mark.parametrize(("sort", "order"), [("event_date", "asc"), ("confidence", "desc"),
                                              ("target_country", "asc"), ("cameo_code", "desc")])  # fmt: skip
def test_issue_16_api_keyset_pages_match_offset_pages(client: TestClient, sort: str, order: str) -> None:
    everything = client.get("/api/events", params={"sort": sort, "order": order, "limit": 500}).json()["items"]
    seen: list[str] = []
    params: dict[str, Any] = {"sort": sort, "order": order, "limit": 1}
    while True:
        page = client.get("/api/events", params=params).json()
        seen += [item["event_id"] for item in page["items"]]
        if not page["next"]:
            break
        params["after"] = page["next"]
    assert seen == [item["event_id"] for item in everything]


def test_issue_16_api_store_errors_do_not_name_the_file(tmp_path: Path) -> None:
    db = tmp_path / "deep" / "folder" / "api.duckdb"
    with Store(db) as store:
        store.save_many(build_documents())
    app = create_app(str(db))
    with TestClient(app, raise_server_exceptions=False) as client:
        Path(db).unlink()  # the file vanishes under the server
        Path(str(db) + ".wal").unlink(missing_ok=True)
        response = client.get("/api/events")
    assert response.status_code >= 500
    body = json.dumps(response.json())
    assert str(tmp_path) not in body and "deep/folder" not in body


def test_issue_16_lone_surrogates_from_json_escapes(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "feed.jsonl", ['{"text": "Broken \\ud800 escape in the body."}',
                                              '{"text": "A sound body.", "title": "Bad \\udfff title"}'])  # fmt: skip
    from tidings.stages.ingest import read_sources

    first, second = read_sources([source])
    assert first.failure is not None and "lone surrogate" in first.failure.message and first.failure.line == 1
    assert second.error is None and second.title == "Bad \ufffd title"


def test_issue_16_lone_surrogate_in_page_text_is_an_error_document() -> None:
    from tidings.stages.ingest import _page_documents
    from tidings.stages.ingest_meta import TextMeta

    (doc,) = _page_documents("Text with a \udc80 stray half.", "stdin", "text", url=None, given=TextMeta())
    assert doc.failure is not None and "lone surrogate" in doc.failure.message
