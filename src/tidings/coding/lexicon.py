"""The event lexicon: verb and noun entries (PLOVER type, mode, CAMEO code, confidence) read from YAML.

The built-in lexicon is ``tidings/data/lexicon/*.yaml``; user files (``Settings.lexicon_files``) are
applied over it in order, so a user entry with the same key replaces the built-in one. The format is
documented at the top of ``verbs.yaml`` and in ``docs/coding.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import CodingError
from tidings.model import PLOVER_TYPES

# CAMEO root -> PLOVER type, with the 2021 table's exceptions (facts of the CAMEO2PLOVER mapping).
_CAMEO_ROOTS: dict[str, str] = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID", "08": "CONCEDE",
    "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
    "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}  # fmt: skip
_CAMEO_EXCEPTIONS: dict[str, str] = {
    "084": "RETREAT", "085": "RETREAT", "086": "RETREAT", "087": "RETREAT", "0813": "RETREAT",
    "0814": "RETREAT", "163": "COERCE", "1712": "ASSAULT", "175": "ASSAULT", "191": "COERCE",
    "192": "COERCE",
}  # fmt: skip
_COMPLEMENT = ("absorb", "intent", "deny")
_TARGET = ("object", "complement_subject")


def cameo_type(code: str) -> str | None:
    """The PLOVER type of a CAMEO code (exact code, then its 3-digit parent, then its root)."""
    for key in (code, code[:3], code[:2]):
        if key in _CAMEO_EXCEPTIONS:
            return _CAMEO_EXCEPTIONS[key]
    return _CAMEO_ROOTS.get(code[:2])


@dataclass(slots=True, frozen=True)
class Entry:
    """One lexicon entry: what a verb or noun (with an optional particle) codes to."""

    key: str
    kind: str  # verb | noun
    type: str
    source_file: str
    mode: str | None = None
    cameo: str | None = None
    context: str | None = None
    confidence: float = 0.8
    complement: str = "absorb"
    target: str = "object"
    no_target: bool = False
    needs_object: tuple[str, ...] = ()
    needs_actor_object: bool = False
    transitive: bool = False
    active_only: bool = False
    state_type: str | None = None
    state_mode: str | None = None
    state_cameo: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        """The key split into words (lemma first); a ``#variant`` suffix is not a word."""
        return tuple(self.key.split("#", 1)[0].split())

    @property
    def specific(self) -> int:
        """How many conditions the entry puts on its context (more specific entries are tried first)."""
        return len(self.words) * 4 + 2 * bool(self.needs_object) + bool(self.transitive)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able summary for traces."""
        return {"key": self.key, "kind": self.kind, "file": self.source_file, "type": self.type,
                "mode": self.mode, "cameo": self.cameo, "confidence": self.confidence}  # fmt: skip


@dataclass(slots=True)
class Lexicon:
    """Verb and noun entries plus the word lists the coder needs (speech, light verbs, intent, modals)."""

    verbs: dict[str, Entry] = field(default_factory=dict)
    nouns: dict[str, Entry] = field(default_factory=dict)
    speech: set[str] = field(default_factory=set)
    light_verbs: set[str] = field(default_factory=set)
    intent: set[str] = field(default_factory=set)
    plans: set[str] = field(default_factory=set)
    modals: dict[str, set[str]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    _index: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def verb_entries(self, lemma: str) -> list[Entry]:
        """Entries whose key starts with ``lemma``, longest key first."""
        return list(self._lookup("verbs", lemma))

    def noun_entries(self, lemma: str) -> list[Entry]:
        """Entries whose key contains ``lemma`` as its head or first word, longest first."""
        return list(self._lookup("nouns", lemma))

    def _lookup(self, kind: str, lemma: str) -> tuple[Entry, ...]:
        # An index by word, built on first use (a scan of every entry per token made the coder the slowest
        # stage); rebuilt whenever an entry was added or replaced since.
        entries: dict[str, Entry] = self.verbs if kind == "verbs" else self.nouns
        stamp = (len(entries), tuple(map(id, entries.values())))
        cached = self._index.get(kind)
        if cached is None or cached[0] != stamp:
            by_word: dict[str, list[Entry]] = {}
            for entry in entries.values():
                words = entry.words[:1] if kind == "verbs" else tuple(dict.fromkeys(entry.words))
                for word in words:
                    by_word.setdefault(word, []).append(entry)
            ordered = {w: tuple(sorted(es, key=lambda e: -e.specific)) for w, es in by_word.items()}
            cached = self._index[kind] = (stamp, ordered)
        return cached[1].get(lemma, ())

    def modal_kind(self, word: str) -> str | None:
        """``future``, ``epistemic`` or ``deontic`` for a modal auxiliary, else None."""
        for kind, words in self.modals.items():
            if word in words:
                return kind
        return None


def _entry(key: str, value: Any, kind: str, source: str) -> Entry:
    if not isinstance(value, dict) or "type" not in value:
        raise CodingError(f"lexicon {source}: entry {key!r} needs a mapping with a 'type'")
    etype = str(value["type"]).upper()
    if etype not in (*PLOVER_TYPES, "NONE"):
        raise CodingError(f"lexicon {source}: entry {key!r} has unknown PLOVER type {etype!r}; "
                          f"use one of {', '.join(PLOVER_TYPES)}")  # fmt: skip
    cameo = value.get("cameo")
    cameo = None if cameo is None else str(cameo)
    if cameo is not None and etype != "NONE" and cameo_type(cameo) != etype:
        raise CodingError(f"lexicon {source}: entry {key!r} is {etype} but CAMEO {cameo} maps to "
                          f"{cameo_type(cameo)}; fix the code or leave it null")  # fmt: skip
    state_type = value.get("state_type")
    state_cameo = value.get("state_cameo")
    if state_type is not None and str(state_type).upper() not in PLOVER_TYPES:
        raise CodingError(f"lexicon {source}: entry {key!r} has unknown state_type {state_type!r}")
    if state_cameo is not None and cameo_type(str(state_cameo)) != str(state_type).upper():
        raise CodingError(f"lexicon {source}: entry {key!r}: state_cameo {state_cameo} is not {state_type}")
    complement = value.get("complement", "absorb")
    target = value.get("target", "object")
    if complement not in _COMPLEMENT or target not in _TARGET:
        raise CodingError(f"lexicon {source}: entry {key!r}: complement must be one of {_COMPLEMENT}, "
                          f"target one of {_TARGET}")  # fmt: skip
    return Entry(
        key=key.lower().strip(), kind=kind, type=etype, source_file=source, mode=value.get("mode"),
        cameo=cameo, context=value.get("context"), confidence=float(value.get("confidence", 0.8)),
        complement=complement, target=target, no_target=bool(value.get("no_target", False)),
        needs_object=tuple(str(w).lower() for w in value.get("needs_object") or ()),
        needs_actor_object=bool(value.get("needs_actor_object", False)),
        transitive=bool(value.get("transitive", False)), active_only=bool(value.get("active_only", False)),
        state_type=None if state_type is None else str(state_type).upper(),
        state_mode=value.get("state_mode"),
        state_cameo=None if state_cameo is None else str(state_cameo),
    )  # fmt: skip


def _merge(lex: Lexicon, data: Any, source: str) -> None:
    if data is None:
        return
    if not isinstance(data, dict):
        raise CodingError(f"lexicon {source}: top level must be a mapping (verbs:, nouns:, ...)")
    for kind, table in (("verb", "verbs"), ("noun", "nouns")):
        for key, value in (data.get(table) or {}).items():
            entry = _entry(str(key), value, kind, source)
            (lex.verbs if kind == "verb" else lex.nouns)[entry.key] = entry
    for name in ("speech", "light_verbs", "intent", "plans"):
        getattr(lex, name).update(str(w).lower() for w in data.get(name) or ())
    for kind, words in (data.get("modals") or {}).items():
        lex.modals.setdefault(kind, set()).update(str(w).lower() for w in words)
    lex.files.append(source)


def load_lexicon(extra: tuple[Path, ...] | list[Path] = ()) -> Lexicon:
    """The built-in lexicon with ``extra`` YAML files applied over it, in order.

    Raises:
        CodingError: a file is missing, is not YAML, or has an invalid entry.
    """
    return _load(tuple(Path(p) for p in extra))


@lru_cache(maxsize=8)
def _load(extra: tuple[Path, ...]) -> Lexicon:
    lex = Lexicon()
    base = resources.files("tidings") / "data" / "lexicon"
    for item in sorted(base.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".yaml"):
            _merge(lex, yaml.safe_load(item.read_text(encoding="utf-8")), item.name)
    for path in extra:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CodingError(f"cannot read lexicon file {path}: {exc}") from exc
        _merge(lex, data, str(path))
    return lex
