"""runner.ingest / code_text / run_demo over real files and a DuckDB store in tmp_path.

Most tests run an empty pipeline (``stages=[]``) so they need no spaCy model; the ones marked ``model``
parse for real.
"""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from typing import Any

import pytest

from tidings import runner
from tidings.config import Settings
from tidings.pipeline import BUILTIN_STAGES, Pipeline
from tidings.runner import IngestReport, code_text, ingest
from tidings.store import Store

pytest.importorskip("tidings.stages.ingest")

ARTICLE = (
    "Talks resume in {city}\n\nBy A. Writer\nMarch {day}, 2023\n\n"
    "Diplomats from {city} met on {day} March.\n"
)


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        city = ["Oslo", "Rome", "Lima", "Kyiv", "Seoul", "Quito"][i % 6] + f" {i}"
        text = ARTICLE.format(city=city, day=i + 1)
        (folder / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _settings(tmp_path: Path, stages: list[str] | None = None) -> Settings:
    return Settings(db=str(tmp_path / "news.duckdb"), stages=stages or [])


def test_runner_ingest_then_rerun_adds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "in", 4)
    settings = _settings(tmp_path)
    first = ingest([corpus], settings)
    assert (first.read, first.added, first.already_present, first.failed) == (4, 4, 0, 0)
    assert first.ok

    def no_pipeline(*args: Any, **kwargs: Any) -> Pipeline:
        raise AssertionError("nothing new: the pipeline must not be built")

    monkeypatch.setattr(Pipeline, "from_settings", no_pipeline)
    second = ingest([corpus], settings)
    assert (second.read, second.added, second.already_present) == (4, 0, 4)
    with Store(settings.db) as store:
        assert store.counts()["documents"] == 4


def test_runner_resumes_after_interruption(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "SAVE_BATCH", 1)
    corpus = _corpus(tmp_path / "in", 6)
    settings = _settings(tmp_path)
    seen: list[str] = []

    def stop_after_three(doc: Any, status: str) -> None:
        seen.append(status)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([corpus], settings, progress=stop_after_three)
    with Store(settings.db) as store:
        assert store.counts()["documents"] == 3
    report = ingest([corpus], settings)
    assert (report.added, report.already_present) == (3, 3)
    with Store(settings.db) as store:
        ids = [d["doc_id"] for d in store.documents(limit=None)]
    assert len(ids) == len(set(ids)) == 6


def test_runner_records_unreadable_documents(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", 2)
    (corpus / "empty.txt").write_text("   \n", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    settings = _settings(tmp_path)
    report = ingest([corpus, tmp_path / "missing.txt"], settings)
    assert report.added == 2
    assert report.failed == 3 and not report.ok
    assert {Path(e["source"]).name for e in report.errors} == {"empty.txt", "binary.txt", "missing.txt"}
    with Store(settings.db) as store:
        rows = store.errors()
    assert len(rows) == 3 and {r["stage"] for r in rows} == {"ingest"}
    again = ingest([corpus, tmp_path / "missing.txt"], settings)
    assert again.failed == 3
    with Store(settings.db) as store:
        assert len(store.errors()) == 3  # the same failures are not recorded twice


def test_runner_ingest_from_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Envoys met in Geneva on Monday.\n\nThey agreed to meet again."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))
    report = ingest(["-"], _settings(tmp_path))
    assert report.added == 1
    with Store(tmp_path / "news.duckdb") as store:
        [doc] = store.documents()
        assert doc["source"] == "stdin"
        assert "Geneva" in store.document(doc["doc_id"])["text"]


def test_runner_report_as_dict() -> None:
    report = IngestReport(read=2, added=1, failed=1, errors=[{"source": "x", "doc_id": None, "reason": "r"}])
    data = report.as_dict()
    assert data["read"] == 2 and data["errors"][0]["reason"] == "r" and not report.ok


@pytest.mark.model
def test_runner_parse_stage_stores_sentences(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", 2)
    settings = _settings(tmp_path, ["parse.spacy.v1"])
    report = ingest([corpus], settings)
    assert report.added == 2
    with Store(settings.db) as store:
        doc = store.document(store.documents()[0]["doc_id"])
        assert doc["n_sentences"] == len(doc["sentences"]) >= 2
        for sentence in doc["sentences"]:
            assert doc["text"][sentence["start"]:sentence["end"]] == sentence["text"]


@pytest.mark.model
def test_runner_code_text_in_memory(tmp_path: Path) -> None:
    doc = code_text("Envoys met in Geneva. They talked.", published="2023-03-13",
                    settings=_settings(tmp_path, ["parse.spacy.v1"]))  # fmt: skip
    assert [s.text for s in doc.sentences] == ["Envoys met in Geneva.", "They talked."]
    assert doc.published is not None and doc.published.isoformat() == "2023-03-13"
    assert not (tmp_path / "news.duckdb").exists()


def _all_stages_present() -> None:
    for target in BUILTIN_STAGES.values():
        module = target.partition(":")[0]
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"stage module {module} is not written yet")


@pytest.mark.model
@pytest.mark.slow
def test_runner_full_pipeline_codes_events(tmp_path: Path) -> None:
    _all_stages_present()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "North Korea fires missiles\n\nMarch 13, 2023\n\n"
        "North Korea fired two ballistic missiles toward Japan on Monday, officials in Seoul said.\n"
        "South Korea condemned the launch.\n",
        encoding="utf-8",
    )
    settings = Settings(db=str(tmp_path / "news.duckdb"))
    report = ingest([folder], settings)
    assert report.added == 1 and report.failed == 0
    with Store(settings.db) as store:
        rows = store.events(limit=None)
    assert rows, "the default pipeline should code at least one event"
    assert all(r["event_type"] for r in rows)
    assert any("PRK" in (r["source_country"], r["target_country"]) for r in rows)


def test_runner_demo_corpus_is_bundled() -> None:
    folder = runner.demo_corpus()
    assert len([p for p in folder.iterdir() if p.suffix in (".txt", ".html")]) >= 25


def test_runner_demo_reports_a_missing_corpus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tidings.errors import ConfigError

    monkeypatch.setattr(runner, "DEMO_ARTICLES", "data/demo/no-such-folder")
    with pytest.raises(ConfigError, match="no demo articles"):
        runner.run_demo(tmp_path / "d.duckdb", tmp_path / "out")
    assert not (tmp_path / "d.duckdb").exists()


def test_runner_accepts_a_single_path(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", 2)
    report = ingest(str(corpus), _settings(tmp_path))
    assert (report.read, report.added) == (2, 2)


def test_runner_saves_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "SAVE_BATCH", 4)
    calls: list[int] = []
    real = Store.save_many

    def counting(self: Store, docs: Any) -> list[bool]:
        docs = list(docs)
        calls.append(len(docs))
        return real(self, docs)

    monkeypatch.setattr(Store, "save_many", counting)
    report = ingest([_corpus(tmp_path / "in", 10)], _settings(tmp_path))
    assert report.added == 10
    assert calls == [4, 4, 2]
