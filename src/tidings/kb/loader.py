"""Read actor YAML files (built-in, then the user's) into knowledge-base entries.

The file format is documented in docs/actors.md. Every top-level section is optional, so a user file
can add one person or override one alias without repeating the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import ActorError

BUILTIN_FILES: tuple[str, ...] = (
    "countries.yaml", "capitals.yaml", "offices.yaml", "igos.yaml", "orgs.yaml", "groups_south_asia.yaml",
    "groups_latin_america.yaml", "groups_middle_east_africa.yaml", "groups_europe_asia.yaml", "parties.yaml",
    "sectors.yaml", "media.yaml",
    "people_heads.yaml", "people_ministers.yaml", "people_ministers_1945.yaml", "people_historical.yaml",
    "not_actors.yaml",
)  # fmt: skip
# Countries whose people's names are written family name first in English news.
FAMILY_FIRST: frozenset[str] = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM", "HKG", "KHM", "MNG"})
ROLE_SECTOR: dict[str, str] = {
    "head_of_state": "GOV", "head_of_government": "GOV", "foreign_minister": "GOV", "defence_minister": "GOV",
    "supreme_leader": "GOV", "party_leader": "PTY", "vice_president": "GOV", "minister": "GOV",
    "military_commander": "MIL", "secretary_general": "GOV", "spokesperson": "GOV", "opposition_leader": "OPP",
    "monarch": "GOV", "legislator": "LEG", "judge": "JUD", "rebel_leader": "REB", "envoy": "GOV",
    "unification_minister": "GOV", "intelligence_chief": "SPY",
}  # fmt: skip


@dataclass(slots=True, frozen=True)
class Term:
    """An office a person held from ``start`` (first day) until ``end`` (first day out; ``None`` = open)."""

    role: str
    start: dt.date | None
    end: dt.date | None
    sector: str
    country: str | None = None  # when the office is not in the person's own country (e.g. UN)

    def covers(self, day: dt.date | None) -> bool:
        """True when the office was held on ``day`` (never when there is no date)."""
        if day is None:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(slots=True)
class Entry:
    """One knowledge-base entry: a country, IGO, organisation, person, sector word or title."""

    id: str
    kind: str  # country | igo | org | person | sector | title
    name: str
    country: str | None = None
    sector: str | None = None
    terms: list[Term] = field(default_factory=list)
    roles: tuple[str, ...] = ()  # for titles: the offices the title word names
    surname: str | None = None
    note: str = ""
    offices: dict[str, tuple[str, ...]] = field(
        default_factory=dict
    )  # countries: title -> roles it names there
    source: str = ""  # where the facts come from ("SATP group profiles", "party's own name")
    active: str = ""  # years active, "1980-" or "1964-2016", when known


@dataclass(slots=True, frozen=True)
class Alias:
    """A surface form of an entry, with how it may match."""

    entry_id: str
    text: str
    form: str  # name | adjective | people | capital | seat | acronym | surname | sector | title | context
    cased: bool = False  # only all-capital or dotted surfaces ("US", "U.S."), never "us"
    ambiguous: bool = False  # a common word: needs capitals, or context in lowercase text
    sector: str | None = None  # overrides the entry's sector (capital -> GOV, Pentagon -> MIL)
    needs: tuple[str, ...] = ()  # valid only when one of these countries is named in the text ("the North")
    local: bool = False  # a namesake's alias ("PLA^" of Manipur): only when the entry's country is in context


@dataclass(slots=True)
class RawKB:
    """Entries and aliases as read from the files, before indexing."""

    entries: dict[str, Entry] = field(default_factory=dict)
    aliases: dict[str, list[Alias]] = field(default_factory=dict)  # by entry id
    sources: list[str] = field(default_factory=list)

    def add_alias(self, alias: Alias) -> None:
        """Add ``alias``; one with the same text and form is replaced (later files win)."""
        have = self.aliases.setdefault(alias.entry_id, [])
        for k, a in enumerate(have):
            if a.text == alias.text and a.form == alias.form:
                have[k] = alias  # a later file refines an alias (marks, sector)
                return
        have.append(alias)


def parse_mark(text: str) -> tuple[str, bool, bool]:
    """Split the marks off an alias: ``"US!"`` -> case-sensitive, ``"Turkey~"`` -> ambiguous."""
    cased = ambiguous = False
    text = str(text).strip()
    while text and text[-1] in "!~":
        if text[-1] == "!":
            cased = True
        else:
            ambiguous = True
        text = text[:-1].rstrip()
    return text, cased, ambiguous


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, "", "present", "now"):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value)
    try:
        if len(text) == 4:
            return dt.date(int(text), 1, 1)
        if len(text) == 7:
            return dt.date(int(text[:4]), int(text[5:7]), 1)
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ActorError(f"{where}: bad date {value!r}; use YYYY-MM-DD", stage="actors") from exc


def read_yaml(path: Path | str, text: str | None = None) -> dict[str, Any]:
    """Parse one actor YAML file.

    Raises:
        ActorError: unreadable file or invalid YAML, naming the file.
    """
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 5x faster
        data = yaml.load(text if text is not None else Path(path).read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise ActorError(f"cannot read actor file {path}: {exc}", stage="actors") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ActorError(f"actor file {path}: top level must be a mapping of sections", stage="actors")
    return data


def load_raw(extra_files: list[Path] | tuple[Path, ...] = (), with_iso: bool = True) -> RawKB:
    """Read pycountry's ISO names, the built-in YAML files and then ``extra_files`` (later wins)."""
    raw = RawKB()
    if with_iso:
        _add_iso(raw)
    pkg = resources.files("tidings.data.actors") if _has_data_pkg() else None
    for name in BUILTIN_FILES:
        if pkg is not None and pkg.joinpath(name).is_file():
            apply(raw, read_yaml(name, pkg.joinpath(name).read_text(encoding="utf-8")), name)
        else:
            path = Path(__file__).resolve().parents[1] / "data" / "actors" / name
            if path.is_file():
                apply(raw, read_yaml(path), name)
    for path in extra_files:
        apply(raw, read_yaml(path), str(path))
    return raw


