"""Composing found spans into actors: "South Korean" + "military" -> KOR MIL; title + country -> office holder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tidings.kb.find import Found
from tidings.kb.index import Index
from tidings.kb.loader import Entry
from tidings.kb.people import standing
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
# Head nouns that say "people of" rather than a sector: "police officials" stays COP, "VHP leaders" REL.
GENERIC_HEADS: frozenset[str] = frozenset({
    "officials", "official", "leaders", "leader", "leadership", "spokesman", "spokeswoman", "spokesperson",
    "spokespeople", "delegation", "members", "chief", "officers", "personnel",
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


def compose(index: Index, spans: list[Found], day: dt.date, text_before: str = "") -> Composed:
    """The actor of one group of adjacent spans, at date ``day``.

    ``text_before`` is a little of the text before the group, to see "former" or "ex-".
    """
    start, end = spans[0].start, spans[-1].end
    steps = [s for f in spans for s in f.steps]
    ties = [f for f in spans if f.entry is None]
    if ties and all(f.kind in ("person", "mixed", "org", "igo", "country") for f in ties):
        tie = ties[0]
        cands = [_entry_actor(index, m.entry, day, ())[0] for m in tie.matches]
        names = " / ".join(m.entry.name for m in tie.matches)
        steps.append(f"'{_text(tie)}' is ambiguous: {names} -> unresolved")
        return Composed(start, end, None, steps, cands, 0.5)
    by_kind: dict[str, list[Entry]] = {}
    for f in spans:
        if f.entry is not None:
            by_kind.setdefault(f.entry.kind, []).append(f.entry)
    sector_spans = [f for f in spans if f.kind == "sector"]
    if len(sector_spans) > 1 and _head_word(sector_spans[-1]) in GENERIC_HEADS:
        sector_spans = sector_spans[:-1]  # "police officials" -> the police
    title_spans = [f for f in spans if f.kind == "title"]
    roles = tuple(r for f in title_spans for r in f.matches[0].entry.roles)
    score = min(m.score for f in spans for m in f.matches)
    country_span = next((f for f in spans if f.kind == "country"), None)
    if "person" in by_kind:
        person = by_kind["person"][-1]
        actor, why = _entry_actor(index, person, day, roles)
        steps.append(why)
        last = spans[-1]
        if (
            last.kind == "sector"
            and last.entry is not None
            and last.i > max(f.i for f in spans if f.kind == "person")
        ):
            # "Bashar al-Assad's forces": the person's country with the head noun's sector, not the person.
            sector = last.matches[0].alias.sector
            steps.append(f"head noun '{_text(last)}' of {person.name} -> {actor.country} {sector}")
            return Composed(
                start, end, Actor(actor.country, sector, None, None, None, "country"), steps, [], score
            )
        stated = country_span.matches[0].entry.country if country_span else None
        former = bool(_FORMER & {w.lower() for f in spans for w in f.matches[0].text.split()}) or bool(
            _FORMER & set(text_before.lower().split()[-2:])
        )
        person_i = max(f.i for f in spans if f.kind == "person")
        before = [f for f in sector_spans if f.i < person_i]
        if before and actor.role in (None, "former") and not former and not title_spans:
            sector = before[-1].matches[0].alias.sector
            actor = Actor(stated or actor.country, sector, actor.actor_id, actor.name, actor.role, "person")
            steps.append(f"the text calls them '{_text(before[-1])}' -> {actor.country} {sector}")
        elif title_spans and actor.role in (None, "former") and not former and roles:
            # "Israeli Prime Minister Ehud Barak": the text itself gives the office; trust it over the date.
            sector = title_spans[-1].matches[0].alias.sector or "GOV"
            actor = Actor(stated or actor.country, sector, actor.actor_id, actor.name, roles[0], "person")
            steps.append(f"the text gives the title '{_text(title_spans[-1])}' -> {actor.country} {sector}")
        elif stated and stated != actor.country and title_spans and actor.role in (None, "former"):
            # "Georgian President Eduard Shevardnadze": the text names the country and office.
            actor = Actor(stated, title_spans[-1].matches[0].alias.sector or "GOV", actor.actor_id, actor.name,
                          roles[0] if roles else None, "person")  # fmt: skip
            steps.append(f"the phrase names {stated} and a title -> {stated} {actor.sector}")
        return Composed(start, end, actor, steps, [], score)
    for kind in ("org", "igo"):
        if kind in by_kind:
            org = by_kind[kind][-1]
            sector = org.sector
            period = next((t for t in org.terms if t.role == "sector" and t.covers(day)), None)
            if period is not None:
                sector = period.sector
            why = f"{org.name} -> {org.country or '-'} {sector or '-'}"
            if period is not None:
                why += f" (on {day.isoformat()})"
            stated = country_span.matches[0].entry.country if country_span else None
            if (
                kind == "org"
                and country_span is not None
                and stated
                and org.country
                and stated != org.country
            ):
                # "Bangladesh Nationalist Party": a generic name read with the country the text gives.
                steps.append(
                    f"'{_text(country_span)}' names {stated}, not {org.country}: {stated} {sector or '-'}"
                )
                return Composed(start, end, Actor(stated, sector, None, None, None, "org"), steps, [], score)
            generic = bool(sector_spans) and _head_word(sector_spans[-1]) in GENERIC_HEADS and org.sector
            if sector_spans and _after(sector_spans[-1], spans, kind) and not generic:
                sector = sector_spans[-1].matches[0].alias.sector
                why += f"; head noun '{_text(sector_spans[-1])}' -> {sector}"
            steps.append(why)
            return Composed(
                start, end, Actor(org.country, sector, org.id, org.name, None, kind), steps, [], score
            )
    country = country_span.matches[0].entry if country_span else None
    code = country.country if country else None
    if (
        title_spans
        and sector_spans
        and sector_spans[-1].i < title_spans[-1].i
        and not (country is not None and index.holders(country.country or "", roles, day))
    ):
        sector = sector_spans[-1].matches[0].alias.sector
        steps.append(f"'{_text(sector_spans[-1])}' {_text(title_spans[-1])} -> {code or '-'} {sector}")
        return Composed(start, end, Actor(code, sector, None, None, roles[0] if roles else None, "sector"), steps,
                        [], score)  # fmt: skip
    if title_spans:
        if country is not None:
            roles = country.offices.get(title_spans[-1].matches[0].entry.name.lower(), roles)
        return _title_actor(index, spans, title_spans[-1], code, roles, day, steps, score)
    if country_span is not None and country is not None:
        alias = country_span.matches[0].alias
        sector = alias.sector
        why = f"'{_text(country_span)}' {_form(alias.form)} {code}"
        if sector:
            why += f" -> {code} {sector}"
        if sector_spans:
            sector = sector_spans[-1].matches[0].alias.sector
            why += f"; head noun '{_text(sector_spans[-1])}' -> {code} {sector}"
        steps.append(why)
        return Composed(
            start, end, Actor(code, sector, country.id, country.name, None, "country"), steps, [], score
        )
    if sector_spans:
        sector = sector_spans[-1].matches[0].alias.sector
        steps.append(f"'{_text(sector_spans[-1])}' sector noun -> {sector} (no country in the phrase)")
        return Composed(start, end, Actor(None, sector, None, None, None, "sector"), steps, [], score)
    return Composed(start, end, None, steps, [], 0.0)


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


def _entry_actor(index: Index, entry: Entry, day: dt.date, roles: tuple[str, ...]) -> tuple[Actor, str]:
    if entry.kind == "person":
        st = standing(entry, day, roles)
        actor = Actor(st.country, st.sector, entry.id, entry.name, st.role, "person")
        return actor, f"{entry.name}: {st.reason} -> {st.country or '-'} {st.sector or '-'}"
    if entry.kind == "country":
        return Actor(entry.country, None, entry.id, entry.name, None, "country"), entry.name
    return Actor(entry.country, entry.sector, entry.id, entry.name, None, entry.kind), entry.name


def _title_actor(index: Index, spans: list[Found], title: Found, code: str | None, roles: tuple[str, ...],
                 day: dt.date, steps: list[str], score: float) -> Composed:  # fmt: skip
    start, end = spans[0].start, spans[-1].end
    sector = title.matches[0].alias.sector or "GOV"
    if code and roles:
        holders = index.holders(code, roles, day)
        ids = {p.id for p, _ in holders}
        if len(ids) == 1:
            person, role = holders[0]
            st = standing(person, day, (role,))
            steps.append(f"'{_text(title)}' of {code} on {day.isoformat()} -> {person.name} ({role})")
            actor = Actor(st.country or code, st.sector, person.id, person.name, st.role, "person")
            return Composed(start, end, actor, steps, [], score)
        if len(ids) > 1:
            cands = [Actor(code, "GOV", p.id, p.name, r, "person") for p, r in holders]
            steps.append(f"'{_text(title)}' of {code}: several holders on {day.isoformat()} -> office only")
            return Composed(
                start, end, Actor(code, sector, None, None, roles[0], "sector"), steps, cands, score
            )
        steps.append(f"'{_text(title)}' of {code}: no holder known on {day.isoformat()} -> {code} {sector}")
    else:
        steps.append(f"title '{_text(title)}' -> {code or '-'} {sector}")
    return Composed(start, end, Actor(code, sector, None, None, roles[0] if roles else None, "sector"), steps, [],
                    score)  # fmt: skip
