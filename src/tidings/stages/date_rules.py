"""Date expressions: finding them in text and resolving them against the publication date and the narrative.

The rules are regular expressions (spaCy's DATE entities miss many and dateparser returns nothing for
"late October 1950", "the fall of 1950" or "earlier that month"); dateparser is the fallback for spaCy DATE
entities no rule matches. See ``tidings.stages.dates`` for how the stage chooses among them, and
``docs/when_where.md`` for the case table.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

PRECISION_RANK: dict[str, int] = {"unknown": -1, "decade": 0, "year": 1, "month": 2, "day": 3}


@dataclass(slots=True, frozen=True)
class DateResolution:
    """A resolved date expression.

    ``date`` is ISO truncated to ``precision``; ``source`` is ``text`` (absolute, or relative to the
    publication date), ``narrative`` (relative to an earlier date in the document) or ``publication``.
    ``start``/``end`` are offsets of ``text`` in the string that was searched (``-1`` when not applicable).
    """

    date: str | None
    precision: str = "unknown"
    text: str | None = None
    source: str | None = None
    start: int = -1
    end: int = -1
    rule: str = ""

    @property
    def resolved(self) -> bool:
        """True when a date was found."""
        return self.date is not None

    @property
    def yearless(self) -> bool:
        """True for a month and day the text gives without a year ("--03-14", "--03")."""
        return self.date is not None and self.date.startswith("--")

    def as_date(self) -> dt.date | None:
        """The first day of the period, as a ``datetime.date`` (a year-less date in the stand-in year
        :data:`YEARLESS`)."""
        if self.date is None:
            return None
        if self.yearless:
            month, _, day = self.date[2:].partition("-")
            return dt.date(YEARLESS, int(month), int(day or 1))
        parts = [int(p) for p in self.date.split("-")]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


UNKNOWN = DateResolution(None)
# The stand-in year of a month and day read without one (a leap year, so 29 February exists). Such a date is
# written "--MM-DD" / "--MM" (ISO 8601:2000 truncated form), never with this year.
YEARLESS = 4

# --- vocabulary -------------------------------------------------------------------------------------------
_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name[1:], start=1):
    _MONTHS[_name.lower()] = _i
    _MONTHS[_name[:3].lower()] = _i
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "several": 3,
    "a few": 3, "a couple of": 2,
}  # fmt: skip
_SEASON_MONTH = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

# Month names must be capitalised ("May", "March" are also a modal and a verb).
_MON = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
        r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")  # fmt: skip
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_QUAL = (
    r"(?i:early|mid-?|late|the\s+(?:end|beginning|start|middle)\s+of|the\s+(?:early|middle|late)\s+part\s+of)"
)
_NUM = (
    r"(?i:\d+|a\s+couple\s+of|a\s+few|several|an?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)"
)
_SEASON = r"(?i:spring|summer|fall|autumn|winter)"
_DEICTIC = r"(?i:this|that|last|next|the\s+previous|the\s+following|the\s+same|the\s+next|the\s+past)"

# (kind, pattern). All are tried; overlapping matches keep the longest (then the earliest).
_RULES: list[tuple[str, str]] = [
    ("day_range", rf"\b(?P<mon>{_MON})\s+(?P<day>{_DAY})\s*(?:-|–|to|and|through)\s*{_DAY},?\s+(?P<year>{_YEAR})\b"),
    ("md_range", rf"\b(?P<mon>{_MON})\s+(?P<day>{_DAY})\s*(?:-|–|(?i:to|and|through|until))\s*{_MON}\s+{_DAY},?\s+(?P<year>{_YEAR})\b"),
    ("dm_range", rf"\b(?P<day>{_DAY})\s*(?:-|–|(?i:to|and|until|through))\s*{_DAY}\s+(?P<mon>{_MON}),?\s+(?P<year>{_YEAR})\b"),
    ("mdy_num", r"(?<![\d/])\b(?P<mnum>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)\d\d)\b"),
    ("mdy", rf"\b(?P<mon>{_MON})\s+(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})\b"),
    ("dmy", rf"\b(?P<day>{_DAY})\s+(?i:of\s+)?(?P<mon>{_MON}),?\s+(?P<year>{_YEAR})\b"),
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    ("md", rf"\b(?P<mon>{_MON})\s+(?P<day>{_DAY})\b(?!\s*(?:,\s*)?\d)"),
    ("dm", rf"\b(?P<day>{_DAY})\s+(?i:of\s+)?(?P<mon>{_MON})\b(?!,?\s*\d)"),
    ("qual_month_year", rf"\b(?P<qual>{_QUAL})\s*(?P<mon>{_MON}),?\s+(?i:of\s+)?(?P<year>{_YEAR})\b"),
    ("month_year", rf"\b(?P<mon>{_MON}),?\s+(?i:of\s+)?(?P<year>{_YEAR})\b"),
    ("qual_month", rf"\b(?P<qual>{_QUAL})\s*(?P<mon>{_MON})(?!\s*\d)"),
    ("rel_month", rf"\b(?P<deic>(?i:last|this|next|that))\s+(?P<mon>{_MON})(?!\s*\d)"),
    ("bare_month", rf"\b(?i:in|since|during|until|through|before|after)\s+(?P<mon>{_MON})(?!\s*\d)\b"),
    ("season_year", rf"\b(?:(?P<qual>{_QUAL})\s*)?(?i:the\s+)?(?P<season>{_SEASON})\s+(?i:of\s+)?(?P<year>{_YEAR})\b"),
    ("rel_season", rf"\b(?P<deic>{_DEICTIC})\s+(?P<season>{_SEASON})\b"),
    ("bare_season", rf"\b(?i:in|during|by)\s+(?i:the\s+)(?P<season>{_SEASON})\b(?!\s+of)"),
    ("decade", rf"\b(?i:the\s+)?(?:(?P<qual>{_QUAL})\s*)?(?P<decade>1[6-9]\d0|20\d0)'?s\b"),
    ("short_decade", r"\b(?i:the\s+)'(?P<sdec>[0-9]0)s\b"),
    ("year_range", rf"\b(?i:(?:from|between)\s+)?(?P<year>{_YEAR})\s*(?:-|–|(?i:to|and|until|through))\s*(?:{_YEAR}|\d\d)\b"),
    ("qual_year", rf"\b(?P<qual>{_QUAL})\s*(?P<year>{_YEAR})\b"),
    ("year", rf"(?<![\d,.$£€/-])\b(?P<year>{_YEAR})\b(?![\d%]|,\d|\s*(?i:percent|people|troops|soldiers|km|miles))"),
    # a year no calendar here can hold, after a month or "year": read so that it is rejected, never dated
    ("bad_year", rf"\b(?:(?i:the\s+)?(?i:year)\s+|{_MON}\s+(?:{_DAY},?\s+)?)(?P<byear>\d{{5,}}|0\d{{3}})\b"),
    ("weekend", r"\b(?i:(?P<deic>over|during|at|on|this|last|next)\s+(?:the\s+)?weekend)\b"),
    ("rel_word", (r"\b(?i:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night"
                  r"|this\s+(?:morning|afternoon|evening))\b")),
    ("weekday", rf"\b(?:(?P<deic>(?i:last|this|next|on|early|late))\s+)?(?P<wd>{_WD})(?:\s+(?i:night|morning|afternoon|evening))?\b"),
    ("ago", rf"\b(?P<num>{_NUM})\s+(?P<unit>(?i:day|week|month|year|decade))s?\s+(?P<dir>(?i:ago|earlier|later|before|after))\b(?!\s+(?!and\b|but\b)[A-Za-z0-9])"),
    ("deictic", (rf"\b(?:(?P<pos>(?i:earlier|later|early|late))\s+(?i:in\s+)?)?(?P<deic>{_DEICTIC})\s+"
                 rf"(?P<unit>(?i:day|night|morning|week|month|year|decade))\b")),
    ("day_before", r"\b(?i:the\s+(?P<rel>day|week|month|year)\s+(?P<dir>before|after|earlier|later))\b"),
]  # fmt: skip
_COMPILED: list[tuple[str, re.Pattern[str]]] = [(k, re.compile(p)) for k, p in _RULES]


@dataclass(slots=True, frozen=True)
class DateMention:
    """A date expression found in a text: offsets, the rule that matched and its named groups."""

    start: int
    end: int
    text: str
    kind: str
    groups: tuple[tuple[str, str], ...] = ()


_LOWER_NAMES = re.compile(
    r"\b(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday)\b"
)


def find_date_mentions(text: str) -> list[DateMention]:
    """Return the date expressions in ``text`` (non-overlapping, in order, longest match wins).

    In all-lower-case text (some wire archives) month and weekday names are read as if capitalised, and so is
    text in capitals (MUC-style wire copy: "ON 6 SEPTEMBER"), read in lower case.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 12 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters):
        shown, low = text, text.lower()
        low = _LOWER_NAMES.sub(lambda m: m.group(0).capitalize(), low)
        return [replace(m, text=shown[m.start : m.end]) for m in _find(low)]
    if not any(ch.isupper() for ch in text):
        shown, text = text, _LOWER_NAMES.sub(lambda m: m.group(0).capitalize(), text)
        return [replace(m, text=shown[m.start : m.end]) for m in _find(text)]
    return _find(text)


