"""Finding and resolving actor mentions in a text and in one noun phrase, over the compiled index.

The engine side of actor resolution: :class:`~tidings.kb.resolver.ActorResolver` calls these with its
index and the document's :class:`~tidings.kb.context.DocContext`; stages never call them directly.
"""

from __future__ import annotations

import datetime as dt
import re
from tidings.geo.gazetteer import lookup_place
from tidings.kb.compose import CONJUNCTIONS, Composed, compose, group
from tidings.kb.ethnic import LOCATIVE, find_ethnic, is_ethnic_word
from tidings.kb.find import Found, find
from tidings.kb.context import DocContext, apply_document_country
from tidings.kb.era import read_at_era
from tidings.kb.index import Index
from tidings.kb.text import Token, is_lowercase_text, tokenize
from tidings.model import Actor, Document, Mention

PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her", "his"})
# Pronouns of a group: "they", "we" (a group speaking of itself: "we will continue the struggle").
GROUP_PRONOUNS: frozenset[str] = frozenset({"they", "them", "their", "we", "us", "our"})
_GROUP_KINDS = frozenset({"sector", "org", "country"})  # a country only with a sector: "Afghan rebels"
_CARRY_CHARS = 600  # how far back an anaphor ("he", "the minister") looks for its person


def find_mentions(kb: Index, text: str, day: dt.date | None, lowercase: bool | None = None,
                  context: set[str] | None = None) -> list[Mention]:  # fmt: skip
    """All actor mentions in ``text`` on date ``day``, composed into noun-phrase units.

    ``context`` holds the countries the document is about before any mention is read (dateline,
    headline, places): they confirm namesakes' local aliases and lowercase country words.
    """
    lowercase = is_lowercase_text(text) if lowercase is None else lowercase
    tokens = tokenize(text)
    found = find(kb, text, tokens, lowercase, day, None, context)
    mentions: list[Mention] = []
    for spans in group(found, tokens, text):
        if all(f.kind in ("sector", "title") and f.matches[0].alias.ambiguous for f in spans):
            continue  # "people", "officers": only as the head of a phrase with a country word
        composed = compose(kb, spans, day, text[max(0, spans[0].start - 20) : spans[0].start])
        mentions.append(_mention(text, composed))
    _carry_over(mentions, text)
    return mentions


def _mention(text: str, c: Composed) -> Mention:
    return Mention(text[c.start : c.end], c.start, c.end, c.actor, c.steps, c.candidates, c.score)


def _carry_over(mentions: list[Mention], text: str) -> None:
    """A bare title ("the president") takes the last person with that office named shortly before."""
    for k, m in enumerate(mentions):
        _carry_title(m, mentions[:k])


def _carry_title(mention: Mention, before: list[Mention]) -> None:
    """Give a country-less office ("the minister") the last person named with that office, if close."""
    a = mention.actor
    if a is None or a.kind != "sector" or a.country is not None or not a.role:
        return
    for prev in reversed(before):
        if mention.start - prev.end > _CARRY_CHARS:
            return
        p = prev.actor
        if p is not None and p.kind == "person" and _same_office(a.role, p.role):
            mention.actor = p
            mention.steps.append(f"'{mention.text.strip()}' carried over from '{prev.text}' -> {p.name}")
            return


def _same_office(title_role: str | None, person_role: str | None) -> bool:
    """A bare title names the person's office: "the minister" fits a foreign minister."""
    if not title_role or not person_role:
        return False
    if title_role == person_role:
        return True
    return title_role == "minister" and person_role.endswith("minister")


