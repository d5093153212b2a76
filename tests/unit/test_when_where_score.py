"""The real-news date and place scorer (tidings.when_where_score) on small synthetic gold."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tidings.when_where_score import date_right, place_name_right, tally_date, tally_place


def _gold(value: str, precision: str, evidence: str = "clause") -> dict[str, Any]:
    return {"value": value, "precision": precision, "evidence": evidence}


@pytest.mark.parametrize(
    ("coded", "precision", "gold", "right"),
    [
        ("2002-03-14", "day", _gold("2002-03-14", "day"), True),
        ("2002-03-15", "day", _gold("2002-03-14", "day"), False),
        ("2002-03-14", "day", _gold("2002-03", "month"), True),  # finer than the gold, same month
        ("2002-03", "month", _gold("2002-03-14", "day"), False),  # too coarse
        ("2002", "year", _gold("2002", "year"), True),
        ("2002", "decade", _gold("2002", "year"), False),  # a decade is never right
        ("--03-14", "day", _gold("--03-14", "day"), True),  # no year in the text, none coded
        ("2002-03-14", "day", _gold("--03-14", "day"), False),  # a year invented
        ("--03-14", "day", _gold("2002-03-14", "day"), False),  # the text's year left out
        ("--03-14", "day", _gold("--03", "month"), True),
        ("--04", "month", _gold("--03", "month"), False),
        (None, "unknown", _gold("2002", "year"), False),
        (None, "unknown", None, True),
        ("2002", "year", None, False),  # dated where the gold is undated
    ],
)
def test_date_right_at_the_gold_precision(coded: str | None, precision: str, gold: Any, right: bool) -> None:
    assert date_right(coded, precision, gold) is right


def test_tally_date_counts_shares_and_wrong_dates() -> None:
    tally: Counter[str] = Counter()
    events = [
        ({"date": _gold("2010-05-02", "day", "sentence")}, "2010-05-02", "day"),  # right
        ({"date": _gold("2010-05", "month", "narrative")}, "2010-04", "month"),  # wrong
        ({"date": _gold("--05-02", "day", "clause")}, None, "unknown"),  # missed
        ({"date": None}, "2010", "year"),  # dated, gold undated: wrong
        ({"date": None}, None, "unknown"),  # both undated
        ({}, "2010", "year"),  # not annotated: not counted
    ]
    for gold, coded, precision in events:
        tally_date(tally, coded, precision, gold)
    assert tally["date_events"] == 5
    assert tally["gold_dated"] == 3
    assert tally["dated"] == 2
    assert tally["date_right"] == 1
    assert tally["coded_dates"] == 3 and tally["coded_wrong"] == 2
    assert tally["date_right:sentence"] == 1 and tally["gold_dated:narrative"] == 1


def test_place_name_right_by_span_overlap_or_same_entry() -> None:
    gold_span = (40, 56)
    assert place_name_right((44, 56), "Dantewada", "IND", gold_span, None)
    assert not place_name_right((10, 20), "Dantewada", "IND", gold_span, None)
    assert place_name_right((10, 20), "Dantewada", "IND", gold_span, ("Dantewada", "IND"))
    assert not place_name_right((10, 20), "Dantewada", "IND", gold_span, ("Dantewada", "PAK"))
    assert not place_name_right(None, None, None, gold_span, ("Dantewada", "IND"))


def test_tally_place_counts_unplaced_as_wrong() -> None:
    tally: Counter[str] = Counter()
    tally_place(tally, "COL", True, True, {"start": 0, "end": 4, "country": "COL"})
    tally_place(tally, "PER", False, True, {"start": 0, "end": 4, "country": "COL"})
    tally_place(tally, None, False, False, {"start": 0, "end": 4, "country": "COL"})
    tally_place(tally, "COL", True, True, None)  # no gold place: not counted
    assert (tally["places"], tally["placed"], tally["place_country"], tally["place_name"]) == (3, 2, 1, 1)


def test_place_name_right_without_a_coded_span_compares_the_names() -> None:
    assert place_name_right(None, "Rangamati", "BGD", (0, 18), None, "Rangamati District")
    assert not place_name_right(None, "Khagrachari", "BGD", (0, 18), None, "Rangamati District")
    assert not place_name_right((30, 40), "Rangamati", "BGD", (0, 18), None, "Rangamati District")
