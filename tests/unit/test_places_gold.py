"""The when/where gold file is well formed (the accuracy itself is measured by benchmarks/when_where_eval.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pycountry
import pytest

from tidings.model import DATE_PRECISIONS, GEO_PRECISIONS

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "when_where.jsonl"
FIELDS = {"id", "text", "published", "anchor", "event_hint", "date", "date_precision", "date_source", "place",
          "place_country", "lat", "lon", "geo_precision"}  # fmt: skip


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_when_where_gold_has_enough_unique_rows(rows: list[dict[str, Any]]) -> None:
    assert len(rows) >= 150
    assert len({r["id"] for r in rows}) == len(rows)
    assert sum(r["id"].startswith("holdout-") for r in rows) >= 20


def test_when_where_gold_rows_are_consistent(rows: list[dict[str, Any]]) -> None:
    width = {"day": 10, "month": 7, "year": 4, "decade": 4}
    for r in rows:
        assert set(r) == FIELDS, r["id"]
        assert r["event_hint"] in r["text"], r["id"]
        assert r["date_precision"] in DATE_PRECISIONS, r["id"]
        if r["date"] is None:
            assert r["date_precision"] == "unknown" and r["date_source"] == "none", r["id"]
        else:
            assert len(r["date"]) == width[r["date_precision"]], r["id"]
            assert r["date_source"] in ("text", "narrative", "publication"), r["id"]
        if r["date_source"] == "narrative":
            assert r["anchor"], r["id"]
        assert r["geo_precision"] in GEO_PRECISIONS, r["id"]
        assert (r["place"] is None) == (r["geo_precision"] == "unknown"), r["id"]
        code = r["place_country"]
        assert code in (None, "KOS") or pycountry.countries.get(alpha_3=code), r["id"]  # never "disputed"
        if r["lat"] is not None:
            assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180, r["id"]


def test_when_where_gold_covers_every_case_class(rows: list[dict[str, Any]]) -> None:
    precisions = {r["date_precision"] for r in rows}
    sources = {r["date_source"] for r in rows}
    geo = {r["geo_precision"] for r in rows}
    assert precisions == set(DATE_PRECISIONS)
    assert sources == {"text", "narrative", "publication", "none"}
    assert {"point", "city", "region", "country", "feature", "unknown"} <= geo


def test_when_where_articles_gold_is_well_formed() -> None:
    path = GOLD.with_name("when_where_articles.jsonl")
    arts = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len({a["id"] for a in arts}) == len(arts) >= 8
    for art in arts:
        pos = 0
        for ev in art["events"]:
            pos = art["text"].index(ev["hint"], pos) + len(ev["hint"])  # hints appear in order
            assert ev["date_source"] in ("text", "narrative", "publication", "document", "none")
            assert (ev["date"] is None) == (ev["date_source"] == "none")
            assert ev["place_country"] is None or pycountry.countries.get(alpha_3=ev["place_country"])
