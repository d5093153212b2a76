"""Actor and place accuracy on the real-news gold (issues 12 and 13), per corpus kind.

    python benchmarks/realnews_who_where.py --split test [--json]
    python benchmarks/realnews_who_where.py --split dev --errors   # wrong spans (train/dev only)

Actors: every gold source/target span that names an actor with a country is looked up in what tidings coded
for the document: the coded event side overlapping the span (events and candidates), else the actor mention
overlapping it. Country, sector and both are scored; an unresolved or missing span counts as wrong.
Dates and places: each gold event is matched to the coded event of the same type (or an alternative type) in
the same gold sentence; over the matched events (see ``tidings.when_where_score`` for the exact rules):

* ``date_exact``: coded date right at the gold's precision, over gold events with a date (a year-less gold
  date "--03-14" wants a year-less coded date; a coded year there is wrong); ``dated_share``: those the
  coder dated; ``wrong_date_share``: wrong coded dates over all coded dates (a date where the gold has none
  is wrong); ``gold_dated``: gold events with a date. Only events with a gold ``date`` key (dev and test
  documents) count;
* ``place_country``: same ISO3 country; ``place_name``: the coded place phrase overlaps the gold place span,
  or both resolve to the same gazetteer entry. Over gold events with a place; unplaced counts as wrong.

Per corpus kind and ``all``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from tidings.config import Settings
from tidings.model import Document
from tidings.pipeline import Pipeline
from tidings.realnews_eval import Aligner, GoldDoc, load_corpus, load_gold
from tidings.stages.ingest import read_sources
from tidings.stages.places import PlaceStage, find_place_phrases
from tidings.when_where_score import place_name_right, tally_date, tally_place

REPO = Path(__file__).resolve().parents[1]


def code_documents(gold: list[GoldDoc], corpus_dir: Path) -> dict[str, Document]:
    """Each gold document coded by the default pipeline, read the way ``tidings ingest`` reads JSONL."""
    rows = load_corpus(corpus_dir, {g.corpus for g in gold})
    with tempfile.TemporaryDirectory(prefix="tidings-who-where-") as tmp:
        path = Path(tmp) / "docs.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for g in gold:
                row = rows[g.doc]
                fh.write(json.dumps({"id": g.doc, "text": row["text"], "published": row.get("published")}) + "\n")
        docs = list(read_sources([path], fmt="jsonl"))
    pipeline = Pipeline.from_settings(Settings.load(), on_error="record")
    out = {}
    for doc in pipeline.run(docs):
        external = (doc.extras.get("ingest") or {}).get("external_id")
        if external is not None and not doc.error:
            doc.parsed = None
            out[str(external)] = doc
    return out


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def resolve_span(doc: Document, align: Aligner, start: int, end: int) -> tuple[str | None, str | None]:
    """(country, sector) tidings gives the gold span: an overlapping coded side, else a mention."""
    return resolve_span_via(doc, align, start, end)[:2]


def resolve_span_via(doc: Document, align: Aligner, start: int, end: int) -> tuple[str | None, str | None, str]:
    """(country, sector, via): via is "side" (a coded event side), "mention" or "none"."""
    best: tuple[int, str | None, str | None] = (0, None, None)
    for ev in doc.events:
        for role in ("source", "target"):
            s, e = getattr(ev, f"{role}_start"), getattr(ev, f"{role}_end")
            if s is None or e is None:
                continue
            ov = _overlap(align(s) or 0, align(e) or 0, start, end)
            if ov > best[0]:
                best = (ov, getattr(ev, f"{role}_country"), getattr(ev, f"{role}_sector"))
    if best[0]:
        return best[1], best[2], "side"
    for m in doc.mentions:
        ov = _overlap(align(m.start) or 0, align(m.end) or 0, start, end)
        if ov > best[0] and m.actor is not None:
            best = (ov, m.actor.country, m.actor.sector)
    return best[1], best[2], "mention" if best[0] else "none"


def score(gold: list[GoldDoc], docs: dict[str, Document], texts: dict[str, str],
          errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:  # fmt: skip
    """Actor and place figures per kind and overall; wrong actor spans are appended to ``errors``."""
    tallies: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for g in gold:
        doc = docs.get(g.doc)
        if doc is None:
            continue
        raw = texts[g.doc]
        align = Aligner(doc.text, raw)
        for ev in g.events:
            for role in ("source", "target"):
                side = ev.get(role)
                if not side or not side.get("country"):
                    continue
                country, sector, via = resolve_span_via(doc, align, side["start"], side["end"])
                if errors is not None and (country, sector) != (side["country"], side.get("sector")):
                    errors.append({"doc": g.doc, "role": role, "span": raw[side["start"] : side["end"]],
                                   "gold": f"{side['country']} {side.get('sector')}", "got": f"{country} {sector}", "via": via,
                                   "sentence": raw[ev["sentence"][0] : ev["sentence"][1]].strip()})  # fmt: skip
                for key in (g.kind, "all"):
                    t = tallies[key]
                    t["actors"] += 1
                    t["country"] += country == side["country"]
                    t["sector"] += sector == side.get("sector")
                    t["both"] += country == side["country"] and sector == side.get("sector")
            _score_place(doc, align, raw, ev, [tallies[g.kind], tallies["all"]])
    return {k: _rates(t) for k, t in sorted(tallies.items())}


def _score_place(doc: Document, align: Aligner, raw: str, ev: dict[str, Any], tallies: list[Any]) -> None:
    """Date and place of the coded event matching one gold event (same gold sentence, type right)."""
    a, b = ev["sentence"]
    types = {ev["type"], *ev.get("alt_types", [])}
    coded = next((c for c in doc.events if c.status == "event" and c.event_type in types
                  and a <= (align(c.verb_start if c.verb_start is not None else c.char_start) or 0) < b), None)  # fmt: skip
    if coded is None:
        return
    place = ev.get("place")
    name_right = False
    if place:
        span = coded.trace.get("place_span")
        coded_span = (align(span[0]) or 0, align(span[1]) or 0) if span else None
        name_right = place_name_right(coded_span, coded.location_name, coded.location_country,
                                      (place["start"], place["end"]), _gold_entry(doc, raw, place),
                                      raw[place["start"] : place["end"]])  # fmt: skip
    for t in tallies:
        t["matched"] += 1
        t["dated_any"] += coded.event_date is not None
        tally_date(t, coded.event_date, coded.date_precision, ev)
        tally_place(t, coded.location_country, name_right, coded.location_name is not None, place)


def _gold_entry(doc: Document, raw: str, place: dict[str, Any]) -> tuple[str, str | None] | None:
    """The gazetteer entry the gold place text resolves to, read as a locative phrase with the document's
    countries as context."""
    stage = _places_stage()
    phrases = find_place_phrases("in " + raw[place["start"] : place["end"]], 0, stage.gazetteer,
                                 stage.document_countries(doc))  # fmt: skip
    found = [p.resolution.place for p in phrases if p.resolution.place is not None]
    return (found[0].name, found[0].country) if found else None


_STAGE: list[PlaceStage] = []


def _places_stage() -> PlaceStage:
    if not _STAGE:
        _STAGE.append(PlaceStage(Settings.load()))
    return _STAGE[0]


def _rates(t: dict[str, int]) -> dict[str, Any]:
    def r(x: str, n: str) -> float | None:
        return round(t[x] / t[n], 3) if t[n] else None

    out = {"actors": t["actors"], "actor_country": r("country", "actors"), "actor_sector": r("sector", "actors"),
           "actor_both": r("both", "actors"), "matched_events": t["matched"], "dated_any": r("dated_any", "matched"),
           "date_events": t["date_events"], "gold_dated": t["gold_dated"],
           "gold_dated_share": r("gold_dated", "date_events"), "dated_share": r("dated", "gold_dated"),
           "date_exact": r("date_right", "gold_dated"), "wrong_date_share": r("coded_wrong", "coded_dates"),
           "gold_places": t["places"], "placed_share": r("placed", "places"),
           "place_country": r("place_country", "places"), "place_name": r("place_name", "places")}  # fmt: skip
    out["date_exact_by_evidence"] = {
        k.split(":", 1)[1]: f"{t['date_right:' + k.split(':', 1)[1]]}/{t[k]}"
        for k in sorted(t) if k.startswith("gold_dated:")
    }  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default=str(REPO / "gold" / "realnews.jsonl"))
    parser.add_argument("--split", default="test")
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list the wrong actor spans (train/dev only)")
    args = parser.parse_args()
    if args.errors and args.split not in ("train", "dev"):
        parser.error("--errors lists documents: train or dev split only (the test split stays unread)")
    gold = load_gold(args.gold, args.split)
    texts = {k: v["text"] for k, v in load_corpus(args.corpus, {g.corpus for g in gold}).items()}
    errors: list[dict[str, Any]] | None = [] if args.errors else None
    result = score(gold, code_documents(gold, Path(args.corpus)), texts, errors)
    for e in errors or ():
        sentence = " ".join(e["sentence"].split())[:200]
        print(f"{e['doc']}\t{e['role']}\t{e['span']!r}\tgold {e['gold']}\tgot {e['got']}\t{e['via']}\t| {sentence}")
    if args.json:
        print(json.dumps(result))
        return
    cols = ("actors", "actor_country", "actor_both", "gold_dated", "date_exact", "dated_share", "wrong_date_share",
            "gold_places", "placed_share", "place_country", "place_name")  # fmt: skip
    print("kind".ljust(14) + "".join(c.rjust(17) for c in cols))
    for kind, row in result.items():
        print(kind.ljust(14) + "".join(str(row[c]).rjust(17) for c in cols))
    print("date exact by gold evidence: " + ", ".join(f"{k} {v}" for k, v in result["all"]["date_exact_by_evidence"].items()))


if __name__ == "__main__":
    sys.exit(main())