def _find(text: str) -> list[DateMention]:
    found: list[DateMention] = []
    for kind, pattern in _COMPILED:
        for m in pattern.finditer(text):
            groups = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            found.append(DateMention(m.start(), m.end(), m.group(0), kind, groups))
    found.sort(key=lambda d: (-(d.end - d.start), d.start))
    kept: list[DateMention] = []
    for cand in found:
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda d: d.start)


# --- resolution ----------------------------------------------------------------------------------------------
def _iso(day: dt.date, precision: str) -> str:
    if day.year == YEARLESS:
        return f"--{day.month:02d}-{day.day:02d}" if precision == "day" else f"--{day.month:02d}"
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "decade":
        return f"{day.year - day.year % 10:04d}"
    return f"{day.year:04d}"


def _number(word: str) -> int | None:
    word = " ".join(word.lower().replace("-", " ").split())
    if word.isdigit():
        return int(word)
    if word in _NUMBERS:
        return _NUMBERS[word]
    parts = word.split()
    if len(parts) == 2 and parts[0] in _NUMBERS and parts[1] in _NUMBERS:
        return _NUMBERS[parts[0]] + _NUMBERS[parts[1]]
    return None


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    """``day`` moved by ``n`` units (negative: back); months clamp to the last day."""
    if unit in ("day", "night", "morning"):
        return day + dt.timedelta(days=n)
    if unit == "week":
        return day + dt.timedelta(weeks=n)
    months = n * {"month": 1, "year": 12, "decade": 120}[unit]
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


