"""The one query layer: a typed event filter and every read over the store (events, facets, actors, dyads,
the actor network, time series), shared by the CLI, the exporters and the REST API.

    flt = EventFilter(type="ASSAULT", actor="PRK", until="2023").check()
    rows, total = list_events(store, flt, limit=20)
    facets(store, flt, "source_country")        # [{"value": "PRK", "n": 12}, ...]

Every filter value is a query parameter; column names only ever come from the whitelists below.
Partial dates mean the whole period: ``until="1950"`` keeps an event of 1950-12-31, ``since="2023-05"``
keeps one dated only "2023" (its year overlaps the period); see :func:`period_bounds`.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any

from tidings import periods
from tidings.errors import FilterError
from tidings.model import FACTUALITY, PLOVER_TYPES

__all__ = ["EventFilter", "FilterError", "period_bounds"]

SORTABLE: tuple[str, ...] = (
    "event_date", "confidence", "event_type", "source_country", "target_country", "doc_id",
    "sentence_index", "factuality", "cameo_code", "location_country",
)  # fmt: skip
FREQS: tuple[str, ...] = ("day", "month", "year")
FACET_FIELDS: tuple[str, ...] = (
    "event_type", "source_country", "target_country", "factuality", "month", "location_country",
)  # fmt: skip
# The filter that clicking a facet value sets (month -> since and until of that month).
FACET_FILTER = {"event_type": "type", "source_country": "source", "target_country": "target",
                "factuality": "factuality", "month": "month", "location_country": "location"}  # fmt: skip
ORDERS = {
    "date": "e.event_date NULLS LAST, e.doc_id, e.sentence_index, e.event_id",
    "-date": "e.event_date DESC NULLS LAST, e.doc_id, e.sentence_index, e.event_id",
    "confidence": "e.confidence, e.event_id",
    "-confidence": "e.confidence DESC, e.event_id",
    "type": "e.event_type, e.event_date NULLS LAST, e.event_id",
    "doc": "e.doc_id, e.sentence_index, e.event_id",
}
# The documented event record: the events row plus the document title and the claimant as one string.
EVENT_RECORD_EXTRAS = ("doc_title", "claimant")
EVENT_FROM = "FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id"
EVENT_RECORD_SELECT = f"SELECT e.*, d.title AS doc_title, e.claimant_text AS claimant {EVENT_FROM}"
# An actor's key in dyads and the network: its country (ISO3 / IGO code), else its knowledge-base id.
SRC = "coalesce(e.source_country, e.source_actor_id)"
TGT = "coalesce(e.target_country, e.target_actor_id)"
MAX_PERIODS = 5000
_FREQ_WIDTH = {"day": 10, "month": 7, "year": 4}
EVENT_STATUSES: tuple[str, ...] = ("event", "candidate", "all")
# Rows stored before events had a status are accepted events.
ACCEPTED = "coalesce(e.status, 'event') = 'event'"
_CODE_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


def period_bounds(value: str) -> tuple[str, str]:
    """The first and last day of a partial ISO date as strings: ``"1950"`` -> ``("1950-01-01", "1950-12-31")``.

    The rule itself is :func:`tidings.periods.period_bounds`; this gives it the filter layer's error type.

    Raises:
        FilterError: not a real date of year, month or day precision.
    """
    try:
        first, last = periods.period_bounds(value or "")
    except periods.PeriodError as exc:
        raise FilterError(str(exc)) from None
    return first.isoformat(), last.isoformat()


@dataclass(slots=True)
class EventFilter:
    """Filters over the events table; empty fields do not filter. Validate with :meth:`check`.

    Attributes:
        type: PLOVER type, or several comma-separated.
        actor: source or target country code (ISO3 / IGO) or knowledge-base actor id.
        actor_name: an actor by name ("North Korea", "Kim Jong Un"), resolved through the knowledge base
            by :meth:`resolve`; unresolved names match the source or target text.
        source, target: one side only (code or actor id).
        dyad: ``A-B``, events between the two in either direction.
        since, until: partial ISO dates; the whole period counts and an event overlapping it is kept.
        month: ``YYYY-MM``, events dated (to the month or day) inside that month: what a month facet sets.
        factuality: one value or several comma-separated.
        min_confidence: lowest confidence kept.
        doc_id: events of one document.
        location: the event's place country code.
        place: the event's place name (case-insensitive, whole name; what a map point sets).
        text: substring of the sentence (case-insensitive).
        q: substring of the sentence, source, target, verb, place or claimant.
        status: ``event`` (the default when empty: accepted events only), ``candidate`` (candidates the
            actor gate or the verifier rejected) or ``all``.
    """

    type: str | None = None
    actor: str | None = None
    actor_name: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: str | None = None
    since: str | None = None
    until: str | None = None
    month: str | None = None
    factuality: str | None = None
    min_confidence: float | None = None
    doc_id: str | None = None
    location: str | None = None
    place: str | None = None
    text: str | None = None
    q: str | None = None
    status: str | None = None
    # Filled by resolve(): (country codes, actor ids) the actor_name stands for.
    resolved: tuple[tuple[str, ...], tuple[str, ...]] | None = field(default=None, repr=False)

    @classmethod
    def from_kwargs(cls, **filters: Any) -> EventFilter:
        """A filter from keyword arguments (``None`` and ``""`` ignored).

        Raises:
            FilterError: an unknown filter name.
        """
        names = [f.name for f in dataclasses.fields(cls) if f.name != "resolved"]
        unknown = sorted(set(filters) - set(names))
        if unknown:
            raise FilterError(f"unknown event filter(s) {', '.join(unknown)}; known: {', '.join(names)}")
        values: dict[str, Any] = {
            k: ",".join(v) if isinstance(v, (list, tuple)) else v for k, v in filters.items()
        }
        return cls(**{k: v for k, v in values.items() if v is not None and v != ""})

    def check(self) -> EventFilter:
        """Validate and normalise (upper-case codes, split dyads).

        Raises:
            FilterError: a malformed value.
        """
        if self.type:
            types = [t.strip().upper() for t in self.type.split(",") if t.strip()]
            bad = [t for t in types if t not in PLOVER_TYPES]
            if bad:
                raise FilterError(f"unknown event type(s) {', '.join(bad)}; known: {', '.join(PLOVER_TYPES)}")
            self.type = ",".join(types)
        if self.factuality:
            facts = [f.strip().lower() for f in self.factuality.split(",") if f.strip()]
            bad = [f for f in facts if f not in FACTUALITY]
            if bad:
                raise FilterError(f"unknown factuality {', '.join(bad)}; known: {', '.join(FACTUALITY)}")
            self.factuality = ",".join(facts)
        for name in ("actor", "source", "target", "location"):
            value = getattr(self, name)
            if value and not _CODE_RE.match(value):
                raise FilterError(
                    f"{name} must be a country code (USA) or actor id (org.prk.kpa), not {value!r}"
                )
        if self.dyad:
            parts = self.dyad.upper().split("-")
            if len(parts) != 2 or not all(_CODE_RE.match(p) for p in parts):
                raise FilterError(f"dyad must look like USA-PRK, not {self.dyad!r}")
            self.dyad = "-".join(parts)
        for name in ("since", "until", "month"):
            value = getattr(self, name)
            if value:
                try:
                    period_bounds(value)
                except FilterError as exc:
                    raise FilterError(f"bad date filter {name}: {exc}") from None
        if self.month and len(self.month) != 7:
            raise FilterError(f"month must look like 2023-05, not {self.month!r}")
        if self.min_confidence is not None and not 0.0 <= float(self.min_confidence) <= 1.0:
            raise FilterError("min_confidence must be between 0 and 1")
        if self.status and self.status not in EVENT_STATUSES:
            raise FilterError(f"unknown event status {self.status!r}; use one of {', '.join(EVENT_STATUSES)}")
        if self.actor_name is not None and len(self.actor_name) > 200:
            raise FilterError("actor_name is longer than 200 characters")
        return self

    def resolve(self, files: tuple[str, ...] = ()) -> EventFilter:
        """Resolve :attr:`actor_name` through the actor knowledge base (built-in data plus ``files``).

        A country ("North Korea") stands for its code; a person or organisation ("Kim Jong Un") for its
        actor id. Names the knowledge base does not know are matched as text by :meth:`where`.
        """
        if not self.actor_name or self.resolved is not None:
            return self
        from pathlib import Path

        from tidings.stages.actors import lookup

        countries: list[str] = []
        ids: list[str] = []
        for mention in lookup(self.actor_name, files=[Path(f) for f in files])[:1]:
            actor = mention.actor
            if actor is None:
                continue
            if actor.kind in ("country", "igo") and actor.country:
                countries.append(actor.country)
            if actor.actor_id:
                ids.append(actor.actor_id)
        self.resolved = (tuple(countries), tuple(ids))
        return self

    def as_params(self) -> dict[str, Any]:
        """The set filters as a dict (for URLs, logs and ``**filters`` calls)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if f.name != "resolved" and getattr(self, f.name) not in (None, "")}  # fmt: skip

    def where(self, extra: str = "") -> tuple[str, list[Any]]:
        """The WHERE clause over ``events e`` (with a leading ``WHERE``, or empty) and its parameters."""
        conds: list[str] = []
        params: list[Any] = []
        status = self.status or "event"
        if status == "event":
            conds.append(ACCEPTED)
        elif status == "candidate":
            conds.append("e.status = 'candidate'")
        if self.type:
            types = [t.strip().upper() for t in self.type.split(",") if t.strip()]
            conds.append(f"e.event_type IN ({', '.join('?' for _ in types)})")
            params += types
        for value, sides in ((self.actor, ("source", "target")), (self.source, ("source",)),
                             (self.target, ("target",))):  # fmt: skip
            if value:
                conds.append("(" + " OR ".join(f"(upper(e.{s}_country) = upper(?) OR e.{s}_actor_id = ?)"
                                               for s in sides) + ")")  # fmt: skip
                params += [value, value] * len(sides)
        if self.actor_name:
            cond, more = _actor_name_where(self.actor_name, self.resolved)
            conds.append(cond)
            params += more
        if self.dyad:
            a, b = self.dyad.split("-")
            conds.append(f"(({SRC} = ? AND {TGT} = ?) OR ({SRC} = ? AND {TGT} = ?))")
            params += [a, b, b, a]
        cond, more = date_where(self.since, self.until)
        if cond:
            conds.append(cond)
            params += more
        if self.month:
            # Unlike since/until, a month (what a month facet sets) keeps only events dated inside it.
            conds.append("length(e.event_date) >= 7 AND left(e.event_date, 7) = ?")
            params.append(self.month)
        if self.factuality:
            facts = [f.strip().lower() for f in self.factuality.split(",") if f.strip()]
            conds.append(f"e.factuality IN ({', '.join('?' for _ in facts)})")
            params += facts
        if self.min_confidence is not None:
            conds.append("e.confidence >= ?")
            params.append(float(self.min_confidence))
        if self.doc_id:
            conds.append("e.doc_id = ?")
            params.append(self.doc_id)
        if self.location:
            conds.append("upper(e.location_country) = upper(?)")
            params.append(self.location)
        if self.place:
            conds.append("lower(e.location_name) = lower(?)")
            params.append(self.place)
        if self.text:
            conds.append("e.sentence_text ILIKE ? ESCAPE '\\'")
            params.append(_like(self.text))
        if self.q:
            cols = (
                "sentence_text",
                "source_text",
                "target_text",
                "verb_text",
                "location_name",
                "claimant_text",
            )
            conds.append("(" + " OR ".join(f"e.{c} ILIKE ? ESCAPE '\\'" for c in cols) + ")")
            params += [_like(self.q)] * len(cols)
        if extra:
            conds.append(extra)
        return ("WHERE " + " AND ".join(conds)) if conds else "", params


