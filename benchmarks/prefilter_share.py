"""How much text a sentence pre-filter could skip on real news (the measurement behind README "Speed").

A pre-filter may only skip a sentence that cannot hold an event, a quote or a claim: no quotation mark, no
digit, and no word starting like an event-lexicon lemma or a speech verb (the actor index would keep even
more). This counts, over articles of ../shared/corpus outside the blind-gold pool, the share of sentences
(naive split at . ! ?) and of characters such a filter must keep. Nothing of the texts is printed.

    python benchmarks/prefilter_share.py --n 1500
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
POOL = Path("/work/annot/POOL.txt")
_WORD = re.compile(r"[A-Za-z]+")
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_MARKS = re.compile(r"[\"“”‘’'0-9]")


def stems() -> set[str]:
    from tidings.coding.lexicon import load_lexicon

    lex = load_lexicon()
    out = {"say", "said", "tell", "told"}
    for key in [*lex.verbs, *lex.nouns, *lex.speech]:
        word = re.split(r"[ #]", key)[0].lower()
        out.add(word[:-1] if word.endswith("e") and len(word) > 3 else word)
    return out


def kept(sentence: str, lemma_stems: set[str]) -> bool:
    if _MARKS.search(sentence):
        return True
    return any(w.lower()[:n] in lemma_stems for w in _WORD.findall(sentence) for n in range(3, min(len(w), 12) + 1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1500, help="articles per corpus file")
    args = parser.parse_args()
    pool = set(POOL.read_text(encoding="utf-8").split()) if POOL.is_file() else set()
    lemma_stems = stems()
    sentences = kept_sentences = chars = kept_chars = 0
    for path in sorted(CORPUS.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for i, line in enumerate(handle):
                if i >= args.n:
                    break
                record = json.loads(line)
                if record.get("id") in pool:
                    continue
                for paragraph in str(record.get("text") or "").split("\n"):
                    for sentence in _SENT.split(paragraph):
                        if not sentence.strip():
                            continue
                        sentences += 1
                        chars += len(sentence)
                        if kept(sentence, lemma_stems):
                            kept_sentences += 1
                            kept_chars += len(sentence)
    print(f"{sentences} sentences: a pre-filter must keep {kept_sentences / max(sentences, 1):.1%} of them, "
          f"{kept_chars / max(chars, 1):.1%} of the characters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
