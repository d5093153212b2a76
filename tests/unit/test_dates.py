"""Date resolution: one parametrized table per case class, plus the stage's fallbacks on hand-built events."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.model import Document, Event, Sentence
from tidings.stages.dates import DateResolution, DateStage, find_date_mentions, resolve_date

PUB = dt.date(2024, 3, 14)  # a Thursday
ANCHOR = DateResolution("1961-07-11", "day", "July 11, 1961", "text")


@pytest.mark.parametrize(("text", "date", "precision"), [
    ("The treaty was signed on July 11, 1961 in Beijing.", "1961-07-11", "day"),
    ("Troops landed at Inchon on 15 September 1950.", "1950-09-15", "day"),
    ("The vote took place on 2022-09-30.", "2022-09-30", "day"),
    ("Talks resumed in September 2022.", "2022-09", "month"),
    ("Sanctions were imposed in 2021.", "2021", "year"),
    ("The report was filed on 11/02/2020.", "2020-11-02", "day"),
])  # fmt: skip
def test_resolve_date_absolute(text: str, date: str, precision: str) -> None:
    res = resolve_date(text, PUB)
    assert (res.date, res.precision, res.source) == (date, precision, "text")


@pytest.mark.parametrize(("text", "date", "precision"), [
    ("Protesters marched yesterday.", "2024-03-13", "day"),
    ("The minister resigned on Tuesday.", "2024-03-12", "day"),
    ("The minister resigned last Thursday.", "2024-03-07", "day"),
    ("Rebels attacked the town two days ago.", "2024-03-12", "day"),
    ("The ministry protested earlier this month.", "2024-03", "month"),
    ("The army mobilised last year.", "2023", "year"),
    ("Envoys will meet next Monday.", "2024-03-18", "day"),
    ("Two rockets struck the base last month.", "2024-02", "month"),
    ("The ministers met last Wednesday.", "2024-03-06", "day"),  # the previous calendar week
    ("The ministers will meet on Saturday.", "2024-03-16", "day"),  # future clause: the coming one
    ("Protests spread over the weekend.", "2024-03-09", "day"),  # a range: its first day
])  # fmt: skip
def test_resolve_date_relative_to_publication(text: str, date: str, precision: str) -> None:
    res = resolve_date(text, PUB)
    assert (res.date, res.precision, res.source) == (date, precision, "text")


@pytest.mark.parametrize(("text", "date", "precision"), [
    ("Earlier that month, the fleet sailed north.", "1961-07", "month"),
    ("That year the border was closed.", "1961", "year"),
    ("The next day, the embassy protested.", "1961-07-12", "day"),
    ("Fighting resumed in late October.", "1961-10", "month"),
    ("Three weeks later, the ceasefire collapsed.", "1961-08", "month"),
    ("The day before, envoys had met.", "1961-07-10", "day"),
    ("The year after, the pact was renewed.", "1962", "year"),
    ("The following spring, the army withdrew.", "1962", "year"),
])  # fmt: skip
def test_resolve_date_narrative_anchor(text: str, date: str, precision: str) -> None:
    res = resolve_date(text, dt.date(2021, 7, 11), ANCHOR)
    assert (res.date, res.precision, res.source) == (date, precision, "narrative")


@pytest.mark.parametrize(("text", "date", "precision"), [
    ("Relations froze in the 1970s.", "1970", "decade"),
    ("Relations froze in the late 1990s.", "1990", "decade"),
    ("The offensive in the fall of 1950 was costly.", "1950", "year"),
    ("Tensions rose in the summer of 2019.", "2019", "year"),
    ("Output collapsed in late October 1950.", "1950-10", "month"),
    ("Elections were held in early 2021.", "2021", "year"),
    ("The deal was struck in mid-2019.", "2019", "year"),
])  # fmt: skip
def test_resolve_date_decade_season_part(text: str, date: str, precision: str) -> None:
    res = resolve_date(text, PUB)
    assert (res.date, res.precision) == (date, precision)


@pytest.mark.parametrize(("text", "date", "precision"), [
    ("Talks ran from March 3 to March 5, 2021.", "2021-03-03", "day"),
    ("Talks ran March 3-5, 2021.", "2021-03-03", "day"),
    ("The war lasted from 1950 to 1953.", "1950", "year"),
    ("The siege lasted between 1992 and 1995.", "1992", "year"),
])  # fmt: skip
def test_resolve_date_range_gives_start_and_keeps_text(text: str, date: str, precision: str) -> None:
    res = resolve_date(text, PUB)
    assert (res.date, res.precision) == (date, precision)
    assert res.text is not None and res.text[-4:] == text.rstrip(".")[-4:]


@pytest.mark.parametrize(("text", "date"), [
    ("Talks are due on March 28.", "2024-03-28"),  # two weeks after publication: the coming one
    ("Fighting broke out in July.", "2023-07"),  # months ahead: last July
    ("Fighting broke out on Oct. 2.", "2023-10-02"),
    ("The ceasefire began on March 1.", "2024-03-01"),
])  # fmt: skip
def test_resolve_date_without_year_prefers_past_unless_imminent(text: str, date: str) -> None:
    assert resolve_date(text, PUB).date == date


def test_resolve_date_decade_anchor_does_not_date_day_month() -> None:
    decade = DateResolution("1950", "decade", "the 1950s", "text")
    assert resolve_date("on August 1", PUB, decade).date == "2023-08-01"
    assert resolve_date("on August 1", PUB, ANCHOR).date == "1961-08-01"


def test_resolve_date_bare_year_does_not_borrow_base_month_day() -> None:
    res = resolve_date("in 2021", dt.date(2024, 7, 19))
    assert res.date == "2021" and res.precision == "year"


@pytest.mark.parametrize(
    "text", ["The two sides may meet soon.", "2,000 troops crossed.", "Officials said so."]
)
def test_resolve_date_no_date_is_unknown(text: str) -> None:
    res = resolve_date(text, PUB)
    assert res.date is None and res.precision == "unknown"


def test_resolve_date_narrative_without_anchor_is_unknown() -> None:
    assert resolve_date("Earlier that month, the fleet sailed.", PUB).date is None


def test_find_date_mentions_keeps_longest() -> None:
    found = find_date_mentions("beginning on Oct. 25, 1950, the army crossed")
    assert [m.text for m in found] == ["Oct. 25, 1950"]


def _doc(sentences: list[str], published: dt.date | None, sep: str = " ") -> Document:
    text, sents, pos = "", [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, pos, pos + len(s), s))
        text += s + sep
        pos = len(text)
    doc = Document(doc_id="d", text=text, published=published, sentences=sents)
    for s in sents:
        doc.events.append(
            Event(
                event_id=f"e{s.index}",
                doc_id="d",
                sentence_index=s.index,
                sentence_text=s.text,
                char_start=s.start,
                char_end=s.end,
                event_type="ASSAULT",
            )
        )
    return doc


def test_date_stage_anchor_then_publication_then_unknown() -> None:
    # the anchor is the latest date the text stated, so the third sentence inherits "earlier that month"
    doc = _doc(["Fighting began on June 25, 1950.", "Earlier that month, troops massed.", "Ships sailed."],
               dt.date(2020, 6, 25))  # fmt: skip
    DateStage()(doc)
    got = [(e.event_date, e.date_precision, e.date_source) for e in doc.events]
    assert got == [("1950-06-25", "day", "text"), ("1950-06", "month", "narrative"),
                   ("1950-06", "month", "narrative")]  # fmt: skip
    doc = _doc(["Ships sailed."], dt.date(2020, 6, 25))
    DateStage()(doc)
    assert (doc.events[0].event_date, doc.events[0].date_source) == ("2020-06-25", "publication")
    doc = _doc(["Ships sailed."], None)
    DateStage()(doc)
    assert (doc.events[0].event_date, doc.events[0].date_precision) == (None, "unknown")


_EVERY_RULE = [
    "March 3-5, 2021", "March 3 to March 5, 2021", "24 to 25 January 2024", "11/02/2020", "Oct. 25, 1950",
    "25 October 1950", "2020-11-02", "Oct. 25", "25 October", "late October 1950", "October 1950", "late October",
    "last May", "in May", "the fall of 1950", "last summer", "in the spring", "the 1950s", "the '80s",
    "from 1950 to 1953", "early 2021", "in 2021", "yesterday", "last Tuesday", "two days ago", "a week later",
    "earlier that month", "the following year", "the day before", "the week after", "next Friday", "that night",
]  # fmt: skip


@pytest.mark.parametrize("text", _EVERY_RULE)
@pytest.mark.parametrize(("base", "anchor"), [(None, None), (PUB, None), (None, ANCHOR), (PUB, ANCHOR)])
def test_resolve_date_every_rule_with_and_without_references(text: str, base: dt.date | None,
                                                            anchor: DateResolution | None) -> None:  # fmt: skip
    from tidings.model import DATE_PRECISIONS

    res = resolve_date(text, base, anchor)
    assert res.precision in DATE_PRECISIONS
    assert (res.date is None) == (res.precision == "unknown")
    if res.date is not None:
        width = {"day": 10, "month": 7, "year": 4, "decade": 4}[res.precision]
        if res.date.startswith("--"):  # a month and day without a year: only with neither base nor anchor
            assert base is None and anchor is None and res.precision in ("day", "month")
            width -= 3
        assert len(res.date) == width
        assert res.source in ("text", "narrative")


@pytest.mark.parametrize("text", ["70 years", "24 hours", "the past 24 hours", "100 days", "the 38th", "10"])
def test_resolve_date_durations_and_numbers_are_not_dates(text: str) -> None:
    from tidings.stages.dates import DateMention, resolve_mention

    assert resolve_mention(DateMention(0, len(text), text, "dateparser"), PUB, None).date is None


def test_resolve_date_lower_case_text_reads_month_names() -> None:
    res = resolve_date("police fired on a mob on march 12, 2002.", PUB)
    assert (res.date, res.text) == ("2002-03-12", "march 12, 2002")
    assert resolve_date("the officials may meet again.", PUB).date is None


def test_dateline_only_lines_are_not_narrative_anchors() -> None:
    """An article's own date line says when it was written; it must not pose as narrative time."""
    from tidings.stages.date_rules import DateResolution
    from tidings.stages.dates import _is_dateline

    res = DateResolution("2020-11-02", "day", text="November 2, 2020", source="text")
    assert _is_dateline("November 2, 2020", [res])
    assert not _is_dateline("Troops crossed the river on November 2, 2020.", [res])


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Rebels seized the depot on 31 February 2023.", "no such day"),
        ("Rebels seized the depot on February 30.", "no such day"),
        ("Rebels seized the depot on Feb. 29, 2023.", "no such day"),
        ("Rebels seized the depot in the year 20225.", "out of range"),
        ("Rebels seized the depot in March 20225.", "out of range"),
        ("Rebels seized the depot on 2023-02-30.", "no such day"),
    ],
)
def test_issue_13_impossible_dates_never_become_event_dates(sentence: str, reason: str) -> None:
    for published in (dt.date(2024, 3, 14), None):
        doc = _doc([sentence, "Guards fled."], published)
        DateStage()(doc)
        for event in doc.events:
            assert event.event_date in (None, "2024-03-14")
            assert event.date_source in ("publication", "none")
        assert any(reason in step for step in doc.events[0].trace["date"])


