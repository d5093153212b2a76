"""What a sentence pre-filter (parse only sentences that can hold an event, quote or claim) could save.

The filter measured keeps a sentence that has a quotation mark or a digit, or both an event or speech
word of the lexicon (its first word, matched on the lemma or the word itself: what a PhraseMatcher over
lemmas and inflections would find) and an actor mention (the actor index). The lemmas and mentions come from
the full pipeline, so this is the most a cheap filter could skip, not less. Reported:

* on articles of ../shared/corpus outside the gold documents and the blind-gold pool: the share of
  sentences and tokens the filter keeps, and the share that hold something the coder found (an event, a
  quote or a claim: a perfect filter must keep those), and the coded events the filter would lose;
* the share of gold events whose sentence the filter drops, on the PLOVER GSR, the demo gold and the
  real-news gold's train and dev splits (never the test split).

Nothing of the texts is printed.

    python benchmarks/prefilter_share.py --n 150
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
POOL = Path("/work/annot/POOL.txt")
_MARKS = re.compile(r"[\"“”0-9]")


def trigger_words() -> set[str]:
    """First words of the lexicon's event verbs and nouns and of its speech verbs."""
    from tidings.coding.lexicon import load_lexicon

    lex = load_lexicon()
    words = {re.split(r"[ #_]", key)[0].lower() for key in [*lex.verbs, *lex.nouns, *lex.speech]}
    return words | {"say", "tell"}


def kept(text: str, tokens: Iterable[Any], has_actor: bool, words: set[str]) -> bool:
    """Whether the filter keeps a sentence."""
    if _MARKS.search(text):
        return True
    return has_actor and any(t.lemma_.lower() in words or t.lower_ in words for t in tokens)


def _sentences(doc: Any, words: set[str]) -> list[tuple[Any, bool, int]]:
    """(sentence, kept, tokens) for every sentence of a coded or parsed Document."""
    out = []
    for s in doc.sentences:
        toks = doc.parsed.char_span(s.start, s.end, alignment_mode="expand") or []
        actor = any(m.start < s.end and m.end > s.start for m in doc.mentions)
        out.append((s, kept(s.text, toks, actor, words), len(toks)))
    return out


def corpus_share(n: int, words: set[str]) -> dict[str, float]:
    from tidings.config import Settings
    from tidings.model import Document
    from tidings.pipeline import Pipeline

    skip = _gold_ids() | (set(POOL.read_text(encoding="utf-8").split()) if POOL.is_file() else set())
    docs = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        taken = 0
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record.get("id") not in skip and record.get("text") and taken < n:
                    docs.append(Document(doc_id=record["id"], text=record["text"]))
                    taken += 1
    pipeline = Pipeline.from_settings(replace(Settings.load(), workers=1))
    c = dict.fromkeys(("sents", "toks", "kept_s", "kept_t", "found_s", "found_t", "events", "lost"), 0)
    for doc in pipeline.run(docs):
        found = {e.sentence_index for e in doc.events}
        spans = [(x.start, x.end) for x in [*doc.quotes, *doc.claims]]
        for s, keep, ntok in _sentences(doc, words):
            hit = s.index in found or any(a < s.end and b > s.start for a, b in spans)
            events = sum(e.sentence_index == s.index for e in doc.events)
            c["sents"] += 1
            c["toks"] += ntok
            c["kept_s"] += keep
            c["kept_t"] += ntok * keep
            c["found_s"] += hit
            c["found_t"] += ntok * hit
            c["events"] += events
            c["lost"] += events * (not keep)
    return {"articles": len(docs), "sentences": c["sents"], "kept_sentences": c["kept_s"] / c["sents"],
            "kept_tokens": c["kept_t"] / c["toks"], "coded_sentences": c["found_s"] / c["sents"],
            "coded_tokens": c["found_t"] / c["toks"], "coded_events_lost": c["lost"] / max(c["events"], 1)}


def _gold_ids() -> set[str]:
    path = REPO / "gold" / "realnews.jsonl"
    return {json.loads(line)["doc"] for line in path.open(encoding="utf-8")} if path.is_file() else set()


def sentence_gold_loss(path: Path, words: set[str]) -> dict[str, float]:
    """Gold-event loss on a sentence-per-line gold file (GSR, demo): lost when no sentence is kept."""
    from tidings.model import Document
    from tidings.pipeline import Pipeline

    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    pipeline = Pipeline.from_settings(names=["parse.spacy.v1", "actors.kb.v1"])
    docs = pipeline.run(Document(doc_id=str(r.get("id")), text=r["text"]) for r in rows)
    events = lost = 0
    for row, doc in zip(rows, docs, strict=True):
        n = len(row.get("events") or [])
        events += n
        lost += n * (not any(keep for _, keep, _ in _sentences(doc, words)))
    return {"events": events, "lost": lost, "loss": lost / max(events, 1)}


def realnews_gold_loss(words: set[str], splits: tuple[str, ...] = ("train", "dev")) -> dict[str, float]:
    """Gold-event loss on the real-news gold's ``splits`` (standoff sentences in ../shared/corpus)."""
    from tidings.model import Document
    from tidings.pipeline import Pipeline

    gold = [json.loads(line) for line in (REPO / "gold" / "realnews.jsonl").open(encoding="utf-8")]
    gold = [g for g in gold if g["split"] in splits]
    texts: dict[str, str] = {}
    for name in {g["corpus"] for g in gold}:
        wanted = {g["doc"] for g in gold if g["corpus"] == name}
        with (CORPUS / name).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record.get("id") in wanted:
                    texts[record["id"]] = record["text"]
    pipeline = Pipeline.from_settings(names=["parse.spacy.v1", "actors.kb.v1"])
    docs = pipeline.run(Document(doc_id=g["doc"], text=texts[g["doc"]]) for g in gold)
    events = lost = 0
    for g, doc in zip(gold, docs, strict=True):
        for event in g["events"]:
            a, b = event["sentence"]
            toks = doc.parsed.char_span(a, b, alignment_mode="expand") or []
            actor = any(m.start < b and m.end > a for m in doc.mentions)
            events += 1
            lost += not kept(doc.text[a:b], toks, actor, words)
    return {"events": events, "lost": lost, "loss": lost / max(events, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--n", type=int, default=150, help="articles per corpus file")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found")
        return 0
    words = trigger_words()
    share = corpus_share(args.n, words)
    print(f"{share['articles']} articles, {share['sentences']} sentences: the filter keeps "
          f"{share['kept_sentences']:.1%} of the sentences ({share['kept_tokens']:.1%} of the tokens); "
          f"sentences holding a coded event, quote or claim: {share['coded_sentences']:.1%} "
          f"({share['coded_tokens']:.1%} of the tokens); coded events lost: {share['coded_events_lost']:.1%}")
    for name, path in (("GSR", SHARED / "gold" / "plover_gsr.jsonl"),
                       ("demo gold", REPO / "src" / "tidings" / "data" / "demo" / "gold.jsonl")):  # fmt: skip
        loss = sentence_gold_loss(path, words)
        print(f"{name}: {loss['lost']} of {loss['events']} gold events lost ({loss['loss']:.1%})")
    loss = realnews_gold_loss(words)
    print(f"real-news gold train+dev: {loss['lost']} of {loss['events']} gold events lost "
          f"({loss['loss']:.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
