"""Issue 12: one injected ActorResolver, the document context, letter case, offices at the event's date,
and malformed user files. Every sentence here is written for these tests."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

import pytest

from tidings.config import Settings
from tidings.errors import ActorError, ActorFileError
from tidings.kb.context import caseless_view, dateline_place, is_uppercase_text
from tidings.kb.resolver import ActorResolver, shared_resolver
from tidings.model import Document, Event
from tidings.pipeline import Pipeline
from tidings.stages.roles import RoleStage, event_day

D = dt.date


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return shared_resolver()


def _doc(text: str, published: dt.date | None = D(2012, 6, 1), title: str | None = None) -> Document:
    return Document(Document.make_id(text), text, title=title, published=published)


def _phrase(r: ActorResolver, text: str, phrase: str, **kw: object):  # type: ignore[no-untyped-def]
    doc = _doc(text, **kw)  # type: ignore[arg-type]
    doc.mentions = r.mentions(doc)
    start = text.index(phrase)
    return r.resolve_phrase(doc, start, start + len(phrase))


# -- one resolver, injected ---------------------------------------------------------------------------
def test_pipeline_builds_one_resolver_shared_by_every_stage() -> None:
    from tidings.pipeline import Engines, load_stage

    names = ["actors.kb.v1", "coder.rules.v1", "quotes.v1", "claims.v1", "roles.v1"]

    engines = Engines(Settings())
    stages = [load_stage(n, Settings(), engines) for n in names]
    engine = engines.resolver
    assert stages[0].resolver is engine
    assert stages[1].coder.resolver.__self__ is engine  # the coder calls the engine's bound method
    assert stages[2].resolve.__self__ is engine
    assert stages[3].resolve.__self__ is engine
    assert stages[4].resolver is engine


def test_stages_find_the_resolver_by_no_import_trick() -> None:
    import tidings.stages.claims as claims
    import tidings.stages.coding as coding
    import tidings.stages.quotes as quotes

    for module in (coding, quotes, claims):
        source = inspect.getsource(module)
        assert "importlib" not in source and "except ImportError" not in source
        assert "doc.extras" not in source


def test_actor_stage_leaves_no_side_channel_in_extras(resolver: ActorResolver) -> None:
    from tidings.stages.actors import ActorStage

    doc = _doc("Nepal's army chief met Indian officials in Kathmandu.")
    ActorStage(resolver=resolver)(doc)
    assert doc.extras == {}
    assert doc.mentions


def test_third_party_stage_with_settings_only_still_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    import tidings.pipeline as pipeline

    class Plain:
        name, needs, adds = "test.plain", frozenset({"text"}), frozenset({"plain"})

        def __init__(self, settings: Settings) -> None:
            self.settings = settings

        def __call__(self, doc: Document) -> Document:
            return doc

    monkeypatch.setattr(pipeline, "_entry_points", lambda: {"test.plain": "tests_plain:Plain"})
    import sys
    import types

    module = types.ModuleType("tests_plain")
    module.Plain = Plain  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tests_plain", module)
    stage = pipeline.load_stage("test.plain", Settings(), pipeline.Engines(Settings()))
    assert isinstance(stage, Plain)


# -- document context ---------------------------------------------------------------------------------
def test_generic_police_take_the_clear_document_country(resolver: ActorResolver) -> None:
    text = ("Nepal's home ministry ordered an inquiry after clashes in Nepal's western hills. "
            "Police said four people were hurt.")  # fmt: skip
    m = _phrase(resolver, text, "Police")
    assert (m.actor.country, m.actor.sector) == ("NPL", "COP")
    assert m.score <= 0.6
    assert any("document context" in s for s in m.steps)


@pytest.mark.parametrize("phrase", ["security forces", "the army", "militants", "rebels", "Maoists", "Maoist cadres",
                                    "the government", "the ministry", "protesters", "guerrillas"])
def test_generic_actor_words_take_the_document_country(resolver: ActorResolver, phrase: str) -> None:
    text = f"Sri Lanka declared a curfew across Sri Lanka's north. Officials said {phrase} were involved."
    m = _phrase(resolver, text, phrase)
    assert m.actor is not None and m.actor.country == "LKA", m.steps


def test_generic_actor_tie_stays_unresolved_with_candidates(resolver: ActorResolver) -> None:
    m = _phrase(resolver, "India and Pakistan traded accusations. Police said the border was calm.", "Police")
    assert m.actor.country is None
    assert {c.country for c in m.candidates} == {"IND", "PAK"}
    assert any("tie" in s for s in m.steps)


def test_generic_actor_without_any_country_stays_without_one(resolver: ActorResolver) -> None:
    m = _phrase(resolver, "Police said the road was closed after the storm.", "Police")
    assert m.actor.country is None and m.candidates == []


def test_dateline_and_headline_count_in_the_context(resolver: ActorResolver) -> None:
    assert dateline_place("KATHMANDU, May 2 (Wire) - Rain fell.") == "KATHMANDU"
    assert dateline_place("Dhaka: Protesters gathered.") == "Dhaka"
    assert dateline_place("LIMA, 17 MAY (WIRE) --\nSOURCES SAID") == "LIMA"
    assert dateline_place("The talks ended without a deal.") is None
    m = _phrase(resolver, "DHAKA, May 2 - Police fired tear gas at protesters near the university.", "Police")
    assert m.actor.country == "BGD"
    m = _phrase(resolver, "Police fired tear gas at the crowd.", "Police", title="Unrest grows in Sri Lanka")
    assert m.actor.country == "LKA"


def test_places_named_early_count_in_the_context(resolver: ActorResolver) -> None:
    text = "Gunmen attacked a checkpoint in Anantnag. The militants escaped into the orchards."
    m = _phrase(resolver, text, "The militants")
    assert m.actor.country == "IND"


def test_lowercase_text_reads_only_big_places_for_the_context(resolver: ActorResolver) -> None:
    from tidings.kb.resolver import place_countries

    assert place_countries("a mob gathered in ahmedabad and then in gujarat's capital", True) == ["IND", "IND"]
    assert place_countries("they met in more places in march", True) == []  # stop words, a small town
    m = _phrase(resolver, "stones were thrown in vadodara. police said ten were held.", "police")
    assert m.actor.country == "IND"


def test_places_are_not_actors_but_capitals_are(resolver: ActorResolver) -> None:
    assert _phrase(resolver, "Anantnag was calm on Friday.", "Anantnag") is None
    m = _phrase(resolver, "Kathmandu rejected the claim.", "Kathmandu")
    assert (m.actor.country, m.actor.sector) == ("NPL", "GOV")
    text = "Gunmen in Anantnag fired at a patrol, Pakistan's and Syria's media said."
    m = _phrase(resolver, text, "Gunmen in Anantnag")
    assert m.actor.country == "IND"  # the town is read in India, not in a country the text merely names


# -- namesakes ----------------------------------------------------------------------------------------
def test_namesake_acronym_follows_the_document_country(resolver: ActorResolver) -> None:
    china = _phrase(resolver, "The PLA held drills near Taiwan, China's defence ministry said.", "The PLA")
    assert china.actor.country == "CHN"
    manipur = _phrase(resolver, "The PLA ambushed an Assam Rifles patrol in Manipur, India.", "The PLA")
    assert (manipur.actor.country, manipur.actor.sector) == ("IND", "REB")


def test_longest_match_separates_maoist_rebels_from_the_cpi_party(resolver: ActorResolver) -> None:
    text = "CPI (Maoist) cadres torched two trucks, and the CPI demanded action from the state."
    assert _phrase(resolver, text, "CPI (Maoist) cadres").actor.sector == "REB"
    assert _phrase(resolver, text, "the CPI").actor.sector == "PTY"
    assert _phrase(resolver, "The CPI-Maoist called a bandh.", "The CPI-Maoist").actor.sector == "REB"


def test_local_alias_is_not_read_without_its_country(resolver: ActorResolver) -> None:
    m = _phrase(resolver, "The PDP won the vote, officials said.", "The PDP")
    assert m is None or m.actor is None or m.actor.actor_id is None or m.actor.sector != "PTY" or \
        m.actor.country is None


# -- any letter case ----------------------------------------------------------------------------------
def test_all_caps_text_is_read_without_case_evidence(resolver: ActorResolver) -> None:
    text = "THE FARABUNDO MARTI NATIONAL LIBERATION FRONT ATTACKED AN ARMY POST IN SAN MIGUEL."
    assert is_uppercase_text(text)
    doc = _doc(text, D(1989, 11, 12))
    got = {m.text: m.actor for m in resolver.mentions(doc)}
    fmln = got["FARABUNDO MARTI NATIONAL LIBERATION FRONT"]
    assert (fmln.country, fmln.sector) == ("SLV", "REB")  # a guerrilla in 1989, a party after 1992
    assert "US" not in " ".join(got)  # "US" inside an all-caps word list is never the United States


def test_all_caps_common_words_are_not_acronyms(resolver: ActorResolver) -> None:
    doc = _doc("LET US HOPE THE TALKS GO WELL, SAID A FARMER IN THE VALLEY.")
    assert all(m.actor is None or m.actor.country != "USA" for m in resolver.mentions(doc))


def test_lowercase_party_names_resolve(resolver: ActorResolver) -> None:
    doc = _doc("in london, labour and the lib dems attacked the tories; ukip, the snp and plaid cymru "
               "also spoke in britain.")  # fmt: skip
    got = {m.text: (m.actor.country, m.actor.sector) for m in resolver.mentions(doc)}
    for name in ("labour", "lib dems", "tories", "ukip", "snp", "plaid cymru"):
        assert got.get(name) == ("GBR", "PTY"), (name, got)


def test_lowercase_common_word_needs_its_country(resolver: ActorResolver) -> None:
    doc = _doc("child labour laws were debated by farmers and teachers at the village meeting.")
    assert not any(m.actor is not None and m.actor.sector == "PTY" for m in resolver.mentions(doc))


def test_lowercase_title_and_surname_guard(resolver: ActorResolver) -> None:
    doc = _doc("mr kennedy said the bridge would reopen next week.")
    assert not any(m.actor is not None and m.actor.kind == "person" for m in resolver.mentions(doc))


def test_caseless_view_keeps_offsets() -> None:
    text = "İSTANBUL POLICE SAID"
    assert len(caseless_view(text)) == len(text)


# -- offices at the event's date ----------------------------------------------------------------------
def test_no_date_leaves_the_office_unresolved(resolver: ActorResolver) -> None:
    m = _phrase(resolver, "Mao Zedong addressed the crowd.", "Mao Zedong", published=None)
    assert m.actor.actor_id == "chn.mao"
    assert m.actor.role is None and m.actor.sector != "ELI"
    assert any("no date" in s for s in m.steps)


def test_no_date_surname_of_a_unique_leader_names_the_person(resolver: ActorResolver) -> None:
    m = _phrase(resolver, "Putin warned the West again.", "Putin", published=None)
    assert m.actor.actor_id == "rus.putin" and m.actor.role is None
    assert _phrase(resolver, "Tanaka warned the West again.", "Tanaka", published=None) is None
    m = _phrase(resolver, "Americans back a summit. Biden spoke first.", "Biden", published=None)
    assert m.actor.actor_id == "usa.biden" and m.actor.role is None


def test_roles_stage_rereads_the_office_at_the_event_date(resolver: ActorResolver) -> None:
    doc = _doc("Mao Zedong met the Soviet envoy.", D(2020, 5, 1))
    m = _phrase(resolver, doc.text, "Mao Zedong", published=D(2020, 5, 1))
    assert m.actor.role == "former"
    event = Event("e1", doc.doc_id, 0, doc.text, 0, len(doc.text), "CONSULT", source_text="Mao Zedong",
                  source_country=m.actor.country, source_sector=m.actor.sector, source_actor_id=m.actor.actor_id,
                  source_role=m.actor.role, event_date="1950-02", date_precision="month",
                  date_source="text")  # fmt: skip
    doc.events = [event]
    RoleStage(resolver=resolver)(doc)
    assert event.source_role in ("head_of_state", "party_leader", "supreme_leader")
    assert event.source_sector in ("GOV", "PTY")
    assert event.trace["roles"]


def test_roles_stage_keeps_publication_dates_and_text_titles(resolver: ActorResolver) -> None:
    doc = _doc("Mao Zedong spoke.", D(2020, 5, 1))
    event = Event("e1", doc.doc_id, 0, doc.text, 0, 17, "CONSULT", source_actor_id="chn.mao",
                  source_country="CHN", source_sector="ELI", source_role="former", event_date="2020-05-01",
                  date_source="publication")  # fmt: skip
    titled = Event("e2", doc.doc_id, 0, doc.text, 0, 17, "CONSULT", source_actor_id="chn.mao",
                   source_country="CHN", source_sector="MIL", source_role="military_commander",
                   event_date="1950-02-01", date_source="text")  # fmt: skip
    doc.events = [event, titled]
    RoleStage(resolver=resolver)(doc)
    assert (event.source_role, event.source_sector) == ("former", "ELI")
    assert (titled.source_role, titled.source_sector) == ("military_commander", "MIL")


def test_roles_stage_rereads_an_organisation_sector_at_the_event_date(resolver: ActorResolver) -> None:
    doc = _doc("THE FMLN ATTACKED THE BARRACKS.", None)
    event = Event("e1", doc.doc_id, 0, doc.text, 0, len(doc.text), "ASSAULT", source_actor_id="party.slv.fmln",
                  source_country="SLV", source_sector="PTY", event_date="1989-11-12", date_source="text")  # fmt: skip
    doc.events = [event]
    RoleStage(resolver=resolver)(doc)
    assert event.source_sector == "REB" and event.trace["roles"]


def test_event_day_reads_precisions() -> None:
    assert event_day(Event("e", "d", 0, "", 0, 0, "AID", event_date="1950-10-25")) == D(1950, 10, 25)
    assert event_day(Event("e", "d", 0, "", 0, 0, "AID", event_date="1950-10")) == D(1950, 10, 15)
    assert event_day(Event("e", "d", 0, "", 0, 0, "AID", event_date="1950")) == D(1950, 7, 1)
    assert event_day(Event("e", "d", 0, "", 0, 0, "AID")) is None


def test_roles_stage_runs_after_dates_in_the_default_order() -> None:
    order = Settings().stages
    assert order.index("roles.v1") == order.index("dates.v1") + 1


# -- malformed user files -----------------------------------------------------------------------------
@pytest.mark.parametrize(("body", "line", "reason"), [
    ("orgs:\n  - {id: x.a, name: A, country: IND, sector: REB}\n  - {name: B}\n", 3, "needs 'id'"),
    ("orgs:\n  - {id: x.a, name: A, sector: REBELS}\n", 2, "unknown sector"),
    ("orgs:\n  - {id: x.a, name: A, country: india}\n", 2, "not a code"),
    ("people:\n  - {id: x.p, name: P Q, terms: ['head_of_state 2020-13-01 -']}\n", 2, "bad date"),
    ("groups:\n  - {id: x.a}\n", 1, "unknown section"),
    ("orgs:\n  - {id: x.a, name: [A\n", 3, "invalid YAML"),
    ("orgs:\n  - {id: x.a, name: A, alias: [B]}\n", 2, "unknown field 'alias'"),
    ("- just a list\n", 1, "top level"),
])  # fmt: skip
def test_malformed_user_file_names_file_line_and_reason(tmp_path: Path, body: str, line: int, reason: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ActorFileError) as info:
        ActorResolver([path])
    err = info.value
    assert isinstance(err, ActorError)
    assert err.path == str(path) and err.line == line and reason in err.reason
    assert str(err).startswith(f"{path}, line {line}: ")


def test_well_formed_user_file_passes_and_applies(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("orgs:\n  - {id: x.zorgan, name: Zorgan Front, country: SYR, sector: REB, aliases: [ZF!],"
                    " active: 2031-, source: my notes}\n", encoding="utf-8")  # fmt: skip
    r = ActorResolver([path])
    m = _phrase(r, "The Zorgan Front shelled a village.", "The Zorgan Front")
    assert (m.actor.country, m.actor.sector, m.actor.actor_id) == ("SYR", "REB", "x.zorgan")
    assert r.index.entries["x.zorgan"].source == "my notes"


def test_pipeline_fails_on_a_malformed_file_before_any_document(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("orgs:\n  - {id: x.a}\n", encoding="utf-8")
    with pytest.raises(ActorFileError):
        Pipeline.from_settings(Settings(actors_files=[path]), names=["actors.kb.v1"])
