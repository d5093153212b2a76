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
    errors(error_id PK, source, doc_id, stage, reason, at)

Query methods return lists of plain dicts (dates as ISO strings, JSON columns decoded) so the CLI, the
exporters and the REST API can serialise them directly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from tidings.errors import SchemaVersionError, StoreError
from tidings.model import Claim, Document, Event, Quote, stable_id

SCHEMA_VERSION = 1
# Document attributes that live in their own tables or only in memory.
_DOC_SKIP = frozenset({"sentences", "mentions", "events", "quotes", "claims", "parsed", "error"})
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
                   ("stage", "VARCHAR"), ("reason", "VARCHAR"), ("at", "TIMESTAMP")],  # fmt: skip
        # one row per merged event: which cross-document group it belongs to (tidings.merge)
        "event_groups": [("event_id", "VARCHAR"), ("group_id", "VARCHAR"), ("n_docs", "BIGINT"),
                         ("n_events", "BIGINT"), ("how", "VARCHAR"), ("doc_id", "VARCHAR")],  # fmt: skip
        # one row per event the merge has seen: its blocking key, date range, place and MinHash signature
        "merge_keys": [("event_id", "VARCHAR"), ("block", "VARCHAR"), ("day_lo", "BIGINT"),
                       ("day_hi", "BIGINT"), ("doc_id", "VARCHAR"), ("page", "VARCHAR"), ("place_country", "VARCHAR"),
                       ("latitude", "DOUBLE"), ("longitude", "DOUBLE"), ("sig", "BLOB")],  # fmt: skip
    }


_ARROW = _arrow_types()
_KEYS = {"meta": "key", "documents": "doc_id", "events": "event_id", "quotes": "quote_id",
         "claims": "claim_id", "errors": "error_id", "event_groups": "event_id",
         "merge_keys": "event_id"}  # fmt: skip
