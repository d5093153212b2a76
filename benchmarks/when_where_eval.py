"""Measure the dates and places stages on the hand-written gold sentences (tests/fixtures/when_where.jsonl).

Each gold row is one sentence with its publication date, an optional narrative anchor, the event verb
(``event_hint``) and the expected date, precision, source, place, country and coordinates. The script builds
a one-sentence Document with one Event on that verb, parses it with spaCy (unless ``--no-parse``), runs
DateStage (starting from the row's anchor) and PlaceStage, and reports:

* date accuracy: exact (date and precision) overall and by gold precision, and date_source accuracy;
* place accuracy: country level (same country, or both without a place), name level, and point level
  (within 25 km, over rows whose gold has coordinates).

Usage:
    python benchmarks/when_where_eval.py [--gold FILE] [--subset all|dev|holdout] [--ids FIRST LAST]
                                         [--articles [FILE]] [--no-parse] [--errors] [--json]

``--articles`` scores tests/fixtures/when_where_articles.jsonl instead: short multi-sentence articles run
through the whole dates and places stages (paragraphs, tense chain, undated documents, document context),
one gold row per listed event (``hint`` is the event verb, found in order).

The ``holdout-*`` rows were written after the rules had been tuned on the others and were not used to tune
them; report both figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from tidings.geo.gazetteer import lookup_place, normalise
from tidings.model import Document, Event, Sentence
from tidings.stages.dates import DateResolution, DateStage
from tidings.stages.places import PlaceStage

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "when_where.jsonl"
ARTICLES = GOLD.with_name("when_where_articles.jsonl")
POINT_KM = 25.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _anchor(text: str | None) -> DateResolution | None:
    if not text:
        return None
    precision = {4: "year", 7: "month", 10: "day"}[len(text)]
    return DateResolution(text, precision, text, "text")


def build(row: dict[str, Any]) -> Document:
    """A Document over the row's sentence with one Event on its hint verb (sentences added by parse or here)."""
    published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
    return Document(doc_id=row["id"], text=row["text"], published=published)


def add_event(doc: Document, row: dict[str, Any]) -> Event:
    if not doc.sentences:
        doc.sentences = [Sentence(0, 0, len(doc.text), doc.text)]
    verb = row["event_hint"]
    at = doc.text.index(verb)
    sent = next((s for s in doc.sentences if s.start <= at < s.end), doc.sentences[0])
    event = Event(event_id=row["id"], doc_id=doc.doc_id, sentence_index=sent.index, sentence_text=sent.text,
                  char_start=sent.start, char_end=sent.end, event_type="CONSULT", verb_text=verb,
                  verb_start=at, verb_end=at + len(verb))  # fmt: skip
    doc.events = [event]
    return event


def run(rows: list[dict[str, Any]], parse: bool) -> list[tuple[dict[str, Any], Event]]:
    docs = [build(r) for r in rows]
    if parse:
        from tidings.stages.parse import SpacyParser

        docs = list(SpacyParser().pipe(docs))
    dates, places = DateStage(), PlaceStage()
    out = []
    for row, doc in zip(rows, docs, strict=True):
        event = add_event(doc, row)
        by_sentence, before = dates.read_document(doc, _anchor(row.get("anchor")))
        dates.date_event(
            doc, event, by_sentence.get(event.sentence_index, []), before.get(event.sentence_index)
        )
        places(doc)
        out.append((row, event))
    return out


def run_articles(articles: list[dict[str, Any]], parse: bool) -> list[tuple[dict[str, Any], Event]]:
    """Multi-sentence articles: the whole dates stage (narrative anchor, paragraphs, undated documents) and
    the places stage with the document's own country context; one gold row per listed event."""
    docs = [build(a) for a in articles]
    if parse:
        from tidings.stages.parse import SpacyParser

        docs = list(SpacyParser().pipe(docs))
    out = []
    for art, doc in zip(articles, docs, strict=True):
        if not doc.sentences:
            doc.sentences = _naive_sentences(doc.text)
        pos, rows = 0, []
        for i, gold in enumerate(art["events"]):
            at = doc.text.index(gold["hint"], pos)
            pos = at + len(gold["hint"])
            sent = next(s for s in doc.sentences if s.start <= at < s.end)
            doc.events.append(Event(event_id=f"{art['id']}-{i}", doc_id=doc.doc_id, sentence_index=sent.index,
                                    sentence_text=sent.text, char_start=sent.start, char_end=sent.end,
                                    event_type="CONSULT", verb_text=gold["hint"], verb_start=at,
                                    verb_end=pos))  # fmt: skip
            rows.append({"id": f"{art['id']}-{i}", "text": sent.text, **gold})
        DateStage()(doc)
        PlaceStage()(doc)
        out += list(zip(rows, doc.events, strict=True))
    return out


def _naive_sentences(text: str) -> list[Sentence]:
    import re

    return [Sentence(i, m.start(), m.end(), m.group(0)) for i, m in enumerate(re.finditer(r"[^.!?\n]+[.!?]?", text))
            if m.group(0).strip()]  # fmt: skip


