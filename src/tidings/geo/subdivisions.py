"""First- and second-level administrative units (ISO 3166-2, from pycountry) as gazetteer rows.

pycountry ships every ISO 3166-2 subdivision with its name (in the country's own romanisation: "Ghaznī",
"Khersonska oblast"), type (Province, District, Oblast ...), country and, for second-level units, the parent
code. There are no coordinates: a unit takes the point of the most populous GeoNames town of the same name in
its country (provinces are often named after their seat: Kunduz, Idlib, Kherson), else it has no point and an
event placed there keeps only its name and country.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# One-word unit names that are ordinary English words or directions ("Central", "Delta", "Lakes"): after "in"
# they are far more often something else.
_COMMON = frozenset({
    "central", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "capital",
    "centre", "center", "delta", "lakes", "coast", "upper", "lower", "island", "islands", "city", "north-east",
    "north-west", "south-east", "south-west", "northeast", "northwest", "southeast", "southwest", "middle",
    "plateau", "mountain", "valley", "river", "littoral", "interior", "federal", "national", "border", "sea",
    "harbour",
})  # fmt: skip
_TYPE_WORDS = re.compile(
    r"\s+(?:oblast|oblasti|raion|rayon|governorate|province|prefecture|district|region|county|state|municipality)$",
    re.IGNORECASE,
)
ADMIN1_POPULATION = 100_000  # a weight for scoring only (ISO 3166-2 has no populations)
ADMIN2_POPULATION = 20_000


@dataclass(slots=True, frozen=True)
class Subdivision:
    """One ISO 3166-2 unit: code, ISO name, names to index, possible seat names (the town a unit may be
    named after, tried in order), type, country (alpha-2) and level (1 or 2)."""

    code: str
    name: str
    names: tuple[str, ...]
    seats: tuple[str, ...]
    type: str
    country2: str
    level: int


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def iter_subdivisions() -> Iterator[Subdivision]:
    """Every ISO 3166-2 subdivision worth indexing, with the names news would write for it."""
    import pycountry

    for sub in pycountry.subdivisions:
        name = str(sub.name)
        plain = _fold(name).replace("'", "").replace("`", "")
        if len(plain) <= 3 or (" " not in plain and plain.lower() in _COMMON):
            continue
        kind = str(sub.type)
        stem = _TYPE_WORDS.sub("", name.rstrip("'’"))
        names = {name, stem, f"{stem} {kind}"}
        seats = [stem]
        if "oblast" in name.lower() and len(stem) > 6 and stem.lower().endswith("a"):
            # Ukrainian and Russian adjectival forms: "Khersonska oblast" -> Kherson, "Donetska oblast" ->
            # Donetsk, "Kurskaya oblast'" -> Kursk; which one is right is settled by the towns of the country
            seats = [stem[:-3], stem[:-1], stem[:-2] if stem.lower().endswith("ya") else stem[:-1], stem]
            for base in seats[:3]:
                names |= {f"{base} Oblast", f"{base} region"}
        level = 2 if getattr(sub, "parent_code", None) else 1
        yield Subdivision(str(sub.code), name, tuple(sorted(n for n in names if n.strip())),
                          tuple(dict.fromkeys(seats)), kind, str(sub.country_code), level)  # fmt: skip


def seat_points(cities: list[tuple[str, str, str, float, float, int, tuple[str, ...]]],
                ) -> dict[tuple[str, str], tuple[float, float]]:  # fmt: skip
    """(country alpha-2, normalised name) -> the point of the most populous town of that name."""
    best: dict[tuple[str, str], tuple[int, float, float]] = {}
    for _gid, _name, cc, lat, lon, pop, keys in cities:
        key = (cc, keys[0])
        if key not in best or pop > best[key][0]:
            best[key] = (pop, lat, lon)
    return {k: (v[1], v[2]) for k, v in best.items()}