def test_issue_13_undated_post_is_never_given_the_run_date() -> None:
    doc = _doc(["Guards fled the depot.", "Two days ago, rebels came."], None)
    DateStage()(doc)
    for event in doc.events:
        assert (event.event_date, event.date_precision, event.date_source) == (None, "unknown", "none")
    assert "no publication date" in doc.events[1].trace["date"][-1]


def test_issue_13_unresolvable_time_expression_ends_the_anchor() -> None:
    doc = _doc(["Fighting began on June 25, 1950.", "On Feb. 30, 1951, talks failed.", "Ships sailed."],
               dt.date(2020, 6, 25))  # fmt: skip
    DateStage()(doc)
    assert [e.date_source for e in doc.events] == ["text", "publication", "publication"]


def test_issue_13_post_without_publication_date_takes_its_earliest_stated_date() -> None:
    doc = _doc(["Delegates signed the accord on 12 May 2023.", "Guards fled.",
                "Back in March 2023, talks had stalled.", "Critics are angry."], None, sep="\n\n")  # fmt: skip
    doc.extras["ingest"] = {"posts": 2, "page_offset": 0}  # a post split from an index page
    DateStage()(doc)
    got = [(e.event_date, e.date_source) for e in doc.events]
    assert got[0] == ("2023-05-12", "text")
    assert got[2] == ("2023-03", "text")
    assert got[1] == got[3] == ("2023-03", "document")
    assert "earliest date" in doc.events[3].trace["date"][-1]


