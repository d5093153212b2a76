"""Sentence lookups by index, computed once per parsed document.

spaCy answers ``token.sent``, ``span.sent`` and ``doc.sents`` by first checking
``doc.has_annotation("SENT_START")``, which walks every token of the document. Called once per event, quote
or claim, that makes the later stages quadratic in document length (a 200k-character text took minutes).
:func:`index_sentences` lists the sentences once and installs spaCy's own user hooks, so every later
lookup is a binary search over the sentence starts; the answers are the same spans spaCy would give.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Any


def index_sentences(parsed: Any) -> list[Any]:
    """Compute the sentences of spaCy Doc ``parsed`` once and serve later lookups from that list.

    Returns:
        The sentence spans, in order (empty when the document has no sentence boundaries).
    """
    if "sents" in parsed.user_hooks:
        return list(parsed.user_hooks["sents"](parsed))
    if not len(parsed) or not parsed.has_annotation("SENT_START"):
        return []
    sents = list(parsed.sents)
    starts = [s.start for s in sents]

    def doc_sents(_doc: Any) -> Iterator[Any]:
        return iter(sents)

    def token_sent(tok: Any) -> Any:
        return sents[bisect_right(starts, tok.i) - 1]

    def span_sent(span: Any) -> Any:
        # spaCy's rule: the sentence holding the span's first token (an empty span at the very end
        # belongs to the last sentence).
        return sents[max(0, bisect_right(starts, min(span.start, len(parsed) - 1)) - 1)]

    parsed.user_hooks["sents"] = doc_sents
    parsed.user_token_hooks["sent"] = token_sent
    parsed.user_span_hooks["sent"] = span_sent
    return sents


_TEXT_KEY = "tidings.text"


def doc_text(parsed: Any) -> str:
    """The text of spaCy Doc ``parsed``, joined once (spaCy rebuilds ``Doc.text`` on every call)."""
    text = parsed.user_data.get(_TEXT_KEY)
    if text is None:
        text = parsed.user_data[_TEXT_KEY] = parsed.text
    return str(text)


_STARTS_KEY = "tidings.token_starts"


def tokens_starting_in(parsed: Any, start: int, end: int) -> range:
    """Indices of the tokens of spaCy Doc ``parsed`` that start at a character in ``[start, end)``.

    The same tokens as ``[t.i for t in parsed if start <= t.idx < end]`` by binary search over the token
    starts, listed once per document (a walk over the whole document per event made coding quadratic).
    """
    starts = parsed.user_data.get(_STARTS_KEY)
    if starts is None:
        from spacy.attrs import IDX

        starts = parsed.user_data[_STARTS_KEY] = parsed.to_array([IDX]).reshape(-1).tolist()
    return range(bisect_left(starts, start), bisect_left(starts, end))
