"""Store records (FORMAT.md dicts) in SQLite: idempotent, batched, near-dup aware.

An article is keyed by the content hash of its body (INSERT OR IGNORE). A copy
whose body is a near-duplicate of a stored article becomes another *source* of
that article, not a new one. Each batch is one transaction, so a killed run
loses at most the batch in flight and a rerun fills it in. This module does not
extract (it consumes ``pipeline.extract_many``) and does not search.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vnevents import dedup, shape
from vnevents.budget import DEFAULT_SECONDS
from vnevents.pipeline import Failure
from vnevents.record import Record
from vnevents.store import neardup, rows
from vnevents.store import workers as workers_mod
from vnevents.store.schema import StoreError, connect_rw, facet_phrase, fast_fold, rollback

log = logging.getLogger(__name__)

# Documents per transaction: large enough that commits cost little next to
# extraction (~1% at 200 on the corpus), small enough that a kill loses little.
BATCH_SIZE = 200
# The table of the Spark job's output (spark_job.run) that holds record_json.
SPARK_RECORDS = "records"


@dataclass
class IngestStats:
    """What one ingest did; ``failed`` maps each reason to its count."""

    stored: int = 0
    duplicates: int = 0  # exact copies (same content hash) already stored
    near_duplicates: int = 0  # stored as another source of a canonical article
    failed: Counter[str] = field(default_factory=Counter)
    failed_docs: list[tuple[str, str]] = field(default_factory=list)
    # (stored article, new source): a copy of a stored article seen at another place.
    also: list[tuple[str, str]] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.stored + self.duplicates + self.near_duplicates + sum(self.failed.values())


def _year_month(rec: dict[str, Any]) -> tuple[int | None, str | None]:
    """Year and "YYYY-MM" of the event date, else of the publication date."""
    for value in ((rec.get("event") or {}).get("date"), rec.get("published")):
        if isinstance(value, str) and len(value) >= 7 and value[:4].isdigit():
            return int(value[:4]), value[:7]
    return None, None


class Writer:
    """Writes records into an open read-write connection, batch by batch."""

    def __init__(
        self, conn: sqlite3.Connection, *, near_dup: bool = True, record_cls: type = Record
    ) -> None:
        self.conn = conn
        self.near_dup = near_dup
        self.record_cls = record_cls  # the record's shape (``rows`` derives the SQL from it)
        if record_cls is not Record:
            rows.ensure_columns(conn, record_cls)
        self.index: neardup.BandIndex | None = None
        self.seen_aid = 0  # articles up to this rowid are in ``index``
        if near_dup:
            self.index = neardup.BandIndex()
            self.refresh()

    def refresh(self) -> None:
        """Add to the near-duplicate index the articles stored since it was read, by another
        ingest writing to the same database (call inside the batch's write transaction)."""
        if self.index is None:
            return
        for aid, blob in self.conn.execute(
            "SELECT aid, sig FROM articles WHERE aid > ? AND sig IS NOT NULL ORDER BY aid",
            (self.seen_aid,),
        ):
            self.index.add(aid, neardup.unpack(blob))
            self.seen_aid = aid

    def add(self, rec: dict[str, Any], stats: IngestStats) -> None:
        """Store one record (inside the caller's transaction) and count the outcome."""
        body = rec.get("body")
        if not isinstance(body, str) or not body.strip():
            reason = "record has no body"
            stats.failed[reason] += 1
            stats.failed_docs.append((str(rec.get("doc")), reason))
            return
        digest = rec.get("id") or dedup.content_hash(body)
        source = rec.get("source") or {}
        src = (digest, rec.get("doc"), source.get("url"), source.get("site"), rec.get("published"))
        row = self.conn.execute("SELECT aid FROM sources WHERE hash = ?", (digest,)).fetchone()
        if row is not None:
            fresh = self._new_url(row[0], src)
            if self._source(row[0], src, "exact") and fresh:  # the same text at a new place
                stats.also.append(self._also(row[0], src))
            stats.duplicates += 1
            return
        folded = fast_fold(body)  # for the signature and the index alike
        sig = dedup.signature(body, folded) if self.index is not None else None
        keys = dedup.band_keys(sig) if sig is not None else []
        if self.index is not None and sig is not None:
            hits = self.index.query(sig, keys)
            if hits:
                fresh = self._new_url(hits[0], src)
                if self._source(hits[0], src, "near") and fresh:
                    stats.also.append(self._also(hits[0], src))
                stats.near_duplicates += 1
                return
        aid = self._article(digest, rec, sig)
        self.seen_aid = max(self.seen_aid, aid)
        self._source(aid, src, "first")
        self._children(aid, rec)
        self._fts(aid, rec, folded)
        if self.index is not None and sig is not None:
            self.index.add(aid, sig, keys)
        stats.stored += 1

    def _source(self, aid: int, src: tuple[Any, ...], via: str) -> bool:
        """Record where a copy was seen; False when this very source was already stored."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO sources (aid, hash, doc, url, site, published, via) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (aid, *src, via),
        )
        return cur.rowcount == 1

    def _new_url(self, aid: int, src: tuple[Any, ...]) -> bool:
        """Whether no stored source of ``aid`` has this copy's URL (none known: new)."""
        url = src[2]
        return (
            url is None
            or self.conn.execute(
                "SELECT 1 FROM sources WHERE aid = ? AND url = ? LIMIT 1", (aid, url)
            ).fetchone()
            is None
        )

    def _also(self, aid: int, src: tuple[Any, ...]) -> tuple[str, str]:
        """("title" (first source), new source) for the summary's "also published by" lines."""
        title, doc, site = self.conn.execute(
            "SELECT a.title, s.doc, s.site FROM articles a JOIN sources s ON s.aid = a.aid "
            "WHERE a.aid = ? ORDER BY s.via = 'first' DESC, s.rowid LIMIT 1",
            (aid,),
        ).fetchone()
        _, new_doc, url, new_site, _ = src
        return f"«{title or '(untitled)'}» ({site or doc})", str(new_site or url or new_doc)

    def _article(self, digest: str, rec: dict[str, Any], sig: bytes | None) -> int:
        cols = rows.article_columns(self.record_cls)
        year, month = _year_month(rec)
        values = (
            *shape.row(cols, {**rec, "id": digest}),
            year,
            month,
            neardup.pack(sig) if sig is not None else None,
        )
        names = [c.name for c in cols] + ["year", "month", "sig"]
        cur = self.conn.execute(
            f"INSERT OR IGNORE INTO articles ({', '.join(names)}) VALUES "
            f"({', '.join('?' * len(names))})",
            values,
        )
        if cur.rowcount == 1 and cur.lastrowid is not None:
            return cur.lastrowid
        row = self.conn.execute("SELECT aid FROM articles WHERE id = ?", (digest,)).fetchone()
        return int(row[0])

    def _fts(self, aid: int, rec: dict[str, Any], folded: str) -> None:
        """Index the article: text with and without diacritics, and its facet phrases."""
        title = rec.get("title") or ""
        self.conn.execute(
            "INSERT INTO articles_fts (rowid, title, body, ftitle, fbody, facets) VALUES (?, ?, ?, "
            "?, ?, ?)",
            (aid, title, rec["body"], fast_fold(title), folded, " ".join(facet_phrases(rec))),
        )

    def _children(self, aid: int, rec: dict[str, Any]) -> None:
        for table in rows.child_tables(self.record_cls):
            self.conn.executemany(table.insert, table.rows(aid, rec.get(table.name) or []))
        people = rec.get("people") or []
        self.conn.executemany(
            "INSERT OR IGNORE INTO person_titles VALUES (?, ?, ?, ?)",
            [
                (aid, i, j, t)
                for i, p in enumerate(people)
                for j, t in enumerate(p.get("titles") or [])
            ],
        )


def facet_phrases(rec: dict[str, Any]) -> list[str]:
    """Every facet value of a record as ``schema.facet_phrase`` strings (set order)."""
    event = rec.get("event") or {}
    event_places = [p for p in rec.get("places") or [] if p.get("role") == "event"]
    year, _ = _year_month(rec)
    values: list[tuple[str, Any]] = [
        *(("province", p.get("province")) for p in event_places),
        *(("level", p.get("level")) for p in event_places),
        ("type", event.get("type")),
        ("year", year),
        *(("organiser", o.get("name")) for o in rec.get("organizers") or []),
        *(("person", p.get("name")) for p in rec.get("people") or []),
        *(("document", d.get("symbol")) for d in rec.get("documents") or []),
    ]
    return list(dict.fromkeys(facet_phrase(k, v) for k, v in values if v not in (None, "")))


def store_records(
    conn_or_db: sqlite3.Connection | str | Path,
    records: Iterable[dict[str, Any] | Failure],
    *,
    batch_size: int = BATCH_SIZE,
    near_dup: bool = True,
    on_item: Callable[[IngestStats], None] | None = None,
    record_cls: type = Record,
) -> IngestStats:
    """Store FORMAT.md record dicts (``to_json`` output; an extra ``raw`` key is kept).

    Works for records from the pipeline, JSONL or Parquet alike. ``Failure``
    items are counted with their reason. One transaction per ``batch_size`` items.

    Args:
        conn_or_db: a connection from ``connect_rw`` or a database path.
        records: the records (or failures) to store.
        batch_size: items per transaction.
        near_dup: detect near-duplicates (off only for synthetic bulk loads).
        on_item: called after each item, e.g. to advance a progress bar.
        record_cls: the record's dataclass (a test stores a record with an added field).

    Returns:
        The counts of stored, duplicate, near-duplicate and failed items.
    """
    own = not isinstance(conn_or_db, sqlite3.Connection)
    where = "the database" if not own else str(conn_or_db)
    stats = IngestStats()
    try:
        conn = conn_or_db if isinstance(conn_or_db, sqlite3.Connection) else connect_rw(conn_or_db)
    except sqlite3.Error as exc:
        raise StoreError(write_error(where, exc)) from None
    try:
        writer = Writer(conn, near_dup=near_dup, record_cls=record_cls)
        for batch in _batches(records, batch_size):
            conn.execute("BEGIN IMMEDIATE")
            try:
                writer.refresh()
                for item in batch:
                    if isinstance(item, Failure):
                        stats.failed[item.reason] += 1
                        stats.failed_docs.append((item.doc, item.reason))
                    else:
                        writer.add(item, stats)
                    if on_item:
                        on_item(stats)
                conn.execute("COMMIT")
            except BaseException:
                rollback(conn)
                raise
    except sqlite3.Error as exc:
        raise StoreError(write_error(where, exc)) from None
    finally:
        if own:
            close(conn, quiet=True)
    return stats


def write_error(where: str, exc: sqlite3.Error) -> str:
    """One line for a failed write: what happened, and that the database is intact."""
    text = str(exc)
    if "full" in text:
        what = "the disk is full"
    elif "locked" in text or "busy" in text:
        what = "another process held the database locked for too long"
    elif "readonly" in text or "read-only" in text:
        what = "the database (or its folder) is read-only"
    else:
        what = text
    return (
        f"cannot write to {where}: {what}; the batch in flight was not stored (earlier "
        "batches were) — fix that and run the same command again"
    )


def close(conn: sqlite3.Connection, *, quiet: bool = False) -> None:
    """Checkpoint the WAL into the main file and close, so a read-only open sees all.

    With ``quiet``, a checkpoint that fails (a full disk) is left for the next writer:
    the WAL stays beside the database, whole.
    """
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        if not quiet:
            raise
    finally:
        conn.close()


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def records_from_pipeline(
    paths: Iterable[str], workers: int = 0, seconds: float | None = DEFAULT_SECONDS
) -> Generator[dict[str, Any] | Failure, None, None]:
    """Extract documents under ``paths`` into record dicts (with ``raw``) or failures;
    HTML pages are parsed where they are extracted, under the same time budget."""
    from vnevents.readers import read_paths

    return records_from_docs(read_paths(paths, parse=False), workers, seconds)


def records_from_docs(
    docs: Iterable[Any], workers: int = 0, seconds: float | None = DEFAULT_SECONDS
) -> Generator[dict[str, Any] | Failure, None, None]:
    """Extract documents into record dicts (with ``raw``) or failures, in order, each within
    ``seconds``; in ``workers`` worker processes when there are many (``store.workers``)."""
    return workers_mod.records(docs, workers, seconds)


def is_parquet(path: str | Path) -> bool:
    """A ``.parquet`` file, or a folder holding any (Spark output)."""
    p = Path(path)
    if p.is_file():
        return p.suffix.lower() == ".parquet"
    return p.is_dir() and any(p.rglob("*.parquet"))


def records_from_parquet(path: str | Path) -> Iterator[dict[str, Any] | Failure]:
    """Record dicts from Parquet with a ``record_json`` string column (``to_json`` output).

    ``path`` is a file, a folder of Parquet files, or the Spark job's output
    folder (then its ``records/`` table is read). Reads batch by batch, so a
    large Spark output never sits in memory whole.
    """
    import pyarrow.dataset as ds

    p = Path(path)
    if p.is_dir() and (p / SPARK_RECORDS).is_dir():
        p = p / SPARK_RECORDS  # the Spark job's output folder: its other tables hold no records
    files = (
        [p]
        if p.is_file()
        else sorted(f for f in p.rglob("*.parquet") if not f.name.startswith((".", "_")))
    )
    for file in files:
        try:
            dataset = ds.dataset(str(file), format="parquet")
            if "record_json" not in dataset.schema.names:
                if file == p:  # named on the command line: say why nothing came of it
                    yield Failure(str(file), "Parquet file has no 'record_json' column")
                else:
                    log.info("skipping %s: no record_json column", file)
                continue
            for batch in dataset.to_batches(columns=["record_json"]):
                for i, text in enumerate(batch.column(0).to_pylist()):
                    try:
                        rec = json.loads(text) if text else None
                    except json.JSONDecodeError as exc:
                        yield Failure(f"{file}#{i}", f"broken record_json: {exc.msg}")
                        continue
                    if not isinstance(rec, dict):
                        yield Failure(f"{file}#{i}", "record_json is not an object")
                        continue
                    yield rec
        except OSError as exc:  # pyarrow raises ArrowInvalid (an OSError subclass too)
            yield Failure(str(file), f"cannot read Parquet: {exc}")


def records_from_paths(
    paths: Iterable[str], workers: int = 0, seconds: float | None = DEFAULT_SECONDS
) -> Generator[dict[str, Any] | Failure, None, None]:
    """Parquet inputs as stored records; every other input through the pipeline
    (in ``workers`` worker processes, see ``records_from_docs``)."""
    plain: list[str] = []
    for path in paths:
        if is_parquet(path):
            if plain:
                yield from records_from_pipeline(plain, workers, seconds)
                plain = []
            yield from records_from_parquet(path)
        else:
            plain.append(path)
    if plain:
        yield from records_from_pipeline(plain, workers, seconds)
