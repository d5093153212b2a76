"""The core commands through click's CliRunner: output formats, exit codes 0/1/2, stdin, demo.

Ingest runs an empty pipeline here (no spaCy) unless a test is marked ``model``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

import tidings.config
from tidings.cli import cli
from tidings.model import Document, Event
from tidings.store import Store

pytest.importorskip("tidings.stages.ingest")


@pytest.fixture()
def no_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Default settings build an empty pipeline: ingest stores documents without parsing them."""
    monkeypatch.setattr(tidings.config, "DEFAULT_STAGES", ())
    monkeypatch.delenv("TIDINGS_DB", raising=False)


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, city in enumerate(["Oslo", "Rome", "Lima"]):
        text = f"Talks in {city}\n\nEnvoys met in {city} on {i + 1} May.\n"
        (folder / f"{i}.txt").write_text(text, "utf-8")
    return folder


@pytest.fixture()
def events_db(tmp_path: Path) -> Path:
    db = tmp_path / "events.duckdb"
    with Store(db) as store:
        for i, (kind, src, tgt) in enumerate([("ASSAULT", "PRK", "KOR"), ("ACCUSE", "KOR", "PRK"),
                                             ("AID", "USA", "UKR")]):  # fmt: skip
            text = f"Sentence {i} about {src} and {tgt}."
            doc = Document(doc_id=f"d{i}", text=text, title=f"Story {i}", author="A. Writer")
            doc.events = [Event(event_id=f"e{i}", doc_id=doc.doc_id, sentence_index=0, sentence_text=text,
                                char_start=0, char_end=len(text), event_type=kind, source_country=src,
                                target_country=tgt, event_date=f"2023-0{i + 1}-01",
                                confidence=0.3 * (i + 1))]  # fmt: skip
            store.save(doc)
    return db


def test_cli_ingest_then_rerun(no_stages: None, corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "n.duckdb")
    first = run("ingest", str(corpus), "--db", db, "--quiet")
    assert first.exit_code == 0, first.output
    assert "3 added, 0 already stored, 0 failed" in first.stderr
    assert first.stdout == ""
    second = run("ingest", str(corpus), "--db", db)
    assert second.exit_code == 0
    assert "0 added, 3 already stored" in second.stderr


def test_cli_ingest_failure_exits_1_and_keeps_the_rest(no_stages: None, corpus: Path, tmp_path: Path) -> None:
    (corpus / "blank.txt").write_text("\n\n", encoding="utf-8")
    db = str(tmp_path / "n.duckdb")
    result = run("ingest", str(corpus), "--db", db)
    assert result.exit_code == 1
    assert "3 added" in result.stderr and "1 failed" in result.stderr and "blank.txt" in result.stderr
    listed = run("errors", "--db", db, "--format", "jsonl")
    assert listed.exit_code == 0
    [row] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["source"].endswith("blank.txt") and row["stage"] == "ingest"


def test_cli_ingest_stdin(no_stages: None, tmp_path: Path) -> None:
    db = str(tmp_path / "n.duckdb")
    result = run("ingest", "-", "--db", db, stdin="Ministers met in Vienna on Monday.\n")
    assert result.exit_code == 0, result.output
    docs = run("docs", "--db", db, "--format", "json")
    [doc] = json.loads(docs.stdout)
    assert doc["source"] == "stdin" and doc["n_events"] == 0


@pytest.mark.parametrize(
    "args",
    [
        ("ingest",),  # no PATH
        ("ingest", "x.txt", "--format", "pdf"),
        ("events", "--type", "HUG"),
        ("events", "--since", "last week"),
        ("events", "--min-confidence", "2"),
        ("export", "--format", "parquet"),  # no --out
        ("export", "--format", "xlsx", "--out", "x"),
        ("nosuchcommand",),
    ],
)
def test_cli_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    assert run(*args).exit_code == 2


def test_cli_missing_store_exits_1(tmp_path: Path) -> None:
    result = run("events", "--db", str(tmp_path / "nothing.duckdb"))
    assert result.exit_code == 1
    assert "no store" in result.output


def test_cli_events_table_and_filters(events_db: Path) -> None:
    result = run("events", "--db", str(events_db), "--actor", "prk")
    assert result.exit_code == 0
    assert "2 events" in result.stdout and "shown" not in result.stdout
    assert "ASSAULT" in result.stdout and "ACCUSE" in result.stdout and "AID" not in result.stdout
    empty = run("events", "--db", str(events_db), "--type", "PROTEST")
    assert empty.exit_code == 0 and "0 events" in empty.stdout


