"""The model's attribute-ruler rules, applied by table lookup instead of spaCy's Matcher (same output).

spaCy's ``attribute_ruler`` (tag map, morph rules and exceptions: 179 patterns in the English pipelines)
runs its whole pattern set through the Matcher for every token; on real news that took ~16% of the spaCy
time, nearly as much as the parser (docs/scale.md). Nearly all of its patterns look at one token only
(its TAG, LOWER, DEP and IS_SPACE), so what they set on a token is a function of those four values:
:class:`FastAttributeRules` computes it once per distinct combination and keeps it in a table. The few
patterns that span two tokens still go through a Matcher of their own. Matches are applied in the ruler's
order (a later pattern overrides an earlier one, as in spaCy's ``AttributeRuler.match``) with spaCy's own
``set_token_attrs``, so every token gets the same POS, MORPH, LEMMA, TAG and DEP as with the stock
component (tested on real articles in ``tests/integration/test_attribute_rules.py``).

A pattern this module cannot evaluate (another attribute, another operator) makes :func:`install` keep
the stock component.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_Key = tuple[int, int, int, int]
_Hits = tuple[tuple[int, dict[Any, Any]], ...]


def _predicate(value: Any) -> Callable[[Any], bool] | None:
    """A test on one token value, with the Matcher's meaning of ``value`` (None: not supported)."""
    if isinstance(value, (str, bool)):
        return lambda got: bool(got == value)
    if not isinstance(value, dict) or len(value) != 1:
        return None
    (op, arg), = value.items()
    if op in ("IN", "NOT_IN"):
        members = set(arg)
        return (lambda got: got in members) if op == "IN" else (lambda got: got not in members)
    if op == "REGEX":
        rx = re.compile(arg)
        return lambda got: isinstance(got, str) and rx.search(got) is not None
    return None


class FastAttributeRules:
    """Apply the patterns of a spaCy ``AttributeRuler`` by table lookup; same results as the ruler.

    Args:
        ruler: the model's ``attribute_ruler`` component (its patterns, attributes and indices are read).

    Raises:
        ValueError: a pattern uses an attribute or operator this class does not evaluate.
    """

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.vocab = ruler.vocab
        self._single: list[tuple[int, dict[str, Callable[[Any], bool]], dict[Any, Any]]] = []
        self._specs: list[dict[str, Any]] = []
        self._multi = Matcher(self.vocab, validate=False)
        self._multi_ids: dict[int, int] = {}
        rules = _ruler_rules(ruler)
        for pid, (patterns, attrs, index) in enumerate(rules):
            for pattern in patterns:
                if len(pattern) == 1 and index in (0, -1):
                    self._single.append((pid, _token_test(pattern[0]), attrs))
                    self._specs.append(pattern[0])
                else:
                    key = self.vocab.strings.add(f"tidings_ar_{pid}")
                    self._multi_ids[key] = pid
                    self._multi.add(key, [pattern])
        self._indices = [index for _, _, index in rules]
        self._attrs = [attrs for _, attrs, _ in rules]
        self._table: dict[_Key, _Hits] = {}
        # Patterns by the literal TAG or LOWER they require, so a new table row tests only a few of them.
        self._by_tag: dict[str, list[int]] = {}
        self._by_lower: dict[str, list[int]] = {}
        self._other: list[int] = []
        for k, (_, tests, _) in enumerate(self._single):
            spec = self._specs[k]
            if isinstance(spec.get("TAG"), str):
                self._by_tag.setdefault(spec["TAG"], []).append(k)
            elif isinstance(spec.get("LOWER"), str):
                self._by_lower.setdefault(spec["LOWER"], []).append(k)
            else:
                self._other.append(k)
        # Most words are named by no pattern: their LOWER is left out of the table key (else the table
        # would grow with the vocabulary and each new word would be tested against every pattern).
        self._lower_named: set[int] = set()
        self._lower_regex: list[re.Pattern[str]] = []
        self._every_lower = False
        for spec in self._specs:
            value = spec.get("LOWER")
            if isinstance(value, str):
                self._lower_named.add(self.vocab.strings.add(value))
            elif isinstance(value, dict) and "IN" in value:
                self._lower_named |= {self.vocab.strings.add(v) for v in value["IN"]}
            elif isinstance(value, dict) and "REGEX" in value:
                self._lower_regex.append(re.compile(value["REGEX"]))
            elif value is not None:
                self._every_lower = True
        self._lower_key: dict[int, int] = {}

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        if not len(doc):
            return doc
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        extra = self._multi_hits(doc)
        for i, row in enumerate(rows):
            if not self._every_lower and row[1] not in self._lower_named:
                lower = self._lower_key.get(row[1])
                row[1] = self._other_lower(row[1]) if lower is None else lower
            hits = self._table.get(key := tuple(row))  # type: ignore[arg-type]
            if hits is None:
                hits = self._table[key] = self._lookup(key)  # type: ignore[arg-type]
            if i in extra:
                hits = tuple(sorted((*hits, *extra[i]), key=lambda h: h[0]))
            if hits:
                token = doc[i]
                for _, attrs in hits:
                    set_token_attrs(token, attrs)
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        """Apply the rules to each Doc of ``docs`` (spaCy's component protocol)."""
        for doc in docs:
            yield self(doc)

    def _other_lower(self, lower: int) -> int:
        """The table key's LOWER for a word no pattern names: 0, unless a REGEX pattern matches it."""
        text = self.vocab.strings[lower] if lower else ""
        key = lower if any(rx.search(text) for rx in self._lower_regex) else 0
        self._lower_key[lower] = key
        return key

    def _lookup(self, key: _Key) -> _Hits:
        """The single-token patterns that match a token with these TAG, LOWER, DEP, IS_SPACE values.

        LOWER 0 stands for any word no pattern names (its value None matches no LOWER test).
        """
        strings = self.vocab.strings
        values = {"TAG": strings[key[0]] if key[0] else "", "LOWER": strings[key[1]] if key[1] else None,
                  "DEP": strings[key[2]] if key[2] else "", "IS_SPACE": bool(key[3])}  # fmt: skip
        tag, lower = values["TAG"], values["LOWER"] or ""
        candidates = sorted({*self._by_tag.get(tag, ()), *self._by_lower.get(lower, ()), *self._other})
        return tuple((pid, attrs) for k in candidates
                     for pid, tests, attrs in (self._single[k],)
                     if all(test(values[name]) for name, test in tests.items()))  # fmt: skip

    def _multi_hits(self, doc: Any) -> dict[int, list[tuple[int, dict[Any, Any]]]]:
        """Token index -> (pattern number, attributes) of the multi-token patterns matched in ``doc``."""
        out: dict[int, list[tuple[int, dict[Any, Any]]]] = {}
        if not len(self._multi):
            return out
        for match_id, start, end in self._multi(doc, allow_missing=True):
            pid = self._multi_ids[match_id]
            index = self._indices[pid]
            i = (start if index >= 0 else end) + index
            if not start <= i < end:
                raise ValueError(f"attribute-ruler pattern {pid}: index {index} outside its match")
            out.setdefault(i, []).append((pid, self._attrs[pid]))
        return out


