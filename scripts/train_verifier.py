"""Rebuild the shipped verifier (src/tidings/data/verifier/verifier.json) from the real-news gold.

    python scripts/train_verifier.py [--gold gold/realnews.jsonl] [--corpus ../shared/corpus]
                                     [--gsr ../shared/gold/plover_gsr.jsonl] [--out PATH]

Deterministic: the same gold, corpus and code give the same file. See tidings.coding.train and
docs/coding.md ("The verifier").
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=ROOT / "gold" / "realnews.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--gsr", type=Path, default=ROOT.parent / "shared" / "gold" / "plover_gsr.jsonl")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "src" / "tidings" / "data" / "verifier" / "verifier.json")
    args = parser.parse_args()
    if not args.gold.exists():
        print(f"error: no gold file {args.gold}", file=sys.stderr)
        return 2
    from tidings.coding.train import collect, train, write_artifact

    start = time.monotonic()
    demo = ROOT / "src" / "tidings" / "data" / "demo" / "gold.jsonl"
    data = collect(args.gold, args.corpus, gsr_path=args.gsr, demo_path=demo)
    print(f"coded: {len(data.train)} train, {len(data.dev)} dev, {len(data.gsr)} GSR dev + demo candidates "
          f"({time.monotonic() - start:.0f} s)", file=sys.stderr)
    model = train(data)
    write_artifact(model, args.out)
    print(f"{model.version}: threshold {model.threshold}, {len(model.weights)} weights -> {args.out} "
          f"({time.monotonic() - start:.0f} s)", file=sys.stderr)
    print(json.dumps(model.meta, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