def date_where(since: str | None, until: str | None) -> tuple[str, list[Any]]:
    """The condition keeping events whose date (of any precision) overlaps ``[since, until]``.

    Both bounds are whole periods and an event's own date is a period too (:mod:`tidings.periods`).
    """
    try:
        conds, params = periods.period_where(since or None, until or None)
    except periods.PeriodError as exc:
        raise FilterError(str(exc)) from None
    return " AND ".join(conds), params


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _actor_name_where(
    name: str, resolved: tuple[tuple[str, ...], tuple[str, ...]] | None
) -> tuple[str, list[Any]]:
    countries, ids = resolved or ((), ())
    parts: list[str] = []
    params: list[Any] = []
    for side in ("source", "target"):
        for code in countries:
            parts.append(f"upper(e.{side}_country) = ?")
            params.append(code.upper())
        for actor_id in ids:
            parts.append(f"e.{side}_actor_id = ?")
            params.append(actor_id)
        if not countries and not ids:
            parts.append(f"e.{side}_text ILIKE ? ESCAPE '\\'")
            params.append(_like(name))
    return "(" + " OR ".join(parts) + ")", params


def event_order(order: str) -> str:
    """The ORDER BY clause for an ``order`` name (``date``, ``-date``, ``confidence``, ...).

    Raises:
        FilterError: unknown order name.
    """
    try:
        return ORDERS[order]
    except KeyError:
        raise FilterError(f"unknown order {order!r}; use one of {', '.join(ORDERS)}") from None


