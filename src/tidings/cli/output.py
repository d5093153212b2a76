"""Shared CLI options and output writers (table, csv, jsonl, json)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click

from tidings.config import Settings

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "csv", "jsonl", "json")


def db_option(func: F) -> F:
    """``--db FILE``: the DuckDB store (default ``tidings.duckdb``; env ``TIDINGS_DB`` overrides)."""
    return click.option(
        "--db", "db", default=None, metavar="FILE",
        help="DuckDB file (default: tidings.duckdb, or $TIDINGS_DB).",
    )(func)  # fmt: skip


def format_option(default: str = "table") -> Callable[[F], F]:
    """``--format table|csv|jsonl|json``."""
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
        help="Output format.",
    )  # fmt: skip


def settings_for(db: str | None, **overrides: Any) -> Settings:
    """Settings with the ``--db`` choice applied."""
    return Settings.load(db=db, **overrides)


def emit(rows: Iterable[dict[str, Any]], fmt: str = "table", columns: Sequence[str] | None = None,
         title: str | None = None, width: int = 120) -> int:  # fmt: skip
    """Write ``rows`` to stdout in ``fmt``; ``columns`` limits/orders the table and CSV. Returns the count.

    ``width`` is the least width of the table (wider terminals use their width).
    """
    rows = list(rows)
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, default=str, indent=2) + "\n")
    elif fmt == "csv":
        cols = list(columns or (rows[0].keys() if rows else []))
        writer = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in cols})
    else:
        _table(rows, columns, title, width)
    return len(rows)


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _table(rows: list[dict[str, Any]], columns: Sequence[str] | None, title: str | None, width: int = 120) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    cols = list(columns or (rows[0].keys() if rows else []))
    table = Table(title=title, show_lines=False)
    for col in cols:
        table.add_column(col, overflow="fold")
    for row in rows:
        # Cell text is data, not rich markup: "[North Korea]" must print as written.
        table.add_row(*("" if row.get(c) is None else escape(str(_cell(row.get(c)))) for c in cols))
    Console(width=max(width, Console().width)).print(table)
