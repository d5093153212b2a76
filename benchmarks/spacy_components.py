"""Seconds per spaCy component, the stock pipeline against the one tidings loads (docs/scale.md).

Each component runs over the whole set in turn (``pipe`` in batches of 32), on the first N articles of
../shared/corpus/realnews.jsonl and indiapoliceevents.jsonl (half each) outside the gold documents and the
blind-gold pool, after tidings' same-length text copy (``parse_copy``). Two passes: the first fills the
caches (new words, lemmas, attribute-rule rows), the second is warm. Nothing of the texts is printed.

    python benchmarks/spacy_components.py --n 300
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
POOL = Path("/work/annot/POOL.txt")


def texts(n: int) -> list[str]:
    """``n`` articles (half from each corpus file) outside the gold documents and the pool."""
    gold = REPO / "gold" / "realnews.jsonl"
    skip = {json.loads(line)["doc"] for line in gold.open(encoding="utf-8")} if gold.is_file() else set()
    skip |= set(POOL.read_text(encoding="utf-8").split()) if POOL.is_file() else set()
    out: list[str] = []
    for name in ("realnews.jsonl", "indiapoliceevents.jsonl"):
        taken = 0
        with (CORPUS / name).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record.get("id") not in skip and record.get("text") and taken < n // 2:
                    out.append(record["text"])
                    taken += 1
    return out


def component_seconds(nlp: Any, items: list[str]) -> dict[str, float]:
    """Seconds of the tokenizer and of each component of ``nlp`` over ``items``."""
    t0 = time.perf_counter()
    docs = [nlp.make_doc(t) for t in items]
    out = {"tokenizer": time.perf_counter() - t0}
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=32)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        out[name] = time.perf_counter() - t0
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found")
        return 0
    import spacy

    from tidings.stages.parse import _SPLITTER, load_model
    from tidings.stages.text_shape import parse_copy

    items = [parse_copy(t) for t in texts(args.n)]
    tidings_nlp = load_model(None)
    stock = spacy.load(tidings_nlp.meta["lang"] + "_" + tidings_nlp.meta["name"])
    stock.add_pipe(_SPLITTER, before="parser")
    print(f"{len(items)} articles, {sum(len(t.split()) for t in items):,} words")
    for label, nlp in (("stock", stock), ("tidings", tidings_nlp)):
        for rep in ("cold", "warm"):
            secs = component_seconds(nlp, items)
            total = sum(secs.values())
            shares = ", ".join(f"{k} {v:.2f}" for k, v in secs.items())
            print(f"{label:8s} {rep}: {total:5.1f} s  ({shares})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
