"""The ``ingest`` and ``export`` commands (registered by ``vnevents.cli``).

Thin: validate, call ``store.ingest`` or ``store.export``, report. No SQL here.
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from vnevents.messages import markup_safe

err = Console(stderr=True)


def fail(message: object, code: int = 2) -> NoReturn:
    """End the command with one line on stderr: ``error <message>`` (control characters escaped)."""
    err.print(f"[red]error[/red] {markup_safe(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


# Failure reasons listed in the summary; the rest are counted as "other".
SUMMARY_REASONS = 10
# Articles listed with their "also published by" sources; the rest are counted.
SUMMARY_ALSO = 10


def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, .jsonl files, - for stdin, or Parquet (a file or a folder "
            "of Spark output with a record_json column)."
        ),
    ],
    db: Annotated[Path, typer.Option(help="SQLite database (created if missing).")] = Path(
        "vnevents.db"
    ),
    batch_size: Annotated[
        int, typer.Option(min=1, max=100_000, help="Documents per transaction.")
    ] = 200,
    workers: Annotated[
        int,
        typer.Option(
            min=-1,
            max=64,
            help="Worker processes extracting beside the writer (-1: two on a machine with two "
            "cores or more; 0: none). Inputs under 500 documents are always extracted in process.",
        ),
    ] = -1,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit",
            min=0,
            help=(
                "CPU seconds one document may take (HTML parsing and extraction); a document "
                "over it is reported as failed and the batch goes on. 0: no limit."
            ),
        ),
    ] = 10.0,
) -> None:
    """Extract documents and store them in a SQLite database with full-text search.

    Same inputs as extract. A document already stored (same content hash) is
    skipped; a near-duplicate is recorded as another source of the stored
    article. Safe to interrupt and run again: nothing is lost or duplicated.
    Two ingests into one database take turns batch by batch.

    Example: vnevents ingest examples/ --db vnevents.db
    """
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from vnevents.store.ingest import records_from_paths, store_records
    from vnevents.store.schema import StoreError
    from vnevents.store.workers import auto_workers

    n_workers = auto_workers() if workers < 0 else workers

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} docs"),
        TextColumn("{task.fields[rate]:.1f} docs/s"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=False, disable=not err.is_terminal) as progress:
        task = progress.add_task("ingesting", total=None, rate=0.0)

        def tick(_: object) -> None:
            t = progress.tasks[0]
            elapsed = t.elapsed or 1e-9
            progress.update(task, advance=1, rate=(t.completed + 1) / elapsed)

        records = records_from_paths(paths, n_workers, time_limit or None)
        try:
            stats = store_records(db, records, batch_size=batch_size, on_item=tick)
        except (StoreError, OSError) as exc:
            fail(
                exc
                if isinstance(exc, StoreError)
                else f"cannot write to {db}: {exc.strerror or exc}"
            )
        except KeyboardInterrupt:
            fail(
                "interrupted: every batch committed before is stored; run the same command "
                "again to finish",
                130,
            )
        finally:
            records.close()  # stops extraction workers at once
        elapsed = progress.tasks[0].elapsed or 0.0
    rate = stats.seen / elapsed if elapsed else 0.0
    err.print(
        f"{stats.stored} stored, {stats.duplicates} duplicates skipped, "
        f"{stats.near_duplicates} near-duplicates kept as sources, "
        f"{sum(stats.failed.values())} failed — {stats.seen} documents in {elapsed:.1f}s "
        f"({rate:.1f} docs/s) into {markup_safe(db)}",
        highlight=False,
        soft_wrap=True,
    )
    for reason, count in stats.failed.most_common(SUMMARY_REASONS):
        err.print(
            f"  [yellow]{count}[/yellow] × {markup_safe(reason)}", highlight=False, soft_wrap=True
        )
    also: dict[str, list[str]] = {}
    for article, source in stats.also:
        also.setdefault(article, []).append(source)
    for article, sources in list(also.items())[:SUMMARY_ALSO]:
        err.print(
            f"  {markup_safe(article)} — also published by {markup_safe(', '.join(sources))}",
            highlight=False,
            soft_wrap=True,
        )
    if len(also) > SUMMARY_ALSO:
        err.print(
            f"  … and {len(also) - SUMMARY_ALSO} more articles published in several places",
            highlight=False,
        )


def export(
    db: Annotated[Path, typer.Option(help="SQLite database to read.")] = Path("vnevents.db"),
    fmt: Annotated[str, typer.Option("--format", help="csv, jsonl or parquet.")] = "jsonl",
    where: Annotated[
        list[str] | None,
        typer.Option(
            help="Facet filter key=value (province, level, type, year, organiser, person, "
            "document); repeat to combine."
        ),
    ] = None,
    query: Annotated[str, typer.Option("-q", "--query", help="Full-text query.")] = "",
    out: Annotated[
        Path | None,
        typer.Option("-o", "--out", help="Output file (default stdout; required for parquet)."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many articles.")] = 1_000_000,
) -> None:
    """Export stored articles matching a search as CSV, JSON Lines or Parquet.

    Filters are facet-style key=value pairs, never SQL.

    Example: vnevents export --db vnevents.db --format csv --where province=Lạng Sơn -o out.csv
    """
    from vnevents.store.export import (
        FORMATS,
        iter_records,
        parse_where,
        write_csv,
        write_jsonl,
        write_parquet,
    )
    from vnevents.store.schema import StoreError, connect_ro
    from vnevents.store.search import QueryError

    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}")
    if fmt == "parquet" and out is None:
        fail("parquet needs an output file (-o)")
    try:
        search = parse_where(where or [], q=query)
        conn = connect_ro(db)
    except (QueryError, StoreError) as exc:
        fail(exc)
    records = iter_records(conn, search, limit)
    try:
        if fmt == "parquet":
            n = write_parquet(records, str(out))
        else:
            with (
                out.open("w", encoding="utf-8", newline="") if out else nullcontext(sys.stdout)
            ) as sink:
                n = write_csv(records, sink) if fmt == "csv" else write_jsonl(records, sink)
    except sqlite3.Error as exc:
        fail(f"cannot read {db}: {exc}")
    except OSError as exc:
        fail(f"cannot write {out or 'to standard output'}: {exc.strerror or exc}")
    finally:
        conn.close()
    err.print(
        f"{n} articles exported" + (f" to {markup_safe(out)}" if out else ""), highlight=False
    )
