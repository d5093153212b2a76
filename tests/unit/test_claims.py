"""Reading number phrases with a blank English tokenizer (no model)."""

from __future__ import annotations

from typing import Any

import pytest

from tidings.stages.claims import read_number


@pytest.fixture(scope="module")
def tok() -> Any:
    spacy = pytest.importorskip("spacy")
    return spacy.blank("en")


def _read(tok: Any, text: str, word: str) -> Any:
    doc = tok(text)
    i = next(t.i for t in doc if t.text == word)
    return read_number(doc, i, len(doc))


@pytest.mark.parametrize(
    ("text", "word", "value", "kind", "extra"),
    [
        ("They sent 30,000 troops.", "30,000", 30000, "count", {}),
        ("They sent sixty soldiers.", "sixty", 60, "count", {}),
        ("They sent twenty-five soldiers.", "twenty", 25, "count", {}),
        ("They sent two hundred and fifty men.", "two", 250, "count", {}),
        ("It rose 61 percent.", "61", 61, "percent", {"unit": "percent"}),
        ("It rose 61% this year.", "61", 61, "percent", {}),
        ("It rose 7 per cent.", "7", 7, "percent", {}),
        ("It cost $2.5 billion.", "$", 2.5e9, "money", {"unit": "money:USD"}),
        ("It cost 5 million yuan.", "5", 5e6, "money", {"unit": "money:CNY"}),
        ("It took between 200 and 300 men.", "200", 200, "range", {"value_max": 300}),
        ("It took 200-300 men.", "200", 200, "range", {"value_max": 300}),
        ("It holds 400 out of 800 bases.", "400", 400, "ratio", {"total": 800}),
        ("Tens of thousands of people came.", "Tens", 10000, "count", {"qualifier": "vague", "value_max": 100000}),
        ("Hundreds of thousands of people fled.", "Hundreds", 100000, "count", {"qualifier": "vague"}),
        ("They sent two dozen tanks.", "two", 24, "count", {}),
        ("More than a million people signed.", "a", 1e6, "count", {"qualifier": "more than"}),
        ("The party won 143 of the 250 seats.", "143", 143, "ratio", {"total": 250}),
        ("Rebels hold half of the province.", "half", 50, "percent", {"unit": "percent"}),
        ("Rebels hold between 30 and 40 percent of it.", "30", 30, "range", {"value_max": 40, "unit": "percent"}),
        ("Losses reached rs 30 crore.", "rs", 3e8, "money", {"unit": "money:INR"}),
        ("Over 1,00,000 workers lost wages.", "1,00,000", 100000, "count", {"qualifier": "over"}),
        ("Bricks came from three lakh villages.", "three", 3e5, "count", {}),
    ],
)
def test_claims_read_number(tok: Any, text: str, word: str, value: float, kind: str, extra: dict[str, Any]) -> None:
    num = _read(tok, text, word)
    assert num is not None
    assert num.value == pytest.approx(value)
    assert num.kind == kind
    for key, want in extra.items():
        assert getattr(num, key) == want


@pytest.mark.parametrize(
    ("text", "word", "qualifier"),
    [
        ("They sent nearly 30,000 troops.", "30,000", "nearly"),
        ("They sent more than 50 troops.", "50", "more than"),
        ("They sent at least 5 troops.", "5", "at least"),
        ("They sent up to 9 troops.", "9", "up to"),
        ("They sent some 12 troops.", "12", "some"),
        ("They sent 12 troops.", "12", None),
    ],
)
def test_claims_qualifier_kept(tok: Any, text: str, word: str, qualifier: str | None) -> None:
    num = _read(tok, text, word)
    assert num is not None and num.qualifier == qualifier


def test_claims_not_a_number(tok: Any) -> None:
    assert _read(tok, "The talks went on.", "talks") is None
