"""Pipeline: the ordered stages that turn ingested Documents into coded ones.

A stage is an object with ``name``, ``needs`` and ``adds`` (sets of Document attribute names) and
``__call__(doc) -> doc``; it may also offer ``pipe(docs) -> Iterator[doc]`` for batching.
The pipeline checks the order when it is built and applies the error policy per document.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from tidings.config import DEFAULT_STAGES, Settings
from tidings.errors import PluginError, StageError, TidingsError
from tidings.model import Document, Failure

if TYPE_CHECKING:
    from tidings.kb.resolver import ActorResolver

# Built-in stages by dotted, versioned name -> "module:Class". Third-party stages register the same way
# through the ``tidings.stages`` entry-point group.
BUILTIN_STAGES: dict[str, str] = {
    "parse.spacy.v1": "tidings.stages.parse:SpacyParser",
    "actors.kb.v1": "tidings.stages.actors:ActorStage",
    "coder.rules.v1": "tidings.stages.coding:EventCoder",
    "quotes.v1": "tidings.stages.quotes:QuoteStage",
    "claims.v1": "tidings.stages.claims:ClaimStage",
    "dates.v1": "tidings.stages.dates:DateStage",
    "roles.v1": "tidings.stages.roles:RoleStage",
    "places.gazetteer.v1": "tidings.stages.places:PlaceStage",
    "intensity.v1": "tidings.stages.intensity:IntensityStage",
}
DEFAULT_ORDER: tuple[str, ...] = DEFAULT_STAGES
# What every document has before the first stage runs.
INGESTED: frozenset[str] = frozenset({"text", "title", "author", "published", "url"})


class Stage(Protocol):
    """What the pipeline needs of a stage."""

    name: str
    needs: frozenset[str]
    adds: frozenset[str]

    def __call__(self, doc: Document) -> Document: ...


def load_stage(name: str, settings: Settings, engines: Engines | None = None) -> Stage:
    """Instantiate the stage registered as ``name`` with ``settings``.

    A stage whose constructor takes a ``resolver`` keyword gets the shared actor resolver of ``engines``;
    third-party stages that take only ``settings`` are built as before.

    Raises:
        PluginError: no stage has that name, or its module cannot be imported.
    """
    target = BUILTIN_STAGES.get(name) or _entry_points().get(name)
    if target is None:
        known = ", ".join(sorted({*BUILTIN_STAGES, *_entry_points()}))
        raise PluginError(f"unknown stage {name!r}; installed: {known}")
    module_name, _, cls_name = target.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), cls_name)
    except (ImportError, AttributeError) as exc:
        raise PluginError(f"stage {name!r} ({target}) cannot be loaded: {exc}") from exc
    if engines is not None and _takes(cls, "resolver"):
        stage: Stage = cls(settings, resolver=engines.resolver)
    else:
        stage = cls(settings)
    return stage


def _takes(cls: Any, keyword: str) -> bool:
    try:
        return keyword in inspect.signature(cls).parameters
    except (TypeError, ValueError):
        return False


class Engines:
    """The heavy shared machinery a pipeline builds once and passes to its stages.

    ``resolver`` (the :class:`~tidings.kb.resolver.ActorResolver`) is built on first use, from
    ``settings.actors_files``; a malformed user file fails here, before any document is read.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._resolver: ActorResolver | None = None

    @property
    def resolver(self) -> ActorResolver:
        """The actor resolver engine."""
        if self._resolver is None:
            from tidings.kb.resolver import ActorResolver

            self._resolver = ActorResolver(self.settings.actors_files)
        return self._resolver


def _entry_points() -> dict[str, str]:
    from importlib.metadata import entry_points

    return {ep.name: ep.value for ep in entry_points(group="tidings.stages")}


class Pipeline:
    """Ordered stages with an error policy.

    Args:
        stages: stage objects, in order.
        on_error: ``"record"`` (default) stores the failure on ``Document.error`` and goes on;
            ``"skip"`` drops the document; ``"raise"`` stops.
    """

    def __init__(self, stages: list[Stage], on_error: str = "record") -> None:
        if on_error not in ("record", "skip", "raise"):
            raise ValueError(f"on_error must be record, skip or raise, not {on_error!r}")
        have = set(INGESTED)
        for stage in stages:
            missing = set(stage.needs) - have
            if missing:
                raise PluginError(f"stage {stage.name!r} needs {sorted(missing)}, which no earlier stage adds")
            have |= set(stage.adds)
        self.stages = stages
        self.on_error = on_error
        self.chunk_size = 64

    @classmethod
    def from_settings(cls, settings: Settings | None = None, names: Iterable[str] | None = None,
                      on_error: str = "record") -> Pipeline:  # fmt: skip
        """Build the pipeline from stage names (default: ``settings.stages``, all built-ins in order)."""
        settings = settings or Settings.load()
        chosen = list(names) if names is not None else settings.stages
        engines = Engines(settings)
        return cls([load_stage(n, settings, engines) for n in chosen], on_error=on_error)

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Run every stage over ``docs``; documents that already carry an error pass through untouched."""
        stream: Iterable[Document] = docs
        for stage in self.stages:
            stream = self._apply(stage, stream)
        yield from stream

    def _apply(self, stage: Stage, docs: Iterable[Document]) -> Iterator[Document]:
        batch = getattr(stage, "pipe", None)
        if batch is not None:
            yield from self._guard_batch(stage, batch, docs)
            return
        for doc in docs:
            result = self._guard(stage, doc)
            if result is not None:
                yield result

    def _guard(self, stage: Stage, doc: Document) -> Document | None:
        if doc.error:
            return doc
        try:
            return stage(doc)
        except Exception as exc:  # noqa: BLE001 - the error policy decides; nothing is lost
            return self._failed(stage, doc, exc)

    def _guard_batch(self, stage: Stage, batch: Any, docs: Iterable[Document]) -> Iterator[Document]:
        chunk: list[Document] = []
        for doc in docs:
            if doc.error:
                yield doc
                continue
            chunk.append(doc)
            if len(chunk) >= self.chunk_size:
                yield from self._run_chunk(stage, batch, chunk)
                chunk = []
        if chunk:
            yield from self._run_chunk(stage, batch, chunk)

    def _run_chunk(self, stage: Stage, batch: Any, chunk: list[Document]) -> Iterator[Document]:
        done: set[int] = set()
        try:
            for doc in batch(chunk):
                done.add(id(doc))
                yield doc
        except Exception:  # noqa: BLE001 - fall back to one at a time to find the bad document
            for doc in chunk:
                if id(doc) not in done:
                    result = self._guard(stage, doc)
                    if result is not None:
                        yield result

    def _failed(self, stage: Stage, doc: Document, exc: Exception) -> Document | None:
        if self.on_error == "raise":
            if isinstance(exc, TidingsError):
                raise exc
            raise StageError(f"{stage.name} failed on {doc.doc_id}: {exc}", stage=stage.name,
                             doc_id=doc.doc_id) from exc  # fmt: skip
        if self.on_error == "skip":
            return None
        doc.error = f"{stage.name}: {type(exc).__name__}: {exc}"
        line = (doc.extras.get("ingest") or {}).get("line") or None
        doc.failure = Failure(stage=stage.name, kind=type(exc).__name__, message=str(exc), source=doc.source,
                              line=line)  # fmt: skip
        return doc