_UNIT_PRECISION = {"day": "day", "night": "day", "morning": "day", "week": "month", "month": "month",
                   "year": "year", "decade": "decade"}  # fmt: skip


@dataclass(slots=True, frozen=True)
class _Ctx:
    base: dt.date | None
    anchor: DateResolution | None
    future: bool = False  # the clause speaks of the future ("will meet on Thursday")

    def ref(self, narrative: bool) -> tuple[dt.date, str, str] | None:
        """(reference date, its precision, the date_source) for a relative expression."""
        if narrative:
            if self.anchor is not None and self.anchor.date is not None:
                return self.anchor.as_date(), self.anchor.precision, "narrative"  # type: ignore[return-value]
            return None
        if self.base is not None:
            return self.base, "day", "text"
        return None

    def year_for_month(self, month: int, day: int = 1) -> tuple[int, str] | None:
        """Year of a month (and day) written without one: the narrative year, else the latest not after base.

        A decade is too vague to date "August 1" by, and an anchor in the publication year (or later) is the
        present time frame, where "August 1" said in March means last August.
        """
        anchor = self.anchor
        if anchor is not None and anchor.date is not None and anchor.precision != "decade" and not anchor.yearless:
            year = int(anchor.date[:4])
            if self.base is None or year < self.base.year:
                return year, "narrative"
        if self.base is not None:
            year = self.base.year
            ahead = _safe_date(year, month, min(day, 28)) or self.base
            # past first, but a date within a month after publication is the coming one ("talks on July 11")
            if (ahead - self.base).days > 31:
                year -= 1
            return year, "text"
        return YEARLESS, "text"  # no publication date and no year in force: the text gives none, none is guessed


def _g(m: DateMention, key: str) -> str | None:
    return dict(m.groups).get(key)


def _month_of(m: DateMention) -> int:
    mnum = _g(m, "mnum")
    if mnum:
        return int(mnum)
    return _MONTHS[(_g(m, "mon") or "").rstrip(".").lower()]


