"""The FastAPI application behind ``tidings serve``: a JSON API over the store and the web UI.

One :class:`ApiState` per app holds the store, opened with ``hold=False``: FastAPI runs plain endpoints
in a thread pool, and each call opens its own read-only connection (DuckDB shares one database instance
among the connections of a process), so reads run in parallel and no lock is held while a response is
serialised. Repeated reads are answered from a response cache keyed by the request and the store
file's generation (:mod:`tidings.api.cache`), so they skip the store until something is written. The file
is held only while requests run or a batch is written, so ``tidings ingest`` in another process can write
between requests, and ``tidings events`` can read at the same time.
Ingest (``POST /api/ingest``) goes through the same service as the CLI
(:func:`tidings.runner.ingest_documents`): one pipeline run at a time, batches written in short write
sessions, then the cross-document merge.
"""

from __future__ import annotations

import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tidings.api.cache import DEFAULT_ENTRIES, CacheMiddleware, ResponseCache, Totals
from tidings.config import Settings
from tidings.errors import ConfigError, FilterError, PluginError, StoreError, TidingsError

MAX_PAGE = 500
MAX_OFFSET = 10**9
# Seconds a request waits for another process (an ingest writing a batch) to release the store file.
STORE_WAIT = 30.0
# Store sessions at once; requests beyond wait in line (see benchmarks/api_load.py for the effect).
READERS = 4
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class ApiError(HTTPException):
    """An HTTP error answered as ``{"error": message, "detail": detail}``."""

    def __init__(self, status_code: int, error: str, detail: Any = None) -> None:
        super().__init__(status_code=status_code, detail=error)
        self.error = error
        self.payload = detail


class ApiState:
    """What the endpoints share: the store, the lock around it, and the (lazily built) pipeline."""

    def __init__(self, db_path: str, read_only: bool, max_upload: int = MAX_UPLOAD_BYTES,
                 settings: Settings | None = None, actors_file: str | Path | None = None) -> None:  # fmt: skip
        from tidings.review import user_actors_path

        self.db_path = db_path
        self.settings = settings
        # The analyst's own actor dictionary ("add this phrase"), next to the store unless given.
        self.actors_file = Path(actors_file) if actors_file else user_actors_path(db_path)
        self.read_only = read_only
        self.max_upload = max_upload
        self.lock = threading.RLock()
        # One pipeline run at a time: spaCy models are not meant to be shared by threads, and the
        # work is CPU-bound anyway. Reads are not blocked by it.
        self.ingest_lock = threading.Lock()
        self.store = open_store(db_path, read_only)
        # Event counts per filter and store generation, for /api/events pages.
        self.totals = Totals()
        self._pipeline: Any = None
        self._pipeline_lock = threading.Lock()

    def pipeline_settings(self) -> Settings:
        """The settings ingest runs with: the given ones plus the user actor file when it exists."""
        settings = self.settings or Settings.load(db=self.db_path)
        if self.actors_file.exists() and self.actors_file not in settings.actors_files:
            from dataclasses import replace

            settings = replace(settings, actors_files=[*settings.actors_files, self.actors_file])
        return settings

    def actor_files(self) -> tuple[str, ...]:
        """The extra actor files names are resolved with (for the ``actor_name`` filter)."""
        return tuple(str(p) for p in self.pipeline_settings().actors_files)

    def pipeline(self) -> Any:
        """The coding pipeline, built (and the spaCy model loaded) on first use."""
        with self._pipeline_lock:
            if self._pipeline is None:
                from tidings.pipeline import Pipeline

                self._pipeline = Pipeline.from_settings(self.pipeline_settings(), on_error="record")
            return self._pipeline

    def forget_pipeline(self) -> None:
        """Build the pipeline again on the next ingest (the user actor file changed)."""
        with self._pipeline_lock:
            self._pipeline = None

    def close(self) -> None:
        """Close the store's connection."""
        with self.lock:
            closer = getattr(self.store, "close", None)
            if callable(closer):
                closer()


def open_store(db_path: str, read_only: bool) -> Any:
    """Open :class:`tidings.store.Store` over ``db_path``.

    Raises:
        StoreError: the file cannot be opened (missing in read-only mode, locked by another process).
    """
    from tidings.store import Store

    # One DuckDB thread per query: concurrent requests already keep the cores busy.
    return Store(db_path, read_only=read_only, hold=False, wait=STORE_WAIT, threads=1, max_sessions=READERS)


