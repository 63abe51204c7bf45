"""Write the extractor input for a corpus gold set.

Reads ``corpus/articles.jsonl`` from the shared folder and writes, as JSON Lines,
``{"id", "text", "url"}`` for the articles of a gold file (in the gold file's order).
``meta`` is left out on purpose so the extractor sees exactly the text that was annotated.
It does not run the extractor or score anything.

Usage:
    python benchmarks/gold/make_input.py OUT.jsonl \\
        --gold benchmarks/gold/dev.jsonl [--shared ../shared]
    vnevents extract OUT.jsonl -o pred.jsonl
    vnevents eval pred.jsonl benchmarks/gold/dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD = REPO_ROOT / "benchmarks" / "gold" / "dev.jsonl"


def default_shared() -> Path:
    """The shared folder: $VNEVENTS_SHARED, else ../shared next to the repo root."""
    env = os.environ.get("VNEVENTS_SHARED")
    return Path(env) if env else (REPO_ROOT.parent / "shared")


def gold_ids(gold: Path) -> list[str]:
    """Document ids of the gold records, in file order."""
    with open(gold, encoding="utf-8") as f:
        return [json.loads(line)["doc"] for line in f if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="output JSONL path")
    parser.add_argument(
        "--shared",
        type=Path,
        default=None,
        help="shared folder holding corpus/articles.jsonl "
        "(default: $VNEVENTS_SHARED or ../shared relative to the repo root)",
    )
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold file whose ids to export")
    args = parser.parse_args(argv)

    shared = args.shared or default_shared()
    corpus = shared / "corpus" / "articles.jsonl"
    if not corpus.is_file():
        print(f"error: {corpus} not found (pass --shared or set VNEVENTS_SHARED)", file=sys.stderr)
        return 2

    ids = gold_ids(args.gold)
    wanted = set(ids)
    found: dict[str, dict] = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            if art["id"] in wanted:
                found[art["id"]] = {"id": art["id"], "text": art["text"], "url": art.get("url")}
    missing = [i for i in ids if i not in found]
    if missing:
        print(f"error: {len(missing)} gold ids not in the corpus: {missing[:5]}", file=sys.stderr)
        return 1

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for i in ids:
            f.write(json.dumps(found[i], ensure_ascii=False) + "\n")
    print(f"wrote {len(ids)} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
