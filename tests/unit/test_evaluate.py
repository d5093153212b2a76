"""Metric math of tidings.evaluate on hand-built predictions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.errors import ConfigError
from tidings.evaluate import GoldSentence, load_gold, score, score_factuality, split_of
from tidings.model import Event


def ev(etype: str, src: str | None = None, tgt: str | None = None, conf: float = 0.8, **kw: object) -> Event:
    return Event(event_id="e", doc_id="d", sentence_index=0, sentence_text="", char_start=0, char_end=0,
                 event_type=etype, source_country=src, target_country=tgt, confidence=conf, **kw)  # type: ignore[arg-type]


def gold(sid: str, *events: tuple[str, str | None, str | None]) -> GoldSentence:
    return GoldSentence(sid, f"text {sid}", [{"plover_type": t, "source_country": s, "target_country": g}
                                             for t, s, g in events])  # fmt: skip


def test_evaluate_score_micro_type_and_triple() -> None:
    golds = [gold("a", ("ASSAULT", "ISR", "LBN")), gold("b", ("AGREE", "USA", None), ("AID", "USA", "JOR")),
             gold("c", ("PROTEST", "FRA", None))]  # fmt: skip
    preds = [[ev("ASSAULT", "ISR", "LBN"), ev("ASSAULT", "ISR", "LBN")],  # duplicate counts once
             [ev("AGREE", "USA", "JOR"), ev("THREATEN", "USA", None)],
             []]  # fmt: skip
    report = score(golds, preds)
    # types: predicted {ASSAULT}, {AGREE, THREATEN}, {} -> tp 2 of 3 predicted, 4 gold
    assert report["type"]["tp"] == 2 and report["type"]["predicted"] == 3 and report["type"]["gold"] == 4
    assert report["type"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["type"]["recall"] == pytest.approx(0.5)
    assert report["type"]["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5), abs=1e-4)
    # triples: only (ISR, LBN, ASSAULT) matches
    assert report["triple"]["tp"] == 1 and report["triple"]["predicted"] == 3
    assert report["per_type"]["THREATEN"]["precision"] == 0.0
    assert report["per_type"]["ASSAULT"]["f1"] == 1.0
    assert report["sentences"] == 3 and report["gold_events"] == 4 and report["predicted_events"] == 4
    assert {m["id"] for m in report["worst"]} == {"b", "c"}


def test_evaluate_reliability_buckets() -> None:
    golds = [gold("a", ("ASSAULT", None, None)), gold("b", ("AGREE", None, None))]
    preds = [[ev("ASSAULT", conf=0.9)], [ev("REJECT", conf=0.95), ev("AGREE", conf=0.2)]]
    rows = {r["bucket"]: r for r in score(golds, preds)["reliability"]}
    assert rows["0.8-1.0"]["events"] == 2 and rows["0.8-1.0"]["precision"] == 0.5
    assert rows["0.0-0.3"]["precision"] == 1.0
    assert rows["0.5-0.6"]["precision"] is None


def test_evaluate_split_is_stable_and_balanced() -> None:
    ids = [f"S-{i}" for i in range(400)]
    dev = [i for i in ids if split_of(i) == "dev"]
    assert split_of("S-1") == split_of("S-1")
    assert 150 < len(dev) < 250


def test_evaluate_load_gold_both_formats(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    rows = [{"id": "x1", "text": "A.", "events": [{"plover_type": "AGREE", "source_country": "USA"}]},
            {"id": "x2", "text": "B.", "event_type": "ASSAULT", "factuality": "negated"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    got = load_gold(path)
    assert [g.types for g in got] == [{"AGREE"}, {"ASSAULT"}]
    assert got[1].events[0]["factuality"] == "negated"
    assert {g.id for g in load_gold(path, "dev")} | {g.id for g in load_gold(path, "test")} == {"x1", "x2"}
    with pytest.raises(ConfigError):
        load_gold(path, "train")


def test_evaluate_score_factuality() -> None:
    golds = [GoldSentence("a", "", [{"plover_type": "ASSAULT", "factuality": "reported", "claimant_country": "PRK",
                                     "claimant_sector": "GOV"}]),
             GoldSentence("b", "", [{"plover_type": "SUPPORT", "factuality": "negated"}])]  # fmt: skip
    preds = [[ev("ASSAULT", factuality="reported", claimant_country="PRK", claimant_sector="MIL")],
             [ev("SUPPORT", factuality="asserted")]]
    rep = score_factuality(golds, preds)
    assert rep["factuality_accuracy"] == 0.5
    assert rep["claimant_country_accuracy"] == 1.0 and rep["claimant_sector_accuracy"] == 0.0
    assert rep["confusion"] == {"negated->asserted": 1, "reported->reported": 1}


def test_evaluate_igo_codes_compared_as_none_for_iso_gold() -> None:
    golds = [gold("a", ("AID", None, "PAK"))]
    assert score(golds, [[ev("AID", "UNO", "PAK")]])["triple"]["tp"] == 1
    igo_gold = [gold("a", ("AID", "UNO", "PAK"))]  # a gold file that uses IGO codes keeps them
    assert score(igo_gold, [[ev("AID", "UNO", "PAK")]])["triple"]["tp"] == 1
    assert score(igo_gold, [[ev("AID", None, "PAK")]])["triple"]["tp"] == 0


def test_evaluate_missing_stage_is_an_error_not_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    from tidings import evaluate
    from tidings.errors import PluginError
    from tidings.pipeline import Pipeline

    def missing(*_a: object, **_k: object) -> None:
        raise PluginError("no stage named 'actors.kb.v1'")

    monkeypatch.setattr(Pipeline, "from_settings", missing)
    with pytest.raises(PluginError, match="actors.kb.v1"):
        evaluate.build_pipeline()
