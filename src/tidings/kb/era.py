"""The era of an undated document, read from the people it names: when were they in office together?

A document with no publication date (and no event date yet) would leave every office unresolved. News
names the people in office at the time it was written, so the days on which most of the named office
holders held an office at once date the text: "mr blair ... mr howard" is 2003-2005 (prime minister and
leader of the opposition together), "President Cristiani ... Defence Minister Larios" is 1989-1990.
At least two different people must agree (one person's own terms say nothing about the text), unless the
text names a person's office ("President Cristiani"): then that term alone dates it. The era
is the middle of the best stretch (or, when it is still open, the last day a term in it began), never the
run date. An office
read at an era is too weak to carry a bare title ("Comrade Chairman") to a person: those keep their
undated reading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tidings.kb.index import Index
from tidings.model import Mention

MIN_PEOPLE = 2  # distinct office holders that must overlap
STEP_PREFIX = "no document date:"  # starts the step of every mention read at an era
_MIN_SCORE = 0.7  # a tie or a guessed name is no evidence


@dataclass(slots=True, frozen=True)
class Era:
    """The day an undated document is read at, and the evidence."""

    day: dt.date
    start: dt.date
    end: dt.date | None
    people: tuple[str, ...]

    def step(self) -> str:
        """A trace line for a mention resolved at this day."""
        end = self.end.isoformat() if self.end else "present"
        return (f"{STEP_PREFIX} {', '.join(self.people)} in office together {self.start.isoformat()}..{end} "
                f"-> read at {self.day.isoformat()} (low confidence)")  # fmt: skip


def document_era(index: Index, mentions: list[Mention]) -> Era | None:
    """The era of the office holders named in ``mentions`` (see the module docstring), or None."""
    people: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
    titled: set[str] = set()
    for m in mentions:
        a = m.actor
        if a is None or a.kind != "person" or not a.actor_id or m.score < _MIN_SCORE or a.actor_id in titled:
            continue
        entry = index.entries.get(a.actor_id)
        if entry is None:
            continue
        office = a.role not in (None, "former")  # "President Cristiani": the text names the office held
        terms = [(t.start, t.end) for t in entry.terms
                 if t.start is not None and (not office or t.role == a.role)]  # fmt: skip
        if terms and (office or a.actor_id not in people):
            people[a.actor_id] = terms  # type: ignore[assignment]
            if office:
                titled.add(a.actor_id)
    if len(people) < MIN_PEOPLE and not titled:
        return None
    return _best_stretch(people, index, 1 if titled else MIN_PEOPLE)


def _best_stretch(people: dict[str, list[tuple[dt.date, dt.date | None]]], index: Index,
                  least: int = MIN_PEOPLE) -> Era | None:  # fmt: skip
    """The longest stretch with the most people in office at once (sweep over term boundaries; adjacent
    stretches with the same people are one)."""
    bounds = sorted({d for terms in people.values() for s, e in terms for d in (s, e) if d is not None})
    stretches: list[tuple[tuple[str, ...], dt.date, dt.date | None]] = []
    for k, start in enumerate(bounds):
        end = bounds[k + 1] if k + 1 < len(bounds) else None
        inside = tuple(sorted(pid for pid, terms in people.items()
                              if any(s <= start and (e is None or start < e) for s, e in terms)))  # fmt: skip
        if stretches and stretches[-1][0] == inside:
            stretches[-1] = (inside, stretches[-1][1], end)
        else:
            stretches.append((inside, start, end))
    best: tuple[int, int, tuple[str, ...], dt.date, dt.date | None] | None = None
    for inside, start, end in stretches:
        length = (end - start).days if end is not None else 0
        if len(inside) >= least and (best is None or (len(inside), length) > best[:2]):
            best = (len(inside), length, inside, start, end)
    if best is None:
        return None
    _, length, inside, start, end = best
    # an open stretch (offices still held) is read on its last change: every office in it has begun
    day = start + dt.timedelta(days=length // 2) if end is not None else max(bounds[-1], start)
    return Era(day, start, end, tuple(index.entries[pid].name for pid in inside))


def read_at_era(mention: Mention) -> bool:
    """Whether ``mention`` was resolved at a document's era (its office is inferred, not dated)."""
    return any(step.startswith(STEP_PREFIX) for step in mention.steps)
