"""The ``serve`` command (registered by ``vnevents.cli``): run the dashboard with uvicorn.

With several workers (the default: one per core) each is a process of its own,
so searches run on every core; the database is opened read-only in each.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from vnevents.messages import markup_safe

if TYPE_CHECKING:
    from fastapi import FastAPI

err = Console(stderr=True)

# How the parent hands the database to worker processes (uvicorn imports the app anew in each).
DB_ENV = "VNEVENTS_SERVE_DB"


def default_workers() -> int:
    """One worker process per core: a search holds the GIL while SQLite and Python work."""
    return max(1, os.cpu_count() or 1)


def app_from_env() -> FastAPI:
    """The app for one uvicorn worker process (``uvicorn --factory``), its database
    named in ``DB_ENV``."""
    from vnevents.web.app import Settings, create_app

    return create_app(Settings(db=Path(os.environ[DB_ENV])))


def serve(
    db: Annotated[
        Path, typer.Option(help="SQLite database made by `vnevents ingest` (opened read-only).")
    ] = Path("vnevents.db"),
    host: Annotated[
        str, typer.Option(help="Interface to bind; the default serves this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=0,
            max=64,
            help="Worker processes (0: one per core). One process serves one search at a time.",
        ),
    ] = 0,
) -> None:
    """Serve the dashboard, search pages and JSON API (docs at /docs).

    Example: vnevents serve --db vnevents.db --port 8000
    """
    import uvicorn

    from vnevents.store.schema import StoreError
    from vnevents.web.app import Settings, create_app

    try:
        app = create_app(Settings(db=db))  # fails here, once, with a clear message
    except StoreError as exc:
        err.print(f"[red]error[/red] {markup_safe(exc)}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    n = workers or default_workers()
    err.print(
        f"serving {markup_safe(db)} at http://{host}:{port}/ with {n} worker process"
        f"{'es' if n > 1 else ''} (API docs at /docs)",
        highlight=False,
    )
    try:
        if n == 1:
            uvicorn.run(app, host=host, port=port, log_level="warning")
        else:
            os.environ[DB_ENV] = str(db.resolve())
            uvicorn.run(
                "vnevents.web.cli:app_from_env",
                factory=True,
                workers=n,
                host=host,
                port=port,
                log_level="warning",
            )
    except OSError as exc:  # the port is taken, the address is not this machine's
        err.print(
            f"[red]error[/red] cannot listen on {host}:{port}: {markup_safe(exc.strerror or exc)}",
            highlight=False,
        )
        raise typer.Exit(2) from None
