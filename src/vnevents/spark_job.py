"""Spark job: the same ``extract_many`` over partitions of input files → Parquet tables.

Reads WARC/HTML/JSONL/text files with the single-machine readers, clusters
near-duplicates by MinHash band keys grouped in Spark, and writes records
(partitioned by year and province), people, figures, documents, clusters,
failures and a summary. It does not load anything into SQLite (``ingest`` does).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import shutil
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from vnevents import dedup, shape
from vnevents.record import Record
from vnevents.spark_dedup import cluster

if TYPE_CHECKING:
    from pyspark import SparkContext
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

# Extraction partitions per core when not given: several per core so a slow
# document (a long page) does not leave the other cores idle at the end.
PARTITIONS_PER_CORE = 4
ROW_DDL = (
    "kind string, key string, input string, doc string, id string, record_json string,"
    " url string, site string, title string, published string, event_type string,"
    " event_date string, year int, province string, body_len int, minhash binary,"
    " bands array<bigint>, reason string"
)
# The record's FORMAT.md shape as nested columns (the body stays in record_json).
RECORD_DDL = shape.spark_ddl(Record, skip=frozenset({"body"}))
FLAT_TABLES = ("people", "figures", "documents")
TABLES = ("records", *FLAT_TABLES, "clusters", "failures", "summary")


# --- executors: read and extract ---------------------------------------------


def _read_file(uri: str, data: bytes) -> Iterator[tuple[str, Any]]:
    """(input URI, document | page | failure) for one file's bytes, then the
    file's ``WarcStats`` when it is a WARC (its skipped records, for the summary)."""
    from vnevents import readers, readers_web

    name = PurePosixPath(uri).name
    suffix = readers.file_suffix(Path(name))
    stats = readers_web.WarcStats()
    if suffix in readers.HTML_SUFFIXES or suffix in readers.WARC_SUFFIXES:
        items: Iterable[Any] = readers_web.read_web_pages(name, data, stats)
    else:
        items = readers.read_blob(name, data)
    for item in items:
        yield uri, item
    if suffix in readers.WARC_SUFFIXES:
        yield uri, stats


def _key(uri: str, doc: str) -> str:
    """A row's own key: unique per (input file, document), unlike the content id."""
    return hashlib.sha1(f"{uri}\x00{doc}".encode()).hexdigest()[:16]


def _year(*dates: str | None) -> int | None:
    for value in dates:
        if value and value[:4].isdigit():
            return int(value[:4])
    return None


def _row(uri: str, item: Any) -> tuple[Any, ...]:
    """One output row (ROW_DDL order) for a record or a failure."""
    from vnevents.pipeline import Failure
    from vnevents.readers_web import WarcStats
    from vnevents.record import to_json

    if isinstance(item, Failure):
        return ("failure", _key(uri, item.doc), uri, item.doc) + (None,) * 13 + (item.reason,)
    if isinstance(item, WarcStats):  # the counts travel as JSON in the reason column
        counts = json.dumps(dataclasses.asdict(item))
        return ("warc", _key(uri, ""), uri, PurePosixPath(uri).name) + (None,) * 13 + (counts,)
    record = to_json(item)
    event_places = [p for p in record["places"] if p["role"] == "event"] or record["places"]
    sig = dedup.signature(item.body)
    return (
        "record",
        _key(uri, item.doc or item.id),
        uri,
        item.doc,
        item.id,
        json.dumps(record, ensure_ascii=False),
        record["source"]["url"],
        record["source"]["site"],
        item.title,
        item.published,
        record["event"]["type"],
        record["event"]["date"],
        _year(item.event.date, item.published),
        event_places[0]["province"] if event_places else None,
        len(item.body),
        sig,
        dedup.band_keys(sig),
        None,
    )


def _extract_partition(items: Iterable[tuple[str, Any]]) -> Iterator[tuple[Any, ...]]:
    """The per-document function of every path: ``pipeline.extract_many``."""
    from vnevents import budget
    from vnevents.pipeline import extract_many
    from vnevents.readers_web import RawPage, WarcStats

    uris: deque[str] = deque()
    stats: list[tuple[Any, ...]] = []

    def docs() -> Iterator[Any]:
        for uri, item in items:
            if isinstance(item, WarcStats):
                stats.append(_row(uri, item))
                continue
            uris.append(uri)
            # trafilatura runs here, after the repartition, not in the file's task.
            yield item.parse() if isinstance(item, RawPage) else item

    for result in extract_many(docs(), seconds=budget.DEFAULT_SECONDS):
        # extract_many yields exactly one result per input, in order.
        yield _row(uris.popleft(), result)
    yield from stats


