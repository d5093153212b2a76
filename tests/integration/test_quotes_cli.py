"""``tidings quotes`` / ``tidings claims`` over a DuckDB store in tmp_path (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.model import Claim, Document, Quote


@pytest.fixture()
def db(tmp_path: Path) -> str:
    store_mod = pytest.importorskip("tidings.store")
    path = str(tmp_path / "t.duckdb")
    doc = Document(doc_id="d1", text="Ana Lima said: “We keep 4,000 troops there.” Rain fell.")
    doc.quotes = [Quote("q1", "d1", "We keep 4,000 troops there.", 16, 43, speaker_text="Ana Lima",
                        speaker_start=0, speaker_end=8, speaker_country="BRA", cue="said")]  # fmt: skip
    doc.claims = [
        Claim("c1", "d1", "4,000", 24, 29, value=4000, counted="troops", country="BRA", stated_by="Ana Lima",
              quote_id="q1"),
        Claim("c2", "d1", "3", 50, 51, value=3, counted="clouds"),
    ]  # fmt: skip
    with store_mod.Store(path) as store:
        store.save(doc)
    return path


def _cli(args: list[str]) -> list[dict[str, object]]:
    from tidings.cli import cli

    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_quotes_cli_filters_by_speaker(db: str) -> None:
    rows = _cli(["quotes", "--db", db, "--speaker", "Lima", "--format", "jsonl"])
    assert [r["quote_id"] for r in rows] == ["q1"]
    assert _cli(["quotes", "--db", db, "--speaker", "Nobody", "--format", "jsonl"]) == []


def test_claims_cli_filters_by_about_and_country(db: str) -> None:
    rows = _cli(["claims", "--db", db, "--about", "troops", "--format", "jsonl"])
    assert [(r["claim_id"], r["stated_by"]) for r in rows] == [("c1", "Ana Lima")]
    assert [r["claim_id"] for r in _cli(["claims", "--db", db, "--country", "bra", "--format", "jsonl"])] == ["c1"]
    assert len(_cli(["claims", "--db", db, "--format", "jsonl"])) == 2


def test_quotes_cli_missing_store_fails(tmp_path: Path) -> None:
    from tidings.cli import cli

    result = CliRunner().invoke(cli, ["claims", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0
