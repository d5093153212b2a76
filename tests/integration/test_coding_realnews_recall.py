"""Recall classes of issue 11 (E11e), found on the real-news gold's train/dev splits, each with sentences
written for the test: explosions named as subjects or in circumstance phrases, victims who "sustained
injuries", stone pelting, harm, machine-gunning, lauding and branding."""

from __future__ import annotations

import pytest

import tidings
from tidings.coding.lexicon import load_lexicon
from tidings.coding.rules import find_candidates
from tidings.stages.parse import load_model

pytestmark = pytest.mark.model


def _types(text: str) -> list[str]:
    return [e.event_type for e in tidings.code_text(text).events]


def _event(text: str, etype: str) -> tidings.Event:
    return next(e for e in tidings.code_text(text).events if e.event_type == etype)


def test_explosion_noun_is_an_explosives_assault_candidate() -> None:
    sent = next(load_model()("a constable lost an eye in the explosion near the market.").sents)
    cands = [c for c in find_candidates(sent, load_lexicon()) if c.trigger.lower_ == "explosion"]
    assert cands and cands[0].entry.type == "ASSAULT" and cands[0].entry.mode == "explosives"


def test_sustained_losses_is_not_assault() -> None:
    assert "ASSAULT" not in _types("the ruling party sustained heavy losses in the local elections.")


def test_pelting_stones_is_assault() -> None:
    assert "ASSAULT" in _types("a mob of rioters pelted stones at the police post on monday.")


def test_harming_someone_is_assault() -> None:
    assert "ASSAULT" in _types("masked gunmen harmed two monks at the temple on friday.")


def test_machinegunning_is_a_firearms_assault() -> None:
    ev = _event("the guerrillas machinegunned the mayor's convoy outside the town.", "ASSAULT")
    assert ev.event_mode == "firearms"


def test_lauding_is_support() -> None:
    assert "SUPPORT" in _types("the prime minister lauded the army for its quick response to the floods.")


def test_branding_is_accuse() -> None:
    assert "ACCUSE" in _types("the opposition leader branded the finance minister a liar.")
