"""List the rule coder's missed gold events and false candidates on the real-news gold's train/dev splits.

A development aid (issue 11): it never reads the test split. For each sentence where the candidates and
the gold disagree it prints the sentence, the gold events and the candidates (with their status), so the
biggest error classes can be found by eye.

    .venv/bin/python benchmarks/realnews_errors.py --split dev [--kind satp] [--only missed|false|dyad]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from tidings.realnews_eval import code_gold, collapse, default_corpus, load_corpus, load_gold, match_sentence


def _side(text: str, side: object) -> str:
    if side is None:
        return "-"
    if isinstance(side, dict):
        return f"{text[side['start']:side['end']]!r}[{side.get('country')}/{side.get('sector')}]"
    return f"{text[side.start:side.end]!r}[{side.country}/{side.sector}]"  # type: ignore[attr-defined]


def main() -> None:
    """Print the disagreements of one split (train or dev) and a count of error classes."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="gold/realnews.jsonl")
    ap.add_argument("--split", choices=("train", "dev"), default="dev")
    ap.add_argument("--kind")
    ap.add_argument("--only", choices=("missed", "false", "dyad"))
    args = ap.parse_args()
    gold = [g for g in load_gold(args.gold, args.split) if args.kind in (None, g.kind)]
    corpus = default_corpus(args.gold)
    rows = load_corpus(corpus, {g.corpus for g in gold})
    preds = code_gold(gold, corpus)
    counts: Counter[str] = Counter()
    for g, doc_preds in zip(gold, preds, strict=True):
        text = rows[g.doc]["text"]
        for i, span in enumerate(g.sentences):
            golds = [e for e in g.events if tuple(e["sentence"]) == tuple(span)]
            kept = collapse([p for p in doc_preds if p.sentence == i])
            levels = match_sentence(kept, golds)
            paired = sum(lv >= 1 for lv in levels)
            missed = len(golds) - paired
            false = [p for p, lv in zip(kept, levels, strict=True) if lv == 0]
            dyad = [p for p, lv in zip(kept, levels, strict=True) if lv == 1]
            counts["missed"] += missed
            counts["false"] += len(false)
            counts["false_in_empty"] += len(false) if not golds else 0
            counts["dyad_wrong"] += len(dyad)
            show = {"missed": missed, "false": false, "dyad": dyad}
            if not (show[args.only] if args.only else (missed or false or dyad)):
                continue
            print(f"\n== {g.doc} [{g.kind}] s{i}: {text[span[0]:span[1]]!r}")
            for e in golds:
                trig = text[e["trigger"]["start"]:e["trigger"]["end"]]
                print(f"  GOLD {e['type']}{e.get('alt_types') or ''} {trig!r} "
                      f"src={_side(text, e.get('source'))} tgt={_side(text, e.get('target'))} "
                      f"{e.get('factuality')}")
            for p, lv in zip(kept, levels, strict=True):
                mark = ("FALSE", "TYPE", "DYAD", "FULL")[lv]
                verb = text[p.verb:p.verb + 14].split(" ")[0]
                print(f"  {mark:5} {p.type} verb={verb!r} src={_side(text, p.source)} "
                      f"tgt={_side(text, p.target)} {p.factuality} rc={p.rule_confidence:.2f} "
                      f"{p.status} {p.reason or ''}")
    print("\n" + json.dumps(dict(counts)))


if __name__ == "__main__":
    main()
