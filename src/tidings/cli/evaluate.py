"""``tidings eval``: score the coder on a gold JSONL file."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from tidings.cli.output import emit


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")
@click.option("--split", type=click.Choice(["train", "dev", "test", "all"]), default="all", show_default=True,
              help="Real-news gold: its train/dev/test documents. Sentence gold: a stable ~50/50 dev/test "
                   "split by a hash of the sentence id.")  # fmt: skip
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False), default=None,
              help="Real-news gold: the folder with the corpus texts [default: ../shared/corpus from the "
                   "working directory, else beside the repository].")
@click.option("--factuality", is_flag=True, help="Also score factuality and claimant (factuality set).")
@click.option("--lexicon", "lexicon_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra lexicon YAML applied over the built-in one (repeatable).")  # fmt: skip
@click.option("--worst", default=10, show_default=True, help="How many worst sentences to list.")
def eval_command(gold: str, as_json: bool, split: str, corpus_dir: str | None, factuality: bool,
                 lexicon_files: tuple[str, ...], worst: int) -> None:  # fmt: skip
    """Code GOLD and print precision, recall and F1 against it.

    A sentence gold file (PLOVER GSR, the demo gold) gives type/triple scores, per-type scores, the
    worst sentences and a reliability table. A standoff real-news gold file (gold/realnews.jsonl) is
    coded document by document from the corpus texts and gives type, dyad and full precision/recall,
    the false-positive share, decoy hits, per corpus kind, the figures before the actor gate and the
    verifier, and a reliability table; aggregate figures only.

    Example:
        tidings eval ../shared/gold/plover_gsr.jsonl --split dev
        tidings eval gold/realnews.jsonl --split dev --json
    """
    from tidings.config import Settings
    from tidings.errors import ConfigError
    from tidings.realnews_eval import is_realnews_gold

    settings = Settings.load(lexicon_files=list(lexicon_files) or None)
    if is_realnews_gold(gold):
        from tidings.realnews_eval import evaluate as evaluate_realnews

        try:
            real = evaluate_realnews(gold, split=split, corpus_dir=corpus_dir, settings=settings)
        except ConfigError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        if as_json:
            sys.stdout.write(json.dumps(real, ensure_ascii=False, indent=2) + "\n")
        else:
            _print_realnews(real)
        return
    if split == "train":
        raise click.UsageError("--split train is for the real-news gold; sentence gold has dev and test")
    from tidings.evaluate import evaluate

    report = evaluate(gold, split=split, factuality=factuality, settings=settings)
    report["worst"] = report["worst"][:worst]
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return
    _print(report)


def _print(report: dict[str, Any]) -> None:
    head = (f"{report['file']} [{report['split']}]: {report['sentences']} sentences, "
            f"{report['gold_events']} gold events, {report['predicted_events']} predicted")  # fmt: skip
    click.echo(head)
    for err in report.get("errors", []):
        click.echo(f"error: {err}", err=True)
    cols = ("precision", "recall", "f1", "tp", "predicted", "gold")
    emit([{"measure": k, **{m: report[k][m] for m in cols}} for k in ("type", "triple")], "table",
         title="micro P/R/F1 per sentence")  # fmt: skip
    emit([{"type": t, **v} for t, v in report["per_type"].items()], "table", title="per type")
    emit(report["reliability"], "table",
         title="reliability (confidence -> precision of the type / of the full triple)")
    if "factuality" in report:
        fact = report["factuality"]
        emit([{k: v for k, v in fact.items() if k != "confusion"}], "table", title="factuality")
        emit([{"gold->predicted": k, "n": v} for k, v in fact["confusion"].items()], "table")
    emit([{"id": m["id"], "gold": " ".join(m["gold"]), "predicted": " ".join(m["predicted"]),
           "text": m["text"][:90]} for m in report["worst"]], "table", title="worst sentences")  # fmt: skip


_MAIN = ("predicted_events", "gold_events", "precision", "recall", "f1", "dyad_precision", "dyad_recall",
         "full_precision", "fp_share", "decoy_hits")  # fmt: skip


def _print_realnews(report: dict[str, Any]) -> None:
    click.echo(f"{report['file']} [{report['split']}]: {report['documents']} documents, "
               f"{report['sentences']} sentences, {report['gold_events']} gold events")  # fmt: skip
    rows = [{"corpus": "all", **{k: report[k] for k in _MAIN}}]
    rows += [{"corpus": kind, **{k: fig[k] for k in _MAIN}} for kind, fig in report["per_corpus"].items()]
    emit(rows, "table", columns=("corpus", *_MAIN), title="accepted events (type / dyad / full)")
    before = [{"stage": name, **{k: fig[k] for k in _MAIN if k in fig}}
              for name, fig in report["before"].items()]
    emit(before, "table", columns=("stage", *(k for k in _MAIN if k != "gold_events")),
         title="before the actor gate and the verifier")  # fmt: skip
    emit(report["reliability"], "table", title="reliability (confidence -> precision of type / dyad)")
    emit(report["reliability_candidates"], "table",
         title="verifier probability over all gate-passing candidates, accepted or not")


COMMANDS = [eval_command]
