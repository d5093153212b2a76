"""Exporters: the stored events as Parquet, CSV, JSONL, PLOVER-JSON, GraphML or GDELT 2.0 tables.

    export(store, "parquet", "out/events.parquet", type="ASSAULT", with_quotes=True)

Every exporter takes the event filters of :meth:`tidings.store.Store.events`. Parquet and CSV can also
write the quotes and claims of the same documents next to the events file (``with_quotes=True``):
``events.parquet`` gets ``quotes.parquet`` and ``claims.parquet``; any other name ``x.parquet`` gets
``x.quotes.parquet`` and ``x.claims.parquet``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings.errors import ExportError, FilterError, TidingsError
from tidings.intensity import QUADS
from tidings.query import EventFilter, event_order
from tidings.query import events as query_events
from tidings.store import Store

FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl", "plover-json", "graphml", "gdelt-events",
                            "gdelt-mentions")  # fmt: skip
# Factuality values PLOVER puts among the auxiliary modes in ``context``.
_AUX_CONTEXT = {"hypothetical": "hypothetical", "negated": "negation"}


def export(store: Store, fmt: str, out: str | Path, *, with_quotes: bool = False, flt: EventFilter | None = None,
           with_trace: bool = True, header: bool = False, **filters: Any) -> list[Path]:  # fmt: skip
    """Write the events matching ``filters`` to ``out`` in ``fmt``.

    Args:
        store: an open store.
        fmt: one of :data:`FORMATS`.
        out: the file to write; parent folders are created.
        with_quotes: for parquet and csv, also write the quotes and claims beside ``out``.
        flt: the event filter (the query layer's); or give its fields as ``**filters``.
        with_trace: parquet, csv and jsonl: include the ``trace`` column.
        header: for the GDELT formats, write a first line of column names (GDELT itself has none).
        **filters: event filters (type, actor, source, target, since, until, factuality, ...).

    Returns:
        The files written, events file first.

    Raises:
        ExportError: unknown format, or a file cannot be written.
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    path = Path(out)
    try:
        selection = _Selection(flt or EventFilter.from_kwargs(**filters).check(), with_trace)
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt.startswith("gdelt-"):
            _write_gdelt(store, path, selection, fmt == "gdelt-mentions", header)
        else:
            writer(store, path, selection)
        written = [path]
        if with_quotes and fmt in ("parquet", "csv"):
            written += _write_children(store, fmt, path, selection)
    except ExportError:
        raise
    except FilterError as exc:
        raise ExportError(f"cannot export: {exc}") from exc
    except (OSError, TidingsError) as exc:
        raise ExportError(f"cannot export {fmt} to {path}: {exc}") from exc
    return written


def sibling(path: Path, kind: str) -> Path:
    """The file beside an events export that holds its ``kind`` (``quotes`` or ``claims``)."""
    if path.stem == "events":
        return path.with_name(f"{kind}{path.suffix}")
    return path.with_name(f"{path.stem}.{kind}{path.suffix}")


@dataclass(slots=True)
class _Selection:
    """Which events an export writes."""

    flt: EventFilter
    with_trace: bool = True

    def rows(self, store: Store) -> list[dict[str, Any]]:
        return query_events(store, self.flt, limit=None, with_trace=self.with_trace)

    def columns(self, store: Store) -> list[str]:
        return [c for c in store.event_record_columns() if self.with_trace or c != "trace"]


def _write_parquet(store: Store, path: Path, sel: _Selection) -> None:
    where, params = sel.flt.where()
    cols = "e.*" if sel.with_trace else "e.* EXCLUDE (trace)"
    sql = (f"SELECT {cols}, d.title AS doc_title, e.claimant_text AS claimant FROM events e "
           f"LEFT JOIN documents d ON d.doc_id = e.doc_id {where} ORDER BY {event_order('date')}")  # fmt: skip
    store.copy_to(sql, params, path, "FORMAT parquet")


def _write_csv(store: Store, path: Path, sel: _Selection) -> None:
    _csv_rows(path, sel.columns(store), sel.rows(store))


def _csv_rows(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _write_children(store: Store, fmt: str, path: Path, sel: _Selection) -> list[Path]:
    """Quotes and claims of the documents that have a matching event (all of them without filters)."""
    where, params = sel.flt.where()
    # The accepted-events condition is always there; only the user's own filters narrow the documents.
    scope = f"WHERE doc_id IN (SELECT e.doc_id FROM events e {where})" if sel.flt.as_params() else ""
    written = []
    for table in ("quotes", "claims"):
        target = sibling(path, table)
        sql = f"SELECT * FROM {table} {scope} ORDER BY doc_id, start"
        if fmt == "parquet":
            store.copy_to(sql, params, target, "FORMAT parquet")
        else:
            _csv_rows(target, store.columns(table), store.query(sql, params))
        written.append(target)
    return written


def _write_jsonl(store: Store, path: Path, sel: _Selection) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in sel.rows(store):
            handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _write_plover(store: Store, path: Path, sel: _Selection) -> None:
    sql = "SELECT doc_id, title, url, published, source FROM documents"
    docs = {d["doc_id"]: d for d in store.query(sql)}
    records = [plover_record(row, docs.get(row["doc_id"], {})) for row in sel.rows(store)]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")


def _write_graphml(store: Store, path: Path, sel: _Selection) -> None:
    import networkx as nx

    from tidings.query import network

    nx.write_graphml(network(store, sel.flt), str(path))


def _entity(row: dict[str, Any], side: str) -> dict[str, Any]:
    entity = {
        "code": row.get(f"{side}_country"),
        "sector": row.get(f"{side}_sector"),
        "entity_text": row.get(f"{side}_text"),
        "identifier_id": row.get(f"{side}_actor_id"),
        "office": row.get(f"{side}_role"),
    }
    return {k: v for k, v in entity.items() if v is not None}


def _plover_date(row: dict[str, Any], doc: dict[str, Any]) -> tuple[str | None, str]:
    """PLOVER wants YYYY-MM-DD: coarser dates are padded to the period's first day."""
    date = row.get("event_date")
    if date and str(date).startswith("--"):
        return None, "unknown"  # a month and day without a year ("--03-14"): PLOVER needs the year
    if not date:
        published = doc.get("published")
        return (str(published)[:10], "publication") if published else (None, "unknown")
    parts = str(date).split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts[:3]), row.get("date_precision") or "unknown"


def _text_info(row: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    info = {"doc_id": row["doc_id"], "title": doc.get("title"), "url": doc.get("url"),
            "source": doc.get("source"), "sentence_index": row.get("sentence_index"),
            "char_start": row.get("char_start"), "char_end": row.get("char_end")}  # fmt: skip
    return {k: v for k, v in info.items() if v is not None}


def plover_record(row: dict[str, Any], doc: dict[str, Any] | None = None) -> dict[str, Any]:
    """One event record (a row of :meth:`Store.events`) as a PLOVER JSON record.

    PLOVER fields: ``id``, ``date``, ``actor`` and ``recipient`` (entity lists with ``code``,
    ``sector``, ``entity_text``, ``identifier_id``, ``office``), ``event``, ``mode``, ``context``
    (with the auxiliary modes ``hypothetical``/``negation``), ``event_loc``, ``event_text``, ``text``,
    ``text_info``, ``quad_code``, ``event_scale`` (Goldstein) and the magnitudes ``dead``/``injured``.
    tidings' own provenance (factuality, claimant, confidence, rule,
    CAMEO code, date precision) goes under ``tidings``.
    """
    doc = doc or {}
    date, precision = _plover_date(row, doc)
    context = [c.strip() for c in (row.get("event_context") or "").replace(";", ",").split(",") if c.strip()]
    aux = _AUX_CONTEXT.get(row.get("factuality") or "")
    if aux and aux not in context:
        context.append(aux)
    record: dict[str, Any] = {
        "id": row["event_id"],
        "date": date,
        "actor": [_entity(row, "source")],
        "event": [row["event_type"]],
        "mode": [row["event_mode"]] if row.get("event_mode") else [],
        "context": context,
        "event_text": row.get("verb_text"),
        "text": row.get("sentence_text"),
        "quad_code": row.get("quad_class") or QUADS.get(row["event_type"]),
        "text_info": _text_info(row, doc),
    }
    if row.get("goldstein") is not None:
        record["event_scale"] = row["goldstein"]
    for ours, theirs in (("fatalities", "dead"), ("injured", "injured")):
        if row.get(ours) is not None:
            record[theirs] = row[ours]
    recipient = _entity(row, "target")
    if recipient:
        record["recipient"] = [recipient]
    if row.get("location_name") or row.get("latitude") is not None:
        record["event_loc"] = {k: v for k, v in {
            "name": row.get("location_name"), "country": row.get("location_country"),
            "lat": row.get("latitude"), "lon": row.get("longitude"), "precision": row.get("geo_precision"),
        }.items() if v is not None}  # fmt: skip
    record["tidings"] = {
        "date_precision": precision, "factuality": row.get("factuality"),
        "claimant": row.get("claimant_text"), "claimant_country": row.get("claimant_country"),
        "confidence": row.get("confidence"), "rule": row.get("rule"), "cameo_code": row.get("cameo_code"),
    }  # fmt: skip
    return record


def _write_gdelt(store: Store, path: Path, sel: _Selection, mentions: bool, header: bool) -> None:
    """GDELT 2.0 Events or Mentions rows (see :mod:`tidings.gdelt`), tab-separated."""
    from tidings import gdelt

    rows = query_events(store, sel.flt, limit=None, with_trace=False)
    where, params = sel.flt.where()
    docs = {d["doc_id"]: d for d in store.query(
        "SELECT doc_id, url, source, published, ingested_at, length(text) AS n_chars FROM documents "
        f"WHERE doc_id IN (SELECT e.doc_id FROM events e {where})", params)}  # fmt: skip
    sql = f"SELECT g.event_id, g.group_id FROM event_groups g JOIN events e USING (event_id) {where}"
    groups = {g["event_id"]: g["group_id"] for g in store.query(sql, params)}
    events = gdelt.event_rows(rows, docs, groups)
    table = gdelt.mention_rows(events, docs) if mentions else [cells for _, cells, _ in events]
    columns = gdelt.MENTION_COLUMNS if mentions else gdelt.EVENT_COLUMNS
    with path.open("w", encoding="utf-8", newline="") as handle:
        if header:
            handle.write("\t".join(columns) + "\n")
        for cells in table:
            handle.write("\t".join(cells) + "\n")


_WRITERS: dict[str, Callable[[Store, Path, _Selection], None]] = {
    "parquet": _write_parquet,
    "csv": _write_csv,
    "jsonl": _write_jsonl,
    "plover-json": _write_plover,
    "graphml": _write_graphml,
    "gdelt-events": lambda store, path, filters: _write_gdelt(store, path, filters, False, False),
    "gdelt-mentions": lambda store, path, filters: _write_gdelt(store, path, filters, True, False),
}
