"""Finding actor mentions in a text: index scan, then context guards, surnames, fuzzy names and ties."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from tidings.kb.fuzzy import fuzzy_country, fuzzy_person
from tidings.kb.index import Index, Match, confirm_context
from tidings.kb.loader import Alias, Entry
from tidings.kb.people import iso
from tidings.kb.text import Token, is_capitalised

# Surnames that are also common words or months: a surname alone never resolves to these people, a title
# or an earlier full name is needed ("President Moon", "Theresa May ... May said").
COMMON_SURNAMES: frozenset[str] = frozenset({
    "may", "major", "brown", "bush", "rice", "moon", "park", "young", "long", "king", "little", "black", "white",
    "love", "hope", "ford", "grant", "law", "church", "wood", "mark", "bond", "lee", "kim", "li", "wang", "ma",
    "jiang", "hu", "han", "choi", "chung", "kang", "cho", "yoon", "lim", "song", "shin", "roh", "chun", "pak",
    "chen", "zhang", "liu", "zhou", "zhao", "sun", "abe", "kan", "carter", "johnson", "wilson", "jackson",
    "obama", "singh", "khan", "gandhi", "sharif", "rao", "yadav", "patel", "shah", "modi", "no", "ban", "begin",
    "ho", "lai", "ri", "choe", "koo", "dong", "lin", "hua", "qin", "wu", "dar",
    "cooper", "healey", "katz", "cohen", "gates", "powell", "baker", "marshall", "clark", "walker", "almond",
    "sato", "kishi", "mori", "aso", "noda", "suga", "heath", "eden", "castro",
})  # fmt: skip
_CONTEXT_WINDOW = 8
_STANCE = re.compile(r"\b(anti|pro)\s*-\s*$", re.IGNORECASE)
_NOT_NAMES: frozenset[str] = frozenset(
    {"the", "mr", "mrs", "ms", "dr", "said", "and", "but", "when", "after", "s"}
)


@dataclass(slots=True)
class Found:
    """One span of text with the entries it may name (one = resolved, several = a tie)."""

    i: int
    j: int
    start: int
    end: int
    matches: list[Match]
    steps: list[str] = field(default_factory=list)
    stance: str | None = None  # "anti"/"pro" before a country word: "anti-Syria journalist"

    @property
    def entry(self) -> Entry | None:
        """The entry when the span is unambiguous, else None."""
        ids = {m.entry.id for m in self.matches}
        return self.matches[0].entry if len(ids) == 1 else None

    @property
    def kind(self) -> str:
        """The entry kind when all candidates agree ("person", "country", ...), else "mixed"."""
        kinds = {m.entry.kind for m in self.matches}
        return kinds.pop() if len(kinds) == 1 else "mixed"


def find(index: Index, text: str, tokens: list[Token], lowercase: bool, day: dt.date | None,
         seen_people: set[str] | None = None, doc_countries: set[str] | None = None) -> list[Found]:  # fmt: skip
    """Every actor-bearing span of ``tokens`` with guards applied, left to right.

    Args:
        seen_people: person ids named by full name earlier in the document (for surnames).
        doc_countries: countries named unambiguously elsewhere in the document (for context guards).
    """
    seen = set(seen_people or ())
    raw = index.scan(tokens, lowercase, text)
    spans = _spans(raw)
    countries = set(doc_countries or ())
    for span in spans:
        if len({m.entry.id for m in span.matches}) > 1:
            continue  # a tie says nothing about which country the text is about
        for m in span.matches:
            if not m.note and m.entry.country and m.entry.kind in ("country", "org", "igo"):
                countries.add(m.entry.country)
    out: list[Found] = []
    strong_pos = [s.i for s in spans if any(not m.note and m.entry.kind == "country" for m in s.matches)]
    needs_pos: dict[tuple[str, ...], list[int]] = {}
    for needs in {m.alias.needs for s in spans for m in s.matches if m.alias.needs}:
        needs_pos[needs] = [x.i for x in spans if not x.matches[0].alias.needs
                            and any(y.entry.country in needs for y in x.matches)]  # fmt: skip
    for span in spans:
        if any(m.entry.kind == "none" for m in span.matches):
            continue  # "Indian Ocean", "New Mexico": a longer phrase that names no actor
        kept = _guard(span, tokens, countries, strong_pos, lowercase, index.max_len, needs_pos)
        if kept is None:
            continue
        kept = _prefer_text_country(kept, countries)
        kept = _fuzzy_upgrade(index, kept, tokens, lowercase)
        if kept.kind == "person" or any(m.alias.form == "surname" for m in kept.matches):
            kept = _people(index, kept, out, seen, day, tokens, lowercase, countries)
            if kept is None:
                continue
        if kept.kind == "country":
            stance = _STANCE.search(text, max(0, kept.start - 8), kept.start)
            if stance is not None:
                kept.stance = stance.group(1).lower()
        out.append(kept)
    out.extend(_fuzzy_uncovered(index, tokens, out, lowercase, seen, text))
    out.sort(key=lambda f: f.i)
    return out


def _prefer_text_country(span: Found, countries: set[str]) -> Found:
    """Namesakes from different countries ("RPF": Rwanda's party, India's railway police): keep the one
    whose country the text names."""
    ids = {m.entry.id for m in span.matches}
    if len(ids) < 2:
        return span
    named = [m for m in span.matches if m.entry.country in countries]
    if named and len({m.entry.id for m in named}) == 1 and len(named) < len(span.matches):
        steps = [
            *span.steps,
            f"'{named[0].text}' -> {named[0].entry.name}: {named[0].entry.country} is named in the text",
        ]
        return Found(span.i, span.j, span.start, span.end, named, steps)
    return span


def _near(positions: list[int], i: int, window: int) -> bool:
    """Some position other than ``i`` within ``window`` tokens of it (``positions`` is sorted)."""
    k = bisect.bisect_left(positions, i - window)
    while k < len(positions) and positions[k] <= i + window:
        if positions[k] != i:
            return True
        k += 1
    return False


def _spans(matches: list[Match]) -> list[Found]:
    spans: list[Found] = []
    for m in matches:
        if spans and spans[-1].i == m.i and spans[-1].j == m.j:
            spans[-1].matches.append(m)
        else:
            spans.append(Found(m.i, m.j, m.start, m.end, [m]))
    return spans


def _guard(span: Found, tokens: list[Token], countries: set[str], strong_pos: list[int],
           lowercase: bool, known_first: dict[str, int] | None = None,
           needs_pos: dict[tuple[str, ...], list[int]] | None = None) -> Found | None:  # fmt: skip
    needs_pos = needs_pos or {}
    known_first = known_first or {}
    kept: list[Match] = []
    steps: list[str] = []
    for m in span.matches:
        if m.alias.local:
            if m.entry.country not in countries:
                continue  # "PLA" is Manipur's only in a story about India
            steps.append(f"'{_surface(tokens, m)}' may be {m.entry.name}: {m.entry.country} is in the context")
        if m.alias.needs:
            if not (countries & set(m.alias.needs)):
                continue
            if lowercase and not _near(needs_pos.get(m.alias.needs, []), m.i, 5 * _CONTEXT_WINDOW):
                continue  # lowercase "the south" far from any Korea is more likely south India
            nxt = tokens[m.j] if m.j < len(tokens) else None
            if not lowercase and not is_capitalised(tokens[m.j - 1].text):
                continue  # in ordinary text "the North" must be capitalised
            if nxt is not None and (nxt.norm == "of" or (not lowercase and is_capitalised(nxt.text))
                                    or (lowercase and nxt.norm in known_first)):  # fmt: skip
                continue  # "the north of the country", "the South China Sea"
            steps.append(f"'{_surface(tokens, m)}' read as {m.entry.country}: the text is about "
                         f"{'/'.join(sorted(countries & set(m.alias.needs)))}")  # fmt: skip
        if m.note == "needs-context":
            why = confirm_context(m, tokens, countries)
            near = _near(strong_pos, m.i, _CONTEXT_WINDOW)
            if why is None and near and m.entry.kind == "country" and m.alias.form in ("name", "adjective"):
                why = "another country named nearby"
            if why is None:
                continue
            steps.append(f"lowercase '{_surface(tokens, m)}' accepted: {why}")
        kept.append(m)
    if not kept:
        return None
    return Found(span.i, span.j, span.start, span.end, kept, steps)


def _surface(tokens: list[Token], m: Match) -> str:
    return " ".join(t.text for t in tokens[m.i : m.j])


def _fuzzy_upgrade(index: Index, span: Found, tokens: list[Token], lowercase: bool) -> Found:
    """A lone surname followed by more name tokens may be a variant spelling: "Kim Jongun"."""
    if not all(m.alias.form == "surname" for m in span.matches):
        return span
    best: tuple[float, int, str] | None = None
    for length in (3, 2):
        j = span.i + length
        if j > len(tokens) or (not lowercase and not all(is_capitalised(t.text) for t in tokens[span.i : j])):
            continue
        for entry_id, score in fuzzy_person(index, tokens[span.i : j])[:1]:
            if best is None or score > best[0]:
                best = (score, j, entry_id)
    if best is None:
        return span
    score, j, entry_id = best
    entry = index.entries[entry_id]
    surface = " ".join(t.text for t in tokens[span.i : j])
    match = Match(Alias(entry_id, surface, "fuzzy"), entry, span.i, j, tokens[span.i].start, tokens[j - 1].end,
                  "", score / 100.0)  # fmt: skip
    steps = [f"'{surface}' fuzzy-matches {entry.name} ({score:.0f} >= threshold)"]
    return Found(span.i, j, match.start, match.end, [match], steps)


def _strong_country_context(index: Index, tokens: list[Token], i: int, text: str) -> bool:
    """A possessive ("Quatar's") or a title right after ("Quatar emir"): the word names a state."""
    tok = tokens[i]
    if text[tok.end : tok.end + 2] in ("'s", "’s"):
        return True
    return i + 1 < len(tokens) and tokens[i + 1].norm in index.role_words


def _sentence_initial(tokens: list[Token], i: int, text: str) -> bool:
    if i == 0:
        before = text[: tokens[0].start]
        return not before.strip() or bool(re.search(r"[.!?:\"“]\s*$", before))
    return bool(re.search(r"[.!?:\"“]\s*$", text[tokens[i - 1].end : tokens[i].start]))


def _fuzzy_uncovered(index: Index, tokens: list[Token], found: list[Found], lowercase: bool,
                     seen: set[str], text: str = "") -> list[Found]:  # fmt: skip
    """Name-like runs no alias matched, starting or ending with a known name token."""
    covered: set[int] = set()
    for f in found:
        covered.update(range(f.i, f.j))
    out: list[Found] = []
    i = 0
    while i < len(tokens):
        if (
            i not in covered
            and not lowercase
            and tokens[i].text[:1].isupper()
            and tokens[i].norm not in index.max_len
        ):
            strong = bool(text) and _strong_country_context(index, tokens, i, text)
            # a capital at a sentence start says little: a short word there needs a possessive or a title
            initial = bool(text) and _sentence_initial(tokens, i, text)
            short = len(tokens[i].norm) < 7
            hit_c = None
            if strong or not (initial and short):
                hit_c = fuzzy_country(index, tokens[i], strong=strong)
            if hit_c is not None:
                entry = index.entries[hit_c[0]]
                tok = tokens[i]
                match = Match(Alias(entry.id, tok.text, "fuzzy"), entry, i, i + 1, tok.start, tok.end, tok.text,
                              hit_c[1] / 100.0)  # fmt: skip
                out.append(Found(i, i + 1, tok.start, tok.end, [match],
                                 [f"'{tok.text}' fuzzy-matches {entry.name} ({hit_c[1]:.0f} >= threshold)"]))  # fmt: skip
                i += 1
                continue
        if i in covered or tokens[i].norm not in index.person_first:
            i += 1
            continue
        hit = None
        for length in (3, 2):
            j = i + length
            if j > len(tokens) or any(k in covered for k in range(i, j)):
                continue
            if not lowercase and not all(is_capitalised(t.text) for t in tokens[i:j]):
                continue
            for entry_id, score in fuzzy_person(index, tokens[i:j])[:1]:
                if hit is None or score > hit[0]:
                    hit = (score, j, entry_id)
        if hit is None:
            i += 1
            continue
        score, j, entry_id = hit
        entry = index.entries[entry_id]
        surface = " ".join(t.text for t in tokens[i:j])
        match = Match(Alias(entry_id, surface, "fuzzy"), entry, i, j, tokens[i].start, tokens[j - 1].end, "",
                      score / 100.0)  # fmt: skip
        out.append(Found(i, j, match.start, match.end, [match],
                         [f"'{surface}' fuzzy-matches {entry.name} ({score:.0f} >= threshold)"]))  # fmt: skip
        seen.add(entry_id)
        i = j
    return out


def _people(index: Index, span: Found, before: list[Found], seen: set[str], day: dt.date | None,
            tokens: list[Token], lowercase: bool = False,
            countries: set[str] | None = None) -> Found | None:  # fmt: skip
    """Full names are kept (and remembered); surnames need a title, an earlier full name or an office."""
    full = [m for m in span.matches if m.alias.form != "surname"]
    if full:
        for m in full:
            if m.entry.kind == "person":
                seen.add(m.entry.id)
        return _break_tie(span, full, day)
    surname = " ".join(t.text for t in tokens[span.i : span.j])
    titled = bool(before) and before[-1].j == span.i and before[-1].kind == "title"
    if titled and _inside_other_name(tokens, span, index.role_words):
        return None  # "Acting President Choi Sang-mok": a Choi who is not in the knowledge base
    if titled:
        roles = tuple(r for m in before[-1].matches for r in m.entry.roles)
        in_role = [m for m in span.matches if any(t.covers(day) and (not roles or t.role in roles)
                                                  for t in m.entry.terms)]  # fmt: skip
        pool = in_role or span.matches
        return _break_tie(span, pool, day, f"title + surname '{surname}' -> {{}}")
    if span.j < len(tokens) and tokens[span.j].norm in INSTITUTION_NOUNS:
        leader = _leader_of_institution(span, day)
        if leader is not None:
            return Found(span.i, span.j, span.start, span.end, [leader],
                         [*span.steps, f"'{surname} {tokens[span.j].text}' -> {leader.entry.name}'s"])  # fmt: skip
        leaders = [m for m in span.matches if any(t.role in _TOP_ROLES for t in m.entry.terms)]
        if leaders and len({m.entry.country for m in leaders}) == 1:
            # "the Bush administration" with no date to tell the two apart: a tie within one country
            return Found(span.i, span.j, span.start, span.end, leaders,
                         [*span.steps, f"'{surname} {tokens[span.j].text}': leaders named {surname}, all of "
                                       f"{leaders[0].entry.country}"])  # fmt: skip
    if tokens[span.i].norm in COMMON_SURNAMES and (
        lowercase or _inside_other_name(tokens, span, index.role_words)
    ):
        return None  # "singh" in "mulayam singh yadav", "Kim" in "Kim Chol"
    prior = [m for m in span.matches if m.entry.id in seen]
    if prior:
        return _break_tie(span, prior, day, f"'{surname}' = {{}} named in full earlier")
    if tokens[span.i].norm in COMMON_SURNAMES:
        return None
    in_office = [m for m in span.matches if any(t.covers(day) for t in m.entry.terms)]
    if lowercase:
        # Any short surname may be a word in lowercase text ("no", "ban", "begin"): only long surnames
        # of people in office on the date ("musharraf", "advani") are read.
        if in_office and len(tokens[span.i].norm) >= 6 and span.j - span.i == 1:
            return _break_tie(span, in_office, day, f"lowercase surname '{surname}' -> {{}} (in office)")
        return None
    if in_office:
        return _break_tie(
            span, in_office, day, f"surname '{surname}' -> {{}} (in office on {iso(day)})"
        )
    if day is None and not lowercase:
        # No date at all: the one head of state or government with this surname names that person when the
        # document is about their country ("Biden" in a story naming Americans) or they still sit ("Putin");
        # only the person: the office stays unresolved. A past leader of a country the text does not name
        # ("Tanaka") is never guessed.
        named = countries or set()
        leaders = [m for m in span.matches if any(t.role in _TOP_ROLES for t in m.entry.terms)
                   and (m.entry.country in named or any(t.role in _TOP_ROLES and t.end is None
                                                        for t in m.entry.terms))]  # fmt: skip
        if len({m.entry.id for m in leaders}) == 1:
            return _break_tie(span, leaders, day, f"surname '{surname}' -> {{}} (the leader so named, of a "
                                                  f"country in the text or sitting; no date)")  # fmt: skip
        return None
    # Nobody with that surname in office: a head of state or government who left office less than
    # RECENT_YEARS before resolves (as "former"; "Trump" in 2022); several such are a tie. Older or minor
    # namesakes are not guessed: "Malik", "Tanaka", "Desai" are common names.
    recent = [m for m in span.matches if _recent_leader(m.entry, day)]
    if not recent:
        return None
    return _break_tie(span, recent, day, f"surname '{surname}' -> {{}} (recently in office)")


RECENT_YEARS = 10
_TOP_ROLES = frozenset({"head_of_state", "head_of_government", "supreme_leader", "monarch"})


def _recent_leader(entry: Entry, day: dt.date | None) -> bool:
    if day is None:
        return False
    ends = [t.end for t in entry.terms if t.role in _TOP_ROLES and t.end is not None and t.end <= day]
    return bool(ends) and (day - max(ends)).days <= RECENT_YEARS * 366


INSTITUTION_NOUNS: frozenset[str] = frozenset({
    "administration", "administrations", "regime", "government", "cabinet", "presidency", "dynasty", "camp",
    "aides", "era", "team",
})  # fmt: skip
_LEADER_ORDER = ("head_of_state", "supreme_leader", "head_of_government", "monarch")


def _leader_of_institution(span: Found, day: dt.date | None) -> Match | None:
    """The namesake who led a country then, or lately: "the Kim regime", "the Bush administration"."""
    for role in _LEADER_ORDER:
        now = [m for m in span.matches if any(t.role == role and t.covers(day) for t in m.entry.terms)]
        if len({m.entry.id for m in now}) == 1:
            return now[0]
    recent = [m for m in span.matches if _recent_leader(m.entry, day)]
    if len({m.entry.id for m in recent}) == 1:
        return recent[0]
    return None


def _inside_other_name(tokens: list[Token], span: Found, role_words: frozenset[str]) -> bool:
    """A capitalised word (not a title) right before or after the surname: part of someone else's name."""
    for k in (span.i - 1, span.j):
        if not 0 <= k < len(tokens) or tokens[k].norm in role_words or tokens[k].norm in _NOT_NAMES:
            continue
        if tokens[k].text[:1].isupper() and tokens[k].end - tokens[k].start > 1:
            near = (
                tokens[k].start - tokens[span.i].end if k > span.i else tokens[span.i].start - tokens[k].end
            )
            if near <= 1:
                return True
    return False


def _break_tie(span: Found, pool: list[Match], day: dt.date | None, why: str = "") -> Found:
    ids = {m.entry.id for m in pool}
    if len(ids) > 1:
        in_office = [m for m in pool if any(t.covers(day) for t in m.entry.terms)]
        if len({m.entry.id for m in in_office}) == 1:
            pool = in_office
            why = why or "{} (the only one in office)"
    steps = list(span.steps)
    if why and len({m.entry.id for m in pool}) == 1:
        steps.append(why.format(pool[0].entry.name))
    return Found(span.i, span.j, span.start, span.end, pool, steps)
