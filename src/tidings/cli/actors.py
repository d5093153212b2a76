"""``tidings actors``: look up, list, export and evaluate the offline actor knowledge base."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from tidings.cli.output import emit, format_option

_FILES = click.option("--actors", "actors_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                      metavar="FILE.yaml", help="Extra actor YAML applied over the built-in data (repeatable).")  # fmt: skip


def _actor_dict(actor: Any) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {k: getattr(actor, k) for k in ("country", "sector", "actor_id", "name", "role", "kind")}


def lookup_rows(
    text: str, date: dt.date | None, context: str | None, files: tuple[str, ...]
) -> list[dict[str, Any]]:
    """What ``text`` resolves to, with steps and candidates, as rows."""
    from tidings.stages.actors import lookup

    rows = []
    date = date or dt.date.today()  # an interactive lookup is about today unless told otherwise
    for r in lookup(text, date=date, context=context, files=[Path(f) for f in files]):
        rows.append({"text": r.text, "start": r.start, "end": r.end, **(_actor_dict(r.actor) or {}),
                     "steps": r.steps, "candidates": [_actor_dict(c) for c in r.candidates], "score": r.score})  # fmt: skip
    return rows


@click.group("actors")
def actors_group() -> None:
    """Offline actor knowledge base: countries, IGOs, organisations, people over time, sector nouns.

    \b
    Example:
        tidings actors lookup "the South Korean president" --date 2022-09-01
    """


@actors_group.command("lookup")
@click.argument("text")
@click.option(
    "--date",
    "date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date of the mention (default: today); people resolve to the office held then.",
)
@click.option(
    "--context", default=None, metavar="SENTENCE", help="A sentence containing TEXT, for context rules."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@_FILES
def lookup_command(text: str, date: dt.datetime | None, context: str | None, as_json: bool,
                   actors_files: tuple[str, ...]) -> None:  # fmt: skip
    """Show what a mention resolves to and why (resolution steps, candidates when ambiguous).

    \b
    Example:
        tidings actors lookup "Chinese leader Xi Jinping" --date 2023-03-01 --json
    """
    rows = lookup_rows(text, date.date() if date else None, context, actors_files)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        click.echo(f"no actor found in {text!r}", err=True)
    for row in rows:
        steps = " | ".join(row.pop("steps"))
        cands = "; ".join(
            f"{c['country']} {c['sector'] or '-'} {c['name'] or ''}".strip() for c in row.pop("candidates")
        )
        row["why"] = steps + (f" || candidates: {cands}" if cands else "")
    emit(rows, "table", columns=("text", "country", "sector", "name", "role", "kind", "why"))


@actors_group.command("list")
@click.option(
    "--kind", type=click.Choice(["person", "country", "igo", "org", "sector", "title"]), default=None
)
@click.option("--country", default=None, metavar="CODE", help="Only entries of this country or IGO code.")
@format_option()
@_FILES
def list_command(kind: str | None, country: str | None, fmt: str, actors_files: tuple[str, ...]) -> None:
    """List knowledge-base entries (people with their offices and dates).

    \b
    Example:
        tidings actors list --kind person --country PRK
    """
    from tidings.kb import get_kb
    from tidings.kb.tools import entry_rows

    rows = entry_rows(get_kb(tuple(actors_files)), kind, country)
    emit(rows, fmt, columns=("id", "kind", "name", "country", "sector", "offices", "aliases"),
         title=f"{len(rows)} entries")  # fmt: skip


@actors_group.command("export")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="YAML file to write.")
@_FILES
def export_command(out: str, actors_files: tuple[str, ...]) -> None:
    """Write the whole knowledge base (built-in plus --actors files) as one YAML file in the input format.

    \b
    Example:
        tidings actors export --out actors-all.yaml
    """
    from tidings.kb.tools import export_yaml, load_for_export

    n = export_yaml(load_for_export([Path(f) for f in actors_files]), Path(out))
    click.echo(f"wrote {n} entries to {out}", err=True)


@actors_group.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--failures", "show_failures", is_flag=True, help="Also print every wrong resolution.")
@_FILES
def eval_command(gold: str, show_failures: bool, actors_files: tuple[str, ...]) -> None:
    """Resolution accuracy (country, sector, person) on a JSONL list of gold mentions.

    \b
    Example:
        tidings actors eval tests/fixtures/actors_mentions.jsonl --failures
    """
    from tidings.kb.tools import evaluate

    report = evaluate(Path(gold), [Path(f) for f in actors_files])
    failures = report.pop("failures")
    click.echo(json.dumps(report, indent=2))
    if show_failures:
        for f in failures:
            click.echo(json.dumps(f, ensure_ascii=False, default=str))


@actors_group.command("unresolved")
@click.option("--db", "db", required=True, type=click.Path(exists=True, dir_okay=False),
              help="A store written by `tidings ingest`.")  # fmt: skip
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 10_000), help="How many phrases.")
@format_option()
def unresolved_command(db: str, limit: int, fmt: str) -> None:
    """List the most frequent actor phrases stored without a country, with an example sentence each.

    Add the ones that name an actor to a YAML file and code again with `--actors mine.yaml`
    (docs/actors.md shows the loop).

    \b
    Example:
        tidings actors unresolved --db news.duckdb --limit 20
    """
    from tidings.kb.tools import unresolved_rows
    from tidings.store import Store

    with Store(db, read_only=True) as store:
        rows = unresolved_rows(store, limit)
    emit(rows, fmt, columns=("phrase", "n", "docs", "example"), title=f"{len(rows)} unresolved phrases")


COMMANDS = [actors_group]
