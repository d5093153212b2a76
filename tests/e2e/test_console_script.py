"""The installed ``tidings`` console script, run in a subprocess: exit codes as README promises.

CliRunner calls the click group directly and would not see what ``main()`` does with a command's exit code.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("tidings")


def _tidings(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    exe = str(SCRIPT) if SCRIPT.exists() else shutil.which("tidings")
    if exe is None:
        pytest.skip("the tidings console script is not installed")
    env = {k: v for k, v in os.environ.items() if k != "TIDINGS_DB"}
    return subprocess.run([exe, *args], cwd=cwd, input=stdin, capture_output=True, text=True, env=env,
                          timeout=300)  # fmt: skip


def test_console_script_help_exits_0(tmp_path: Path) -> None:
    result = _tidings("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "ingest" in result.stdout


def test_console_script_usage_error_exits_2(tmp_path: Path) -> None:
    result = _tidings("events", "--no-such-option", cwd=tmp_path)
    assert result.returncode == 2
    assert "no-such-option" in result.stderr


@pytest.mark.model
def test_console_script_ingest_with_a_failed_document_exits_1(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("The council met the mayor of the northern town on Monday.\n")
    (tmp_path / "empty.txt").write_text("   \n")
    result = _tidings("ingest", "good.txt", "empty.txt", "--db", "x.duckdb", "--quiet", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    errors = _tidings("errors", "--db", "x.duckdb", "--format", "jsonl", cwd=tmp_path)
    assert errors.returncode == 0
    assert "empty.txt" in errors.stdout


@pytest.mark.model
def test_console_script_clean_ingest_exits_0(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("The council met the mayor of the northern town on Monday.\n")
    result = _tidings("ingest", "good.txt", "--db", "x.duckdb", "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
