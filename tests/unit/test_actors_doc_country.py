"""The document's country for country-less sector actors: one rule, the resolver's document context."""

from __future__ import annotations

import pytest

from tidings.coding.countries import fill_document_country
from tidings.kb.context import DocContext, apply_document_country, is_generic
from tidings.kb.resolver import place_countries
from tidings.model import Actor, Event, Mention


def _mention(text: str, sector: str, country: str | None = None, kind: str = "sector") -> Mention:
    return Mention(text, 0, len(text), Actor(country, sector, None, None, None, kind))


@pytest.mark.parametrize(
    ("text", "sector", "expected"),
    [
        ("the police", "COP", True),
        ("ministers", "GOV", True),  # no generic head word, still some state's ministers
        ("the MPs", "LEG", True),
        ("the high court", "JUD", True),
        ("aid agencies", "NGO", False),  # international sector
        ("the peacekeepers", "IGO", False),
        ("a police station", "COP", False),  # a place named after an actor
        ("thousands of refugees", "REF", False),  # away from their own country
        ("the villagers", "CVL", True),
    ],
)
def test_is_generic_domestic_sectors(text: str, sector: str, expected: bool) -> None:
    assert is_generic(_mention(text, sector)) is expected


def test_is_generic_not_when_country_or_named() -> None:
    assert not is_generic(_mention("the Kenyan police", "COP", "KEN"))
    assert not is_generic(_mention("Ram Kumar", "GOV", None, kind="person"))


def test_apply_document_country_gives_the_clear_country() -> None:
    m = _mention("the councillors", "GOV")
    apply_document_country(m, DocContext("x", False, {"GBR": 4.0, "FRA": 1.0}))
    assert m.actor is not None and m.actor.country == "GBR"
    assert m.score <= 0.6


def test_apply_document_country_tie_lists_candidates() -> None:
    m = _mention("the councillors", "GOV")
    apply_document_country(m, DocContext("x", False, {"GBR": 3.0, "FRA": 2.5}))
    assert m.actor is not None and m.actor.country is None
    assert {c.country for c in m.candidates} == {"GBR", "FRA"}


def _event(**sides: str | None) -> Event:
    return Event("e1", "d1", 0, "s", 0, 1, "ASSAULT", **sides)  # type: ignore[arg-type]


def test_fill_document_country_uses_the_context() -> None:
    ev = _event(source_sector="REB", target_sector="CVL", target_country="NPL")
    fill_document_country([ev], DocContext("x", False, {"IND": 5.0}))
    assert ev.source_country == "IND"
    assert ev.target_country == "NPL"  # a country the coder gave is kept
    assert "IND" in ev.trace["source_steps"][-1]


def test_fill_document_country_skips_international_and_unclear() -> None:
    ev = _event(source_sector="IGO", target_sector="COP")
    fill_document_country([ev], DocContext("x", False, {"IND": 2.0, "PAK": 2.0}))
    assert ev.source_country is None and ev.target_country is None
    fill_document_country([ev], DocContext("x", False, {"IND": 2.0}))
    assert ev.source_country is None and ev.target_country == "IND"


def test_place_countries_records_names_read() -> None:
    seen: set[str] = set()
    out = place_countries("Two traders were shot dead in Kathmandu on Monday.", False, seen)
    assert out == ["NPL"]
    assert "Kathmandu" in seen


def test_fill_document_country_unnamed_sides() -> None:
    ev = _event(source_text="he", target_text="the couple")
    fill_document_country([ev], DocContext("x", False, {"PER": 4.0}))
    assert (ev.source_country, ev.target_country) == ("PER", "PER")
    assert ev.source_sector is None  # the sector stays unknown


def test_fill_document_country_leaves_named_actor_without_country() -> None:
    ev = _event(source_text="the Front", source_actor_id="org-front")
    fill_document_country([ev], DocContext("x", False, {"PER": 4.0}))
    assert ev.source_country is None


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("a suicide bomber", "REB"),
        ("the drug mafia", "CRM"),
        ("unidentified miscreants", "UAF"),
        ("the security personnel", "COP"),
        ("the select committee", "LEG"),
        ("a village mosque", "REL"),
        ("the local councils", "GOV"),
    ],
)
def test_sector_nouns_of_incident_reports(phrase: str, sector: str) -> None:
    from tidings.stages.actors import lookup

    found = lookup(phrase)
    assert found and found[0].actor is not None and found[0].actor.sector == sector


def test_place_countries_drop_the_administrative_word() -> None:
    assert place_countries("Two shops were torched in Jorhat District on Friday.") == ["IND"]


def test_news_sources_name_their_country() -> None:
    from tidings.stages.actors import lookup

    found = lookup("reports The Sentinel")
    assert found and found[0].actor is not None and found[0].actor.country == "IND"
    assert not lookup("they struck at dawn")  # a common word is never a newspaper
