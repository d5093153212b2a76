"""The REST API over a DuckDB store filled with hand-built documents (no spaCy)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tidings.api import create_app
from tidings.model import Claim, Document, Event, Quote, Sentence, stable_id

TEXT_1 = "North Korea fired missiles toward Japan on Monday. Seoul said Pyongyang threatened the United States."
TEXT_2 = "The United States and South Korea agreed in 2022 to hold talks. Seoul may consult Washington on troops."


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for index, part in enumerate(text.split(". ")):
        body = part if part.endswith(".") else part + "."
        out.append(Sentence(index=index, start=start, end=start + len(body), text=body))
        start += len(body) + 1
    return out


def _event(doc_id: str, text: str, sentence: Sentence, event_type: str, source: tuple[str, str],
           verb: str, target: tuple[str, str], **extra: Any) -> Event:  # fmt: skip
    """An event whose spans are found in ``sentence``; ``source``/``target`` are (text, country)."""

    def span(part: str) -> tuple[int, int]:
        at = text.index(part, sentence.start)
        return at, at + len(part)

    (s0, s1), (v0, v1), (t0, t1) = span(source[0]), span(verb), span(target[0])
    return Event(
        event_id=stable_id(doc_id, sentence.index, event_type, source[1], target[1]),
        doc_id=doc_id, sentence_index=sentence.index, sentence_text=sentence.text,
        char_start=sentence.start, char_end=sentence.end, event_type=event_type,
        source_text=source[0], source_start=s0, source_end=s1, source_country=source[1], source_sector="GOV",
        verb_text=verb, verb_start=v0, verb_end=v1,
        target_text=target[0], target_start=t0, target_end=t1, target_country=target[1],
        rule=f"test.{event_type.lower()}", trace={"rule": f"test.{event_type.lower()}", "steps": ["hand-built"]},
        **extra,
    )  # fmt: skip


def build_documents() -> list[Document]:
    """Two documents, four events (ASSAULT, THREATEN, AGREE, CONSULT), a quote and a claim."""
    d1 = Document(doc_id="doc-one", text=TEXT_1, title="Missiles toward Japan", published=dt.date(2023, 3, 14),
                  source="test")  # fmt: skip
    d1.sentences = _sentences(TEXT_1)
    d1.events = [
        _event(d1.doc_id, TEXT_1, d1.sentences[0], "ASSAULT", ("North Korea", "PRK"), "fired", ("Japan", "JPN"),
               event_date="2023-03-13", date_precision="day", date_text="on Monday", location_name="Japan",
               confidence=0.9, cameo_code="195", source_actor_id="org.prk.kpa"),
        _event(d1.doc_id, TEXT_1, d1.sentences[1], "THREATEN", ("Pyongyang", "PRK"), "threatened",
               ("the United States", "USA"), event_date="2023-03", date_precision="month", factuality="reported",
               claimant_text="Seoul", claimant_country="KOR", confidence=0.6),
    ]  # fmt: skip
    quote_start = TEXT_1.index("Pyongyang threatened")
    d1.quotes = [Quote(quote_id="q1", doc_id=d1.doc_id, text="Pyongyang threatened the United States",
                       start=quote_start, end=quote_start + 38, kind="indirect", speaker_text="Seoul",
                       speaker_start=TEXT_1.index("Seoul"), speaker_end=TEXT_1.index("Seoul") + 5,
                       speaker_country="KOR", cue="said")]  # fmt: skip
    d2 = Document(doc_id="doc-two", text=TEXT_2, title="Talks agreed", published=dt.date(2022, 5, 1), source="test")
    d2.sentences = _sentences(TEXT_2)
    d2.events = [
        _event(d2.doc_id, TEXT_2, d2.sentences[0], "AGREE", ("The United States", "USA"), "agreed",
               ("South Korea", "KOR"), event_date="2022", date_precision="year", confidence=0.8),
        _event(d2.doc_id, TEXT_2, d2.sentences[1], "CONSULT", ("Seoul", "KOR"), "consult", ("Washington", "USA"),
               factuality="hypothetical", confidence=0.4),
    ]  # fmt: skip
    d2.claims = [Claim(claim_id="c1", doc_id=d2.doc_id, text="in 2022", start=TEXT_2.index("in 2022"),
                       end=TEXT_2.index("in 2022") + 7, value=2022, kind="count")]  # fmt: skip
    return [d1, d2]


@pytest.fixture()
def db_path(store_of: Any) -> str:
    return str(store_of(build_documents()))


@pytest.fixture()
def client(client_of: Any, db_path: str) -> TestClient:
    return client_of(db_path)  # type: ignore[no-any-return]


def _ids(response: Any) -> set[str]:
    assert response.status_code == 200, response.text
    return {item["event_type"] for item in response.json()["items"]}


def test_api_events_page_shape_and_paging(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 3, "sort": "confidence", "order": "desc"}).json()
    assert (first["total"], first["limit"], first["offset"]) == (4, 3, 0)
    assert [e["confidence"] for e in first["items"]] == [0.9, 0.8, 0.6]
    rest = client.get("/api/events", params={"limit": 3, "offset": 3, "sort": "confidence", "order": "desc"}).json()
    assert [e["event_type"] for e in rest["items"]] == ["CONSULT"]
    assert "trace" not in first["items"][0]
    assert first["items"][0]["doc_title"] == "Missiles toward Japan"
    assert client.get("/api/events", params={"offset": 10}).json()["items"] == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "ASSAULT"}, {"ASSAULT"}),
        ({"type": "agree,consult"}, {"AGREE", "CONSULT"}),
        ({"actor": "PRK"}, {"ASSAULT", "THREATEN"}),
        ({"source": "USA"}, {"AGREE"}),
        ({"source": "usa"}, {"AGREE"}),
        ({"actor": "org.prk.kpa"}, {"ASSAULT"}),
        ({"target": "USA"}, {"THREATEN", "CONSULT"}),
        ({"dyad": "USA-KOR"}, {"AGREE", "CONSULT"}),
        ({"dyad": "kor-usa"}, {"AGREE", "CONSULT"}),
        ({"factuality": "reported"}, {"THREATEN"}),
        ({"min_confidence": 0.7}, {"ASSAULT", "AGREE"}),
        ({"q": "missiles"}, {"ASSAULT"}),
        ({"q": "washington"}, {"CONSULT"}),
        ({"since": "2023-01-01"}, {"ASSAULT", "THREATEN"}),
        ({"since": "2023-03-10", "until": "2023-03-31"}, {"ASSAULT", "THREATEN"}),
        ({"until": "2022-12-31"}, {"AGREE"}),
        ({"doc_id": "doc-two"}, {"AGREE", "CONSULT"}),
        ({"actor": "PRK", "type": "THREATEN"}, {"THREATEN"}),
        ({"q": "100%_sure"}, set()),
    ],
)
def test_api_events_filters(client: TestClient, params: dict[str, Any], expected: set[str]) -> None:
    response = client.get("/api/events", params=params)
    assert _ids(response) == expected
    assert response.json()["total"] == len(expected)


@pytest.mark.parametrize(
    "params",
    [
        {"type": "FOO"}, {"limit": 501}, {"limit": 0}, {"offset": -1}, {"since": "last week"},
        {"until": "2023-13"}, {"dyad": "USA"}, {"sort": "sentence_text; DROP TABLE events"},
        {"order": "sideways"}, {"min_confidence": 2}, {"factuality": "maybe"}, {"actor": "U S A"},
    ],
)
def test_api_events_bad_filter_is_422(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"error", "detail"} and body["error"]
    assert client.get("/api/events").json()["total"] == 4


@pytest.mark.parametrize("path", ["/api/documents/nope", "/api/events/nope", "/api/nothing-here"])
def test_api_unknown_id_is_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]


def test_api_event_detail_has_trace(client: TestClient) -> None:
    listed = client.get("/api/events", params={"type": "THREATEN"}).json()["items"][0]
    detail = client.get(f"/api/events/{listed['event_id']}").json()
    assert detail["trace"] == {"rule": "test.threaten", "steps": ["hand-built"]}
    assert detail["claimant_text"] == "Seoul" and detail["factuality"] == "reported"
    assert "why" in detail


def test_api_document_detail(client: TestClient) -> None:
    doc = client.get("/api/documents/doc-one").json()
    assert doc["text"] == TEXT_1 and doc["title"] == "Missiles toward Japan"
    assert [s["idx"] for s in doc["sentences"]] == [0, 1]
    assert {e["event_type"] for e in doc["events"]} == {"ASSAULT", "THREATEN"}
    verb = next(e for e in doc["events"] if e["event_type"] == "ASSAULT")
    assert doc["text"][verb["verb_start"] : verb["verb_end"]] == "fired"
    (quote,) = doc["quotes"]
    assert doc["text"][quote["start"] : quote["end"]] == quote["text"]
    assert doc["claims"] == []
    assert client.get("/api/documents/doc-two").json()["claims"][0]["text"] == "in 2022"


def test_api_documents_list_newest_first(client: TestClient) -> None:
    page = client.get("/api/documents", params={"limit": 1}).json()
    assert page["total"] == 2
    assert [d["doc_id"] for d in page["items"]] == ["doc-one"]
    assert "text" not in page["items"][0]
    assert client.get("/api/documents", params={"limit": 1, "offset": 1}).json()["items"][0]["doc_id"] == "doc-two"


def test_api_actors_counts(client: TestClient) -> None:
    items = {a["code"]: a for a in client.get("/api/actors").json()["items"]}
    assert items["PRK"] == {"code": "PRK", "as_source": 2, "as_target": 0, "total": 2}
    assert items["USA"]["as_source"] == 1 and items["USA"]["as_target"] == 2
    only_2022 = {a["code"] for a in client.get("/api/actors", params={"until": "2022-12-31"}).json()["items"]}
    assert only_2022 == {"USA", "KOR"}


def test_api_dyad_series_per_type(client: TestClient) -> None:
    yearly = client.get("/api/dyads/USA/KOR/series", params={"freq": "year"}).json()
    assert yearly["periods"] == ["2022"]
    assert yearly["series"] == {"AGREE": [1]}
    assert yearly["directed"] == {"USA->KOR": 1, "KOR->USA": 1}
    assert yearly["undated"] == 1  # the CONSULT has no date of its own
    monthly = client.get("/api/dyads/usa/kor/series", params={"freq": "month"}).json()
    assert monthly["periods"] == [] and monthly["undated"] == 2  # "2022" cannot go in a month
    assert client.get("/api/dyads/USA/KOR/series", params={"freq": "week"}).status_code == 422


def test_api_graph_edges(client: TestClient) -> None:
    data = client.get("/api/graph").json()
    edges = {(e["source"], e["target"]): e for e in data["edges"]}
    assert set(edges) == {("PRK", "JPN"), ("PRK", "USA"), ("USA", "KOR"), ("KOR", "USA")}
    assert edges[("PRK", "JPN")]["types"] == {"ASSAULT": 1} and edges[("PRK", "JPN")]["top_type"] == "ASSAULT"
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["PRK"]["out"] == 2 and nodes["USA"]["weight"] == 3
    assault = client.get("/api/graph", params={"types": "ASSAULT"}).json()
    assert [(e["source"], e["target"]) for e in assault["edges"]] == [("PRK", "JPN")]
    assert client.get("/api/graph", params={"since": "2023"}).json()["edges"][0]["source"] == "PRK"
    assert client.get("/api/graph", params={"types": "NOPE"}).status_code == 422


def test_api_export_csv_filtered(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "csv", "actor": "PRK"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(r["event_type"] for r in rows) == ["ASSAULT", "THREATEN"]
    assert "attachment" in response.headers["content-disposition"]


def test_api_export_jsonl(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "jsonl"})
    records = [json.loads(line) for line in response.text.splitlines() if line.strip()]
    assert len(records) == 4
    assert {r["event_type"] for r in records} == {"ASSAULT", "THREATEN", "AGREE", "CONSULT"}


def test_api_export_parquet(client: TestClient, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    response = client.get("/api/export", params={"format": "parquet", "type": "AGREE"})
    assert response.content[:4] == b"PAR1"
    out = tmp_path / "events.parquet"
    out.write_bytes(response.content)
    table = pq.read_table(out)
    assert table.num_rows == 1 and table.column("event_type").to_pylist() == ["AGREE"]


def test_api_export_bad_format_is_422(client: TestClient) -> None:
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422


def test_api_ingest_too_large_is_413(db_path: str) -> None:
    with TestClient(create_app(db_path, max_upload=1000)) as small:
        response = small.post("/api/ingest", json={"text": "x" * 2000})
        assert response.status_code == 413
        assert "limit" in response.json()["error"]
        upload = small.post("/api/ingest", files={"file": ("big.txt", b"y" * 5000, "text/plain")})
        assert upload.status_code == 413
        assert small.get("/api/meta").json()["counts"]["documents"] == 2


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400),
        ({"json": {"title": "no text"}}, 400),
        ({"json": {"text": "   "}}, 400),
        ({"json": {"text": "ok", "published": "yesterday"}}, 400),
        ({"content": b"text", "headers": {"content-type": "application/xml"}}, 415),
        ({"files": {"file": ("blob.bin", b"\x00\x01\x02\x00" * 10, "application/octet-stream")}}, 400),
        ({"files": {"other": ("a.txt", b"text", "text/plain")}}, 400),
    ],
)
def test_api_ingest_bad_input(client: TestClient, kwargs: dict[str, Any], status: int) -> None:
    response = client.post("/api/ingest", **kwargs)
    assert response.status_code == status, response.text
    assert response.json()["error"]


def test_api_read_only_refuses_ingest(db_path: str) -> None:
    with TestClient(create_app(db_path, read_only=True)) as ro:
        assert ro.get("/api/meta").json()["read_only"] is True
        assert ro.get("/api/events").json()["total"] == 4
        exported = ro.get("/api/export", params={"format": "csv"})
        assert exported.status_code == 200 and len(exported.text.strip().splitlines()) == 5
        response = ro.post("/api/ingest", json={"text": "Seoul protested."})
        assert response.status_code == 403 and "read-only" in response.json()["error"]


def test_api_summary_and_meta(client: TestClient) -> None:
    meta = client.get("/api/meta").json()
    assert meta["counts"]["events"] == 4 and meta["max_page"] == 500 and "ASSAULT" in meta["types"]
    summary = client.get("/api/summary").json()
    assert summary["events"] == 4 and summary["documents"] == 2


def test_api_openapi_documents_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}", "/api/actors",
                 "/api/dyads/{a}/{b}/series", "/api/graph", "/api/ingest", "/api/export"):  # fmt: skip
        assert path in paths
    assert "multipart/form-data" in paths["/api/ingest"]["post"]["requestBody"]["content"]


def test_api_serves_ui_offline(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    for asset in ("/static/app.js", "/static/charts.js", "/static/apidoc.js", "/static/style.css"):
        assert client.get(asset).status_code == 200
    reference = client.get("/docs")
    assert reference.status_code == 200 and "/static/apidoc.js" in reference.text and "cdn" not in reference.text
    assert client.get("/redoc").status_code == 404
    assert "http://" not in page.text and "https://" not in page.text  # no CDN
    assert "https://" not in client.get("/static/app.js").text


@pytest.mark.model
def test_api_ingest_text_codes_events(tmp_path: Path) -> None:
    text = ("North Korea fired two ballistic missiles toward Japan on Monday, the Japanese defence ministry said. "
            "Japan protested to North Korea through diplomatic channels.")  # fmt: skip
    with TestClient(create_app(str(tmp_path / "ingest.duckdb"))) as api:
        response = api.post("/api/ingest", json={"text": text, "title": "Launch", "published": "2023-03-13"})
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["errors"] == [] and len(body["doc_ids"]) == 1
        doc_id = body["doc_ids"][0]
        assert body["documents"][0]["events"] >= 1
        events = api.get("/api/events", params={"doc_id": doc_id}).json()
        assert events["total"] == body["documents"][0]["events"]
        assert any(e["source_country"] == "PRK" for e in events["items"])
        again = api.post("/api/ingest", json={"text": text}).json()
        assert again["documents"][0]["new"] is False
        assert api.get("/api/meta").json()["counts"]["documents"] == 1


def test_api_serve_command_runs_uvicorn(db_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from click.testing import CliRunner

    from tidings.cli import cli

    seen: dict[str, Any] = {}

    def fake_run(app: Any, host: str, port: int, **_: Any) -> None:
        seen.update(host=host, port=port, read_only=app.state.tidings.read_only, db=app.state.tidings.db_path)
        app.state.tidings.close()

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(cli, ["serve", "--db", db_path, "--port", "8123", "--read-only"])
    assert result.exit_code == 0, result.output
    assert seen == {"host": "127.0.0.1", "port": 8123, "read_only": True, "db": db_path}
    helped = CliRunner().invoke(cli, ["serve", "--help"])
    assert "Example:" in helped.output and "--port" in helped.output


@pytest.fixture()
def bare_client(tmp_path: Path) -> Iterator[TestClient]:
    """An API whose pipeline has no stages: ingest reads and stores documents without spaCy."""
    from tidings.pipeline import Pipeline

    app = create_app(str(tmp_path / "bare.duckdb"))
    app.state.tidings._pipeline = Pipeline([])
    with TestClient(app) as test_client:
        yield test_client


def test_api_ingest_reads_uploads_like_the_cli(bare_client: TestClient) -> None:
    html = (b"<html><head><title>Border talks resume</title></head><body><article><h1>Border talks resume</h1>"
            b"<p>Officials from both countries met in Geneva on Tuesday to resume talks on the border.</p>"
            b"<p>The delegations agreed to meet again next month, a spokesman said.</p></article></body></html>")
    lines = b'{"text": "Seoul protested the launch.", "title": "One"}\n{"text": "Tokyo lodged a complaint."}\n'
    response = bare_client.post("/api/ingest", files=[("file", ("page.html", html, "text/html")),
                                                      ("file", ("feed.jsonl", lines, "application/x-ndjson"))])
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["errors"] == [] and len(body["doc_ids"]) == 3
    titles = {d["title"] for d in body["documents"]}
    assert {"Border talks resume", "One"} <= titles
    assert all(d["source"].startswith(("page.html", "feed.jsonl")) for d in body["documents"])
    stored = bare_client.get(f"/api/documents/{body['doc_ids'][0]}").json()
    assert "Geneva" in stored["text"]
    again = bare_client.post("/api/ingest", files={"file": ("feed.jsonl", lines, "application/x-ndjson")}).json()
    assert [d["new"] for d in again["documents"]] == [False, False]
    assert bare_client.get("/api/documents").json()["total"] == 3


def test_api_ingest_pasted_text_keeps_given_metadata(bare_client: TestClient) -> None:
    payload = {"text": "Pyongyang warned Seoul on Friday.", "title": "Warning", "published": "2023-04-07"}
    body = bare_client.post("/api/ingest", json=payload).json()
    (doc_id,) = body["doc_ids"]
    stored = bare_client.get(f"/api/documents/{doc_id}").json()
    assert (stored["title"], stored["published"], stored["source"]) == ("Warning", "2023-04-07", "api")
    form = bare_client.post("/api/ingest", data={"text": "Tokyo protested.", "title": "Form"}).json()
    assert form["documents"][0]["title"] == "Form" and form["documents"][0]["new"] is True


def test_api_concurrent_requests_share_the_store(client: TestClient) -> None:
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/api/events?actor=PRK", "/api/graph", "/api/documents/doc-one", "/api/actors",
             "/api/dyads/USA/KOR/series", "/api/export?format=csv"] * 8  # fmt: skip
    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(lambda p: client.get(p).status_code, paths))
    assert statuses == [200] * len(paths)