# --- driver: inputs -------------------------------------------------------------


def list_inputs(sc: SparkContext, inputs: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Input files as URIs, and (input, reason) for inputs that do not exist.

    Local paths are expanded like ``readers.iter_files``; URIs (s3a://, hdfs://,
    file://) are listed recursively through Hadoop's file system, so the
    cluster's own credentials and connectors apply. Hidden and ``_`` files skipped.
    """
    from vnevents.pipeline import Failure
    from vnevents.readers import iter_files

    files: list[str] = []
    missing: list[tuple[str, str]] = []
    for raw in inputs:
        if "://" not in raw:
            for item in iter_files([raw]):
                if isinstance(item, Failure):
                    missing.append((item.doc, item.reason))
                else:
                    files.append(item.resolve().as_uri())
            continue
        fs, path = _hadoop_path(sc, raw)
        if not fs.exists(path):
            missing.append((raw, "no such file or folder"))
            continue
        listing, root = fs.listFiles(path, True), str(fs.makeQualified(path)).rstrip("/")
        while listing.hasNext():
            found = str(listing.next().getPath())
            rel = found[len(root) :]  # qualified both: hdfs:///x is listed as hdfs://host:port/x
            if not any(part.startswith((".", "_")) for part in rel.split("/") if part):
                files.append(found)
    return files, missing


def _hadoop_path(sc: SparkContext, uri: str) -> tuple[Any, Any]:
    """(Hadoop file system, Path) of a URI or local path, with the cluster's settings."""
    jvm = sc._jvm  # noqa: SLF001 - the Hadoop FS API is only reachable this way
    if jvm is None:  # a stopped context, or Spark Connect (no JVM in this process)
        raise ValueError(f"cannot reach {uri}: this Spark session has no JVM gateway")
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(sc._jsc.hadoopConfiguration()), path  # noqa: SLF001


def _exists(sc: SparkContext, uri: str) -> bool:
    fs, path = _hadoop_path(sc, uri)
    return bool(fs.exists(path))


# --- driver: the job ------------------------------------------------------------


def run(
    session: SparkSession,
    inputs: list[str],
    out: str,
    *,
    partitions: int | None = None,
    overwrite: bool = False,
) -> dict[str, Any]:
    """Extract every document under ``inputs`` and write the tables under ``out``.

    Args:
        session: the Spark session (local or a cluster's).
        inputs: local paths or URIs of files and folders.
        out: the output folder or URI; one sub-folder per table.
        partitions: extraction partitions (default ``PARTITIONS_PER_CORE`` × cores).
        overwrite: replace existing tables instead of refusing.

    Returns:
        The summary written to ``out/summary``: counts and seconds.

    Raises:
        ValueError: when no input file is found, or (without ``overwrite``)
            ``out`` already holds one of the tables.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    started = time.perf_counter()
    sc = session.sparkContext
    base = out.rstrip("/")
    if not overwrite and (taken := [t for t in TABLES if _exists(sc, f"{base}/{t}")]):
        # Checked before the extraction, not found by the first write after it.
        raise ValueError(f"{out} already holds {', '.join(taken)}: use --overwrite to replace")
    files, missing = list_inputs(sc, inputs)
    if not files:
        raise ValueError(f"no input files under {', '.join(inputs)}")
    n = partitions or max(2, sc.defaultParallelism * PARTITIONS_PER_CORE)
    blobs = sc.binaryFiles(",".join(files), minPartitions=min(len(files), n))
    rows = blobs.flatMap(lambda kv: _read_file(kv[0], kv[1])).repartition(n)
    table = session.createDataFrame(rows.mapPartitions(_extract_partition), ROW_DDL)
    table = table.persist(StorageLevel.MEMORY_AND_DISK)
    documents = table.count()  # reads and extracts everything once, in parallel
    extracted = time.perf_counter()
    log.info("%d documents read and extracted in %.1f s", documents, extracted - started)
    mode = "overwrite" if overwrite else "errorifexists"

    records = cluster(table.where(F.col("kind") == "record").drop("kind", "reason"))
    records = records.withColumn("record", F.from_json("record_json", RECORD_DDL)).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    # One task per (year, province) writes its folder: few files, not tasks × folders.
    records.drop("bands").repartition("year", "province").write.mode(mode).partitionBy(
        "year", "province"
    ).parquet(f"{base}/records")
    keys = ["key", "id", "canonical_id", "is_canonical", "year", "province"]
    for name in FLAT_TABLES:
        flat = records.select(*keys, F.explode(f"record.{name}").alias("item")).select(
            *keys, "item.*"
        )
        flat = flat.withColumn("span_start", F.col("span")[0]).withColumn(
            "span_end", F.col("span")[1]
        )
        flat.drop("span").write.mode(mode).parquet(f"{base}/{name}")
    source = F.struct("doc", "url", "site", "published", "id", "input")
    clusters = (
        records.where(F.col("cluster_size") > 1)
        .groupBy("cluster")
        .agg(
            F.first("canonical_id").alias("canonical_id"),
            F.count("*").alias("size"),
            F.sort_array(F.collect_list(source)).alias("sources"),
        )
    )
    clusters.write.mode(mode).parquet(f"{base}/clusters")
    failed = table.where(F.col("kind") == "failure").select("doc", "input", "reason")
    if missing:
        failed = failed.union(
            session.createDataFrame(
                [(doc, doc, reason) for doc, reason in missing],
                "doc string, input string, reason string",
            )
        )
    failed.write.mode(mode).parquet(f"{base}/failures")

    counts = records.agg(
        F.count("*").alias("records"),
        F.sum(F.col("is_canonical").cast("int")).alias("canonical"),
        F.countDistinct("id").alias("distinct_bodies"),
    ).first()
    if counts is None:  # pragma: no cover - an aggregate without grouping has one row
        raise RuntimeError("the record count returned no row")
    summary = {
        "input_files": len(files),
        "warc": _warc_totals(table),
        "records": counts["records"],
        "canonical_records": counts["canonical"] or 0,
        "distinct_bodies": counts["distinct_bodies"],
        "duplicate_clusters": clusters.count(),
        "failures": failed.count(),
        "partitions": n,
        "dedup": {
            "shingle_words": dedup.SHINGLE_WORDS,
            "num_perm": dedup.NUM_PERM,
            "threshold": dedup.THRESHOLD,
        },
        "seconds_extract": round(extracted - started, 2),
        "seconds": round(time.perf_counter() - started, 2),
    }
    session.createDataFrame([(json.dumps(summary),)], "summary string").coalesce(1).write.mode(
        mode
    ).text(f"{base}/summary")
    records.unpersist()
    table.unpersist()
    return summary


def _warc_totals(table: DataFrame) -> dict[str, int]:
    """Records seen in the WARC files, by what became of them (``WarcStats``)."""
    totals = dict.fromkeys(
        ("records", "html", "non_html", "not_ok", "other_types", "corrupt_files"), 0
    )
    # One small row per WARC file: collected on the driver.
    for (counts,) in table.where(table["kind"] == "warc").select("reason").toLocalIterator():
        one = json.loads(counts)
        for name in totals:
            totals[name] += int(one.get(name) or 0)
        totals["corrupt_files"] += one.get("corrupt_at") is not None
    return totals


def is_local(master: str | None) -> bool:
    """Whether the session will run locally (``master`` None: unless under spark-submit)."""
    # spark-submit starts this interpreter with its gateway's port: its master
    # and settings (shuffle partitions, executors' Python) are the cluster's.
    return master.startswith("local") if master else "PYSPARK_GATEWAY_PORT" not in os.environ


def session_for(master: str | None, app: str = "vnevents") -> SparkSession:
    """A Spark session; ``master`` None keeps spark-submit's (local[*] when run directly).

    Local sessions get small-machine settings (4 shuffle partitions, no UI, this
    interpreter on the workers); a session under spark-submit keeps its own.

    Raises:
        RuntimeError: when no Java runtime is found (Spark needs one).
    """
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        raise RuntimeError("Spark needs a Java runtime (17+): install openjdk-17-jre-headless")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise RuntimeError(
            "the spark command needs pyspark: pip install 'vnevents[spark]'"
        ) from None

    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    if is_local(master):
        # Local runs: the workers use this interpreter (and its vnevents), few
        # shuffle partitions, no UI port.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = (
            builder.config("spark.sql.shuffle.partitions", "4")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
        )
    return builder.getOrCreate()


if __name__ == "__main__":
    # Run the command of the imported copy, so Spark pickles functions of
    # ``vnevents.spark_job`` (importable on the executors), not of ``__main__``.
    import typer

    from vnevents.spark_cli import spark

    typer.run(spark)
