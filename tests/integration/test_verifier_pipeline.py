"""The verifier and the actor gate in the pipeline; real-news eval and training on a tiny gold of our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

# Our own short reports (not corpus text), with the offsets a gold file would give.
DOCS = {
    "satp-9001": "Police arrested two militants in Raipur district on Monday. The budget struck a balance.",
    "satp-9002": "Suspected Maoists shot dead a villager in Bastar district. Police recovered his body.",
    "satp-9003": "Protesters blocked the highway in Ranchi. Officials urged them to end the blockade.",
    "satp-9004": "Unidentified gunmen killed a shopkeeper in Imphal. Security forces launched a search.",
}


Spec = tuple[str, str, str | None, str | None]  # trigger, type, source phrase, target phrase


def _gold_line(doc: str, split: str, events: list[Spec]) -> dict[str, object]:
    text = DOCS[doc]
    cut = text.index(". ") + 1
    sentences = [[0, cut], [cut + 1, len(text)]]
    out = []
    for sentence_text, type_, source, target in events:
        start = text.index(sentence_text)
        sent = next(s for s in sentences if s[0] <= start < s[1])

        def side(phrase: str | None, sector: str) -> dict[str, object] | None:
            if phrase is None:
                return None
            s = text.index(phrase)
            return {"start": s, "end": s + len(phrase), "country": "IND", "sector": sector}

        out.append({"sentence": sent, "type": type_, "mode": None, "alt_types": [], "factuality": "asserted",
                    "source": side(source, "COP" if source == "Police" else "REB"),
                    "target": side(target, "CVL"), "claimant": None})  # fmt: skip
    return {"corpus": "realnews.jsonl", "doc": doc, "kind": "satp", "split": split, "sentences": sentences,
            "events": out, "decoys": [sentences[1]] if doc == "satp-9001" else []}  # fmt: skip


@pytest.fixture()
def tiny_gold(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = "".join(json.dumps({"id": k, "source": "satp", "text": v}) + "\n" for k, v in DOCS.items())
    (corpus / "realnews.jsonl").write_text(rows, encoding="utf-8")
    lines = [
        _gold_line("satp-9001", "train", [("arrested", "COERCE", "Police", "two militants")]),
        _gold_line("satp-9002", "train", [("shot dead", "ASSAULT", "Suspected Maoists", "a villager")]),
        _gold_line("satp-9003", "dev", [("blocked", "PROTEST", None, None),
                                        ("urged", "REQUEST", None, None)]),
        _gold_line("satp-9004", "test", [("killed", "ASSAULT", None, "a shopkeeper")]),
    ]
    gold = tmp_path / "realnews.jsonl"
    gold.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return gold, corpus


def test_a_non_actor_source_is_kept_as_a_candidate() -> None:
    from tidings.runner import code_text

    from tidings.coding.verify import load_verifier

    doc = code_text("The weather demanded a change of plans. "
                    "Police arrested two smugglers in Kochi.")
    version = load_verifier().version
    assert {e.event_type for e in doc.events} >= {"REQUEST", "COERCE"}
    for e in doc.events:
        assert e.trace["verifier"]["version"] == version and 0.0 <= e.confidence <= 1.0
        assert e.status in ("event", "candidate") and (e.status == "candidate") == bool(e.reason)
        if e.status == "candidate":
            assert e.reason is not None and e.reason.split(":")[0] in ("gate", "verifier")
    weather = next(e for e in doc.events if e.event_type == "REQUEST")
    assert weather.status == "candidate" and weather.reason is not None and weather.reason.startswith("gate:")
    assert doc.accepted_events == [e for e in doc.events if e.status == "event"]


def test_realnews_eval_reports_every_key(tiny_gold: tuple[Path, Path]) -> None:
    from tidings.realnews_eval import evaluate

    gold, corpus = tiny_gold
    report = evaluate(gold, split="train", corpus_dir=corpus)
    for key in ("precision", "recall", "dyad_precision", "dyad_recall", "full_precision", "fp_share",
                "per_corpus", "reliability", "before", "decoy_hits"):  # fmt: skip
        assert key in report
    assert report["documents"] == 2 and report["gold_events"] == 2
    assert report["recall"] > 0  # "arrested" and "shot dead" are plain events


@pytest.mark.slow
def test_training_on_a_tiny_gold_is_deterministic(tiny_gold: tuple[Path, Path], tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from tidings.coding.train import collect, train, write_artifact
    from tidings.coding.verify import load_verifier

    gold, corpus = tiny_gold
    outputs = []
    for n in range(2):
        model = train(collect(gold, corpus))
        write_artifact(model, tmp_path / f"v{n}.json")
        outputs.append((tmp_path / f"v{n}.json").read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert load_verifier(tmp_path / "v0.json").version.startswith("verifier.lr.v2-")
