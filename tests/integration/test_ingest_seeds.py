"""The ingest stage on the shared seed pages (read in place from ../shared, never copied)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tidings.model import Document
from tidings.stages.ingest import read_sources
from tidings.stages.ingest_clean import clean_text

INDEX_PAGE = "seeds/000_e71676ddd8f87f03.txt"
ARTICLE = "seeds/004_810c05d799e08baa.txt"


@pytest.fixture(scope="module")
def index_page(shared_dir: Path) -> Path:
    path = shared_dir / INDEX_PAGE
    if not path.is_file():
        pytest.skip(f"{INDEX_PAGE} is not present")
    return path


@pytest.fixture(scope="module")
def posts(index_page: Path) -> list[Document]:
    return list(read_sources([index_page]))


def test_index_page_yields_one_document_per_post(index_page: Path, posts: list[Document]) -> None:
    raw = index_page.read_text(encoding="utf-8")
    marked = [m.group(1).strip() for m in re.finditer(r"^Continue reading (.+)$", raw, re.MULTILINE)]
    titles = [d.title for d in posts]
    assert len(posts) > len(marked) >= 1
    for title in marked:  # every post closed by a marker is its own document, titled as the marker says
        assert titles.count(title) == 1
    # two posts that carry no "Continue reading" marker are split out too (matched by a few words each)
    assert any("Xi Jinping" in t and "National Day" in t for t in titles)
    assert any(t.startswith("The DPRK affirms") for t in titles)
    assert all(d.error is None and d.title for d in posts)
    assert len(set(titles)) == len(titles)


def test_index_page_sub_headlines_stay_inside_their_post(posts: list[Document]) -> None:
    titles = {d.title for d in posts}
    for sub in ("Chinese Paper on China-DPRK Friendship", "C.C., WPK Sends Solidarity Letter to C.C., CPC"):
        assert sub not in titles
        assert sum(sub in d.text for d in posts) == 1


def test_index_page_posts_are_ordered_substrings_of_the_page(index_page: Path, posts: list[Document]) -> None:
    page = clean_text(index_page.read_text(encoding="utf-8")).text
    parent = Document.make_id(page)
    offsets = [page.find(d.text) for d in posts]
    assert all(offset >= 0 for offset in offsets) and offsets == sorted(offsets)
    assert [d.position for d in posts] == list(range(len(posts)))
    assert {d.parent_id for d in posts} == {parent}
    assert all(not re.search(r"^Continue reading", d.text, re.MULTILINE) for d in posts)
    assert all(d.text.startswith(d.title or "") and d.doc_id == Document.make_id(d.text) for d in posts)


def test_index_page_ids_are_stable(index_page: Path, posts: list[Document]) -> None:
    again = list(read_sources([index_page]))
    assert [d.doc_id for d in again] == [d.doc_id for d in posts]


def test_article_metadata(shared_dir: Path) -> None:
    path = shared_dir / ARTICLE
    if not path.is_file():
        pytest.skip(f"{ARTICLE} is not present")
    (doc,) = list(read_sources([path]))
    assert doc.error is None and doc.parent_id is None
    assert doc.title is not None and doc.title.startswith("Seventy years later:")
    assert doc.author == "Lev Koufax"
    assert doc.published == dt.date(2020, 11, 2)
    assert "written by Lev Koufax" in doc.text  # metadata lines stay in the text


def test_index_page_posts_cover_every_line_but_the_markers(index_page: Path, posts: list[Document]) -> None:
    page = clean_text(index_page.read_text(encoding="utf-8")).text
    kept = [line for d in posts for line in d.text.split("\n") if line.strip()]
    expected = [line for line in page.split("\n") if line.strip() and not line.startswith("Continue reading")]
    assert kept == expected
