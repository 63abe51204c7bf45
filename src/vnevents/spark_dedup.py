"""Near-duplicate clusters at scale: MinHash band keys grouped in Spark.

The Spark side of ``dedup``: candidate pairs from shared band keys, verified
on their signatures, joined into clusters with one canonical record each. It
does not compute signatures (the extraction tasks do, with ``dedup``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from vnevents import dedup

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

# A band key shared by more records than this is boilerplate (empty or
# template pages), not syndication: its pairs would grow quadratically.
MAX_BUCKET = 200
# Duplicate clusters: up to this many edges are joined on the driver (two
# 16-character keys each, ~100 MB at the limit); beyond, label propagation in
# Spark, whose clusters of re-published reports (stars, short chains) settle in
# a few of these rounds.
DRIVER_EDGES = 1_000_000
MAX_ROUNDS = 20


def cluster(records: DataFrame, *, driver_edges: int | None = None) -> DataFrame:
    """``records`` plus cluster, canonical_id, is_canonical, cluster_size.

    Edges join records with the same content id (exact) or a shared LSH band
    key whose signatures agree on at least ``dedup.THRESHOLD`` (near); clusters
    are the connected components of those edges. The canonical record is the
    earliest published, then the longest body, then the lowest key.

    Args:
        records: rows with key, id, minhash, bands, published, body_len.
        driver_edges: most edges resolved on the driver (default ``DRIVER_EDGES``).
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    edges = _edges(records).localCheckpoint()
    labels = _components(
        records.sparkSession, edges, DRIVER_EDGES if driver_edges is None else driver_edges
    )
    out = records.join(labels, "key", "left").withColumn("cluster", F.coalesce("label", "key"))
    group = Window.partitionBy("cluster")
    order = group.orderBy(F.col("published").asc_nulls_last(), F.col("body_len").desc(), "key")
    return (
        out.withColumn("rank", F.row_number().over(order))
        .withColumn("canonical_key", F.first("key").over(order))
        .withColumn("canonical_id", F.first("id").over(order))
        .withColumn("cluster_size", F.count("*").over(group))
        .withColumn("is_canonical", F.col("rank") == 1)
        .drop("label", "rank")
    )


def _edges(records: DataFrame) -> DataFrame:
    """(a, b) key pairs, a < b, of exact and verified near duplicates."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DoubleType

    keys = records.select("key", "id", "minhash", "bands")
    exact = (
        keys.groupBy("id")
        .agg(F.min("key").alias("a"))
        .join(keys.select(F.col("key").alias("b"), "id"), "id")
        .where(F.col("a") < F.col("b"))
        .select("a", "b")
    )
    buckets = (
        keys.select("key", F.explode("bands").alias("band"))
        .groupBy("band")
        .agg(F.collect_set("key").alias("keys"))
        .where((F.size("keys") > 1) & (F.size("keys") <= MAX_BUCKET))
    )
    candidates = (
        buckets.select(F.explode("keys").alias("a"), "keys")
        .select("a", F.explode("keys").alias("b"))
        .where(F.col("a") < F.col("b"))
        .distinct()
    )
    similarity = F.udf(
        lambda x, y: dedup.similarity(bytes(x), bytes(y)), DoubleType(), useArrow=False
    )
    sigs = keys.select("key", "minhash")
    near = (
        candidates.join(sigs.withColumnRenamed("key", "a").withColumnRenamed("minhash", "sa"), "a")
        .join(sigs.withColumnRenamed("key", "b").withColumnRenamed("minhash", "sb"), "b")
        .where(similarity("sa", "sb") >= dedup.THRESHOLD)
        .select("a", "b")
    )
    return exact.union(near).distinct()


def _components(session: SparkSession, edges: DataFrame, driver_edges: int) -> DataFrame:
    """(key, label): each key on an edge and the smallest key of its component.

    Up to ``driver_edges`` edges, union-find on the driver (a few seconds
    where Spark's rounds of joins take minutes); beyond, min-label propagation
    in Spark, which never holds the graph in one place.
    """
    from pyspark.sql import functions as F

    schema = "key string, label string"
    count = edges.count()
    if count <= driver_edges:
        parent: dict[str, str] = {}

        def root(k: str) -> str:
            while parent.setdefault(k, k) != k:
                parent[k] = parent[parent[k]]  # path halving
                k = parent[k]
            return k

        for a, b in edges.toLocalIterator():
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        return session.createDataFrame([(k, root(k)) for k in parent], schema)
    both = edges.union(edges.select(F.col("b").alias("a"), F.col("a").alias("b"))).localCheckpoint()
    labels = both.select(F.col("a").alias("key")).distinct().withColumn("label", F.col("key"))
    for _ in range(MAX_ROUNDS):
        moved = both.join(labels.withColumnRenamed("key", "a"), "a").select(
            F.col("b").alias("key"), "label"
        )
        new = (
            labels.union(moved).groupBy("key").agg(F.min("label").alias("label")).localCheckpoint()
        )
        changed = (
            new.join(labels.withColumnRenamed("label", "old"), "key")
            .where(F.col("label") != F.col("old"))
            .count()
        )
        labels = new
        if not changed:
            return labels
    log.warning("duplicate clusters not settled after %d rounds", MAX_ROUNDS)
    return labels
