"""The command line: thin wrappers that validate, call one library function, report.

Commands: extract, eval (here); ingest, export (store), serve (web), spark (spark_job).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from vnevents.messages import markup_safe

app = typer.Typer(
    help="vnevents: structured event records from Vietnamese public-sector news reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)


@app.callback()
def main(
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Also log progress notes on stderr (e.g. what each WARC file held).",
        ),
    ] = False,
) -> None:
    """vnevents: structured event records from Vietnamese public-sector news reports.

    Example: vnevents --verbose extract crawl.warc.gz -o records.jsonl
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(name)s: %(message)s"
    )


# Show a progress bar only when this many documents or more are read on a terminal.
PROGRESS_MIN_FILES = 20


def _count_inputs(paths: list[str]) -> int | None:
    """Number of files under ``paths`` (None for stdin), for the progress bar total."""
    from vnevents.readers import iter_files

    if "-" in paths:
        return None
    return sum(1 for item in iter_files(paths) if isinstance(item, Path))


def report_failure(doc: str, reason: str) -> None:
    """One plain line on stderr per document that could not be processed (greppable;
    control characters escaped, see ``messages.printable``)."""
    from vnevents.messages import failure_line

    sys.stderr.write(failure_line(doc, reason) + "\n")


def fail(message: object, code: int = 2) -> NoReturn:
    """End the command with one line on stderr: ``error <message>``."""
    from vnevents.messages import markup_safe

    err.print(f"[red]error[/red] {markup_safe(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


Workers = Annotated[
    int,
    typer.Option(
        min=-1,
        max=64,
        help="Worker processes extracting (-1: two on a machine with two cores or more; 0: none). "
        "Inputs under 500 documents are extracted in process.",
    ),
]
TimeLimit = Annotated[
    float,
    typer.Option(
        "--time-limit",
        min=0,
        help="CPU seconds one document may take (HTML parsing and extraction); "
        "a document over it is reported as failed and the batch goes on. 0: no limit.",
    ),
]


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, .jsonl files, or - for stdin.")
    ],
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Write JSON Lines here (default stdout).")
    ] = None,
    strict: Annotated[bool, typer.Option(help="Exit with code 1 if any document failed.")] = False,
    no_body: Annotated[
        bool, typer.Option("--no-body", help="Leave the cleaned body out of each record.")
    ] = False,
    workers: Workers = -1,
    time_limit: TimeLimit = 10.0,
) -> None:
    """Extract one JSON record per document.

    Inputs: .txt files, folders (recursively), .jsonl files of objects with
    "text" (and optional "id", "url"), .html/.htm, .warc/.warc.gz, and - for
    standard input. A document that cannot be read, has no body text, or takes
    longer than --time-limit is reported on stderr with its reason; the rest goes on.

    Example: vnevents extract reports/ -o records.jsonl
    """
    from rich.progress import Progress

    from vnevents.pipeline import Failure
    from vnevents.readers import read_paths
    from vnevents.store.workers import auto_workers, records

    try:
        sink = out.open("w", encoding="utf-8") if out else sys.stdout
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}")
    failures = done = 0
    show = (
        err.is_terminal
        and (total := _count_inputs(paths)) is not None
        and total >= PROGRESS_MIN_FILES
    )
    n_workers = auto_workers() if workers < 0 else workers
    items = records(read_paths(paths, parse=False), n_workers, time_limit or None, raw=False)
    try:
        with Progress(console=err, disable=not show, transient=True) as progress:
            task = progress.add_task("extracting", total=None)
            for item in items:
                if isinstance(item, Failure):
                    failures += 1
                    report_failure(item.doc, item.reason)
                else:
                    done += 1
                    if no_body:
                        del item["body"]
                    sink.write(_json_line(item))
                progress.advance(task)
            sink.flush()
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    except OSError as exc:  # a full disk, a lost network drive
        fail(f"cannot write {out or 'to standard output'}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        fail(f"interrupted after {done} records", 130)
    finally:
        items.close()
        if out:
            try:
                sink.close()
            except OSError:
                pass
    if out:
        err.print(
            f"{done} records written to {markup_safe(out)}; {failures} documents skipped",
            highlight=False,
        )
    if strict and failures:
        raise typer.Exit(1)


def _json_line(record: dict[str, object]) -> str:
    """One record as a JSON line; ASCII escapes if some text is not valid Unicode
    (a lone surrogate)."""
    line = json.dumps(record, ensure_ascii=False) + "\n"
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record) + "\n"
    return line


@app.command("eval")
def eval_(
    pred: Annotated[
        Path, typer.Argument(help="Predicted records (JSON Lines).", exists=True, dir_okay=False)
    ],
    gold: Annotated[
        Path, typer.Argument(help="Gold records (JSON Lines).", exists=True, dir_okay=False)
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score predictions against gold records as FORMAT.md says.

    Prints each field's score (accuracy or F1, with precision and recall for
    set fields) and the headline mean.

    Example: vnevents eval pred.jsonl gold/seeds.jsonl
    """
    from rich.table import Table

    from vnevents.score import read_jsonl, score

    try:
        golds = read_jsonl(gold)
        if not golds:
            fail(f"{gold} holds no gold records: nothing to score against")
        report = score(read_jsonl(pred), golds)
    except (ValueError, OSError) as exc:
        fail(exc)
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    table = Table("field", "score", "P", "R", "detail")
    for name, c in report.fields.items():
        if c.is_set:
            table.add_row(
                name,
                f"{c.score:.3f}",
                f"{c.precision:.3f}",
                f"{c.recall:.3f}",
                f"tp={c.tp} fp={c.fp} fn={c.fn}",
            )
        else:
            table.add_row(name, f"{c.score:.3f}", "", "", f"{c.right}/{c.total}")
    Console().print(table)
    if report.missing:
        shown = ", ".join(report.missing[:10])
        err.print(f"no prediction for {len(report.missing)} gold documents: {shown}")
    print(f"headline {report.headline:.4f}")


def _register() -> None:
    """Commands that live with their library code (store, web, Spark)."""
    from vnevents.spark_cli import spark
    from vnevents.store.cli import export, ingest
    from vnevents.web.cli import serve

    app.command()(ingest)
    app.command()(export)
    app.command()(serve)
    app.command()(spark)


_register()


if __name__ == "__main__":
    app()