@pytest.mark.parametrize(
    ("sep", "source"), [(" ", "narrative"), ("\n\n", "publication"), ("\n", "publication")]
)
def test_issue_13_anchor_is_carried_only_within_the_paragraph(sep: str, source: str) -> None:
    doc = _doc(["Fighting began on June 25, 1950.", "Ships sailed."], dt.date(2020, 6, 25), sep=sep)
    DateStage()(doc)
    assert doc.events[1].date_source == source


def test_issue_13_hard_wrapped_lines_are_not_paragraphs() -> None:
    text = "Fighting began on June 25,\n1950. Ships sailed\nnorth."
    doc = _doc([text], dt.date(2020, 6, 25))
    cut = text.index("Ships")
    doc.sentences = [Sentence(0, 0, cut - 1, text[: cut - 1]), Sentence(1, cut, len(text), text[cut:])]
    doc.events[0].sentence_index = 1
    DateStage()(doc)
    assert (doc.events[0].event_date, doc.events[0].date_source) == ("1950-06-25", "narrative")


def test_issue_13_pointing_back_resolves_against_the_last_date_across_paragraphs() -> None:
    doc = _doc(["Fighting began on June 25, 1950.", "Ships sailed.", "Five years earlier, the war had ended.",
                "In late October, troops crossed."], dt.date(2020, 6, 25), sep="\n\n")  # fmt: skip
    DateStage()(doc)
    got = [(e.event_date, e.date_source) for e in doc.events]
    assert got == [("1950-06-25", "text"), ("2020-06-25", "publication"), ("1945", "narrative"),
                   ("1945-10", "narrative")]  # fmt: skip


