"""Quotes stage on parsed sentences, one test per case class (needs the spaCy model)."""

from __future__ import annotations

from typing import Any

import pytest

from tidings.model import Document, Event, Quote
from tidings.stages.parse import SpacyParser
from tidings.stages.quotes import QuoteStage

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def run(nlp: Any) -> Any:
    parser, stage = SpacyParser(), QuoteStage()
    stage.resolve = None  # speakers only; the actor step is the actors stage's business

    def _run(text: str, events: list[Event] | None = None) -> Document:
        doc = parser(Document(doc_id="t", text=text))
        doc.events = events or []
        return stage(doc)

    return _run


def _one(doc: Document, fragment: str) -> Quote:
    """The shortest quotation holding ``fragment`` (an outer quotation holds its inner one's text too)."""
    found = [q for q in doc.quotes if fragment in q.text]
    assert found, [q.text for q in doc.quotes]
    return min(found, key=lambda q: len(q.text))


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "cue"),
    [
        ("The defence minister said: “We will not withdraw a single unit.”", "withdraw", "The defence minister", "said"),
        ("Maria Okonkwo argues that, “the sanctions have punished farmers.”", "punished", "Maria Okonkwo", "argues"),
        ("“Our patience has limits,” the spokesman told reporters.", "patience", "the spokesman", "told"),
        ('"Nobody here wants another war," the village elder said.', "another war", "the village elder", "said"),
        ("“We did not fire first,” insisted Colonel Rahimi.", "fire first", "Colonel Rahimi", "insisted"),
        ("According to Kofi Mensah: “The companies pay the militias.”", "companies", "Kofi Mensah", "According to"),
    ],
)
def test_quotes_speaker_before_and_after(run: Any, text: str, fragment: str, speaker: str, cue: str) -> None:
    quote = _one(run(text), fragment)
    assert quote.kind == "direct"
    assert quote.speaker_text == speaker
    assert quote.cue == cue
    assert text[quote.speaker_start:quote.speaker_end] == speaker
    assert text[quote.start:quote.end] == quote.text


def test_quotes_speaker_in_the_middle(run: Any) -> None:
    doc = run("Lena Vogel chairs the panel. “The ceasefire is holding,” she said, “but nobody trusts it yet.”")
    first, second = _one(doc, "ceasefire"), _one(doc, "nobody")
    assert first.speaker_text == second.speaker_text == "Lena Vogel"


@pytest.mark.parametrize("marks", [("“", "”"), ('"', '"')])
def test_quotes_curly_and_straight_agree(run: Any, marks: tuple[str, str]) -> None:
    o, c = marks
    doc = run(f"The mayor said: {o}We have asked the army to leave the old town.{c}")
    assert _one(doc, "asked the army").speaker_text == "The mayor"


def test_quotes_spanning_paragraphs(run: Any) -> None:
    text = ("The spokesman read out the statement:\n\n“The government condemns the attack in the strongest terms."
            "\n\n“We call on all parties to show restraint.”\n\nReporters left.")  # fmt: skip
    doc = run(text)
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].text.startswith("The government condemns") and direct[0].text.endswith("show restraint.")
    assert direct[0].speaker_text == "The spokesman"


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "cue"),
    [
        ("Prime Minister Adebayo said that the government would reopen the crossing.", "reopen", "Prime Minister Adebayo", "said"),
        ("Helena Marsh observes that the embargo has strengthened the ruling party.", "embargo", "Helena Marsh", "observes"),
        ("Critics argue that the new law gives the police unlimited powers.", "new law", "Critics", "argue"),
        ("According to the interior ministry, the protesters burned a police station.", "protesters", "the interior ministry", "According to"),
        ("The army shelled the harbour, according to local residents.", "shelled", "local residents", "according to"),
        ("Around 3,000 police officers will be deployed for the summit, the city said.", "deployed", "the city", "said"),
        ("The army's chief of staff, General Tomas Brandt, told lawmakers the force was short of recruits.",
         "short of", "The army's chief of staff, General Tomas Brandt", "told"),
    ],
)
def test_quotes_indirect(run: Any, text: str, fragment: str, speaker: str, cue: str) -> None:
    quote = _one(run(text), fragment)
    assert quote.kind == "indirect"
    assert quote.speaker_text == speaker
    assert quote.cue == cue
    assert "that" not in quote.text.split()[:1]


