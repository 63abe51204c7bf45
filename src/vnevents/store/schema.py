"""SQLite schema as named migrations, and the two ways of opening the database.

``connect_rw`` is for ingest (WAL, migrated);
``connect_ro`` is for serving (``mode=ro``, ``PRAGMA query_only``). This module
does not read or write records (see ``ingest`` and ``search``).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnevents.patterns import fold

log = logging.getLogger(__name__)

# How long a writer waits for another writer's lock before giving up (ms).
BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """The database cannot be opened or does not hold a vnevents store."""


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


# Child tables key on ``aid`` (the article's integer rowid): smaller rows and
# faster joins than repeating the 16-hex content hash. ``s``/``e`` are the span.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_articles",
        """
        -- Small columns first: SQLite walks a large value's overflow pages to reach
        -- any column after it, so filters on event_type or year stay cheap this way.
        CREATE TABLE articles (
            aid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,          -- content hash of the body
            doc TEXT, title TEXT, published TEXT, author TEXT,
            event_type TEXT, event_date TEXT, time_of_day TEXT, period TEXT,
            event_s INTEGER, event_e INTEGER,
            year INTEGER,                     -- of the event date, else of publication
            month TEXT,                       -- "YYYY-MM", same rule
            ingested_at TEXT NOT NULL DEFAULT (datetime('now')),
            sig BLOB,                         -- MinHash signature (dedup.signature)
            body TEXT NOT NULL, raw TEXT
        );
        CREATE TABLE sources (
            aid INTEGER NOT NULL REFERENCES articles(aid),
            hash TEXT NOT NULL,               -- content hash of the copy seen
            doc TEXT, url TEXT, site TEXT, published TEXT,
            via TEXT NOT NULL,                -- 'first' | 'exact' | 'near'
            seen_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        -- NULLs are distinct in a UNIQUE constraint: key on '' so reruns stay idempotent.
        CREATE UNIQUE INDEX sources_key ON sources (hash, ifnull(doc, ''), ifnull(url, ''));
        CREATE TABLE places (
            aid INTEGER NOT NULL, idx INTEGER NOT NULL,
            name TEXT NOT NULL, level TEXT, province TEXT, code TEXT, role TEXT,
            today TEXT,                       -- JSON list of post-2025 units
            s INTEGER, e INTEGER, PRIMARY KEY (aid, idx)
        ) WITHOUT ROWID;
        CREATE TABLE organisers (
            aid INTEGER NOT NULL, idx INTEGER NOT NULL,
            name TEXT NOT NULL, expanded TEXT,
            s INTEGER, e INTEGER, PRIMARY KEY (aid, idx)
        ) WITHOUT ROWID;
        CREATE TABLE people (
            aid INTEGER NOT NULL, idx INTEGER NOT NULL,
            name TEXT NOT NULL, name_fold TEXT NOT NULL, role TEXT,
            s INTEGER, e INTEGER, PRIMARY KEY (aid, idx)
        ) WITHOUT ROWID;
        CREATE TABLE person_titles (
            aid INTEGER NOT NULL, person_idx INTEGER NOT NULL, pos INTEGER NOT NULL,
            title TEXT NOT NULL, PRIMARY KEY (aid, person_idx, pos)
        ) WITHOUT ROWID;
        CREATE TABLE figures (
            aid INTEGER NOT NULL, idx INTEGER NOT NULL,
            value, unit TEXT, qualifier TEXT,  -- value untyped: keeps int vs float
            s INTEGER, e INTEGER, PRIMARY KEY (aid, idx)
        ) WITHOUT ROWID;
        CREATE TABLE documents (
            aid INTEGER NOT NULL, idx INTEGER NOT NULL,
            kind TEXT, symbol TEXT, name TEXT, date TEXT, issuer TEXT,
            s INTEGER, e INTEGER, PRIMARY KEY (aid, idx)
        ) WITHOUT ROWID;
        CREATE TABLE awards (
            aid INTEGER NOT NULL, idx INTEGER NOT NULL,
            kind TEXT, issuer TEXT, collectives INTEGER, individuals INTEGER,
            s INTEGER, e INTEGER, PRIMARY KEY (aid, idx)
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        "0002_fts",
        # Contentless: the text lives in ``articles`` once. ``title``/``body`` match
        # with diacritics; ``ftitle``/``fbody`` hold fold() (unicode61 cannot fold đ);
        # ``facets`` holds one tagged phrase per facet value (see ``facet_phrase``),
        # so a facet filter is one more FTS term and narrows the match before any
        # row is read. Rows are written by ``ingest.Writer`` (the facets come from
        # the child rows, after the article's insert).
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, ftitle, fbody, facets,
            content='', tokenize='unicode61 remove_diacritics 0'
        );
        """,
    ),
    Migration(
        "0003_indexes",
        """
        CREATE INDEX sources_aid ON sources (aid);
        CREATE INDEX articles_sort ON articles (published DESC, aid);
        CREATE INDEX articles_type ON articles (event_type);
        CREATE INDEX articles_year ON articles (year);
        CREATE INDEX articles_month ON articles (month);
        CREATE INDEX places_province ON places (province, role, aid);
        CREATE INDEX places_level ON places (level, role, aid);
        CREATE INDEX organisers_name ON organisers (name, aid);
        CREATE INDEX people_name ON people (name, aid);
        CREATE INDEX people_fold ON people (name_fold);
        CREATE INDEX documents_symbol ON documents (symbol, aid);
        """,
    ),
    Migration(
        "0004_record_shape",
        # Tables and columns named as the record's fields (store.rows derives them), and a
        # person's titles kept with the person (person_titles stays as the index of titles).
        """
        ALTER TABLE organisers RENAME TO organizers;
        ALTER TABLE articles RENAME COLUMN time_of_day TO event_time_of_day;
        ALTER TABLE articles RENAME COLUMN period TO event_period;
        ALTER TABLE people ADD COLUMN titles TEXT;
        UPDATE people SET titles = (
            SELECT json_group_array(title) FROM (
                SELECT title FROM person_titles t
                WHERE t.aid = people.aid AND t.person_idx = people.idx ORDER BY pos));
        """,
    ),
)


def fast_fold(text: str) -> str:
    """``patterns.fold`` (what the FTS shadow columns hold)."""
    return fold(text)


# Tags opening each facet phrase in ``articles_fts.facets``; never words of a report.
FACET_TAGS = {
    "province": "zzprov", "level": "zzlevel", "type": "zztype", "year": "zzyear",
    "organiser": "zzorg", "person": "zzperson", "document": "zzdoc",
}
FACET_END = "zzend"
_TOKEN = re.compile(r"\w+")


def facet_phrase(facet: str, value: str | int) -> str:
    """``("province", "Lạng Sơn")`` → ``"zzprov lang son zzend"``: the tokens stored and queried.

    The end tag keeps "Hà" from matching the start of "Hà Nội".
    """
    words = _TOKEN.findall(fast_fold(str(value)))
    return " ".join([FACET_TAGS[facet], *words, FACET_END])


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet applied, each in its own transaction.

    Returns:
        The names of the migrations applied now.
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations "
        "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (datetime('now')))"
    )
    done = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    applied = []
    for migration in MIGRATIONS:
        if migration.name in done:
            continue
        log.info("applying migration %s", migration.name)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(migration.sql):
                conn.execute(statement)
            conn.execute("INSERT INTO _migrations (name) VALUES (?)", (migration.name,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.name)
    return applied


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit on its own)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def connect_rw(db: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) the database for writing, migrated, in WAL mode.

    The connection is in autocommit mode: callers open their own transactions.
    """
    conn = sqlite3.connect(str(db), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL is durable across a killed process in WAL mode (only power loss can
    # drop the last commits), and much faster than FULL.
    conn.execute("PRAGMA synchronous = NORMAL")
    migrate(conn)
    from vnevents.store import rows  # noqa: PLC0415 - rows imports record; schema stays light

    if added := rows.ensure_columns(conn):
        log.info("columns added for new record fields: %s", ", ".join(added))
    return conn


class ReadConnection(sqlite3.Connection):
    """A connection whose statements stop at the earliest pushed deadline.

    ``search.time_limit`` pushes and pops deadlines, so a facet's short limit
    nests inside a request's longer one.
    """

    # Check the clock every this many SQLite VM instructions (~0.1 ms of work).
    CHECK_EVERY = 1000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadlines: list[float] = []
        self.set_progress_handler(self._expired, self.CHECK_EVERY)

    def _expired(self) -> int:
        return int(bool(self.deadlines) and time.monotonic() > min(self.deadlines))


def connect_ro(db: str | Path) -> ReadConnection:
    """Open an existing database read-only (``mode=ro`` and ``PRAGMA query_only``).

    Raises:
        StoreError: the file is missing or holds no vnevents store.
    """
    path = Path(db)
    if not path.is_file():
        raise StoreError(f"no database at {path} (run `vnevents ingest` first)")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, factory=ReadConnection)
    assert isinstance(conn, ReadConnection)
    conn.execute("PRAGMA query_only = 1")
    try:
        conn.execute("SELECT 1 FROM articles_fts LIMIT 1")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a vnevents database: {exc}") from exc
    return conn
