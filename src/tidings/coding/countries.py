"""The document's country for sector-only actors the coder left without one.

The coder gives a sector-only actor ("police", "the Maoists", "villagers") the country of the place it
acts in, of the source, of the claimant, or the country named most often *before* its sentence. In a
one-paragraph incident report the event is often in the first sentence, with the district and state
named in the same or a later sentence, so nothing comes before it. This step gives such actors the
document's country from the actor resolver's document context (:class:`~tidings.kb.context.DocContext`:
dateline, headline, resolved mentions and place names of the whole document), when one country clearly
dominates. It is the same context the resolver gives generic mentions, so one rule decides a document's
country everywhere. Sides the resolver could not name at all ("he" with no antecedent, "six men", an
unknown person) take it too, with no sector. The step is recorded in the event's trace.
"""

from __future__ import annotations

from tidings.kb.context import NO_COUNTRY_SECTORS, DocContext
from tidings.model import Event

# An unnamed side takes the document's country only on more evidence than one mention in the lede: in
# "Moscow said its troops shelled the town" the only country is the claimant's, which says nothing of
# the town.
UNNAMED_MIN_WEIGHT = 3.0


def fill_document_country(events: list[Event], ctx: DocContext) -> list[Event]:
    """Give country-less sources and targets the document's country from ``ctx``: sector-only actors
    ("police", "villagers") and sides the resolver named no actor for ("he" with no antecedent, "the
    couple", an unknown person), which the gold reads as of the document's country (docs/annotation.md).
    International sectors and named actors without a country (transnational groups) are left alone."""
    code, _, why = ctx.country()
    if code is None:
        return events
    strong = ctx.weights.get(code, 0.0) >= UNNAMED_MIN_WEIGHT
    for event in events:
        for side in ("source", "target"):
            sector = getattr(event, f"{side}_sector")
            if getattr(event, f"{side}_country") or sector in NO_COUNTRY_SECTORS:
                continue
            if not sector and not (strong and _unnamed(getattr(event, f"{side}_text"),
                                                       getattr(event, f"{side}_actor_id"))):  # fmt: skip
                continue  # no side, a named actor of no country (a transnational group), or thin evidence
            setattr(event, f"{side}_country", code)
            steps = event.trace.setdefault(f"{side}_steps", [])
            steps.append(f"country {code}: the {why}")
    return events


def _unnamed(text: str | None, actor_id: str | None) -> bool:
    """A side the resolver named no actor for ("he" with no antecedent, "the couple", an unknown name)."""
    return bool(text and text.strip()) and not actor_id
