"""Library functions behind ``tidings actors``: list entries, export YAML, evaluate against a gold list."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import ActorError
from tidings.kb.index import Index
from tidings.kb.loader import Entry, RawKB, load_raw


def entry_rows(index: Index, kind: str | None = None, country: str | None = None) -> list[dict[str, Any]]:
    """Entries as rows (id, kind, name, country, sector, offices, aliases), filtered by kind and country."""
    aliases: dict[str, list[str]] = {}
    for key_aliases in index.by_key.values():
        for a in key_aliases:
            aliases.setdefault(a.entry_id, [])
            if a.text not in aliases[a.entry_id]:
                aliases[a.entry_id].append(a.text)
    rows = []
    for entry in sorted(index.entries.values(), key=lambda e: (e.kind, e.country or "", e.id)):
        if kind and entry.kind != kind:
            continue
        if country and (entry.country or "").upper() != country.upper():
            continue
        rows.append({"id": entry.id, "kind": entry.kind, "name": entry.name, "country": entry.country,
                     "sector": entry.sector, "offices": "; ".join(_term_text(t) for t in entry.terms),
                     "aliases": ", ".join(aliases.get(entry.id, [])[:8])})  # fmt: skip
    return rows


def _term_text(term: Any) -> str:
    start = term.start.isoformat() if term.start else "?"
    end = term.end.isoformat() if term.end else "-"
    return f"{term.role} {start} {end}" + (f" {term.country}" if term.country else "")


def export_yaml(raw: RawKB, out: Path) -> int:
    """Write the whole knowledge base (ISO names included) as one YAML file in the input format."""
    countries: dict[str, dict[str, Any]] = {}
    igos: list[dict[str, Any]] = []
    orgs: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    sectors: dict[str, list[str]] = {}
    titles: dict[str, dict[str, Any]] = {}
    not_actors: list[str] = []
    for entry_id, entry in raw.entries.items():
        aliases = raw.aliases.get(entry_id, [])
        if entry.kind == "country" and entry.country:
            spec = countries.setdefault(entry.country, {"name": entry.name})
            for a in aliases:
                text = a.text + ("!" if a.cased else "") + ("~" if a.ambiguous else "")
                key = {"name": "names", "adjective": "adjectives", "people": "people"}.get(a.form)
                if key:
                    spec.setdefault(key, []).append(text)
                elif a.form == "capital":
                    spec.setdefault("capitals", []).append(text)
                elif a.form == "seat":
                    spec.setdefault("seats", {})[text] = a.sector
                elif a.form == "context":
                    spec.setdefault("contextual", {})[text] = list(a.needs)
            if entry.offices:
                spec["offices"] = {k: list(v) for k, v in entry.offices.items()}
        elif entry.kind in ("igo", "org"):
            item = {"id": entry.id, "name": entry.name, ("code" if entry.kind == "igo" else "country"): entry.country,
                    "sector": entry.sector, "aliases": _alias_list(entry, aliases)}  # fmt: skip
            if entry.terms:
                item["periods"] = [f"{t.sector} {_term_text(t).split(' ', 1)[1]}" for t in entry.terms]
            item.update({k: v for k, v in (("active", entry.active), ("source", entry.source)) if v})
            (igos if entry.kind == "igo" else orgs).append(item)
        elif entry.kind == "person":
            people.append({"id": entry.id, "name": entry.name, "country": entry.country, "sector": entry.sector,
                           "surname": entry.surname, "aliases": _alias_list(entry, aliases),
                           "terms": [_term_text(t) for t in entry.terms]})  # fmt: skip
        elif entry.kind == "sector" and entry.sector:
            sectors.setdefault(entry.sector, []).extend(
                a.text + ("~" if a.ambiguous else "") for a in aliases
            )
        elif entry.kind == "none":
            not_actors.extend(
                a.text + ("!" if a.cased else "") + ("~" if a.ambiguous else "") for a in aliases
            )
        elif entry.kind == "title":
            titles[entry.name] = {"roles": list(entry.roles), "sector": entry.sector,
                                  "aliases": [a.text for a in aliases if a.text != entry.name]}  # fmt: skip
    capitals = {code: spec.pop("capitals") for code, spec in countries.items() if "capitals" in spec}
    data = {"countries": countries, "capitals": capitals, "igos": igos, "orgs": orgs, "people": people,
            "sectors": sectors, "titles": titles, "not_actors": not_actors}  # fmt: skip
    header = "# tidings actor knowledge base, exported on " + dt.date.today().isoformat() + "\n"
    out.write_text(
        header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
    )
    return len(raw.entries)


def _alias_list(entry: Entry, aliases: list[Any]) -> list[str]:
    return [a.text + ("!" if a.cased else "") + ("~" if a.ambiguous else "") + ("^" if a.local else "")
            for a in aliases if a.text != entry.name and a.form not in ("surname",)]  # fmt: skip


def evaluate(path: Path, files: list[Path] | tuple[Path, ...] = ()) -> dict[str, Any]:
    """Resolution accuracy on a JSONL gold list of mentions in context.

    Each line: ``{"text": sentence, "mention": phrase, "date": "YYYY-MM-DD", "country": ..., "sector": ...,
    "actor_id": ..., "split": optional}`` (gold null = the resolver must give none; ``actor_id`` is scored
    for people only). Returns overall and per-field accuracy, the same per split, and the failures.
    """
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ActorError(f"cannot read gold mentions {path}: {exc}", stage="actors") from exc
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ActorError(f"{path}:{n}: not JSON: {exc}", stage="actors") from exc
    report = _score(rows, files)
    splits = sorted({str(r.get("split")) for r in rows if r.get("split")})
    if splits:
        report["by_split"] = {"main": _summary(_score([r for r in rows if not r.get("split")], files))}
        for split in splits:
            report["by_split"][split] = _summary(_score([r for r in rows if r.get("split") == split], files))
    return report


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in report.items() if k != "failures"}


def _score(rows: list[dict[str, Any]], files: list[Path] | tuple[Path, ...]) -> dict[str, Any]:
    from tidings.stages.actors import lookup

    counts: Counter[str] = Counter()
    failures = []
    for row in rows:
        date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
        found = lookup(row["mention"], date=date, context=row.get("text"), files=files)
        actor = found[0].actor if found and found[0].text == row["mention"] else None
        got = {"country": actor.country if actor else None, "sector": actor.sector if actor else None,
               "actor_id": actor.actor_id if actor and actor.kind == "person" else None}  # fmt: skip
        ok_all = True
        for field in ("country", "sector"):
            counts[f"{field}_n"] += 1
            if got[field] == row.get(field):
                counts[f"{field}_ok"] += 1
            else:
                ok_all = False
        if row.get("actor_id"):
            counts["person_n"] += 1
            if got["actor_id"] == row["actor_id"]:
                counts["person_ok"] += 1
            else:
                ok_all = False
        counts["n"] += 1
        counts["ok"] += ok_all
        if not ok_all:
            failures.append({"mention": row["mention"], "date": row.get("date"), "split": row.get("split", "main"),
                             "gold": {k: row.get(k) for k in got}, "got": got,
                             "steps": found[0].steps if found else []})  # fmt: skip

    def acc(k: str) -> float:
        return round(counts[f"{k}_ok"] / counts[f"{k}_n"], 4) if counts[f"{k}_n"] else 0.0

    return {"mentions": counts["n"], "all_correct": round(counts["ok"] / counts["n"], 4) if counts["n"] else 0.0,
            "country": acc("country"), "sector": acc("sector"), "person": acc("person"),
            "persons": counts["person_n"], "failures": failures}  # fmt: skip


def load_for_export(files: list[Path] | tuple[Path, ...] = ()) -> RawKB:
    """The raw knowledge base (built-in plus ``files``) for export."""
    return load_raw(list(files))


_PRONOUNS = ("he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "who", "which", "that",
             "this", "these", "those", "one", "some", "others", "all", "both")  # fmt: skip
_UNRESOLVED_SQL = """
WITH sides AS (
    SELECT source_text AS phrase, sentence_text, doc_id FROM events
    WHERE source_text IS NOT NULL AND source_country IS NULL
    UNION ALL
    SELECT target_text, sentence_text, doc_id FROM events
    WHERE target_text IS NOT NULL AND target_country IS NULL
), norm AS (
    SELECT regexp_replace(lower(trim(phrase)), '^(the|a|an) ', '') AS phrase, sentence_text, doc_id FROM sides
)
SELECT phrase, count(*) AS n, count(DISTINCT doc_id) AS docs, min(sentence_text) AS example
FROM norm
WHERE length(phrase) > 1 AND NOT list_contains(?, phrase)
GROUP BY phrase
ORDER BY n DESC, docs DESC, phrase
LIMIT ?
"""


def unresolved_rows(store: Any, limit: int = 50) -> list[dict[str, Any]]:
    """The most frequent event source/target phrases stored without a country, with an example sentence.

    These are what a user's ``--actors mine.yaml`` should add (see docs/actors.md). Pronouns and
    one-letter phrases are left out; "the"/"a" at the start is dropped so "the ulfa" and "ulfa" count as one.

    Args:
        store: an open :class:`~tidings.store.Store`.
        limit: how many phrases, most frequent first.
    """
    return list(store.query(_UNRESOLVED_SQL, [list(_PRONOUNS), int(limit)]))
