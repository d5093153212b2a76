"""Response cache of the read API, keyed by the request and the store's generation.

Every answer of a ``GET /api/...`` endpoint is a function of the request, of what the store file holds and
of the user actor file (``actor_name`` resolves names through it). :func:`generation` reads, without
opening the database, a value that changes whenever a transaction is committed to the file by any process
(below); :class:`ResponseCache` keeps the bodies of recent answers under (path and query, generation), so a
repeated request costs a ``stat`` and a dictionary lookup instead of a query, and a request after a write
misses and is answered from the store as before. Answers carry an ``ETag``: a client that sends it back in
``If-None-Match`` gets ``304 Not Modified`` without a body while nothing changed.

Why the file tells: DuckDB appends every commit to the write-ahead log (``FILE.wal``: it grows), and a
checkpoint (when a writer closes the file, or the log is large) writes the database file and rewrites one
of its two database headers, which hold an ever-increasing iteration number, then empties the log. So
the tuple (log size and inode, file size, both database headers) differs after every commit; modification
times are kept too but not relied on (their clock ticks are coarse). The generation is read *before* the
request is answered, so an answer is stored under a generation at most as new as what it shows.
A request method other than GET or HEAD (ingest, reviews, "add this phrase") empties the cache as well.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
import zlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

# DuckDB's file starts with a 4 KiB main header, then two 4 KiB database headers (written alternately).
_HEADERS = (4096, 8192)
# Answers larger than this are not kept (exports, huge pages): they are rare and would crowd the rest out.
MAX_BODY = 1 << 20
DEFAULT_ENTRIES = 256
DEFAULT_BYTES = 64 << 20


def generation(db_path: str, *extra: str | Path) -> tuple[Any, ...] | None:
    """A value that changes whenever a transaction is committed to the DuckDB file ``db_path``.

    Args:
        db_path: the store file; ``":memory:"`` or a missing file give None (nothing to key on).
        extra: other files the answers depend on (the user actor file); their size and time are added.

    Returns:
        A hashable tuple, or None when the file cannot be read (then nothing is cached).
    """
    if db_path == ":memory:":
        return None
    parts: list[Any] = []
    try:
        with open(db_path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            parts.append((stat.st_ino, stat.st_size, stat.st_mtime_ns))
            parts.append(zlib.crc32(os.pread(handle.fileno(), sum(_HEADERS), _HEADERS[0])))
    except OSError:
        return None
    for other in (f"{db_path}.wal", *map(str, extra)):
        try:
            stat = os.stat(other)
        except OSError:
            parts.append(None)
        else:
            parts.append((stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return tuple(parts)


class ResponseCache:
    """Bodies of recent answers, least recently used dropped first, bounded by count and bytes.

    Thread-safe; a generation counter bumped by :meth:`clear` stops an answer computed before a write in
    this process from being stored after it.
    """

    def __init__(self, entries: int = DEFAULT_ENTRIES, max_bytes: int = DEFAULT_BYTES) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self.epoch = 0
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[Any, tuple[bytes, list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Any) -> tuple[bytes, list[tuple[bytes, bytes]], bytes] | None:
        """(body, headers, etag) stored under ``key``, or None."""
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Any, body: bytes, headers: list[tuple[bytes, bytes]], etag: bytes, epoch: int) -> None:
        """Keep an answer, unless the cache was cleared since ``epoch`` was read or it is too large."""
        if len(body) > min(MAX_BODY, self.max_bytes) or self.entries <= 0:
            return
        with self._lock:
            if epoch != self.epoch:
                return
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old[0])
            self._items[key] = (body, headers, etag)
            self._bytes += len(body)
            while len(self._items) > self.entries or self._bytes > self.max_bytes:
                _, (dropped, _, _) = self._items.popitem(last=False)
                self._bytes -= len(dropped)

    def clear(self) -> None:
        """Forget every answer (a write went through this server)."""
        with self._lock:
            self._items.clear()
            self._bytes = 0
            self.epoch += 1

    def __len__(self) -> int:
        return len(self._items)


class Totals:
    """Counts per store generation: events per filter (a page of a filter already counted skips its
    count), and the number of reviews (none: a page needs no verdict lookup).

    A filter's key is made from its SQL and parameters, so two spellings of one filter share it.
    """

    def __init__(self, entries: int = 1024) -> None:
        self.entries = entries
        self._items: OrderedDict[Any, int] = OrderedDict()
        self._lock = threading.Lock()

    def key(self, db_path: str, flt: Any = None) -> Any:
        """The key of the events of ``flt`` (an :class:`tidings.query.EventFilter`; None: of the reviews)
        over the store as it is now, or None when the store has no generation (in memory)."""
        gen = generation(db_path)
        if gen is None or self.entries <= 0:
            return None
        if flt is None:
            return ("reviews", gen)
        where, params = flt.where()
        return (where, repr(params), gen)

    def get(self, key: Any) -> int | None:
        """The count stored under ``key``, or None."""
        if key is None:
            return None
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Any, total: int) -> None:
        """Keep a count (no-op for a None key)."""
        if key is None:
            return
        with self._lock:
            self._items[key] = total
            self._items.move_to_end(key)
            while len(self._items) > self.entries:
                self._items.popitem(last=False)


class CacheMiddleware:
    """ASGI middleware answering repeated ``GET /api/...`` requests from a :class:`ResponseCache`.

    Only ``200`` JSON answers without ``Content-Disposition`` (downloads) are stored. Concurrent identical
    requests that miss wait for the first one instead of all querying the store. Every answer it passes on
    carries ``ETag`` and ``X-Tidings-Cache: hit|miss``; other answers pass through untouched.

    Args:
        app: the ASGI app to wrap.
        key_files: returns (store file, other files) whose :func:`generation` keys the answers.
        cache: the cache (``entries=0`` turns caching off; ETags are still sent).
    """

    def __init__(self, app: App, key_files: Callable[[], tuple[str, tuple[Path, ...]]],
                 cache: ResponseCache) -> None:  # fmt: skip
        self.app = app
        self.key_files = key_files
        self.cache = cache
        self._pending: dict[Any, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD"):
            self.cache.clear()
            try:
                await self.app(scope, receive, send)
            finally:
                self.cache.clear()  # also after: a read that started during the write must not be kept
            return
        if not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        db_path, extra = self.key_files()
        gen = generation(db_path, *extra)
        if gen is None:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""), gen)
        if self.cache.entries <= 0:  # no cache: ETags only, and no waiting for an identical request
            await self._fill(scope, receive, send, key)
            return
        found = self.cache.get(key)
        while found is None and key in self._pending:
            await self._pending[key].wait()
            found = self.cache.get(key)
        if found is not None:
            await _answer(scope, send, found, b"hit")
            return
        event = self._pending[key] = asyncio.Event()
        try:
            await self._fill(scope, receive, send, key)
        finally:
            del self._pending[key]
            event.set()

    async def _fill(self, scope: Scope, receive: Receive, send: Send, key: Any) -> None:
        """Run the app; pass its answer on (a JSON 200 with an ETag, kept in the cache) or through."""
        epoch = self.cache.epoch
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if _keepable(message):
                    start = message
                else:  # downloads, errors, static files: passed through as they come
                    await send(message)
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            etag = b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
            self.cache.put(key, body, headers, etag, epoch)
            await _answer(scope, send, (body, headers, etag), b"miss")

        await self.app(scope, receive, capture)


def _keepable(start: Message) -> bool:
    """A ``200`` JSON answer that is not a download."""
    if start["status"] != 200:
        return False
    headers = {k.lower(): v for k, v in start.get("headers", [])}
    json_body = headers.get(b"content-type", b"").startswith(b"application/json")
    return json_body and b"content-disposition" not in headers


async def _answer(scope: Scope, send: Send, found: tuple[bytes, list[tuple[bytes, bytes]], bytes],
                  how: bytes) -> None:  # fmt: skip
    """Send a stored (or just captured) answer, or ``304`` when the client already has this ETag."""
    body, headers, etag = found
    sent_tags = [v for k, v in scope.get("headers", []) if k == b"if-none-match"]
    if any(etag in v.split(b", ") or v.strip() == b"*" for v in sent_tags):
        await send({"type": "http.response.start", "status": 304,
                    "headers": [(b"etag", etag), (b"x-tidings-cache", how)]})  # fmt: skip
        await send({"type": "http.response.body", "body": b""})
        return
    out = [*headers, (b"content-length", str(len(body)).encode()), (b"etag", etag), (b"x-tidings-cache", how)]
    await send({"type": "http.response.start", "status": 200, "headers": out})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
