"""The analyst's workbench in headless Chromium: review, facets, the map, the dyad chart, the API page.

Same set-up as test_browser_ui.py (conftest.py: uvicorn in a thread, Debian's Chromium, no network);
screenshots go to test-output/workbench-*.png.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest
from test_browser_ui import OUT, seeded_document

from tidings.model import Document, Event, Sentence

pytestmark = pytest.mark.browser

SECOND = "Japanese destroyers shadowed a North Korean freighter off Wonsan before the new year."


def _documents() -> list[Document]:
    """The seeded article (its ASSAULT placed in the Sea of Japan) and a December event JPN -> PRK at Wonsan."""
    first = seeded_document()
    first.events[0] = dataclasses.replace(first.events[0], location_name="Sea of Japan", location_country="JPN",
                                          latitude=40.0, longitude=135.0, cameo_code="190")  # fmt: skip
    doc = Document(doc_id="second", text=SECOND, title="Destroyers off Wonsan", published=dt.date(2023, 1, 2))
    doc.sentences = [Sentence(0, 0, len(SECOND), SECOND)]
    s0, v0, t0 = SECOND.index("Japanese"), SECOND.index("shadowed"), SECOND.index("a North Korean freighter")
    doc.events = [Event(event_id="second-e0", doc_id="second", sentence_index=0, sentence_text=SECOND, char_start=0,
                        char_end=len(SECOND), event_type="MOBILIZE", cameo_code="150",
                        source_text="Japanese destroyers", source_start=s0, source_end=s0 + 19, source_country="JPN",
                        source_sector="MIL", verb_text="shadowed", verb_start=v0, verb_end=v0 + 8,
                        target_text="a North Korean freighter", target_start=t0, target_end=t0 + 24,
                        target_country="PRK", event_date="2022-12", date_precision="month", location_name="Wonsan",
                        location_country="PRK", latitude=39.15, longitude=127.44, confidence=0.7)]  # fmt: skip
    return [first, doc]


@pytest.fixture()
def server(serve: Any) -> str:
    """Base URL of a live server over the two documents of :func:`_documents`."""
    return str(serve(_documents(), name="bench.duckdb"))  # the actor file is then bench.actors.yaml


@pytest.fixture()
def viewport() -> dict[str, int]:
    return {"width": 1500, "height": 950}


def _rows(page: Any) -> Any:
    return page.locator("#events-table tbody tr.event-row")


def test_browser_review_marks_wrong_corrects_type_and_exports(page: Any, server: str) -> None:
    _rows(page).first.wait_for()
    assert _rows(page).count() == 4
    row = page.locator("#events-table tr.event-row:has-text('ASSAULT')")
    assert "Seoul" in page.inner_text("#events-table tr.event-row:has-text('THREATEN') td.claimant")
    assert "Sea of Japan" in row.locator("td.place").inner_text()
    assert row.locator("td.sentence mark.hl-verb").inner_text() == "fired"  # source, verb, target marked
    assert row.locator("td.sentence mark.hl-target").inner_text() == "Japan"
    row.click()
    page.wait_for_selector("#event-detail:not([hidden]) #review-box")
    page.click("#review-edit summary")
    page.select_option("#review-form select[name=event_type]", "THREATEN")
    page.fill("#review-form input[name=note]", "a show of force, not a strike")
    page.click("#review-form button[type=submit]")
    page.wait_for_function(
        "document.querySelector('#review-status').textContent.includes('event_type=THREATEN')"
    )
    assert "wrong" in row.locator("td.review-cell").inner_text()
    page.screenshot(path=str(OUT / "workbench-review.png"))
    page.locator("#events-table tr.event-row:has-text('AGREE')").click()
    page.wait_for_function(
        "document.querySelector('#event-detail blockquote').textContent.includes('agreed')"
    )
    page.click("#review-right")
    page.wait_for_function("document.querySelector('#review-status').textContent.startsWith('Saved: right')")
    export = page.request.get(server + "/api/reviews/export").text()
    lines = [json.loads(line) for line in export.splitlines()]
    events = [e for line in lines for e in line["events"]]
    assert sorted((e["type"], e["verdict"]) for e in events) == [("AGREE", "right"), ("THREATEN", "wrong")]


def test_browser_review_adds_an_actor_phrase(page: Any) -> None:
    page.locator("#events-table tr.event-row:has-text('MOBILIZE')").click()
    page.click("#actor-add summary")
    assert page.input_value("#actor-form input[name=phrase]") == "Japanese destroyers"
    page.click("#actor-form button[type=submit]")
    page.wait_for_function(
        "document.querySelector('#review-status').textContent.includes('bench.actors.yaml')"
    )


def test_browser_facets_filter_on_click(page: Any) -> None:
    _rows(page).first.wait_for()
    facet = page.locator("#facets section[data-field=event_type]")
    assert facet.locator("li").count() == 4
    page.click("#facets section[data-field=source_country] a[data-value=JPN]")
    page.wait_for_function("document.querySelectorAll('#events-table tr.event-row').length === 1")
    assert "source=JPN" in page.url and "MOBILIZE" in page.inner_text("#events-table tbody")
    assert "source: JPN" in page.inner_text("#active-filters")
    page.screenshot(path=str(OUT / "workbench-facets.png"))
    page.click("#facets section[data-field=source_country] li.active a")  # clicking again clears it
    page.wait_for_function("document.querySelectorAll('#events-table tr.event-row').length === 4")
    page.click("#facets section[data-field=month] a[data-value='2023-03']")
    page.wait_for_function("document.querySelectorAll('#events-table tr.event-row').length === 2")
    types = page.inner_text("#events-table tbody")
    assert "ASSAULT" in types and "THREATEN" in types and "AGREE" not in types


def test_browser_map_points_open_their_events(page: Any) -> None:
    page.click("#nav a[data-view=map]")
    page.wait_for_selector("#map-chart svg circle.place-dot")
    assert page.locator("#map-chart path.country").count() > 150
    dots = page.locator("#map-chart circle.place-dot")
    assert sorted(dots.evaluate_all("ds => ds.map(d => d.dataset.place)")) == ["Sea of Japan", "Wonsan"]
    assert "2 of 4 matching events have coordinates" in page.inner_text("#map-note")
    page.screenshot(path=str(OUT / "workbench-map.png"))
    page.locator("#map-chart circle.place-dot[data-place=Wonsan]").dispatch_event("click")
    page.wait_for_function("document.querySelectorAll('#events-table tr.event-row').length === 1")
    assert "place=Wonsan" in page.url and "MOBILIZE" in page.inner_text("#events-table tbody")


def test_browser_dyad_chart_has_a_continuous_axis(page: Any, server: str) -> None:
    page.goto(server + "/#/dyad/PRK/JPN?freq=month")
    page.wait_for_selector("#dyad-chart svg g.period")
    periods = page.locator("#dyad-chart g.period").evaluate_all("gs => gs.map(g => g.dataset.period)")
    assert periods == ["2022-12", "2023-01", "2023-02", "2023-03"]  # the empty months are on the axis
    assert page.locator("#dyad-chart g.period[data-period='2023-01'] rect").count() == 0
    assault = page.locator("#dyad-chart rect.bar[data-type=ASSAULT]")
    assert assault.get_attribute("data-direction") == "PRK->JPN"
    assert (
        page.locator("#dyad-chart rect.bar[data-type=MOBILIZE]").get_attribute("data-direction") == "JPN->PRK"
    )
    assert page.locator("#dyad-chart polyline.goldstein").count() == 2
    ticks = page.locator("#dyad-chart text.tick").all_text_contents()
    assert ticks == ["2022-12", "2023-01", "2023-02", "2023-03"]
    assert "PRK->JPN 1, JPN->PRK 1" in page.inner_text("#dyad-note")
    page.screenshot(path=str(OUT / "workbench-dyad.png"), full_page=True)
    assault.dispatch_event("click")
    page.wait_for_function("document.querySelectorAll('#events-table tr.event-row').length === 1")
    assert "source=PRK" in page.url and "ASSAULT" in page.inner_text("#events-table tbody")


def test_browser_actor_timeline(page: Any, server: str) -> None:
    page.goto(server + "/#/actor/PRK?freq=month")
    page.wait_for_selector("#dyad-chart svg g.period")
    assert page.locator("#dyad-chart g.period").count() == 4
    assert "as source 2, as target 1" in page.inner_text("#dyad-note")
    page.screenshot(path=str(OUT / "workbench-actor.png"), full_page=True)


def test_browser_api_page_is_clean_text(page: Any, server: str) -> None:
    page.goto(server + "/docs")
    page.wait_for_selector("body[data-ready='1'] .endpoint")
    text = page.inner_text("#endpoints")
    assert "/api/facets" in text and "/api/events/{event_id}/review" in text
    assert "``" not in text and ":func:" not in text and ":meth:" not in text
