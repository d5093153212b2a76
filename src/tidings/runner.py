"""The Python API users call: ingest sources into a store, code a text in memory, run the demo.

    report = ingest(["articles/"], Settings(db="news.duckdb"))
    doc = code_text("Pyongyang said Seoul fired shells across the border on Tuesday.")

Documents already in the store are skipped before parsing, so a rerun is cheap and a killed run resumes
where it stopped; each document is written in one transaction, so nothing is ever half stored.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from tidings.config import Settings
from tidings.errors import ConfigError, IngestError, PluginError
from tidings.faults import crash_point
from tidings.merge import merge_events
from tidings.model import Document
from tidings.pipeline import Pipeline
from tidings.kb.validate import check_files
from tidings.store import DEFAULT_WAIT, Store
from tidings.workers import code_documents

#: Called once per document read, with the document and what happened to it:
#: ``"added"``, ``"present"`` (already stored, skipped) or ``"failed"``.
Progress = Callable[[Document, str], None]
DEMO_ARTICLES = "data/demo/articles"
# Coded documents written per transaction: all of a batch is stored or none, never half a document.
SAVE_BATCH = 16


@dataclass(slots=True)
class IngestReport:
    """What an :func:`ingest` run did.

    Attributes:
        read: documents read from the sources (including unreadable ones).
        added: documents newly stored.
        already_present: documents skipped because the store had them already (or seen twice).
        failed: documents that could not be read or processed (stored as error rows).
        events: events in the newly stored documents.
        errors: per failure ``{"source", "doc_id", "reason", "stage", "kind", "message", "line"}``
            (see :func:`failure_record`).
        db: the store file.
        seconds: wall time.
        merged_groups: cross-document event groups after this run (see :mod:`tidings.merge`).
    """

    read: int = 0
    added: int = 0
    already_present: int = 0
    failed: int = 0
    events: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    db: str = ""
    seconds: float = 0.0
    merged_groups: int = 0

    @property
    def ok(self) -> bool:
        """True when no document failed."""
        return self.failed == 0

    def as_dict(self) -> dict[str, Any]:
        """The report as a JSON-able dict."""
        return asdict(self)


@dataclass(slots=True)
class DemoReport:
    """What :func:`run_demo` did: the ingest report, the store summary and the files written."""

    db: str
    ingest: IngestReport
    summary: dict[str, Any]
    exports: list[Path] = field(default_factory=list)


def _read_sources(paths: Iterable[str | Path], fmt: str | None) -> Iterator[Document]:
    """Read documents with the ingest stage (``tidings.stages.ingest.read_sources``)."""
    try:
        from tidings.stages.ingest import read_sources
    except ModuleNotFoundError as exc:
        if exc.name != "tidings.stages.ingest":
            raise
        raise PluginError("the ingest stage (tidings.stages.ingest) is not installed") from exc
    return read_sources(list(paths), fmt=fmt)


def ingest(paths: Iterable[str | Path], settings: Settings | None = None, *, fmt: str | None = None,
           progress: Progress | None = None) -> IngestReport:  # fmt: skip
    """Read ``paths`` (files, folders, ``-`` for stdin), code new documents, store them in ``settings.db``.

    The store file is held only while a batch is written (see :func:`ingest_documents`), so a running
    ``tidings serve`` or ``tidings events`` on the same file keeps answering in between.

    Args:
        paths: sources to read; folders are read recursively by the ingest stage.
        settings: pipeline settings and the store file (default: :meth:`Settings.load`).
        fmt: force an input format (``text``, ``html``, ``jsonl``, ``csv``); None or ``auto`` detects it.
        progress: called after each document (see :data:`Progress`).

    Returns:
        The counts and the failures.

    Raises:
        TidingsError: the store cannot be opened, or a stage cannot be loaded.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path, not an iterable of characters
    settings = settings or Settings.load()
    check_files(settings.actors_files)  # a malformed --actors file fails before any document is read
    store = Store(settings.db, hold=False, wait=DEFAULT_WAIT)
    docs = _read_sources(paths, None if fmt == "auto" else fmt)
    return ingest_documents(docs, store, settings, progress=progress)


def ingest_documents(docs: Iterable[Document], store: Store, settings: Settings, *,
                     pipeline: Pipeline | None = None,
                     progress: Progress | None = None) -> IngestReport:  # fmt: skip
    """The ingest service behind ``tidings ingest`` and ``POST /api/ingest``: code, store, merge.

    Documents the store already has are skipped before coding; documents carrying an error are stored as
    error rows; the others are coded and saved :data:`SAVE_BATCH` at a time, each batch in one write
    session (the file is released between batches). Then the cross-document merge runs when documents
    were added *or* an earlier merge did not finish (the store's ``merge_pending`` marker).

    Args:
        docs: documents as the ingest stage reads them.
        store: the store to fill.
        settings: pipeline settings (``workers``: worker processes; ``scheduler``: a Dask cluster).
        pipeline: a pipeline already built (the server keeps one); default: built from ``settings`` when
            a document needs coding.
        progress: called after each document (see :data:`Progress`).

    Raises:
        TidingsError: the store cannot be written, or a stage cannot be loaded.
    """
    report = IngestReport(db=settings.db)
    started = time.perf_counter()
    notify = progress or (lambda doc, status: None)
    known = store.known_ids()
    new_docs = _new_documents(docs, known, store, report, notify)
    first = next(new_docs, None)
    if first is not None:
        # Build the pipeline (and load spaCy) only when something needs parsing.
        todo = itertools.chain([first], new_docs)
        if pipeline is not None:
            coded = pipeline.run(todo)
        else:  # worker processes (one per core by default), or a Dask cluster (settings.scheduler)
            coded = code_documents(todo, settings)
        pending: list[Document] = []
        for doc in coded:
            pending.append(doc)
            if len(pending) >= SAVE_BATCH:
                _store_batch(store, pending, report, notify)
                pending = []
        _store_batch(store, pending, report, notify)
    if report.added or store.stale("event_groups"):
        crash_point("merge-start")
        with store.session(write=True):
            report.merged_groups = merge_events(store).groups
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _new_documents(docs: Iterable[Document], known: set[str], store: Store, report: IngestReport,
                   notify: Progress) -> Iterator[Document]:  # fmt: skip
    """Yield the documents the store lacks; record unreadable ones; count the rest as present."""
    for doc in docs:
        report.read += 1
        if doc.error:
            _store_batch(store, [doc], report, notify)
        elif doc.doc_id in known:
            report.already_present += 1
            notify(doc, "present")
        else:
            known.add(doc.doc_id)
            yield doc


