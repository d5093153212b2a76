"""Dates stage: when each event happened, read from its clause, its sentence or the narrative.

Order of evidence for one event (the first level that yields a date wins):

1. a date expression inside the event verb's subtree (its clause), most precise first, then nearest the verb;
2. a date expression elsewhere in the event's sentence;
3. the narrative anchor: the most recent date the document stated before this sentence
   (``date_source="narrative"``), so an article written in 2020 about 1950 keeps dating events in 1950;
4. the publication date (``date_source="publication"``, GDELT-style), flagged so users can filter it out;
5. for a post split from an index page without a publication date: the earliest date its own events state
   (``date_source="document"``);
6. nothing: ``event_date=None``, ``date_precision="unknown"``. Dates are never invented.

A month and day (or a month) read when there is neither a publication date nor an earlier year in force is
kept without a year: ``event_date="--03-14"`` (``"--03"`` for a month), the ISO 8601 truncated form; no year
is guessed, and never the run date.

Expressions are found by the regular-expression rules in ``date_rules`` (spaCy's DATE entities miss many) plus spaCy DATE
entities the rules do not cover, which are handed to dateparser. Expressions that need a reference point are
resolved against the publication date ("yesterday", "last Tuesday", "two days ago", "earlier this month") or
against the narrative anchor ("earlier that month", "that year", "the next day", "in late October" when the
document has already named a year). ``event_date`` is ISO truncated to the precision; a decade is written as
its first year ("1950s" -> "1950", precision ``decade``); a season or "early/mid/late <year>" has year
precision; "early/mid/late <month>" has month precision; a range gives its start date and keeps its text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from tidings.config import Settings
from tidings.model import Document, Event
from tidings.stages.date_rules import (
    FUTURE_CLAUSE,
    PRECISION_RANK,
    UNKNOWN,
    DateMention,
    DateResolution,
    find_date_mentions,
    resolve_all,
    resolve_date,
    resolve_mention,
)

__all__ = [
    "PRECISION_RANK",
    "DateMention",
    "DateResolution",
    "DateStage",
    "date_from_own_events",
    "find_date_mentions",
    "is_split_post",
    "resolve_all",
    "resolve_date",
    "resolve_mention",
]


# --- the stage ------------------------------------------------------------------------------------------------
class DateStage:
    """Give every event a date: its clause, its sentence, the narrative anchor, else the publication date."""

    name = "dates.v1"
    needs: frozenset[str] = frozenset({"events"})
    adds: frozenset[str] = frozenset({"event_dates"})

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        by_sentence, before = self.read_document(doc)
        for event in doc.events:
            self.date_event(
                doc, event, by_sentence.get(event.sentence_index, []), before.get(event.sentence_index)
            )
        if doc.published is None and is_split_post(doc):
            date_from_own_events(doc)
        return doc

    def read_document(self, doc: Document, anchor: DateResolution | None = None,
                      ) -> tuple[dict[int, list[DateResolution]], dict[int, DateResolution | None]]:  # fmt: skip
        """Resolve every date expression, sentence by sentence, carrying the narrative anchor forward.

        The anchor is carried only while the narrative goes on: within the paragraph, through sentences that
        state no new time and keep the past tense. A relative expression that points back ("five years
        earlier", "that month", "in late October") is still resolved against the last narrative date stated,
        even in a later paragraph; the date it gives is the sentence's own. After a sentence with dates it is the most precise date
        that dates the sentence's main clause (the last on a tie); a sentence whose dates all belong to
        something else ("the rebate, secured in 1984, was criticised"), or whose time expression cannot be
        resolved, ends it. A decade or a date line never becomes the anchor.

        Args:
            doc: a document with sentences (and, ideally, its spaCy parse for DATE entities and clauses).
            anchor: the narrative anchor in force before the first sentence (default: none).

        Returns:
            resolutions by sentence index (offsets into ``Document.text``; unresolved ones keep the reason
            in ``rule``), and the anchor in force before each sentence.
        """
        by_sentence: dict[int, list[DateResolution]] = {}
        before: dict[int, DateResolution | None] = {}
        ents = _date_entities(doc)
        blank_lines = "\n\n" in doc.text
        previous_end: int | None = None
        reference = anchor  # the last narrative time stated, for "five years earlier" in a later paragraph
        for sent in doc.sentences:
            if previous_end is not None and _new_paragraph(doc.text, previous_end, sent.start, blank_lines):
                anchor = None
            previous_end = sent.end
            before[sent.index] = anchor
            mentions = _mentions_in(doc.text, sent.start, sent.end, ents)
            future = bool(FUTURE_CLAUSE.search(doc.text, sent.start, sent.end))
            refer = anchor if anchor is not None else reference
            found = []
            for m in mentions:  # a year-less date takes its year from a full date earlier in the sentence
                res = resolve_mention(m, doc.published, refer, future)
                found.append(res)
                if res.resolved and res.source == "text" and res.rule in _FULL_DATES:
                    refer = res
            by_sentence[sent.index] = found
            resolved = [r for r in found if r.resolved]
            if _is_dateline(sent.text, resolved) and resolved:
                continue
            if not resolved and VAGUE_TIME.search(sent.text):
                anchor = None  # "a few months back": another time, which no date can be given
                continue
            if any(not r.resolved and not r.rule.startswith("dateparser") for r in found):
                anchor = None  # a time expression we cannot place: the old time frame no longer holds
                continue
            if resolved:
                main = [r for r in resolved if r.precision != "decade" and _dates_main_clause(doc, r)
                        and not _attributive(doc, r)]  # fmt: skip
                # "in the 1950s" is background; a date inside a modifier is about something else
                anchor = max(main, key=lambda r: (PRECISION_RANK[r.precision], r.start)) if main else None
                reference = anchor or reference
            elif _breaks_tense_chain(doc, sent.start, sent.end):
                anchor = None
        return by_sentence, before

    def date_event(self, doc: Document, event: Event, found: list[DateResolution],
                   anchor: DateResolution | None) -> None:  # fmt: skip
        """Set the date fields of ``event``: its own clause, its sentence, the anchor in force before it, else
        the publication date; without one, ``date_source="none"``. Every step goes to ``trace["date"]``."""
        steps = [f"rejected {r.text!r}: {r.rule}" for r in found
                 if not r.resolved and not r.rule.startswith("dateparser")]  # fmt: skip
        for r in found:
            if r.resolved and _attributive(doc, r):
                steps.append(f"{r.text!r} names the time of something else (a modifier of a noun)")
        found = [r for r in found if r.resolved and not _attributive(doc, r)]
        verb_at = event.verb_start if event.verb_start is not None else event.char_start
        choice = _from_sentence(doc, event, found, verb_at, steps)
        if choice is None and anchor is not None:
            if any(s.startswith("rejected") for s in steps) or VAGUE_TIME.search(event.sentence_text or ""):
                steps.append(f"the sentence has a time of its own: not the narrative date {anchor.text!r}")
            elif _present_tense(doc, event):
                steps.append(f"present/future tense: not the earlier narrative date {anchor.text!r}")
            else:
                choice = replace(anchor, source="narrative")
                steps.append(f"narrative anchor: {anchor.text!r}")
        if choice is None and doc.published is not None:
            choice = DateResolution(doc.published.isoformat(), "day", None, "publication", rule="publication")
            steps.append("no date in the text: publication date")
        if choice is None:
            steps.append("no date in the text and no publication date: undated")
            choice = replace(UNKNOWN, source="none")
        event.event_date, event.date_precision = choice.date, choice.precision
        event.date_text, event.date_source = choice.text, choice.source
        event.trace["date"] = steps


def is_split_post(doc: Document) -> bool:
    """True for a post split from an index page (``tidings.stages.ingest`` records the page's post count).

    Only such a post takes its undated events' date from its own earliest stated date: a single report
    without a publication date (an incident report, a wire archive row) leaves an event that states no time
    undated, as a careful reader would (``docs/annotation.md``, "Date").
    """
    return bool((doc.extras.get("ingest") or {}).get("posts"))


# A time the text gives without a date: it ends the narrative and dates nothing.
VAGUE_TIME = re.compile(
    r"\b(?:a\s+few|several|some|many|few)\s+(?:days?|weeks?|months?|years?)\s+(?:back|ago|earlier|before|later)\b"
    r"|\b(?:days|weeks|months|years)\s+(?:back|earlier|before|later)\b",
    re.IGNORECASE,
)
_ATTRIBUTIVE = frozenset({"compound", "amod", "nmod", "poss"})


def _attributive(doc: Document, res: DateResolution) -> bool:
    """True for a date that modifies a noun ("the December 1992 riots", "after Tuesday's incident"): it
    names the time of that thing, not of the clause. Without a parse, False."""
    token = _span_root(doc, res.start, res.end)
    return token is not None and token.dep_ in _ATTRIBUTIVE and token.head.pos_ in ("NOUN", "PROPN")


_FULL_DATES = frozenset({"day_range", "md_range", "dm_range", "mdy_num", "mdy", "dmy", "iso", "month_year",
                         "qual_month_year"})  # fmt: skip


def date_from_own_events(doc: Document) -> DateResolution | None:
    """Date the undated events of a document without a publication date (a post split from an index page)
    by the earliest date its own events state, at day or month precision (``date_source="document"``).

    Events dated from the text keep their dates; without such a date the rest stay ``date_source="none"``.
    The run date is never used.

    Returns:
        the date used, or None.
    """
    stated = [e for e in doc.events if e.date_source in ("text", "narrative") and e.event_date
              and e.date_precision in ("day", "month")]  # fmt: skip
    if not stated:
        return None
    first = min(stated, key=lambda e: (e.event_date or "", e.char_start))
    used = DateResolution(
        first.event_date, first.date_precision, first.date_text, "document", rule="document"
    )
    for event in doc.events:
        if event.date_source == "none":
            event.event_date, event.date_precision = used.date, used.precision
            event.date_text, event.date_source = used.text, used.source
            steps = event.trace.setdefault("date", [])
            steps.append(f"no publication date: the earliest date the document's own events state, "
                         f"{used.date} ({used.text!r})")  # fmt: skip
    return used


def _from_sentence(doc: Document, event: Event, found: list[DateResolution], verb_at: int,
                   steps: list[str]) -> DateResolution | None:  # fmt: skip
    """A date from the event's own clause, else its verb's subtree, else the sentence (main clause first)."""
    verb = _event_verb(doc, event)
    if verb is not None:
        own = [r for r in found if _in_own_clause(_governing_verb(doc, r), verb)]
        choice = _best(own, verb_at)
        if choice:
            steps.append(f"own clause: {choice.text!r} ({choice.rule})")
            return choice
    clause = _clause_span(doc, event)
    if clause is not None:
        choice = _best([r for r in found if clause[0] <= r.start and r.end <= clause[1]], verb_at)
        if choice:
            steps.append(f"clause: {choice.text!r} ({choice.rule})")
            return choice
    main = [r for r in found if _dates_main_clause(doc, r)]
    choice = _best(main, verb_at) or _best(found, verb_at)
    if choice:
        steps.append(f"sentence: {choice.text!r} ({choice.rule})")
    return choice


def _in_own_clause(governor: Any, verb: Any) -> bool:
    """True when a date's verb is the event verb, or a participle hanging on it without its own auxiliary
    ("crossed the river, beginning on Oct. 25, 1950")."""
    if governor is None:
        return False
    if governor.i == verb.i:
        return True
    return (
        governor.head.i == verb.i
        and governor.tag_ in ("VBG", "VBN")
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in governor.children)
    )


def _new_paragraph(text: str, prev_end: int, start: int, blank_lines: bool) -> bool:
    """A paragraph break between two sentences: a blank line, or (in text without blank lines) a line break
    after a finished sentence."""
    gap = text[prev_end:start]
    if blank_lines:
        return bool(re.search(r"\n[ \t]*\n", gap))
    return "\n" in gap and text[:prev_end].rstrip()[-1:] in (".", "!", "?", '"', "”")


def _span_root(doc: Document, start: int, end: int) -> Any:
    parsed = doc.parsed
    if parsed is None:
        return None
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _governing_verb(doc: Document, res: DateResolution) -> Any:
    """The verb a date expression modifies: the first verb above its head (None without a parse)."""
    token = _span_root(doc, res.start, res.end)
    if token is None:
        return None
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return token


_NESTED = frozenset({"acl", "relcl", "advcl", "ccomp", "xcomp", "csubj", "appos", "parataxis", "pcomp"})


_REPORTING = frozenset({"say", "report", "tell", "state", "add", "claim", "confirm", "inform", "announce",
                        "allege", "quote", "disclose", "reveal"})  # fmt: skip
_SAME_TIME = frozenset({"when", "as", "while", "whilst"})


def _dates_main_clause(doc: Document, res: DateResolution) -> bool:
    """True when a date modifies its sentence's main clause, not a nested clause or a noun's modifier.

    The clause a reporting tail governs is the main clause ("X was killed on June 20, reports The Hindu";
    "..., police said"), and so is a clause of the same time ("three were hurt when a bomb went off on
    July 8"). Without a parse every date counts as the main clause's.
    """
    token = _span_root(doc, res.start, res.end)
    if token is None:
        return True
    while token.head.i != token.i:
        if token.dep_ in _NESTED and not _reported_or_same_time(token):
            return False
        token = token.head
    return True


def _reported_or_same_time(token: Any) -> bool:
    """A clause under the sentence's reporting verb, or a "when"/"as"/"while" clause of the main verb."""
    head = token.head
    if token.dep_ in ("ccomp", "parataxis") and head.dep_ == "ROOT" and head.lemma_.lower() in _REPORTING:
        return True
    return token.dep_ == "advcl" and any(c.dep_ == "advmod" and c.lower_ in _SAME_TIME or
                                         c.dep_ == "mark" and c.lower_ in _SAME_TIME for c in token.children)  # fmt: skip


def _breaks_tense_chain(doc: Document, start: int, end: int) -> bool:
    """True when a sentence with no date leaves the past narrative: its main verb, other than a copula, is
    present or future ("The government says ...", "Today the building houses ...")."""
    token = _span_root(doc, start, end)
    if token is None:
        return False
    root = token.sent.root
    if root.lemma_ == "be":  # a present-tense aside ("The protest is the largest in years") is commentary
        return False
    return root.pos_ in ("VERB", "AUX") and _is_present(root)


_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_FUTURE_AUX = frozenset({"will", "shall", "can", "may", "must", "'ll", "wo"})


def _present_tense(doc: Document, event: Event) -> bool:
    """True when the event's verb (or, for a noun, its governing verb) is present or future tense.

    An article written in 2024 that mentions 2012 and then says "Washington threatens ..." is not dating the
    threat to 2012; a past-tense verb ("the army crossed") continues the narrative instead.
    """
    verb = _event_verb(doc, event)
    return verb is not None and _is_present(verb)


def _event_verb(doc: Document, event: Event) -> Any:
    """The verb of the event's clause: its verb token, or the first verb above an event noun."""
    token = doc.verb_token(event)
    if token is None:
        return None
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _is_present(token: Any) -> bool:
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "VBD" for a in auxes) or token.tag_ == "VBD":
        return False
    if any(a.lower_ in _FUTURE_AUX or a.tag_ in _PRESENT_TAGS for a in auxes):
        return True
    return token.tag_ in _PRESENT_TAGS


def _is_dateline(sentence: str, resolved: list[DateResolution]) -> bool:
    """A line that is only a date (an article's dateline) tells when it was written, not a narrative time."""
    rest = sentence
    for res in resolved:
        rest = rest.replace(res.text or "", " ")
    return len(re.findall(r"[A-Za-z]{2,}", rest)) == 0


def _best(cands: list[DateResolution], verb_at: int) -> DateResolution | None:
    if not cands:
        return None
    return max(cands, key=lambda r: (PRECISION_RANK[r.precision], -abs(r.start - verb_at)))


def _date_entities(doc: Document) -> list[tuple[int, int, str]]:
    parsed = doc.parsed
    if parsed is None:
        return []
    return [(e.start_char, e.end_char, e.text) for e in parsed.ents if e.label_ in ("DATE", "TIME")]


def _mentions_in(text: str, start: int, end: int, ents: list[tuple[int, int, str]]) -> list[DateMention]:
    """Rule matches in ``text[start:end]`` plus spaCy DATE entities no rule covers, as document offsets."""
    local = find_date_mentions(text[start:end])
    out = [replace(m, start=m.start + start, end=m.end + start) for m in local]
    for s, e, etext in ents:
        if s >= start and e <= end and all(e <= m.start or s >= m.end for m in out):
            out.append(DateMention(s, e, etext, "dateparser"))
    return sorted(out, key=lambda m: m.start)


def _clause_span(doc: Document, event: Event) -> tuple[int, int] | None:
    """Character span of the event verb's subtree (its clause), when the parse and the verb are known."""
    verb = doc.verb_token(event)
    if verb is None:
        return None
    sub = list(verb.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


