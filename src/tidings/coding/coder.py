"""Turn candidates into :class:`tidings.model.Event` records: actors, factuality, type changes, confidence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from tidings.coding.arguments import Slot, source_slot, target_slot
from tidings.coding.lexicon import Lexicon
from tidings.coding.rules import (
    COOPERATIVE, MATERIAL_CONFLICT, Candidate, absorb, find_candidates, verb_entry,
)  # fmt: skip
from tidings.coding.syntax import (
    PRONOUNS, SUBJ, agent, children, conjuncts, dep_path, is_passive, phrase_range, prep_objects, subject,
)  # fmt: skip
from tidings.factuality import Modality, assess
from tidings.model import Actor, Document, Event, Mention, stable_id
from tidings.sentindex import doc_text

Token = Any
Resolver = Callable[..., Mention | None]

# What a statement of intent about an event of type X is coded as (PLOVER: future cooperation is
# AGREE; a threat to attack is THREATEN), with its CAMEO code and mode.
_INTENT: dict[str, tuple[str, str, str | None]] = {
    "CONSULT": ("AGREE", "036", None), "SUPPORT": ("AGREE", "032", None),
    "COOPERATE": ("AGREE", "031", None), "AID": ("AGREE", "033", None), "CONCEDE": ("AGREE", "035", None),
    "RETREAT": ("AGREE", "035", None), "AGREE": ("AGREE", "030", None),
    "ASSAULT": ("THREATEN", "138", "violence"), "MOBILIZE": ("THREATEN", "138", "violence"),
    "COERCE": ("THREATEN", "131", "restrict"), "SANCTION": ("THREATEN", "131", "relations"),
    "PROTEST": ("THREATEN", "133", "relations"),
}  # fmt: skip
# REQUEST/REJECT modes from what is asked or refused; THREATEN modes from what is threatened.
_ASK_MODE = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet", "AGREE": "meet", "AID": "assist",
             "COOPERATE": "assist", "SUPPORT": "assist"}  # fmt: skip
# Types whose recipient, when no actor is named, is the country where the event took place.
_DOMESTIC = {"COERCE", "CONCEDE", "MOBILIZE", "PROTEST", "RETREAT", "ASSAULT", "SANCTION", "THREATEN"}
# Acts of a state on its own people: a recipient with a sector and no country ("pardoned activists",
# "arrested protesters") is of the source's country.
_REPRESSION = {"COERCE", "CONCEDE", "ASSAULT", "RETREAT"}
# Institutions that act at home: a police force, court or legislature with no country named acting on a
# recipient of some country is that country's.
_DOMESTIC_INSTITUTIONS = {"COP", "JUD", "LEG"}
_SPEECH_ACTS = {"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
_STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "SPY", "LEG"}
_STATE_KINDS = {"country", "igo"}
_PEOPLE = {"people", "resident", "citizen", "worker", "student", "protester", "protestor", "demonstrator",
           "farmer", "activist", "supporter", "youth", "villager", "crowd", "thousand", "hundred", "member",
           "civilian", "refugee", "teacher", "doctor", "landowner", "prisoner", "union", "group", "party"}


class Coder:
    """Codes the sentences of a parsed :class:`Document` with a :class:`Lexicon` and an actor resolver."""

    def __init__(self, lexicon: Lexicon, resolver: Resolver | None) -> None:
        self.lex = lexicon
        self.resolver = resolver

    # ---------------------------------------------------------------- actors
    def resolve(self, doc: Document, tok: Token,
                speaker: Token | None = None) -> tuple[Mention | None, list[str]]:  # fmt: skip
        """The actor of the phrase headed by ``tok``: the resolver, then an overlapping mention."""
        steps: list[str] = []
        if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
            ante = speaker if speaker is not None and speaker.i != tok.i else _antecedent(tok)
            if ante is not None and ante.i != tok.i:
                steps.append(f"pronoun '{tok.text}' -> '{ante.text}'")
                mention, more = self.resolve(doc, ante)
                return mention, steps + more
            return None, [*steps, f"pronoun '{tok.text}' has no antecedent"]
        if tok.lemma_.lower() == "other" and tok.pos_ == "NOUN":  # "killed one soldier, wounded two others"
            ante = _earlier_object(tok)
            if ante is not None:
                mention, more = self.resolve(doc, ante, speaker)
                return mention, [*steps, f"'{tok.text}' -> '{ante.text}'", *more]
        start, end = phrase_range(tok)
        mention = None
        if self.resolver is not None:
            mention = self.resolver(doc, start, end, head=_partitive_head(tok).idx)
            if mention is not None and mention.actor is not None:
                if mention.actor.country is None:
                    inner = next((m for m in doc.mentions if m.actor is not None and m.actor.country
                                  and start <= m.start and m.end <= end), None)  # fmt: skip
                    if inner is not None:  # "Iran's religious leader": the country named in the phrase
                        country = inner.actor.country  # type: ignore[union-attr]
                        actor = replace(mention.actor, country=country)
                        note = f"country from '{inner.text}' in the phrase"
                        composed = Mention(mention.text, mention.start, mention.end, actor,
                                           [*steps, *mention.steps, note])
                        return composed, list(composed.steps)
                if mention.actor.country is None:  # "its troops": the country of the possessor
                    owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in PRONOUNS), None)
                    if owner is not None:
                        found, more = self.resolve(doc, owner, speaker)
                        if found is not None and found.actor is not None and found.actor.country:
                            actor = replace(mention.actor, country=found.actor.country)
                            composed = Mention(mention.text, mention.start, mention.end, actor,
                                               [*steps, *mention.steps, *more, "country from the possessor"])
                            return composed, list(composed.steps)
                return mention, steps + list(mention.steps)
        for m in doc.mentions:
            if m.actor is not None and m.start < end and start < m.end:
                steps.append(f"mention '{m.text}' inside the phrase")
                return m, steps + list(m.steps)
        place = _place_actor(doc, tok)
        if place is not None:
            return place, [*steps, *place.steps]
        return None, [*steps, f"no actor for '{tok.doc.char_span(start, end, alignment_mode='expand')}'"]

    def fill(self, doc: Document, slot: Slot, speaker: Token | None, avoid: set[int],
             other_country: str | None = None,
             exclude: frozenset[str] = frozenset()) -> dict[str, Any]:  # fmt: skip
        """Resolve the best option of a slot.

        Options are tried in order, first for an actor with a country other than ``other_country``
        (the source's, when filling the target: "withdrew its troops from X" -> X), then for any actor
        with a country, then for any actor. With none, the raw phrase of the first option is kept.
        """
        tried: list[str] = []
        resolved: list[tuple[Token, list[str], Mention, list[str], list[Token]]] = []
        for tok, path in slot.options:
            if tok.i in avoid:
                continue
            group = conjuncts(tok) if tok.dep_ != "conj" else [tok]
            for member in group:
                mention, steps = self.resolve(doc, member, speaker)
                if mention is not None and mention.actor is not None:
                    resolved.append((member, path, mention, steps, group))
                else:
                    tried.append(member.text)
        if not any(m.actor.country for _, _, m, _, _ in resolved if m.actor is not None):
            for tok, path in slot.options:  # "a camp for [Congolese] refugees", "an admission by [Moscow]"
                for sub, sub_path in _inner_options(tok):
                    if sub.i in avoid:
                        continue
                    mention, steps = self.resolve(doc, sub, speaker)
                    if mention is not None and mention.actor is not None and mention.actor.country:
                        resolved.append((sub, [*path, *sub_path], mention, steps, [sub]))
        if other_country is not None:  # "its programme", "his residence": the source's own, not a recipient
            resolved = [r for r in resolved
                        if not (r[2].actor is not None and r[2].actor.country == other_country
                                and _self_reference(r[0], r[3]))]  # fmt: skip
        if exclude:
            resolved = [r for r in resolved if r[2].actor is None or r[2].actor.country not in exclude]
        tests = (lambda a: a.country is not None and a.country != other_country,
                 lambda a: a.country is not None, lambda a: True)  # fmt: skip
        passes = [(test, [r for r in resolved if not _locative(r[0])]) for test in tests]
        controlled = [r for r in resolved if r[1] == ["dobj"] and children(r[0].head, "xcomp")]
        if controlled:  # "urged [the centre] to stop the kar sevaks": the one urged, whatever it names
            passes.insert(0, (tests[2], controlled))
        passes += [(test, [r for r in resolved if _locative(r[0])]) for test in tests]
        for test, group_list in passes:
            for member, path, mention, steps, group in group_list:
                if test(mention.actor):
                    start, end = phrase_range(member)
                    return {"token": member, "path": path, "mention": mention, "steps": steps,
                            "start": start, "end": end, "tried": tried,
                            "group": [m.text for m in group] if len(group) > 1 else None}  # fmt: skip
        if slot.options:  # nothing resolved: keep the raw phrase of the best option, with no actor
            tok, path = next(((t, p) for t, p in slot.options if t.i not in avoid), (None, None))
            if tok is not None and path is not None:
                start, end = phrase_range(tok)
                return {"token": tok, "path": path, "start": start, "end": end, "tried": tried,
                        "steps": [f"no actor resolved for '{doc_text(tok.doc)[start:end]}'"]}
        return {"tried": tried}

    def _ethnic_place(self, doc: Document, cand: Candidate, tgt: dict[str, Any],
                      speaker: Token | None) -> None:  # fmt: skip
        """An ethnic group recipient takes the country the event happens in (CAMEO: MKDCVLalb): "killed three
        ethnic Albanians in a gunbattle in southern Serbia" -> SRB, "against the Albanian population" of an
        event "in Montenegro" -> MNE. Only when the group's phrase names no place of its own."""
        mention, tok = tgt.get("mention"), tgt.get("token")
        if mention is None or mention.actor is None or tok is None or not _ethnic(tok):
            return
        if any(sub.pos_ == "PROPN" for sub, _ in _inner_options(tok, ("in",))):
            return  # "ethnic Albanians in south Serbia": the actor stage already placed them
        found = self.fill(doc, _place_slot(cand), speaker, {tok.i})
        place = found.get("mention")
        if place is None or place.actor is None or not place.actor.country:
            return
        if place.actor.country == mention.actor.country or place.actor.sector not in (None, "GOV") \
                or place.actor.kind in ("igo", "org", "person", "group"):
            return  # only a country (or its state) or a place locates a people
        note = f"ethnic group in '{place.text}' -> {place.actor.country}"
        actor = replace(mention.actor, country=place.actor.country, sector=mention.actor.sector or "CVL")
        tgt["mention"] = Mention(mention.text, mention.start, mention.end, actor, [*mention.steps, note])
        tgt["steps"] = [*tgt.get("steps", []), note]

    def _group(self, doc: Document, src: dict[str, Any]) -> tuple[list[Token], frozenset[str]]:
        """Coordinated actors of the source ("A and B", "the coast guards of Japan and the Philippines",
        "Indian and Japanese warships"): the tokens, and the countries of those after the first (which the
        recipient must not have). PLOVER codes compound actors as one actor list, not as actor and
        recipient."""
        token, mention = src.get("token"), src.get("mention")
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
            found, _steps = self.resolve(doc, member)
            if found is not None and found.actor is not None and found.actor.country:
                countries.add(found.actor.country)
        own = mention.actor.country
        countries |= {a.country for a in mention.candidates if a.country and a.country != own}
        if own is not None and len(members) > 1:
            countries.add(own)
        return members, frozenset(countries)

    def _place_country(self, doc: Document, cand: Candidate, arg: dict[str, Any], speaker: Token | None,
                       source: dict[str, Any] | None = None) -> None:  # fmt: skip
        """A sector-only actor ("Police", "the rebels") takes the country of the place it acts in; the
        recipient of a domestic event ("Bangladesh pardoned activists") the source's country; else the
        document's dominant country."""
        mention = arg.get("mention")
        if mention is None or mention.actor is None or mention.actor.country or not mention.actor.sector:
            return
        places = Slot()
        tok = arg["token"]
        if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":  # "Militants loyal to Iraq's ... said [they] ..."
            ante = speaker if speaker is not None and speaker.i != tok.i else _antecedent(tok)
            tok = ante if ante is not None else tok
        for sub, path in _inner_options(tok):  # "Doctors from two [American] aid groups"
            places.add(sub, path)
        for sub, path in _inner_options(tok, ("in",)):
            places.add(sub, path)
        for sub, path in _place_slot(cand).options:
            places.add(sub, path)
        # a border is between two countries: "a stronghold on the Thai border" is not in Thailand
        places.options = [(t, p) for t, p in places.options if not _border(t)]
        found = self.fill(doc, places, speaker, {arg["token"].i, tok.i})
        place = found.get("mention")
        country, note = None, ""
        if place is not None and place.actor is not None and place.actor.country:
            country, note = place.actor.country, f"country from the place '{place.text}'"
        elif source is not None and _has_country(source) and (
                mention.actor.sector not in _STATE_SECTORS or not _is_state(source)):  # fmt: skip
            country = source["mention"].actor.country
            note = f"domestic event: country {country} of the source"
        elif speaker is not None and (said := self.resolve(doc, speaker)[0]) is not None and said.actor \
                and said.actor.country and said.actor.kind != "igo":
            country = said.actor.country  # "Police detained ..., a Seoul police official said"
            note = f"country {country} of the claimant '{said.text}'"
        else:
            country = _document_country(doc, arg["token"].sent.start_char)
            note = f"country {country} named most often earlier in the document"
        if country:
            actor = replace(mention.actor, country=country)
            arg["mention"] = Mention(mention.text, mention.start, mention.end, actor, [*mention.steps, note])
            arg["steps"] = [*arg.get("steps", []), note]

    # ---------------------------------------------------------------- events
    def code(self, doc: Document) -> list[Event]:
        """Every event in ``doc`` (parsed), in text order."""
        events: list[Event] = []
        names = [(m.start, m.end) for m in doc.mentions if m.actor is not None and m.actor.kind != "place"]
        for sent in doc.parsed.sents:
            for cand in absorb(find_candidates(sent, self.lex)):
                if cand.entry.type == "NONE":
                    continue  # an entry that says "not an event" ("rejected the accusation")
                if cand.kind == "verb" and any(a <= cand.trigger.idx < b for a, b in names):
                    continue  # a word of an actor's name ("ram sevaks" in lowercase text) is not a verb
                denied = _complements(cand) if cand.entry.complement == "deny" else []
                if cand.entry.complement == "deny" and not denied:
                    denied = self._gerund_objects(cand)  # "denied [hitting] homes" parsed as a modifier
                for sub in denied or [cand]:  # "X denied attacking Y": a negated ASSAULT, claimed by X
                    event = self.event(doc, sub, denied_by=cand if denied else None)
                    if event is not None:
                        events.append(event)
        return events

    def _gerund_objects(self, cand: Candidate) -> list[Candidate]:
        """Event gerunds the parser attached to the object as modifiers ("denied hitting homes"), anchored
        at the denial verb so that its subject and object are the event's."""
        out = []
        for obj in cand.anchor.children:
            if obj.dep_ != "dobj":
                continue
            for mod in obj.children:
                entry = verb_entry(mod, self.lex) if mod.dep_ == "amod" and mod.tag_ == "VBG" else None
                if entry is not None:
                    out.append(Candidate(entry, "verb", cand.anchor, mod))
        return out

    def event(self, doc: Document, cand: Candidate, denied_by: Candidate | None = None) -> Event | None:
        """The event of one candidate, or None when it is not an event after all.

        ``denied_by`` is the denial verb whose complement the candidate is: the event is negated and
        the denier is its claimant.
        """
        anchor = cand.anchor if cand.kind != "noun" else _clause_verb(cand.anchor)
        mod = self._modality(anchor, denied_by)
        speaker = mod.claimant if mod.speech_verb is not None else None
        inner = _complements(cand)
        src, tgt = self._arguments(doc, cand, speaker, inner)
        subj = subject(anchor)[0] if anchor is not None and cand.kind != "noun" else None
        if _is_opinion(subj) or _is_opinion(src.get("token")) or _is_opinion(mod.claimant):
            return None  # "61 percent of South Koreans support ...": a poll result, not an event
        nominal = cand.kind == "noun" or (
            cand.kind == "verb" and cand.anchor.dep_ in ("nsubj", "csubj", "nsubjpass", "pobj"))
        if nominal and not _named_actor(src) and not _named_actor(tgt):
            return None  # a bare event noun with no actor (a place is not one) is a topic, not an event
        if cand.entry.needs_actor_object and "mention" not in tgt:
            return None
        coded = _retype(cand, mod, inner, src)
        claimant = self.resolve(doc, mod.claimant)[0] if mod.claimant is not None else None
        return self._record(doc, cand, coded, mod, src, tgt, claimant)

    def _modality(self, anchor: Token | None, denied_by: Candidate | None) -> Modality:
        mod = assess(anchor, self.lex) if anchor is not None else Modality()
        if denied_by is not None:
            outer = assess(denied_by.anchor, self.lex)
            mod.negated, mod.factuality = True, "negated"
            mod.claimant, mod.claimant_cue = subject(denied_by.anchor)[0], denied_by.trigger.text
            mod.cues.append(f"denied by '{denied_by.trigger.text}'")
            if outer.speech_verb is not None:
                mod.speech_verb = outer.speech_verb
        return mod

    def _arguments(self, doc: Document, cand: Candidate, speaker: Token | None,
                   inner: list[Candidate]) -> tuple[dict[str, Any], dict[str, Any]]:  # fmt: skip
        """Source and target: own slots, then an embedded event's recipient, then places."""
        entry = cand.entry
        src = self.fill(doc, source_slot(cand), speaker, set())
        avoid = {src["token"].i} if "mention" in src else set()
        src_country = src["mention"].actor.country if "mention" in src else None
        members, exclude = self._group(doc, src)
        if len(members) > 1:  # "A and B renewed talks": one event, actor list [A, B], no recipient of its own
            src["group"] = [doc.text[slice(*phrase_range(m))] for m in members]
            avoid |= {m.i for m in members}
        tgt = self.fill(doc, target_slot(cand), speaker, avoid, src_country, exclude)
        controlled = "mention" in tgt and tgt.get("path") == ["dobj"] and children(tgt["token"].head, "xcomp")
        if not _has_country(tgt) and not entry.no_target and not controlled:
            for sub in inner:  # "agreed to hold talks [with X]": the recipient of the embedded event
                found = self.fill(doc, target_slot(sub), speaker, avoid, src_country, exclude)
                if _has_country(found):
                    tgt = {**found, "path": ["(embedded)", *found["path"]]}
                    break
        self._ethnic_place(doc, cand, tgt, speaker)
        tmention = tgt.get("mention")
        if (entry.type == "MOBILIZE" and tmention is not None and tmention.actor is not None
                and not tmention.actor.country and tmention.actor.sector in _STATE_SECTORS):  # fmt: skip
            tgt = {"tried": [tmention.text]}  # "deployed troops near X": the forces are the actor's own
        for arg in (src, tgt):
            domestic = src if arg is tgt and entry.type in _REPRESSION else None
            self._place_country(doc, cand, arg, speaker if arg is src else None, domestic)
        smention = src.get("mention")
        if (smention is not None and smention.actor is not None and not smention.actor.country
                and smention.actor.sector in _DOMESTIC_INSTITUTIONS and entry.type in (*_REPRESSION, "ACCUSE")
                and _has_country(tgt)):  # fmt: skip
            country = tgt["mention"].actor.country  # "Judge X opened inquiries into Chilean officials"
            note = f"domestic institution acting on its own country {country}"
            src["mention"] = Mention(smention.text, smention.start, smention.end,
                                     replace(smention.actor, country=country), [*smention.steps, note])
            src["steps"] = [*src.get("steps", []), note]
        if "mention" not in tgt and not entry.no_target and entry.type in _DOMESTIC:
            found = self.fill(doc, _place_slot(cand), speaker, avoid)
            if "mention" in found:  # "imposed a curfew in Algiers": the place's country is the recipient
                tgt = {**found, "path": ["(place)", *found["path"]]}
        return src, tgt

    def _record(self, doc: Document, cand: Candidate, coded: Coded, mod: Modality, src: dict[str, Any],
                tgt: dict[str, Any], claimant: Mention | None) -> Event:  # fmt: skip
        etype, mode, cameo = coded.type, coded.mode, coded.cameo
        factuality, notes = coded.factuality, coded.notes
        trig = cand.trigger
        vstart, vend = trig.idx, trig.idx + len(trig.text)
        if cand.kind == "light" and abs(cand.anchor.i - trig.i) <= 6:  # "launched an attack", not a clause
            vstart, vend = min(vstart, cand.anchor.idx), max(vend, cand.anchor.idx + len(cand.anchor.text))
        sent = _sentence(doc, trig.idx)
        smention: Mention | None = src.get("mention")
        tmention: Mention | None = tgt.get("mention")
        conf, parts = _confidence(cand, smention, tmention, notes)
        src_text = doc.text[src["start"]:src["end"]] if "start" in src else None
        tgt_text = doc.text[tgt["start"]:tgt["end"]] if "start" in tgt else None
        trace = {
            "rule": cand.kind,
            "entry": cand.entry.to_dict(),
            "anchor": cand.anchor.text,
            "source_path": dep_path(cand.anchor, src["token"]) if "token" in src else None,
            "target_path": dep_path(cand.anchor, tgt["token"]) if "token" in tgt else None,
            "source_steps": src.get("steps", []), "target_steps": tgt.get("steps", []),
            "source_group": src.get("group"), "target_group": tgt.get("group"),
            "unresolved": {"source": src.get("tried", []), "target": tgt.get("tried", [])},
            "absorbed": [f"{c.trigger.text} ({c.entry.type})" for c in cand.absorbed],
            "factuality_cue": mod.cue, "notes": notes, "confidence": parts,
        }  # fmt: skip
        sa = smention.actor if smention is not None else None
        ta = tmention.actor if tmention is not None else None
        ca = claimant.actor if claimant is not None else None
        event = Event(
            event_id=stable_id(doc.doc_id, sent[0], vstart, etype, src_text, tgt_text),
            doc_id=doc.doc_id, sentence_index=sent[0], sentence_text=sent[3], char_start=sent[1],
            char_end=sent[2], event_type=etype, event_mode=mode, event_context=cand.entry.context,
            cameo_code=cameo,
            source_text=src_text, source_start=src.get("start"), source_end=src.get("end"),
            source_country=sa.country if sa else None, source_sector=sa.sector if sa else None,
            source_actor_id=sa.actor_id if sa else None, source_role=sa.role if sa else None,
            target_text=tgt_text, target_start=tgt.get("start"), target_end=tgt.get("end"),
            target_country=ta.country if ta else None, target_sector=ta.sector if ta else None,
            target_actor_id=ta.actor_id if ta else None, target_role=ta.role if ta else None,
            verb_text=doc.text[vstart:vend], verb_start=vstart, verb_end=vend,
            factuality=factuality, confidence=conf, rule=f"{cand.kind}:{cand.entry.key}", trace=trace,
        )  # fmt: skip
        if mod.claimant is not None:
            cstart, cend = phrase_range(mod.claimant)
            event.claimant_text = doc.text[cstart:cend]
            event.claimant_country = ca.country if ca else None
            # a state speaking is its government ("Russia said ..."): the claimant's sector is GOV
            event.claimant_sector = (ca.sector or ("GOV" if ca.kind == "country" else None)) if ca else None
            event.claimant_actor_id = ca.actor_id if ca else None
            trace["claimant_cue"] = mod.claimant_cue
            _claimant_as_victim(event, cstart, cend)
        return event


_VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})
_STATE_SECTORS = frozenset({"GOV", "MIL"})


