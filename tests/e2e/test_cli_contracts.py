"""CLI contracts: machine formats give every row, the table says when it truncates, --limit 0 means all."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tidings.cli import cli
from tidings.cli.core import _compact
from tidings.model import Claim, Document, Event, Quote
from tidings.store import Store

N = 60  # more than the table's default of 50


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture()
def big_db(tmp_path: Path) -> Path:
    db = tmp_path / "big.duckdb"
    docs = []
    for i in range(N):
        text = f"Officials in Tartu said troops shelled village number {i} on Monday, killing {i} people."
        doc = Document(doc_id=f"d{i:02d}", text=text, title=f"Report {i}")
        doc.events = [Event(event_id=f"e{i:02d}", doc_id=doc.doc_id, sentence_index=0, sentence_text=text,
                            char_start=0, char_end=len(text), event_type="ASSAULT", source_country="EST",
                            target_country="LVA", event_date="2024-02-05", location_name="Tartu",
                            location_country="EST", factuality="reported", claimant_text="Officials",
                            claimant_country="EST")]  # fmt: skip
        doc.quotes = [Quote(quote_id=f"q{i:02d}", doc_id=doc.doc_id, text="troops shelled the village",
                            start=0, end=10, speaker_text="Officials")]  # fmt: skip
        doc.claims = [Claim(claim_id=f"c{i:02d}", doc_id=doc.doc_id, text=str(i), start=5, end=6, value=i)]
        docs.append(doc)
    with Store(db) as store:
        store.save_many(docs)
    return db


@pytest.mark.parametrize("command", ["events", "quotes", "claims", "docs"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_machine_formats_return_every_row(big_db: Path, command: str, fmt: str) -> None:
    result = run(command, "--db", str(big_db), "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
    else:
        rows = json.loads(result.stdout)
    assert len(rows) == N


@pytest.mark.parametrize("command", ["events", "quotes", "claims", "docs"])
def test_limit_is_honoured_and_zero_means_all(big_db: Path, command: str) -> None:
    limited = run(command, "--db", str(big_db), "--format", "jsonl", "--limit", "7")
    assert len(limited.stdout.splitlines()) == 7
    everything = run(command, "--db", str(big_db), "--format", "jsonl", "--limit", "0")
    assert len(everything.stdout.splitlines()) == N


@pytest.mark.parametrize(("command", "noun"), [("events", "events"), ("quotes", "quotes"),
                                               ("claims", "claims"), ("docs", "documents")])  # fmt: skip
def test_table_says_when_it_truncates(big_db: Path, command: str, noun: str) -> None:
    table = run(command, "--db", str(big_db))
    assert table.exit_code == 0 and f"50 of {N} {noun} shown" in table.stdout
    full = run(command, "--db", str(big_db), "--limit", "0")
    assert f"{N} {noun}" in full.stdout and "shown" not in full.stdout


def test_event_table_shows_id_claimant_and_place(big_db: Path) -> None:
    result = run("events", "--db", str(big_db), "--limit", "1")
    assert result.exit_code == 0
    header = result.stdout.splitlines()[2]
    for column in ("event_id", "claimant", "place"):
        assert column in header
    assert "e00" in result.stdout and "Tartu" in result.stdout and "Officials" in result.stdout
    with Store(big_db, read_only=True) as store:
        row = _compact(store.events(limit=1)[0])
    assert (row["event_id"], row["claimant"], row["place"]) == ("e00", "Officials (EST)", "Tartu (EST)")
