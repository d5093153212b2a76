"""Read endpoints: documents, events (with the "why" trace), facets, map, actors, time series, the graph."""

from __future__ import annotations

import importlib
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from tidings import query, timeline
from tidings.api.app import MAX_OFFSET, MAX_PAGE, ApiError, state_of
from tidings.model import FACTUALITY, PLOVER_TYPES
from tidings.query import EventFilter

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")]
# DuckDB's OFFSET is a signed 64-bit number; a bound here makes a huge offset a 422, not a store error.
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip (for deep pages use `after`)")]
Code = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$", description="actor code or id, e.g. USA")]
Freq = Annotated[Literal["day", "month", "year"], Query(description="period length")]


def event_filter(
    request: Request,
    type: Annotated[str | None, Query(description="PLOVER type, or several comma-separated")] = None,
    actor: Annotated[str | None, Query(description="source or target country / actor id")] = None,
    actor_name: Annotated[str | None, Query(max_length=200,
                                            description="actor by name (North Korea, Kim Jong Un)")] = None,
    source: Annotated[str | None, Query(description="source country / actor id")] = None,
    target: Annotated[str | None, Query(description="target country / actor id")] = None,
    dyad: Annotated[str | None, Query(description="two actors A-B, events in either direction")] = None,
    since: Annotated[str | None, Query(description="partial ISO date YYYY[-MM[-DD]]: from its first day")] = None,
    until: Annotated[str | None, Query(description="partial ISO date YYYY[-MM[-DD]]: to its last day")] = None,
    month: Annotated[str | None, Query(description="YYYY-MM: events in that month")] = None,
    factuality: Annotated[str | None, Query(description=" | ".join(FACTUALITY))] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    doc_id: Annotated[str | None, Query(description="events of one document")] = None,
    location: Annotated[str | None, Query(description="country code of the event's place")] = None,
    place: Annotated[str | None, Query(max_length=200, description="place name of the event (a map point)")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text search in sentence and spans")] = None,
) -> EventFilter:
    """The event filters shared by every read endpoint (validated; 422 when bad)."""
    flt = EventFilter(type=type, actor=actor, actor_name=actor_name, source=source, target=target, dyad=dyad,
                      since=since, until=until, month=month, factuality=factuality, min_confidence=min_confidence,
                      doc_id=doc_id, location=location, place=place, q=q).check()  # fmt: skip
    return flt.resolve(state_of(request).actor_files())


Filters = Annotated[EventFilter, Depends(event_filter)]


def _page(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/meta", summary="What the store holds and which values filters accept")
def meta(request: Request) -> dict[str, Any]:
    """Row counts of every table, the PLOVER types, factuality values, sort columns, facets and limits."""
    state = state_of(request)
    return {
        "db": state.db_path,
        "read_only": state.read_only,
        "counts": state.store.counts(),
        "types": list(PLOVER_TYPES),
        "factuality": list(FACTUALITY),
        "sortable": list(query.SORTABLE),
        "freqs": list(query.FREQS),
        "facets": list(query.FACET_FIELDS),
        "max_page": MAX_PAGE,
        "max_upload": state.max_upload,
        "actors_file": str(state.actors_file),
    }


@router.get("/summary", summary="Headline numbers: counts by type and factuality, top dyads and actors")
def summary(request: Request, flt: Filters) -> dict[str, Any]:
    """Counts by type and factuality, top dyads and actors, under the filters."""
    return query.summary(state_of(request).store, flt)


@router.get("/documents", summary="Stored documents (and failed ones), newest first")
def documents(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """One page of documents without their text: items, total, limit, offset."""
    store = state_of(request).store
    total = int(store.scalar(
        "SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM errors WHERE doc_id IS NULL "
        "OR doc_id NOT IN (SELECT doc_id FROM documents))") or 0)  # fmt: skip
    return _page(store.documents(limit=limit, offset=offset), total, limit, offset)


@router.get("/documents/{doc_id}", summary="One document: text, metadata, sentences, events, quotes, claims")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    """The document with its text and everything coded in it; character offsets are into the text."""
    store = state_of(request).store
    doc: dict[str, Any] | None = store.document(doc_id)
    if doc is None:
        raise ApiError(404, f"no document {doc_id!r}")
    doc["events"] = _with_verdicts(store, query.doc_events(store, doc_id))
    doc["quotes"] = query.doc_rows(store, "quotes", doc_id)
    doc["claims"] = query.doc_rows(store, "claims", doc_id)
    return doc


def _with_verdicts(store: Any, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add ``review`` (the latest verdict, or None) to each event record."""
    if not items:
        return items
    found = store.query(
        "SELECT event_id, verdict FROM reviews WHERE event_id IN (SELECT unnest(?::VARCHAR[])) "
        "QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY \"at\" DESC, review_id DESC) = 1",
        [[i["event_id"] for i in items]],
    )
    verdicts = {r["event_id"]: r["verdict"] for r in found}
    for item in items:
        item["review"] = verdicts.get(item["event_id"])
    return items


@router.get("/events", summary="Events, filtered, sorted and paged")
def events(
    request: Request,
    flt: Filters,
    sort: Annotated[str, Query(description="one of " + ", ".join(query.SORTABLE))] = "event_date",
    order: Literal["asc", "desc"] = "asc",
    limit: Limit = 50,
    offset: Offset = 0,
    after: Annotated[str | None, Query(max_length=2000, description="the `next` cursor of the previous page: "
                                       "keyset paging, as fast deep as on the first page")] = None,
) -> dict[str, Any]:
    """A page of event records (without trace), each with its latest review verdict:
    ``{items, total, limit, offset, next}``.

    ``next`` is a cursor for the following page (None on the last page); pass it as ``after``.
    """
    state = state_of(request)
    store = state.store
    with store.session():  # one connection for the count and the page
        # Read inside the session: no writer can commit while it is open, so this names what it sees.
        key, reviews_key = state.totals.key(store.path, flt), state.totals.key(store.path)
        reviews = state.totals.get(reviews_key)
        if reviews is None:
            reviews = int(store.scalar("SELECT count(*) FROM reviews") or 0)
            state.totals.put(reviews_key, reviews)
        items, total = query.list_events(store, flt, sort, order, limit, offset, after=after,
                                         total=state.totals.get(key), with_review=reviews > 0)  # fmt: skip
        state.totals.put(key, total)
        if not reviews:
            for item in items:
                item["review"] = None
    page = _page(items, total, limit, 0 if after else offset)
    page["next"] = query.encode_cursor(items[-1], sort) if len(items) == limit else None
    return _fast_json(page)


def _fast_json(payload: dict[str, Any]) -> Any:
    """``payload`` (plain rows from the store: str, numbers, None, lists, dicts) as a JSON response.

    FastAPI's ``jsonable_encoder`` walks every value of every row and costs more than the query on a
    page of 50 events; the store's rows need none of its conversions.
    """
    return Response(json.dumps(payload, ensure_ascii=False, default=str, allow_nan=False).encode("utf-8"),
                    media_type="application/json")  # fmt: skip


@router.get("/events/{event_id}", summary="One event with its 'why' trace and its reviews")
def event(request: Request, event_id: str) -> dict[str, Any]:
    """The event record with trace, why (the trace as plain text) and reviews (newest first)."""
    store = state_of(request).store
    found: dict[str, Any] | None = store.event(event_id)
    if found is None:
        raise ApiError(404, f"no event {event_id!r}")
    found["why"] = _explain(found)
    found["reviews"] = store.query("SELECT * FROM reviews WHERE event_id = ? ORDER BY \"at\" DESC, review_id",
                                   [event_id])  # fmt: skip
    found["review"] = found["reviews"][0]["verdict"] if found["reviews"] else None
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


@router.get("/facets", summary="Counts per value of one field under the current filters, most first")
def facets(
    request: Request,
    flt: Filters,
    field: Annotated[str, Query(description="one of " + ", ".join(query.FACET_FIELDS))] = "event_type",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> dict[str, Any]:
    """Values of field with their event counts; each item names the filter its value sets."""
    items = query.facets(state_of(request).store, flt, field, limit)
    return {"field": field, "items": items}


@router.get("/map", summary="Events with coordinates, grouped by place")
def map_points(request: Request, flt: Filters, limit: Annotated[int, Query(ge=1, le=5000)] = 2000) -> dict[str, Any]:
    """Places with their event counts per type; undated and unplaced events are left out."""
    store = state_of(request).store
    points = query.map_points(store, flt, limit)
    return {"points": points, "total": sum(p["n"] for p in points), "events": query.count_events(store, flt)}


@router.get("/actors", summary="Actors (countries / IGOs / actor ids) with event counts")
def actors(request: Request, flt: Filters, limit: Limit = 200) -> dict[str, Any]:
    """Actor codes seen as source or target, with counts per role, most frequent first."""
    items = query.actors(state_of(request).store, flt, limit)
    return {"items": items, "total": len(items), "limit": limit, "offset": 0}


@router.get("/actors/{code}/series", summary="One actor's events per period, as source and as target")
def actor_series(request: Request, code: Code, flt: Filters, freq: Freq = "month") -> dict[str, Any]:
    """A continuous time axis (empty periods as zeros) with counts and summed Goldstein scores per role."""
    return timeline.actor_series(state_of(request).store, code, freq, flt)


@router.get("/dyads/{a}/{b}/series", summary="Events between two actors per period, each direction apart")
def dyad_series(request: Request, a: Code, b: Code, flt: Filters, freq: Freq = "month") -> dict[str, Any]:
    """A continuous time axis (empty periods as zeros), counts per direction and type, summed Goldstein.

    Events too coarsely dated for freq, or undated, are counted in undated.
    """
    return timeline.dyad_series(state_of(request).store, a.upper(), b.upper(), freq, flt)


@router.get("/graph", summary="Actor network: nodes and weighted, typed edges")
def graph(
    request: Request,
    flt: Filters,
    types: Annotated[str | None, Query(description="comma-separated PLOVER types (same as type)")] = None,
    min_count: Annotated[int, Query(ge=1)] = 1,
) -> dict[str, Any]:
    """Directed edges source -> target weighted by event count, with counts per type."""
    if types:
        flt.type = types
        flt.check()
    return query.graph(state_of(request).store, flt, min_count)


@router.get("/errors", summary="Documents that failed, newest first")
def errors(request: Request, limit: Limit = 100) -> dict[str, Any]:
    """Recorded failures: source, doc_id, stage, reason, at."""
    items = state_of(request).store.errors(limit=limit)
    return {"items": items, "total": len(items), "limit": limit, "offset": 0}
