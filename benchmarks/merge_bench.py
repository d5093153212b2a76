"""Time incremental merging (``tidings.merge.merge_new``) against stores of different sizes.

For each store size it writes synthetic events straight into a fresh DuckDB store (documents of five
events; types, countries skewed like news, sentences drawn from a word list), merges them once (not
timed), then stores a batch of new events -- a third of them rewordings of stored events, so there is
something to link -- and times ``merge_new`` on their ids. Nothing is asserted: this is a report.

By default the stored events are spread over 730 days per 10,000 events, so a bigger store is a longer
history at the same density (how a news store grows); ``--fixed-span`` puts every size in the same two
years instead, so a bigger store is denser and each new event has more true candidates (same type, dyad
and date window), which the merge must compare.

    python benchmarks/merge_bench.py                      # 10k and 100k stored events, 1000 new
    python benchmarks/merge_bench.py --sizes 10000 100000 --new 1000 --repeat 3 [--fixed-span]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from tidings.merge import merge_events, merge_new
from tidings.model import PLOVER_TYPES, Document, Event
from tidings.store import Store

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "ISR", "PSE", "IND", "PAK", "PRK", "KOR", "JPN", "IRN", "SYR",
             "TUR", "GBR", "FRA", "DEU", "AFG", "IRQ", "NGA", "SDN", "ETH", "MEX", "BRA", "VEN", "MMR",
             "PHL", "IDN", "EGY", "SAU"]  # fmt: skip
START = dt.date(2022, 1, 1)


def _vocabulary(rng: random.Random, n: int = 3000) -> list[str]:
    letters = "abcdefghijklmnoprstuvw"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(n)]


def _country(rng: random.Random) -> str:
    return COUNTRIES[min(int(rng.paretovariate(1.2)) - 1, len(COUNTRIES) - 1)]


def _event(rng: random.Random, words: list[str], doc_id: str, i: int, span: int) -> Event:
    sentence = " ".join(rng.choice(words[: rng.choice((300, 3000))]) for _ in range(14)) + "."
    day = START + dt.timedelta(days=rng.randrange(span))
    return Event(event_id=f"{doc_id}-{i}", doc_id=doc_id, sentence_index=i, sentence_text=sentence,
                 char_start=0, char_end=len(sentence), event_type=rng.choice(PLOVER_TYPES),
                 source_country=_country(rng), target_country=_country(rng), event_date=day.isoformat(),
                 date_precision="day")  # fmt: skip


def _reworded(rng: random.Random, words: list[str], old: Event, doc_id: str, i: int) -> Event:
    kept = old.sentence_text.rstrip(".").split()
    for j in rng.sample(range(len(kept)), 4):
        kept[j] = rng.choice(words)
    day = dt.date.fromisoformat(old.event_date or "2022-01-01") + dt.timedelta(days=rng.choice((-1, 0, 1)))
    sentence = " ".join(kept) + "."
    return Event(event_id=f"{doc_id}-{i}", doc_id=doc_id, sentence_index=i, sentence_text=sentence,
                 char_start=0, char_end=len(sentence), event_type=old.event_type,
                 source_country=old.source_country, target_country=old.target_country,
                 event_date=day.isoformat(), date_precision="day")  # fmt: skip


def _docs(events: list[Event]) -> list[Document]:
    by_doc: dict[str, list[Event]] = {}
    for event in events:
        by_doc.setdefault(event.doc_id, []).append(event)
    return [Document(doc_id=d, text=" ".join(e.sentence_text for e in evs), events=evs) for d, evs in by_doc.items()]


def run(size: int, new: int, seed: int = 1, fixed_span: bool = False) -> dict[str, float]:
    """Build a store of ``size`` events, merge it, add ``new`` events and time merging them."""
    rng = random.Random(seed)
    words = _vocabulary(rng)
    span = 730 if fixed_span else max(1, 730 * size // 10_000)
    stored = [_event(rng, words, f"s{n // 5}", n % 5, span) for n in range(size)]
    fresh = [_reworded(rng, words, rng.choice(stored), f"n{n // 5}", n % 5) if n % 3 == 0
             else _event(rng, words, f"n{n // 5}", n % 5, span) for n in range(new)]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        docs = _docs(stored)
        for start in range(0, len(docs), 2000):
            store.save_many(docs[start : start + 2000])
        t0 = time.perf_counter()
        merge_events(store)
        full = time.perf_counter() - t0
        store.save_many(_docs(fresh))
        t0 = time.perf_counter()
        report = merge_new(store, [e.event_id for e in fresh])
        incremental = time.perf_counter() - t0
    return {"stored": size, "span_days": span, "new": new, "full_merge_s": round(full, 2), "merge_new_s": round(incremental, 3),
            "candidates": report.candidates, "links": report.links, "groups": report.groups}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest merge_new counts")
    parser.add_argument("--fixed-span", action="store_true", help="every size over the same two years")
    args = parser.parse_args(argv)
    results = []
    for size in args.sizes:
        runs = [run(size, args.new, seed=r + 1, fixed_span=args.fixed_span) for r in range(args.repeat)]
        best = min(runs, key=lambda r: r["merge_new_s"])
        results.append(best)
        print(" ".join(f"{k}={v}" for k, v in best.items()), flush=True)
    if len(results) > 1:
        ratio = results[-1]["merge_new_s"] / max(results[0]["merge_new_s"], 1e-9)
        print(f"merge_new at {results[-1]['stored']} stored / at {results[0]['stored']}: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
