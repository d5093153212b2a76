"""Analyst review: mark coded events right or wrong, correct their fields, export the reviews as gold.

    add_review(store, "5e83c7ccaf91e7ef", "wrong", {"event_type": "THREATEN"}, note="a warning, not a strike")
    export_gold(store, "reviews.jsonl")          # the real-news gold format (docs/annotation.md)
    add_actor_phrase("news.actors.yaml", "Kalahandi police", country="IND", sector="COP")

Reviews are rows of the store's ``reviews`` table (one per verdict; the latest per event counts). The gold
export turns reviewed events into the standoff format of ``gold/realnews.jsonl``, with offsets into the
stored document text: an event marked right is kept as coded, one marked wrong with corrections is kept with
the corrected fields, and one marked wrong without corrections becomes a decoy sentence (no event there).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import ConfigError, StoreError
from tidings.model import FACTUALITY, PLOVER_TYPES, stable_id

VERDICTS: tuple[str, ...] = ("right", "wrong")
# Event fields a review may correct.
CORRECTABLE: tuple[str, ...] = (
    "event_type", "event_mode", "source_country", "source_sector", "source_actor_id", "target_country",
    "target_sector", "target_actor_id", "factuality", "event_date", "location_name", "location_country",
    "claimant_text",
)  # fmt: skip
_CODE = re.compile(r"^[A-Z]{2,5}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SLUG = re.compile(r"[^a-z0-9]+")


def check_corrections(corrections: dict[str, Any] | None) -> dict[str, Any]:
    """Validate and normalise corrected fields (codes upper-case, empty values dropped).

    Raises:
        ConfigError: an unknown field or a malformed value, naming the field.
    """
    out: dict[str, Any] = {}
    for key, raw in (corrections or {}).items():
        if key not in CORRECTABLE:
            raise ConfigError(f"cannot correct {key!r}; correctable fields: {', '.join(CORRECTABLE)}")
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        value = str(raw).strip()
        if key == "event_type":
            value = value.upper()
            if value not in PLOVER_TYPES:
                raise ConfigError(
                    f"event_type {value!r} is not a PLOVER type; use one of {', '.join(PLOVER_TYPES)}"
                )
        elif key == "factuality":
            value = value.lower()
            if value not in FACTUALITY:
                raise ConfigError(f"factuality {value!r} is not one of {', '.join(FACTUALITY)}")
        elif key.endswith(("_country", "_sector")):
            value = value.upper()
            if not _CODE.match(value):
                raise ConfigError(f"{key} must be a code of 2-5 letters (PRK, NATO, MIL), not {raw!r}")
        elif key == "event_date" and not _DATE.match(value):
            raise ConfigError(f"event_date must look like 2023, 2023-03 or 2023-03-13, not {raw!r}")
        out[key] = value
    return out


def add_review(store: Any, event_id: str, verdict: str, corrections: dict[str, Any] | None = None,
               note: str | None = None) -> dict[str, Any]:  # fmt: skip
    """Record a verdict (and corrected fields) on a stored event; returns the review row.

    Raises:
        ConfigError: unknown verdict or malformed corrections.
        StoreError: no such event, or the store is read-only.
    """
    if verdict not in VERDICTS:
        raise ConfigError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    fixed = check_corrections(corrections)
    if store.scalar("SELECT count(*) FROM events WHERE event_id = ?", [event_id]) == 0:
        raise StoreError(f"no event {event_id!r}")
    at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    row = {"review_id": stable_id(event_id, verdict, json.dumps(fixed, sort_keys=True), note, at.isoformat()),
           "event_id": event_id, "verdict": verdict, "corrections": fixed, "note": note or None, "at": at}  # fmt: skip
    store.append_rows("reviews", [row])
    return {**row, "at": at.isoformat()}


def latest_reviews(store: Any, event_id: str | None = None) -> list[dict[str, Any]]:
    """The latest review of each reviewed event (or of one event), with the event's type, sides and sentence."""
    cond = "WHERE r.event_id = ?" if event_id else ""
    found: list[dict[str, Any]] = store.query(
        "SELECT r.*, e.doc_id, e.event_type, e.source_country, e.target_country, e.factuality, e.sentence_text "
        f"FROM reviews r JOIN events e ON e.event_id = r.event_id {cond} "
        "QUALIFY row_number() OVER (PARTITION BY r.event_id ORDER BY r.at DESC, r.review_id DESC) = 1 "
        "ORDER BY r.at DESC, r.review_id",
        [event_id] if event_id else [],
    )
    return found


def _find(text: str, needle: str | None, start: int, end: int) -> dict[str, int] | None:
    if not needle:
        return None
    at = text.find(needle, start, end)
    return None if at < 0 else {"start": at, "end": at + len(needle)}


def _side(event: dict[str, Any], side: str) -> dict[str, Any] | None:
    country, sector = event.get(f"{side}_country"), event.get(f"{side}_sector")
    start, end = event.get(f"{side}_start"), event.get(f"{side}_end")
    if start is None and country is None and sector is None:
        return None
    return {"start": start, "end": end, "country": country, "sector": sector}


