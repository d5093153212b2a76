"""Intensity: Goldstein weights, quad classes and the casualties an ASSAULT event reports."""

from __future__ import annotations

import pytest

from tidings.intensity import (
    QUADS,
    TYPE_DEFAULT_CAMEO,
    cameo_quad,
    casualty_kind,
    goldstein,
    goldstein_table,
    quad_class,
    score_events,
)
from tidings.model import PLOVER_TYPES, Claim, Event


@pytest.mark.parametrize(
    ("code", "etype", "expected"),
    [
        ("190", "ASSAULT", -10.0),
        ("0874", "RETREAT", 10.0),
        ("042", "CONSULT", 1.9),
        ("130", "THREATEN", -4.4),
        ("163", "COERCE", -8.0),
        ("1823", "ASSAULT", -10.0),
        ("16", "SANCTION", -4.0),  # a bare root
        ("1069", "REQUEST", -5.0),  # unknown sub-code: its root's weight
        (None, "CONSULT", 1.0),  # no code: the type's default code 040
        (None, None, None),
    ],
)
def test_goldstein_from_code_or_type(code: str | None, etype: str | None, expected: float | None) -> None:
    assert goldstein(code, etype) == expected


def test_goldstein_table_covers_every_root_and_type_default() -> None:
    table = goldstein_table()
    assert all(f"{r:02d}" in table for r in range(1, 21))
    assert all(-10.0 <= v <= 10.0 for v in table.values())
    assert set(TYPE_DEFAULT_CAMEO) == set(PLOVER_TYPES) == set(QUADS)
    assert all(code in table for code in TYPE_DEFAULT_CAMEO.values())


def test_quad_class_plover_type_and_cameo_root() -> None:
    assert quad_class("AGREE") == 1 and quad_class("AID") == 2 and quad_class("ACCUSE") == 3
    assert quad_class("ASSAULT", "190") == 4
    assert quad_class(None, "057") == 1  # no type: the CAMEO root decides
    assert [cameo_quad(c) for c in ("010", "064", "1123", "145", "2042", "", None)] == [1, 2, 3, 3, 4, None, None]


def _claim(sentence: str, number: str, value: float, nth: int = 0, kind: str = "count") -> Claim:
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(number, start + 1)
    return Claim(claim_id=f"c{start}", doc_id="d", text=number, start=start, end=start + len(number),
                 sentence_text=sentence, value=value, kind=kind)  # fmt: skip


def _assault(sentence: str, verb: str, cameo: str = "190") -> Event:
    start = sentence.index(verb)
    return Event(event_id=f"e{start}", doc_id="d", sentence_index=0, sentence_text=sentence, char_start=0,
                 char_end=len(sentence), event_type="ASSAULT", cameo_code=cameo, verb_text=verb,
                 verb_start=start, verb_end=start + len(verb))  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "number", "kind"),
    [
        ("Gunmen stormed the market, and 14 shoppers were killed.", "14", "dead"),
        ("The shelling of the depot killed at least nine guards.", "nine", "dead"),
        ("Rockets hit the port town, leaving 23 dead.", "23", "dead"),
        ("After the raid the death toll rose to 31.", "31", "dead"),
        ("The blast wounded 40 commuters.", "40", "injured"),
        ("Militia fighters attacked the convoy; 6 drivers were seriously injured.", "6", "injured"),
        ("Troops fired on 300 demonstrators in the square.", "300", None),
        ("The air strike destroyed 12 houses.", "12", None),
    ],
)
def test_casualty_kind_reads_the_wording(sentence: str, number: str, kind: str | None) -> None:
    start = sentence.index(number)
    assert casualty_kind(sentence, start, start + len(number)) == kind


def test_score_events_counts_dead_and_wounded_of_the_assault() -> None:
    text = "The militia shelled the village, killing 7 farmers and wounding 19 others."
    event = _assault(text, "shelled")
    score_events([event], [_claim(text, "7", 7), _claim(text, "19", 19)], text)
    assert (event.fatalities, event.injured) == (7, 19)
    assert event.goldstein == -10.0 and event.quad_class == 4


def test_score_events_adds_conjoined_counts() -> None:
    text = "Bombers struck the base and 4 pilots and 2 mechanics were killed."
    event = _assault(text, "struck")
    score_events([event], [_claim(text, "4", 4), _claim(text, "2", 2)], text)
    assert event.fatalities == 6 and event.injured is None


def test_score_events_leaves_non_casualty_numbers_and_other_types_alone() -> None:
    text = "The army attacked 3 towns and protesters gathered in 2 cities."
    event = _assault(text, "attacked")
    protest = Event(event_id="p", doc_id="d", sentence_index=0, sentence_text=text, char_start=0,
                    char_end=len(text), event_type="PROTEST", cameo_code="141")  # fmt: skip
    score_events([event, protest], [_claim(text, "3", 3), _claim(text, "2", 2)], text)
    assert event.fatalities is None and event.injured is None
    assert protest.goldstein == -6.5 and protest.quad_class == 4 and protest.fatalities is None


def test_score_events_ignores_claims_of_other_sentences_and_percentages() -> None:
    first = "Drones bombed the airfield."
    second = " Officials said 15 people were killed, 20 percent of them were killed by debris."
    text = first + second
    event = Event(event_id="e", doc_id="d", sentence_index=0, sentence_text=first, char_start=0,
                  char_end=len(first), event_type="ASSAULT", cameo_code="195")  # fmt: skip
    pct = _claim(text, "20", 20, kind="percent")
    score_events([event], [_claim(text, "15", 15), pct], text)
    assert event.fatalities is None


def test_score_events_gives_each_count_to_the_nearest_assault() -> None:
    text = "Rebels ambushed a patrol, killing 5 soldiers, and jets later bombed a camp, killing 12 fighters."
    ambush, bombing = _assault(text, "ambushed"), _assault(text, "bombed")
    score_events([ambush, bombing], [_claim(text, "5", 5), _claim(text, "12", 12)], text)
    assert (ambush.fatalities, bombing.fatalities) == (5, 12)


@pytest.mark.parametrize(
    ("sentence", "number", "kind"),
    [
        ("Four guards (two of them recruits) were shot dead at the gate.", "Four", "dead"),
        ("Nine persons, including a child, were killed in the blast.", "Nine", "dead"),
        ("Rioters set fire to a bus and 6 passengers were burnt to death.", "6", "dead"),
    ],
)
def test_casualty_kind_reads_longer_noun_phrases(sentence: str, number: str, kind: str) -> None:
    start = sentence.index(number)
    assert casualty_kind(sentence, start, start + len(number)) == kind


def test_score_events_does_not_add_an_including_subset() -> None:
    text = "The grenade attack left 14 people wounded, including 3 seriously wounded guards."
    event = _assault(text, "attack")
    score_events([event], [_claim(text, "14", 14), _claim(text, "3", 3)], text)
    assert event.injured == 14


def test_casualty_kind_never_crosses_into_another_clause() -> None:
    text = "Gangs clashed in two districts, which left a shopkeeper dead."
    start = text.index("two")
    assert casualty_kind(text, start, start + 3) is None
