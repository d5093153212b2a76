"""Attribution: who reports an event (the claimant), resolved to an actor or a named source.

:mod:`tidings.coding.factuality` finds the claimant's token ("X said", "according to X", "..., reports The
Hindu"). Here it is checked and resolved:

- a pronoun ("he said", "they told") takes its antecedent: the nearest earlier person or actor in the same
  or the two previous sentences whose number fits the pronoun ("he"/"she": one person; "they": a plural
  noun or a group; "it": an organisation or a country);
- a claimant is kept when it is an actor (the knowledge base or a sector noun: "police", "officials") or a
  named source (a proper name: "The Hindu", "Father X"); anything else ("it" with no antecedent, "the
  letter", "a report", "sources") is dropped: the event stays reported, with no claimant.
"""

from __future__ import annotations

from typing import Any

from tidings.coding.build import Claim
from tidings.coding.coref import find_antecedent
from tidings.coding.factuality import Modality
from tidings.coding.resolve import ActorFinder
from tidings.coding.syntax import PRONOUNS, phrase_range
from tidings.model import Document, Mention

Token = Any

_NAMED = {"PERSON", "ORG", "NORP", "GPE"}
# Nouns a claimant cannot be: documents and messages speak for someone, who is the claimant if named.
_NOT_SOURCES = {"letter", "message", "report", "statement", "note", "document", "paper", "study", "survey",
                "data", "record", "video", "footage", "post", "tweet", "article", "story", "news", "text",
                "speech", "communique", "release", "notice", "website", "site", "page", "account", "book",
                "investigation", "inquiry", "probe", "analysis", "figure", "figures", "statistics",
                "target", "this", "that", "which", "what", "who", "one", "some", "many", "source",
                "sources"}  # fmt: skip
_LOOKBACK_SENTENCES = 2


def find_claim(finder: ActorFinder, doc: Document, mod: Modality) -> Claim:
    """The claimant of an event with modality ``mod``: resolved, or dropped when it is no source."""
    tok = mod.claimant
    if tok is None:
        return Claim(cue=mod.claimant_cue if mod.hearsay else None)
    steps: list[str] = []
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
        ante = claimant_antecedent(finder, doc, tok)
        if ante is None:
            return Claim(cue=mod.claimant_cue, steps=(f"pronoun claimant '{tok.text}' has no antecedent",))
        steps.append(f"claimant '{tok.text}' -> '{ante.text}'")
        tok = ante
    if tok.pos_ != "PROPN" and tok.lemma_.lower() in _NOT_SOURCES:
        author = _author(tok)  # "a letter from the group", "a statement by the ministry"
        if author is not None:
            steps.append(f"claimant '{tok.text}' -> its author '{author.text}'")
            tok = author
    mention, more = finder.resolve(doc, tok)
    actor = mention is not None and mention.actor is not None and mention.actor.kind != "place"
    if not actor and not _named_source(tok):
        note = f"claimant '{tok.text}' is neither an actor nor a named source: dropped"
        return Claim(cue=mod.claimant_cue, steps=(*steps, note))
    span = mod.claimant_span if mod.claimant_span is not None and tok is mod.claimant else phrase_range(tok)
    if tok.pos_ == "PROPN" and doc.text[max(0, span[0] - 4):span[0]] == "The ":
        span = (span[0] - 4, span[1])  # an outlet's name: "The Hindu", "The Telegraph"
    return Claim(tok, mention if actor else None, mod.claimant_cue, tuple([*steps, *more]), span)


def _author(tok: Token) -> Token | None:
    """Who a document or message is from: the object of "from", "by" or "of" in its phrase."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() not in _NOT_SOURCES:
                return obj
    return None


def _named_source(tok: Token) -> bool:
    """A proper name that is not a document ("The Hindu", "Daily Times", "Father Topno")."""
    if tok.pos_ == "PROPN" and tok.text[:1].isupper():
        return True
    if any(c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.text[:1].isupper() for c in tok.lefts):
        return True  # "Omdurman radio", "the Xinhua news agency"
    if tok.lemma_.lower() in _NOT_SOURCES or tok.lower_ in _NOT_SOURCES:
        return False
    return tok.ent_type_ in _NAMED


def claimant_antecedent(finder: ActorFinder, doc: Document, pron: Token) -> Token | None:
    """The nearest earlier person or actor, in the same or the previous two sentences, that fits the
    pronoun's number ("he" -> one person; "they" -> a plural or a group; "it" -> an organisation)."""
    return find_antecedent(pron, lambda tok: _named_source(tok) or _actor(finder, doc, tok) is not None,
                           _LOOKBACK_SENTENCES)


def _actor(finder: ActorFinder, doc: Document, tok: Token) -> Mention | None:
    mention, _ = finder.resolve(doc, tok, coref=False)
    if mention is None or mention.actor is None or mention.actor.kind == "place":
        return None
    return mention