def _has_data_pkg() -> bool:
    try:
        return resources.files("tidings.data.actors").is_dir()
    except (ModuleNotFoundError, TypeError):
        return False


def _add_iso(raw: RawKB) -> None:
    import pycountry

    for c in pycountry.countries:
        code = c.alpha_3
        names = {c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)}
        raw.entries[f"country.{code}"] = Entry(f"country.{code}", "country",
                                               getattr(c, "common_name", None) or c.name, code)  # fmt: skip
        for name in filter(None, names):
            for variant in _iso_variants(name):
                raw.add_alias(Alias(f"country.{code}", variant, "name"))
    raw.entries["country.KOS"] = Entry("country.KOS", "country", "Kosovo", "KOS")
    raw.sources.append("pycountry")


def _iso_variants(name: str) -> list[str]:
    """ISO writes "Korea, Republic of" and "Iran, Islamic Republic of": also give the natural order."""
    out = [name]
    if ", " in name:
        head, _, tail = name.partition(", ")
        if tail.endswith((" of", " of the")):  # "Congo, The Democratic Republic of the": never plain "Congo"
            out[0] = f"{tail} {head}"
        else:
            out.append(head)
    if "(" in name:
        out.append(name.split("(")[0].strip())
    return out


def apply(raw: RawKB, data: dict[str, Any], source: str) -> None:
    """Merge one parsed YAML document into ``raw`` (entries with a known id are updated)."""
    known = {"countries", "capitals", "igos", "orgs", "people", "sectors", "titles", "not_actors", "remove"}
    unknown = set(data) - known
    if unknown:
        raise ActorError(f"actor file {source}: unknown section(s) {sorted(unknown)}; known: {sorted(known)}",
                         stage="actors")  # fmt: skip
    for code, spec in (data.get("countries") or {}).items():
        _apply_country(raw, str(code), spec or {}, source)
    for code, names in (data.get("capitals") or {}).items():
        entry = _country_entry(raw, str(code))
        for name in names or []:
            text, cased, amb = parse_mark(name)
            raw.add_alias(Alias(entry.id, text, "capital", cased, amb, "GOV"))
    for kind, section in (("igo", "igos"), ("org", "orgs")):
        for spec in data.get(section) or []:
            _apply_org(raw, kind, spec, source)
    for spec in data.get("people") or []:
        _apply_person(raw, spec, source)
    for sector, words in (data.get("sectors") or {}).items():
        entry = raw.entries.setdefault(
            f"sector.{sector}", Entry(f"sector.{sector}", "sector", sector, None, sector)
        )
        for word in words or []:
            text, cased, amb = parse_mark(word)
            raw.add_alias(Alias(entry.id, text, "sector", cased, amb, sector))
    for word, spec in (data.get("titles") or {}).items():
        _apply_title(raw, str(word), spec or {})
    if data.get("not_actors"):
        blocker = raw.entries.setdefault("none", Entry("none", "none", "not an actor"))
        for phrase in data.get("not_actors") or []:
            text, cased, amb = parse_mark(phrase)
            raw.add_alias(Alias(blocker.id, text, "none", cased, amb))
    for entry_id in data.get("remove") or []:
        raw.entries.pop(str(entry_id), None)
        raw.aliases.pop(str(entry_id), None)
    raw.sources.append(source)


def _country_entry(raw: RawKB, code: str) -> Entry:
    entry_id = f"country.{code}"
    if entry_id not in raw.entries:
        raw.entries[entry_id] = Entry(entry_id, "country", code, code)
    return raw.entries[entry_id]


