"""Periods: partial filter bounds are whole periods; coarse event dates match by overlap (issue 13, part 5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from tidings.errors import StoreError
from tidings.model import Document, Event
from tidings.periods import PeriodError, event_bounds, overlaps, period_bounds
from tidings.store import Store

D = dt.date


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1950", D(1950, 1, 1), D(1950, 12, 31)),
        ("1950-09", D(1950, 9, 1), D(1950, 9, 30)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),  # leap year
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
        ("2023-05-31", D(2023, 5, 31), D(2023, 5, 31)),
    ],
)
def test_period_bounds_cover_the_whole_period(text: str, first: dt.date, last: dt.date) -> None:
    assert period_bounds(text) == (first, last)


@pytest.mark.parametrize("bad", ["50", "1950-9", "1950-13", "2023-02-30", "last week", "20225", ""])
def test_period_bounds_reject_bad_periods(bad: str) -> None:
    with pytest.raises(PeriodError):
        period_bounds(bad)


def test_event_bounds_of_a_decade_span_ten_years() -> None:
    assert event_bounds("1950", "decade") == (D(1950, 1, 1), D(1959, 12, 31))
    assert event_bounds("1950", "year") == (D(1950, 1, 1), D(1950, 12, 31))


@pytest.mark.parametrize(
    ("event_date", "precision", "since", "until", "expected"),
    [
        ("1950-06-25", "day", None, "1950", True),  # --until 1950 includes all of 1950
        ("1950-12-31", "day", None, "1950", True),
        ("1951-01-01", "day", None, "1950", False),
        ("2023-05-31", "day", None, "2023-05", True),  # --until 2023-05 includes 2023-05-31
        ("2023-06-01", "day", None, "2023-05", False),
        ("1950-09-15", "day", "1950-09", "1950-09", True),  # the UI's drill-down on one month
        ("1950", "year", "1950-06", None, True),  # a year-precision event overlaps its second half
        ("1950", "year", None, "1950-03", True),
        ("1950-10", "month", "1950-10-25", None, True),  # a month overlaps a window starting inside it
        ("1950-10", "month", "1950-11", None, False),
        ("1950", "decade", "1957", "1958", True),  # the 1950s overlap 1957-1958
        ("1950", "decade", "1960", None, False),
        ("1949-12-31", "day", "1950", None, False),
        (None, "unknown", "1950", None, False),  # undated events never match a dated window
        (None, "unknown", None, None, True),
        ("--03-14", "day", None, "2024", False),  # a month and day without a year: in no dated window
        ("--03", "month", "1950", None, False),
        ("--03-14", "day", None, None, True),
    ],
)
def test_overlaps_rule(event_date: str | None, precision: str, since: str | None, until: str | None,
                       expected: bool) -> None:  # fmt: skip
    assert overlaps(event_date, precision, since, until) is expected


@pytest.fixture()
def dated_store() -> Iterator[Store]:
    text = "Troops crossed the river."
    dates = [("d1", "1950-06-25", "day"), ("d2", "1950-12-31", "day"), ("d3", "1951-01-01", "day"),
             ("m1", "1950-09", "month"), ("y1", "1950", "year"), ("c1", "1950", "decade"),
             ("d4", "2023-05-31", "day"), ("n1", None, "unknown"), ("x1", "--09-14", "day"),
             ("x2", "--12", "month")]  # fmt: skip
    doc = Document(doc_id="p", text=text)
    for event_id, date, precision in dates:
        doc.events.append(Event(event_id=event_id, doc_id="p", sentence_index=0, sentence_text=text,
                                char_start=0, char_end=len(text), event_type="ASSAULT", event_date=date,
                                date_precision=precision))  # fmt: skip
    with Store(":memory:") as store:
        store.save(doc)
        yield store


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"until": "1950"}, {"d1", "d2", "m1", "y1", "c1"}),
        ({"until": "1950-09"}, {"d1", "m1", "y1", "c1"}),
        ({"since": "1950-09", "until": "1950-09"}, {"m1", "y1", "c1"}),
        ({"since": "1951"}, {"d3", "c1", "d4"}),  # the 1950s reach into 1951
        ({"since": "2023-05", "until": "2023-05"}, {"d4"}),
        ({"since": "1950-12-31", "until": "1950-12-31"}, {"d2", "y1", "c1"}),
    ],
)
def test_issue_13_store_period_filters_match_whole_periods(dated_store: Store, filters: dict[str, str],
                                                           expected: set[str]) -> None:  # fmt: skip
    rows = dated_store.events(limit=None, **filters)
    assert {r["event_id"] for r in rows} == expected
    for row in dated_store.events(limit=None):
        want = overlaps(row["event_date"], row["date_precision"], filters.get("since"), filters.get("until"))
        assert (row["event_id"] in expected) is want  # SQL and Python agree


def test_store_period_filter_rejects_impossible_bound(dated_store: Store) -> None:
    with pytest.raises(StoreError, match="bad date filter"):
        dated_store.events(until="1950-02-30")
