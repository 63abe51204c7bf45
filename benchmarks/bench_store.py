"""Store benchmark: ingest overhead, search latency on a large database, size per 1,000 docs.

Prints, in one run:
1. documents/s of bare extraction (records serialised to JSON, as `vnevents
   extract` does) and of ingest (extraction + storage) in one process, over the
   same corpus documents, and their ratio (target: ingest costs at most 1.5×);
   then the wall-clock rate of ingest as `vnevents ingest` runs it by default,
   with extraction in worker processes beside the writer;
2. database size per 1,000 documents, as ingested (raw text included);
3. search latency p50/p95 on a database of ``--docs`` documents (default
   100,000), built from the extracted records with each copy's body varied (a
   distinct tail of corpus words) so no two collapse as duplicates; measured for
   two-word queries with one facet (target p95 ≤ 50 ms), without and with facet
   counts (over the best ``search.FACET_SAMPLE`` matches), and for the bare browse
   page; with the search's ranking (the query language: adjacent syllables first,
   title and lead rescored) and, interleaved query by query so both see the same
   load, the ranking before it ("legacy").

Usage: python benchmarks/bench_store.py [--shared ../shared] [--ingest-docs 0 (all)]
       [--docs 100000] [--queries 200] [--keep DIR] [--search-db DB]
--search-db runs only the search part, on a database kept by an earlier --keep run.
Quick run: python benchmarks/bench_store.py --ingest-docs 3000 --docs 10000 (about a minute);
the full default run takes about 6 minutes on an idle 2-core machine.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from vnevents.dedup import content_hash
from vnevents.pipeline import Failure, InputDoc, extract_many
from vnevents.readers import read_paths
from vnevents.record import to_json
from vnevents.store.ingest import close, records_from_docs, store_records
from vnevents.store.schema import connect_ro, connect_rw
from vnevents.store.search import SearchQuery, search
from vnevents.store.workers import auto_workers

ROOT = Path(__file__).resolve().parents[1]
# Two-word queries of the genre, with and without diacritics (shared with tests/fuzz/load.py).
QUERIES = [
    q
    for q in (ROOT / "benchmarks" / "data" / "store_queries.txt").read_text("utf-8").splitlines()
    if q and not q.startswith("#")
]
VARIANT_WORDS = 40  # words of corpus vocabulary appended to each copy's body
CHUNK = 250  # documents per bare/ingest round (see bench_ingest)


def corpus_docs(shared: Path, n: int) -> list[InputDoc]:
    """The first ``n`` corpus documents (all of them when ``n`` is 0)."""
    docs = itertools.islice(read_paths([shared / "corpus" / "articles.jsonl"]), n or None)
    return [d for d in docs if isinstance(d, InputDoc)]


def bench_ingest(
    docs: list[InputDoc], folder: Path, chunk: int = CHUNK
) -> tuple[list[dict[str, Any]], float]:
    """Bare extraction and ingest of the same documents, interleaved chunk by chunk.

    Each chunk is first extracted bare (timed apart), then ingested (extraction
    again, plus storage, in this process), inside one ``store_records`` run: on a
    shared machine both rates then see the same load. Returns the records and the
    bare rate (documents/s).
    """
    records: list[dict[str, Any]] = []
    bare = 0.0
    sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - closed below

    def stream() -> Iterator[dict[str, Any] | Failure]:
        nonlocal bare
        for start in range(0, len(docs), chunk):
            part = docs[start : start + chunk]
            t0 = time.perf_counter()
            for item in extract_many(part):
                if not isinstance(item, Failure):
                    rec = to_json(item)
                    sink.write(
                        json.dumps(rec, ensure_ascii=False) + "\n"
                    )  # as `vnevents extract` does
                    rec["raw"] = item.raw
                    records.append(rec)
            bare += time.perf_counter() - t0
            yield from records_from_docs(part)  # what `vnevents ingest` runs

    db = folder / "ingest.db"
    t0 = time.perf_counter()
    stats = store_records(db, stream())
    ingest = time.perf_counter() - t0 - bare
    sink.close()
    n = len(docs)
    print(
        f"documents: {n} from the corpus ({stats.stored} stored, {stats.duplicates} exact and "
        f"{stats.near_duplicates} near duplicates, {sum(stats.failed.values())} failed)"
    )
    print(f"bare extract: {n / bare:8.1f} docs/s ({bare:.1f} s)")
    print(f"ingest:       {n / ingest:8.1f} docs/s ({ingest:.1f} s)")
    print(f"ingest / extract time ratio: {ingest / bare:.2f}x (target <= 1.5x)")
    size = db.stat().st_size
    print(
        f"database size: {size / 1e6:.1f} MB for {stats.stored} articles = "
        f"{size / stats.stored * 1000 / 1e6:.2f} MB per 1,000 documents (raw text included)"
    )
    return records, n / bare


def bench_ingest_workers(docs: list[InputDoc], folder: Path, bare_rate: float) -> None:
    """What `vnevents ingest` does by default: extraction in worker processes beside the writer."""
    n_workers = auto_workers()
    if not n_workers:
        print("ingest with extraction workers: skipped (one core)")
        return
    db = folder / "ingest-workers.db"
    t0 = time.perf_counter()
    store_records(db, records_from_docs(docs, n_workers))
    dt = time.perf_counter() - t0
    print(
        f"ingest, extraction in {n_workers} worker process(es) (the default): "
        f"{len(docs) / dt:8.1f} docs/s "
        f"wall clock; time ratio to bare extract on one core: {bare_rate * dt / len(docs):.2f}x"
    )


def varied_copies(
    records: list[dict[str, Any]], total: int, seed: int = 13
) -> Iterator[dict[str, Any]]:
    """``total`` records: the originals, then copies whose bodies get a distinct tail.

    Appending keeps every span valid; the tail of random corpus words makes each
    copy's content hash unique and its text searchable like the rest.
    """
    rng = random.Random(seed)
    vocab = sorted({w for r in records[:2000] for w in re.findall(r"\w{2,}", r["body"])})
    for i in range(total):
        rec = records[i % len(records)]
        if i < len(records):
            yield rec
            continue
        tail = " ".join(rng.choice(vocab) for _ in range(VARIANT_WORDS))
        body = f"{rec['body']}\n\n({i}) {tail}."
        yield {
            **rec,
            "body": body,
            "id": content_hash(body),
            "doc": f"{rec.get('doc')}#{i}",
            "raw": None,
        }


def build_large(records: list[dict[str, Any]], total: int, db: Path) -> None:
    t0 = time.perf_counter()
    conn = connect_rw(db)
    conn.execute("PRAGMA cache_size = -200000")  # 200 MB page cache for the bulk load
    # near_dup off: the copies are near-duplicates by construction and must not collapse.
    stats = store_records(conn, varied_copies(records, total), batch_size=5000, near_dup=False)
    conn.execute("PRAGMA optimize")
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    close(conn)
    dt = time.perf_counter() - t0
    size = db.stat().st_size
    print(
        f"large database: {stats.stored} articles built in {dt:.0f} s "
        f"({stats.stored / dt:.0f} docs/s); "
        f"{size / 1e9:.2f} GB = {size / stats.stored * 1000 / 1e6:.2f} MB per 1,000 documents"
    )


def percentiles(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return (
        f"p50 {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  max {ms[-1]:6.1f} ms  "
        f"(n={len(ms)})"
    )


def bench_search(db: Path, n_queries: int) -> None:
    conn = connect_ro(db)
    # The five commonest values of three facets, counted without the facets' time
    # limit (a limit hit on a cold cache would change the queries from run to run).
    top = {
        "province": "SELECT province FROM places WHERE role = 'event' AND province IS NOT NULL "
        "GROUP BY 1 ORDER BY count(DISTINCT aid) DESC, 1 LIMIT 5",
        "type": "SELECT event_type FROM articles WHERE event_type IS NOT NULL GROUP BY 1 "
        "ORDER BY count(*) DESC, 1 LIMIT 5",
        "year": "SELECT year FROM articles WHERE year IS NOT NULL GROUP BY 1 "
        "ORDER BY count(*) DESC, 1 LIMIT 5",
    }
    facets = [(name, row[0]) for name, sql in top.items() for row in conn.execute(sql)]
    rng = random.Random(5)
    cases = [(rng.choice(QUERIES), rng.choice(facets)) for _ in range(n_queries)]
    for q, _ in cases[:10]:  # warm the page cache
        search(conn, SearchQuery(q=q), facets=False)

    def run(with_facets: bool, use_facet: bool = True, use_query: bool = True) -> None:
        times: dict[str, list[float]] = {"vn": [], "legacy": []}
        totals = []
        for q, (key, value) in cases:
            query = SearchQuery(q=q if use_query else "", **({key: value} if use_facet else {}))
            for rank in times:  # interleaved: both rankings see the same load
                t0 = time.perf_counter()
                total = search(conn, query, facets=with_facets, rank=rank)["total"]
                times[rank].append(time.perf_counter() - t0)
            totals.append(total)
        print(f"    mean matches per query: {statistics.mean(totals):,.0f}")
        print("    search:          " + percentiles(times["vn"]))
        if use_query:
            print("    legacy ranking:  " + percentiles(times["legacy"]))

    print("search, two-word query + one facet, results page + total:")
    run(with_facets=False)
    print("search, two-word query, no facet, results page + total:")
    run(with_facets=False, use_facet=False)
    print(
        "search, two-word query + one facet, with facet counts (search page; counted over "
        "the best 1,000 matches, search.FACET_SAMPLE):"
    )
    run(with_facets=True)
    print("browse, one facet, no query, results page + total:")
    run(with_facets=False, use_query=False)
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
        "--ingest-docs",
        type=int,
        default=0,
        help="corpus documents for the ingest rate (default 0: the whole corpus)",
    )
    parser.add_argument(
        "--docs", type=int, default=100_000, help="documents in the search database"
    )
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="keep the databases in this folder")
    parser.add_argument(
        "--search-db", type=Path, help="only measure search, on this (large) database"
    )
    args = parser.parse_args()
    if args.search_db:
        bench_search(args.search_db, args.queries)
        return
    if not (args.shared / "corpus" / "articles.jsonl").exists():
        sys.exit(f"no corpus at {args.shared}/corpus/articles.jsonl (use --shared)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        docs = corpus_docs(args.shared, args.ingest_docs)
        records, bare_rate = bench_ingest(docs, folder)
        bench_ingest_workers(docs, folder, bare_rate)
        large = folder / "large.db"
        large.unlink(missing_ok=True)
        build_large(records, args.docs, large)
        bench_search(large, args.queries)


if __name__ == "__main__":
    main()