def sort_order(sort: str, order: str) -> str:
    """The ORDER BY clause for a column of :data:`SORTABLE` and ``asc``/``desc``.

    Raises:
        FilterError: unknown column or direction.
    """
    if sort not in SORTABLE:
        raise FilterError(f"cannot sort by {sort!r}; choose one of {', '.join(SORTABLE)}")
    if order not in ("asc", "desc"):
        raise FilterError("order must be asc or desc")
    return f"e.{sort} {order.upper()} NULLS LAST, e.doc_id, e.sentence_index, e.event_id"


# -- events ----------------------------------------------------------------------------------------


def events(store: Any, flt: EventFilter, *, limit: int | None = 100, offset: int = 0, order_by: str | None = None,
           with_trace: bool = True) -> list[dict[str, Any]]:  # fmt: skip
    """Event records (every events column, ``doc_title`` and ``claimant``) matching ``flt``.

    Args:
        limit: at most this many (None: all).
        order_by: an ORDER BY clause from :func:`event_order` or :func:`sort_order` (default: by date).
        with_trace: include the ``trace`` column.
    """
    where, params = flt.where()
    cols = "e.*" if with_trace else "e.* EXCLUDE (trace)"
    sql = (f"SELECT {cols}, d.title AS doc_title, e.claimant_text AS claimant {EVENT_FROM} {where} "
           f"ORDER BY {order_by or ORDERS['date']}")  # fmt: skip
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    found: list[dict[str, Any]] = store.query(sql, params)
    return found


