"""Intensity stage: Goldstein score and quad class of every event, casualties of ASSAULT events.

The work is done in :mod:`tidings.intensity`; this stage runs it after the claims stage, whose numeric
claims carry the casualty counts.
"""

from __future__ import annotations

from tidings.config import Settings
from tidings.intensity import score_events
from tidings.model import Document


class IntensityStage:
    """Score each event's intensity (see :mod:`tidings.intensity`)."""

    name = "intensity.v1"
    needs: frozenset[str] = frozenset({"events", "claims"})
    adds: frozenset[str] = frozenset({"intensity"})

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        score_events(doc.events, doc.claims, doc.text)
        return doc
