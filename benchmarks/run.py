"""Time the tidings pipeline (what ``make bench`` runs).

Corpora:
  demo   the bundled synthetic demo articles (src/tidings/data/demo/articles)
  ipe    the first N articles of ../shared/corpus/indiapoliceevents.jsonl, if that file exists
         (read in place, never copied)

For each corpus it ingests into a fresh temporary DuckDB through the public API (``tidings.runner.ingest``;
when that is not available, ``tidings.stages.ingest.read_sources`` + ``Pipeline.from_settings()``), and
prints docs/s, words/s, events/doc, peak RSS, the time spent in each stage (plus reading the sources and
``Store.save``), and the ratio of the whole run to a bare spaCy parse of the same texts (same model, batch
size and processes). The spaCy model is loaded and one short warm-up text is coded before timing starts. Nothing is asserted: this is a report, not a test.

    python benchmarks/run.py                 # demo + first 200 IPE articles
    python benchmarks/run.py --n 500 --n-process 2
    python benchmarks/run.py --corpus demo
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import itertools
import os
import platform
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEMO_DIR = REPO / "src" / "tidings" / "data" / "demo" / "articles"
IPE_FILE = REPO.parent / "shared" / "corpus" / "indiapoliceevents.jsonl"
READ, SAVE = "(ingest: read sources)", "(store: save)"


# --------------------------------------------------------------------------------------------- timing
class StageTimer:
    """Wraps every stage class's ``__call__`` and ``pipe`` so time spent inside each stage is summed.

    ``pipe`` is a generator: the time of each ``next()`` is counted. The pipeline hands ``pipe`` a
    list (one chunk), so upstream stages are not counted twice.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._undo: list[Callable[[], None]] = []

    def install(self, classes: Iterable[type]) -> None:
        for cls in classes:
            name = getattr(cls, "name", cls.__name__)
            for attr in ("__call__", "pipe"):
                original = cls.__dict__.get(attr)
                if original is None:
                    continue
                wrap = self._wrap_pipe if attr == "pipe" else self._wrap_call
                wrapped = wrap(original, name)
                setattr(cls, attr, wrapped)
                self._undo.append(functools.partial(setattr, cls, attr, original))

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()

    def reset(self) -> None:
        self.seconds.clear()

    def iterate(self, items: Iterable[Any], name: str) -> Iterator[Any]:
        """Yield from ``items``, counting the time each ``next()`` takes under ``name``."""
        it = iter(items)
        while True:
            t0 = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                self.seconds[name] += time.perf_counter() - t0
                return
            self.seconds[name] += time.perf_counter() - t0
            yield item

    def wrap_method(self, cls: type, attr: str, name: str) -> None:
        """Time a plain method (e.g. ``Store.save``) under ``name``."""
        original = cls.__dict__.get(attr)
        if original is not None:
            setattr(cls, attr, self._wrap_call(original, name))
            self._undo.append(functools.partial(setattr, cls, attr, original))

    def _wrap_call(self, fn: Callable[..., Any], name: str) -> Callable[..., Any]:
        seconds = self.seconds

        @functools.wraps(fn)
        def timed(self_: Any, *args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(self_, *args, **kwargs)
            finally:
                seconds[name] += time.perf_counter() - t0

        return timed

    def _wrap_pipe(self, fn: Callable[..., Any], name: str) -> Callable[..., Any]:
        seconds = self.seconds

        @functools.wraps(fn)
        def timed(self_: Any, docs: Any) -> Iterator[Any]:
            t0 = time.perf_counter()
            it = iter(fn(self_, docs))
            seconds[name] += time.perf_counter() - t0
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    seconds[name] += time.perf_counter() - t0
                    return
                seconds[name] += time.perf_counter() - t0
                yield item

        return timed


def available_stages(settings: Any) -> tuple[list[str], list[type], dict[str, str]]:
    """The configured stages that can be loaded now, their classes, and why the others cannot."""
    from tidings.pipeline import Pipeline, load_stage

    loaded, missing = [], {}
    for name in settings.stages:
        try:
            loaded.append((name, load_stage(name, settings)))
        except Exception as exc:  # noqa: BLE001 - a stage still being written is reported, not fatal
            missing[name] = f"{type(exc).__name__}: {exc}"[:120]
    while loaded:  # drop trailing stages whose needs are no longer met
        try:
            Pipeline([stage for _, stage in loaded])
            break
        except Exception as exc:  # noqa: BLE001
            name, _ = loaded.pop()
            missing[name] = f"dropped: {exc}"[:120]
    return [n for n, _ in loaded], [type(s) for _, s in loaded], missing


# -------------------------------------------------------------------------------------------- corpora
def limited_sources(paths: list[str | Path], n: int | None) -> Iterator[Any]:
    """``read_sources`` over ``paths``, stopping after ``n`` documents (the file is read in place)."""
    from tidings.stages.ingest import read_sources

    docs = read_sources(paths)
    return itertools.islice(docs, n) if n else docs


@contextlib.contextmanager
def runner_sources(n: int | None, timer: StageTimer) -> Iterator[None]:
    """Make ``tidings.runner.ingest`` read only the first ``n`` documents, and time the reading."""
    runner = importlib.import_module("tidings.runner")
    original = getattr(runner, "_read_sources", None)
    if original is None:
        yield
        return

    def limited(paths: Iterable[str | Path], fmt: str | None) -> Iterator[Any]:
        docs = original(paths, fmt)
        return timer.iterate(itertools.islice(docs, n) if n else docs, READ)

    runner._read_sources = limited
    try:
        yield
    finally:
        runner._read_sources = original


def run_corpus(label: str, paths: list[str | Path], n: int | None, settings: Any,
               timer: StageTimer) -> dict[str, Any]:  # fmt: skip
    """Ingest ``paths`` into a temporary store; return the measurements."""
    seen: list[Any] = []

    def progress(doc: Any, status: str) -> None:
        if status == "added":
            seen.append((len(doc.text.split()), len(doc.events), doc.text))

    timer.reset()
    with tempfile.TemporaryDirectory(prefix="tidings-bench-") as tmp:
        db = str(Path(tmp) / "bench.duckdb")
        from dataclasses import replace

        run_settings = replace(settings, db=db)
        t0 = time.perf_counter()
        api = "runner.ingest"
        try:
            from tidings.runner import ingest
        except ImportError:
            ingest = None
        failed = 0
        if ingest is not None:
            with runner_sources(n, timer):
                report = ingest(paths, run_settings, progress=progress)
            failed = report.failed
        else:
            api = "read_sources + Pipeline"
            from tidings.pipeline import Pipeline

            pipeline = Pipeline.from_settings(run_settings)
            for doc in pipeline.run(timer.iterate(limited_sources(paths, n), READ)):
                if doc.error:
                    failed += 1
                else:
                    progress(doc, "added")
        wall = time.perf_counter() - t0
    docs = len(seen)
    words = sum(w for w, _, _ in seen)
    events = sum(e for _, e, _ in seen)
    return {
        "label": label, "api": api, "docs": docs, "failed": failed, "words": words, "events": events,
        "wall": wall, "stages": dict(timer.seconds), "texts": [t for _, _, t in seen],
    }  # fmt: skip


def spacy_only(texts: list[str], settings: Any) -> float:
    """Seconds for a bare ``nlp.pipe`` over ``texts`` with the same model, batch size and processes."""
    from tidings.stages.parse import load_model

    nlp = load_model(settings.model)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=settings.n_process):
        pass
    return time.perf_counter() - t0


