"""Quotes stage: direct and indirect quotations with their speakers.

Direct quotations are found from the quotation marks (straight and curly, nested single marks inside double
ones); a quotation whose paragraph ends without a closing mark continues when the next paragraph opens with
one. The speaker comes from a cue verb ("said", "notes", "argues", "according to") before the quotation
("X notes that, “…”"), after it ("“…,” she said") or between two parts of it ("“…,” she notes, “…”").
Indirect speech is a cue verb with a clausal complement ("X said that …"), a parenthetical cue
("Tokyo, she notes, has …") or "according to X, …".

Not quotations (skipped, never stored): scare quotes and titles, i.e. quoted fragments without a finite verb
and without a cue right next to them ("the ‘decapitation’ of its leadership", the “pivot to Asia”).
A quoted full clause with no cue in its sentence is given to the speaker of the most recent attributed
full-clause quotation (analysis pieces quote one author paragraph after paragraph).
A pronoun speaker ("she", "he") is replaced by the named person it refers to: the name it was bound to
before in the document, else the most recent named speaker or person mention; ``speaker_text`` and the
speaker offsets then point at that name.

After the quotes are found, every event whose verb lies inside one and whose factuality is still
"asserted" becomes "reported", with the speaker (if known) as claimant.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tidings.config import Settings
from tidings.kb.resolver import ActorResolver, shared_resolver
from tidings.model import Document, Quote, stable_id
from tidings.sentindex import doc_text

CUE_LEMMAS: frozenset[str] = frozenset({
    "say", "tell", "argue", "note", "observe", "claim", "state", "insist", "warn", "add", "stress",
    "emphasize", "emphasise", "write", "announce", "declare", "explain", "suggest", "report", "affirm",
    "deny", "acknowledge", "admit", "maintain", "assert", "contend", "remark", "reply", "respond",
    "highlight", "allege", "predict", "confirm", "reveal", "conclude", "recall", "mention", "caution",
    "complain", "continue", "ask", "demand", "comment", "testify", "proclaim", "point", "lament",
})  # fmt: skip
# Cues that only introduce direct speech: "and continues: “…”" is a quote, "continues to rise" is not.
DIRECT_ONLY: frozenset[str] = frozenset({"continue", "ask", "demand", "point"})
PRONOUNS: frozenset[str] = frozenset({"she", "he"})
PERSON_TITLES: frozenset[str] = frozenset(
    "president minister premier chancellor king queen general colonel commander spokesman spokeswoman "
    "spokesperson ambassador envoy senator mayor governor secretary chairman chairwoman chief leader "
    "official diplomat lawyer activist analyst researcher professor journalist officer".split())  # fmt: skip
_OPEN_D = "“„"
_STRAIGHT = '"'
_ADJ_BEFORE = re.compile(r"^\s*(?:out\b)?\s*(?:that\b)?\s*[,:]?\s*$", re.I)
_ADJ_AFTER = re.compile(r"^[\s,;:—–-]*$")
_WORD = re.compile(r"[\w’'-]+")
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten twenty thirty forty fifty sixty seventy "
                          "eighty ninety hundred percent majority".split())  # fmt: skip
_ORG_WORDS = frozenset("Ministry Party Committee Council Agency Army Force Forces News Daily Institute University "
                       "Bank Group Times Post Office Commission Court Government Union Association".split())

ResolveFn = Callable[[Document, int, int, "int | None"], Any]


@dataclass(slots=True)
class _Span:
    """A quotation candidate before it becomes a Quote."""

    start: int  # content, without the marks
    end: int
    open_mark: int  # position of the opening mark (or start for indirect)
    close_mark: int  # position just after the closing mark (or end)
    kind: str = "direct"
    cue: str | None = None
    speaker: tuple[int, int] | None = None
    parent: _Span | None = None
    inner: bool = False  # nested inside another quotation's marks


class QuoteStage:
    """Find quotations, attribute them and mark the events inside them as reported."""

    name = "quotes.v1"
    needs: frozenset[str] = frozenset({"parsed", "mentions", "events"})
    adds: frozenset[str] = frozenset({"quotes"})

    def __init__(self, settings: Settings | None = None, *, resolver: ActorResolver | None = None) -> None:
        self.settings = settings or Settings()
        engine = resolver or shared_resolver(self.settings.actors_files)
        self.resolve: ResolveFn | None = engine.resolve_phrase

    def __call__(self, doc: Document) -> Document:
        doc.quotes = find_quotes(doc, self.resolve)
        mark_reported(doc)
        return doc


def find_quotes(doc: Document, resolve: ResolveFn | None = None) -> list[Quote]:
    """Return the direct and indirect quotations of a parsed document, in text order."""
    parsed = doc.parsed
    if parsed is None:
        return []
    spans = direct_spans(doc.text)
    kept: list[_Span] = []
    for span in spans:
        _attribute_direct(parsed, doc.text, span, spans)
    indirect = _indirect_spans(parsed, spans)
    for span in spans:
        if span.speaker is None and not _keep_unattributed(parsed, doc.text, span, indirect):
            continue
        kept.append(span)
    for span in indirect:
        kept.append(span)
    kept.sort(key=lambda s: (s.start, -s.end))
    _carry_over(parsed, doc.text, kept)
    return _to_quotes(doc, kept, resolve)


def direct_spans(text: str) -> list[_Span]:
    """Quotation-mark spans: double marks at top level, single marks nested or standalone."""
    spans = _double_spans(text)
    nested: list[_Span] = []
    for span in spans:
        for inner in _single_spans(text, span.start, span.end):
            inner.inner = True
            inner.parent = span
            nested.append(inner)
    covered = [(s.open_mark, s.close_mark) for s in spans]
    for single in _single_spans(text, 0, len(text)):
        if not any(a <= single.open_mark < b for a, b in covered):
            spans.append(single)
    spans.extend(nested)
    spans.sort(key=lambda s: s.start)
    return spans


def _double_spans(text: str) -> list[_Span]:
    # ``…'' and ''…'' (typewriter and wire-service doubles) count as double marks
    marks = [(m.start(), m.group()) for m in re.finditer(r"[“”„\"]|``|''|\n", text)]
    width = 1
    spans: list[_Span] = []
    open_at: int | None = None
    pending_break: int | None = None  # paragraph end seen inside an open quotation
    for pos, ch in marks:
        if ch == "\n":
            if open_at is not None and pending_break is None:
                pending_break = pos
            continue
        opening = ch in _OPEN_D or ch == "``" or (ch in (_STRAIGHT, "''") and open_at is None)
        if open_at is None:
            if opening:
                open_at, pending_break, width = pos, None, len(ch)
            continue
        if opening:
            if pending_break is not None and text[pending_break:pos].strip() == "":
                pending_break = None  # the quotation runs on into this paragraph
                continue
            spans.append(_make_span(text, open_at, pending_break or pos, None, width))
            open_at, pending_break, width = pos, None, len(ch)
            continue
        if pending_break is not None:
            spans.append(_make_span(text, open_at, pending_break, None, width))
            open_at, pending_break = None, None
            continue
        spans.append(_make_span(text, open_at, pos, pos + len(ch), width))
        open_at = None
    if open_at is not None:
        spans.append(_make_span(text, open_at, pending_break or len(text), None, width))
    return [s for s in spans if s.end > s.start]


def _make_span(text: str, open_at: int, end: int, close_after: int | None, width: int = 1) -> _Span:
    start = open_at + width
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] in ",;:"):
        stop -= 1
    return _Span(start, stop, open_at, close_after if close_after is not None else stop)


def _single_spans(text: str, lo: int, hi: int) -> list[_Span]:
    """‘…’ (and '…' after a space) pairs; a ’ followed by a letter is an apostrophe, not a close."""
    out: list[_Span] = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch in "‘'" and (i == 0 or not text[i - 1].isalnum()) and i + 1 < hi and text[i + 1].isalnum() \
                and (i == 0 or text[i - 1] not in "'`"):  # fmt: skip
            j = i + 1
            while j < hi:
                if text[j] in "’'" and (j + 1 >= len(text) or not text[j + 1].isalnum()) and text[j - 1] != " " \
                        and text[j + 1:j + 2] != "'":  # fmt: skip
                    break
                if text[j] == "\n":
                    j = hi
                    break
                j += 1
            if j < hi:
                out.append(_make_span(text, i, j, j + 1))
                i = j + 1
                continue
        i += 1
    return out


# -- attribution -------------------------------------------------------------------------------------------


def _tokens_in(parsed: Any, start: int, end: int) -> list[Any]:
    span = parsed.char_span(start, end, alignment_mode="contract") if end > start else None
    return list(span) if span is not None else []


def _is_cue(tok: Any) -> bool:
    lower = tok.lower_
    if lower == "according":
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    if tok.lemma_.lower() == "point":
        return any(c.lower_ == "out" for c in tok.children) or (
            tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "out")  # fmt: skip
    return tok.pos_ in ("VERB", "AUX", "NOUN") and tok.lemma_.lower() in CUE_LEMMAS and (
        tok.pos_ == "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        or (tok.i > 0 and tok.doc[tok.i - 1].pos_ in ("PRON", "PROPN")))  # fmt: skip


def cue_text(tok: Any) -> str:
    """The cue as a phrase: "according to", "points out", "said"."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if tok.lower_ == "according" or (tok.lemma_.lower() == "point" and nxt is not None and nxt.lower_ == "out"):
        return f"{tok.text} {nxt.text}" if nxt is not None else tok.text
    return str(tok.text)


