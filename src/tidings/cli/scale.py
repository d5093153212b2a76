"""``tidings load-parquet``: bring the Parquet partitions of a cluster run into a DuckDB store."""

from __future__ import annotations

import click

from tidings.cli.output import db_option, settings_for
from tidings.errors import TidingsError


@click.command("load-parquet")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
def load_parquet(folder: str, db: str | None) -> None:
    """Load the partitions written by `tidings ingest --out-parquet DIR` into a store.

    Documents the store already holds are skipped, so loading twice adds nothing; the cross-document
    event groups are recomputed afterwards.

    \b
    Example:
        tidings load-parquet out/run1 --db news.duckdb
    """
    from tidings.parquet_io import load_parquet as load

    settings = settings_for(db)
    try:
        added = load(folder, settings.db)
    except TidingsError as exc:
        raise click.ClickException(str(exc)) from exc
    parts = ", ".join(f"{n} {table}" for table, n in added.items())
    click.echo(f"{parts} -> {settings.db}", err=True)


COMMANDS = [load_parquet]
