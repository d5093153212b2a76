"""Core commands: ``ingest``, ``events``, ``docs``, ``errors``, ``export``, ``demo``.

Data goes to stdout, progress and counts to stderr. Exit codes: 0 ok, 1 some documents failed or a
TidingsError, 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from tidings.cli.output import db_option, emit, format_option, settings_for
from tidings.errors import TidingsError
from tidings.model import FACTUALITY, PLOVER_TYPES
from tidings.periods import PeriodError, period_bounds

F = TypeVar("F", bound=Callable[..., Any])
EVENT_TABLE_COLUMNS = ("event_id", "event_date", "event_type", "source", "target", "claimant", "place",
                       "factuality", "confidence", "sentence")  # fmt: skip
# Rows the table format shows when no --limit is given; csv, jsonl and json give every row.
TABLE_LIMIT = 50
DOC_COLUMNS = ("doc_id", "title", "author", "published", "n_events", "error")
ERROR_COLUMNS = ("at", "source", "doc_id", "stage", "reason")


@contextmanager
def _tidings_errors() -> Iterator[None]:
    """Turn a TidingsError into a one-line message and exit code 1."""
    try:
        yield
    except TidingsError as exc:
        error = click.ClickException(str(exc))
        error.exit_code = getattr(exc, "exit_code", 1)  # a malformed --actors file is a usage error: 2
        raise error from exc


def _check_types(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if not value:
        return None
    names = [v.strip().upper() for v in value.split(",") if v.strip()]
    bad = [n for n in names if n not in PLOVER_TYPES]
    if bad:
        raise click.BadParameter(f"{', '.join(bad)} not a PLOVER type; use {', '.join(PLOVER_TYPES)}")
    return ",".join(names)


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        try:  # a partial date is the whole period (tidings.periods): --until 1950 includes 1950-12-31
            period_bounds(value)
        except PeriodError:
            raise click.BadParameter(f"{value!r} is not a date like 2022, 2022-03 or 2022-03-01") from None
    return value


def event_filter_options(func: F) -> F:
    """The event filters shared by ``events`` and ``export``."""
    options = [
        click.option("--type", "type_", metavar="TYPE[,TYPE]", callback=_check_types,
                     help="PLOVER event type(s), e.g. ASSAULT or ASSAULT,COERCE."),
        click.option("--actor", metavar="CODE", help="Source or target country (ISO3) or actor id."),
        click.option("--actor-name", metavar="NAME",
                     help="Source or target by name, resolved by the knowledge base ('Kim Jong Un')."),
        click.option("--source", metavar="CODE", help="Source country (ISO3) or actor id."),
        click.option("--target", metavar="CODE", help="Target country (ISO3) or actor id."),
        click.option("--since", metavar="DATE", callback=_check_date, help="On or after (YYYY[-MM[-DD]])."),
        click.option("--until", metavar="DATE", callback=_check_date, help="On or before (YYYY[-MM[-DD]])."),
        click.option("--factuality", type=click.Choice(FACTUALITY), help="Only this factuality."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), help="Lowest confidence kept."),
        click.option("--text", metavar="WORDS", help="Sentence contains this (case-insensitive)."),
        click.option("--doc", "doc_id", metavar="DOC_ID", help="Only events of this document."),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


def _filters(kwargs: dict[str, Any]) -> dict[str, Any]:
    keys = ("actor", "actor_name", "source", "target", "since", "until", "factuality", "min_confidence", "text",
            "doc_id", "status")  # fmt: skip
    filters = {k: kwargs.get(k) for k in keys}
    filters["type"] = kwargs.get("type_")
    return {k: v for k, v in filters.items() if v is not None}


def event_filter(kwargs: dict[str, Any]) -> Any:
    """The query layer's :class:`~tidings.query.EventFilter` from the options of :func:`event_filter_options`
    (checked, and ``--actor-name`` resolved through the knowledge base)."""
    from tidings.query import EventFilter

    return EventFilter.from_kwargs(**_filters(kwargs)).check().resolve()


def _open_store(db: str | None) -> Any:
    from tidings.store import DEFAULT_WAIT, Store

    # Waits (bounded) while an ingest holds the file for a batch; see docs/store.md.
    return Store(settings_for(db).db, read_only=True, wait=DEFAULT_WAIT)


def _side(row: dict[str, Any], side: str) -> str:
    code = row.get(f"{side}_country") or row.get(f"{side}_actor_id") or ""
    sector = row.get(f"{side}_sector") or ""
    return f"{code} {sector}".strip() or (row.get(f"{side}_text") or "")


def marked_sentence(row: dict[str, Any], width: int = 120) -> str:
    """The event's sentence with its source in [brackets], verb in *stars* and target in <angles>."""
    text = row.get("sentence_text") or ""
    base = row.get("char_start") or 0
    marks = []
    for side, left, right in (("source", "[", "]"), ("verb", "*", "*"), ("target", "<", ">")):
        start, end = row.get(f"{side}_start"), row.get(f"{side}_end")
        if start is not None and end is not None and 0 <= start - base < end - base <= len(text):
            marks.append((start - base, end - base, left, right))
    for start, end, left, right in sorted(marks, reverse=True):
        if all(not (s < end and start < e) for s, e, _, _ in marks if (s, e) != (start, end)):
            text = text[:start] + left + text[start:end] + right + text[end:]
    return text if len(text) <= width else text[: width - 3] + "..."


