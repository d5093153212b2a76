"""Places stage: where each event happened, from its clause, else its sentence, with an offline gazetteer.

A location is read only from a locative phrase ("in Beijing", "at Jeju Naval Base", "near the DMZ", "on the
Korean Peninsula", "off Okinawa", "in eastern Ukraine") or from the object of a movement or attack verb that is
the event's own verb ("crossed the Yalu River", "entered Kherson", "shelled Donetsk"). A place name in
subject position ("Seoul said ...") is never read as a location, and neither is a name inside the event's
source span; a name inside its target span is read only when it is a physical feature or a site ("fired
missiles toward the DMZ"), since "sanctions on Russia" names an actor, not a place.

Candidates in the event verb's clause come first, then the rest of the sentence; within a level the most
specific place wins (point > city > region/feature > country), then the one nearest the verb. Ambiguous
names are resolved with the document's countries (actor mentions plus unambiguous places) and population;
names that stay ambiguous are listed in ``event.trace["place_candidates"]`` and the event keeps no location.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tidings.config import Settings
from tidings.geo.gazetteer import Gazetteer, PlaceCandidate, PlaceResolution, get_gazetteer
from tidings.model import Document, Event
from tidings.stages.place_case import is_all_caps, readable_case

PRECISION_RANK: dict[str, int] = {
    "point": 5,
    "city": 4,
    "region": 3,
    "feature": 3,
    "country": 1,
    "unknown": 0,
}

_CAP = r"(?:(?:[ae][lnrsd]-)?[A-Z][\w'’.-]*|\d+(?:st|nd|rd|th)\b)"
_LINK = r"(?:\s+(?:of(?:\s+the)?|de|del|al|el|and)\s+|\s+|-)"
_GENERIC = (
    r"(?:\s+(?:river|sea|strait|straits|island|islands|peninsula|base|air\s+base|naval\s+base|border"
    r"|region|province|oblast|governorate|prefecture|raion|state|village|town|city|county|district|square"
    r"|area|areas|tehsil|agency|block|locality|mohalla|colony|upazila|taluka|taluk|municipality|department"
    r"|neighborhood|neighbourhood"
    r"|port|harbor|harbour|parallel|camp|valley"
    r"|crossing|nuclear\s+(?:power\s+)?plant|power\s+plant|airport|reservoir))?"
)
_DIRECTION = (
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|northeastern|northwestern"
    r"|southeastern|southwestern|coastal|occupied|rural|downtown|central)\s+)?"
)
_PREFIX = (
    r"(?:(?P<kindof>city|town|village|port|province|region|district|governorate|capital|island|border"
    r"|streets)\s+of\s+(?:the\s+)?)?"
)
_KIND_TAIL = re.compile(
    r"\s+(province|district|region|oblast|governorate|state|county|prefecture|raion|village|town|city|camp)$",
    re.IGNORECASE,
)
_PREPS = (
    r"in|at|near|on|off|across|into|inside|outside|along|around|over|through|throughout|within|toward|towards|beyond"
    r"|outside\s+of|close\s+to|north\s+of|south\s+of|east\s+of|west\s+of|just\s+outside|off\s+the\s+coast\s+of"
    r"|on\s+the\s+outskirts\s+of|the\s+outskirts\s+of"
)
NAME = rf"{_CAP}(?:{_LINK}{_CAP})*{_GENERIC}"
_LOCATIVE = re.compile(
    rf"\b(?P<prep>{_PREPS})\s+(?:the\s+)?(?P<dir>{_DIRECTION}){_PREFIX}(?:the\s+)?(?P<name>{NAME})"
)
_OBJECT = re.compile(
    rf"^\s+(?:the\s+)?(?P<control>(?:control|parts?|most|much|all)\s+of\s+)?(?:the\s+)?{_DIRECTION}"
    rf"(?:(?:city|town|village|border|streets)\s+of\s+)?(?:the\s+)?(?P<name>{NAME})"
)
# Event nouns whose "of" phrase is the place: "the siege of Leningrad", "the invasion of Iraq".
_OF_NOUNS = re.compile(
    r"^(?:siege|invasion|occupation|bombing|blockade|battle|capture|fall|liberation|annexation"
    r"|shelling|bombardment|evacuation|encirclement|destruction|sack|defen[cs]e|recapture)s?$",
    re.IGNORECASE,
)
_OF = re.compile(
    rf"^\s+of\s+(?:the\s+)?{_DIRECTION}(?:(?:city|town|village)\s+of\s+)?(?:the\s+)?(?P<name>{NAME})"
)
# Verbs whose direct object is where the event happened.
_MOVE_VERBS = re.compile(
    r"^(?:cross|enter|invad|visit|occup|bomb|shell|annex|raid|tour|reach|land|storm|besieg|blockad|patrol|sail"
    r"|seiz|captur|liberat|overr|infiltrat|flew|fly|fli|march|retak|encircl|surround|swept|sweep|transit|rock"
    r"|bypass|abandon|swarm|evacuat|bombard)", re.IGNORECASE)  # fmt: skip
# Verbs that also have a verbal sense ("Beijing attacked Washington's policy"): their object is read as a
# place only when it is not a country or a national capital (capitals are the usual actor metonyms).
_HIT_VERBS = re.compile(r"^(?:attack|struck|strik|hit|target|took|take|pound)", re.IGNORECASE)
# Verbs of movement whose destination ("to X") is where the event happened.
_TO_VERBS = re.compile(
    r"^(?:travel|fl[eiy]|go|went|sen[dt]|deploy|dispatch|mov|return|sail|march|head|arriv|"
    r"rush|redeploy|relocat|evacuat|transfer|airlift|ferr|spread|extend)",
    re.IGNORECASE,
)
# Verbs of leaving whose origin ("withdrew from X") is where the event happened.
_FROM_VERBS = re.compile(
    r"^(?:withdr|expel|evacuat|retreat|pull|oust|fle[de]|deport|driv|drove|push)", re.IGNORECASE
)
_FROM = re.compile(rf"\b(?P<prep>from)\s+(?:the\s+)?{_DIRECTION}(?:the\s+)?(?P<name>{NAME})")
_TO = re.compile(rf"\b(?P<prep>to)\s+(?:the\s+)?{_DIRECTION}(?:the\s+)?(?P<name>{NAME})")
# "in Killi Sheikhan area of Mastung District": an unknown local name, then the place it lies in.
_AREA_OF = re.compile(
    rf"\b(?P<prep>(?:area|areas|block|tehsil|village|town|suburbs|outskirts|district|province|section)\s+of)\s+"
    rf"(?:the\s+)?(?P<name>{NAME})"
)
_AFTER = re.compile(rf"^,\s*(?:the\s+)?(?P<name>{NAME})")
_RUN = re.compile(NAME)


@dataclass(slots=True, frozen=True)
class PlacePhrase:
    """A place name read in the text, with its document offsets, how it was read, and its resolution."""

    start: int
    end: int
    text: str
    how: str  # the preposition, or "object"
    resolution: PlaceResolution


def find_place_phrases(text: str, offset: int, gazetteer: Gazetteer, context: Iterable[str] = (),
                       verb_end: int | None = None, verb_text: str | None = None,
                       home: str | None = None) -> list[PlacePhrase]:  # fmt: skip
    """Place names after locative prepositions in ``text`` (and the object of a movement verb), resolved.

    Args:
        text: a sentence (or any span) of the document.
        offset: where ``text`` starts in the document, so returned offsets are document offsets.
        gazetteer: the index to look names up in.
        context: the document's countries (ISO alpha-3), for ambiguous names.
        verb_end: document offset of the end of the event verb, to read its direct object.
        verb_text: the event verb as written (only movement/attack verbs take a place object).
        home: the country the document's places lie in, for local names with a kind word ("Shaidu area").
    """
    ctx = tuple(context)
    if is_all_caps(text):  # wire copy in capitals: restore the capitals of place names (same offsets)
        text = readable_case(text, gazetteer)
    if not any(ch.isupper() for ch in text):
        return _lowercase_phrases(text, offset, gazetteer, ctx)
    found: list[PlacePhrase] = []
    matches = list(_LOCATIVE.finditer(text))
    taken = [(m.start("name"), m.end("name")) for m in matches]
    matches += [m for m in _AREA_OF.finditer(text) if not any(a <= m.start("name") < b for a, b in taken)]
    if verb_end is not None and verb_text and _TO_VERBS.match(verb_text.strip()):
        matches += [m for m in _TO.finditer(text) if m.start() >= verb_end - offset]
    if verb_end is not None and verb_text and _FROM_VERBS.match(verb_text.strip()):
        matches += [m for m in _FROM.finditer(text) if m.start() >= verb_end - offset]
    for m in matches:
        for s, e, name, res in _phrases_in_match(m, gazetteer, ctx, home):
            res = _qualified(text, e, name, res, gazetteer, ctx)
            place = res.place
            if (
                m.group("prep").lower() == "on"
                and place is not None
                and place.precision in ("city", "country")
            ):
                continue  # "sanctions on Pyongyang", "pressure on Russia": an actor, not a place
            found.append(
                PlacePhrase(offset + s, offset + e, name, " ".join(m.group("prep").split()).lower(), res)
            )
    verb = (verb_text or "").strip()
    hit = bool(_HIT_VERBS.match(verb))
    local = verb_end - offset if verb_end is not None else -1
    if 0 <= local <= len(text) and (hit or _MOVE_VERBS.match(verb) or _OF_NOUNS.match(verb)):
        m2 = (_OF if _OF_NOUNS.match(verb) else _OBJECT).match(text[local:])
        phrase = _longest_known(m2.group("name"), local + m2.start("name"), gazetteer, ctx) if m2 else None
        if phrase is not None and m2 is not None:
            s, e, name, res = phrase
            place = res.place
            # "took control of Kabul" is physical; "attacked Washington('s policy)" is not
            verbal = hit and not m2.groupdict().get("control")
            if not (verbal and place is not None and (place.kind == "country" or place.capital)):
                found.append(PlacePhrase(offset + s, offset + e, name, "object", res))
    return found


# All-lower-case text (some wire archives): only after these prepositions, and only names that are safe
# without capitals (countries, hand-written entries, cities of 200,000 people or more, not stop words).
_LOWER_LOCATIVE = re.compile(
    r"\b(?P<prep>in|at|near|across|into|outside|around|throughout|within)\s+(?:the\s+)?"
    r"(?P<name>[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+){0,2})"
)
LOWERCASE_MIN_POPULATION = 200_000
# Large cities whose names are also common lower-case English words.
_LOWERCASE_DENY = frozenset(
    [
        "nice",
        "reading",
        "mobile",
        "split",
        "orange",
        "independence",
        "victoria",
        "temple",
        "aurora",
        "paradise",
        "enterprise",
        "surprise",
        "mission",
        "concord",
        "union",
        "champion",
        "providence",
        "regina",
        "hollywood",
        "spring",
        "deal",
        "sale",
        "bath",
        "march",
        "may",
        "june",
        "august",
        "florence",
        "charity",
        "hope",
        "liberty",
    ]
)


def _phrases_in_match(m: re.Match[str], gazetteer: Gazetteer, ctx: tuple[str, ...],
                      home: str | None = None) -> list[tuple[int, int, str, PlaceResolution]]:  # fmt: skip
    """The place names a locative match holds: the name (with its direction when the gazetteer knows the
    two together: "northern Cyprus"), and the name after a possessive ("Iraq's Duhok province")."""
    kindof = m.groupdict().get("kindof")
    word = kindof.lower() if kindof else None
    name, start = m.group("name"), m.start("name")
    direction = m.groupdict().get("dir") or ""
    if direction:
        whole = _longest_known(direction + name, m.start("dir"), gazetteer, ctx, word)
        if whole is not None and whole[0] == m.start("dir") and whole[2].strip().count(" ") >= 1:
            return [whole]
    found = [p for p in [_longest_known(name, start, gazetteer, ctx, word, home)] if p is not None]
    poss = re.search(r"[’']s\s+(?=[A-Z])", name)
    covers_all = bool(found) and found[0][1] - found[0][0] >= len(name.rstrip(".,;:")) - 2
    if poss is not None and not covers_all and gazetteer.index.get(_norm(name[: poss.start()])):
        # "Afghanistan's Kunduz province", not "People's Republic of Korea"
        tail = _longest_known(name[poss.end() :], start + poss.end(), gazetteer, ctx, word, home)
        if tail is not None:
            found.append(tail)
    return found


def _lowercase_phrases(
    text: str, offset: int, gazetteer: Gazetteer, ctx: tuple[str, ...]
) -> list[PlacePhrase]:
    from spacy.lang.en.stop_words import STOP_WORDS

    found: list[PlacePhrase] = []
    for m in _LOWER_LOCATIVE.finditer(text):
        words = m.group("name").split()
        for n in range(len(words), 0, -1):
            part = " ".join(words[:n])
            if len(part) < 4 or words[0] in STOP_WORDS or words[0] in _DATE_WORDS or part in _LOWERCASE_DENY:
                continue
            cands = [c for c in gazetteer.index.get(_norm(part), ())
                     if c.hand or c.kind == "country" or c.population >= LOWERCASE_MIN_POPULATION]  # fmt: skip
            if not cands:
                continue
            res = gazetteer.lookup(part, ctx)
            if res.place is not None and res.place not in cands:
                res = PlaceResolution(
                    part, None, res.candidates, (*res.steps, "lower-case text: too small to trust")
                )
            start = m.start("name")
            found.append(PlacePhrase(offset + start, offset + start + len(part), part, m.group("prep"), res))
            break
    return found


def _qualified(text: str, end: int, name: str, res: PlaceResolution, gazetteer: Gazetteer,
               ctx: tuple[str, ...]) -> PlaceResolution:  # fmt: skip
    """Apply "Name, Region" / "Name, Country" ("Paris, Texas", "Kharkiv, Ukraine"): keep places in that country."""
    m = _AFTER.match(text[end:])
    if m is None or len(res.candidates) < 2:
        return res
    qual = _longest_known(m.group("name"), 0, gazetteer, ctx)
    if qual is None:
        return res
    # the qualifier may itself be ambiguous ("Athens, Georgia"): keep the countries both names share
    quals = [c for c, _ in qual[3].candidates if c.kind in ("country", "region") and c.country]
    shared = {c.country for c in quals} & {c.country for c, _ in res.candidates}
    if len(shared) != 1:
        return res
    within = shared.pop()
    narrowed = gazetteer.lookup(name, ctx, within=within)
    return PlaceResolution(
        name, narrowed.place, narrowed.candidates, (*narrowed.steps, f"qualified by {qual[2]!r} ({within})")
    )


def _longest_known(name: str, start: int, gazetteer: Gazetteer, ctx: tuple[str, ...],
                   place_word: str | None = None,
                   home: str | None = None) -> tuple[int, int, str, PlaceResolution] | None:  # fmt: skip
    """The longest leading part of a capitalised run that the gazetteer knows ("Beijing on Tuesday" -> Beijing).

    A trailing kind word ("Kunduz province", "Yahidne village") is looked up as that kind of place
    (``place_word``), and so is a name after "the village of", "the province of" (given by the caller).
    "X District of Y", "X area", "X village in Y" go through :func:`_kind_phrase` (``home``: the country the
    document's places lie in, for local names the gazetteer does not know).
    """
    name = re.sub(r"[’']s$", "", name.rstrip(".,;:"))
    if place_word is None:
        local = _kind_phrase(name, start, gazetteer, ctx, home)
        if local is not None:
            return local
    kind = _KIND_TAIL.search(name)
    if (
        kind is not None
        and not gazetteer.index.get(_norm(name))
        and gazetteer.index.get(_norm(name[: kind.start()]))
    ):
        stem = name[: kind.start()]
        res = gazetteer.lookup(stem, ctx, place_word=kind.group(1).lower())
        if res.place is None and not res.candidates:
            return None  # "Chama village" is no big city named Chama, and no small one in these countries
        return start, start + len(name), name, res
    words = list(re.finditer(r"\S+", name))
    if words and words[0].group(0).rstrip(".,").lower() in _DATE_WORDS:
        return None  # "on March 18", "on Nov. 21": a date, not a place
    for n in range(len(words), 0, -1):
        cut = words[n - 1].end()
        part = re.sub(r"[’']s$", "", name[:cut].rstrip(".,;:"))
        known = gazetteer.index.get(_norm(part))
        if not known:
            continue
        if n < len(words) and words[n].group(0)[:1].isupper() and not any(c.hand for c in known):
            return None  # a town name starting a longer name: "Kim Jong Un", "Washington Post"
        res = gazetteer.lookup(part, ctx, place_word=place_word)
        if res.place is None and not res.candidates:
            break  # only small towns elsewhere ("Battle of Unsan"): try the name after "of"
        return start, start + len(part), part, res
    tail = re.search(r"\s(?:of|de)\s+(?:the\s+)?(?=\S)", name)
    if tail is not None:  # "Battle of Unsan", "University of Tokyo": the place after "of"
        return _longest_known(name[tail.end() :], start + tail.end(), gazetteer, ctx)
    return None


# Words after a name that make it a place of that kind. A name the gazetteer does not know followed by one of
# them ("Shaidu area", "Thingou village", "Dantewada District") is still a place: a local one, in the country
# the document's places lie in, or in the country of the place it is said to be "of"/"in".
_LOCAL_POINT = frozenset({"village", "town", "area", "areas", "locality", "mohalla", "colony", "neighborhood",
                          "neighbourhood", "hamlet", "camp"})  # fmt: skip
_LOCAL_REGION = frozenset({"district", "tehsil", "agency", "block", "upazila", "taluka", "taluk", "municipality",
                           "department", "province", "county", "subdivision"})  # fmt: skip
BIG_CITY = 1_000_000  # a city this big keeps its name even after "area" in a document about another country
_KIND_IN_RUN = re.compile(
    r"^(?P<stem>.+?)\s+(?P<kind>(?i:" + "|".join(sorted(_LOCAL_POINT | _LOCAL_REGION)) + r"))"
    r"(?=$|[.,;:]?\s*$|\s+(?:of|in)\s)"
)
_QUALIFIER = re.compile(r"^\s+(?:of|in)\s+(?:the\s+)?(?P<name>.+)$")


def _local_place(stem: str, kind: str, country: str, why: str) -> PlaceResolution:
    """A place the gazetteer does not know, named with a kind word, in a country the text gives."""
    precision = "point" if kind in _LOCAL_POINT else "region"
    cand = PlaceCandidate(stem, country, None, None, "local", precision, source="document",
                          key=f"local:{country}:{_norm(stem)}")  # fmt: skip
    step = f"{stem!r} {kind}: not in the gazetteer; a local place in {country} ({why})"
    return PlaceResolution(stem, cand, ((cand, 0.0),), (step,))


def _kind_phrase(name: str, start: int, gazetteer: Gazetteer, ctx: tuple[str, ...],
                 home: str | None) -> tuple[int, int, str, PlaceResolution] | None:  # fmt: skip
    """"X District", "X area of Y", "X village in Y": X as a place of that kind inside Y's country.

    A known X keeps its candidates in Y's country (or the document's); an X outside that country, or
    unknown, is a local place there. Without Y and without a home country an unknown X is not read.
    Returns None when the run holds no kind word or the whole run is a gazetteer name ("Kunduz Province").
    """
    m = _KIND_IN_RUN.match(name)
    if m is None or gazetteer.index.get(_norm(name[: m.end("kind")])):
        return None
    stem, kind = m.group("stem"), m.group("kind").lower()
    if re.search(r"[’']s\s", stem):
        return None  # "Afghanistan's Kunduz province": the possessive rule reads the second name
    qual = _QUALIFIER.match(name[m.end("kind") :])
    within, why = None, "the document's places lie there"
    if qual is not None:
        outer = _longest_known(qual.group("name"), 0, gazetteer, ctx)
        countries = {c.country for c, _ in outer[3].candidates if c.country} if outer else set()
        if outer is not None and outer[3].place is not None and outer[3].place.country:
            countries = {outer[3].place.country}
        if len(countries) == 1 or (countries & set(ctx) and len(countries & set(ctx)) == 1):
            within = next(iter(countries if len(countries) == 1 else countries & set(ctx)))
            why = f"it lies in {outer[2]!r}" if outer else why
    country = within or home
    end = start + m.end("kind")
    if gazetteer.index.get(_norm(stem)):
        res = gazetteer.lookup(stem, ctx, within=within, place_word=kind)
        place = res.place
        # a namesake abroad is not a local "X area": unless it is a big city, a country or a hand-written entry
        abroad = place is not None and country is not None and place.country != country and not (
            place.hand or place.population >= BIG_CITY)
        if place is not None and not (abroad and (within is not None or place.small or kind in _LOCAL_POINT)):
            return start, end, name[: m.end("kind")], res
        if res.place is None and res.candidates and within is None:
            return start, end, name[: m.end("kind")], res  # ambiguous: listed, not guessed
    if country is None:
        return None
    return start, end, name[: m.end("kind")], _local_place(stem, kind, country, why)


_DATE_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


def _norm(name: str) -> str:
    from tidings.geo.gazetteer import normalise

    return normalise(name)


class PlaceStage:
    """Give every event a location from its clause or sentence, via the offline gazetteer."""

    name = "places.gazetteer.v1"
    needs: frozenset[str] = frozenset({"events"})
    adds: frozenset[str] = frozenset({"event_places"})

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        """The compiled index (built on first use, shared across stages in the process)."""
        if self._gazetteer is None:
            self._gazetteer = get_gazetteer(tuple(self.settings.gazetteer_files))
        return self._gazetteer

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        context = self.document_countries(doc)
        home = self.home_country(doc, context)
        for event in doc.events:
            self.locate_event(doc, event, context, home)
        return doc

    def home_country(self, doc: Document, context: tuple[str, ...]) -> str | None:
        """The country the document's places lie in: the most frequent country of the places it names (a
        clear lead), else the document's only country. Never an actor's country when the document names
        places elsewhere, so a local name ("Shaidu area") is not put in the country of some actor.
        """
        counts: dict[str, int] = {}
        for phrase in find_place_phrases(doc.text, 0, self.gazetteer, context):
            place = phrase.resolution.place
            if place is not None and place.country:
                counts[place.country] = counts.get(place.country, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return context[0] if len(context) == 1 and not ranked else None

    def document_countries(self, doc: Document) -> tuple[str, ...]:
        """Countries the document is about: its actors' countries, places whose every candidate lies in one
        country, and country names anywhere in the text."""
        seen: dict[str, None] = {}
        for mention in doc.mentions:
            code = mention.actor.country if mention.actor else None
            if code and len(code) == 3 and code.isupper():
                seen.setdefault(code, None)
        for phrase in find_place_phrases(doc.text, 0, self.gazetteer):
            place = phrase.resolution.place
            if place is None or not place.country or place.small:
                continue  # a small town let in by "village" says little about the document's country
            if len({c.country for c, _ in phrase.resolution.candidates} - {place.country}):
                continue  # won on population over a namesake elsewhere ("Hangu"): not evidence
            seen.setdefault(place.country, None)
        text = readable_case(doc.text, self.gazetteer) if is_all_caps(doc.text) else doc.text
        for m in _RUN.finditer(text):  # country names anywhere ("the border with Russia")
            known = _longest_known(m.group(0), m.start(), self.gazetteer, ())
            place = known[3].place if known else None
            if place is not None and place.kind == "country" and place.country:
                seen.setdefault(place.country, None)
        return tuple(seen)

    def locate_event(self, doc: Document, event: Event, context: tuple[str, ...], home: str | None = None) -> None:
        """Set the location fields of ``event`` (or leave them unknown and say why in the trace)."""
        start, end = event.char_start, event.char_end
        text = doc.text[start:end]
        phrases = find_place_phrases(text, start, self.gazetteer, context, event.verb_end, event.verb_text, home)
        steps: list[str] = []
        usable: list[PlacePhrase] = []
        for p in phrases:
            why = _excluded(p, event, doc.text)
            if why:
                steps.append(f"{p.text!r}: skipped, {why}")
            else:
                usable.append(p)
        clause = _clause_span(doc, event)
        verb_at = event.verb_start if event.verb_start is not None else start
        choice = None
        levels = (
            [("clause", [p for p in usable if clause[0] <= p.start and p.end <= clause[1]])] if clause else []
        )
        for level, cands in [*levels, ("sentence", usable)]:
            resolved = [p for p in cands if p.resolution.place is not None]
            if resolved:
                choice = max(resolved, key=lambda p: (PRECISION_RANK.get(p.resolution.place.precision, 0),  # type: ignore[union-attr]
                                                      -abs(p.start - verb_at)))  # fmt: skip
                steps.append(f"{level}: {choice.how} {choice.text!r}")
                break
        ambiguous = [p for p in usable if p.resolution.ambiguous]
        if ambiguous:
            event.trace["place_candidates"] = {
                p.text: [{"name": c.name, "country": c.country, "kind": c.kind, "score": round(s, 2)}
                         for c, s in p.resolution.candidates]
                for p in ambiguous
            }  # fmt: skip
        if choice is None or choice.resolution.place is None:
            steps.append("no location in the clause or sentence" if not ambiguous else "only ambiguous names")
            event.trace["place"] = steps
            return
        place = choice.resolution.place
        steps.extend(choice.resolution.steps)
        event.location_name, event.location_country = place.name, place.country
        event.location_note = place.note
        event.latitude, event.longitude, event.geo_precision = place.lat, place.lon, place.precision
        event.trace["place"] = steps
        event.trace["place_span"] = [choice.start, choice.end]  # document offsets of the phrase read


def _overlaps(a0: int, a1: int, b0: int | None, b1: int | None) -> bool:
    return b0 is not None and b1 is not None and a0 < b1 and b0 < a1


def _is_span(p: PlacePhrase, doc_text: str, start: int | None, end: int | None) -> bool:
    """True when the actor span is the place name itself (give or take "the" and a possessive)."""
    if start is None or end is None or not _overlaps(p.start, p.end, start, end):
        return False
    span = re.sub(r"^(?:the\s+)|[’']s$", "", doc_text[start:end].strip(), flags=re.IGNORECASE)
    return _norm(span) == _norm(p.text)


def _excluded(p: PlacePhrase, event: Event, doc_text: str) -> str | None:
    """Why a phrase cannot be the event's location (it is the source or target actor itself), or None.

    A place inside a longer actor span is kept ("protesters in Seoul" is where the protest was); a name that
    is the whole source span is the actor ("Seoul"); so is a whole target span read after a preposition
    ("a warning to Beijing"), unless the place is a physical feature or site.
    """
    if _is_span(p, doc_text, event.source_start, event.source_end):
        return "it is the source actor"
    place = p.resolution.place
    physical = place is not None and place.precision in ("feature", "point")
    if p.how != "object" and not physical and _is_span(p, doc_text, event.target_start, event.target_end):
        return "it is the target actor"
    return None


def _clause_span(doc: Document, event: Event) -> tuple[int, int] | None:
    verb = doc.verb_token(event)
    if verb is None:
        return None
    sub = list(verb.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)
