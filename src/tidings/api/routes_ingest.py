"""Write and bulk endpoints: ingest text or files, and export events as CSV, Parquet or JSONL."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from tidings.api import queries
from tidings.api.app import ApiError, ApiState, state_of
from tidings.api.queries import EventFilter
from tidings.api.routes_read import event_filter
from tidings.model import Document

router = APIRouter()


class IngestText(BaseModel):
    """A text to code, with optional metadata."""

    text: str = Field(min_length=1, description="the article text")
    title: str | None = Field(default=None, max_length=500)
    published: dt.date | None = Field(default=None, description="publication date, ISO")
    url: str | None = Field(default=None, max_length=2000)


class IngestedDocument(BaseModel):
    """What happened to one submitted document."""

    doc_id: str
    title: str | None = None
    source: str | None = None
    events: int = 0
    quotes: int = 0
    claims: int = 0
    new: bool = True
    error: str | None = None


class IngestResult(BaseModel):
    """The answer of ``POST /api/ingest``."""

    documents: list[IngestedDocument]
    doc_ids: list[str]
    errors: list[dict[str, Any]]


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it exceeds ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"request body too large: {declared} bytes; the limit is {limit}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body too large; the limit is {limit} bytes")
        chunks.append(chunk)
    body = b"".join(chunks)
    # Starlette's form parser re-reads a cached body; the stream itself can be read only once.
    request._body = body  # noqa: SLF001
    return body


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if b"\x00" in data[:4096]:
        raise ApiError(400, f"{name} looks binary; send UTF-8 text, HTML or JSONL")
    return data.decode("latin-1")


def _text_document(text: str, title: str | None, published: dt.date | None, url: str | None,
                   source: str, fmt: str = "text") -> Document:  # fmt: skip
    return Document(doc_id=Document.make_id(text), text=text, title=title, published=published, url=url,
                    source=source, fmt=fmt)  # fmt: skip


def _file_documents(name: str, data: bytes) -> list[Document]:
    """Documents from one uploaded file: JSONL (one article per line with "text"), HTML or plain text."""
    text = _decode(data, name)
    if not text.strip():
        raise ApiError(400, f"{name} is empty")
    suffix = Path(name).suffix.lower()
    if suffix == ".jsonl":
        docs = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = IngestText.model_validate(json.loads(line))
            except (ValueError, ValidationError) as exc:
                raise ApiError(400, f"{name} line {number} is not a JSON object with a 'text'", str(exc)) from exc
            docs.append(_text_document(item.text, item.title, item.published, item.url, f"{name}:{number}"))
        return docs
    if suffix in (".html", ".htm"):
        return [_html_document(name, text)]
    return [_text_document(text, None, None, None, name)]


def _html_document(name: str, html: str) -> Document:
    try:
        import trafilatura
    except ImportError as exc:
        raise ApiError(400, "HTML upload needs trafilatura installed") from exc
    text = trafilatura.extract(html) or ""
    if not text.strip():
        raise ApiError(400, f"no article text found in {name}")
    meta = trafilatura.extract_metadata(html)
    title = getattr(meta, "title", None)
    published = None
    if getattr(meta, "date", None):
        try:
            published = dt.date.fromisoformat(str(meta.date)[:10])
        except ValueError:
            published = None
    return _text_document(text, title, published, None, name, fmt="html")


async def _documents_from_request(request: Request, state: ApiState) -> list[Document]:
    body = await _read_body(request, state.max_upload)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        form = await request.form()
        docs: list[Document] = []
        for key in ("file", "files"):
            for upload in form.getlist(key):
                if isinstance(upload, str):
                    continue
                data = await upload.read()
                docs.extend(_file_documents(upload.filename or "upload.txt", data))
        text = form.get("text")
        if isinstance(text, str) and text.strip():
            title = form.get("title")
            docs.append(_text_document(text, title if isinstance(title, str) and title else None, None, None,
                                       "api"))  # fmt: skip
        if not docs:
            raise ApiError(400, "no file or text in the form; send a 'file' field or a 'text' field")
        return docs
    if kind in ("application/json", ""):
        try:
            item = IngestText.model_validate_json(body)
        except ValidationError as exc:
            problems = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
            raise ApiError(400, "send JSON like {\"text\": \"...\", \"title\": \"...\"}", problems) from exc
        if not item.text.strip():
            raise ApiError(400, "text is blank")
        return [_text_document(item.text, item.title, item.published, item.url, "api")]
    raise ApiError(415, f"unsupported content type {kind!r}; send application/json or multipart/form-data")


def _code_and_save(state: ApiState, docs: list[Document]) -> IngestResult:
    """Run the pipeline over ``docs`` (outside the store lock) and save each one."""
    results: list[IngestedDocument] = []
    errors: list[dict[str, Any]] = []
    for doc in state.pipeline().run(docs):
        with state.lock:
            known = not doc.error and state.store.has(doc.doc_id)
            state.store.save(doc)
        if doc.error:
            errors.append({"doc_id": doc.doc_id, "source": doc.source, "error": doc.error})
        results.append(IngestedDocument(doc_id=doc.doc_id, title=doc.title, source=doc.source,
                                        events=len(doc.events), quotes=len(doc.quotes), claims=len(doc.claims),
                                        new=not known, error=doc.error))  # fmt: skip
    return IngestResult(documents=results, doc_ids=[r.doc_id for r in results if not r.error], errors=errors)


@router.post(
    "/ingest",
    status_code=201,
    response_model=IngestResult,
    summary="Code text or uploaded files and store the results",
    responses={400: {"description": "bad input"}, 403: {"description": "read-only server"},
               413: {"description": "body too large"}, 415: {"description": "unsupported type"}},
    openapi_extra={"requestBody": {"content": {
        "application/json": {"schema": IngestText.model_json_schema()},
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary"}, "text": {"type": "string"},
            "title": {"type": "string"}}}},
    }}},
)  # fmt: skip
async def ingest(request: Request) -> IngestResult:
    """Run the pipeline over a JSON ``{text, title?, published?, url?}`` or uploaded file(s).

    Files may be plain text, HTML or JSONL (one ``{"text": ...}`` per line). The whole request is limited
    to the server's upload size (413 beyond it). Documents already stored are reported with ``new: false``;
    documents that fail are reported in ``errors`` and recorded in the store's errors table.
    """
    state = state_of(request)
    if state.read_only:
        raise ApiError(403, "this server is read-only; start it without --read-only to ingest")
    docs = await _documents_from_request(request, state)
    return await run_in_threadpool(_code_and_save, state, docs)


_MEDIA = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "jsonl": "application/x-ndjson"}
_COPY = {"csv": "(FORMAT csv, HEADER true)", "parquet": "(FORMAT parquet)", "jsonl": "(FORMAT json)"}


@router.get("/export", summary="Download events as CSV, Parquet or JSONL", response_class=FileResponse,
            responses={200: {"content": {m: {} for m in _MEDIA.values()}}})  # fmt: skip
def export(
    request: Request,
    flt: Annotated[EventFilter, Depends(event_filter)],
    format: Literal["csv", "parquet", "jsonl"] = "csv",
    trace: Annotated[bool, Query(description="include the trace column")] = True,
) -> FileResponse:
    """Every event matching the filters (no paging), written by DuckDB to a temporary file and streamed."""
    state = state_of(request)
    where, params = queries.event_where(flt)
    cols = "e.*" if trace else "e.* EXCLUDE (trace)"
    fd, name = tempfile.mkstemp(prefix="tidings-export-", suffix=f".{format}")
    os.close(fd)
    sql = (f"COPY (SELECT {cols} FROM events e {where} ORDER BY e.event_date NULLS LAST, e.doc_id, "
           f"e.sentence_index, e.event_id) TO '{_sql_path(name)}' {_COPY[format]}")  # fmt: skip
    with state.lock:
        try:
            state.store.query(sql, params)
        except Exception:
            Path(name).unlink(missing_ok=True)
            raise
    return FileResponse(name, media_type=_MEDIA[format], filename=f"events.{format}",
                        background=BackgroundTask(Path(name).unlink, missing_ok=True))  # fmt: skip


def _sql_path(path: str) -> str:
    return path.replace("'", "''")