def _apply_country(raw: RawKB, code: str, spec: dict[str, Any], source: str) -> None:
    entry = _country_entry(raw, code)
    if spec.get("name"):
        entry.name = str(spec["name"])
    elif spec.get("names") and entry.name == code:
        entry.name = parse_mark(spec["names"][0])[0]
    for form, key in (("name", "names"), ("adjective", "adjectives"), ("people", "people")):
        for name in spec.get(key) or []:
            text, cased, amb = parse_mark(name)
            # "Libyans", "South Koreans": the population, i.e. civilians, unless a head noun says otherwise.
            raw.add_alias(Alias(entry.id, text, form, cased, amb, "CVL" if form == "people" else None))
    for title, roles in (spec.get("offices") or {}).items():
        entry.offices[str(title).lower()] = tuple(roles or ())
    for name, needs in (spec.get("contextual") or {}).items():
        text, cased, amb = parse_mark(name)
        raw.add_alias(Alias(entry.id, text, "context", cased, amb, None, tuple(needs or ())))
    for name, sector in (spec.get("seats") or {}).items():
        text, cased, amb = parse_mark(name)
        raw.add_alias(Alias(entry.id, text, "seat", cased, amb, str(sector) if sector else None))


def _apply_org(raw: RawKB, kind: str, spec: dict[str, Any], source: str) -> None:
    if "id" not in spec or "name" not in spec:
        raise ActorError(f"actor file {source}: every {kind} needs id and name ({spec!r})", stage="actors")
    entry_id = str(spec["id"])
    country = spec.get("code", spec.get("country"))
    entry = raw.entries.get(entry_id)
    if entry is None:
        entry = Entry(entry_id, kind, str(spec["name"]), country, spec.get("sector"))
        raw.entries[entry_id] = entry
    else:
        entry.name = str(spec["name"])
        entry.country = country if country is not None else entry.country
        entry.sector = spec.get("sector", entry.sector)
    entry.note = str(spec.get("note", entry.note))
    entry.source = str(spec.get("source", entry.source))
    entry.active = str(spec.get("active", entry.active))
    if spec.get("periods"):  # "GOV 2021-08-15 -": the organisation's sector over time (the Taliban)
        entry.terms = []
        for period in spec["periods"]:
            bits = str(period).split()
            end = None if len(bits) < 3 or bits[2] == "-" else _date(bits[2], entry_id)
            entry.terms.append(Term("sector", _date(bits[1], entry_id), end, bits[0]))
    for name in [spec["name"], *(spec.get("aliases") or [])]:
        local = str(name).strip().endswith("^")  # "PLA!^": only where the document is about its country
        text, cased, amb = parse_mark(str(name).strip().rstrip("^"))
        raw.add_alias(Alias(entry_id, text, "acronym" if cased else "name", cased, amb, local=local))


def _apply_person(raw: RawKB, spec: dict[str, Any], source: str) -> None:
    if "id" not in spec or "name" not in spec:
        raise ActorError(f"actor file {source}: every person needs id and name ({spec!r})", stage="actors")
    entry_id = str(spec["id"])
    country = spec.get("country")
    terms = []
    for t in spec.get("terms") or []:
        if isinstance(t, str):  # compact form: "role FROM TO [COUNTRY]", "-" for an open end
            bits = t.split()
            t = {
                "role": bits[0],
                "from": bits[1] if len(bits) > 1 else None,
                "to": None if len(bits) < 3 or bits[2] == "-" else bits[2],
                "country": bits[3] if len(bits) > 3 else None,
            }
        role = str(t.get("role", "official"))
        sector = str(t.get("sector") or ROLE_SECTOR.get(role, "GOV"))
        terms.append(
            Term(role, _date(t.get("from"), entry_id), _date(t.get("to"), entry_id), sector, t.get("country"))
        )
    name = str(spec["name"])
    parts = name.split()
    surname = (
        spec.get("surname") or (parts[0] if country in FAMILY_FIRST else parts[-1])
        if len(parts) > 1
        else None
    )
    previous = raw.entries.get(entry_id)
    entry = Entry(entry_id, "person", name, country, spec.get("sector"), terms or (previous.terms if previous else []),
                  surname=surname, note=str(spec.get("note", "")))  # fmt: skip
    raw.entries[entry_id] = entry
    for alias in [name, *(spec.get("aliases") or [])]:
        text, cased, amb = parse_mark(alias)
        raw.add_alias(Alias(entry_id, text, "name", cased, amb))
    if surname and not spec.get("no_surname"):
        raw.add_alias(Alias(entry_id, str(surname), "surname"))


def _apply_title(raw: RawKB, word: str, spec: dict[str, Any]) -> None:
    text, cased, amb = parse_mark(word)
    entry_id = f"title.{text.lower().replace(' ', '_')}"
    roles = tuple(spec.get("roles") or ())
    entry = Entry(entry_id, "title", text, spec.get("country"), spec.get("sector", "GOV"), roles=roles)
    raw.entries[entry_id] = entry
    raw.add_alias(Alias(entry_id, text, "title", cased, amb, entry.sector))
    for alt in spec.get("aliases") or []:
        t, c, a = parse_mark(alt)
        raw.add_alias(Alias(entry_id, t, "title", c, a, entry.sector))
