"""Coding stage: PLOVER events (type, mode, CAMEO code, source/target, factuality) from the parse.

The rule coder proposes candidates; the actor gate and the learned verifier
(:mod:`tidings.coding.verify`) accept or reject each one (rejected candidates stay in
``Document.events`` with ``status = 'candidate'`` and a reason). See ``docs/coding.md`` for the rules,
the lexicon format and the verifier; the work is done in :mod:`tidings.coding`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tidings.coding.coder import Coder
from tidings.coding.countries import fill_document_country
from tidings.coding.lexicon import Lexicon, load_lexicon
from tidings.coding.verify import Verifier, VerifierModel, load_verifier
from tidings.config import Settings
from tidings.kb.resolver import ActorResolver, shared_resolver
from tidings.model import Document, Mention


class EventCoder:
    """Code PLOVER events from the dependency parse with the YAML event lexicon.

    Args:
        settings: ``settings.lexicon_files`` are applied over the built-in lexicon.
        lexicon: use this lexicon instead (tests, embedding).
        resolver: the pipeline's :class:`~tidings.kb.resolver.ActorResolver` (default: one over
            ``settings.actors_files``), or any ``(doc, start, end, head=None) -> Mention | None``.
        verifier: the verifier model; default the one shipped in the package.
    """

    name = "coder.rules.v1"
    needs: frozenset[str] = frozenset({"parsed", "mentions"})
    adds: frozenset[str] = frozenset({"events"})

    def __init__(self, settings: Settings | None = None, *, lexicon: Lexicon | None = None,
                 resolver: ActorResolver | Callable[..., Mention | None] | None = None,
                 verifier: VerifierModel | None = None) -> None:  # fmt: skip
        settings = settings or Settings()
        self.lexicon = lexicon or load_lexicon(settings.lexicon_files)
        engine = resolver if resolver is not None else shared_resolver(settings.actors_files)
        resolve = engine.resolve_phrase if isinstance(engine, ActorResolver) else engine
        self.engine = engine if isinstance(engine, ActorResolver) else None
        self.coder = Coder(self.lexicon, resolve)
        self.verifier = Verifier(verifier if verifier is not None else load_verifier())

    def __call__(self, doc: Document) -> Document:
        if doc.parsed is None:
            return doc
        events = self.coder.code(doc)
        if self.engine is not None:
            events = fill_document_country(events, self.engine.context(doc))
        doc.events = self.verifier(doc, events)
        return doc

    def explain_candidates(self, doc: Document) -> list[dict[str, Any]]:
        """Every candidate before absorption (kind, lexicon key, type, word, anchor), for debugging a lexicon."""
        from tidings.coding.rules import find_candidates

        out = []
        for sent in doc.parsed.sents:
            for cand in find_candidates(sent, self.lexicon):
                out.append({"kind": cand.kind, "key": cand.entry.key, "type": cand.entry.type,
                            "token": cand.trigger.text, "anchor": cand.anchor.text})  # fmt: skip
        return out
