"""`tidings actors unresolved` and malformed `--actors` files through the installed console script."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import cli
from tidings.kb.tools import unresolved_rows
from tidings.model import Document, Event
from tidings.store import Store

BAD = "orgs:\n  - {id: x.zorgan, name: Zorgan Front, country: SYR, sector: REB}\n  - {id: x.other}\n"


def _script() -> str:
    found = shutil.which("tidings", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the tidings console script is not installed next to this Python")
    return found


def _event(doc: Document, k: int, sentence: str, source: str | None, country: str | None,
           target: str | None = None) -> Event:  # fmt: skip
    return Event(f"{doc.doc_id}-{k}", doc.doc_id, k, sentence, 0, len(sentence), "ASSAULT", source_text=source,
                 source_country=country, target_text=target)  # fmt: skip


def _store(path: Path) -> None:
    text = "The Zorgan Front shelled a village. Zorgan Front fighters withdrew."
    a = Document("doc-a", text, published=dt.date(2031, 1, 2))
    a.events = [_event(a, 0, "The Zorgan Front shelled a village.", "The Zorgan Front", None, "a village"),
                _event(a, 1, "Zorgan Front fighters withdrew.", "Zorgan Front fighters", None),
                _event(a, 2, "It attacked them.", "it", None)]  # fmt: skip
    b = Document("doc-b", "The Zorgan Front attacked police in Syria.", published=dt.date(2031, 1, 3))
    b.events = [_event(b, 0, "The Zorgan Front attacked police in Syria.", "the Zorgan Front", None, "police"),
                _event(b, 1, "Syria's army answered.", "Syria's army", "SYR")]  # fmt: skip
    with Store(path) as store:
        store.save(a)
        store.save(b)


def test_unresolved_lists_frequent_phrases_with_examples(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    _store(db)
    with Store(db, read_only=True) as store:
        rows = unresolved_rows(store, 10)
    top = rows[0]
    assert (top["phrase"], top["n"], top["docs"]) == ("zorgan front", 2, 2)
    assert "Zorgan Front" in top["example"]
    phrases = [r["phrase"] for r in rows]
    assert "it" not in phrases and "syria's army" not in phrases
    assert {"village", "police", "zorgan front fighters"} <= set(phrases)
    assert len(unresolved_rows_limit(db, 1)) == 1


def unresolved_rows_limit(db: Path, limit: int) -> list[dict[str, object]]:
    with Store(db, read_only=True) as store:
        return unresolved_rows(store, limit)


def test_unresolved_command_prints_json(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    _store(db)
    res = CliRunner().invoke(cli, ["actors", "unresolved", "--db", str(db), "--limit", "2", "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert len(rows) == 2 and rows[0]["phrase"] == "zorgan front"


def test_the_loop_user_file_resolves_what_was_unresolved(tmp_path: Path) -> None:
    from tidings.stages.actors import lookup

    mine = tmp_path / "mine.yaml"
    mine.write_text("orgs:\n  - {id: x.zorgan, name: Zorgan Front, country: SYR, sector: REB, source: my notes}\n",
                    encoding="utf-8")  # fmt: skip
    assert lookup("the Zorgan Front", dt.date(2031, 1, 2)) == []  # unknown before
    got = lookup("the Zorgan Front", dt.date(2031, 1, 2), files=[mine])[0].actor
    assert (got.country, got.sector) == ("SYR", "REB")


@pytest.mark.parametrize("command", [
    ["actors", "lookup", "the Zorgan Front"],
    ["ingest", "{doc}", "--db", "{db}", "--quiet"],
])  # fmt: skip
def test_malformed_actor_file_exits_2_with_file_line_reason(tmp_path: Path, command: list[str]) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text(BAD, encoding="utf-8")
    doc = tmp_path / "story.txt"
    doc.write_text("Police said the road was closed.", encoding="utf-8")
    db = tmp_path / "out.duckdb"
    args = [a.format(doc=doc, db=db) for a in command]
    res = subprocess.run([_script(), *args, "--actors", str(bad)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 2, res.stderr
    assert f"{bad}, line 3:" in res.stderr and "needs 'name'" in res.stderr
    if "ingest" in command:  # nothing was coded or stored
        assert not db.exists() or Store(db, read_only=True).count_documents() == 0