def test_quotes_poll_share_is_not_a_speaker(run: Any) -> None:
    doc = run("Roughly 70 percent of Ukrainians say they would never accept territorial concessions.")
    assert doc.quotes == []


def test_quotes_pronoun_carries_over(run: Any) -> None:
    doc = run("Olga Petrenko is a historian. She argues that, “the treaty was never meant to last.” "
              "Tomas Ruiz disagrees. She notes that, “the generals signed it in bad faith.”")  # fmt: skip
    assert _one(doc, "never meant").speaker_text == "Olga Petrenko"
    assert _one(doc, "bad faith").speaker_text == "Olga Petrenko"


def test_quotes_unattributed_clause_gets_last_or_introduced_speaker(run: Any) -> None:
    doc = run("Ana Lima said: “The border is calm.” “Nobody has crossed it in weeks and the guards are bored.”\n\n"
              "Rafael Ortiz spent a decade in the ministry. “The generals decide everything and the ministers sign.”")
    assert _one(doc, "Nobody has crossed").speaker_text == "Ana Lima"
    assert _one(doc, "generals decide").speaker_text == "Rafael Ortiz"


def test_quotes_unresolved_pronoun_stays(run: Any) -> None:
    assert _one(run("“The police arrested the students at dawn,” she said."), "arrested").speaker_text == "she"


def test_quotes_quote_of_a_quote_keeps_the_chain(run: Any) -> None:
    doc = run("Peter Novak writes that, “the colonel told me ‘we will burn the villages if they come back’ and laughed.”")
    outer, inner = _one(doc, "laughed"), _one(doc, "burn the villages")
    assert outer.speaker_text == "Peter Novak"
    assert inner.parent_quote_id == outer.quote_id
    assert inner.speaker_text == "the colonel"


def test_quotes_indirect_report_wraps_direct_quote(run: Any) -> None:
    doc = run("The report says that the commander told his troops “no prisoners will be taken today” before the assault.")
    wrapper = next(q for q in doc.quotes if q.kind == "indirect")
    direct = _one(doc, "no prisoners")
    assert wrapper.speaker_text == "The report"
    assert direct.parent_quote_id == wrapper.quote_id


@pytest.mark.parametrize(
    "text",
    [
        "The governor described the flood as a ‘catastrophe’ for the delta.",
        "Washington's “pivot to Asia” changed the region's politics.",
        "Officials described the raid as a “routine operation.”",
        "The newspaper ran a story headlined “Army Moves North” on its front page.",
    ],
)
def test_quotes_scare_quotes_skipped(run: Any, text: str) -> None:
    assert run(text).quotes == []


def test_quotes_event_inside_marked_reported(run: Any) -> None:
    text = "Tariq Hamdan said: “The army attacked the village at night.” The army withdrew."
    inside, outside = text.index("attacked"), text.index("withdrew")
    events = [
        Event("e1", "t", 0, "", 0, 60, "ASSAULT", verb_text="attacked", verb_start=inside, verb_end=inside + 8),
        Event("e2", "t", 1, "", 60, 80, "RETREAT", verb_text="withdrew", verb_start=outside, verb_end=outside + 8),
        Event("e3", "t", 0, "", 0, 60, "ASSAULT", verb_start=inside, verb_end=inside + 8, factuality="negated"),
    ]  # fmt: skip
    doc = run(text, events)
    assert (doc.events[0].factuality, doc.events[0].claimant_text) == ("reported", "Tariq Hamdan")
    assert doc.events[1].factuality == "asserted"
    assert doc.events[2].factuality == "negated"


def test_quotes_ids_are_stable(run: Any) -> None:
    text = "The senator added: “Congress will not pay for this war.”"
    assert [q.quote_id for q in run(text).quotes] == [q.quote_id for q in run(text).quotes]
