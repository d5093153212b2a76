"""The event lexicon: loading, validation, user overrides, CAMEO consistency."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tidings.coding.lexicon import cameo_type, load_lexicon
from tidings.errors import CodingError
from tidings.model import PLOVER_TYPES


def test_lexicon_builtin_loads_verbs_nouns_and_lists() -> None:
    lex = load_lexicon()
    assert lex.verbs["attack"].type == "ASSAULT"
    assert lex.verbs["call on"].type == "REQUEST"
    assert lex.nouns["invasion"].type == "ASSAULT"
    assert "say" in lex.speech and "launch" in lex.light_verbs
    assert lex.modal_kind("may") == "epistemic" and lex.modal_kind("will") == "future"
    assert all(e.type in (*PLOVER_TYPES, "NONE") for e in [*lex.verbs.values(), *lex.nouns.values()])


def test_lexicon_verb_entries_longest_first() -> None:
    keys = [e.key for e in load_lexicon().verb_entries("call")]
    assert keys.index("call on") < keys.index("call")


@pytest.mark.parametrize(("code", "expected"), [
    ("190", "ASSAULT"), ("0841", "RETREAT"), ("081", "CONCEDE"), ("163", "COERCE"), ("16", "SANCTION"),
    ("1712", "ASSAULT"), ("192", "COERCE"), ("042", "CONSULT"),
])  # fmt: skip
def test_lexicon_cameo_type(code: str, expected: str) -> None:
    assert cameo_type(code) == expected


def test_lexicon_codes_agree_with_shared_table(shared_dir: Path) -> None:
    table = shared_dir / "gold" / "cameo_to_plover.tsv"
    if not table.exists():
        pytest.skip("cameo_to_plover.tsv absent")
    rows = {r["cameo_code"]: r["plover_type"] for r in csv.DictReader(table.open(encoding="utf-8"), delimiter="\t")}
    lex = load_lexicon()
    bad = []
    for entry in [*lex.verbs.values(), *lex.nouns.values()]:
        if entry.cameo is None or entry.type == "NONE":
            continue
        code = entry.cameo
        found = rows.get(code) or rows.get(code[:3]) or rows.get(code[:2])
        if found != entry.type:
            bad.append((entry.key, code, entry.type, found))
    assert bad == []


def test_lexicon_user_file_overrides_and_adds(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("verbs:\n  attack: {type: THREATEN, cameo: '138'}\n  snub: {type: REJECT}\n", encoding="utf-8")
    lex = load_lexicon([extra])
    assert lex.verbs["attack"].type == "THREATEN"
    assert lex.verbs["snub"].source_file == str(extra)
    assert load_lexicon().verbs["attack"].type == "ASSAULT"  # the built-in one is untouched


@pytest.mark.parametrize("body", [
    "verbs:\n  snub: {type: SNUB}\n",
    "verbs:\n  snub: {type: REJECT, cameo: '190'}\n",
    "verbs:\n  snub: REJECT\n",
    "verbs:\n  snub: {type: REJECT, complement: sometimes}\n",
    "- a list\n",
])  # fmt: skip
def test_lexicon_invalid_entry_raises(tmp_path: Path, body: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(CodingError):
        load_lexicon([bad])


def test_lexicon_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(CodingError, match="cannot read"):
        load_lexicon([tmp_path / "nope.yaml"])
