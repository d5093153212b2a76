"""Actor resolution for the coder: which actor a phrase of the parse names, and the best filler of a slot.

:class:`ActorFinder` wraps the actor resolver (``tidings.stages.actors.resolve_phrase`` by default) with the
coder's own steps: pronouns take their antecedent, "others" the earlier object, a phrase with no actor of its
own the mention inside it or the named place it is (gazetteer). :meth:`ActorFinder.fill` picks, among a
slot's options, the first that resolves to an actor, preferring one with a country other than the source's.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Any

from tidings.coding.arguments import Arg, Slot
from tidings.coding.coref import (COREF_STEP, find_antecedent, fits, is_bare_surname, is_pronoun,
                                  is_role_noun, kind_fits)  # fmt: skip
from tidings.coding.syntax import PRONOUNS, SUBJ, children, conjuncts, phrase_range, prep_objects
from tidings.model import Actor, Document, Mention

Token = Any
Resolver = Callable[..., Mention | None]

# Sentences before the referring word searched for an antecedent, and the score of a side found that way.
COREF_LOOKBACK = 3
COREF_SCORE = 0.6
_FIRST_PERSON = {"we", "us", "our"}


@dataclass(slots=True)
class _Found:
    member: Token
    path: list[str]
    mention: Mention
    steps: list[str]
    group: list[Token]


class ActorFinder:
    """Resolves parse phrases to actors with the actor resolver and the coder's own fallbacks."""

    def __init__(self, resolver: Resolver | None) -> None:
        self.resolver = resolver

    def resolve(self, doc: Document, tok: Token, speaker: Token | None = None, avoid: Collection[int] = (),
                coref: bool = True) -> tuple[Mention | None, list[str]]:  # fmt: skip
        """The actor of the phrase headed by ``tok``: the resolver, then an overlapping mention.

        A pronoun takes the speaker or its subject antecedent when that is an actor of its number, else the
        nearest earlier actor that fits (:mod:`tidings.coding.coref`); a bare surname or role noun that
        resolves to nothing takes its antecedent the same way. ``avoid`` holds the event's other side, which
        is never the antecedent; ``coref=False`` skips the antecedent search (used while searching).
        """
        if is_pronoun(tok):
            ante = speaker if speaker is not None and speaker.i != tok.i else antecedent(tok)
            first: tuple[Mention | None, list[str]] = (None, [f"pronoun '{tok.text}' has no antecedent"])
            if ante is not None and ante.i != tok.i:
                mention, more = self.resolve(doc, ante, coref=False)
                first = mention, [f"pronoun '{tok.text}' -> '{ante.text}'", *more]
                if _person_or_group(mention) and (ante is speaker or fits(tok, ante)):
                    return first
            if coref:
                found = self._corefer(doc, tok, avoid)
                if found[0] is not None:
                    return found
            return first
        if tok.lemma_.lower() == "other" and tok.pos_ == "NOUN":  # "killed one soldier, wounded two others"
            ante = _earlier_object(tok)
            if ante is not None:
                mention, more = self.resolve(doc, ante, speaker)
                return mention, [f"'{tok.text}' -> '{ante.text}'", *more]
        if coref and is_bare_surname(tok):  # "Bello" after "Musa Bello": that person, before any namesake
            found = self._corefer(doc, tok, avoid)
            if found[0] is not None:
                return found
        start, end = phrase_range(tok)
        if self.resolver is not None:
            mention = self.resolver(doc, start, end, head=_partitive_head(tok).idx)
            if mention is not None and mention.actor is not None:
                return self._with_country(doc, tok, mention, start, end, speaker)
        for m in doc.mentions:
            if m.actor is not None and m.start < end and start < m.end:
                return m, [f"mention '{m.text}' inside the phrase", *m.steps]
        place = place_actor(doc, tok)
        if place is not None:
            return place, list(place.steps)
        if coref and is_role_noun(tok):  # "the minister" that names no actor of its own
            found = self._corefer(doc, tok, avoid)
            if found[0] is not None:
                return found
        return None, [f"no actor for '{tok.doc.char_span(start, end, alignment_mode='expand')}'"]

    def _corefer(self, doc: Document, tok: Token, avoid: Collection[int]) -> tuple[Mention | None, list[str]]:
        """The actor of ``tok``'s nearest fitting earlier antecedent, at a lower score, with the step."""
        found: dict[int, Mention] = {}

        def accept(cand: Token) -> bool:
            if cand.pos_ == "NOUN" and not self._names_actor(doc, cand):
                return False  # "the deployment of the army": the noun itself must name the actor
            mention, _ = self.resolve(doc, cand, coref=False)
            if mention is None or mention.actor is None or mention.actor.kind == "place":
                return False
            if not kind_fits(tok, cand, mention.actor.kind):
                return False
            found[cand.i] = mention
            return True

        if tok.lower_ in _FIRST_PERSON:
            return None, []  # "we" in a quote is the speaker's side, found through the speaker
        ante = find_antecedent(tok, accept, COREF_LOOKBACK, avoid)
        if ante is None:
            return None, []
        m = found[ante.i]
        note = f"'{tok.text}' {COREF_STEP} '{ante.text}' (antecedent {tok.i - ante.i} words earlier)"
        mention = Mention(m.text, m.start, m.end, m.actor, [*m.steps, note], score=min(m.score, COREF_SCORE))
        return mention, list(mention.steps)

    def _with_country(self, doc: Document, tok: Token, mention: Mention, start: int, end: int,
                      speaker: Token | None) -> tuple[Mention, list[str]]:  # fmt: skip
        """A resolved actor with no country takes the country named inside its phrase or its possessor's."""
        assert mention.actor is not None
        if mention.actor.country is None:
            inner = next((m for m in doc.mentions if m.actor is not None and m.actor.country
                          and start <= m.start and m.end <= end), None)  # fmt: skip
            if inner is not None and inner.actor is not None:  # "Iran's religious leader"
                actor = replace(mention.actor, country=inner.actor.country)
                note = f"country from '{inner.text}' in the phrase"
                composed = Mention(mention.text, mention.start, mention.end, actor, [*mention.steps, note])
                return composed, list(composed.steps)
            owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in PRONOUNS), None)
            if owner is not None:  # "its troops": the country of the possessor
                found, more = self.resolve(doc, owner, speaker)
                if found is not None and found.actor is not None and found.actor.country:
                    actor = replace(mention.actor, country=found.actor.country)
                    composed = Mention(mention.text, mention.start, mention.end, actor,
                                       [*mention.steps, *more, "country from the possessor"])
                    return composed, list(composed.steps)
        return mention, list(mention.steps)

    def _names_actor(self, doc: Document, tok: Token) -> bool:
        """Whether the word alone names an actor ("police", "parties", "minister")."""
        if self.resolver is None:
            return False
        mention = self.resolver(doc, tok.idx, tok.idx + len(tok.text), head=tok.idx)
        return _person_or_group(mention)

    def _options(self, doc: Document, slot: Slot, speaker: Token | None,
                 avoid: set[int]) -> tuple[list[_Found], list[str]]:  # fmt: skip
        tried: list[str] = []
        found: list[_Found] = []
        for tok, path in slot.options:
            if tok.i in avoid:
                continue
            group = conjuncts(tok) if tok.dep_ != "conj" else [tok]
            for member in group:
                mention, steps = self.resolve(doc, member, speaker, avoid)
                if mention is not None and mention.actor is not None:
                    found.append(_Found(member, path, mention, steps, group))
                else:
                    tried.append(member.text)
        if not any(f.mention.actor is not None and f.mention.actor.country for f in found):
            for tok, path in slot.options:  # "a camp for [Congolese] refugees", "an admission by [Moscow]"
                for sub, sub_path in inner_options(tok):
                    if sub.i in avoid:
                        continue
                    mention, steps = self.resolve(doc, sub, speaker)
                    if mention is not None and mention.actor is not None and mention.actor.country:
                        found.append(_Found(sub, [*path, *sub_path], mention, steps, [sub]))
        return found, tried

    def fill(self, doc: Document, slot: Slot, speaker: Token | None, avoid: set[int],
             other_country: str | None = None, exclude: frozenset[str] = frozenset()) -> Arg:
        """Resolve the best option of a slot.

        Options are tried in order, first for an actor with a country other than ``other_country``
        (the source's, when filling the target: "withdrew its troops from X" -> X), then for any actor
        with a country, then for any actor. With none, the raw phrase of the first option is kept.
        """
        found, tried = self._options(doc, slot, speaker, avoid)
        if other_country is not None:  # "its programme", "his residence": the source's own, not a recipient
            found = [f for f in found if not (f.mention.actor is not None
                                              and f.mention.actor.country == other_country
                                              and _self_reference(f.member, f.steps))]  # fmt: skip
        if exclude:
            found = [f for f in found if f.mention.actor is None or f.mention.actor.country not in exclude]
        tests: tuple[Callable[[Actor], bool], ...] = (
            lambda a: a.country is not None and a.country != other_country,
            lambda a: a.country is not None, lambda a: True)  # fmt: skip
        passes = [(test, [f for f in found if not locative(f.member)]) for test in tests]
        controlled = [f for f in found if f.path == ["dobj"] and children(f.member.head, "xcomp")]
        if controlled:  # "urged [the centre] to stop the kar sevaks": the one urged, whatever it names
            passes.insert(0, (tests[2], controlled))
        passes += [(test, [f for f in found if locative(f.member)]) for test in tests]
        for test, group_list in passes:
            for f in group_list:
                if f.mention.actor is not None and test(f.mention.actor):
                    start, end = phrase_range(f.member)
                    return Arg(f.member, f.path, f.mention, f.steps, start, end, tried,
                               [m.text for m in f.group] if len(f.group) > 1 else None)  # fmt: skip
        tok, path = next(((t, p) for t, p in slot.options if t.i not in avoid), (None, None))
        if tok is not None and path is not None:  # nothing resolved: keep the raw phrase, with no actor
            start, end = phrase_range(tok)
            return Arg(tok, path, None, [f"no actor resolved for '{doc.text[start:end]}'"], start, end,
                       tried)  # fmt: skip
        return Arg(tried=tried)


