"""Decoding and cleaning before a document is stored."""

from __future__ import annotations

import pytest

from tidings.stages.ingest_clean import clean_text, decode_bytes, is_boilerplate, looks_binary


def test_clean_text_repairs_mojibake() -> None:
    raw = (
        "The minister\u00e2\u20ac\u2122s visit was \u00e2\u20ac\u0153historic\u00e2\u20ac\u009d, "
        "caf\u00c3\u00a9 owners said."
    )
    cleaned = clean_text(raw)
    assert "\u00e2\u20ac" not in cleaned.text and "\u00c3" not in cleaned.text
    assert "minister\u2019s" in cleaned.text and "café" in cleaned.text
    assert cleaned.fixed_encoding


def test_clean_text_drops_stray_a_circumflex_before_space() -> None:
    cleaned = clean_text("the police said:\u00c2 arrests followed\n\nthe mayor said \u00c2 \u00c2 nothing.")
    assert "\u00c2" not in cleaned.text
    assert "said: arrests followed" in cleaned.text and "mayor said nothing." in cleaned.text


def test_clean_text_keeps_a_circumflex_inside_words() -> None:
    assert "Âge" in clean_text("L'Âge de raison is a novel.").text


@pytest.mark.parametrize(
    "line",
    [
        "This story is from March 1, 2002",
        "Facebook Twitter Linkedin Mail",
        "Share on: Facebook | Twitter | WhatsApp",
        "Advertisement",
        "ADVERTISEMENT",
        "Click here to subscribe",
        "Subscribe to our newsletter",
        "Story continues below advertisement",
        "Also read: Ministers meet in Delhi",
        "© 2021 Example News Ltd. All rights reserved.",
        "Follow us on Twitter",
        "5 min read",
    ],
)
def test_is_boilerplate_matches_page_furniture(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The advertisement campaign was criticised by the opposition.",
        "Protesters shared photos on Twitter and Facebook during the march.",
        "Click",
        "Copyright law was amended by parliament last year.",
        "The story is from a village near the border, where troops gathered.",
    ],
)
def test_is_boilerplate_keeps_sentences(line: str) -> None:
    assert not is_boilerplate(line)


def test_clean_text_removes_and_counts_boilerplate() -> None:
    raw = "\n\n".join(
        ["This story is from March 6, 2002", "Troops were deployed.", "Facebook Twitter Linkedin Mail"]
    )
    cleaned = clean_text(raw)
    assert cleaned.text == "Troops were deployed."
    assert len(cleaned.removed) == 2
    assert cleaned.removed[0].startswith("This story is from")


def test_clean_text_normalises_whitespace_and_paragraphs() -> None:
    raw = (
        "Title line  \r\n\r\n\r\n\r\nFirst\u00a0paragraph   here.\t \rSecond line."
        "\n\n\n\nLast paragraph.\n\n\n"
    )
    text = clean_text(raw).text
    assert text == "Title line\n\nFirst paragraph here.\nSecond line.\n\nLast paragraph."
    assert "\n\n\n" not in text and "\r" not in text


def test_clean_text_keeps_leading_indentation_of_list_items() -> None:
    text = clean_text("Points:\n\n  • one item\n  • another item").text
    assert "\n  • one item" in text


def test_decode_bytes_utf8_and_bom() -> None:
    assert decode_bytes("Sanctions – imposed".encode()) == ("Sanctions – imposed", None)
    text, problem = decode_bytes(b"\xef\xbb\xbfHello world")
    assert text == "Hello world" and problem is None


def test_decode_bytes_cp1252_fallback() -> None:
    text, problem = decode_bytes("The minister\u2019s caf\u00e9 – said".encode("cp1252"))
    assert problem is None
    assert text == "The minister\u2019s café – said"


def test_decode_bytes_refuses_binary() -> None:
    text, problem = decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert text is None and problem is not None and "binary" in problem


def test_decode_bytes_refuses_undecodable_noise() -> None:
    noise = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D] * 40)
    text, problem = decode_bytes(noise)
    assert text is None and problem is not None and "undecodable" in problem


def test_looks_binary_on_control_characters() -> None:
    assert looks_binary("abc\x01\x02\x03\x04\x05\x06" * 5)
    assert not looks_binary("plain text\twith a tab\n")