def speaker_of(tok: Any, quoted: list[tuple[int, int]] | None = None) -> tuple[int, int] | None:
    """Character range of the speaker of cue token ``tok`` (its subject, or "according to"'s object).

    Subjects inside ``quoted`` ranges (the quotations themselves) are never the speaker.
    """
    quoted = quoted or []
    if tok.lower_ == "according":
        to = tok.doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        return _np_range(obj) if obj is not None else None
    cur = tok
    for level in range(6):
        # Above the cue, a content clause's subject is what was reported, not who reported it:
        # "X noted that the treaty had served … and continued:" climbs past "the treaty" to X.
        content = level > 0 and cur.dep_ == "ccomp"
        subjects = [] if content else [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")
                                       and not any(a <= c.idx < b for a, b in quoted)]  # fmt: skip
        if subjects:
            return _np_range(min(subjects, key=lambda c: abs(c.i - tok.i)))
        if cur.dep_ in ("conj", "xcomp", "advcl", "acl", "ccomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return None


def _np_range(head: Any) -> tuple[int, int]:
    """The noun phrase of ``head`` without relative clauses, appositions and trailing punctuation."""
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            continue  # "The army's chief of staff, General Tomas Brandt": keep the name
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl") and child.i > head.i:
            drop.update(t.i for t in child.subtree)
    toks = [t for t in head.subtree if t.i not in drop and t.i <= max(head.i, _last_right(head, drop))]
    while toks and toks[0].is_punct:
        toks.pop(0)
    while toks and toks[-1].is_punct and toks[-1].text != ")":
        toks.pop()
    if not toks:  # the head itself is punctuation (a bad parse): keep the head token
        return head.idx, head.idx + max(1, len(head.text.rstrip()))
    first, last = toks[0], toks[-1]
    return first.idx, last.idx + len(last.text.rstrip())


def _last_right(head: Any, drop: set[int]) -> int:
    idx = head.i
    for t in head.subtree:
        if t.i > idx and t.i not in drop and all(x.i not in drop for x in t.ancestors if x.i > head.i):
            idx = t.i
    return idx


def _window_before(parsed: Any, text: str, span: _Span, spans: list[_Span]) -> int:
    tok = parsed.char_span(span.open_mark, span.open_mark + 1, alignment_mode="expand")
    sent_start = tok.sent.start_char if tok is not None and len(tok) else 0
    line_start = text.rfind("\n", 0, span.open_mark) + 1
    lo = max(sent_start, line_start)
    if text[line_start:span.open_mark].strip() == "" and text[:line_start].rstrip().endswith(":"):
        # "… and continued:" closing the previous paragraph introduces this one's quotation
        prev_end = len(text[:line_start].rstrip())
        lo = next((s.start_char for s in parsed.sents if s.start_char < prev_end <= s.end_char), line_start)
    for other in spans:
        if other is not span and not other.inner and other.close_mark <= span.open_mark:
            lo = max(lo, other.close_mark)
    return lo


def _window_after(text: str, span: _Span, spans: list[_Span]) -> int:
    hi = len(text)
    m = re.compile(r"[.!?]\s|\n|[“„\"]").search(text, span.close_mark)
    if m:
        hi = m.start() + (1 if text[m.start()] in ".!?" else 0)
    return min(hi, span.close_mark + 120)


def _attribute_direct(parsed: Any, text: str, span: _Span, spans: list[_Span]) -> None:
    """Set ``cue`` and ``speaker`` of a direct quotation from the cue nearest to it, if any."""
    lo = _window_before(parsed, text, span, spans)
    hi = _window_after(text, span, spans)
    quoted = [(s.start, s.end) for s in spans if not s.inner and not (s.start <= span.start < s.end)]
    quoted.append((span.start, span.end))
    before = [t for t in _tokens_in(parsed, lo, span.open_mark) if _is_cue(t)]
    after = [t for t in _tokens_in(parsed, span.close_mark, hi) if _is_cue(t) and _ends_clause(t, quoted)]
    fragment = _is_fragment(parsed, span)
    choice = None
    if before and _ADJ_BEFORE.match(text[_cue_end(before[-1]):span.open_mark]):
        choice = before[-1]
    elif after and _adjacent_after(text, span, after[0], quoted):
        choice = after[0]
    elif not fragment and before:
        choice = before[-1]
    elif not fragment and after:
        choice = after[0]
    if choice is None:
        return
    who = speaker_of(choice, quoted)
    if who is None and fragment:
        return
    span.cue, span.speaker = cue_text(choice), who


def _cue_end(tok: Any) -> int:
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and (tok.lower_ == "according" or nxt.lower_ == "out"):
        return int(nxt.idx + len(nxt.text))
    return int(tok.idx + len(tok.text))


def _ends_clause(tok: Any, quoted: list[tuple[int, int]]) -> bool:
    """A cue after a quotation closes its own clause ("she said."), not "continue to forge ahead"."""
    if tok.lemma_.lower() in DIRECT_ONLY:
        return False
    return not any(c.dep_ in ("ccomp", "xcomp") and c.i > tok.i and not any(a <= c.idx < b for a, b in quoted)
                   for c in tok.children)  # fmt: skip


def _adjacent_after(text: str, span: _Span, cue: Any, quoted: list[tuple[int, int]]) -> bool:
    who = speaker_of(cue, quoted)
    first = min(cue.idx, who[0]) if who else cue.idx
    return bool(_ADJ_AFTER.match(text[span.close_mark:first])) and first - span.close_mark <= 6


def _is_fragment(parsed: Any, span: _Span) -> bool:
    """True when the quoted text has no finite verb (a noun phrase, a title, a scare quote)."""
    toks = _tokens_in(parsed, span.start, span.end)
    words = [t for t in toks if not t.is_punct]
    if len(words) <= 3:
        return True
    return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or (
        t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") and span.start <= c.idx < span.end
                                          for c in t.children)) for t in words)  # fmt: skip


