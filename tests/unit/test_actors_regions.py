"""Resolution of armed groups, criminal organisations and parties, region by region (issue 12).

Sentences written for these tests; each case: (sentence, phrase, date, country, sector).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.kb.resolver import ActorResolver, shared_resolver
from tidings.model import Document

D = dt.date
CASES: dict[str, list[tuple[str, str, dt.date, str, str]]] = {
    "south_asia": [
        ("ULFA-I cadres set off a blast near a tea garden.", "ULFA-I cadres", D(2019, 3, 1), "IND", "REB"),
        ("The NSCN-IM denied any role in the ambush.", "The NSCN-IM", D(2016, 1, 1), "IND", "REB"),
        ("A Garo National Liberation Army commander surrendered.", "A Garo National Liberation Army commander",
         D(2015, 1, 1), "IND", "REB"),
        ("The Hizbul Mujahideen claimed the grenade attack.", "The Hizbul Mujahideen", D(2018, 1, 1), "IND", "REB"),
        ("Lashkar-e-Taiba operatives were arrested.", "Lashkar-e-Taiba operatives", D(2010, 1, 1), "PAK", "REB"),
        ("The Tehreek-e-Taliban Pakistan attacked a checkpost.", "The Tehreek-e-Taliban Pakistan",
         D(2014, 1, 1), "PAK", "REB"),
        ("BLA fighters blew up a gas pipeline.", "BLA fighters", D(2012, 1, 1), "PAK", "REB"),
        ("The PML-N and the PPP formed a coalition in Islamabad.", "The PML-N", D(2024, 2, 1), "PAK", "PTY"),
        ("JMB militants were detained in a raid.", "JMB militants", D(2016, 7, 1), "BGD", "REB"),
        ("The Awami League called a general strike.", "The Awami League", D(2013, 1, 1), "BGD", "PTY"),
        ("The Communist Party of Nepal (Maoist) declared a people's war.",
         "The Communist Party of Nepal (Maoist)", D(1996, 3, 1), "NPL", "REB"),
        ("The Communist Party of Nepal (Maoist) won the assembly election.",
         "The Communist Party of Nepal (Maoist)", D(2008, 4, 20), "NPL", "PTY"),
        ("The TMVP accused the LTTE of abductions.", "The TMVP", D(2006, 1, 1), "LKA", "REB"),
        ("The Haqqani Network was blamed for the truck bomb.", "The Haqqani Network", D(2011, 1, 1), "AFG", "REB"),
        ("The Trinamool Congress won the state election.", "The Trinamool Congress", D(2021, 5, 2), "IND", "PTY"),
        ("The Hurriyat Conference called for a shutdown.", "The Hurriyat Conference", D(2016, 7, 9), "IND", "OPP"),
    ],
    "latin_america": [
        ("The ELN bombed an oil pipeline in Arauca.", "The ELN", D(2019, 1, 1), "COL", "REB"),
        ("Clan del Golfo gunmen imposed a curfew on the town.", "Clan del Golfo gunmen", D(2022, 5, 6), "COL", "CRM"),
        ("The AUC disarmed in 2006.", "The AUC", D(2006, 1, 1), "COL", "PRM"),
        ("The Sinaloa Cartel fought the CJNG for the plaza.", "The Sinaloa Cartel", D(2020, 1, 1), "MEX", "CRM"),
        ("Los Zetas kidnapped migrants on the highway.", "Los Zetas", D(2010, 8, 1), "MEX", "CRM"),
        ("MS-13 members extorted bus drivers.", "MS-13 members", D(2019, 1, 1), "SLV", "CRM"),
        ("Barrio 18 leaders rejected the truce.", "Barrio 18 leaders", D(2013, 1, 1), "SLV", "CRM"),
        ("The URNG signed the peace accords.", "The URNG", D(1996, 12, 1), "GTM", "REB"),
        ("Los Cachiros laundered money through cattle ranches.", "Los Cachiros", D(2013, 1, 1), "HND", "CRM"),
        ("The Sandinistas seized Managua.", "The Sandinistas", D(1979, 7, 1), "NIC", "REB"),
        ("The Militarized Communist Party of Peru ambushed a patrol in the VRAEM.",
         "The Militarized Communist Party of Peru", D(2016, 4, 1), "PER", "REB"),
        ("Tren de Aragua controlled the prison.", "Tren de Aragua", D(2023, 9, 1), "VEN", "CRM"),
        ("The PCC ordered attacks on buses in Sao Paulo.", "The PCC", D(2006, 5, 1), "BRA", "CRM"),
        ("The FMLN guerrillas launched an offensive on the capital.", "The FMLN guerrillas",
         D(1989, 11, 11), "SLV", "REB"),
    ],
    "middle_east": [
        ("The Popular Mobilization Forces shelled the village.", "The Popular Mobilization Forces",
         D(2017, 1, 1), "IRQ", "REB"),
        ("Kataib Hezbollah fired rockets at the base.", "Kataib Hezbollah", D(2020, 1, 1), "IRQ", "REB"),
        ("The PFLP claimed the shooting.", "The PFLP", D(2001, 1, 1), "PSE", "REB"),
        ("YPG fighters held the town.", "YPG fighters", D(2015, 1, 1), "SYR", "REB"),
        ("The AKP lost Istanbul in the local elections.", "The AKP", D(2019, 3, 31), "TUR", "PTY"),
        ("AQAP claimed the attack in Mukalla.", "AQAP", D(2015, 4, 1), "YEM", "REB"),
        ("The Muslim Brotherhood called for protests.", "The Muslim Brotherhood", D(2013, 7, 5), "EGY", "REB"),
    ],
    "africa": [
        ("ISWAP fighters overran a military base.", "ISWAP fighters", D(2019, 1, 1), "NGA", "REB"),
        ("M23 rebels captured Goma.", "M23 rebels", D(2012, 11, 20), "COD", "REB"),
        ("The Janjaweed burned the villages.", "The Janjaweed", D(2004, 1, 1), "SDN", "PRM"),
        ("Anti-balaka militias attacked the convoy.", "Anti-balaka militias", D(2014, 1, 1), "CAF", "PRM"),
        ("The TPLF rejected the election delay.", "The TPLF", D(2020, 6, 1), "ETH", "PTY"),
        ("The Polisario Front accused Morocco of violating the ceasefire.", "The Polisario Front",
         D(2020, 11, 14), "ESH", "REB"),
        ("ZANU-PF supporters beat opposition activists.", "ZANU-PF supporters", D(2008, 6, 1), "ZWE", "PTY"),
    ],
    "europe": [
        ("ETA announced a permanent ceasefire.", "ETA", D(2011, 1, 1), "ESP", "REB"),
        ("The SNP demanded a second referendum.", "The SNP", D(2017, 3, 13), "GBR", "PTY"),
        ("The Lib Dems lost seats to the Conservatives.", "The Lib Dems", D(2015, 5, 8), "GBR", "PTY"),
        ("The AfD entered the Bundestag.", "The AfD", D(2017, 9, 24), "DEU", "PTY"),
        ("Fidesz won a two-thirds majority.", "Fidesz", D(2018, 4, 8), "HUN", "PTY"),
        ("Donetsk People's Republic forces shelled the town.", "Donetsk People's Republic forces",
         D(2015, 1, 1), "UKR", "REB"),
        ("The INLA killed a loyalist prisoner.", "The INLA", D(1997, 12, 27), "GBR", "REB"),
    ],
    "east_asia": [
        ("The New People's Army ambushed soldiers in Samar.", "The New People's Army", D(2019, 1, 1), "PHL", "REB"),
        ("The Kachin Independence Army clashed with the Tatmadaw.", "The Kachin Independence Army",
         D(2018, 1, 1), "MMR", "REB"),
        ("The BRN rejected the talks.", "The BRN", D(2015, 1, 1), "THA", "REB"),
        ("The UMNO-led coalition lost power.", "UMNO", D(2018, 5, 10), "MYS", "PTY"),
        ("Aum Shinrikyo released sarin on the subway.", "Aum Shinrikyo", D(1995, 3, 20), "JPN", "REB"),
    ],
}
ALL = [(region, *case) for region, cases in CASES.items() for case in cases]


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return shared_resolver()


@pytest.mark.parametrize(("region", "sentence", "phrase", "date", "country", "sector"), ALL,
                         ids=[f"{c[0]}:{c[2][:30]}" for c in ALL])  # fmt: skip
def test_group_resolves_per_region(resolver: ActorResolver, region: str, sentence: str, phrase: str,
                                   date: dt.date, country: str, sector: str) -> None:  # fmt: skip
    doc = Document(Document.make_id(sentence), sentence, published=date)
    doc.mentions = resolver.mentions(doc)
    start = sentence.index(phrase)
    m = resolver.resolve_phrase(doc, start, start + len(phrase))
    assert m is not None and m.actor is not None, (region, phrase)
    assert (m.actor.country, m.actor.sector) == (country, sector), m.steps


@pytest.mark.parametrize(("sentence", "phrase", "country"), [
    ("ulfa-i cadres triggered a blast near the tea estate, assam police said.", "ulfa-i cadres", "IND"),
    ("the nscn-im denied any role in the killing.", "the nscn-im", "IND"),
    ("cpi (maoist) cadres torched a road roller.", "cpi (maoist) cadres", "IND"),
    ("ms-13 members were jailed in san salvador, el salvador.", "ms-13 members", "SLV"),
    ("THE ELN DYNAMITED AN OIL PIPELINE, THE COLOMBIAN ARMY SAID.", "THE ELN", "COL"),
    ("THE TUPAC AMARU REVOLUTIONARY MOVEMENT TOOK HOSTAGES.", "THE TUPAC AMARU REVOLUTIONARY MOVEMENT", "PER"),
])  # fmt: skip
def test_groups_resolve_in_lowercase_and_all_caps(resolver: ActorResolver, sentence: str, phrase: str,
                                                  country: str) -> None:  # fmt: skip
    doc = Document(Document.make_id(sentence), sentence, published=D(2012, 1, 1))
    doc.mentions = resolver.mentions(doc)
    start = sentence.index(phrase)
    m = resolver.resolve_phrase(doc, start, start + len(phrase))
    assert m is not None and m.actor is not None and m.actor.country == country, (m and m.steps)
