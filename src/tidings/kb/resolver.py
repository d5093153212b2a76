"""The actor resolver engine: the compiled knowledge base and every way stages ask it about actors.

One :class:`ActorResolver` is built per pipeline (``Pipeline.from_settings``) and passed to the stages
that need it (actors, coding, quotes, claims, roles), as spaCy passes ``nlp.vocab`` to its components.
It keeps a small per-document cache of the :class:`~tidings.kb.context.DocContext` (case, dateline,
countries), so a phrase lookup never scans the whole text again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict
from pathlib import Path

from tidings.geo.gazetteer import lookup_place
from tidings.kb import Index, get_kb
from tidings.kb.context import (
    PLACE_WEIGHT,
    DocContext,
    apply_document_country,
    caseless_view,
    country_weights,
    dateline_place,
    is_uppercase_text,
)
from tidings.kb.era import Era, document_era
from tidings.kb.people import Standing, standing
from tidings.kb.phrase import find_mentions, resolve_phrase
from tidings.kb.text import is_lowercase_text
from tidings.model import Document, Mention

_CACHE = 256  # documents whose context is kept (a pipeline chunk is 64)
_PLACE_RUN = re.compile(r"\b(?:in|at|near|from|of)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_PLACE_RUN_LOWER = re.compile(r"\b(?:in|at|near|from)\s+([a-z][a-z'’-]{2,}(?:\s+[a-z][a-z'’-]{2,})?)")
_BIG_KINDS = frozenset({"region", "state", "province", "territory"})
# Words after "in"/"at" that are never place names in lowercase text (spaCy's list would import spaCy).
_FUNCTION_WORDS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your", "which",
    "what", "all", "any", "some", "more", "most", "many", "much", "other", "such", "each", "every", "both", "and",
    "or", "but", "of", "to", "for", "with", "by", "on", "in", "at", "from", "as", "than", "then", "when", "where",
    "order", "view", "front", "charge", "connection", "case", "addition", "fact", "time", "least", "last", "first",
    "one", "two", "three", "several", "no", "not", "and", "after", "before", "during", "under", "over", "about",
    "between", "among", "into", "through", "against", "without", "within", "there", "here", "it", "them", "him",
    "us", "me", "you", "we", "they", "he", "she", "be", "is", "was", "were", "are", "been", "being", "have", "has",
    "had", "do", "does", "did", "will", "would", "could", "should", "may", "might", "must", "can", "also", "only",
    "even", "just", "very", "too", "so", "if", "because", "while", "until", "since", "once", "up", "down", "out",
    "off", "again", "further", "same", "own", "few", "nor", "how", "why", "who", "whom", "whose", "least",
})  # fmt: skip
_BIG_TOWN = 100_000
# A district or agency named with its administrative word, looked up without it.
_ADMIN_SUFFIX = re.compile(r"\s+(?:District|Agency|Tehsil|Province|State|Division|Sub-Division|Subdivision|"
                           r"Region|Municipality|County|Department)$")
_PLACE_CHARS = 3000  # places are read in the first part of the story
_PLACE_KINDS = frozenset({"city", "town", "village", "district", "region", "province", "state", "territory",
                          "island", "valley", "county", "area", "locality", "municipality"})  # fmt: skip


class ActorResolver:
    """The compiled actor knowledge base (built-in YAML plus the user's files) and its lookups.

    Args:
        files: extra actor YAML files applied over the built-in data, in order.

    Raises:
        ActorFileError: a user file is malformed (file, line and reason), when the resolver is built.
    """

    def __init__(self, files: list[Path] | tuple[Path, ...] = ()) -> None:
        from tidings.kb.validate import check_files

        self.files = tuple(Path(p) for p in files)
        check_files(self.files)
        self.index: Index = get_kb(self.files)
        self._contexts: OrderedDict[tuple[str, int], DocContext] = OrderedDict()

    # -- per document -------------------------------------------------------------------------------
    def mentions(self, doc: Document) -> list[Mention]:
        """Every actor mention of ``doc`` (sorted, non-overlapping), generic ones given the document's
        country when its context is clear."""
        low = is_lowercase_text(doc.text)
        upper = not low and is_uppercase_text(doc.text)
        text = caseless_view(doc.text) if upper else doc.text
        day = document_day(doc)
        before = self._build_context(doc, text, low or upper, [], day)  # dateline, headline, places
        found = find_mentions(self.index, text, day, low or upper, set(before.place_context()))
        era = document_era(self.index, found) if day is None else None
        if era is not None:  # an undated text: read again at the day its office holders date it to
            undated = {(m.start, m.end): m for m in found}
            found = find_mentions(self.index, text, era.day, low or upper, set(before.place_context()))
            for k, m in enumerate(found):
                if any("carried over from" in step for step in m.steps) and (m.start, m.end) in undated:
                    found[k] = undated[(m.start, m.end)]  # a bare title is not carried on an inferred office
                else:
                    _note_era(m, era)
        for m in found:
            m.text = doc.text[m.start : m.end]
        ctx = self._build_context(doc, text, low or upper, found, day, before)
        ctx.era = era
        for m in found:
            apply_document_country(m, ctx)
        self._remember(doc, ctx)
        return found

    def context(self, doc: Document) -> DocContext:
        """The document's actor context (built from ``doc.mentions`` when not cached)."""
        key = (doc.doc_id, len(doc.text))
        ctx = self._contexts.get(key)
        if ctx is None:
            low = is_lowercase_text(doc.text)
            upper = not low and is_uppercase_text(doc.text)
            text = caseless_view(doc.text) if upper else doc.text
            day = document_day(doc)
            ctx = self._build_context(doc, text, low or upper, doc.mentions, day)
            ctx.era = document_era(self.index, doc.mentions) if day is None else None
            self._remember(doc, ctx)
        return ctx

    def resolve_phrase(self, doc: Document, start: int, end: int, head: int | None = None,
                       date: dt.date | None = None) -> Mention | None:  # fmt: skip
        """The actor of the noun phrase ``doc.text[start:end]`` (see :func:`tidings.kb.phrase.resolve_phrase`).

        ``date`` is the mention's date; default the document's publication date, else the era its
        office holders date it to (:func:`tidings.kb.era.document_era`); with none, offices are left
        unresolved.
        """
        ctx = self.context(doc)
        day = date if date is not None else document_day(doc)
        if day is None and ctx.era is not None:
            mention = resolve_phrase(self.index, ctx, doc, start, end, head, ctx.era.day)
            if mention is not None:
                _note_era(mention, ctx.era)
            return mention
        return resolve_phrase(self.index, ctx, doc, start, end, head, day)

    def reference_day(self, doc: Document) -> dt.date | None:
        """The day a document's actors are read at: its publication date, else its era, else None."""
        day = document_day(doc)
        if day is None:
            era = self.context(doc).era
            day = era.day if era is not None else None
        return day

    # -- people over time ---------------------------------------------------------------------------
    def standing(self, actor_id: str, day: dt.date | None, prefer: tuple[str, ...] = ()) -> Standing | None:
        """The office the person ``actor_id`` held on ``day``; None when the id is not a person."""
        entry = self.index.entries.get(actor_id)
        if entry is None or entry.kind != "person":
            return None
        return standing(entry, day, prefer)

    def org_sector(self, actor_id: str, day: dt.date | None) -> str | None:
        """The sector of an organisation with dated periods on ``day`` ("the FMLN" in 1989: REB, in 2015:
        PTY); None when ``actor_id`` is no such organisation."""
        entry = self.index.entries.get(actor_id)
        if entry is None or entry.kind not in ("org", "igo") or not entry.terms:
            return None
        period = next((t for t in entry.terms if t.role == "sector" and t.covers(day)), None)
        return period.sector if period is not None else entry.sector

    # -- one phrase, no document --------------------------------------------------------------------
    def lookup(self, text: str, date: dt.date | None = None, context: str | None = None) -> list[Mention]:
        """Resolve ``text`` (optionally inside a ``context`` sentence that contains it) and explain why.

        The first result is the whole phrase; further results are the separate mentions found in it.
        """
        body = context if context and text in context else text
        start = body.rindex(text) if context and text in context else 0
        doc = Document(Document.make_id(body), body, published=date)
        doc.mentions = self.mentions(doc)
        whole = self.resolve_phrase(doc, start, start + len(text), date=date)
        out = [whole] if whole is not None else []
        inner = [m for m in doc.mentions if m.start >= start and m.end <= start + len(text)]
        if len(inner) > 1 or whole is None:
            out.extend(inner)
        return out

    # -- internals ----------------------------------------------------------------------------------
    def _build_context(self, doc: Document, text: str, caseless: bool, mentions: list[Mention],
                       day: dt.date | None, before: DocContext | None = None) -> DocContext:  # fmt: skip
        if before is not None:  # the text-level evidence was read already: add the mentions
            weights = country_weights(mentions, [], None)
            for code, w in before.weights.items():
                weights[code] = weights.get(code, 0.0) + w
            seen: set[str] = set()
            place_countries(text, caseless, seen)
            for code in entity_place_countries(doc, seen, mentions):
                weights[code] = weights.get(code, 0.0) + PLACE_WEIGHT
            return DocContext(text, caseless, weights, before.dateline)
        title_countries: list[str] = []
        if doc.title:
            title_low = is_lowercase_text(doc.title) or is_uppercase_text(doc.title)
            title = caseless_view(doc.title) if title_low else doc.title
            for m in find_mentions(self.index, title, day, title_low):
                if m.actor is not None and m.actor.country and m.actor.kind != "igo":
                    title_countries.append(m.actor.country)
        dateline = self._dateline(doc.text)
        weights = country_weights(mentions, title_countries, dateline[1] if dateline else None)
        for code in place_countries(text, caseless):
            weights[code] = weights.get(code, 0.0) + PLACE_WEIGHT
        return DocContext(text, caseless, weights, dateline)

    def _dateline(self, text: str) -> tuple[str, str] | None:
        place = dateline_place(text)
        if place is None:
            return None
        low = place.lower() if place.isupper() else place
        for m in find_mentions(self.index, low, None, place.isupper()):
            if m.actor is not None and m.actor.country and m.actor.kind == "country":
                return place, m.actor.country
        found = lookup_place(place.title() if place.isupper() else place).place
        if found is not None and found.country and found.country != "disputed":
            return place, found.country
        return None

    def _remember(self, doc: Document, ctx: DocContext) -> None:
        key = (doc.doc_id, len(doc.text))
        self._contexts[key] = ctx
        self._contexts.move_to_end(key)
        while len(self._contexts) > _CACHE:
            self._contexts.popitem(last=False)


def _note_era(mention: Mention, era: Era) -> None:
    """Say when a person's office or an organisation's sector was read at the document's era."""
    a = mention.actor
    if a is not None and a.kind in ("person", "org"):
        mention.steps.append(era.step())
        mention.score = min(mention.score, 0.7)


def place_countries(text: str, caseless: bool = False, seen: set[str] | None = None) -> list[str]:
    """Countries of the sub-national places named after "in/at/near/from/of" early in the text (gazetteer),
    one per distinct place: "in Anantnag", "at Imphal" -> IND, IND.

    In caseless text (no capitals to mark a name) only big places count: regions and states, and towns of
    100,000 people or more ("in ahmedabad", "in gujarat"), never a stop word ("in more").
    """
    seen = set() if seen is None else seen
    out: list[str] = []
    pattern = _PLACE_RUN_LOWER if caseless else _PLACE_RUN
    for m in pattern.finditer(text, 0, min(len(text), _PLACE_CHARS)):
        names = [m.group(1)]
        bare = _ADMIN_SUFFIX.sub("", m.group(1))
        if bare != m.group(1) and bare:
            names.append(bare)  # "Jorhat District" -> "Jorhat"
        if caseless:
            words = []
            for w in m.group(1).split():
                w = re.sub(r"['’]s$", "", w)  # "gujarat's capital"
                if w in _FUNCTION_WORDS:
                    break
                words.append(w)
            if not words:
                continue
            names = [" ".join(words).title(), words[0].title()] if len(words) > 1 else [words[0].title()]
        for name in names:
            if name in seen:
                break
            place = lookup_place(name).place
            if place is None or place.kind not in _PLACE_KINDS or not place.country or len(place.country) != 3:
                continue
            if caseless and place.kind not in _BIG_KINDS and (place.population or 0) < _BIG_TOWN:
                continue
            seen.add(name)
            out.append(place.country)
            break
    return out


def entity_place_countries(doc: Document, seen: set[str], mentions: list[Mention] | None = None) -> list[str]:
    """Countries of the place names the parser marks (GPE, LOC) anywhere in the document, one per distinct
    name not in ``seen`` (names read already) and not an actor mention already counted ("Moscow" for the
    Russian government), looked up in the gazetteer: "Jorhat" -> IND. Country names are mentions, not places.

    Incident reports often name the district and state only after the event, or without "in"/"at".
    """
    if doc.parsed is None:
        return []
    out = []
    for ent in doc.parsed.ents:
        name = ent.text.strip()
        if ent.label_ not in ("GPE", "LOC") or name in seen:
            continue
        seen.add(name)
        name = _ADMIN_SUFFIX.sub("", name) or name
        if any(m.actor is not None and m.start < ent.end_char and ent.start_char < m.end
               for m in mentions or ()):  # fmt: skip
            continue
        place = lookup_place(name).place
        if (place is not None and place.kind in _PLACE_KINDS and place.country and len(place.country) == 3
                and place.country.isupper()):  # fmt: skip
            out.append(place.country)
    return out


def document_day(doc: Document) -> dt.date | None:
    """The publication date as a day (datetimes cut to the day), or None: never the run date."""
    value: object = doc.published
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_SHARED: dict[tuple[Path, ...], ActorResolver] = {}


def shared_resolver(files: list[Path] | tuple[Path, ...] = ()) -> ActorResolver:
    """One resolver per set of files for callers without a pipeline (``tidings actors lookup``, tests)."""
    key = tuple(Path(p).resolve() for p in files)
    if key not in _SHARED:
        _SHARED[key] = ActorResolver(key)
    return _SHARED[key]
