"""Reading places in ALL-CAPS text (wire copy such as the MUC-4 reports): restore the capitals places need.

The places stage finds names as capitalised runs after a lower-case preposition, so a text in capitals
yields either nothing ("IN CHIRILAGUA") or runs of every word. :func:`readable_case` rewrites such a text,
character for character (offsets are kept), in lower case with capitals only on the words that can be a
place: a run of up to four words the gazetteer knows ("SAN SALVADOR", "NORTE DE SANTANDER"), and up to three
words before a kind word ("LA MASCOTA NEIGHBORHOOD", "AGUACHICA MUNICIPALITY"). Stop words and month and
weekday names, direction words and "downtown" are never capitalised, so "IN" and "ON" become prepositions
again and "IN NORTHWESTERN SAN SALVADOR" reads as a direction before a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tidings.geo.gazetteer import Gazetteer, normalise

__all__ = ["is_all_caps", "readable_case"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.]*")
_KIND = frozenset({"department", "municipality", "neighborhood", "neighbourhood", "village", "district",
                   "province", "area", "town", "city", "hamlet", "estate", "corregimiento", "jurisdiction"})  # fmt: skip
_NEVER = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                    "saturday", "sunday", "today", "yesterday", "tomorrow", "downtown", "north", "south", "east",
                    "west", "northern", "southern", "eastern", "western", "central", "northeastern",
                    "northwestern", "southeastern", "southwestern", "rural", "urban", "capital"})  # fmt: skip
MAX_RUN = 4


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _NEVER


def is_all_caps(text: str) -> bool:
    """True for text of at least 20 letters of which nine in ten or more are capitals."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 20 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def _title(chars: list[str], start: int, end: int) -> None:
    for m in _WORD.finditer("".join(chars[start:end])):
        at = start + m.start()
        chars[at] = chars[at].upper()


def readable_case(text: str, gazetteer: Gazetteer) -> str:
    """``text`` in lower case with capitals on the words that can be a place (same length, same offsets)."""
    low = text.lower()
    chars = list(low)
    words = list(_WORD.finditer(low))
    stop = _stop_words()
    i = 0
    while i < len(words):
        first = words[i].group(0)
        if first in stop:
            i += 1
            continue
        took = 0
        for n in range(min(MAX_RUN, len(words) - i), 0, -1):
            if n == 1 and len(first) < 3:
                break  # "el", "la" only start a longer name ("el salvador")
            span = low[words[i].start() : words[i + n - 1].end()]
            if "\n\n" in span or words[i + n - 1].group(0) in stop:
                continue
            if gazetteer.index.get(normalise(span)):
                _title(chars, words[i].start(), words[i + n - 1].end())
                took = n
                break
        if not took:
            for n in range(1, min(3, len(words) - i - 1) + 1):  # "aguachica municipality"
                if words[i + n].group(0) in _KIND and all(w.group(0) not in stop for w in words[i : i + n]):
                    _title(chars, words[i].start(), words[i + n - 1].end())
                    took = n
                    break
        i += max(took, 1)
    return "".join(chars)
