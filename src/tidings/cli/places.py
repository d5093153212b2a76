"""``tidings places``: explain how a place name or a date expression resolves, offline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from tidings.cli.output import FORMATS, emit

PLACE_COLUMNS = (
    "name",
    "country",
    "kind",
    "precision",
    "lat",
    "lon",
    "population",
    "source",
    "score",
    "chosen",
    "note",
)


def explain_place(name: str, countries: tuple[str, ...] = ()) -> dict[str, Any]:
    """The resolution of ``name`` given the document countries ``countries`` (ISO alpha-3), as a dict."""
    from tidings.geo.gazetteer import lookup_place

    return lookup_place(name, [c.upper() for c in countries]).as_dict()


def explain_date(text: str, published: str | None = None, anchor: str | None = None) -> dict[str, Any]:
    """The date ``text`` states, relative to ``published`` and the narrative ``anchor`` (ISO dates), as a dict."""
    from tidings.stages.dates import DateResolution, resolve_date

    base = dt.date.fromisoformat(published) if published else None
    anchor_res = None
    if anchor:
        precision = {4: "year", 7: "month", 10: "day"}.get(len(anchor))
        if precision is None:
            raise click.BadParameter("use YYYY, YYYY-MM or YYYY-MM-DD", param_hint="--anchor")
        anchor_res = DateResolution(anchor, precision, anchor, "text")
    res = resolve_date(text, base, anchor_res)
    return {"text": text, "date": res.date, "precision": res.precision, "date_text": res.text,
            "source": res.source, "rule": res.rule}  # fmt: skip


@click.group("places")
def places_group() -> None:
    """Dates and places: look up the offline gazetteer, resolve date expressions.

    Example:
        tidings places lookup Georgia --country USA --json
    """


@places_group.command("lookup")
@click.argument("name")
@click.option("--country", "countries", multiple=True, metavar="ISO3",
              help="A country the document is about (repeatable), for ambiguous names.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the whole resolution as JSON.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format of the candidate table.")  # fmt: skip
def lookup_command(name: str, countries: tuple[str, ...], as_json: bool, fmt: str) -> None:
    """Explain how NAME resolves: every candidate, its score, and which one wins (or why none does).

    Example:
        tidings places lookup "Taiwan Strait" && tidings places lookup Paris --country USA --country FRA --json
    """
    result = explain_place(name, countries)
    if as_json:
        emit([result], "json")
        return
    chosen = result["place"]
    rows = [{**c, "chosen": "*" if chosen and c["name"] == chosen["name"] and c["lat"] == chosen["lat"] else ""}
            for c in result["candidates"]]  # fmt: skip
    emit(rows, fmt, columns=PLACE_COLUMNS, title="; ".join(result["steps"]))


@places_group.command("date")
@click.argument("text")
@click.option("--published", default=None, metavar="YYYY-MM-DD", help="Publication date (for 'yesterday').")
@click.option("--anchor", default=None, metavar="DATE", help="Narrative anchor (for 'earlier that month').")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def date_command(text: str, published: str | None, anchor: str | None, as_json: bool) -> None:
    """Resolve the date TEXT states, as the dates stage would.

    Example:
        tidings places date "Earlier that month, troops crossed" --published 2020-11-02 --anchor 1950-10-25
    """
    emit([explain_date(text, published, anchor)], "json" if as_json else "table")


COMMANDS = [places_group]
