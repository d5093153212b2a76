"""Decoding and cleaning of raw source text, before it is stored.

Everything later in the pipeline keeps character offsets into the stored ``Document.text``, so all
normalisation happens here, once, before a document exists:

1. bytes are decoded (UTF-8, UTF-8 with BOM, UTF-16 with BOM, then cp1252 only when ftfy finds the
   result plausible); binary data (NUL or many control bytes) and text that is mostly U+FFFD are refused;
2. ``ftfy.fix_text`` repairs mojibake (``â€™`` -> ``’``, ``Â`` before a no-break space) and normalises
   line breaks; a lone ``Â`` left before a plain space (its no-break space was already lost) is dropped;
3. no-break and other Unicode spaces become plain spaces, zero-width characters are removed, runs of
   spaces inside a line collapse to one, trailing spaces are stripped (leading indentation is kept);
4. boilerplate lines (:data:`BOILERPLATE_PATTERNS`) are dropped and counted;
5. runs of blank lines collapse to one blank line, so paragraphs are separated by exactly ``"\\n\\n"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import ftfy

# Whole-line patterns (matched case-insensitively against the stripped line) for page furniture that is
# never part of an article: dateline stamps added by archives, share-button rows, ad labels, calls to
# subscribe, navigation links, copyright footers. Each must match the *whole* line, so a sentence that
# merely mentions "advertisement" or "Twitter" is kept.
_SHARE_WORDS = (
    r"facebook|twitter|x|linkedin|mail|e-?mail|whatsapp|telegram|reddit|pinterest|tumblr|print|share|"
    r"tweet|copy\s+link|comments?|save|flipboard|pocket|sms|messenger|google\+?"
)
BOILERPLATE_PATTERNS: tuple[str, ...] = (
    r"this (?:story|article|report|page) (?:is|was) (?:from|published on|first published on) .{0,60}",
    rf"(?:share(?: this(?: article| story)?)?\s*(?:on|via)?\s*:?\s*)?(?:(?:{_SHARE_WORDS})[\s|•·,/]*){{2,}}",
    r"share(?: this)?(?: article| story| page| post)?\s*:?",
    r"(?:advertisement|advertising|sponsored(?: content)?|ad|promoted|story continues below"
    r"(?: advertisement)?|scroll to continue(?: with content)?)\.?",
    r"click here(?: to| for)? .{0,80}",
    r"(?:subscribe|sign up|register)(?: now| today| here)?(?: (?:to|for) .{0,80})?[.!]?",
    r"(?:follow us|like us|join us) on .{0,60}",
    r"(?:also read|read also|see also|related(?: stories| story| articles?| posts?| news)?|"
    r"recommended(?: for you)?|you may also like|more from .{1,40}|most (?:read|popular)|trending(?: now)?)"
    r"\s*(?::.{0,200})?",
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})).{0,120}",
    r".{0,120}\ball rights reserved\.?",
    r"(?:skip to (?:main )?content|back to top|print(?: this)?(?: page| article)?|"
    r"listen to (?:this|the) (?:article|story)|reading time:? .{0,20}|\d+\s*min(?:ute)?s? read)",
    r"download (?:the|our) .{0,40}\bapp\b.{0,40}",
    r"(?:get|receive) (?:the latest|our) .{0,60}(?:newsletter|updates|alerts)[.!]?",
)
_BOILERPLATE = re.compile(r"^(?:" + "|".join(BOILERPLATE_PATTERNS) + r")$", re.IGNORECASE)

_UNICODE_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_INNER_SPACES = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_STRAY_A_CIRCUMFLEX = re.compile(r"(?<![A-Za-z\u00c0-\u024f])\u00c2(?=\s|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(slots=True)
class Cleaned:
    """The result of :func:`clean_text`.

    Attributes:
        text: the cleaned text, ready to store.
        removed: the boilerplate lines that were dropped, in order.
        fixed_encoding: ftfy changed the text (mojibake or odd characters were repaired).
    """

    text: str
    removed: list[str] = field(default_factory=list)
    fixed_encoding: bool = False


def is_boilerplate(line: str) -> bool:
    """Return True when the whole (stripped) ``line`` is page furniture, not article text."""
    stripped = line.strip()
    return bool(stripped) and _BOILERPLATE.match(stripped) is not None


def clean_text(raw: str) -> Cleaned:
    """Repair encoding damage, drop boilerplate lines and normalise whitespace.

    Args:
        raw: decoded text, as read.

    Returns:
        The cleaned text with what was removed.
    """
    fixed = ftfy.fix_text(raw, uncurl_quotes=False, fix_character_width=False)
    fixed = _STRAY_A_CIRCUMFLEX.sub(" ", fixed)
    changed = fixed != raw
    fixed = fixed.replace("\r\n", "\n").replace("\r", "\n")
    fixed = _ZERO_WIDTH.sub("", _UNICODE_SPACES.sub(" ", fixed))
    kept: list[str] = []
    removed: list[str] = []
    for line in fixed.split("\n"):
        line = _INNER_SPACES.sub(" ", line.rstrip())
        if is_boilerplate(line):
            removed.append(line.strip())
            continue
        if not line.strip():
            line = ""
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return Cleaned(text="\n".join(kept), removed=removed, fixed_encoding=changed)


def replacement_share(text: str) -> float:
    """Share of U+FFFD among the non-space characters of ``text`` (0.0 for empty text)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(1 for c in chars if c == "\ufffd") / len(chars)


def looks_binary(text: str) -> bool:
    """True when ``text`` holds NULs or more than 1% control characters: not a text document."""
    if "\x00" in text:
        return True
    return len(_CONTROL.findall(text)) > max(2, len(text) // 100)


def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """Decode raw bytes to text.

    Tries UTF-16 (only with a BOM), UTF-8 (with or without BOM), then cp1252 when it decodes cleanly and
    ftfy does not flag the result; otherwise UTF-8 with replacement characters, refused when the text is
    mostly U+FFFD.

    Args:
        data: the bytes as read.

    Returns:
        ``(text, None)`` on success, ``(None, reason)`` when the bytes are not usable text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "not decodable as UTF-16 despite its byte-order mark"
    if b"\x00" in data:
        return None, "binary content (NUL bytes), not text"
    try:
        text = data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
        if text is None:
            lossy = data.decode("utf-8", errors="replace")
            if replacement_share(lossy) > 0.3:
                return None, "undecodable bytes: not UTF-8 or cp1252 (mostly replacement characters)"
            text = lossy
    if looks_binary(text):
        return None, "binary content (control characters), not text"
    return text, None


def _decode_legacy(data: bytes) -> str | None:
    """cp1252, only when every byte maps and ftfy sees nothing suspicious in the result."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if ftfy.is_bad(text) or looks_binary(text):
        return None
    return text