def _claimant_as_victim(event: Event, start: int, end: int) -> None:
    """A state reporting another state's attack on no named actor is its recipient.

    "Pyongyang said Seoul fired shells" is North Korea complaining of South Korean fire: ASSAULT KOR->PRK.
    Only for violent or coercive acts, only when no target actor was resolved (the object, if any, is a
    thing such as "shells"), only when a government or military (not the media) makes the claim about a
    different country. The target then is the claimant's phrase (``start``, ``end``); recorded in the
    trace and paid for in confidence.
    """
    if (event.event_type not in _VICTIM_TYPES or event.target_country or event.target_sector
            or event.claimant_sector not in _STATE_SECTORS or not event.claimant_country
            or not event.source_country or event.claimant_country == event.source_country):  # fmt: skip
        return
    if event.target_text is not None:
        event.trace.setdefault("notes", []).append(f"object '{event.target_text}' is not an actor")
    event.target_text, event.target_start, event.target_end = event.claimant_text, start, end
    event.target_country, event.target_sector = event.claimant_country, event.claimant_sector
    event.target_actor_id = event.claimant_actor_id
    event.confidence = round(event.confidence * 0.85, 3)
    event.trace.setdefault("notes", []).append(
        f"target {event.claimant_country}: the claimant, a state reporting an act against it by another state"
    )


