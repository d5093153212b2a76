"""The compiled actor index: normalised token n-grams -> aliases, scanned longest match first.

Lookup cost is one dict probe per (position, length) with the length bounded by the longest alias that
starts with the token at that position, so scanning is linear in the text, never in the dictionary size.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from tidings.kb.loader import Alias, Entry, RawKB
from tidings.kb.text import Token, alias_key, fold, is_capitalised, looks_cased

# Words that, just before an ambiguous country word in lowercase text, make the country reading likely.
PLACE_PREPOSITIONS: frozenset[str] = frozenset({
    "in", "to", "from", "of", "with", "against", "and", "visit", "visited", "visits", "toward", "towards",
    "between", "across", "into", "by", "invaded", "invade", "neighbouring", "neighboring", "versus",
})  # fmt: skip
# Acronyms that are also English words: never read from lowercase text.
_WORD_ACRONYMS: frozenset[str] = frozenset({
    "who", "car", "plan", "let", "shape", "cis", "mou", "isis", "rss", "its", "fis", "rt", "pa", "ec", "au",
    "jem", "nis", "is", "ap", "mp", "pm", "mla", "dj", "mb", "ppp",
})  # fmt: skip
# Capitalised words that do not make an adjacent capitalised word a person's name ("In Turkey", "The Chad").
_FUNCTION_WORDS: frozenset[str] = frozenset({
    "in", "the", "a", "an", "of", "to", "from", "and", "or", "but", "for", "with", "on", "at", "by", "as", "if",
    "when", "while", "after", "before", "since", "that", "this", "these", "those", "he", "she", "it", "they",
    "we", "his", "her", "its", "their", "our", "said", "says", "s", "mr", "mrs", "ms", "dr",
})  # fmt: skip
# Number and quantity words a sentence may start with: "Two RAB personnel" is no name like "Michael Jordan".
_COUNT_WORDS: frozenset[str] = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozens",
    "several", "some", "many", "all", "both", "few", "most", "hundreds", "thousands", "scores", "another",
})  # fmt: skip


@dataclass(slots=True)
class Match:
    """An alias found in a text: token range, character range and the alias."""

    alias: Alias
    entry: Entry
    i: int  # first token index
    j: int  # one past the last token index
    start: int
    end: int
    text: str
    score: float = 1.0
    note: str = ""


@dataclass(slots=True)
class Index:
    """Compiled knowledge base: entries by id, aliases by normalised token tuple."""

    entries: dict[str, Entry]
    by_key: dict[tuple[str, ...], list[Alias]]
    max_len: dict[str, int]  # first token -> longest alias length starting with it
    sources: list[str] = field(default_factory=list)
    by_role: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)  # (country, role) -> people
    by_country: dict[str, Entry] = field(default_factory=dict)
    person_first: dict[str, list[tuple[str, str]]] = field(
        default_factory=dict
    )  # first token -> (folded, id)
    role_words: frozenset[str] = frozenset()  # first tokens of titles and sector nouns ("President", "Army")
    country_words: dict[str, list[tuple[str, str]]] = field(
        default_factory=dict
    )  # initial -> (name, entry id)

    @classmethod
    def build(cls, raw: RawKB) -> Index:
        """Compile ``raw`` into lookup tables."""
        by_key: dict[tuple[str, ...], list[Alias]] = defaultdict(list)
        max_len: dict[str, int] = {}
        by_role: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        person_first: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entry_id, aliases in raw.aliases.items():
            entry = raw.entries.get(entry_id)
            if entry is None:
                continue
            for alias in aliases:
                key = alias_key(alias.text)
                if not key:
                    continue
                by_key[key].append(alias)
                max_len[key[0]] = max(max_len.get(key[0], 0), len(key))
                if entry.kind == "person" and alias.form == "name" and len(key) > 1:
                    for end in {key[0], key[-1]} - _FUNCTION_WORDS:
                        person_first[end].append(("".join(key), entry_id))
        for entry in raw.entries.values():
            if entry.kind == "person":
                for term in entry.terms:
                    by_role[(term.country or entry.country or "", term.role)].append(entry)
        by_country = {e.country: e for e in raw.entries.values() if e.kind == "country" and e.country}
        role_words = frozenset(key[0] for key, aliases in by_key.items()
                               if any(a.form in ("title", "sector") for a in aliases))  # fmt: skip
        country_words: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key, aliases in by_key.items():
            if len(key) == 1 and len(key[0]) >= 5:  # "Qatar" only with strong context (fuzzy_country)
                for a in aliases:
                    if (
                        a.form == "name"
                        and not a.ambiguous
                        and not a.cased
                        and raw.entries[a.entry_id].kind == "country"
                    ):
                        country_words[key[0][0]].append((key[0], a.entry_id))
        return cls(dict(raw.entries), dict(by_key), max_len, list(raw.sources), dict(by_role), by_country,
                   dict(person_first), role_words, dict(country_words))  # fmt: skip

    def holders(self, country: str, roles: tuple[str, ...], day: dt.date | None) -> list[tuple[Entry, str]]:
        """People holding one of ``roles`` in ``country`` on ``day`` (first listed role wins)."""
        for role in roles:
            found = []
            for person in self.by_role.get((country, role), []):
                if any(t.role == role and t.covers(day) and (t.country or person.country) == country
                       for t in person.terms):  # fmt: skip
                    found.append((person, role))
            if found:
                return found
        return []

    def scan(self, tokens: list[Token], lowercase: bool, text: str = "") -> list[Match]:
        """All longest alias matches in ``tokens``, left to right, non-overlapping.

        In ordinary text, a case-sensitive alias needs an all-capital or dotted surface and an ambiguous
        one needs a capital letter and no adjacent capitalised name ("Michael Jordan"). In lowercase text
        ambiguous aliases are kept with ``note="needs-context"``; :func:`confirm_context` decides later.
        """
        out: list[Match] = []
        i, n = 0, len(tokens)
        while i < n:
            found = self._best_at(tokens, i, lowercase, text)
            if found is None:
                i += 1
                continue
            length, ok = found
            # A longer alias starting inside this one wins ("the South Korean" -> "South Korean", not "the South").
            overtaken = False
            for k in range(i + 1, i + length):
                later = self._best_at(tokens, k, lowercase, text)
                if later is not None and k + later[0] > i + length:
                    overtaken = True
                    break
            if overtaken:
                i += 1
                continue
            for alias in _best_aliases(ok):
                entry = self.entries[alias.entry_id]
                weak_word = alias.form in ("sector", "title")
                capital = is_capitalised(tokens[i].text)  # a capital in lowercase text is evidence enough
                note = (
                    "needs-context"
                    if (alias.ambiguous and lowercase and not weak_word and not capital)
                    else ""
                )
                a, b = tokens[i].start, tokens[i + length - 1].end
                surface = text[a:b] if text else " ".join(t.text for t in tokens[i : i + length])
                out.append(Match(alias, entry, i, i + length, a, b, surface, note=note))
            i += length
        return out

    def _best_at(
        self, tokens: list[Token], i: int, lowercase: bool, text: str
    ) -> tuple[int, list[Alias]] | None:
        """The longest alias starting at token ``i`` that passes the surface guards."""
        longest = self.max_len.get(tokens[i].norm, 0)
        for length in range(min(longest, len(tokens) - i), 0, -1):
            aliases = self.by_key.get(tuple(t.norm for t in tokens[i : i + length]))
            if not aliases:
                continue
            ok = [a for a in aliases if self._surface_ok(a, tokens, i, i + length, lowercase, text)]
            if ok:
                return length, ok
        return None

    def _lowercase_acronym(self, tokens: list[Token], i: int, j: int, lowercase: bool, text: str) -> bool:
        """In lowercase text "crpf", "bjp" are acronyms; "us"/"uk"/"un" only before a sector or title noun."""
        if not lowercase or j - i != 1:
            return False
        word = tokens[i].norm
        if word in _WORD_ACRONYMS:
            return False
        if len(word) >= 3:
            return True
        nxt = _NEXT_WORD.match(text[tokens[i].end : tokens[i].end + 40]) if text else None
        return nxt is not None and fold(nxt.group(1)) in self.role_words and word in ("us", "uk", "un", "eu")

    def _surface_ok(
        self, alias: Alias, tokens: list[Token], i: int, j: int, lowercase: bool, text: str
    ) -> bool:
        surface = " ".join(t.text for t in tokens[i:j])
        if j - i > 1 and text and not _joined(tokens, i, j, text, alias.text):
            return False  # "the military. Officials said": an alias never spans a full stop or a line break
        if (
            alias.cased
            and not looks_cased(surface)
            and not _same_mixed_case(surface, alias.text)
            and not self._lowercase_acronym(tokens, i, j, lowercase, text)
        ):
            return False
        if alias.form in ("surname",) and not lowercase and not is_capitalised(surface):
            return False
        if alias.form in ("name", "capital", "people", "seat", "acronym", "adjective") and not lowercase:
            entry_kind = self.entries[alias.entry_id].kind
            if (alias.ambiguous or entry_kind == "person") and not is_capitalised(surface):
                return False
            if entry_kind == "country" and not any(t.text[:1].isupper() for t in tokens[i:j]):
                return False  # "the west bank of the river", "turkey" in ordinary text: not names
            if alias.ambiguous and text and _beside_name(tokens, i, j, text, self.role_words):
                return False
        return True


def _same_mixed_case(surface: str, alias_text: str) -> bool:
    """A mixed-case acronym written exactly as listed: "LeT", "AfD", "JeM" (never "let", "Let")."""
    plain = [c for c in alias_text if c.isalpha()]
    mixed = any(c.islower() for c in plain) and sum(c.isupper() for c in plain) >= 2
    return mixed and [c for c in surface if c.isalpha()] == plain


def _joined(tokens: list[Token], i: int, j: int, text: str, alias_text: str) -> bool:
    """Only spaces, hyphens, apostrophes (and punctuation the alias itself has) between the tokens."""
    allowed = " -'’" + "".join(c for c in alias_text if not c.isalnum() and not c.isspace())
    for k in range(i, j - 1):
        if text[tokens[k].end : tokens[k + 1].start].strip(allowed):
            return False
    return True


def _best_aliases(aliases: list[Alias]) -> list[Alias]:
    """Several entries may share one alias (a tie); strong forms beat surnames and titles of no one."""
    strong = [a for a in aliases if a.form != "surname"]
    chosen = strong or aliases
    if (
        len({a.form for a in chosen}) > 1
    ):  # "Defense Department" as a seat of the USA beats the bare sector noun
        named = [a for a in chosen if a.form not in ("sector", "title")]
        chosen = named or [a for a in chosen if a.form == "title"] or chosen
    seen: set[str] = set()
    out = []
    for alias in chosen:
        if alias.entry_id not in seen:
            seen.add(alias.entry_id)
            out.append(alias)
    return out


_PREV_WORD = re.compile(r"(\w+)[ \t]+$")
_NEXT_WORD = re.compile(r"^[ \t]+(\w+)")


def _beside_name(
    tokens: list[Token], i: int, j: int, text: str, role_words: frozenset[str] = frozenset()
) -> bool:
    """A capitalised non-function word right before or after: "Michael Jordan", "Chad Smith".

    Reads the text itself, so words outside the scanned range count too; punctuation in between
    ("Turkey, Syria") breaks the name.
    """
    a, b = tokens[i].start, tokens[j - 1].end
    for m in (_PREV_WORD.search(text, max(0, a - 40), a), _NEXT_WORD.match(text[b : b + 40])):
        if m is None:
            continue
        word = m.group(1)
        norm = fold(word)
        if (norm in _FUNCTION_WORDS or norm in _COUNT_WORDS or norm in role_words or not word[:1].isupper()
                or word.isupper()):  # fmt: skip
            continue
        return True
    return False


def confirm_context(
    match: Match, tokens: list[Token], doc_countries: set[str], window: int = 8
) -> str | None:
    """For an ambiguous alias in lowercase text: the supporting evidence, or None to drop it.

    Evidence: a place preposition just before a country or capital ("in turkey"), another unambiguous
    country word within ``window`` tokens, or the same country named unambiguously elsewhere in the text.
    """
    country = match.entry.country
    if match.i > 0 and match.alias.form == "name" and match.entry.kind == "country":  # not "to male"
        prev = tokens[match.i - 1].norm
        if prev in PLACE_PREPOSITIONS:
            return f"after '{tokens[match.i - 1].text}'"
    if country and country in doc_countries:
        return f"{country} also named unambiguously in the text"
    return None
