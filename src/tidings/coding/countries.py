"""The document's country for sector-only actors the coder left without one.

The coder gives a sector-only actor ("police", "the Maoists", "villagers") the country of the place it
acts in, of the source, of the claimant, or the country named most often *before* its sentence. In a
one-paragraph incident report the event is often in the first sentence, with the district and state
named in the same or a later sentence, so nothing comes before it. This step gives such actors the
country named most often in the *whole* document, when one country dominates (more than half of the
country-bearing mentions): resolved actor mentions, and the place names the parser marks (GPE, LOC)
looked up in the offline gazetteer. The step is recorded in the event's trace.
"""

from __future__ import annotations

from collections import Counter

from tidings.model import Document, Event

# International actors are never given a country this way.
_NO_COUNTRY_SECTORS = frozenset({"IGO", "NGO", "UNO", "INT"})


def dominant_country(doc: Document) -> str | None:
    """The country of more than half of the document's country-bearing mentions, if any."""
    counts = Counter(m.actor.country for m in doc.mentions if m.actor is not None and m.actor.country
                     and m.actor.kind != "igo")  # fmt: skip
    counts.update(_place_countries(doc, tuple(counts)))
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    return country if n * 2 > sum(counts.values()) else None


def _place_countries(doc: Document, context: tuple[str, ...]) -> list[str]:
    """Countries of the place names the parser found (GPE, LOC), resolved in the gazetteer."""
    if doc.parsed is None:
        return []
    from tidings.geo.gazetteer import lookup_place

    out = []
    for ent in doc.parsed.ents:
        if ent.label_ in ("GPE", "LOC"):
            found = lookup_place(ent.text, context)
            if found.place is not None and found.place.country and found.place.country != "disputed":
                out.append(found.place.country)
    return out


def fill_document_country(doc: Document, events: list[Event]) -> list[Event]:
    """Give sector-only sources and targets without a country the document's dominant country."""
    country = None
    for event in events:
        for side in ("source", "target"):
            sector = getattr(event, f"{side}_sector")
            if not sector or getattr(event, f"{side}_country") or sector in _NO_COUNTRY_SECTORS:
                continue
            country = country or dominant_country(doc)
            if country is None:
                return events
            setattr(event, f"{side}_country", country)
            steps = event.trace.setdefault(f"{side}_steps", [])
            steps.append(f"country {country}: the document's dominant country")
    return events