def resolve_phrase(kb: Index, ctx: DocContext, doc: Document, start: int, end: int, head: int | None = None,
                   day: dt.date | None = None) -> Mention | None:  # fmt: skip
    """The actor of the noun phrase ``doc.text[start:end]``, composed from country, sector and people.

    ``head`` is the character offset of the phrase's syntactic head: when the phrase holds several
    actors, the one covering the head wins; conjuncts ("the US and Japan") give the first, and the
    others are listed in ``candidates`` with a step saying so. A generic actor ("the police") with no
    country in the phrase takes the document's country from ``ctx`` when one dominates. Returns None
    when nothing in the phrase names an actor.
    """
    text = ctx.text
    start, end = max(0, start), min(len(text), end)
    if start >= end:
        return None
    seen = {
        m.actor.actor_id
        for m in doc.mentions
        if m.actor is not None and m.actor.kind == "person" and m.end <= start and m.actor.actor_id
    }
    countries = {m.actor.country for m in doc.mentions if m.actor is not None and m.actor.country}
    countries.update(ctx.place_context())
    tokens = tokenize(text, start, end)
    found = find(kb, text, tokens, ctx.lowercase, day, seen, countries)
    if not found:
        named = _anaphor(doc, start, end, day) or _group_anaphor(doc, start, end)
        if named is None:
            named = _apposition(kb, ctx, doc, start, end, day, countries)
        return named
    groups = group(found, tokens, text)
    chosen = _choose(groups, head, text, end)
    composed = compose(
        kb, groups[chosen], day, text[max(start, groups[chosen][0].start - 20) : groups[chosen][0].start]
    )
    _possessor_relation(composed, groups[chosen], text, end)
    if composed.actor is not None and composed.actor.country is None and composed.actor.kind == "sector":
        composed = _modifier_country(kb, groups, chosen, composed, day, text)
    mention = Mention(doc.text[start:end], start, end, composed.actor, list(composed.steps),
                      list(composed.candidates), composed.score)  # fmt: skip
    _carry_title(mention, [m for m in doc.mentions if m.end <= start and not read_at_era(m)])
    _other_groups(kb, mention, groups, chosen, tokens, day, text)
    _ethnic_residence(doc, ctx, mention, groups, chosen, start, end)
    if mention.actor is not None and mention.actor.country is None and mention.actor.kind == "sector":
        _place_in_phrase(doc, ctx, mention, found, start, end)
    apply_document_country(mention, ctx)
    return mention


_PREPOSITIONS = frozenset(
    {"of", "in", "from", "at", "for", "on", "by", "near", "inside", "outside", "across", "to"}
)


def _choose(groups: list[list[Found]], head: int | None, text: str, end: int) -> int:
    """The group holding the head; without a head, English noun phrases are right-headed
    ("NATO-member Norway") unless a preposition or conjunction intervenes ("protesters in Seoul")."""
    if head is not None:
        for k, g in enumerate(groups):
            if g[0].start <= head < g[-1].end:
                first = groups[0]
                joined = set(re.findall(r"\w+", text[first[-1].end : g[0].start].lower()))
                if k > 0 and all(f.kind == "country" for f in first) and joined & CONJUNCTIONS:
                    return 0  # "Chinese and North Korean forces": the first conjunct shares the head noun
                return k
    if len(groups) > 1:
        between = text[groups[0][-1].end : groups[1][0].start].lower()
        words = set(re.findall(r"\w+", between))
        if re.match(r"\s+[A-Z][a-z]", text[groups[-1][-1].end : end]):
            return 0  # "Beijing's Taiwan Affairs Office": the last country starts an unknown name
        if not (words & (_PREPOSITIONS | CONJUNCTIONS)) and "," not in between:
            return len(groups) - 1
    return 0


_RELATIONS = re.compile(
    r"\s+(?:ally|allies|partner|partners|enemy|enemies|rival|rivals|foe|foes|proxy|proxies|opponent"
    r"|opponents|adversary|adversaries|client|clients)\b",
    re.IGNORECASE,
)


def _possessor_relation(composed: Composed, group: list[Found], text: str, end: int) -> None:
    """"Israel's militia ally in southern Lebanon": the possessor is the ally's partner, not its country."""
    a = composed.actor
    if a is None or a.kind != "country" or not a.sector:
        return
    country = next((f for f in group if f.kind == "country"), None)
    if country is None or text[country.end : country.end + 2] not in ("'s", "’s"):
        return
    if _RELATIONS.match(text, group[-1].end, end) is None:
        return
    composed.actor = Actor(None, a.sector, None, None, a.role, "sector")
    relation = text[group[-1].end : end].split()[0]
    owner = text[country.start : country.end]
    why = f"'{owner}'s ... {relation}': a partner of {a.country}, not its country"
    composed.steps.append(f"{why} -> - {a.sector}")


