"""The arguments step: source and target of a candidate, as :class:`~tidings.coding.arguments.Arg`.

Own slots first (:mod:`tidings.coding.arguments`), then an embedded event's recipient, then places; then
the country of sector-only actors ("Police", "the rebels") from the place they act in, the source, the
claimant or the document; ethnic groups take the country they are in. Places never act, and the place of a
violent act that has its own victim phrase is not its recipient (``docs/annotation.md``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tidings.coding.arguments import Arg, Slot, source_slot, target_slot
from tidings.coding.filters import is_thing
from tidings.coding.resolve import ActorFinder, antecedent, border, document_country, inner_options
from tidings.coding.retype import STATE_SECTORS, is_state
from tidings.coding.rules import Candidate
from tidings.coding.syntax import PRONOUNS, children, conjuncts, phrase_range
from tidings.model import Actor, Document, Mention
from tidings.sentindex import tokens_starting_in

Token = Any

# Types whose recipient, when no actor is named, is the country where the event took place.
_DOMESTIC = {"COERCE", "CONCEDE", "MOBILIZE", "PROTEST", "RETREAT", "ASSAULT", "SANCTION", "THREATEN"}
# Acts of a state on its own people: a recipient with a sector and no country ("pardoned activists",
# "arrested protesters") is of the source's country.
_REPRESSION = {"COERCE", "CONCEDE", "ASSAULT", "RETREAT"}
# Institutions that act at home: a police force, court or legislature with no country named acting on a
# recipient of some country is that country's.
_DOMESTIC_INSTITUTIONS = {"COP", "JUD", "LEG"}
_PLACE_PREPS = ("in", "into", "near", "across", "throughout", "at", "outside", "inside")
_GROUP_NOUNS = {"population", "minority", "community"}


def find_arguments(finder: ActorFinder, doc: Document, cand: Candidate, speaker: Token | None,
                   inner: list[Candidate]) -> tuple[Arg, Arg]:  # fmt: skip
    """Source and target: own slots, then an embedded event's recipient, then places."""
    entry = cand.entry
    src = _not_a_place(cand, finder.fill(doc, source_slot(cand), speaker, set()))
    sides = "prep:between" in src.path  # "a clash between A and B": two sides, not one compound actor
    avoid = {src.token.i} if src.mention is not None else set()
    if src.mention is not None and src.token is not None and src.start is not None and src.end is not None \
            and not sides:  # fmt: skip
        # "killed by [Mexican] marines", "murdered by rebels from [the FARC]": a word inside the source's own
        # phrase names the source, never the recipient
        avoid |= set(tokens_starting_in(src.token.doc, src.start, src.end))
        # a pronoun source stands for its antecedent, which the recipient is not ("it fined it")
        avoid |= set(tokens_starting_in(src.token.doc, src.mention.start, src.mention.end))
    members, exclude = _group(finder, doc, src) if not sides else ([], frozenset())
    if len(members) > 1:  # "A and B renewed talks": one event, actor list [A, B], no recipient of its own
        src.group = [doc.text[slice(*phrase_range(m))] for m in members]
        avoid |= {m.i for m in members}
    tgt = finder.fill(doc, target_slot(cand), speaker, avoid, src.country, exclude)
    controlled = tgt.mention is not None and tgt.path == ["dobj"] and children(tgt.token.head, "xcomp")
    if not tgt.country and not entry.no_target and not controlled:
        for sub in inner:  # "agreed to hold talks [with X]": the recipient of the embedded event
            found = finder.fill(doc, target_slot(sub), speaker, avoid, src.country, exclude)
            if found.country:
                tgt = replace(found, path=["(embedded)", *found.path])
                break
    _ethnic_place(finder, doc, cand, tgt, speaker)
    tactor = tgt.actor
    if (entry.type == "MOBILIZE" and tgt.mention is not None and tactor is not None and not tactor.country
            and tactor.sector in STATE_SECTORS):  # fmt: skip
        tgt = Arg(tried=[tgt.mention.text])  # "deployed troops near X": the forces are the actor's own
    _place_country(finder, doc, cand, src, speaker, None)
    _place_country(finder, doc, cand, tgt, None, src if entry.type in _REPRESSION else None)
    sactor = src.actor
    if (sactor is not None and not sactor.country and sactor.sector in _DOMESTIC_INSTITUTIONS
            and entry.type in (*_REPRESSION, "ACCUSE") and tgt.country):  # fmt: skip
        # "Judge X opened inquiries into Chilean officials"
        note = f"domestic institution acting on its own country {tgt.country}"
        m = src.mention
        assert m is not None
        src.with_mention(Mention(m.text, m.start, m.end, replace(sactor, country=tgt.country),
                                 [*m.steps, note]), note)  # fmt: skip
    own_recipient = _named_patient(cand, tgt)
    if tgt.mention is None and not entry.no_target and entry.type in _DOMESTIC and not own_recipient:
        found = finder.fill(doc, place_slot(cand), speaker, avoid)
        if found.mention is not None:  # "imposed a curfew in Algiers": the place's country is the recipient
            tgt = replace(found, path=["(place)", *found.path])
    if entry.type == "PROTEST" and tgt.mention is None and not entry.no_target:
        tgt = _protest_at_home(src, tgt)
    return src, tgt


