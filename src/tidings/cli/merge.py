"""``tidings merged``: events reported by several documents, with every source."""

from __future__ import annotations

import click

from tidings.cli.output import db_option, emit, format_option, settings_for
from tidings.errors import TidingsError

GROUP_COLUMNS = ("event_date", "event_type", "source_country", "target_country", "n_docs", "how", "titles")


@click.command("merged")
@db_option
@click.option("--min-docs", default=2, show_default=True, type=click.IntRange(2), help="Sources at least.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(0),
              help="Groups at most (0: all).")
@click.option("--remerge", is_flag=True, help="Recompute every group first (ingest merges new events itself).")
@click.option("--min-similarity", default=0.3, show_default=True, type=click.FloatRange(0, 1),
              help="With --remerge: lowest wording similarity (MinHash Jaccard) that links two reports.")
@click.option("--window-days", default=3, show_default=True, type=click.IntRange(0),
              help="With --remerge: how many days apart two reports' dates may be.")
@format_option()
def merged(db: str | None, min_docs: int, limit: int, remerge: bool, min_similarity: float, window_days: int,
           fmt: str) -> None:  # fmt: skip
    """List events reported by several documents, merged, with every source kept.

    Two reports merge only when they have the same type and dyad, dates within the window, compatible
    places and similar wording. The table shows one row per group; --format jsonl gives each group with
    all its sources (document, title, url, sentence, factuality, claimant, how it was linked). When there
    is no group, a line on stderr says why.

    \b
    Example:
        tidings merged --db news.duckdb --min-docs 3 --format jsonl
        tidings merged --db news.duckdb --remerge --min-similarity 0.4
    """
    from tidings.merge import merge_events, merged_events, why_empty
    from tidings.store import DEFAULT_WAIT, Store

    settings = settings_for(db)
    try:
        with Store(settings.db, read_only=not remerge, wait=DEFAULT_WAIT) as store:
            if remerge:
                merge_events(store, rebuild=True, min_similarity=min_similarity, window_days=window_days)
            groups = merged_events(store, min_docs=min_docs, limit=limit or None)
            reason = None if groups else why_empty(store, min_docs)
    except TidingsError as exc:
        raise click.ClickException(str(exc)) from exc
    if reason:
        click.echo(reason, err=True)
    if fmt == "table":
        for group in groups:
            group["titles"] = " | ".join(str(s["title"] or s["doc_id"]) for s in group["sources"])
    emit(groups, fmt, columns=GROUP_COLUMNS if fmt in ("table", "csv") else None)


COMMANDS = [merged]
