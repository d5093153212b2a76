"""Ethnic groups and where they live: CAMEO codes an ethnic group with its country of residence
("ethnic Albanians in southeastern Serbia" -> SRB CVL, "Croatian Serb refugees" -> HRV REF)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tidings.kb.loader import read_yaml


@dataclass(frozen=True, slots=True)
class EthnicWords:
    """``kin``: words that also name a state's people (need "ethnic" or another country's adjective);
    ``groups``: words that only name an ethnic group. Both map the lowercased word to the kin country."""

    kin: dict[str, str | None]
    groups: dict[str, str | None]


@lru_cache(maxsize=1)
def ethnic_words() -> EthnicWords:
    """The built-in list (``data/actors/ethnic.yaml``)."""
    text = resources.files("tidings.data.actors").joinpath("ethnic.yaml").read_text(encoding="utf-8")
    data = read_yaml("ethnic.yaml", text)

    def norm(d: dict | None) -> dict[str, str | None]:
        return {str(k).lower(): (str(v) if v else None) for k, v in (d or {}).items()}

    return EthnicWords(norm(data.get("kin")), norm(data.get("groups")))


@dataclass(frozen=True, slots=True)
class EthnicHit:
    """An ethnic-group word in a phrase: the word, its offsets, its kin country and why it counts."""

    word: str
    start: int
    end: int
    kin: str | None
    why: str
    group: bool = False  # a `groups` word (names no state's people: never a state organ)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def find_ethnic(text: str, start: int, end: int) -> EthnicHit | None:
    """The ethnic-group word of ``text[start:end]``, if any: a `groups` word (capitalised), or a `kin` word
    right after "ethnic" ("ethnic Albanians")."""
    words = ethnic_words()
    prev = ""
    for m in _WORD.finditer(text, start, end):
        w = m.group(0)
        low = w.lower()
        if low in words.groups and w[:1].isupper():
            return EthnicHit(w, m.start(), m.end(), words.groups[low], f"'{w}' names an ethnic group", True)
        if low in words.kin and prev == "ethnic":
            return EthnicHit(w, m.start(), m.end(), words.kin[low], f"'ethnic {w}'")
        prev = low
    return None


def kin_word(word: str) -> str | None:
    """The kin country of a `kin` or `groups` word ("Serb" -> SRB), or None when it is neither."""
    words = ethnic_words()
    low = word.lower()
    return words.kin.get(low) or words.groups.get(low)


def is_ethnic_word(word: str) -> bool:
    words = ethnic_words()
    return word.lower() in words.kin or word.lower() in words.groups


# "in Serbia", "in southeastern Serbia", "in the south of Serbia"? (only the first two forms)
LOCATIVE = re.compile(
    r"\b(?:in|inside|throughout|across)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western"
    r"|north-?eastern|north-?western|south-?eastern|south-?western)\s+)?(?=[A-Z])"
)
