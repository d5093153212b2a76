"""Speed and scale benchmark (what ``make bench`` runs): one table, and one JSON line with ``--json``.

Measured in one run on this machine:
  * articles/hour end to end (``tidings.runner.ingest`` with the default workers, one per core: reading,
    forking the workers, coding, storing; the one-time start-up, loading the model, lexicons, knowledge base
    and gazetteer, is shown apart) over the first N articles of ../shared/corpus/indiapoliceevents.jsonl
    (~340 words each; ``--corpus`` for another file) that are NOT in the blind-gold pool
    (/work/annot/POOL.txt); they are copied to a temporary file, never into the repository, and nothing of
    them is printed;
  * the ratio bare spaCy (``nlp.pipe`` over the same texts with as many processes, the stock pipeline of
    the same model with every default component) / tidings end to end; ≥ 1.0 means tidings is at least
    as fast as parsing alone;
  * peak RSS of this process and of the largest worker;
  * the share of each stage (one process, a quarter of the articles, stages timed in place);
  * time per 10k characters for one document of 10k, 100k and 1M characters (one process);
  * merge time at 10k and 100k stored events when ``tidings.merge`` offers a benchmark function, else n/a;
  * the pre-filter's gold-event loss: n/a (no pre-filter is built: ``benchmarks/prefilter_share.py``
    measures why, docs/scale.md).

    python benchmarks/scale_bench.py                  # table
    python benchmarks/scale_bench.py --json           # table, then one JSON line
    python benchmarks/scale_bench.py --n 300 --sizes 10000,100000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus" / "indiapoliceevents.jsonl"  # ~340 words an article
POOL = Path("/work/annot/POOL.txt")
sys.path.insert(0, str(HERE))

from run import StageTimer, available_stages, peak_rss_mb, table  # noqa: E402


def articles(n: int, corpus: Path = CORPUS) -> list[dict[str, Any]]:
    """The first ``n`` articles of ``corpus`` outside the blind-gold pool."""
    pool = set(POOL.read_text(encoding="utf-8").split()) if POOL.is_file() else set()
    out = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("id") not in pool and record.get("text"):
                out.append({"id": record["id"], "text": record["text"]})
                if len(out) >= n:
                    break
    return out


def end_to_end(records: list[dict[str, Any]], settings: Any) -> dict[str, Any]:
    from tidings.runner import ingest

    with tempfile.TemporaryDirectory(prefix="tidings-bench-") as tmp:
        src = Path(tmp) / "articles.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        t0 = time.perf_counter()
        report = ingest([src], replace(settings, db=str(Path(tmp) / "bench.duckdb")))
        wall = time.perf_counter() - t0
    return {"docs": report.added, "failed": report.failed, "events": report.events, "wall": wall}


def bare_spacy(texts: list[str], settings: Any, processes: int) -> float:
    """Seconds for ``nlp.pipe`` over ``texts`` (every sentence parsed) with ``processes`` processes.

    The stock pipeline of the same model, every default component (tagger, parser, attribute ruler,
    lemmatizer, NER), as ``spacy.load`` gives it: none of tidings' changes to it.
    """
    import spacy

    from tidings.stages.parse import pick_model

    nlp = spacy.load(pick_model(settings.model))
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=processes):
        pass
    return time.perf_counter() - t0


def stage_shares(texts: list[str], settings: Any) -> dict[str, float]:
    from tidings.model import Document
    from tidings.pipeline import Pipeline

    names, classes, _ = available_stages(settings)
    timer = StageTimer()
    timer.install(classes)
    try:
        pipeline = Pipeline.from_settings(replace(settings, stages=names))
        docs = [Document(doc_id=str(i), text=t) for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        for _ in pipeline.run(docs):
            pass
        wall = time.perf_counter() - t0
    finally:
        timer.uninstall()
    return {name: round(timer.seconds.get(name, 0.0) / wall, 3) for name in names}


def per_10k_chars(records: list[dict[str, Any]], sizes: list[int], settings: Any) -> dict[str, float]:
    """Seconds per 10k characters for one document of each size (paragraphs of non-pool articles)."""
    from tidings.model import Document
    from tidings.pipeline import Pipeline

    pipeline = Pipeline.from_settings(replace(settings, workers=1))
    pieces = [r["text"] for r in records]
    out = {}
    for size in sizes:
        parts: list[str] = []
        total = 0
        while total < size:
            piece = pieces[len(parts) % len(pieces)]
            parts.append(piece)
            total += len(piece) + 2
        text = "\n\n".join(parts)[:size]
        t0 = time.perf_counter()
        list(pipeline.run([Document(doc_id=f"long{size}", text=text)]))
        out[str(size)] = round((time.perf_counter() - t0) / size * 10_000, 3)
    return out


def merge_times() -> dict[str, Any]:
    import tidings.merge as merge

    bench = getattr(merge, "benchmark_merge", None) or getattr(merge, "bench_merge", None)
    if bench is None:
        return {"10000": "n/a", "100000": "n/a"}
    return {str(n): round(float(bench(n)), 3) for n in (10_000, 100_000)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=600, help="real-news articles end to end (default 600)")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="document sizes for the per-char row")
    parser.add_argument("--json", action="store_true", help="also print one JSON line")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSONL of articles (default: the IPE file)")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"skipped: {args.corpus} not found")
        return 0

    from tidings.config import Settings
    from tidings.workers import worker_count

    settings = Settings.load()
    workers = worker_count(settings.workers)
    records = articles(args.n, args.corpus)
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)

    from tidings.workers import _start_worker

    t0 = time.perf_counter()
    _start_worker(settings, warm=True)  # what a run does once before forking its workers
    startup = time.perf_counter() - t0
    e2e = end_to_end(records, settings)
    rss_own, rss_kids = peak_rss_mb()
    spacy_s = bare_spacy(texts, settings, workers)
    shares = stage_shares(texts[: max(1, len(texts) // 4)], settings)
    chars = per_10k_chars(records, [int(s) for s in args.sizes.split(",") if s], settings)
    merges = merge_times()

    per_hour = e2e["docs"] / e2e["wall"] * 3600 if e2e["wall"] else 0.0
    per_hour_cold = e2e["docs"] / (e2e["wall"] + startup) * 3600
    result = {
        "machine": f"{platform.machine()} cpus={os.cpu_count()} python {platform.python_version()}",
        "workers": workers, "articles": e2e["docs"], "failed": e2e["failed"], "words": words,
        "events": e2e["events"], "wall_s": round(e2e["wall"], 2), "startup_s": round(startup, 2),
        "articles_per_hour": round(per_hour),
        "articles_per_hour_with_startup": round(per_hour_cold), "words_per_s": round(words / e2e["wall"]),
        "bare_spacy_s": round(spacy_s, 2), "ratio_spacy_over_tidings": round(spacy_s / e2e["wall"], 3),
        "peak_rss_mb_main": round(rss_own), "peak_rss_mb_worker": round(rss_kids),
        "stage_shares": shares, "seconds_per_10k_chars": chars, "merge_seconds": merges,
        "prefilter_gold_event_loss": "n/a",
    }  # fmt: skip
    rows = [
        ["machine", result["machine"]],
        ["workers (default: one per core)", str(workers)],
        ["articles coded end to end", f"{e2e['docs']} ({words:,} words, {e2e['events']} events)"],
        ["start-up: model + lexicons + KB + gazetteer (s)", f"{startup:.1f}"],
        ["wall time end to end, after start-up (s)", f"{e2e['wall']:.1f}"],
        ["articles/hour end to end (with start-up)", f"{per_hour:,.0f} ({per_hour_cold:,.0f})"],
        ["words/s end to end", f"{words / e2e['wall']:,.0f}"],
        [f"bare spaCy parse, {workers} processes (s)", f"{spacy_s:.1f}"],
        ["ratio spaCy / tidings (>= 1: faster)", f"{result['ratio_spacy_over_tidings']:.2f}"],
        ["peak RSS main / largest worker (MB)", f"{rss_own:.0f} / {rss_kids:.0f}"],
        ["stage shares (1 process)", ", ".join(f"{k.split('.')[0]} {v:.0%}" for k, v in shares.items())],
        ["seconds per 10k chars", ", ".join(f"{int(k):,}: {v:.2f}" for k, v in chars.items())],
        ["merge 10k / 100k stored events (s)", f"{merges['10000']} / {merges['100000']}"],
        ["pre-filter gold-event loss", "n/a (not built; benchmarks/prefilter_share.py)"],
    ]
    print(table(rows, ["measure", "value"]))
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
