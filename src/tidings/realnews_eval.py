"""Score the coder on the standoff real-news gold (``gold/realnews.jsonl``, see ``docs/annotation.md``).

Each gold line names a corpus document and gives character offsets into its raw text. The document's
text is read from the corpus folder (``../shared/corpus`` by default), run through the same reading,
cleaning and pipeline as ``tidings ingest`` (for ``indiapoliceevents`` rows with their ``published``
date), and every coded offset is mapped back from the stored (cleaned) text to the raw text
(:class:`Aligner`). A coded event belongs to the gold sentence that holds its verb.

Matching, per gold sentence: the coder's duplicates (same type, source and target) collapse into one;
coded and gold events are then paired one-to-one, greedily, preferring fully right pairs, then dyad-right
pairs, then type-right pairs.

- **type** right: the coded type is the gold type or one of its ``alt_types``;
- **dyad** right: type right, and source and target right. A side is right when its country and sector
  equal the gold's (the sector only when the gold gives one); when the gold gives no country, when the
  coded span overlaps the gold span. A gold ``null`` side (agentless violence, no recipient) is right
  only when the coder has none either;
- **full** right: dyad right and the same factuality.

``fp_share`` is the share of coded events in sentences with no gold event; ``decoy_hits`` counts coded
events in the gold's decoy sentences. The report also gives the figures of the rule coder's candidates
before the actor gate and before the verifier (from the same run: rejected candidates carry their reason).
"""

from __future__ import annotations

import bisect
import difflib
import json
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.config import Settings
from tidings.errors import ConfigError
from tidings.evaluate import gold_lines
from tidings.model import Document, Event

KINDS: tuple[str, ...] = ("satp", "insightcrime", "bbc-politics", "muc4", "ipe")
SPLITS: tuple[str, ...] = ("train", "dev", "test", "all")
BUCKETS: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
DEFAULT_CORPUS = Path("..") / "shared" / "corpus"


# ------------------------------------------------------------------------------------------ gold


@dataclass(slots=True)
class GoldDoc:
    """One standoff gold line: a corpus document, its sentence spans, events and decoy sentences."""

    corpus: str
    doc: str
    kind: str
    split: str
    sentences: list[tuple[int, int]]
    events: list[dict[str, Any]]
    decoys: list[tuple[int, int]]


def is_realnews_gold(path: str | Path) -> bool:
    """Whether ``path`` is a standoff real-news gold file (its first line names a corpus document)."""
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    return isinstance(row, dict) and "doc" in row and "sentences" in row
    except (OSError, json.JSONDecodeError):
        return False
    return False


def load_gold(path: str | Path, split: str = "all") -> list[GoldDoc]:
    """The gold documents of ``split`` (``train``, ``dev``, ``test`` or ``all``).

    Raises:
        ConfigError: unknown split, unreadable file or a malformed line.
    """
    lines = gold_lines(path, split, SPLITS)
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            gold = GoldDoc(row["corpus"], row["doc"], row.get("kind") or row["doc"].rsplit("-", 1)[0],
                           row["split"], [tuple(s) for s in row["sentences"]], list(row.get("events") or []),
                           [tuple(s) for s in row.get("decoys") or []])  # fmt: skip
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{n}: not a real-news gold line: {exc}") from exc
        if split == "all" or gold.split == split:
            out.append(gold)
    return out