def test_cli_events_jsonl_is_the_full_record(events_db: Path) -> None:
    result = run("events", "--db", str(events_db), "--format", "jsonl", "--min-confidence", "0.5",
                 "--order", "-confidence")  # fmt: skip
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["event_id"] for r in records] == ["e2", "e1"]
    with Store(events_db, read_only=True) as store:
        assert list(records[0]) == store.event_record_columns()


def test_cli_events_csv_and_limit(events_db: Path) -> None:
    result = run("events", "--db", str(events_db), "--format", "csv", "--limit", "1", "--since", "2023-02")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["event_id"] for r in rows] == ["e1"]
    empty = run("events", "--db", str(events_db), "--format", "csv", "--text", "zebra")
    assert empty.exit_code == 0 and empty.stdout.startswith("event_id,doc_id,")


def test_cli_docs_lists_titles(events_db: Path) -> None:
    result = run("docs", "--db", str(events_db))
    assert result.exit_code == 0
    assert all(f"Story {i}" in result.stdout for i in range(3))


def test_cli_export_parquet_with_filters(events_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "o" / "events.parquet"
    result = run("export", "--db", str(events_db), "--format", "parquet", "--out", str(out), "--type", "AID",
                 "--with-quotes")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert pq.read_table(out).column("event_type").to_pylist() == ["AID"]
    assert (out.parent / "quotes.parquet").exists() and (out.parent / "claims.parquet").exists()
    assert "1 events" in result.stderr


def test_cli_export_plover_json(events_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.json"
    assert run("export", "--db", str(events_db), "--format", "plover-json", "--out", str(out)).exit_code == 0
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["event"] for r in records] == [["ASSAULT"], ["ACCUSE"], ["AID"]]


def test_cli_demo_without_stages(no_stages: None, tmp_path: Path) -> None:
    db, out = tmp_path / "demo.duckdb", tmp_path / "out"
    result = run("demo", "--db", str(db), "--out", str(out), "--quiet")
    assert result.exit_code in (0, 1), result.output  # 1 only if a bundled file cannot be read
    assert f"tidings serve --db {db}" in result.stdout
    assert (out / "events.parquet").exists() and (out / "events.csv").exists()
    with Store(db, read_only=True) as store:
        stored = store.count_documents()
    assert stored >= 25
    again = run("demo", "--db", str(db), "--out", str(out), "--quiet")
    assert f"{stored} already stored" in again.stderr  # everything from the first run is skipped


@pytest.mark.model
@pytest.mark.slow
def test_cli_demo_full_pipeline(tmp_path: Path) -> None:
    import importlib.util

    from tidings.pipeline import BUILTIN_STAGES

    for target in BUILTIN_STAGES.values():
        if importlib.util.find_spec(target.partition(":")[0]) is None:
            pytest.skip(f"{target} is not written yet")
    db = tmp_path / "demo.duckdb"
    result = run("demo", "--db", str(db), "--out", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0, result.output
    assert "Top dyads" in result.stdout
    with Store(db, read_only=True) as store:
        assert store.count_events() > 0
    assert pq.read_table(tmp_path / "out" / "events.parquet").num_rows == store_count(db)


def store_count(db: Path) -> int:
    with Store(db, read_only=True) as store:
        return store.count_events()


def test_cli_demo_without_corpus_exits_1(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import tidings.runner

    monkeypatch.setattr(tidings.runner, "DEMO_ARTICLES", "data/demo/no-such-folder")
    result = run("demo", "--db", str(tmp_path / "d.duckdb"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "no demo articles" in result.stderr


def test_events_all_lists_rejected_candidates_with_their_reason(tmp_path: Path) -> None:
    db = tmp_path / "cands.duckdb"
    text = "A leaflet demanded a strike. Police detained a man."
    with Store(db) as store:
        doc = Document(doc_id="c1", text=text)
        base = {"doc_id": "c1", "sentence_index": 0, "sentence_text": text, "char_start": 0,
                "char_end": len(text)}  # fmt: skip
        doc.events = [Event(event_id="ok", event_type="COERCE", **base),
                      Event(event_id="no", event_type="REQUEST", status="candidate",
                            reason="gate: the source 'leaflet' is a thing", **base)]  # fmt: skip
        store.save(doc)
    shown = json.loads(run("events", "--db", str(db), "--format", "json").output)
    assert [r["event_id"] for r in shown] == ["ok"]
    everything = json.loads(run("events", "--db", str(db), "--all", "--format", "json").output)
    assert {r["event_id"]: r["status"] for r in everything} == {"ok": "event", "no": "candidate"}
    table = run("events", "--db", str(db), "--all").output
    assert "candidate" in table and "leaflet" in table