def _day_of(m: DateMention) -> int:
    return int(re.sub(r"\D", "", _g(m, "day") or "1"))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_DAY_KINDS = ("day_range", "md_range", "dm_range", "mdy_num", "mdy", "dmy", "iso", "md", "dm")


def _why_unresolved(m: DateMention, ctx: _Ctx) -> str:
    """The reason an expression gave no date, for the event's trace."""
    if m.kind == "bad_year":
        return f"year {_g(m, 'byear')} is out of range"
    if m.kind in _DAY_KINDS and _g(m, "year") is not None:
        return f"no such day ({_day_of(m)} of month {_month_of(m)} in {_g(m, 'year')})"
    if m.kind in _DAY_KINDS and (_day_of(m) > 31 or _safe_date(2000, _month_of(m), _day_of(m)) is None):
        return f"no such day ({_day_of(m)} of month {_month_of(m)})"
    if m.kind in _DAY_KINDS:
        return f"no such day ({_day_of(m)} of month {_month_of(m)}) in the year it falls in"
    if ctx.base is None and ctx.anchor is None:
        return "relative, and there is no publication date or earlier date to count from"
    if ctx.anchor is None:
        return "relative to an earlier date, and none is in force"
    return "not understood as a date"


def _resolve_absolute(m: DateMention, ctx: _Ctx) -> tuple[dt.date, str, str] | None:
    kind = m.kind
    if kind in ("day_range", "md_range", "dm_range", "mdy_num", "mdy", "dmy", "iso"):
        day = _safe_date(int(_g(m, "year") or 0), _month_of(m), _day_of(m))
        return (day, "day", "text") if day else None
    if kind in ("md", "dm"):
        month, dnum = _month_of(m), _day_of(m)
        yr = ctx.year_for_month(month, dnum)
        if yr is None:
            return None
        day = _safe_date(yr[0], month, dnum)
        return (day, "day", yr[1]) if day else None
    if kind in ("qual_month_year", "month_year"):
        return dt.date(int(_g(m, "year") or 0), _month_of(m), 1), "month", "text"
    if kind in ("qual_month", "bare_month"):
        month = _month_of(m)
        yr = ctx.year_for_month(month)
        return (dt.date(yr[0], month, 1), "month", yr[1]) if yr else None
    if kind in ("season_year", "qual_year", "year", "year_range"):
        return dt.date(int(_g(m, "year") or 0), 1, 1), "year", "text"
    if kind == "decade":
        return dt.date(int(_g(m, "decade") or 0), 1, 1), "decade", "text"
    if kind == "short_decade":
        decade = int(_g(m, "sdec") or 0)
        return dt.date(1900 + decade if decade > 20 else 2000 + decade, 1, 1), "decade", "text"
    return None


def _resolve_relative(m: DateMention, ctx: _Ctx) -> tuple[dt.date, str, str] | None:
    kind, low = m.kind, m.text.lower()
    if kind == "rel_month":
        deic, month = (_g(m, "deic") or "").lower(), _month_of(m)
        ref = ctx.ref(narrative=deic == "that")
        if ref is None:
            return None
        year = ref[0].year + (-1 if deic == "last" and month >= ref[0].month else 0)
        year += 1 if deic == "next" and month <= ref[0].month else 0
        return dt.date(year, month, 1), "month", ref[2]
    if kind in ("rel_season", "bare_season"):
        deic = " ".join((_g(m, "deic") or "").lower().split())
        narrative_deics = ("that", "the same", "the following", "the next", "the previous")
        ref = ctx.ref(narrative=kind == "bare_season" and ctx.anchor is not None or deic in narrative_deics)
        if ref is None:
            return None
        season = _SEASON_MONTH[(_g(m, "season") or "").lower()]
        if deic in ("last", "the previous", "the past"):
            # the latest season already over: "last summer" said in November is this year's summer
            year = ref[0].year if season + 3 <= ref[0].month else ref[0].year - 1
        else:
            year = ref[0].year + (1 if deic in ("next", "the following") else 0)
        return dt.date(year, 1, 1), "year", ref[2]
    if kind == "rel_word":
        ref = ctx.ref(narrative=False)
        if ref is None:
            return None
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}
        return ref[0] + dt.timedelta(days=shift.get(" ".join(low.split()), 0)), "day", "text"
    if kind == "weekday":
        return _resolve_weekday(m, ctx)
    if kind == "weekend":
        ref = ctx.ref(narrative=False)
        if ref is None:
            return None
        deic = (_g(m, "deic") or "").lower()
        # the start of the weekend (a two-day range): the latest Saturday, or the coming one
        forward = deic == "next" or (ctx.future and deic != "last")
        sat = (
            ref[0] + dt.timedelta(days=(5 - ref[0].weekday()) % 7)
            if forward
            else ref[0]
            - dt.timedelta(
                days=(ref[0].weekday() - 5) % 7 + (7 if deic == "last" and ref[0].weekday() >= 5 else 0)
            )
        )
        return sat, "day", "text"
    if kind == "ago":
        return _resolve_ago(m, ctx)
    if kind == "deictic":
        return _resolve_deictic(m, ctx)
    if kind == "day_before":
        ref = ctx.ref(narrative=True)
        if ref is None:
            return None
        unit = (_g(m, "rel") or "day").lower()
        sign = -1 if (_g(m, "dir") or "").lower() in ("before", "earlier") else 1
        day, precision = _coarser(_shift(ref[0], unit, sign), _UNIT_PRECISION[unit], ref[1])
        return day, precision, ref[2]
    return None


