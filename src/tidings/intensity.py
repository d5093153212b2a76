"""Event intensity: the Goldstein score, the quad class and the casualties an ASSAULT event reports.

- ``goldstein`` (-10 most conflictual .. +10 most cooperative) is the published Goldstein weight of the
  event's CAMEO code (``data/intensity/goldstein.tsv``: the CAMEO codebook's table, the one GDELT uses).
  A code missing from the table takes its 3-digit parent's weight, then its root's. An event without a
  CAMEO code is scored by its PLOVER type's default code (:data:`TYPE_DEFAULT_CAMEO`).
- ``quad_class`` (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict) is
  PLOVER's quad of the event type (:data:`QUADS`); :func:`cameo_quad` gives GDELT's quad of a CAMEO root.
- ``fatalities`` / ``injured`` of an ASSAULT event: the numeric claims (counts) of the same sentence whose
  wording counts the dead ("12 people were killed", "killing 12", "the death toll rose to 12", "12 dead",
  "were shot dead", "burnt to death") or the wounded ("wounding 30", "30 were injured"); several such
  claims add up ("three soldiers and two civilians were killed" = 5), but a count after "including" is a
  part of the one before it ("20 injured, including five seriously" = 20). With several ASSAULT events in one sentence the claim goes to the event
  whose verb is nearest. Nothing is guessed: no such claim, no number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from tidings.model import Claim, Event

# PLOVER quad classes (PLOVER manual, section 2): the quad of each event type.
QUADS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
    "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
# The CAMEO code that stands for a PLOVER type when the coder gave no code (its "not specified" code).
TYPE_DEFAULT_CAMEO: dict[str, str] = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060", "AID": "070",
    "RETREAT": "084", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120", "THREATEN": "130",
    "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170", "ASSAULT": "180",
}  # fmt: skip
_GOLDSTEIN_FILE = "data/intensity/goldstein.tsv"

_QUALIFIER = r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as)\s+)?"
# The words between a number and its verb: the counted noun and its modifiers (at most seven words, no
# comma, so another clause is never crossed), then maybe an "including ..." aside ("three persons,
# including a woman, were killed").
_NOUN_WORDS = (r"(?:[A-Za-z'()-]+(?:\s+|(?=,))){0,7}?"
               r"(?:,\s*(?:including|among them)(?:\s+[A-Za-z'()-]+){1,10}?,?\s+)?")
_DEAD_AFTER = re.compile(
    r"^\s*" + _NOUN_WORDS + r"(?:(?:were|was|are|is|have been|had been|has been|being|got|been)\s+)?"
    r"(?:(?:reportedly|reported|confirmed|believed|feared|found|all)\s+)?(?:to be\s+)?"
    r"(?:killed|dead|died|deaths?|fatalities|slain|perished|massacred|lost their lives|shot dead|"
    r"(?:burnt|burned|hacked|beaten|stabbed|stoned|crushed|lynched) to death)\b",
    re.IGNORECASE,
)  # fmt: skip
_HURT_AFTER = re.compile(
    r"^\s*" + _NOUN_WORDS + r"(?:(?:were|was|are|is|have been|had been|has been|being|got|been)\s+)?"
    r"(?:(?:reportedly|reported|seriously|critically|badly|slightly|lightly)\s+)?"
    r"(?:wounded|injured|injuries|hurt|hospitali[sz]ed)\b",
    re.IGNORECASE,
)  # fmt: skip
_DEAD_BEFORE = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|massacr(?:ed|ing)|slaughter(?:ed|ing)|death toll(?:\s+[a-z]+){0,3}?"
    r"(?:\s+(?:to|of|at))?|toll(?:\s+[a-z]+){0,2}?\s+(?:to|of|at)|claim(?:ed|ing) the lives of)\s+"
    + _QUALIFIER + r"$",
    re.IGNORECASE,
)
_HURT_BEFORE = re.compile(
    r"\b(?:wound(?:ed|ing|s)?|injur(?:ed|ing|es)|hurt(?:ing)?|number of (?:wounded|injured)(?:\s+[a-z]+){0,3}?"
    r"(?:\s+(?:to|of|at))?)\s+" + _QUALIFIER + r"$",
    re.IGNORECASE,
)
# A number right after "including" counts a part of the number before it ("20 injured, including five
# seriously"), not more people.
_SUBSET = re.compile(r"\b(?:including|among them|of them|of whom|of which)\s+" + _QUALIFIER + r"$", re.IGNORECASE)
# Between two claims that count the same thing: "three soldiers and two civilians", "five, six".
_CONJOINED = re.compile(r"^\s*(?:[A-Za-z'-]+\s+){0,3}?(?:and|as well as|,|plus)\s*" + _QUALIFIER + r"$",
                        re.IGNORECASE)  # fmt: skip


@lru_cache(maxsize=1)
def goldstein_table() -> dict[str, float]:
    """The CAMEO code -> Goldstein weight table shipped in ``data/intensity/goldstein.tsv``."""
    text = (resources.files("tidings") / _GOLDSTEIN_FILE).read_text(encoding="utf-8")
    table: dict[str, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        code, value = line.split("\t")
        table[code] = float(value)
    return table


def goldstein(cameo_code: str | None, event_type: str | None = None) -> float | None:
    """The Goldstein weight of a CAMEO code (then of the type's default code); None when neither is known.

    Example:
        >>> goldstein("190"), goldstein("0874"), goldstein(None, "CONSULT")
        (-10.0, 10.0, 1.0)
    """
    table = goldstein_table()
    code = (cameo_code or "").strip() or TYPE_DEFAULT_CAMEO.get(event_type or "", "")
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return None


def quad_class(event_type: str | None, cameo_code: str | None = None) -> int | None:
    """PLOVER's quad class (1-4) of the event type; the CAMEO root's (:func:`cameo_quad`) for other types."""
    quad = QUADS.get((event_type or "").upper())
    return quad if quad is not None else cameo_quad(cameo_code)


def cameo_quad(cameo_code: str | None) -> int | None:
    """GDELT's QuadClass of a CAMEO code: roots 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4."""
    root = (cameo_code or "")[:2]
    if not root.isdigit() or not 1 <= int(root) <= 20:
        return None
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 9 else 3 if number <= 14 else 4


def casualty_kind(sentence: str, start: int, end: int) -> str | None:
    """``"dead"``, ``"injured"`` or None: what the number at ``sentence[start:end]`` counts, by its wording."""
    after, before = sentence[end : end + 80], sentence[max(0, start - 60) : start]
    if _DEAD_AFTER.match(after) or _DEAD_BEFORE.search(before):
        return "dead"
    if _HURT_AFTER.match(after) or _HURT_BEFORE.search(before):
        return "injured"
    return None


def _counts(claim: Claim) -> bool:
    return claim.kind in ("count", "range") and claim.value is not None and claim.value >= 0


def casualties(sentence: str, offset: int, claims: list[Claim]) -> list[tuple[Claim, str]]:
    """The claims of one sentence that count dead or injured people, with ``"dead"``/``"injured"``.

    Args:
        sentence: the sentence text.
        offset: where the sentence starts in the document (claim offsets are document offsets).
        claims: the sentence's claims, in text order.
    """
    kinds: list[str | None] = []
    spans = [(c.start - offset, c.end - offset) for c in claims]
    for claim, (start, end) in zip(claims, spans, strict=True):
        subset = _SUBSET.search(sentence[max(0, start - 40) : start])
        kinds.append(casualty_kind(sentence, start, end) if _counts(claim) and not subset else None)
    # A count joined to a casualty count by "and"/"," counts the same thing ("3 soldiers and 2 civilians
    # were killed"; "killing 3 soldiers and 2 civilians").
    for i in range(len(claims) - 2, -1, -1):
        if kinds[i] is None and kinds[i + 1] and _counts(claims[i]):
            if _CONJOINED.match(sentence[spans[i][1] : spans[i + 1][0]]):
                kinds[i] = kinds[i + 1]
    for i in range(1, len(claims)):
        if kinds[i] is None and kinds[i - 1] and _counts(claims[i]):
            if _CONJOINED.match(sentence[spans[i - 1][1] : spans[i][0]]):
                kinds[i] = kinds[i - 1]
    return [(c, k) for c, k in zip(claims, kinds, strict=True) if k]


def score_events(events: Iterable[Event], claims: Iterable[Claim], text: str | None = None) -> None:
    """Fill ``goldstein``, ``quad_class`` and (ASSAULT events) ``fatalities``/``injured`` in place.

    Args:
        events: a document's events.
        claims: the same document's numeric claims.
        text: the document text (the offsets' reference); without it each event's sentence text is used.
    """
    events = list(events)
    for event in events:
        event.goldstein = goldstein(event.cameo_code, event.event_type)
        event.quad_class = quad_class(event.event_type, event.cameo_code)
    assaults = [e for e in events if e.event_type == "ASSAULT"]
    if not assaults:
        return
    by_sentence: dict[tuple[int, int], list[Event]] = {}
    for event in assaults:
        by_sentence.setdefault((event.char_start, event.char_end), []).append(event)
    ordered = sorted(claims, key=lambda c: c.start)
    for (start, end), sentence_events in by_sentence.items():
        inside = [c for c in ordered if start <= c.start and c.end <= end]
        if not inside:
            continue
        sentence = text[start:end] if text is not None else sentence_events[0].sentence_text
        for claim, kind in casualties(sentence, start, inside):
            event = min(sentence_events, key=lambda e: abs((e.verb_start or start) - claim.start))
            field = "fatalities" if kind == "dead" else "injured"
            current = getattr(event, field) or 0
            setattr(event, field, current + int(claim.value or 0))
