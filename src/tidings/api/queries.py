"""SQL the API needs over the store's DuckDB tables, beyond what :class:`tidings.store.Store` offers.

The ``events`` table has one column per field of :class:`tidings.model.Event`, so the event filters here
(dyads in either direction, text search, sorting on a whitelist of columns) are written against those
names. Every query is parameterised; column names only ever come from the whitelists below.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from tidings.errors import FilterError  # noqa: F401 - re-exported; the class lives in tidings.errors
from tidings.model import FACTUALITY, PLOVER_TYPES

SORTABLE: tuple[str, ...] = (
    "event_date", "confidence", "event_type", "source_country", "target_country", "doc_id",
    "sentence_index", "factuality", "cameo_code",
)  # fmt: skip
FREQS: tuple[str, ...] = ("day", "month", "year")
# How many characters of an ISO date each period keeps: 1950-10-25 -> 1950-10 for a month.
_FREQ_WIDTH = {"day": 10, "month": 7, "year": 4}
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CODE_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")



@dataclass(slots=True)
class EventFilter:
    """Filters over the events table, validated by :meth:`check`."""

    type: str | None = None
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: str | None = None
    since: str | None = None
    until: str | None = None
    factuality: str | None = None
    min_confidence: float | None = None
    doc_id: str | None = None
    q: str | None = None

    def check(self) -> EventFilter:
        """Validate and normalise (upper-case codes, split dyads); raise FilterError when malformed."""
        if self.type:
            types = [t.strip().upper() for t in self.type.split(",") if t.strip()]
            bad = [t for t in types if t not in PLOVER_TYPES]
            if bad:
                raise FilterError(f"unknown event type(s) {', '.join(bad)}; known: {', '.join(PLOVER_TYPES)}")
            self.type = ",".join(types)
        if self.factuality and self.factuality not in FACTUALITY:
            raise FilterError(f"unknown factuality {self.factuality!r}; known: {', '.join(FACTUALITY)}")
        for name in ("actor", "source", "target"):
            value = getattr(self, name)
            # Kept as given: the store compares countries case-insensitively and actor ids exactly.
            if value and not _CODE_RE.match(value):
                raise FilterError(f"{name} must be a country code (USA) or actor id (org.prk.kpa), not {value!r}")
        if self.dyad:
            parts = self.dyad.upper().split("-")
            if len(parts) != 2 or not all(_CODE_RE.match(p) for p in parts):
                raise FilterError(f"dyad must look like USA-PRK, not {self.dyad!r}")
            self.dyad = "-".join(parts)
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and not _valid_date(value):
                raise FilterError(f"{name} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {value!r}")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise FilterError("min_confidence must be between 0 and 1")
        return self


def _valid_date(value: str) -> bool:
    """Whether ``value`` is a real ISO date of year, month or day precision."""
    if not _DATE_RE.match(value):
        return False
    padded = value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        return False
    return True


def event_where(flt: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause over ``events e`` (with a leading ``WHERE``, or empty) and its parameters.

    The store's own filters (type, actor, source, target, since, until, factuality, min_confidence,
    doc_id) come from :func:`tidings.store.event_where`, so the API and the CLI agree; the dyad (either
    direction) and the wider text search are added here.
    """
    from tidings.store import event_where as store_where

    base = {k: getattr(flt, k) for k in ("type", "actor", "source", "target", "since", "until", "factuality",
                                         "min_confidence", "doc_id")}  # fmt: skip
    where, params = store_where(**base)
    conds = [where.removeprefix("WHERE ")] if where else []
    if flt.dyad:
        a, b = flt.dyad.split("-")
        conds.append("((e.source_country = ? AND e.target_country = ?) OR "
                     "(e.source_country = ? AND e.target_country = ?))")  # fmt: skip
        params.extend([a, b, b, a])
    if flt.q:
        cols = ("sentence_text", "source_text", "target_text", "verb_text", "location_name", "claimant_text")
        conds.append("(" + " OR ".join(f"e.{c} ILIKE ? ESCAPE '\\'" for c in cols) + ")")
        like = "%" + flt.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params.extend([like] * len(cols))
    return ("WHERE " + " AND ".join(conds)) if conds else "", params


