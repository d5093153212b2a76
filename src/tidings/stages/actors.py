"""Actors stage: find and resolve mentions of countries, IGOs, organisations, people and sector nouns.

The work is done by the :class:`~tidings.kb.resolver.ActorResolver` engine the pipeline builds once and
passes in; this stage only fills ``Document.mentions``. ``lookup``, ``find_mentions`` and
``resolve_phrase`` here are conveniences over a shared resolver of the built-in knowledge base, for
scripts and tests without a pipeline.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tidings.config import Settings
from tidings.kb import Index
from tidings.kb.phrase import find_mentions as _find_mentions
from tidings.kb.resolver import ActorResolver, shared_resolver
from tidings.model import Document, Mention

__all__ = ["ActorStage", "find_mentions", "lookup", "resolve_phrase"]


class ActorStage:
    """Fill ``Document.mentions``: sorted, non-overlapping, longest-match actor mentions.

    Args:
        settings: ``settings.actors_files`` are extra YAML files applied over the built-in knowledge base
            (used only when no ``resolver`` is given).
        resolver: the pipeline's actor resolver engine.
    """

    name = "actors.kb.v1"
    needs: frozenset[str] = frozenset({"parsed"})
    adds: frozenset[str] = frozenset({"mentions"})

    def __init__(self, settings: Settings | None = None, *, resolver: ActorResolver | None = None) -> None:
        settings = settings or Settings()
        self.resolver = resolver or shared_resolver(settings.actors_files)
        self.kb: Index = self.resolver.index

    def __call__(self, doc: Document) -> Document:
        doc.mentions = self.resolver.mentions(doc)
        return doc


def find_mentions(kb: Index, text: str, day: dt.date | None, lowercase: bool | None = None) -> list[Mention]:
    """All actor mentions in ``text`` on date ``day``, composed into noun-phrase units (no document context)."""
    return _find_mentions(kb, text, day, lowercase)


def resolve_phrase(doc: Document, start: int, end: int, head: int | None = None,
                   date: dt.date | None = None) -> Mention | None:  # fmt: skip
    """The actor of ``doc.text[start:end]`` with the built-in knowledge base (see
    :meth:`ActorResolver.resolve_phrase`)."""
    return shared_resolver().resolve_phrase(doc, start, end, head=head, date=date)


def lookup(text: str, date: dt.date | None = None, context: str | None = None,
           files: list[Path] | tuple[Path, ...] = ()) -> list[Mention]:  # fmt: skip
    """Resolve ``text`` (optionally inside a ``context`` sentence that contains it) and explain why.

    The first result is the whole phrase; further results are the separate mentions found in it. Each is
    a :class:`~tidings.model.Mention`: text, offsets in ``context``, actor, resolution steps, candidates.
    """
    return shared_resolver(files).lookup(text, date, context)
