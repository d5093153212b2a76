"""The read API's response cache and ETags (tidings.api.cache): a repeated read skips the store, and any
write (by this server or by another store handle) is seen by the next read."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api import build_documents

from tidings.api.cache import ResponseCache, generation
from tidings.model import Document, Sentence
from tidings.store import Store

EVENTS = "/api/events?limit=2&sort=confidence&order=desc"


@pytest.fixture()
def db_path(store_of: Any) -> str:
    return str(store_of(build_documents(), name="cache.duckdb"))


@pytest.fixture()
def client(client_of: Any, db_path: str) -> TestClient:
    return client_of(db_path)  # type: ignore[no-any-return]


def _extra_document() -> Document:
    """A third document with a copy of an event of the first (new ids), stored behind the server's back."""
    first = build_documents()[0]
    text = "Talks on the border resumed in Panmunjom on Friday."
    doc = Document(doc_id="doc-three", text=text, title="Border talks", published=dt.date(2023, 4, 7),
                   source="t")
    doc.sentences = [Sentence(0, 0, len(text), text)]
    doc.events = [dataclasses.replace(first.events[0], event_id="doc-three-e0", doc_id="doc-three",
                                      sentence_index=0, sentence_text=text, confidence=0.99)]  # fmt: skip
    return doc


def test_api_cache_repeated_read_is_a_hit_with_the_same_body_and_etag(client: TestClient) -> None:
    first = client.get(EVENTS)
    second = client.get(EVENTS)
    assert first.status_code == second.status_code == 200
    assert (first.headers["x-tidings-cache"], second.headers["x-tidings-cache"]) == ("miss", "hit")
    assert first.content == second.content and first.headers["etag"] == second.headers["etag"]
    assert int(second.headers["content-length"]) == len(second.content)
    assert second.json()["total"] == 4


def test_api_cache_if_none_match_answers_304_until_the_store_changes(client: TestClient,
                                                                      db_path: str) -> None:
    etag = client.get(EVENTS).headers["etag"]
    again = client.get(EVENTS, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    with Store(db_path) as store:
        store.save(_extra_document())
    changed = client.get(EVENTS, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_api_cache_write_by_another_store_handle_is_seen_by_the_next_read(client: TestClient,
                                                                          db_path: str) -> None:
    before = client.get(EVENTS).json()
    assert client.get(EVENTS).headers["x-tidings-cache"] == "hit"
    with Store(db_path) as store:  # another process would write the file the same way
        store.save(_extra_document())
    after = client.get(EVENTS)
    assert after.headers["x-tidings-cache"] == "miss"
    assert (before["total"], after.json()["total"]) == (4, 5)
    assert after.json()["items"][0]["event_id"] == "doc-three-e0"  # confidence 0.99 sorts first
    # Another page of the same filter: its count comes from the totals cache and agrees.
    assert client.get(EVENTS + "&offset=2").json()["total"] == 5


def test_api_cache_a_review_posted_to_the_server_empties_it(client: TestClient) -> None:
    listed = client.get(EVENTS).json()["items"]
    event_id = listed[0]["event_id"]
    assert listed[0]["review"] is None
    assert client.post(f"/api/events/{event_id}/review", json={"verdict": "right"}).status_code == 201
    fresh = client.get(EVENTS)
    assert fresh.headers["x-tidings-cache"] == "miss"
    assert fresh.json()["items"][0]["review"] == "right"
    assert client.post(f"/api/events/{event_id}/review", json={"verdict": "wrong"}).status_code == 201
    assert [i["review"] for i in client.get(EVENTS).json()["items"]] == ["wrong", None]  # the latest counts


@pytest.mark.parametrize(
    "path",
    ["/api/events?limit=9999", "/api/events/nope", "/api/export?format=csv"],
    ids=["422", "404", "download"],
)
def test_api_cache_keeps_only_json_200_answers(client: TestClient, path: str) -> None:
    for _ in range(2):
        response = client.get(path)
        assert "x-tidings-cache" not in response.headers
    assert len(client.app.state.cache) == 0  # type: ignore[attr-defined]


def test_api_cache_off_still_answers_with_etags(client_of: Any, db_path: str) -> None:
    plain = client_of(db_path, cache=0)
    answers = [plain.get(EVENTS) for _ in range(2)]
    assert [a.headers["x-tidings-cache"] for a in answers] == ["miss", "miss"]
    assert answers[0].headers["etag"] == answers[1].headers["etag"]


def test_generation_changes_with_each_commit_and_not_with_reads(db_path: str) -> None:
    start = generation(db_path)
    assert start is not None and generation(db_path) == start
    with Store(db_path, read_only=True) as reader:
        reader.count_events()
    assert generation(db_path) == start
    seen = {start}
    with Store(db_path) as store:
        store.set_meta("probe", "1")  # a commit with the file still open (the log grows)
        seen.add(generation(db_path))
        store.set_meta("probe", "2")
        seen.add(generation(db_path))
    seen.add(generation(db_path))  # closing checkpoints: the database header is rewritten
    assert len(seen) == 4
    assert generation(":memory:") is None and generation(str(Path(db_path).with_name("none.duckdb"))) is None


def test_response_cache_drops_least_recent_and_ignores_answers_from_before_a_clear() -> None:
    cache = ResponseCache(entries=2)
    for key in ("a", "b", "c"):
        cache.put(key, key.encode(), [], b'"x"', cache.epoch)
    assert cache.get("a") is None and cache.get("c") is not None and len(cache) == 2
    epoch = cache.epoch
    cache.clear()
    cache.put("d", b"d", [], b'"x"', epoch)  # computed before the clear: not kept
    assert cache.get("d") is None
