"""Extraction benchmark: speed against the code before the redesign and against trafilatura,
which records changed and why, quality against underthesea's NER, and memory.

Prints, in one run:
1. documents/s on one core (the process pinned to one CPU, CPU time, best of ``--rounds``,
   the three contenders taking turns) over the first ``--docs`` corpus articles: vnevents now,
   vnevents as it was at ``--baseline`` (the commit before the redesign, checked out into a
   temporary folder and run in its own process), and ``trafilatura.extract`` on the same texts
   as HTML pages (a <title> and one <p> per line: on bare text it returns None at once);
2. the records that differ between now and the baseline, by field, with the reason when it is
   a listed fix (the "hoặc" normalisation, set-order nondeterminism) and "rules changed" otherwise;
3. people / people+role / places of vnevents and of underthesea's NER on the seeds and dev
   reports, same scorer (``--ner-docs 0`` skips it; needs the ``bench`` extra);
4. peak RSS of ``vnevents extract`` over 1× and 10× the input (streaming: ratio ≤ 1.2);
5. CPU seconds (user + system, median of 5) of ``vnevents extract`` on a one-document input,
   now and at the baseline (target: ≤ 0.5 s).

Usage: python benchmarks/bench_extract.py [--docs 3000] [--rounds 3] [--baseline ad738bd]
                                         [--skip speed,changes,quality,memory,startup]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The commit before the redesign of issue 8 (and before the quality work of issue 7).
BASELINE = "ad738bd"

# Runs in a child process: time one contender on the texts, one core, CPU time.
_TIMER = r"""
import json, os, sys, time
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
kind, src, path, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
if kind == "trafilatura":
    import html
    import trafilatura
    def page(text):  # the same text as the HTML page trafilatura is made for
        lines = [l for l in text.split("\n") if l.strip()] or [""]
        paragraphs = "".join("<p>" + html.escape(l) + "</p>" for l in lines[1:])
        return ("<html><head><title>" + html.escape(lines[0]) + "</title></head>"
                + "<body><article>" + paragraphs + "</article></body></html>")
    texts = [page(t) for t in texts]
    run = lambda t: trafilatura.extract(t)
else:
    sys.path.insert(0, src)
    from vnevents import extract
    run = lambda t: extract(t)
for t in texts[:20]:
    run(t)
best = float("inf")
for _ in range(rounds):
    t0 = time.process_time()
    for t in texts:
        run(t)
    best = min(best, time.process_time() - t0)
print(json.dumps({"docs_per_s": len(texts) / best}))
"""
# Runs in a child process: dump the records of one version.
_DUMP = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from vnevents import extract
from vnevents.record import to_json
out = open(sys.argv[3], "w", encoding="utf-8")
for line in open(sys.argv[2], encoding="utf-8"):
    art = json.loads(line)
    record = to_json(extract(art["text"], doc=art["id"], url=art.get("url")))
    out.write(json.dumps(record, ensure_ascii=False) + "\n")
"""
_CORRUPTED_TONE = re.compile(r"[ọỌ][ăắằẳẵặâấầẩẫậĂẮẰẲẴẶÂẤẦẨẪẬ]")  # "họăc": the old tone fix's damage


def _shared(args: argparse.Namespace) -> Path:
    return Path(args.shared)


def _corpus_sample(shared: Path, n: int, folder: Path) -> Path:
    path = folder / "sample.jsonl"
    with (
        open(shared / "corpus/articles.jsonl", encoding="utf-8") as src,
        path.open("w", encoding="utf-8") as dst,
    ):
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return path


