"""Extraction benchmark: quality against underthesea NER, throughput, memory.

Prints, in one run:
1. people / people+role / places scores of vnevents and of underthesea's NER
   (the generic tool a user would reach for) on the gold documents, scored by
   the same scorer (vnevents.score);
2. documents/s of vnevents.extract on one core over the corpus, next to
   underthesea.ner over the same texts (a ratio);
3. peak RSS of `vnevents extract` over 1× and 10× the input (streaming: the
   ratio should stay within 1.2).

Usage: python benchmarks/bench_extract.py [--shared ../shared] [--ner-docs 300] [--mem-docs 0]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vnevents import extract, to_json
from vnevents.score import read_jsonl, score

ROOT = Path(__file__).resolve().parents[1]

# Type words that open a LOC entity, mapped to FORMAT.md levels for the baseline.
_LEVEL_WORDS = [
    ("thành phố", "thanh_pho"), ("tp.", "thanh_pho"), ("tp", "thanh_pho"), ("thị xã", "thi_xa"),
    ("quận", "quan"), ("huyện", "huyen"), ("phường", "phuong"), ("xã", "xa"),
    ("thị trấn", "thi_tran"), ("tỉnh", "tinh"),
]


def gold_docs(shared: Path) -> list[tuple[dict, str]]:
    """(gold record, text) for the seeds and the dev set."""
    out = []
    for gold_file, folder in ((shared / "gold/seeds.jsonl", shared / "seeds"),
                              (shared / "gold/dev.jsonl", shared / "gold/dev")):
        for g in read_jsonl(gold_file):
            out.append((g, (folder / g["doc"]).read_text(encoding="utf-8")))
    return out


def ner_entities(text: str) -> tuple[list[str], list[str]]:
    """PER and LOC entity strings from underthesea.ner (BIO tags merged)."""
    from underthesea import ner

    people: list[str] = []
    places: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            continue
        current: list[str] = []
        label = None
        for token, _pos, _chunk, tag in ner(paragraph) + [("", "", "", "O")]:
            if tag.startswith("B-") or tag == "O" or (label and tag[2:] != label):
                if current and label:
                    (people if label == "PER" else places if label == "LOC" else []).append(" ".join(current))
                current, label = ([token], tag[2:]) if tag.startswith(("B-", "I-")) else ([], None)
            else:
                current.append(token)
    return people, places


def baseline_record(doc: str, text: str) -> dict:
    """A FORMAT.md record holding what underthesea's NER finds: people and places."""
    people, places = ner_entities(text)
    out_places = []
    for loc in places:
        level, name = "tinh", loc
        for word, lvl in _LEVEL_WORDS:
            if loc.lower().startswith(word + " "):
                level, name = lvl, loc[len(word) + 1 :]
                break
        out_places.append({"name": name, "level": level, "role": "event"})
    return {"doc": doc, "people": [{"name": p, "role": "du"} for p in dict.fromkeys(people)],
            "places": out_places[:1]}


def quality(shared: Path) -> None:
    docs = gold_docs(shared)
    golds = [g for g, _ in docs]
    ours = [to_json(extract(t, doc=g["doc"])) for g, t in docs]
    base = [baseline_record(g["doc"], t) for g, t in docs]
    r_ours, r_base = score(ours, golds), score(base, golds)
    print(f"== quality on {len(docs)} gold documents (seeds + dev), same scorer ==")
    print(f"{'field':<14}{'vnevents':>10}{'underthesea':>13}")
    for field in ("people", "people+role", "places"):
        print(f"{field:<14}{r_ours.fields[field].score:>10.3f}{r_base.fields[field].score:>13.3f}")
    print(f"{'headline':<14}{r_ours.headline:>10.3f}{'(n/a)':>13}")


def corpus_texts(shared: Path, limit: int | None = None) -> list[str]:
    texts = []
    with open(shared / "corpus/articles.jsonl", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def throughput(shared: Path, ner_docs: int) -> None:
    texts = corpus_texts(shared)
    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        extract(text, doc=str(i))
    ours = len(texts) / (time.perf_counter() - t0)
    from underthesea import ner

    sample = texts[:ner_docs]
    ner("khởi động")  # load the model outside the timing
    t0 = time.perf_counter()
    for text in sample:
        ner(text)
    theirs = len(sample) / (time.perf_counter() - t0)
    print(f"== throughput, one core, {len(texts)} corpus documents ==")
    print(f"vnevents.extract   {ours:10.1f} docs/s")
    print(f"underthesea.ner    {theirs:10.1f} docs/s  (over the first {len(sample)} of the same texts)")
    print(f"ratio              {ours / theirs:10.1f}x   (target: >= 500 docs/s)")


def _peak_rss_mb(args: list[str]) -> float:
    code = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024


def memory(shared: Path, mem_docs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / "part.jsonl"
        n = 0
        with open(shared / "corpus/articles.jsonl", encoding="utf-8") as src, part.open("w") as dst:
            for i, line in enumerate(src):
                if mem_docs and i >= mem_docs:
                    break
                dst.write(line)
                n = i + 1
        cli = [sys.executable, "-m", "vnevents.cli", "extract", "-o", os.devnull]
        one = _peak_rss_mb(cli + [str(part)])
        ten = _peak_rss_mb(cli + [str(part)] * 10)
    print(f"== memory, `vnevents extract` streaming, {n} vs {10 * n} documents ==")
    print(f"peak RSS 1x  {one:8.1f} MB")
    print(f"peak RSS 10x {ten:8.1f} MB")
    print(f"ratio        {ten / one:8.2f}   (target: <= 1.2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("VNEVENTS_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--ner-docs", type=int, default=300, help="corpus texts timed through underthesea.ner")
    parser.add_argument(
        "--mem-docs", type=int, default=0, help="documents in the 1x memory run (0: the whole corpus)"
    )
    parser.add_argument("--skip", default="", help="comma list of parts to skip: quality,throughput,memory")
    args = parser.parse_args()
    skip = set(filter(None, re.split(r"[, ]+", args.skip)))
    if "quality" not in skip:
        quality(args.shared)
    if "throughput" not in skip:
        throughput(args.shared, args.ner_docs)
    if "memory" not in skip:
        memory(args.shared, args.mem_docs)


if __name__ == "__main__":
    main()