def _keep_unattributed(parsed: Any, text: str, span: _Span, indirect: list[_Span]) -> bool:
    """An unattributed quotation is kept when it is a full clause or sits inside reported speech."""
    host = next((q for q in indirect if q.start <= span.start and span.end <= q.end), None)
    words = len(_WORD.findall(text[span.start:span.end]))
    if host is not None and words >= 3 and not span.inner:
        span.speaker, span.cue, span.parent = host.speaker, host.cue, host
        return True
    return not _is_fragment(parsed, span) and words >= 4


def _indirect_spans(parsed: Any, directs: list[_Span]) -> list[_Span]:
    out: list[_Span] = []
    for tok in parsed:
        if not _is_cue(tok) or tok.lemma_.lower() in DIRECT_ONLY or _inside(tok.idx, directs):
            continue
        rng = _reported_range(tok)
        if rng is None:
            continue
        start, end = rng
        if end - start < 8 or _mostly_quoted(start, end, directs):
            continue
        who = speaker_of(tok, [(d.start, d.end) for d in directs if not d.inner])
        if who is not None and _numeric(doc_text(parsed)[who[0]:who[1]]):
            continue  # "70 percent of Ukrainians say …" is a poll result (claims stage), not reported speech
        if who is None or (start <= who[0] < end and tok.lower_ != "according"
                           and tok.dep_ not in ("parataxis", "appos")):  # fmt: skip
            continue
        out.append(_Span(start, end, start, end, kind="indirect", cue=cue_text(tok), speaker=who))
    return out