def count_events(store: Any, flt: EventFilter) -> int:
    """How many events match ``flt``."""
    where, params = flt.where()
    return int(store.scalar(f"SELECT count(*) FROM events e {where}", params) or 0)


def list_events(store: Any, flt: EventFilter, sort: str = "event_date", order: str = "asc", limit: int = 50,
                offset: int = 0, with_trace: bool = False, after: str | None = None, total: int | None = None,
                with_review: bool = False) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
    """One page of events sorted by a :data:`SORTABLE` column, and the total count.

    ``after`` (a cursor from :func:`encode_cursor`) pages by keyset instead of ``offset``: the page starts
    after that row, so deep pages cost no more than the first.

    Args:
        total: the count of ``flt``'s events when the caller already knows it (the API caches it per
            filter and store generation); counted here when None.
        with_review: add ``review``, the latest review verdict of each event (or None), in the same query.

    Raises:
        FilterError: unknown sort column or order, or a malformed cursor.
    """
    order_by = sort_order(sort, order)
    where, params = flt.where()
    if total is None:
        total = count_events(store, flt)
    page_where, page_params = where, list(params)
    if after:
        cond, extra = _keyset(after, sort, order)
        page_where = f"{where} AND {cond}" if where else f"WHERE {cond}"
        page_params += extra
        offset = 0
    cols = "e.*" if with_trace else "e.* EXCLUDE (trace)"
    review, review_join = "", ""
    if with_review:
        review = ", r.verdict AS review"
        review_join = (" LEFT JOIN (SELECT event_id, verdict FROM reviews WHERE event_id IN (SELECT event_id "
                       'FROM page) QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY "at" DESC, '
                       "review_id DESC) = 1) r ON r.event_id = e.event_id")  # fmt: skip
    # The page's ids first (a top-N sort over a few narrow columns), then their full rows and titles:
    # sorting the wide rows, or joining every event to its document before the sort, is several times slower.
    page: list[dict[str, Any]] = store.query(
        f"WITH page AS (SELECT e.event_id FROM events e {page_where} ORDER BY {order_by} LIMIT ? OFFSET ?) "
        f"SELECT {cols}, d.title AS doc_title, e.claimant_text AS claimant{review} FROM page JOIN events e "
        f"USING (event_id) LEFT JOIN documents d ON d.doc_id = e.doc_id{review_join} ORDER BY {order_by}",
        [*page_params, int(limit), int(offset)],
    )
    return page, total


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
    idx = index if index is not None else -1
    tail_params = [doc_id, doc_id, idx, idx, event_id]
    if value is None:
        return f"({col} IS NULL AND {tail})", tail_params
    beyond = ">" if order == "asc" else "<"
    return f"({col} IS NULL OR {col} {beyond} ? OR ({col} = ? AND {tail}))", [value, value, *tail_params]


