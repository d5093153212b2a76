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
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True,
              help="Stable ~50/50 split of the gold by a hash of the sentence id.")  # fmt: skip
@click.option("--factuality", is_flag=True, help="Also score factuality and claimant (factuality set).")
@click.option("--lexicon", "lexicon_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra lexicon YAML applied over the built-in one (repeatable).")  # fmt: skip
@click.option("--worst", default=10, show_default=True, help="How many worst sentences to list.")
def eval_command(gold: str, as_json: bool, split: str, factuality: bool, lexicon_files: tuple[str, ...],
                 worst: int) -> None:  # fmt: skip
    """Code every sentence of GOLD and print type/triple precision, recall and F1.

    Also prints per-type scores, the worst sentences and a reliability table (confidence bucket ->
    precision of the predicted types).

    Example:
        tidings eval /work/shared/gold/plover_gsr.jsonl --split dev
    """
    from tidings.config import Settings
    from tidings.evaluate import evaluate

    settings = Settings.load(lexicon_files=list(lexicon_files) or None)
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


COMMANDS = [eval_command]
