"""Worker processes and the Dask path code exactly like one process; Parquet partitions load into a store."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.config import Settings
from tidings.errors import StoreError
from tidings.model import Document
from tidings.parquet_io import load_parquet

TEXTS = [
    "Police in the capital arrested twelve protesters on Friday, the interior ministry said.",
    "France and Germany signed a trade agreement in Paris on Monday.",
    "The rebels attacked an army post near the northern border overnight, killing three soldiers.",
    "Japan urged China to release the detained fishermen.",
    "Iran rejected the proposal put forward by the European Union.",
    "The president met the visiting foreign minister of Brazil on Tuesday.",
    "Hundreds of farmers marched to parliament to protest against the new tax.",
]


def _docs() -> list[Document]:
    return [Document(doc_id=Document.make_id(t), text=t, source="test") for t in TEXTS]


def _event_keys(docs: list[Document]) -> list[tuple[object, ...]]:
    return sorted((e.event_id, e.event_type, e.source_country, e.target_country, e.factuality)
                  for d in docs for e in d.events)  # fmt: skip


def test_load_parquet_refuses_a_folder_without_partitions(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no tidings Parquet partitions"):
        load_parquet(tmp_path, tmp_path / "x.duckdb")


@pytest.mark.model
@pytest.mark.slow
def test_worker_processes_code_like_one_process() -> None:
    from tidings.pipeline import Pipeline
    from tidings.workers import code_documents

    alone = list(Pipeline.from_settings(Settings(workers=1)).run(_docs()))
    pooled = list(code_documents(_docs(), Settings(workers=2), min_docs=0, chunk_size=2))
    assert [d.doc_id for d in pooled] == [d.doc_id for d in alone]
    assert all(d.parsed is None for d in pooled)
    assert _event_keys(pooled) == _event_keys(alone)
    assert len(_event_keys(alone)) >= 4


@pytest.mark.model
@pytest.mark.slow
def test_dask_scheduler_address_to_parquet_then_store_matches_local(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster

    from tidings.parquet_io import ingest_to_parquet
    from tidings.runner import ingest
    from tidings.store import Store

    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join('{"text": "%s"}\n' % t for t in TEXTS) + "not json\n", encoding="utf-8")
    local = ingest([corpus], Settings(db=str(tmp_path / "local.duckdb"), workers=1))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                      dashboard_address=None) as cluster:  # fmt: skip
        assert cluster.scheduler_address.startswith("tcp://")
        report = ingest_to_parquet([corpus], Settings(scheduler=cluster.scheduler_address), tmp_path / "pq",
                                   partition_docs=3)  # fmt: skip
    assert (report.added, report.failed) == (local.added, local.failed) == (len(TEXTS), 1)
    assert len(list((tmp_path / "pq").glob("part-*.parquet"))) == 3
    db = tmp_path / "loaded.duckdb"
    added = load_parquet(tmp_path / "pq", db)
    assert added["documents"] == len(TEXTS) and added["errors"] == 1
    assert load_parquet(tmp_path / "pq", db)["documents"] == 0  # loading twice adds nothing
    sql = ("SELECT event_id, event_type, source_country, target_country, factuality, event_date, "
           "sentence_index FROM events ORDER BY event_id")  # fmt: skip
    with Store(tmp_path / "local.duckdb", read_only=True) as a, Store(db, read_only=True) as b:
        assert a.query(sql) == b.query(sql)
        assert a.counts() == b.counts()
        export_cols = list(a.query("SELECT * FROM read_parquet(?) LIMIT 1",
                                   [str(tmp_path / "pq" / "part-00000.parquet")])[0])  # fmt: skip
        assert export_cols == a.event_record_columns()
