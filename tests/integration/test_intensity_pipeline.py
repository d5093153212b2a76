"""Intensity through the whole pipeline: scored, stored, exported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.export import export
from tidings.runner import code_text
from tidings.store import Store

pytestmark = pytest.mark.model


def test_pipeline_scores_assault_casualties_and_stores_them(tmp_path: Path) -> None:
    doc = code_text("Syrian troops shelled a Lebanese border village on Monday, killing seven farmers and "
                    "wounding 19 others.", published="2024-03-04")  # fmt: skip
    assaults = [e for e in doc.events if e.event_type == "ASSAULT"]
    # the counts go to the ASSAULT whose verb is nearest them ("killing seven farmers" is its own event,
    # a second victim of the shelling, since issue 11)
    counted = [e for e in assaults if e.fatalities is not None]
    assert len(counted) == 1 and counted[0].fatalities == 7 and counted[0].injured == 19
    assert all(e.goldstein is not None and e.quad_class in (1, 2, 3, 4) for e in doc.events)
    with Store(tmp_path / "t.duckdb") as store:
        store.save(doc)
        row = next(r for r in store.events(type="ASSAULT") if r["fatalities"] is not None)
        assert (row["fatalities"], row["injured"], row["quad_class"]) == (7, 19, 4)
        assert row["goldstein"] <= -9.0
        out = tmp_path / "plover.json"
        export(store, "plover-json", out)
    record = next(r for r in json.loads(out.read_text()) if r.get("dead") is not None)
    assert record["dead"] == 7 and record["injured"] == 19 and record["event_scale"] <= -9.0


def test_pipeline_cooperation_scores_positive() -> None:
    doc = code_text("The Japanese prime minister met the Indian prime minister in Delhi on Tuesday.")
    consult = [e for e in doc.events if e.event_type == "CONSULT"]
    assert consult and consult[0].goldstein > 0 and consult[0].quad_class == 1
    assert consult[0].fatalities is None
