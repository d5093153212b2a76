"""Headline, byline and date lines at the head of a plain-text article."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.stages.ingest_meta import byline, date_line, looks_like_headline, parse_date, text_metadata


@pytest.mark.parametrize(
    "line,name",
    [
        ("written by Ada Morrow", "Ada Morrow"),
        ("By Jane Roe, Reuters", "Jane Roe"),
        ("BY Jane Roe", "Jane Roe"),
        ("Author: Mary-Ann O'Neil", "Mary-Ann O'Neil"),
        ("Posted by Kim Lee on March 3, 2021", "Kim Lee"),
        ("By Jane Roe and John Doe", "Jane Roe and John Doe"),
    ],
)
def test_byline_reads_the_name(line: str, name: str) -> None:
    assert byline(line) == name


@pytest.mark.parametrize(
    "line", ["by the way, officials met", "Bystanders were injured", "The report was written by Ada Morrow."]
)
def test_byline_ignores_other_lines(line: str) -> None:
    assert byline(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "November 2, 2020",
        "2020-11-02",
        "2 November 2020",
        "Nov. 2, 2020",
        "Monday, November 2, 2020",
        "Published: 2 Nov 2020 10:30",
        "Posted on November 2nd, 2020",
    ],
)
def test_date_line_forms(line: str) -> None:
    assert date_line(line) == dt.date(2020, 11, 2)


@pytest.mark.parametrize("line", ["He arrived on November 2, 2020 with aides", "February 30, 2020", "2020"])
def test_date_line_refuses_sentences_and_invalid_dates(line: str) -> None:
    assert date_line(line) is None


def test_parse_date_accepts_dates_inside_text() -> None:
    assert parse_date("2002-03-06") == dt.date(2002, 3, 6)
    assert parse_date("updated Sept. 9, 2022 at noon") == dt.date(2022, 9, 9)
    assert parse_date("no date here") is None


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Ceasefire holds in the north", True),
        ("Talks collapse: what comes next?", True),
        ("The army withdrew from the town on Monday.", False),
        ("Speakers include:", False),
        ("https://example.org/a-story", False),
        ("lowercase start of a line", False),
    ],
)
def test_looks_like_headline(line: str, expected: bool) -> None:
    assert looks_like_headline(line) is expected


def test_text_metadata_reads_header_zone() -> None:
    text = (
        "Border talks resume after a long pause\n\nwritten by Ada Morrow\nMarch 4, 2021\n\n"
        "Negotiators from both countries met in the capital on Thursday, officials said."
    )
    meta = text_metadata(text)
    assert meta.title == "Border talks resume after a long pause"
    assert meta.author == "Ada Morrow"
    assert meta.published == dt.date(2021, 3, 4)


def test_text_metadata_ignores_dates_and_bylines_in_the_body() -> None:
    text = (
        "Negotiators from both countries met in the capital on Thursday, officials said.\n\n"
        "By Jane Roe\n\nMarch 4, 2021"
    )
    meta = text_metadata(text)
    assert meta.title is None and meta.author is None and meta.published is None


def test_text_metadata_uses_removed_archive_stamp() -> None:
    meta = text_metadata("lucknow: police were deployed.", removed=["This story is from March 6, 2002"])
    assert meta.published == dt.date(2002, 3, 6)


def test_parse_date_fallback_needs_an_absolute_full_date() -> None:
    assert parse_date("12/03/2020") is not None
    assert parse_date("December 2020") is None
    assert parse_date("yesterday 2020") is None


def test_issue_13_posted_date_is_found_below_the_excerpt() -> None:
    from tidings.stages.ingest_meta import posted_date

    body = "Farmers block a highway\n\nFarmers parked tractors across the road for a day.\n\nPosted on 3 March 2024"
    assert posted_date(body) == dt.date(2024, 3, 3)
    assert posted_date("Farmers met on 3 March 2024 to plan the protest.\n\nRead more") is None
    assert posted_date("Posted on 31 February 2024") is None
