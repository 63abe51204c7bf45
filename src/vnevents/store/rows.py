"""The record in SQL: article and child-table columns derived from ``record.Record`` by ``shape``.

One child table per item list (places, organizers, people …), named as the field; one row
per item, keyed (aid, idx). A field added to the record reaches these tables, the inserts and
``load_record`` without an edit here (``ensure_columns`` adds its column to an existing
database). It does not open connections or decide what is stored (``ingest``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from vnevents import shape
from vnevents.record import Record, fold

# Columns that serve the store's queries, computed from an item, beside the record's own.
EXTRA: dict[str, dict[str, tuple[str, Callable[[dict[str, Any]], Any]]]] = {
    "people": {"name_fold": ("TEXT", lambda item: fold(item.get("name") or ""))},
}


@dataclass(frozen=True)
class Table:
    """A child table: its name (the record field), item columns and extra columns."""

    name: str
    columns: tuple[shape.Column, ...]
    extra: tuple[tuple[str, str, Callable[[dict[str, Any]], Any]], ...]

    @property
    def insert(self) -> str:
        names = ["aid", "idx", *(c.name for c in self.columns), *(e[0] for e in self.extra)]
        marks = ", ".join("?" * len(names))
        return f"INSERT OR IGNORE INTO {self.name} ({', '.join(names)}) VALUES ({marks})"

    @property
    def select(self) -> str:
        return (
            f"SELECT {', '.join(c.name for c in self.columns)} FROM {self.name} WHERE aid = ? "
            "ORDER BY idx"
        )

    def rows(self, aid: int, items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [
            (aid, i, *shape.row(self.columns, item), *(f(item) for _, _, f in self.extra))
            for i, item in enumerate(items)
        ]


@cache
def article_columns(cls: type = Record) -> tuple[shape.Column, ...]:
    """The ``articles`` columns holding the record's own fields (event flattened as event_*)."""
    skip = frozenset({"source", *(f.name for f in shape.item_fields(cls))})
    return shape.columns(cls, skip=skip)


@cache
def child_tables(cls: type = Record) -> tuple[Table, ...]:
    """One ``Table`` per item list of the record, in field order."""
    out = []
    for f in shape.item_fields(cls):
        assert f.item is not None
        extra = tuple((name, sql, fn) for name, (sql, fn) in EXTRA.get(f.name, {}).items())
        out.append(Table(f.name, shape.columns(f.item.cls), extra))
    return tuple(out)


def ensure_columns(conn: sqlite3.Connection, cls: type = Record) -> list[str]:
    """Add to an existing database the columns of fields it does not hold yet.

    Returns:
        "table.column" for each column added.
    """
    added = []
    wanted: list[tuple[str, str, str]] = [("articles", c.name, c.sql) for c in article_columns(cls)]
    for t in child_tables(cls):
        wanted += [(t.name, c.name, c.sql) for c in t.columns]
        wanted += [(t.name, name, sql) for name, sql, _ in t.extra]
    have: dict[str, set[str]] = {}
    for table, column, sql in wanted:
        if table not in have:
            have[table] = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            if not have[table]:
                cols = ", ".join(f"{c} {s}".strip() for tb, c, s in wanted if tb == table)
                conn.execute(
                    f"CREATE TABLE {table} (aid INTEGER NOT NULL, idx INTEGER NOT NULL, "
                    f"{cols}, PRIMARY KEY (aid, idx)) WITHOUT ROWID"
                )
                have[table] = {c for tb, c, _ in wanted if tb == table}
                added.append(f"{table}.*")
                continue
        if column not in have[table]:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {sql}".rstrip())
            have[table].add(column)
            added.append(f"{table}.{column}")
    return added


def load_record(conn: sqlite3.Connection, aid: int, cls: type = Record) -> dict[str, Any] | None:
    """The FORMAT.md dict of a stored article, rebuilt from its rows (``to_json``'s shape)."""
    cols = article_columns(cls)
    names = [c.name for c in cols if c.name != "raw"]
    row = conn.execute(f"SELECT {', '.join(names)} FROM articles WHERE aid = ?", (aid,)).fetchone()
    if row is None:
        return None
    data = shape.unrow(tuple(c for c in cols if c.name != "raw"), row)
    first = conn.execute(
        "SELECT url, site FROM sources WHERE aid = ? AND via = 'first' LIMIT 1", (aid,)
    ).fetchone() or (None, None)
    data["source"] = {"url": first[0], "site": first[1]}
    for table in child_tables(cls):
        data[table.name] = [
            shape.unrow(table.columns, r) for r in conn.execute(table.select, (aid,))
        ]
    return {f.name: data.get(f.name) for f in shape.fields_of(cls) if f.json}
