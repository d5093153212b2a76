"""Exports written from a store can be read back: parquet, csv, jsonl, PLOVER-JSON, GraphML."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest

from tidings.errors import ExportError
from tidings.export import export, plover_record
from tidings.model import Claim, Document, Event, Quote
from tidings.store import Store


def _doc(doc_id: str, event_type: str, source: str, target: str, date: str, **extra: object) -> Document:
    doc = Document(doc_id=doc_id, text=f"{source} and {target}.", title=f"About {doc_id}")
    doc.events = [Event(event_id=f"{doc_id}-e", doc_id=doc_id, sentence_index=0, sentence_text=doc.text,
                        char_start=0, char_end=len(doc.text), event_type=event_type, source_country=source,
                        target_country=target, event_date=date, trace={"rule": event_type},
                        **extra)]  # fmt: skip
    doc.quotes = [Quote(f"{doc_id}-q", doc_id, "quoted words", 0, 3, speaker_text="a minister")]
    doc.claims = [Claim(f"{doc_id}-c", doc_id, "3 ships", 0, 3, value=3.0, counted="ships")]
    return doc


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "x.duckdb") as s:
        s.save(_doc("a", "ASSAULT", "PRK", "KOR", "2023-03", event_mode="aerial", factuality="hypothetical",
                    source_sector="MIL", location_name="Yeonpyeong", latitude=37.6,
                    longitude=125.7))  # fmt: skip
        s.save(_doc("b", "SANCTION", "USA", "PRK", "2023-04-02"))
        yield s


def test_export_parquet_with_quotes(store: Store, tmp_path: Path) -> None:
    files = export(store, "parquet", tmp_path / "out" / "events.parquet", with_quotes=True, type="ASSAULT")
    assert [f.name for f in files] == ["events.parquet", "quotes.parquet", "claims.parquet"]
    table = pq.read_table(files[0])
    assert table.column_names == store.event_record_columns()
    assert table.column("event_id").to_pylist() == ["a-e"]
    assert pq.read_table(files[1]).column("quote_id").to_pylist() == ["a-q"]
    assert pq.read_table(files[2]).column("value").to_pylist() == [3.0]


def test_export_csv_header_and_rows(store: Store, tmp_path: Path) -> None:
    files = export(store, "csv", tmp_path / "ev.csv", with_quotes=True)
    with files[0].open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == store.event_record_columns()
    assert [r["event_type"] for r in rows] == ["ASSAULT", "SANCTION"]
    assert json.loads(rows[0]["trace"]) == {"rule": "ASSAULT"}
    assert [f.name for f in files[1:]] == ["ev.quotes.csv", "ev.claims.csv"]
    assert "speaker_text" in files[1].read_text(encoding="utf-8").splitlines()[0]


def test_export_jsonl_records(store: Store, tmp_path: Path) -> None:
    [path] = export(store, "jsonl", tmp_path / "ev.jsonl", actor="USA")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 1
    assert set(store.event_record_columns()) == set(records[0])
    assert records[0]["source_country"] == "USA" and records[0]["trace"] == {"rule": "SANCTION"}


def test_export_plover_json(store: Store, tmp_path: Path) -> None:
    [path] = export(store, "plover-json", tmp_path / "plover.json")
    records = json.loads(path.read_text(encoding="utf-8"))
    first = records[0]
    assert first["id"] == "a-e" and first["date"] == "2023-03-01"
    assert first["actor"] == [{"code": "PRK", "sector": "MIL"}]
    assert first["recipient"] == [{"code": "KOR"}]
    assert first["event"] == ["ASSAULT"] and first["mode"] == ["aerial"]
    assert "hypothetical" in first["context"]
    assert first["quad_code"] == 4
    assert first["event_loc"]["name"] == "Yeonpyeong"
    assert first["text_info"]["title"] == "About a"
    assert records[1]["date"] == "2023-04-02" and records[1]["context"] == []


def test_plover_record_falls_back_to_publication_date() -> None:
    row = {"event_id": "x", "doc_id": "d", "event_type": "AID", "event_date": None}
    record = plover_record(row, {"published": "2020-05-06"})
    assert record["date"] == "2020-05-06" and record["tidings"]["date_precision"] == "publication"
    assert record["quad_code"] == 2 and "recipient" not in record


def test_export_graphml(store: Store, tmp_path: Path) -> None:
    [path] = export(store, "graphml", tmp_path / "g.graphml")
    g = nx.read_graphml(path)
    assert set(g.edges) == {("PRK", "KOR"), ("USA", "PRK")}
    assert g.edges["USA", "PRK"]["weight"] == 1


def test_export_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="xlsx"):
        export(store, "xlsx", tmp_path / "x.xlsx")