def state_of(request: Request) -> ApiState:
    """The :class:`ApiState` of the app serving ``request``."""
    state: ApiState = request.app.state.tidings
    return state


def _error(status: int, error: str, detail: Any = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": error, "detail": detail})


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc, ApiError):
            return _error(exc.status_code, exc.error, exc.payload)
        if exc.status_code == 404:
            return _error(404, f"no such path: {request.url.path}")
        if exc.status_code == 405:
            return _error(405, f"{request.method} is not allowed on {request.url.path}")
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        first = problems[0] if problems else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"][1:]) or "request"
        return _error(422, f"invalid {where}: {first['msg']}", problems)

    @app.exception_handler(FilterError)
    async def _bad_filter(_: Request, exc: FilterError) -> JSONResponse:
        return _error(422, str(exc), None)

    @app.exception_handler(TidingsError)
    async def _tidings_error(request: Request, exc: TidingsError) -> JSONResponse:
        status = 500 if isinstance(exc, (StoreError, PluginError, ConfigError)) else 400
        return _error(status, _without_paths(str(exc), state_of(request).db_path), type(exc).__name__)


_ABS_PATH = re.compile(r"(?<![\w:/.])/(?:[\w.@+-]+/)+[\w.@+-]+")


def _without_paths(message: str, db_path: str) -> str:
    """An error message fit for a client: the store file by its name only, no other absolute paths."""
    name = Path(db_path).name
    for form in {str(Path(db_path).resolve()), str(Path(db_path).absolute()), db_path}:
        if form and form != name:
            message = message.replace(form, name)
    return _ABS_PATH.sub(lambda m: Path(m.group()).name, message)


def static_dir() -> Path:
    """The package directory holding index.html, app.js and style.css."""
    return Path(str(resources.files("tidings.api") / "static"))


def create_app(db_path: str, read_only: bool = False, max_upload: int = MAX_UPLOAD_BYTES,
               settings: Settings | None = None, actors_file: str | Path | None = None,
               cache: int = DEFAULT_ENTRIES) -> FastAPI:  # fmt: skip
    """Build the API and web UI over the DuckDB store at ``db_path``.

    Args:
        db_path: the DuckDB file (created if missing, unless ``read_only``).
        read_only: open the store read-only; ``POST /api/ingest`` then answers 403.
        max_upload: largest accepted ingest request body in bytes (larger ones get 413).
        settings: pipeline settings for ingest (default: :meth:`Settings.load`).
        actors_file: the user actor dictionary "add this phrase" writes to (default: next to the store,
            ``news.duckdb`` -> ``news.actors.yaml``); ingest reads it when it exists.
        cache: how many read answers to keep, keyed by request and store generation
            (:mod:`tidings.api.cache`); 0 turns the cache off (answers still carry an ETag).

    Returns:
        The FastAPI app; OpenAPI docs are at ``/docs`` and ``/openapi.json``.
    """
    from tidings.api import routes_ingest, routes_read, routes_review

    state = ApiState(db_path, read_only, max_upload, settings, actors_file)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        lifespan=lifespan,
        # FastAPI's Swagger and ReDoc pages load scripts from a CDN; /docs is our own offline page instead.
        docs_url=None,
        redoc_url=None,
        title="tidings",
        version=_version(),
        description="PLOVER political events coded from news text: documents, events with their "
        "'why' trace, reviews, facets, a map, actors, time series, the actor network, ingest and export. "
        "Errors are JSON "
        '`{"error": "...", "detail": ...}`; lists are paged with `limit` (at most 500) and `offset`.',
    )
    app.state.tidings = state
    app.state.cache = ResponseCache(entries=cache)
    app.add_middleware(CacheMiddleware, key_files=lambda: (state.db_path, (state.actors_file,)),
                       cache=app.state.cache)  # fmt: skip
    _install_error_handlers(app)
    app.include_router(routes_read.router, prefix="/api")
    app.include_router(routes_ingest.router, prefix="/api")
    app.include_router(routes_review.router, prefix="/api")

    static = static_dir()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def api_reference() -> FileResponse:
        return FileResponse(static / "api.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tidings")
    except PackageNotFoundError:
        return "0"
