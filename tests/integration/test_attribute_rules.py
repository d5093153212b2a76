"""The attribute-ruler rules applied by table lookup give exactly the stock component's annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

# Sentences written for this test: every kind of rule the English ruler holds (tag map, negation,
# auxiliaries, subordinators, two-token forms such as "gonna" or "let's", dependency-based rules, spaces).
TEXTS = [
    "The ministers said that they were going to meet again, although nothing was agreed.",
    "I ain't sure we're gonna finish, y'all, so let's wait; c'mon, it's not over.",
    "There is a camp near the border and there are two checkpoints.  Which of them was shelled?",
    "Police arrested him and fined it; the court did not have it, but he had done that before.\n\nNew line here.",
    "He gets angry when the bill got blocked. Do you have the numbers? Those were rejected.",
    "LUCKNOW, March 3: Protesters blocked the road   \n  and officials met them.",
    "I am here, you are there, and nothin' has changed since 2019.",
]
REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "realnews.jsonl"
POOL = Path("/work/annot/POOL.txt")


def _stock_and_fast() -> tuple[object, object]:
    import spacy

    from tidings.stages.parse import _SPLITTER, load_model

    fast = load_model(None)
    stock = spacy.load(fast.meta["lang"] + "_" + fast.meta["name"])
    stock.add_pipe(_SPLITTER, before="parser")
    return stock, fast


def _annotations(nlp: object, texts: list[str]) -> list[list[list[int]]]:
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

    return [d.to_array([POS, MORPH, LEMMA, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]).tolist()
            for d in nlp.pipe(texts)]  # type: ignore[attr-defined]  # fmt: skip


def test_attribute_rules_fast_component_is_installed_under_the_stock_name() -> None:
    from tidings.stages.attribute_rules import FastAttributeRules

    stock, fast = _stock_and_fast()
    assert fast.pipe_names == stock.pipe_names  # type: ignore[attr-defined]
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRules)  # type: ignore[attr-defined]


def test_attribute_rules_same_annotations_as_stock_ruler() -> None:
    stock, fast = _stock_and_fast()
    assert _annotations(fast, TEXTS) == _annotations(stock, TEXTS)


@pytest.mark.slow
def test_attribute_rules_same_annotations_on_real_articles() -> None:
    if not CORPUS.is_file():
        pytest.skip(f"{CORPUS} not found")
    # Articles outside the gold documents and the blind-gold pool (held-out text is never used).
    skip = {json.loads(line)["doc"] for line in (REPO / "gold" / "realnews.jsonl").open(encoding="utf-8")}
    skip |= set(POOL.read_text(encoding="utf-8").split()) if POOL.is_file() else set()
    texts: list[str] = []
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("id") not in skip and record.get("text") and len(texts) < 40:
                texts.append(record["text"])
    stock, fast = _stock_and_fast()
    assert _annotations(fast, texts) == _annotations(stock, texts)


def test_attribute_rules_unsupported_pattern_keeps_stock_component() -> None:
    import spacy

    from tidings.stages.attribute_rules import install

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 3}]], {"NORM": "three"})  # type: ignore[attr-defined]
    assert install(nlp) is False
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_tokens_starting_in_matches_a_walk_over_the_document() -> None:
    from tidings.sentindex import tokens_starting_in

    _, fast = _stock_and_fast()
    doc = fast(TEXTS[3])  # type: ignore[operator]
    for start, end in [(0, 6), (3, 20), (7, 7), (40, len(doc.text) + 5), (0, len(doc.text))]:
        assert list(tokens_starting_in(doc, start, end)) == [t.i for t in doc if start <= t.idx < end]


def test_in_dateline_answers_per_sentence() -> None:
    from tidings.coding.syntax import in_dateline

    _, fast = _stock_and_fast()
    text = "LUCKNOW, March 3: Police detained the leaders. Officials said: we agree."
    doc = fast(text)  # type: ignore[operator]
    flags = {t.text: in_dateline(t) for t in doc}
    assert flags["LUCKNOW"] and flags["March"] and flags["3"]
    assert not flags["Police"] and not flags["Officials"] and not flags["agree"]
