"""The analyst's workbench on the command line: ``review`` (mark, list, export, add-actor) and ``dyad``."""

from __future__ import annotations

import json
from typing import Any

import click

from tidings.cli.core import _open_store, _tidings_errors, event_filter, event_filter_options
from tidings.cli.output import db_option, emit, format_option, settings_for

REVIEW_COLUMNS = ("at", "event_id", "verdict", "event_type", "source_country", "target_country", "corrections",
                  "note", "sentence_text")  # fmt: skip


@click.group("review")
def review_group() -> None:
    """Mark coded events right or wrong, correct them, and export the reviews as training gold.

    \b
    Example:
        tidings review mark 5e83c7ccaf91e7ef wrong --set event_type=THREATEN --db news.duckdb
        tidings review export --out reviews.jsonl --db news.duckdb
    """


@review_group.command("mark")
@click.argument("event_id")
@click.argument("verdict", type=click.Choice(["right", "wrong"]))
@click.option(
    "--set",
    "fixes",
    multiple=True,
    metavar="FIELD=VALUE",
    help="A corrected field (event_type, source_country, target_sector, factuality, ...); repeatable.",
)
@click.option("--note", default=None, help="Why.")
@db_option
def review_mark(
    event_id: str, verdict: str, fixes: tuple[str, ...], note: str | None, db: str | None
) -> None:
    """Record a verdict on one event, with corrected fields.

    \b
    Example:
        tidings review mark 5e83c7ccaf91e7ef wrong --set event_type=THREATEN --note "a warning" --db news.duckdb
    """
    from tidings.review import add_review
    from tidings.store import Store

    corrections: dict[str, Any] = {}
    for fix in fixes:
        key, sep, value = fix.partition("=")
        if not sep:
            raise click.BadParameter(f"{fix!r} is not FIELD=VALUE", param_hint="--set")
        corrections[key.strip()] = value.strip()
    with _tidings_errors(), Store(settings_for(db).db) as store:
        row = add_review(store, event_id, verdict, corrections, note)
    click.echo(f"{row['verdict']}: {event_id} {row['corrections'] or ''}".rstrip(), err=True)


@review_group.command("list")
@db_option
@format_option()
def review_list(db: str | None, fmt: str) -> None:
    """List the latest review of every reviewed event, newest first.

    \b
    Example:
        tidings review list --db news.duckdb --format csv
    """
    from tidings.review import latest_reviews

    with _tidings_errors(), _open_store(db) as store:
        rows = latest_reviews(store)
    emit(rows, fmt, REVIEW_COLUMNS if fmt in ("table", "csv") else None, title=f"{len(rows)} reviewed events")


@review_group.command("export")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="JSONL file to write.")
@click.option("--with-text", is_flag=True, help="Put each document's text in its line (self-contained file).")
@db_option
def review_export(out: str, with_text: bool, db: str | None) -> None:
    """Write the reviewed events in the real-news gold format (standoff offsets; docs/annotation.md).

    Right events are kept as coded, wrong ones with corrections are kept corrected, wrong ones without
    corrections become decoys. Offsets are into the stored document text (its sha1 is in each line;
    --with-text adds the text itself).

    \b
    Example:
        tidings review export --out reviews.jsonl --db news.duckdb
    """
    from tidings.review import export_gold

    with _tidings_errors(), _open_store(db) as store:
        n = export_gold(store, out, with_text)
    click.echo(f"{n} reviewed events -> {out}", err=True)


@review_group.command("add-actor")
@click.argument("phrase")
@click.option("--country", metavar="CODE", help="ISO3 or IGO code, e.g. IND.")
@click.option("--sector", metavar="CODE", help="PLOVER sector, e.g. COP.")
@click.option("--file", "path", type=click.Path(dir_okay=False), default=None,
              help="User actor YAML (default: next to the store, news.duckdb -> news.actors.yaml).")  # fmt: skip
@db_option
def review_add_actor(phrase: str, country: str | None, sector: str | None, path: str | None,
                     db: str | None) -> None:  # fmt: skip
    """Add a phrase to your actor dictionary (a YAML file that `--actors` reads).

    \b
    Example:
        tidings review add-actor "Kalahandi police" --country IND --sector COP --db news.duckdb
        tidings ingest more/ --db news.duckdb --actors news.actors.yaml
    """
    from tidings.review import add_actor_phrase, user_actors_path

    target = path or str(user_actors_path(settings_for(db).db))
    with _tidings_errors():
        entry = add_actor_phrase(target, phrase, country, sector)
    click.echo(f"{entry['id']} -> {target}", err=True)


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--freq", type=click.Choice(["day", "month", "year"]), default="month", show_default=True,
              help="Period length.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "png"]), default="table",
              show_default=True, help="Output format (png needs --out).")  # fmt: skip
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None, help="File for --format png.")
@event_filter_options
def dyad(a: str, b: str, db: str | None, freq: str, fmt: str, out: str | None, **kwargs: Any) -> None:
    """Events between two actors per period: a continuous time axis, each direction apart, with counts and
    summed Goldstein scores (the data of the web UI's dyad chart).

    \b
    Example:
        tidings dyad USA PRK --freq year --db news.duckdb
        tidings dyad USA PRK --freq month --format png --out usa-prk.png --db news.duckdb
    """
    from tidings.timeline import dyad_series, plot_png, series_rows

    if fmt == "png" and not out:
        raise click.UsageError("--format png needs --out FILE")
    with _tidings_errors(), _open_store(db) as store:
        data = dyad_series(store, a.upper(), b.upper(), freq, event_filter(kwargs))
    if fmt == "png":
        plot_png(data, str(out))
        click.echo(f"{data['total']} events, {len(data['periods'])} periods -> {out}", err=True)
        return
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not data["periods"] and fmt == "table":
        click.echo(
            f"no dated events between {data['a']} and {data['b']} ({data['undated']} undated)", err=True
        )
        return
    emit(series_rows(data), fmt, title=f"{data['a']} - {data['b']} per {freq}: {data['total']} events, "
                                       f"{data['undated']} not placed")  # fmt: skip


COMMANDS = [review_group, dyad]
