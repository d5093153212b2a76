"""Write and bulk endpoints: ingest text or files and export events, through the same functions as the CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from tidings.api.app import ApiError, ApiState, state_of
from tidings.api.routes_read import event_filter
from tidings.config import Settings
from tidings.model import Document
from tidings.query import EventFilter

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


def _ingest_stage(name: str, data: bytes) -> list[Document]:
    """Documents read from ``data`` by the ingest stage, exactly as ``tidings ingest FILE`` reads them.

    The ingest stage reads paths, so the bytes go to a temporary file named like the upload (its suffix
    picks the format: .txt, .html, .jsonl, .csv); sources and errors then name the upload, not the file.
    """
    from tidings.stages.ingest import read_sources

    safe = re.sub(r"[^A-Za-z0-9._-]", "_", Path(name).name)[-120:] or "upload.txt"
    with tempfile.TemporaryDirectory(prefix="tidings-upload-") as folder:
        path = Path(folder) / safe
        path.write_bytes(data)
        docs = list(read_sources([path]))
    for doc in docs:
        doc.source = (doc.source or "").replace(str(path), name)
        if doc.error:
            doc.error = doc.error.replace(str(path), name)
        if doc.failure is not None:
            doc.failure = dataclasses.replace(doc.failure, source=name,
                                              message=doc.failure.message.replace(str(path), name))  # fmt: skip
    return docs


def _file_documents(name: str, data: bytes) -> list[Document]:
    """Documents from one uploaded file (plain text, HTML, JSONL or CSV)."""
    if not data.strip():
        raise ApiError(400, f"{name} is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ApiError(400, f"{name} looks binary; send UTF-8 text, HTML, JSONL or CSV")
    return _ingest_stage(name, data)


def _pasted_documents(item: IngestText) -> list[Document]:
    """Documents from pasted text, cleaned and split like a .txt file; given metadata wins."""
    docs = _ingest_stage("pasted.txt", item.text.encode("utf-8"))
    for doc in docs:
        doc.source = "api"
        doc.title = item.title or doc.title
        doc.published = item.published or doc.published
        doc.url = item.url or doc.url
    return docs


async def _documents_from_request(request: Request, state: ApiState) -> list[Document]:
    body = await _read_body(request, state.max_upload)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
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
            docs.extend(_pasted_documents(IngestText(text=text, title=title if isinstance(title, str) and title
                                                     else None)))  # fmt: skip
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
        return _pasted_documents(item)
    raise ApiError(415, f"unsupported content type {kind!r}; send application/json or a form")


def _code_and_save(state: ApiState, docs: list[Document]) -> IngestResult:
    """Code and store the documents through the CLI's ingest service (skip stored, save, merge)."""
    from tidings.runner import ingest_documents

    seen: list[tuple[Document, str]] = []
    with state.ingest_lock:
        needs_coding = any(not d.error and not state.store.has(d.doc_id) for d in docs)
        ingest_documents(docs, state.store, state.pipeline_settings(),
                         pipeline=state.pipeline() if needs_coding else None,
                         progress=lambda doc, status: seen.append((doc, status)))  # fmt: skip
    results: list[IngestedDocument] = []
    errors: list[dict[str, Any]] = []
    for doc, status in seen:
        if status == "present":
            stored = state.store.document(doc.doc_id) or {}
            results.append(IngestedDocument(doc_id=doc.doc_id, title=stored.get("title"), source=doc.source,
                                            events=stored.get("n_events") or 0,
                                            quotes=stored.get("n_quotes") or 0,
                                            claims=stored.get("n_claims") or 0, new=False))  # fmt: skip
            continue
        if doc.error:
            errors.append({"doc_id": doc.doc_id or None, "source": doc.source, "error": doc.error,
                           "stage": doc.failure.stage if doc.failure else None,
                           "line": doc.failure.line if doc.failure else None})  # fmt: skip
        results.append(IngestedDocument(doc_id=doc.doc_id, title=doc.title, source=doc.source,
                                        events=len(doc.events), quotes=len(doc.quotes), claims=len(doc.claims),
                                        new=status == "added", error=doc.error))  # fmt: skip
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


_MEDIA = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "jsonl": "application/x-ndjson",
          "plover-json": "application/json", "graphml": "application/xml"}  # fmt: skip
_SUFFIX = {"plover-json": "json"}


@router.get("/export", summary="Download events as CSV, Parquet, JSONL, PLOVER-JSON or GraphML",
            response_class=FileResponse, responses={200: {"content": {m: {} for m in _MEDIA.values()}}})  # fmt: skip
def export(
    request: Request,
    flt: Annotated[EventFilter, Depends(event_filter)],
    format: Literal["csv", "parquet", "jsonl", "plover-json", "graphml"] = "csv",
    trace: Annotated[bool, Query(description="include the trace column (csv, parquet, jsonl)")] = True,
) -> FileResponse:
    """Every event matching the filters (no paging), written by the exporter of tidings export."""
    from tidings.export import export as write_export

    state = state_of(request)
    suffix = _SUFFIX.get(format, format)
    fd, name = tempfile.mkstemp(prefix="tidings-export-", suffix=f".{suffix}")
    os.close(fd)
    try:
        with state.lock:
            write_export(state.store, format, name, flt=flt, with_trace=trace)
    except Exception:
        Path(name).unlink(missing_ok=True)
        raise
    return FileResponse(name, media_type=_MEDIA[format], filename=f"events.{suffix}",
                        background=BackgroundTask(Path(name).unlink, missing_ok=True))  # fmt: skip