def doc_events(store: Any, doc_id: str) -> list[dict[str, Any]]:
    """Every event of one document (without trace), in text order."""
    found: list[dict[str, Any]] = store.query(
        f"SELECT e.* EXCLUDE (trace), e.claimant_text AS claimant FROM events e WHERE e.doc_id = ? AND {ACCEPTED} "
        "ORDER BY e.sentence_index, e.verb_start NULLS LAST, e.event_id",
        [doc_id],
    )
    return found


def doc_rows(store: Any, table: str, doc_id: str) -> list[dict[str, Any]]:
    """Every quote or claim of one document, in text order."""
    if table not in ("quotes", "claims"):
        raise ValueError(table)
    found: list[dict[str, Any]] = store.query(
        f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY start", [doc_id]
    )
    return found


# -- counts ----------------------------------------------------------------------------------------


def facets(store: Any, flt: EventFilter, field_name: str, limit: int = 50) -> list[dict[str, Any]]:
    """Events per value of a facet field under ``flt``, most first: ``[{"value", "n", "filter"}]``.

    ``filter`` is the filter name that selecting the value sets (``event_type`` -> ``type``). ``month``
    counts events dated to a day or month; rows without a value are left out.

    Raises:
        FilterError: unknown field.
    """
    if field_name not in FACET_FIELDS:
        raise FilterError(f"unknown facet {field_name!r}; choose one of {', '.join(FACET_FIELDS)}")
    expr = "left(e.event_date, 7)" if field_name == "month" else f"e.{field_name}"
    extra = ("length(e.event_date) >= 7 AND left(e.event_date, 1) <> '-'" if field_name == "month"
             else f"{expr} IS NOT NULL")  # a year-less date ("--03-14") is in no month bucket
    where, params = flt.where(extra)
    found: list[dict[str, Any]] = store.query(
        f"SELECT {expr} AS value, count(*) AS n FROM events e {where} GROUP BY 1 ORDER BY n DESC, value "
        f"LIMIT {int(limit)}",
        params,
    )
    for row in found:
        row["filter"] = FACET_FILTER[field_name]
    return found


