"""The analyst's workbench over the REST API: reviews, the actor dictionary, facets, the map, time series,
period filters and the shared ingest/export services (hand-built documents, no spaCy)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from test_api import build_documents

from tidings.api import create_app
from tidings.model import Document, Event, Sentence
from tidings.store import Store

EXTRA_TEXT = (
    "Japanese jets shadowed a North Korean patrol near Wonsan in December. Crowds marched in Tokyo on 31 Dec."
)


def extra_document() -> Document:
    """A third document: a JPN -> PRK event at the end of 2022 with a place and coordinates, and a protest."""
    doc = Document(doc_id="doc-three", text=EXTRA_TEXT, title="Jets and crowds", source="test")
    split = EXTRA_TEXT.index("Crowds")
    doc.sentences = [Sentence(0, 0, split - 1, EXTRA_TEXT[: split - 1]), Sentence(1, split, len(EXTRA_TEXT),
                                                                                 EXTRA_TEXT[split:])]  # fmt: skip

    def at(part: str) -> tuple[int, int]:
        i = EXTRA_TEXT.index(part)
        return i, i + len(part)

    (s0, s1), (v0, v1), (t0, t1) = at("Japanese jets"), at("shadowed"), at("a North Korean patrol")
    doc.events = [
        Event(event_id="jets", doc_id=doc.doc_id, sentence_index=0, sentence_text=doc.sentences[0].text, char_start=0,
              char_end=split - 1, event_type="MOBILIZE", cameo_code="150", source_text="Japanese jets",
              source_start=s0, source_end=s1, source_country="JPN", source_sector="MIL", verb_text="shadowed",
              verb_start=v0, verb_end=v1, target_text="a North Korean patrol", target_start=t0, target_end=t1,
              target_country="PRK", target_sector="MIL", event_date="2022-12", date_precision="month",
              location_name="Wonsan", location_country="PRK", latitude=39.15, longitude=127.44),
        Event(event_id="crowds", doc_id=doc.doc_id, sentence_index=1, sentence_text=doc.sentences[1].text,
              char_start=split, char_end=len(EXTRA_TEXT), event_type="PROTEST", source_text="Crowds",
              source_start=split, source_end=split + 6, source_country="JPN", source_sector="CVL",
              verb_text="marched", event_date="2022-12-31", date_precision="day", location_name="Tokyo",
              location_country="JPN", latitude=35.69, longitude=139.69),
    ]  # fmt: skip
    return doc


@pytest.fixture()
def db_path(store_of: Any) -> str:
    return str(store_of([*build_documents(), extra_document()], name="bench.duckdb"))


@pytest.fixture()
def client(client_of: Any, db_path: str) -> TestClient:
    return client_of(db_path)  # type: ignore[no-any-return]


def _event_id(client: TestClient, **params: Any) -> str:
    items = client.get("/api/events", params=params).json()["items"]
    assert len(items) == 1, items
    return str(items[0]["event_id"])


def test_api_review_marks_and_corrects_an_event(client: TestClient) -> None:
    event_id = _event_id(client, type="ASSAULT")
    answer = client.post(
        f"/api/events/{event_id}/review",
        json={
            "verdict": "wrong",
            "corrections": {"event_type": "threaten", "target_sector": "gov"},
            "note": "a warning",
        },
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["corrections"] == {"event_type": "THREATEN", "target_sector": "GOV"}
    detail = client.get(f"/api/events/{event_id}").json()
    assert detail["review"] == "wrong" and detail["reviews"][0]["note"] == "a warning"
    listed = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"][0]
    assert listed["review"] == "wrong"
    # A later verdict wins, and the history is kept.
    assert client.post(f"/api/events/{event_id}/review", json={"verdict": "right"}).status_code == 201
    assert client.get(f"/api/events/{event_id}").json()["review"] == "right"
    assert len(client.get(f"/api/events/{event_id}").json()["reviews"]) == 2
    reviews = client.get("/api/reviews").json()
    assert reviews["total"] == 1 and reviews["items"][0]["verdict"] == "right"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"verdict": "maybe"}, 422),
        ({"verdict": "wrong", "corrections": {"event_type": "PARTY"}}, 422),
        ({"verdict": "wrong", "corrections": {"colour": "red"}}, 422),
        ({"verdict": "wrong", "corrections": {"source_country": "North Korea"}}, 422),
    ],
)
def test_api_review_rejects_bad_input(client: TestClient, body: dict[str, Any], status: int) -> None:
    event_id = _event_id(client, type="AGREE")
    assert client.post(f"/api/events/{event_id}/review", json=body).status_code == status


def test_api_review_unknown_event_is_404(client: TestClient) -> None:
    assert client.post("/api/events/nope/review", json={"verdict": "right"}).status_code == 404


def test_api_review_on_a_read_only_server_is_403(db_path: str) -> None:
    with TestClient(create_app(db_path, read_only=True)) as reader:
        answer = reader.post("/api/events/jets/review", json={"verdict": "right"})
        assert answer.status_code == 403
        assert reader.post("/api/actors/dictionary", json={"phrase": "x"}).status_code == 403


def test_api_review_export_is_gold_format(client: TestClient) -> None:
    client.post(
        "/api/events/jets/review", json={"verdict": "wrong", "corrections": {"event_type": "THREATEN"}}
    )
    client.post("/api/events/crowds/review", json={"verdict": "wrong"})
    lines = [json.loads(x) for x in client.get("/api/reviews/export").text.splitlines()]
    [line] = lines
    assert line["doc"] == "doc-three" and line["split"] == "train" and "text" not in line
    assert line["text_sha1"] == hashlib.sha1(EXTRA_TEXT.encode("utf-8")).hexdigest()
    [event] = line["events"]
    assert event["type"] == "THREATEN" and event["verdict"] == "wrong"
    trigger = event["trigger"]
    assert EXTRA_TEXT[trigger["start"] : trigger["end"]] == "shadowed"
    assert EXTRA_TEXT[event["source"]["start"] : event["source"]["end"]] == "Japanese jets"
    assert (
        event["place"]["country"] == "PRK"
        and EXTRA_TEXT[event["place"]["start"] : event["place"]["end"]] == "Wonsan"
    )
    assert line["decoys"] == [[EXTRA_TEXT.index("Crowds"), len(EXTRA_TEXT)]]  # wrong without a fix: no event


def test_api_actor_dictionary_writes_yaml_the_kb_reads(client: TestClient, db_path: str) -> None:
    answer = client.post("/api/actors/dictionary", json={"phrase": "Wonsan coast guard", "country": "prk",
                                                         "sector": "cop"})  # fmt: skip
    assert answer.status_code == 201, answer.text
    path = Path(answer.json()["file"])
    assert path == Path(db_path).with_name("bench.actors.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["orgs"][0]["country"] == "PRK" and data["orgs"][0]["aliases"] == ["Wonsan coast guard"]
    from tidings.stages.actors import lookup

    [mention] = lookup("Wonsan coast guard", files=[path])[:1]
    assert mention.actor is not None and (mention.actor.country, mention.actor.sector) == ("PRK", "COP")
    assert client.post("/api/actors/dictionary", json={"phrase": "  "}).status_code == 422


def test_api_facets_count_under_filters(client: TestClient) -> None:
    types = client.get("/api/facets", params={"field": "event_type"}).json()["items"]
    assert {t["value"]: t["n"] for t in types} == {"ASSAULT": 1, "THREATEN": 1, "AGREE": 1, "CONSULT": 1,
                                                  "MOBILIZE": 1, "PROTEST": 1}  # fmt: skip
    sources = client.get("/api/facets", params={"field": "source_country"}).json()["items"]
    assert sources[0] == {"value": "JPN", "n": 2, "filter": "source"}  # most first
    months = client.get("/api/facets", params={"field": "month", "source": "PRK"}).json()["items"]
    assert [(m["value"], m["n"], m["filter"]) for m in months] == [("2023-03", 2, "month")]
    places = client.get("/api/facets", params={"field": "location_country"}).json()["items"]
    assert {p["value"] for p in places} == {"PRK", "JPN"}
    # Clicking a facet value sets its filter: the month filter keeps exactly that month.
    assert {
        e["event_id"] for e in client.get("/api/events", params={"month": "2022-12"}).json()["items"]
    } == {"jets", "crowds"}
    assert client.get("/api/facets", params={"field": "colour"}).status_code == 422


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor_name": "North Korea"}, {"ASSAULT", "THREATEN", "MOBILIZE"}),
        ({"actor_name": "Korean People's Army"}, {"ASSAULT"}),  # an organisation: its actor id
        ({"actor_name": "Japanese jets"}, {"ASSAULT", "MOBILIZE", "PROTEST"}),  # resolves to Japan
        ({"actor_name": "Crowds"}, {"PROTEST"}),  # a sector word, no entity: matched as text
        ({"until": "2022"}, {"AGREE", "MOBILIZE", "PROTEST"}),  # the whole of 2022, 31 December included
        ({"until": "2022-12"}, {"AGREE", "MOBILIZE", "PROTEST"}),
        ({"since": "2022-12", "until": "2022-12"}, {"AGREE", "MOBILIZE", "PROTEST"}),  # "2022" overlaps
        ({"since": "2023-03-14"}, {"THREATEN"}),  # "2023-03" overlaps the 14th; the 13th does not
        ({"location": "prk"}, {"MOBILIZE"}),
        ({"place": "tokyo"}, {"PROTEST"}),
    ],
)
def test_api_filters_by_name_period_and_place(
    client: TestClient, params: dict[str, Any], expected: set[str]
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    assert {e["event_type"] for e in response.json()["items"]} == expected


def test_api_map_groups_events_by_place(client: TestClient) -> None:
    data = client.get("/api/map").json()
    assert data["events"] == 6 and data["total"] == 2
    by_name = {p["name"]: p for p in data["points"]}
    assert by_name["Wonsan"]["lat"] == 39.15 and by_name["Wonsan"]["top_type"] == "MOBILIZE"
    assert by_name["Tokyo"]["types"] == {"PROTEST": 1}
    assert client.get("/api/map", params={"type": "PROTEST"}).json()["points"][0]["name"] == "Tokyo"


def test_api_dyad_series_continuous_axis_both_directions(client: TestClient) -> None:
    data = client.get("/api/dyads/PRK/JPN/series", params={"freq": "month"}).json()
    assert data["periods"] == ["2022-12", "2023-01", "2023-02", "2023-03"]  # empty months are there
    forward, back = data["directions"]
    assert forward["key"] == "PRK->JPN" and forward["counts"] == [0, 0, 0, 1]
    assert back["key"] == "JPN->PRK" and back["counts"] == [1, 0, 0, 0]
    assert forward["goldstein"][3] == -10.0  # CAMEO 195 takes the value of its root 19 (fight)
    assert back["goldstein"][0] == -7.2  # CAMEO 150: exhibit force posture


def test_api_actor_series_and_bounds(client: TestClient) -> None:
    data = client.get(
        "/api/actors/PRK/series", params={"freq": "month", "since": "2022-11", "until": "2023-04"}
    ).json()
    assert data["periods"][0] == "2022-11" and data["periods"][-1] == "2023-04" and len(data["periods"]) == 6
    as_source, as_target = data["directions"]
    assert (as_source["key"], sum(as_source["counts"])) == ("as source", 2)
    assert (as_target["key"], sum(as_target["counts"])) == ("as target", 1)
    assert (
        client.get(
            "/api/actors/PRK/series", params={"freq": "day", "since": "1900", "until": "2023"}
        ).status_code
        == 422
    )


def test_api_export_uses_the_cli_exporter(client: TestClient) -> None:
    plover = client.get("/api/export", params={"format": "plover-json", "type": "MOBILIZE"})
    assert plover.status_code == 200
    [record] = plover.json()
    assert record["event"] == ["MOBILIZE"] and record["quad_code"] == 4
    no_trace = client.get("/api/export", params={"format": "jsonl", "trace": "false"}).text.splitlines()
    assert "trace" not in json.loads(no_trace[0])


def test_api_docs_page_text_has_no_rest_markup(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    text = json.dumps(spec)
    assert "review" in text and "/api/facets" in spec["paths"] and "/api/map" in spec["paths"]
    script = client.get("/static/apidoc.js").text
    assert "plainText" in script  # descriptions pass through the reST cleaner


def test_api_world_map_ships_offline(client: TestClient) -> None:
    world = client.get("/static/world-110m.json")
    assert world.status_code == 200 and len(world.content) < 1_000_000
    data = world.json()
    codes = {f["properties"]["iso3"] for f in data["features"]}
    assert {"PRK", "JPN", "UKR", "KOS"} <= codes and "Natural Earth" in data["source"]


def test_api_summary_takes_filters_and_errors_are_listed(db_path: str) -> None:
    with Store(db_path) as store:
        store.record_error("scan.pdf", "binary file")
    with TestClient(create_app(db_path)) as client:
        summary = client.get("/api/summary", params={"source": "JPN"}).json()
        assert summary["events"] == 2 and summary["documents"] == 3
        assert {r["value"] for r in summary["by_type"]} == {"MOBILIZE", "PROTEST"}
        errors = client.get("/api/errors").json()
        assert errors["total"] == 1 and errors["items"][0]["source"] == "scan.pdf"
        assert client.get("/api/meta").json()["facets"][0] == "event_type"
