"""The ``tidings`` command line: a click group; each area adds its commands from its own module.

Commands are thin: parse options, call a library function, print what it returns.
Exit codes: 0 ok; 1 a TidingsError or some documents failed; 2 usage error (click); 130 interrupted.
"""

from __future__ import annotations

import importlib
import sys

import click

# Each module defines click commands and lists them in ``COMMANDS``.
_COMMAND_MODULES: tuple[str, ...] = (
    "core", "merge", "actors", "coding", "evaluate", "places", "quotes", "serve", "workbench", "scale",
)  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tidings")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """tidings: news text to sourced PLOVER events, offline.

    \b
    Example:
        tidings ingest articles/ --db news.duckdb && tidings events --db news.duckdb --type ASSAULT
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register() -> None:
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(f"tidings.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"tidings.cli.{name}":
                continue  # that area has no commands yet
            raise
        for command in getattr(module, "COMMANDS", ()):
            cli.add_command(command)


_register()


def main() -> None:
    """Entry point of the ``tidings`` script: maps errors to exit codes."""
    from tidings.errors import TidingsError

    debug = "--debug" in sys.argv
    try:
        # Without standalone mode click returns a command's ``ctx.exit(code)`` instead of exiting with it.
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except TidingsError as exc:
        if debug:
            raise
        click.secho(f"error: {exc}", fg="red", err=True)
        sys.exit(getattr(exc, "exit_code", 1))
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
