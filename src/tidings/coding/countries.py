"""The document's country for sector-only actors the coder left without one.

The coder gives a sector-only actor ("police", "the Maoists", "villagers") the country of the place it
acts in, of the source, of the claimant, or the country named most often *before* its sentence. In a
one-paragraph incident report the event is often in the first sentence, with the district and state
named in the same or a later sentence, so nothing comes before it. This step gives such actors the
document's country from the actor resolver's document context (:class:`~tidings.kb.context.DocContext`:
dateline, headline, resolved mentions and place names of the whole document), when one country clearly
dominates. It is the same context the resolver gives generic mentions, so one rule decides a document's
country everywhere. The step is recorded in the event's trace.
"""

from __future__ import annotations

from tidings.kb.context import NO_COUNTRY_SECTORS, DocContext
from tidings.model import Event


def fill_document_country(events: list[Event], ctx: DocContext) -> list[Event]:
    """Give sector-only sources and targets without a country the document's country from ``ctx``."""
    code, _, why = ctx.country()
    if code is None:
        return events
    for event in events:
        for side in ("source", "target"):
            sector = getattr(event, f"{side}_sector")
            if not sector or getattr(event, f"{side}_country") or sector in NO_COUNTRY_SECTORS:
                continue
            setattr(event, f"{side}_country", code)
            steps = event.trace.setdefault(f"{side}_steps", [])
            steps.append(f"country {code}: the {why}")
    return events
