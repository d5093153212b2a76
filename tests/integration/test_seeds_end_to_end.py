"""Issue 3's end-to-end check: the two seed documents through ingest -> every stage -> DuckDB, twice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tidings.config import Settings
from tidings.runner import ingest
from tidings.store import Store

pytestmark = pytest.mark.model

INDEX_PAGE = "000_e71676ddd8f87f03.txt"
ARTICLE = "004_810c05d799e08baa.txt"


@pytest.fixture(scope="module")
def seeded(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    report = ingest([shared_dir / "seeds"], Settings(db=str(db)))
    assert report.failed == 0, report.errors
    return db, shared_dir / "seeds"


def _rows(db: Path, sql: str) -> list[dict]:
    with Store(db, read_only=True) as store:
        return store.query(sql)


def test_seed_index_page_becomes_one_document_per_post(seeded: tuple[Path, Path]) -> None:
    db, seeds = seeded
    lines = (seeds / INDEX_PAGE).read_text(encoding="utf-8").splitlines()
    marked = {ln.removeprefix("Continue reading ").strip() for ln in lines if ln.startswith("Continue reading ")}
    posts = _rows(db, "SELECT title, position, parent_id FROM documents WHERE parent_id IS NOT NULL "
                      "ORDER BY position")  # fmt: skip
    assert len(posts) >= len(marked) + 2  # posts without a marker exist too
    assert len({p["parent_id"] for p in posts}) == 1
    assert [p["position"] for p in posts] == list(range(len(posts)))
    assert marked <= {p["title"] for p in posts}, "every post closed by a 'Continue reading' marker is a document"


def test_seed_article_has_author_and_date(seeded: tuple[Path, Path]) -> None:
    db, _ = seeded
    [doc] = _rows(db, "SELECT author, published FROM documents WHERE title LIKE 'Seventy years later%'")
    assert doc["author"] == "Lev Koufax"
    assert str(doc["published"]) == dt.date(2020, 11, 2).isoformat()


def test_seed_events_point_back_to_their_sentences(seeded: tuple[Path, Path]) -> None:
    db, _ = seeded
    rows = _rows(db, "SELECT e.*, d.text AS doc_text FROM events e JOIN documents d USING (doc_id)")
    assert len(rows) >= 20
    for r in rows:
        assert r["doc_text"][r["char_start"] : r["char_end"]] == r["sentence_text"]
        if r["verb_start"] is not None:
            assert r["doc_text"][r["verb_start"] : r["verb_end"]] == r["verb_text"]
        assert r["rule"] and 0.0 < r["confidence"] <= 1.0
        assert r["factuality"] in ("asserted", "reported", "hypothetical", "negated")


def test_seed_ingest_again_adds_zero_rows(seeded: tuple[Path, Path]) -> None:
    db, seeds = seeded
    with Store(db, read_only=True) as store:
        before = store.counts()
    report = ingest([seeds], Settings(db=str(db)))
    with Store(db, read_only=True) as store:
        after = store.counts()
    assert report.added == 0 and report.already_present == report.read
    assert after == before
