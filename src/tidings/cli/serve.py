"""``tidings serve``: the REST API and web UI over a store."""

from __future__ import annotations

import click

from tidings.cli.output import db_option, settings_for


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option("--read-only", is_flag=True, help="Open the store read-only (no ingest).")
@click.option("--max-upload", default=2, show_default=True, type=click.IntRange(1, 1024),
              help="Largest ingest request, in MB.")  # fmt: skip
@click.option("--actors-file", type=click.Path(dir_okay=False), default=None,
              help="Your actor dictionary, written by 'Add this phrase' (default: news.duckdb -> news.actors.yaml).")
@click.option("--cache", default=256, show_default=True, type=click.IntRange(0, 100_000),
              help="Read answers kept, keyed by request and store generation (0: off).")
def serve(db: str | None, host: str, port: int, read_only: bool, max_upload: int, actors_file: str | None,
          cache: int) -> None:
    """Serve the REST API (/api, OpenAPI docs at /docs) and the web UI (/) over a store.

    The server holds the store file only while it answers a request, so `tidings ingest` and `tidings
    events` on the same file keep working while it runs (they take turns; see docs/store.md). A repeated
    read is answered from a cache until the store file changes (docs/api.md).

    \b
    Example:
        tidings serve --db news.duckdb --port 8000   # then open http://127.0.0.1:8000/
    """
    import uvicorn

    from tidings.api import create_app

    settings = settings_for(db)
    app = create_app(settings.db, read_only=read_only, max_upload=max_upload * 1024 * 1024, settings=settings,
                     actors_file=actors_file, cache=cache)  # fmt: skip
    click.echo(f"tidings: serving {settings.db} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


COMMANDS = [serve]