# -------------------------------------------------------------------------------------------- output
def peak_rss_mb() -> tuple[float, float]:
    """Peak resident set size of this process and of its (waited-for) children, in MB."""
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / scale / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / scale / 1024
    return own, kids


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths)))
    out = [line, "  ".join("-" * w for w in widths)]
    for r in rows:
        out.append("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                             for i, (c, w) in enumerate(zip(r, widths))))  # fmt: skip
    return "\n".join(out)


def report(result: dict[str, Any], spacy_seconds: float, stage_order: list[str]) -> str:
    wall, docs = result["wall"], max(result["docs"], 1)
    lines = [f"\n== {result['label']} ({result['api']}) =="]
    failed = f" (+{result['failed']} failed)" if result["failed"] else ""
    summary = [
        ["documents coded", f"{result['docs']}{failed}"],
        ["words", f"{result['words']:,}"],
        ["wall time (s)", f"{wall:.2f}"],
        ["docs/s", f"{result['docs'] / wall:.2f}" if wall else "-"],
        ["words/s", f"{result['words'] / wall:,.0f}" if wall else "-"],
        ["events", f"{result['events']}"],
        ["events/doc", f"{result['events'] / docs:.2f}"],
        ["spaCy parse alone (s)", f"{spacy_seconds:.2f}"],
        ["pipeline / spaCy alone", f"{wall / spacy_seconds:.2f}x" if spacy_seconds else "-"],
    ]
    lines.append(table(summary, ["measure", "value"]))
    stage_rows = []
    accounted = 0.0
    for name in stage_order:
        secs = result["stages"].get(name, 0.0)
        accounted += secs
        stage_rows.append([name, f"{secs:.3f}", f"{1000 * secs / docs:.1f}", f"{100 * secs / wall:.1f}%"])
    for name in (READ, SAVE):
        if name in result["stages"]:
            secs = result["stages"][name]
            accounted += secs
            stage_rows.append([name, f"{secs:.3f}", f"{1000 * secs / docs:.1f}", f"{100 * secs / wall:.1f}%"])
    rest = max(wall - accounted, 0.0)
    stage_rows.append(["(other overhead)", f"{rest:.3f}", f"{1000 * rest / docs:.1f}",
                       f"{100 * rest / wall:.1f}%"])  # fmt: skip
    lines.append("")
    lines.append(table(stage_rows, ["stage", "seconds", "ms/doc", "share"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="IPE articles to read (default 200)")
    parser.add_argument("--n-process", type=int, default=1, help="spaCy worker processes (default 1)")
    parser.add_argument("--batch-size", type=int, default=None, help="documents per nlp.pipe batch")
    parser.add_argument("--corpus", choices=("all", "demo", "ipe"), default="all")
    parser.add_argument("--ipe", type=Path, default=IPE_FILE, help="path of indiapoliceevents.jsonl")
    args = parser.parse_args(argv)

    from tidings.config import Settings
    from tidings.stages.parse import load_model

    overrides: dict[str, Any] = {"n_process": args.n_process}
    if args.batch_size:
        overrides["batch_size"] = args.batch_size
    settings = Settings.load(**overrides)
    names, classes, missing = available_stages(settings)
    settings.stages = names

    t0 = time.perf_counter()
    load_model(settings.model)
    load_seconds = time.perf_counter() - t0

    print(f"tidings benchmark  python {platform.python_version()}  {platform.machine()}  "
          f"cpus={os.cpu_count()}  n_process={settings.n_process}  "
          f"batch_size={settings.batch_size}")  # fmt: skip
    print(f"spaCy model load (once, not counted below): {load_seconds:.2f} s")
    print(f"stages: {', '.join(names)}")
    for name, why in missing.items():
        print(f"  not run: {name} ({why})")

    corpora: list[tuple[str, list[str | Path], int | None]] = []
    if args.corpus in ("all", "demo"):
        corpora.append((f"demo corpus ({DEMO_DIR.relative_to(REPO)})", [DEMO_DIR], None))
    if args.corpus in ("all", "ipe"):
        if args.ipe.is_file():
            corpora.append((f"indiapoliceevents, first {args.n} articles", [args.ipe], args.n))
        else:
            print(f"\n(skipped: {args.ipe} not found)")

    timer = StageTimer()
    timer.install(classes)
    with contextlib.suppress(ImportError):
        from tidings.store import Store

        # save() delegates to save_many() where it exists: time only the innermost, never both
        timer.wrap_method(Store, "save_many" if "save_many" in Store.__dict__ else "save", SAVE)
    try:
        # warm-up: one short document through every stage (loads lexicons, gazetteers, knowledge base)
        from tidings.model import Document
        from tidings.pipeline import Pipeline

        warm = "Officials said Japan and South Korea held talks in Seoul on Monday."
        list(Pipeline.from_settings(settings).run([Document(doc_id="warm", text=warm)]))
        for label, paths, n in corpora:
            result = run_corpus(label, paths, n, settings, timer)
            spacy_seconds = spacy_only(result.pop("texts"), settings)
            print(report(result, spacy_seconds, names))
    finally:
        timer.uninstall()
    own, kids = peak_rss_mb()
    print(f"\npeak RSS: {own:.0f} MB (this process)" + (f", {kids:.0f} MB (largest child)" if kids else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
