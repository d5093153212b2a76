"""Splitting an index or archive page that holds several posts into one span per post.

The page text is first cut into *blocks* (paragraphs separated by a blank line). Then:

* A **marker** is a one-line block such as "Continue reading <title>", "Read more", "Keep reading".
  A marker ends the post it belongs to and is left out of every post's text.
* A **headline** is a one-line block that looks like a title (short, starts with a capital, no final
  full stop, comma, colon or semicolon, not a date line, byline or URL) and is followed by a prose
  paragraph (a block of at least 8 words ending in sentence punctuation).
* When a marker repeats a title ("Continue reading <title>"), everything from that title's block to the
  marker is one post, whatever headlines it contains. The block after a marker always starts a new post.
* Outside such spans every headline starts a post, except **sub-headlines**: a headline right after a
  *lead-in* paragraph ("The following reports were carried by ...", "The statement is reproduced
  below", or any paragraph ending in a colon) belongs to the current post, and so do the next headlines
  written in the same case style (Title Case or sentence case) as it, until a headline in the other
  style, or a marker.
* A block of several consecutive lines (a list) is never a headline; it stays in the current post.

The page is split only on *index-page evidence*: a marker that repeats an earlier headline, two or more
bare markers ("Read more" alone; "Read more: <some other story>" is a related link, not evidence), or at
least three headlines whose sections are all excerpt-sized (at most three paragraphs)
on a page whose head carries no byline or date line. A normal article with sub-headings has none of
these, so it is not split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tidings.stages.ingest_meta import byline, date_line, looks_like_headline

MIN_PROSE_WORDS = 8
MAX_EXCERPT_BLOCKS = 4  # a headline plus at most three paragraphs
MAX_LEAD_IN_WORDS = 40

_MARKER = re.compile(
    r"^(?:continue reading|read more|keep reading|read the rest(?: of (?:this|the) \w+)?|"
    r"read (?:the )?full (?:story|article|post|text|report))\b\s*[:»›→.…-]*\s*(?P<title>.*?)\s*[»›→…]*$",
    re.IGNORECASE,
)
_PROSE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_LEAD_IN_NOUN = (
    r"(?:reports?|articles?|statements?|texts?|reviews?|interviews?|messages?|letters?|speech(?:es)?|"
    r"excerpts?|transcripts?|items?|stor(?:y|ies)|pieces?|documents?|news)"
)
_LEAD_IN = re.compile(
    rf"\bthe (?:following|below)\b.{{0,60}}\b{_LEAD_IN_NOUN}\b"
    rf"|\b{_LEAD_IN_NOUN}\b.{{0,120}}\b(?:below|as follows)[.:]?$",
    re.IGNORECASE,
)
_MINOR_WORDS = frozenset(
    "with from into onto over upon than that this about after before under between against through "
    "during without within amid among across along".split()
)


@dataclass(slots=True)
class Block:
    """A paragraph of the page: ``text[start:end]``, with its number of lines."""

    start: int
    end: int
    text: str
    lines: int


@dataclass(slots=True)
class Post:
    """One post found on a page: ``page_text[start:end]``, and its headline when it starts with one."""

    start: int
    end: int
    title: str | None


def blocks_of(text: str) -> list[Block]:
    """Cut cleaned ``text`` into paragraphs (separated by blank lines), keeping their offsets."""
    found: list[Block] = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        body = match.group(0)
        if body.strip():
            found.append(Block(match.start(), match.end(), body.strip(), body.count("\n") + 1))
    return found


def marker_title(block: Block) -> str | None:
    """The title a marker block names ("" when it names none), or None when the block is no marker."""
    if block.lines != 1:
        return None
    match = _MARKER.match(block.text)
    return match.group("title").strip() if match else None


def case_style(title: str) -> str:
    """``"title"`` when every longer word after the first is capitalised, else ``"sentence"``."""
    words = [re.sub(r"^\W+|\W+$", "", w) for w in title.split()[1:]]
    for word in words:
        if len(word) >= 4 and word.isalpha() and word.islower() and word not in _MINOR_WORDS:
            return "sentence"
    return "title"


def split_posts(text: str) -> list[Post]:
    """Find the posts of an index page.

    Args:
        text: the cleaned page text.

    Returns:
        The posts in page order, or an empty list when the page is a single document.
    """
    blocks = blocks_of(text)
    markers = {i: t for i, b in enumerate(blocks) if (t := marker_title(b)) is not None}
    heads = {i for i in range(len(blocks)) if i not in markers and _is_headline(blocks, i)}
    forced, inside, anchored = _marker_spans(blocks, markers)
    bare = sum(1 for title in markers.values() if not title)
    if not (anchored or bare >= 2 or _excerpt_shaped(blocks, sorted(heads))):
        return []
    starts = _post_starts(blocks, markers, heads, forced, inside)
    posts = _posts_from_starts(blocks, markers, sorted(starts | {0}))
    return posts if len(posts) > 1 else []


def _is_headline(blocks: list[Block], i: int) -> bool:
    block = blocks[i]
    if block.lines != 1 or not looks_like_headline(block.text) or block.text.startswith(("•", "-", "*")):
        return False
    return i + 1 < len(blocks) and _is_prose(blocks[i + 1])


def _is_prose(block: Block) -> bool:
    return len(block.text.split()) >= MIN_PROSE_WORDS and _PROSE_END.search(block.text) is not None


def _norm(value: str) -> str:
    return " ".join(value.casefold().rstrip(".… ").split())


def _marker_spans(blocks: list[Block], markers: dict[int, str]) -> tuple[set[int], set[int], int]:
    """Starts forced by markers, blocks inside a titled span, and how many markers found their title."""
    forced: set[int] = set()
    inside: set[int] = set()
    anchored = 0
    lower = 0
    for m in sorted(markers):
        wanted = _norm(markers[m])
        for j in range(m - 1, lower - 1, -1) if wanted else ():
            got = _norm(blocks[j].text)
            if blocks[j].lines == 1 and (got == wanted or (len(wanted) > 20 and got.startswith(wanted))):
                forced.add(j)
                inside.update(range(j + 1, m))
                anchored += 1
                break
        if m + 1 < len(blocks):
            forced.add(m + 1)
        lower = m + 1
    return forced, inside, anchored


def _excerpt_shaped(blocks: list[Block], heads: list[int]) -> bool:
    """At least three headlines, each followed by a short excerpt, and no article header (byline, date)."""
    if len(heads) < 3 or heads[0] > 1:
        return False
    bounds = [*heads[1:], len(blocks)]
    if any(end - start > MAX_EXCERPT_BLOCKS for start, end in zip(heads, bounds, strict=True)):
        return False
    head_zone = [b.text for b in blocks[:4] if b.lines == 1]
    return not any(byline(line) or date_line(line) for line in head_zone)


def _post_starts(blocks: list[Block], markers: dict[int, str], heads: set[int], forced: set[int],
                 inside: set[int]) -> set[int]:  # fmt: skip
    """Walk the page and decide which blocks begin a post (see the module docstring)."""
    starts: set[int] = set()
    embedded: str | None = None  # case style of the sub-headlines after a lead-in
    for i, block in enumerate(blocks):
        if i in markers:
            embedded = None
            continue
        if i in forced:
            starts.add(i)
            embedded = None
            continue
        if i in inside or i not in heads:
            continue
        style = case_style(block.text)
        if embedded is not None and style == embedded:
            continue
        embedded = None
        if i > 0 and i - 1 not in markers and _is_lead_in(blocks[i - 1]):
            embedded = style
            continue
        starts.add(i)
    return starts


def _is_lead_in(block: Block) -> bool:
    if len(block.text.split()) > MAX_LEAD_IN_WORDS:
        return False
    return block.text.endswith(":") or _LEAD_IN.search(block.text) is not None


def _posts_from_starts(blocks: list[Block], markers: dict[int, str], starts: list[int]) -> list[Post]:
    posts: list[Post] = []
    bounds = [*starts[1:], len(blocks)]
    for first, stop in zip(starts, bounds, strict=True):
        body = [i for i in range(first, stop) if i not in markers]
        if not body:
            continue
        head = blocks[body[0]]
        title = head.text if head.lines == 1 and looks_like_headline(head.text) else None
        posts.append(Post(start=head.start, end=blocks[body[-1]].end, title=title))
    return posts