def counts_by(store: Any, column: str, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """Events per value of ``column`` (``event_type``, ``factuality``, ``event_mode``, ...), most first.

    Raises:
        FilterError: the events table has no such column.
    """
    if column not in store.columns("events"):
        raise FilterError(f"events have no column {column!r}")
    where, params = (flt or EventFilter()).where()
    found: list[dict[str, Any]] = store.query(
        f'SELECT e."{column}" AS value, count(*) AS n FROM events e {where} GROUP BY 1 ORDER BY n DESC, value '
        "NULLS LAST",
        params,
    )
    return found


def top_dyads(store: Any, flt: EventFilter | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """The most frequent directed (source, target) pairs, with their most common event type."""
    where, params = (flt or EventFilter()).where(f"{SRC} IS NOT NULL AND {TGT} IS NOT NULL")
    found: list[dict[str, Any]] = store.query(
        f"SELECT {SRC} AS source, {TGT} AS target, count(*) AS n, mode(e.event_type) AS top_type "
        f"FROM events e {where} GROUP BY 1, 2 ORDER BY n DESC, source, target LIMIT {int(limit)}",
        params,
    )
    return found


def top_actors(store: Any, flt: EventFilter | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """Actors (country code, else actor id) by events they take part in: ``actor, n, as_source, as_target``."""
    where, params = (flt or EventFilter()).where()
    found: list[dict[str, Any]] = store.query(
        f"WITH sides AS (SELECT {SRC} AS actor, 1 AS as_source, 0 AS as_target FROM events e {where} "
        f"UNION ALL SELECT {TGT}, 0, 1 FROM events e {where}) "
        "SELECT actor, count(*) AS n, sum(as_source) AS as_source, sum(as_target) AS as_target "
        f"FROM sides WHERE actor IS NOT NULL GROUP BY actor ORDER BY n DESC, actor LIMIT {int(limit)}",
        params + params,
    )
    return found


def actors(store: Any, flt: EventFilter, limit: int = 200) -> list[dict[str, Any]]:
    """Actor codes seen as source or target: ``code, as_source, as_target, total``, most first."""
    return [{"code": r["actor"], "as_source": r["as_source"], "as_target": r["as_target"], "total": r["n"]}
            for r in top_actors(store, flt, limit)]  # fmt: skip


def summary(store: Any, flt: EventFilter | None = None, limit: int = 10) -> dict[str, Any]:
    """Headline numbers: documents, events, errors, quotes, claims, ``by_type``, ``by_factuality``,
    ``top_dyads`` and ``top_actors``."""
    flt = flt or EventFilter()
    counts = store.counts()
    return {
        "documents": counts["documents"], "events": count_events(store, flt), "errors": counts["errors"],
        "quotes": counts["quotes"], "claims": counts["claims"],
        "by_type": counts_by(store, "event_type", flt), "by_factuality": counts_by(store, "factuality", flt),
        "top_dyads": top_dyads(store, flt, limit), "top_actors": top_actors(store, flt, limit),
    }  # fmt: skip


def map_points(store: Any, flt: EventFilter, limit: int = 2000) -> list[dict[str, Any]]:
    """Events with coordinates grouped by place: ``name, country, lat, lon, n, types {TYPE: n}, top_type``."""
    where, params = flt.where("e.latitude IS NOT NULL AND e.longitude IS NOT NULL")
    rows = store.query(
        "SELECT round(e.latitude, 3) AS lat, round(e.longitude, 3) AS lon, any_value(e.location_name) AS name, "
        "any_value(e.location_country) AS country, e.event_type, count(*) AS n "
        f"FROM events e {where} GROUP BY 1, 2, e.event_type",
        params,
    )
    places: dict[tuple[float, float], dict[str, Any]] = {}
    for r in rows:
        place = places.setdefault((r["lat"], r["lon"]), {"lat": r["lat"], "lon": r["lon"], "name": r["name"],
                                                         "country": r["country"], "n": 0, "types": {}})  # fmt: skip
        place["n"] += r["n"]
        place["types"][r["event_type"]] = place["types"].get(r["event_type"], 0) + r["n"]
    out = sorted(places.values(), key=lambda p: (-p["n"], p["lat"], p["lon"]))[:limit]
    for place in out:
        place["top_type"] = max(place["types"].items(), key=lambda kv: (kv[1], kv[0]))[0]
    return out


def graph(store: Any, flt: EventFilter, min_count: int = 1) -> dict[str, Any]:
    """Actor network: nodes (codes with event counts) and directed edges weighted per event type."""
    where, params = flt.where(f"{SRC} IS NOT NULL AND {TGT} IS NOT NULL AND {SRC} <> {TGT}")
    found = store.query(
        f"SELECT {SRC} AS source, {TGT} AS target, e.event_type, count(*) AS n "
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


def network(store: Any, flt: EventFilter | None = None) -> Any:
    """The directed actor network as a networkx ``DiGraph`` (for GraphML).

    Node attributes: ``label``, ``n_events``. Edge attributes: ``weight`` (events), ``types`` (e.g.
    ``"ASSAULT:3 THREATEN:1"``), ``first_date``, ``last_date``, ``mean_confidence``; all scalars.
    """
    import networkx as nx

    where, params = (flt or EventFilter()).where(f"{SRC} IS NOT NULL AND {TGT} IS NOT NULL")
    rows = store.query(
        f"SELECT {SRC} AS source, {TGT} AS target, e.event_type AS type, count(*) AS n, "
        "min(e.event_date) AS first_date, max(e.event_date) AS last_date, avg(e.confidence) AS conf "
        f"FROM events e {where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        params,
    )
    g = nx.DiGraph()
    for row in rows:
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
