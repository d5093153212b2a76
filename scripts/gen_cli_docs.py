"""Write docs/cli.md from the ``--help`` text of every ``tidings`` command.

Usage:
    .venv/bin/python scripts/gen_cli_docs.py          # rewrite docs/cli.md
    .venv/bin/python scripts/gen_cli_docs.py --check  # exit 1 if docs/cli.md is out of date
"""

from __future__ import annotations

import argparse
from pathlib import Path

import click

from tidings.cli import cli

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
WIDTH = 100
INTRO = """# CLI reference

Generated from `--help` by `scripts/gen_cli_docs.py`; do not edit by hand: rerun the script after
changing a command (`tests/e2e/test_cli_core_docs.py` fails when a command is missing here).

Exit codes: 0 ok; 1 an error (one red line; `--debug` shows the traceback) or some documents failed
(the others were stored; `tidings errors` lists the failures); 2 usage error; 130 interrupted.
Data goes to stdout, progress and counts to stderr. `--db FILE` defaults to `tidings.duckdb`
(or `$TIDINGS_DB`).
"""


def command_help(name: str | None = None) -> str:
    """The help text of ``tidings`` (name None) or of ``tidings <name>``, at a fixed width."""
    root = click.Context(cli, info_name="tidings", terminal_width=WIDTH, max_content_width=WIDTH,
                         help_option_names=["-h", "--help"])
    if name is None:
        return cli.get_help(root)
    command = cli.commands[name]
    ctx = click.Context(command, info_name=name, parent=root, terminal_width=WIDTH, max_content_width=WIDTH,
                        help_option_names=["-h", "--help"])
    return command.get_help(ctx)


def render() -> str:
    """The whole docs/cli.md text."""
    parts = [INTRO, "## tidings\n", "```text\n" + command_help() + "\n```\n"]
    for name in sorted(cli.commands):
        parts.append(f"## tidings {name}\n")
        parts.append("```text\n" + command_help(name) + "\n```\n")
    return "\n".join(parts)


def main() -> int:
    """Write or check docs/cli.md; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/cli.md is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC} is out of date; run scripts/gen_cli_docs.py")
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
