"""The query layer's pure parts: partial-date periods, the filter's checks, the Goldstein table, time axes."""

from __future__ import annotations

import pytest

from tidings.errors import FilterError
from tidings.intensity import goldstein, quad_class
from tidings.query import EventFilter, period_bounds
from tidings.timeline import periods_between


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("1950", ("1950-01-01", "1950-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023-02", ("2023-02-01", "2023-02-28")),
        ("2023-05-17", ("2023-05-17", "2023-05-17")),
    ],
)
def test_query_period_bounds_cover_the_whole_period(value: str, bounds: tuple[str, str]) -> None:
    assert period_bounds(value) == bounds


@pytest.mark.parametrize("value", ["1950-13", "2023-02-30", "50", "2023/05", ""])
def test_query_period_bounds_reject_impossible_dates(value: str) -> None:
    with pytest.raises(FilterError):
        period_bounds(value)


def test_query_filter_normalises_and_validates() -> None:
    flt = EventFilter(type="assault, coerce", factuality="Reported", dyad="usa-prk").check()
    assert (flt.type, flt.factuality, flt.dyad) == ("ASSAULT,COERCE", "reported", "USA-PRK")
    for bad in (EventFilter(type="PARTY"), EventFilter(dyad="USA"), EventFilter(month="2023"),
                EventFilter(until="2023-02-31"), EventFilter(actor="North Korea")):  # fmt: skip
        with pytest.raises(FilterError):
            bad.check()
    with pytest.raises(FilterError, match="colour"):
        EventFilter.from_kwargs(colour="red")


def test_query_until_is_the_last_day_of_its_period() -> None:
    where, params = EventFilter(until="1950").check().where()
    assert "e.event_date <=" in where and params == ["1950-12-31"]
    assert EventFilter().where() == ("WHERE coalesce(e.status, 'event') = 'event'", [])
    assert EventFilter(status="all").where() == ("", [])


def test_query_unresolved_actor_name_matches_text() -> None:
    where, params = EventFilter(actor_name="village elders").where()
    assert "source_text ILIKE" in where and params == ["%village elders%", "%village elders%"]
    flt = EventFilter(actor_name="x")
    flt.resolved = (("PRK",), ("prk.kim_jong_un",))
    where, params = flt.where()
    assert "ILIKE" not in where and params == ["PRK", "prk.kim_jong_un", "PRK", "prk.kim_jong_un"]


@pytest.mark.parametrize(
    ("code", "event_type", "score"),
    [
        ("190", None, -10.0),
        ("183", None, -10.0),
        ("0431", None, 2.8),
        ("05", None, 3.5),
        (None, "AGREE", 4.0),
        ("", "ASSAULT", -9.0),
        (None, "NOTATYPE", None),
        ("99", None, None),
    ],
)
def test_intensity_goldstein_from_code_or_type(
    code: str | None, event_type: str | None, score: float | None
) -> None:
    assert goldstein(code, event_type) == score


def test_intensity_quad_class() -> None:
    assert [quad_class(t) for t in ("consult", "AID", "THREATEN", "ASSAULT", "x")] == [1, 2, 3, 4, None]


def test_timeline_periods_between_fill_gaps() -> None:
    assert periods_between("2022-11", "2023-02", "month") == ["2022-11", "2022-12", "2023-01", "2023-02"]
    assert periods_between("1950", "1953", "year") == ["1950", "1951", "1952", "1953"]
    assert periods_between("2024-02-28", "2024-03-01", "day") == ["2024-02-28", "2024-02-29", "2024-03-01"]
    with pytest.raises(FilterError):
        periods_between("1900-01-01", "2023-01-01", "day")
    with pytest.raises(FilterError):
        periods_between("2023", "2023", "week")
