"""Summaries, dyad series and the actor network with ``**filters`` keywords, over :mod:`tidings.query`.

The reads themselves live in :mod:`tidings.query` (one typed :class:`~tidings.query.EventFilter`) and
:mod:`tidings.timeline`; these functions take the filters of :meth:`tidings.store.Store.events` as
keywords and pass them on, for scripts written against the keyword style.
"""

from __future__ import annotations

from typing import Any

from tidings import query, timeline
from tidings.errors import FilterError, StoreError
from tidings.store import Store


def _flt(filters: dict[str, Any]) -> query.EventFilter:
    try:
        return query.EventFilter.from_kwargs(**filters).check()
    except FilterError as exc:
        raise StoreError(str(exc)) from exc


def counts_by(store: Store, column: str, **filters: Any) -> list[dict[str, Any]]:
    """Events per value of ``column`` (``event_type``, ``factuality``, ``event_mode``, ...), most first."""
    try:
        return query.counts_by(store, column, _flt(filters))
    except FilterError as exc:
        raise StoreError(str(exc)) from exc


def top_dyads(store: Store, limit: int = 10, **filters: Any) -> list[dict[str, Any]]:
    """The most frequent directed (source, target) actor pairs, with their most common event type."""
    return query.top_dyads(store, _flt(filters), limit)


def top_actors(store: Store, limit: int = 10, **filters: Any) -> list[dict[str, Any]]:
    """Actors by number of events they take part in, as source or target."""
    return query.top_actors(store, _flt(filters), limit)


def summary(store: Store, limit: int = 10, **filters: Any) -> dict[str, Any]:
    """Headline numbers of a store (see :func:`tidings.query.summary`)."""
    return query.summary(store, _flt(filters), limit)


def dyad_series(store: Store, a: str, b: str, freq: str = "month", **filters: Any) -> dict[str, Any]:
    """Events between ``a`` and ``b`` per period on a continuous axis (see :func:`tidings.timeline.dyad_series`).

    Raises:
        StoreError: unknown ``freq`` or a malformed filter.
    """
    try:
        return timeline.dyad_series(store, a, b, freq, _flt(filters))
    except FilterError as exc:
        raise StoreError(str(exc)) from exc


def graph(store: Store, since: str | None = None, until: str | None = None, types: Any = None,
          **filters: Any) -> Any:  # fmt: skip
    """The directed actor network as a networkx DiGraph (see :func:`tidings.query.network`)."""
    if types is not None and not isinstance(types, str):
        types = ",".join(types)
    return query.network(store, _flt({"since": since, "until": until, "type": types, **filters}))


def graph_data(g: Any) -> dict[str, list[dict[str, Any]]]:
    """A graph as JSON-able ``{"nodes": [{"id", ...}], "edges": [{"source", "target", ...}]}``."""
    return {
        "nodes": [{"id": n, **attrs} for n, attrs in g.nodes(data=True)],
        "edges": [{"source": s, "target": t, **attrs} for s, t, attrs in g.edges(data=True)],
    }
