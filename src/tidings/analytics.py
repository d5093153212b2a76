"""Counts, dyads, time series and the actor network, as SQL over a :class:`~tidings.store.Store`.

Used by ``tidings demo``, the exporters (GraphML) and the REST API. Every function takes the store and
the same event filters as :meth:`Store.events`, and returns plain data (dicts, lists, a networkx graph).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from tidings.errors import StoreError
from tidings.store import Store, event_where

# An actor's key in dyads and the network: its country (ISO3 / IGO code), else its knowledge-base id.
_SRC = "coalesce(e.source_country, e.source_actor_id)"
_TGT = "coalesce(e.target_country, e.target_actor_id)"
_PERIOD_CHARS = {"day": 10, "month": 7, "year": 4}


def _where(filters: dict[str, Any], extra: str = "") -> tuple[str, list[Any]]:
    where, params = event_where(**filters)
    if extra:
        where = f"{where} AND {extra}" if where else f"WHERE {extra}"
    return where, params


def counts_by(store: Store, column: str, **filters: Any) -> list[dict[str, Any]]:
    """Events per value of ``column`` (``event_type``, ``factuality``, ``event_mode``, ...), most first."""
    if column not in store.columns("events"):
        raise StoreError(f"events have no column {column!r}")
    where, params = _where(filters)
    sql = (f'SELECT e."{column}" AS value, count(*) AS n FROM events e {where} '
           f'GROUP BY 1 ORDER BY n DESC, value NULLS LAST')  # fmt: skip
    return store.query(sql, params)


def top_dyads(store: Store, limit: int = 10, **filters: Any) -> list[dict[str, Any]]:
    """The most frequent directed (source, target) actor pairs, with their most common event type."""
    where, params = _where(filters, f"{_SRC} IS NOT NULL AND {_TGT} IS NOT NULL")
    sql = (
        f"SELECT {_SRC} AS source, {_TGT} AS target, count(*) AS n, mode(e.event_type) AS top_type "
        f"FROM events e {where} GROUP BY 1, 2 ORDER BY n DESC, source, target LIMIT {int(limit)}"
    )
    return store.query(sql, params)


def top_actors(store: Store, limit: int = 10, **filters: Any) -> list[dict[str, Any]]:
    """Actors by number of events they take part in, as source or target."""
    where, params = _where(filters)
    sql = (
        f"WITH sides AS (SELECT {_SRC} AS actor, 1 AS as_source, 0 AS as_target FROM events e {where} "
        f"UNION ALL SELECT {_TGT}, 0, 1 FROM events e {where}) "
        "SELECT actor, count(*) AS n, sum(as_source) AS as_source, sum(as_target) AS as_target "
        f"FROM sides WHERE actor IS NOT NULL GROUP BY actor ORDER BY n DESC, actor LIMIT {int(limit)}"
    )
    return store.query(sql, params + params)


def summary(store: Store, limit: int = 10, **filters: Any) -> dict[str, Any]:
    """Headline numbers of a store.

    Returns:
        ``{"documents", "events", "errors", "quotes", "claims": int, "by_type", "by_factuality":
        [{"value", "n"}], "top_dyads": [{"source", "target", "n", "top_type"}], "top_actors":
        [{"actor", "n", "as_source", "as_target"}]}``.
    """
    counts = store.counts()
    return {
        "documents": counts["documents"],
        "events": store.count_events(**filters),
        "errors": counts["errors"],
        "quotes": counts["quotes"],
        "claims": counts["claims"],
        "by_type": counts_by(store, "event_type", **filters),
        "by_factuality": counts_by(store, "factuality", **filters),
        "top_dyads": top_dyads(store, limit, **filters),
        "top_actors": top_actors(store, limit, **filters),
    }


def dyad_series(store: Store, a: str, b: str, freq: str = "month", **filters: Any) -> list[dict[str, Any]]:
    """Events between actors ``a`` and ``b`` per period, in both directions.

    Events are dated by ``event_date``, else by the document's publication date; events dated less
    precisely than ``freq`` (e.g. only a year, for a monthly series) are left out.

    Args:
        a: actor key (country code or actor id).
        b: the other actor.
        freq: ``day``, ``month`` or ``year``.

    Returns:
        Rows ``{"period", "a_to_b", "b_to_a", "n"}`` in period order.
    """
    if freq not in _PERIOD_CHARS:
        raise StoreError(f"freq must be one of {', '.join(_PERIOD_CHARS)}, not {freq!r}")
    width = _PERIOD_CHARS[freq]
    date = "coalesce(e.event_date, CAST(d.published AS VARCHAR))"
    pair = f"(({_SRC} = ? AND {_TGT} = ?) OR ({_SRC} = ? AND {_TGT} = ?))"
    where, params = _where(filters, f"{pair} AND length({date}) >= {width}")
    sql = (
        f"SELECT left({date}, {width}) AS period, count(*) FILTER (WHERE {_SRC} = ?) AS a_to_b, "
        f"count(*) FILTER (WHERE {_SRC} = ?) AS b_to_a, count(*) AS n "
        f"FROM events e LEFT JOIN documents d USING (doc_id) {where} GROUP BY 1 ORDER BY 1"
    )
    a, b = a.upper(), b.upper()
    return store.query(sql, [a, b] + params + [a, b, b, a])


def graph(store: Store, since: str | None = None, until: str | None = None, types: Any = None,
          **filters: Any) -> nx.DiGraph:  # fmt: skip
    """The directed actor network: one node per actor, one edge per (source, target) pair.

    Node attributes: ``label``, ``n_events``. Edge attributes: ``weight`` (events), ``types`` (e.g.
    ``"ASSAULT:3 THREATEN:1"``), ``first_date``, ``last_date``, ``mean_confidence``. All attributes are
    scalars so the graph can be written as GraphML.
    """
    where, params = _where({"since": since, "until": until, "type": types, **filters},
                           f"{_SRC} IS NOT NULL AND {_TGT} IS NOT NULL")  # fmt: skip
    sql = (
        f"SELECT {_SRC} AS source, {_TGT} AS target, e.event_type AS type, count(*) AS n, "
        "min(e.event_date) AS first_date, max(e.event_date) AS last_date, avg(e.confidence) AS conf "
        f"FROM events e {where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    )
    g = nx.DiGraph()
    for row in store.query(sql, params):
        for node in {row["source"], row["target"]}:
            if node not in g:
                g.add_node(node, label=node, n_events=0)
            g.nodes[node]["n_events"] += row["n"]
        s, t = row["source"], row["target"]
        if not g.has_edge(s, t):
            g.add_edge(s, t, weight=0, types="", first_date="", last_date="", conf_sum=0.0)
        edge = g.edges[s, t]
        edge["weight"] += row["n"]
        edge["types"] = f"{edge['types']} {row['type']}:{row['n']}".strip()
        edge["conf_sum"] += (row["conf"] or 0.0) * row["n"]
        if row["first_date"] and (not edge["first_date"] or row["first_date"] < edge["first_date"]):
            edge["first_date"] = row["first_date"]
        if row["last_date"] and row["last_date"] > edge["last_date"]:
            edge["last_date"] = row["last_date"]
    for _, _, edge in g.edges(data=True):
        edge["mean_confidence"] = round(edge.pop("conf_sum") / edge["weight"], 4)
    return g


def graph_data(g: nx.DiGraph) -> dict[str, list[dict[str, Any]]]:
    """A graph as JSON-able ``{"nodes": [{"id", ...}], "edges": [{"source", "target", ...}]}``."""
    return {
        "nodes": [{"id": n, **attrs} for n, attrs in g.nodes(data=True)],
        "edges": [{"source": s, "target": t, **attrs} for s, t, attrs in g.edges(data=True)],
    }
