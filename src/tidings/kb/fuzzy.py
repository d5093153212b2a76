"""Fuzzy person-name matching for transliteration variants ("Kim Jongun", "Kim Jong-eun", "Xi Jin-ping")."""

from __future__ import annotations

from rapidfuzz import fuzz

from tidings.kb.index import Index
from tidings.kb.text import Token

THRESHOLD = 88.0


def fuzzy_person(index: Index, tokens: list[Token], threshold: float = THRESHOLD) -> list[tuple[str, float]]:
    """Person entry ids whose full name is close to ``tokens`` (spaces ignored), best first.

    Only names sharing the first or last token are compared, so the cost does not grow with the
    knowledge base; a full name must have at least 2 tokens.
    """
    if len(tokens) < 1 or sum(len(t.norm) for t in tokens) < 6:
        return []
    joined = "".join(t.norm for t in tokens)
    pool: dict[str, str] = {}
    for key in {tokens[0].norm, tokens[-1].norm}:
        for folded, entry_id in index.person_first.get(key, []):
            pool.setdefault(entry_id + "\x1f" + folded, folded)
    scored: dict[str, float] = {}
    for key, folded in pool.items():
        score = fuzz.ratio(joined, folded)
        entry_id = key.split("\x1f")[0]
        if score >= threshold and score > scored.get(entry_id, 0.0):
            scored[entry_id] = score
    return sorted(scored.items(), key=lambda kv: -kv[1])


# Capitalised English words close to a country name that must never be read as one (sentence-initial or
# headline capitals): "Benign" ~ Benin, "Taiwanese" is an adjective the index knows already.
COMMON_WORDS: frozenset[str] = frozenset({
    "benign", "indiana", "russell", "italic", "italics", "island", "islands", "albany", "malice", "chilly",
    "greene", "francs", "nordic", "younger", "brazen", "hungry", "gambit", "austral", "people", "peoples",
    "general", "generals", "senate", "senator", "senators", "colonel", "several", "certain", "brittany",
    "malian", "canard", "panache", "sudden", "cubana", "perusal", "nepali", "syrinx", "qatari", "omani",
    "yemeni", "chadian", "mallet", "tongan", "spaniel", "german", "germane", "polish", "lithe",
})  # fmt: skip
SHORT_NAME = 5  # five-letter country names ("Qatar") are compared only in a strong context


def fuzzy_country(index: Index, token: Token, threshold: float = THRESHOLD,
                  strong: bool = False) -> tuple[str, float] | None:  # fmt: skip
    """A one-word country name misspelt ("Ethopia", "Afganistan"): the closest name with the same initial.

    The word must have 6+ letters and not be a common English word; names of five letters ("Qatar" for
    "Quatar") are compared only when ``strong`` (the word is a possessive or stands before a title:
    "Quatar's emir").
    """
    word = token.norm
    if len(word) < 6 or word in COMMON_WORDS:
        return None
    best: tuple[str, float] | None = None
    for name, entry_id in index.country_words.get(word[0], []):
        if len(name) <= SHORT_NAME and not strong:
            continue
        score = fuzz.ratio(word, name)
        if score >= threshold and (best is None or score > best[1]):
            best = (entry_id, score)
    return best