def test_issue_13_year_less_date_takes_the_year_of_an_earlier_date_in_the_sentence() -> None:
    doc = _doc(["The film premiered on 21 September 2021 and opened in cinemas on 30 September."], None)
    doc.events[0].verb_start = doc.text.index("opened")
    DateStage()(doc)
    from tidings.stages.dates import DateStage as _Stage

    by_sentence, _ = _Stage().read_document(doc)
    assert [r.date for r in by_sentence[0]] == ["2021-09-21", "2021-09-30"]


def test_issue_13_single_report_without_publication_date_leaves_timeless_events_undated() -> None:
    doc = _doc(["Rebels ambushed a convoy on 4 June 2011.", "Villagers fled.", "The army plans a sweep."],
               None, sep="\n\n")  # fmt: skip
    DateStage()(doc)
    got = [(e.event_date, e.date_source) for e in doc.events]
    assert got == [("2011-06-04", "text"), (None, "none"), (None, "none")]


def test_issue_13_split_post_without_publication_date_takes_its_earliest_stated_date() -> None:
    doc = _doc(["Rebels ambushed a convoy on 4 June 2011.", "Villagers fled."], None, sep="\n\n")
    doc.extras["ingest"] = {"posts": 3, "page_offset": 0}
    DateStage()(doc)
    assert [(e.event_date, e.date_source) for e in doc.events] == [("2011-06-04", "text"),
                                                                  ("2011-06-04", "document")]  # fmt: skip


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        (["Gunmen shot a trader on August 19."], [("--08-19", "day", "text")]),
        (["Troops stormed the camp on 2 May."], [("--05-02", "day", "text")]),
        (["In late November, guerrillas burned two buses."], [("--11", "month", "text")]),
        # carried within the paragraph like any narrative date
        (["Police raided a hideout on April 3.", "They seized rifles."],
         [("--04-03", "day", "text"), ("--04-03", "day", "narrative")]),
        # counted from a year-less date by days: still without a year
        (["Police raided a hideout on April 3.", "The next day, rebels shot a guard."],
         [("--04-03", "day", "text"), ("--04-04", "day", "narrative")]),
        # a year cannot be counted from a date without one
        (["Police raided a hideout on April 3.", "Later that year, rebels shot a guard."],
         [("--04-03", "day", "text"), (None, "unknown", "none")]),
        # an earlier year in the document supplies it
        (["The truce broke down in 2009.", "On April 3, rebels shot a guard."],
         [("2009", "year", "text"), ("2009-04-03", "day", "narrative")]),
        # a weekday needs a publication date to count from
        (["Rebels shot a guard on Tuesday."], [(None, "unknown", "none")]),
    ],
)
def test_issue_13_month_and_day_without_year_or_publication_date_stay_yearless(
    sentences: list[str], expected: list[tuple[str | None, str, str]]
) -> None:
    doc = _doc(sentences, None)
    DateStage()(doc)
    assert [(e.event_date, e.date_precision, e.date_source) for e in doc.events] == expected


def test_issue_13_yearless_date_takes_the_publication_year_when_there_is_one() -> None:
    doc = _doc(["Gunmen shot a trader on August 19."], dt.date(2016, 9, 2))
    DateStage()(doc)
    assert doc.events[0].event_date == "2016-08-19"


def test_issue_13_impossible_yearless_day_is_rejected() -> None:
    doc = _doc(["Gunmen shot a trader on 30 February."], None)
    DateStage()(doc)
    assert doc.events[0].event_date is None
    assert any("no such day" in step for step in doc.events[0].trace["date"])


def test_issue_13_dates_in_all_caps_wire_copy_are_read() -> None:
    from tidings.stages.date_rules import find_date_mentions

    found = find_date_mentions("TWO JUDGES WERE SHOT DEAD ON 6 SEPTEMBER BY UNKNOWN MEN")
    assert [(m.text, m.kind) for m in found] == [("6 SEPTEMBER", "dm")]
    assert find_date_mentions("THE MAYOR MAY RESIGN SOON AFTER THE VOTE") == []  # "MAY" is the verb


def test_issue_13_vague_time_ends_the_narrative_and_dates_nothing() -> None:
    doc = _doc(["Rebels burned a truck on 9 March 2012.", "A few months back, rebels burned a bus.",
                "Villagers fled."], None)  # fmt: skip
    DateStage()(doc)
    got = [(e.event_date, e.date_source) for e in doc.events]
    assert got == [("2012-03-09", "text"), (None, "none"), (None, "none")]
