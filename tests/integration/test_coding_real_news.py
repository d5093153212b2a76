"""Classes of error seen when coding real (lowercase, wire-style) news, each with hand-written sentences:
month names read as marches, "asked" as a question, datelines as actors, relative pronouns as actors,
passive deployments, attacks named by an "in X firing" phrase, mishaps, partitive nouns and link lists."""

from __future__ import annotations

import pytest

import tidings

pytestmark = pytest.mark.model


def _events(text: str) -> list[tidings.Event]:
    return tidings.code_text(text).events


def _types(text: str) -> list[str]:
    return [e.event_type for e in _events(text)]


@pytest.mark.parametrize("text", [
    "the party will decide its stand before march 20.",
    "prohibitory orders were extended till march 9 in the old town.",
    "the hearing is now listed for 14 march.",
])  # fmt: skip
def test_month_name_is_not_a_protest_march(text: str) -> None:
    assert "PROTEST" not in _types(text)


def test_a_real_march_is_still_a_protest() -> None:
    assert "PROTEST" in _types("thousands of students marched to the collector's office on monday.")


@pytest.mark.parametrize("text", [
    "asked about the curfew, the commissioner said the city was calm.",
    "the minister was asked whether the army would stay in the town.",
    "\"who will pay for the damage?\" the trader asked.",
    "asked what the police were doing, the mayor declined to comment.",
])  # fmt: skip
def test_asking_a_question_is_not_a_request(text: str) -> None:
    assert "REQUEST" not in _types(text)


@pytest.mark.parametrize("text", [
    "the state government asked the army to restore order in the district.",
    "constables have been asked to remain on alert.",
    "Ghana asked the World Bank for an emergency loan.",
])  # fmt: skip
def test_asking_someone_to_act_is_still_a_request(text: str) -> None:
    assert "REQUEST" in _types(text)


def test_dateline_is_not_the_actor() -> None:
    events = _events("mumbai: the students' union asked the college to reopen the hostel.")
    request = next(e for e in events if e.event_type == "REQUEST")
    assert request.source_text is not None and "mumbai" not in request.source_text
    assert "union" in request.source_text


def test_dateline_word_is_cut_from_the_actor_phrase() -> None:
    events = _events("chennai: the congress condemned the attack on the bus.")
    accuse = next(e for e in events if e.event_type == "ACCUSE")
    assert accuse.source_text == "congress"


def test_relative_pronoun_stands_for_its_antecedent() -> None:
    events = _events("the curfew followed the death of a shopkeeper who was stabbed on tuesday.")
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert assault.target_text is not None and "shopkeeper" in assault.target_text


def test_victims_of_an_attack_are_not_its_actor() -> None:
    events = _events("the toll includes the forty passengers who died in the attack on the bus.")
    assert all(e.source_text is None or "passengers" not in e.source_text for e in events)


def test_passive_deployment_makes_the_force_the_actor() -> None:
    events = _events("riot police were deployed in the old city on sunday.")
    mob = next(e for e in events if e.event_type == "MOBILIZE")
    assert mob.source_sector == "COP" and mob.target_text is None


def test_killed_in_police_firing_has_the_police_as_actor() -> None:
    events = _events("eleven people were killed in police firing in the town.")
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert assault.source_sector == "COP" and assault.target_sector == "CVL"


@pytest.mark.parametrize("text", [
    "six people were killed in a bus accident near the highway.",
    "two children were injured in a fire at the market.",
])  # fmt: skip
def test_mishaps_are_not_assaults(text: str) -> None:
    assert "ASSAULT" not in _types(text)


def test_partitive_noun_takes_the_sector_of_its_of_object() -> None:
    events = _events("four companies of paramilitary forces were deployed in the district.")
    mob = next(e for e in events if e.event_type == "MOBILIZE")
    assert mob.source_sector == "MIL"


def test_persons_are_civilians() -> None:
    events = _events("police arrested 30 persons in the old city.")
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert arrest.target_sector == "CVL"


@pytest.mark.parametrize("text", [
    "related stories: army called out in town | police fire on mob | curfew imposed in old city",
    "read more: minister attacks opposition over riots",
])  # fmt: skip
def test_link_list_lines_are_not_coded(text: str) -> None:
    assert _events(text) == []


@pytest.mark.parametrize("text", [
    "the party attacked the government for its silence on the riots.",
    "the opposition hit out at the chief minister over the killings.",
    "the union lashed out at the management over the layoffs.",
])  # fmt: skip
def test_verbal_attack_is_an_accusation(text: str) -> None:
    types = _types(text)
    assert "ACCUSE" in types and "ASSAULT" not in types


@pytest.mark.parametrize("text", [
    "militants attacked the police post for two hours.",
    "rebels attacked the garrison for the third time this year.",
    "the mob hit the constable with an iron rod.",
])  # fmt: skip
def test_physical_attack_stays_an_assault(text: str) -> None:
    assert "ASSAULT" in _types(text)