def failure_record(doc: Document) -> dict[str, Any]:
    """A failed document as a report row: source, doc_id, reason, and the typed fields of its Failure."""
    failure = doc.failure
    return {"source": doc.source, "doc_id": doc.doc_id or None, "reason": doc.error,
            "stage": failure.stage if failure else None, "kind": failure.kind if failure else None,
            "message": failure.message if failure else doc.error,
            "line": failure.line if failure else None}  # fmt: skip


def _store_batch(store: Store, docs: list[Document], report: IngestReport, notify: Progress) -> None:
    """Save coded documents in one transaction, then count and report each."""
    if not docs:
        return
    for doc, added in zip(docs, store.save_many(docs), strict=True):
        if doc.error:
            report.failed += 1
            report.errors.append(failure_record(doc))
            notify(doc, "failed")
        elif added:
            report.added += 1
            report.events += len(doc.events)
            notify(doc, "added")
        else:
            report.already_present += 1
            notify(doc, "present")


_PIPELINES: dict[str, Pipeline] = {}


def code_text(text: str, *, published: dt.date | str | None = None, title: str | None = None,
              settings: Settings | None = None) -> Document:  # fmt: skip
    """Run the pipeline over one text in memory (nothing is stored) and return the coded Document.

    Args:
        text: the article or sentence.
        published: publication date (anchors relative dates such as "on Tuesday").
        title: optional headline.
        settings: pipeline settings (default: :meth:`Settings.load`).

    Raises:
        TidingsError: a stage failed on this text or cannot be loaded.

    Example:
        >>> doc = code_text("North Korea fired missiles toward Japan.", published="2023-03-13")
        >>> [(e.event_type, e.source_country, e.target_country) for e in doc.events]
    """
    settings = settings or Settings.load()
    _check_encodable(text, "text")
    if title is not None:
        _check_encodable(title, "title")
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published)
        except ValueError as exc:
            raise ConfigError(f"published must be an ISO date (YYYY-MM-DD), not {published!r}") from exc
    key = repr(settings)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = _PIPELINES[key] = Pipeline.from_settings(settings, on_error="raise")
    doc = Document(doc_id=Document.make_id(text), text=text, title=title, published=published,
                   source="text")  # fmt: skip
    return next(iter(pipeline.run([doc])))


def _check_encodable(value: str, name: str) -> None:
    """Refuse text that cannot be stored as UTF-8 (a lone surrogate, e.g. from a bad JSON escape).

    Raises:
        IngestError: ``value`` holds a lone surrogate.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise IngestError(f"{name} holds a lone surrogate (U+{ord(value[exc.start]):04X}) at character "
                          f"{exc.start}; it is not valid Unicode text", stage="ingest") from None  # fmt: skip


def demo_corpus() -> Path:
    """The folder of bundled demo articles.

    Raises:
        ConfigError: the package has no demo articles (an incomplete install).
    """
    folder = Path(str(importlib.resources.files("tidings") / DEMO_ARTICLES))
    if not folder.is_dir() or not any(p.is_file() and not p.name.startswith(".") for p in folder.iterdir()):
        raise ConfigError(f"no demo articles found in {folder}; reinstall tidings (`make install`)")
    return folder


def run_demo(db: str | Path = "tidings-demo.duckdb", out_dir: str | Path = "out/demo", *,
             settings: Settings | None = None, progress: Progress | None = None) -> DemoReport:  # fmt: skip
    """Ingest the bundled demo corpus into ``db``, export its events to ``out_dir``, summarise it.

    Writes ``events.parquet``, ``events.csv`` (plus ``quotes.*`` and ``claims.*``), ``events.jsonl``
    and ``events.graphml`` into ``out_dir``. Rerunning adds nothing new to ``db``.

    Raises:
        ConfigError: the demo corpus is missing.
        TidingsError: the store or a stage failed.
    """
    from tidings import analytics
    from tidings.export import export

    corpus = demo_corpus()
    base = settings or Settings.load()
    run_settings = replace(base, db=str(db))
    report = ingest([corpus], run_settings, progress=progress)
    out = Path(out_dir)
    files: list[Path] = []
    with Store(str(db), wait=DEFAULT_WAIT) as store:
        for fmt, name in (("parquet", "events.parquet"), ("csv", "events.csv"), ("jsonl", "events.jsonl"),
                          ("graphml", "events.graphml")):  # fmt: skip
            files += export(store, fmt, out / name, with_quotes=fmt in ("parquet", "csv"))
        summary = analytics.summary(store)
    return DemoReport(db=str(db), ingest=report, summary=summary, exports=files)
