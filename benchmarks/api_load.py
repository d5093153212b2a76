"""API load test: requests/s and p50/p99 latency of ``/api/events?limit=50`` under concurrent clients.

Builds a store of synthetic events (no spaCy), starts ``tidings serve`` on a loopback port in a child
process, and runs N concurrent clients (raw HTTP/1.1 keep-alive connections on one asyncio loop) for a
fixed number of requests each. Prints requests/s, p50/p99, and the CPU share of the server and of this load
generator (both run on the same cores, so what the client takes the server lacks).

    .venv/bin/python benchmarks/api_load.py --events 100000 --clients 50 --requests 20
    .venv/bin/python benchmarks/api_load.py --vary 1000                 # every request a different page
    .venv/bin/python benchmarks/api_load.py --serve-args "--cache 0"    # the server without its cache
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


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    """Send one keep-alive GET and read its answer; the status code."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
        elif name.strip().lower() == b"transfer-encoding":
            raise RuntimeError("chunked answers are not read by this client")
    await reader.readexactly(length)
    return status


async def _client(host: str, port: int, paths: list[str], latencies: list[float], errors: list[int]) -> None:
    """One client on one keep-alive connection: raw HTTP/1.1 over asyncio streams, so the load generator
    itself takes as little of the shared cores as possible (httpx costs several times more per request)."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for path in paths:
            request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
            started = time.perf_counter()
            try:
                status = await _get(reader, writer, request)
            except (OSError, asyncio.IncompleteReadError):  # the server closed the connection: reopen
                errors.append(0)
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors.append(status)
    finally:
        writer.close()


def request_paths(path: str, clients: int, requests: int, vary: int) -> list[list[str]]:
    """Each client's paths: ``path`` every time, or with ``vary`` > 1 one of ``vary`` different pages
    (``offset`` = 0, limit, 2 limit, ...), spread so that concurrent clients ask for different pages."""
    if vary <= 1:
        return [[path] * requests for _ in range(clients)]
    limit = int(dict(p.split("=", 1) for p in path.partition("?")[2].split("&") if "=" in p).get("limit", 50))
    sep = "&" if "?" in path else "?"
    return [[f"{path}{sep}offset={((c * requests + i) % vary) * limit}" for i in range(requests)]
            for c in range(clients)]  # fmt: skip


async def load(host: str, port: int, paths: list[list[str]]) -> tuple[float, float, list[float], list[int]]:
    """Run the clients at once; (wall seconds, CPU seconds of this process, latencies, errors)."""
    latencies: list[float] = []
    errors: list[int] = []
    warm_reader, warm_writer = await asyncio.open_connection(host, port)
    await _get(warm_reader, warm_writer, f"GET {paths[0][0]} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    warm_writer.close()
    cpu, started = time.process_time(), time.perf_counter()
    await asyncio.gather(*(_client(host, port, mine, latencies, errors) for mine in paths))
    return time.perf_counter() - started, time.process_time() - cpu, latencies, errors


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc), 0 elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
    parser.add_argument("--vary", type=int, default=1,
                        help="ask for this many different pages (offsets) instead of one; e.g. 1000 for no "
                        "two requests alike, which no response cache can answer")  # fmt: skip
    parser.add_argument("--serve-args", default="", help="extra `tidings serve` options, e.g. '--cache 0'")
    args = parser.parse_args()
    paths = request_paths(args.path, args.clients, args.requests, args.vary)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        build_store(db, args.events)
        print(f"store: {args.events} events built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        port = _port()
        exe = Path(sys.executable).with_name("tidings")
        env = {k: v for k, v in os.environ.items() if k != "TIDINGS_DB"}
        server = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port), "--read-only",
                                   *args.serve_args.split()], env=env, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            for _ in range(300):
                try:
                    httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=5)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            server_cpu = _cpu_seconds(server.pid)
            wall, client_cpu, latencies, errors = asyncio.run(load("127.0.0.1", port, paths))
            server_cpu = _cpu_seconds(server.pid) - server_cpu
        finally:
            server.terminate()
            server.wait(timeout=30)
    latencies.sort()
    n = len(latencies)
    p50 = latencies[n // 2] * 1000
    p99 = latencies[min(n - 1, int(n * 0.99))] * 1000
    cores = os.cpu_count() or 1
    pages = f" ({args.vary} pages)" if args.vary > 1 else ""
    print(f"{args.path}{pages}: {n} requests, {args.clients} clients, "
          f"{n / wall:.1f} requests/s, p50 {p50:.0f} ms, p99 {p99:.0f} ms, {len(errors)} errors; "
          f"CPU: server {server_cpu / wall:.0%}, load client {client_cpu / wall:.0%} of one core "
          f"(load average {os.getloadavg()[0]:.1f} on {cores} cores)")  # fmt: skip


if __name__ == "__main__":
    main()
