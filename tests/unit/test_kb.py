"""Knowledge-base pieces: alias marks, tokenising, the compiled index, offices over time, fuzzy names."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.errors import ActorError
from tidings.kb import get_kb
from tidings.kb.fuzzy import fuzzy_person
from tidings.kb.loader import RawKB, apply, parse_mark
from tidings.kb.people import standing
from tidings.kb.text import alias_key, is_lowercase_text, looks_cased, tokenize


@pytest.mark.parametrize(("raw", "expected"), [
    ("US!", ("US", True, False)), ("Turkey~", ("Turkey", False, True)), ("Seoul", ("Seoul", False, False)),
    ("Congress!~", ("Congress", True, True)),
])  # fmt: skip
def test_kb_parse_mark_reads_case_and_ambiguity_marks(raw: str, expected: tuple[str, bool, bool]) -> None:
    assert parse_mark(raw) == expected


def test_kb_alias_key_ignores_hyphens_accents_and_dots() -> None:
    assert alias_key("Kim Jong-un") == alias_key("Kim Jong Un") == ("kim", "jong", "un")
    assert alias_key("Côte d'Ivoire") == ("cote", "d", "ivoire")
    assert alias_key("U.S.") == ("us",)


def test_kb_tokenize_keeps_offsets() -> None:
    text = "Seoul's U.S.-led talks"
    toks = tokenize(text)
    assert [t.text for t in toks] == ["Seoul", "s", "U.S.", "led", "talks"]
    assert all(text[t.start : t.end] == t.text for t in toks)


def test_kb_looks_cased_accepts_capitals_and_dots_not_the_pronoun() -> None:
    assert looks_cased("US") and looks_cased("U.S.") and looks_cased("u.s.")
    assert not looks_cased("us") and not looks_cased("Us")


def test_kb_lowercase_detection() -> None:
    assert is_lowercase_text("ahmedabad: the police fired tear gas on a mob.")
    assert not is_lowercase_text("Ahmedabad: The police fired tear gas.")


def test_kb_index_has_every_iso_country() -> None:
    import pycountry

    kb = get_kb()
    missing = [c.alpha_3 for c in pycountry.countries if f"country.{c.alpha_3}" not in kb.entries]
    assert missing == []
    assert "country.KOS" in kb.entries


def test_kb_iso_inverted_names_are_indexed_in_natural_order() -> None:
    kb = get_kb()
    aliases = kb.by_key[alias_key("Republic of Korea")]
    assert any(a.entry_id == "country.KOR" for a in aliases)


def test_kb_scan_prefers_the_longest_alias() -> None:
    kb = get_kb()
    text = "Papua New Guinea and Equatorial Guinea"
    found = kb.scan(tokenize(text), False, text)
    assert [(m.text, m.entry.country) for m in found] == [
        ("Papua New Guinea", "PNG"),
        ("Equatorial Guinea", "GNQ"),
    ]


def test_kb_scan_lets_a_longer_alias_inside_win() -> None:
    kb = get_kb()
    text = "the South Korean navy"
    found = kb.scan(tokenize(text), False, text)
    assert found[0].text == "South Korean"


def test_kb_standing_uses_the_office_held_on_the_date() -> None:
    kb = get_kb()
    putin = kb.entries["rus.putin"]
    assert standing(putin, dt.date(2010, 1, 1)).role == "head_of_government"
    assert standing(putin, dt.date(2022, 1, 1)).role == "head_of_state"


def test_kb_standing_out_of_office_is_former_elite() -> None:
    kb = get_kb()
    st = standing(kb.entries["usa.obama"], dt.date(2020, 1, 1))
    assert (st.role, st.sector, st.country) == ("former", "ELI", "USA")


def test_kb_term_end_is_the_first_day_out_of_office() -> None:
    kb = get_kb()
    day = dt.date(2022, 5, 10)  # inauguration day: the new president, not both
    holders = kb.holders("KOR", ("head_of_state",), day)
    assert [p.id for p, _ in holders] == ["kor.yoon_suk_yeol"]


def test_kb_fuzzy_person_matches_transliteration_variants() -> None:
    kb = get_kb()
    for variant in ("Kim Jongun", "Kim Jong-eun"):
        hits = fuzzy_person(kb, tokenize(variant))
        assert hits and hits[0][0] == "prk.kim_jong_un"
    assert fuzzy_person(kb, tokenize("Kim Chi")) == []


def test_kb_apply_rejects_unknown_sections() -> None:
    with pytest.raises(ActorError, match="unknown section"):
        apply(RawKB(), {"peple": []}, "user.yaml")


def test_kb_apply_requires_person_id_and_name() -> None:
    with pytest.raises(ActorError, match="needs id and name"):
        apply(RawKB(), {"people": [{"name": "No Id"}]}, "user.yaml")


def test_kb_bad_term_date_names_the_entry() -> None:
    with pytest.raises(ActorError, match="x.person"):
        apply(
            RawKB(), {"people": [{"id": "x.person", "name": "A B", "terms": ["minister 2020-13-45 -"]}]}, "f"
        )


def test_kb_alias_never_spans_a_full_stop_or_line_break() -> None:
    kb = get_kb()
    for text in ("It was the military. Officials said so.", "the military\nofficials"):
        found = kb.scan(tokenize(text), False, text)
        assert all("\n" not in m.text and ". " not in m.text for m in found)
    text = "Officials in Washington, D.C. said"
    assert any(m.text == "Washington, D.C." for m in kb.scan(tokenize(text), False, text))
