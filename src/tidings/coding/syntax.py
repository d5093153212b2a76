"""Helpers over the spaCy dependency parse: argument phrases, subjects, objects and paths."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Token = Any  # spacy.tokens.Token; kept loose so this module imports without spaCy

SUBJ = ("nsubj", "csubj")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
OBJ = ("dobj", "obj", "dative", "attr", "oprd")
# Prepositions whose object is a recipient ("attacked positions in X" is a place, not a target).
TARGET_PREPS = ("against", "on", "upon", "with", "to", "toward", "towards", "into", "for", "from",
                "of", "over", "between", "among", "onto")  # fmt: skip
# Children that are not part of the actor phrase: clauses, appositions, other conjuncts.
_CUT_DEPS = {"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "parataxis", "ccomp", "xcomp"}
_KEEP_PREPS = {"of", "in", "from"}
PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "our", "them", "him", "us"}


def in_dateline(tok: Token) -> bool:
    """Whether ``tok`` is in a dateline that opens a sentence ("new delhi: ...", "LUCKNOW, March 3:"):
    a colon within the first six tokens with no verb before it. A dateline is never an actor."""
    sent = tok.sent
    cache = tok.doc.user_data.setdefault(_DATELINE_KEY, {})  # one answer per sentence: this runs per token
    colon = cache.get(sent.start, False)
    if colon is False:
        colon = cache[sent.start] = _dateline_colon(sent)
    return colon is not None and tok.i <= colon


_DATELINE_KEY = "tidings.dateline_colon"


def _dateline_colon(sent: Any) -> int | None:
    """Token index of the colon that ends the dateline opening ``sent``, if it opens with one."""
    head = list(sent[:7])  # a slice, not a walk over the whole sentence
    colon = next((t for t in head if t.text == ":"), None)
    if colon is None:
        return None
    before = list(sent[: colon.i - sent.start])
    if not before or any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" or t.is_quote for t in before):
        return None
    doc = sent.doc
    nxt = doc[colon.i + 1] if colon.i + 1 < len(doc) else None
    return colon.i if nxt is not None and not nxt.is_quote else None


def phrase_tokens(tok: Token) -> list[Token]:
    """The tokens of ``tok``'s noun phrase without relative clauses, appositions or conjuncts."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in _CUT_DEPS:
            continue
        if child.dep_ == "prep" and child.lower_ not in _KEEP_PREPS:
            continue
        out.extend(phrase_tokens(child))
    return out


def phrase_range(tok: Token) -> tuple[int, int]:
    """Character range (document offsets, end-exclusive) of ``tok``'s noun phrase, trimmed of punctuation."""
    toks = sorted((t for t in phrase_tokens(tok) if not t.is_space), key=lambda t: t.i) or [tok]
    if not in_dateline(tok):
        toks = [t for t in toks if not in_dateline(t)] or [tok]  # "new delhi: bjp" -> "bjp"
    while len(toks) > 1 and (toks[0].is_punct or toks[0].dep_ == "det"):
        toks.pop(0)
    while len(toks) > 1 and toks[-1].is_punct:
        toks.pop()
    first, last = toks[0], toks[-1]
    return first.idx, last.idx + len(last.text)


def children(tok: Token, *deps: str) -> list[Token]:
    """Children of ``tok`` with one of ``deps``."""
    return [c for c in tok.children if c.dep_ in deps]


def child(tok: Token, *deps: str) -> Token | None:
    """The first child of ``tok`` with one of ``deps``."""
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def prep_objects(tok: Token, preps: tuple[str, ...] = TARGET_PREPS) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs of ``tok``'s prepositional children, in text order."""
    for prep in sorted(children(tok, "prep", "agent", "dative"), key=lambda t: t.i):
        word = prep.lower_
        if word not in preps and prep.dep_ != "agent":
            continue
        for obj in children(prep, "pobj"):
            yield word, obj
        for sub in children(prep, "prep"):  # "out of", "away from"
            for obj in children(sub, "pobj"):
                yield word, obj
        dangling = _dangling_object(prep)
        if dangling is not None:
            yield word, dangling


def _dangling_object(prep: Token) -> Token | None:
    """A preposition the parser left without an object because it made the following noun phrase the subject
    of a new clause ("granted asylum to [five officers] holed up in ..."): that subject."""
    if any(c.dep_ in ("pobj", "pcomp", "prep") for c in prep.children):
        return None
    doc = prep.doc
    for tok in doc[prep.i + 1: min(len(doc), prep.i + 10)]:
        subj = tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN")
        if subj and tok.left_edge.i == prep.i + 1:
            return tok
    return None


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("A and B" -> [A, B])."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
    return out


def is_passive(verb: Token) -> bool:
    """A passive clause: a passive subject or a passive auxiliary."""
    return any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def agent(verb: Token) -> Token | None:
    """The "by" object of a passive verb."""
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            obj = child(c, "pobj")
            if obj is not None:
                return obj
    return None


def subject(verb: Token, depth: int = 0) -> tuple[Token | None, list[str]]:
    """The subject of ``verb``, climbing xcomp/conj/advcl chains; returns (token, dependency path)."""
    found = child(verb, *SUBJ)
    if found is not None:
        if found.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head, ["relcl^"]
        return found, [found.dep_]
    if depth > 4 or verb.head.i == verb.i:
        return None, []
    if verb.dep_ == "relcl" and not is_passive(verb):
        return verb.head, ["relcl^"]
    if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBD"):  # "soldiers guarding the border"
        return verb.head, ["acl^"]
    gerund = verb.dep_ in ("ccomp", "dobj") and verb.tag_ == "VBG"
    if verb.dep_ in ("xcomp", "conj", "advcl", "acomp", "pcomp") or gerund:
        head = verb.head
        if verb.dep_ == "pcomp":
            head = head.head
        if head.dep_ == "acomp":  # "is willing to withdraw": subject of "is"
            head = head.head
        if verb.dep_ == "xcomp" and child(head, "dobj") is not None and head.lemma_ not in ("promise",):
            obj = child(head, "dobj")  # object control: "urged X to leave" -> X leaves
            return obj, [f"{verb.dep_}^", "dobj"]
        if head.dep_ == "conj" and child(head, *SUBJ) is None and head.pos_ in ("VERB", "AUX"):
            head = head.head
        if verb.dep_ == "conj" and child(head, *PASSIVE_SUBJ) is not None:  # "X was indicted and will resign"
            found = child(head, *PASSIVE_SUBJ)
            return found, ["conj^", found.dep_]  # type: ignore[union-attr]
        tok, path = subject(head, depth + 1)
        return tok, [f"{verb.dep_}^", *path]
    return None, []


def clause_head(tok: Token) -> Token:
    """Climb conj/xcomp links to the verb that heads ``tok``'s clause chain."""
    cur = tok
    for _ in range(6):
        if cur.dep_ in ("conj", "xcomp", "acomp") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return cur


def dep_path(top: Token, arg: Token) -> list[str]:
    """Dependency labels walked from ``top`` down to ``arg`` (or up, marked ``^``), for traces."""
    down: list[str] = []
    cur = arg
    seen = 0
    while cur.i != top.i and cur.head.i != cur.i and seen < 12:
        down.append(cur.dep_ if cur.dep_ != "pobj" else f"pobj({cur.head.lower_})")
        cur = cur.head
        seen += 1
    if cur.i == top.i:
        return list(reversed(down))
    return [f"^{top.dep_}", *reversed(down)]