def _modifier_country(kb: Index, groups: list[list[Found]], chosen: int, composed: Composed, day: dt.date | None,
                      text: str) -> Composed:  # fmt: skip
    """A country earlier in the same noun phrase modifies the head: "Iran's religious leader"."""
    head = groups[chosen]
    for k in range(chosen - 1, -1, -1):
        between = text[groups[k][-1].end : head[0].start].lower()
        if set(re.findall(r"\w+", between)) & (CONJUNCTIONS | _PREPOSITIONS) or "," in between:
            break
        countries = [f for f in groups[k] if f.kind == "country" and not f.stance]
        if countries:
            again = compose(kb, [countries[-1], *head], day)
            if again.actor is not None and again.actor.country:
                again.steps.insert(0, f"'{text[countries[-1].start : countries[-1].end]}' modifies the head")
                return again
            break
    return composed


def _other_groups(kb: Index, mention: Mention, groups: list[list[Found]], chosen: int, tokens: list[Token],
                  day: dt.date | None, text: str) -> None:  # fmt: skip
    """Conjuncts go to candidates; a country in a trailing "in Seoul"/"of Japan" fills a missing country."""
    for k, g in enumerate(groups):
        if k == chosen:
            continue
        other = compose(kb, g, day)
        if other.actor is None:
            continue
        between = text[groups[min(k, chosen)][-1].end : groups[max(k, chosen)][0].start].lower()
        words = set(re.findall(r"\w+", between))
        if words & CONJUNCTIONS or "," in between:
            a = mention.actor
            if (
                k == len(groups) - 1
                and a is not None
                and a.kind == "country"
                and a.sector is None
                and other.actor.sector
                and g[-1].kind == "sector"
                and groups[chosen][-1].kind == "country"
            ):
                # "US and South Korean troops": the head noun is shared by both conjuncts.
                mention.actor = Actor(a.country, other.actor.sector, a.actor_id, a.name, a.role, a.kind)
                mention.steps.append(f"shared head noun -> {_code(mention.actor)}")
            mention.candidates.append(other.actor)
            mention.steps.append(
                f"conjunct '{text[other.start : other.end]}' -> {_code(other.actor)} (listed in candidates)"
            )
        elif (
            mention.actor is not None and mention.actor.country is None and other.actor.country and k > chosen
        ):
            a = mention.actor
            mention.actor = Actor(other.actor.country, a.sector, a.actor_id, a.name, a.role, a.kind)
            mention.steps.append(f"country from '{text[other.start : other.end]}' -> {_code(mention.actor)}")


def _code(actor: Actor) -> str:
    return f"{actor.country or '-'} {actor.sector or '-'}"


# Organs of a state keep their state even when an ethnic word is near ("Serb police in Kosovo").
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG"})


