"""Code documents on a Dask cluster: a running one (``--scheduler tcp://HOST:PORT``) or a local one.

Each worker process builds the pipeline once (the spaCy model is loaded once per worker and cached) and
codes chunks of documents with ``nlp.pipe``; the coordinating process keeps reading the sources and
storing results, so only a bounded window of chunks is in flight. The spaCy ``Doc`` is dropped before a
document travels back (it is never stored anyway).
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from tidings.config import Settings
from tidings.model import Document
from tidings.workers import _chunks

_PIPELINES: dict[str, Any] = {}  # one pipeline per worker process and settings


def code_chunk(docs: list[Document], settings: Settings) -> list[Document]:
    """Run the pipeline over ``docs`` in this process (a Dask task); errors stay on the documents."""
    from tidings.pipeline import Pipeline

    key = repr(settings)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = _PIPELINES[key] = Pipeline.from_settings(settings)
    out = []
    for doc in pipeline.run(docs):
        doc.parsed = None
        out.append(doc)
    return out


def run_distributed(docs: Iterable[Document], settings: Settings, workers: int = 2, chunk_size: int = 16,
                    scheduler: str | None = None) -> Iterator[Document]:  # fmt: skip
    """Code ``docs`` on a Dask cluster; yields coded documents in input order.

    Args:
        docs: documents to code (already read and cleaned).
        settings: pipeline settings, sent to every worker.
        workers: worker processes of the local cluster started when no ``scheduler`` is given.
        chunk_size: documents per task.
        scheduler: address of a running ``dask.distributed`` scheduler (``tcp://HOST:PORT``); the
            cluster's workers need tidings and the spaCy model installed.

    Raises:
        TidingsError: ``dask[distributed]`` is not installed, or the scheduler cannot be reached.
    """
    from tidings.errors import ConfigError

    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("--workers/--scheduler need dask: pip install 'tidings[dask]'") from exc
    with contextlib.ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout="20s"))
            except (OSError, TimeoutError) as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
            slots = max(1, sum(client.nthreads().values()))
        else:
            cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1,
                                                       processes=True, dashboard_address=None))  # fmt: skip
            client = stack.enter_context(Client(cluster))
            slots = workers
        window: deque[Any] = deque()
        for chunk in _chunks(docs, chunk_size):
            window.append(client.submit(code_chunk, chunk, settings, pure=False))
            if len(window) >= 2 * slots:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
