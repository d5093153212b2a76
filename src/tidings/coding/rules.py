"""Find event candidates in a parsed sentence: verbs, light-verb constructions, event nouns, demands.

A candidate is one lexicon entry firing on one token. Candidates inside the complement of another
candidate ("threatened to [attack]", "accused X of [killing]") are absorbed by it, so a sentence
yields the events a reader would list, not every event word in it. Coordinated verbs ("attacked and
killed") stay separate events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tidings.coding.lexicon import Entry, Lexicon
from tidings.coding.syntax import child, children, is_passive

Token = Any

COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
MATERIAL_CONFLICT = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
_DEMAND_ENTRY = Entry(key="<speech verb> ... must/should", kind="rule", type="REQUEST",
                      source_file="built-in rule", cameo="10", confidence=0.7,
                      needs_actor_object=True)  # fmt: skip

_JUDGEMENT_ENTRY = Entry(key="<speech verb> ... is <negative judgement>", kind="rule", type="ACCUSE",
                         mode="disapprove", source_file="built-in rule", cameo="111",
                         confidence=0.6, needs_actor_object=True)  # fmt: skip
# Adjectives that condemn an actor's conduct: "X said the ministers were naive / incompetent".
_JUDGEMENTS = {"wrong", "naive", "incompetent", "irresponsible", "reckless", "misguided", "misdirected",
               "desperate", "dishonest", "hypocritical", "complacent", "arrogant", "shameful", "disgraceful",
               "outrageous", "cynical", "negligent", "corrupt", "inept", "deceitful", "untrustworthy",
               "unfit",
               "scandalous", "appalling", "deplorable", "cowardly", "guilty", "culpable", "responsible",
               "lax", "careless", "callous", "unacceptable", "hopeless", "useless", "weak", "divided",
               "schizophrenic", "chaotic", "shambolic", "clueless", "spineless", "heartless", "unprincipled",
               "opportunistic", "undemocratic", "partisan", "biased", "racist", "authoritarian"}  # fmt: skip


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"}  # fmt: skip
_DATE_PREPS = {"on", "in", "by", "till", "until", "since", "from", "to", "before", "after", "during",
               "early", "mid", "late", "last", "next", "this", "of"}  # fmt: skip
_WH = {"if", "whether", "what", "who", "whom", "whose", "why", "how", "when", "where", "which"}


def is_month_date(tok: Token) -> bool:
    """A month name used as a date ("before march 15", "on 2 march", "in march"), common in lowercase
    text, where an event word that is also a month ("march") would otherwise fire."""
    if tok.lower_ not in _MONTHS:
        return False
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if nxt is not None and nxt.like_num:
        return True
    if prev is not None and (prev.like_num or prev.lower_ in _DATE_PREPS and tok.ent_type_ == "DATE"):
        return True
    if tok.ent_type_ == "DATE" and any(c.like_num for c in tok.children):
        return True
    if prev is not None and prev.lower_ in ("till", "until", "since"):
        return True  # "till march"
    in_month = prev is not None and prev.lower_ in ("in", "of")
    return in_month and nxt is not None and nxt.lower_ in (",", ".", "and")  # "in march, ..."


_LIST_OPENERS = ("related stories", "related articles", "related links", "related:", "read more", "also read",
                 "see also", "more stories", "full coverage", "top stories")  # fmt: skip
_LIST_SEPARATORS = ("\u00c2", "\u2022", "\u00b7", "|", "\u00bb")


def is_list_line(text: str) -> bool:
    """A line of links or teasers ("related stories: X | Y | Z"), not a sentence of the article: it opens
    with a teaser label, or strings three or more headlines together with list separators."""
    low = text.strip().lower()
    if low.startswith(_LIST_OPENERS):
        return True
    return sum(text.count(sep) for sep in _LIST_SEPARATORS) >= 2


_CLOSURES = {"close", "cancel", "shut"}
_MISHAPS = {"accident", "accidents", "crash", "crashes", "collision", "stampede", "flood", "floods",
            "flooding", "earthquake", "quake", "fire", "blaze", "landslide", "landslides", "avalanche",
            "storm",
            "cyclone", "hurricane", "typhoon", "tsunami", "mishap", "derailment"}  # fmt: skip


def _no_one_closes(tok: Token) -> bool:
    """A closing or cancelling with no actor: an agentless passive or an intransitive use."""
    if is_passive(tok):
        return child(tok, "agent") is None
    return not children(tok, "dobj")


def is_mishap(tok: Token) -> bool:
    """ "killed in a road accident", "injured in a fire": harm by a mishap or disaster, no one's attack."""
    if not is_passive(tok) or child(tok, "agent") is not None:
        return False
    for prep in children(tok, "prep"):
        objs = children(prep, "pobj")
        for obj in objs if prep.lower_ in ("in", "during", "after") else []:
            armed = obj.lower_ == "fire" and children(obj, "compound", "amod", "poss")  # "in army fire"
            if obj.lower_ in _MISHAPS and not armed:
                return True
    return False


