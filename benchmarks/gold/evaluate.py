"""Score the extractor on the gold sets, field by field, with ``vnevents eval``'s rules.

The sets are listed in ``SETS``: the five seeds and the 20 dev reports shipped in the shared
folder, and the corpus sets annotated for this project (``dev-checkset``, ``dev-pool``,
``test``). Corpus texts are read from ``corpus/articles.jsonl`` with their URL and nothing else,
as annotated. ``--errors`` lists a dev set's differences document by document; it refuses the
test split, which is scored, never studied.

Usage:
    python benchmarks/gold/evaluate.py                  # every dev set and the seeds
    python benchmarks/gold/evaluate.py dev-pool --errors people+role
    python benchmarks/gold/evaluate.py test             # once, at the end of a piece of work
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from vnevents import extract, to_json
from vnevents.score import FIELDS, Report, score, score_pair

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


@dataclass(frozen=True)
class GoldSet:
    name: str
    gold: str  # "shared:…" inside the shared folder, else relative to the repo
    texts: str | None = None  # a folder of text files named by ``doc``; None: the corpus
    frozen: bool = False


SETS = (
    GoldSet("seeds", "shared:gold/seeds.jsonl", "shared:seeds"),
    GoldSet("dev", "shared:gold/dev.jsonl", "shared:gold/dev"),
    GoldSet("dev-checkset", "benchmarks/gold/dev-checkset.jsonl"),
    GoldSet("dev-pool", "benchmarks/gold/dev.jsonl"),
    GoldSet("test", "benchmarks/gold/test.jsonl", frozen=True),
)
BY_NAME = {s.name: s for s in SETS}


def shared_dir() -> Path:
    """The shared folder: $VNEVENTS_SHARED, else ../shared beside the repository."""
    return Path(os.environ.get("VNEVENTS_SHARED", ROOT.parent / "shared"))


def _path(spec: str) -> Path:
    return shared_dir() / spec[7:] if spec.startswith("shared:") else ROOT / spec


@cache
def _corpus() -> dict[str, dict[str, Any]]:
    out = {}
    with open(shared_dir() / "corpus" / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            out[art["id"]] = art
    return out


def available(gold_set: GoldSet) -> bool:
    """Whether the set's gold and texts are on this machine."""
    if not _path(gold_set.gold).exists():
        return False
    if gold_set.texts is not None:
        return _path(gold_set.texts).is_dir()
    return (shared_dir() / "corpus" / "articles.jsonl").exists()


def golds(gold_set: GoldSet) -> list[dict[str, Any]]:
    lines = _path(gold_set.gold).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def predictions(gold_set: GoldSet) -> list[dict[str, Any]]:
    """The extractor's records for the set's documents, in gold order."""
    out = []
    for g in golds(gold_set):
        if gold_set.texts is not None:
            text = (_path(gold_set.texts) / g["doc"]).read_text(encoding="utf-8")
            record = extract(text, doc=g["doc"])
        else:
            art = _corpus()[g["doc"]]
            record = extract(art["text"], doc=art["id"], url=art.get("url"))
        out.append(to_json(record))
    return out


def evaluate(gold_set: GoldSet) -> Report:
    return score(predictions(gold_set), golds(gold_set))


def scores(report: Report) -> dict[str, float]:
    out = {f: c.score for f, c in report.fields.items()}
    out["headline"] = report.headline
    return out


def _errors(gold_set: GoldSet, field: str) -> None:
    """Print each document whose ``field`` differs (a dev set only)."""
    for pred, gold in zip(predictions(gold_set), golds(gold_set), strict=True):
        report = Report()
        score_pair(report, pred, gold)
        c = report.fields[field]
        if (c.is_set and (c.fp or c.fn)) or (not c.is_set and c.right < c.total):
            key = {"people+role": "people", "event.type": "event", "event.date": "event"}.get(
                field, field
            )
            print(
                f"--- {gold['doc']}\n  gold: {json.dumps(gold.get(key), ensure_ascii=False)}\n"
                f"  pred: {json.dumps(_strip(pred.get(key)), ensure_ascii=False)}"
            )


def _strip(value: Any) -> Any:
    if isinstance(value, list):
        return [_strip(v) for v in value]
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in ("span", "today", "code", "expanded")}
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "sets", nargs="*", help=f"sets to score (default: all but test): {', '.join(BY_NAME)}"
    )
    parser.add_argument(
        "--errors", metavar="FIELD", choices=FIELDS, help="list a dev set's errors on FIELD"
    )
    args = parser.parse_args(argv)
    chosen = [BY_NAME[s] for s in args.sets] if args.sets else [s for s in SETS if not s.frozen]
    if args.errors:
        if any(s.frozen for s in chosen):
            print(
                "error: the test split is scored, never studied: --errors works on dev sets only",
                file=sys.stderr,
            )
            return 2
        for s in chosen:
            _errors(s, args.errors)
        return 0
    results = {s.name: scores(evaluate(s)) for s in chosen if available(s)}
    print(f"{'field':<14}" + "".join(f"{name:>14}" for name in results))
    for field in (*FIELDS, "headline"):
        print(f"{field:<14}" + "".join(f"{r[field]:>14.3f}" for r in results.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
