"""Metadata from the head of a plain-text article: headline, byline and publication date.

Only the first few non-empty lines (the *header zone*) are read, so a date or a "written by" deep in the
body is never mistaken for metadata. The lines stay in the text; only the values are copied out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

HEADER_LINES = 8  # non-empty lines read for a byline or a date line
MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 200

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(
        _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})", re.I
    ),
)
# A line that is a date, optionally labelled ("Published: ...", "Posted on ...") or followed by a time.
_DATE_LABEL = re.compile(
    r"^(?:(?:published|posted|updated|date|dated|first published|last updated)(?:\s+on)?\s*:?\s*)?", re.I
)
_TIME_TAIL = re.compile(r"^[\s,|@at-]*(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$", re.I)
_ARCHIVE_STAMP = re.compile(r"^this (?:story|article|report) (?:is|was) from\s+(?P<rest>.+)$", re.I)

_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|(?:de|da|van|von|der|bin|al|la|le|del|di)(?=\s))"
_ONE_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}}"
_NAME = rf"(?P<name>{_ONE_NAME}(?:\s+(?:and|&)\s+{_ONE_NAME})?)"
_BYLINE = re.compile(
    r"^(?i:(?:written|words|posted|reported|story)\s+by|by|authors?\s*:|authors?\s+-)\s*:?\s*"
    + _NAME
    + r"(?:\s*$|\s*[,|–—(]|\s+-\s|\s+(?i:on|for|in)\s)"
)
_BODY_END = re.compile(r"[.!?][\"'”’)]*$")
_SENTENCE_END = re.compile(r"[.;:,]$")


@dataclass(slots=True)
class TextMeta:
    """Metadata read from the head of a plain-text article (``None`` when not found)."""

    title: str | None = None
    author: str | None = None
    published: dt.date | None = None


def parse_date(value: str) -> dt.date | None:
    """Parse a date written as ISO, "November 2, 2020", "Nov. 2, 2020" or "2 November 2020".

    Falls back to dateparser (English, no relative dates) for other absolute forms.

    Args:
        value: the date text (surrounding words are allowed; the first date found wins).

    Returns:
        The date, or ``None`` when ``value`` holds no complete, valid date.
    """
    for form in _DATE_FORMS:
        match = form.search(value)
        if match:
            return _date_from_match(match)
    return _dateparser_date(value)


def _date_from_match(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()[:3]]
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None


def _dateparser_date(value: str) -> dt.date | None:
    """dateparser, only for text with a 4-digit year (it is slow and keen to read anything as a date)."""
    if not re.search(r"\b\d{4}\b", value) or len(value) > 60:
        return None
    import dateparser  # type: ignore[import-untyped]  # no stubs; imported late, it is slow to load

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["custom-formats", "absolute-time"]}
    parsed = dateparser.parse(value, languages=["en"], settings=settings)
    return parsed.date() if isinstance(parsed, dt.datetime) else None


def date_line(line: str) -> dt.date | None:
    """The date when ``line`` is a date line ("Nov. 2, 2020", "Published: 2020-11-02 10:30"), else None."""
    text = _DATE_LABEL.sub("", line.strip())
    for form in _DATE_FORMS:
        match = form.match(text)
        if match and _TIME_TAIL.match(text[match.end() :]):
            return _date_from_match(match)
    return None


def posted_date(text: str) -> dt.date | None:
    """The date of the first labelled date line anywhere in ``text`` ("Posted on March 3, 2024",
    "Published: 2024-03-03"): a post on an index page often carries it below its excerpt, not in its head."""
    for line in text.split("\n"):
        stripped = line.strip()
        if len(stripped) <= 60 and _DATE_LABEL.match(stripped).group(0):  # type: ignore[union-attr]
            found = date_line(stripped)
            if found is not None:
                return found
    return None


def byline(line: str) -> str | None:
    """The author's name when ``line`` is a byline ("By Jane Roe", "written by Lev Koufax"), else None."""
    stripped = line.strip()
    if len(stripped.split()) > 14:
        return None
    match = _BYLINE.match(stripped)
    return match.group("name").strip(" .") if match else None


def looks_like_headline(line: str) -> bool:
    """A short line, starting with a capital or digit, with no final full stop, comma or colon."""
    stripped = line.strip()
    words = stripped.split()
    if not words or len(words) > MAX_TITLE_WORDS or len(stripped) > MAX_TITLE_CHARS:
        return False
    if _SENTENCE_END.search(stripped) or re.match(r"^(?:https?://|www\.)", stripped, re.I):
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"'“‘"):
        return False
    return date_line(stripped) is None and byline(stripped) is None


def header_lines(text: str) -> list[str]:
    """The non-empty lines before the body: at most :data:`HEADER_LINES`, stopping at the first sentence.

    A sentence here is a line of at least eight words ending in sentence punctuation, so a date or byline
    inside the body (an event date, "the review was written by ...") is never read as metadata.
    """
    found: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if len(found) >= HEADER_LINES or (len(stripped.split()) >= 8 and _BODY_END.search(stripped)):
            break
        found.append(stripped)
    return found


def text_metadata(text: str, removed: list[str] | None = None) -> TextMeta:
    """Read title, author and publication date from the head of ``text``.

    Args:
        text: the cleaned document text.
        removed: boilerplate lines dropped while cleaning; an archive stamp such as
            "This story is from March 6, 2002" among them still gives the date.

    Returns:
        What was found; fields stay ``None`` otherwise.
    """
    lines = header_lines(text)
    meta = TextMeta()
    if lines and looks_like_headline(lines[0]):
        meta.title = lines[0]
    for line in lines:
        if meta.author is None:
            meta.author = byline(line)
        if meta.published is None:
            meta.published = date_line(line)
    for line in removed or []:
        stamp = _ARCHIVE_STAMP.match(line)
        if meta.published is None and stamp:
            meta.published = date_line(stamp.group("rest"))
    return meta