def _numeric(text: str) -> bool:
    """A subject holding a number or share ("70 percent of Ukrainians", "Four in ten voters")."""
    words = {w.lower() for w in _WORD.findall(text)}
    return any(ch.isdigit() for ch in text) or bool(words & _NUMBER_WORDS)


def _reported_range(tok: Any) -> tuple[int, int] | None:
    """The clause a cue reports: its complement, or the clause around a parenthetical/according-to cue."""
    comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if comp is not None and comp.i > tok.i:
        toks = [t for t in comp.subtree if t.i > tok.i]
        return _trim(toks)
    if comp is not None and comp.i < tok.i and (
            tok.i >= tok.sent.end - 2 or tok.doc[tok.i + 1].is_punct
            or any(t.text == "," for t in tok.doc[comp.right_edge.i + 1 : tok.i])):  # fmt: skip
        return _trim(list(comp.subtree))  # "…, the city said (in a statement)."
    if tok.lower_ == "according":
        root = tok.sent.root  # "according to X" reports the whole sentence, not the clause it hangs off
        skip = {t.i for t in tok.subtree}
        return _trim([t for t in root.subtree if t.i not in skip])
    if tok.dep_ in ("parataxis", "appos"):
        host = tok.head
        while host.pos_ not in ("VERB", "AUX") and host.head.i != host.i:
            host = host.head  # "The port, X notes, has been closed": the cue hangs off the subject
        if host.i == tok.i or host.pos_ not in ("VERB", "AUX"):
            return None
        skip = {t.i for t in tok.subtree}
        return _trim([t for t in host.subtree if t.i not in skip])
    return None


