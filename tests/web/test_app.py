"""create_app: refuses a missing database with a clear error; serve's help has an example."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from vnevents.cli import app as cli_app
from vnevents.store.schema import StoreError
from vnevents.web.app import Settings, create_app


def test_app_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        create_app(Settings(db=tmp_path / "absent.db"))


def test_app_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 2
    assert "no database" in result.output


def test_app_serve_help_ends_with_an_example() -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--help"])
    assert "Example: vnevents serve" in result.output


def test_app_serves_its_own_api_docs_not_fastapis_cdn_pages(client: object) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger-ui-bundle.js" in docs.text
    assert "cdn.jsdelivr.net" not in docs.text and "unpkg.com" not in docs.text
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"].endswith("API")
