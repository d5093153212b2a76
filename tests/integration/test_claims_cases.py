"""Claims stage on parsed sentences, one test per case class (needs the spaCy model)."""

from __future__ import annotations

from typing import Any

import pytest

from tidings.model import Claim, Document
from tidings.stages.claims import ClaimStage
from tidings.stages.parse import SpacyParser
from tidings.stages.quotes import QuoteStage

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def run(nlp: Any) -> Any:
    parser, quotes, claims = SpacyParser(), QuoteStage(), ClaimStage()
    quotes.resolve = claims.resolve = None

    def _run(text: str, author: str | None = None) -> Document:
        return claims(quotes(parser(Document(doc_id="t", text=text, author=author))))

    return _run


def _only(doc: Document) -> Claim:
    assert len(doc.claims) == 1, [(c.text, c.counted) for c in doc.claims]
    return doc.claims[0]


@pytest.mark.parametrize(
    ("text", "value", "kind", "counted", "qualifier"),
    [
        ("The alliance keeps 28,500 troops on the peninsula.", 28500, "count", "troops", None),
        ("The country hosts 73 foreign military bases.", 73, "count", "foreign military bases", None),
        ("Fifteen journalists remain in detention.", 15, "count", "journalists", None),
        ("Twenty-five fishing boats were seized.", 25, "count", "fishing boats", None),
        ("Nearly 12,000 refugees crossed the river.", 12000, "count", "refugees", "nearly"),
        ("More than 300 protesters were detained.", 300, "count", "protesters", "more than"),
        ("At least 17 soldiers died in the ambush.", 17, "count", "soldiers", "at least"),
        ("Inflation reached 48 percent last month.", 48, "percent", None, None),
        ("Sixty percent of the naval fleet is in the south.", 60, "percent", "percent of the naval fleet", None),
        ("Tens of thousands of people marched.", 10000, "count", "people", "vague"),
    ],
)
def test_claims_counts_and_percents(run: Any, text: str, value: float, kind: str, counted: str | None,
                                    qualifier: str | None) -> None:  # fmt: skip
    claim = _only(run(text))
    assert (claim.value, claim.kind, claim.counted, claim.qualifier) == (value, kind, counted, qualifier)
    assert text[claim.start:claim.end] == claim.text


def test_claims_money(run: Any) -> None:
    claim = _only(run("The government approved $2.5 billion in military aid."))
    assert (claim.value, claim.kind, claim.unit, claim.counted) == (2.5e9, "money", "money:USD", "military aid")
    yuan = _only(run("The fund pledged 5 million yuan for reconstruction."))
    assert (yuan.value, yuan.unit) == (5e6, "money:CNY")


@pytest.mark.parametrize("text", ["Officials expect between 200 and 300 observers.", "Officials expect 200-300 observers."])
def test_claims_range(run: Any, text: str) -> None:
    claim = _only(run(text))
    assert (claim.value, claim.value_max, claim.kind, claim.counted) == (200, 300, "range", "observers")


def test_claims_x_out_of_y(run: Any) -> None:
    claim = _only(run("Roughly 400 out of 900 polling stations opened late."))
    assert (claim.value, claim.total, claim.kind) == (400, 900, "ratio")
    assert (claim.counted, claim.qualifier) == ("polling stations", "roughly")


def test_claims_poll(run: Any) -> None:
    doc = run("In a survey, 64 percent of Kenyans oppose the new tax and 30 percent support it.")
    first, second = doc.claims
    assert (first.kind, first.value, first.population) == ("poll", 64, "Kenyans")
    assert first.proposition == "oppose the new tax"
    assert (second.kind, second.value, second.population) == ("poll", 30, "Kenyans")


def test_claims_poll_in_words(run: Any) -> None:
    claim = _only(run("Seven in ten voters are opposed to the military draft."))
    assert (claim.kind, claim.value, claim.population) == ("poll", 70, "voters")
    assert claim.proposition is not None and claim.proposition.startswith("are opposed to")


def test_claims_percent_without_opinion_is_not_a_poll(run: Any) -> None:
    assert _only(run("Ninety percent of the water comes from the dam.")).kind == "percent"


@pytest.mark.parametrize(
    "text",
    [
        "The border was closed in 2019 and reopened in 2021.",
        "The talks began on September 14.",
        "The 25th summit of the bloc opened on Tuesday.",
        "The Sixth Fleet sailed east.",
        "The meeting starts at 10am.",
        "The suspect, aged 34, was charged.",
        "The two Koreas held talks.",
        "The party has ruled the country for 30 years.",
        "The zero-sum approach failed.",
        "The general, 61, has led the army since 2019.",
        "The plan covered the years 2002-2003.",
        "The march left on jan. 27 from the old town.",
        "Exams for class twelve were postponed.",
    ],
)
def test_claims_skips_dates_ordinals_ages_durations(run: Any, text: str) -> None:
    assert run(text).claims == []


def test_claims_stated_by_quote_speaker_else_author(run: Any) -> None:
    doc = run("General Okafor said: “We have 4,000 soldiers in the province.” The army has 80 tanks.", author="J. Doe")
    quoted, plain = doc.claims
    assert (quoted.stated_by, quoted.quote_id) == ("General Okafor", doc.quotes[0].quote_id)
    assert (plain.stated_by, plain.quote_id) == ("J. Doe", None)
    assert quoted.location_name == "the province" or quoted.location_name is None


def test_claims_year_becomes_date(run: Any) -> None:
    claim = _only(run("In 2021, about 1.2 million people depended on food aid in Yemen."))
    assert (claim.value, claim.date, claim.location_name) == (1.2e6, "2021", "Yemen")