# What an abstract subject "threatens to" do is a risk, not a threat ("the crisis threatens to escalate").
_RISK_VERBS = {"escalate", "spiral", "spill", "spread", "engulf", "derail", "undermine", "destabilize",
               "destabilise", "unravel", "collapse", "overshadow", "worsen", "deepen", "become", "turn",
               "plunge", "erupt", "disrupt", "overwhelm", "jeopardize", "jeopardise", "complicate", "wreck",
               "scupper", "upend", "sour", "strain", "dampen", "hurt", "damage", "drag", "tip", "boil",
               "snowball", "widen", "reignite", "unleash", "further"}  # fmt: skip


def is_risk_threat(tok: Token) -> bool:
    """ "X threatens to escalate into a war": a risk the writer sees, not a threat an actor makes."""
    if tok.lemma_.lower() != "threaten":
        return False
    return any(x.lemma_.lower() in _RISK_VERBS for x in children(tok, "xcomp"))


def verbal_attack(tok: Token, lex: Lexicon) -> Entry | None:
    """ "the party attacked the government for its silence / over the riots": criticism, not an assault.
    Returns the ACCUSE entry to code instead, or None."""
    if tok.lemma_.lower() not in ("attack", "hit", "lash", "target"):
        return None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if tok.lemma_.lower() in ("hit", "lash"):  # "hit out at", "lashed out at": always words
        out = nxt is not None and nxt.lower_ == "out"
        return next(iter(lex.verb_entries("criticize")), None) if out else None
    for prep in children(tok, "prep"):
        if prep.lower_ not in ("for", "over"):
            continue
        for obj in children(prep, "pobj", "pcomp"):
            if obj.ent_type_ in _NOT_REASONS or obj.lower_ in _PLACE_WORDS:
                continue  # "attacked the base for hours / for the second time", "attacked over the border"
            return next(iter(lex.verb_entries("criticize")), None)
    return None


_PLACE_WORDS = {"border", "city", "town", "area", "region", "weekend", "night", "hours", "days", "weeks",
                "time", "times", "while", "period", "years", "months", "minutes"}  # fmt: skip
_NOT_REASONS = {"DATE", "TIME", "GPE", "LOC", "FAC", "ORDINAL", "CARDINAL", "QUANTITY"}


def is_question_ask(tok: Token) -> bool:
    """ "ask" in its question sense (not a REQUEST): "asked if ...", "asked about X, he said",
    "asked what steps ...", "'...?', he asked", "when his opinion was asked". A request needs a
    to-clause, a "for" object, a "that" clause or an object with its own to-infinitive."""
    if tok.lemma_.lower() not in ("ask", "inquire", "enquire"):
        return False
    if children(tok, "xcomp"):
        return False
    if any(p.lower_ == "for" for p in children(tok, "prep")):
        return False
    for clause in children(tok, "ccomp"):
        first = min(clause.subtree, key=lambda t: t.i)
        if any(a.lower_ == "to" for a in children(clause, "aux")):
            return False  # "asked [the US to withdraw]"
        if first.lower_ == "that" or any(m.lower_ == "that" for m in children(clause, "mark")):
            return False
        if first.lower_ in _WH:
            return True
    if any(p.lower_ in ("about", "regarding") for p in children(tok, "prep")):
        return True
    if any(c.lower_ in _WH for c in children(tok, "mark", "advmod")):
        return True
    # no to-clause and no object that could be asked to do something: a question, not a request
    return not children(tok, "dobj", "dative") or bool(children(tok, "ccomp"))


@dataclass(slots=True)
class Candidate:
    """One lexicon entry firing on one token."""

    entry: Entry
    kind: str  # verb | light | noun | demand
    anchor: Token  # the clause verb (or the noun, for a nominal event)
    trigger: Token  # the word the entry matched
    absorbed: list[Candidate] = field(default_factory=list)
    clause: Token | None = None  # for demands: the complement clause

    @property
    def path_kind(self) -> str:
        """How the event was read, for traces and confidence."""
        return self.kind


