"""Store files on disk: persistence, migrations that add columns, schema version checks."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import tidings.store as store_module
from tidings.errors import SchemaVersionError, StoreError
from tidings.model import Document, Event
from tidings.store import SCHEMA_VERSION, Store


def _doc(doc_id: str) -> Document:
    doc = Document(doc_id=doc_id, text="Japan protested.", title="T")
    doc.events = [Event(event_id=f"{doc_id}-e", doc_id=doc_id, sentence_index=0, sentence_text=doc.text,
                        char_start=0, char_end=len(doc.text), event_type="ACCUSE",
                        cameo_code="111")]  # fmt: skip
    return doc


def test_store_persists_across_reopen(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "news.duckdb"
    with Store(db) as store:
        store.save(_doc("a"))
    with Store(db, read_only=True) as store:
        assert store.known_ids() == {"a"}
        assert store.event("a-e")["cameo_code"] == "111"
        with pytest.raises(StoreError, match="read-only"):
            store.save(_doc("b"))


def test_store_migration_restores_a_missing_column(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.save(_doc("a"))
    con = duckdb.connect(str(db))
    # A store written before the last field existed (DuckDB alters a table only without its indexes).
    indexes = con.execute("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'events'").fetchall()
    for (name,) in indexes:
        con.execute(f'DROP INDEX "{name}"')
    con.execute("ALTER TABLE events DROP COLUMN trace")
    con.close()
    with Store(db) as store:
        row = store.event("a-e")
        assert "trace" in row and row["trace"] is None
        doc = _doc("b")
        doc.events[0].trace = {"steps": ["x"]}
        store.save(doc)
        assert store.event("b-e")["trace"] == {"steps": ["x"]}


def test_store_migration_adds_a_new_model_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "news.duckdb"
    with Store(db) as store:
        store.save(_doc("a"))
    real = store_module.table_columns

    def with_new_field() -> dict[str, list[tuple[str, str]]]:
        cols = real()
        cols["events"] = [*cols["events"], ("magnitude_dead", "BIGINT")]
        return cols

    monkeypatch.setattr(store_module, "table_columns", with_new_field)
    with Store(db) as store:
        assert "magnitude_dead" in store.columns("events")
        assert store.event("a-e")["magnitude_dead"] is None
        assert store.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION)


def test_store_refuses_a_newer_schema(tmp_path: Path) -> None:
    db = tmp_path / "future.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(SchemaVersionError, match="newer"):
        Store(db)
