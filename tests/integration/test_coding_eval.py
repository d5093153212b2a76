"""`tidings eval` and `tidings why` end to end on sentences written for the tests (real spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import cli

pytestmark = pytest.mark.model

ROWS = [
    {"id": "t-1", "text": "France attacked Germany on Monday.",
     "events": [{"plover_type": "ASSAULT", "source_country": "FRA", "target_country": "DEU"}]},
    {"id": "t-2", "text": "Japan threatened to impose sanctions on China.",
     "events": [{"plover_type": "THREATEN", "source_country": "JPN", "target_country": "CHN"}]},
    {"id": "t-3", "text": "The weather in Spain was warm.",
     "events": [{"plover_type": "PROTEST", "source_country": "ESP", "target_country": None}]},
]  # fmt: skip


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    return path


def test_coding_eval_json_reports_scores(nlp: object, gold_file: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(gold_file), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {"type", "triple", "per_type", "sentences", "gold_events", "predicted_events", "reliability"} <= set(report)
    assert report["sentences"] == 3 and report["gold_events"] == 3
    # the first two types are found, the protest that is not in the text is missed
    assert report["type"]["tp"] == 2 and report["type"]["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["per_type"]["PROTEST"]["recall"] == 0.0
    assert [m["id"] for m in report["worst"]][0] == "t-3"


def test_coding_eval_table_and_split(nlp: object, gold_file: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(gold_file), "--split", "dev"])
    assert result.exit_code == 0, result.output
    assert "micro P/R/F1" in result.output and "reliability" in result.output


def test_coding_why_text_plain(nlp: object) -> None:
    result = CliRunner().invoke(cli, ["why", "--text", "Japan threatened to attack China.", "--plain"])
    assert result.exit_code == 0, result.output
    assert "[EVT threatened]" in result.output and "THREATEN" in result.output
    assert "absorbed  attack (ASSAULT)" in result.output


def test_coding_why_needs_id_or_text() -> None:
    result = CliRunner().invoke(cli, ["why"])
    assert result.exit_code != 0


def test_coding_why_reads_the_store(nlp: object, tmp_path: Path) -> None:
    from tidings.model import Document
    from tidings.pipeline import Pipeline
    from tidings.store import Store

    db = tmp_path / "t.duckdb"
    doc = Document(doc_id="w1", text="Japan accused China of violating its airspace.")
    names = ["parse.spacy.v1", "actors.kb.v1", "coder.rules.v1"]
    [coded] = list(Pipeline.from_settings(names=names, on_error="raise").run([doc]))
    assert coded.events
    with Store(str(db)) as store:
        store.save(coded)
    event_id = coded.events[0].event_id
    result = CliRunner().invoke(cli, ["why", event_id, "--db", str(db), "--plain"])
    assert result.exit_code == 0, result.output
    assert "[EVT accused]" in result.output and "ACCUSE" in result.output and "verbs.yaml" in result.output
    missing = CliRunner().invoke(cli, ["why", "0000000000000000", "--db", str(db)])
    assert missing.exit_code != 0


def test_coding_eval_factuality_fixture(nlp: object, tmp_path: Path) -> None:
    from tidings.evaluate import evaluate

    rows = [
        {"id": "f1", "text": "Japan did not attack China.", "event_type": "ASSAULT", "factuality": "negated",
         "claimant_country": None, "claimant_sector": None, "source_country": "JPN", "target_country": "CHN"},
        {"id": "f2", "text": "China said Japan attacked a Chinese ship.", "event_type": "ASSAULT",
         "factuality": "reported", "claimant_country": "CHN", "claimant_sector": "GOV",
         "source_country": "JPN", "target_country": "CHN"},
        {"id": "f3", "text": "Japan may attack China.", "event_type": "ASSAULT", "factuality": "asserted",
         "claimant_country": None, "claimant_sector": None, "source_country": "JPN", "target_country": "CHN"},
    ]  # fmt: skip
    path = tmp_path / "fact.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    fact = evaluate(path, factuality=True)["factuality"]
    assert fact["sentences"] == 3 and fact["claimant_sentences"] == 1
    # the third line's gold label is deliberately wrong ("may attack" is hypothetical)
    assert fact["factuality_accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert fact["confusion"]["asserted->hypothetical"] == 1
    assert fact["claimant_country_accuracy"] == 1.0 and fact["claimant_sector_accuracy"] == 1.0