def _ethnic_residence(doc: Document, ctx: DocContext, mention: Mention, groups: list[list[Found]], chosen: int, start: int,
                      end: int) -> None:  # fmt: skip
    """An ethnic group takes the country it lives in (CAMEO: MKDCVLalb): a country adjective right before
    the group word ("Croatian Serb refugees" -> HRV), else a place after "in" in the same sentence ("ethnic
    Albanians ... in southeastern Serbia" -> SRB); without one, the kin country ("Karen guerrillas" ->
    MMR)."""
    a = mention.actor
    if a is None or a.kind not in ("country", "sector"):
        return
    state = a.sector in _STATE_SECTORS  # "Serb forces": a state's organ, unless a `groups` word names them
    text = doc.text
    head = groups[chosen]
    country_span = next((f for f in head if f.kind == "country"), None)
    word = text[country_span.start : country_span.end] if country_span is not None else ""
    if country_span is not None and chosen > 0 and is_ethnic_word(word) and not state:
        before = groups[chosen - 1]
        gap = text[before[-1].end : country_span.start]
        if before[-1].kind == "country" and not gap.strip() and before[-1].entry is not None:
            place = before[-1].entry.country
            if place and place != a.country:
                where = text[before[-1].start : before[-1].end]
                _relocate(mention, place, f"ethnic '{word}' of '{where}' -> {place} (CAMEO: the "
                                          f"country of residence)")  # fmt: skip
                return
    spans = [f for g in groups for f in g]
    own = None if state else _kin_with_place(doc, ctx, start, end)
    if own is not None:  # "Albanians of southern Serbia", "Turks in Germany"
        word, place, where = own
        if place != a.country:
            why = f"'{word}' living in '{where}' -> {place} (CAMEO: the country of residence)"
            _relocate(mention, place, why)
        return
    hit = find_ethnic(text, start, end)
    if hit is None or (state and not hit.group):
        return
    named = next((f for f in spans if f.kind == "country" and f.end <= hit.start and f.entry is not None
                  and not text[f.end : hit.start].strip(" -") and not is_ethnic_word(text[f.start : f.end])),
                 None)  # fmt: skip
    if named is not None:  # "Iraqi Kurds": the phrase names the country they live in
        place = named.entry.country  # type: ignore[union-attr]
        if place and place != a.country:
            _relocate(mention, place, f"{hit.why} of '{text[named.start : named.end]}' -> {place}")
        return
    place, where = _residence(doc, ctx, start, end)
    if place is not None:
        if place != a.country:
            _relocate(mention, place, f"{hit.why}: living in '{where}' (same sentence) -> {place}")
        else:
            mention.steps.append(f"{hit.why}: living in '{where}' -> {place}")
    elif a.country is None and hit.kin:
        _relocate(mention, hit.kin, f"{hit.why}: no residence named, kin country {hit.kin}")
    elif a.country is None:
        only = _sentence_country(doc, start, end)
        if only is not None:  # "The Sri Lankan army is holding Tamil refugees" -> LKA
            _relocate(mention, only, f"{hit.why}, no kin state: the only country named in the sentence "
                                     f"(low confidence)")  # fmt: skip
            mention.score = min(mention.score, 0.5)


def _sentence_country(doc: Document, start: int, end: int) -> str | None:
    """The one country named by the other actors of the phrase's sentence, if there is exactly one."""
    lo, hi = _sentence_bounds(doc, start, end)
    kinds = ("country", "sector", "person", "org")
    codes = {m.actor.country for m in doc.mentions
             if lo <= m.start < hi and not (m.start < end and start < m.end)
             and m.actor is not None and m.actor.country and m.actor.kind in kinds}  # fmt: skip
    return codes.pop() if len(codes) == 1 else None


_KIN_PLACE = re.compile(
    r"\s+(?:of|in)\s+(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western"
    r"|north-?eastern|north-?western|south-?eastern|south-?western)\s+)?(?=[A-Z])"
)


def _kin_with_place(doc: Document, ctx: DocContext, start: int, end: int) -> tuple[str, str, str] | None:
    """A `kin` or ethnic-group word followed in the phrase by "of/in <place>" ("Albanians of southern
    Serbia"): (word, country, place name)."""
    text = doc.text
    context = ctx.place_context()
    for m in re.finditer(r"[A-Z][A-Za-z]+", text[start:end]):
        if not is_ethnic_word(m.group(0)):
            continue
        tail = _KIN_PLACE.match(text, start + m.end(), end)
        if tail is None:
            continue
        found = _country_at(doc, tail.end(), end, context)
        if found is not None:
            return m.group(0), found[0], found[1]
    return None


def _country_at(doc: Document, p: int, hi: int, context: list[str]) -> tuple[str, str] | None:
    """The country of the name starting at ``p``: a named actor there, else a place in the gazetteer."""
    named = next((m for m in doc.mentions if m.start == p and m.actor is not None and m.actor.country
                  and m.actor.kind in ("country", "sector")), None)  # fmt: skip
    if named is not None:
        return named.actor.country, named.text  # type: ignore[union-attr]
    run = _CAP_RUN.match(doc.text, p, hi)
    if run is None:
        return None
    place = _gazetteer(run.group(0), context)
    return (place[0], run.group(0)) if place is not None else None


def _relocate(mention: Mention, country: str, why: str) -> None:
    a = mention.actor
    assert a is not None
    mention.actor = Actor(country, a.sector or "CVL", None, None, a.role, a.kind)
    mention.steps.append(f"{why} -> {_code(mention.actor)}")


