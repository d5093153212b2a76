"""Periods: what a partial date means as a filter bound, and when an event of coarse precision matches.

A filter bound written as ``1950``, ``1950-09`` or ``1950-09-14`` names the whole period: ``--until 1950``
keeps everything up to 1950-12-31, ``--since 2023-05`` everything from 2023-05-01. An event's date is a period
too (``event_date`` is ISO truncated to its ``date_precision``; a decade is written as its first year), and an
event matches a ``since``/``until`` window when its period *overlaps* the window: an event dated "1950" is
inside ``--since 1950-06`` and inside ``--until 1950-03``.

The CLI, the store and the API all filter through :func:`period_where` (SQL) or :func:`overlaps` (Python), so
the rule is the same everywhere. A date read without a year (``event_date = "--03-14"``, see
``docs/when_where.md``) lies in no dated window.

>>> period_bounds("1950")
(datetime.date(1950, 1, 1), datetime.date(1950, 12, 31))
>>> overlaps("1950", "year", since="1950-06", until=None)
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

__all__ = ["PeriodError", "event_bounds", "overlaps", "period_bounds", "period_where"]

_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


class PeriodError(ValueError):
    """A period that is not an ISO date of year, month or day precision, or not a real date."""


def period_bounds(text: str | dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the period an ISO date of any precision names.

    Args:
        text: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a ``datetime.date``.

    Returns:
        (first day, last day), both inclusive.

    Raises:
        PeriodError: not of that form, or not a real date ("2023-02-30", "2023-13").
    """
    if isinstance(text, dt.date):
        return text, text
    m = _PERIOD.match(text.strip())
    if m is None:
        raise PeriodError(f"{text!r} is not a date like 1950, 1950-09 or 1950-09-14")
    year = int(m["year"])
    try:
        if m["day"]:
            day = dt.date(year, int(m["month"]), int(m["day"]))
            return day, day
        if m["month"]:
            month = int(m["month"])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise PeriodError(f"{text!r} is not a real date ({exc})") from None


def event_bounds(event_date: str, precision: str | None = None) -> tuple[dt.date, dt.date]:
    """The period an event date covers: its precision's whole span (a decade is ten years).

    Args:
        event_date: ISO truncated to its precision ("1950", "1950-10", "1950-10-25"; a decade is its first year).
        precision: ``day``, ``month``, ``year``, ``decade`` (default: read from the string's length).

    Raises:
        PeriodError: a malformed date.
    """
    first, last = period_bounds(event_date)
    if precision == "decade":
        return dt.date(first.year - first.year % 10, 1, 1), dt.date(first.year - first.year % 10 + 9, 12, 31)
    return first, last


def overlaps(event_date: str | None, precision: str | None, since: str | None = None,
             until: str | None = None) -> bool:  # fmt: skip
    """Whether an event's period overlaps the window ``[since, until]`` (each bound a whole period).

    An undated event, or one dated by month and day without a year ("--03-14"), matches only a window with
    no bounds.
    """
    if since is None and until is None:
        return True
    if not event_date or event_date.startswith("--"):
        return False
    first, last = event_bounds(event_date, precision)
    if since is not None and last < period_bounds(since)[0]:
        return False
    return not (until is not None and first > period_bounds(until)[1])


def period_where(since: str | dt.date | None, until: str | dt.date | None,
                 date_col: str = "e.event_date", precision_col: str = "e.date_precision",
                 ) -> tuple[list[str], list[Any]]:  # fmt: skip
    """SQL conditions (to AND together) and parameters for the overlap rule over ISO date strings.

    An event's period ends on or after the window's first day when its date string is >= the window start cut
    to the same length ("1950" >= "1950", for a window starting 1950-06-01), or, for a decade, when its first
    three digits are; it starts on or before the window's last day when its date string is <= the last day's
    full ISO string (a prefix sorts before any longer string that continues it).

    Raises:
        PeriodError: a malformed bound.
    """
    conds: list[str] = []
    params: list[Any] = []
    if since is not None:
        start = period_bounds(since)[0].isoformat()
        conds.append(f"(CASE WHEN {precision_col} = 'decade' THEN left({date_col}, 3) >= left(?, 3) "
                     f"ELSE {date_col} >= left(?, length({date_col})) END)")  # fmt: skip
        params += [start, start]
    if until is not None:  # a year-less date ("--03-14", which sorts first) is in no dated window
        conds.append(f"({date_col} <= ? AND left({date_col}, 1) <> '-')")
        params.append(period_bounds(until)[1].isoformat())
    return conds, params