_INNER_PREPS = ("of", "for", "by", "from", "against", "to", "on", "with", "between", "into")


def _person_or_group(mention: Mention | None) -> bool:
    """A resolved actor that can act (not a place)."""
    return mention is not None and mention.actor is not None and mention.actor.kind != "place"


def _self_reference(tok: Token, steps: list[str]) -> bool:
    """The option names its actor through a possessive pronoun ("its", "his government's")."""
    if tok.lower_ in PRONOUNS and tok.dep_ == "poss":
        return True
    return any("from the possessor" in s for s in steps)


def inner_options(tok: Token, preps: tuple[str, ...] = _INNER_PREPS,
                  depth: int = 0) -> list[tuple[Token, list[str]]]:  # fmt: skip
    """Modifiers inside a noun phrase that may name its actor: possessor, prepositional objects (two levels
    deep: "an extension of the mandate for [the force in Lebanon]"), adjectives."""
    out: list[tuple[Token, list[str]]] = []
    for c in tok.children:
        if c.dep_ == "poss" and "in" not in preps:
            out.append((c, ["poss"]))
        elif c.dep_ == "prep" and c.lower_ in preps:
            for o in c.children:
                if o.dep_ == "pobj":
                    out.append((o, [f"prep:{c.lower_}", "pobj"]))
                    if depth < 1:
                        deeper = inner_options(o, preps, depth + 1)
                        out.extend((s, [f"prep:{c.lower_}", "pobj", *p]) for s, p in deeper)
        elif c.dep_ == "prep" and c.lower_ == "in" and depth < 1:  # "an offensive in its war [with Iraq]"
            for o in children(c, "pobj"):
                out.extend((s, ["prep:in", "pobj", *p]) for s, p in inner_options(o, preps, depth + 1))
        elif c.dep_ == "acl" and depth < 1:  # "refugees fleeing the war [in Liberia]", "curfew imposed in X"
            for o in children(c, "dobj"):
                out.append((o, ["acl", "dobj"]))
                out.extend((s, ["acl", "dobj", *p]) for s, p in inner_options(o, preps, depth + 1))
            for word, o in prep_objects(c, (*preps, "in")):
                out.append((o, ["acl", f"prep:{word}", "pobj"]))
        elif c.dep_ == "amod" and c.pos_ == "ADJ" and depth < 1 and any(p.dep_ == "prep" for p in c.children):
            for word, o in prep_objects(c, ("to", "with", "of")):  # "militants loyal [to Iraq's ...]"
                out.append((o, ["amod", f"prep:{word}", "pobj"]))
                deeper = inner_options(o, preps, depth + 1)
                out.extend((s, ["amod", f"prep:{word}", "pobj", *p]) for s, p in deeper)
        elif c.dep_ in ("amod", "compound", "nmod") and c.pos_ in ("ADJ", "PROPN") and "in" not in preps:
            out.append((c, [c.dep_]))
        elif c.dep_ == "appos" and c.pos_ == "PROPN":  # "in the capital [Kabul]"
            out.append((c, ["appos"]))
    return out


