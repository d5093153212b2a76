"""Tokenising and normalising text the same way for aliases and documents, so lookups are dict hits."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A dotted acronym ("U.S.", "u.n.") is one token; otherwise runs of word characters. Hyphens, apostrophes
# and other punctuation separate tokens and are dropped, so "Kim Jong-un" == "Kim Jong Un" and
# "People's Army" == "Peoples Army" minus the "s" token on both sides.
_TOKEN = re.compile(r"[^\W\d_](?:\.[^\W\d_])+\.?|\w+", re.UNICODE)


@dataclass(slots=True, frozen=True)
class Token:
    """One token of a text: its normalised form, surface form and character offsets."""

    norm: str
    text: str
    start: int
    end: int


def fold(text: str) -> str:
    """Lower-case, strip accents and dots: the key every alias and token is compared by."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.lower().replace(".", "")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, end):
        surface = m.group()
        out.append(Token(fold(surface), surface, m.start(), m.end()))
    return out


def alias_key(alias: str) -> tuple[str, ...]:
    """The index key of an alias: its normalised token sequence."""
    return tuple(t.norm for t in tokenize(alias))


def is_lowercase_text(text: str) -> bool:
    """True when the text has (almost) no capital letters, as in lower-cased news feeds."""
    letters = upper = 0
    for ch in text[:20000]:
        if ch.isalpha():
            letters += 1
            upper += ch.isupper()
    return letters > 0 and upper / letters < 0.005


def looks_cased(surface: str) -> bool:
    """Surface of a case-sensitive alias: all capitals ("US") or dotted ("u.s."), not the word "us"."""
    letters = [c for c in surface if c.isalpha()]
    if not letters:
        return False
    return all(c.isupper() for c in letters) or bool(re.search(r"[^\W\d_]\.[^\W\d_]", surface))


def is_capitalised(surface: str) -> bool:
    """First letter upper case ("China", "DPRK")."""
    for ch in surface:
        if ch.isalpha():
            return ch.isupper()
    return False
