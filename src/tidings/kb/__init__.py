"""The offline actor knowledge base: YAML loader, compiled index, people over time, fuzzy names.

Stages never read the YAML themselves: the pipeline builds one :class:`tidings.kb.resolver.ActorResolver`
(over :func:`get_kb`, cached per set of extra files) and passes it to the stages that need it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from tidings.kb.index import Index
from tidings.kb.loader import Alias, Entry, RawKB, Term, load_raw

__all__ = ["Alias", "Entry", "Index", "RawKB", "Term", "get_kb", "load_raw"]


def get_kb(extra_files: list[Path] | tuple[Path, ...] | tuple[str, ...] = ()) -> Index:
    """The compiled knowledge base: built-in data plus ``extra_files`` (later files override earlier)."""
    paths = tuple(str(Path(p).resolve()) for p in extra_files)
    stamps = tuple(Path(p).stat().st_mtime if Path(p).exists() else 0.0 for p in paths)
    return _cached(paths, stamps)


@lru_cache(maxsize=8)
def _cached(paths: tuple[str, ...], stamps: tuple[float, ...]) -> Index:
    del stamps  # part of the cache key only: an edited file is read again
    return Index.build(load_raw([Path(p) for p in paths]))
