"""API load test: requests/s and p50/p99 latency of ``/api/events?limit=50`` under concurrent clients.

Builds a store of synthetic events (no spaCy), starts ``tidings serve`` on a loopback port in a child
process, and runs N concurrent asyncio clients for a fixed number of requests each.

    .venv/bin/python benchmarks/api_load.py --events 100000 --clients 50 --requests 20
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tidings.model import Document, Event, Sentence
from tidings.store import Store

TYPES = ("ASSAULT", "THREATEN", "AGREE", "CONSULT", "PROTEST", "AID")
COUNTRIES = ("USA", "PRK", "KOR", "JPN", "CHN", "RUS", "UKR", "FRA")


def build_store(path: Path, n_events: int, per_doc: int = 10) -> None:
    """A store with ``n_events`` synthetic events, ``per_doc`` per document."""
    with Store(path) as store:
        batch: list[Document] = []
        for d in range(n_events // per_doc):
            text = f"Synthetic bulletin {d}. " * per_doc
            day = dt.date(2020, 1, 1) + dt.timedelta(days=d % 1500)
            doc = Document(doc_id=f"doc{d:07d}", text=text, title=f"Bulletin {d}", published=day, source="bench")
            doc.sentences = [Sentence(i, i * 24, i * 24 + 23, f"Synthetic bulletin {d}.")
                             for i in range(per_doc)]  # fmt: skip
            for i in range(per_doc):
                k = d * per_doc + i
                doc.events.append(Event(
                    event_id=f"ev{k:08d}", doc_id=doc.doc_id, sentence_index=i,
                    sentence_text=f"Bulletin {d}.",
                    char_start=i * 24, char_end=i * 24 + 23, event_type=TYPES[k % len(TYPES)],
                    source_country=COUNTRIES[k % len(COUNTRIES)],
                    target_country=COUNTRIES[(k // 3) % len(COUNTRIES)], confidence=(k % 100) / 100,
                    event_date=(dt.date(2020, 1, 1) + dt.timedelta(days=k % 1500)).isoformat(),
                    date_precision="day", rule="bench", trace={"rule": "bench"},
                ))  # fmt: skip
            batch.append(doc)
            if len(batch) >= 500:
                store.save_many(batch)
                batch = []
        store.save_many(batch)


async def _client(http: httpx.AsyncClient, path: str, n: int, latencies: list[float],
                  errors: list[int]) -> None:  # fmt: skip
    for _ in range(n):
        started = time.perf_counter()
        try:
            response = await http.get(path)
        except httpx.TransportError:  # e.g. a keep-alive connection the server closed meanwhile
            errors.append(0)
            continue
        latencies.append(time.perf_counter() - started)
        if response.status_code != 200:
            errors.append(response.status_code)


async def load(base: str, path: str, clients: int, requests: int) -> tuple[float, list[float], list[int]]:
    latencies: list[float] = []
    errors: list[int] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
        await http.get(path)  # warm up
        started = time.perf_counter()
        await asyncio.gather(*(_client(http, path, requests, latencies, errors) for _ in range(clients)))
        wall = time.perf_counter() - started
    return wall, latencies, errors


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    parser.add_argument("--path", default="/api/events?limit=50")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        build_store(db, args.events)
        print(f"store: {args.events} events built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        port = _port()
        exe = Path(sys.executable).with_name("tidings")
        env = {k: v for k, v in os.environ.items() if k != "TIDINGS_DB"}
        server = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port), "--read-only"],
                                  env=env, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    httpx.get(base + "/api/meta", timeout=5)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            wall, latencies, errors = asyncio.run(load(base, args.path, args.clients, args.requests))
        finally:
            server.terminate()
            server.wait(timeout=30)
    latencies.sort()
    n = len(latencies)
    p50 = latencies[n // 2] * 1000
    p99 = latencies[min(n - 1, int(n * 0.99))] * 1000
    print(f"{args.path}: {n} requests, {args.clients} clients, {n / wall:.1f} requests/s, "
          f"p50 {p50:.0f} ms, p99 {p99:.0f} ms, {len(errors)} errors "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")  # fmt: skip


if __name__ == "__main__":
    main()