def _place(row: dict[str, Any]) -> str:
    name, country = row.get("location_name"), row.get("location_country")
    if name and country and name != country:
        return f"{name} ({country})"
    return str(name or country or "")


def _compact(row: dict[str, Any]) -> dict[str, Any]:
    claimant = row.get("claimant_text") or ""
    if claimant and row.get("claimant_country"):
        claimant += f" ({row['claimant_country']})"
    return {"event_id": row.get("event_id"), "event_date": row.get("event_date"),
            "event_type": row.get("event_type"), "source": _side(row, "source"), "target": _side(row, "target"),
            "claimant": claimant, "place": _place(row), "factuality": row.get("factuality"),
            "confidence": row.get("confidence"), "sentence": marked_sentence(row)}  # fmt: skip


def row_cap(limit: int | None, fmt: str) -> int | None:
    """How many rows to fetch: ``--limit`` (0: all); without it all rows, or TABLE_LIMIT for the table."""
    if limit is None:
        return TABLE_LIMIT if fmt == "table" else None
    return limit or None


def shown_title(shown: int, total: int, noun: str) -> str:
    """The table title: ``"12 events"``, or ``"50 of 312 events shown (--limit 0 for all)"`` when truncated."""
    if shown < total:
        return f"{shown} of {total} {noun} shown (--limit N or --limit 0 for all; csv/jsonl/json give all)"
    return f"{total} {noun}"


class _Reporter:
    """Progress for ``ingest``/``demo``: a rich bar on a TTY, nothing otherwise (counts come at the end)."""

    def __init__(self, quiet: bool) -> None:
        self.progress: Any = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                     TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                                     console=Console(stderr=True), transient=True)  # fmt: skip
            self.task = self.progress.add_task("ingesting", total=None)

    def __enter__(self) -> _Reporter:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def __call__(self, doc: Any, status: str) -> None:
        if self.progress is not None:
            label = f"{status}: {doc.title or doc.source or ''}"[:60]
            self.progress.update(self.task, advance=1, description=label)


def _report_counts(report: Any) -> None:
    for err in report.errors:
        where = err["source"] or err["doc_id"] or "?"
        if err.get("line"):
            where += f": line {err['line']}"
        stage = f"{err['stage']}: " if err.get("stage") and err["stage"] != "ingest" else ""
        click.secho(f"failed: {where}: {stage}{err.get('message') or err['reason']}", fg="yellow", err=True)
    click.echo(f"{report.added} added, {report.already_present} already stored, {report.failed} failed "
               f"({report.read} read, {report.events} new events) -> {report.db}", err=True)  # fmt: skip


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "html", "jsonl", "csv"]), default="auto",
              show_default=True, help="Input format (auto: from the file name and content).")
