"""The command line: thin wrappers that validate, call one library function, report.

Commands: extract, eval (here); ingest, export (store), serve (web), spark (spark_job).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from vnevents.record import to_json

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
        bool, typer.Option("--verbose", "-v", help="Also log progress notes on stderr (e.g. what each WARC file held).")
    ] = False,
) -> None:
    """vnevents: structured event records from Vietnamese public-sector news reports.

    Example: vnevents --verbose extract crawl.warc.gz -o records.jsonl
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(name)s: %(message)s")


# Show a progress bar only when this many documents or more are read on a terminal.
PROGRESS_MIN_FILES = 20


def _count_inputs(paths: list[str]) -> int | None:
    """Number of files under ``paths`` (None for stdin), for the progress bar total."""
    from vnevents.readers import iter_files

    if "-" in paths:
        return None
    return sum(1 for item in iter_files(paths) if isinstance(item, Path))


def report_failure(doc: str, reason: str) -> None:
    """One plain line on stderr per document that could not be processed (greppable)."""
    sys.stderr.write(f"skipped {doc}: {reason}\n")


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, .jsonl files, or - for stdin.")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write JSON Lines here (default stdout).")] = None,
    strict: Annotated[bool, typer.Option(help="Exit with code 1 if any document failed.")] = False,
    no_body: Annotated[bool, typer.Option("--no-body", help="Leave the cleaned body out of each record.")] = False,
) -> None:
    """Extract one JSON record per document.

    Inputs: .txt files, folders (recursively), .jsonl files of objects with
    "text" (and optional "id", "url"), .html/.htm, .warc/.warc.gz, and - for
    standard input. A document that cannot be read is reported on stderr with
    its reason; the rest goes on.

    Example: vnevents extract reports/ -o records.jsonl
    """
    from rich.progress import Progress

    from vnevents.pipeline import Failure, extract_many
    from vnevents.readers import read_paths

    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    failures = done = 0
    show = err.is_terminal and (total := _count_inputs(paths)) is not None and total >= PROGRESS_MIN_FILES
    try:
        with Progress(console=err, disable=not show, transient=True) as progress:
            task = progress.add_task("extracting", total=None)
            for item in extract_many(read_paths(paths)):
                if isinstance(item, Failure):
                    failures += 1
                    report_failure(item.doc, item.reason)
                else:
                    done += 1
                    sink.write(json.dumps(to_json(item, with_body=not no_body), ensure_ascii=False) + "\n")
                progress.advance(task)
    finally:
        if out:
            sink.close()
    if out:
        err.print(f"{done} records written to {out}; {failures} documents skipped", highlight=False)
    if strict and failures:
        raise typer.Exit(1)


@app.command("eval")
def eval_(
    pred: Annotated[Path, typer.Argument(help="Predicted records (JSON Lines).", exists=True, dir_okay=False)],
    gold: Annotated[Path, typer.Argument(help="Gold records (JSON Lines).", exists=True, dir_okay=False)],
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
        report = score(read_jsonl(pred), read_jsonl(gold))
    except ValueError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    table = Table("field", "score", "P", "R", "detail")
    for name, c in report.fields.items():
        if c.is_set:
            table.add_row(name, f"{c.score:.3f}", f"{c.precision:.3f}", f"{c.recall:.3f}",
                          f"tp={c.tp} fp={c.fp} fn={c.fn}")
        else:
            table.add_row(name, f"{c.score:.3f}", "", "", f"{c.right}/{c.total}")
    Console().print(table)
    if report.missing:
        err.print(f"no prediction for {len(report.missing)} gold documents: {', '.join(report.missing[:10])}")
    print(f"headline {report.headline:.4f}")


def _register() -> None:
    """Commands that live with their library code (store, web, Spark)."""
    from vnevents.spark_job import spark
    from vnevents.store.cli import export, ingest
    from vnevents.web.cli import serve

    app.command()(ingest)
    app.command()(export)
    app.command()(serve)
    app.command()(spark)


_register()


if __name__ == "__main__":
    app()
