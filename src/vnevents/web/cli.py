"""The ``serve`` command (registered by ``vnevents.cli``): run the dashboard with uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True)


def serve(
    db: Annotated[Path, typer.Option(help="SQLite database made by `vnevents ingest` (opened read-only).")] = Path("vnevents.db"),
    host: Annotated[str, typer.Option(help="Interface to bind; the default serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the dashboard, search pages and JSON API (docs at /docs).

    Example: vnevents serve --db vnevents.db --port 8000
    """
    import uvicorn

    from vnevents.store.schema import StoreError
    from vnevents.web.app import Settings, create_app

    try:
        app = create_app(Settings(db=db))
    except StoreError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    err.print(f"serving {db} at http://{host}:{port}/ (API docs at /docs)", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")