def _coarser(day: dt.date, wanted: str, available: str) -> tuple[dt.date, str]:
    """Never claim more precision than the reference had."""
    if PRECISION_RANK[wanted] > PRECISION_RANK[available]:
        return day, available
    return day, wanted


def _resolve_weekday(m: DateMention, ctx: _Ctx) -> tuple[dt.date, str, str] | None:
    ref = ctx.ref(narrative=False)
    if ref is None:
        return None
    base, want = ref[0], _WEEKDAYS[(_g(m, "wd") or "").lower()]
    deic = (_g(m, "deic") or "").lower()
    if deic == "next" or ctx.future and deic != "last":
        delta = (want - base.weekday()) % 7 or (7 if deic == "next" else 0)
        return base + dt.timedelta(days=delta), "day", "text"
    if deic == "last":
        # "last Wednesday" is the Wednesday of the previous calendar week (Monday to Sunday)
        monday = base - dt.timedelta(days=base.weekday() + 7)
        return monday + dt.timedelta(days=want), "day", "text"
    return base - dt.timedelta(days=(base.weekday() - want) % 7), "day", "text"


def _resolve_ago(m: DateMention, ctx: _Ctx) -> tuple[dt.date, str, str] | None:
    n = _number(_g(m, "num") or "")
    unit = (_g(m, "unit") or "").lower()
    direction = (_g(m, "dir") or "").lower()
    if n is None:
        return None
    ref = ctx.ref(narrative=direction != "ago")
    if ref is None:
        return None
    sign = 1 if direction in ("later", "after") else -1
    day, precision = _coarser(_shift(ref[0], unit, sign * n), _UNIT_PRECISION[unit], ref[1])
    return day, precision, ref[2]


def _resolve_deictic(m: DateMention, ctx: _Ctx) -> tuple[dt.date, str, str] | None:
    deic = " ".join((_g(m, "deic") or "").lower().split())
    unit = (_g(m, "unit") or "").lower()
    narrative = deic in ("that", "the same", "the following", "the next", "the previous")
    ref = ctx.ref(narrative=narrative)
    if ref is None:
        return None
    offset = {"last": -1, "the previous": -1, "the past": -1, "next": 1, "the following": 1, "the next": 1}
    step = offset.get(deic, 0)
    if unit == "decade":
        day = dt.date(ref[0].year - ref[0].year % 10 + 10 * step, 1, 1)
    else:
        day = _shift(ref[0], unit, step)
    got = _coarser(day, _UNIT_PRECISION[unit], ref[1])
    return got[0], got[1], ref[2]


# Clauses about the future: a bare weekday or weekend is then the coming one.
FUTURE_CLAUSE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:due|set|scheduled|expected|planning|going)\s+to|plans?\s+to"
    r"|to\s+be\s+held|next\s+week)\b|\w'll\b",
    re.IGNORECASE,
)
_DATEPARSER_HINT = re.compile(rf"(?i:\b\d{{4}}\b|\b\d{{1,2}}[/.]\d{{1,2}}\b|{_MON}|{_WD}|\bago\b)")
# A duration is not a date: "70 years", "24 hours", "100 days" (dateparser would count back from the base).
_DURATION = re.compile(
    rf"^\s*(?i:(?:the\s+)?(?:last|past|next|first|coming|over|about|nearly|some)\s+)?{_NUM}?\s*"
    r"(?i:hours?|days?|weeks?|months?|years?|decades?|centuries|century)\s*$"
)


