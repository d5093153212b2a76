"""Real-news gold evaluation: offset alignment, side and type matching, collapsing, the tallies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tidings.errors import ConfigError
from tidings.realnews_eval import (
    Aligner,
    GoldDoc,
    Pred,
    Side,
    collapse,
    is_realnews_gold,
    level,
    load_gold,
    match_sentence,
    score,
    side_ok,
)

RAW = "Police held two men.  Villagers protested.\n\nNothing else happened."
S0, S1, S2 = (0, 20), (22, 42), (44, 66)


def _pred(type_: str = "COERCE", sentence: int = 0, source: Side | None = None, target: Side | None = None,
          confidence: float = 0.8, factuality: str = "asserted", status: str = "event") -> Pred:  # fmt: skip
    return Pred(type_, source, target, factuality, confidence, confidence, status, None, 0, sentence)


POLICE = Side(0, 6, "IND", "COP", "Police")
MEN = Side(12, 19, None, None, "two men")


def _gold_event(type_: str = "COERCE", sentence: tuple[int, int] = S0, **fields: Any) -> dict[str, Any]:
    base = {"sentence": list(sentence), "type": type_, "alt_types": [], "factuality": "asserted",
            "source": {"start": 0, "end": 6, "country": "IND", "sector": "COP"},
            "target": {"start": 8, "end": 19, "country": None, "sector": "CVL"}}  # fmt: skip
    return {**base, **fields}


def _doc(events: list[dict[str, Any]], kind: str = "satp",
         decoys: list[tuple[int, int]] | None = None) -> GoldDoc:  # fmt: skip
    return GoldDoc("realnews.jsonl", f"{kind}-0001", kind, "dev", [S0, S1, S2], events, decoys or [])


def test_aligner_maps_cleaned_offsets_back_to_raw() -> None:
    stored = "Police held two men. Villagers protested.\n\nNothing else happened."
    align = Aligner(stored, RAW)
    start = align(stored.index("Villagers"))
    assert start is not None and RAW[start:start + 9] == "Villagers"
    assert align(0) == 0 and align(None) is None
    assert Aligner("held two", RAW)(0) == 7  # a stored text inside the raw one is a shift


def test_side_ok_uses_country_and_sector_else_span_and_null_means_none() -> None:
    gold = {"start": 0, "end": 6, "country": "IND", "sector": "COP"}
    assert side_ok(POLICE, gold)
    assert not side_ok(Side(0, 6, None, "COP"), gold)
    assert not side_ok(Side(0, 6, "IND", "MIL"), gold)
    assert side_ok(MEN, {"start": 8, "end": 19, "country": None, "sector": "CVL"})  # overlap
    assert not side_ok(POLICE, {"start": 8, "end": 19, "country": None, "sector": "CVL"})
    assert side_ok(None, None) and not side_ok(MEN, None) and not side_ok(None, gold)


def test_level_type_alt_types_dyad_and_full() -> None:
    gold = _gold_event(alt_types=["ASSAULT"])
    assert level(_pred("ASSAULT", source=POLICE, target=MEN), gold) == 3
    assert level(_pred(source=POLICE, target=MEN, factuality="reported"), gold) == 2
    assert level(_pred(source=None, target=MEN), gold) == 1
    assert level(_pred("PROTEST", source=POLICE, target=MEN), gold) == 0


def test_collapse_keeps_one_per_type_source_target() -> None:
    a, b = _pred(source=POLICE, confidence=0.6), _pred(source=POLICE, confidence=0.9)
    assert collapse([a, b]) == [b]
    assert len(collapse([a, _pred("ASSAULT", source=POLICE)])) == 2


def test_match_sentence_is_one_to_one_and_prefers_better_pairs() -> None:
    golds = [_gold_event()]
    weak, strong = _pred(confidence=0.9), _pred(source=POLICE, target=MEN, confidence=0.5)
    assert match_sentence([weak, strong], golds) == [0, 3]


def test_score_counts_fp_share_decoys_and_per_corpus() -> None:
    protest = _gold_event("PROTEST", S1, source=None, target=None)
    gold = [_doc([_gold_event()], decoys=[S2]), _doc([protest], "ipe")]
    preds = [[_pred(source=POLICE, target=MEN), _pred("ASSAULT", sentence=2, source=POLICE),
              _pred("ACCUSE", status="candidate")],
             [_pred("PROTEST", sentence=1, confidence=0.95)]]  # fmt: skip
    report = score(gold, preds)
    assert report["predicted_events"] == 3 and report["gold_events"] == 2
    assert report["precision"] == pytest.approx(2 / 3, abs=1e-3) and report["recall"] == 1.0
    assert report["dyad_precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["full_precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert report["fp_share"] == pytest.approx(1 / 3, abs=1e-3) and report["decoy_hits"] == 1
    assert set(report["per_corpus"]) == {"satp", "ipe"} and report["per_corpus"]["ipe"]["precision"] == 1.0
    top = next(r for r in report["reliability"] if r["bin"] == "0.9-1.0")
    assert top == {"bin": "0.9-1.0", "events": 1, "precision": 1.0, "dyad_precision": 1.0}


def test_load_gold_filters_splits_and_detects_the_format(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    rows = [{"corpus": "realnews.jsonl", "doc": f"satp-000{i}", "kind": "satp", "split": s,
             "sentences": [[0, 5]], "events": [], "decoys": []}
            for i, s in enumerate(("train", "dev", "test"))]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert is_realnews_gold(path)
    assert [g.doc for g in load_gold(path, "dev")] == ["satp-0001"]
    assert len(load_gold(path)) == 3
    with pytest.raises(ConfigError):
        load_gold(path, "holdout")
    sentences = tmp_path / "gsr.jsonl"
    sentences.write_text(json.dumps({"id": "x", "text": "A met B.", "events": []}) + "\n", encoding="utf-8")
    assert not is_realnews_gold(sentences)


def test_eval_cli_without_corpus_exits_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tidings.cli import cli

    path = tmp_path / "gold.jsonl"
    row = {"corpus": "realnews.jsonl", "doc": "satp-0001", "kind": "satp", "split": "dev",
           "sentences": [[0, 5]], "events": [], "decoys": []}  # fmt: skip
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path), "--corpus", str(tmp_path / "absent")])
    assert result.exit_code == 2
    assert "corpus folder" in result.output
