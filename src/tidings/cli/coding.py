"""``tidings why``: explain how an event was coded."""

from __future__ import annotations

from typing import Any

import click

from tidings.cli.output import db_option


def load_event(event_id: str, db: str | None) -> dict[str, Any] | None:
    """The stored event ``event_id`` from the DuckDB store (``--db``), or None."""
    from tidings.config import Settings
    from tidings.store import DEFAULT_WAIT, Store

    path = Settings.load(db=db).db
    with Store(path, read_only=True, wait=DEFAULT_WAIT) as store:
        return store.event(event_id)


def code_text(text: str) -> list[Any]:
    """Code ``text`` now (parse, actors, coder; Goldstein score and quad class): events and rejected candidates."""
    from tidings.evaluate import code_sentences
    from tidings.intensity import score_events

    events: list[Any] = code_sentences([text], candidates=True)[0]
    score_events(events, [])  # no claims stage here: casualties come with `tidings ingest`
    return events


@click.command("why")
@click.argument("event_id", required=False)
@db_option
@click.option("--text", "text", default=None, help="Code this text now and explain each of its events.")
@click.option("--plain", is_flag=True, help="No colours: mark source/verb/target with [SRC ..] tags.")
def why_command(event_id: str | None, db: str | None, text: str | None, plain: bool) -> None:
    """Explain EVENT_ID: sentence with source/verb/target marked, parse path, lexicon entry, actor steps,
    factuality cue and confidence.

    Example:
        tidings why 3f2a9c0d1e4b5a67 --db news.duckdb
        tidings why --text "Russia threatened to attack Ukraine."
    """
    from rich.console import Console

    from tidings.errors import ConfigError
    from tidings.why import explain

    console = Console(highlight=False, no_color=plain)
    if text is not None:
        events = code_text(text)
        if not events:
            click.echo("no event coded in that text")
        for event in events:
            _show(console, explain(event, markup=not plain), plain)
        return
    if not event_id:
        raise click.UsageError("give an EVENT_ID or --text")
    found = load_event(event_id, db)
    if found is None:
        raise ConfigError(f"no event {event_id!r} in the store; list ids with `tidings events --format csv`")
    _show(console, explain(found, markup=not plain), plain)


def _show(console: Any, text: str, plain: bool) -> None:
    if plain:
        click.echo(text + "\n")
    else:
        console.print(text + "\n")


COMMANDS = [why_command]
