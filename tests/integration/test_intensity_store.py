"""A store written before the intensity columns existed gets them, scored, when it is opened."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tidings.model import Document, Event
from tidings.store import Store


def test_old_store_events_get_goldstein_and_quad_on_open(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    doc = Document(doc_id="a", text="Envoys met. Rebels shelled a town.")
    doc.events = [
        Event(event_id="e1", doc_id="a", sentence_index=0, sentence_text="Envoys met.", char_start=0,
              char_end=11, event_type="CONSULT", cameo_code="040"),
        Event(event_id="e2", doc_id="a", sentence_index=1, sentence_text="Rebels shelled a town.", char_start=12,
              char_end=34, event_type="ASSAULT", cameo_code=None),
    ]  # fmt: skip
    with Store(db) as store:
        store.save(doc)
    con = duckdb.connect(str(db))
    for (name,) in con.execute("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'events'").fetchall():
        con.execute(f'DROP INDEX "{name}"')
    for column in ("goldstein", "quad_class", "fatalities", "injured"):
        con.execute(f"ALTER TABLE events DROP COLUMN {column}")
    con.execute('CREATE INDEX "ix_events_event_type" ON events (event_type)')  # old stores have indexes
    con.close()
    with Store(db) as store:
        rows = {r["event_id"]: r for r in store.events(limit=None)}
    assert (rows["e1"]["goldstein"], rows["e1"]["quad_class"]) == (1.0, 1)
    assert (rows["e2"]["goldstein"], rows["e2"]["quad_class"], rows["e2"]["fatalities"]) == (-9.0, 4, None)
