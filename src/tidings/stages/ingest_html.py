"""Main text and metadata of an HTML page: trafilatura first, plain lxml text as a fallback."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass

from tidings.stages.ingest_meta import parse_date

# Elements whose text never belongs to an article, and elements that end a paragraph.
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form")
_BLOCK_TAGS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tr br hr dd dt figcaption "
    "title".split()
)


@dataclass(slots=True)
class HtmlPage:
    """What was read from an HTML page; ``text`` has one paragraph per line."""

    text: str
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    extractor: str = "trafilatura"


def extract_html(html: str) -> HtmlPage | None:
    """Extract the main text, title, author and date of ``html``.

    Args:
        html: the decoded page.

    Returns:
        The page, or ``None`` when neither trafilatura nor lxml finds any text.
    """
    page = _with_trafilatura(html)
    if page is not None and page.text.strip():
        return page
    text = _with_lxml(html)
    if not text.strip():
        return None
    return HtmlPage(text=text, title=page.title if page else None, extractor="lxml")


def _with_trafilatura(html: str) -> HtmlPage | None:
    import trafilatura

    # trafilatura logs every page it finds too short; that is expected here, not a warning for the user.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        raw = trafilatura.extract(html, with_metadata=True, output_format="json", include_comments=False)
    except Exception:  # noqa: BLE001 - a broken page falls back to lxml instead of failing the batch
        return None
    if not raw:
        return None
    data = json.loads(raw)
    published = parse_date(data["date"]) if data.get("date") else None
    return HtmlPage(
        text=data.get("text") or "",
        title=_clean_value(data.get("title")),
        author=_clean_value(data.get("author")),
        published=published,
    )


def _clean_value(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _with_lxml(html: str) -> str:
    """All visible text, one block element per line (scripts, navigation and footers dropped)."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    lxml.etree.strip_tags(root, lxml.etree.Comment, lxml.etree.ProcessingInstruction)  # keeps their tails
    parts: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        block = element.tag in _BLOCK_TAGS
        if event == "start":
            parts.append("\n" if block else "")
            parts.append(element.text or "")
        else:
            parts.append("\n" if block else "")
            parts.append(element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
