"""Data checks for people_ministers_1945.yaml (foreign and defence ministers from 1945 on)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[2] / "src" / "tidings" / "data" / "actors"
MINE = DATA / "people_ministers_1945.yaml"
ROLES = {"foreign_minister", "defence_minister"}
TERM_RE = re.compile(r"^(\w+) (\d{4}-\d{2}-\d{2}) (\d{4}-\d{2}-\d{2}|-)(?: ([A-Z]{3,4}))?$")

# Overlaps longer than a handover that are real: parallel Soviet and Russian (RSFSR) ministers in
# 1990-1991, and acting holders listed next to the confirmed one.
ALLOWED_OVERLAPS = {
    frozenset({"rus.kozyrev", "rus.bessmertnykh"}),
    frozenset({"rus.kozyrev", "rus.pankin"}),
    frozenset({"rus.kozyrev", "rus.shevardnadze"}),
}


def _people(path: Path) -> list[dict]:
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("people") or []


def _parse(term) -> tuple[str, dt.date, dt.date | None, str | None]:
    if isinstance(term, dict):
        to = term.get("to")
        return (term["role"], dt.date.fromisoformat(str(term["from"])),
                dt.date.fromisoformat(str(to)) if to else None, term.get("country"))  # fmt: skip
    m = TERM_RE.match(term)
    assert m, f"bad term {term!r}"
    to = None if m.group(3) == "-" else dt.date.fromisoformat(m.group(3))
    return m.group(1), dt.date.fromisoformat(m.group(2)), to, m.group(4)


MY_PEOPLE = _people(MINE)


def test_loads_and_not_empty():
    assert isinstance(MY_PEOPLE, list)
    assert len(MY_PEOPLE) > 50


@pytest.mark.parametrize("person", MY_PEOPLE, ids=lambda p: p.get("id", "?"))
def test_entry_shape(person):
    for key in ("id", "name", "country", "terms"):
        assert person.get(key), f"{person} lacks {key}"
    assert re.fullmatch(r"[a-z]{3}\.[a-z0-9_]+", person["id"])
    assert person["id"].split(".")[0] == person["country"].lower()
    assert any(_parse(t)[0] in ROLES for t in person["terms"])
    for term in person["terms"]:
        _role, start, end, _country = _parse(term)
        assert dt.date(1930, 1, 1) <= start <= dt.date.today()
        if end is not None:
            assert start < end, term


def test_ids_unique_and_new():
    ids = [p["id"] for p in MY_PEOPLE]
    assert len(ids) == len(set(ids))
    for other in DATA.glob("people_*.yaml"):
        if other == MINE:
            continue
        clash = set(ids) & {p["id"] for p in _people(other)}
        assert not clash, f"{other.name} already has {sorted(clash)}"


def test_names_not_already_present():
    mine = {p["name"].lower() for p in MY_PEOPLE}
    for other in DATA.glob("people_*.yaml"):
        if other == MINE:
            continue
        clash = mine & {p["name"].lower() for p in _people(other)}
        assert not clash, f"{other.name} already has {sorted(clash)}"


def test_no_overlapping_terms():
    """Per (country, role) no two holders overlap by more than 31 days (all people files)."""
    spans = defaultdict(list)
    for path in DATA.glob("people_*.yaml"):
        for p in _people(path):
            for t in p.get("terms") or []:
                role, start, end, country = _parse(t)
                if role in ROLES:
                    spans[(country or p["country"], role)].append((start, end or dt.date.today(), p["id"]))
    mine = {p["id"] for p in MY_PEOPLE}
    problems = []
    for key, items in spans.items():
        items.sort()
        for i, (s1, e1, id1) in enumerate(items):
            for s2, e2, id2 in items[i + 1:]:
                if id1 == id2 or not ({id1, id2} & mine):
                    continue
                if frozenset({id1, id2}) in ALLOWED_OVERLAPS:
                    continue
                overlap = (min(e1, e2) - max(s1, s2)).days
                if overlap > 31:
                    problems.append((key, id1, id2, overlap))
    assert not problems


@pytest.mark.parametrize(
    ("text", "date", "country", "person"),
    [
        ("Cyrus Vance", "1978-06-01", "USA", "usa.cyrus_vance"),
        ("Caspar Weinberger", "1983-03-01", "USA", "usa.weinberger"),
        ("Douglas Hurd", "1991-01-15", "GBR", "gbr.hurd"),
        ("Denis Healey", "1967-01-01", "GBR", "gbr.denis_healey"),
        ("Hans-Dietrich Genscher", "1985-01-01", "DEU", "deu.genscher"),
        ("Yevgeny Primakov", "1997-01-01", "RUS", "rus.primakov"),
        ("Dmitry Ustinov", "1980-01-01", "RUS", "rus.ustinov"),
        ("Abba Eban", "1967-06-05", "ISR", "isr.eban"),
        ("Celso Amorim", "2005-01-01", "BRA", "bra.amorim"),
        ("Chi Haotian", "1999-01-01", "CHN", "chn.chi_haotian"),
    ],
)
def test_kb_resolves(text, date, country, person):
    from tidings.stages.actors import lookup

    res = lookup(text, dt.date.fromisoformat(date))
    assert res and res[0].actor is not None
    assert res[0].actor.country == country
    assert res[0].actor.actor_id == person
    assert res[0].actor.role in ROLES


def test_office_resolves_on_date():
    from tidings.stages.actors import lookup

    res = lookup("the US defense secretary", dt.date(1962, 5, 1))
    assert res[0].actor is not None and res[0].actor.country == "USA"
    res = lookup("the US defense secretary", dt.date(1982, 5, 1))
    assert res[0].actor is not None and res[0].actor.actor_id == "usa.weinberger"


@pytest.mark.parametrize(
    ("text", "date", "person"),
    [
        ("the Soviet defence minister", "1980-01-01", "rus.ustinov"),
        ("the British foreign secretary", "1985-01-01", "gbr.howe"),
        ("the French foreign minister", "1990-01-01", "fra.dumas"),
        ("the Israeli defense minister", "1997-01-01", "isr.mordechai"),
    ],
)
def test_office_holder_on_date(text, date, person):
    from tidings.stages.actors import lookup

    res = lookup(text, dt.date.fromisoformat(date))
    assert res[0].actor is not None and res[0].actor.actor_id == person


def test_out_of_office_is_former():
    from tidings.stages.actors import lookup

    res = lookup("Cyrus Vance", dt.date(1990, 1, 1))
    assert res[0].actor is not None
    assert res[0].actor.actor_id == "usa.cyrus_vance" and res[0].actor.role == "former"