@click.option("--actors", "actors", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor dictionary (YAML); repeatable.")
@click.option("--model", metavar="NAME", help="spaCy model (default: the first installed of the defaults).")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Worker processes that code documents (default: one per core; 1: no workers).")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Code on this running dask.distributed cluster instead (needs tidings[dask]).")
@click.option("--out-parquet", type=click.Path(file_okay=False), default=None,
              help="Write partitioned Parquet to DIR instead of the store (see `tidings load-parquet`).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], db: str | None, fmt: str, actors: tuple[str, ...],
           model: str | None, workers: int | None, scheduler: str | None, out_parquet: str | None,
           quiet: bool) -> None:  # fmt: skip
    """Read files, folders or stdin (-), code the new documents and store them.

    Documents already in the store are skipped before parsing, so rerunning after an interruption
    resumes where it stopped. Unreadable documents are recorded in the errors table (see `tidings
    errors`) and make the exit code 1; the others are still stored.

    \b
    Example:
        tidings ingest articles/ feed.jsonl --db news.duckdb
        cat story.txt | tidings ingest - --db news.duckdb
        tidings ingest big_corpus/ --db news.duckdb --workers 2
        tidings ingest big.jsonl --scheduler tcp://10.0.0.5:8786 --out-parquet out/run1
    """
    from tidings.runner import ingest as run_ingest

    with _tidings_errors():
        settings = settings_for(db, model=model, actors_files=list(actors) or None, workers=workers,
                                scheduler=scheduler)  # fmt: skip
        if out_parquet:
            from tidings.parquet_io import ingest_to_parquet

            report = ingest_to_parquet(list(paths), settings, out_parquet, fmt=fmt)
        else:
            with _Reporter(quiet) as reporter:
                report = run_ingest(list(paths), settings, fmt=fmt, progress=reporter)
    _report_counts(report)
    if not report.ok:
        ctx.exit(1)


@click.command()
@db_option
@event_filter_options
@click.option("--limit", default=None, type=click.IntRange(0),
              help="At most N (0: all). Default: all for csv/jsonl/json, 50 for the table.")
@click.option("--offset", default=0, type=click.IntRange(0), help="Skip the first N events.")
@click.option("--order", type=click.Choice(["date", "-date", "confidence", "-confidence", "type", "doc"]),
              default="date", show_default=True, help="Sort order.")
@click.option("--all", "show_all", is_flag=True,
              help="Also list rejected candidates (status 'candidate', with the reason).")
@format_option()
def events(db: str | None, limit: int | None, offset: int, order: str, show_all: bool, fmt: str,
           **kwargs: Any) -> None:  # fmt: skip
    """List stored events, filtered.

    The table shows a compact column set (event id, date, type, source, target, claimant, place,
    factuality, confidence, and the sentence with [source], *verb* and <target> marked) and says "N of M
    shown" when it truncates; csv, jsonl and json give the full event record of every matching event
    unless --limit is given. An empty result is not an error.

    \b
    Example:
        tidings events --db news.duckdb --type ASSAULT --actor PRK --since 2023-01-01 --format jsonl
        tidings events --db news.duckdb --all --format csv
    """
    from tidings import query

    with _tidings_errors(), _open_store(db) as store:
        flt = event_filter({**kwargs, "status": "all" if show_all else None})
        rows = query.events(store, flt, limit=row_cap(limit, fmt), offset=offset,
                            order_by=query.event_order(order))  # fmt: skip
        total = max(query.count_events(store, flt) - offset, 0)
        columns = store.event_record_columns()
    if fmt == "table":
        table_columns = (*EVENT_TABLE_COLUMNS, "status", "reason") if show_all else EVENT_TABLE_COLUMNS
        emit([{**_compact(r), "status": r.get("status") or "event", "reason": r.get("reason")} for r in rows],
             fmt, table_columns, title=shown_title(len(rows), total, "events"), width=200)  # fmt: skip
    else:
        emit(rows, fmt, columns)


@click.command()
@db_option
@click.option("--limit", default=None, type=click.IntRange(0),
              help="At most N (0: all). Default: all for csv/jsonl/json, 50 for the table.")
