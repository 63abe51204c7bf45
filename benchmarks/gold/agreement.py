"""Inter-annotator agreement of the double-annotated gold sets, scored with ``vnevents eval``'s
rules.

For each split it prints, per field, annotator A and annotator B against the final gold, and A
against B (A as prediction, B as gold: an F1 is symmetric, an accuracy too). It reads only the
annotation files under ``benchmarks/gold/annotation/``; it runs no extractor.

Usage:
    python benchmarks/gold/agreement.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from vnevents.score import FIELDS, score

HERE = Path(__file__).resolve().parent
ANN = HERE / "annotation"
SPLITS = {"test": ("T1", "T2", "T3"), "dev": ("D1", "D2", "D3", "D4", "D5")}


def _read(folder: str, batches: tuple[str, ...]) -> list[dict]:
    out = []
    for b in batches:
        path = ANN / folder / f"{b}.jsonl"
        if path.exists():
            out += [
                json.loads(line)
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
    return out


def main() -> int:
    for split, batches in SPLITS.items():
        a, b, final = _read("A", batches), _read("B", batches), _read("final", batches)
        if not final:
            continue
        rows = {"A vs final": score(a, final), "B vs final": score(b, final), "A vs B": score(a, b)}
        print(f"== {split}: {len(final)} reports, two annotators, adjudicated ==")
        print(f"{'field':<14}" + "".join(f"{k:>13}" for k in rows))
        for field in FIELDS:
            print(
                f"{field:<14}" + "".join(f"{r.fields[field].score:>13.3f}" for r in rows.values())
            )
        print(f"{'headline':<14}" + "".join(f"{r.headline:>13.3f}" for r in rows.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
