"""Train the candidate verifier (:mod:`tidings.coding.verify`) from the real-news gold: ``make train``.

1. Code the gold's **train** and **dev** documents with the full pipeline, keeping every candidate's
   features (:mod:`tidings.coding.features`); candidates rejected by the actor gate are left out.
2. Label each candidate: **positive when it type-matches a gold event of its sentence** (the gold type
   or an alternative). Dyad is not required: the verifier decides *whether* there is an event; who did
   it is the argument finder's job, and requiring the dyad would teach it to drop real events whose
   actors were misread. (Training on dyad labels is one of the options tried on dev.)
3. Fit a logistic regression (scikit-learn, ``lbfgs``, max-abs scaled features; features seen in fewer
   than 3 training candidates are dropped) on train, for a small grid of options: regularisation ``C``,
   with or without the spaCy context tensors, type or dyad labels; the curated sentences are always extra
   examples (the PLOVER GSR **dev** split, never its test split, and the demo gold), because the
   curated-sentence figures must not fall and the real-news dev objective cannot see them.
4. Calibrate each fit on dev (Platt scaling of the raw score against its labels) and pick the
   threshold on dev: the lowest one that meets dyad precision >= 0.80 and fp_share <= 0.09 (the 0.10
   target with a margin of 0.01 for sampling error; most dyad recall); when no threshold can (the dyad
   depends on the argument finder, which the verifier does not change), the lowest that meets type
   precision >= 0.80 and fp_share <= 0.09 (most dyad recall, then most recall); else the
   best type F0.5. Never one that lowers the GSR dev type F1 by more than 0.01.
   The option with the best dev objective wins.
5. The **dyad head**, the event's confidence: a second logistic regression over the same features,
   labelled **dyad right** (type, source and target right: ``realnews_eval.level >= 2``), fitted on the
   train candidates only (the curated sentences have no dyad labels), ``C`` chosen by the dev ranking
   (area under the ROC curve against the dyad labels), then Platt-calibrated on dev.
6. Write the JSON artifact with the scaling folded into the weights of both heads.

Everything is deterministic: documents in gold order, sorted feature names, a deterministic solver.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tidings.coding.features import FEATURE_GROUPS
from tidings.coding.verify import Head, Verifier, VerifierModel
from tidings.config import Settings
from tidings.model import Event
from tidings.realnews_eval import GoldDoc, Pred, code_gold, load_gold, score

TARGET_DYAD_PRECISION = 0.80
TARGET_FP_SHARE = 0.10
# The threshold must meet the fp_share target on dev with this margin to spare: on ~150 dev events the
# share's sampling error is about 0.025, and a threshold sitting right at 0.10 on dev exceeds it on
# other text about half the time.
FP_MARGIN = 0.01
GSR_TOLERANCE = 0.01
THRESHOLDS = tuple(round(0.025 * k, 3) for k in range(0, 39))
C_GRID = (0.03, 0.1, 0.3, 1.0)
MIN_COUNT = 3
NO_VECTORS = tuple(g for g in FEATURE_GROUPS if g != "vectors")


@dataclass(slots=True)
class Sample:
    """One candidate for training: its features, type label and dyad label."""

    features: dict[str, float]
    label: int
    dyad: int


@dataclass(slots=True)
class TrainingData:
    """Everything a fit needs: train and dev samples, the dev documents and GSR dev events."""

    train: list[Sample] = field(default_factory=list)
    dev: list[Sample] = field(default_factory=list)
    dev_gold: list[GoldDoc] = field(default_factory=list)
    dev_preds: list[list[Pred]] = field(default_factory=list)
    gsr: list[Sample] = field(default_factory=list)
    gsr_gold: list[Any] = field(default_factory=list)
    gsr_events: list[list[Event]] = field(default_factory=list)
    gold_hash: str = ""


def _keep_features(pipeline: Any) -> None:
    for stage in pipeline.stages:
        if hasattr(stage, "verifier"):
            stage.verifier = Verifier(None, keep_features=True)


def samples(gold: Sequence[GoldDoc], preds: Sequence[Sequence[Pred]]) -> list[Sample]:
    """Gate-passing candidates with their labels (type match / dyad match in the candidate's sentence)."""
    from tidings.realnews_eval import level

    out = []
    for g, doc_preds in zip(gold, preds, strict=True):
        for p in doc_preds:
            if p.reason is not None or p.features is None:
                continue
            span = g.sentences[p.sentence] if p.sentence >= 0 else None
            golds = [e for e in g.events if tuple(e["sentence"]) == span]
            best = max((level(p, e) for e in golds), default=0)
            out.append(Sample(p.features, int(best >= 1), int(best >= 2)))
    return out


SentenceData = tuple[list[Any], list[list[Event]], list[Sample]]


def _sentence_samples(path: str | Path, split: str, settings: Settings | None) -> SentenceData:
    """Code a sentence gold file (GSR, demo); its events and samples labelled by type match."""
    from tidings.evaluate import build_pipeline
    from tidings.evaluate import load_gold as load_sentences
    from tidings.model import Document

    gold = load_sentences(path, split)
    pipeline = build_pipeline(settings)
    _keep_features(pipeline)
    docs = [Document(doc_id=f"sentence-{i}", text=g.text) for i, g in enumerate(gold)]
    coded = {d.doc_id: d.events for d in pipeline.run(docs)}
    events = [coded.get(d.doc_id, []) for d in docs]
    found = []
    for g, evs in zip(gold, events, strict=True):
        for e in evs:
            info = e.trace.get("verifier") or {}
            if info.get("gate") is None and info.get("features") is not None:
                right = int(e.event_type in g.types)
                found.append(Sample(info["features"], right, right))
    return gold, events, found


def collect(gold_path: str | Path, corpus_dir: str | Path, settings: Settings | None = None,
            gsr_path: str | Path | None = None,
            demo_path: str | Path | None = None) -> TrainingData:  # fmt: skip
    """Code the train and dev documents, and the GSR dev sentences and the demo gold when they exist."""
    data = TrainingData(gold_hash=hashlib.sha1(Path(gold_path).read_bytes()).hexdigest()[:10])
    for split in ("train", "dev"):
        gold = load_gold(gold_path, split)
        preds = code_gold(gold, corpus_dir, settings, prepare=_keep_features) if gold else []
        found = samples(gold, preds)
        if split == "train":
            data.train = found
        else:
            data.dev, data.dev_gold, data.dev_preds = found, gold, preds
    if gsr_path is not None and Path(gsr_path).exists():
        data.gsr_gold, data.gsr_events, data.gsr = _sentence_samples(gsr_path, "dev", settings)
    if demo_path is not None and Path(demo_path).exists():
        data.gsr += _sentence_samples(demo_path, "all", settings)[2]
    return data


# ------------------------------------------------------------------------------------------ fitting


def fit(train: Sequence[Sample], groups: tuple[str, ...], c: float,
        use_dyad: bool) -> tuple[dict[str, float], float]:  # fmt: skip
    """Weights (scaling folded in) and intercept of a logistic regression on ``train``.

    With fewer than two classes the model is the label prior alone (no weights).
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import MaxAbsScaler

    labels = [s.dyad if use_dyad else s.label for s in train]
    rows = [_select(s.features, groups) for s in train]
    seen = Counter(k for row in rows for k in row)
    # a word seen in fewer than MIN_COUNT candidates gets no weight of its own: it would only memorise
    rows = [{k: v for k, v in row.items() if seen[k] >= MIN_COUNT} for row in rows]
    if len(set(labels)) < 2:
        share = (sum(labels) + 1) / (len(labels) + 2)
        return {}, math.log(share / (1 - share))
    vec = DictVectorizer(sort=True, sparse=True)
    x = vec.fit_transform(rows)
    # Scaled by the largest absolute value only: one-hot features stay 0/1 (z-scoring would blow up the
    # weights of rare words), the tensor dimensions come into [-1, 1].
    scaler = MaxAbsScaler()
    xs = scaler.fit_transform(x)
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=2000)
    model.fit(xs, labels)
    coef = model.coef_[0] / scaler.scale_
    intercept = float(model.intercept_[0])
    weights = {name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), coef, strict=True)
               if abs(w) >= 1e-6}  # fmt: skip
    return weights, round(intercept, 6)


def _select(features: dict[str, float], groups: tuple[str, ...]) -> dict[str, float]:
    if "vectors" in groups:
        return features
    return {k: v for k, v in features.items() if not k.startswith("vec:")}


def platt(raw: Sequence[float], labels: Sequence[int]) -> dict[str, Any]:
    """Platt scaling ``p = sigmoid(a * raw + b)`` fitted on (raw score, label) pairs."""
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:
        return {"kind": "platt", "a": 1.0, "b": 0.0}
    model = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
    model.fit([[r] for r in raw], list(labels))
    return {"kind": "platt", "a": round(float(model.coef_[0][0]), 6),
            "b": round(float(model.intercept_[0]), 6)}  # fmt: skip


# ------------------------------------------------------------------------------------------ threshold


def _scored(preds: Sequence[Sequence[Pred]], model: VerifierModel) -> list[list[tuple[Pred, float]]]:
    """Gate-passing candidates with the model's confidence, each with its event probability."""
    out = []
    for doc_preds in preds:
        row = []
        for p in doc_preds:
            if p.reason is None and p.features is not None:
                feats = _select(p.features, model.groups)
                row.append((replace(p, confidence=model.confidence(feats), status="event"),
                            model.probability(feats)))  # fmt: skip
        out.append(row)
    return out


def _gsr_probs(data: TrainingData, model: VerifierModel | None) -> list[list[tuple[Event, float]]]:
    out = []
    for events in data.gsr_events:
        row = []
        for e in events:
            info = e.trace.get("verifier") or {}
            if info.get("gate") is None:
                prob = model.probability(_select(info.get("features") or {}, model.groups)) if model else 1.0
                row.append((e, prob))
        out.append(row)
    return out


def _gsr_f1(data: TrainingData, probs: list[list[tuple[Event, float]]], threshold: float) -> float:
    from tidings.evaluate import score as score_sentences

    kept = [[e for e, p in row if p >= threshold] for row in probs]
    return float(score_sentences(data.gsr_gold, kept)["type"]["f1"])


def choose_threshold(data: TrainingData,
                     model: VerifierModel) -> tuple[float, dict[str, Any], tuple[Any, ...]]:  # fmt: skip
    """The dev threshold (see the module docstring), its dev figures and its objective (higher is better)."""
    floor = _gsr_f1(data, _gsr_probs(data, None), 0.0) if data.gsr_gold else None
    gsr = _gsr_probs(data, model) if data.gsr_gold else []
    dev = _scored(data.dev_preds, model)
    best: tuple[tuple[Any, ...], float, dict[str, Any]] | None = None
    for t in THRESHOLDS:
        if floor is not None and _gsr_f1(data, gsr, t) < floor - GSR_TOLERANCE:
            continue
        chosen = [[p for p, prob in doc if prob >= t] for doc in dev]
        fig = score(data.dev_gold, chosen, lambda p: True)
        objective = _objective(fig, t)
        if best is None or objective > best[0]:
            best = (objective, t, fig)
    if best is None:
        return 0.0, {}, (0, 0.0, 0.0)
    return best[1], best[2], best[0]


def _objective(fig: dict[str, Any], threshold: float) -> tuple[Any, ...]:
    """Higher is better: the issue's targets met with the most dyad recall; else fp_share and type
    precision met (what the verifier controls: whether there is an event) with the most dyad recall, then
    the most recall; else the best type F0.5. Ties go to the lower threshold."""
    fp_ok = fig["fp_share"] <= TARGET_FP_SHARE - FP_MARGIN
    if fig["dyad_precision"] >= TARGET_DYAD_PRECISION and fp_ok:
        return (2, fig["dyad_recall"], -threshold)
    if fig["precision"] >= TARGET_DYAD_PRECISION and fp_ok:
        return (1, fig["dyad_recall"], fig["recall"], -threshold)
    p, r = fig["precision"], fig["recall"]
    return (0, round(1.25 * p * r / (0.25 * p + r), 4) if p + r else 0.0, -threshold)


def train(data: TrainingData) -> VerifierModel:
    """Fit every option on train, calibrate and threshold on dev; the best by the dev objective."""
    best: tuple[tuple[Any, ...], VerifierModel] | None = None
    labels_dev = [s.label for s in data.dev]
    # The curated sentences (GSR dev split, demo gold) are always extra examples when present: the issue
    # requires the curated-sentence figures not to fall, and the dev objective cannot see them.
    extra_options = (True,) if data.gsr else (False,)
    options = [(groups, c, dyad, extra) for groups in (NO_VECTORS, tuple(FEATURE_GROUPS)) for c in C_GRID
               for dyad in (False, True) for extra in extra_options]  # fmt: skip
    for groups, c, use_dyad, extra in options:
        rows = [*data.train, *(data.gsr if extra else [])]
        weights, intercept = fit(rows, groups, c, use_dyad)
        plain = VerifierModel("", weights, intercept, {"kind": "none"}, 0.0, groups)
        raw = [plain.raw(_select(s.features, groups)) for s in data.dev]
        calibration = platt(raw, labels_dev) if data.dev else {"kind": "none"}
        model = replace(plain, calibration=calibration)
        threshold, fig, objective = choose_threshold(data, model) if data.dev_gold else (0.0, {}, (0,))
        option = {"groups": "all" if "vectors" in groups else "no-vectors", "C": c,
                  "labels": "dyad" if use_dyad else "type", "curated_examples": extra}  # fmt: skip
        meta = {"option": option, "dev": {k: fig.get(k) for k in ("precision", "recall", "dyad_precision",
                                                                  "dyad_recall", "fp_share")},
                "objective": list(objective)}  # fmt: skip
        model = replace(model, threshold=threshold, meta=meta)
        if best is None or objective > best[0]:
            best = (objective, model)
    assert best is not None
    model = best[1]
    dyad, dyad_meta = train_dyad_head(data, model.groups)
    model = replace(model, dyad=dyad)
    if data.dev_gold:
        # the chosen threshold's dev figures again, now that confidence (it orders duplicates) uses the dyad
        model = replace(model, meta={**model.meta, "dev": _dev_figures(data, model)})
    meta = {**model.meta, "dyad_head": dyad_meta, "gold_sha1": data.gold_hash,
            "train_candidates": len(data.train), "dev_candidates": len(data.dev),
            "curated_candidates": len(data.gsr)}  # fmt: skip
    body = json.dumps({"w": model.weights, "b": model.intercept, "c": model.calibration,
                       "t": model.threshold, "d": dyad.to_dict()}, sort_keys=True)  # fmt: skip
    version = f"verifier.lr.v2-{hashlib.sha1(body.encode()).hexdigest()[:10]}"
    return replace(model, version=version, meta=meta)


def _dev_figures(data: TrainingData, model: VerifierModel) -> dict[str, Any]:
    dev = _scored(data.dev_preds, model)
    fig = score(data.dev_gold, [[p for p, prob in doc if prob >= model.threshold] for doc in dev],
                lambda p: True)  # fmt: skip
    return {k: fig.get(k) for k in ("precision", "recall", "dyad_precision", "dyad_recall", "fp_share")}


def auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Area under the ROC curve (ties count half); 0.5 when one class is missing."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return 0.5
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def train_dyad_head(data: TrainingData, groups: tuple[str, ...]) -> tuple[Head, dict[str, Any]]:
    """The dyad head: fitted on the train candidates' dyad labels, ``C`` by dev AUC, calibrated on dev."""
    best: tuple[float, float, Head] | None = None
    dev_labels = [s.dyad for s in data.dev]
    for c in C_GRID:
        weights, intercept = fit(data.train, groups, c, True)
        head = Head(weights, intercept, {"kind": "none"})
        raw = [head.raw(_select(s.features, groups)) for s in data.dev]
        ranking = round(auc(raw, dev_labels), 6) if data.dev else 0.5
        if best is None or ranking > best[0]:
            calibration = platt(raw, dev_labels) if data.dev else {"kind": "none"}
            best = (ranking, c, replace(head, calibration=calibration))
    assert best is not None
    return best[2], {"C": best[1], "dev_auc": best[0], "dev_positives": sum(dev_labels)}


def write_artifact(model: VerifierModel, path: str | Path) -> None:
    """Write the model as stable, indented JSON."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(model.to_dict(), indent=1, sort_keys=False) + "\n", encoding="utf-8")
