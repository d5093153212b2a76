"""GDELT 2.0 Events and Mentions export, read back by column position."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import cli
from tidings.export import export
from tidings.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, fips, global_event_id
from tidings.merge import merge_events
from tidings.model import Document, Event
from tidings.store import Store

REPORTS = [
    ("a", "https://www.harbour-news.example/story1", "Naval gunboats from Ruritania shelled the port of Varna at dawn.",
     "2024-05-06", "2024-05-06"),
    ("b", "https://coast-times.example/x", "At dawn Ruritania's naval gunboats shelled the Varna port, officials said.",
     "2024-05-07", "2024-05-06"),
    ("c", None, "Ruritania recalled its ambassador from Bulgaria after the row.", "2024-05-08", "2024-05"),
]  # fmt: skip


def _store(path: Path) -> Store:
    store = Store(path)
    for doc_id, url, text, published, date in REPORTS:
        shelled = doc_id != "c"
        verb = "shelled" if shelled else "recalled"
        event = Event(event_id=f"ev-{doc_id}", doc_id=doc_id, sentence_index=0 if doc_id == "a" else 2,
                      sentence_text=text, char_start=0, char_end=len(text),
                      event_type="ASSAULT" if shelled else "SANCTION", cameo_code="194" if shelled else "16",
                      source_text="Ruritania", source_start=text.index("Ruritania"),
                      source_end=text.index("Ruritania") + 9, source_country="RUR", source_sector="MIL",
                      target_text="Varna" if shelled else "Bulgaria", target_country="BGR",
                      verb_text=verb, verb_start=text.index(verb), verb_end=text.index(verb) + len(verb),
                      event_date=date, date_precision="day" if len(date) == 10 else "month",
                      location_name="Varna" if shelled else None, location_country="BGR" if shelled else None,
                      latitude=43.2 if shelled else None, longitude=27.9 if shelled else None,
                      geo_precision="city" if shelled else "unknown", confidence=0.8,
                      goldstein=-10.0 if shelled else -4.0, quad_class=4)  # fmt: skip
        store.save(Document(doc_id=doc_id, text=text, url=url, source=f"/in/{doc_id}.txt",
                            published=dt.date.fromisoformat(published), events=[event]))  # fmt: skip
    merge_events(store)
    return store


def _read(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def exported(tmp_path: Path) -> tuple[list[list[str]], list[list[str]]]:
    with _store(tmp_path / "g.duckdb") as store:
        export(store, "gdelt-events", tmp_path / "events.tsv")
        export(store, "gdelt-mentions", tmp_path / "mentions.tsv")
    return _read(tmp_path / "events.tsv"), _read(tmp_path / "mentions.tsv")


def test_gdelt_layouts_have_gdelt_column_counts() -> None:
    assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16
    assert EVENT_COLUMNS[26:31] == ("EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale")
    assert EVENT_COLUMNS[51] == "ActionGeo_Type" and EVENT_COLUMNS[59:] == ("DATEADDED", "SOURCEURL")
    assert fips("DEU") == "GM" and fips("PRK") == "KN" and fips(None) == ""


def test_gdelt_events_one_row_per_act(exported: tuple[list[list[str]], list[list[str]]]) -> None:
    events, _ = exported
    assert all(len(row) == 61 for row in events) and len(events) == 2
    by_code = {row[26]: row for row in events}
    shelling, recall = by_code["194"], by_code["160"]
    assert shelling[0] == str(global_event_id("ev-a"))  # the first report gives the id
    assert shelling[1:5] == ["20240506", "202405", "2024", "2024.3452"]
    assert shelling[5:8] == ["RURMIL", "RURITANIA", "RUR"] and shelling[12] == "MIL"
    assert shelling[15:18] == ["BGR", "VARNA", "BGR"]
    assert shelling[25:31] == ["1", "194", "194", "19", "4", "-10.0"]
    assert shelling[31:35] == ["2", "2", "2", ""]  # two mentions, sources, articles; no tone
    assert shelling[51:58] == ["4", "Varna", "BU", "", "", "43.2", "27.9"]
    assert shelling[60] == "https://www.harbour-news.example/story1" and len(shelling[59]) == 14
    assert recall[1] == "20240501" and recall[25] == "0" and recall[27:31] == ["160", "16", "4", "-4.0"]
    assert recall[31:34] == ["1", "1", "1"] and recall[51:58] == [""] * 7 and recall[60] == "/in/c.txt"


def test_gdelt_mentions_one_per_source_sentence(exported: tuple[list[list[str]], list[list[str]]]) -> None:
    events, mentions = exported
    assert all(len(row) == 16 for row in mentions) and len(mentions) == 3
    shelling_id = str(global_event_id("ev-a"))
    of_shelling = [m for m in mentions if m[0] == shelling_id]
    assert [m[5] for m in of_shelling] == ["https://www.harbour-news.example/story1", "https://coast-times.example/x"]
    first = of_shelling[0]
    text = REPORTS[0][2]
    assert first[3:5] == ["1", "harbour-news.example"] and first[6] == "1"
    assert first[7:12] == [str(text.index("Ruritania")), "-1", str(text.index("shelled")), "1", "80"]
    shelling_row = next(row for row in events if row[0] == shelling_id)
    assert first[12] == str(len(text)) and first[1] == shelling_row[59]
    recall = next(m for m in mentions if m[0] != shelling_id)
    assert recall[3] == "" and recall[5] == "c" and recall[6] == "3"


def test_gdelt_cli_header_flag_and_filters(tmp_path: Path) -> None:
    db = tmp_path / "g.duckdb"
    _store(db).close()
    out = tmp_path / "e.tsv"
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "gdelt-events", "--out", str(out),
                                      "--header", "--type", "SANCTION"])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = _read(out)
    assert rows[0] == list(EVENT_COLUMNS) and len(rows) == 2 and rows[1][26] == "160"
