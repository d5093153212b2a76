"""``tidings quotes`` and ``tidings claims``: list stored quotations and numeric claims."""

from __future__ import annotations

from typing import Any

import click

from tidings.cli.core import row_cap, shown_title
from tidings.cli.output import db_option, emit, format_option, settings_for

QUOTE_COLUMNS = ("quote_id", "kind", "speaker_text", "speaker_country", "cue", "text", "parent_quote_id")
CLAIM_COLUMNS = ("claim_id", "kind", "text", "value", "unit", "qualifier", "counted", "country", "population",
                 "proposition", "stated_by")  # fmt: skip


def list_quotes(db: str | None, speaker: str | None = None, doc_id: str | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Stored quotations, optionally of one speaker (text substring, country code or actor id)."""
    from tidings.store import DEFAULT_WAIT, Store

    with Store(settings_for(db).db, read_only=True, wait=DEFAULT_WAIT) as store:
        return store.quotes(speaker=speaker, doc_id=doc_id, limit=limit)


def list_claims(db: str | None, about: str | None = None, country: str | None = None,
                doc_id: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Stored numeric claims, optionally about something (counted thing, proposition) or one country."""
    from tidings.store import DEFAULT_WAIT, Store

    with Store(settings_for(db).db, read_only=True, wait=DEFAULT_WAIT) as store:
        return store.claims(about=about, country=country, doc_id=doc_id, limit=limit)


def _shorten(rows: list[dict[str, Any]], fmt: str, width: int = 100) -> list[dict[str, Any]]:
    if fmt != "table":
        return rows
    out = []
    for row in rows:
        text = " ".join(str(row.get("text") or "").split())
        out.append({**row, "text": text if len(text) <= width else text[: width - 1] + "…"})
    return out


@click.command("quotes")
@db_option
@click.option("--speaker", default=None, metavar="TEXT", help="Speaker text (substring), country code or actor id.")
@click.option("--doc", "doc_id", default=None, metavar="DOC_ID", help="Only this document.")
@click.option("--limit", type=click.IntRange(0), default=None,
              help="At most N (0: all). Default: all for csv/jsonl/json, 50 for the table.")
@format_option()
def quotes_command(db: str | None, speaker: str | None, doc_id: str | None, limit: int | None, fmt: str) -> None:
    """List direct and indirect quotations with their speakers (table shortens long quotes).

    \b
    Example:
        tidings quotes --db news.duckdb --speaker "Simone Chun" --format jsonl
    """
    rows = list_quotes(db, speaker=speaker, doc_id=doc_id)
    total, cap = len(rows), row_cap(limit, fmt)
    rows = rows if cap is None else rows[:cap]
    emit(_shorten(rows, fmt), fmt, columns=QUOTE_COLUMNS, title=shown_title(len(rows), total, "quotes"))


@click.command("claims")
@db_option
@click.option("--about", default=None, metavar="TEXT", help="What is counted or polled, e.g. troops.")
@click.option("--country", default=None, metavar="CODE", help="Country the claim concerns (ISO alpha-3).")
@click.option("--doc", "doc_id", default=None, metavar="DOC_ID", help="Only this document.")
@click.option("--limit", type=click.IntRange(0), default=None,
              help="At most N (0: all). Default: all for csv/jsonl/json, 50 for the table.")
@format_option()
def claims_command(db: str | None, about: str | None, country: str | None, doc_id: str | None,
                   limit: int | None, fmt: str) -> None:  # fmt: skip
    """List numeric claims (counts, percentages, money, ranges, ratios, polls) with who states them.

    \b
    Example:
        tidings claims --db news.duckdb --about troops --country USA --format csv
    """
    rows = list_claims(db, about=about, country=country, doc_id=doc_id)
    total, cap = len(rows), row_cap(limit, fmt)
    rows = rows if cap is None else rows[:cap]
    emit(rows, fmt, columns=CLAIM_COLUMNS, title=shown_title(len(rows), total, "claims"))


COMMANDS = [quotes_command, claims_command]
