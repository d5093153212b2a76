"""The web UI in headless Chromium: uvicorn in a thread over a temporary store, driven by Playwright.

The server and page fixtures are in conftest.py. Chromium comes from Debian (`make browser`); the tests
skip with the reason when it is missing. Screenshots go to test-output/ (gitignored) for a look by eye.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from pathlib import Path
from typing import Any

import pytest

from tidings.model import Claim, Document, Event, Quote, Sentence, stable_id

pytestmark = pytest.mark.browser

OUT = Path(__file__).resolve().parents[2] / "test-output"
TEXT = ("North Korea fired missiles toward Japan on Monday. Seoul said Pyongyang threatened the United States. "
        "The United States and South Korea agreed to hold talks, and 30,000 troops stayed.")  # fmt: skip


def _event(doc: Document, index: int, event_type: str, source: tuple[str, str], verb: str,
           target: tuple[str, str], **extra: Any) -> Event:  # fmt: skip
    sentence = doc.sentences[index]

    def span(part: str) -> tuple[int, int]:
        at = doc.text.index(part, sentence.start)
        return at, at + len(part)

    (s0, s1), (v0, v1), (t0, t1) = span(source[0]), span(verb), span(target[0])
    return Event(event_id=stable_id(doc.doc_id, index, event_type), doc_id=doc.doc_id, sentence_index=index,
                 sentence_text=sentence.text, char_start=sentence.start, char_end=sentence.end,
                 event_type=event_type, source_text=source[0], source_start=s0, source_end=s1,
                 source_country=source[1], verb_text=verb, verb_start=v0, verb_end=v1, target_text=target[0],
                 target_start=t0, target_end=t1, target_country=target[1], trace={"rule": "hand"},
                 **extra)  # fmt: skip


def seeded_document() -> Document:
    """One document with three sentences, three events, a quote and a claim."""
    doc = Document(doc_id="seeded", text=TEXT, title="Seeded article", published=dt.date(2023, 3, 14))
    starts = [0, TEXT.index("Seoul said"), TEXT.index("The United States and")]
    ends = [starts[1] - 1, starts[2] - 1, len(TEXT)]
    doc.sentences = [Sentence(i, s, e, TEXT[s:e]) for i, (s, e) in enumerate(zip(starts, ends, strict=True))]
    doc.events = [
        _event(doc, 0, "ASSAULT", ("North Korea", "PRK"), "fired", ("Japan", "JPN"), event_date="2023-03-13",
               date_precision="day", date_text="on Monday", confidence=0.9),
        _event(doc, 1, "THREATEN", ("Pyongyang", "PRK"), "threatened", ("the United States", "USA"),
               event_date="2023-03", factuality="reported", claimant_text="Seoul", confidence=0.6),
        _event(doc, 2, "AGREE", ("The United States", "USA"), "agreed", ("South Korea", "KOR"),
               event_date="2023-02-20", confidence=0.8),
    ]  # fmt: skip
    q0 = TEXT.index("Pyongyang threatened")
    doc.quotes = [Quote("q1", doc.doc_id, TEXT[q0 : starts[2] - 2], q0, starts[2] - 2, kind="indirect",
                        speaker_text="Seoul")]  # fmt: skip
    c0 = TEXT.index("30,000")
    doc.claims = [Claim("c1", doc.doc_id, "30,000 troops", c0, c0 + 13, value=30000, counted="troops")]
    return doc


@pytest.fixture()
def server(serve: Any, request: pytest.FixtureRequest) -> str:
    """Base URL of a live server over a store holding :func:`seeded_document`.

    With ``indirect`` parameter ``"bare"`` the pipeline has no stages, so ingest stores text without spaCy.
    """

    def bare(app: Any) -> None:
        from tidings.pipeline import Pipeline

        app.state.tidings._pipeline = Pipeline([])

    return str(serve([seeded_document()], bare if getattr(request, "param", None) == "bare" else None))


def test_browser_events_filter_and_document_highlights(page: Any) -> None:
    rows = page.locator("#events-table tbody tr.event-row")
    rows.first.wait_for()
    assert rows.count() == 3
    first_conf = "document.querySelector('#events-table td.num').textContent === "
    page.click("#events-table th[data-sort=confidence]")  # ascending, then descending
    page.wait_for_function(first_conf + "'0.60'")
    assert page.locator("#events-table th.sorted").get_attribute("data-order") == "asc"
    page.click("#events-table th[data-sort=confidence]")
    page.wait_for_function(first_conf + "'0.90'")
    assert "sort=confidence&order=desc" in page.url
    assert "1 documents · 3 events" in page.inner_text("#counts")
    page.select_option("#event-filters select[name=type]", "ASSAULT")
    page.click("#event-filters button[type=submit]")
    page.wait_for_function("document.querySelectorAll('#events-table tr.event-row').length === 1")
    assert page.inner_text("#events-table tbody").count("ASSAULT") == 1
    assert "1–1 of 1" in page.inner_text("#events-pager")
    page.screenshot(path=str(OUT / "ui-events.png"), full_page=True)

    rows.first.click()  # the "why" panel
    page.wait_for_selector("#event-detail:not([hidden]) h2")
    assert '"rule": "hand"' in (page.locator("#event-detail pre.trace").text_content() or "")
    page.click("#event-detail a:has-text('Open in document')")
    page.wait_for_selector("#view-document:not([hidden]) #doc-text .hl-verb")
    assert page.inner_text("#doc-title") == "Seeded article"
    for cls, text in (("hl-source", "North Korea"), ("hl-verb", "fired"), ("hl-target", "Japan"),
                      ("hl-date", "on Monday"), ("hl-claim", "30,000 troops")):  # fmt: skip
        assert text in page.locator(f"#doc-text .{cls}").all_inner_texts(), cls
    active = " ".join(page.locator("#doc-text .sent-active").all_inner_texts())
    assert "fired" in active and "threatened" not in active  # opened on the ASSAULT event's sentence

    page.click("#doc-events li:has-text('THREATEN')")
    page.wait_for_function("[...document.querySelectorAll('#doc-text .sent-active')].some(n => n.textContent.includes('threatened'))")
    active = " ".join(page.locator("#doc-text .sent-active").all_inner_texts())
    assert "fired" not in active
    assert page.locator("#doc-quotes li").count() == 1 and page.locator("#doc-claims li").count() == 1
    page.screenshot(path=str(OUT / "ui-document.png"), full_page=True)
    page.click("#doc-events li:has-text('THREATEN') .why-link")
    page.wait_for_selector("#event-detail:not([hidden]) h2")
    assert "Pyongyang threatened" in page.inner_text("#event-detail blockquote")
    assert page.locator("#event-detail dd").nth(0).inner_text() == "THREATEN"
    assert "object" not in page.inner_text("#event-detail dl")
    page.screenshot(path=str(OUT / "ui-why.png"))


def test_browser_network_and_dyad_chart(page: Any, server: str) -> None:
    page.click("#nav a[data-view=network]")
    page.wait_for_selector("#network-chart svg path.edge")
    assert page.locator("#network-chart path.edge").count() == 3
    assert sorted(page.locator("#network-chart g.node text").all_text_contents()) == ["JPN", "KOR", "PRK", "USA"]
    page.screenshot(path=str(OUT / "ui-network.png"), full_page=True)
    page.locator("#network-chart path.edge[data-source=USA][data-target=KOR]").dispatch_event("click")
    page.wait_for_selector("#dyad-chart svg rect.bar")
    assert page.locator("#dyad-chart rect.bar[data-type=AGREE]").get_attribute("data-period") == "2023-02"
    assert "1 events" in page.inner_text("#dyad-note")
    page.screenshot(path=str(OUT / "ui-dyad.png"), full_page=True)


@pytest.mark.model
def test_browser_ingest_box_codes_an_article(page: Any) -> None:
    article = importlib.resources.files("tidings") / "data/demo/articles/26_north_korea_missile.txt"
    page.click("#nav a[data-view=ingest]")
    page.fill("#ingest-form textarea[name=text]", article.read_text(encoding="utf-8"))
    page.fill("#ingest-form input[name=published]", "2023-04-13")
    page.click("#ingest-submit")
    page.wait_for_selector("#view-document:not([hidden]) #doc-text", timeout=120_000)
    page.wait_for_function("document.querySelector('#doc-title').textContent.includes('North Korea')")
    assert "ballistic missile" in page.inner_text("#doc-text")
    assert page.locator("#doc-events li").count() >= 1
    assert page.locator("#doc-text .hl-verb").count() >= 1
    assert "Done: 1 document(s), 0 error(s)" in page.inner_text("#ingest-status")
    page.screenshot(path=str(OUT / "ui-ingest.png"), full_page=True)
    page.click("#nav a[data-view=events]")
    page.wait_for_function("document.querySelectorAll('#events-table tr.event-row').length > 3")


@pytest.mark.parametrize("server", ["bare"], indirect=True)
def test_browser_ingest_box_uploads_a_file(page: Any, tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text("Harbour talks resume\n\nOfficials from both navies met in Busan on Tuesday.\n", encoding="utf-8")
    page.click("#nav a[data-view=ingest]")
    page.set_input_files("#ingest-file", str(article))
    assert "harbour.txt" in page.inner_text("#drop-name")
    page.click("#ingest-submit")
    page.wait_for_function("document.querySelector('#doc-title').textContent.includes('Harbour talks')")
    assert "met in Busan" in page.inner_text("#doc-text")
    assert "2 documents" in page.inner_text("#counts")
    page.click("#nav a[data-view=documents]")
    page.wait_for_selector("#documents-table a:has-text('Harbour talks resume')")
    assert page.locator("#documents-table tbody tr").count() == 2


def test_browser_api_reference_page_works_offline(page: Any, server: str) -> None:
    page.click("#nav a:has-text('API')")
    page.wait_for_selector("body[data-ready='1'] .endpoint")
    paths = page.locator(".endpoint h2 code").all_inner_texts()
    assert "/api/events" in paths and "/api/ingest" in paths and len(paths) >= 12
    assert "limit" in page.inner_text(".endpoint:has(code:text-is('/api/events'))")
    page.screenshot(path=str(OUT / "ui-api-reference.png"))
