"""The coder's typed steps: one set of state sectors, and the claimant-as-victim rule's own narrower set."""

from __future__ import annotations

import pytest

from tidings.coding import build, participants, retype
from tidings.coding.arguments import Arg
from tidings.coding.build import _claimant_as_victim
from tidings.model import Actor, Event, Mention


def _arg(sector: str | None, country: str | None = None, kind: str = "group") -> Arg:
    return Arg(mention=Mention("x", 0, 1, Actor(country=country, sector=sector, kind=kind)))


def test_state_sectors_are_defined_once_and_cover_every_state_organ() -> None:
    assert participants.STATE_SECTORS is retype.STATE_SECTORS
    assert retype.STATE_SECTORS == {"GOV", "MIL", "COP", "JUD", "SPY", "LEG"}
    assert not hasattr(build, "STATE_SECTORS") and not hasattr(build, "_STATE_SECTORS")


@pytest.mark.parametrize(("sector", "state"), [
    ("GOV", True), ("MIL", True), ("COP", True), ("JUD", True), ("SPY", True), ("LEG", True),
    ("REB", False), ("CVL", False), ("MED", False),
])  # fmt: skip
def test_is_state_for_each_sector(sector: str, state: bool) -> None:
    assert retype.is_state(_arg(sector)) is state


def test_a_country_is_a_state_actor() -> None:
    assert retype.is_state(_arg(None, "FRE", kind="country"))


def _event(claimant_sector: str) -> Event:
    return Event(event_id="e", doc_id="d", sentence_index=0, sentence_text="s", char_start=0, char_end=1,
                 event_type="ASSAULT", source_country="RUR", claimant_text="c", claimant_country="FRE",
                 claimant_sector=claimant_sector, trace={})  # fmt: skip


@pytest.mark.parametrize(("sector", "victim"), [("GOV", True), ("MIL", True), ("COP", False), ("MED", False)])
def test_only_a_government_or_military_claimant_becomes_the_victim(sector: str, victim: bool) -> None:
    event = _event(sector)
    _claimant_as_victim(event, 0, 1)
    assert (event.target_country == "FRE") is victim
