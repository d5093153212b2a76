"""``tidings review`` and ``tidings dyad`` through click's CliRunner, and the events table columns."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from tidings.cli import cli
from tidings.model import Document, Event
from tidings.store import Store

TEXT = "Border guards of Ruritania shelled a Borduria outpost on Friday, the army said."


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


EVENTS = [("ASSAULT", "190", "2023-03-03", "RUR", "BOR"), ("ACCUSE", "112", "2023-06", "BOR", "RUR")]


def _event(i: int, kind: str, code: str, date: str, source: str, target: str) -> Event:
    src, verb, tgt = TEXT.index("Border guards"), TEXT.index("shelled"), TEXT.index("a Borduria outpost")
    return Event(
        event_id=f"e{i}", doc_id=f"d{i}", sentence_index=0, sentence_text=TEXT, char_start=0,
        char_end=len(TEXT), event_type=kind, cameo_code=code, source_text="Border guards of Ruritania",
        source_start=src, source_end=src + 26, source_country=source, verb_text="shelled", verb_start=verb,
        verb_end=verb + 7, target_text="a Borduria outpost", target_start=tgt, target_end=tgt + 18,
        target_country=target, event_date=date, factuality="reported", claimant_text="the army",
        location_name="Borduria" if i == 0 else None, location_country="BOR" if i == 0 else None,
    )  # fmt: skip


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    """Two hand-built events between RUR and BOR, in March and June 2023, the first one placed."""
    path = tmp_path / "desk.duckdb"
    with Store(path) as store:
        for i, row in enumerate(EVENTS):
            doc = Document(doc_id=f"d{i}", text=TEXT, title=f"Story {i}", source=f"story{i}.txt")
            doc.events = [_event(i, *row)]
            store.save(doc)
    return path


def test_cli_events_table_shows_id_claimant_place_and_marks(db: Path) -> None:
    result = run("events", "--db", str(db), "--type", "ASSAULT")
    assert result.exit_code == 0, result.output
    assert "e0" in result.stdout and "the army" in result.stdout and "Borduria (BOR)" in result.stdout
    assert "[Border guards of Ruritania] *shelled* <a Borduria outpost>" in result.stdout


def test_cli_review_mark_list_and_export(db: Path, tmp_path: Path) -> None:
    assert run("review", "mark", "e0", "wrong", "--set", "event_type=coerce", "--note", "not shelling",
               "--db", str(db)).exit_code == 0  # fmt: skip
    assert run("review", "mark", "e1", "right", "--db", str(db)).exit_code == 0
    listed = run("review", "list", "--db", str(db), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert {(r["event_id"], r["verdict"]) for r in rows} == {("e0", "wrong"), ("e1", "right")}
    out = tmp_path / "reviews.jsonl"
    exported = run("review", "export", "--out", str(out), "--with-text", "--db", str(db))
    assert exported.exit_code == 0 and "2 reviewed events" in exported.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert all(line["text"] == TEXT for line in lines)
    events = [e for line in lines for e in line["events"]]
    assert sorted(e["type"] for e in events) == ["ACCUSE", "COERCE"]
    claimant = events[0]["claimant"]
    assert TEXT[claimant["start"] : claimant["end"]] == "the army"


def test_cli_review_rejects_bad_input(db: Path) -> None:
    bad_type = run("review", "mark", "e0", "wrong", "--set", "event_type=PARTY", "--db", str(db))
    assert bad_type.exit_code == 1 and "PLOVER type" in bad_type.output
    assert run("review", "mark", "nope", "right", "--db", str(db)).exit_code == 1
    assert run("review", "mark", "e0", "wrong", "--set", "event_type", "--db", str(db)).exit_code == 2


def test_cli_review_add_actor_writes_the_user_file(db: Path) -> None:
    result = run("review", "add-actor", "Ruritanian border guards", "--country", "RUR", "--sector", "MIL",
                 "--db", str(db))  # fmt: skip
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((db.parent / "desk.actors.yaml").read_text(encoding="utf-8"))
    assert data["orgs"] == [{"id": "user.ruritanian_border_guards", "name": "Ruritanian border guards",
                             "country": "RUR", "sector": "MIL", "aliases": ["Ruritanian border guards"]}]  # fmt: skip


def test_cli_dyad_continuous_axis_csv_and_json(db: Path) -> None:
    result = run("dyad", "RUR", "BOR", "--freq", "month", "--format", "csv", "--db", str(db))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["period"] for r in rows] == ["2023-03", "2023-04", "2023-05", "2023-06"]
    assert [r["RUR->BOR"] for r in rows] == ["1", "0", "0", "0"]
    assert [r["BOR->RUR"] for r in rows] == ["0", "0", "0", "1"]
    assert rows[0]["RUR->BOR goldstein"] == "-10.0" and rows[3]["BOR->RUR goldstein"] == "-2.0"
    data = json.loads(run("dyad", "rur", "bor", "--freq", "year", "--format", "json", "--db", str(db)).stdout)
    assert data["periods"] == ["2023"] and data["directed"] == {"RUR->BOR": 1, "BOR->RUR": 1}
    assert run("dyad", "RUR", "BOR", "--format", "png", "--db", str(db)).exit_code == 2  # needs --out


def test_cli_dyad_png(db: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "dyad.png"
    result = run("dyad", "RUR", "BOR", "--format", "png", "--out", str(out), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
