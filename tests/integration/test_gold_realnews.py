"""The real-news gold file: well-formed standoff offsets into ../shared/corpus, splits, sizes, no copied text."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "gold" / "realnews.jsonl"
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}  # fmt: skip


@pytest.fixture(scope="module")
def gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def texts(shared_dir: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in ("realnews.jsonl", "indiapoliceevents.jsonl"):
        for line in (shared_dir / "corpus" / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            out[row["id"]] = row["text"]
    return out


def test_gold_realnews_has_enough_sentences_per_kind(gold: list[dict[str, Any]]) -> None:
    per_kind = Counter()
    for rec in gold:
        per_kind[rec["kind"]] += len(rec["sentences"])
    assert sum(per_kind.values()) >= 1500
    assert set(per_kind) == {"satp", "insightcrime", "bbc-politics", "muc4", "ipe"}
    assert min(per_kind.values()) >= 250


def test_gold_realnews_every_kind_has_all_three_splits(gold: list[dict[str, Any]]) -> None:
    splits = {(rec["kind"], rec["split"]) for rec in gold}
    for kind in {rec["kind"] for rec in gold}:
        assert {(kind, s) for s in ("train", "dev", "test")} <= splits


def test_gold_realnews_stores_offsets_not_text(gold: list[dict[str, Any]]) -> None:
    raw = GOLD.read_text(encoding="utf-8")
    assert '"text"' not in raw
    for rec in gold:
        assert set(rec) == {"corpus", "doc", "kind", "split", "sentences", "events", "decoys"}


def test_gold_realnews_offsets_fit_the_shared_texts(gold: list[dict[str, Any]], texts: dict[str, str]) -> None:
    for rec in gold:
        text = texts[rec["doc"]]
        sentences = [tuple(s) for s in rec["sentences"]]
        assert sentences == sorted(sentences)
        assert all(0 <= a < b <= len(text) for a, b in sentences)
        assert all(b1 <= a2 for (_, b1), (a2, _) in zip(sentences, sentences[1:]))
        assert all(tuple(d) in set(sentences) for d in rec["decoys"])
        for ev in rec["events"]:
            a, b = ev["sentence"]
            assert (a, b) in set(sentences) and ev["type"] in TYPES
            assert set(ev["alt_types"]) <= TYPES
            assert ev["factuality"] in {"asserted", "reported", "hypothetical", "negated"}
            assert ev["source"] or ev["target"], "an event names at least one actor"
            for role in ("source", "target", "trigger"):
                span = ev.get(role)
                if span:
                    assert a <= span["start"] < span["end"] <= b
                    assert text[span["start"] : span["end"]].strip() == text[span["start"] : span["end"]]
