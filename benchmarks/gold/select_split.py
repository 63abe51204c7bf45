"""Draw the reports to annotate from the annotation pool and split them into test and dev.

Reads ``corpus/annotation-pool.txt`` and ``corpus/articles.jsonl`` from the shared folder and
writes ``benchmarks/gold/split.json``: the ids of the test split (frozen before any rule is
changed for them), of the new dev split, and of a second test split (``test2``) drawn next in the
same order once the first test split had been scored and so spent. It selects; it does not
annotate or score.

Selection: pool ids sorted, shuffled with ``random.Random(SEED)``; reports that repeat a seed,
dev or check-set report (same first 100 letters, or 5-word-shingle Jaccard >= 0.5) are skipped;
reports that repeat each other are kept together in one split, so the test split shares no
event report with dev.

Usage:
    python benchmarks/gold/select_split.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261123
N_TEST = 60
N_DEV = 100
# Drawn on 2026-11-24, after `test` was scored once: the next reports in the same order
# (20: what two annotators and an adjudicator can finish in one session).
N_TEST2 = 20
# Two reports sharing half of their 5-word shingles tell the same event (bench_dedup.py
# measured precision 1.000 at this threshold on re-edited corpus reports).
SAME_REPORT = 0.5


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())[:100]


def _shingles(text: str) -> set[str]:
    w = re.findall(r"\w+", text.lower())
    return {" ".join(w[i : i + 5]) for i in range(max(1, len(w) - 4))}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args(argv)
    shared = args.shared or Path(os.environ.get("VNEVENTS_SHARED", HERE.parents[2] / "shared"))
    pool = sorted(
        line.strip() for line in open(shared / "corpus" / "annotation-pool.txt") if line.strip()
    )
    texts: dict[str, str] = {}
    with open(shared / "corpus" / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            texts[art["id"]] = art["text"]
    known = [p.read_text(encoding="utf-8") for p in (shared / "seeds").glob("*.txt")]
    known += [p.read_text(encoding="utf-8") for p in (shared / "gold" / "dev").glob("*.txt")]
    checkset = HERE / "dev-checkset.jsonl"
    if checkset.exists():
        known += [
            texts[json.loads(line)["doc"]]
            for line in open(checkset, encoding="utf-8")
            if line.strip()
        ]
    known_open = {_letters(t) for t in known}
    known_sh = [_shingles(t) for t in known]

    rng = random.Random(SEED)
    order = pool[:]
    rng.shuffle(order)
    sh = {i: _shingles(texts[i]) for i in pool}
    chosen: list[list[str]] = []  # groups of reports of one event
    skipped: list[str] = []
    taken: set[str] = set()
    for doc in order:
        if doc in taken:
            continue
        if _letters(texts[doc]) in known_open or any(
            _jaccard(sh[doc], k) >= SAME_REPORT for k in known_sh
        ):
            skipped.append(doc)
            continue
        group = [doc] + [
            o
            for o in pool
            if o != doc and o not in taken and _jaccard(sh[doc], sh[o]) >= SAME_REPORT
        ]
        taken.update(group)
        chosen.append(group)
        if sum(map(len, chosen)) >= N_TEST + N_DEV + N_TEST2:
            break
    test: list[str] = []
    dev: list[str] = []
    test2: list[str] = []
    for group in chosen:
        if len(test) < N_TEST:
            test.extend(group)
        elif len(dev) < N_DEV:
            dev.extend(group)
        else:
            test2.extend(group)
    out = {
        "seed": SEED,
        "pool": "corpus/annotation-pool.txt",
        "skipped_as_repeats": skipped,
        "test": test,
        "dev": dev,
        "test2": test2,
    }
    (HERE / "split.json").write_text(
        json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(
        f"test {len(test)}, dev {len(dev)}, test2 {len(test2)}, skipped {len(skipped)}; "
        f"groups with repeats: {sum(len(g) > 1 for g in chosen)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