def gold_event(event: dict[str, Any], text: str) -> dict[str, Any]:
    """One (corrected) event record in the gold format: sentence, trigger, type, sides, factuality, claimant."""
    s0, s1 = event["char_start"], event["char_end"]
    gold: dict[str, Any] = {
        "sentence": [s0, s1],
        "trigger": {"start": event.get("verb_start"), "end": event.get("verb_end")},
        "type": event["event_type"], "mode": event.get("event_mode"), "alt_types": [],
        "source": _side(event, "source"), "target": _side(event, "target"),
        "factuality": event.get("factuality") or "asserted",
        "claimant": _find(text, event.get("claimant_text"), s0, s1),
        "event_id": event["event_id"],
    }  # fmt: skip
    place = _find(text, event.get("location_name"), s0, s1)
    if place:
        gold["place"] = {**place, "country": event.get("location_country")}
    return gold


def gold_documents(store: Any, with_text: bool = False) -> list[dict[str, Any]]:
    """Reviewed events as gold lines, one per document (see the module docstring).

    Each line carries ``text_sha1`` of the stored text its offsets point into, and the text itself with
    ``with_text`` (a self-contained training file; leave it out for standoff files kept beside a corpus).
    """
    reviews = {r["event_id"]: r for r in latest_reviews(store)}
    if not reviews:
        return []
    events = store.query(
        "SELECT e.* EXCLUDE (trace) FROM events e WHERE e.event_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY e.doc_id, e.char_start, e.verb_start NULLS LAST, e.event_id",
        [sorted(reviews)],
    )
    lines: list[dict[str, Any]] = []
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        by_doc.setdefault(event["doc_id"], []).append(event)
    for doc_id, doc_events in by_doc.items():
        doc = store.query("SELECT doc_id, text, source, title FROM documents WHERE doc_id = ?", [doc_id])[0]
        sentences = store.query('SELECT start, "end" FROM sentences WHERE doc_id = ? ORDER BY idx', [doc_id])
        gold_events, decoys = [], []
        for event in doc_events:
            review = reviews[event["event_id"]]
            fixes = review["corrections"] or {}
            if review["verdict"] == "wrong" and not fixes:
                decoys.append([event["char_start"], event["char_end"]])
                continue
            gold_events.append({**gold_event({**event, **fixes}, doc["text"]), "verdict": review["verdict"]})
        line: dict[str, Any] = {
            "corpus": doc["source"], "doc": doc_id, "title": doc["title"], "kind": "review", "split": "train",
            "partial": True, "text_sha1": hashlib.sha1(doc["text"].encode("utf-8")).hexdigest(),
            "sentences": [[s["start"], s["end"]] for s in sentences],
            "events": gold_events, "decoys": sorted({tuple(d): d for d in decoys}.values()),
        }  # fmt: skip
        if with_text:
            line["text"] = doc["text"]
        lines.append(line)
    return lines


def export_gold(store: Any, out: str | Path, with_text: bool = False) -> int:
    """Write :func:`gold_documents` as JSONL to ``out``; returns the number of reviewed events written."""
    lines = gold_documents(store, with_text)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return sum(len(line["events"]) + len(line["decoys"]) for line in lines)


def user_actors_path(db: str | Path) -> Path:
    """The default user actor dictionary next to a store: ``news.duckdb`` -> ``news.actors.yaml``."""
    path = Path(db)
    return path.with_name(f"{path.stem}.actors.yaml")


def add_actor_phrase(path: str | Path, phrase: str, country: str | None = None, sector: str | None = None,
                     name: str | None = None) -> dict[str, Any]:  # fmt: skip
    """Add (or update) a phrase as an organisation entry in a user actor YAML file that ``--actors`` reads.

    Returns:
        The entry written (``id``, ``name``, ``country``, ``sector``, ``aliases``).

    Raises:
        ConfigError: an empty phrase, malformed codes, or an unreadable file.
    """
    phrase = " ".join((phrase or "").split())
    if not phrase or len(phrase) > 200:
        raise ConfigError("the actor phrase must be 1-200 characters")
    fixed = check_corrections({"source_country": country, "source_sector": sector})
    target = Path(path)
    try:
        data = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else None
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read actor file {target}: {exc}") from exc
    data = data if isinstance(data, dict) else {}
    orgs = data.setdefault("orgs", [])
    entry_id = "user." + (_SLUG.sub("_", phrase.lower()).strip("_") or stable_id(phrase, length=8))
    entry = {"id": entry_id, "name": name or phrase, "country": fixed.get("source_country"),
             "sector": fixed.get("source_sector"), "aliases": [phrase]}  # fmt: skip
    entry = {k: v for k, v in entry.items() if v is not None}
    data["orgs"] = [o for o in orgs if not (isinstance(o, dict) and o.get("id") == entry_id)] + [entry]
    target.parent.mkdir(parents=True, exist_ok=True)
    header = "# Your actor dictionary (written by tidings; read with --actors). Same format as the built-in files.\n"
    target.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return entry
