"""Main text and metadata of an HTML page: trafilatura first, plain lxml text as a fallback.

trafilatura is built for single articles: on an index page it tends to drop the post headlines (they are
links) and repeated markers. So when the plain lxml text of the page shows more posts, or more titled
posts, than trafilatura's text (see :mod:`tidings.stages.ingest_split`), the lxml text is used instead.

libxml2 gives up on pages nested deeper than a few hundred elements and silently drops what lies below
(even with ``huge_tree``). Python's own ``html.parser`` has no depth limit, so its text is read too: when
it holds clearly more words than lxml found, lxml lost part of the page and that text is used.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from html.parser import HTMLParser

from tidings.stages.ingest_clean import clean_text
from tidings.stages.ingest_meta import parse_date
from tidings.stages.ingest_split import split_posts

# Elements whose text never belongs to an article (page headers and footers only outside an <article>),
# and elements that end a paragraph.
_DROP_TAGS = ("head", "script", "style", "noscript", "template", "svg", "nav", "aside", "form")
_PAGE_FURNITURE = ("header", "footer")
_BLOCK_TAGS = frozenset(
    "p div section article main header footer h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tr br hr dd dt "
    "figcaption".split()
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
    text, title = _with_lxml(html)
    flat_text, flat_title = _with_html_parser(html)
    if _lost_text(text, flat_text):
        if not flat_text.strip():
            return None
        return HtmlPage(text=flat_text, title=title or flat_title, extractor="html.parser")
    page = _with_trafilatura(html)
    if page is not None and page.text.strip():
        if text and _post_score(text) > _post_score(page.text):
            page.text, page.extractor = text, "lxml-index"
        return page
    if not text.strip():
        return None
    return HtmlPage(text=text, title=(page.title if page else None) or title, extractor="lxml")


def _post_score(text: str) -> tuple[int, int]:
    """How many posts ``text`` splits into, and how many of them have a headline."""
    posts = split_posts(clean_text(text.replace("\n", "\n\n")).text)
    return len(posts), sum(1 for post in posts if post.title)


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


def _with_lxml(html: str) -> tuple[str, str | None]:
    """All visible text, one block element per line, and the ``<title>``; scripts and navigation dropped."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return "", None
    title = _clean_value(root.findtext(".//title"))
    lxml.etree.strip_tags(root, lxml.etree.Comment, lxml.etree.ProcessingInstruction)  # keeps their tails
    doomed = list(root.iter(*_DROP_TAGS))
    doomed += [e for e in root.iter(*_PAGE_FURNITURE) if next(e.iterancestors("article"), None) is None]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
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
    return "\n".join(line for line in lines if line), title


def _lost_text(lxml_text: str, flat_text: str) -> bool:
    """True when the depth-unlimited parse found clearly more words than lxml (more than 10% and 20 words)."""
    kept, found = len(lxml_text.split()), len(flat_text.split())
    return found > kept and (kept == 0 or (found - kept > 20 and found - kept > 0.1 * found))


class _FlatText(HTMLParser):
    """Visible text of a page, one block element per line, with no limit on nesting depth."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip: list[str] = []  # open elements whose text is dropped
        self._in_title = False
        self._articles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._articles += tag == "article"
        furniture = tag in _PAGE_FURNITURE and not self._articles
        if (tag in _DROP_TAGS and tag != "head") or furniture:
            self._skip.append(tag)
        self._in_title = self._in_title or tag == "title"
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self._articles -= tag == "article" and self._articles > 0
        if self._skip and tag == self._skip[-1]:
            self._skip.pop()
        if tag == "title":
            self._in_title = False
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def _with_html_parser(html: str) -> tuple[str, str | None]:
    parser = _FlatText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line), _clean_value(" ".join(parser.title))