def _sentence_bounds(doc: Document, start: int, end: int) -> tuple[int, int]:
    for s in doc.sentences:
        if s.start <= start < s.end:
            return s.start, max(s.end, end)
    text = doc.text
    left = max((m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z\"“])", text[: start + 1])), default=0)
    right = re.search(r"[.!?](?:\s|$)", text[end:])
    return left, (end + right.end()) if right else len(text)


_CAP_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def _residence(doc: Document, ctx: DocContext, start: int, end: int) -> tuple[str | None, str]:
    """The country after "in" ("in southeastern Serbia", "in Sweden") in the sentence of the phrase:
    a named actor there, else a place in the gazetteer. The nearest after the phrase wins, then before."""
    lo, hi = _sentence_bounds(doc, start, end)
    text = doc.text
    spots = [m.end() for m in LOCATIVE.finditer(text, lo, hi)]
    after = [p for p in spots if p >= start]
    before = [p for p in reversed(spots) if p < start]
    context = ctx.place_context()
    for p in after + before:
        found = _country_at(doc, p, hi, context)
        if found is not None:
            return found
    return None, ""


def _gazetteer(name: str, context: list[str]) -> tuple[str, str, int] | None:
    """(country, kind, population) of a sub-national place (region, city) in the offline gazetteer."""
    place = lookup_place(name, context).place
    if place is None or not place.country or place.country == "disputed" or place.kind == "country":
        return None
    return place.country, place.kind, place.population or 0


_PLACE_NOUNS = frozenset({"province", "state", "region", "district", "city", "county", "prefecture",
                          "governorate", "town", "village", "valley", "territory", "oblast", "emirate"})  # fmt: skip
_REGION_KINDS = frozenset({"region", "territory", "island", "peninsula", "province", "state"})
_PLACE_PREPS = re.compile(r"\b(?:of|in|from|at)\s+(?:the\s+)?$")


def _place_in_phrase(doc: Document, ctx: DocContext, mention: Mention, found: list[Found], start: int, end: int) -> None:
    """A region or city named inside a country-less phrase gives its country, with low confidence:
    "the government of Sindh province" -> PAK GOV. Only a name after of/in/from/at, before a place noun
    ("province", "city"...) or in a possessive counts: a capital at the start of a sentence may be a word."""
    text = doc.text
    context = ctx.place_context()
    a = mention.actor
    assert a is not None
    for run in _CAP_RUN.finditer(text, start, end):
        r0, r1 = run.start(), run.end()
        if any(f.start < r1 and r0 < f.end for f in found):
            continue
        name = run.group(0)
        if name.lower().startswith("the "):
            name, r0 = name[4:], r0 + 4
        nxt = re.match(r"\s*(\w+)", text[r1:end])
        placey = (bool(_PLACE_PREPS.search(text[start:r0])) or text[r1 : r1 + 2] in ("'s", "’s")
                  or (nxt is not None and nxt.group(1).lower() in _PLACE_NOUNS))  # fmt: skip
        # a name right before the sector noun ("Darfur rebels", "Gujarat police") counts only as a region
        modifier = any(f.kind == "sector" and f.start > r1 and not text[r1 : f.start].strip() for f in found)
        if not (placey or modifier):
            continue
        place = _gazetteer(name, context)
        if place is None:
            continue
        country, kind, _population = place
        if not placey and kind not in _REGION_KINDS:
            continue
        mention.actor = Actor(country, a.sector, a.actor_id, a.name, a.role, a.kind)
        mention.score = min(mention.score, 0.6)
        why = f"'{name}' is a {kind} in {country} (gazetteer, low confidence)"
        mention.steps.append(f"{why} -> {_code(mention.actor)}")
        return


