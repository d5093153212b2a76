"""Crash consistency (issue 16.7): kill -9 the installed `tidings ingest` at random points, re-run it, and
every table equals that of an uninterrupted run.

Kill points: random moments of the run (seeded), and the named crash points of :mod:`tidings.faults`
(``TIDINGS_CRASH_AT``): every document committed but the cross-document merge not started, and the merge
half written (groups committed, keys and marker not). That is where a kill used to leave ``event_groups``
stale for good; the crash points make those moments exact instead of a race the test could lose.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tidings.faults import CRASH_ENV, CRASH_POINTS
from tidings.runner import demo_corpus
from tidings.store import table_columns

SCRIPT = Path(sys.executable).with_name("tidings")
# Columns that hold the time of the write, different in every run by nature.
VOLATILE = {"ingested_at", "at"}
RANDOM_KILLS = 5


def _exe() -> str:
    exe = str(SCRIPT) if SCRIPT.exists() else shutil.which("tidings")
    if exe is None:
        pytest.skip("the tidings console script is not installed")
    return exe


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(demo_corpus(), folder)
    (folder / "zz_broken.jsonl").write_text('{"text": "The harbour reopened on Monday."}\n{oops\n')
    # Second copies of reports, slightly changed, so the merge has cross-document groups to build.
    for article in sorted(folder.glob("*.txt"))[:6]:
        (folder / f"zz_copy_{article.name}").write_text("Reprinted.\n\n" + article.read_text(encoding="utf-8"))
    return folder


def _start(corpus: Path, db: Path, crash_at: str | None = None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("TIDINGS_DB", CRASH_ENV)}
    if crash_at:
        env[CRASH_ENV] = crash_at
    return subprocess.Popen([_exe(), "ingest", str(corpus), "--db", str(db), "--quiet"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def _finish(corpus: Path, db: Path) -> float:
    started = time.monotonic()
    process = _start(corpus, db)
    assert process.wait(timeout=600) == 1  # the broken line makes the run exit 1, the rest is stored
    return time.monotonic() - started


def _tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table, cols in table_columns().items():
            names = ", ".join(f'"{n}"' for n, _ in cols if n not in VOLATILE)
            out[table] = con.execute(f"SELECT {names} FROM {table} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def _merge_pending(db: Path) -> tuple[int, bool]:
    """(documents stored, merge marker set) of a store no process holds."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute("SELECT count(*) FROM documents").fetchone()
        marker = con.execute("SELECT value FROM meta WHERE key = 'merge_pending'").fetchone()
        return int(docs[0] if docs else 0), bool(marker and marker[0] == "1")
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.model
def test_crash_consistency_kill_9_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    clean_db = tmp_path / "clean.duckdb"
    duration = _finish(corpus, clean_db)
    expected = _tables(clean_db)
    assert expected["documents"] and expected["events"] and expected["event_groups"] and expected["errors"]
    assert not any(key == "merge_pending" for key, _ in expected["meta"])

    rng = random.Random(16)
    for point in range(RANDOM_KILLS):
        db = tmp_path / f"killed{point}.duckdb"
        process = _start(corpus, db)
        time.sleep(rng.uniform(0.2, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        _finish(corpus, db)
        assert _tables(db) == expected, f"kill point {point}"



@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("point", CRASH_POINTS)
def test_crash_consistency_kill_9_inside_the_merge_is_repaired_by_the_next_run(tmp_path: Path,
                                                                                point: str) -> None:
    corpus = _corpus(tmp_path)
    clean_db = tmp_path / "clean.duckdb"
    _finish(corpus, clean_db)
    expected = _tables(clean_db)
    db = tmp_path / f"killed_{point}.duckdb"
    # The run kills itself with SIGKILL at the named point (tidings.faults): the same moment every time.
    process = _start(corpus, db, crash_at=point)
    assert process.wait(timeout=600) == -signal.SIGKILL
    assert _merge_pending(db) == (len(expected["documents"]), True)  # every document in, the merge not done
    if point == "merge-groups":
        killed = _tables(db)
        assert killed["event_groups"] and killed["merge_keys"] != expected["merge_keys"]
    _finish(corpus, db)
    assert _tables(db) == expected
