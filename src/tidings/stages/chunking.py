"""Long documents are parsed in chunks cut at paragraph boundaries, then joined back into one spaCy Doc.

spaCy's memory grows with the length of what it parses at once (a 1.9 MB text held 6 GB), so a text over
``Settings.max_chars`` is cut into pieces of at most that many characters, preferably after a blank line,
else after a line break, a full stop or a space. Every cut falls right after whitespace, where the tokenizer
splits anyway, and the pieces are joined with ``Doc.from_docs(ensure_whitespace=False)``: the joined Doc has
exactly the stored text, so every character offset the later stages compute points into the stored text.
A sentence never spans two chunks.
"""

from __future__ import annotations

from typing import Any

# Texts longer than this are refused at ingest (an error row with the reason and its line number): no
# single upload may hold the machine's memory or a worker for minutes.
MAX_TEXT_CHARS = 5_000_000
_SEPARATORS = ("\n\n", "\n", ". ", " ")


def paragraph_chunks(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Cut ``text`` into ``(start, end)`` ranges of at most ``max_chars`` that tile it exactly.

    A cut is made after the last blank line inside the window (falling back to a line break, a full stop,
    a space, and only then a hard cut), and moves past the whitespace that follows it.
    """
    size = len(text)
    if max_chars <= 0 or size <= max_chars:
        return [(0, size)]
    out: list[tuple[int, int]] = []
    start = 0
    while size - start > max_chars:
        limit = start + max_chars
        cut = -1
        for sep in _SEPARATORS:
            found = text.rfind(sep, start + max_chars // 4, limit - len(sep) + 1)
            if found != -1:
                cut = found + len(sep)
                break
        if cut <= start:
            cut = limit
        while cut < limit and cut < size and text[cut].isspace():
            cut += 1
        out.append((start, cut))
        start = cut
    out.append((start, size))
    return out


def parse_in_chunks(nlp: Any, text: str, max_chars: int, batch_size: int = 8) -> Any:
    """Parse ``text`` chunk by chunk and return one spaCy Doc whose text is exactly ``text``."""
    from spacy.tokens import Doc

    ranges = paragraph_chunks(text, max_chars)
    if len(ranges) == 1:
        return nlp(text)
    docs = list(nlp.pipe((text[a:b] for a, b in ranges), batch_size=batch_size))
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:  # never expected: the cuts follow whitespace; refuse to shift offsets silently
        raise ValueError("chunked parse changed the text; offsets would not match the stored text")
    return joined
