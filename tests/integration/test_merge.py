"""Cross-document merging over a store filled with hand-built events (no spaCy)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import cli
from tidings.merge import content_words, dates_compatible, merge_events, merged_events
from tidings.model import Document, Event
from tidings.store import Store


def _doc(doc_id: str, sentence: str, *, etype: str = "ASSAULT", src: str | None = "PRK",
         tgt: str | None = "KOR", date: str | None = "2023-03-14", precision: str = "day",
         factuality: str = "asserted", parent: str | None = None) -> Document:  # fmt: skip
    event = Event(event_id=f"e-{doc_id}", doc_id=doc_id, sentence_index=0, sentence_text=sentence,
                  char_start=0, char_end=len(sentence), event_type=etype, source_country=src,
                  target_country=tgt, event_date=date, date_precision=precision,
                  factuality=factuality)  # fmt: skip
    return Document(doc_id=doc_id, text=sentence, title=f"title {doc_id}", parent_id=parent, events=[event])


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "m.duckdb")


def test_merge_links_same_day_same_dyad_across_documents(store: Store) -> None:
    store.save(_doc("a", "North Korea shelled a border post on Tuesday."))
    store.save(_doc("b", "Artillery from the North hit a guard post, officials said."))
    store.save(_doc("c", "A different dyad entirely.", src="USA"))
    report = merge_events(store)
    assert (report.groups, report.merged_events) == (1, 2)
    groups = merged_events(store)
    assert [sorted(s["doc_id"] for s in g["sources"]) for g in groups] == [["a", "b"]]
    assert groups[0]["how"] == "day" and groups[0]["n_docs"] == 2


def test_merge_needs_similar_text_when_dates_are_coarse(store: Store) -> None:
    store.save(_doc("a", "Protesters marched on the embassy in Seoul demanding talks.", etype="PROTEST",
                    src="KOR", tgt="USA", date="2023-03", precision="month"))  # fmt: skip
    store.save(_doc("b", "Thousands of protesters marched on the US embassy in Seoul.", etype="PROTEST",
                    src="KOR", tgt="USA", date="2023-03-09", precision="day"))  # fmt: skip
    store.save(_doc("c", "A farmers union blocked a highway over rice prices.", etype="PROTEST",
                    src="KOR", tgt="USA", date="2023", precision="year"))  # fmt: skip
    merge_events(store)
    groups = merged_events(store)
    assert len(groups) == 1 and {s["doc_id"] for s in groups[0]["sources"]} == {"a", "b"}
    assert groups[0]["how"] == "text" and groups[0]["event_date"] == "2023-03-09"


def test_merge_never_links_negated_contradictory_dates_or_posts_of_one_page(store: Store) -> None:
    store.save(_doc("a", "Troops fired on the post."))
    store.save(_doc("b", "Troops did not fire on the post.", factuality="negated"))
    store.save(_doc("c", "Troops fired on the post.", date="2023-03-15"))
    store.save(_doc("d", "Troops fired on the post again.", parent="page1"))
    store.save(_doc("e", "Troops fired on the post once more.", date="2023-03-15", parent="page1"))
    merge_events(store)
    pairs = [sorted(s["doc_id"] for s in g["sources"]) for g in merged_events(store)]
    assert sorted(pairs) == [["a", "d"], ["c", "e"]]


def test_merge_is_recomputed_not_accumulated(store: Store) -> None:
    store.save(_doc("a", "Shells hit the island."))
    store.save(_doc("b", "The island was shelled."))
    merge_events(store)
    merge_events(store)
    assert store.scalar("SELECT count(*) FROM event_groups") == 2


def test_merged_cli_lists_groups_with_sources(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    with Store(db) as store:
        store.save(_doc("a", "Shells hit the island."))
        store.save(_doc("b", "The island was shelled."))
    result = CliRunner().invoke(cli, ["merged", "--db", str(db), "--remerge", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert '"n_docs": 2' in result.output and "title a" in result.output and "title b" in result.output


def test_merge_helpers() -> None:
    assert dates_compatible("2023-03", "2023-03-14") and dates_compatible(None, None)
    assert not dates_compatible("2023-03-14", "2023-03-15") and not dates_compatible("2023", None)
    assert content_words("The troops were in the city") == {"troops", "city"}
