"""Source and target of a candidate event: which tokens of the parse fill them, and by which path."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tidings.coding.rules import Candidate, is_lemma_in
from tidings.coding.syntax import (
    OBJ, PASSIVE_SUBJ, PRONOUNS, TARGET_PREPS, agent, child, children, in_dateline, is_passive, prep_objects,
    subject,
)  # fmt: skip
from tidings.model import Actor, Mention

Token = Any
_NOUN_SOURCE_PREPS = ("by",)
# Verbs whose object event noun is the subject's own (possible) act: "ruled out new sanctions".
_STANCE = {"rule", "consider", "weigh", "mull", "plan", "prepare", "propose", "announce", "approve", "order",
           "back", "seek", "pursue", "threaten", "promise", "pledge", "vow", "offer"}
_SUFFER = {"die", "perish", "succumb", "suffer", "injure", "wound", "hurt", "kill", "lose", "flee", "escape"}
_ATTACK_NOUNS = {"attack", "firing", "fire", "shelling", "bombing", "raid", "strike", "airstrike", "blast",
                 "ambush", "crossfire", "run", "assault", "offensive", "shootout", "gunfight", "encounter",
                 "explosion"}
_MUNITIONS = {"round", "shot", "shell", "bullet", "pellet", "missile", "rocket", "grenade", "mortar", "salvo",
              "stone", "brick", "volley", "teargas", "canister", "projectile", "torpedo", "bomb",
              "ammunition", "cartridge", "explosive", "ied", "device", "landmine"}
_RELATIVE = {"who", "whom", "which", "that"}
# Object words of idioms ("set fire to", "claimed responsibility for", "triggered the blast"): never
# recipients.
_IDIOM_WORDS = {"fire", "ablaze", "alight", "responsibility", "blast", "blasts", "explosion", "explosions"}
_NOT_ACTORS = {"DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL"}
# Which prepositional object is the recipient when a verb has several ("complained to the UN over X").
_TYPE_PREPS: dict[str, tuple[str, ...]] = {
    "ACCUSE": ("against", "over", "about", "of", "for", "on", "at"), "AID": ("to", "for", "in"),
    "CONSULT": ("with",),
    "REQUEST": ("from", "to", "on", "in"), "RETREAT": ("from",), "ASSAULT": ("on", "against", "at"),
}  # fmt: skip
# Heads an event's actor may be reached from by climbing when the parser gave the verb no subject.
_CLIMB = ("acl", "pcomp", "prep", "pobj", "conj", "xcomp", "advcl", "dobj")


@dataclass(slots=True)
class Slot:
    """Candidate tokens for one argument, best first, each with its dependency path."""

    options: list[tuple[Token, list[str]]] = field(default_factory=list)

    def add(self, tok: Token | None, path: list[str]) -> None:
        if tok is not None and tok.ent_type_ in _NOT_ACTORS:
            return  # "on Friday", "in 1988", "$50,000"
        if tok is not None and in_dateline(tok):  # "new delhi: ..." names where the story was filed
            tok = _after_dateline(tok)
        direct = not any(step.endswith("^") for step in path)
        if tok is not None and direct and tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "a boy [who] was stabbed": the relative pronoun stands for its antecedent
        if tok is not None and all(tok.i != t.i for t, _ in self.options):
            self.options.append((tok, path))


@dataclass(slots=True)
class Arg:
    """A filled source or target: the token chosen, its path from the event, the actor it names, the span.

    ``mention`` is None when no actor was resolved (the raw phrase may still be kept in ``start``/``end``);
    ``tried`` lists the phrases that resolved to nothing, ``steps`` how the actor was found.
    """

    token: Token | None = None
    path: list[str] = field(default_factory=list)
    mention: Mention | None = None
    steps: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    tried: list[str] = field(default_factory=list)
    group: list[str] | None = None

    @property
    def actor(self) -> Actor | None:
        """The resolved actor, if any."""
        return self.mention.actor if self.mention is not None else None

    @property
    def country(self) -> str | None:
        """The resolved actor's country, if any."""
        actor = self.actor
        return actor.country if actor is not None else None

    def named(self) -> bool:
        """An actor that is not just a place."""
        return self.actor is not None and self.actor.kind != "place"

    def with_mention(self, mention: Mention, note: str) -> None:
        """Replace the mention (a composed actor) and record why."""
        self.mention = mention
        self.steps = [*self.steps, note]


