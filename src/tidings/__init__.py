"""tidings: offline, transparent political event coding (PLOVER/CAMEO) from news text.

The Python API::

    import tidings
    doc = tidings.code_text("Pyongyang said Seoul fired shells across the border on Tuesday.")
    for event in doc.accepted_events:  # doc.events also holds the rejected candidates
        print(event.event_type, event.source_country, event.target_country, event.factuality)

    report = tidings.ingest(["articles/"], tidings.Settings(db="news.duckdb"))
"""

from __future__ import annotations

from typing import Any

from tidings.config import Settings
from tidings.errors import TidingsError
from tidings.model import Actor, Claim, Document, Event, Mention, Quote, Sentence
from tidings.pipeline import Pipeline

__all__ = [
    "Actor",
    "Claim",
    "Document",
    "Event",
    "Mention",
    "Pipeline",
    "Quote",
    "Sentence",
    "Settings",
    "TidingsError",
    "code_text",
    "ingest",
]

# The runner pulls in DuckDB and the stages; import it only when asked for.
_LAZY = {"code_text": "tidings.runner", "ingest": "tidings.runner"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'tidings' has no attribute {name!r}")
