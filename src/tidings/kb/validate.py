"""Check a user's actor YAML file (``--actors``) before anything is coded: file, line and reason.

The loader trusts the built-in files (they are tested); a user file is walked node by node here, so a
mistake is reported with the line it is on, not as a stack trace halfway through a corpus.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tidings.errors import ActorFileError

SECTORS: frozenset[str] = frozenset({
    "GOV", "MIL", "COP", "JUD", "SPY", "REB", "OPP", "PTY", "LEG", "CVL", "BUS", "LAB", "AGR", "EDU", "MED", "JRN",
    "REF", "HRI", "REL", "ENV", "CRM", "ELI", "DEV", "PRM", "UAF", "SOC", "PRE", "UNK", "IGO", "NGO", "MNC", "INS",
    "SEP",
})  # fmt: skip
SECTIONS = ("countries", "capitals", "igos", "orgs", "people", "sectors", "titles", "not_actors", "remove")
_ORG_KEYS = frozenset({"id", "name", "country", "code", "sector", "aliases", "note", "periods", "source",
                       "active"})  # fmt: skip
_PERSON_KEYS = frozenset({"id", "name", "country", "sector", "aliases", "terms", "surname", "no_surname", "note",
                          "source"})  # fmt: skip
_COUNTRY_KEYS = frozenset({"name", "names", "adjectives", "people", "offices", "contextual", "seats"})
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
_DATE = re.compile(r"^(?:\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|-|present|now)$")


def check_files(paths: list[Path] | tuple[Path, ...]) -> None:
    """Check every file in ``paths``.

    Raises:
        ActorFileError: the first problem found, with file, line and reason.
    """
    for path in paths:
        check_file(Path(path))


def check_file(path: Path) -> None:
    """Check one actor YAML file (see :func:`check_files`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ActorFileError(str(path), None, f"cannot read the file ({exc})") from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ActorFileError(str(path), line, f"invalid YAML: {problem}") from exc
    if root is None:
        return
    _Checker(str(path)).top(root)


class _Checker:
    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, node: Node, reason: str) -> ActorFileError:
        return ActorFileError(self.path, node.start_mark.line + 1, reason)

    def top(self, root: Node) -> None:
        if not isinstance(root, MappingNode):
            raise self.fail(root, f"the top level must be a mapping of sections ({', '.join(SECTIONS)})")
        for key, value in root.value:
            name = self.scalar(key, "a section name")
            if name not in SECTIONS:
                raise self.fail(key, f"unknown section {name!r}; known: {', '.join(SECTIONS)}")
            if _empty(value):
                continue
            if name in ("igos", "orgs"):
                for item in self.seq(value, name):
                    self.org(item, name)
            elif name == "people":
                for item in self.seq(value, name):
                    self.person(item)
            elif name == "countries":
                for code, spec in self.mapping(value, name):
                    self.code(code)
                    self.country(spec)
            elif name == "capitals":
                for code, names in self.mapping(value, name):
                    self.code(code)
                    self.strings(names, "capital names")
            elif name == "sectors":
                for sector, words in self.mapping(value, name):
                    self.sector(sector)
                    self.strings(words, f"words of sector {sector.value}")
            elif name == "titles":
                for word, spec in self.mapping(value, name):
                    self.scalar(word, "a title word")
                    if not _empty(spec):
                        self.mapping(spec, f"title {word.value!r}")
            else:
                self.strings(value, name)

    def org(self, node: Node, section: str) -> None:
        fields = dict(self.fields(node, f"an entry of {section}", _ORG_KEYS))
        for key in ("id", "name"):
            if key not in fields:
                raise self.fail(node, f"every entry of {section} needs {key!r}")
            self.scalar(fields[key], key)
        for key in ("country", "code"):
            if key in fields and not _empty(fields[key]):
                self.code(fields[key])
        if "sector" in fields and not _empty(fields["sector"]):
            self.sector(fields["sector"])
        if "aliases" in fields and not _empty(fields["aliases"]):
            self.strings(fields["aliases"], "aliases")
        for period in self.seq(fields["periods"], "periods") if "periods" in fields else []:
            bits = self.scalar(period, "a period").split()
            if len(bits) < 2 or bits[0] not in SECTORS:
                raise self.fail(period, f"a period is 'SECTOR FROM [TO]', not {period.value!r}")
            for b in bits[1:3]:
                self.date(period, b)

    def person(self, node: Node) -> None:
        fields = dict(self.fields(node, "a person", _PERSON_KEYS))
        for key in ("id", "name"):
            if key not in fields:
                raise self.fail(node, f"every person needs {key!r}")
            self.scalar(fields[key], key)
        if "country" in fields and not _empty(fields["country"]):
            self.code(fields["country"])
        if "aliases" in fields and not _empty(fields["aliases"]):
            self.strings(fields["aliases"], "aliases")
        for term in self.seq(fields["terms"], "terms") if "terms" in fields else []:
            if isinstance(term, ScalarNode):
                bits = term.value.split()
                if not bits:
                    raise self.fail(term, "an empty term; write 'role FROM TO [COUNTRY]'")
                for b in bits[1:3]:
                    self.date(term, b)
            elif isinstance(term, MappingNode):
                for key, value in term.value:
                    if key.value in ("from", "to") and isinstance(value, ScalarNode) and value.value:
                        self.date(value, value.value)
            else:
                raise self.fail(term, "a term is 'role FROM TO [COUNTRY]' or a mapping with role, from, to")

    def country(self, node: Node) -> None:
        if _empty(node):
            return
        for key, value in self.fields(node, "a country", _COUNTRY_KEYS):
            if key in ("names", "adjectives", "people") and not _empty(value):
                self.strings(value, key)

    # -- primitives ---------------------------------------------------------------------------------
    def scalar(self, node: Node, what: str) -> str:
        if not isinstance(node, ScalarNode) or node.value == "":
            raise self.fail(node, f"expected {what} (a plain value)")
        return str(node.value)

    def seq(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    def mapping(self, node: Node, what: str) -> list[tuple[Node, Node]]:
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        return list(node.value)

    def fields(self, node: Node, what: str, known: frozenset[str]) -> list[tuple[str, Node]]:
        out = []
        for key, value in self.mapping(node, what):
            name = self.scalar(key, "a field name")
            if name not in known:
                raise self.fail(key, f"unknown field {name!r} in {what}; known: {', '.join(sorted(known))}")
            out.append((name, value))
        return out

    def strings(self, node: Node, what: str) -> None:
        for item in self.seq(node, what):
            self.scalar(item, f"a string in {what}")

    def code(self, node: Node) -> None:
        value = self.scalar(node, "a country or organisation code")
        if not _CODE.match(value):
            raise self.fail(node, f"{value!r} is not a code: use ISO 3166 alpha-3 (IND) or an IGO code (UNO)")

    def sector(self, node: Node) -> None:
        value = self.scalar(node, "a sector code")
        if value not in SECTORS:
            raise self.fail(node, f"unknown sector {value!r}; use a PLOVER sector such as "
                                  f"{', '.join(sorted(SECTORS)[:12])}, ...")  # fmt: skip

    def date(self, node: Node, value: str) -> None:
        if not _DATE.match(value):
            raise self.fail(node, f"bad date {value!r}; use YYYY, YYYY-MM or YYYY-MM-DD ('-' for open)")
        if len(value) == 10:
            try:
                dt.date.fromisoformat(value)
            except ValueError as exc:
                raise self.fail(node, f"bad date {value!r}: {exc}") from exc


def _empty(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")
