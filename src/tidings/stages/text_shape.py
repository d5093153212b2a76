"""Text shapes: a copy of a document's text the parser reads better, with the same length.

Real news comes hard-wrapped at 60-80 columns (every line break would end a sentence), in ALL CAPS (the
tagger reads every word as a proper noun) or all in lower case (no names, no sentence starts). The parse
stage parses :func:`parse_copy` of the text instead of the text itself. The copy only replaces line breaks
inside a wrapped paragraph by spaces and changes the case of letters, so every character keeps its offset:
token and sentence offsets point into the original stored text unchanged.

- :func:`join_hard_wraps`: a line break inside a paragraph of a hard-wrapped text becomes a space. Breaks
  stay before a blank line, after a short line (a title, a byline, the last line of a paragraph), and
  before a list item or an indented line.
- :func:`truecase`: ALL-CAPS text is lowered; lowercase text (and the lowered caps) gets capitals back at
  sentence starts, on "I", months and weekdays, and on the names of the actor knowledge base (countries,
  capitals, organisations, people, nationality adjectives; acronyms in capitals) and of big places.
"""

from __future__ import annotations

import re
from functools import lru_cache

_LIST_ITEM = re.compile(r"\s*(?:[-*•·]|\d{1,2}[.)])\s")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_SENT_END = re.compile(r"(?:^\s*|[.!?:]['\"’”)]?\s+|\n\s*)([a-z])")
_CALENDAR = {"january", "february", "march", "april", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
             "sunday"}  # fmt: skip
# Lower-case forms that are common words far more often than names: never capitalised as names.
_COMMON = {"s", "us", "it", "in", "on", "at", "to", "as", "is", "or", "an", "am", "be", "by", "do", "go", "he",
           "if", "me", "my", "no", "of", "so", "up", "we", "may", "will", "can", "police", "army", "state",
           "government", "people", "party", "union", "congress", "court", "house", "bar", "chad", "guinea",
           "jordan", "georgia", "turkey", "china", "mobile", "reading", "nice", "split", "march", "president",
           "minister", "forces", "front", "national", "general", "university", "centre", "center"}  # fmt: skip
_MAX_WORDS = 4
_FUNCTION_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "and", "or", "but",
                   "that", "which", "who", "from", "as", "is", "are", "was", "were", "has", "have", "had"}
# Titles before a name: the next word is a name ("mr clarke").
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "gen", "col", "maj", "capt", "lt", "sgt"}
# Month names that are also common words: a month only next to a number ("march 2", "2 may").
_AMBIGUOUS_MONTHS = {"march", "may"}


def parse_copy(text: str) -> str:
    """The text the parser reads: hard wraps joined, case normalised; same length as ``text``."""
    out = truecase(join_hard_wraps(text))
    assert len(out) == len(text)
    return out


def join_hard_wraps(text: str) -> str:
    """Replace the line breaks inside the paragraphs of a hard-wrapped text by spaces (same length)."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    if width is None:
        return text
    out = []
    for k, line in enumerate(lines):
        out.append(line)
        if k == len(lines) - 1:
            break
        nxt = lines[k + 1]
        long = len(line.rstrip()) >= width - 25 or _open_end(line)
        join = (long and nxt.strip() != "" and line.strip() != "" and not _LIST_ITEM.match(nxt)
                and not nxt.startswith((" ", "\t")))  # fmt: skip
        out.append(" " if join else "\n")
    return "".join(out)


def _open_end(line: str) -> bool:
    """A line that cannot end a sentence or a title: it ends in a comma or a function word."""
    words = line.rstrip().split()
    return bool(words) and (words[-1].endswith(",") or words[-1].lower() in _FUNCTION_WORDS)


def _wrap_width(lines: list[str]) -> int | None:
    """The column a text is wrapped at, or None when it is not hard-wrapped (lines are paragraphs)."""
    lengths = sorted(len(x.rstrip()) for x in lines if x.strip())
    if len(lengths) < 4:
        return None
    width = lengths[int(len(lengths) * 0.9) - 1]
    if not 40 <= width <= 100:
        return None
    near = sum(1 for n in lengths if n >= width - 25)
    return width if near >= 0.6 * len(lengths) else None


def text_case(text: str) -> str:
    """``upper`` (ALL CAPS), ``lower`` (no capitals) or ``mixed``, from the share of capital letters."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return "mixed"
    upper = sum(1 for c in letters if c.isupper()) / len(letters)
    if upper > 0.85:
        return "upper"
    return "lower" if upper < 0.02 else "mixed"


