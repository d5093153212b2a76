"""Store: round trip, idempotence, transactions, error rows, filters (in-memory DuckDB, hand-built docs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from tidings import analytics
from tidings.errors import FilterError, StoreError
from tidings.model import Actor, Claim, Document, Event, Mention, Quote, Sentence
from tidings.store import Store, event_where, table_columns


def make_doc(doc_id: str, *events: dict[str, Any], published: dt.date | None = None) -> Document:
    """A document with one sentence, one mention, the given events, a quote and a claim."""
    text = f"Sentence of {doc_id}. North Korea fired missiles."
    doc = Document(doc_id=doc_id, text=text, title=f"Title {doc_id}", published=published,
                   extras={"plugin": {"k": [1, 2]}})  # fmt: skip
    doc.sentences = [Sentence(0, 0, len(text), text)]
    doc.mentions = [Mention("North Korea", 20, 31, Actor(country="PRK", sector="GOV", kind="country"))]
    for i, fields in enumerate(events):
        base = {"event_id": f"{doc_id}-e{i}", "doc_id": doc_id, "sentence_index": 0, "sentence_text": text,
                "char_start": 0, "char_end": len(text), "event_type": "ASSAULT"}  # fmt: skip
        doc.events.append(Event(**{**base, **fields}))
    doc.quotes = [Quote(f"{doc_id}-q", doc_id, "we are ready", 0, 5, speaker_text="Lee Jong-sup",
                        speaker_country="KOR")]  # fmt: skip
    doc.claims = [Claim(f"{doc_id}-c", doc_id, "12,000", 0, 6, value=12000.0, counted="troops",
                        country="USA")]  # fmt: skip
    return doc


@pytest.fixture()
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        yield s


@pytest.fixture()
def filled(store: Store) -> Store:
    store.save(make_doc("a", {"source_country": "PRK", "target_country": "JPN", "event_date": "2022-03-05",
                              "confidence": 0.9, "trace": {"rule": "fire_at", "steps": ["a", "b"]}},
                        {"event_type": "THREATEN", "source_country": "PRK", "target_country": "USA",
                         "event_date": "2022", "factuality": "hypothetical", "confidence": 0.4}))  # fmt: skip
    store.save(make_doc("b", {"event_type": "ACCUSE", "source_country": "JPN", "target_country": "PRK",
                              "event_date": "2023-01-10", "factuality": "reported",
                              "confidence": 0.7}))  # fmt: skip
    return store


def test_store_round_trip_keeps_every_field(store: Store) -> None:
    doc = make_doc("a", {"source_country": "PRK", "latitude": 39.0, "trace": {"why": ["x"]}},
                   published=dt.date(2023, 3, 13))  # fmt: skip
    assert store.save(doc) is True
    event = store.event("a-e0")
    assert event is not None
    for name in store.columns("events"):
        expected = getattr(doc.events[0], name)
        assert event[name] == expected, name
    stored = store.document("a")
    assert stored is not None
    assert stored["text"] == doc.text
    assert stored["published"] == "2023-03-13"
    assert stored["extras"] == {"plugin": {"k": [1, 2]}}
    assert stored["n_events"] == 1 and stored["n_sentences"] == 1
    assert stored["sentences"][0]["end"] == len(doc.text)
    assert stored["mentions"][0]["country"] == "PRK"
    assert store.quotes(doc_id="a")[0]["speaker_text"] == "Lee Jong-sup"
    assert store.claims(doc_id="a")[0]["value"] == 12000.0


def test_store_resave_adds_zero_rows(filled: Store) -> None:
    before = filled.counts()
    assert filled.save(make_doc("a", {"source_country": "PRK"})) is False
    assert filled.counts() == before
    assert filled.has("a") and not filled.has("zzz")
    assert filled.known_ids() == {"a", "b"}


def test_store_failed_save_leaves_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Store._insert

    def broken(self: Store, table: str, rows: Any) -> None:
        if table == "events":
            raise RuntimeError("disk full")
        real(self, table, rows)

    monkeypatch.setattr(Store, "_insert", broken)
    with pytest.raises(RuntimeError):
        store.save(make_doc("a", {"source_country": "PRK"}))
    assert all(n == 0 for n in store.counts().values())
    monkeypatch.setattr(Store, "_insert", real)
    assert store.save(make_doc("a", {"source_country": "PRK"})) is True
    assert store.counts()["events"] == 1


def test_store_error_rows_are_idempotent_and_cleared_on_success(store: Store) -> None:
    bad = Document(doc_id="a", text="", source="a.txt", error="coder.rules.v1: ValueError: boom")
    assert store.save(bad) is True
    assert store.save(bad) is False
    [row] = store.errors()
    assert (row["source"], row["doc_id"], row["stage"]) == ("a.txt", "a", "coder.rules.v1")
    assert row["reason"] == "ValueError: boom"
    assert not store.has("a")
    assert [d["error"] for d in store.documents()] == ["ValueError: boom"]
    store.save(make_doc("a"))
    assert store.errors() == []
    assert store.documents()[0]["error"] is None


def test_store_record_error_without_document(store: Store) -> None:
    assert store.record_error("scan.pdf", "scan.pdf: binary file")
    [row] = store.errors()
    assert row["doc_id"] is None
    assert (row["stage"], row["reason"]) == ("ingest", "scan.pdf: binary file")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"a-e0", "a-e1", "b-e0"}),
        ({"type": "assault"}, {"a-e0"}),
        ({"type": "ASSAULT,ACCUSE"}, {"a-e0", "b-e0"}),
        ({"actor": "jpn"}, {"a-e0", "b-e0"}),
        ({"source": "PRK"}, {"a-e0", "a-e1"}),
        ({"target": "PRK"}, {"b-e0"}),
        ({"since": "2022-06-01"}, {"a-e1", "b-e0"}),  # "2022" overlaps the second half of 2022
        ({"until": "2022-03-04"}, {"a-e1"}),
        ({"since": "2022-01-01", "until": "2022-12-31"}, {"a-e0", "a-e1"}),
        ({"factuality": "reported"}, {"b-e0"}),
        ({"min_confidence": 0.7}, {"a-e0", "b-e0"}),
        ({"doc_id": "b"}, {"b-e0"}),
        ({"text": "NORTH korea"}, {"a-e0", "a-e1", "b-e0"}),
        ({"text": "nothing like this"}, set()),
    ],
)
def test_store_event_filters(filled: Store, filters: dict[str, Any], expected: set[str]) -> None:
    rows = filled.events(limit=None, **filters)
    assert {r["event_id"] for r in rows} == expected
    assert filled.count_events(**filters) == len(expected)


def test_store_events_order_limit_offset(filled: Store) -> None:
    by_conf = [r["confidence"] for r in filled.events(order="-confidence")]
    assert by_conf == sorted(by_conf, reverse=True)
    page = filled.events(limit=1, offset=1, order="-confidence")
    assert [r["event_id"] for r in page] == ["b-e0"]
    with pytest.raises(FilterError):
        filled.events(order="sideways")


def test_store_unknown_filter_is_an_error() -> None:
    with pytest.raises(FilterError, match="colour"):
        event_where(colour="red")


def test_store_quote_and_claim_filters(filled: Store) -> None:
    assert len(filled.quotes(speaker="lee")) == 2
    assert len(filled.quotes(speaker="KOR", doc_id="b")) == 1
    assert filled.quotes(speaker="nobody") == []
    assert len(filled.claims(about="troop")) == 2
    assert filled.claims(country="FRA") == []


def test_store_columns_follow_the_model() -> None:
    cols = table_columns()
    names = {n for n, _ in cols["events"]}
    assert {"event_id", "factuality", "claimant_text", "trace", "latitude"} <= names
    assert dict(cols["events"])["trace"] == "JSON"
    assert dict(cols["events"])["latitude"] == "DOUBLE"
    assert dict(cols["documents"])["published"] == "DATE"
    assert "parsed" not in dict(cols["documents"])


def test_store_read_only_refuses_writes_and_missing_files(tmp_path: Any) -> None:
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_analytics_summary_counts(filled: Store) -> None:
    result = analytics.summary(filled)
    assert result["events"] == 3 and result["documents"] == 2
    assert {r["value"]: r["n"] for r in result["by_type"]} == {"ASSAULT": 1, "THREATEN": 1, "ACCUSE": 1}
    assert result["top_actors"][0] == {"actor": "PRK", "n": 3, "as_source": 2, "as_target": 1}
    dyads = {(d["source"], d["target"]): d["n"] for d in result["top_dyads"]}
    assert dyads == {("PRK", "JPN"): 1, ("PRK", "USA"): 1, ("JPN", "PRK"): 1}


def test_analytics_dyad_series_and_graph(filled: Store) -> None:
    series = analytics.dyad_series(filled, "prk", "jpn", freq="month")
    assert series["periods"][0] == "2022-03" and series["periods"][-1] == "2023-01"
    assert len(series["periods"]) == 11  # every month between, empty ones included
    forward, back = series["directions"]
    assert (forward["key"], forward["counts"][0], sum(forward["counts"])) == ("PRK->JPN", 1, 1)
    assert (back["key"], back["counts"][-1], sum(back["counts"])) == ("JPN->PRK", 1, 1)
    g = analytics.graph(filled, types="ASSAULT,THREATEN")
    assert set(g.nodes) == {"PRK", "JPN", "USA"}
    assert g.edges["PRK", "JPN"]["types"] == "ASSAULT:1"
    assert not g.has_edge("JPN", "PRK")
    with pytest.raises(StoreError):
        analytics.dyad_series(filled, "PRK", "JPN", freq="week")


def test_store_save_many_mixed_batch(store: Store) -> None:
    store.save(make_doc("old"))
    bad = Document(doc_id="x", text="", source="x.txt", error="x.txt: empty")
    result = store.save_many([make_doc("new"), make_doc("old"), bad, make_doc("new")])
    assert result == [True, False, True, False]
    assert store.known_ids() == {"old", "new"}
    assert len(store.errors()) == 1


def test_store_save_many_is_all_or_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Store._insert

    def broken(self: Store, table: str, rows: Any) -> None:
        if table == "claims":
            raise RuntimeError("killed")
        real(self, table, rows)

    monkeypatch.setattr(Store, "_insert", broken)
    with pytest.raises(RuntimeError):
        store.save_many([make_doc("a", {"source_country": "PRK"}), make_doc("b")])
    assert all(n == 0 for n in store.counts().values())


def test_event_record_has_doc_title_and_claimant(tmp_path: Path) -> None:
    """The documented record (issue 3) carries the document title and the claimant as one string."""
    from tidings.model import Document, Event

    event = Event(event_id="e1", doc_id="d1", sentence_index=0, sentence_text="X said Y fired.", char_start=0,
                  char_end=15, event_type="ASSAULT", factuality="reported", claimant_text="X")  # fmt: skip
    with Store(tmp_path / "r.duckdb") as store:
        store.save(Document(doc_id="d1", text="X said Y fired.", title="A title", events=[event]))
        row = store.events()[0]
        assert (row["doc_title"], row["claimant"], row["factuality"]) == ("A title", "X", "reported")
        assert store.event("e1")["doc_title"] == "A title"
        assert {"doc_title", "claimant"} <= set(store.event_record_columns())
