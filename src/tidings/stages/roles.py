"""Roles stage: a person's office at the event's date, once the dates stage has dated the event.

The coder resolves actors at the publication date (the only date it knows); a 2020 article about 1950
would make MacArthur "former". This stage runs after ``dates.v1`` and re-reads, for every event whose
date came from the text (``date_source`` ``text`` or ``narrative``), the office of each person source and
target at that date, and the sector of organisations that changed over time (the FMLN: a guerrilla, then a
party). Only offices the publication date gave are re-read: an office the text itself
names ("Israeli Prime Minister Ehud Barak") differs from the date's and is kept. A document with no
publication date and no event date leaves the office unresolved; the run date is never used.

A state named bare as an event's source or target ("Honduras extradited him", "talks with Turkey") acts
through its government: the side takes sector GOV, as the real-news gold reads it (docs/annotation.md). A
mention of the country outside an event keeps no sector ("a trip to Turkey").
"""

from __future__ import annotations

import datetime as dt

from tidings.config import Settings
from tidings.kb.index import Index
from tidings.kb.resolver import ActorResolver, shared_resolver
from tidings.kb.text import tokenize
from tidings.model import Document, Event

_TEXT_SOURCES = frozenset({"text", "narrative"})
_COUNTRY_ID = "country."


class RoleStage:
    """Re-resolve the office of person actors on events at the event's own date."""

    name = "roles.v1"
    needs: frozenset[str] = frozenset({"events", "event_dates"})
    adds: frozenset[str] = frozenset({"event_roles"})

    def __init__(self, settings: Settings | None = None, *, resolver: ActorResolver | None = None) -> None:
        settings = settings or Settings()
        self.resolver = resolver or shared_resolver(settings.actors_files)

    def __call__(self, doc: Document) -> Document:
        coded_on = self.resolver.reference_day(doc)  # the publication date, else the era of an undated text
        for event in doc.events:
            for side in ("source", "target"):
                state_as_government(event, side, self.resolver.index)
            day = event_day(event)
            if day is None or event.date_source not in _TEXT_SOURCES or day == coded_on:
                continue
            for side in ("source", "target"):
                self._reread(event, side, coded_on, day)
        return doc

    def _reread(self, event: Event, side: str, coded_on: dt.date | None, day: dt.date) -> None:
        actor_id = getattr(event, f"{side}_actor_id")
        if not actor_id:
            return
        before = self.resolver.standing(actor_id, coded_on)
        if before is None:
            self._reread_org(event, side, actor_id, coded_on, day)
            return
        role, sector = getattr(event, f"{side}_role"), getattr(event, f"{side}_sector")
        if role != before.role or sector != before.sector:
            return  # the text named the office; the publication date did not choose it
        now = self.resolver.standing(actor_id, day)
        assert now is not None
        if (now.role, now.sector, now.country) == (role, sector, getattr(event, f"{side}_country")):
            return
        setattr(event, f"{side}_role", now.role)
        setattr(event, f"{side}_sector", now.sector)
        if now.country:
            setattr(event, f"{side}_country", now.country)
        step = (f"{side} {actor_id} at the event date {event.event_date} ({event.date_source}): {now.reason} "
                f"-> {now.country or '-'} {now.sector or '-'}")  # fmt: skip
        _note(event, side, step)


    def _reread_org(self, event: Event, side: str, actor_id: str, coded_on: dt.date | None, day: dt.date) -> None:
        """An organisation whose sector changed over time (the FMLN: REB, then PTY) at the event date."""
        before = self.resolver.org_sector(actor_id, coded_on)
        if before is None or getattr(event, f"{side}_sector") != before:
            return  # not such an organisation, or a head noun in the text gave the sector
        now = self.resolver.org_sector(actor_id, day)
        if now is None or now == before:
            return
        setattr(event, f"{side}_sector", now)
        _note(event, side, f"{side} {actor_id} at the event date {event.event_date} ({event.date_source}) "
                            f"-> sector {now}")  # fmt: skip


def state_as_government(event: Event, side: str, index: Index) -> None:
    """A side that names a state and ends with a state's name ("Honduras", "the U.S.", "both India and
    Pakistan", "the Democratic People's Republic of Korea") acts through its government: GOV. A side whose
    head is another noun ("Japanese invaders", "US imperialism") or that a sector noun gave a sector is left
    alone."""
    actor_id = getattr(event, f"{side}_actor_id")
    if not actor_id or not actor_id.startswith(_COUNTRY_ID) or getattr(event, f"{side}_sector"):
        return
    if getattr(event, f"{side}_country") != actor_id[len(_COUNTRY_ID) :]:
        return  # the side's country came from elsewhere (a conjunct, a relocation): not the bare state
    words = [t.norm for t in tokenize(getattr(event, f"{side}_text") or "")]
    if words and words[-1] in ("s", "'s", "’s"):
        words = words[:-1]  # "China's"
    if not (_names_state(index, words, actor_id, anywhere=True) and _names_state(index, words, None)):
        return
    setattr(event, f"{side}_sector", "GOV")
    event.trace.setdefault(f"{side}_steps", []).append(
        f"{side}: the state {actor_id[len(_COUNTRY_ID) :]} acting in an event acts through its government -> GOV"
    )


def _names_state(index: Index, words: list[str], actor_id: str | None, anywhere: bool = False) -> bool:
    """Whether ``words`` end with (or, ``anywhere``, contain) a country's name or acronym; of the country
    ``actor_id`` when given."""
    for i in range(len(words)) if anywhere else range(max(0, len(words) - 6), len(words)):
        for j in range(i + 1, min(len(words), i + 6) + 1) if anywhere else (len(words),):
            for alias in index.by_key.get(tuple(words[i:j]), ()):
                entry = index.entries.get(alias.entry_id)
                if (alias.form in ("name", "acronym") and entry is not None and entry.kind == "country"
                        and (actor_id is None or alias.entry_id == actor_id)):  # fmt: skip
                    return True
    return False


def _note(event: Event, side: str, step: str) -> None:
    """Record the re-reading with the side's resolution steps (shown by `tidings why`) and under "roles"."""
    event.trace.setdefault(f"{side}_steps", []).append(step)
    event.trace.setdefault("roles", []).append(step)


def event_day(event: Event) -> dt.date | None:
    """The event's date as a day: a month reads as its 15th, a year or decade as 1 July of that year."""
    text = event.event_date
    if not text:
        return None
    try:
        if len(text) >= 10:
            return dt.date.fromisoformat(text[:10])
        if len(text) == 7:
            return dt.date(int(text[:4]), int(text[5:7]), 15)
        if len(text) == 4:
            return dt.date(int(text), 7, 1)
    except ValueError:
        return None
    return None