def encode_cursor(row: dict[str, Any], sort: str) -> str:
    """The keyset cursor of the page ending at ``row``: its sort value and tie-breakers, URL-safe."""
    key = [row.get(sort), row.get("doc_id"), row.get("sentence_index"), row.get("event_id")]
    return base64.urlsafe_b64encode(json.dumps(key, default=str).encode()).decode().rstrip("=")


def _keyset(cursor: str, sort: str, order: str) -> tuple[str, list[Any]]:
    """The condition "comes after ``cursor``" in the order ``e.{sort} {order} NULLS LAST, doc_id, ...``.

    Raises:
        FilterError: the cursor is not one this API gave out.
    """
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, doc_id, index, event_id = json.loads(base64.urlsafe_b64decode(padded))
        if not (isinstance(doc_id, str) and isinstance(event_id, str) and isinstance(index, (int, type(None)))):
            raise ValueError(cursor)
    except (ValueError, TypeError, binascii.Error):
        raise FilterError("after must be the 'next' cursor of a previous page") from None
    col = f"e.{sort}"
    tail = ("(e.doc_id > ? OR (e.doc_id = ? AND (coalesce(e.sentence_index, -1) > ? OR "
            "(coalesce(e.sentence_index, -1) = ? AND e.event_id > ?))))")  # fmt: skip
    tail_params = [doc_id, doc_id, index if index is not None else -1, index if index is not None else -1,
                   event_id]  # fmt: skip
    if value is None:
        return f"({col} IS NULL AND {tail})", tail_params
    beyond = ">" if order == "asc" else "<"
    return f"({col} IS NULL OR {col} {beyond} ? OR ({col} = ? AND {tail}))", [value, value, *tail_params]


def list_events(store: Any, flt: EventFilter, sort: str, order: str, limit: int, offset: int,
                with_trace: bool = False,
                after: str | None = None) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
    """One page of events matching ``flt`` (each with its document's ``doc_title``) and the total count.

    ``after`` (a cursor from :func:`encode_cursor`) pages by keyset instead of ``offset``: the page starts
    after that row, so deep pages cost no more than the first.

    Raises:
        FilterError: unknown sort column or order, or a malformed cursor.
    """
    if sort not in SORTABLE:
        raise FilterError(f"cannot sort by {sort!r}; choose one of {', '.join(SORTABLE)}")
    if order not in ("asc", "desc"):
        raise FilterError("order must be asc or desc")
    where, params = event_where(flt)
    cols = "e.*" if with_trace else "e.* EXCLUDE (trace)"
    total = int(store.scalar(f"SELECT count(*) FROM events e {where}", params) or 0)
    page_where, page_params = where, list(params)
    if after:
        cond, extra = _keyset(after, sort, order)
        page_where = f"{where} AND {cond}" if where else f"WHERE {cond}"
        page_params += extra
        offset = 0
    order_by = f"ORDER BY e.{sort} {order.upper()} NULLS LAST, e.doc_id, e.sentence_index, e.event_id"
    # The page's ids first (a top-N sort over a few narrow columns), then their full rows and titles:
    # sorting the wide rows, or joining every event to its document before the sort, is several times slower.
    page = store.query(
        f"WITH page AS (SELECT e.event_id FROM events e {page_where} {order_by} LIMIT ? OFFSET ?) "
        f"SELECT {cols}, d.title AS doc_title FROM page JOIN events e USING (event_id) "
        f"LEFT JOIN documents d ON d.doc_id = e.doc_id {order_by}",
        [*page_params, limit, offset],
    )
    return page, total


def actors(store: Any, flt: EventFilter, limit: int) -> list[dict[str, Any]]:
    """Actor codes (source or target country) with how often each was source and target."""
    where, params = event_where(flt)
    sql = f"""
        WITH ev AS (SELECT e.* FROM events e {where}),
        s AS (SELECT source_country AS code, count(*) AS n FROM ev WHERE source_country IS NOT NULL GROUP BY 1),
        t AS (SELECT target_country AS code, count(*) AS n FROM ev WHERE target_country IS NOT NULL GROUP BY 1)
        SELECT coalesce(s.code, t.code) AS code, coalesce(s.n, 0) AS as_source, coalesce(t.n, 0) AS as_target,
               coalesce(s.n, 0) + coalesce(t.n, 0) AS total
        FROM s FULL OUTER JOIN t ON s.code = t.code
        ORDER BY total DESC, code LIMIT ?"""
    found: list[dict[str, Any]] = store.query(sql, [*params, limit])
    return found