def _after_dateline(tok: Token) -> Token | None:
    """The real argument when the parser made a dateline word the subject or object: another argument of
    the same head with the same role ("delhi/nsubj: ..., [saraswati]/nsubj held"), or the dateline
    word's apposition ("hyderabad: muslim [leaders] have asked")."""
    for c in tok.head.children:
        if c.i != tok.i and c.dep_ == tok.dep_ and not in_dateline(c):
            return c
    return next((c for c in tok.children if c.dep_ in ("appos", "conj") and not in_dateline(c)), None)


def source_slot(cand: Candidate) -> Slot:
    """Where the event's actor (source) may be."""
    slot = Slot()
    if cand.kind == "noun":
        noun = cand.anchor
        for word, obj in prep_objects(noun, _NOUN_SOURCE_PREPS):
            slot.add(obj, [f"prep:{word}", "pobj"])
        for c in children(noun, "poss"):
            slot.add(c, ["poss"])
        for c in children(noun, "amod", "compound", "nmod"):
            if c.pos_ in ("ADJ", "PROPN"):
                slot.add(c, [c.dep_])
        for word, obj in prep_objects(noun, ("between", "among")):
            slot.add(obj, [f"prep:{word}", "pobj"])
        governor = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
        if governor is not None and noun.dep_ == "dobj" and governor.lemma_.lower() not in _STANCE:
            governor = None  # "described the exercises as defensive" says nothing about who held them
        if governor is not None and (is_passive(governor) or governor.lemma_.lower() in _SUFFER):
            governor = None  # "died in the attack", "were killed in police firing": victims, not the actor
        if governor is not None and governor.pos_ in ("VERB", "AUX"):
            tok, path = subject(governor)  # "X has not ruled out new [sanctions]", "gathered for a [rally]"
            slot.add(tok, [f"{noun.dep_}^", *path])
        if not slot.options:
            _climb_to_subject(noun, slot)
        return slot
    verb = cand.anchor
    if (is_passive(verb) or reduced_passive(verb) or shared_passive(verb)) and cand.kind != "demand":
        for by in _agents(verb):  # "shot by his own rifle by [a mob]": the instrument is no actor
            slot.add(by, ["agent", "pobj"])
        if cand.entry.type == "ASSAULT" and agent(verb) is None:
            _agentless_violence(cand, verb, slot)
        if cand.entry.type == "MOBILIZE" and agent(verb) is None:  # "troops were deployed": their own move
            for c in children(verb, *PASSIVE_SUBJ):
                slot.add(c, [c.dep_])
        if cand.kind == "light":  # "Serb forces were engaged in ethnic cleansing": the subject acts
            for c in children(verb, *PASSIVE_SUBJ):
                slot.add(c, [c.dep_])
        return slot
    tok, path = subject(verb)
    slot.add(tok, path)
    if not slot.options:
        _climb_to_subject(verb, slot)
    return slot


# Verbs that always take the one harmed as object: with a subject and no object ("45 others injured",
# "saw the commander killed", headline "Policeman shot dead") the clause is a passive with its auxiliary
# left out, and the subject is the victim, never the actor.
_PATIENT_VERBS = {"kill", "injure", "wound", "hurt", "murder", "behead", "lynch", "maim", "abduct", "kidnap",
                  "assassinate", "execute", "torture", "arrest", "detain", "nab", "shoot", "stab", "gun",
                  "martyr", "slay", "hack"}  # fmt: skip