# Place nouns: inside a locative phrase they say where, not to whom ("a stronghold on the Thai border").
_LOCATION_NOUNS = {"border", "frontier", "town", "city", "village", "district", "province", "region", "area",
                   "bazaar", "market", "zone", "territory", "coast", "outskirts", "suburb", "neighbourhood",
                   "neighborhood", "street", "road", "square"}
_BORDER_NOUNS = {"border", "frontier", "coast", "boundary"}


def locative(tok: Token) -> bool:
    """A place noun in a prepositional phrase ("on the Thai border", "from a town bazaar"), or a modifier of
    one ("Thai" in "on the Thai border")."""
    if tok.dep_ in ("amod", "compound", "nmod") and tok.head.i != tok.i:
        tok = tok.head
    return tok.lemma_.lower() in _LOCATION_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ != "to"


def border(tok: Token) -> bool:
    """A border or coast, or a modifier of one: between countries, so it places nothing in either."""
    return tok.lemma_.lower() in _BORDER_NOUNS or (tok.dep_ in ("amod", "compound", "nmod")
                                                   and tok.head.lemma_.lower() in _BORDER_NOUNS)


_PLACE_ENTS = {"GPE", "LOC", "FAC", ""}
_INSTITUTIONS = {"administration", "government", "regime", "cabinet", "campaign", "family", "presidency",
                 "era"}