@format_option()
def docs(db: str | None, limit: int | None, fmt: str) -> None:
    """List stored documents (title, author, published, number of events) and failed ones.

    csv, jsonl and json give every document unless --limit is given; the table says "N of M shown" when
    it truncates.

    \b
    Example:
        tidings docs --db news.duckdb --format csv > documents.csv
    """
    with _tidings_errors(), _open_store(db) as store:
        rows = store.documents(limit=None)
    total, cap = len(rows), row_cap(limit, fmt)
    rows = rows if cap is None else rows[:cap]
    emit(rows, fmt, DOC_COLUMNS if fmt == "table" else None, title=shown_title(len(rows), total, "documents"))


@click.command()
@db_option
@format_option()
def errors(db: str | None, fmt: str) -> None:
    """List the documents that could not be read or processed, and why.

    \b
    Example:
        tidings errors --db news.duckdb --format jsonl
    """
    with _tidings_errors(), _open_store(db) as store:
        rows = store.errors()
    emit(rows, fmt, ERROR_COLUMNS if fmt == "table" else None, title=f"{len(rows)} errors")


@click.command(name="export")
@db_option
@click.option("--format", "fmt", required=True, type=click.Choice(["parquet", "csv", "jsonl", "plover-json",
              "graphml", "gdelt-events", "gdelt-mentions"]), help="File format.")  # fmt: skip
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--with-quotes", is_flag=True, help="parquet/csv: also write quotes and claims beside --out.")
@click.option("--header", is_flag=True, help="gdelt-*: first line of column names (GDELT files have none).")
@event_filter_options
def export_cmd(db: str | None, fmt: str, out: str, with_quotes: bool, header: bool, **kwargs: Any) -> None:
    """Export the stored events (filtered) as Parquet, CSV, JSONL, PLOVER-JSON, GraphML or GDELT 2.0.

    gdelt-events writes GDELT 2.0 Events rows (61 tab-separated columns, one per merged event group or
    single event); gdelt-mentions writes Mentions rows (16 columns, one per source sentence). The columns
    are listed in docs/store.md.

    \b
    Example:
        tidings export --db news.duckdb --format parquet --out out/events.parquet --with-quotes
        tidings export --db news.duckdb --format plover-json --out plover.json --type ASSAULT
        tidings export --db news.duckdb --format gdelt-events --out out/events.export.CSV
    """
    from tidings.export import export
    from tidings.query import count_events

    with _tidings_errors(), _open_store(db) as store:
        flt = event_filter(kwargs)
        files = export(store, fmt, out, with_quotes=with_quotes, flt=flt, header=header)
        n = count_events(store, flt)
    click.echo(f"{n} events -> {', '.join(str(f) for f in files)}", err=True)


@click.command()
@click.option("--db", default="tidings-demo.duckdb", show_default=True, metavar="FILE", help="Store to fill.")
@click.option("--out", "out", default="out/demo", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the exports.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def demo(db: str, out: str, quiet: bool) -> None:
    """Ingest the bundled demo articles, print a summary and write exports.

    Rerunning is cheap: documents already in the store are skipped.

    \b
    Example:
        tidings demo --db tidings-demo.duckdb --out out/demo && tidings serve --db tidings-demo.duckdb
    """
    from tidings.runner import run_demo

    with _tidings_errors(), _Reporter(quiet) as reporter:
        report = run_demo(db, out, progress=reporter)
    _report_counts(report.ingest)
    summary = report.summary
    click.echo(f"{summary['events']} events, {summary['quotes']} quotes, {summary['claims']} claims in "
               f"{summary['documents']} documents ({summary['errors']} failed) stored in {db}")  # fmt: skip
    emit([{"event_type": r["value"], "events": r["n"]} for r in summary["by_type"]], "table",
         title="Events per type")  # fmt: skip
    emit(summary["top_dyads"], "table", ("source", "target", "n", "top_type"), title="Top dyads")
    click.echo("Exports: " + ", ".join(str(Path(f)) for f in report.exports))
    click.echo(f"Next: `tidings events --db {db}` lists the events; "
               f"`tidings serve --db {db}` opens the web UI.")  # fmt: skip


COMMANDS = [ingest, events, docs, errors, export_cmd, demo]
