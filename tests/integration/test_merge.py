"""Cross-document merging over a store filled with hand-built events (no spaCy)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import cli
from tidings.merge import (
    content_words,
    dates_compatible,
    day_range,
    merge_events,
    merge_new,
    merged_events,
    places_compatible,
    shingles,
    why_empty,
)
from tidings.model import Document, Event
from tidings.store import Store

SHELLING_A = "North Korean artillery shelled the fishing harbour on Yeonpyeong island on Tuesday."
SHELLING_B = "Shells fired by North Korean artillery hit the harbour of Yeonpyeong island, the army said."
SHELLING_C = "Artillery shells fired from the North hit the Yeonpyeong island harbour and damaged fishing boats."
UNRELATED = "North Korean hackers attacked servers of a Seoul bank in a cyber raid."


def _doc(doc_id: str, sentence: str, *, etype: str = "ASSAULT", src: str | None = "PRK",
         tgt: str | None = "KOR", date: str | None = "2023-03-14", precision: str = "day",
         factuality: str = "asserted", parent: str | None = None, place: str | None = None,
         lat: float | None = None, lon: float | None = None) -> Document:  # fmt: skip
    event = Event(event_id=f"e-{doc_id}", doc_id=doc_id, sentence_index=0, sentence_text=sentence,
                  char_start=0, char_end=len(sentence), event_type=etype, source_country=src,
                  target_country=tgt, event_date=date, date_precision=precision,
                  factuality=factuality, location_country=place, latitude=lat, longitude=lon,
                  geo_precision="city" if lat is not None else "unknown")  # fmt: skip
    return Document(doc_id=doc_id, text=sentence, title=f"title {doc_id}", parent_id=parent, events=[event])


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "m.duckdb")


def _pairs(store: Store) -> list[list[str]]:
    return sorted(sorted(s["doc_id"] for s in g["sources"]) for g in merged_events(store))


def test_merge_links_similar_reports_of_one_act(store: Store) -> None:
    store.save(_doc("a", SHELLING_A))
    store.save(_doc("b", SHELLING_B, date="2023-03-15"))
    store.save(_doc("c", SHELLING_A, src="USA"))  # another dyad
    report = merge_events(store)
    assert (report.groups, report.merged_events, report.links) == (1, 2, 1)
    groups = merged_events(store)
    assert _pairs(store) == [["a", "b"]]
    assert groups[0]["n_docs"] == 2 and "wording" in groups[0]["how"] and "1 day apart" in groups[0]["how"]


def test_merge_never_links_on_type_dyad_and_day_alone(store: Store) -> None:
    store.save(_doc("a", SHELLING_A))
    store.save(_doc("b", UNRELATED))
    report = merge_events(store)
    assert report.groups == 0 and report.candidates == 1 and report.links == 0
    assert 0 < report.best_unlinked < 0.3
    message = why_empty(store)
    assert "worded alike" in message and "threshold 0.3" in message


def test_merge_date_window_and_coarse_dates(store: Store) -> None:
    store.save(_doc("a", SHELLING_A, date="2023-03-01"))
    store.save(_doc("b", SHELLING_B, date="2023-03-20"))  # 19 days later: another act
    store.save(_doc("c", SHELLING_C, date="2023-03", precision="month"))  # the month holds both
    merge_events(store)
    assert _pairs(store) == [["a", "b", "c"]]  # linked through the month-precision report
    merge_events(store, rebuild=True, window_days=0)
    assert _pairs(store) == [["a", "b", "c"]]
    with Store(store.path + "2") as other:
        other.save(_doc("a", SHELLING_A, date="2023-03-01"))
        other.save(_doc("b", SHELLING_B, date="2023-03-20"))
        merge_events(other)
        assert _pairs(other) == []


def test_merge_places_must_be_compatible(store: Store) -> None:
    store.save(_doc("a", SHELLING_A, place="KOR", lat=37.67, lon=125.70))
    store.save(_doc("b", SHELLING_B, place="KOR", lat=37.70, lon=125.65))  # a few km away
    store.save(_doc("c", SHELLING_C, place="KOR", lat=35.10, lon=129.04))  # Busan: 400 km
    store.save(_doc("d", SHELLING_C, place="JPN"))
    merge_events(store)
    assert _pairs(store) == [["a", "b"]]


def test_merge_never_links_negated_or_posts_of_one_page(store: Store) -> None:
    store.save(_doc("a", SHELLING_A, factuality="negated"))
    store.save(_doc("b", SHELLING_A))
    store.save(_doc("c", SHELLING_B, parent="page1"))
    store.save(_doc("d", SHELLING_B, parent="page1"))
    report = merge_events(store, min_similarity=0.99)
    assert report.eligible == 3 and report.candidates == 2  # b-c and b-d; never a, never c-d
    assert _pairs(store) == []


@pytest.mark.parametrize("lookups", [64, 0])  # index lookups one by one, or one semi-join
def test_merge_incremental_equals_rebuild(store: Store, lookups: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tidings.merge.INDEX_LOOKUPS", lookups)
    sentences = [SHELLING_A, SHELLING_B, SHELLING_C, UNRELATED, SHELLING_A + " Two boats burned."]
    for i, sentence in enumerate(sentences[:2]):
        store.save(_doc(f"d{i}", sentence))
    merge_events(store)
    assert _pairs(store) == [["d0", "d1"]]
    for i, sentence in enumerate(sentences[2:], start=2):
        store.save(_doc(f"d{i}", sentence))
        report = merge_new(store, [f"e-d{i}"])
        assert report.events == 1
    incremental = _pairs(store)
    assert merge_new(store, ["e-d2"]).events == 0  # already merged: skipped
    merge_events(store, rebuild=True)
    assert _pairs(store) == incremental == [["d0", "d1", "d2", "d4"]]
    assert store.scalar("SELECT count(*) FROM event_groups") == 4


def test_merge_events_only_merges_unseen_events_and_drops_old_rule_groups(store: Store) -> None:
    store.save(_doc("a", SHELLING_A))
    store.save(_doc("b", UNRELATED))
    store.replace_rows("event_groups", [{"event_id": "e-a", "group_id": "g", "n_docs": 2, "n_events": 2,
                                         "how": "day"}, {"event_id": "e-b", "group_id": "g", "n_docs": 2,
                                                         "n_events": 2, "how": "day"}])  # fmt: skip
    assert merge_events(store).events == 2  # first run: everything, old groups dropped
    assert _pairs(store) == []
    assert merge_events(store).events == 0
    store.save(_doc("c", SHELLING_B))
    report = merge_events(store)
    assert report.events == 1 and _pairs(store) == [["a", "c"]]


def test_merged_cli_lists_groups_and_says_why_empty(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    with Store(db) as store:
        store.save(_doc("a", SHELLING_A))
        store.save(_doc("b", SHELLING_B))
    runner = CliRunner()
    result = runner.invoke(cli, ["merged", "--db", str(db), "--remerge", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert '"n_docs": 2' in result.output and "title a" in result.output and "title b" in result.output
    result = runner.invoke(cli, ["merged", "--db", str(db), "--min-docs", "3"])
    assert result.exit_code == 0 and "largest group has 2" in result.output
    empty = tmp_path / "e.duckdb"
    Store(empty).close()
    result = runner.invoke(cli, ["merged", "--db", str(empty)])
    assert result.exit_code == 0 and "no events" in result.output


def test_merge_helpers() -> None:
    assert dates_compatible(day_range("2023-03"), day_range("2023-03-14"))
    assert dates_compatible(day_range("2023-03-14"), day_range("2023-03-16"), 3)
    assert not dates_compatible(day_range("2023-03-14"), day_range("2023-03-18"), 3)
    assert dates_compatible(day_range(None), day_range(None))
    assert not dates_compatible(day_range("2023"), day_range(None))
    assert day_range(None, "2023-05-02") == day_range("2023-05-02")
    assert day_range("1950", precision="decade")[1] == day_range("1959-12-31")[0]
    assert content_words("The troops were in the cities") == {"troop", "citie"}
    assert shingles("Japan protested to China over the boats", "Japan", "China") == {"protested", "boat"}
    near = {"latitude": 37.5, "longitude": 127.0, "place_country": "KOR"}
    assert places_compatible(near, {"latitude": 37.6, "longitude": 127.1, "place_country": "KOR"}) == "near"
    assert places_compatible(near, {"latitude": None, "longitude": None, "place_country": "JPN"}) is None
    assert places_compatible(near, {"latitude": None, "longitude": None, "place_country": None}) == "unknown"


def test_merge_new_finds_candidates_across_date_buckets(store: Store) -> None:
    store.save(_doc("y", SHELLING_A, date="2023", precision="year"))  # filed under the year
    store.save(_doc("m", SHELLING_B, date="2023-05", precision="month"))  # filed under May
    store.save(_doc("far", SHELLING_C, date="2024-09-20"))  # the next year: outside every window below
    merge_events(store)
    assert _pairs(store) == [["m", "y"]]
    store.save(_doc("new", SHELLING_C, date="2023-06-02"))  # June, window reaches back into May
    report = merge_new(store, ["e-new"])
    assert report.candidates == 2 and _pairs(store) == [["m", "new", "y"]]
    store.save(_doc("undated", SHELLING_B, date=None, precision="unknown"))  # no date, no publication date
    assert merge_new(store, ["e-undated"]).candidates == 0
