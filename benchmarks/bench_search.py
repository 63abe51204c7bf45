"""Search relevance benchmark: nDCG@10 and MRR of three rankings on judged queries.

Over an index of the whole shared corpus (../shared/corpus/articles.jsonl, built once
by the real ingest and cached under the temp dir), runs every query of
``benchmarks/data/search_judgements.jsonl`` (judged by reading the articles; see
``benchmarks/data/README.md``) with:

- ``vn``: the query language (adjacent syllables first, title and lead, place names);
- ``legacy``: the search before it (every word required, bm25 with titles 10×);
- ``bm25``: the legacy match ranked by plain FTS5 bm25 (no column weights).

Prints nDCG@10 and MRR for each, overall and by kind of query, and the latency of
each ranking (p50/p95 over the queries, three passes).

Usage: python benchmarks/bench_search.py [--shared ../shared] [--cache DIR] [--rebuild]
       [--pool N --pool-out FILE]   (write the top-N of each ranking per query, to judge)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from vnevents.store.ingest import records_from_paths, store_records
from vnevents.store.schema import MIGRATIONS, connect_ro
from vnevents.store.search import RANKINGS, SearchQuery, search
from vnevents.store.workers import auto_workers

ROOT = Path(__file__).resolve().parents[1]
JUDGEMENTS = ROOT / "benchmarks" / "data" / "search_judgements.jsonl"
K = 10


def corpus_db(shared: Path, cache: Path, rebuild: bool = False) -> Path:
    """The corpus index, built by the real ingest on first use and kept under ``cache``.

    The file name carries the corpus' size and mtime and the schema's last
    migration, so a changed corpus or schema builds a new one.
    """
    corpus = shared / "corpus" / "articles.jsonl"
    st = corpus.stat()
    db = cache / f"corpus-{st.st_size}-{int(st.st_mtime)}-{MIGRATIONS[-1].name}.db"
    if db.exists() and not rebuild:
        return db
    cache.mkdir(parents=True, exist_ok=True)
    part = db.with_suffix(".part")
    part.unlink(missing_ok=True)
    t0 = time.perf_counter()
    stats = store_records(part, records_from_paths([str(corpus)], auto_workers()))
    part.rename(db)
    print(
        f"built the corpus index: {stats.stored} articles "
        f"in {time.perf_counter() - t0:.0f} s ({db})",
        file=sys.stderr,
    )
    return db


def load_judgements(path: Path = JUDGEMENTS) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    """nDCG@k with gains 2^grade − 1; the ideal ranking is every judged article, best first."""
    dcg = sum((2 ** grades.get(a, 0) - 1) / math.log2(i + 2) for i, a in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    return next((1 / (i + 1) for i, a in enumerate(ranked) if grades.get(a, 0) > 0), 0.0)


def run(db: Path, judged: list[dict[str, Any]], passes: int = 3) -> dict[str, dict[str, Any]]:
    conn = connect_ro(db)
    ids = [a for j in judged for a in j["grades"]]
    present = sum(
        conn.execute("SELECT 1 FROM articles WHERE id = ?", (a,)).fetchone() is not None
        for a in ids
    )
    if present < len(ids):
        print(
            f"warning: {len(ids) - present} of {len(ids)} judged articles are not in the index "
            "(re-extraction changed their bodies): their judgements do not count",
            file=sys.stderr,
        )
    out: dict[str, dict[str, Any]] = {rank: {"queries": [], "times": []} for rank in RANKINGS}
    for p in range(passes):
        for j in judged:
            for rank in RANKINGS:  # interleaved, so every ranking sees the same load
                t0 = time.perf_counter()
                hits = search(conn, SearchQuery(q=j["query"], size=K), facets=False, rank=rank)[
                    "results"
                ]
                out[rank]["times"].append(time.perf_counter() - t0)
                if p == 0:
                    ranked = [h["id"] for h in hits]
                    out[rank]["queries"].append(
                        (j, ndcg(ranked, j["grades"]), reciprocal_rank(ranked, j["grades"]))
                    )
    conn.close()
    return out


def report(results: dict[str, dict[str, Any]]) -> None:
    kinds = sorted({j["kind"] for j, _, _ in next(iter(results.values()))["queries"]})
    n = len(next(iter(results.values()))["queries"])
    print(f"{n} judged queries, nDCG@{K} / MRR (higher is better)")
    print(
        f"{'ranking':8} {'nDCG@10':>8} {'MRR':>6}   "
        + "  ".join(f"{k[:10]:>10}" for k in kinds)
        + "   latency p50 / p95"
    )
    for rank, data in results.items():
        rows = data["queries"]
        by_kind = [statistics.mean(nd for j, nd, _ in rows if j["kind"] == k) for k in kinds]
        ms = sorted(t * 1000 for t in data["times"])
        p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
        print(
            f"{rank:8} {statistics.mean(nd for _, nd, _ in rows):8.3f} "
            f"{statistics.mean(r for _, _, r in rows):6.3f}   "
            + "  ".join(f"{v:10.3f}" for v in by_kind)
            + f"   {statistics.median(ms):5.1f} / {p95:5.1f} ms"
        )
    print("(by kind: nDCG@10 per kind of query)")


def pool(db: Path, queries: list[dict[str, Any]], depth: int, out: Path) -> None:
    """The union of each ranking's top ``depth`` per query, with title and lead, to judge."""
    conn = connect_ro(db)
    with out.open("w", encoding="utf-8") as f:
        for j in queries:
            seen: dict[str, dict[str, Any]] = {}
            for rank in RANKINGS:
                for h in search(
                    conn, SearchQuery(q=j["query"], size=depth), facets=False, rank=rank
                )["results"]:
                    seen.setdefault(
                        h["id"], {"id": h["id"], "title": h["title"], "snippet": h["snippet"]}
                    )
            for item in seen.values():
                body = conn.execute(
                    "SELECT substr(body, 1, 400) FROM articles WHERE id = ?", (item["id"],)
                ).fetchone()[0]
                f.write(
                    json.dumps({"query": j["query"], **item, "lead": body}, ensure_ascii=False)
                    + "\n"
                )
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("VNEVENTS_SHARED", ROOT.parent / "shared")),
    )
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "vnevents-bench-search"
    )
    parser.add_argument("--rebuild", action="store_true", help="build the corpus index again")
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument(
        "--pool", type=int, help="write each ranking's top N per query (to judge) and stop"
    )
    parser.add_argument("--pool-out", type=Path, default=Path("pool.jsonl"))
    parser.add_argument("--queries", type=Path, help="queries to pool (JSONL with query, kind)")
    args = parser.parse_args()
    if not (args.shared / "corpus" / "articles.jsonl").exists():
        sys.exit(f"no corpus at {args.shared}/corpus/articles.jsonl (use --shared)")
    db = corpus_db(args.shared, args.cache, args.rebuild)
    if args.pool:
        pool(db, load_judgements(args.queries or args.judgements), args.pool, args.pool_out)
        return
    report(run(db, load_judgements(args.judgements)))


if __name__ == "__main__":
    main()
