"""The ``spark`` command (registered by ``vnevents.cli``): run the extraction as a Spark job.

This module holds only the command line; the job itself is ``vnevents.spark_job``,
imported when the command runs, so other commands never pay for Spark, numpy or
datasketch at start-up.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from vnevents.messages import markup_safe


def spark(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders or URIs (s3a://, hdfs://): .warc(.gz), .html, .jsonl, .txt."
        ),
    ],
    out: Annotated[
        str, typer.Option("--out", "-o", help="Output folder or URI for the Parquet tables.")
    ],
    master: Annotated[
        str | None,
        typer.Option(help="Spark master, e.g. local[2] (default: spark-submit's, or local[*])."),
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(min=1, help="Extraction partitions (default: 4 per core).")
    ] = None,
    overwrite: Annotated[bool, typer.Option(help="Replace existing tables under OUT.")] = False,
) -> None:
    """Run the extraction as a Spark job and write Parquet tables.

    Each document goes through the same extract_many as `vnevents extract`.
    Under OUT: records/ (partitioned by year and province; record_json holds
    the FORMAT.md record, record the same as nested columns), people/,
    figures/, documents/ (flat), clusters/ (near-duplicate groups with every
    source), failures/ and summary/. Also runs as
    `python -m vnevents.spark_job` and under spark-submit.

    Example: vnevents spark crawl/ --out out/parquet --master local[2]
    """
    from vnevents.spark_job import run, session_for

    err = Console(stderr=True)
    try:
        session = session_for(master)  # RuntimeError: no Java, no pyspark
        try:
            summary = run(session, inputs, out, partitions=partitions, overwrite=overwrite)
        finally:
            session.stop()
    except (RuntimeError, ValueError, OSError) as exc:
        err.print(f"[red]error[/red] {markup_safe(exc)}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if summary["warc"]["records"]:  # e.g. "WARC: 12 records, 3 html, 7 non_html, ..."
        err.print(
            "WARC: " + ", ".join(f"{n} {k}" for k, n in summary["warc"].items()), highlight=False
        )
    err.print(
        f"{summary['records']} records ({summary['canonical_records']} canonical, "
        f"{summary['duplicate_clusters']} duplicate clusters) and {summary['failures']} failures "
        f"written to {out} in {summary['seconds']} s",
        highlight=False,
    )