# Nouns for a fight between two sides: the victim's opponent is named by "with" ("killed in an encounter
# with the rebels").
_FIGHT_NOUNS = {"encounter", "clash", "gunfight", "gunbattle", "shootout", "exchange", "fighting", "battle",
                "skirmish", "firefight", "crossfire"}  # fmt: skip
_CIRCUMSTANCE = ("in", "during", "after", "following", "under")
# Verbs of a clause that tells the attack a passive victim suffered ("when militants [opened] fire").
_ATTACK_VERBS = {"attack", "open", "fire", "ambush", "storm", "raid", "shoot", "hurl", "lob", "throw",
                 "detonate", "trigger", "explode", "plant", "shell", "bomb", "strike", "target", "spray"}
_DONE = {"carry", "lay", "set", "conduct", "launch", "stage", "mount", "execute", "perpetrate"}
_SEEING = {"see", "witness", "find", "leave", "watch", "have", "get"}


def reduced_passive(verb: Token) -> bool:
    """A participle of a victim verb with a subject, no object and no auxiliary: "two others injured", "saw
    the commander killed" (the parser reads the subject as the actor)."""
    if verb.tag_ not in ("VBN", "VBD") or not is_lemma_in(verb, _PATIENT_VERBS):
        return False
    if children(verb, "dobj", "aux", "auxpass", "nsubjpass") or agent(verb) is not None:
        return False
    rights = [c for c in verb.rights if c.dep_ not in ("prep", "conj", "advcl")]
    if any(c.pos_ in ("NOUN", "PROPN", "PRON") for c in rights):
        return False  # "shot dead [X]" with X misparsed: an object all the same
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return True  # "45 others [injured] in the attack"
    seen = verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in _SEEING  # "saw X killed"
    return child(verb, "nsubj") is not None and (verb.tag_ == "VBN" or seen)


_INSTRUMENTS = {"rifle", "gun", "pistol", "revolver", "knife", "sword", "axe", "weapon", "stick", "rod",
                "lathi", "dagger", "machete", "car", "vehicle", "truck", "motorcycle", *_MUNITIONS}


def _agents(verb: Token) -> list[Token]:
    """The "by" objects of a passive verb that can be actors: instruments ("by a rifle") left out."""
    out = []
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            out += [o for o in children(c, "pobj") if o.lemma_.lower() not in _INSTRUMENTS]
    return out


