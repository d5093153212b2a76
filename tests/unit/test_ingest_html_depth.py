"""HTML nested beyond libxml2's depth limit keeps all of its text (issue 16)."""

from __future__ import annotations

from tidings.stages.ingest_html import extract_html


def _deep_page(depth: int, unclosed: int, paragraphs: int) -> str:
    body = "".join(f"<p>Paragraph {i} of the deep page reports that the council met the mayor.</p>"
                   for i in range(paragraphs))  # fmt: skip
    return ("<html><head><title>Deep page</title></head><body>" + "<div>" * depth + body + "</div>" * depth
            + "<span>" * unclosed + "<p>The closing paragraph after the unclosed tags.</p></body></html>")  # fmt: skip


def test_extract_html_keeps_every_paragraph_of_a_10000_deep_page() -> None:
    page = extract_html(_deep_page(10_000, 300, 40))
    assert page is not None
    for i in range(40):
        assert f"Paragraph {i} of the deep page" in page.text
    assert "closing paragraph after the unclosed tags" in page.text
    assert page.title == "Deep page"


def test_extract_html_deep_page_drops_scripts_and_page_furniture() -> None:
    html = ("<html><body><header>Site menu</header><script>var x = 1;</script>" + "<div>" * 2000
            + "".join(f"<p>Line {i} of the story.</p>" for i in range(30)) + "</div>" * 2000
            + "<footer>All rights reserved</footer></body></html>")  # fmt: skip
    page = extract_html(html)
    assert page is not None and page.extractor == "html.parser"
    assert "Line 29 of the story." in page.text
    assert "Site menu" not in page.text and "var x" not in page.text and "rights reserved" not in page.text


def test_extract_html_shallow_page_still_uses_the_article_extractors() -> None:
    html = "<html><body>" + "".join(f"<p>Sentence {i} about the talks in the capital.</p>" for i in range(20))
    page = extract_html(html + "</body></html>")
    assert page is not None and page.extractor != "html.parser"
