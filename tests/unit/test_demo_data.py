"""The bundled demo corpus, its gold file and the factuality fixture are well formed."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tidings.model import FACTUALITY, PLOVER_TYPES

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "tidings" / "data" / "demo"
ARTICLES = DEMO / "articles"
GOLD = DEMO / "gold.jsonl"
FACTUALITY_FILE = REPO / "tests" / "fixtures" / "factuality.jsonl"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def articles() -> dict[str, str]:
    files = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".html"))
    return {p.name: p.read_text(encoding="utf-8") for p in files}


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return _rows(GOLD)


def test_demo_corpus_has_enough_articles(articles: dict[str, str]) -> None:
    assert len(articles) >= 25
    assert (DEMO / "README.md").is_file()
    assert any(name.endswith(".html") for name in articles)
    assert "29_index_page.txt" in articles


def test_plain_articles_have_headline_byline_and_date(articles: dict[str, str]) -> None:
    for name, text in articles.items():
        if name.endswith(".html") or name == "29_index_page.txt":
            continue
        lines = text.splitlines()
        assert lines[0].strip() and not lines[0].rstrip().endswith("."), name
        assert lines[1] == "", name
        assert lines[2].startswith("By "), name
        assert re.search(r"\d{4}", lines[3]), name
        words = len(text.split())
        assert 100 <= words <= 320, (name, words)


def test_index_page_has_continue_reading_lines(articles: dict[str, str]) -> None:
    page = articles["29_index_page.txt"]
    assert 3 <= page.count("Continue reading ") <= 4


def test_gold_sentences_occur_verbatim(gold: list[dict], articles: dict[str, str]) -> None:
    assert len(gold) >= 80
    bodies = list(articles.values())
    missing = [row["id"] for row in gold if not any(row["text"] in body for body in bodies)]
    assert not missing


def test_gold_rows_are_well_formed(gold: list[dict]) -> None:
    ids = [row["id"] for row in gold]
    assert len(ids) == len(set(ids))
    for row in gold:
        assert ISO_DATE.match(row["date"]), row["id"]
        assert row["language"] == "en"
        for event in row["events"]:
            assert event["plover_type"] in PLOVER_TYPES, row["id"]
            assert event["factuality"] in FACTUALITY, row["id"]
            for side in ("source", "target"):
                code, country = event[side], event[f"{side}_country"]
                if code is not None:
                    assert country is not None and code.startswith(country), row["id"]
    assert any(not row["events"] for row in gold), "some sentences should have no event"


def test_gold_covers_every_plover_type(gold: list[dict]) -> None:
    sentences_per_type = Counter(t for row in gold for t in {e["plover_type"] for e in row["events"]})
    assert set(sentences_per_type) == set(PLOVER_TYPES)
    assert min(sentences_per_type.values()) >= 3, sentences_per_type


def test_factuality_fixture_is_valid_and_balanced() -> None:
    rows = _rows(FACTUALITY_FILE)
    assert len(rows) >= 70
    keys = {"id", "text", "event_type", "factuality", "claimant_country", "claimant_sector",
            "source_country", "target_country", "note"}  # fmt: skip
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert set(row) == keys, row["id"]
        assert row["event_type"] in PLOVER_TYPES, row["id"]
        assert row["factuality"] in FACTUALITY, row["id"]
        assert row["text"].strip(), row["id"]
        if row["factuality"] == "reported":
            assert row["claimant_country"] or row["claimant_sector"], row["id"]
    per_value = Counter(r["factuality"] for r in rows)
    assert set(per_value) == set(FACTUALITY)
    assert min(per_value.values()) >= 10, per_value
