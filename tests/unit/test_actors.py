"""Actor resolution rule by rule: composition, capitals, people over time, titles, ties, fuzzy, guards."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tidings.model import Document
from tidings.stages.actors import ActorStage, lookup, resolve_phrase

D = dt.date


def first(text: str, date: dt.date | None = None, context: str | None = None):
    found = lookup(text, date, context)
    assert found, f"nothing resolved for {text!r}"
    return found[0]


def code(text: str, date: dt.date | None = None, context: str | None = None) -> tuple:
    r = first(text, date, context)
    return (r.actor.country, r.actor.sector) if r.actor else (None, None)


@pytest.mark.parametrize(("text", "expected"), [
    ("the South Korean military", ("KOR", "MIL")), ("Chinese state media", ("CHN", "JRN")),
    ("China's foreign ministry", ("CHN", "GOV")), ("NATO troops", ("NATO", "MIL")),
    ("Indian police", ("IND", "COP")), ("police officials", (None, "COP")),
    ("the Korean People's Army", ("PRK", "MIL")), ("the Workers' Party of Korea", ("PRK", "PTY")),
])  # fmt: skip
def test_actors_compose_country_and_sector(text: str, expected: tuple) -> None:
    assert code(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Seoul", ("KOR", "GOV")), ("Pyongyang", ("PRK", "GOV")), ("the Kremlin", ("RUS", "GOV")),
    ("the Pentagon", ("USA", "MIL")), ("White House", ("USA", "GOV")), ("North Korea", ("PRK", None)),
])  # fmt: skip
def test_actors_capitals_are_governments_and_names_have_no_sector(text: str, expected: tuple) -> None:
    assert code(text) == expected


def test_actors_capital_step_is_readable() -> None:
    assert first("Seoul").steps == ["'Seoul' capital of KOR -> KOR GOV"]


def test_actors_sector_noun_alone_has_no_country() -> None:
    r = first("protesters")
    assert (r.actor.country, r.actor.sector, r.actor.kind) == (None, "CVL", "sector")


def test_actors_conjunction_gives_first_and_lists_the_rest() -> None:
    r = first("the US and Japan")
    assert r.actor.country == "USA"
    assert [c.country for c in r.candidates] == ["JPN"]
    assert any("conjunct" in s for s in r.steps)


def test_actors_person_role_depends_on_date() -> None:
    r = first("Kim Jong Un", D(2022, 9, 9))
    assert (r.actor.country, r.actor.sector, r.actor.role, r.actor.actor_id) == (
        "PRK",
        "GOV",
        "head_of_state",
        "prk.kim_jong_un",
    )


def test_actors_person_out_of_office_is_former() -> None:
    r = first("Donald Trump", D(2022, 11, 15))
    assert (r.actor.sector, r.actor.role) == ("ELI", "former")


@pytest.mark.parametrize(
    ("date", "person"), [(D(2022, 3, 1), "kor.moon_jae_in"), (D(2022, 9, 1), "kor.yoon_suk_yeol")]
)
def test_actors_title_with_country_resolves_to_holder_on_date(date: dt.date, person: str) -> None:
    r = first("the South Korean president", date)
    assert (r.actor.country, r.actor.sector, r.actor.actor_id) == ("KOR", "GOV", person)


def test_actors_leader_means_the_head_of_government_in_parliamentary_systems() -> None:
    assert first("the Israeli leader", D(2021, 8, 26)).actor.actor_id == "isr.bennett"
    assert first("the Soviet leader", D(1962, 10, 26)).actor.actor_id == "rus.khrushchev"


def test_actors_title_plus_surname() -> None:
    r = first("President Biden", D(2022, 1, 1))
    assert r.actor.actor_id == "usa.biden"
    assert any("title + surname" in s for s in r.steps)


def test_actors_surname_after_full_name_in_same_text() -> None:
    r = first("Kim", D(2022, 3, 24), "Kim Jong Un watched the launch. Kim later praised the scientists.")
    assert r.actor.actor_id == "prk.kim_jong_un"


def test_actors_common_surname_alone_is_not_resolved() -> None:
    assert lookup("Kim", D(2022, 3, 24)) == []


def test_actors_tie_within_one_country_gives_the_country_not_the_person() -> None:
    r = first("President Bush", D(2022, 6, 1))  # neither Bush in office then
    assert (r.actor.country, r.actor.sector, r.actor.actor_id) == ("USA", "GOV", None)
    assert {c.actor_id for c in r.candidates} == {"usa.bush41", "usa.bush43"}
    assert any("ambiguous" in s for s in r.steps)


def test_actors_tie_across_countries_leaves_actor_unset_with_candidates() -> None:
    r = first("President Johnson", D(2040, 1, 1))  # Lyndon B. Johnson (USA) or Boris Johnson (GBR)
    assert r.actor is None
    assert {c.actor_id for c in r.candidates} == {"usa.lbj", "gbr.johnson"}


def test_actors_lone_surname_of_a_minor_or_long_gone_figure_is_not_guessed() -> None:
    assert lookup("Malik", D(2023, 3, 13), "Police detained Malik on Tuesday.") == []
    assert lookup("Tanaka", D(2023, 3, 13), "Tanaka, a fisherman, said the sea was calm.") == []
    assert first("Trump", D(2022, 11, 15)).actor.role == "former"  # left office less than ten years before


@pytest.mark.parametrize("variant", ["Kim Jongun", "Kim Jong-un", "Kim Jong-eun"])
def test_actors_fuzzy_and_transliteration_variants(variant: str) -> None:
    assert first(variant, D(2020, 5, 1)).actor.actor_id == "prk.kim_jong_un"


@pytest.mark.parametrize(("sentence", "word"), [
    ("she served tea in fine china cups.", "china"), ("they roasted a turkey for the holiday.", "turkey"),
    ("chad and his friends went fishing.", "chad"), ("jordan scored twice in the final.", "jordan"),
    ("the guinea pig escaped.", "guinea"), ("he told us nothing.", "us"),
])  # fmt: skip
def test_actors_lowercase_common_words_are_guarded(sentence: str, word: str) -> None:
    assert lookup(word, D(2002, 3, 5), sentence) == []


@pytest.mark.parametrize(("sentence", "word", "country"), [
    ("troops were sent to china last week.", "china", "CHN"),
    ("the minister flew to turkey for talks with syria.", "turkey", "TUR"),
    ("georgia and armenia signed a deal.", "georgia", "GEO"),
    ("the u.s. condemned the attack.", "u.s.", "USA"),
])  # fmt: skip
def test_actors_lowercase_ambiguous_words_need_context(sentence: str, word: str, country: str) -> None:
    r = first(word, D(2002, 3, 5), sentence)
    assert r.actor.country == country
    assert any("accepted" in s for s in r.steps) or word == "u.s."


def test_actors_capitalised_name_beside_another_name_is_a_person() -> None:
    assert lookup("Jordan", None, "Michael Jordan scored.") == []
    assert first("Jordan", None, "King Abdullah of Jordan spoke.").actor.country == "JOR"


def test_actors_the_north_needs_korean_context() -> None:
    assert code("the North", None, "South Korea said the North fired two missiles.") == ("PRK", None)
    assert lookup("the north", None, "Rain fell across the north of the country.") == []


def _doc(text: str, published: dt.date | None = None) -> Document:
    return Document(Document.make_id(text), text, published=published)


def test_actors_stage_mentions_are_sorted_and_do_not_overlap() -> None:
    doc = _doc("North Korean leader Kim Jong Un met Russian President Vladimir Putin while Seoul and Tokyo "
               "protested and UN officials watched.", D(2023, 9, 13))  # fmt: skip
    ActorStage()(doc)
    spans = [(m.start, m.end) for m in doc.mentions]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    texts = [m.text for m in doc.mentions]
    assert texts[:2] == ["North Korean leader Kim Jong Un", "Russian President Vladimir Putin"]
    assert doc.mentions[0].actor.actor_id == "prk.kim_jong_un"


def test_actors_stage_uses_publication_date() -> None:
    doc = _doc("The Japanese prime minister spoke.", D(2020, 8, 28))
    ActorStage()(doc)
    assert doc.mentions[0].actor.actor_id == "jpn.abe"


def test_actors_resolve_phrase_with_head_picks_the_head_group() -> None:
    text = "Protesters in Seoul clashed with police."
    doc = _doc(text)
    ActorStage()(doc)
    m = resolve_phrase(doc, 0, len("Protesters in Seoul"))
    assert (m.actor.country, m.actor.sector) == ("KOR", "CVL")
    m2 = resolve_phrase(doc, 0, len("Protesters in Seoul"), head=text.index("Seoul"))
    assert (m2.actor.country, m2.actor.sector) == ("KOR", "GOV")
    assert (m.start, m.end) == (0, 19)


def test_actors_resolve_phrase_pronoun_carries_over() -> None:
    text = "Moon Jae-in arrived in Pyongyang. Then he spoke."
    doc = _doc(text, D(2018, 9, 18))
    ActorStage()(doc)
    start = text.index(" he ") + 1
    m = resolve_phrase(doc, start, start + 2)
    assert m is not None and m.actor.actor_id == "kor.moon_jae_in"


def test_actors_resolve_phrase_without_actor_is_none() -> None:
    doc = _doc("The weather was mild.")
    ActorStage()(doc)
    assert resolve_phrase(doc, 0, 11) is None


def test_actors_the_south_is_not_read_inside_a_longer_name() -> None:
    doc = _doc("North Korea fired into the South China Sea.")
    ActorStage()(doc)
    assert [m.actor.country for m in doc.mentions if m.actor] == ["PRK"]


def test_actors_country_modifier_earlier_in_the_phrase_fills_the_office() -> None:
    text = "Iran's religious leader spoke."
    doc = _doc(text, D(2023, 1, 1))
    ActorStage()(doc)
    m = resolve_phrase(doc, 0, len("Iran's religious leader"), head=text.index("leader"))
    assert (m.actor.country, m.actor.actor_id) == ("IRN", "irn.khamenei")


def test_actors_stated_title_beats_the_date_unless_former() -> None:
    r = first("Israeli Prime Minister Ehud Barak", D(2024, 1, 1))
    assert (r.actor.country, r.actor.sector, r.actor.role) == ("ISR", "GOV", "head_of_government")
    r = first("former Israeli Prime Minister Ehud Barak", D(2024, 1, 1))
    assert r.actor.role == "former"


@pytest.mark.parametrize("text", ["", "   ", "!!!", "\u201c\u201d\u2014"])
def test_actors_stage_handles_empty_and_punctuation_only_text(text: str) -> None:
    doc = _doc(text)
    ActorStage()(doc)
    assert doc.mentions == []


def test_actors_resolve_phrase_clamps_offsets_and_rejects_empty_ranges() -> None:
    doc = _doc("China army")
    ActorStage()(doc)
    m = resolve_phrase(doc, -5, 500)
    assert m is not None and (m.start, m.end) == (0, 10) and m.actor.sector == "MIL"
    assert resolve_phrase(doc, 5, 2) is None


def test_actors_capitalised_word_in_lowercase_text_needs_no_context() -> None:
    doc = _doc("the rest of this text is lower case, but China is named with a capital.")
    ActorStage()(doc)
    assert [m.actor.country for m in doc.mentions if m.actor and m.actor.country] == ["CHN"]


def test_actors_conjoined_modifiers_share_the_head_noun() -> None:
    text = "Chinese and North Korean forces attacked."
    doc = _doc(text, D(1950, 11, 1))
    ActorStage()(doc)
    end = text.index(" attacked")
    m = resolve_phrase(doc, 0, end, head=text.index("forces"))
    assert (m.actor.country, m.actor.sector) == ("CHN", "MIL")
    assert [(c.country, c.sector) for c in m.candidates] == [("PRK", "MIL")]


def test_actors_bare_title_carries_over_from_the_last_holder_named() -> None:
    text = "Russian Foreign Minister Sergei Lavrov arrived on Monday. The minister said talks went well."
    doc = _doc(text, D(2023, 7, 1))
    ActorStage()(doc)
    start = text.index("The minister")
    m = resolve_phrase(doc, start, start + len("The minister"))
    assert m is not None and m.actor.actor_id == "rus.lavrov"
    assert any("carried over" in s for s in m.steps)
    assert doc.mentions[-1].actor.actor_id == "rus.lavrov"  # the stage does the same


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Opposition leader Imran Khan", D(2023, 3, 13), ("PAK", "OPP")),
    ("Bangladesh Nationalist Party", D(2023, 3, 13), ("BGD", "PTY")),
    ("union leader", D(2023, 3, 13), (None, "LAB")),
    ("Vietnamese Communist Party leader", D(2023, 3, 13), ("VNM", "PTY")),
])  # fmt: skip
def test_actors_sector_words_before_a_name_or_title_are_kept(
    text: str, date: dt.date, expected: tuple
) -> None:
    assert code(text, date) == expected


def test_actors_lowercase_country_name_in_ordinary_text_is_not_a_country() -> None:
    doc = _doc("Russian forces withdrew to the east bank while Ukraine held the west bank of the river.")
    ActorStage()(doc)
    assert [m.text for m in doc.mentions] == ["Russian forces", "Ukraine"]


def test_actors_verbs_are_not_sector_nouns() -> None:
    doc = _doc("The North Korean foreign ministry accused Washington of provocation.")
    ActorStage()(doc)
    assert [(m.text, m.actor.country, m.actor.sector) for m in doc.mentions] == [
        ("North Korean foreign ministry", "PRK", "GOV"),
        ("Washington", "USA", "GOV"),
    ]


def test_actors_not_actor_phrases_block_the_country_inside() -> None:
    doc = _doc("Ships crossed the Indian Ocean and the South China Sea; a man from New Mexico wore a jersey "
               "at the family reunion, and India protested.")  # fmt: skip
    ActorStage()(doc)
    assert [(m.text, m.actor.country) for m in doc.mentions] == [("India", "IND")]


def test_actors_common_surname_inside_another_name_is_not_a_known_person() -> None:
    text = "Rajnath Singh left. The times of mulayam singh yadav were recalled."
    doc = _doc(text.lower(), D(2002, 3, 1))
    ActorStage()(doc)
    assert [m.text for m in doc.mentions if m.actor and m.actor.kind == "person"] == ["rajnath singh"]
    assert lookup("Choi", D(2024, 12, 31), "Acting President Choi Sang-mok signed it.") == [] or all(
        r.actor is None or r.actor.actor_id is None
        for r in lookup("Choi", D(2024, 12, 31), "Acting President Choi Sang-mok signed it.")
    )


def test_actors_namesakes_prefer_the_country_named_in_the_text() -> None:
    doc = _doc("in gujarat the rpf guarded the railway stations of india.", D(2002, 3, 4))
    ActorStage()(doc)
    rpf = next(m for m in doc.mentions if m.text == "rpf")
    assert (rpf.actor.country, rpf.actor.sector) == ("IND", "COP")


def test_actors_lowercase_acronyms_and_long_surnames_in_office() -> None:
    doc = _doc("the crpf was deployed and musharraf spoke while the us ambassador met us.", D(2002, 1, 12))
    ActorStage()(doc)
    got = [(m.text, m.actor.country, m.actor.sector) for m in doc.mentions]
    assert ("crpf", "IND", "COP") in got and ("musharraf", "PAK", "GOV") in got
    assert ("us ambassador", "USA", "GOV") in got
    assert not any(t == "us" for t, _, _ in got)


@pytest.mark.parametrize(("date", "sector"), [(D(2010, 1, 1), "REB"), (D(2023, 1, 1), "GOV")])
def test_actors_organisation_sector_over_time(date: dt.date, sector: str) -> None:
    assert code("the Taliban", date) == ("AFG", sector)


@pytest.mark.parametrize("published", [dt.datetime(2022, 9, 1, 12, 30), "2022-09-01", "2022-09-01T08:00:00"])
def test_actors_publication_date_may_be_a_datetime_or_string(published: object) -> None:
    doc = Document("d", "The South Korean president spoke.", published=published)  # type: ignore[arg-type]
    ActorStage()(doc)
    assert doc.mentions[0].actor.actor_id == "kor.yoon_suk_yeol"


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("the Kim regime", D(2022, 1, 1), ("PRK", "GOV")),
    ("the Bush administration", D(2005, 1, 1), ("USA", "GOV")),
    ("the Bush administration", D(2012, 1, 1), ("USA", "GOV")),
    ("the Moon government", D(2019, 1, 1), ("KOR", "GOV")),
])  # fmt: skip
def test_actors_leader_surname_with_an_institution_noun(text: str, date: dt.date, expected: tuple) -> None:
    assert code(text, date) == expected


def test_actors_stated_country_of_a_namesake_org_keeps_its_base_sector() -> None:
    assert code("The Pakistani Taliban", D(2023, 1, 30)) == ("PAK", "REB")


def test_actors_country_starting_an_unknown_name_is_not_the_head() -> None:
    assert code("Beijing's Taiwan Affairs Office", D(2024, 7, 22)) == ("CHN", "GOV")