def shared_passive(verb: Token) -> bool:
    """A participle coordinated with a passive verb, sharing its auxiliary and subject: "was kidnapped but
    [released]", "were arrested and [produced] in court". Its subject is the passive subject's recipient."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or not is_passive(verb.head):
        return False
    return not children(verb, "nsubj", "nsubjpass", "aux", "auxpass", "dobj")


def _agentless_violence(cand: Candidate, verb: Token, slot: Slot) -> None:
    """The actor of a passive act of violence named elsewhere than a "by" phrase: the attack that did it
    ("killed in [police] firing", "in firing by [gunmen]", "in an operation carried out by [troops]", "in
    an encounter with [the rebels]") or the clause that tells it ("killed when [Maoists] attacked the camp",
    "injured when a bomb laid by [Maoists] went off")."""
    for sub in cand.absorbed:  # "was killed when [Maoists] attacked the camp": the attack's actor
        if sub.entry.type == "ASSAULT" and sub.anchor.dep_ == "advcl" and sub.anchor.head.i == verb.i:
            tok, path = subject(sub.anchor)
            slot.add(tok, ["advcl", *path])
    heads = [verb, *children(verb, "conj"), *([verb.head] if verb.dep_ in ("conj", "acl") else [])]
    for clause in (c for h in heads for c in children(h, "advcl")):  # "when a bomb laid by [X] went off"
        subj = child(clause, "nsubj", "nsubjpass")
        if subj is not None and subj.lemma_.lower() in _MUNITIONS | _ATTACK_NOUNS:
            _attack_actors(subj, slot, ["advcl", subj.dep_])
        elif subj is not None and subj.dep_ == "nsubj" and is_lemma_in(clause, _ATTACK_VERBS):
            slot.add(subj, ["advcl", "nsubj"])  # "was shot dead when [gunmen] opened fire on them"
        elif subj is None and clause.tag_ == "VBN" and is_lemma_in(clause, _ATTACK_VERBS | _DONE):
            slot.add(agent(clause), ["advcl", "agent", "pobj"])  # "in a blast, triggered by [Maoists]"
    for word, obj in prep_objects(verb, _CIRCUMSTANCE):
        if word == "in" and any(c.lower_ in _ATTACK_NOUNS for c in children(obj, "acl")):
            slot.add(obj, [f"prep:{word}", "pobj"])  # "in [police] firing" parsed as police <-acl-
        _attack_actors(obj, slot, [f"prep:{word}", "pobj"], modifiers=word == "in")
    for prep in children(verb, "prep"):  # "in firing by [gunmen]": the parser makes "firing" a pcomp
        if prep.lower_ in _CIRCUMSTANCE:
            for obj in children(prep, "pcomp"):
                _attack_actors(obj, slot, [f"prep:{prep.lower_}", "pcomp"])


def _attack_actors(obj: Token, slot: Slot, path: list[str], modifiers: bool = True) -> None:
    """Who carried out the attack, fight or device named by ``obj``: its "by" phrase, the agent of a
    participle on it, the other side of a fight, and (with ``modifiers``) the words before it."""
    word = obj.lemma_.lower()
    if word not in _ATTACK_NOUNS and word not in _FIGHT_NOUNS and word not in _MUNITIONS \
            and word != "operation" and obj.lower_ not in _ATTACK_NOUNS:  # fmt: skip
        return
    for _, by in prep_objects(obj, ("by",)):  # "a petrol bomb attack by [miscreants]"
        slot.add(by, [*path, "prep:by", "pobj"])
    for acl in children(obj, "acl"):  # "an operation carried out by [troops]", "a bomb laid by [Maoists]"
        slot.add(agent(acl), [*path, "acl", "agent", "pobj"])
    if word in _FIGHT_NOUNS:  # "killed in an encounter with [the rebels]", "in a clash between [A] and B"
        for prep, other in prep_objects(obj, ("with", "between")):
            if prep == "with" or children(other, "conj"):  # two sides parsed as such, or none
                slot.add(other, [*path, f"prep:{prep}", "pobj"])
    mods = children(obj, "poss", "compound", "amod") if modifiers else []
    while mods:  # "a U.S. bombing run": through the attack words to the actor
        c = mods.pop(0)
        if c.lemma_.lower() in _ATTACK_NOUNS or c.lower_ in _ATTACK_NOUNS or c.lemma_.lower() in _MUNITIONS:
            mods.extend(children(c, "poss", "compound", "amod"))
        elif c.pos_ in ("NOUN", "PROPN", "ADJ"):
            slot.add(c, [*path, c.dep_])


def _climb_to_subject(tok: Token, slot: Slot) -> None:
    """No subject found: climb through modifier and complement links to the first noun that is a clause
    subject or the sentence root ("Palestinian youths resorted to throwing stones during [demonstrations]",
    "Doctors from two aid groups donated and [delivered] ..." misparsed as a modifier)."""
    cur, path = tok, []
    for _ in range(8):
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i:
            return
        path.append(f"{cur.dep_}^")
        cur = cur.head
        if cur.pos_ == "VERB" and (is_passive(cur) or reduced_passive(cur) or cur.lemma_.lower() in _SUFFER):
            return  # "45 others injured in a suicide [attack]": above a victim's verb are victims
        if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ in ("nsubj", "ROOT", "dep"):
            slot.add(cur, [*path, "(climbed)"])
            return


def target_slot(cand: Candidate) -> Slot:
    """Where the event's recipient (target) may be, best first."""
    slot = Slot()
    entry = cand.entry
    if entry.no_target:
        return slot
    if cand.kind == "demand" and cand.clause is not None:
        slot.add(child(cand.clause, "nsubj", "nsubjpass"), ["ccomp", "nsubj"])
        return slot
    if cand.kind == "noun":
        noun = cand.anchor
        between = [o for w, o in prep_objects(noun, ("between", "among"))]
        for obj in between:
            for c in children(obj, "conj"):
                slot.add(c, ["prep:between", "pobj", "conj"])
        for word, obj in prep_objects(noun, tuple(p for p in TARGET_PREPS if p not in ("between", "among"))):
            slot.add(obj, [f"prep:{word}", "pobj"])
        return slot
    if cand.kind == "light":
        for noun in _path_nouns(cand):  # "undertook a mediation mission [between A and B]"
            for word, obj in prep_objects(noun):
                slot.add(obj, ["dobj", f"prep:{word}", "pobj"])
            for c in children(noun, "poss"):
                if c.lower_ not in ("its", "their", "his", "her", "our", "my"):
                    slot.add(c, ["dobj", "poss"])
        verb = cand.anchor
        for word, obj in prep_objects(verb):
            slot.add(obj, [f"prep:{word}", "pobj"])
        for c in children(verb, "dative"):
            slot.add(c, ["dative"])
        _clause_options(verb, slot, ())  # "began a hunger strike [to protest against X]"
        return slot
    verb = cand.anchor
    if entry.target == "complement_subject":
        for clause in children(verb, "ccomp", "xcomp"):
            slot.add(child(clause, "nsubj", "nsubjpass"), [clause.dep_, "nsubj"])
    if is_passive(verb) and entry.type == "ASSAULT":  # "killed in a clash between A and [B]": the sides
        for word, fight in prep_objects(verb, _CIRCUMSTANCE):
            if fight.lemma_.lower() in _FIGHT_NOUNS:
                for _, first in prep_objects(fight, ("between",)):
                    for c in children(first, "conj"):
                        slot.add(c, [f"prep:{word}", "pobj", "prep:between", "pobj", "conj"])
    if is_passive(verb):
        for c in children(verb, *PASSIVE_SUBJ):
            slot.add(c, [c.dep_])
    elif shared_passive(verb):  # "was kidnapped but released": the passive subject of the first verb
        for c in children(verb.head, *PASSIVE_SUBJ):
            slot.add(c, ["conj^", c.dep_])
    elif reduced_passive(verb):  # "45 others injured": the subject (or the noun modified) is the victim
        victim = verb.head if verb.dep_ == "acl" else child(verb, "nsubj")
        slot.add(victim, ["acl^"] if verb.dep_ == "acl" else ["nsubj"])
    _object_options(verb, slot, entry.type)
    if entry.type in ("ASSAULT", "COERCE", "THREATEN"):  # "fired five [rounds]": the munition is no recipient
        slot.options = [o for o in slot.options if o[0].lemma_.lower() not in _MUNITIONS]
    idiom = set(entry.needs_object or ()) & _IDIOM_WORDS
    rest = [o for o in slot.options if o[0].lower_ not in idiom]
    if idiom:  # "set [fire] to the shop", "claimed [responsibility]": the idiom's word is not the recipient
        slot.options = rest
    return slot


