"""Schema: named migrations applied once, WAL on write, read-only connections refuse writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from vnevents.store.schema import MIGRATIONS, StoreError, connect_ro, connect_rw, migrate


def test_schema_migrations_are_named_and_applied_once(tmp_path: Path) -> None:
    conn = connect_rw(tmp_path / "m.db")
    names = [row[0] for row in conn.execute("SELECT name FROM _migrations ORDER BY name")]
    assert names == sorted(m.name for m in MIGRATIONS)
    assert migrate(conn) == []  # nothing left to apply
    conn.close()


def test_schema_write_connection_uses_wal(tmp_path: Path) -> None:
    conn = connect_rw(tmp_path / "w.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO sources (aid, hash, via) VALUES (1, 'x', 'first')",
        "DELETE FROM articles",
        "CREATE TABLE evil (x)",
        "CREATE TEMP TABLE evil (x)",
        "DROP TABLE people",
    ],
)
def test_schema_read_only_connection_refuses_writes(tmp_path: Path, statement: str) -> None:
    db = tmp_path / "ro.db"
    connect_rw(db).close()
    conn = connect_ro(db)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute(statement)
    conn.close()


@pytest.mark.parametrize("content", [None, b"not a database at all, just some bytes" * 200])
def test_schema_read_only_open_of_missing_or_foreign_file_is_a_store_error(
    tmp_path: Path, content: bytes | None
) -> None:
    db = tmp_path / "nothing.db"
    if content is not None:
        db.write_bytes(content)
    with pytest.raises(StoreError):
        connect_ro(db)
