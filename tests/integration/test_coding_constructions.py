"""The rule coder on sentences written for each construction (real spaCy parse, stub actor mentions)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tidings.model import Actor, Document, Event, Mention
from tidings.stages.coding import EventCoder

pytestmark = pytest.mark.model

NAMES = {"Ruritania": ("RUR", "GOV"), "Freedonia": ("FRE", "GOV"), "Sylvania": ("SYL", "GOV"),
         "Ruritanian": ("RUR", None), "Freedonian": ("FRE", None), "the rebels": ("RUR", "REB"),
         "Ruritanian police": ("RUR", "COP"), "the ministry": ("SYL", "GOV"), "students": ("RUR", "CVL"),
         "Freedonians": ("FRE", "CVL"), "the guerrillas": (None, "REB")}  # fmt: skip


def mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    taken: set[int] = set()
    for name in sorted(NAMES, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            if m.start() in taken:
                continue
            taken.update(range(m.start(), m.end()))
            country, sector = NAMES[name]
            out.append(Mention(name, m.start(), m.end(), Actor(country=country, sector=sector), steps=[f"name {name}"]))
    return out


@pytest.fixture(scope="module")
def code(nlp: Any) -> Any:
    from tidings.stages.parse import SpacyParser

    parser = SpacyParser()
    coder = EventCoder(resolver=lambda *a, **k: None)

    def run(text: str) -> list[Event]:
        doc = parser(Document(doc_id="t", text=text))
        doc.mentions = mentions(text)
        return coder(doc).events

    return run


def one(events: list[Event], etype: str) -> Event:
    found = [e for e in events if e.event_type == etype]
    assert found, f"no {etype} in {[(e.event_type, e.rule) for e in events]}"
    return found[0]


@pytest.mark.parametrize(("text", "etype", "src", "tgt"), [
    ("Ruritania attacked Freedonia on Sunday.", "ASSAULT", "RUR", "FRE"),
    ("Freedonia was attacked by Ruritania.", "ASSAULT", "RUR", "FRE"),
    ("Ruritania launched an attack on Freedonia.", "ASSAULT", "RUR", "FRE"),
    ("Ruritania imposed sanctions on Freedonia.", "SANCTION", "RUR", "FRE"),
    ("Ruritania expressed support for Freedonia.", "SUPPORT", "RUR", "FRE"),
    ("Ruritania held talks with Freedonia in Geneva.", "CONSULT", "RUR", "FRE"),
    ("Ruritania called on Freedonia to release the prisoners.", "REQUEST", "RUR", "FRE"),
    ("Ruritania refused to meet Freedonia.", "REJECT", "RUR", "FRE"),
    ("Ruritania threatened to attack Freedonia.", "THREATEN", "RUR", "FRE"),
    ("Ruritania agreed to hold talks with Freedonia.", "AGREE", "RUR", "FRE"),
    ("Ruritania condemned Freedonia for the killings.", "ACCUSE", "RUR", "FRE"),
    ("Ruritania accused Freedonia of shelling the border.", "ACCUSE", "RUR", "FRE"),
    ("Ruritania expelled two Freedonian diplomats.", "SANCTION", "RUR", "FRE"),
    ("Ruritanian police arrested dozens of protesters.", "COERCE", "RUR", None),
    ("The invasion of Freedonia by Ruritania began at dawn.", "ASSAULT", "RUR", "FRE"),
    ("Ruritania and Sylvania signed a treaty with Freedonia.", "SUPPORT", "RUR", "FRE"),
])  # fmt: skip
def test_coding_construction(code: Any, text: str, etype: str, src: str | None, tgt: str | None) -> None:
    event = one(code(text), etype)
    assert (event.source_country, event.target_country) == (src, tgt)
    assert text[event.verb_start:event.verb_end] == event.verb_text
    assert event.cameo_code is None or event.cameo_code[:2].isdigit()


def test_coding_threat_is_not_an_assault(code: Any) -> None:
    types = {e.event_type for e in code("Ruritania threatened to attack Freedonia.")}
    assert types == {"THREATEN"}
    assert one(code("Ruritania threatened to attack Freedonia."), "THREATEN").event_mode == "violence"


def test_coding_coordinated_verbs_are_two_events(code: Any) -> None:
    events = code("Ruritania attacked and killed Freedonian soldiers.")
    assert sorted(e.verb_text for e in events if e.event_type == "ASSAULT") == ["attacked", "killed"]
    assert all(e.target_country == "FRE" for e in events)


def test_coding_coordinated_subjects_one_event_with_group(code: Any) -> None:
    events = code("Ruritania and Sylvania signed a treaty.")
    assert len(events) == 1
    assert events[0].trace["source_group"] == ["Ruritania", "Sylvania"]


def test_coding_event_ids_stable_and_trace_jsonable(code: Any) -> None:
    import json

    a = code("Ruritania attacked Freedonia.")[0]
    b = code("Ruritania attacked Freedonia.")[0]
    assert a.event_id == b.event_id
    trace = json.loads(json.dumps(a.trace))
    assert trace["entry"]["key"] == "attack" and trace["source_path"] == ["nsubj"] and trace["target_path"] == ["dobj"]


def test_coding_speech_verb_alone_is_not_an_event(code: Any) -> None:
    assert code("Ruritania said on Monday that the weather was fine.") == []


def test_coding_user_lexicon_adds_verb(nlp: Any, tmp_path: Any) -> None:
    from tidings.config import Settings
    from tidings.stages.parse import SpacyParser

    extra = tmp_path / "lex.yaml"
    extra.write_text("verbs:\n  snub: {type: REJECT, cameo: '120', confidence: 0.9}\n", encoding="utf-8")
    doc = SpacyParser()(Document(doc_id="t", text="Ruritania snubbed Freedonia."))
    doc.mentions = mentions(doc.text)
    events = EventCoder(Settings(lexicon_files=[extra]), resolver=lambda *a, **k: None)(doc).events
    assert [(e.event_type, e.source_country, e.target_country) for e in events] == [("REJECT", "RUR", "FRE")]
    assert events[0].trace["entry"]["file"] == str(extra)


@pytest.mark.parametrize(("text", "expected"), [
    ("Ruritania rejected the accusation.", set()),
    ("Sixty percent of Ruritanians support the treaty with Freedonia.", set()),
    ("Ruritania said Freedonia must withdraw its troops.", {("REQUEST", "RUR", "FRE")}),
    ("Hundreds of students staged rallies against Ruritania.", {("PROTEST", "RUR", "RUR")}),
    ("Ruritania protested to Freedonia over the arrests.", {("ACCUSE", "RUR", "FRE")}),
    ("Ruritania welcomed the deal, while Sylvania said it was ready to host talks.",
     {("SUPPORT", "RUR", None), ("AGREE", "SYL", None)}),
])  # fmt: skip
def test_coding_sentence_level_rules(code: Any, text: str, expected: set[tuple[str, str | None, str | None]]) -> None:
    got = {(e.event_type, e.source_country, e.target_country) for e in code(text)}
    assert {t for t in got if t[0] in {x[0] for x in expected}} == expected if expected else got == set()


def test_coding_denial_negates_the_denied_event(code: Any) -> None:
    events = code("Ruritania denied attacking Freedonia.")
    assert [(e.event_type, e.factuality) for e in events] == [("ASSAULT", "negated")]
    assert events[0].claimant_country == "RUR" and events[0].target_country == "FRE"


def test_coding_commitment_is_agree_and_plan_is_hypothetical(code: Any) -> None:
    agree = code("Ruritania is ready to send aid to Freedonia.")
    assert [(e.event_type, e.factuality) for e in agree] == [("AGREE", "asserted")]
    plan = code("Ruritania plans to deploy troops to the Freedonia border.")
    assert [(e.event_type, e.factuality) for e in plan] == [("MOBILIZE", "hypothetical")]


def test_coding_sector_only_actor_takes_document_country(nlp: Any) -> None:
    from tidings.stages.parse import SpacyParser

    text = "Ruritania held elections on Sunday. Ruritania counted the votes. Police arrested dozens of students."
    doc = SpacyParser()(Document(doc_id="t", text=text))
    doc.mentions = mentions(text)
    start = text.index("Police")
    doc.mentions.append(Mention("Police", start, start + 6, Actor(sector="COP"), steps=["sector noun"]))
    event = next(e for e in EventCoder(resolver=lambda *a, **k: None)(doc).events if e.event_type == "COERCE")
    assert (event.source_country, event.source_sector) == ("RUR", "COP")
    assert any("earlier in the document" in step for step in event.trace["source_steps"])


def test_coding_compound_actors_are_one_actor_list_without_recipient(code: Any) -> None:
    events = code("Ruritania and Sylvania signed a treaty.")
    assert [(e.source_country, e.target_country) for e in events] == [("RUR", None)]
    assert events[0].trace["source_group"] == ["Ruritania", "Sylvania"]
    # the partners' own countries inside a non-actor object are not a recipient either
    held = one(code("Ruritania and Sylvania held talks on a Sylvanian troop pullback."), "CONSULT")
    assert (held.source_country, held.target_country) == ("RUR", None)
    # a recipient of its own stays
    talks = one(code("Ruritania and Sylvania held talks with Freedonia."), "CONSULT")
    assert (talks.source_country, talks.target_country) == ("RUR", "FRE")


@pytest.mark.parametrize(("text", "etype", "tgt"), [
    ("Ruritania granted asylum to five Freedonian officers holed up in an embassy.", "AID", "FRE"),
    ("Ruritania threatened to launch a new offensive in its war with Freedonia.", "THREATEN", "FRE"),
    ("The rebels kidnapped up to 16 Freedonian advisers from a town bazaar.", "ASSAULT", "FRE"),
    ("Ruritania sought refuge in Freedonia last month.", "REQUEST", "FRE"),
])  # fmt: skip
def test_coding_recipient_hidden_behind_a_non_actor_object(code: Any, text: str, etype: str,
                                                           tgt: str) -> None:  # fmt: skip
    assert one(code(text), etype).target_country == tgt


def test_coding_place_noun_in_a_locative_phrase_is_not_the_recipient(code: Any) -> None:
    event = one(code("Ruritanian troops captured a stronghold of the guerrillas on the Freedonian border."),
                "ASSAULT")  # fmt: skip
    assert event.target_country == "RUR"  # guerrillas fought at home, not the border's country


def test_coding_source_of_an_event_noun_inside_a_misattached_modifier(code: Any) -> None:
    text = "Freedonian students took to hurling rocks during demonstrations against Ruritania, police said."
    event = one(code(text), "PROTEST")
    assert (event.source_country, event.target_country) == ("FRE", "RUR")


def test_coding_ethnic_group_takes_the_country_the_event_happens_in(code: Any) -> None:
    event = one(code("Ruritanian police killed three ethnic Freedonians in a gunbattle in Sylvania."),
                "ASSAULT")  # fmt: skip
    assert event.target_country == "SYL"
