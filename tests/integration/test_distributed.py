"""Dask path: the same documents coded on a local cluster give the same events as in one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.config import Settings
from tidings.runner import ingest
from tidings.store import Store

pytestmark = [pytest.mark.model, pytest.mark.slow]

ARTICLES = {
    "a.txt": "Troops clash at the border\n\nBy Ana Ruiz\nMarch 3, 2023\n\n"
             "North Korean artillery shelled a South Korean island on Monday, officials in Seoul said.\n",
    "b.txt": "Talks in Beijing\n\nMarch 4, 2023\n\nChina and Russia held talks in Beijing on Tuesday. "
             "Japan urged both countries to respect the ceasefire.\n",
    "c.txt": "Sanctions\n\nMarch 5, 2023\n\nThe European Union imposed new sanctions on Iran.\n",
    "d.txt": "",
}  # fmt: skip


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _events(db: Path) -> list[tuple]:
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT event_id, event_type, source_country, target_country, factuality, "
                           "event_date FROM events ORDER BY event_id")  # fmt: skip
    return [tuple(r.values()) for r in rows]


def test_dask_workers_code_like_one_process(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    single = ingest([folder], Settings(db=str(tmp_path / "one.duckdb")))
    multi = ingest([folder], Settings(db=str(tmp_path / "dask.duckdb"), workers=2))
    assert (multi.added, multi.failed) == (single.added, single.failed) == (3, 1)
    assert _events(tmp_path / "dask.duckdb") == _events(tmp_path / "one.duckdb")
    assert len(_events(tmp_path / "one.duckdb")) >= 3