def truecase(text: str) -> str:
    """Case-normalise ALL-CAPS or all-lowercase text (same length); mixed-case text is returned as is."""
    case = text_case(text)
    if case == "mixed":
        return text
    chars = list(text.lower() if case == "upper" else text)
    low = "".join(chars)
    names = _names()
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(low)]
    k = 0
    while k < len(words):
        k += _name_at(words, k, names, chars, keep_acronyms=case == "upper")
    for j, (start, _end, word) in enumerate(words):
        month = word in _CALENDAR and (word not in _AMBIGUOUS_MONTHS or _by_number(low, words[j]))
        if word == "i" or month:
            chars[start] = chars[start].upper()
        elif word in _HONORIFICS and j + 1 < len(words) and words[j + 1][0] - words[j][1] <= 2:
            chars[start] = chars[start].upper()
            chars[words[j + 1][0]] = chars[words[j + 1][0]].upper()
    for m in _SENT_END.finditer(low):
        chars[m.start(1)] = chars[m.start(1)].upper()
    return "".join(chars)


def _by_number(text: str, word: tuple[int, int, str]) -> bool:
    """A number right before or after the word ("march 2", "2 may")."""
    after, before = text[word[1]:word[1] + 3], text[max(0, word[0] - 3):word[0]]
    return bool(re.match(r"\s+\d", after) or re.search(r"\d\s+$", before))


def _name_at(words: list[tuple[int, int, str]], k: int, names: dict[str, str], chars: list[str],
             keep_acronyms: bool) -> int:  # fmt: skip
    """Capitalise the longest known name starting at word ``k``; how many words were consumed."""
    for n in range(min(_MAX_WORDS, len(words) - k), 0, -1):
        span = words[k:k + n]
        key = " ".join(w for _, _, w in span)
        form = names.get(key)
        if form is None or (n == 1 and (key in _COMMON or key in _stop_words())):
            continue
        if form.isupper() and len(form) > 1 and not keep_acronyms:
            continue  # an acronym ("US") in lowercase text is as likely a word ("us")
        parts = form.split(" ")
        if len(parts) != n:
            continue
        for (start, _end, word), part in zip(span, parts, strict=True):
            if len(part) == len(word):
                chars[start:start + len(word)] = list(part)
            else:
                chars[start] = chars[start].upper()
        return n
    return 1


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError:
        return frozenset()
    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Lower-case name -> its usual casing: actor knowledge-base names, and big places of the gazetteer."""
    names: dict[str, str] = {}
    try:
        from tidings.kb.loader import load_raw
    except ImportError:  # the actor knowledge base is optional for parsing
        return names
    forms = {"name", "adjective", "people", "capital", "seat", "acronym", "surname"}
    for aliases in load_raw().aliases.values():
        for alias in aliases:
            text = " ".join(alias.text.split())
            if alias.form not in forms or alias.ambiguous or len(text) < 2 or not text[0].isalpha():
                continue
            if text.lower() == text or (alias.cased and len(text) < 3):
                continue  # a lower-case alias is a common word; a two-letter acronym is ambiguous
            names.setdefault(text.lower(), text)
    _add_places(names)
    return names


def _add_places(names: dict[str, str]) -> None:
    try:
        from tidings.geo.gazetteer import get_gazetteer
    except ImportError:
        return
    for key, cands in get_gazetteer().index.items():
        big = [c for c in cands if c.population >= 200_000 or c.kind in ("country", "region")]
        if big and len(key) >= 4 and big[0].name.lower() == key:
            names.setdefault(key, big[0].name)
