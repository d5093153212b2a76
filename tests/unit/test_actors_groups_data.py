"""The armed-group, criminal-organisation and party files (issue 12): schema, ids, sources, alias guards."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pycountry
import pytest
import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from tidings.kb.loader import BUILTIN_FILES, RawKB, load_raw, parse_mark
from tidings.kb.text import alias_key
from tidings.kb.validate import SECTORS, check_file

DATA = Path(__file__).resolve().parents[2] / "src" / "tidings" / "data" / "actors"
GROUP_FILES = ("groups_south_asia.yaml", "groups_latin_america.yaml", "groups_middle_east_africa.yaml",
               "groups_europe_asia.yaml", "parties.yaml")  # fmt: skip
# Acronyms and names that are also ordinary English (or Spanish) words: they must carry "~", so lowercase
# text needs the organisation's country named before they count.
WORDISH: frozenset[str] = frozenset({
    "pan", "mas", "cam", "mir", "pac", "far", "gana", "arena", "mud", "une", "fal", "cv", "pt", "hum", "bra",
    "ana", "lem", "aff", "kia", "rab", "alp", "jud", "im", "aa", "hm", "sog", "ssa", "udi", "plc", "tcp", "libre",
    "plaid", "vox", "fact", "sad", "aap", "bap", "mit", "tip", "pad", "pas", "pap", "gam", "tmc", "labour", "tory",
    "cadres", "outfits", "national action", "move forward", "national conference",
})  # fmt: skip
EXTRA_CODES = {"KOS", "IMG"}


@lru_cache(maxsize=1)
def _orgs() -> list[tuple[str, dict[str, object]]]:
    out = []
    for name in GROUP_FILES:
        for spec in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["orgs"]:
            out.append((name, spec))
    return out


@lru_cache(maxsize=1)
def _raw() -> RawKB:
    return load_raw()


def test_group_files_are_registered_in_the_loader() -> None:
    assert set(GROUP_FILES) <= set(BUILTIN_FILES)


@pytest.mark.parametrize("name", BUILTIN_FILES)
def test_every_builtin_file_passes_the_user_file_checks(name: str) -> None:
    check_file(DATA / name)


def test_at_least_600_new_organisations_with_schema() -> None:
    new = [(f, s) for f, s in _orgs() if not str(s["id"]).startswith("org.")]  # org.* entries only add forms
    assert len(new) >= 600
    codes = {c.alpha_3 for c in pycountry.countries} | EXTRA_CODES
    for _file, spec in _orgs():
        assert {"id", "name", "country", "sector", "source"} <= set(spec), spec
        assert spec["country"] in codes, spec
        assert spec["sector"] in SECTORS, spec
        assert str(spec["source"]).strip(), spec
        if "active" in spec:
            assert re.fullmatch(r"\d{4}-(\d{4})?", str(spec["active"])), spec


def test_every_region_and_sector_is_covered() -> None:
    by_country: dict[str, int] = defaultdict(int)
    sectors: set[str] = set()
    for _f, spec in _orgs():
        by_country[str(spec["country"])] += 1
        sectors.add(str(spec["sector"]))
    for code in ("IND", "PAK", "BGD", "NPL", "LKA", "AFG", "COL", "MEX", "SLV", "GTM", "HND", "NIC", "PER", "VEN",
                 "BRA", "GBR", "IRQ", "SYR", "NGA", "COD", "PHL", "MMR"):
        assert by_country[code] >= 2, code
    assert {"REB", "PRM", "CRM", "PTY", "OPP"} <= sectors


def test_ids_are_unique_across_every_file() -> None:
    seen: dict[str, str] = {}
    for name in BUILTIN_FILES:
        data = yaml.safe_load((DATA / name).read_text(encoding="utf-8")) or {}
        for section in ("orgs", "igos", "people"):
            for spec in data.get(section) or []:
                key = str(spec["id"])
                if key.startswith("org.") and name == "parties.yaml":
                    continue  # more forms of an organisation defined in orgs.yaml
                assert key not in seen, f"{key} in {name} and {seen[key]}"
                seen[key] = name


def test_aliases_do_not_collide_with_country_names() -> None:
    raw = _raw()
    countries = {eid for eid, e in raw.entries.items() if e.kind == "country"}
    country_keys = {alias_key(a.text) for eid in countries for a in raw.aliases.get(eid, [])}
    for _f, spec in _orgs():
        for alias in [spec["name"], *(spec.get("aliases") or [])]:  # type: ignore[misc]
            text = parse_mark(str(alias).rstrip("^"))[0]
            assert alias_key(text) not in country_keys, (spec["id"], alias)


def test_common_words_are_marked_and_stop_words_are_never_aliases() -> None:
    for _f, spec in _orgs():
        for alias in spec.get("aliases") or []:  # type: ignore[union-attr]
            raw = str(alias).rstrip("^")
            text, _cased, ambiguous = parse_mark(raw)
            key = " ".join(alias_key(text))
            assert key not in STOP_WORDS, (spec["id"], alias)
            if key in WORDISH:
                assert ambiguous, f"{spec['id']}: '{alias}' is also a common word; mark it with ~"


def test_namesakes_across_entries_are_marked_local() -> None:
    """Two organisations sharing an alias is a tie; allowed only when one side is local (``^``)."""
    raw = _raw()
    owners: dict[tuple[str, ...], set[tuple[str, bool]]] = defaultdict(set)
    for eid, als in raw.aliases.items():
        entry = raw.entries.get(eid)
        if entry is not None and entry.kind in ("org", "igo"):
            for a in als:
                owners[alias_key(a.text)].add((eid, a.local))
    new = {str(s["id"]) for _f, s in _orgs()}
    for key, who in owners.items():
        ids = {e for e, _ in who}
        if len(ids) > 1 and ids & new:
            assert any(local for _, local in who), (key, ids)
