"""Composing found spans into actors: "South Korean" + "military" -> KOR MIL; title + country -> office holder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tidings.kb.find import Found
from tidings.kb.index import Index
from tidings.kb.loader import Entry, Term
from tidings.kb.people import iso, standing
from tidings.kb.text import Token
from tidings.model import Actor

# Words that may stand between a country word and its sector noun or title: "the Chinese senior officials".
MODIFIERS: frozenset[str] = frozenset({
    "special", "senior", "top", "former", "acting", "new", "then", "deputy", "vice", "chief", "ruling", "main",
    "national", "state", "local", "riot", "armed", "regional", "provincial", "central", "federal", "first",
    "second", "elected", "incoming", "outgoing", "late", "current", "powerful", "hardline", "communist", "s",
    "government", "interim", "caretaker", "exiled", "military", "navy", "army", "foreign", "defence", "defense",
    "security", "nuclear", "border", "anti", "pro", "spy", "intelligence", "police", "naval",
})  # fmt: skip
OF_WORDS: frozenset[str] = frozenset({"of", "the", "for"})
_FORMER: frozenset[str] = frozenset({"former", "ex", "ex-", "late", "then", "ousted", "deposed", "exiled"})
CONJUNCTIONS: frozenset[str] = frozenset({"and", "or", "nor", "plus", "with", "versus", "vs"})
# Head nouns that say "people of" rather than a sector: "police officials" stays COP, "VHP leaders" REL,
# "an Army patrol party" (South Asian English: a squad) MIL, "a police colonel" COP (a rank of its service).
_ARMED = ("REB", "PRM", "CRM")  # non-state armed sectors
GENERIC_HEADS: frozenset[str] = frozenset({
    "officials", "official", "leaders", "leader", "leadership", "spokesman", "spokeswoman", "spokesperson",
    "spokespeople", "delegation", "members", "chief", "officers", "personnel", "party", "parties",
    "colonel", "colonels", "lieutenant", "captain", "sergeant", "brigadier", "commander", "commanders",
})  # fmt: skip


@dataclass(slots=True)
class Composed:
    """An actor with its span and the trace of how it was composed."""

    start: int
    end: int
    actor: Actor | None
    steps: list[str] = field(default_factory=list)
    candidates: list[Actor] = field(default_factory=list)
    score: float = 1.0


def group(found: list[Found], tokens: list[Token], text: str) -> list[list[Found]]:
    """Join adjacent spans that form one noun phrase: "South Korean" "President" "Yoon Suk Yeol"."""
    groups: list[list[Found]] = []
    for f in found:
        if groups and _joins(groups[-1][-1], f, tokens, text):
            groups[-1].append(f)
        else:
            groups.append([f])
    return groups


def _joins(left: Found, right: Found, tokens: list[Token], text: str) -> bool:
    between = tokens[left.j : right.i]
    rest = text[left.end : right.start]
    for t in between:
        rest = rest.replace(t.text, "", 1)
    if rest.strip(" \t'’-"):
        return False
    words = {t.norm for t in between}
    if words & CONJUNCTIONS:
        return False
    if len(between) > 3:
        return False
    lk, rk = left.kind, right.kind
    if rk in ("sector", "title", "person"):
        return all(t.norm in MODIFIERS for t in between) or (rk == "person" and not between)
    if lk in ("sector", "title") and rk in ("country", "org", "igo"):
        return bool(between) and all(t.norm in OF_WORDS for t in between) or not between
    return bool(lk == "country" and rk in ("org", "igo") and all(t.norm in MODIFIERS for t in between))


@dataclass(slots=True)
class _Parts:
    """One group of spans taken apart for composition."""

    spans: list[Found]
    day: dt.date | None
    steps: list[str]
    sectors: list[Found]
    titles: list[Found]
    roles: tuple[str, ...]
    country_span: Found | None
    score: float
    former: bool

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end

    @property
    def stated(self) -> str | None:
        """The country the phrase itself names ("Georgian", "Bangladesh")."""
        return self.country_span.matches[0].entry.country if self.country_span else None

    def done(
        self, actor: Actor | None, candidates: list[Actor] | None = None, score: float | None = None
    ) -> Composed:
        return Composed(self.start, self.end, actor, self.steps, candidates or [],
                        self.score if score is None else score)  # fmt: skip


def compose(index: Index, spans: list[Found], day: dt.date | None, text_before: str = "") -> Composed:
    """The actor of one group of adjacent spans, at date ``day``.

    Person beats organisation beats office beats country; the last sector noun is the head.
    ``text_before`` is a little of the text before the group, to see "former" or "ex-".
    """
    steps = [s for f in spans for s in f.steps]
    ties = [f for f in spans if f.entry is None]
    if ties and all(f.kind in ("person", "mixed", "org", "igo", "country") for f in ties):
        tie = ties[0]
        cands = _unique([_entry_actor(index, m.entry, day, ())[0] for m in tie.matches])
        names = " / ".join(dict.fromkeys(m.entry.name for m in tie.matches))
        same = _same_country_tie(spans, tie, cands)
        if same is not None:
            steps.append(f"'{_text(tie)}' is ambiguous: {names}; all of {same.country} -> {_code(same)}")
            return Composed(spans[0].start, spans[-1].end, same, steps, cands, 0.7)
        steps.append(f"'{_text(tie)}' is ambiguous: {names} -> unresolved")
        return Composed(spans[0].start, spans[-1].end, None, steps, cands, 0.5)
    sectors = [f for f in spans if f.kind == "sector"]
    if len(sectors) > 1 and _head_word(sectors[-1]) in GENERIC_HEADS:
        sectors = sectors[:-1]  # "police officials" -> the police
    titles = [f for f in spans if f.kind == "title"]
    words = {w.lower() for f in spans for w in f.matches[0].text.split()} | set(
        text_before.lower().split()[-2:]
    )
    country_span = next((f for f in spans if f.kind == "country"), None)
    if country_span is not None and country_span.stance and (sectors or titles):
        # "anti-Syria journalist", "pro-Russian separatists": the country is what they oppose or support
        steps.append(f"'{country_span.stance}-{_text(country_span)}' is a stance, not the actor's country")
        country_span = next((f for f in spans if f.kind == "country" and not f.stance), None)
    parts = _Parts(spans, day, steps, sectors, titles, tuple(r for f in titles for r in f.matches[0].entry.roles),
                   country_span,
                   min(m.score for f in spans for m in f.matches), bool(_FORMER & words))  # fmt: skip
    last_of = {f.entry.kind: f.entry for f in spans if f.entry is not None}
    if "person" in last_of:
        return _person_actor(index, parts, last_of["person"])
    for kind in ("org", "igo"):
        if kind in last_of:
            return _org_actor(parts, last_of[kind])
    return _office_or_country(index, parts)


def _person_actor(index: Index, parts: _Parts, person: Entry) -> Composed:
    actor, why = _entry_actor(index, person, parts.day, parts.roles)
    parts.steps.append(why)
    person_i = max(f.i for f in parts.spans if f.kind == "person")
    last = parts.spans[-1]
    if last.kind == "sector" and last.entry is not None and last.i > person_i:
        # "Bashar al-Assad's forces": the person's country with the head noun's sector, not the person.
        sector = last.matches[0].alias.sector
        parts.steps.append(f"head noun '{_text(last)}' of {person.name} -> {actor.country} {sector}")
        return parts.done(Actor(actor.country, sector, None, None, None, "country"))
    if parts.former and parts.day is None and actor.role is None:
        # "former President Ahmed Ben Bella" in an undated text: out of office, whatever he held (ELI)
        parts.steps.append(f"the text calls {person.name} former -> {actor.country or '-'} ELI")
        return parts.done(Actor(actor.country, "ELI", actor.actor_id, actor.name, "former", "person"))
    if actor.role not in (None, "former") or parts.former:
        return parts.done(actor)
    held = _office_named(person, parts, person_i)
    if held is not None:
        # "U.N. Secretary-General Boutros Boutros-Ghali" out of office: the text names an office the person
        # held, so the mention is about that office (UNO GOV), not the retired person (EGY ELI).
        code = held.country or parts.stated or actor.country
        parts.steps.append(f"the text names {person.name}'s office {held.role} -> {code} {held.sector}")
        return parts.done(Actor(code, held.sector, actor.actor_id, actor.name, held.role, "person"))
    stated, titles, roles = parts.stated, parts.titles, parts.roles
    before = [f for f in parts.sectors if f.i < person_i]
    if before and not titles:  # "Opposition leader Imran Khan"
        sector = before[-1].matches[0].alias.sector
        actor = Actor(stated or actor.country, sector, actor.actor_id, actor.name, actor.role, "person")
        parts.steps.append(f"the text calls them '{_text(before[-1])}' -> {actor.country} {sector}")
    elif titles and (roles or (stated and stated != actor.country)):
        # "Israeli Prime Minister Ehud Barak", "Georgian President Eduard Shevardnadze": the text itself
        # gives the office (and country); trust it over the date.
        sector = titles[-1].matches[0].alias.sector or "GOV"
        # "Arab League Secretary General Chedli Klibi": an organisation before the title is the office's
        igo = next((f.entry.country for f in parts.spans if f.kind == "igo" and f.entry is not None
                    and f.i < titles[-1].i), None)  # fmt: skip
        actor = Actor(stated or igo or actor.country, sector, actor.actor_id, actor.name,
                      roles[0] if roles else None, "person")  # fmt: skip
        parts.steps.append(f"the text gives the title '{_text(titles[-1])}' -> {actor.country} {sector}")
    return parts.done(actor)


def _office_named(person: Entry, parts: _Parts, person_i: int) -> Term | None:
    """The person's last term in an office the phrase names before them: an organisation's officer
    ("U.N. Secretary-General", "Arab League Secretary General") or a title the person held."""
    codes = {f.entry.country for f in parts.spans
             if f.kind == "igo" and f.entry is not None and f.i < person_i}  # fmt: skip
    roles = set(parts.roles)
    if not codes and not roles:
        return None
    if parts.stated:
        codes.add(parts.stated)
    terms = [t for t in person.terms
             if (t.country and t.country in codes) or (roles and t.role in roles and not codes)]  # fmt: skip
    return max(terms, key=lambda t: t.start or dt.date.min) if terms else None


def _org_actor(parts: _Parts, org: Entry) -> Composed:
    sector = org.sector
    period = next((t for t in org.terms if t.role == "sector" and t.covers(parts.day)), None)
    if period is not None:
        sector = period.sector
    why = f"{org.name} -> {org.country or '-'} {sector or '-'}" + (
        f" (on {iso(parts.day)})" if period else ""
    )
    stated = parts.stated
    if (
        org.kind == "org"
        and parts.country_span is not None
        and stated
        and org.country
        and stated != org.country
    ):
        # "Bangladesh Nationalist Party": a generic name read with the country the text gives (and the
        # organisation's base sector: its periods are about its own country).
        sector = org.sector
        parts.steps.append(
            f"'{_text(parts.country_span)}' names {stated}, not {org.country}: {stated} {sector or '-'}"
        )
        return parts.done(Actor(stated, sector, None, None, None, "org"))
    heads = parts.sectors
    generic = bool(heads) and _head_word(heads[-1]) in GENERIC_HEADS and org.sector
    if heads and org.sector in _ARMED and heads[-1].matches[0].alias.sector in (*_ARMED, "MIL", "UAF"):
        generic = True  # "Donetsk People's Republic forces", "ISWAP fighters": the group's own fighters
    if heads and _after(heads[-1], parts.spans, org.kind) and not generic:
        sector = heads[-1].matches[0].alias.sector
        why += f"; head noun '{_text(heads[-1])}' -> {sector}"
    parts.steps.append(why)
    return parts.done(Actor(org.country, sector, org.id, org.name, None, org.kind))


def _office_or_country(index: Index, parts: _Parts) -> Composed:
    country = parts.country_span.matches[0].entry if parts.country_span else None
    code = country.country if country else None
    titles, heads, roles = parts.titles, parts.sectors, parts.roles
    if (
        titles
        and heads
        and heads[-1].i < titles[-1].i
        and not (country is not None and index.holders(code or "", roles, parts.day))
    ):
        sector = heads[-1].matches[0].alias.sector  # "union leader", "Communist Party leader"
        parts.steps.append(f"'{_text(heads[-1])}' {_text(titles[-1])} -> {code or '-'} {sector}")
        return parts.done(Actor(code, sector, None, None, roles[0] if roles else None, "sector"))
    if titles:
        if country is not None:
            roles = country.offices.get(titles[-1].matches[0].entry.name.lower(), roles)
        if parts.former:  # "the former Chinese foreign minister", "former governor": an elite, no office
            parts.steps.append(f"former '{_text(titles[-1])}' -> {code or '-'} ELI")
            return parts.done(Actor(code, "ELI", None, None, "former", "sector"))
        return _title_actor(index, parts.spans, titles[-1], code, roles, parts.day, parts.steps, parts.score)
    if parts.country_span is not None and country is not None:
        alias = parts.country_span.matches[0].alias
        sector = alias.sector
        why = f"'{_text(parts.country_span)}' {_form(alias.form)} {code}" + (
            f" -> {code} {sector}" if sector else ""
        )
        if heads:
            sector = heads[-1].matches[0].alias.sector
            why += f"; head noun '{_text(heads[-1])}' -> {code} {sector}"
        parts.steps.append(why)
        return parts.done(Actor(code, sector, country.id, country.name, None, "country"))
    if heads:
        sector = heads[-1].matches[0].alias.sector
        parts.steps.append(f"'{_text(heads[-1])}' sector noun -> {sector} (no country in the phrase)")
        return parts.done(Actor(None, sector, None, None, None, "sector"))
    return parts.done(None, score=0.0)


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[str | None] = set()
    out = []
    for a in actors:
        if a.actor_id not in seen or a.actor_id is None:
            seen.add(a.actor_id)
            out.append(a)
    return out


def _same_country_tie(spans: list[Found], tie: Found, cands: list[Actor]) -> Actor | None:
    """A tie between namesakes of one country still names that country ("President Bush": two US
    presidents -> USA GOV, the person unknown). The sector comes from a head noun after the tie ("the Bush
    administration"), else a title ("President"), else the candidates' shared sector."""
    countries = {c.country for c in cands}
    if len(countries) != 1 or None in countries or tie.kind not in ("person", "org", "igo"):
        return None
    (country,) = countries
    after = [f for f in spans if f.i >= tie.j and f.kind == "sector" and f.entry is not None]
    titles = [f for f in spans if f.kind == "title" and f.entry is not None]
    sector: str | None
    role: str | None = None
    if after:
        sector = after[-1].matches[0].alias.sector
    elif titles:
        sector = titles[-1].matches[0].alias.sector or "GOV"
        roles = titles[-1].matches[0].entry.roles
        role = roles[0] if roles else None
    else:
        sectors = {c.sector for c in cands}
        sector = sectors.pop() if len(sectors) == 1 else None
    return Actor(country, sector, None, None, role, "sector" if tie.kind == "person" else tie.kind)


def _code(actor: Actor) -> str:
    return f"{actor.country or '-'} {actor.sector or '-'}"


def _head_word(f: Found) -> str:
    return f.matches[0].alias.text.lower().split()[-1]


def _after(sector: Found, spans: list[Found], kind: str) -> bool:
    org_end = max(f.i for f in spans if f.kind == kind)
    return sector.i > org_end


def _form(form: str) -> str:
    return {"capital": "capital of", "seat": "seat of", "adjective": "adjective of", "people": "people of",
            "context": "in context means"}.get(form, "names")  # fmt: skip


def _text(f: Found) -> str:
    return f.matches[0].text or f.matches[0].alias.text


def _entry_actor(index: Index, entry: Entry, day: dt.date | None, roles: tuple[str, ...]) -> tuple[Actor, str]:
    if entry.kind == "person":
        st = standing(entry, day, roles)
        actor = Actor(st.country, st.sector, entry.id, entry.name, st.role, "person")
        return actor, f"{entry.name}: {st.reason} -> {st.country or '-'} {st.sector or '-'}"
    if entry.kind == "country":
        return Actor(entry.country, None, entry.id, entry.name, None, "country"), entry.name
    return Actor(entry.country, entry.sector, entry.id, entry.name, None, entry.kind), entry.name


def _title_actor(index: Index, spans: list[Found], title: Found, code: str | None, roles: tuple[str, ...],
                 day: dt.date | None, steps: list[str], score: float) -> Composed:  # fmt: skip
    start, end = spans[0].start, spans[-1].end
    sector = title.matches[0].alias.sector or "GOV"
    if code and roles:
        holders = index.holders(code, roles, day)
        ids = {p.id for p, _ in holders}
        if len(ids) == 1:
            person, role = holders[0]
            st = standing(person, day, (role,))
            steps.append(f"'{_text(title)}' of {code} on {iso(day)} -> {person.name} ({role})")
            actor = Actor(st.country or code, st.sector, person.id, person.name, st.role, "person")
            return Composed(start, end, actor, steps, [], score)
        if len(ids) > 1:
            cands = [Actor(code, "GOV", p.id, p.name, r, "person") for p, r in holders]
            steps.append(f"'{_text(title)}' of {code}: several holders on {iso(day)} -> office only")
            return Composed(
                start, end, Actor(code, sector, None, None, roles[0], "sector"), steps, cands, score
            )
        steps.append(f"'{_text(title)}' of {code}: no holder known on {iso(day)} -> {code} {sector}")
    else:
        steps.append(f"title '{_text(title)}' -> {code or '-'} {sector}")
    return Composed(start, end, Actor(code, sector, None, None, roles[0] if roles else None, "sector"), steps, [],
                    score)  # fmt: skip