def _path_nouns(cand: Candidate) -> list[Token]:
    """The event noun of a light candidate and the nouns between it and the light verb."""
    out = []
    cur = cand.trigger
    for _ in range(4):
        if cur.i == cand.anchor.i:
            break
        if cur.pos_ in ("NOUN", "PROPN"):
            out.append(cur)
        cur = cur.head
    return out or [cand.trigger]


def _own(tok: Token) -> bool:
    """ "its troops", "their exercises": the actor's own things, not a recipient."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in tok.children)


def _object_options(verb: Token, slot: Slot, entry_type: str = "") -> None:
    # "its troops" are the actor's own, but "injured its driver" names a victim: harm is done to others
    own = _own if entry_type not in ("ASSAULT", "COERCE") else (lambda o: False)
    objs = [o for o in children(verb, *OBJ) if not own(o)]
    for prt in children(verb, "prt"):  # "kidnapped up to 16 advisers": the parser hangs the object on "up"
        for prep in children(prt, "prep"):
            objs += [o for o in children(prep, "pobj") if not own(o)]
    for obj in objs:
        slot.add(obj, [obj.dep_])
    if not objs and not any(True for _ in prep_objects(verb)):  # "attacked and killed X": a shared object
        for conj in children(verb, "conj"):
            if conj.pos_ == "VERB" and conj.i - verb.i <= 3:
                for obj in children(conj, "dobj"):
                    slot.add(obj, ["conj", "dobj"])
    for c in children(verb, "dative"):
        slot.add(c, ["dative"])
        slot.add(child(c, "pobj"), ["dative", "pobj"])
    preferred = _TYPE_PREPS.get(entry_type, ())
    rank = {word: k for k, word in enumerate(preferred)}
    preps = (*TARGET_PREPS, *(p for p in preferred if p not in TARGET_PREPS))  # "fired at X" (ASSAULT only)
    pairs = sorted(prep_objects(verb, preps), key=lambda p: rank.get(p[0], len(preferred)))
    for word, obj in pairs:
        slot.add(obj, [f"prep:{word}", "pobj"])
    _through_in(verb, slot, [])
    for obj in objs:  # "denounced [Serbia's] suppression", "demanded the withdrawal [of Serbian forces]"
        for c in children(obj, "poss"):
            if c.lower_ not in PRONOUNS:  # "injured [its] driver": the driver, not whoever "its" is
                slot.add(c, [obj.dep_, "poss"])
        for word, sub in prep_objects(obj, (*TARGET_PREPS, "by")):
            slot.add(sub, [obj.dep_, f"prep:{word}", "pobj"])
        for c in children(obj, "amod", "compound"):
            if c.pos_ in ("ADJ", "PROPN"):
                slot.add(c, [obj.dep_, c.dep_])
        for acl in children(obj, "acl"):  # "shortened the curfew imposed [in Sudan]"
            for word, sub in prep_objects(acl, (*TARGET_PREPS, "in")):
                slot.add(sub, [obj.dep_, "acl", f"prep:{word}", "pobj"])
    _clause_options(verb, slot, ("xcomp", "ccomp"))


def _clause_options(verb: Token, slot: Slot, deps: tuple[str, ...]) -> None:
    """Recipients in a complement or purpose clause: "urged the council to act against X", "began a hunger
    strike to protest against [X's] decision"."""
    clauses = [(c, [c.dep_]) for c in children(verb, *deps)]
    clauses += [(c, ["advcl"]) for c in children(verb, "advcl")
                if any(a.lower_ == "to" for a in children(c, "aux"))]  # fmt: skip
    for clause, path in clauses:  # "urged the council to act against X", "sent arms to help defend X"
        for c in children(clause, "dobj"):
            slot.add(c, [*path, "dobj"])
        for word, obj in prep_objects(clause):
            slot.add(obj, [*path, f"prep:{word}", "pobj"])
        _through_in(clause, slot, path)
        for sub in children(clause, "xcomp"):
            for c in children(sub, "dobj"):
                slot.add(c, [*path, "xcomp", "dobj"])


_THROUGH = ("in", "after", "during", "following", "at")


def _through_in(head: Token, slot: Slot, path: list[str]) -> None:
    """The recipient inside a circumstance phrase: "launch an offensive in its war [with Iraq]", "called off
    a strike after deliberations [with the government]"."""
    for through, obj in prep_objects(head, _THROUGH):
        for word, sub in prep_objects(obj, ("with", "against", "between")):
            slot.add(sub, [*path, f"prep:{through}", "pobj", f"prep:{word}", "pobj"])
