"""Serve while ingesting (issue 16.2): a running server and `tidings events` keep answering during an ingest.

The ingest runs in its own process with an empty pipeline (no spaCy), so 1,000 documents take seconds;
the locking it exercises is the store's, which does not depend on the stages.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

SCRIPT = Path(sys.executable).with_name("tidings")
N_DOCS = 1000
# An ingest of N_DOCS with the empty pipeline, in a child process.
_INGEST = (
    "import sys; from tidings.config import Settings; from tidings.runner import ingest; "
    "r = ingest([sys.argv[1]], Settings(db=sys.argv[2], stages=[])); "
    "print(r.added, r.failed, file=sys.stderr); sys.exit(0 if r.ok else 1)"
)


def _corpus(path: Path, n: int, prefix: str = "d") -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            record = {"id": f"{prefix}{i:04d}", "title": f"Bulletin {prefix}{i}", "published": "2024-05-01",
                      "text": f"Bulletin {prefix} number {i}: the harbour board met the fishing union on Monday."}  # fmt: skip
            out.write(json.dumps(record) + "\n")
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _exe() -> str:
    exe = str(SCRIPT) if SCRIPT.exists() else shutil.which("tidings")
    if exe is None:
        pytest.skip("the tidings console script is not installed")
    return exe


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "TIDINGS_DB"}


def _start_ingest(corpus: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", _INGEST, str(corpus), str(db)], env=_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


def _seed_store(db: Path, tmp_path: Path) -> None:
    """A store with a few documents, so reads have something to return from the start."""
    first = _corpus(tmp_path / "first.jsonl", 5, prefix="seed")
    done = subprocess.run([sys.executable, "-c", _INGEST, str(first), str(db)], env=_env(), timeout=120,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_concurrency_server_answers_reads_during_a_1000_document_ingest(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    _seed_store(db, tmp_path)
    port = _free_port()
    server = subprocess.Popen([_exe(), "serve", "--db", str(db), "--port", str(port)], env=_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    statuses: list[int] = []
    slowest = 0.0
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(200):
                try:
                    client.get("/api/meta")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            ingest = _start_ingest(_corpus(tmp_path / "big.jsonl", N_DOCS), db)
            seen_counts: list[int] = []
            while ingest.poll() is None:
                for path in ("/api/meta", "/api/events?limit=5", "/api/documents?limit=5"):
                    started = time.perf_counter()
                    response = client.get(path)
                    slowest = max(slowest, time.perf_counter() - started)
                    statuses.append(response.status_code)
                    if path == "/api/meta" and response.status_code == 200:
                        seen_counts.append(response.json()["counts"]["documents"])
            _out, err = ingest.communicate(timeout=300)
            assert ingest.returncode == 0, err
            final = client.get("/api/meta").json()["counts"]["documents"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert statuses and set(statuses) == {200}
    assert final == 5 + N_DOCS
    # Reads saw the store grow while the ingest ran (they were not simply queued until it ended), and never
    # shrink: no answer older than one already given (the response cache is keyed by the store's generation).
    assert len(set(seen_counts)) > 2
    assert seen_counts == sorted(seen_counts)
    # Bounded: no request waited anywhere near the server's lock wait (30 s).
    assert slowest < 20


@pytest.mark.slow
def test_concurrency_cli_events_and_a_second_ingest_during_an_ingest(tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    _seed_store(db, tmp_path)
    ingest = _start_ingest(_corpus(tmp_path / "big.jsonl", N_DOCS), db)
    results = []
    try:
        while ingest.poll() is None and len(results) < 5:
            results.append(subprocess.run([_exe(), "docs", "--db", str(db), "--format", "json", "--limit", "0"],
                                          capture_output=True, text=True, env=_env(), timeout=120))  # fmt: skip
            results.append(subprocess.run([_exe(), "events", "--db", str(db), "--format", "jsonl"],
                                          capture_output=True, text=True, env=_env(), timeout=120))  # fmt: skip
        # A second writer waits for its turn instead of failing on the lock.
        other = _corpus(tmp_path / "other.jsonl", 3, prefix="other")
        second = subprocess.run([sys.executable, "-c", _INGEST, str(other), str(db)],
                                env=_env(), timeout=300, capture_output=True, text=True)  # fmt: skip
        _out, err = ingest.communicate(timeout=300)
    finally:
        if ingest.poll() is None:
            ingest.kill()
    assert ingest.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert results and all(r.returncode == 0 for r in results), [r.stderr for r in results if r.returncode]
    sizes = [len(json.loads(r.stdout)) for r in results if r.args[1] == "docs"]
    assert sizes == sorted(sizes) and sizes[0] >= 5
