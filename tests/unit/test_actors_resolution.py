"""Actor resolution mechanisms: one-country ties, fuzzy-country guards, places inside a phrase, ethnic
groups coded with their country of residence, and added heads of state."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.stages.actors import lookup

D = dt.date


def first(text: str, date: dt.date | None = None, context: str | None = None):
    found = lookup(text, date, context)
    assert found, f"nothing resolved for {text!r}"
    return found[0]


def code(text: str, date: dt.date | None = None, context: str | None = None) -> tuple:
    r = first(text, date, context)
    return (r.actor.country, r.actor.sector) if r.actor else (None, None)


# --- ties between namesakes of one country ---

def test_resolution_institution_of_two_namesake_leaders_gives_their_country() -> None:
    r = first("the Bush administration", D(2040, 1, 1))  # neither Bush in office nor recent
    assert (r.actor.country, r.actor.sector, r.actor.actor_id) == ("USA", "GOV", None)
    assert {c.actor_id for c in r.candidates} == {"usa.bush41", "usa.bush43"}


def test_resolution_surname_tie_of_one_country_without_title_keeps_a_shared_sector_only() -> None:
    r = first("President Kabila", D(2040, 1, 1))  # Laurent-Desire and Joseph Kabila, both COD
    assert (r.actor.country, r.actor.sector, r.actor.actor_id) == ("COD", "GOV", None)
    assert len(r.candidates) == 2


# --- fuzzy country names: only capitalised names in a naming position, never ordinary words ---

def test_resolution_misspelt_short_country_in_a_possessive() -> None:
    ctx = "Quatar's emir, Sheikh Hamad bin Khalifa al-Thani, launched a mediation effort."
    assert code("Quatar's emir", D(2000, 1, 1), ctx) == ("QAT", "GOV")


def test_resolution_misspelt_short_country_without_possessive_or_title_is_not_guessed() -> None:
    assert lookup("Quatar", D(2000, 1, 1), "Talks were held in Quatar.") == []


def test_resolution_sentence_initial_short_word_is_not_a_fuzzy_country() -> None:
    assert lookup("Benign", D(2000, 1, 1), "Benign neglect was the policy.") == []


def test_resolution_longer_misspelt_country_still_matches() -> None:
    assert code("Ethopia", D(2000, 1, 1), "Ethopia rejected the plan.") == ("ETH", None)


@pytest.mark.parametrize(("text", "expected"), [
    ("Young Algerians", ("DZA", "CVL")), ("Palestinian youths", ("PSE", "CVL")),
    ("Young protesters", (None, "CVL")),
])  # fmt: skip
def test_resolution_adjective_before_demonym_or_sector_adds_no_country(text: str, expected: tuple) -> None:
    assert code(text, D(2000, 1, 1), f"{text} blocked roads on Sunday.") == expected


# --- a region or city inside a country-less phrase (gazetteer, low confidence) ---

def test_resolution_city_named_inside_the_phrase_gives_its_country() -> None:
    r = first("the government of Hebron city", D(2000, 1, 1))
    assert (r.actor.country, r.actor.sector) == ("PSE", "GOV")
    assert any("gazetteer" in s for s in r.steps)
    assert r.score <= 0.6


def test_resolution_sentence_initial_capital_word_is_not_taken_for_a_town() -> None:
    assert code("Young protesters", D(2000, 1, 1), "Young protesters marched.") == (None, "CVL")


# --- ethnic groups: the country they live in (CAMEO), else the kin country ---

def test_resolution_ethnic_group_takes_the_country_named_after_in() -> None:
    ctx = "Police said two ethnic Albanians were wounded near a checkpoint in southern Serbia on Monday."
    r = first("two ethnic Albanians", D(2000, 1, 1), ctx)
    assert (r.actor.country, r.actor.sector) == ("SRB", "CVL")
    assert any("ethnic Albanians" in s and "Serbia" in s for s in r.steps)


def test_resolution_ethnic_group_without_residence_keeps_the_kin_country() -> None:
    assert code("ethnic Albanians", D(2000, 1, 1), "Police arrested ten ethnic Albanians.") == ("ALB", "CVL")


def test_resolution_state_organ_named_with_an_ethnic_word_is_not_relocated() -> None:
    ctx = "Serb forces detained four ethnic Albanians near a village in eastern Kosovo."
    assert code("Serb forces", D(2000, 1, 1), ctx) == ("SRB", "MIL")


@pytest.mark.parametrize(("text", "expected"), [
    ("Croatian Serb refugees", ("HRV", "REF")), ("Bosnian Serbs", ("BIH", "CVL")),
    ("Karen guerrillas", ("MMR", "REB")), ("Kurds", (None, "CVL")),
])  # fmt: skip
def test_resolution_ethnic_group_words(text: str, expected: tuple) -> None:
    assert code(text, D(2000, 1, 1)) == expected


def test_resolution_stateless_ethnic_group_takes_its_place_of_residence() -> None:
    assert code("Kurds", D(2000, 1, 1), "Kurds in Iraq protested.") == ("IRQ", "CVL")


def test_resolution_settlers_keep_the_settling_state_over_the_place() -> None:
    assert code("Jewish settlers in the West Bank city of Hebron", D(2000, 1, 1)) == ("ISR", "CVL")


# --- heads of state added as facts ---

@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Lt. Gen. Prosper Avril", D(1989, 6, 1), ("HTI", "hti.avril", "head_of_state")),
    ("Sheikh Hamad bin Khalifa al-Thani", D(2000, 1, 1), ("QAT", "qat.hamad", "head_of_state")),
    ("Prime Minister Iyad Allawi", D(2004, 9, 1), ("IRQ", "irq.allawi", "head_of_government")),
])  # fmt: skip
def test_resolution_added_heads_of_state(text: str, date: dt.date, expected: tuple) -> None:
    a = first(text, date).actor
    assert (a.country, a.actor_id, a.role) == expected


# --- Northern Ireland is in the United Kingdom ---

@pytest.mark.parametrize(("text", "expected"), [
    ("Northern Ireland", ("GBR", None)), ("Irish nationalist guerrillas", ("GBR", "REB")),
    ("the IRA", ("GBR", "REB")), ("Ireland", ("IRL", None)), ("the Irish government", ("IRL", "GOV")),
])  # fmt: skip
def test_resolution_northern_ireland_groups_are_of_the_uk(text: str, expected: tuple) -> None:
    assert code(text, D(1995, 1, 1)) == expected


def test_resolution_acronym_of_two_countries_groups_follows_the_text() -> None:
    ctx = "Rebels of the SLA attacked a village in Darfur, Sudan."
    assert code("the SLA", D(2004, 1, 1), ctx) == ("SDN", "REB")


def test_resolution_country_adjective_of_an_ethnic_group_beats_a_place_elsewhere() -> None:
    ctx = "About 40,000 Iraqi Kurds applied for asylum in Sweden over the winter."
    assert code("About 40,000 Iraqi Kurds", D(2000, 1, 1), ctx) == ("IRQ", "CVL")


def test_resolution_kin_word_with_of_place_in_the_phrase_lives_there() -> None:
    ctx = "The Albanians of southern Serbia are demanding autonomy from Serbian authorities."
    assert code("The Albanians of southern Serbia", D(2000, 1, 1), ctx) == ("SRB", "CVL")


def test_resolution_region_before_a_sector_noun_gives_its_country() -> None:
    ctx = "Khartoum blamed Darfur rebels for the collapse of the truce talks."
    r = first("Darfur rebels", D(2005, 1, 1), ctx)
    assert (r.actor.country, r.actor.sector) == ("SDN", "REB")
    assert any("gazetteer" in s for s in r.steps)


def test_resolution_group_word_with_residence_after_in() -> None:
    ctx = "Chechen refugees in Georgia protested."
    assert code("Chechen refugees", D(2000, 1, 1), ctx) == ("GEO", "REF")


# --- stance and relation words: the named country is not the actor's ---

@pytest.mark.parametrize(("text", "expected"), [
    ("a prominent anti-Syria journalist", (None, "JRN")), ("pro-Russian separatists", (None, "REB")),
    ("the Syrian army", ("SYR", "MIL")), ("anti-American protests", ("USA", None)),
])  # fmt: skip
def test_resolution_anti_or_pro_country_before_a_sector_noun_is_a_stance(text: str, expected: tuple) -> None:
    assert code(text, D(2005, 1, 1)) == expected


def test_resolution_possessor_of_an_ally_is_not_its_country() -> None:
    ctx = "Gunmen ambushed a commander of Israel's militia ally in southern Lebanon overnight."
    r = first("Israel's militia ally in southern Lebanon", D(1995, 1, 1), ctx)
    assert r.actor.country == "LBN"
    assert code("Russia's military", D(2020, 1, 1)) == ("RUS", "MIL")


def test_resolution_stateless_group_without_residence_takes_the_sentence_s_only_country() -> None:
    ctx = "The Sri Lankan army kept thousands of Tamil civilian refugees in closed camps near the coast."
    r = first("thousands of Tamil civilian refugees", D(1995, 1, 1), ctx)
    assert (r.actor.country, r.actor.sector) == ("LKA", "REF")
    assert r.score <= 0.5
    two = "Sri Lankan and Indian troops were holding Tamil refugees."
    assert code("Tamil refugees", D(1995, 1, 1), two) == (None, "REF")  # two countries: no guess


def test_resolution_organisation_title_of_a_former_officer_gives_the_organisation() -> None:
    a = first("Arab League Secretary General Chadli Klibi", D(2000, 1, 1)).actor  # out of office then
    assert (a.country, a.sector, a.actor_id, a.role) == ("ARL", "GOV", "arl.klibi", "secretary_general")


@pytest.mark.parametrize(("text", "date", "expected"), [
    ("Israeli President Moshe Katsav", D(2003, 1, 1), ("ISR", "isr.katsav")),
    ("Portuguese President Mario Soares", D(1990, 1, 1), ("PRT", "prt.soares")),
    ("Russian Foreign Minister Andrei Kozyrev", D(1994, 1, 1), ("RUS", "rus.kozyrev")),
])  # fmt: skip
def test_resolution_added_1990s_officials(text: str, date: dt.date, expected: tuple) -> None:
    a = first(text, date).actor
    assert (a.country, a.actor_id) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("U.N. Secretary-General Boutros Boutros-Ghali", ("UNO", "GOV", "secretary_general")),
    ("Secretary-General Kofi Annan", ("UNO", "GOV", "secretary_general")),
    ("former President Bill Clinton", ("USA", "ELI", "former")),
])  # fmt: skip
def test_resolution_office_named_in_the_text_beats_retirement(text: str, expected: tuple) -> None:
    a = first(text, D(2026, 1, 1)).actor  # all out of office then
    assert (a.country, a.sector, a.role) == expected
