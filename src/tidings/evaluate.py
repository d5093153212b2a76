"""Measure the coder against gold sentences: type and triple P/R/F1, per-type scores, misses, reliability.

Gold format (one JSON object a line): ``{"id", "text", "events": [{"plover_type", "source_country",
"target_country", ...}]}`` (``/work/shared/gold/README.md``; the demo gold uses the same format). A
factuality set has one event a line: ``{"id", "text", "event_type", "factuality", "claimant_country",
"claimant_sector", "source_country", "target_country"}``.

Scores are micro-averaged over sentences: for each sentence the predicted set of PLOVER types (and of
``(source_country, target_country, type)`` triples) is compared with the gold set.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from tidings.config import Settings
from tidings.errors import ConfigError
from tidings.model import Document, Event

BUCKETS: tuple[float, ...] = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 1.0001)
SPLITS = ("dev", "test", "all")


@dataclass(slots=True)
class GoldSentence:
    """One gold sentence with its gold events (dicts as read)."""

    id: str
    text: str
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def types(self) -> set[str]:
        return {e["plover_type"] for e in self.events if e.get("plover_type")}

    @property
    def triples(self) -> set[tuple[str | None, str | None, str]]:
        return {(e.get("source_country"), e.get("target_country"), e["plover_type"])
                for e in self.events if e.get("plover_type")}  # fmt: skip


def split_of(sentence_id: str) -> str:
    """``dev`` or ``test``: a stable ~50/50 split by a hash of the sentence id."""
    return "dev" if hashlib.sha1(sentence_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def gold_lines(path: str | Path, split: str, splits: Sequence[str]) -> list[str]:
    """The lines of a gold file, once ``split`` is checked against ``splits``.

    Raises:
        ConfigError: unknown split, or the file cannot be read.
    """
    if split not in splits:
        raise ConfigError(f"unknown split {split!r}; use one of {', '.join(splits)}")
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read gold file {path}: {exc}") from exc


def load_gold(path: str | Path, split: str = "all") -> list[GoldSentence]:
    """Read a gold JSONL file (sentence format or one-event-a-line factuality format).

    Raises:
        ConfigError: the file cannot be read, a line is not JSON, or the split is unknown.
    """
    lines = gold_lines(path, split, SPLITS)
    out: list[GoldSentence] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{n}: not JSON: {exc}") from exc
        sid = str(row.get("id", n))
        if split != "all" and split_of(sid) != split:
            continue
        events = row.get("events")
        if events is None and row.get("event_type"):  # factuality format: one event a line
            events = [{"plover_type": row["event_type"], **row}]
        out.append(GoldSentence(sid, row["text"], list(events or [])))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp,
            "predicted": n_pred, "gold": n_gold}  # fmt: skip


@lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import pycountry

    return frozenset({c.alpha_3 for c in pycountry.countries} | {"KOS"})


def country_key(code: str | None) -> str | None:
    """The country as the gold records it: ISO 3166 alpha-3 (plus KOS), else None.

    The GSR gives IGOs, NGOs and militant groups no country, so predicted IGO codes (UNO, EUR, NATO)
    are compared as None.
    """
    return code if code in _iso3() else None


def score(gold: Sequence[GoldSentence], predicted: Sequence[Sequence[Event]],
          worst: int = 15) -> dict[str, Any]:  # fmt: skip
    """Scores of ``predicted`` events (one list per gold sentence, same order) against ``gold``."""
    t_tp = t_p = t_g = r_tp = r_p = r_g = 0
    per: dict[str, Counter[str]] = {}
    misses: list[dict[str, Any]] = []
    # The GSR gives IGOs and NGOs no country; when a gold file has only ISO codes, predicted IGO codes
    # (UNO, EUR, NATO) are compared as None. Gold files that use IGO codes (the demo) are compared as is.
    iso_only = all(country_key(c) == c for g in gold for t in g.triples for c in t[:2] if c is not None)
    key = country_key if iso_only else (lambda c: c)
    buckets: list[list[int]] = [[0, 0, 0, 0] for _ in BUCKETS[:-1]]  # n, type ok, sum(conf*1000), triple ok
    for g, events in zip(gold, predicted, strict=True):
        ptypes = {e.event_type for e in events}
        ptriples = {(key(e.source_country), key(e.target_country), e.event_type) for e in events}
        gtypes, gtriples = g.types, g.triples
        t_tp += len(ptypes & gtypes)
        t_p += len(ptypes)
        t_g += len(gtypes)
        r_tp += len(ptriples & gtriples)
        r_p += len(ptriples)
        r_g += len(gtriples)
        for t in ptypes | gtypes:
            c = per.setdefault(t, Counter())
            c["tp"] += t in ptypes and t in gtypes
            c["p"] += t in ptypes
            c["g"] += t in gtypes
        for e in events:
            for k in range(len(BUCKETS) - 1):
                if BUCKETS[k] <= e.confidence < BUCKETS[k + 1]:
                    buckets[k][0] += 1
                    buckets[k][1] += e.event_type in gtypes
                    buckets[k][2] += round(e.confidence * 1000)
                    buckets[k][3] += (key(e.source_country), key(e.target_country), e.event_type) in gtriples
        if gtypes - ptypes or ptriples != gtriples:
            misses.append({"id": g.id, "text": g.text, "gold": sorted(map(_fmt, gtriples)),
                           "predicted": sorted(map(_fmt, ptriples)),
                           "missed_types": sorted(gtypes - ptypes),
                           "extra_types": sorted(ptypes - gtypes)})  # fmt: skip
    misses.sort(key=lambda m: (-len(m["missed_types"]), -len(m["extra_types"]), m["id"]))
    return {
        "sentences": len(gold),
        "gold_events": sum(len(g.events) for g in gold),
        "predicted_events": sum(len(p) for p in predicted),
        "type": _prf(t_tp, t_p, t_g),
        "triple": _prf(r_tp, r_p, r_g),
        "per_type": {t: _prf(c["tp"], c["p"], c["g"]) for t, c in sorted(per.items())},
        "reliability": [
            {"bucket": f"{BUCKETS[k]:.1f}-{min(BUCKETS[k + 1], 1.0):.1f}", "events": n,
             "mean_confidence": round(s / 1000 / n, 3) if n else None,
             "precision": round(ok / n, 4) if n else None,
             "triple_precision": round(tr / n, 4) if n else None}
            for k, (n, ok, s, tr) in enumerate(buckets)
        ],  # fmt: skip
        "worst": misses[:worst],
    }


def _fmt(triple: tuple[str | None, str | None, str]) -> str:
    return f"{triple[0] or '-'}>{triple[1] or '-'}:{triple[2]}"


def score_factuality(gold: Sequence[GoldSentence], predicted: Sequence[Sequence[Event]]) -> dict[str, Any]:
    """Factuality and claimant accuracy: the predicted event of the gold type (else the first) per line."""
    n = fact_ok = type_ok = claim_n = claim_ok = sector_ok = 0
    confusion: Counter[str] = Counter()
    for g, events in zip(gold, predicted, strict=True):
        if not g.events:
            continue
        want = g.events[0]
        n += 1
        match = next((e for e in events if e.event_type == want["plover_type"]), None)
        type_ok += match is not None
        event = match or (events[0] if events else None)
        got = event.factuality if event is not None else "none"
        fact_ok += got == want.get("factuality")
        confusion[f"{want.get('factuality')}->{got}"] += 1
        if want.get("claimant_country") or want.get("claimant_sector"):
            claim_n += 1
            claim_ok += event is not None and event.claimant_country == want.get("claimant_country")
            sector_ok += event is not None and event.claimant_sector == want.get("claimant_sector")
    return {
        "sentences": n,
        "factuality_accuracy": round(fact_ok / n, 4) if n else 0.0,
        "type_found": round(type_ok / n, 4) if n else 0.0,
        "claimant_sentences": claim_n,
        "claimant_country_accuracy": round(claim_ok / claim_n, 4) if claim_n else None,
        "claimant_sector_accuracy": round(sector_ok / claim_n, 4) if claim_n else None,
        "confusion": dict(sorted(confusion.items())),
    }


def build_pipeline(settings: Settings | None = None) -> Any:
    """parse -> actors -> coder. A stage that cannot be loaded raises :class:`PluginError`, none skipped."""
    from tidings.pipeline import Pipeline

    settings = settings or Settings()
    return Pipeline.from_settings(settings, names=["parse.spacy.v1", "actors.kb.v1", "coder.rules.v1"],
                                  on_error="record")  # fmt: skip


def code_sentences(texts: Iterable[str], settings: Settings | None = None, errors: list[str] | None = None,
                   *, candidates: bool = False) -> list[list[Event]]:  # fmt: skip
    """Code each text as its own document; one event list per text, in order.

    Only accepted events are returned, unless ``candidates`` (then rejected candidates too). A document
    a stage fails on gets no events; its error is appended to ``errors`` when given.
    """
    docs = [Document(doc_id=f"gold-{i}", text=t) for i, t in enumerate(texts)]
    out: dict[str, list[Event]] = {}
    for doc in build_pipeline(settings).run(docs):
        out[doc.doc_id] = doc.events if candidates else doc.accepted_events
        if doc.error and errors is not None:
            errors.append(f"{doc.doc_id}: {doc.error}")
    return [out.get(d.doc_id, []) for d in docs]


def evaluate(path: str | Path, split: str = "all", factuality: bool = False,
             settings: Settings | None = None) -> dict[str, Any]:  # fmt: skip
    """Code the gold sentences of ``path`` (``split``) and score them."""
    gold = load_gold(path, split)
    errors: list[str] = []
    predicted = code_sentences([g.text for g in gold], settings, errors)
    report = score(gold, predicted)
    report["errors"] = errors
    report["file"] = str(path)
    report["split"] = split
    if factuality:
        report["factuality"] = score_factuality(gold, predicted)
    return report
