"""The ingest command: summary with counts and reasons; help ends with an example."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vnevents.cli import app
from vnevents.store.schema import connect_ro

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


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


def test_cli_ingest_shows_also_published_by(tmp_path: Path) -> None:
    db = tmp_path / "also.db"
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    conn = connect_ro(db)
    rows = conn.execute(
        "SELECT a.title, s.site FROM sources s JOIN articles a ON a.aid = s.aid WHERE s.via = "
        "'near'"
    ).fetchall()
    conn.close()
    assert rows  # examples/ holds a report published twice
    for title, site in rows:
        assert any(
            title in line and f"also published by {site}" in line
            for line in result.output.splitlines()
        )
    # ingesting again adds no source, so nothing is announced twice
    again = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert "also published by" not in again.output
