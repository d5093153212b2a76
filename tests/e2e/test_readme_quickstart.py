"""The README quick start runs as written on the demo database, through the installed console script."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).with_name("tidings")

pytestmark = [pytest.mark.slow, pytest.mark.model]


def quick_start_commands() -> list[str]:
    """The ``tidings ...`` lines of the README's Quick start code blocks, comments removed."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```\n(.*?)```", section, flags=re.S):
        for line in block.splitlines():
            if line.startswith("tidings "):
                lexer = shlex.shlex(line, posix=True, punctuation_chars="<>|")
                lexer.commenters = "#"
                lexer.whitespace_split = True
                commands.append(shlex.join(list(lexer)).replace("'>'", ">"))
    return commands


def test_readme_quick_start_lists_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) >= 5 and all(c.startswith("tidings ") for c in commands)
    assert not any("news.duckdb" in c for c in commands)  # the demo database, not a store the reader lacks


def test_readme_quick_start_runs_on_the_demo_db(tmp_path: Path) -> None:
    if not SCRIPT.exists():
        pytest.skip(f"console script not installed at {SCRIPT} (run `make install`)")
    (tmp_path / "src").symlink_to(REPO / "src")  # the commands name repository paths
    env = {**os.environ, "PATH": f"{SCRIPT.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("TIDINGS_DB", None)
    demo = subprocess.run([str(SCRIPT), "demo", "--quiet"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=900)  # fmt: skip
    assert demo.returncode == 0, demo.stderr[-2000:]
    for command in quick_start_commands():
        if command.startswith("tidings serve"):
            continue  # a server does not exit by itself
        done = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=900)  # fmt: skip
        assert done.returncode == 0, f"{command}\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"
        if command.startswith("tidings events") and ">" not in command:
            assert "0 events" not in done.stdout, command  # the example query finds something
    assert (tmp_path / "events.jsonl").stat().st_size > 0
    assert (tmp_path / "out" / "demo" / "events.gdelt.tsv").stat().st_size > 0