@lru_cache(maxsize=8)
def _date_parser(base: dt.date | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first",
                                "PREFER_MONTH_OF_YEAR": "first", "RETURN_AS_TIMEZONE_AWARE": False}  # fmt: skip
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def _via_dateparser(text: str, base: dt.date | None) -> tuple[dt.date, str, str] | None:
    """Last resort for an expression no rule matched (e.g. "11/02/2020"); only when it looks like a date."""
    if (
        not _DATEPARSER_HINT.search(text)
        or _DURATION.match(text)
        or base is None
        and not re.search(r"\d{4}", text)
    ):
        return None
    try:
        data = _date_parser(base).get_date_data(text)
    except (ValueError, OverflowError, TypeError):  # dateparser on odd input: no date rather than a crash
        return None
    if data.date_obj is None or not 1600 <= data.date_obj.year <= 2099:
        return None
    period = {"day": "day", "week": "day", "time": "day", "month": "month", "year": "year"}.get(
        data.period, "day"
    )
    return data.date_obj.date(), period, "text"


def resolve_mention(m: DateMention, base: dt.date | None, anchor: DateResolution | None,
                    future: bool = False) -> DateResolution:  # fmt: skip
    """Resolve one found expression against the publication date ``base`` and the narrative ``anchor``.

    ``future``: the text speaks of the future, so a bare weekday is the coming one.
    """
    ctx = _Ctx(base, anchor, future)
    got = _resolve_absolute(m, ctx) or _resolve_relative(m, ctx)
    if got is None and m.kind == "dateparser":
        got = _via_dateparser(m.text, base)
    if got is None:
        why = _why_unresolved(m, ctx)
        return replace(UNKNOWN, text=m.text, start=m.start, end=m.end, rule=f"{m.kind}: {why}")
    day, precision, source = got
    if day.year < 10 and (day.year != YEARLESS or precision not in ("day", "month")):
        # counted from a date without year: a year or decade ("that year") cannot be known
        why = f"{m.kind}: relative to a date without year"
        return replace(UNKNOWN, text=m.text, start=m.start, end=m.end, rule=why)
    return DateResolution(_iso(day, precision), precision, m.text, source, m.start, m.end, m.kind)


def _as_anchor(anchor: dt.date | DateResolution | None) -> DateResolution | None:
    if anchor is None or isinstance(anchor, DateResolution):
        return anchor
    return DateResolution(anchor.isoformat(), "day", anchor.isoformat(), "text")


def resolve_date(text: str, base: dt.date | None = None,
                 anchor: dt.date | DateResolution | None = None) -> DateResolution:  # fmt: skip
    """Resolve the date a text states: the most precise expression in it (earliest on a tie).

    Args:
        text: an expression ("Oct. 25, 1950") or a whole sentence.
        base: the publication date, for "yesterday", "last Tuesday", "two days ago" ...
        anchor: the narrative anchor (the latest date the document stated), for "earlier that month".

    Returns:
        the resolution, or an unresolved one (``date=None``, precision ``unknown``) when the text has no date;
        when it has one that cannot be resolved ("31 February 2023"), ``rule`` says why.
    """
    best = UNKNOWN
    for res in resolve_all(text, base, anchor):
        if res.resolved and PRECISION_RANK[res.precision] > PRECISION_RANK[best.precision]:
            best = res
        elif not best.resolved and not best.rule and not res.resolved:
            best = res  # unresolved, but its rule says why ("dmy: no such day ...")
    return best


def resolve_all(text: str, base: dt.date | None = None,
                anchor: dt.date | DateResolution | None = None) -> Iterator[DateResolution]:  # fmt: skip
    """Every date expression in ``text``, each resolved (unresolvable ones have ``date=None``)."""
    mentions = find_date_mentions(text)
    if not mentions and len(text) <= 40:
        mentions = [DateMention(0, len(text), text, "dateparser")]
    anchor_res = _as_anchor(anchor)
    future = bool(FUTURE_CLAUSE.search(text))
    for m in mentions:
        yield resolve_mention(m, base, anchor_res, future)
