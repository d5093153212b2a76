"""Precision, recall and F1 of the quotes and claims stages over tests/fixtures/quotes_claims.jsonl.

Each fixture line is a short hand-written passage with every quotation and numeric claim it holds.
Lines with ``"set": "heldout"`` were written after the stages were tuned on the others ("dev") and are
reported separately, so the dev figures can be read as fitted and the held-out ones as a fairer estimate.
Quotes match when the spans overlap by at least 80% (of the longer span) and the speakers agree (the gold
speaker's last word appears in the predicted speaker, case-insensitive; both empty also agrees).
Claims match when the values are equal and the counted heads agree (last word, singular, case-insensitive;
both empty also agrees). Matching is one-to-one, greedy in text order.

Usage:
    .venv/bin/python benchmarks/quotes_claims_eval.py [--fixture FILE] [--errors] [--no-actors]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tidings.model import Document
from tidings.stages.claims import ClaimStage
from tidings.stages.parse import SpacyParser
from tidings.stages.quotes import QuoteStage

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "quotes_claims.jsonl"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    longest = max(a[1] - a[0], b[1] - b[0], 1)
    return inter / longest


def speaker_agrees(gold: str | None, pred: str | None) -> bool:
    """The gold speaker's last word appears in the predicted one (or both are empty)."""
    if not gold:
        return not pred
    if not pred:
        return False
    return gold.split()[-1].lower().strip(".,") in pred.lower()


def _head(text: str | None) -> str | None:
    if not text:
        return None
    word = text.split()[-1].lower().strip(".,’'")
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def claim_agrees(gold: dict[str, Any], pred: Any) -> bool:
    """Same value and same counted head."""
    if pred.value is None or abs(float(gold["value"]) - pred.value) > 1e-6 * max(1.0, abs(pred.value)):
        return False
    return _head(gold.get("counted")) == _head(pred.counted)


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(rows: list[dict[str, Any]], errors: bool = False, actors: bool = True) -> dict[str, Any]:
    """Run parse + quotes + claims over the passages and count matches."""
    parser, quotes, claims = SpacyParser(), QuoteStage(), ClaimStage()
    if not actors:
        quotes.resolve = claims.resolve = None
    counts = {"q_tp": 0, "q_pred": 0, "q_gold": 0, "c_tp": 0, "c_pred": 0, "c_gold": 0,
              "kind_ok": 0, "qual_ok": 0, "poll_gold": 0, "poll_ok": 0}  # fmt: skip
    for row in rows:
        doc = claims(quotes(parser(Document(doc_id=row["id"], text=row["text"]))))
        _score_quotes(row, doc, counts, errors)
        _score_claims(row, doc, counts, errors)
    q = _prf(counts["q_tp"], counts["q_pred"], counts["q_gold"])
    c = _prf(counts["c_tp"], counts["c_pred"], counts["c_gold"])
    return {"passages": len(rows), "quotes": q, "claims": c, **counts}


def _score_quotes(row: dict[str, Any], doc: Document, counts: dict[str, int], errors: bool) -> None:
    gold = [(row["text"].index(g["text"]), row["text"].index(g["text"]) + len(g["text"]), g) for g in row["quotes"]]
    free = list(doc.quotes)
    counts["q_pred"] += len(free)
    counts["q_gold"] += len(gold)
    for start, end, g in gold:
        hit = next((p for p in free if _overlap((start, end), (p.start, p.end)) >= 0.8
                    and speaker_agrees(g["speaker"], p.speaker_text)), None)  # fmt: skip
        if hit is not None:
            free.remove(hit)
            counts["q_tp"] += 1
        elif errors:
            print(f"{row['id']} MISSED quote {g['text'][:60]!r} by {g['speaker']!r}", file=sys.stderr)
    if errors:
        for p in free:
            print(f"{row['id']} EXTRA quote {p.text[:60]!r} by {p.speaker_text!r} ({p.kind})", file=sys.stderr)


def _score_claims(row: dict[str, Any], doc: Document, counts: dict[str, int], errors: bool) -> None:
    free = list(doc.claims)
    counts["c_pred"] += len(free)
    counts["c_gold"] += len(row["claims"])
    for g in row["claims"]:
        hit = next((p for p in free if claim_agrees(g, p)), None)
        if g.get("kind") == "poll":
            counts["poll_gold"] += 1
        if hit is None:
            if errors:
                print(f"{row['id']} MISSED claim {g}", file=sys.stderr)
            continue
        free.remove(hit)
        counts["c_tp"] += 1
        counts["kind_ok"] += hit.kind == g.get("kind", "count")
        counts["qual_ok"] += hit.qualifier == g.get("qualifier")
        if g.get("kind") == "poll":
            counts["poll_ok"] += (hit.kind == "poll" and _head(hit.population) == _head(g.get("population"))
                                  and (hit.proposition or "").startswith(g.get("proposition", "")))  # fmt: skip
    if errors:
        for p in free:
            print(f"{row['id']} EXTRA claim {p.text!r} {p.value} counted={p.counted!r}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Print the figures; ``--errors`` lists every miss and extra on stderr."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixture", type=Path, default=FIXTURE)
    ap.add_argument("--errors", action="store_true", help="list misses and extras on stderr")
    ap.add_argument("--no-actors", action="store_true", help="do not call actors.resolve_phrase")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.fixture.read_text(encoding="utf-8").splitlines() if line.strip()]
    groups = {"all": rows}
    for row in rows:
        groups.setdefault(row.get("set", "dev"), []).append(row)
    for name, group in groups.items():
        _report(name, evaluate(group, errors=args.errors and name == "all", actors=not args.no_actors))
    return 0


def _report(set_name: str, res: dict[str, Any]) -> None:
    print(f"[{set_name}] passages: {res['passages']}")
    for name in ("quotes", "claims"):
        p, r, f = res[name]
        tp, pred, gold = res[f"{name[0]}_tp"], res[f"{name[0]}_pred"], res[f"{name[0]}_gold"]
        print(f"{name:7s} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} predicted={pred} gold={gold})")
    tp = max(res["c_tp"], 1)
    print(f"claims matched: kind correct {res['kind_ok']}/{res['c_tp']} ({res['kind_ok'] / tp:.2f}), "
          f"qualifier correct {res['qual_ok']}/{res['c_tp']} ({res['qual_ok'] / tp:.2f}), "
          f"polls with population+proposition {res['poll_ok']}/{res['poll_gold']}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
