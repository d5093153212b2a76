"""Build the real-news gold set (gold/realnews.jsonl) as standoff annotations.

The corpus text stays in ../shared/corpus; the repository only stores offsets. Annotators work in a scratch
folder outside the repository (it holds copied spans while they work) and this tool turns the scratch files
into offset records.

    python scripts/gold_tool.py pick --kind satp --sentences 300      # documents to annotate, in order
    python scripts/gold_tool.py show satp-0000                         # numbered sentences with offsets
    python scripts/gold_tool.py show satp-0000 --starts scratch/satp/satp-0000.json
    python scripts/gold_tool.py build SCRATCH_DIR --out gold/realnews.jsonl

A scratch file (one per document, JSON) looks like this; spans are quoted from the displayed sentence and
``"text#2"`` picks the second occurrence inside that sentence::

    {"doc": "satp-0000", "starts": ["optional phrases that begin a sentence"],
     "events": [{"s": 2, "trigger": "killed", "type": "ASSAULT", "mode": "firearms", "alt_types": [],
                 "source": {"text": "police", "country": "IND", "sector": "COP"},
                 "target": {"text": "two militants", "country": "IND", "sector": "REB"},
                 "factuality": "asserted", "claimant": null,
                 "place": {"text": "Bijapur District", "country": "IND"},
                 "date": {"value": "2010-03-08", "precision": "day", "evidence": "sentence"}}],
     "decoys": [4],
     "skip": null}

See docs/annotation.md for the guideline.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CORPUS_FILES = {"realnews.jsonl", "indiapoliceevents.jsonl"}
TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
FACTUALITY = {"asserted", "reported", "hypothetical", "negated"}
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "SPY", "LEG", "PTY", "OPP", "REB", "PRM", "CRM", "UAF", "CVL", "JRN", "MED",
    "BUS", "LAB", "AGR", "EDU", "REL", "REF", "HRI", "ELI", "DEV", "ENV", "NGO", "UNK",
}  # fmt: skip
KINDS = ("satp", "insightcrime", "bbc-politics", "muc4", "ipe")
SPLITS = ("train", "train", "train", "dev", "test")
_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Za-z0-9])")
_PARA = re.compile(r"\n\s*\n")


def shared_corpus() -> Path:
    """The ../shared/corpus folder next to the repository."""
    return Path(__file__).resolve().parents[2] / "shared" / "corpus"


def kind_of(doc_id: str) -> str:
    """The corpus kind of a document id: satp, insightcrime, bbc-politics, muc4 or ipe."""
    for kind in KINDS:
        if doc_id.startswith(kind + "-"):
            return kind
    raise ValueError(f"unknown corpus kind for document id {doc_id!r}")


def corpus_of(doc_id: str) -> str:
    """The corpus file that holds a document id."""
    return "indiapoliceevents.jsonl" if doc_id.startswith("ipe-") else "realnews.jsonl"


def load_texts(corpus_dir: Path) -> dict[str, str]:
    """Every document's text by id, from both corpus files."""
    texts: dict[str, str] = {}
    for name in sorted(CORPUS_FILES):
        with open(corpus_dir / name, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                texts[row["id"]] = row["text"]
    return texts


def hash_order(ids: list[str]) -> list[str]:
    """A fixed pseudo-random order of document ids (sha1 of the id)."""
    return sorted(ids, key=lambda i: hashlib.sha1(i.encode()).hexdigest())


def split_of(doc_id: str, all_ids: list[str]) -> str:
    """train/dev/test from the document's rank in its kind's hash order (3:1:1, interleaved)."""
    same_kind = hash_order([i for i in all_ids if kind_of(i) == kind_of(doc_id)])
    return SPLITS[same_kind.index(doc_id) % len(SPLITS)]


def sentence_spans(text: str, starts: list[str] | None = None) -> list[tuple[int, int]]:
    """Sentence spans: punctuation and blank lines, plus cuts before each phrase in ``starts``.

    Each start phrase is searched after the previous one, so a phrase that occurs several times is cut at
    its first occurrence after the last cut.
    """
    cuts = {0}
    for m in _SENT_END.finditer(text):
        cuts.add(m.end())
    for m in _PARA.finditer(text):
        cuts.add(m.end())
    pos = 0
    for phrase in starts or []:
        found = text.find(phrase, pos)
        if found < 0:
            raise ValueError(f"start phrase not found after offset {pos}: {phrase!r}")
        cuts.add(found)
        pos = found + 1
    ordered = sorted(cuts) + [len(text)]
    spans = []
    for a, b in zip(ordered, ordered[1:]):
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            spans.append((a + lead, a + trail))
    return spans


def _wordchar(char: str) -> bool:
    """An ASCII letter or digit (mojibake such as 'Â' next to a word does not make it one word)."""
    return char.isascii() and char.isalnum()


def _find_span(text: str, sent: tuple[int, int], quoted: str, what: str) -> tuple[int, int]:
    needle, _, nth = quoted.partition("#")
    count = int(nth) if nth else 1
    pos = sent[0]
    for _ in range(count):
        found = text.find(needle, pos, sent[1])
        if found < 0:
            raise ValueError(f"{what} {quoted!r} not found in sentence {sent}")
        pos = found + 1
    end = found + len(needle)
    # A span inside a longer word ("he" in "the") is a slip that the '#n' count cannot show: refuse it.
    if (found > 0 and _wordchar(text[found - 1]) and _wordchar(needle[:1])) or (
        end < len(text) and _wordchar(text[end]) and _wordchar(needle[-1:])
    ):
        raise ValueError(f"{what} {quoted!r} starts or ends inside a word at offset {found}")
    return found, end


def _actor(text: str, sent: tuple[int, int], spec: dict[str, Any] | None, what: str) -> dict[str, Any] | None:
    if not spec:
        return None
    start, end = _find_span(text, sent, spec["text"], what)
    country = spec.get("country")
    sector = spec.get("sector")
    if country is not None and not re.fullmatch(r"[A-Z]{3,4}", country):
        raise ValueError(f"{what} country {country!r} is not an ISO3/IGO code")
    if sector is not None and sector not in SECTORS:
        raise ValueError(f"{what} sector {sector!r} not in {sorted(SECTORS)}")
    return {"start": start, "end": end, "country": country, "sector": sector}


def _event(text: str, spans: list[tuple[int, int]], ev: dict[str, Any]) -> dict[str, Any]:
    sent = spans[ev["s"]]
    if ev["type"] not in TYPES:
        raise ValueError(f"unknown type {ev['type']!r}")
    for alt in ev.get("alt_types") or []:
        if alt not in TYPES:
            raise ValueError(f"unknown alternative type {alt!r}")
    if ev.get("factuality", "asserted") not in FACTUALITY:
        raise ValueError(f"unknown factuality {ev.get('factuality')!r}")
    out: dict[str, Any] = {"sentence": list(sent)}
    if ev.get("trigger"):
        t0, t1 = _find_span(text, sent, ev["trigger"], "trigger")
        out["trigger"] = {"start": t0, "end": t1}
    out.update({
        "type": ev["type"], "mode": ev.get("mode"), "alt_types": list(ev.get("alt_types") or []),
        "source": _actor(text, sent, ev.get("source"), "source"),
        "target": _actor(text, sent, ev.get("target"), "target"),
        "factuality": ev.get("factuality", "asserted"),
        "claimant": _claimant(text, spans, ev),
    })  # fmt: skip
    if ev.get("place"):
        p0, p1 = _find_span(text, sent, ev["place"]["text"], "place")
        out["place"] = {"start": p0, "end": p1, "country": ev["place"].get("country")}
    if "date" in ev:
        out["date"] = _date(ev["date"])
    return out


_DATE_VALUE = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|--\d{2}(?:-\d{2})?)$")
PRECISIONS = {"day", "month", "year"}
EVIDENCE = {"clause", "sentence", "narrative", "relative", "published"}


