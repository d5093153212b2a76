"""Crash points (tidings.faults): a process dies at the named point only, as if killed with kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tidings.faults import CRASH_ENV, crash_point

SCRIPT = "from tidings.faults import crash_point\nprint('before')\ncrash_point('merge-start')\nprint('after')"


@pytest.mark.parametrize(("value", "code", "printed"), [
    ("merge-start", -signal.SIGKILL, "before\n"),  # killed there: nothing after it runs
    ("merge-groups", 0, "before\nafter\n"),  # another point named: runs on
    (None, 0, "before\nafter\n"),
])  # fmt: skip
def test_crash_point_kills_only_at_the_named_point(value: str | None, code: int, printed: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != CRASH_ENV}
    if value:
        env[CRASH_ENV] = value
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (code, printed)


def test_crash_point_unset_is_a_no_op(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CRASH_ENV, raising=False)
    crash_point("merge-start")  # still alive
