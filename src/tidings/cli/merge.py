"""``tidings merged``: events reported by several documents, with every source."""

from __future__ import annotations

import click

from tidings.cli.output import db_option, emit, format_option, settings_for
from tidings.errors import TidingsError

GROUP_COLUMNS = ("event_date", "event_type", "source_country", "target_country", "n_docs", "how", "titles")


@click.command("merged")
@db_option
@click.option("--min-docs", default=2, show_default=True, type=click.IntRange(2), help="Sources at least.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1), help="Groups at most.")
@click.option("--remerge", is_flag=True, help="Recompute the groups first (ingest does this itself).")
@format_option()
def merged(db: str | None, min_docs: int, limit: int, remerge: bool, fmt: str) -> None:
    """List events reported by several documents, merged, with every source kept.

    The table shows one row per group; --format jsonl gives each group with all its sources
    (document, title, url, sentence, factuality, claimant).

    \b
    Example:
        tidings merged --db news.duckdb --min-docs 3 --format jsonl
    """
    from tidings.merge import merge_events, merged_events
    from tidings.store import DEFAULT_WAIT, Store

    settings = settings_for(db)
    try:
        with Store(settings.db, read_only=not remerge, wait=DEFAULT_WAIT) as store:
            if remerge:
                merge_events(store)
            groups = merged_events(store, min_docs=min_docs, limit=limit)
    except TidingsError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "table":
        for group in groups:
            group["titles"] = " | ".join(str(s["title"] or s["doc_id"]) for s in group["sources"])
    emit(groups, fmt, columns=GROUP_COLUMNS if fmt in ("table", "csv") else None)


COMMANDS = [merged]
