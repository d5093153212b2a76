"""Actor resolution speed (and an outside check against the PLOVER GSR actor spans, when ../shared exists).

Run: ``python benchmarks/actors_bench.py [--gsr]``. Prints index build time, lookups/s for single
phrases, mentions/s and chars/s for the whole-document scan on a synthetic text made here, and the same
through the ActorResolver engine (with the document context); ``*_per_cpu_s`` count CPU time only, which
varies less than wall time on a shared machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from pathlib import Path

PHRASES = [
    "the South Korean military", "Seoul", "Chinese leader Xi Jinping", "protesters", "the US and Japan",
    "North Korea's state media", "UN Security Council", "President Biden", "the Kremlin", "Kim Jongun",
    "the Japanese prime minister", "NATO troops", "Indian police", "Hamas", "the Pentagon",
]  # fmt: skip
SENTENCES = [
    "{a} accused {b} of violating the agreement on {d}.", "{a} met {b} in {c} to discuss sanctions.",
    "Officials in {c} said {a} had rejected the offer from {b}.", "{a} warned that {b} would pay a price.",
    "Reporters were told that {a} and {b} would hold talks next week.", "The weather in the region stayed mild.",
]  # fmt: skip
ACTORS = ["North Korea", "the South Korean military", "Japanese Prime Minister Fumio Kishida", "China's foreign ministry",
          "protesters", "NATO", "the Pentagon", "Russian President Vladimir Putin", "Indian police", "the IAEA",
          "KCNA", "the People's Liberation Army", "Tehran", "rebels", "the European Union", "Kim Jong Un"]  # fmt: skip
PLACES = ["Seoul", "Geneva", "Beijing", "the capital", "Hanoi", "Washington"]


def synthetic_text(n_sentences: int, seed: int = 7) -> str:
    """A news-like text of ``n_sentences`` sentences built from fixed templates."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n_sentences):
        out.append(rnd.choice(SENTENCES).format(a=rnd.choice(ACTORS), b=rnd.choice(ACTORS), c=rnd.choice(PLACES),
                                                d="Monday"))  # fmt: skip
    return " ".join(out)


def gsr_check(shared: Path) -> dict[str, float]:
    """Country and sector agreement on the GSR's coded actor spans (its IGO block compared as IGO)."""
    from tidings.stages.actors import lookup

    n = country = sector = 0
    for line in (shared / "gold" / "plover_gsr.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for event in row["events"]:
            for a in event.get("source_actors", []) + event.get("target_actors", []):
                if not a.get("text") or a["text"] not in row["text"]:
                    continue
                found = lookup(a["text"], None, row["text"])
                act = found[0].actor if found else None
                got = None
                if act is not None:
                    got = (
                        "IGO"
                        if act.kind == "igo" or act.country in ("UNO", "NATO", "EUR", "NGO")
                        else act.country
                    )
                n += 1
                country += got == a["code"]
                sector += (act.sector if act else None) == a["sector"]
    return {"gsr_actor_spans": n, "gsr_country_agreement": round(country / n, 4),
            "gsr_sector_agreement": round(sector / n, 4)}  # fmt: skip


def engine_figures(text: str, day: dt.date) -> dict[str, float]:
    """The stage's real path: the ActorResolver engine with the document context (dateline, places)."""
    from tidings.kb.resolver import shared_resolver
    from tidings.model import Document

    resolver = shared_resolver()
    resolver.mentions(Document("warm", "Police in Seoul and Geneva said.", published=day))  # loads the gazetteer
    doc = Document("bench", text, published=day)
    t0, c0 = time.perf_counter(), time.process_time()
    found = resolver.mentions(doc)
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"engine_mentions": len(found), "engine_mentions_per_s": round(len(found) / took),
            "engine_mentions_per_cpu_s": round(len(found) / cpu)}  # fmt: skip


def main() -> None:
    """Print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=4000)
    parser.add_argument(
        "--gsr", action="store_true", help="also compare with ../shared/gold/plover_gsr.jsonl"
    )
    args = parser.parse_args()

    t0 = time.perf_counter()
    from tidings.kb import get_kb
    from tidings.stages.actors import find_mentions, lookup

    kb = get_kb()
    build = time.perf_counter() - t0
    day = dt.date(2023, 1, 1)
    t0 = time.perf_counter()
    n_lookups = 0
    while time.perf_counter() - t0 < 2.0:
        for p in PHRASES:
            lookup(p, day)
            n_lookups += 1
    lookups_s = n_lookups / (time.perf_counter() - t0)
    text = synthetic_text(args.sentences)
    t0, c0 = time.perf_counter(), time.process_time()
    mentions = find_mentions(kb, text, day)
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    report = {"index_build_s": round(build, 3), "entries": len(kb.entries), "aliases": len(kb.by_key),
              "lookups_per_s": round(lookups_s), "chars": len(text), "mentions": len(mentions),
              "mentions_per_s": round(len(mentions) / took), "chars_per_s": round(len(text) / took),
              "mentions_per_cpu_s": round(len(mentions) / cpu)}  # fmt: skip
    report.update(engine_figures(text, day))
    shared = Path(__file__).resolve().parents[2] / "shared"
    if args.gsr and shared.is_dir():
        report.update(gsr_check(shared))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