@pytest.mark.parametrize("text", [
    "the border dispute threatens to escalate into a regional war.",
    "the row over water threatens to derail the peace talks.",
])  # fmt: skip
def test_a_risk_is_not_a_threat(text: str) -> None:
    types = _types(text)
    assert "THREATEN" not in types and "ASSAULT" not in types


def test_an_actor_threatening_to_act_is_still_a_threat() -> None:
    assert "THREATEN" in _types("the rebels threatened to blow up the bridge.")


def test_the_one_urged_is_the_recipient_not_an_actor_inside_the_request() -> None:
    events = _events("the party urged the state government to stop the kar sevaks at the border.")
    request = next(e for e in events if e.event_type == "REQUEST")
    assert request.target_text is not None and "government" in request.target_text
    assert request.target_sector == "GOV"


@pytest.mark.parametrize(("text", "country", "sector"), [
    ("the samajwadi party condemned the violence.", "IND", "PTY"),
    ("the tdp criticised the government.", "IND", "PTY"),
    ("the muslim personal law board rejected the formula.", "IND", "REL"),
])  # fmt: skip
def test_indian_parties_and_bodies_resolve_in_lowercase_text(text: str, country: str, sector: str) -> None:
    event = _events(text)[0]
    assert (event.source_country, event.source_sector) == (country, sector)


def test_a_word_inside_an_actor_name_is_not_an_event_verb() -> None:
    assert "ASSAULT" not in _types("reports said ram sevaks boarded the train at the station.")


def test_the_same_word_as_a_verb_is_still_an_event() -> None:
    assert "ASSAULT" in _types("two trawlers tried to ram the coast guard cutter.")


@pytest.mark.parametrize(("text", "etype"), [
    ("the studio released the film in march last year.", "RETREAT"),
    ("the ministry released a report on the floods.", "RETREAT"),
    ("the essay recalls the sacrifice of the volunteers.", "SANCTION"),
    ("both sides should reduce tensions along the frontier.", "SANCTION"),
    ("the elders have given the council time until friday.", "AID"),
    ("the party will give tickets to younger candidates.", "AID"),
    ("the hospitals are ready to meet any emergency.", "AGREE"),
    ("the hospitals are ready to meet any emergency.", "CONSULT"),
])  # fmt: skip
def test_other_word_senses_are_not_events(text: str, etype: str) -> None:
    assert etype not in _types(text)


@pytest.mark.parametrize(("text", "etype"), [
    ("the rebels released six hostages on sunday.", "RETREAT"),
    ("Peru recalled its ambassador to Venezuela.", "SANCTION"),
    ("Japan reduced aid to Myanmar after the coup.", "SANCTION"),
    ("the charity gave blankets to the flood victims.", "AID"),
])  # fmt: skip
def test_the_event_senses_still_fire(text: str, etype: str) -> None:
    assert etype in _types(text)


def test_should_have_under_a_speech_verb_is_a_reproach_not_a_demand() -> None:
    types = _types("the mayor said the fire brigade should have reached the site sooner.")
    assert "ACCUSE" in types and "REQUEST" not in types


def test_should_under_a_speech_verb_is_still_a_demand() -> None:
    assert "REQUEST" in _types("the mayor said the fire brigade should reach the site sooner.")


@pytest.mark.parametrize("text", [
    "all the cinemas in the town were closed on monday.",
    "the spinning mills closed down after the strike.",
])  # fmt: skip
def test_closures_without_an_actor_are_not_sanctions(text: str) -> None:
    assert "SANCTION" not in _types(text)


def test_a_closure_by_an_actor_is_still_a_sanction() -> None:
    assert "SANCTION" in _types("Turkey closed its border with Syria on friday.")


def test_set_fire_to_x_has_x_as_recipient() -> None:
    event = next(e for e in _events("rioters set fire to the police outpost.") if e.event_type == "COERCE")
    assert event.target_text is not None and "outpost" in event.target_text


def test_the_munition_fired_is_not_the_recipient() -> None:
    events = _events("the constables fired ten rounds at the crowd.")
    event = next(e for e in events if e.event_type == "ASSAULT")
    assert event.target_text is not None and "crowd" in event.target_text


def test_a_scheduled_passive_event_is_not_a_commitment() -> None:
    types = _types("the peace talks will be held in the capital next week.")
    assert "CONSULT" in types and "AGREE" not in types


def test_an_actor_saying_it_will_hold_talks_is_still_a_commitment() -> None:
    assert "AGREE" in _types("Kenya will hold talks with Somalia next week.")


def test_general_as_an_adjective_is_not_a_military_title() -> None:
    event = next(e for e in _events("the general public protested against the fare increase.")
                 if e.event_type == "PROTEST")
    assert event.source_sector == "CVL"
    meeting = _events("the general body meeting of the union will be held.")
    assert all(e.source_sector != "MIL" for e in meeting)


def test_general_before_a_name_is_still_a_military_title() -> None:
    event = _events("General Ayub met the envoy in Rawalpindi.")[0]
    assert event.source_sector in ("MIL", "ELI")


def test_a_passive_warning_of_arrest_is_still_a_threat() -> None:
    text = '"anyone crossing the barricades will be arrested," a police officer said.'
    assert "THREATEN" in _types(text)
