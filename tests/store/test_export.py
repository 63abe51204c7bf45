"""Export: --where parsed into facet filters (never SQL), CSV / JSON Lines / Parquet agree."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from vnevents.cli import app
from vnevents.store.export import export, parse_where
from vnevents.store.schema import connect_ro
from vnevents.store.search import QueryError, SearchQuery


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["province=Lạng Sơn"], {"province": "Lạng Sơn"}),
        (["year=2024", "type=tong_ket"], {"year": 2024, "type": "tong_ket"}),
        (["document=57-NQ/TW"], {"document": "57-NQ/TW"}),
    ],
)
def test_export_where_parses_facets(items: list[str], expected: dict[str, object]) -> None:
    assert parse_where(items).filters() == expected


@pytest.mark.parametrize(
    "items",
    [["1=1"], ["province"], ["title=x"], ["year=2024 OR 1=1"], ["aid=1; DROP TABLE articles"]],
)
def test_export_where_refuses_anything_but_facets(items: list[str]) -> None:
    with pytest.raises(QueryError):
        parse_where(items)


def test_export_where_value_is_data_not_sql(examples_db: tuple[Path, object]) -> None:
    db, _ = examples_db
    conn = connect_ro(db)
    query = parse_where(["province=x' OR '1'='1"])
    assert export(conn, query, "jsonl") == b""


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_formats_hold_the_same_articles(examples_db: tuple[Path, object], fmt: str) -> None:
    db, _ = examples_db
    conn = connect_ro(db)
    query = SearchQuery()
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    data = export(conn, query, fmt)
    if fmt == "csv":
        ids = [row["id"] for row in csv.DictReader(io.StringIO(data.decode("utf-8")))]
    elif fmt == "jsonl":
        records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
        assert all("body" in r and "figures" in r for r in records)
        ids = [r["id"] for r in records]
    else:
        table = pq.read_table(io.BytesIO(data))
        ids = table.column("id").to_pylist()
        assert json.loads(table.column("record_json")[0].as_py())["id"] == ids[0]
    assert len(ids) == len(set(ids)) == total


def test_export_cli_writes_filtered_csv(examples_db: tuple[Path, object], tmp_path: Path) -> None:
    db, _ = examples_db
    conn = connect_ro(db)
    year, count = conn.execute(
        "SELECT year, count(*) FROM articles WHERE year IS NOT NULL GROUP BY 1 ORDER BY 2 DESC"
    ).fetchone()
    conn.close()
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(
        app,
        ["export", "--db", str(db), "--format", "csv", "--where", f"year={year}", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == count


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xml"],
        ["--where", "drop=table"],
        ["--format", "parquet"],
        ["--db", "/nonexistent/x.db"],
    ],
)
def test_export_cli_bad_arguments_exit_2_with_a_message(
    examples_db: tuple[Path, object], args: list[str]
) -> None:
    db, _ = examples_db
    result = CliRunner().invoke(app, ["export", "--db", str(db), *args])
    assert result.exit_code == 2
    assert "error" in result.output