def place_actor(doc: Document, tok: Token) -> Mention | None:
    """A named place ("shelled Kherson", "a factory in Isfahan") stands for its country (gazetteer)."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in (*_PLACE_ENTS, "PERSON", "ORG"):
        return None
    modifier = tok.dep_ in ("compound", "nmod") and tok.head.lemma_.lower() in _INSTITUTIONS
    if tok.ent_type_ not in _PLACE_ENTS and modifier:
        return None  # "the Bush administration": a leader's name, not a town
    words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
    # the small model often calls a lone city name a person ("shelled Kherson"): trust only big places then
    min_population = 0 if tok.ent_type_ in _PLACE_ENTS else 50_000
    if min_population and len(words) > 1:
        return None
    start, end = words[0].idx, tok.idx + len(tok.text)
    name = doc.text[start:end]
    try:
        from tidings.geo.gazetteer import lookup_place
    except ImportError:  # the places package is optional for the coder
        return None
    context = {m.actor.country for m in doc.mentions if m.actor is not None and m.actor.country}
    found = lookup_place(name, sorted(context))
    place = found.place
    if place is None or not place.country or place.country == "disputed" or place.kind == "country":
        return None
    if place.population < min_population:
        return None
    actor = Actor(country=place.country, name=place.name, kind="place")
    note = f"place '{name}' is in {place.country} (gazetteer, {place.kind})"
    return Mention(name, start, end, actor, [note])


def document_country(doc: Document, before: int) -> str | None:
    """The country named most often in the document before ``before`` (a sentence start), if any."""
    counts: dict[str, int] = {}
    for m in doc.mentions:
        if m.end <= before and m.actor is not None and m.actor.country:
            counts[m.actor.country] = counts.get(m.actor.country, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None  # a tie: no dominant country
    return ranked[0][0]


def antecedent(pron: Token) -> Token | None:
    """The nearest earlier subject that is not a pronoun: in the sentence, else in the one before. An object
    pronoun ("expelled diplomats, accusing [them]") refers to the nearest earlier object first."""
    best = None
    if pron.dep_ in ("dobj", "pobj", "dative") and pron.lower_ in ("them", "him", "her"):
        for tok in pron.sent:
            if tok.i >= pron.i:
                break
            if tok.dep_ in ("dobj", "pobj") and tok.lower_ not in PRONOUNS and tok.pos_ in ("PROPN", "NOUN"):
                best = tok
        if best is not None:
            return best
    for tok in pron.sent:
        if tok.i >= pron.i:
            break
        if tok.dep_ in SUBJ and tok.lower_ not in PRONOUNS and tok.pos_ in ("PROPN", "NOUN"):
            best = tok
    start = pron.sent.start
    if best is None and start > 0:
        prev = pron.doc[start - 1].sent
        for tok in prev:
            if tok.dep_ in SUBJ and tok.lower_ not in PRONOUNS and tok.pos_ in ("PROPN", "NOUN"):
                best = tok
                if tok.head.dep_ == "ROOT":
                    break
    return best


def _earlier_object(tok: Token) -> Token | None:
    """The nearest earlier object ("others" in "killed one soldier and wounded two others")."""
    best = None
    for t in tok.sent:
        if t.i >= tok.i:
            break
        if t.dep_ in ("dobj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() != "other":
            best = t
    return best


# Nouns that count or group their "of" object, which is the actor: "95 companies of paramilitary forces",
# "a contingent of police", "a group of students", "a total of 300 troops".
_PARTITIVE = {"company", "companies", "contingent", "contingents", "column", "columns", "platoon", "platoons",
              "unit", "units", "group", "groups", "team", "teams", "batch", "batches", "number", "total",
              "dozens", "hundreds", "thousands", "scores", "band", "bands", "section", "sections"}


def _partitive_head(tok: Token) -> Token:
    """The head that names the actor of ``tok``'s phrase: the object of "of" after a partitive noun."""
    for _ in range(3):
        if tok.lower_ not in _PARTITIVE:
            return tok
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if obj is None:
            return tok
        tok = obj
    return tok
