"""Index pages are split into posts; normal articles with sub-headings are not."""

from __future__ import annotations

from tidings.stages.ingest_split import case_style, split_posts

PROSE = "Officials from both governments met in the capital on Tuesday and agreed to continue the talks."
MORE = "The next round is expected in the spring, according to a statement released after the meeting."


def _page(*blocks: str) -> str:
    return "\n\n".join(blocks)


def _titles(text: str) -> list[str | None]:
    return [post.title for post in split_posts(text)]


INDEX_WITH_MARKERS = _page(
    "Ministers agree on a new trade corridor", PROSE, MORE,
    "Continue reading Ministers agree on a new trade corridor",
    "Rebels release two hostages near the border", PROSE,
    "Opposition calls for early elections", PROSE,
    "Full Text Of The Joint Statement", MORE,
    "Continue reading Opposition calls for early elections",
)  # fmt: skip


def test_split_posts_on_continue_reading_markers() -> None:
    assert _titles(INDEX_WITH_MARKERS) == [
        "Ministers agree on a new trade corridor",
        "Rebels release two hostages near the border",
        "Opposition calls for early elections",
    ]


def test_split_posts_drop_marker_and_keep_subheadline_inside_span() -> None:
    posts = split_posts(INDEX_WITH_MARKERS)
    last = INDEX_WITH_MARKERS[posts[-1].start : posts[-1].end]
    assert "Full Text Of The Joint Statement" in last
    assert all("Continue reading" not in INDEX_WITH_MARKERS[p.start : p.end] for p in posts)
    assert last.endswith(MORE)


def test_split_posts_offsets_are_page_substrings_in_order() -> None:
    posts = split_posts(INDEX_WITH_MARKERS)
    assert [p.start for p in posts] == sorted(p.start for p in posts)
    for post in posts:
        assert INDEX_WITH_MARKERS[post.start : post.end].startswith(post.title or "")


def test_split_posts_line_list_stays_with_its_post() -> None:
    text = _page(
        "Conference videos now online", PROSE,
        "Panel one: Security in the region\nPanel two: Trade and sanctions\nPanel three: Aid",
        "Continue reading Conference videos now online",
        "Election results announced", PROSE,
    )  # fmt: skip
    posts = split_posts(text)
    assert [p.title for p in posts] == ["Conference videos now online", "Election results announced"]
    assert "Panel three: Aid" in text[posts[0].start : posts[0].end]


def test_split_posts_lead_in_makes_title_case_subheadlines() -> None:
    text = _page(
        "Ministers agree on a new trade corridor", PROSE,
        "Continue reading Ministers agree on a new trade corridor",
        "Neighbours affirm their friendship", PROSE,
        "The following reports were carried by the national news agency.",
        "Premier Sends Greetings To Counterpart", PROSE,
        "Defence Minister Visits Friendship Monument", MORE,
        "Fishermen protest against new quotas", PROSE,
    )  # fmt: skip
    titles = _titles(text)
    assert titles == [
        "Ministers agree on a new trade corridor",
        "Neighbours affirm their friendship",
        "Fishermen protest against new quotas",
    ]


def test_split_posts_excerpt_list_without_markers() -> None:
    text = _page(
        "Ceasefire holds in the north", PROSE,
        "Parliament passes budget", MORE,
        "Floods displace thousands", PROSE,
        "Central bank raises rates", MORE,
    )  # fmt: skip
    assert len(split_posts(text)) == 4


def test_split_posts_leaves_article_with_subheadings_alone() -> None:
    text = _page(
        "A long year for the border towns", "By Ada Morrow", "March 4, 2021", PROSE,
        "The first months", PROSE, MORE,
        "A turning point", PROSE, MORE, PROSE,
        "What comes next", PROSE,
    )  # fmt: skip
    assert split_posts(text) == []


def test_split_posts_single_article_with_read_more_is_not_split() -> None:
    text = _page("Ceasefire holds in the north", PROSE, "Sub-heading about the talks", MORE, "Read more")
    assert split_posts(text) == []


def test_split_posts_plain_article_is_not_split() -> None:
    assert split_posts(_page(PROSE, MORE, PROSE)) == []


def test_case_style() -> None:
    assert case_style("Premier Sends Greetings To Counterpart") == "title"
    assert case_style("With RIMPAC, the navy expands its footprint") == "sentence"


def test_split_posts_related_links_are_not_index_evidence() -> None:
    text = _page(
        "Ceasefire holds in the north", "By Ada Morrow", PROSE,
        "Read more: Floods displace thousands in the south",
        "Sub-heading about the talks", MORE,
        "Read more: Central bank raises rates again",
        "Another sub-heading here", PROSE,
    )  # fmt: skip
    assert split_posts(text) == []


def test_split_posts_bare_read_more_markers_are_index_evidence() -> None:
    text = _page("Ceasefire holds in the north", PROSE, "Read more", "Parliament passes budget", MORE, "Read more")
    assert _titles(text) == ["Ceasefire holds in the north", "Parliament passes budget"]
