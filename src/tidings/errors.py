"""The exception tree of tidings.

    TidingsError
      ConfigError            bad or missing settings
      PluginError            unknown name, broken entry point
      StageError             carries stage name + doc_id
        IngestError ParseError ActorError CodingError DateError PlaceError
          ActorFileError     a malformed actor YAML file (file, line, reason; CLI exit 2)
      StoreError
        SchemaVersionError
        FilterError          a query filter, sort or page value is malformed (the API answers 422)
      ExportError

Every failure on one document is also a typed record, :class:`tidings.model.Failure` (stage, exception
type, message, source, line), which the store keeps in its ``errors`` table.
"""

from __future__ import annotations


class TidingsError(Exception):
    """Base class of every error tidings raises on purpose."""


class ConfigError(TidingsError):
    """Bad or missing settings."""


class PluginError(TidingsError):
    """Unknown plugin name or broken entry point."""


class StageError(TidingsError):
    """A pipeline stage failed on one document."""

    def __init__(self, message: str, *, stage: str = "", doc_id: str | None = None) -> None:
        super().__init__(message)
        self.stage = stage
        self.doc_id = doc_id


class IngestError(StageError):
    """A document could not be read (empty, binary, undecodable, unparseable)."""


class ParseError(StageError):
    """spaCy could not parse a document, or the model is missing."""


class ActorError(StageError):
    """Actor resolution failed, or an actor dictionary is invalid."""


class ActorFileError(ActorError):
    """A user actor file (``--actors``) is malformed: says which file, which line and why.

    The CLI exits with code 2 (a usage error), before any document is coded.
    """

    exit_code = 2

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {reason}", stage="actors")
        self.path = str(path)
        self.line = line
        self.reason = reason


class CodingError(StageError):
    """Event coding failed, or a lexicon is invalid."""


class DateError(StageError):
    """Date resolution failed."""


class PlaceError(StageError):
    """Geocoding failed, or a gazetteer file is invalid."""


class StoreError(TidingsError):
    """The DuckDB store could not be read or written."""


class SchemaVersionError(StoreError):
    """The database was written by an incompatible schema version."""


class ExportError(TidingsError):
    """An export could not be written."""


class FilterError(StoreError, ValueError):
    """A query filter, sort order or page value is malformed (the API answers 422 with the message)."""
