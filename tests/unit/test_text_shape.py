"""Text shapes: hard-wrapped lines joined and ALL-CAPS / lowercase text truecased, always at the same length."""

from __future__ import annotations

import pytest

from tidings.stages.text_shape import join_hard_wraps, parse_copy, text_case, truecase

WRAPPED = (
    "Rebel units attacked an army outpost near the northern border town on\n"
    "Tuesday night and held it for several hours before troops arrived from\n"
    "the provincial capital, a military spokesman told reporters later.\n"
    "\n"
    "Two soldiers were wounded in the fighting, according to the statement\n"
    "that the defence ministry released in the capital on Wednesday morning.\n"
)


def test_join_hard_wraps_joins_lines_inside_a_paragraph() -> None:
    joined = join_hard_wraps(WRAPPED)
    assert len(joined) == len(WRAPPED)
    first, second = joined.split("\n\n")
    assert "\n" not in first.strip() and "\n" not in second.strip()
    assert "town on Tuesday" in first


@pytest.mark.parametrize("text", [
    "Border clashes\nBy a staff reporter\nRebel units attacked an army outpost near the town on Tuesday night.",
    "One paragraph per line, as most web text comes, with a full stop at the end of it.\n"
    "A second paragraph on its own line, which the parser must keep as a sentence break here.",
])  # fmt: skip
def test_join_hard_wraps_keeps_breaks_in_text_that_is_not_wrapped(text: str) -> None:
    assert join_hard_wraps(text) == text


def test_join_hard_wraps_keeps_list_items_and_short_lines() -> None:
    text = WRAPPED.replace("\n\n", "\n- the first item of a list of things that follows here\n\n")
    joined = join_hard_wraps(text)
    assert "\n- the first item" in joined


def test_join_hard_wraps_joins_a_short_line_that_cannot_end_a_sentence() -> None:
    text = "IN AN ATTACK THAT WAS NOT EXPECTED IN\n" + WRAPPED.upper()
    assert join_hard_wraps(text).startswith("IN AN ATTACK THAT WAS NOT EXPECTED IN REBEL")


@pytest.mark.parametrize(("text", "case"), [
    ("THE ARMY SAID REBELS ATTACKED THE TOWN OF SAN PEDRO ON MONDAY.", "upper"),
    ("the army said rebels attacked the town on monday and left at night.", "lower"),
    ("The army said rebels attacked the town on Monday and left at night.", "mixed"),
])  # fmt: skip
def test_text_case(text: str, case: str) -> None:
    assert text_case(text) == case


def test_truecase_all_caps_keeps_length_and_restores_names() -> None:
    text = "THE GOVERNMENT OF COLOMBIA SAID GUERRILLAS KILLED TWO SOLDIERS. THE ARMY WHO ANSWERED SAID NOTHING."
    out = truecase(text)
    assert len(out) == len(text)
    assert out.startswith("The government of Colombia said guerrillas")
    assert ". The army who answered" in out  # a sentence start; "who" is a word, not the WHO


def test_truecase_lowercase_capitalises_names_titles_and_sentence_starts() -> None:
    text = "mr blair met the president of france in london on monday. the talks took place in march 3 rounds."
    out = truecase(text)
    assert len(out) == len(text)
    assert out.startswith("Mr Blair met the president of France in London on Monday. The talks")
    assert "in March 3 rounds" in out  # a month only next to a number


def test_truecase_month_word_that_is_a_noun_stays_lowercase() -> None:
    out = truecase("thousands joined the march to the district office on friday afternoon.")
    assert "the march to" in out and "Friday" in out


def test_truecase_leaves_mixed_case_text_alone() -> None:
    text = "The Army said REBELS attacked the town on Monday and left at night."
    assert truecase(text) == text


def test_parse_copy_has_the_same_length_and_offsets() -> None:
    text = WRAPPED.upper()
    copy = parse_copy(text)
    assert len(copy) == len(text)
    assert copy.lower().replace("\n", " ") == text.lower().replace("\n", " ")
