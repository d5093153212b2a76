"""Offline gazetteer: a compiled index of countries, regions, cities and named features.

``lookup_place(name, context_countries)`` is the public entry point; ``Gazetteer`` holds the index.
"""

from __future__ import annotations

from tidings.geo.gazetteer import (
    Gazetteer,
    PlaceCandidate,
    PlaceResolution,
    get_gazetteer,
    lookup_place,
    normalise,
)

__all__ = ["Gazetteer", "PlaceCandidate", "PlaceResolution", "get_gazetteer", "lookup_place", "normalise"]
