"""The ingest stage: read files, folders, stdin and URLs into cleaned Documents.

Entry point: :func:`read_sources`. Formats: plain text (``.txt``, ``.text``, ``.md``), HTML (``.html``,
``.htm``, URLs), JSON Lines (``.jsonl``, ``.ndjson``: one document per line) and CSV (one per row).

Bad input never raises out of :func:`read_sources`: a source or record that cannot be read becomes a
Document with empty text and ``error`` set (its id is ``stable_id("error", source, line)``), and the
rest of the batch goes on. Text is cleaned *before* it is stored (see :mod:`tidings.stages.ingest_clean`),
so every later offset is into ``Document.text``. Index pages holding several posts are split into one
Document per post (see :mod:`tidings.stages.ingest_split`). Details in ``docs/ingest.md``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tidings.errors import IngestError
from tidings.model import Document, Failure, stable_id
from tidings.stages.chunking import MAX_TEXT_CHARS
from tidings.stages.ingest_clean import clean_text, decode_bytes, replacement_share
from tidings.stages.ingest_html import extract_html
from tidings.stages.ingest_meta import TextMeta, parse_date, posted_date, text_metadata
from tidings.stages.ingest_split import split_posts

__all__ = ["FORMATS", "SUFFIXES", "URL_TIMEOUT", "error_document", "read_sources"]

FORMATS: tuple[str, ...] = ("text", "html", "jsonl", "csv")
SUFFIXES: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
}  # fmt: skip
_ALIASES = {"txt": "text", "md": "text", "htm": "html", "ndjson": "jsonl", "json": "jsonl"}
URL_TIMEOUT = 20.0  # seconds, for connecting and for each read
_URL = re.compile(r"^https?://", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_PROBLEM = "text holds a lone surrogate (a broken \\u escape)"
_RECORD_FIELDS = ("id", "title", "author", "published", "url")
_AGENT = "tidings (offline event coder; fetching one page the user asked for)"


def read_sources(paths: Iterable[str | Path], *, fmt: str | None = None) -> Iterator[Document]:
    """Read every source in ``paths`` and yield one Document per document found.

    Args:
        paths: files, folders (read recursively, in sorted order, known file kinds only), ``"-"`` for
            stdin, or http(s) URLs the user named explicitly.
        fmt: force a format for every source (``text``, ``html``, ``jsonl``, ``csv``); by default it
            comes from the file suffix (stdin: text, URL: HTML).

    Yields:
        Documents in source order. Unreadable input yields a Document with ``error`` set and empty text.

    Raises:
        IngestError: ``fmt`` is not a known format (bad input data never raises).
    """
    forced = _normalise_fmt(fmt)
    for item in paths:
        yield from _guarded(str(item), _read_one(str(item), item, forced))


def _guarded(source: str, docs: Iterator[Document]) -> Iterator[Document]:
    """Yield from ``docs``; an unexpected failure becomes one error document and ends only this source."""
    try:
        yield from docs
    except Exception as exc:  # noqa: BLE001 - one bad source must not stop the batch
        yield error_document(source, 0, f"{source}: cannot be read: {type(exc).__name__}: {exc}")


def error_document(source: str, line: int, reason: str, fmt: str = "text") -> Document:
    """The placeholder Document for input that could not be read.

    Args:
        source: file path, ``"stdin"`` or URL.
        line: 1-based line (JSONL) or row (CSV) number; 0 for a whole source.
        reason: what went wrong, naming the source and line.
        fmt: the format that was being read.
    """
    message = reason.removeprefix(f"{source}: ")
    if line:
        message = message.removeprefix(f"line {line}: ")
    failure = Failure(stage="ingest", kind="IngestError", message=message, source=source, line=line or None)
    return Document(doc_id=stable_id("error", source, line), text="", source=source, fmt=fmt, error=reason,
                    failure=failure, extras={"ingest": {"line": line}})  # fmt: skip


def _normalise_fmt(fmt: str | None) -> str | None:
    if fmt is None:
        return None
    name = _ALIASES.get(fmt.lower().lstrip("."), fmt.lower().lstrip("."))
    if name not in FORMATS:
        raise IngestError(f"unknown input format {fmt!r}; use one of: {', '.join(FORMATS)}", stage="ingest")
    return name


def _read_one(source: str, item: str | Path, fmt: str | None) -> Iterator[Document]:
    if source == "-":
        yield from _read_stdin(fmt)
    elif _URL.match(source):
        yield from _read_url(source, fmt)
    else:
        path = Path(item)
        if path.is_dir():
            for child in _folder_files(path):
                yield from _guarded(str(child), _read_file(child, fmt))
        elif path.is_file():
            yield from _read_file(path, fmt)
        else:
            yield error_document(source, 0, f"{source}: no such file or directory")


def _folder_files(root: Path) -> list[Path]:
    """Known file kinds under ``root``, recursively, sorted; hidden files and folders are skipped."""
    found = []
    for path in root.rglob("*"):
        hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
        if not hidden and path.suffix.lower() in SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found)


def _read_file(path: Path, fmt: str | None) -> Iterator[Document]:
    source = str(path)
    kind = fmt or SUFFIXES.get(path.suffix.lower())
    if kind == "jsonl":  # read line by line: memory stays flat however large the file
        yield from _stream_jsonl(path, source)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield error_document(source, 0, f"{source}: cannot be read: {exc.strerror or exc}", kind or "text")
        return
    if kind is None:
        kind = "html" if re.match(rb"\s*<(?:!doctype html|html)", data[:512], re.IGNORECASE) else "text"
    yield from _read_bytes(data, source, kind)


def _read_bytes(data: bytes, source: str, kind: str, url: str | None = None) -> Iterator[Document]:
    if kind == "jsonl":
        yield from _read_jsonl(data, source)
        return
    text, problem = decode_bytes(data)
    if text is None:
        yield error_document(source, 0, f"{source}: {problem}", kind)
    elif kind == "csv":
        yield from _read_csv(text, source)
    elif kind == "html":
        yield from _read_html(text, source, url)
    else:
        yield from _page_documents(text, source, "text", url=url, given=TextMeta())


def _read_stdin(fmt: str | None) -> Iterator[Document]:
    buffer = getattr(sys.stdin, "buffer", None)
    data = buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")
    yield from _read_bytes(data, "stdin", fmt or "text")


def _read_url(url: str, fmt: str | None) -> Iterator[Document]:
    import httpx

    kind = fmt or "html"
    try:
        response = httpx.get(url, timeout=URL_TIMEOUT, follow_redirects=True, headers={"User-Agent": _AGENT})
    except httpx.HTTPError as exc:
        yield error_document(url, 0, f"{url}: cannot be fetched: {type(exc).__name__}: {exc}", kind)
        return
    if response.status_code >= 400:
        yield error_document(url, 0, f"{url}: HTTP {response.status_code} {response.reason_phrase}", kind)
        return
    if fmt is None and response.headers.get("content-type", "").startswith("text/plain"):
        kind = "text"
    yield from _read_bytes(response.content, url, kind, url=url)


def _read_html(html: str, source: str, url: str | None) -> Iterator[Document]:
    page = extract_html(html)
    if page is None:
        yield error_document(source, 0, f"{source}: HTML with no extractable text", "html")
        return
    text = page.text.replace("\n", "\n\n")  # the extractors give one paragraph per line
    given = TextMeta(title=page.title, author=page.author, published=page.published)
    yield from _page_documents(text, source, "html", url=url, given=given, extractor=page.extractor)


def _page_documents(raw: str, source: str, fmt: str, *, url: str | None, given: TextMeta,
                    extractor: str | None = None) -> Iterator[Document]:  # fmt: skip
    """Clean a page, read its metadata, and yield it whole or one Document per post.

    ``given`` holds metadata found outside the text (HTML tags); it wins over the text for a whole page,
    and fills what a post's own head does not say.
    """
    if len(raw) > MAX_TEXT_CHARS:
        yield error_document(source, 0, f"{source}: {_too_long(len(raw))}", fmt)
        return
    if _SURROGATE.search(raw):
        yield error_document(source, 0, f"{source}: {_SURROGATE_PROBLEM}", fmt)
        return
    if replacement_share(raw) > 0.3:
        yield error_document(source, 0, f"{source}: undecodable text (mostly replacement characters)", fmt)
        return
    cleaned = clean_text(raw)
    if not cleaned.text.strip():
        reason = "empty document" if not cleaned.removed else "only boilerplate lines, no text"
        yield error_document(source, 0, f"{source}: {reason}", fmt)
        return
    info: dict[str, Any] = {"removed_lines": len(cleaned.removed), "fixed_encoding": cleaned.fixed_encoding}
    if extractor:
        info["extractor"] = extractor
    common: dict[str, Any] = {"url": url, "source": source, "fmt": fmt}
    posts = split_posts(cleaned.text)
    if not posts:
        meta = text_metadata(cleaned.text, cleaned.removed)
        yield Document(
            doc_id=Document.make_id(cleaned.text), text=cleaned.text, title=given.title or meta.title,
            author=given.author or meta.author, published=given.published or meta.published,
            extras={"ingest": info}, **common,
        )  # fmt: skip
        return
    parent = Document.make_id(cleaned.text)
    for position, post in enumerate(posts):
        body = cleaned.text[post.start : post.end]
        meta = text_metadata(body)
        published = meta.published or posted_date(body) or given.published  # the post's own date first
        yield Document(
            doc_id=Document.make_id(body), text=body, title=post.title, author=meta.author or given.author,
            published=published, parent_id=parent, position=position,
            extras={"ingest": {**info, "posts": len(posts), "page_offset": post.start}}, **common,
        )  # fmt: skip


def _stream_jsonl(path: Path, source: str) -> Iterator[Document]:
    try:
        with path.open("rb") as handle:
            yield from _read_jsonl_lines(handle, source)
    except OSError as exc:
        yield error_document(source, 0, f"{source}: cannot be read: {exc.strerror or exc}", "jsonl")


def _read_jsonl(data: bytes, source: str) -> Iterator[Document]:
    yield from _read_jsonl_lines(data.split(b"\n"), source)


def _read_jsonl_lines(lines: Iterable[bytes], source: str) -> Iterator[Document]:
    seen = False
    for number, raw_line in enumerate(lines, start=1):
        if len(raw_line) > 4 * MAX_TEXT_CHARS:  # refuse before decoding: a JSON string of > 5 M characters
            reason = f"{source}: line {number}: {_too_long(len(raw_line), 'bytes')}"
            yield error_document(source, number, reason, "jsonl")
            seen = True
            continue
        if not raw_line.strip():
            continue
        line, problem = decode_bytes(raw_line)
        if line is None:
            yield error_document(source, number, f"{source}: line {number}: {problem}", "jsonl")
            seen = True
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"{source}: line {number}: invalid JSON ({exc.msg}, column {exc.colno})"
            yield error_document(source, number, reason, "jsonl")
            seen = True
            continue
        if not isinstance(record, dict):
            reason = f"{source}: line {number}: expected a JSON object, got {type(record).__name__}"
            yield error_document(source, number, reason, "jsonl")
            seen = True
            continue
        seen = True
        yield _record_document(record, source, number, "jsonl")
    if not seen:
        yield error_document(source, 0, f"{source}: empty document (no JSON lines)", "jsonl")


def _read_csv(text: str, source: str) -> Iterator[Document]:
    if not text.strip():
        yield error_document(source, 0, f"{source}: empty document (no CSV header or rows)", "csv")
        return
    csv.field_size_limit(2**31 - 1)  # article bodies are longer than the 128 kB default
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = [c.strip() for c in reader.fieldnames or []]
    except csv.Error as exc:
        yield error_document(source, 1, f"{source}: line 1: bad CSV header ({exc})", "csv")
        return
    if "text" not in columns:
        found = ", ".join(columns) or "none"
        reason = f"{source}: line 1: CSV has no 'text' column (columns: {found})"
        yield error_document(source, 1, reason, "csv")
        return
    reader.fieldnames = columns
    rows = iter(reader)
    count = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            if count == 0:
                yield error_document(source, 1, f"{source}: empty document (a header but no rows)", "csv")
            return
        except csv.Error as exc:  # the reader cannot go on after a malformed row
            line = reader.line_num
            yield error_document(source, line, f"{source}: line {line}: bad CSV ({exc})", "csv")
            return
        count += 1
        yield _record_document(row, source, reader.line_num, "csv")


def _record_document(record: dict[str, Any], source: str, line: int, fmt: str) -> Document:
    """One JSONL object or CSV row; its columns take precedence over what the text itself says."""
    where = f"{source}: line {line}"
    raw = record.get("text")
    if not isinstance(raw, str):
        problem = "no 'text' field" if raw is None else f"'text' is {type(raw).__name__}, not a string"
        return error_document(source, line, f"{where}: {problem}", fmt)
    if len(raw) > MAX_TEXT_CHARS:
        return error_document(source, line, f"{where}: {_too_long(len(raw))}", fmt)
    if _SURROGATE.search(raw):
        return error_document(source, line, f"{where}: {_SURROGATE_PROBLEM}", fmt)
    if replacement_share(raw) > 0.3:
        return error_document(source, line, f"{where}: undecodable text (mostly replacement characters)", fmt)
    cleaned = clean_text(raw)
    if not cleaned.text.strip():
        return error_document(source, line, f"{where}: empty text", fmt)
    fields = {k: _field(record.get(k)) for k in _RECORD_FIELDS}
    meta = text_metadata(cleaned.text, cleaned.removed)
    published = parse_date(fields["published"]) if fields["published"] else None
    info: dict[str, Any] = {"removed_lines": len(cleaned.removed), "fixed_encoding": cleaned.fixed_encoding,
                            "line": line}  # fmt: skip
    if fields["id"] is not None:
        info["external_id"] = fields["id"]
    return Document(doc_id=Document.make_id(cleaned.text), text=cleaned.text,
                    title=fields["title"] or meta.title, author=fields["author"] or meta.author,
                    published=published or meta.published, url=fields["url"], source=source, fmt=fmt,
                    extras={"ingest": info})  # fmt: skip


def _too_long(size: int, unit: str = "characters") -> str:
    return (f"text too long ({size:,} {unit}; the limit is {MAX_TEXT_CHARS:,} characters): "
            "split the document and ingest the parts")  # fmt: skip


def _field(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(_no_surrogates(str(value)).split())
    return text or None


def _no_surrogates(text: str) -> str:
    """``text`` with lone surrogates (from JSON escapes like ``\\ud800``) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)
