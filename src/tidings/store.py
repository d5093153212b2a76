"""The DuckDB store: schema, migrations, writes (one transaction per document) and queries.

Tables (column lists of ``events``, ``quotes``, ``claims`` and ``documents`` follow the dataclasses in
:mod:`tidings.model`, so a new model field becomes a new column the next time a store is opened)::

    meta(key PK, value)                      schema_version
    documents(doc_id PK, title, author, published DATE, url, source, parent_id, position, fmt,
              text, extras JSON, ..., n_sentences, n_events, ingested_at)
    sentences(doc_id, idx, start, end, text)
    mentions(doc_id, start, end, text, country, sector, actor_id, name, role, kind, score)
    events(event_id PK, every Event field; trace JSON)
    quotes(quote_id PK, every Quote field)
    claims(claim_id PK, every Claim field)
    errors(error_id PK, source, doc_id, stage, reason, at, kind, line)
    reviews(review_id PK, event_id, verdict, corrections JSON, note, at)

Two ways to hold the file (DuckDB lets one process write it, or any number of processes read it):
``Store(path)`` keeps one connection for its lifetime; ``Store(path, hold=False)`` opens a connection per
:meth:`Store.session` (or per call) and closes it afterwards, waiting with a bounded backoff while another
process holds a conflicting lock. The ingest writer and ``tidings serve`` use the second way, so readers
and one writer take turns on the file (see docs/store.md).

Query methods return lists of plain dicts (dates as ISO strings, JSON columns decoded) so the CLI, the
exporters and the REST API can serialise them directly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import duckdb

from tidings.errors import FilterError, SchemaVersionError, StoreError
from tidings.model import Claim, Document, Event, Failure, Quote, stable_id
from tidings.query import (  # noqa: F401 - ACCEPTED, ORDERS and event_order are re-exported for callers
    ACCEPTED, EVENT_RECORD_EXTRAS, EVENT_RECORD_SELECT, ORDERS, EventFilter, event_order,
)

SCHEMA_VERSION = 1
#: Seconds a ``hold=False`` store (and a CLI reader) waits for another process to release the file.
DEFAULT_WAIT = 60.0
# Derived tables and the meta key that marks them stale: writing documents sets the key in the same
# transaction, rebuilding the table clears it in the same transaction, so a killed rebuild is redone.
STALE_MARKERS = {"event_groups": "merge_pending"}
# The write that ends a merge clears its marker in the same transaction: the incremental merge writes its
# index (merge_keys) last, so a merge killed before that is redone by the next run.
MARKER_CLEARED_BY = {"merge_keys": "merge_pending"}
# Document attributes that live in their own tables or only in memory.
_DOC_SKIP = frozenset({"sentences", "mentions", "events", "quotes", "claims", "parsed", "error", "failure"})
_STAGE_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.v\d+$")


def _arrow_types() -> dict[str, Any]:
    import pyarrow as pa

    return {"VARCHAR": pa.string(), "JSON": pa.string(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
            "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
            "BLOB": pa.binary()}  # fmt: skip


def _sql_type(annotation: object) -> str:
    """Map a dataclass field annotation (a string under ``from __future__ import annotations``)."""
    text = str(annotation).replace(" ", "")
    base = text.split("|")[0]
    if base.startswith(("dict", "list", "tuple", "Any")):
        return "JSON"
    if base == "int":
        return "BIGINT"
    if base == "float":
        return "DOUBLE"
    if base == "bool":
        return "BOOLEAN"
    if base in ("dt.date", "date", "datetime.date"):
        return "DATE"
    return "VARCHAR"


def _model_columns(cls: type, skip: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [(f.name, _sql_type(f.type)) for f in dataclasses.fields(cls) if f.name not in skip]


def table_columns() -> dict[str, list[tuple[str, str]]]:
    """Every table's columns as ``(name, SQL type)``, the first column being the key where there is one."""
    docs = _model_columns(Document, _DOC_SKIP)
    docs += [("n_sentences", "BIGINT"), ("n_events", "BIGINT"), ("ingested_at", "TIMESTAMP")]
    return {
        "meta": [("key", "VARCHAR"), ("value", "VARCHAR")],
        "documents": docs,
        "sentences": [("doc_id", "VARCHAR"), ("idx", "BIGINT"), ("start", "BIGINT"), ("end", "BIGINT"),
                      ("text", "VARCHAR")],  # fmt: skip
        "mentions": [("doc_id", "VARCHAR"), ("start", "BIGINT"), ("end", "BIGINT"), ("text", "VARCHAR"),
                     ("country", "VARCHAR"), ("sector", "VARCHAR"), ("actor_id", "VARCHAR"),
                     ("name", "VARCHAR"), ("role", "VARCHAR"), ("kind", "VARCHAR"),
                     ("score", "DOUBLE")],  # fmt: skip
        "events": _model_columns(Event),
        "quotes": _model_columns(Quote),
        "claims": _model_columns(Claim),
        "errors": [("error_id", "VARCHAR"), ("source", "VARCHAR"), ("doc_id", "VARCHAR"),
                   ("stage", "VARCHAR"), ("reason", "VARCHAR"), ("at", "TIMESTAMP"), ("kind", "VARCHAR"),
                   ("line", "BIGINT")],  # fmt: skip
        # one row per merged event: which cross-document group it belongs to (tidings.merge)
        "event_groups": [("event_id", "VARCHAR"), ("group_id", "VARCHAR"), ("n_docs", "BIGINT"),
                         ("n_events", "BIGINT"), ("how", "VARCHAR"), ("doc_id", "VARCHAR")],  # fmt: skip
        # an analyst's verdict on an event, with corrected fields (tidings.review); the latest one counts
        "reviews": [("review_id", "VARCHAR"), ("event_id", "VARCHAR"), ("verdict", "VARCHAR"),
                    ("corrections", "JSON"), ("note", "VARCHAR"), ("at", "TIMESTAMP")],  # fmt: skip
        # one row per event the merge has seen: its blocking key, date range, place and MinHash signature
        "merge_keys": [("event_id", "VARCHAR"), ("block", "VARCHAR"), ("day_lo", "BIGINT"),
                       ("day_hi", "BIGINT"), ("doc_id", "VARCHAR"), ("page", "VARCHAR"), ("place_country", "VARCHAR"),
                       ("latitude", "DOUBLE"), ("longitude", "DOUBLE"), ("sig", "BLOB")],  # fmt: skip
    }


