"""Partitioned Parquet output of a coding run, and loading it into a DuckDB store.

    ingest_to_parquet(["corpus.jsonl"], Settings(scheduler="tcp://10.0.0.5:8786"), "out/run1")
    load_parquet("out/run1", "news.duckdb")

A run on a cluster writes no DuckDB file (a DuckDB file has one writer; the cluster may be many machines).
Each partition (a few hundred coded documents) becomes:

    DIR/part-00000.parquet                  the events, with exactly the columns of ``tidings export``
    DIR/_tables/<table>/part-00000.parquet  every store table (documents, sentences, mentions, events,
                                            quotes, claims, errors) of those documents, for load_parquet

:func:`load_parquet` copies the tables into a store, skipping documents it already holds, then recomputes
the cross-document event groups as ``tidings ingest`` does.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tidings.config import Settings
from tidings.errors import StoreError
from tidings.model import Document

#: Coded documents per Parquet partition.
PARTITION_DOCS = 256
TABLES_DIR = "_tables"
TABLES: tuple[str, ...] = ("documents", "sentences", "mentions", "events", "quotes", "claims", "errors")


def write_partition(docs: list[Document], out_dir: str | Path, index: int) -> Path:
    """Write one partition of coded documents (and error rows) under ``out_dir``; returns its events file."""
    from tidings.export import export
    from tidings.store import Store, q

    out = Path(out_dir)
    name = f"part-{index:05d}.parquet"
    with Store(":memory:") as store:
        store.save_many(docs)
        events_file = export(store, "parquet", out / name)[0]
        for table in TABLES:
            target = out / TABLES_DIR / table / name
            target.parent.mkdir(parents=True, exist_ok=True)
            store.copy_to(f"SELECT * FROM {q(table)}", [], target, "FORMAT parquet")
    return events_file


def ingest_to_parquet(paths: Iterable[str | Path], settings: Settings, out_dir: str | Path, *,
                      fmt: str | None = None, partition_docs: int = PARTITION_DOCS) -> Any:  # fmt: skip
    """Read ``paths``, code them (worker processes, or the cluster of ``settings.scheduler``), write Parquet.

    Returns:
        An :class:`tidings.runner.IngestReport` (``db`` is the output folder; documents seen twice in the
        input are counted as already present).

    Raises:
        TidingsError: a stage cannot be loaded, or the scheduler cannot be reached.
    """
    from tidings.runner import IngestReport, _read_sources
    from tidings.workers import code_documents

    started = time.perf_counter()
    report = IngestReport(db=str(out_dir))
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    failed_reading: list[Document] = []

    def fresh(docs: Iterable[Document]) -> Iterator[Document]:
        seen: set[str] = set()
        for doc in docs:
            report.read += 1
            if doc.error:
                failed_reading.append(doc)
            elif doc.doc_id in seen:
                report.already_present += 1
            else:
                seen.add(doc.doc_id)
                yield doc

    index = 0
    batch: list[Document] = []
    for doc in code_documents(fresh(_read_sources(paths, None if fmt == "auto" else fmt)), settings):
        batch.append(doc)
        if len(batch) >= partition_docs:
            index = _flush(batch + _drain(failed_reading), out_dir, index, report)
            batch = []
    rest = batch + _drain(failed_reading)
    if rest:
        _flush(rest, out_dir, index, report)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _drain(items: list[Document]) -> list[Document]:
    out = list(items)
    items.clear()
    return out


def _flush(docs: list[Document], out_dir: str | Path, index: int, report: Any) -> int:
    write_partition(docs, out_dir, index)
    for doc in docs:
        if doc.error:
            report.failed += 1
            report.errors.append({"source": doc.source, "doc_id": doc.doc_id or None, "reason": doc.error})
        else:
            report.added += 1
            report.events += len(doc.events)
    return index + 1


def load_parquet(folder: str | Path, db: str | Path) -> dict[str, int]:
    """Copy the partitions written by :func:`ingest_to_parquet` into the store ``db``.

    Documents the store already holds are skipped with all their rows, so loading twice adds nothing.

    Returns:
        Rows added per table, plus ``merged_groups``.

    Raises:
        StoreError: ``folder`` holds no partitions, or the store cannot be written.
    """
    from tidings.merge import merge_events
    from tidings.store import Store

    root = Path(folder) / TABLES_DIR
    if not (root / "documents").is_dir() or not any((root / "documents").glob("*.parquet")):
        raise StoreError(f"no tidings Parquet partitions in {folder} (expected {root}/documents/*.parquet)")
    with Store(db) as store:
        added = store.load_parquet_tables({t: root / t for t in TABLES if (root / t).is_dir()})
        added["merged_groups"] = merge_events(store).groups if added.get("documents") else 0
    return added