_INDEXES = (
    ("sentences", "doc_id"), ("mentions", "doc_id"), ("events", "doc_id"), ("events", "event_type"),
    ("events", "source_country"), ("events", "target_country"), ("quotes", "doc_id"), ("claims", "doc_id"),
    ("event_groups", "group_id"), ("merge_keys", "block"),
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


class Store:
    """An embedded DuckDB file holding documents, events, quotes, claims and errors.

    Args:
        path: the database file (``":memory:"`` for a throwaway store); parent folders are created.
        read_only: open without writing (no migration; the file must exist).

    Raises:
        StoreError: the file cannot be opened (missing in read-only mode, locked by another process).
        SchemaVersionError: the file was written by a newer, unknown schema version.

    Example:
        >>> with Store("news.duckdb") as store:
        ...     store.save(doc)
        ...     rows = store.events(type="ASSAULT", actor="PRK")
    """

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._lock = threading.RLock()
        if self.path != ":memory:":
            if read_only and not Path(self.path).exists():
                raise StoreError(f"no store at {self.path}; run `tidings ingest ... --db {self.path}` first")
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            hint = " (is another tidings process, e.g. `tidings serve`, using it?)" if "lock" in str(exc) else ""
            raise StoreError(f"cannot open store {self.path}: {exc}{hint}") from exc
        self._columns = table_columns()
        self._check_version()
        if not read_only:
            self._migrate()

    # -- lifecycle -------------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            self._con.close()

    # -- schema ----------------------------------------------------------------------------------------

    def _existing_tables(self) -> set[str]:
        rows = self._con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
        return {r[0] for r in rows}

    def _check_version(self) -> None:
        if "meta" not in self._existing_tables():
            return
        row = self._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        found = int(row[0]) if row else SCHEMA_VERSION
        if found > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"store {self.path} has schema version {found}, newer than this tidings understands "
                f"({SCHEMA_VERSION}); upgrade tidings or use another --db file"
            )

    def _migrate(self) -> None:
        """Create missing tables, add columns for new model fields, record the schema version."""
        with self._lock:
            existing = self._existing_tables()
            rescore = False
            for table, cols in self._columns.items():
                if table not in existing:
                    self._create(table, cols)
                    continue
                have = {r[1] for r in self._con.execute(f"PRAGMA table_info({q(table)})").fetchall()}
                for name, sql_type in cols:
                    if name not in have:
                        self._con.execute(f"ALTER TABLE {q(table)} ADD COLUMN {q(name)} {sql_type}")
                        rescore = rescore or (table, name) == ("events", "goldstein")
            if rescore:
                self._score_old_events()
            for table, col in _INDEXES:
                index = q(f"ix_{table}_{col}")
                self._con.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {q(table)} ({q(col)})")
            self._con.execute(
                "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = ?",
                [str(SCHEMA_VERSION), str(SCHEMA_VERSION)],
            )

    def _score_old_events(self) -> None:
        """Give events stored before the intensity columns existed their Goldstein score and quad class."""
        from tidings.intensity import goldstein, quad_class

        pairs = self._con.execute("SELECT DISTINCT cameo_code, event_type FROM events").fetchall()
        for code, etype in pairs:
            self._con.execute(
                "UPDATE events SET goldstein = ?, quad_class = ? "
                "WHERE cameo_code IS NOT DISTINCT FROM ? AND event_type = ?",
                [goldstein(code, etype), quad_class(etype, code), code, etype],
            )

    def _create(self, table: str, cols: list[tuple[str, str]]) -> None:
        key = _KEYS.get(table)
        body = ", ".join(f"{q(n)} {t}{' PRIMARY KEY' if n == key else ''}" for n, t in cols)
        self._con.execute(f"CREATE TABLE {q(table)} ({body})")

    def columns(self, table: str) -> list[str]:
        """The column names of ``table`` as the model defines them."""
        return [name for name, _ in self._columns[table]]

    # -- writes ----------------------------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        """Whether a document with this id is stored (error rows do not count: failures are retried)."""
        with self._lock:
            row = self._con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row is not None

    def known_ids(self) -> set[str]:
        """Every stored document id."""
        with self._lock:
            return {r[0] for r in self._con.execute("SELECT doc_id FROM documents").fetchall()}

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

        Faster than one :meth:`save` per document, since each table gets one INSERT for the batch.

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
        with self._lock, self._transaction():
            wanted = [d.doc_id for d in batch if not d.error]
            stored = {r[0] for r in self._con.execute(
                "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [wanted]
            ).fetchall()} if wanted else set()  # fmt: skip
            added: list[bool] = []
            fresh: list[Document] = []
            for doc in batch:
                if doc.error:
                    added.append(self._save_error(doc))
                elif doc.doc_id in stored:
                    added.append(False)
                else:
                    stored.add(doc.doc_id)
                    fresh.append(doc)
                    added.append(True)
            self._write_documents(fresh)
            if fresh:
                # A document that now went through is no longer a failure.
                self._con.execute("DELETE FROM errors WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                                  [[d.doc_id for d in fresh]])  # fmt: skip
            return added

    def record_error(self, source: str, reason: str, *, doc_id: str | None = None, stage: str = "") -> bool:
        """Record a failure that has no Document (e.g. an unreadable path); idempotent like :meth:`save`."""
        error = f"{stage}: {reason}" if stage else reason
        doc = Document(doc_id=doc_id or "", text="", source=source, error=error)
        return self.save(doc)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except duckdb.Error as exc:
            self._con.execute("ROLLBACK")
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    def _save_error(self, doc: Document) -> bool:
        reason = doc.error or ""
        stage, sep, rest = reason.partition(": ")
        if not (sep and (_STAGE_NAME.match(stage) or stage == "ingest")):
            # The pipeline prefixes its failures with the stage name; anything else failed while reading.
            stage, rest = "ingest", reason
        error_id = stable_id(doc.source, doc.doc_id, reason)
        found = self._con.execute("SELECT 1 FROM errors WHERE error_id = ?", [error_id]).fetchone()
        if found:
            return False
        self._con.execute(
            "INSERT INTO errors VALUES (?, ?, ?, ?, ?, ?)",
            [error_id, doc.source, doc.doc_id or None, stage or None, rest, _now()],
        )
        return True

    def _write_documents(self, docs: list[Document]) -> None:
        """Insert the documents and their children, one INSERT per table."""
        if not docs:
            return
        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ("documents", "sentences", "mentions",
                                                                "events", "quotes", "claims")}  # fmt: skip
        now = _now()
        for doc in docs:
            row = {f: getattr(doc, f) for f, _ in self._columns["documents"] if hasattr(doc, f)}
            row.update(n_sentences=len(doc.sentences), n_events=len(doc.events), ingested_at=now)
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
        import pyarrow as pa

        cols = self._columns[table]
        arrays = [pa.array([_jsonable(r.get(n), t) for r in rows], type=_ARROW[t]) for n, t in cols]
        batch = pa.table(arrays, names=[n for n, _ in cols])
        names = ", ".join(q(n) for n, _ in cols)
        key = _KEYS.get(table)
        conflict = f" ON CONFLICT ({q(key)}) DO NOTHING" if key else ""
        view = f"_tidings_insert_{table}"
        self._con.register(view, batch)
        try:
            self._con.execute(f"INSERT INTO {q(table)} ({names}) SELECT {names} FROM {q(view)}{conflict}")
        finally:
            self._con.unregister(view)

    def replace_rows(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """Replace every row of a derived table (e.g. ``event_groups``) in one transaction."""
        with self._lock, self._transaction():
            self._con.execute(f"DELETE FROM {q(table)}")
            self._insert(table, rows)

    def replace_keyed(self, table: str, keys: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
        """Delete the rows of ``table`` whose key is in ``keys``, then insert ``rows``, in one transaction."""
        key = q(_KEYS[table])
        with self._lock, self._transaction():
            if keys:
                self._con.execute(f"DELETE FROM {q(table)} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))",
                                  [list(keys)])  # fmt: skip
            self._insert(table, rows)

    def set_meta(self, key: str, value: str) -> None:
        """Set one ``meta`` value (e.g. the last merge's statistics)."""
        with self._lock:
            self._con.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?",
                              [key, value, value])  # fmt: skip

    # -- reads -----------------------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a read-only SQL statement and return rows as dicts (dates as ISO strings, JSON decoded)."""
        with self._lock:
            try:
                cur = self._con.execute(sql, list(params))
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
        with self._lock:
            try:
                self._con.execute(f"COPY ({sql}) TO '{target}' ({options})", list(params))
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
            **filters: type, actor, source, target, since, until, factuality, min_confidence, doc_id, text.
        """
        where, params = event_where(**filters)
        sql = f"{EVENT_RECORD_SELECT} {where} ORDER BY {event_order(order)}"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return self.query(sql, params)

    def count_events(self, **filters: Any) -> int:
        """How many events match ``filters`` (same keywords as :meth:`events`)."""
        where, params = event_where(**filters)
        return int(self.scalar(f"SELECT count(*) FROM events e {where}", params) or 0)

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


_ORDERS = {
    "date": "e.event_date NULLS LAST, e.doc_id, e.sentence_index, e.event_id",
    "-date": "e.event_date DESC NULLS LAST, e.doc_id, e.sentence_index, e.event_id",
    "confidence": "e.confidence, e.event_id",
    "-confidence": "e.confidence DESC, e.event_id",
    "type": "e.event_type, e.event_date NULLS LAST, e.event_id",
    "doc": "e.doc_id, e.sentence_index, e.event_id",
}
# The documented event record: the events row plus the document title and the claimant as one string.
EVENT_RECORD_EXTRAS = ("doc_title", "claimant")
EVENT_RECORD_SELECT = (
    "SELECT e.*, d.title AS doc_title, e.claimant_text AS claimant "
    "FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id"
)
EVENT_FILTERS = ("type", "actor", "source", "target", "since", "until", "factuality", "min_confidence",
                 "doc_id", "text")  # fmt: skip


def event_order(order: str) -> str:
    """The ORDER BY clause for an ``order`` name.

    Raises:
        StoreError: unknown order name.
    """
    try:
        return _ORDERS[order]
    except KeyError:
        raise StoreError(f"unknown order {order!r}; use one of {', '.join(_ORDERS)}") from None


def _names(value: str | Sequence[str]) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value)
    return [i.strip() for i in items if i and i.strip()]


def event_where(**filters: Any) -> tuple[str, list[Any]]:
    """Build the WHERE clause (over ``events e``) for the event filters.

    Args:
        **filters: ``type`` (PLOVER type or comma list), ``actor`` (source or target country / actor id),
            ``source``, ``target``, ``since``/``until`` (ISO date; an event dated "2022" overlaps
            "2022-06-01"), ``factuality``, ``min_confidence``, ``doc_id``, ``text`` (substring of the
            sentence, case-insensitive). ``None`` values are ignored.

    Raises:
        StoreError: an unknown filter name.
    """
    unknown = sorted(set(filters) - set(EVENT_FILTERS))
    if unknown:
        raise StoreError(f"unknown event filter(s) {', '.join(unknown)}; known: {', '.join(EVENT_FILTERS)}")
    clauses: list[str] = []
    params: list[Any] = []
    f = {k: v for k, v in filters.items() if v is not None and v != ""}
    if "type" in f:
        types = [t.upper() for t in _names(f["type"])]
        clauses.append(f"e.event_type IN ({', '.join('?' for _ in types)})")
        params += types
    for key, sides in (("actor", ("source", "target")), ("source", ("source",)), ("target", ("target",))):
        if key in f:
            parts = [f"(upper(e.{s}_country) = upper(?) OR e.{s}_actor_id = ?)" for s in sides]
            clauses.append("(" + " OR ".join(parts) + ")")
            params += [f[key], f[key]] * len(sides)
    if "since" in f:
        clauses.append("e.event_date >= left(?, length(e.event_date))")
        params.append(_plain(f["since"]))
    if "until" in f:
        clauses.append("e.event_date <= left(?, length(e.event_date))")
        params.append(_plain(f["until"]))
    if "factuality" in f:
        facts = [x.lower() for x in _names(f["factuality"])]
        clauses.append(f"e.factuality IN ({', '.join('?' for _ in facts)})")
        params += facts
    if "min_confidence" in f:
        clauses.append("e.confidence >= ?")
        params.append(float(f["min_confidence"]))
    if "doc_id" in f:
        clauses.append("e.doc_id = ?")
        params.append(f["doc_id"])
    if "text" in f:
        clauses.append("e.sentence_text ILIKE ?")
        params.append(f"%{f['text']}%")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _mention_row(doc_id: str, mention: Any) -> dict[str, Any]:
    actor = mention.actor
    row = {"doc_id": doc_id, "start": mention.start, "end": mention.end, "text": mention.text,
           "score": mention.score}  # fmt: skip
    for key in ("country", "sector", "actor_id", "name", "role", "kind"):
        row[key] = getattr(actor, key, None) if actor is not None else None
    return row
