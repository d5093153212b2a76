"""A document's actor context: its letter case, its dateline and the countries it is about.

Built once per document by :class:`~tidings.kb.resolver.ActorResolver` from the document's own text,
title and resolved mentions. Generic actors ("police", "the army", "militants", "the government") take
the document's country from it when one country clearly dominates; places are looked up with it, so a
town in a Kashmir story is not read as a same-named place in Syria.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tidings.kb.era import Era
from tidings.model import Actor, Mention

# Sectors of international actors, never given a document's country.
NO_COUNTRY_SECTORS = frozenset({"IGO", "NGO", "UNO", "INT", "IMG"})
# Sectors never read from the document at the mention level: international ones, and refugees (who are by
# definition away from their country).
_NOT_GENERIC = NO_COUNTRY_SECTORS | {"REF"}
# Words of places named after an actor ("a police station", "the army camp").
_FACILITIES = frozenset({"station", "stations", "post", "posts", "camp", "camps", "office", "offices",
                         "building", "buildings", "headquarters", "house", "quarters", "complex", "premises"})
DATELINE_WEIGHT = 3.0  # "SRINAGAR, March 3 -": where the story was filed
TITLE_WEIGHT = 2.0  # a country in the headline
PLACE_WEIGHT = 1.0  # a town or district named early in the story, per distinct place
LEDE_BONUS = 1.0  # a country in the first sentences counts twice
LEDE_CHARS = 400
CLEAR_RATIO = 1.5  # the top country must outweigh the next by this much
MIN_WEIGHT = 1.0  # and carry at least one piece of evidence
GENERIC_SCORE = 0.6  # confidence of a country taken from the document context

_DATELINE = re.compile(
    r"\s*(?P<place>[A-Za-z][A-Za-z .'’-]{1,30}?)\s*"
    r"(?:,\s*(?:[A-Za-z]{3,9}\.?\s*\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Za-z]{3,9}\.?(?:\s+\d{2,4})?))?"
    r"\s*(?:\([^)\n]{1,25}\))?\s*(?::|--|—|–|-)\s"
)


def is_uppercase_text(text: str) -> bool:
    """True when the text is (almost) all capitals, as in wire-service and MUC-style archives."""
    letters = lower = 0
    for ch in text[:20000]:
        if ch.isalpha():
            letters += 1
            lower += ch.islower()
    return letters >= 20 and lower / letters < 0.02


def caseless_view(text: str) -> str:
    """``text`` lower-cased character by character, so every offset stays the same."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(slots=True)
class DocContext:
    """What the resolver knows about one document before resolving its phrases.

    Attributes:
        text: the text phrases are scanned in: the document text, lower-cased when it is ALL CAPS (same
            offsets), so that capitals carry no false evidence.
        lowercase: the text carries no case information (all lowercase or ALL CAPS).
        weights: country code -> evidence (dateline, headline, mentions weighted by position).
        dateline: the dateline place and its country, when the text starts with one.
        era: for a document with no date, the day its named office holders date it to
            (:func:`tidings.kb.era.document_era`).
    """

    text: str
    lowercase: bool
    weights: dict[str, float] = field(default_factory=dict)
    dateline: tuple[str, str] | None = None
    era: Era | None = None

    def ranked(self) -> list[tuple[str, float]]:
        """Countries by weight, heaviest first (ties by code, for stable output)."""
        return sorted(self.weights.items(), key=lambda kv: (-kv[1], kv[0]))

    def country(self) -> tuple[str | None, list[str], str]:
        """The document's country when one dominates: (code, [], why); a tie: (None, tied codes, why)."""
        ranked = self.ranked()
        if not ranked:
            return None, [], "no country in the document"
        (top, w), rest = ranked[0], ranked[1:]
        second = rest[0][1] if rest else 0.0
        summary = ", ".join(f"{c} {v:g}" for c, v in ranked[:3])
        if w >= MIN_WEIGHT and w >= CLEAR_RATIO * second:
            return top, [], f"document context {summary}"
        tied = [c for c, v in ranked if v * CLEAR_RATIO > w]
        return None, tied if len(tied) > 1 else [], f"document context unclear ({summary})"

    def place_context(self) -> list[str]:
        """The countries a place name is looked up against: those carrying at least half the top weight."""
        ranked = self.ranked()
        if not ranked:
            return []
        top = ranked[0][1]
        return [c for c, v in ranked if v * 2 >= top]


def country_weights(mentions: list[Mention], title_countries: list[str],
                    dateline_country: str | None) -> dict[str, float]:  # fmt: skip
    """Evidence per country: dateline, headline, then each resolved mention (twice in the lede)."""
    weights: dict[str, float] = {}
    if dateline_country:
        weights[dateline_country] = weights.get(dateline_country, 0.0) + DATELINE_WEIGHT
    for code in title_countries:
        weights[code] = weights.get(code, 0.0) + TITLE_WEIGHT
    for m in mentions:
        code = _state_country(m.actor)
        if code is None or m.score < 0.7:
            continue
        weights[code] = weights.get(code, 0.0) + 1.0 + (LEDE_BONUS if m.start < LEDE_CHARS else 0.0)
    return weights


def _state_country(actor: Actor | None) -> str | None:
    """The state an actor belongs to (IGOs and transnational groups name none)."""
    if actor is None or not actor.country or actor.kind in ("igo", "place"):
        return None
    code = actor.country
    return code if len(code) == 3 and code.isalpha() and code.isupper() and code not in ("UNO", "IMG", "NGO") else None


def dateline_place(text: str) -> str | None:
    """The place of a dateline at the very start of the text ("NEW DELHI, March 3 (Reuters) -")."""
    m = _DATELINE.match(text[:80])
    if m is None:
        return None
    place = m.group("place").strip()
    words = place.split()
    if not words or len(words) > 4:
        return None
    return place


def is_generic(mention: Mention) -> bool:
    """A country-less sector actor of some state's organs or society ("the police", "ministers", "MPs",
    "the court", "militants", "villagers"): its country is read from the whole document (docs/annotation.md).
    Not a facility named after one ("a police station"), international sectors or refugees."""
    a = mention.actor
    if a is None or a.country is not None or a.kind != "sector" or a.sector in _NOT_GENERIC:
        return False
    words = re.findall(r"[a-z]+", mention.text.lower())
    return bool(words) and words[-1] not in _FACILITIES


def apply_document_country(mention: Mention, ctx: DocContext) -> None:
    """Give a generic actor the document's country (lower confidence, with a step); a tie lists candidates."""
    if not is_generic(mention):
        return
    a = mention.actor
    assert a is not None
    code, tied, why = ctx.country()
    if code is not None:
        mention.actor = Actor(code, a.sector, a.actor_id, a.name, a.role, a.kind)
        mention.score = min(mention.score, GENERIC_SCORE)
        mention.steps.append(f"generic '{mention.text.strip()}' takes the {why} -> {code} {a.sector}"
                             f" (low confidence)")  # fmt: skip
    elif tied:
        mention.candidates.extend(Actor(c, a.sector, None, None, a.role, "sector") for c in tied)
        mention.steps.append(f"generic '{mention.text.strip()}': {why}; tie between {', '.join(tied)} "
                             f"-> no country (candidates listed)")  # fmt: skip
