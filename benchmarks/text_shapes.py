"""Events found on ALL-CAPS / hard-wrapped and lowercase real news, with and without the text-shape copy.

    python benchmarks/text_shapes.py [--docs 40] [--raw] [--corpus DIR] [KIND ...]      # kinds: muc4 bbc ipe satp insightcrime

Codes the first ``--docs`` documents of each kind of ``../shared/corpus`` (shuffled with a fixed seed),
leaving out the blind real-news gold pool (``/work/annot/POOL.txt`` when present), and prints sentences,
events and events with a source actor. ``--raw`` parses the stored text itself instead of
:func:`tidings.stages.text_shape.parse_copy` (the "before" figures in docs/coding.md).
"""

from __future__ import annotations

import argparse
import collections
import json
import random
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
POOL = Path("/work/annot/POOL.txt")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("kinds", nargs="*", default=["muc4", "bbc", "ipe"])
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--raw", action="store_true")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus folder (../shared/corpus)")
    args = ap.parse_args()
    if args.raw:
        import tidings.stages.parse as parse

        parse.parse_copy = lambda text: text  # type: ignore[assignment]
    from tidings.evaluate import build_pipeline
    from tidings.model import Document

    pool = set(POOL.read_text().split()) if POOL.is_file() else set()
    for kind in args.kinds:
        name = "indiapoliceevents.jsonl" if kind == "ipe" else "realnews.jsonl"
        rows = [json.loads(line) for line in (args.corpus / name).open(encoding="utf-8")]
        rows = [r for r in rows if r["id"].startswith(kind) and r["id"] not in pool]
        random.Random(11).shuffle(rows)
        docs = [Document(doc_id=r["id"], text=r["text"]) for r in rows[: args.docs]]
        sentences = events = with_source = 0
        types: collections.Counter[str] = collections.Counter()
        for doc in build_pipeline().run(docs):
            sentences += len(doc.sentences)
            events += len(doc.events)
            for e in doc.events:
                types[e.event_type] += 1
                with_source += e.source_country is not None or e.source_sector is not None
        print(f"{kind}: {len(docs)} docs, {sentences} sentences, {events} events, {with_source} with a source "
              f"actor; {dict(types.most_common(5))}")


if __name__ == "__main__":
    main()
