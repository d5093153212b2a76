"""read_sources: formats, folders, stdin, URLs, and error documents for bad input."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tidings.errors import IngestError
from tidings.model import Document, stable_id
from tidings.stages.ingest import read_sources

ARTICLE = (
    "Border talks resume after a long pause\n\nBy Ada Morrow\nMarch 4, 2021\n\n"
    "Negotiators from both countries met in the capital on Thursday, officials said.\n\n"
    "Advertisement\n\nThe next round is planned for May, a spokesperson added.\n"
)
BODY = "Negotiators from both countries met in the capital on Thursday, officials said."
HTML = (
    "<!doctype html><html><head><title>Border talks resume | Example News</title>"
    '<meta name="author" content="Ada Morrow">'
    '<meta property="article:published_time" content="2021-03-04"></head><body>'
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Border talks resume</h1>"
    f"<p>{BODY}</p><p>The next round is planned for May, a spokesperson added after the meeting.</p>"
    "<p>Both delegations described the atmosphere as constructive and businesslike.</p></article>"
    "<footer>Contact us</footer></body></html>"
)


def _read(*paths: str | Path, fmt: str | None = None) -> list[Document]:
    return list(read_sources(list(paths), fmt=fmt))


def test_read_text_file_cleans_and_reads_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (doc,) = _read(path)
    assert doc.error is None and doc.fmt == "text" and doc.source == str(path)
    assert doc.title == "Border talks resume after a long pause"
    assert doc.author == "Ada Morrow" and doc.published == dt.date(2021, 3, 4)
    assert "Advertisement" not in doc.text and "By Ada Morrow" in doc.text
    assert doc.extras["ingest"]["removed_lines"] == 1
    assert doc.doc_id == Document.make_id(doc.text)


def test_same_content_gives_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    first, second = _read(tmp_path / "a.md", tmp_path / "b.txt")
    assert first.doc_id == second.doc_id
    assert first.text == second.text


def test_read_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    (doc,) = _read(path)
    assert doc.error is None and doc.fmt == "html"
    assert doc.title == "Border talks resume"
    assert doc.author == "Ada Morrow" and doc.published == dt.date(2021, 3, 4)
    assert BODY in doc.text and "Contact us" not in doc.text and "Home" not in doc.text
    assert "\n\n" in doc.text


def test_read_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text("<html><head><script>var a = 1;</script></head><body></body></html>", encoding="utf-8")
    (doc,) = _read(path)
    assert doc.error is not None and "no extractable text" in doc.error and str(path) in doc.error
    assert doc.text == ""


def test_read_jsonl_records_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    good = {"id": "x-1", "title": "Talks", "published": "2021-03-04", "url": "http://example.org/1",
            "text": BODY}  # fmt: skip
    lines = [json.dumps(good), "{not json", "", json.dumps({"title": "no text"}), json.dumps([1, 2]),
             json.dumps({"text": "   "}), json.dumps({"text": "A second record."})]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = _read(path)
    assert len(docs) == 6
    first = docs[0]
    assert first.error is None and first.fmt == "jsonl" and first.title == "Talks"
    assert first.published == dt.date(2021, 3, 4) and first.url == "http://example.org/1"
    assert first.extras["ingest"]["external_id"] == "x-1" and first.doc_id == Document.make_id(BODY)
    bad_json = docs[1]
    assert bad_json.error is not None and "line 2" in bad_json.error and "invalid JSON" in bad_json.error
    assert bad_json.doc_id == stable_id("error", str(path), 2)
    assert "no 'text' field" in (docs[2].error or "") and "line 4" in (docs[2].error or "")
    assert "JSON object" in (docs[3].error or "")
    assert "empty text" in (docs[4].error or "")
    assert docs[5].error is None


def test_read_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "batch.csv"
    path.write_text(
        'id,title,author,published,text\n7,Talks,Ada Morrow,2021-03-04,"' + BODY + '"\n8,Empty,,,""\n',
        encoding="utf-8",
    )
    ok, empty = _read(path)
    assert ok.error is None and ok.fmt == "csv" and ok.author == "Ada Morrow"
    assert ok.published == dt.date(2021, 3, 4) and ok.extras["ingest"]["external_id"] == "7"
    assert empty.error is not None and "empty text" in empty.error


def test_read_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    (doc,) = _read(path)
    assert doc.error is not None and "no 'text' column" in doc.error and "body" in doc.error


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty"),
        (b"   \n\n  \n", "empty"),
        (b"GIF89a\x00\x01\x00\x00binary", "binary"),
        (bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 50, "undecodable"),
        (b"Advertisement\n\nFacebook Twitter Linkedin Mail\n", "boilerplate"),
    ],
)
def test_bad_files_become_error_documents(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    docs = _read(bad, good)
    assert len(docs) == 2
    assert docs[0].error is not None and reason in docs[0].error and str(bad) in docs[0].error
    assert docs[0].text == "" and docs[0].doc_id == stable_id("error", str(bad), 0)
    assert docs[1].error is None


def test_missing_file_is_an_error_document(tmp_path: Path) -> None:
    (doc,) = _read(tmp_path / "nope.txt")
    assert doc.error is not None and "no such file" in doc.error


def test_cp1252_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("The minister\u2019s statement was welcomed by caf\u00e9 owners.".encode("cp1252"))
    (doc,) = _read(path)
    assert doc.error is None and "minister\u2019s" in doc.text and "café" in doc.text


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta happened in the north, police said today.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Alpha happened in the south, police said today.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 not read")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("Hidden text is skipped.", encoding="utf-8")
    docs = _read(tmp_path)
    assert [Path(d.source or "").name for d in docs] == ["a.txt", "z.txt"]


def test_fmt_forces_the_format(tmp_path: Path) -> None:
    path = tmp_path / "records.txt"
    path.write_text(json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    (doc,) = _read(path, fmt="jsonl")
    assert doc.fmt == "jsonl" and doc.text == BODY


def test_unknown_fmt_raises() -> None:
    with pytest.raises(IngestError):
        _read("-", fmt="pdf")


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(ARTICLE))
    (doc,) = _read("-")
    assert doc.source == "stdin" and doc.author == "Ada Morrow" and doc.error is None


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = json.dumps({"id": 1, "text": BODY}) + "\n" + json.dumps({"text": "Another short record here."})
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    docs = _read("-", fmt="jsonl")
    assert [d.extras["ingest"].get("external_id") for d in docs] == ["1", None]


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path != "/story.html":
            self.send_error(404)
            return
        body = HTML.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - silence the test server
        return


@pytest.fixture()
def loopback() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_url_is_fetched_as_html(loopback: str) -> None:
    (doc,) = _read(f"{loopback}/story.html")
    assert doc.error is None and doc.fmt == "html" and doc.url == f"{loopback}/story.html"
    assert BODY in doc.text and doc.title == "Border talks resume"


def test_url_not_found_is_an_error_document(loopback: str) -> None:
    (doc,) = _read(f"{loopback}/missing.html")
    assert doc.error is not None and "404" in doc.error


def test_index_page_file_is_split_with_parent_ids(tmp_path: Path) -> None:
    page = "\n\n".join([
        "Ministers agree on a new trade corridor", BODY,
        "Continue reading Ministers agree on a new trade corridor",
        "Rebels release two hostages", BODY + " Two more were freed later.", "Read more",
    ])  # fmt: skip
    path = tmp_path / "index.txt"
    path.write_text(page, encoding="utf-8")
    docs = _read(path)
    assert [d.position for d in docs] == [0, 1]
    assert [d.title for d in docs] == ["Ministers agree on a new trade corridor",
                                       "Rebels release two hostages"]  # fmt: skip
    assert {d.parent_id for d in docs} == {Document.make_id(page)}
    assert all("Continue reading" not in d.text and "Read more" not in d.text for d in docs)
    assert all(d.doc_id == Document.make_id(d.text) for d in docs)


HTML_INDEX_POSTS = (
    ("Ministers agree on a new trade corridor",
     "Trade ministers from four countries signed a memorandum on a rail corridor in the capital on Monday.",
     "The agreement still needs approval by each parliament, a spokesperson for the ministry said."),
    ("Rebels release two hostages near the border",
     "Two aid workers held for three weeks were handed to a church delegation late on Saturday evening.",
     "The group said the release was a goodwill gesture ahead of talks planned for next month."),
    ("Opposition calls for early elections",
     "Opposition leaders demanded a vote before the summer after the coalition lost its majority.",
     "The prime minister rejected the call and said the government would serve its full term."),
)  # fmt: skip


def test_html_index_page_is_split_with_headlines(tmp_path: Path) -> None:
    articles = "".join(
        f"<article><header><h2><a href='/p{i}'>{title}</a></h2></header><p>{first}</p><p>{second}</p>"
        f"<p><a href='/p{i}'>Continue reading {title}</a></p></article>"
        for i, (title, first, second) in enumerate(HTML_INDEX_POSTS)
    )
    page = f"<html><head><title>Blog</title></head><body><nav>Home</nav><main>{articles}</main></body></html>"
    path = tmp_path / "index.html"
    path.write_text(page, encoding="utf-8")
    docs = _read(path)
    assert [d.title for d in docs] == [title for title, _, _ in HTML_INDEX_POSTS]
    assert [d.position for d in docs] == [0, 1, 2] and len({d.parent_id for d in docs}) == 1
    for doc, (_, first, second) in zip(docs, HTML_INDEX_POSTS, strict=True):
        assert first in doc.text and second in doc.text and "Continue reading" not in doc.text


def test_stdin_bytes_are_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = "The minister\u2019s statement was welcomed by caf\u00e9 owners on Friday.".encode("cp1252")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    (doc,) = _read("-")
    assert doc.error is None and "minister\u2019s" in doc.text


def test_csv_row_line_numbers_follow_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text('text\n"First paragraph.\n\nSecond paragraph of the story."\n""\n', encoding="utf-8")
    first, second = _read(path)
    assert first.text == "First paragraph.\n\nSecond paragraph of the story."
    assert second.error is not None and "line 5" in second.error


@pytest.mark.parametrize(
    "name,content", [("none.jsonl", "\n\n"), ("none.csv", ""), ("header.csv", "id,text\n")]
)
def test_record_files_without_records_are_error_documents(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    (doc,) = _read(path)
    assert doc.error is not None and "empty document" in doc.error and str(path) in doc.error


def test_unexpected_failure_in_one_file_spares_the_rest_of_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tidings.stages.ingest as ingest

    (tmp_path / "a.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")

    def broken(html: str) -> None:
        raise RuntimeError("extractor crashed")

    monkeypatch.setattr(ingest, "extract_html", broken)
    first, second = _read(tmp_path)
    assert first.error is not None and "extractor crashed" in first.error
    assert first.source == str(tmp_path / "a.html")
    assert second.error is None and second.author == "Ada Morrow"
