"""Time-aware facts about people: the office a person held on a date, and who held an office."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tidings.kb.loader import Entry, Term

# When a person held several offices at once, the one named first here is reported.
ROLE_RANK: tuple[str, ...] = (
    "head_of_state", "supreme_leader", "monarch", "head_of_government", "secretary_general", "party_leader",
    "vice_president", "foreign_minister", "defence_minister", "unification_minister", "minister",
    "military_commander", "chief_minister", "interior_minister", "intelligence_chief", "spokesperson",
    "opposition_leader", "legislator", "judge", "envoy", "rebel_leader", "crown_prince",
)  # fmt: skip


@dataclass(slots=True, frozen=True)
class Standing:
    """What a person was on a date: the office (or "former"), its sector and country, and why."""

    role: str | None
    sector: str | None
    country: str | None
    reason: str


def _rank(role: str) -> int:
    return ROLE_RANK.index(role) if role in ROLE_RANK else len(ROLE_RANK)


def standing(person: Entry, day: dt.date | None, prefer: tuple[str, ...] = ()) -> Standing:
    """The person's office on ``day``; ``prefer`` (roles named by a title) wins when several apply.

    Out of office after a term: role ``former``, sector ``ELI``. Before any term: the entry's own sector
    (if the YAML gives one) and no role. With no date at all (no event date, no publication date) the
    office is left unresolved: no role, the entry's own sector (else the sector every recorded office
    shares: GOV for a career spent in government), never the run date's office.
    """
    if day is None:
        if person.terms:
            sectors = {t.sector for t in person.terms}
            if person.sector is None and len(sectors) == 1 and None not in sectors:
                # Tony Blair held only GOV offices: the sector is known though the office on the day is not.
                (sector,) = sectors
                return Standing(None, sector, person.country,
                                f"no date: office left unresolved; every recorded office is {sector}")  # fmt: skip
            return Standing(None, person.sector, person.country, "no date: office left unresolved")
        return Standing(None, person.sector, person.country, "no offices recorded")
    current = [t for t in person.terms if t.covers(day)]
    if current:
        current.sort(key=lambda t: (t.role not in prefer, _rank(t.role)))
        term = current[0]
        return Standing(term.role, term.sector, term.country or person.country,
                        f"{term.role} {_span(term)} covers {day.isoformat()}")  # fmt: skip
    past = [t for t in person.terms if t.end is not None and t.end <= day]
    if past:
        last = max(past, key=lambda t: t.end or dt.date.min)
        return Standing("former", person.sector or "ELI", person.country,
                        f"out of office on {day.isoformat()} (was {last.role} {_span(last)}) -> former")  # fmt: skip
    if person.terms:
        return Standing(None, person.sector, person.country, f"not yet in office on {day.isoformat()}")
    return Standing(None, person.sector, person.country, "no offices recorded")


def iso(day: dt.date | None) -> str:
    """``day`` for a trace step: ISO 8601, or "no date"."""
    return day.isoformat() if day is not None else "no date"


def _span(term: Term) -> str:
    start = term.start.isoformat() if term.start else "?"
    end = term.end.isoformat() if term.end else "present"
    return f"{start}..{end}"