def _date(spec: dict[str, Any] | None) -> dict[str, Any] | None:
    """An event date: a partial ISO value ("2002-03-14", "2002-03", "2002", "--03-14" when the year is not
    given), its precision and the evidence it rests on; ``null`` when nothing in the text dates the event."""
    if spec is None:
        return None
    value, precision = str(spec.get("value", "")), spec.get("precision")
    if not _DATE_VALUE.match(value):
        raise ValueError(f"date value {value!r} is not YYYY, YYYY-MM, YYYY-MM-DD, --MM or --MM-DD")
    if precision not in PRECISIONS:
        raise ValueError(f"date precision {precision!r} not in {sorted(PRECISIONS)}")
    digits = {"year": 1, "month": 2, "day": 3}[precision]
    if len([p for p in value.lstrip("-").split("-")]) + (1 if value.startswith("--") else 0) != digits:
        raise ValueError(f"date value {value!r} does not have {precision} precision")
    if spec.get("evidence") not in EVIDENCE:
        raise ValueError(f"date evidence {spec.get('evidence')!r} not in {sorted(EVIDENCE)}")
    return {"value": value, "precision": precision, "evidence": spec["evidence"]}


def _claimant(text: str, spans: list[tuple[int, int]], ev: dict[str, Any]) -> dict[str, Any] | None:
    spec = ev.get("claimant")
    if not spec:
        return None
    # A claimant may stand in an earlier sentence ("Police said ... . They added that ...").
    sent = spans[spec.get("s", ev["s"])]
    return _actor(text, sent, spec, "claimant")