def dyad_series(store: Any, a: str, b: str, freq: str, flt: EventFilter) -> dict[str, Any]:
    """Counts of events between ``a`` and ``b`` (either direction) per PLOVER type per period.

    An event without a date takes its document's publication date. Events whose date is coarser than
    ``freq`` (a year-only date in a monthly series) or missing are counted in ``undated`` rather than
    placed in a period they might not belong to. (:func:`tidings.analytics.dyad_series` gives totals per
    direction; this adds the split by event type the chart needs.)

    Raises:
        FilterError: unknown ``freq`` or malformed actor codes.
    """
    if freq not in FREQS:
        raise FilterError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    flt.dyad = f"{a}-{b}"
    flt.check()
    a, b = flt.dyad.split("-")
    where, params = event_where(flt)
    width = _FREQ_WIDTH[freq]
    # Like tidings.analytics, an undated event falls back to its document's publication date.
    date = "coalesce(e.event_date, CAST(d.published AS VARCHAR))"
    found = store.query(
        f"SELECT CASE WHEN length({date}) >= ? THEN left({date}, ?) END AS period, e.event_type, "
        f"e.source_country, count(*) AS n FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id "
        f"{where} GROUP BY ALL ORDER BY period",
        [width, width, *params],
    )
    periods = sorted({r["period"] for r in found if r["period"]})
    index = {p: i for i, p in enumerate(periods)}
    series: dict[str, list[int]] = {}
    directed = {f"{a}->{b}": 0, f"{b}->{a}": 0}
    undated = 0
    for r in found:
        key = f"{a}->{b}" if r["source_country"] == a else f"{b}->{a}"
        directed[key] += r["n"]
        if not r["period"]:
            undated += r["n"]
            continue
        counts = series.setdefault(r["event_type"], [0] * len(periods))
        counts[index[r["period"]]] += r["n"]
    return {"a": a, "b": b, "freq": freq, "periods": periods, "series": series,
            "total": sum(directed.values()), "directed": directed, "undated": undated}  # fmt: skip


def graph(store: Any, flt: EventFilter, min_count: int = 1) -> dict[str, Any]:
    """Actor network: nodes (codes with event counts) and directed edges weighted per event type."""
    where, params = event_where(flt)
    cond = "e.source_country IS NOT NULL AND e.target_country IS NOT NULL AND e.source_country <> e.target_country"
    where = f"{where} AND {cond}" if where else f"WHERE {cond}"
    found = store.query(
        "SELECT e.source_country AS source, e.target_country AS target, e.event_type, count(*) AS n "
        f"FROM events e {where} GROUP BY ALL ORDER BY source, target, e.event_type",
        params,
    )
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for r in found:
        edge = edges.setdefault((r["source"], r["target"]),
                                {"source": r["source"], "target": r["target"], "weight": 0, "types": {}})  # fmt: skip
        edge["weight"] += r["n"]
        edge["types"][r["event_type"]] = r["n"]
    kept = [e for e in edges.values() if e["weight"] >= min_count]
    nodes: dict[str, dict[str, Any]] = {}
    for e in kept:
        e["top_type"] = max(e["types"].items(), key=lambda kv: (kv[1], kv[0]))[0]
        for end, role in ((e["source"], "out"), (e["target"], "in")):
            node = nodes.setdefault(end, {"id": end, "out": 0, "in": 0, "weight": 0})
            node[role] += e["weight"]
            node["weight"] += e["weight"]
    return {"nodes": sorted(nodes.values(), key=lambda n: (-n["weight"], n["id"])), "edges": kept}


def doc_rows(store: Any, table: str, doc_id: str) -> list[dict[str, Any]]:
    """Every quote or claim of one document, in text order."""
    if table not in ("quotes", "claims"):
        raise ValueError(table)
    found: list[dict[str, Any]] = store.query(
        f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY start", [doc_id]
    )
    return found


def doc_events(store: Any, doc_id: str) -> list[dict[str, Any]]:
    """Every event of one document (without trace), in text order."""
    found: list[dict[str, Any]] = store.query(
        "SELECT e.* EXCLUDE (trace) FROM events e WHERE e.doc_id = ? "
        "ORDER BY e.sentence_index, e.verb_start NULLS LAST, e.event_id",
        [doc_id],
    )
    return found
