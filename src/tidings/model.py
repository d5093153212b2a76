"""The typed data model shared by every stage.

A :class:`Document` flows through the pipeline; each stage fills in the part it owns:

    ingest  -> Document(text, title, author, published, url, parent_id, position)
    parse   -> Document.sentences, Document.parsed (the spaCy Doc, never stored)
    actors  -> Document.mentions (resolved actor mentions with character offsets)
    coding  -> Document.events (type, mode, CAMEO, source/target, factuality, rule, confidence, status)
    quotes  -> Document.quotes (and marks events inside a quotation as reported)
    claims  -> Document.claims
    dates   -> Event.event_date / date_precision / date_text / date_source
    places  -> Event.location_* / latitude / longitude / geo_precision
    intensity -> Event.goldstein / quad_class / fatalities / injured

All character offsets are relative to ``Document.text`` (the stored, cleaned text), end-exclusive.
Fields a stage cannot fill are ``None``, never invented.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
FACTUALITY: tuple[str, ...] = ("asserted", "reported", "hypothetical", "negated")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "decade", "unknown")
GEO_PRECISIONS: tuple[str, ...] = ("point", "city", "region", "country", "feature", "unknown")


def stable_id(*parts: object, length: int = 16) -> str:
    """Return a short, stable hex id made from ``parts`` (same input, same id, across runs)."""
    digest = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass(slots=True, frozen=True)
class Actor:
    """A resolved actor: who a mention refers to.

    ``country`` is ISO 3166 alpha-3 (plus ``KOS``) or an IGO code such as ``UNO``, ``NATO``, ``EUR``;
    ``sector`` is a PLOVER sector code (GOV, MIL, PTY, CVL, JRN, REB, COP, JUD, BUS, ...).
    ``actor_id`` names a knowledge-base entry (a person, organisation or country), ``role`` the office
    a person held at the event date (e.g. ``head_of_state``), ``name`` the canonical name.
    """

    country: str | None = None
    sector: str | None = None
    actor_id: str | None = None
    name: str | None = None
    role: str | None = None
    kind: str | None = None  # country | igo | org | person | sector | group


@dataclass(slots=True)
class Mention:
    """A span of text that names an actor, with how it was resolved."""

    text: str
    start: int
    end: int
    actor: Actor | None = None
    steps: list[str] = field(default_factory=list)  # human-readable resolution trace
    candidates: list[Actor] = field(default_factory=list)  # set when ambiguous (actor is None)
    score: float = 1.0


@dataclass(slots=True)
class Sentence:
    """A sentence with its character offsets in the document text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Event:
    """One coded event. Field names are the documented, stable output record."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence_text: str
    char_start: int  # of the sentence in Document.text
    char_end: int
    event_type: str  # PLOVER type
    event_mode: str | None = None
    event_context: str | None = None
    cameo_code: str | None = None
    # who did it
    source_text: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    source_country: str | None = None
    source_sector: str | None = None
    source_actor_id: str | None = None
    source_role: str | None = None
    # to whom
    target_text: str | None = None
    target_start: int | None = None
    target_end: int | None = None
    target_country: str | None = None
    target_sector: str | None = None
    target_actor_id: str | None = None
    target_role: str | None = None
    # what was read
    verb_text: str | None = None
    verb_start: int | None = None
    verb_end: int | None = None
    # when
    event_date: str | None = None  # ISO, truncated to its precision ("1950", "1950-10", "1950-10-25")
    date_precision: str = "unknown"
    date_text: str | None = None
    date_source: str | None = None  # text | narrative | publication | document | none
    # where
    location_name: str | None = None
    location_country: str | None = None
    location_note: str | None = None  # a dispute or special status of the place (docs/when_where.md)
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: str = "unknown"
    # how intense (tidings.intensity)
    goldstein: float | None = None  # Goldstein weight of the CAMEO code, -10..+10
    quad_class: int | None = None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    fatalities: int | None = None  # ASSAULT: people killed, from a numeric claim of the same sentence
    injured: int | None = None  # ASSAULT: people wounded, likewise
    # according to whom
    factuality: str = "asserted"
    claimant_text: str | None = None
    claimant_country: str | None = None
    claimant_sector: str | None = None
    claimant_actor_id: str | None = None
    # how it was coded
    confidence: float = 0.5
    rule: str = ""
    trace: dict[str, Any] = field(default_factory=dict)  # the "why": parse path, lexicon entry, steps
    # accepted ("event") or a rejected candidate ("candidate", kept for `why`), and why it was rejected
    status: str = "event"
    reason: str | None = None

    @property
    def claimant(self) -> str | None:
        """The claimant as one string (text), for the flat event record."""
        return self.claimant_text


@dataclass(slots=True)
class Quote:
    """A direct or indirect quotation with its speaker."""

    quote_id: str
    doc_id: str
    text: str
    start: int
    end: int
    kind: str = "direct"  # direct | indirect
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_country: str | None = None
    speaker_sector: str | None = None
    speaker_actor_id: str | None = None
    cue: str | None = None  # the cue verb or phrase: "said", "notes", "according to"
    parent_quote_id: str | None = None  # quote of a quote keeps the chain


@dataclass(slots=True)
class Claim:
    """A numeric claim: a quantity about something, stated by someone."""

    claim_id: str
    doc_id: str
    text: str  # the number phrase as read
    start: int
    end: int
    sentence_text: str = ""
    value: float | None = None
    value_max: float | None = None  # for ranges
    total: float | None = None  # for "x out of y"
    unit: str | None = None  # count | percent | money:USD | ...
    qualifier: str | None = None  # nearly | more than | some | about | at least ...
    counted: str | None = None  # the thing counted: "troops", "military bases"
    kind: str = "count"  # count | percent | money | range | ratio | poll
    country: str | None = None
    sector: str | None = None
    population: str | None = None  # for polls: "South Koreans"
    proposition: str | None = None  # for polls: "support relaxing sanctions"
    location_name: str | None = None
    date: str | None = None
    stated_by: str | None = None  # speaker text, or the author
    quote_id: str | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a document could not be read or processed, as the errors table stores it.

    Attributes:
        stage: the stage that failed (``ingest`` for reading, else the stage name, e.g. ``parse.spacy.v1``).
        kind: the exception type (``IngestError``, ``ValueError``...).
        message: what went wrong, without the source name (the source is its own field).
        source: file path, ``stdin``, URL or ``api``.
        line: 1-based JSONL line or CSV row, or None for a whole source.
    """

    stage: str
    kind: str
    message: str
    source: str | None = None
    line: int | None = None