def build_record(doc_id: str, text: str, scratch: dict[str, Any], all_ids: list[str]) -> dict[str, Any]:
    """One standoff gold line from a scratch annotation (offsets only, no text)."""
    spans = sentence_spans(text, scratch.get("starts"))
    events = []
    decoy_ids = list(scratch.get("decoys", []))
    for i, ev in enumerate(scratch.get("events", [])):
        if not ev.get("source") and not ev.get("target"):
            # PLOVER codes no event without a named actor: the sentence is event-like, so it is a decoy.
            if not any(o.get("s") == ev["s"] and (o.get("source") or o.get("target"))
                       for o in scratch["events"]):  # fmt: skip
                decoy_ids.append(ev["s"])
            continue
        try:
            events.append(_event(text, spans, ev))
        except (ValueError, IndexError, KeyError) as exc:
            raise ValueError(f"{doc_id}: event {i}: {exc}") from exc
    decoys = [list(spans[i]) for i in sorted(set(decoy_ids))]
    return {
        "corpus": corpus_of(doc_id), "doc": doc_id, "kind": kind_of(doc_id), "split": split_of(doc_id, all_ids),
        "sentences": [list(s) for s in spans], "events": events, "decoys": decoys,
    }  # fmt: skip


def _scratch_files(folder: Path) -> Iterator[Path]:
    yield from sorted(folder.rglob("*.json"))


def cmd_pick(args: argparse.Namespace) -> None:
    texts = load_texts(args.corpus)
    ids = hash_order([i for i in texts if kind_of(i) == args.kind])
    total = 0
    for doc_id in ids[args.skip :]:
        n = len(sentence_spans(texts[doc_id]))
        if args.kind == "satp":  # no punctuation: about one sentence per 25 words
            n = max(n, len(texts[doc_id].split()) // 25)
        total += n
        print(doc_id, n, total)
        if total >= args.sentences:
            break


def cmd_show(args: argparse.Namespace) -> None:
    texts = load_texts(args.corpus)
    text = texts[args.doc]
    starts = json.loads(Path(args.starts).read_text()).get("starts") if args.starts else None
    print(f"# {args.doc}  split={split_of(args.doc, list(texts))}  chars={len(text)}")
    for i, (a, b) in enumerate(sentence_spans(text, starts)):
        print(f"[{i}] ({a},{b}) {text[a:b]}")


def cmd_build(args: argparse.Namespace) -> None:
    texts = load_texts(args.corpus)
    all_ids = list(texts)
    records, failed = [], 0
    for path in _scratch_files(Path(args.scratch)):
        scratch = json.loads(path.read_text())
        if scratch.get("skip"):
            continue
        try:
            records.append(build_record(scratch["doc"], texts[scratch["doc"]], scratch, all_ids))
        except (ValueError, KeyError) as exc:
            failed += 1
            print(f"{path}: {exc}", file=sys.stderr)
    records.sort(key=lambda r: (r["kind"], r["doc"]))
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, separators=(",", ":")) + "\n")
    print(f"{len(records)} documents, {sum(len(r['sentences']) for r in records)} sentences, "
          f"{sum(len(r['events']) for r in records)} events; {failed} failed", file=sys.stderr)
    sys.exit(1 if failed else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=shared_corpus())
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pick")
    p.add_argument("--kind", required=True)
    p.add_argument("--sentences", type=int, default=300)
    p.add_argument("--skip", type=int, default=0)
    p.set_defaults(func=cmd_pick)
    p = sub.add_parser("show")
    p.add_argument("doc")
    p.add_argument("--starts")
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("build")
    p.add_argument("scratch")
    p.add_argument("--out", default="gold/realnews.jsonl")
    p.set_defaults(func=cmd_build)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
