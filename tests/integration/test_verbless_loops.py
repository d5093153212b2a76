"""Regression: climbing spaCy heads must compare token indexes, not Token objects.

spaCy builds a new Token object on every ``.head`` access, so ``tok.head is not tok`` never turns false at
the root and a verbless sentence looped forever in the quotes stage (found on a demo article draft).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

import tidings

pytestmark = pytest.mark.model


@pytest.fixture()
def deadline() -> Iterator[None]:
    def _timeout(signum: int, frame: object) -> None:
        raise TimeoutError("coding a short text took over 60 s: a head-climbing loop does not end")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize(
    "text",
    [
        "Some needed medical treatment, according to Ana Ruiz, the head of the clinic.",
        "All quiet, the mayor notes, in the old port.",
        "Heavy losses on both sides, officials said, but no word on prisoners.",
    ],
)
def test_issue_verbless_reported_sentences_finish(text: str, deadline: None) -> None:
    doc = tidings.code_text(text)
    assert doc.error is None
    assert doc.sentences and all(text[s.start : s.end] == s.text for s in doc.sentences)
