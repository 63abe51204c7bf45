"""The ingest command: summary with counts and reasons; help ends with an example."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vnevents.cli import app


def test_cli_ingest_prints_a_summary(
    tmp_path: Path, write_docs: Callable[[dict[str, str]], Path], tiny: dict[str, str]
) -> None:
    folder = write_docs({**tiny, "empty.txt": " "})
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{len(tiny)} stored" in result.output
    assert "1 failed" in result.output
    assert "empty input" in result.output
    again = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert f"{len(tiny)} duplicates skipped" in again.output


@pytest.mark.parametrize("command", ["ingest", "export"])
def test_cli_help_ends_with_an_example(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: vnevents " + command in result.output