def _baseline_src(rev: str, folder: Path) -> Path:
    """The package as it was at ``rev``, extracted from git into ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder / "src"


def speed(sample: Path, base_src: Path, rounds: int, rev: str) -> None:
    contenders = {
        "vnevents now": ("vnevents", ROOT / "src"),
        f"vnevents at {rev}": ("vnevents", base_src),
        "trafilatura.extract": ("trafilatura", Path("-")),
    }
    best: dict[str, float] = {}
    for _ in range(rounds):  # take turns, so a busy moment hits all three alike
        for name, (kind, src) in contenders.items():
            out = subprocess.run(
                [sys.executable, "-c", _TIMER, kind, str(src), str(sample), "1"],
                check=True,
                capture_output=True,
                text=True,
            )
            best[name] = max(best.get(name, 0.0), json.loads(out.stdout)["docs_per_s"])
    now, before, traf = (
        best["vnevents now"],
        best[f"vnevents at {rev}"],
        best["trafilatura.extract"],
    )
    n = sum(1 for _ in open(sample, encoding="utf-8"))
    print(f"== extraction speed, one core, {n} corpus documents (best of {rounds} turns) ==")
    for name, value in best.items():
        print(f"{name:<26}{value:10.1f} docs/s")
    print(f"{'now / before':<26}{now / before:10.2f}x   (target: >= 2)")
    print(f"{'now / trafilatura':<26}{now / traf:10.2f}x   (target: >= 1.2)")


def changes(sample: Path, base_src: Path, folder: Path, rev: str) -> None:
    """Compare the records of now and of the baseline, field by field."""
    dumps = {}
    for name, src in (("now", ROOT / "src"), ("before", base_src)):
        dumps[name] = folder / f"{name}.jsonl"
        subprocess.run(
            [sys.executable, "-c", _DUMP, str(src), str(sample), str(dumps[name])],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    now = [json.loads(line) for line in dumps["now"].open(encoding="utf-8")]
    before = [json.loads(line) for line in dumps["before"].open(encoding="utf-8")]
    by_field: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    changed = 0
    for a, b in zip(now, before, strict=True):
        fields = [k for k in a if k not in ("id",) and _strip(a.get(k)) != _strip(b.get(k))]
        if not fields:
            continue
        changed += 1
        by_field.update(fields)
        if _CORRUPTED_TONE.search(b["body"]) and not _CORRUPTED_TONE.search(a["body"]):
            reasons["fix: the old tone fix corrupted 'hoặc'-like words (issue 7)"] += 1
        else:
            reasons[
                "rules changed or added (issue 7 quality work), or set-order nondeterminism fixed"
            ] += 1
    print(f"== records changed against {rev}: {changed} of {len(now)} ==")
    for field, count in by_field.most_common():
        print(f"  {field:<12}{count:6d}")
    for reason, count in reasons.most_common():
        print(f"  why: {reason}: {count}")


def _strip(value: object) -> object:
    """A record part without spans (offsets move when the body changes)."""
    if isinstance(value, list):
        return [_strip(v) for v in value]
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "span"}
    return value


# --- quality against underthesea's NER ------------------------------------------------

# Type words that open a LOC entity, mapped to FORMAT.md levels for the baseline.
_LEVEL_WORDS = [
    ("thành phố", "thanh_pho"),
    ("tp.", "thanh_pho"),
    ("tp", "thanh_pho"),
    ("thị xã", "thi_xa"),
    ("quận", "quan"),
    ("huyện", "huyen"),
    ("phường", "phuong"),
    ("xã", "xa"),
    ("thị trấn", "thi_tran"),
    ("tỉnh", "tinh"),
]


def _ner_entities(text: str) -> tuple[list[str], list[str]]:
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
                    (people if label == "PER" else places if label == "LOC" else []).append(
                        " ".join(current)
                    )
                current, label = ([token], tag[2:]) if tag.startswith(("B-", "I-")) else ([], None)
            else:
                current.append(token)
    return people, places


def _ner_record(doc: str, text: str) -> dict:
    people, places = _ner_entities(text)
    out_places = []
    for loc in places:
        level, name = "tinh", loc
        for word, lvl in _LEVEL_WORDS:
            if loc.lower().startswith(word + " "):
                level, name = lvl, loc[len(word) + 1 :]
                break
        out_places.append({"name": name, "level": level, "role": "event"})
    return {
        "doc": doc,
        "people": [{"name": p, "role": "du"} for p in dict.fromkeys(people)],
        "places": out_places[:1],
    }


def quality(shared: Path) -> None:
    from vnevents import extract, to_json
    from vnevents.score import read_jsonl, score

    docs = []
    for gold_file, folder in (
        (shared / "gold/seeds.jsonl", shared / "seeds"),
        (shared / "gold/dev.jsonl", shared / "gold/dev"),
    ):
        docs += [
            (g, (folder / g["doc"]).read_text(encoding="utf-8")) for g in read_jsonl(gold_file)
        ]
    golds = [g for g, _ in docs]
    ours = score([to_json(extract(t, doc=g["doc"])) for g, t in docs], golds)
    base = score([_ner_record(g["doc"], t) for g, t in docs], golds)
    print(f"== quality on {len(docs)} gold documents (seeds + dev), same scorer ==")
    print(f"{'field':<14}{'vnevents':>10}{'underthesea':>13}")
    for field in ("people", "people+role", "places"):
        print(f"{field:<14}{ours.fields[field].score:>10.3f}{base.fields[field].score:>13.3f}")


def _peak_rss_mb(args: list[str]) -> float:
    code = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=True,"
        " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    return int(out.stdout.strip()) / 1024


def memory(shared: Path) -> None:
    corpus = shared / "corpus/articles.jsonl"
    cli = [sys.executable, "-m", "vnevents.cli", "extract", "-o", os.devnull]
    one = _peak_rss_mb(cli + [str(corpus)])
    ten = _peak_rss_mb(cli + [str(corpus)] * 10)
    print("== memory, `vnevents extract` streaming the corpus once and ten times ==")
    print(f"peak RSS 1x  {one:8.1f} MB\npeak RSS 10x {ten:8.1f} MB")
    print(f"ratio        {ten / one:8.2f}   (target: <= 1.2)")


# An invented one-paragraph report: the start-up run reads it and nothing else.
_ONE_DOC = (
    "UBND huyện Đông Sơn tổ chức hội nghị sơ kết 6 tháng đầu năm 2024\n"
    "Sáng 5/7, UBND huyện Đông Sơn tổ chức hội nghị sơ kết công tác 6 tháng đầu năm. "
    "Ông Lê Văn An, Chủ tịch UBND huyện chủ trì; 120 đại biểu dự.\n"
)


def _cpu_seconds(args: list[str], env: dict[str, str]) -> float:
    code = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(u.ru_utime + u.ru_stime)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, env=env
    )
    return float(out.stdout.strip())


def startup(base_src: Path | None, folder: Path, rev: str) -> None:
    one = folder / "one.txt"
    one.write_text(_ONE_DOC, encoding="utf-8")
    cli = [sys.executable, "-m", "vnevents.cli", "extract", str(one)]
    print("== start-up: CPU seconds of `vnevents extract` on one document (median of 5) ==")
    rows = [("now", ROOT / "src")] + ([(rev, base_src)] if base_src else [])
    for name, src in rows:
        env = {**os.environ, "PYTHONPATH": str(src)}
        runs = sorted(_cpu_seconds(cli, env) for _ in range(5))
        print(f"{name:<10}{runs[2]:8.2f} s")
    print("target: <= 0.5 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--shared", default=os.environ.get("VNEVENTS_SHARED", str(ROOT.parent / "shared"))
    )
    parser.add_argument("--docs", type=int, default=3000, help="corpus articles timed and compared")
    parser.add_argument(
        "--rounds", type=int, default=3, help="turns of the speed contest (best kept)"
    )
    parser.add_argument(
        "--baseline", default=BASELINE, help="git revision of the code before the work"
    )
    parser.add_argument(
        "--skip",
        default="",
        help="comma list of parts to skip: speed,changes,quality,memory,startup",
    )
    args = parser.parse_args()
    skip = set(filter(None, re.split(r"[, ]+", args.skip)))
    shared = _shared(args)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sample = _corpus_sample(shared, args.docs, folder)
        base_src = (
            _baseline_src(args.baseline, folder)
            if not {"speed", "changes", "startup"} <= skip
            else None
        )
        if "speed" not in skip and base_src is not None:
            speed(sample, base_src, args.rounds, args.baseline)
        if "changes" not in skip and base_src is not None:
            changes(sample, base_src, folder, args.baseline)
        if "startup" not in skip:
            startup(base_src, folder, args.baseline)
    if "quality" not in skip:
        quality(shared)
    if "memory" not in skip:
        memory(shared)


if __name__ == "__main__":
    main()
