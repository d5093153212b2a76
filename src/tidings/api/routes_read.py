"""Read endpoints: documents, events (with the "why" trace), actors, dyad series, the actor graph."""

from __future__ import annotations

import importlib
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from tidings.api import queries
from tidings.api.app import MAX_OFFSET, MAX_PAGE, ApiError, state_of
from tidings.api.queries import EventFilter
from tidings.model import FACTUALITY, PLOVER_TYPES

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")]
# DuckDB's OFFSET is a signed 64-bit number; a bound here makes a huge offset a 422, not a store error.
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip (for deep pages use `after`)")]
Code = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:]{1,32}$", description="actor code, e.g. USA")]


def event_filter(
    type: Annotated[str | None, Query(description="PLOVER type, or several comma-separated")] = None,
    actor: Annotated[str | None, Query(description="source or target country / actor id")] = None,
    source: Annotated[str | None, Query(description="source country / actor id")] = None,
    target: Annotated[str | None, Query(description="target country / actor id")] = None,
    dyad: Annotated[str | None, Query(description="two actors A-B, events in either direction")] = None,
    since: Annotated[str | None, Query(description="ISO date YYYY[-MM[-DD]]; overlapping events kept")] = None,
    until: Annotated[str | None, Query(description="ISO date YYYY[-MM[-DD]]")] = None,
    factuality: Annotated[str | None, Query(description=" | ".join(FACTUALITY))] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    doc_id: Annotated[str | None, Query(description="events of one document")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text search in sentence and spans")] = None,
) -> EventFilter:
    """The event filters shared by /events, /actors, /graph and /export (validated; 422 when bad)."""
    return EventFilter(type=type, actor=actor, source=source, target=target, dyad=dyad, since=since,
                       until=until, factuality=factuality, min_confidence=min_confidence, doc_id=doc_id,
                       q=q).check()  # fmt: skip


Filters = Annotated[EventFilter, Depends(event_filter)]


def _page(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/meta", summary="What the store holds and which values filters accept")
def meta(request: Request) -> dict[str, Any]:
    """Row counts of every table, the PLOVER types, factuality values, sort columns and limits."""
    state = state_of(request)
    return {
        "db": state.db_path,
        "read_only": state.read_only,
        "counts": state.store.counts(),
        "types": list(PLOVER_TYPES),
        "factuality": list(FACTUALITY),
        "sortable": list(queries.SORTABLE),
        "freqs": list(queries.FREQS),
        "max_page": MAX_PAGE,
        "max_upload": state.max_upload,
    }


@router.get("/summary", summary="Headline numbers: counts by type and factuality, top dyads and actors")
def summary(request: Request) -> dict[str, Any]:
    """:func:`tidings.analytics.summary` of the store."""
    from tidings import analytics

    result: dict[str, Any] = analytics.summary(state_of(request).store)
    return result


@router.get("/documents", summary="Stored documents (and failed ones), newest first")
def documents(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """One page of documents without their text: ``{items, total, limit, offset}``."""
    store = state_of(request).store
    total = int(store.scalar(
        "SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM errors WHERE doc_id IS NULL "
        "OR doc_id NOT IN (SELECT doc_id FROM documents))") or 0)  # fmt: skip
    return _page(store.documents(limit=limit, offset=offset), total, limit, offset)


@router.get("/documents/{doc_id}", summary="One document: text, metadata, sentences, events, quotes, claims")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    """The document with its text and everything coded in it; character offsets are into ``text``."""
    store = state_of(request).store
    doc = store.document(doc_id)
    if doc is None:
        raise ApiError(404, f"no document {doc_id!r}")
    doc["events"] = queries.doc_events(store, doc_id)
    doc["quotes"] = queries.doc_rows(store, "quotes", doc_id)
    doc["claims"] = queries.doc_rows(store, "claims", doc_id)
    return doc


@router.get("/events", summary="Events, filtered, sorted and paged")
def events(
    request: Request,
    flt: Filters,
    sort: Annotated[str, Query(description="one of " + ", ".join(queries.SORTABLE))] = "event_date",
    order: Literal["asc", "desc"] = "asc",
    limit: Limit = 50,
    offset: Offset = 0,
    after: Annotated[str | None, Query(max_length=2000, description="the `next` cursor of the previous page: "
                                       "keyset paging, as fast deep as on the first page")] = None,
) -> dict[str, Any]:
    """A page of event records (without trace): ``{items, total, limit, offset, next}``.

    ``next`` is a cursor for the following page (None on the last page); pass it as ``after``.
    """
    store = state_of(request).store
    with store.session():  # one connection for the count and the page
        items, total = queries.list_events(store, flt, sort, order, limit, offset, after=after)
    page = _page(items, total, limit, 0 if after else offset)
    page["next"] = queries.encode_cursor(items[-1], sort) if len(items) == limit else None
    return _fast_json(page)


def _fast_json(payload: dict[str, Any]) -> Any:
    """``payload`` (plain rows from the store: str, numbers, None, lists, dicts) as a JSON response.

    FastAPI's ``jsonable_encoder`` walks every value of every row and costs more than the query on a
    page of 50 events; the store's rows need none of its conversions.
    """
    return Response(json.dumps(payload, ensure_ascii=False, default=str, allow_nan=False).encode("utf-8"),
                    media_type="application/json")  # fmt: skip


@router.get("/events/{event_id}", summary="One event with its 'why' trace")
def event(request: Request, event_id: str) -> dict[str, Any]:
    """The event record with ``trace`` and, when the explainer is installed, ``why`` as plain text."""
    found = state_of(request).store.event(event_id)
    if found is None:
        raise ApiError(404, f"no event {event_id!r}")
    found["why"] = _explain(found)
    return found


def _explain(record: dict[str, Any]) -> str | None:
    """Plain-text rendering of the trace by ``tidings.why.explain``, if that module exists."""
    try:
        why = importlib.import_module("tidings.why")
    except ImportError:
        return None
    explain = getattr(why, "explain", None)
    if explain is None:
        return None
    try:
        text = explain(record)
    except Exception:  # noqa: BLE001 - the explainer is optional; the raw trace is still returned
        return None
    return text if isinstance(text, str) else None


@router.get("/actors", summary="Actors (countries / IGOs) with event counts")
def actors(request: Request, flt: Filters, limit: Limit = 200) -> dict[str, Any]:
    """Actor codes seen as source or target, with counts per role, most frequent first."""
    items = queries.actors(state_of(request).store, flt, limit)
    return {"items": items, "total": len(items), "limit": limit, "offset": 0}


@router.get("/dyads/{a}/{b}/series", summary="Events between two actors per type per period")
def dyad_series(
    request: Request,
    a: Code,
    b: Code,
    freq: Literal["day", "month", "year"] = "month",
    since: str | None = None,
    until: str | None = None,
    factuality: str | None = None,
) -> dict[str, Any]:
    """Counts per PLOVER type per period (either direction); ``undated`` counts events too coarse to place."""
    flt = EventFilter(since=since, until=until, factuality=factuality)
    return queries.dyad_series(state_of(request).store, a.upper(), b.upper(), freq, flt)


@router.get("/graph", summary="Actor network: nodes and weighted, typed edges")
def graph(
    request: Request,
    since: str | None = None,
    until: str | None = None,
    types: Annotated[str | None, Query(description="comma-separated PLOVER types")] = None,
    factuality: str | None = None,
    min_count: Annotated[int, Query(ge=1)] = 1,
) -> dict[str, Any]:
    """Directed edges source -> target weighted by event count, with counts per type."""
    flt = EventFilter(type=types, since=since, until=until, factuality=factuality).check()
    return queries.graph(state_of(request).store, flt, min_count)


@router.get("/errors", summary="Documents that failed, newest first")
def errors(request: Request, limit: Limit = 100) -> dict[str, Any]:
    """Recorded failures: source, doc_id, stage, reason, at."""
    items = state_of(request).store.errors(limit=limit)
    return {"items": items, "total": len(items), "limit": limit, "offset": 0}