def _same_name(predicted: str, gold: str) -> bool:
    """The same name, or the gold name is an alias the gazetteer files under the predicted place."""
    if normalise(predicted) == normalise(gold):
        return True
    canonical = lookup_place(gold).place
    return canonical is not None and normalise(canonical.name) == normalise(predicted)


def score(results: list[tuple[dict[str, Any], Event]]) -> dict[str, Any]:
    """The figures, as a dict."""
    by_prec: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    for row, ev in results:
        date_ok = ev.event_date == row["date"] and ev.date_precision == row["date_precision"]
        by_prec[row["date_precision"]]["n"] += 1
        by_prec[row["date_precision"]]["ok"] += date_ok
        totals["n"] += 1
        totals["date_ok"] += date_ok
        totals["source_ok"] += ev.date_source == row.get("date_source")
        gold_place = row.get("place")
        if gold_place is None:
            country_ok = name_ok = ev.location_name is None
        else:
            country_ok = ev.location_name is not None and ev.location_country == row.get("place_country")
            name_ok = ev.location_name is not None and _same_name(ev.location_name, gold_place)
        totals["country_ok"] += country_ok
        totals["name_ok"] += name_ok
        totals["with_place"] += gold_place is not None
        totals["found_place"] += gold_place is not None and ev.location_name is not None
        point_ok = None
        if row.get("lat") is not None:
            totals["point_n"] += 1
            point_ok = (
                ev.latitude is not None
                and km(ev.latitude, ev.longitude or 0, row["lat"], row["lon"]) <= POINT_KM
            )
            totals["point_ok"] += point_ok
        if not (date_ok and country_ok and name_ok and point_ok is not False):
            errors.append({"id": row["id"], "text": row["text"],
                           "date": [row["date"], row["date_precision"], ev.event_date, ev.date_precision],
                           "place": [gold_place, row.get("place_country"), ev.location_name, ev.location_country],
                           "point_ok": point_ok})  # fmt: skip
    n = totals["n"] or 1
    return {
        "rows": totals["n"],
        "date_accuracy": round(totals["date_ok"] / n, 3),
        "date_source_accuracy": round(totals["source_ok"] / n, 3),
        "date_by_precision": {
            p: {"n": c["n"], "accuracy": round(c["ok"] / c["n"], 3)} for p, c in sorted(by_prec.items())
        },
        "place_country_accuracy": round(totals["country_ok"] / n, 3),
        "place_name_accuracy": round(totals["name_ok"] / n, 3),
        "place_recall": round(totals["found_place"] / (totals["with_place"] or 1), 3),
        "place_point_accuracy_25km": round(totals["point_ok"] / (totals["point_n"] or 1), 3),
        "point_rows": totals["point_n"],
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument(
        "--no-parse", action="store_true", help="skip spaCy (no clause scoping, no DATE entities)"
    )
    ap.add_argument("--errors", action="store_true", help="list the rows that were not fully right")
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--subset",
        choices=("all", "dev", "holdout"),
        default="all",
        help="holdout = rows written after the rules were tuned (ids holdout-*), dev = the rest",
    )
    ap.add_argument("--ids", nargs=2, metavar=("FIRST", "LAST"), help="only rows with FIRST <= id <= LAST")
    ap.add_argument("--articles", type=Path, nargs="?", const=ARTICLES,
                    help=f"score multi-sentence articles instead (default {ARTICLES.name})")  # fmt: skip
    args = ap.parse_args(argv)
    if args.articles:
        arts = [json.loads(x) for x in args.articles.read_text(encoding="utf-8").splitlines() if x.strip()]
        results = run_articles(arts, parse=not args.no_parse)
    else:
        rows = [json.loads(x) for x in args.gold.read_text(encoding="utf-8").splitlines() if x.strip()]
        if args.subset != "all":
            rows = [r for r in rows if r["id"].startswith("holdout-") == (args.subset == "holdout")]
        if args.ids:
            rows = [r for r in rows if args.ids[0] <= r["id"] <= args.ids[1]]
        results = run(rows, parse=not args.no_parse)
    figures = score(results)
    if args.json:
        print(
            json.dumps(
                figures if args.errors else {k: v for k, v in figures.items() if k != "errors"}, indent=2
            )
        )
        return 0
    print(f"rows: {figures['rows']}")
    print(
        f"date exact (date+precision): {figures['date_accuracy']:.3f}   date_source: {figures['date_source_accuracy']:.3f}"
    )
    for prec, c in figures["date_by_precision"].items():
        print(f"  {prec:8s} n={c['n']:3d}  accuracy={c['accuracy']:.3f}")
    print(
        f"place country-level: {figures['place_country_accuracy']:.3f}   name-level: "
        f"{figures['place_name_accuracy']:.3f}   recall (gold has a place): {figures['place_recall']:.3f}"
    )
    print(
        f"place point-level (<= {POINT_KM:.0f} km, n={figures['point_rows']}): {figures['place_point_accuracy_25km']:.3f}"
    )
    if args.errors:
        for err in figures["errors"]:
            print(json.dumps(err, ensure_ascii=False), file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
