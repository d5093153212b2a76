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
from tidings.coding.factuality import Modality
from tidings.coding.resolve import ActorFinder
from tidings.coding.syntax import PRONOUNS, phrase_range
from tidings.model import Document, Mention

Token = Any

_SINGULAR_PERSON = {"he", "she", "him", "her", "his"}
_PLURAL = {"they", "them", "their", "we", "us", "our"}
_NEUTER = {"it", "its"}
_NAMED = {"PERSON", "ORG", "NORP", "GPE"}
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW", "EVENT"}
# Nouns a claimant cannot be: documents and messages speak for someone, who is the claimant if named.
_NOT_SOURCES = {"letter", "message", "report", "statement", "note", "document", "paper", "study", "survey",
                "data", "record", "video", "footage", "post", "tweet", "article", "story", "news", "text",
                "speech", "communique", "release", "notice", "website", "site", "page", "account", "book",
                "investigation", "inquiry", "probe", "analysis", "figure", "figures", "statistics",
                "target", "this", "that", "which", "what", "who", "one", "some", "many", "source",
                "sources"}  # fmt: skip
_GROUP_NOUNS = {"police", "government", "army", "military", "ministry", "party", "group", "council",
                "administration", "force", "forces", "committee", "union", "court", "agency",
                "department"}  # fmt: skip
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
    sent = pron.sent
    start = sent.start
    for _ in range(_LOOKBACK_SENTENCES):
        if start == 0:
            break
        start = pron.doc[start - 1].sent.start
    for k in range(pron.i - 1, start - 1, -1):
        tok = pron.doc[k]
        if tok.pos_ not in ("PROPN", "NOUN") or tok.dep_ in ("compound", "amod", "nmod", "poss"):
            continue
        if tok.lower_ in PRONOUNS or tok.ent_type_ in _NOT_NAMES or not _fits(pron, tok):
            continue
        if _named_source(tok) or _actor(finder, doc, tok) is not None:
            return tok
    return None


def _fits(pron: Token, tok: Token) -> bool:
    word = pron.lower_
    plural = tok.tag_ in ("NNS", "NNPS")
    group = tok.lemma_.lower() in _GROUP_NOUNS or tok.ent_type_ in ("ORG", "GPE", "NORP")
    if word in _SINGULAR_PERSON:  # a named person, or a noun for one ("the minister")
        person = tok.ent_type_ == "PERSON" or (tok.pos_ == "NOUN" and not tok.ent_type_)
        return not plural and not group and person
    if word in _PLURAL:
        return plural or group
    if word in _NEUTER:
        return not plural and tok.ent_type_ != "PERSON"
    return True


def _actor(finder: ActorFinder, doc: Document, tok: Token) -> Mention | None:
    mention, _ = finder.resolve(doc, tok)
    if mention is None or mention.actor is None or mention.actor.kind == "place":
        return None
    return mention