_ARROW = _arrow_types()
_KEYS = {"meta": "key", "documents": "doc_id", "events": "event_id", "quotes": "quote_id",
         "claims": "claim_id", "errors": "error_id", "event_groups": "event_id",
         "reviews": "review_id", "merge_keys": "event_id"}  # fmt: skip
_INDEXES = (
    ("sentences", "doc_id"), ("mentions", "doc_id"), ("events", "doc_id"), ("events", "event_type"),
    ("events", "source_country"), ("events", "target_country"), ("quotes", "doc_id"), ("claims", "doc_id"),
    ("reviews", "event_id"), ("event_groups", "group_id"), ("merge_keys", "block"),
)  # fmt: skip


def q(name: str) -> str:
    """Quote an SQL identifier (``end``, ``start`` and ``text`` are keywords in some positions)."""
    return '"' + name.replace('"', '""') + '"'


def _jsonable(value: Any, sql_type: str) -> Any:
    if sql_type == "JSON":
        return None if value is None else json.dumps(value, ensure_ascii=False, default=str)
    if sql_type == "DATE" and isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


def _now() -> dt.datetime:
    """Naive UTC now (DuckDB TIMESTAMP has no zone)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


class _ReadWriteLock:
    """Many readers or one writer, in this process; a waiting writer stops new readers (no starvation)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writer and not self._waiting)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._waiting += 1
            self._cond.wait_for(lambda: not self._writer and not self._readers)
            self._waiting -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