_POLL_WORDS = {"percent", "%", "respondent", "respondents", "majority", "minority", "poll", "survey"}


def _is_opinion(tok: Token | None) -> bool:
    """The subject is a share of a population ("61 percent of Koreans", "most respondents")."""
    if tok is None:
        return False
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
        ante = _antecedent(tok)
        return ante is not None and ante.i != tok.i and _is_opinion(ante)
    mods = {c.lower_ for c in tok.children if c.dep_ in ("nummod", "compound", "amod")}
    words = {tok.lower_, tok.lemma_.lower()} | mods
    return bool(words & _POLL_WORDS)


def _place_slot(cand: Candidate) -> Slot:
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
                        for sub, path in _inner_options(obj, ("in", "of")):  # "at a jail in [Dili]"
                            slot.add(sub, [f"prep:{prep.lower_}", "pobj", *path])
    return slot


def _complements(cand: Candidate) -> list[Candidate]:
    """Absorbed candidates in the complement of ``cand``: "threatened [to attack]", "accused X of [X-ing]"."""
    return [c for c in cand.absorbed if c.anchor.dep_ in ("xcomp", "ccomp", "pcomp", "dobj")
            or c.anchor.head.dep_ == "prep" or c.kind == "light"]  # fmt: skip


_INNER_PREPS = ("of", "for", "by", "from", "against", "to", "on", "with", "between", "into")