def _not_a_place(cand: Candidate, src: Arg) -> Arg:
    """Places do not act: a town or district ("gunmen in [Rajouri]" read as the actor), or a capital named
    as the modifier of an event noun ("the [Kabul] bombings", where it says where, not who)."""
    actor = src.actor
    if actor is None or src.token is None:
        return src
    modifier = cand.kind in ("noun", "light") and src.path[-1:] in (["compound"], ["nmod"], ["amod"])
    capital = any("capital of" in step for step in src.steps)
    if actor.kind != "place" and not (modifier and capital):
        return src
    text = src.token.text
    return Arg(tried=[*src.tried, text], steps=[*src.steps, f"'{text}' is a place, not an actor"])


def _named_patient(cand: Candidate, tgt: Arg) -> bool:
    """A violent act has its own victim phrase, resolved or not ("shot dead a village headman in X", "blew
    up a building in X", "a man was arrested in X"): the place it happened in is not the recipient. Not
    for a thing ("exploded a series of bombs in X", "seized weapons in X") or a measure ("lifted a curfew
    in X"), where the place's country stays the recipient."""
    tok = tgt.token
    if tok is None or not tgt.path or tgt.path[0] not in ("dobj", "nsubjpass", "nsubj", "acl^"):
        return False
    if cand.entry.type != "ASSAULT" and not (cand.entry.type == "COERCE" and tok.ent_type_ == "PERSON"):
        return False
    words = {tok.lower_, tok.lemma_.lower()}
    if words & set(cand.entry.needs_object or ()) or words & set(cand.entry.words) or is_thing(tok):
        return False
    of_objects = [o for p in children(tok, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
    return not any(is_thing(o) for o in of_objects)  # "a series of [bombs]"


def _protest_at_home(src: Arg, tgt: Arg) -> Arg:
    """Civilians protesting with no one named protest against their own country's government (the CAMEO
    and PLOVER practice: "Egyptian demonstrators rioted" is EGY -> EGY). Not for a state's own "protest"."""
    if src.mention is None or src.actor is None or not src.country or is_state(src):
        return tgt
    note = f"protest with no named target: against the protesters' own country {src.country}"
    actor = Actor(country=src.country, sector="GOV", kind="country")
    mention = Mention(src.mention.text, src.mention.start, src.mention.end, actor, [note])
    return Arg(None, ["(domestic)"], mention, [*tgt.steps, note], None, None, tgt.tried)


def _group(finder: ActorFinder, doc: Document, src: Arg) -> tuple[list[Token], frozenset[str]]:
    """Coordinated actors of the source ("A and B", "the coast guards of Japan and the Philippines",
    "Indian and Japanese warships"): the tokens, and the countries of those after the first (which the
    recipient must not have). PLOVER codes compound actors as one actor list, not as actor and recipient."""
    token, mention = src.token, src.mention
    if token is None or mention is None or mention.actor is None:
        return [], frozenset()
    members = conjuncts(token) if token.dep_ != "conj" else [token]
    for prep in children(token, "prep"):  # "the coast guards of Japan, the Philippines and the US"
        if prep.lower_ == "of":
            for obj in children(prep, "pobj"):
                if len(conjuncts(obj)) > 1:
                    members = conjuncts(obj)
    adjectives = [c for c in token.children if c.dep_ == "amod" and len(conjuncts(c)) > 1]
    if len(members) == 1 and adjectives:  # "French and Egyptian warships"
        members = conjuncts(adjectives[0])
    countries = set()
    for member in members[1:]:
        found, _steps = finder.resolve(doc, member)
        if found is not None and found.actor is not None and found.actor.country:
            countries.add(found.actor.country)
    own = mention.actor.country
    countries |= {a.country for a in mention.candidates if a.country and a.country != own}
    if own is not None and len(members) > 1:
        countries.add(own)
    return members, frozenset(countries)


def _ethnic_place(finder: ActorFinder, doc: Document, cand: Candidate, tgt: Arg,
                  speaker: Token | None) -> None:  # fmt: skip
    """An ethnic group recipient takes the country the event happens in (CAMEO: MKDCVLalb): "killed three
    ethnic Albanians in a gunbattle in southern Serbia" -> SRB, "against the Albanian population" of an
    event "in Montenegro" -> MNE. Only when the group's phrase names no place of its own."""
    mention, tok = tgt.mention, tgt.token
    if mention is None or mention.actor is None or tok is None or not _ethnic(tok):
        return
    if any(sub.pos_ == "PROPN" for sub, _ in inner_options(tok, ("in",))):
        return  # "ethnic Albanians in south Serbia": the actor stage already placed them
    place = finder.fill(doc, place_slot(cand), speaker, {tok.i}).mention
    if place is None or place.actor is None or not place.actor.country:
        return
    if place.actor.country == mention.actor.country or place.actor.sector not in (None, "GOV") \
            or place.actor.kind in ("igo", "org", "person", "group"):
        return  # only a country (or its state) or a place locates a people
    note = f"ethnic group in '{place.text}' -> {place.actor.country}"
    actor = replace(mention.actor, country=place.actor.country, sector=mention.actor.sector or "CVL")
    tgt.with_mention(Mention(mention.text, mention.start, mention.end, actor, [*mention.steps, note]), note)


def _place_country(finder: ActorFinder, doc: Document, cand: Candidate, arg: Arg, speaker: Token | None,
                   source: Arg | None) -> None:  # fmt: skip
    """A sector-only actor ("Police", "the rebels") takes the country of the place it acts in; the
    recipient of a domestic event ("Bangladesh pardoned activists") the source's country; else the
    document's dominant country."""
    mention = arg.mention
    if mention is None or mention.actor is None or mention.actor.country or not mention.actor.sector:
        return
    country, note = _where(finder, doc, cand, arg, speaker, source)
    if country:
        actor = replace(mention.actor, country=country)
        composed = Mention(mention.text, mention.start, mention.end, actor, [*mention.steps, note])
        arg.with_mention(composed, note)


def _where(finder: ActorFinder, doc: Document, cand: Candidate, arg: Arg, speaker: Token | None,
           source: Arg | None) -> tuple[str | None, str]:  # fmt: skip
    """The country a sector-only actor belongs to, with the note saying why."""
    assert arg.mention is not None and arg.mention.actor is not None and arg.token is not None
    places = Slot()
    tok = arg.token
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":  # "Militants loyal to Iraq's ... said [they] ..."
        ante = speaker if speaker is not None and speaker.i != tok.i else antecedent(tok)
        tok = ante if ante is not None else tok
    for sub, path in inner_options(tok):  # "Doctors from two [American] aid groups"
        places.add(sub, path)
    for sub, path in inner_options(tok, ("in",)):
        places.add(sub, path)
    for sub, path in place_slot(cand).options:
        places.add(sub, path)
    # a border is between two countries: "a stronghold on the Thai border" is not in Thailand
    places.options = [(t, p) for t, p in places.options if not border(t)]
    place = finder.fill(doc, places, speaker, {arg.token.i, tok.i}).mention
    if place is not None and place.actor is not None and place.actor.country:
        return place.actor.country, f"country from the place '{place.text}'"
    if source is not None and source.country and (
            arg.mention.actor.sector not in STATE_SECTORS or not is_state(source)):  # fmt: skip
        return source.country, f"domestic event: country {source.country} of the source"
    said = finder.resolve(doc, speaker)[0] if speaker is not None else None
    if said is not None and said.actor is not None and said.actor.country and said.actor.kind != "igo":
        return said.actor.country, f"country {said.actor.country} of the claimant '{said.text}'"
    country = document_country(doc, arg.token.sent.start_char)
    return country, f"country {country} named most often earlier in the document"


def _ethnic(tok: Token) -> bool:
    """An ethnic group: "Albanians" (plural proper noun), "ethnic Albanians", "the Albanian population"."""
    if tok.tag_ == "NNPS" or any(c.lower_ == "ethnic" for c in tok.children if c.dep_ == "amod"):
        return True
    return tok.lemma_.lower() in _GROUP_NOUNS and any(c.ent_type_ == "NORP" for c in tok.lefts)


def place_slot(cand: Candidate) -> Slot:
    """Objects of "in"/"into"/"near" on the event verb or its object: where a domestic event happened."""
    slot = Slot()
    objs = [c for c in cand.anchor.children if c.dep_ in ("dobj", "nsubjpass")]
    heads = [cand.anchor, cand.trigger, *[t for o in objs for t in o.subtree]]  # "a series of bombs [in X]"
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        slot.add(obj, [f"prep:{prep.lower_}", "pobj"])
                        for sub, path in inner_options(obj, ("in", "of")):  # "at a jail in [Dili]"
                            slot.add(sub, [f"prep:{prep.lower_}", "pobj", *path])
    return slot
