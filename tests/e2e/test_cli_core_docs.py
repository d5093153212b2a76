"""Every command has help with an Example block, and docs/cli.md documents every command."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import cli

REPO = Path(__file__).resolve().parents[2]


def _gen_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_cli_docs", REPO / "scripts" / "gen_cli_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_cli_command_has_help_with_example(name: str) -> None:
    command = cli.commands[name]
    assert command.help and command.help.strip(), f"`tidings {name}` has no help"
    assert "Example:" in command.help, f"`tidings {name}` help lacks an Example block"
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.stdout


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_cli_command_is_in_docs(name: str) -> None:
    text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"## tidings {name}\n" in text, f"`tidings {name}` is missing: run scripts/gen_cli_docs.py"


def test_cli_docs_generator_covers_every_command() -> None:
    rendered = _gen_module().render()
    for name in cli.commands:
        assert f"## tidings {name}\n" in rendered
        assert f"Usage: tidings {name}" in rendered