@dataclass(slots=True)
class Document:
    """A document as it moves through the pipeline."""

    doc_id: str
    text: str
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None  # file path, "stdin", URL
    parent_id: str | None = None  # page a post was split from
    position: int | None = None  # 0-based position of the post on that page
    fmt: str = "text"  # text | html | jsonl | csv
    error: str | None = None  # why this document could not be read or processed (one line)
    failure: Failure | None = None  # the same, as a typed record (set with ``error``)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)  # plugin data, keyed by plugin name
    parsed: Any = None  # the spaCy Doc; in memory only

    @property
    def accepted_events(self) -> list[Event]:
        """The events the coder accepted (``events`` also holds rejected candidates, kept for ``why``)."""
        return [e for e in self.events if e.status == "event"]

    def verb_token(self, event: Event) -> Any:
        """The parsed token heading ``event``'s verb span, or None without a parse or verb offsets."""
        if self.parsed is None or event.verb_start is None:
            return None
        span = self.parsed.char_span(event.verb_start, event.verb_end or event.verb_start + 1,
                                     alignment_mode="expand")  # fmt: skip
        return span.root if span is not None and len(span) else None

    @staticmethod
    def make_id(text: str) -> str:
        """Stable document id: a hash of the stored text, so the same content is never stored twice."""
        return stable_id(" ".join(text.split()), length=16)