# DuckDB shares one database instance per file and configuration within a process, and refuses a
# read-only and a read-write instance of the same file at once: sessions on one file take turns here.
_FILE_LOCKS: dict[str, _ReadWriteLock] = {}
_FILE_LOCKS_GUARD = threading.Lock()


def _file_lock(path: str) -> _ReadWriteLock:
    key = str(Path(path).resolve())
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(key, _ReadWriteLock())


def _retryable(exc: duckdb.Error) -> bool:
    """Another process (or a differently opened connection here) holds the file for now."""
    text = str(exc)
    return "lock" in text.lower() or "different configuration" in text


class _Session(threading.local):
    con: Any = None
    write: bool = False
    depth: int = 0


class Store:
    """An embedded DuckDB file holding documents, events, quotes, claims and errors.

    Args:
        path: the database file (``":memory:"`` for a throwaway store); parent folders are created.
        read_only: open without writing (no migration; the file must exist).
        hold: keep one connection open for the store's lifetime (default). ``False``: open a connection
            per :meth:`session` or per call, read-only for reads, and close it after, so other processes
            can use the file in between; each thread gets its own connection.
        wait: seconds to wait, retrying with a growing pause, while another process holds the file.
        threads: DuckDB worker threads per query (default: one per core). A server answering many small
            requests at once does better with 1: the requests are the parallelism.
        max_sessions: at most this many sessions at once (``hold=False``); more wait their turn. Forty
            threads fetching rows at once only fight over the GIL and the cores.

    Raises:
        StoreError: the file cannot be opened (missing in read-only mode, locked longer than ``wait``).
        SchemaVersionError: the file was written by a newer, unknown schema version.

    Example:
        >>> with Store("news.duckdb") as store:
        ...     store.save(doc)
        ...     rows = store.events(type="ASSAULT", actor="PRK")
    """

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False, hold: bool = True,
                 wait: float = 0.0, threads: int | None = None,
                 max_sessions: int | None = None) -> None:  # fmt: skip
        self.path = str(path)
        self.read_only = read_only
        self.hold = hold or self.path == ":memory:"
        self.wait = wait
        self._config = {"threads": threads} if threads else {}
        self._slots = threading.BoundedSemaphore(max_sessions) if max_sessions else None
        self._lock = threading.RLock()
        self._session = _Session()
        if self.path != ":memory:":
            if read_only and not Path(self.path).exists():
                raise StoreError(f"no store at {self.path}; run `tidings ingest ... --db {self.path}` first")
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._columns = table_columns()
        self._con: Any = self._connect(write=not read_only) if self.hold else None
        with self.session(write=not read_only):
            self._check_version()
            if not read_only:
                self._migrate()

    def _connect(self, write: bool) -> Any:
        """A new connection, retrying while another process holds a conflicting lock."""
        deadline = time.monotonic() + self.wait
        pause = 0.005
        while True:
            try:
                return duckdb.connect(self.path, read_only=not write, config=self._config)
            except duckdb.Error as exc:
                if _retryable(exc) and time.monotonic() < deadline:
                    time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
                    pause = min(pause * 2, 0.1)
                    continue
                hint = " (another tidings process is using it; retry, or raise the wait)" if _retryable(
                    exc) else ""  # fmt: skip
                raise StoreError(f"cannot open store {self.path}: {exc}{hint}") from exc

    # -- lifecycle -------------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            if self._con is not None:
                self._con.close()

    @contextmanager
    def session(self, write: bool = False) -> Iterator[None]:
        """Keep one connection for every call made inside (in this thread), and close it at the end.

        With ``hold=True`` this only serialises the calls. With ``hold=False`` a read session opens the
        file read-only (other processes may read it too), a write session read-write (nobody else may);
        the file is released when the outermost session ends.

        Raises:
            StoreError: the file stayed locked longer than ``wait``, or a write inside a read session.
        """
        if self.hold:
            with self._lock:
                yield
            return
        local = self._session
        if local.depth:
            if write and not local.write:
                raise StoreError("cannot write inside a read session; open a write session first")
            local.depth += 1
            try:
                yield
            finally:
                local.depth -= 1
            return
        rw = _file_lock(self.path)
        with self._slots or nullcontext(), rw.write() if write else rw.read():
            local.con, local.write, local.depth = self._connect(write), write, 1
            try:
                yield
            finally:
                con, local.con, local.depth = local.con, None, 0
                con.close()

    @contextmanager
    def _use(self, write: bool = False) -> Iterator[Any]:
        """The connection to run statements on (inside a session of the right kind)."""
        if write and self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        with self.session(write):
            yield self._con if self.hold else self._session.con

    # -- schema ----------------------------------------------------------------------------------------

    def _existing_tables(self, con: Any) -> set[str]:
        rows = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
        return {r[0] for r in rows}

    def _check_version(self) -> None:
        with self._use() as con:
            if "meta" not in self._existing_tables(con):
                return
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        found = int(row[0]) if row else SCHEMA_VERSION
        if found > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"store {self.path} has schema version {found}, newer than this tidings understands "
                f"({SCHEMA_VERSION}); upgrade tidings or use another --db file"
            )

    def _migrate(self) -> None:
        """Create missing tables, add columns for new model fields, record the schema version."""
        with self._use(write=True) as con:
            existing = self._existing_tables(con)
            rescore = False
            for table, cols in self._columns.items():
                if table not in existing:
                    self._create(con, table, cols)
                    continue
                have = {r[1] for r in con.execute(f"PRAGMA table_info({q(table)})").fetchall()}
                for name, sql_type in cols:
                    if name not in have:
                        con.execute(f"ALTER TABLE {q(table)} ADD COLUMN {q(name)} {sql_type}")
                        rescore = rescore or (table, name) == ("events", "goldstein")
            if rescore:
                self._score_old_events(con)
            for table, col in _INDEXES:
                index = q(f"ix_{table}_{col}")
                con.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {q(table)} ({q(col)})")
            con.execute(
                "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = ?",
                [str(SCHEMA_VERSION), str(SCHEMA_VERSION)],
            )

    def _score_old_events(self, con: Any) -> None:
        """Give events stored before the intensity columns existed their Goldstein score and quad class."""
        from tidings.intensity import goldstein, quad_class

        pairs = con.execute("SELECT DISTINCT cameo_code, event_type FROM events").fetchall()
        for code, etype in pairs:
            con.execute(
                "UPDATE events SET goldstein = ?, quad_class = ? "
                "WHERE cameo_code IS NOT DISTINCT FROM ? AND event_type = ?",
                [goldstein(code, etype), quad_class(etype, code), code, etype],
            )

    def _create(self, con: Any, table: str, cols: list[tuple[str, str]]) -> None:
        key = _KEYS.get(table)
        body = ", ".join(f"{q(n)} {t}{' PRIMARY KEY' if n == key else ''}" for n, t in cols)
        con.execute(f"CREATE TABLE {q(table)} ({body})")

    def columns(self, table: str) -> list[str]:
        """The column names of ``table`` as the model defines them."""
        return [name for name, _ in self._columns[table]]

    # -- writes ----------------------------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        """Whether a document with this id is stored (error rows do not count: failures are retried)."""
        with self._use() as con:
            row = con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row is not None

    def known_ids(self) -> set[str]:
        """Every stored document id."""
        with self._use() as con:
            return {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()}

    def save(self, doc: Document) -> bool:
        """Store ``doc`` and all its children in one transaction, or an error row if ``doc.error`` is set.

        Saving is idempotent: a document already stored (same ``doc_id``) or an error already recorded
        (same source and reason) adds nothing.

        Returns:
            True when rows were added, False when the document (or error) was already present.

        Raises:
            StoreError: the write failed; nothing of the document was stored.
        """
        return self.save_many([doc])[0]

    def save_many(self, docs: Iterable[Document]) -> list[bool]:
        """Store several documents (and error rows) in one transaction: all of them or none.

        Faster than one :meth:`save` per document, since each table gets one INSERT for the batch. When
        documents are added, the derived tables (``event_groups``) are marked stale in the same
        transaction (see :meth:`stale`).

        Returns:
            For each document, in order, whether it added rows (False: already present).

        Raises:
            StoreError: the write failed; nothing of the batch was stored.
        """
        batch = list(docs)
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        if not batch:
            return []
        with self._use(write=True) as con, self._transaction(con):
            wanted = [d.doc_id for d in batch if not d.error]
            stored = {r[0] for r in con.execute(
                "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [wanted]
            ).fetchall()} if wanted else set()  # fmt: skip
            added: list[bool] = []
            fresh: list[Document] = []
            for doc in batch:
                if doc.error:
                    added.append(self._save_error(con, doc))
                elif doc.doc_id in stored:
                    added.append(False)
                else:
                    stored.add(doc.doc_id)
                    fresh.append(doc)
                    added.append(True)
            self._write_documents(con, fresh)
            if fresh:
                # A document that now went through is no longer a failure.
                con.execute("DELETE FROM errors WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                            [[d.doc_id for d in fresh]])  # fmt: skip
                for key in STALE_MARKERS.values():
                    con.execute("INSERT INTO meta VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
                                [key])  # fmt: skip
            return added

    def stale(self, table: str) -> bool:
        """Whether documents were added since the derived ``table`` was last rebuilt (or a rebuild died)."""
        key = STALE_MARKERS[table]
        with self._use() as con:
            row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return bool(row and row[0] == "1")

    def record_error(self, source: str, reason: str, *, doc_id: str | None = None, stage: str = "") -> bool:
        """Record a failure that has no Document (e.g. an unreadable path); idempotent like :meth:`save`."""
        error = f"{stage}: {reason}" if stage else reason
        failure = Failure(stage=stage or "ingest", kind="IngestError", message=reason, source=source)
        doc = Document(doc_id=doc_id or "", text="", source=source, error=error, failure=failure)
        return self.save(doc)

    @contextmanager
    def _transaction(self, con: Any) -> Iterator[None]:
        con.execute("BEGIN TRANSACTION")
        try:
            yield
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def _save_error(self, con: Any, doc: Document) -> bool:
        reason = doc.error or ""
        failure = doc.failure
        if failure is None:
            # A failure made by hand (not by the pipeline or the ingest stage): only its text is known.
            stage, sep, rest = reason.partition(": ")
            if not (sep and (_STAGE_NAME.match(stage) or stage == "ingest")):
                stage, rest = "ingest", reason
            failure = Failure(stage=stage, kind="", message=rest, source=doc.source)
        error_id = stable_id(doc.source, doc.doc_id, reason)
        found = con.execute("SELECT 1 FROM errors WHERE error_id = ?", [error_id]).fetchone()
        if found:
            return False
        con.execute(
            "INSERT INTO errors (error_id, source, doc_id, stage, reason, \"at\", kind, line) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [error_id, doc.source, doc.doc_id or None, failure.stage or None, failure.message, _now(),
             failure.kind or None, failure.line],
        )
        return True

    def _write_documents(self, con: Any, docs: list[Document]) -> None:
        """Insert the documents and their children, one INSERT per table."""
        if not docs:
            return
        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("documents", "sentences", "mentions",
                                                                "events", "quotes", "claims")}  # fmt: skip
        now = _now()
        for doc in docs:
            row = {f: getattr(doc, f) for f, _ in self._columns["documents"] if hasattr(doc, f)}
            row.update(n_sentences=len(doc.sentences), n_events=len(doc.accepted_events), ingested_at=now)
            rows["documents"].append(row)
            rows["sentences"] += [{"doc_id": doc.doc_id, "idx": s.index, "start": s.start, "end": s.end,
                                   "text": s.text} for s in doc.sentences]  # fmt: skip
            rows["mentions"] += [_mention_row(doc.doc_id, m) for m in doc.mentions]
            for table, items in (("events", doc.events), ("quotes", doc.quotes), ("claims", doc.claims)):
                rows[table] += [{f.name: getattr(x, f.name) for f in dataclasses.fields(x)} for x in items]
        for table, table_rows in rows.items():
            self._insert(table, table_rows)

    def _insert(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """Insert ``rows`` through an Arrow table: one statement, no per-value parameter binding."""
        if not rows:
            return
        con = self._con if self.hold else self._session.con
        import pyarrow as pa

        cols = self._columns[table]
        arrays = [pa.array([_jsonable(r.get(n), t) for r in rows], type=_ARROW[t]) for n, t in cols]
        batch = pa.table(arrays, names=[n for n, _ in cols])
        names = ", ".join(q(n) for n, _ in cols)
        key = _KEYS.get(table)
        conflict = f" ON CONFLICT ({q(key)}) DO NOTHING" if key else ""
        view = f"_tidings_insert_{table}"
        con.register(view, batch)
        try:
            con.execute(f"INSERT INTO {q(table)} ({names}) SELECT {names} FROM {q(view)}{conflict}")
        finally:
            con.unregister(view)

    def append_rows(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """Add rows to a table (e.g. ``reviews``) in one transaction; rows whose key exists are skipped."""
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        with self._use(write=True) as con, self._transaction(con):
            self._insert(table, rows)

    def replace_rows(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """Replace every row of a derived table (e.g. ``event_groups``) in one transaction."""
        with self._use(write=True) as con, self._transaction(con):
            con.execute(f"DELETE FROM {q(table)}")
            self._insert(table, rows)

    def replace_keyed(self, table: str, keys: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
        """Delete the rows of ``table`` whose key is in ``keys``, then insert ``rows``, in one transaction.

        Writing ``merge_keys`` (the last write of a merge) clears the ``merge_pending`` marker in the same
        transaction (see :meth:`stale`).
        """
        key = q(_KEYS[table])
        with self._use(write=True) as con, self._transaction(con):
            if keys:
                con.execute(f"DELETE FROM {q(table)} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))",
                            [list(keys)])  # fmt: skip
            self._insert(table, rows)
            if table in MARKER_CLEARED_BY:
                con.execute("DELETE FROM meta WHERE key = ?", [MARKER_CLEARED_BY[table]])

    def set_meta(self, key: str, value: str) -> None:
        """Set one ``meta`` value (e.g. the last merge's statistics)."""
        with self._use(write=True) as con:
            con.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?",
                        [key, value, value])  # fmt: skip

    # -- reads -----------------------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a read-only SQL statement and return rows as dicts (dates as ISO strings, JSON decoded)."""
        with self._use() as con:
            try:
                cur = con.execute(sql, list(params))
                names = [d[0] for d in cur.description or []]
                kinds = [str(d[1]) for d in cur.description or []]
                raw = cur.fetchall()
            except duckdb.Error as exc:
                raise StoreError(f"query failed on {self.path}: {exc}") from exc
        out: list[dict[str, Any]] = []
        for values in raw:
            row: dict[str, Any] = {}
            for name, kind, value in zip(names, kinds, values, strict=True):
                if kind == "JSON" and isinstance(value, str):
                    value = json.loads(value)
                row[name] = _plain(value)
            out.append(row)
        return out

    def copy_to(self, sql: str, params: Sequence[Any], path: str | Path, options: str) -> None:
        """Write the rows of ``sql`` to ``path`` with DuckDB ``COPY ... TO`` (e.g. ``FORMAT parquet``)."""
        target = str(path).replace("'", "''")
        with self._use() as con:
            try:
                con.execute(f"COPY ({sql}) TO '{target}' ({options})", list(params))
            except duckdb.Error as exc:
                raise StoreError(f"cannot write {path}: {exc}") from exc

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first value of the first row of ``sql`` (None when there is no row)."""
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None

    def events(self, *, limit: int | None = 100, offset: int = 0, order: str = "date",
               **filters: Any) -> list[dict[str, Any]]:  # fmt: skip
        """Events matching ``filters`` (see :func:`event_where`), as event records.

        Args:
            limit: at most this many rows (None: all).
            offset: rows to skip, for paging.
            order: ``date`` (default), ``-date``, ``confidence``, ``-confidence``, ``type`` or ``doc``.
            **filters: the fields of :class:`tidings.query.EventFilter` (type, actor, source, target, since,
                until, factuality, min_confidence, doc_id, text, ...).
        """
        from tidings import query

        return query.events(self, _filter(filters), limit=limit, offset=offset, order_by=event_order(order))

    def count_events(self, **filters: Any) -> int:
        """How many events match ``filters`` (same keywords as :meth:`events`)."""
        from tidings import query

        return query.count_events(self, _filter(filters))

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event record by id, or None."""
        rows = self.query(f"{EVENT_RECORD_SELECT} WHERE e.event_id = ?", [event_id])
        return rows[0] if rows else None

    def event_record_columns(self) -> list[str]:
        """Columns of the event record: every ``events`` column plus ``doc_title`` and ``claimant``."""
        return [*self.columns("events"), *EVENT_RECORD_EXTRAS]

    def documents(self, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stored documents (without text) and documents that failed, newest first.

        Each row has doc_id, title, author, published, url, source, fmt, n_sentences, n_events,
        ingested_at and ``error`` (the latest failure reason for that document, or None).
        """
        sql = (
            "SELECT d.doc_id, d.title, d.author, d.published, d.url, d.source, d.parent_id, d.position,"
            " d.fmt, d.n_sentences, d.n_events, d.ingested_at, NULL AS error FROM documents d "
            "UNION ALL SELECT e.doc_id, NULL, NULL, NULL, NULL, e.source, NULL, NULL, NULL, 0, 0, e.at,"
            " e.reason FROM errors e WHERE e.doc_id IS NULL"
            " OR e.doc_id NOT IN (SELECT doc_id FROM documents) "
            "ORDER BY published DESC NULLS LAST, ingested_at, doc_id"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return self.query(sql)

    def count_documents(self) -> int:
        """How many documents are stored (failures not counted)."""
        return int(self.scalar("SELECT count(*) FROM documents") or 0)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with its text, sentences and counts, or None."""
        rows = self.query("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        if not rows:
            return None
        doc = rows[0]
        doc["sentences"] = self.query(
            'SELECT idx, start, "end", text FROM sentences WHERE doc_id = ? ORDER BY idx', [doc_id]
        )
        doc["mentions"] = self.query(
            "SELECT * EXCLUDE (doc_id) FROM mentions WHERE doc_id = ? ORDER BY start", [doc_id]
        )
        doc["n_quotes"] = self.scalar("SELECT count(*) FROM quotes WHERE doc_id = ?", [doc_id])
        doc["n_claims"] = self.scalar("SELECT count(*) FROM claims WHERE doc_id = ?", [doc_id])
        return doc

    def errors(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Recorded failures, newest first: error_id, source, doc_id, stage, reason, at."""
        sql = 'SELECT * FROM errors ORDER BY "at" DESC, error_id'
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self.query(sql)

    def quotes(self, speaker: str | None = None, doc_id: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:  # fmt: skip
        """Quotations; ``speaker`` matches the speaker text (substring), country or actor id."""
        clauses: list[str] = []
        params: list[Any] = []
        if speaker:
            clauses.append(
                "(speaker_text ILIKE ? OR upper(speaker_country) = upper(?) OR speaker_actor_id = ?)"
            )
            params += [f"%{speaker}%", speaker, speaker]
        if doc_id:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT * FROM quotes {where} ORDER BY doc_id, start"
        return self.query(sql + (f" LIMIT {int(limit)}" if limit is not None else ""), params)

    def claims(self, about: str | None = None, country: str | None = None, doc_id: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:  # fmt: skip
        """Numeric claims; ``about`` matches what is counted, the proposition or the number phrase."""
        clauses: list[str] = []
        params: list[Any] = []
        if about:
            clauses.append(
                "(counted ILIKE ? OR proposition ILIKE ? OR text ILIKE ? OR sentence_text ILIKE ?)"
            )
            params += [f"%{about}%"] * 4
        if country:
            clauses.append("upper(country) = upper(?)")
            params.append(country)
        if doc_id:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT * FROM claims {where} ORDER BY doc_id, start"
        return self.query(sql + (f" LIMIT {int(limit)}" if limit is not None else ""), params)

    def counts(self) -> dict[str, int]:
        """Row counts of every data table."""
        tables = ("documents", "sentences", "mentions", "events", "quotes", "claims", "errors")
        return {t: int(self.scalar(f"SELECT count(*) FROM {q(t)}") or 0) for t in tables}

    def load_parquet_tables(self, folders: dict[str, Path]) -> dict[str, int]:
        """Insert the rows of ``folders`` (table -> folder of Parquet files) in one transaction.

        Documents already stored are skipped with every row that belongs to them; keyed rows already
        present (errors, say) are kept as they are.

        Returns:
            Rows added per table.
        """
        added: dict[str, int] = {}
        with self._use(write=True) as con, self._transaction(con):
            before = {t: self._count(t) for t in folders}
            con.execute("CREATE TEMP TABLE _tidings_new_docs AS SELECT doc_id FROM read_parquet(?) "
                        "WHERE doc_id NOT IN (SELECT doc_id FROM documents)",
                        [str(folders["documents"] / "*.parquet")])  # fmt: skip
            for table, folder in folders.items():
                names = ", ".join(q(n) for n, _ in self._columns[table])
                pattern = str(folder / "*.parquet").replace("'", "''")
                source = f"read_parquet('{pattern}', union_by_name=true)"
                where = "" if table == "errors" else " WHERE doc_id IN (SELECT doc_id FROM _tidings_new_docs)"
                key = _KEYS.get(table)
                conflict = f" ON CONFLICT ({q(key)}) DO NOTHING" if key else ""
                con.execute(f"INSERT INTO {q(table)} ({names}) "
                            f"SELECT {names} FROM {source}{where}{conflict}")  # fmt: skip
            con.execute("DROP TABLE _tidings_new_docs")
            added = {table: self._count(table) - before[table] for table in folders}
        return added

    def _count(self, table: str) -> int:
        con = self._con if self.hold else self._session.con
        row = con.execute(f"SELECT count(*) FROM {q(table)}").fetchone()
        return int(row[0]) if row else 0


# The event record and its filters are defined once, in the query layer (tidings.query); the store's
# event reads are that layer's functions.
EVENT_FILTERS = tuple(f.name for f in dataclasses.fields(EventFilter) if f.name != "resolved")




def _filter(filters: dict[str, Any]) -> EventFilter:
    """A checked :class:`~tidings.query.EventFilter` from keywords; a bad one raises StoreError."""
    return EventFilter.from_kwargs(**{k: _plain(v) for k, v in filters.items()}).check()


def event_where(**filters: Any) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``events e``) for the event filters, built by :class:`tidings.query.EventFilter`.

    Args:
        **filters: the fields of :class:`~tidings.query.EventFilter`: ``type``, ``actor``, ``source``,
            ``target``, ``since``/``until`` (partial ISO dates meaning the whole period; an event overlapping
            it is kept), ``factuality``, ``min_confidence``, ``doc_id``, ``text``, ... ``None`` is ignored.

    Raises:
        FilterError: an unknown filter name or a malformed value (a :class:`StoreError`).
    """
    return _filter(filters).where()


def _mention_row(doc_id: str, mention: Any) -> dict[str, Any]:
    actor = mention.actor
    row = {"doc_id": doc_id, "start": mention.start, "end": mention.end, "text": mention.text,
           "score": mention.score}  # fmt: skip
    for key in ("country", "sector", "actor_id", "name", "role", "kind"):
        row[key] = getattr(actor, key, None) if actor is not None else None
    return row