def _particles(tok: Token) -> set[str]:
    """Particles and prepositions of a verb, leaving out time phrases ("fired on Thursday")."""
    out = set()
    for c in tok.children:
        if c.dep_ in ("prt", "prep", "advmod", "agent", "dative"):
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if objs and all(o.ent_type_ in ("DATE", "TIME") for o in objs):
                continue
            out.add(c.lower_)
    return out


def _objects(tok: Token) -> list[Token]:
    out = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    for prep in children(tok, "prep"):
        out.extend(children(prep, "pobj"))
    out.extend([c for o in out for c in o.children if c.dep_ in ("compound", "amod")])  # "ceasefire deal"
    out.extend([g for o in list(out) for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"])  # "a mission of observers"  # fmt: skip
    return out


def _noun_words(tok: Token) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()}


_SUFFIXES = (("ed", ""), ("d", ""), ("ied", "y"), ("ing", ""), ("ing", "e"), ("es", ""), ("s", ""))


def verb_lemmas(tok: Token) -> list[str]:
    """The lemma, then guesses from the inflected form (the small model lemmatises "staged" as "stag")."""
    out = [tok.lemma_.lower()]
    low = tok.lower_
    for suffix, add in _SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            out.append(low[: -len(suffix)] + add)
    if len(low) > 5 and low.endswith(("ed", "ing")) and low[-3] == low[-4]:  # "shelled" -> "shell" stays
        out.append(low[: -3 if low.endswith("ed") else -4])
    return list(dict.fromkeys(out))


def is_lemma_in(tok: Token, words: set[str]) -> bool:
    """Whether any lemma guess of ``tok`` is in ``words``."""
    return any(lemma in words for lemma in verb_lemmas(tok))


def verb_entry(tok: Token, lex: Lexicon) -> Entry | None:
    """The longest verb entry matching ``tok`` with its particle and object requirements."""
    lemma = next((x for x in verb_lemmas(tok) if lex.verb_entries(x)), tok.lemma_.lower())
    for entry in lex.verb_entries(lemma):
        extra = entry.words[1:]
        if extra and not all(w in _particles(tok) for w in extra):
            continue
        if entry.transitive and not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
            continue
        if entry.active_only and is_passive(tok):
            continue
        if entry.needs_object:
            objs = _objects(tok)
            if not any(_noun_words(o) & set(entry.needs_object) for o in objs):
                continue
        return entry
    return None


def noun_entry(tok: Token, lex: Lexicon) -> tuple[Entry, list[Token]] | None:
    """The longest noun entry whose words match the text around ``tok``; with the tokens it covers."""
    doc = tok.doc
    for entry in lex.noun_entries(tok.lemma_.lower()) + lex.noun_entries(tok.lower_):
        words = entry.words
        for offset in range(len(words)):
            if words[offset] not in _noun_words(tok):
                continue
            start = tok.i - offset
            if start < 0 or start + len(words) > len(doc):
                continue
            span = [doc[start + k] for k in range(len(words))]
            matched = all(words[k] in _noun_words(span[k]) for k in range(len(words)))
            if matched and _noun_context_ok(entry, span):
                return entry, span
        if len(words) > 1 and words[-1] in _noun_words(tok):  # "joint (military) drills"
            mods = {w for c in tok.lefts if c.dep_ in ("amod", "compound") for w in _noun_words(c)}
            if all(w in mods for w in words[:-1]):
                return entry, [tok]
    return None


def _noun_context_ok(entry: Entry, span: list[Token]) -> bool:
    """A noun entry's ``needs_object``: words among the noun's modifiers and prepositional objects."""
    if not entry.needs_object:
        return True
    near = {w for t in span for d in t.subtree if d.i not in {s.i for s in span} for w in _noun_words(d)}
    return bool(near & set(entry.needs_object))


def _is_verb(tok: Token) -> bool:
    if tok.tag_ == "NN" and tok.lower_.endswith("ing") and any(c.dep_ == "dobj" for c in tok.children):
        return True  # a gerund tagged as a noun: "denied hitting homes"
    return tok.pos_ == "VERB" or (tok.tag_.startswith("VB") and tok.pos_ != "AUX")


def _light_head(noun: Token, lex: Lexicon, depth: int = 0) -> Token | None:
    """The light verb governing an event noun ("launched an [attack]", "engaged in [cleansing]",
    "undertook a [mediation] mission", "launched ten days of [war games]")."""
    head = noun.head
    if depth < 2 and noun.dep_ in ("compound", "amod") and head.pos_ == "NOUN":
        return _light_head(head, lex, depth + 1)
    if depth < 2 and noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return _light_head(head.head, lex, depth + 1)
    if noun.dep_ in ("dobj", "nsubjpass", "attr") and is_lemma_in(head, lex.light_verbs) and _is_verb(head):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and is_lemma_in(head.head, lex.light_verbs):
        if _is_verb(head.head) and head.lower_ in ("in", "to", "into"):
            return head.head
    if noun.dep_ == "conj" and noun.head.pos_ == "NOUN":  # "launched air strikes and [attacks]"
        return _light_head(noun.head, lex)
    return None


def find_candidates(sent: Any, lex: Lexicon) -> list[Candidate]:
    """Every candidate in the sentence ``sent`` (a spaCy Span), before absorption."""
    found: list[Candidate] = []
    questions: list[Token] = []
    if is_list_line(sent.text):
        return found
    light_verbs: set[int] = set()
    covered: set[int] = set()
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in covered or is_month_date(tok):
            continue
        hit = noun_entry(tok, lex)
        if hit is None:
            continue
        entry, span = hit
        covered.update(t.i for t in span)
        inside = {t.i for t in span}
        head_tok = next((t for t in span if t.head.i not in inside or t.head.i == t.i), span[-1])
        light = _light_head(head_tok, lex)
        if light is not None and len(getattr(verb_entry(light, lex), "words", ())) > 1:
            light = None  # "called off a strike": the phrasal verb, not the light verb, carries the event
        if light is not None:
            light_verbs.add(light.i)
            found.append(Candidate(entry, "light", light, head_tok))
        else:
            found.append(Candidate(entry, "noun", head_tok, head_tok))
    for tok in sent:
        if not _is_verb(tok) or tok.i in light_verbs or tok.dep_ in ("amod", "compound", "nmod"):
            continue  # "the Israeli-[occupied] West Bank" is a modifier, not an event
        if is_month_date(tok):
            continue  # "till march 15" tagged as a verb
        if tok.dep_ == "prep":
            continue  # a participle used as a preposition: "[given] the violence", "[given] that X"
        entry = verb_entry(tok, lex)
        if entry is not None and entry.type == "REQUEST" and is_question_ask(tok):
            questions.append(tok)
            continue
        if entry is not None and entry.type == "ASSAULT" and is_mishap(tok):
            continue
        if entry is not None and entry.key in _CLOSURES and _no_one_closes(tok):
            continue  # "shops were closed", "mills closed down", "trains remain cancelled": no one's sanction
        if entry is not None and entry.type == "THREATEN" and is_risk_threat(tok):
            questions.append(tok)  # nothing in "threatens to escalate into a war" is asserted either
            continue
        if entry is not None and entry.type == "ASSAULT" and verbal_attack(tok, lex) is not None:
            entry = verbal_attack(tok, lex)
        if entry is not None and tok.dep_ == "acl" and tok.tag_ == "VBN" and child(tok, "agent") is None:
            continue  # "a letter [handed] over to X": a passive modifier with no actor is not an event
        if entry is not None:
            found.append(Candidate(entry, "verb", tok, tok))
        elif is_lemma_in(tok, lex.speech):
            found.extend(_demands(tok, lex))
            found.extend(_judgements(tok))
    if questions:  # "asked whether the army had fired", "asked about the curfew": a question asserts nothing
        asked = {t.i for q in questions for c in q.children if c.dep_ not in ("nsubj", "nsubjpass", "aux",
                 "auxpass", "neg", "advmod", "punct", "cc", "conj") for t in c.subtree}  # fmt: skip
        found = [c for c in found if c.anchor.i not in asked and c.trigger.i not in asked]
    return found


def _demands(said: Token, lex: Lexicon) -> list[Candidate]:
    """ "X said Y must Z": a deontic modal under a speech verb is a demand by the speaker on Y."""
    out = []
    for clause in children(said, "ccomp"):
        if any(lex.modal_kind(a.lower_) == "deontic" for a in children(clause, "aux")):
            if child(clause, "nsubj", "nsubjpass") is not None:
                entry = _DEMAND_ENTRY
                if clause.tag_ == "VBN" and any(a.lower_ == "have" for a in children(clause, "aux")):
                    # "said the opposition should have allowed ...": a reproach for the past, not a demand
                    entry = next(iter(lex.verb_entries("criticize")), _DEMAND_ENTRY)
                out.append(Candidate(entry, "demand", said, said, clause=clause))
    return out


def _judgements(said: Token) -> list[Candidate]:
    """ "X said Y was naive / incompetent / to blame": a speaker condemning an actor is an accusation
    (ACCUSE disapprove) by the speaker against the clause's subject, which must be an actor. "It was wrong
    to ..." judges an idea, not an actor, and is left out, as is a negated judgement ("was not naive")."""
    out = []
    for clause in children(said, "ccomp"):
        if clause.lemma_ != "be" or child(clause, "neg") is not None:
            continue
        subj = child(clause, "nsubj")
        for adj in children(clause, "acomp"):
            if adj.lemma_.lower() not in _JUDGEMENTS or child(adj, "neg") is not None:
                continue
            if subj is None or subj.lower_ in ("it", "this", "that", "which"):
                continue  # "it was wrong to suggest ...", "this is appalling": not an actor judged
            out.append(Candidate(_JUDGEMENT_ENTRY, "demand", said, said, clause=clause))
            break
    return out


def absorb(cands: list[Candidate]) -> list[Candidate]:
    """Drop candidates governed by another candidate's anchor (keeping coordinated ones).

    Walking up from a candidate's anchor, a coordination step (``conj``) straight into another
    anchor means "attacked and killed": both stay. Any other path into an anchor means the candidate
    sits in that event's complement, object or modifier, and is recorded in its ``absorbed`` list.
    """
    by_anchor: dict[int, Candidate] = {}
    for cand in cands:
        prev = by_anchor.get(cand.anchor.i)
        if prev is None or _rank(cand) > _rank(prev):
            by_anchor[cand.anchor.i] = cand
    kept: list[Candidate] = []
    for cand in by_anchor.values():
        owner = _owner(cand, by_anchor)
        if owner is None:
            kept.append(cand)
        else:
            owner.absorbed.append(cand)
    return sorted(kept, key=lambda c: c.anchor.i)


def _rank(cand: Candidate) -> tuple[int, float]:
    order = {"demand": 3, "light": 2, "verb": 1, "noun": 0}
    return order[cand.kind], cand.entry.confidence


_SPEECH_ACT_TYPES = {"ACCUSE", "REQUEST", "THREATEN", "REJECT"}


def _owner(cand: Candidate, by_anchor: dict[int, Candidate]) -> Candidate | None:
    cur = cand.anchor
    steps = 0
    while cur.head.i != cur.i and steps < 20:
        dep = cur.dep_
        if dep in ("advcl", "parataxis") and child(cur, "nsubj", "nsubjpass") is not None and (
            dep == "parataxis" or any(m.lower_ in ("while", "whereas") for m in children(cur, "mark"))
        ):
            return None  # "..., while the EU said it was ready to host talks": a clause of its own
        head_cand = by_anchor.get(cur.head.i)
        if (dep == "advcl" and cur.tag_ == "VBG" and cur.i == cand.anchor.i
                and cand.entry.type in _SPEECH_ACT_TYPES
                and (head_cand is None or head_cand.entry.type != "PROTEST")):  # fmt: skip
            return None  # "expelled diplomats, accusing them of spying" (a protest's demand is not)
        if _second_victim(cand, cur, head_cand):
            return None  # "attacked a police post, injuring three civilians": a second victim, its own event
        cur = cur.head
        steps += 1
        other = by_anchor.get(cur.i)
        if other is None or other is cand:
            continue
        if dep == "conj" or (dep in ("advcl",) and other.kind == "noun"):
            continue
        if other.kind == "noun" and cand.kind != "noun":
            continue  # a verb inside a noun's clause ("attack that killed") is not its complement
        if _judged_act(cand, other):
            return None  # "condemned the killing of X", "investigating the murder of X": both happened
        return other
    return None


def _second_victim(cand: Candidate, cur: Token, head_cand: Candidate | None) -> bool:
    """A violent participle with its own object under a violent verb ("attacked the post, [injuring] three
    civilians", "opened fire, [killing] a guard"): it names another victim, so it is an event of its own."""
    return (cur.i == cand.anchor.i and cur.dep_ == "advcl" and cur.tag_ == "VBG"
            and cand.kind == "verb" and cand.entry.type == "ASSAULT"
            and head_cand is not None and head_cand.entry.type == "ASSAULT"
            and child(cur, "dobj") is not None)  # fmt: skip


_JUDGING_MODES = {"investigate", "disapprove"}


def _judged_act(cand: Candidate, owner: Candidate) -> bool:
    """A violent or coercive act named by a noun that another event condemns or investigates ("condemned
    the killing of two traders", "probing the abduction of a doctor"): the act happened and is an event
    of its own, unlike the object of an accusation ("accused X of the murder"), which is only alleged.
    (Under a protest the noun would take the protesters as its actors, so it stays absorbed there.)"""
    if cand.kind != "noun" or cand.entry.type not in ("ASSAULT", "COERCE"):
        return False
    return owner.entry.type == "ACCUSE" and owner.entry.mode in _JUDGING_MODES
