"""Gazetteer speed: build time of the compiled index and lookups per second.

Usage:
    python benchmarks/geo_bench.py [--n 200000]
"""

from __future__ import annotations

import argparse
import time

NAMES = ("Beijing", "Seoul", "Taiwan Strait", "the DMZ", "Georgia", "Paris", "Washington", "Yalu River",
         "Korean Peninsula", "Kyiv", "Nowhere Town", "Jeju Naval Base", "Springfield", "Gaza Strip", "Inchon",
         "Vuhledar", "Khan Younis", "Helmand", "Kunduz", "Crimea", "Congress", "Kursk Oblast")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200_000, help="lookups to time")
    args = ap.parse_args(argv)
    from tidings.geo.gazetteer import get_gazetteer, normalise

    t0 = time.perf_counter()
    gaz = get_gazetteer()
    build = time.perf_counter() - t0
    print(f"index build: {build:.2f} s, {len(gaz.index):,} names")
    contexts = ((), ("USA",), ("GEO", "RUS"), ("UKR",))
    t0 = time.perf_counter()
    for i in range(args.n):
        gaz.lookup(NAMES[i % len(NAMES)], contexts[i % len(contexts)])
    full = time.perf_counter() - t0
    print(
        f"lookup (normalise + score + resolution): {args.n / full:,.0f} lookups/s, {full / args.n * 1e6:.1f} µs each"
    )
    t0 = time.perf_counter()
    for i in range(args.n):
        gaz.index.get(normalise(NAMES[i % len(NAMES)]))
    raw = time.perf_counter() - t0
    print(f"index hit only (cached normalise + dict): {args.n / raw:,.0f} lookups/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
