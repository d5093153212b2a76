"""Code documents on every core: worker processes that each load the model once.

    for doc in code_documents(docs, settings):   # settings.workers: 0 = one per core
        ...

On Linux the pipeline is built and warmed once in the calling process and the workers are forked from it
(they share the loaded model); elsewhere each spawned worker builds its own. The calling process keeps
reading the sources and is the only writer of the store (it saves coded documents in batches); the workers
only parse and code. Documents go out in chunks and come back in input order, and
at most ``2 × workers`` chunks are in flight, so memory does not grow with the corpus. Small inputs (fewer
than ``min_docs`` documents) are coded in this process: starting workers and loading the model in each
costs a few seconds, more than it saves on a handful of articles.

A worker that dies (killed for memory, say) does not stop the run: the documents of the chunks that were
in flight come back with an error, which the store records like any other failure (a rerun retries them),
and a fresh pool takes the next chunks.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Any

from tidings.config import Settings
from tidings.model import Document

#: Documents per task sent to a worker.
CHUNK_SIZE = 16
#: Inputs shorter than this are coded in the calling process.
MIN_DOCS = 4 * CHUNK_SIZE

_PIPELINE: Any = None  # (settings key, pipeline) of this process, built once by _start_worker


def worker_count(requested: int | None = None) -> int:
    """The number of worker processes: ``requested`` if positive, else one per available core."""
    if requested and requested > 0:
        return requested
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def code_documents(docs: Iterable[Document], settings: Settings, *, min_docs: int = MIN_DOCS,
                   chunk_size: int = CHUNK_SIZE) -> Iterator[Document]:  # fmt: skip
    """Code ``docs`` with ``settings.workers`` processes (0: one per core); yields them in input order.

    Raises:
        TidingsError: a stage cannot be loaded.
    """
    from tidings.pipeline import Pipeline

    if settings.scheduler:
        from tidings.distributed import run_distributed

        yield from run_distributed(docs, settings, scheduler=settings.scheduler, chunk_size=chunk_size)
        return
    workers = worker_count(settings.workers)
    stream = iter(docs)
    head = list(itertools.islice(stream, max(min_docs, 1)))
    if workers <= 1 or len(head) < min_docs:
        yield from Pipeline.from_settings(settings).run(itertools.chain(head, stream))
        return
    yield from _pooled(_chunks(itertools.chain(head, stream), chunk_size), settings, workers)


def _pooled(chunks: Iterator[list[Document]], settings: Settings, workers: int) -> Iterator[Document]:
    pool = _new_pool(settings, workers)
    window: deque[tuple[list[Document], Future[list[Document]]]] = deque()
    try:
        for chunk in chunks:
            try:
                window.append((chunk, pool.submit(_code_chunk, chunk)))
            except BrokenProcessPool:
                pool = _restart(pool, settings, workers)
                window.append((chunk, pool.submit(_code_chunk, chunk)))
            while len(window) >= 2 * workers:
                done, pool = _collect(window.popleft(), pool, settings, workers)
                yield from done
        while window:
            done, pool = _collect(window.popleft(), pool, settings, workers)
            yield from done
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(item: tuple[list[Document], Future[list[Document]]], pool: ProcessPoolExecutor,
             settings: Settings, workers: int) -> tuple[list[Document], ProcessPoolExecutor]:  # fmt: skip
    chunk, future = item
    try:
        return future.result(), pool
    except BrokenProcessPool:
        for doc in chunk:
            doc.error = "worker: a worker process died while coding this chunk (out of memory?)"
        return chunk, _restart(pool, settings, workers)


def _restart(pool: ProcessPoolExecutor, settings: Settings, workers: int) -> ProcessPoolExecutor:
    pool.shutdown(wait=False, cancel_futures=True)
    return _new_pool(settings, workers)


def _new_pool(settings: Settings, workers: int) -> ProcessPoolExecutor:
    if "fork" in multiprocessing.get_all_start_methods():
        # Build and warm the pipeline here once, then fork: every worker starts with the model, lexicons and
        # gazetteer already loaded and shares their memory pages until it writes to them (as spaCy's own
        # n_process does). The children only code; they never touch the store or the caller's threads.
        _start_worker(settings, warm=True)
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(settings,))


def _start_worker(settings: Settings, warm: bool = False) -> None:
    from tidings.pipeline import Pipeline

    global _PIPELINE
    key = repr(replace(settings, db=""))  # the store file does not change the pipeline
    if _PIPELINE is None or _PIPELINE[0] != key:
        _PIPELINE = (key, Pipeline.from_settings(settings))
        if warm:  # load what the stages load on first use (model, lexicons, knowledge base, gazetteer)
            text = "Officials in Paris said France and Germany signed an agreement on Monday."
            list(_PIPELINE[1].run([Document(doc_id="warm-up", text=text)]))


def _code_chunk(docs: list[Document]) -> list[Document]:
    """Run this worker's pipeline over ``docs``; the spaCy Doc is dropped before they travel back."""
    out = []
    for doc in _PIPELINE[1].run(docs):
        doc.parsed = None
        out.append(doc)
    return out


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