def load_corpus(corpus_dir: str | Path, names: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Corpus rows by document id, from the named files of ``corpus_dir``.

    Raises:
        ConfigError: the folder or a file is missing.
    """
    folder = Path(corpus_dir)
    if not folder.is_dir():
        raise ConfigError(f"corpus folder {folder} not found; pass --corpus DIR (the folder holding "
                          f"realnews.jsonl and indiapoliceevents.jsonl)")  # fmt: skip
    rows: dict[str, dict[str, Any]] = {}
    for name in sorted(set(names)):
        try:
            with open(folder / name, encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        row = json.loads(line)
                        rows[str(row["id"])] = row
        except OSError as exc:
            raise ConfigError(f"corpus file {folder / name} cannot be read: {exc}") from exc
    return rows


# ------------------------------------------------------------------------------------------ alignment


class Aligner:
    """Map character offsets of the stored (cleaned) text back to the raw corpus text."""

    def __init__(self, stored: str, raw: str) -> None:
        self.shift: int | None = None
        self.blocks: list[tuple[int, int, int, int]] = []
        found = raw.find(stored) if stored else -1
        if found >= 0:
            self.shift = found
            return
        ops = difflib.SequenceMatcher(None, stored, raw, autojunk=False).get_opcodes()
        self.blocks = [(s0, s1, r0, r1) for _, s0, s1, r0, r1 in ops if s1 > s0]
        self._starts = [b[0] for b in self.blocks]

    def __call__(self, offset: int | None) -> int | None:
        if offset is None:
            return None
        if self.shift is not None:
            return offset + self.shift
        if not self.blocks:
            return offset
        k = max(0, bisect.bisect_right(self._starts, offset) - 1)
        s0, _, r0, r1 = self.blocks[k]
        return r0 + min(offset - s0, max(r1 - r0, 0))


# ------------------------------------------------------------------------------------------ predictions


@dataclass(slots=True)
class Side:
    """A coded source or target, with raw-text offsets."""

    start: int
    end: int
    country: str | None
    sector: str | None
    text: str | None = None


@dataclass(slots=True)
class Pred:
    """A coded event or candidate, mapped onto a gold document."""

    type: str
    source: Side | None
    target: Side | None
    factuality: str
    confidence: float
    rule_confidence: float
    status: str
    reason: str | None
    verb: int
    sentence: int = -1  # index of the gold sentence holding the verb; -1 outside every sentence
    features: dict[str, float] | None = None

    @property
    def key(self) -> tuple[Any, ...]:
        """Duplicates share a key: type and each side's country and sector (else its text)."""
        return (self.type, _side_key(self.source), _side_key(self.target))


def _side_key(side: Side | None) -> tuple[Any, ...] | None:
    if side is None:
        return None
    if side.country or side.sector:
        return (side.country, side.sector)
    return ((side.text or "").lower(),)


def _side(event: Event, role: str, align: Aligner) -> Side | None:
    start, end = getattr(event, f"{role}_start"), getattr(event, f"{role}_end")
    if start is None or end is None:
        return None
    return Side(align(start) or 0, align(end) or 0, getattr(event, f"{role}_country"),
                getattr(event, f"{role}_sector"), getattr(event, f"{role}_text"))  # fmt: skip


def predictions(doc: Document, raw: str, gold: GoldDoc) -> list[Pred]:
    """Every event and candidate of the coded ``doc``, mapped to ``gold``'s raw text and sentences."""
    align = Aligner(doc.text, raw)
    out = []
    starts = [s[0] for s in gold.sentences]
    for ev in doc.events:
        verb = align(ev.verb_start if ev.verb_start is not None else ev.char_start) or 0
        k = bisect.bisect_right(starts, verb) - 1
        sentence = k if k >= 0 and verb < gold.sentences[k][1] else -1
        info = ev.trace.get("verifier") or {}
        rule_confidence = float(info.get("rule_confidence", ev.confidence))
        out.append(Pred(ev.event_type, _side(ev, "source", align), _side(ev, "target", align), ev.factuality,
                        ev.confidence, rule_confidence, ev.status, ev.reason, verb, sentence,
                        info.get("features")))  # fmt: skip
    return out


def code_gold(gold: Sequence[GoldDoc], corpus_dir: str | Path, settings: Settings | None = None, *,
              prepare: Callable[[Any], None] | None = None) -> list[list[Pred]]:  # fmt: skip
    """Run the ingest reading and the full pipeline over each gold document; predictions per document.

    Args:
        gold: the gold documents.
        corpus_dir: the folder with the corpus files the gold names.
        settings: pipeline settings.
        prepare: called with the built pipeline before it runs (training uses it to keep features).
    """
    from tidings.pipeline import Pipeline
    from tidings.stages.ingest import read_sources

    rows = load_corpus(corpus_dir, {g.corpus for g in gold})
    missing = [g.doc for g in gold if g.doc not in rows]
    if missing:
        raise ConfigError(f"{len(missing)} gold documents are not in {corpus_dir}: {', '.join(missing[:5])}")
    with tempfile.TemporaryDirectory(prefix="tidings-eval-") as tmp:
        path = Path(tmp) / "gold-docs.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for g in gold:
                row = rows[g.doc]
                record = {"id": g.doc, "text": row["text"], "published": row.get("published"),
                          "title": row.get("title"), "url": row.get("url")}  # fmt: skip
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        docs = list(read_sources([path], fmt="jsonl"))
    pipeline = Pipeline.from_settings(settings or Settings.load(), on_error="record")
    if prepare is not None:
        prepare(pipeline)
    coded: dict[str, Document] = {}
    for doc in pipeline.run(docs):
        external = (doc.extras.get("ingest") or {}).get("external_id")
        if external is not None:
            doc.parsed = None  # free the parse: the predictions need only offsets
            coded[str(external)] = doc
    out = []
    for g in gold:
        doc = coded.get(g.doc)
        out.append(predictions(doc, rows[g.doc]["text"], g) if doc is not None and not doc.error else [])
    return out


# ------------------------------------------------------------------------------------------ matching


def type_ok(pred: Pred, gold: dict[str, Any]) -> bool:
    """The coded type is the gold type or one of its alternatives."""
    return pred.type == gold["type"] or pred.type in (gold.get("alt_types") or [])


def side_ok(pred: Side | None, gold: dict[str, Any] | None) -> bool:
    """A coded side against a gold side: country and sector, else span overlap; null only matches null."""
    if gold is None:
        return pred is None
    if pred is None:
        return False
    if gold.get("country"):
        sector = gold.get("sector")
        return pred.country == gold["country"] and (not sector or sector == "UNK" or pred.sector == sector)
    return pred.start < gold["end"] and gold["start"] < pred.end


def level(pred: Pred, gold: dict[str, Any]) -> int:
    """0 wrong type, 1 type right, 2 dyad right, 3 fully right (dyad and factuality)."""
    if not type_ok(pred, gold):
        return 0
    if not (side_ok(pred.source, gold.get("source")) and side_ok(pred.target, gold.get("target"))):
        return 1
    return 3 if pred.factuality == gold.get("factuality", "asserted") else 2


def collapse(preds: Sequence[Pred]) -> list[Pred]:
    """One prediction per (type, source, target), keeping the most confident."""
    best: dict[tuple[Any, ...], Pred] = {}
    for p in sorted(preds, key=lambda p: -p.confidence):
        best.setdefault(p.key, p)
    return list(best.values())


def match_sentence(preds: Sequence[Pred], golds: Sequence[dict[str, Any]]) -> list[int]:
    """For each prediction (in order), the level of the gold event it is paired with (0: unpaired).

    Pairs are made one-to-one and greedily, fully right pairs first, then dyad-right, then type-right;
    within a level the more confident prediction and the earlier gold event go first.
    """
    result = [0] * len(preds)
    used: set[int] = set()
    order = sorted(range(len(preds)), key=lambda i: -preds[i].confidence)
    for want in (3, 2, 1):
        for i in order:
            if result[i]:
                continue
            for j, g in enumerate(golds):
                if j not in used and level(preds[i], g) >= want:
                    result[i] = want
                    used.add(j)
                    break
    return result


@dataclass(slots=True)
class Tally:
    """Counts behind the figures of one group of documents."""

    predicted: int = 0
    gold: int = 0
    type_tp: int = 0
    dyad_tp: int = 0
    full_tp: int = 0
    in_empty: int = 0
    decoy_hits: int = 0
    decoys: int = 0
    decoys_hit: int = 0
    sentences: int = 0
    documents: int = 0
    buckets: list[list[int]] = field(default_factory=lambda: [[0, 0, 0] for _ in BUCKETS[:-1]])

    def figures(self) -> dict[str, Any]:
        """Precision, recall, F1, dyad and full precision, fp_share and decoy hits."""

        def div(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        p, r = div(self.type_tp, self.predicted), div(self.type_tp, self.gold)
        return {"documents": self.documents, "sentences": self.sentences, "gold_events": self.gold,
                "predicted_events": self.predicted, "precision": p, "recall": r,
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                "dyad_precision": div(self.dyad_tp, self.predicted),
                "dyad_recall": div(self.dyad_tp, self.gold),
                "full_precision": div(self.full_tp, self.predicted),
                "fp_share": div(self.in_empty, self.predicted),
                "decoy_hits": self.decoy_hits, "decoys": self.decoys,
                "decoy_hit_share": div(self.decoys_hit, self.decoys)}  # fmt: skip


def tally_document(tally: Tally, gold: GoldDoc, preds: Sequence[Pred]) -> None:
    """Add one document's predictions (already filtered to the view being scored) to ``tally``."""
    by_sentence: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for ev in gold.events:
        by_sentence.setdefault(tuple(ev["sentence"]), []).append(ev)  # type: ignore[arg-type]
    decoys = set(gold.decoys)
    tally.documents += 1
    tally.sentences += len(gold.sentences)
    tally.gold += len(gold.events)
    tally.decoys += len(decoys)
    groups: dict[int, list[Pred]] = {}
    for p in preds:
        groups.setdefault(p.sentence, []).append(p)
    hit: set[tuple[int, int]] = set()
    for index, group in groups.items():
        span = gold.sentences[index] if index >= 0 else (-1, -1)
        kept = collapse(group)
        golds = by_sentence.get(span, [])
        levels = match_sentence(kept, golds)
        tally.predicted += len(kept)
        tally.type_tp += sum(lv >= 1 for lv in levels)
        tally.dyad_tp += sum(lv >= 2 for lv in levels)
        tally.full_tp += sum(lv >= 3 for lv in levels)
        if not golds:
            tally.in_empty += len(kept)
        if span in decoys:
            tally.decoy_hits += len(kept)
            hit.add(span)
        for p, lv in zip(kept, levels, strict=True):
            for k in range(len(BUCKETS) - 1):
                if BUCKETS[k] <= p.confidence < BUCKETS[k + 1]:
                    tally.buckets[k][0] += 1
                    tally.buckets[k][1] += lv >= 1
                    tally.buckets[k][2] += lv >= 2
    tally.decoys_hit += len(hit)


VIEWS: dict[str, Callable[[Pred], bool]] = {
    "events": lambda p: p.status == "event",
    "before_verifier": lambda p: p.status == "event" or (p.reason or "").startswith("verifier"),
    "rule_candidates": lambda p: True,
}


def score(gold: Sequence[GoldDoc], preds: Sequence[Sequence[Pred]],
          keep: Callable[[Pred], bool] = VIEWS["events"]) -> dict[str, Any]:  # fmt: skip
    """The figures over all documents and per corpus kind, with the reliability table."""
    total = Tally()
    kinds: dict[str, Tally] = {}
    for g, doc_preds in zip(gold, preds, strict=True):
        chosen = [p for p in doc_preds if keep(p)]
        tally_document(total, g, chosen)
        tally_document(kinds.setdefault(g.kind, Tally()), g, chosen)
    report = total.figures()
    report["per_corpus"] = {k: kinds[k].figures() for k in KINDS if k in kinds}
    report["reliability"] = [
        {"bin": f"{BUCKETS[k]:.1f}-{min(BUCKETS[k + 1], 1.0):.1f}", "events": n,
         "precision": round(t / n, 4) if n else None, "dyad_precision": round(d / n, 4) if n else None}
        for k, (n, t, d) in enumerate(total.buckets)
    ]  # fmt: skip
    return report


def default_corpus(gold_path: str | Path) -> Path:
    """``../shared/corpus`` from the working directory, else from the repository holding the gold file."""
    if DEFAULT_CORPUS.is_dir():
        return DEFAULT_CORPUS
    beside_repo = Path(gold_path).resolve().parent.parent.parent / "shared" / "corpus"
    return beside_repo if beside_repo.is_dir() else DEFAULT_CORPUS


def _rule_view(preds: Sequence[Sequence[Pred]], keep: Callable[[Pred], bool]) -> list[list[Pred]]:
    """Predictions as the rule coder alone gave them (its own confidence), filtered by ``keep``."""
    out = []
    for doc_preds in preds:
        out.append([Pred(p.type, p.source, p.target, p.factuality, p.rule_confidence, p.rule_confidence,
                         p.status, p.reason, p.verb, p.sentence) for p in doc_preds if keep(p)])  # fmt: skip
    return out


def evaluate(path: str | Path, split: str = "all", corpus_dir: str | Path | None = None,
             settings: Settings | None = None) -> dict[str, Any]:  # fmt: skip
    """Code the gold documents of ``split`` and score them (aggregate figures only, no per-event lists).

    Raises:
        ConfigError: the gold file, the split or the corpus folder is wrong.
    """
    gold = load_gold(path, split)
    corpus = Path(corpus_dir) if corpus_dir is not None else default_corpus(path)
    if not corpus.is_dir():
        raise ConfigError(f"corpus folder {corpus} not found; pass --corpus DIR")
    preds = code_gold(gold, corpus, settings)
    report = score(gold, preds)
    rules = _rule_view(preds, VIEWS["rule_candidates"])
    report["before"] = {
        "rule_candidates": _brief(score(gold, rules, VIEWS["rule_candidates"])),
        "gated": _brief(score(gold, _rule_view(preds, VIEWS["before_verifier"]), VIEWS["rule_candidates"])),
    }
    # the verifier's probability over every gate-passing candidate, accepted or not: is it calibrated?
    report["reliability_candidates"] = score(gold, preds, VIEWS["before_verifier"])["reliability"]
    report["rejected"] = dict(Counter((p.reason or "").split(":")[0] for d in preds for p in d if p.reason))
    report.update(file=str(path), split=split, corpus=str(corpus), format="realnews")
    return report


def _brief(report: dict[str, Any]) -> dict[str, Any]:
    keys = ("predicted_events", "precision", "recall", "f1", "dyad_precision", "dyad_recall",
            "full_precision", "fp_share", "decoy_hits")  # fmt: skip
    out = {k: report[k] for k in keys}
    out["per_corpus"] = {k: {m: v[m] for m in ("precision", "recall", "dyad_precision", "fp_share")}
                         for k, v in report["per_corpus"].items()}  # fmt: skip
    return out
