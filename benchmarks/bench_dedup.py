"""Near-duplicate benchmark: precision and recall of duplicate pairs over a grid.

Builds a test set from ../shared/corpus/articles.jsonl: every public-sector
report, plus re-edited copies of a seeded sample of them (furniture added, a
sentence reworded, a caption removed, a title changed — the edits a report
goes through when a district portal or a newspaper re-publishes it). The
reports themselves are the negatives; pairs of distinct reports of the same
event type from the same province are the hard negatives. Deterministic.

    python benchmarks/bench_dedup.py [--corpus PATH] [--seed 7] [--copies 300]

Prints the grid (shingle words x threshold x num_perm), the Jaccard gap
between duplicate pairs and hard negatives, and the chosen constants' scores.
The constants in src/vnevents/dedup.py come from this output.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

from datasketch import MinHashLSH

from vnevents import dedup
from vnevents.record import fold
from vnevents.stages.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VNEVENTS_SHARED", ROOT / ".." / "shared"))

GRID_SHINGLES = (2, 3, 4, 5, 7)
GRID_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
GRID_PERMS = (64, 128, 256)

# --- the edit generator -------------------------------------------------------

# Page furniture as re-publishing sites print it (invented, not copied).
HEADERS = [
    "Trang chủ » Thời sự » Chính trị",
    "Trang chủ > Tin tức > Địa phương",
    "Cổng thông tin điện tử huyện",
    "Báo điện tử Đảng bộ tỉnh",
    "Cập nhật lúc {h:02d}:{m:02d} ngày {d:02d}/{mo:02d}/20{y:02d}",
    "Thứ {wd}, {d:02d}/{mo:02d}/20{y:02d} {h:02d}:{m:02d} GMT+7",
    "Cỡ chữ: A A A | In bài viết",
]
FOOTERS = [
    "Lượt xem: {n}",
    "Chia sẻ: Facebook | Zalo | Email",
    "{name} - Trung tâm Văn hóa, Thông tin và Thể thao huyện",
    "Nguồn: {name}",
    "Bản quyền thuộc Cổng thông tin điện tử. Ghi rõ nguồn khi phát hành lại thông tin từ website "
    "này.",
    "Từ khóa: hội nghị, chính quyền, địa phương",
    "Bình luận (0) | Gửi bình luận",
]
BYLINES = ["Minh Anh", "Thu Hà", "Quốc Việt", "Hoàng Long", "P.V", "Thanh Tâm"]
# Rewordings a copy editor makes; each pair is (as printed, as re-edited).
REWORDS = [
    ("tổ chức", "tiến hành"),
    ("đồng chí", "ông"),
    ("cho biết", "nhấn mạnh"),
    ("UBND", "Ủy ban nhân dân"),
    ("Ủy ban nhân dân", "UBND"),
    ("nhằm", "để"),
    ("đề nghị", "yêu cầu"),
    ("thời gian qua", "vừa qua"),
    ("đã", ""),
    ("các", "những"),
    ("tham dự", "dự"),
    ("với", "cùng"),
]
_SENT = re.compile(r"(?<=[.!?…])\s+")


def _sentences(line: str) -> list[str]:
    return [s for s in _SENT.split(line) if s.strip()]


def _has_title(lines: list[str]) -> bool:
    """Whether line 1 is a headline (some sources store the body alone, on one line)."""
    return len(lines) > 1 and len(lines[0].split()) <= 40


def add_furniture(text: str, rng: random.Random, titles: list[str]) -> str:
    """Menus and dates above, byline, counters and related links below."""
    fill = {
        "h": rng.randrange(24),
        "m": rng.randrange(60),
        "d": rng.randrange(1, 29),
        "mo": rng.randrange(1, 13),
        "y": rng.randrange(13, 26),
        "wd": rng.randrange(2, 8),
        "n": rng.randrange(50, 5000),
        "name": rng.choice(BYLINES),
    }
    head = [h.format(**fill) for h in rng.sample(HEADERS, rng.randrange(1, 4))]
    foot = [rng.choice(BYLINES)] + [
        f.format(**fill) for f in rng.sample(FOOTERS, rng.randrange(1, 4))
    ]
    if rng.random() < 0.6:
        foot.append("Tin liên quan:")
        foot += rng.sample(titles, 3)
    lines = text.split("\n")
    return "\n".join(lines[:1] + head + lines[1:] + foot)


def reword_sentence(text: str, rng: random.Random) -> str:
    """One sentence re-edited: words swapped for synonyms, or a clause dropped."""
    lines = text.split("\n")
    first = int(_has_title(lines))
    body_rows = [i for i, line in enumerate(lines) if i >= first and len(line.split()) > 8]
    if not body_rows:
        return text
    row = rng.choice(body_rows)
    sents = _sentences(lines[row])
    k = rng.randrange(len(sents))
    sent = sents[k]
    options = [(a, b) for a, b in REWORDS if a in sent]
    if options and rng.random() < 0.7:
        for a, b in rng.sample(options, min(len(options), 2)):
            sent = re.sub(r"\s+", " ", sent.replace(a, b, 1)).strip()
    else:
        clauses = sent.split(", ")
        if len(clauses) > 1:
            clauses.pop(rng.randrange(1, len(clauses)))
            sent = ", ".join(clauses)
        else:
            words = sent.split()
            cut = rng.randrange(len(words) // 2, len(words)) if len(words) > 3 else len(words)
            sent = " ".join(words[:cut])
    sents[k] = sent
    lines[row] = " ".join(sents)
    return "\n".join(lines)


def remove_caption(text: str, rng: random.Random) -> str:
    """Drop a photo caption: a short line, else a short sentence inside a line."""
    lines = text.split("\n")
    first = int(_has_title(lines))
    short = [
        i for i, line in enumerate(lines) if i >= max(first, 1) and 0 < len(line.split()) <= 15
    ]
    if short:
        del lines[rng.choice(short)]
        return "\n".join(lines)
    cands = [
        (i, j)
        for i, line in enumerate(lines)
        if i >= first
        for j, s in enumerate(_sentences(line))
        if j > 0 and len(s.split()) <= 20  # not the lead sentence
    ]
    if not cands:
        return text
    i, j = rng.choice(cands)
    sents = _sentences(lines[i])
    del sents[j]
    lines[i] = " ".join(sents)
    return "\n".join(lines)


def change_title(text: str, rng: random.Random, provinces: list[str]) -> str:
    """Another headline: a place prefix, words dropped, or a synonym swap."""
    lines = text.split("\n")
    if not _has_title(lines):
        # The source printed none: the re-publisher adds its own headline.
        return f"{rng.choice(provinces)}: {' '.join(lines[0].split()[:12])}\n{text}"
    words = lines[0].split()
    choice = rng.randrange(3)
    if choice == 0:
        lines[0] = f"{rng.choice(provinces)}: {lines[0]}"
    elif choice == 1 and len(words) > 4:
        lines[0] = " ".join(words[: rng.randrange(3, len(words))])
    else:
        lines[0] = reword_sentence("x\n" + lines[0] + " bổ sung thêm", rng).split("\n")[1]
    return "\n".join(lines)


def edited_copy(text: str, rng: random.Random, titles: list[str], provinces: list[str]) -> str:
    """A re-published copy: furniture most of the time, plus 1–4 other edits."""
    if rng.random() < 0.8:
        text = add_furniture(text, rng, titles)
    edits = rng.sample(["reword", "reword2", "caption", "title"], rng.randrange(1, 5))
    for edit in edits:
        if edit.startswith("reword"):
            text = reword_sentence(text, rng)
        elif edit == "caption":
            text = remove_caption(text, rng)
        else:
            text = change_title(text, rng, provinces)
    return text


# --- the test set -------------------------------------------------------------

EVENT_WORDS = [
    "tổng kết",
    "sơ kết",
    "kiểm tra",
    "giám sát",
    "làm việc",
    "triển khai",
    "tập huấn",
    "đại hội",
    "hội thảo",
    "tọa đàm",
    "kỳ họp",
    "lễ",
    "hội nghị",
]


def province_names() -> list[str]:
    import vietnamadminunits

    data = Path(vietnamadminunits.__file__).parent / "data" / "parser_legacy.json"
    table = json.loads(data.read_text(encoding="utf-8"))["DICT_PROVINCE"]
    return [v["provinceShort"] for v in table.values()]


def label(text: str, provinces: list[str]) -> tuple[str | None, str | None]:
    """(first event word of the lead, most mentioned province): the hard-negative key."""
    lead = fold(text[:600])
    kind = min(
        ((lead.find(fold(w)), w) for w in EVENT_WORDS if fold(w) in lead), default=(0, None)
    )[1]
    counts = collections.Counter({p: fold(text).count(fold(p)) for p in provinces})
    prov, n = counts.most_common(1)[0]
    return kind, prov if n else None


def build_set(
    corpus: Path, seed: int, copies: int
) -> tuple[dict[str, str], set[tuple[str, str]], set[tuple[str, str]]]:
    """Documents by key, the duplicate pairs, and the hard-negative pairs."""
    rng = random.Random(seed)
    arts = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    public = [a for a in arts if a["genre"] == "public_sector"]
    titles = [a["text"].split("\n", 1)[0][:120] for a in arts if a["genre"] == "other"]
    provinces = province_names()
    docs = {a["id"]: normalize(a["text"]) for a in public}
    families: list[list[str]] = []
    for art in rng.sample(public, min(copies, len(public))):
        fam = [art["id"]]
        for n in range(1 if rng.random() < 0.6 else 2):
            key = f"{art['id']}~{n}"
            docs[key] = edited_copy(docs[art["id"]], rng, titles, provinces)
            fam.append(key)
        families.append(fam)
    dups = {tuple(sorted(p)) for fam in families for p in itertools.combinations(fam, 2)}
    groups: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for art in public:
        kind, prov = label(docs[art["id"]], provinces)
        if kind and prov:
            groups[(kind, prov)].append(art["id"])
    hard = {tuple(sorted(p)) for ids in groups.values() for p in itertools.combinations(ids, 2)}
    return docs, dups, hard  # type: ignore[return-value]


# --- measurement --------------------------------------------------------------


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def predicted_pairs(
    sigs: dict[str, object], threshold: float, num_perm: int
) -> set[tuple[str, str]]:
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    pairs: set[tuple[str, str]] = set()
    for key, m in sigs.items():
        for other in lsh.query(m):
            if sigs[other].jaccard(m) >= threshold:  # type: ignore[attr-defined]
                pairs.add((min(key, other), max(key, other)))
        lsh.insert(key, m)
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "articles.jsonl")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--copies", type=int, default=300, help="originals that get edited copies")
    parser.add_argument("--shingles", default=",".join(map(str, GRID_SHINGLES)))
    parser.add_argument("--thresholds", default=",".join(map(str, GRID_THRESHOLDS)))
    parser.add_argument("--perms", default=",".join(map(str, GRID_PERMS)))
    parser.add_argument(
        "--cleaned",
        action="store_true",
        help="measure on the pipeline's cleaned bodies (as the store and Spark job do) "
        "instead of the raw texts with their furniture",
    )
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    shingle_grid = [int(x) for x in args.shingles.split(",")]
    threshold_grid = [float(x) for x in args.thresholds.split(",")]
    perm_grid = [int(x) for x in args.perms.split(",")]
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    docs, dups, hard = build_set(args.corpus, args.seed, args.copies)
    if args.cleaned:
        from vnevents import extract

        docs = {k: extract(v, doc=k).body for k, v in docs.items()}
    print(
        f"set: {len(docs)} documents, {len(dups)} duplicate pairs, {len(hard)} hard-negative pairs "
        f"(same event word and province), seed {args.seed}, "
        f"{'cleaned bodies' if args.cleaned else 'raw texts'}"
    )
    print("\nJaccard of word shingles (exact): duplicates vs hard negatives")
    for size in shingle_grid:
        sh = {k: dedup.shingles(v, size) for k, v in docs.items()}
        pos = sorted(jaccard(sh[a], sh[b]) for a, b in dups)
        neg = sorted(jaccard(sh[a], sh[b]) for a, b in hard)
        print(
            f"  {size} words: duplicates min {pos[0]:.2f} p1 {pos[len(pos) // 100]:.2f} "
            f"median {statistics.median(pos):.2f} | hard negatives median "
            f"{statistics.median(neg):.3f} p99 {neg[len(neg) * 99 // 100]:.3f} max {neg[-1]:.3f}"
        )
    print(
        f"\n{'shingle':>7} {'thresh':>6} {'perm':>5} {'P':>6} {'R':>6} {'F1':>6} {'hardFP':>6} "
        f"{'ms/doc':>7}"
    )
    results = []
    for size, perm in itertools.product(shingle_grid, perm_grid):
        start = time.perf_counter()
        sigs = {k: dedup.minhash(v, size=size, num_perm=perm) for k, v in docs.items()}
        per_doc = (time.perf_counter() - start) * 1000 / len(docs)
        for threshold in threshold_grid:
            pred = predicted_pairs(sigs, threshold, perm)
            tp = len(pred & dups)
            p = tp / len(pred) if pred else 1.0
            r = tp / len(dups)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            results.append((size, threshold, perm, p, r, pred))
            print(
                f"{size:>7} {threshold:>6.1f} {perm:>5} {p:>6.3f} {r:>6.3f} {f1:>6.3f} "
                f"{len(pred & hard):>6} {per_doc:>7.2f}"
            )

    def f1_of(r: tuple[int, float, int, float, float, set[tuple[str, str]]]) -> float:
        return 2 * r[3] * r[4] / (r[3] + r[4]) if r[3] + r[4] else 0.0

    best = max(results, key=f1_of)
    print(
        f"\nbest F1 of the grid: shingle {best[0]}, threshold {best[1]}, num_perm {best[2]}: "
        f"P {best[3]:.3f} R {best[4]:.3f} F1 {f1_of(best):.3f}"
    )
    chosen = next(
        (r for r in results if r[:3] == (dedup.SHINGLE_WORDS, dedup.THRESHOLD, dedup.NUM_PERM)),
        None,
    )
    if chosen is None:
        print("\nthe constants of dedup.py are not in this grid")
        return 0
    size, threshold, perm, p, r, pred = chosen
    print(
        f"\nchosen (dedup.py): shingle {size}, threshold {threshold}, num_perm {perm}: "
        f"precision {p:.3f} recall {r:.3f} ({len(pred & dups)}/{len(dups)} pairs found, "
        f"{len(pred - dups)} false pairs), F1 {f1_of(chosen):.3f}"
    )
    if args.show_errors:
        for a, b in sorted(pred - dups)[:10]:
            print(
                "FALSE PAIR",
                a,
                b,
                docs[a][:100].replace("\n", " | "),
                "<>",
                docs[b][:100].replace("\n", " | "),
            )
        for a, b in sorted(dups - pred)[:10]:
            print("MISSED", a, b)
    return 0 if p >= 0.95 and r >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