def _self_reference(tok: Token, steps: list[str]) -> bool:
    """The option names its actor through a possessive pronoun ("its", "his government's")."""
    if tok.lower_ in PRONOUNS and tok.dep_ == "poss":
        return True
    return any("from the possessor" in s for s in steps)


def _named_actor(arg: dict[str, Any]) -> bool:
    mention = arg.get("mention")
    return mention is not None and mention.actor is not None and mention.actor.kind != "place"


def _has_country(arg: dict[str, Any]) -> bool:
    mention = arg.get("mention")
    return mention is not None and mention.actor is not None and bool(mention.actor.country)


def _inner_options(tok: Token, preps: tuple[str, ...] = _INNER_PREPS,
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
                        deeper = _inner_options(o, preps, depth + 1)
                        out.extend((s, [f"prep:{c.lower_}", "pobj", *p]) for s, p in deeper)
        elif c.dep_ == "prep" and c.lower_ == "in" and depth < 1:  # "an offensive in its war [with Iraq]"
            for o in children(c, "pobj"):
                out.extend((s, ["prep:in", "pobj", *p]) for s, p in _inner_options(o, preps, depth + 1))
        elif c.dep_ == "acl" and depth < 1:  # "refugees fleeing the war [in Liberia]", "curfew imposed in X"
            for o in children(c, "dobj"):
                out.append((o, ["acl", "dobj"]))
                out.extend((s, ["acl", "dobj", *p]) for s, p in _inner_options(o, preps, depth + 1))
            for word, o in prep_objects(c, (*preps, "in")):
                out.append((o, ["acl", f"prep:{word}", "pobj"]))
        elif c.dep_ == "amod" and c.pos_ == "ADJ" and depth < 1 and any(p.dep_ == "prep" for p in c.children):
            for word, o in prep_objects(c, ("to", "with", "of")):  # "militants loyal [to Iraq's ...]"
                out.append((o, ["amod", f"prep:{word}", "pobj"]))
                deeper = _inner_options(o, preps, depth + 1)
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


_GROUP_NOUNS = {"population", "minority", "community"}


def _ethnic(tok: Token) -> bool:
    """An ethnic group: "Albanians" (plural proper noun), "ethnic Albanians", "the Albanian population"."""
    if tok.tag_ == "NNPS" or any(c.lower_ == "ethnic" for c in tok.children if c.dep_ == "amod"):
        return True
    return tok.lemma_.lower() in _GROUP_NOUNS and any(c.ent_type_ == "NORP" for c in tok.lefts)


def _locative(tok: Token) -> bool:
    """A place noun in a prepositional phrase ("on the Thai border", "from a town bazaar"), or a modifier of
    one ("Thai" in "on the Thai border")."""
    if tok.dep_ in ("amod", "compound", "nmod") and tok.head.i != tok.i:
        tok = tok.head
    return tok.lemma_.lower() in _LOCATION_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ != "to"


def _border(tok: Token) -> bool:
    """A border or coast, or a modifier of one: between countries, so it places nothing in either."""
    return tok.lemma_.lower() in _BORDER_NOUNS or (tok.dep_ in ("amod", "compound", "nmod")
                                                   and tok.head.lemma_.lower() in _BORDER_NOUNS)


@dataclass(slots=True)
class Coded:
    """Type, mode, CAMEO code and factuality after the type-change rules, with notes for the trace."""

    type: str
    mode: str | None
    cameo: str | None
    factuality: str
    notes: list[str] = field(default_factory=list)


def _retype(cand: Candidate, mod: Modality, inner: list[Candidate], src: dict[str, Any]) -> Coded:
    """PLOVER conventions: threats to attack, statements of intent, conditions, state actors."""
    entry = cand.entry
    c = Coded(entry.type, entry.mode, entry.cameo, mod.factuality)
    if entry.complement == "intent" and any(x.entry.type in MATERIAL_CONFLICT for x in inner):
        conflict = next(x for x in inner if x.entry.type in MATERIAL_CONFLICT)
        c.type, c.cameo, c.mode = _INTENT[conflict.entry.type]
        c.notes.append(f"intent to {conflict.entry.type} is THREATEN")
    elif c.type in ("REQUEST", "REJECT") and inner and c.mode is None:
        c.mode = _ASK_MODE.get(inner[0].entry.type)
    elif c.type == "THREATEN" and inner and c.mode is None:
        c.mode = _INTENT.get(inner[0].entry.type, (None, None, None))[2]
    committed = any(x.startswith("intent") for x in mod.cues)  # "is willing to X (if ...)"
    converts = committed or not mod.conditional or (mod.unless and c.type in MATERIAL_CONFLICT)
    scheduled = c.type in COOPERATIVE and is_passive(cand.anchor) and agent(cand.anchor) is None
    if scheduled and not committed and cand.kind != "demand":
        converts = False  # "the meeting will be held on Tuesday": a scheduled event, nobody's commitment
    if mod.intent and c.type in _INTENT and c.type != "AGREE" and converts:
        if mod.negated and c.type in COOPERATIVE:
            c.notes.append("negated intent to cooperate is REJECT")
            c.type, c.cameo, c.mode, c.factuality = "REJECT", "12", None, _unnegated(mod)
        elif not mod.negated:
            c.type, c.cameo, c.mode = _INTENT[c.type]
            c.factuality = _unnegated(mod)
            c.notes.append(f"statement of intent coded {c.type}")
    elif c.type in _SPEECH_ACTS and mod.conditional and not mod.epistemic and not mod.negated:
        c.factuality = _unnegated(mod)  # a conditional threat or demand is still made
    if mod.deontic and mod.speech_verb is None and cand.kind != "demand" and c.factuality == "asserted":
        c.factuality = "hypothetical"
    if entry.state_type and c.type == entry.type and _is_state(src):
        c.type, c.mode, c.cameo = entry.state_type, entry.state_mode, entry.state_cameo
        c.notes.append(f"'{entry.key}' by a state actor is {c.type}")
    return c


def _is_state(src: dict[str, Any]) -> bool:
    """A government, its forces or the country itself ("Turkey"), not its people ("Algerians")."""
    actor = src["mention"].actor if "mention" in src else None
    tok = src.get("token")
    if actor is None:
        return False
    people = tok is not None and (tok.tag_ == "NNPS" or tok.lemma_.lower() in _PEOPLE)
    if actor.sector in _STATE_SECTORS:
        return True
    return actor.sector is None and actor.kind in _STATE_KINDS and not people


_PLACE_ENTS = {"GPE", "LOC", "FAC", ""}
_INSTITUTIONS = {"administration", "government", "regime", "cabinet", "campaign", "family", "presidency",
                 "era"}
_PLACE_PREPS = ("in", "into", "near", "across", "throughout", "at", "outside", "inside")


def _place_actor(doc: Document, tok: Token) -> Mention | None:
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


def _document_country(doc: Document, before: int) -> str | None:
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


def _unnegated(mod: Modality) -> str:
    return "reported" if mod.claimant is not None else "asserted"


def _clause_verb(noun: Token) -> Token | None:
    cur = noun
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
    return None


def _antecedent(pron: Token) -> Token | None:
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


def _sentence(doc: Document, offset: int) -> tuple[int, int, int, str]:
    for s in doc.sentences:
        if s.start <= offset < s.end:
            return s.index, s.start, s.end, s.text
    return 0, 0, len(doc.text), doc.text


def _confidence(cand: Candidate, src: Mention | None, tgt: Mention | None,
                notes: list[str]) -> tuple[float, dict[str, float]]:  # fmt: skip
    """Entry confidence x argument completeness x construction; components kept for the trace."""
    args = 1.0 if src and tgt else 0.85 if src else 0.7 if tgt else 0.45
    if cand.entry.no_target and src:
        args = 1.0
    construction = {"verb": 1.0, "demand": 0.95, "light": 0.95, "noun": 0.75}[cand.kind]
    conversion = 0.9 if notes else 1.0
    value = round(max(0.05, min(0.99, cand.entry.confidence * args * construction * conversion)), 3)
    return value, {"entry": cand.entry.confidence, "arguments": args, "construction": construction,
                   "conversion": conversion, "value": value}  # fmt: skip


# Nouns that count or group their "of" object, which is the actor: "95 companies of paramilitary forces",
# "a contingent of police", "a group of students", "a total of 300 troops".
_PARTITIVE = {"company", "companies", "contingent", "contingents", "column", "columns", "platoon", "platoons",
              "unit", "units", "group", "groups", "team", "teams", "batch", "batches", "number", "total",
              "dozens", "hundreds", "thousands", "scores", "band", "bands", "section", "sections"}


def _partitive_head(tok: Any) -> Any:
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

