"""Gazetteer lookups and the places stage on hand-built events (no spaCy model: sentence-level scoping)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import PlaceError
from tidings.geo.gazetteer import Gazetteer, get_gazetteer, lookup_place, normalise
from tidings.model import Document, Event, Sentence
from tidings.stages.places import PlaceStage


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return get_gazetteer()


@pytest.mark.parametrize(("name", "canonical", "country", "precision"), [
    ("the Taiwan Strait", "Taiwan Strait", None, "feature"),
    ("Yalu River", "Yalu River", None, "feature"),
    ("the DMZ", "DMZ", None, "feature"),
    ("Jeju Naval Base", "Jeju Naval Base", "KOR", "point"),
    ("East Sea", "Sea of Japan", None, "feature"),
    ("Senkakus", "Diaoyu Islands", "JPN", "feature"),
    ("Strait of Hormuz", "Strait of Hormuz", None, "feature"),
    ("Camp Humphreys", "Camp Humphreys", "KOR", "point"),
    ("Gaza Strip", "Gaza Strip", "PSE", "region"),
])  # fmt: skip
def test_lookup_place_features(gazetteer: Gazetteer, name: str, canonical: str, country: str | None,
                               precision: str) -> None:  # fmt: skip
    place = lookup_place(name, gazetteer=gazetteer).place
    assert place is not None
    assert (place.name, place.country, place.precision) == (canonical, country, precision)


@pytest.mark.parametrize(("name", "country", "kind"), [
    ("DPRK", "PRK", "country"), ("U.S.", "USA", "country"), ("Burma", "MMR", "country"),
    ("Inchon", "KOR", "city"), ("Kiev", "UKR", "city"), ("Beijing", "CHN", "city"),
])  # fmt: skip
def test_lookup_place_countries_and_cities(gazetteer: Gazetteer, name: str, country: str, kind: str) -> None:
    place = lookup_place(name, gazetteer=gazetteer).place
    assert place is not None and (place.country, place.kind) == (country, kind)


@pytest.mark.parametrize(("context", "expected"), [
    ((), None), (("USA",), "USA"), (("GEO",), "GEO"), (("RUS",), "GEO"),
])  # fmt: skip
def test_lookup_place_ambiguous_georgia_uses_document_countries(gazetteer: Gazetteer, context: tuple[str, ...],
                                                               expected: str | None) -> None:  # fmt: skip
    res = lookup_place("Georgia", context, gazetteer=gazetteer)
    if expected is None:
        assert res.place is None and res.ambiguous
        assert {c.country for c, _ in res.candidates} >= {"USA", "GEO"}
    else:
        assert res.place is not None and res.place.country == expected


def test_lookup_place_population_breaks_ties_unless_context_disagrees(gazetteer: Gazetteer) -> None:
    paris = lookup_place("Paris", gazetteer=gazetteer).place
    assert paris is not None and paris.country == "FRA"
    assert lookup_place("Paris", ("USA",), gazetteer=gazetteer).place is None  # Paris, France or Texas?
    washington = lookup_place("Washington", gazetteer=gazetteer).place
    assert washington is not None and washington.country == "USA" and washington.kind == "city"


def test_lookup_place_unknown_name_has_no_candidates(gazetteer: Gazetteer) -> None:
    res = lookup_place("Nowhereville-on-Sea", gazetteer=gazetteer)
    assert res.place is None and not res.candidates and not res.ambiguous


def test_normalise_folds_case_accents_dots_and_the() -> None:
    assert normalise("The U.S.") == normalise("US") == "us"
    assert normalise("Hagåtña") == "hagatna"
    assert normalise("Nagorno-Karabakh") == normalise("nagorno karabakh")


def test_gazetteer_rejects_bad_extra_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("features:\n  - {name: Somewhere}\n", encoding="utf-8")
    with pytest.raises(PlaceError, match="needs name, lat, lon"):
        Gazetteer([bad], min_city_population=10_000_000)


def test_gazetteer_extra_file_adds_a_feature(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("features:\n  - {name: Fort Imaginary, kind: base, country: KOR, lat: 36.0, lon: 127.0,"
                     " precision: point}\n", encoding="utf-8")  # fmt: skip
    place = Gazetteer([extra], min_city_population=10_000_000).lookup("Fort Imaginary").place
    assert place is not None and place.precision == "point" and place.source == str(extra)


def _doc(
    text: str, verb: str, source: str | None = None, target: str | None = None
) -> tuple[Document, Event]:
    at = text.index(verb)
    event = Event(event_id="e", doc_id="d", sentence_index=0, sentence_text=text, char_start=0, char_end=len(text),
                  event_type="ASSAULT", verb_text=verb, verb_start=at, verb_end=at + len(verb))  # fmt: skip
    if source:
        event.source_start = text.index(source)
        event.source_end = event.source_start + len(source)
    if target:
        event.target_start = text.index(target)
        event.target_end = event.target_start + len(target)
    doc = Document(doc_id="d", text=text, sentences=[Sentence(0, 0, len(text), text)], events=[event])
    return doc, event


@pytest.mark.parametrize(("text", "verb", "source", "target"), [
    ("Seoul said it would respond firmly.", "said", "Seoul", None),
    ("Beijing accused Washington of meddling.", "accused", "Beijing", "Washington"),
    ("Tokyo lodged a protest with Beijing.", "lodged", "Tokyo", "Beijing"),
    ("Washington imposed new sanctions on Pyongyang.", "imposed", "Washington", "Pyongyang"),
    ("Beijing attacked Washington's trade policy.", "attacked", "Beijing", "Washington's trade policy"),
    ("The envoy delivered a warning to Seoul.", "delivered", None, "Seoul"),
])  # fmt: skip
def test_place_stage_capitals_as_actors_are_not_locations(text: str, verb: str, source: str | None,
                                                         target: str | None) -> None:  # fmt: skip
    doc, event = _doc(text, verb, source, target)
    PlaceStage()(doc)
    assert event.location_name is None and event.geo_precision == "unknown"


@pytest.mark.parametrize(("text", "verb", "name", "country", "precision"), [
    ("Protesters rallied at Jeju Naval Base on Tuesday.", "rallied", "Jeju Naval Base", "KOR", "point"),
    ("Officials met in Beijing on Monday.", "met", "Beijing", "CHN", "city"),
    ("The army crossed the Yalu River into the Korean Peninsula.", "crossed", "Yalu River", None, "feature"),
    ("Warships sailed through the Taiwan Strait.", "sailed", "Taiwan Strait", None, "feature"),
    ("Soldiers fired warning shots near the DMZ.", "fired", "DMZ", None, "feature"),
    ("Police in Paris, Texas, arrested two men.", "arrested", "Paris", "USA", "city"),
    ("Shelling hit apartment blocks in Kharkiv in eastern Ukraine.", "hit", "Kharkiv", "UKR", "city"),
    ("The siege of Leningrad lasted nearly 900 days.", "siege", "Leningrad", "RUS", "city"),
    ("Taliban fighters took control of Kabul.", "took", "Kabul", "AFG", "city"),
    ("They won a victory at the Battle of Unsan.", "won", "Unsan", "PRK", "point"),
])  # fmt: skip
def test_place_stage_reads_locative_phrases(text: str, verb: str, name: str, country: str | None,
                                            precision: str) -> None:  # fmt: skip
    doc, event = _doc(text, verb)
    PlaceStage()(doc)
    assert (event.location_name, event.location_country, event.geo_precision) == (name, country, precision)
    assert event.latitude is not None and event.longitude is not None


def test_place_stage_keeps_place_inside_a_longer_source_span() -> None:
    doc, event = _doc("Protesters in Seoul clashed with police.", "clashed", source="Protesters in Seoul")
    PlaceStage()(doc)
    assert event.location_name == "Seoul"


def test_place_stage_leaves_ambiguous_names_unresolved_with_candidates() -> None:
    doc, event = _doc("A rally took place in Georgia.", "took")
    PlaceStage()(doc)
    assert event.location_name is None
    assert {c["country"] for c in event.trace["place_candidates"]["Georgia"]} >= {"USA", "GEO"}


def test_place_stage_resolves_georgia_from_document_countries() -> None:
    doc, event = _doc("Russian troops massed in Georgia near the border with Russia.", "massed")
    PlaceStage()(doc)
    assert (event.location_name, event.location_country) == ("Georgia", "GEO")


@pytest.mark.parametrize(("text", "expected"), [
    ("police opened fire on a mob in vadodara on friday.", "Vadodara"),
    ("violence spread across gujarat in march.", "Gujarat"),
    ("rioters torched shops in nice weather.", None),
    ("the curfew in the old city was lifted.", None),
])  # fmt: skip
def test_find_place_phrases_lower_case_text_only_safe_names(gazetteer: Gazetteer, text: str,
                                                           expected: str | None) -> None:  # fmt: skip
    from tidings.stages.places import find_place_phrases

    names = [p.resolution.place.name for p in find_place_phrases(text, 0, gazetteer) if p.resolution.place]
    assert names == ([expected] if expected else [])


@pytest.mark.parametrize(("name", "country", "in_note"), [
    ("Crimea", "UKR", "RUS"), ("Golan Heights", "SYR", "ISR"), ("Kashmir", "IND", "PAK"),
    ("Azad Kashmir", "PAK", "IND"), ("Western Sahara", "ESH", "MAR"), ("Abkhazia", "GEO", "RUS"),
    ("Transnistria", "MDA", "RUS"), ("West Bank", "PSE", "ISR"), ("Taiwan", "TWN", "CHN"),
    ("Kosovo", "KOS", "SRB"), ("Takeshima", "KOR", "JPN"), ("Northern Territories", "RUS", "JPN"),
    ("Line of Control", None, "PAK"), ("Spratlys", None, "VNM"),
])  # fmt: skip
def test_issue_13_disputed_areas_get_a_filterable_country_and_a_note(gazetteer: Gazetteer, name: str,
                                                                     country: str | None, in_note: str) -> None:  # fmt: skip
    place = lookup_place(name, gazetteer=gazetteer).place
    assert place is not None
    assert place.country == country
    assert place.note is not None and in_note in place.note


def test_issue_13_no_place_has_disputed_as_its_country(gazetteer: Gazetteer) -> None:
    countries = {c.country for cands in gazetteer.index.values() for c in cands}
    assert "disputed" not in countries
    assert all(c is None or (len(c) == 3 and c.isupper()) for c in countries)


def test_issue_13_place_stage_copies_the_dispute_note() -> None:
    doc, event = _doc("Russian warships patrolled off Crimea on Sunday.", "patrolled")
    PlaceStage()(doc)
    assert (event.location_name, event.location_country) == ("Crimea", "UKR")
    assert event.location_note is not None and "RUS" in event.location_note


@pytest.mark.parametrize(("name", "context", "expected"), [
    ("Vuhledar", (), None),  # a town of 14,000: not without a document about Ukraine
    ("Vuhledar", ("UKR",), ("Vuhledar", "UKR")),
    ("Congress", (), None),  # a hamlet in Arizona is not what "in Congress" means
    ("Chasiv Yar", ("UKR", "RUS"), ("Chasiv Yar", "UKR")),
    ("Hostomel", (), ("Hostomel", "UKR")),  # over 15,000 people: found without context
    ("Khan Younis", (), ("Khān Yūnis", "PSE")),  # another spelling of a town over 15,000
    ("Manchuria", (), None),  # another name of Manzhouli (pop. 55,000), not a spelling of it
])  # fmt: skip
def test_issue_13_gazetteer_towns_of_1000_and_spellings(gazetteer: Gazetteer, name: str,
                                                        context: tuple[str, ...],
                                                        expected: tuple[str, str] | None) -> None:  # fmt: skip
    place = gazetteer.lookup(name, context).place
    assert (None if place is None else (place.name, place.country)) == expected


@pytest.mark.parametrize(("name", "word", "kind", "country"), [
    ("Kunduz", None, "city", "AFG"),  # the town beats the province of the same name
    ("Kunduz", "province", "region", "AFG"),
    ("Helmand", None, "region", "AFG"),  # ISO 3166-2 units
    ("Wardak", "province", "region", "AFG"),
    ("Vuhledar", "town", "city", "UKR"),  # "the town of X" lets a small town in without context
])  # fmt: skip
def test_issue_13_gazetteer_admin_units_and_place_words(gazetteer: Gazetteer, name: str, word: str | None,
                                                        kind: str, country: str) -> None:  # fmt: skip
    place = gazetteer.lookup(name, (), place_word=word).place
    assert place is not None and (place.kind, place.country) == (kind, country)


@pytest.mark.parametrize(("text", "verb", "name", "country", "precision"), [
    ("Drones struck a market in Kunduz province overnight.", "struck", "Kunduz province", "AFG", "region"),
    ("Shelling killed two people in the town of Vuhledar.", "killed", "Vuhledar", "UKR", "city"),
    ("Fighters raided Vuhledar village before dawn.", "raided", "Vuhledar village", "UKR", "city"),
    ("Troops pushed deeper into the Kursk region last week.", "pushed", "Kursk region", "RUS", "region"),
    ("Police detained six men in Helmand.", "detained", "Helmand", "AFG", "region"),
])  # fmt: skip
def test_issue_13_place_stage_reads_district_province_village_patterns(text: str, verb: str, name: str,
                                                                       country: str, precision: str) -> None:  # fmt: skip
    doc, event = _doc(text, verb)
    PlaceStage()(doc)
    assert (event.location_country, event.geo_precision) == (country, precision)
    assert any(name in step for step in event.trace["place"])


@pytest.mark.slow
def test_issue_13_gazetteer_rows_compile_and_survive_an_unwritable_cache(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from tidings.geo.gazetteer import normalise
    from tidings.geo.geonames import city_rows, compile_rows

    cities = {"1": {"name": "Vila Nova", "countrycode": "PT", "latitude": 41.1, "longitude": -8.6,
                    "population": 20000, "alternatenames": ["Vila-Nova", "Gaia", "vn", "Вила"]},
              "2": {"name": "Tiny", "countrycode": "PT", "latitude": 41.0, "longitude": -8.0,
                    "population": 900, "alternatenames": []}}  # fmt: skip
    rows = compile_rows(cities, normalise)
    assert rows == [("1", "Vila Nova", "PT", 41.1, -8.6, 20000, ("vila nova",))]
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(blocked / "sub"))
    assert len(city_rows(normalise)) > 100_000  # built in memory when the cache cannot be written


@pytest.mark.parametrize(("text", "verb", "name", "country"), [
    ("Jets bombed camps in Afghanistan's Kunduz province on Friday.", "bombed", "Kunduz", "AFG"),
    ("Soldiers stayed in northern Cyprus all winter.", "stayed", "Northern Cyprus", "CYP"),
    ("Soldiers stayed in northern Syria all winter.", "stayed", "Syria", "SYR"),
])  # fmt: skip
def test_issue_13_possessive_and_direction_names(text: str, verb: str, name: str, country: str) -> None:
    doc, event = _doc(text, verb)
    PlaceStage()(doc)
    assert (event.location_name, event.location_country) == (name, country)


@pytest.mark.parametrize(("text", "verb", "name", "country"), [
    # a local name the gazetteer lacks, with a kind word, is the place, in the country of the place it is in
    ("Gunmen shot a guard in Bazaar Kot area of Mastung District on Monday.", "shot", "Bazaar Kot", "PAK"),
    ("Rebels burned a school at Chama village in Latehar District.", "burned", "Chama", "IND"),
])  # fmt: skip
def test_issue_13_area_of_and_village_are_read_with_care(
    text: str, verb: str, name: str, country: str
) -> None:
    doc, event = _doc(text, verb)
    PlaceStage()(doc)
    assert (event.location_name, event.location_country) == (name, country)


def test_issue_13_village_is_never_a_big_city_and_small_towns_do_not_set_context(
    gazetteer: Gazetteer,
) -> None:
    assert all(c.population <= 100_000 for c in gazetteer.candidates("Chama") if c.country == "SYR") is False
    assert gazetteer.lookup("Chama", (), place_word="village").place is None or (
        gazetteer.lookup("Chama", (), place_word="village").place.population <= 100_000  # type: ignore[union-attr]
    )
    doc, _ = _doc("Rebels burned a school at Chama village.", "burned")
    assert PlaceStage().document_countries(doc) == ()


def test_issue_13_possessive_inside_a_country_name_is_not_split() -> None:
    doc, event = _doc("Fighting raged near the lake in the Democratic People's Republic of Korea.", "raged")
    PlaceStage()(doc)
    assert event.location_country == "PRK"


def _two_sentences(first: str, second: str, verb: str) -> tuple[Document, Event]:
    """A document of two sentences with one event in the first."""
    text = first + " " + second
    at = text.index(verb)
    event = Event(event_id="e", doc_id="d", sentence_index=0, sentence_text=first, char_start=0,
                  char_end=len(first), event_type="ASSAULT", verb_text=verb, verb_start=at,
                  verb_end=at + len(verb))  # fmt: skip
    sents = [Sentence(0, 0, len(first), first), Sentence(1, len(first) + 1, len(text), second)]
    return Document(doc_id="d", text=text, sentences=sents, events=[event]), event


@pytest.mark.parametrize(("first", "second", "name", "country"), [
    # the document's places lie in one country: the local name is there
    ("Gunmen shot a teacher in Dograi area.", "Police in Peshawar opened a case.", "Dograi", "PAK"),
    ("Rebels torched a bus at Kolenga village.", "The bus had left a depot near Raipur.", "Kolenga", "IND"),
    ("Maoists blew up a culvert in Dantewada District.", "Schools in Raipur stayed shut.", "Dantewada", "IND"),
    # not the country of an actor when the document's places lie elsewhere
    ("Militants from Pakistan attacked a post in Kalaroos area.", "Police in Srinagar said so.", "Kalaroos",
     "IND"),
])  # fmt: skip
def test_issue_13_local_names_with_a_kind_word_take_the_documents_place_country(
    first: str, second: str, name: str, country: str
) -> None:
    doc, event = _two_sentences(first, second, first.split()[1])
    PlaceStage()(doc)
    assert (event.location_name, event.location_country) == (name, country)
    assert event.geo_precision in ("point", "region") and event.latitude is None


def test_issue_13_local_name_without_any_place_country_is_not_placed() -> None:
    doc, event = _doc("Gunmen shot a guard in Bazaar Kot area on Monday.", "shot")
    PlaceStage()(doc)
    assert event.location_name is None


@pytest.mark.parametrize(("text", "verb", "name", "country"), [
    # "X District of Y": X inside Y's country, a known town there, else a local place there
    ("Gunmen killed three policemen in Faisalabad District of Punjab on Friday.", "killed", "Faisalabad", "PAK"),
    ("A mortar round hit a house in Gilan District of Ghazni Province.", "hit", "Gilan", "AFG"),
    ("Rebels raided a camp in Dhanusha District of Nepal.", "raided", "Dhanusha", "NPL"),
])  # fmt: skip
def test_issue_13_kind_word_with_an_outer_place_keeps_the_outer_country(
    text: str, verb: str, name: str, country: str
) -> None:
    doc, event = _doc(text, verb)
    PlaceStage()(doc)
    assert (event.location_name, event.location_country) == (name, country)


def test_issue_13_chanda_area_is_local_not_a_small_namesake_abroad() -> None:
    doc, event = _two_sentences("Militants bombed a school in Chanda area.",
                                "Police in Peshawar said schools near Mardan were shut.", "bombed")  # fmt: skip
    PlaceStage()(doc)
    assert (event.location_name, event.location_country) == ("Chanda", "PAK")


@pytest.mark.parametrize(("text", "verb", "name", "country"), [
    ("GUERRILLAS ATTACKED AN ARMY POST IN CHIRILAGUA, SAN MIGUEL DEPARTMENT, ON 3 MAY.", "ATTACKED",
     "Chirilagua", "SLV"),
    ("A BOMB EXPLODED IN A CROWDED DISTRICT OF MEDELLIN LAST NIGHT, WOUNDING SIX PEOPLE.", "EXPLODED",
     "Medellín", "COL"),
    ("TROOPS RAIDED THREE FARMS IN PUERTO BOYACA MUNICIPALITY ON TUESDAY.", "RAIDED", "Puerto Boyacá", "COL"),
])  # fmt: skip
def test_issue_13_all_caps_wire_copy_is_read(text: str, verb: str, name: str, country: str) -> None:
    # the second sentence names the country, in capitals too: the document's context
    second = {"SLV": "THE ARMY OF EL SALVADOR CONFIRMED IT.", "COL": "THE POLICE OF COLOMBIA CONFIRMED IT."}
    doc, event = _two_sentences(text, second[country], verb)
    PlaceStage()(doc)
    assert (event.location_name, event.location_country) == (name, country)


def test_issue_13_all_caps_restores_capitals_only_on_place_words(gazetteer: Gazetteer) -> None:
    from tidings.stages.place_case import is_all_caps, readable_case

    text = "REBELS BURNED A BUS IN NORTHWESTERN SAN SALVADOR ON MONDAY."
    out = readable_case(text, gazetteer)
    assert len(out) == len(text) and is_all_caps(text) and not is_all_caps(out)
    assert "in northwestern San Salvador on monday" in out
    assert not is_all_caps("Rebels burned a bus in San Salvador on Monday.")