def _anaphor(doc: Document, start: int, end: int, day: dt.date | None) -> Mention | None:
    """A pronoun ("he", "she"): the last person named shortly before, when only one person was named."""
    phrase = doc.text[start:end].strip().lower()
    if phrase not in PRONOUNS:
        return None
    recent = [m for m in doc.mentions if m.end <= start and start - m.end <= _CARRY_CHARS
              and m.actor is not None and m.actor.kind == "person"]  # fmt: skip
    if not recent:
        return None
    last = recent[-1]
    others = {m.actor.actor_id for m in recent[-3:] if m.actor is not None}
    if len(others) > 1:
        cands = [m.actor for m in recent[-3:] if m.actor is not None]
        return Mention(doc.text[start:end], start, end, None, [f"'{phrase}': several people named just before"],
                       cands, 0.3)  # fmt: skip
    return Mention(
        doc.text[start:end], start, end, last.actor, [f"'{phrase}' -> {last.text} (carry-over)"], [], 0.7
    )


def _group_anaphor(doc: Document, start: int, end: int) -> Mention | None:
    """A group pronoun ("they", "them", "we") takes a group named before it: the first group actor earlier
    in its sentence, else the first of the previous sentence (the subject is the likeliest antecedent:
    "Militants torched a school. They fled." -> the militants). Organisations, sector nouns and
    countries with a sector ("Afghan rebels") count; people and bare countries do not."""
    phrase = doc.text[start:end].strip().lower()
    if phrase not in GROUP_PRONOUNS:
        return None
    lo, _ = _sentence_bounds(doc, start, end)
    prev_lo, _ = _sentence_bounds(doc, max(0, lo - 2), max(0, lo - 1)) if lo > 0 else (lo, lo)
    groups = [m for m in doc.mentions if m.end <= start and m.actor is not None and m.actor.kind in _GROUP_KINDS
              and m.actor.sector]  # fmt: skip
    same = [m for m in groups if m.start >= lo]
    before = [m for m in groups if prev_lo <= m.start < lo]
    pick = same[0] if same else before[0] if before else None
    if pick is None:
        return None
    where = "its sentence" if same else "the previous sentence"
    return Mention(doc.text[start:end], start, end, pick.actor,
                   [f"'{phrase}' -> '{pick.text}', the first group named in {where} (low confidence)"], [], 0.5)  # fmt: skip


# ", a trader," / ", the village headman," right after a name; at most six words, closed by a comma or stop.
_APPOSITION = re.compile(r"\s*,\s*((?:a|an|the)\s+[^,.;:()\n]{2,60}?)\s*(?=[,.;:)]|$)", re.IGNORECASE)
_TITLE_BEFORE = re.compile(r"((?:[A-Za-z][\w.-]*\s+){1,3})$")


def _apposition(kb: Index, ctx: DocContext, doc: Document, start: int, end: int, day: dt.date | None,
                countries: set[str]) -> Mention | None:  # fmt: skip
    """A name the knowledge base does not know, with its role in an apposition or a title in front
    ("Lal Sai, a constable,", "Head Constable Lal Sai", "Kifayat Mir, a resident of Moolu"): the role's
    sector, and the document's country for a generic one. Only a capitalised name qualifies."""
    text = ctx.text
    name = doc.text[start:end].strip()
    if not name or not name[0].isupper() or name.lower() in PRONOUNS | GROUP_PRONOUNS:
        return None
    spans: list[tuple[int, int, str]] = []
    app = _APPOSITION.match(text, end)
    if app is not None and len(app.group(1).split()) <= 7:
        spans.append((app.start(1), app.end(1), "apposition"))
    before = _TITLE_BEFORE.search(text, max(0, start - 40), start)
    if before is not None:
        spans.append((before.start(1), before.end(1), "title"))
    for a, b, how in spans:
        toks = tokenize(text, a, b)
        found = [f for f in find(kb, text, toks, ctx.lowercase, day, None, countries)
                 if f.kind in ("sector", "title")]  # fmt: skip
        if not found or (how == "title" and text[found[-1].end : b].strip()):
            continue  # a title must stand right before the name
        composed = compose(kb, found, day)
        a_ = composed.actor
        if a_ is None or not a_.sector or a_.kind not in ("sector", "country"):
            continue
        role = text[found[0].start : found[-1].end]
        mention = Mention(doc.text[start:end], start, end, Actor(a_.country, a_.sector, None, None, a_.role, "sector"),
                          [f"'{name}' is unknown; the {how} '{role}' -> {_code(a_)}"], [], 0.6)  # fmt: skip
        apply_document_country(mention, ctx)
        return mention
    return None
