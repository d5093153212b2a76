"""Pure helpers of the rule coder (no spaCy model): lemma guesses, CAMEO types, opinion subjects."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tidings.coding.rules import is_lemma_in, verb_lemmas


@dataclass
class FakeToken:
    """Just the attributes the helpers read."""

    lower_: str
    lemma_: str
    children: list[object] = field(default_factory=list)


@pytest.mark.parametrize(("word", "lemma", "expected"), [
    ("staged", "stag", "stage"),      # the small model's lemma error
    ("shelled", "shell", "shell"),
    ("denied", "deny", "deny"),
    ("rallying", "rallying", "rally"),
    ("imposes", "impose", "impose"),
])  # fmt: skip
def test_coding_verb_lemmas_guess_from_form(word: str, lemma: str, expected: str) -> None:
    guesses = verb_lemmas(FakeToken(word, lemma))
    assert guesses[0] == lemma and expected in guesses


def test_coding_is_lemma_in_uses_guesses() -> None:
    assert is_lemma_in(FakeToken("staged", "stag"), {"stage"})
    assert not is_lemma_in(FakeToken("said", "say"), {"stage"})