def _trim(toks: list[Any]) -> tuple[int, int] | None:
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (toks[0].is_punct or toks[0].dep_ == "mark" or toks[0].lower_ == "that"):
        toks.pop(0)
    while toks and toks[-1].is_punct:
        toks.pop()
    if not toks:
        return None
    return int(toks[0].idx), int(toks[-1].idx + len(toks[-1].text))


def _inside(pos: int, spans: list[_Span]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def _mostly_quoted(start: int, end: int, directs: list[_Span]) -> bool:
    covered = sum(max(0, min(end, s.close_mark) - max(start, s.open_mark)) for s in directs if not s.inner)
    return covered >= 0.5 * (end - start)


# -- speakers: carry-over and pronouns ---------------------------------------------------------------------


def _person_mentions(parsed: Any, doc_mentions: list[Any] | None = None) -> list[tuple[int, int]]:
    out = [(e.start_char, e.end_char) for e in parsed.ents if e.label_ == "PERSON"]
    for tok in parsed:  # a proper-noun subject the tagger did not call a PERSON ("Amara Diallo describes")
        if tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and tok.ent_type_ in ("", "PERSON", "ORG"):
            rng = _np_range(tok)
            words = doc_text(parsed)[rng[0]:rng[1]].split()
            if tok.ent_type_ != "ORG" or (len(words) in (2, 3) and not set(words) & _ORG_WORDS):
                out.append(rng)
    for m in doc_mentions or []:
        actor = getattr(m, "actor", None)
        if actor is not None and actor.kind == "person":
            out.append((m.start, m.end))
    return sorted(set(out))


def _carry_over(parsed: Any, text: str, spans: list[_Span]) -> None:
    """Give unattributed full clauses the last speaker; replace pronoun speakers by the name meant."""
    persons = _person_mentions(parsed)
    bound: dict[str, tuple[int, int]] = {}  # pronoun -> the name it last stood for
    gender: dict[str, str] = {}  # name -> pronoun seen for it
    last_full: tuple[int, int] | None = None
    for span in spans:
        if span.speaker is None and span.kind == "direct" and span.parent is None:
            intro = _introducer(parsed, text, span, persons)
            # a person introduced in the sentence just before outranks an older speaker
            span.speaker = intro if intro is not None and (last_full is None or intro[0] > last_full[0]) \
                else last_full  # fmt: skip
            continue
        if span.speaker is None:
            continue
        word = text[span.speaker[0]:span.speaker[1]].lower()
        if word in PRONOUNS:
            named = _antecedent(text, word, span.speaker[0], spans, persons, bound, gender)
            if named is not None:
                bound[word] = named
                gender[_key(text, named)] = word
                span.speaker = named
        if span.kind == "direct" and span.parent is None:
            last_full = span.speaker


def _introducer(parsed: Any, text: str, span: _Span, persons: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The subject of the sentence just before a quotation when it ends with ":" or names a person."""
    prev = [s for s in parsed.sents if s.end_char <= span.open_mark and text[s.start_char:s.end_char].strip()]
    if not prev or text[prev[-1].end_char:span.open_mark].count("\n") > 2:
        return None
    sent = prev[-1]
    subj = next((t for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    rng = _np_range(subj)
    if sent.text.rstrip().endswith(":") or any(a <= subj.idx < b for a, b in persons):
        return rng
    return None


def _key(text: str, rng: tuple[int, int]) -> str:
    return " ".join(text[rng[0]:rng[1]].split()).lower()


def _antecedent(text: str, pronoun: str, pos: int, spans: list[_Span], persons: list[tuple[int, int]],
                bound: dict[str, tuple[int, int]], gender: dict[str, str]) -> tuple[int, int] | None:  # fmt: skip
    names = [s.speaker for s in spans if s.speaker is not None and s.speaker[1] <= pos]
    cands = [r for r in {*names, *persons} if r[1] <= pos and _is_name(text, r)]
    cands.sort()
    prev = bound.get(pronoun)
    if prev is not None:
        later = [c for c in cands if c[0] > prev[0] and gender.get(_key(text, c)) == pronoun]
        if not later:
            return prev
    for cand in reversed(cands):
        seen = gender.get(_key(text, cand))
        if seen is None or seen == pronoun:
            return _full_name(text, cand, cands)
    return None


def _is_name(text: str, rng: tuple[int, int]) -> bool:
    """A named person or a person by title ("The president"), never a pronoun."""
    words = text[rng[0]:rng[1]].split()
    if not words or words[0].lower() in PRONOUNS:
        return False
    return words[-1][:1].isupper() or words[-1].lower().strip(".,") in PERSON_TITLES


def _full_name(text: str, cand: tuple[int, int], cands: list[tuple[int, int]]) -> tuple[int, int]:
    """"Simone" after "Simone Chun": the fuller, earlier form of the same name."""
    short = set(text[cand[0]:cand[1]].split())
    for other in cands:
        words = text[other[0]:other[1]].split()
        if other[0] < cand[0] and len(words) > len(short) and short <= set(words):
            return other
    return cand


# -- output ------------------------------------------------------------------------------------------------


def _to_quotes(doc: Document, spans: list[_Span], resolve: ResolveFn | None) -> list[Quote]:
    ids: dict[int, str] = {}
    for span in spans:
        ids[id(span)] = stable_id(doc.doc_id, span.start, span.end, span.kind)
    quotes: list[Quote] = []
    for span in spans:
        parent = span.parent if span.parent is not None and id(span.parent) in ids else None
        if parent is None:
            parent = _container(span, spans)
        quote = Quote(
            quote_id=ids[id(span)], doc_id=doc.doc_id, text=doc.text[span.start:span.end], start=span.start,
            end=span.end, kind=span.kind, cue=span.cue,
            parent_quote_id=ids[id(parent)] if parent is not None else None,
        )  # fmt: skip
        if span.speaker is not None:
            quote.speaker_start, quote.speaker_end = span.speaker
            quote.speaker_text = doc.text[span.speaker[0]:span.speaker[1]]
            _set_actor(doc, quote, resolve)
        quotes.append(quote)
    return quotes


def _container(span: _Span, spans: list[_Span]) -> _Span | None:
    best: _Span | None = None
    for other in spans:
        if other is span or not (other.start <= span.start and span.end <= other.end):
            continue
        if (other.start, other.end) == (span.start, span.end):
            continue
        if best is None or other.end - other.start < best.end - best.start:
            best = other
    return best


def _set_actor(doc: Document, quote: Quote, resolve: ResolveFn | None) -> None:
    if resolve is None or quote.speaker_start is None or quote.speaker_end is None:
        return
    try:
        mention = resolve(doc, quote.speaker_start, quote.speaker_end, None)
    except Exception:  # noqa: BLE001 - a failing resolver leaves the speaker unresolved, not the quote lost
        return
    actor = getattr(mention, "actor", None)
    if actor is not None:
        quote.speaker_country, quote.speaker_sector, quote.speaker_actor_id = (
            actor.country, actor.sector, actor.actor_id)  # fmt: skip


def innermost(quotes: list[Quote], pos: int) -> Quote | None:
    """The smallest quotation whose span contains character ``pos``."""
    inside = [q for q in quotes if q.start <= pos < q.end]
    return min(inside, key=lambda q: q.end - q.start) if inside else None


def mark_reported(doc: Document) -> None:
    """Events whose verb lies inside a quotation and are still "asserted" become "reported" by its speaker
    (claimant None when the quotation has no known speaker)."""
    for event in doc.events:
        if event.verb_start is None or event.factuality != "asserted":
            continue
        quote = innermost(doc.quotes, event.verb_start)  # a quotation of unknown source still reports
        if quote is None:
            continue
        event.factuality = "reported"
        event.claimant_text = quote.speaker_text
        event.claimant_country = quote.speaker_country
        event.claimant_sector = quote.speaker_sector
        event.claimant_actor_id = quote.speaker_actor_id
