"""Scoring event dates and places against the real-news gold (``docs/annotation.md``, "Date", "Place").

Pure functions over plain values, used by ``benchmarks/realnews_who_where.py`` and tested on synthetic gold.

**Dates.** A gold date is ``{"value", "precision", "evidence"}`` with a partial ISO value ("2002-03-14",
"2002-03", "2002", and, when the text gives no year and there is no publication date, "--03-14" or "--03"),
or ``null`` when nothing dates the event. A coded date is right *at the gold's precision* when it is at least
as precise as the gold and, cut to the gold's length, is the gold value:

* gold "2002-03" and coded "2002-03-14" (day) is right; coded "2002" (year) is wrong (too coarse);
* gold "--03-14" (no year in the text) is right only for a coded year-less "--03-14": a coded "2002-03-14"
  invents a year and is wrong. Tidings writes a date without year the same way (``event_date = "--03-14"``,
  see ``docs/when_where.md``);
* a coded decade is never right (the gold has no decades).

Figures over the gold events the coder found (:func:`tally_date`):

* ``date_exact``: right dates over gold events with a date (an undated coded event counts as wrong);
* ``dated_share``: gold events with a date that the coder dated at all;
* ``wrong_date_share``: coded dates that are wrong, over all coded dates (a date given to an event the gold
  leaves undated is wrong);
* ``gold_dated_share``: the share of gold events the gold dates (for reference).

**Places.** Country right: the coded ``location_country`` is the gold's. Name right: the coded place phrase
overlaps the gold place span, or the coded place is the same gazetteer entry as the gold span's text (same
name and country); for a coder that records no place span, the coded name inside the gold text (or the
other way round) counts too. An unplaced event is wrong on both.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from typing import Any

__all__ = ["date_right", "place_name_right", "tally_date", "tally_place"]

_RANK = {"year": 1, "month": 2, "day": 3}
_VALUE = re.compile(r"^(?:\d{4}|--\d{2})(?:-\d{2}){0,2}$")


def _precision_of(value: str) -> str:
    """The precision a partial ISO value states ("--03-14" is a day, "--03" a month, "2002" a year)."""
    parts = value[2:].split("-") if value.startswith("--") else value.split("-")
    if value.startswith("--"):
        return "day" if len(parts) == 2 else "month"
    return {1: "year", 2: "month", 3: "day"}[len(parts)]


def date_right(coded: str | None, coded_precision: str | None, gold: dict[str, Any] | None) -> bool:
    """Whether a coded event date is right at the gold date's precision (see the module docstring).

    Args:
        coded: the coded ``event_date`` ("2002-03-14", "2002-03", "2002", "--03-14", "--03") or None.
        coded_precision: its ``date_precision`` (``decade`` is never right).
        gold: the gold ``date`` object, or None for an event the gold leaves undated.

    Returns:
        True when both are undated, or both dated and the coded date matches at the gold's precision.
    """
    if gold is None:
        return coded is None
    if coded is None or coded_precision == "decade" or not _VALUE.match(coded):
        return False
    value = str(gold["value"])
    if coded.startswith("--") != value.startswith("--"):
        return False  # a year invented, or one the text gives left out
    if _RANK[_precision_of(coded)] < _RANK[_precision_of(value)]:
        return False
    return coded[: len(value)] == value


def tally_date(tally: MutableMapping[str, int], coded: str | None, coded_precision: str | None,
               gold_event: dict[str, Any]) -> None:  # fmt: skip
    """Add one found gold event to the date counts (nothing when the gold has no ``date`` key).

    Keys: ``date_events`` (annotated events), ``gold_dated``, ``dated`` (coded date where the gold has one),
    ``date_right`` (right where the gold has one), ``coded_dates``, ``coded_wrong``, and
    ``date_right:<evidence>`` / ``gold_dated:<evidence>`` per gold evidence.
    """
    if "date" not in gold_event:
        return
    gold = gold_event["date"]
    right = date_right(coded, coded_precision, gold)
    tally["date_events"] += 1
    if coded is not None:
        tally["coded_dates"] += 1
        tally["coded_wrong"] += not right
    if gold is None:
        return
    evidence = str(gold.get("evidence") or "unknown")
    tally["gold_dated"] += 1
    tally[f"gold_dated:{evidence}"] += 1
    tally["dated"] += coded is not None
    tally["date_right"] += right
    tally[f"date_right:{evidence}"] += right


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def place_name_right(coded_span: tuple[int, int] | None, coded_name: str | None, coded_country: str | None,
                     gold_span: tuple[int, int], gold_entry: tuple[str, str | None] | None,
                     gold_text: str | None = None) -> bool:  # fmt: skip
    """Whether the coded place names the gold place: the spans overlap, or both are one gazetteer entry.

    Args:
        coded_span: raw-text offsets of the coded place phrase (None when unknown).
        coded_name, coded_country: the coded ``location_name`` and ``location_country``.
        gold_span: raw-text offsets of the gold place.
        gold_entry: (name, country) of the gazetteer entry the gold text resolves to, or None.
        gold_text: the gold place text; only for a coded place without a span (an older coder), whose name
            is then right when it is part of the gold text or the gold text part of it.
    """
    if coded_name is None:
        return False
    if coded_span is not None and coded_span[0] < gold_span[1] and gold_span[0] < coded_span[1]:
        return True
    if coded_span is None and gold_text is not None:  # a coder that keeps no span: the name in the gold text
        got, want = _norm(coded_name), _norm(gold_text)
        if got and (got in want or want in got):
            return True
    return (
        gold_entry is not None
        and _norm(gold_entry[0]) == _norm(coded_name)
        and gold_entry[1] == coded_country
    )


def tally_place(tally: MutableMapping[str, int], coded_country: str | None, name_right: bool,
                placed: bool, gold_place: dict[str, Any] | None) -> None:  # fmt: skip
    """Add one found gold event with a place to the place counts (``places``, ``placed``,
    ``place_country``, ``place_name``); nothing for an event without a gold place."""
    if not gold_place:
        return
    tally["places"] += 1
    tally["placed"] += placed
    tally["place_country"] += placed and coded_country == gold_place.get("country")
    tally["place_name"] += placed and name_right
