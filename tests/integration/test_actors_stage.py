"""The actors stage in a pipeline with the real parser, user YAML overrides, and the CLI commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.config import Settings
from tidings.model import Document
from tidings.stages.actors import ActorStage, lookup, resolve_phrase

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.model
def test_actors_stage_after_parse_in_pipeline() -> None:
    from tidings.pipeline import Pipeline

    text = ("North Korea fired two ballistic missiles on Tuesday, the South Korean military said. "
            "Japanese Prime Minister Fumio Kishida called it an outrage.")  # fmt: skip
    doc = Document(Document.make_id(text), text, published=dt.date(2022, 10, 4))
    pipe = Pipeline.from_settings(Settings(), names=["parse.spacy.v1", "actors.kb.v1"], on_error="raise")
    (out,) = list(pipe.run([doc]))
    got = [(m.text, m.actor.country, m.actor.sector) for m in out.mentions]
    assert ("North Korea", "PRK", None) in got
    assert ("South Korean military", "KOR", "MIL") in got
    assert ("Japanese Prime Minister Fumio Kishida", "JPN", "GOV") in got


@pytest.mark.model
def test_actors_resolve_phrase_on_a_parsed_subject_subtree(nlp) -> None:
    text = "The Chinese foreign ministry spokesperson rejected the report."
    doc = Document(Document.make_id(text), text, published=dt.date(2023, 1, 5))
    doc.parsed = nlp(text)
    ActorStage()(doc)
    verb = next(t for t in doc.parsed if t.dep_ == "ROOT")
    subj = next(t for t in verb.children if t.dep_ == "nsubj")
    left, right = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
    m = resolve_phrase(doc, left, right, head=subj.idx)
    assert m is not None
    assert (m.actor.country, m.actor.sector) == ("CHN", "GOV")
    assert (m.start, m.end) == (left, right)


def test_actors_user_yaml_adds_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "people:\n"
        "  - {id: xx.ana_example, name: Ana Example, country: CHL, terms: ['head_of_state 2030-03-11 -']}\n"
        "orgs:\n"
        "  - {id: org.prk.kcna, name: Korean Central News Agency, country: PRK, sector: GOV}\n"
        "countries:\n"
        "  KOR: {seats: {Yongsan: MIL}}\n",
        encoding="utf-8",
    )  # fmt: skip
    files = [extra]
    r = lookup("Ana Example", dt.date(2031, 1, 1), files=files)[0]
    assert (r.actor.country, r.actor.role) == ("CHL", "head_of_state")
    assert lookup("KCNA", files=files)[0].actor.sector == "GOV"
    assert lookup("Yongsan", files=files)[0].actor.sector == "MIL"
    assert lookup("KCNA")[0].actor.sector == "JRN"  # the built-in data is untouched without the file
    stage = ActorStage(Settings(actors_files=files))
    doc = Document("d", "Ana Example spoke.", published=dt.date(2031, 1, 1))
    stage(doc)
    assert doc.mentions[0].actor.actor_id == "xx.ana_example"
    m = stage.resolver.resolve_phrase(doc, 0, len("Ana Example"))  # the stage's own engine, no side channel
    assert m is not None and m.actor.actor_id == "xx.ana_example"
    assert doc.extras == {}


def test_actors_cli_lookup_json_and_list_and_export(tmp_path: Path) -> None:
    from tidings.cli import cli

    runner = CliRunner()
    res = runner.invoke(
        cli, ["actors", "lookup", "the South Korean president", "--date", "2022-09-01", "--json"]
    )
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert rows[0]["actor_id"] == "kor.yoon_suk_yeol" and rows[0]["steps"]
    res = runner.invoke(cli, ["actors", "list", "--kind", "person", "--country", "PRK", "--format", "jsonl"])
    assert res.exit_code == 0
    ids = {json.loads(line)["id"] for line in res.output.splitlines()}
    assert "prk.kim_jong_un" in ids
    out = tmp_path / "all.yaml"
    res = runner.invoke(cli, ["actors", "export", "--out", str(out)])
    assert res.exit_code == 0 and out.stat().st_size > 10000
    # the export is itself a valid actor file
    back = lookup("Kim Jong Un", dt.date(2022, 9, 9), files=[out])[0]
    assert back.actor.role == "head_of_state"


def test_actors_cli_eval_reports_accuracy() -> None:
    from tidings.cli import cli

    res = CliRunner().invoke(cli, ["actors", "eval", str(REPO / "tests/fixtures/actors_mentions.jsonl")])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["mentions"] >= 300
    assert report["country"] >= 0.9 and report["sector"] >= 0.9 and report["person"] >= 0.9


def test_actors_corpus_lowercase_guard_keeps_indian_news_clean(shared_dir: Path) -> None:
    from tidings.kb import get_kb
    from tidings.stages.actors import find_mentions

    kb = get_kb()
    lines = (shared_dir / "corpus" / "indiapoliceevents.jsonl").read_text(encoding="utf-8").splitlines()[:150]
    countries: dict[str, int] = {}
    for line in lines:
        row = json.loads(line)
        for m in find_mentions(kb, row["text"], dt.date.fromisoformat(row["published"])):
            if m.actor and m.actor.country:
                countries[m.actor.country] = countries.get(m.actor.country, 0) + 1
    assert countries.get("IND", 0) > 50
    # surnames that are common words ("no", "ban", "begin") must not invent Korean or Israeli actors
    assert countries.get("PRK", 0) + countries.get("ISR", 0) < 5
