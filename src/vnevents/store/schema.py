"""SQLite schema as named migrations, and the two ways of opening the database.

``connect_rw`` is for ingest (WAL, migrated);
``connect_ro`` is for serving (``mode=ro``, ``PRAGMA query_only``). This module
does not read or write records (see ``ingest`` and ``search``).
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
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
    "province": "zzprov",
    "level": "zzlevel",
    "type": "zztype",
    "year": "zzyear",
    "organiser": "zzorg",
    "person": "zzperson",
    "document": "zzdoc",
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
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process (a second ingest started at the same moment) may have
            # applied it since ``done`` was read; the write lock makes this answer final.
            if conn.execute(
                "SELECT 1 FROM _migrations WHERE name = ?", (migration.name,)
            ).fetchone():
                conn.execute("COMMIT")
                continue
            log.info("applying migration %s", migration.name)
            for statement in _statements(migration.sql):
                conn.execute(statement)
            conn.execute("INSERT INTO _migrations (name) VALUES (?)", (migration.name,))
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
        applied.append(migration.name)
    return applied


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back the open transaction, if SQLite has not already (it does on a full disk)."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error as exc:  # the error being raised says more than this one
        log.debug("rollback failed: %s", exc)


def _retry_locked(conn: sqlite3.Connection, sql: str) -> None:
    """Run ``sql``, waiting while another process holds the lock it needs.

    Switching to WAL takes an exclusive lock and SQLite's busy handler does not
    wait for it: a second ingest opening a fresh database at the same moment got
    "database is locked" here.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute(sql)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


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
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _retry_locked(conn, "PRAGMA journal_mode = WAL")
        # NORMAL is durable across a killed process in WAL mode (only power loss can
        # drop the last commits), and much faster than FULL.
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    from vnevents.store import rows  # noqa: PLC0415 - rows imports record; schema stays light

    # Under the write lock: two ingests starting together must not both add a column.
    conn.execute("BEGIN IMMEDIATE")
    try:
        added = rows.ensure_columns(conn)
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        conn.close()
        raise
    if added:
        log.info("columns added for new record fields: %s", ", ".join(added))
    return conn


class Deadlines(list[float]):
    """Deadlines as ``search.time_limit`` pushes them (``time.monotonic()`` + a limit), each
    counted in CPU time of the thread that pushed it.

    A limit is there to stop an expensive query; measured on the wall clock, it also
    stopped cheap ones on a busy server (20 clients on 2 cores: 17% of the answers lost
    their facet counts, some searches failed as "too long"). A statement running in
    another thread than the one that pushed the limit (a streamed export) falls back to
    the wall clock, and every limit ends on the wall clock at ``WALL_FACTOR`` times its length.
    """

    # A statement starved of CPU still ends, at this many times its limit in wall time.
    WALL_FACTOR = 10

    def __init__(self) -> None:
        super().__init__()
        self.budgets: dict[float, tuple[int, float, float, float]] = {}

    def append(self, deadline: float) -> None:
        now = time.monotonic()
        limit = max(0.0, deadline - now)
        self.budgets[deadline] = (
            threading.get_ident(),
            time.thread_time(),
            limit,
            now + limit * self.WALL_FACTOR,
        )
        super().append(deadline)

    def remove(self, deadline: float) -> None:
        super().remove(deadline)
        if deadline not in self:
            self.budgets.pop(deadline, None)

    def expired(self) -> bool:
        if not self:
            return False
        now, me = time.monotonic(), threading.get_ident()
        cpu = time.thread_time()
        for deadline in self:
            thread, start, limit, wall = self.budgets.get(deadline, (0, 0.0, 0.0, deadline))
            if now > wall or (cpu - start > limit if thread == me else now > deadline):
                return True
        return False


class ReadConnection(sqlite3.Connection):
    """A connection whose statements stop at the earliest pushed deadline (see ``Deadlines``).

    ``search.time_limit`` pushes and pops deadlines, so a facet's short limit
    nests inside a request's longer one.
    """

    # Check the clock every this many SQLite VM instructions (~0.1 ms of work).
    CHECK_EVERY = 1000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadlines: Deadlines = Deadlines()
        self.set_progress_handler(self._expired, self.CHECK_EVERY)

    def _expired(self) -> int:
        return int(self.deadlines.expired())


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