def _ruler_rules(ruler: Any) -> list[tuple[list[Any], dict[Any, Any], int]]:
    """(patterns, attributes as spaCy sets them, index) of every rule of ``ruler``, in its order."""
    # The ruler adds rule i to its Matcher under the key str(i) (AttributeRuler.add).
    return [(ruler.matcher.get(str(i))[1], attrs, ruler.indices[i]) for i, attrs in enumerate(ruler.attrs)]


def _token_test(spec: dict[str, Any]) -> dict[str, Callable[[Any], bool]]:
    tests = {}
    for name, value in spec.items():
        test = _predicate(value)
        if name not in _FEATURES or test is None:
            raise ValueError(f"attribute-ruler pattern on {name}={value!r} is not supported")
        tests[name] = test
    return tests


_FACTORY = "tidings_fast_attribute_rules"


def install(nlp: Any, name: str = "attribute_ruler") -> bool:
    """Apply ``nlp``'s attribute ruler ``name`` by table lookup from now on (same name, same place).

    Returns:
        False when ``nlp`` has no such component or a pattern is not supported (the stock one stays).
    """
    from spacy.language import Language

    if name not in nlp.pipe_names:
        return False
    try:
        FastAttributeRules(nlp.get_pipe(name))
    except ValueError:
        return False
    if not Language.has_factory(_FACTORY):
        Language.factory(_FACTORY, default_config={"source": name}, func=_make)
    nlp.add_pipe(_FACTORY, name=f"{name}.fast", before=name, config={"source": name})
    nlp.remove_pipe(name)
    nlp.rename_pipe(f"{name}.fast", name)
    return True


def _make(nlp: Any, name: str, source: str) -> FastAttributeRules:
    """spaCy factory: the rules of the pipeline's component ``source``."""
    return FastAttributeRules(nlp.get_pipe(source))
