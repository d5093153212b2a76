"""Training the verifier: deterministic fits, the threshold objective, an artifact that loads."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sklearn")

from tidings.coding.train import (  # noqa: E402
    NO_VECTORS,
    Sample,
    TrainingData,
    _objective,
    fit,
    train,
    write_artifact,
)
from tidings.coding.verify import load_verifier  # noqa: E402


def _samples() -> list[Sample]:
    out = []
    for i in range(40):
        good = i % 3 != 0
        kind = "source_kind=sector" if good else "source_kind=phrase"
        feats = {kind: 1.0, "rule_confidence": 0.5 + 0.01 * i, f"lemma=w{i % 5}": 1.0}
        out.append(Sample(feats, int(good), int(good and i % 2 == 0)))
    return out


def test_fit_is_deterministic_and_learns_the_signal() -> None:
    a = fit(_samples(), NO_VECTORS, 1.0, False)
    b = fit(_samples(), NO_VECTORS, 1.0, False)
    assert a == b
    weights, _ = a
    assert weights["source_kind=sector"] > 0 > weights["source_kind=phrase"]


def test_fit_with_one_class_is_the_prior() -> None:
    weights, intercept = fit([Sample({"x": 1.0}, 1, 1)] * 3, NO_VECTORS, 1.0, False)
    assert weights == {} and intercept > 0


def test_objective_prefers_met_targets_then_recall() -> None:
    met = {"dyad_precision": 0.85, "fp_share": 0.05, "dyad_recall": 0.4, "precision": 0.9, "recall": 0.5}
    type_only = {**met, "dyad_precision": 0.2}
    neither = {**type_only, "precision": 0.6}
    assert _objective(met, 0.5) > _objective(type_only, 0.1) > _objective(neither, 0.0)
    assert _objective(type_only, 0.3) > _objective(type_only, 0.4)


def test_train_without_dev_documents_writes_a_loadable_deterministic_artifact(tmp_path: Path) -> None:
    data = TrainingData(train=_samples(), dev=_samples()[:12], gold_hash="abc")
    first, second = train(data), train(data)
    assert first == second and first.version.startswith("verifier.lr.v2-")
    write_artifact(first, tmp_path / "v.json")
    loaded = load_verifier(tmp_path / "v.json")
    assert loaded.version == first.version and loaded.weights == first.weights
    assert loaded.probability({"source_kind=sector": 1.0, "rule_confidence": 0.8}) > \
        loaded.probability({"source_kind=phrase": 1.0, "rule_confidence": 0.8})


def test_auc_counts_ranked_pairs_and_ties() -> None:
    from tidings.coding.train import auc

    assert auc([0.9, 0.8, 0.1], [1, 1, 0]) == 1.0
    assert auc([0.1, 0.9], [1, 0]) == 0.0
    assert auc([0.5, 0.5], [1, 0]) == 0.5 and auc([0.3], [1]) == 0.5


def test_train_adds_a_dyad_head_that_ranks_dyad_right_candidates_higher() -> None:
    data = TrainingData(train=_samples(), dev=_samples()[:12], gold_hash="abc")
    model = train(data)
    assert model.dyad is not None and model.meta["dyad_head"]["C"] > 0
    right = {"source_kind=sector": 1.0, "rule_confidence": 0.8}
    both = (model.probability(right) + model.dyad.probability(right)) / 2
    assert model.confidence(right) == pytest.approx(both)
