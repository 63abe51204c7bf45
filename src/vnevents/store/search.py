"""Read queries over the store: search with facets, article, person, document, aggregates.

Each function returns plain JSON-ready data; the JSON API and the HTML pages
both call these, so a page always shows what its JSON twin returns. Every
statement is parameterised; user text reaches FTS5 only as quoted tokens.
This module never writes.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from vnevents.record import EventType, Level, fold
from vnevents.store.schema import facet_phrase, fast_fold

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200  # a longer query is a paste, not a search
MAX_PAGE_SIZE = 100
MAX_OFFSET = 10_000  # deeper pages: narrow the query instead
MAX_COUNT = 10_000  # totals above this are reported as "more than"
FACET_LIMIT = 10
# Wall-clock budget per facet query (ms): facets are a convenience, results are not.
FACET_TIME_LIMIT_MS = 300
SNIPPET_CHARS = 240
SNIPPET_SCAN_CHARS = 4000  # about the first third of a long report
_WORD = re.compile(r"\w+")
FACETS = ("province", "level", "type", "year", "organiser", "person", "document")


class QueryError(ValueError):
    """A query parameter is out of range or malformed; the message says which."""


@dataclass(frozen=True)
class SearchQuery:
    """A search: full-text ``q`` plus facet filters, one page of results."""

    q: str = ""
    province: str | None = None
    level: str | None = None
    type: str | None = None
    year: int | None = None
    organiser: str | None = None
    person: str | None = None
    document: str | None = None
    page: int = 1
    size: int = 20

    def __post_init__(self) -> None:
        for name in ("q", "province", "level", "type", "organiser", "person", "document"):
            value = getattr(self, name)
            if value is not None and len(value) > MAX_QUERY_CHARS:
                raise QueryError(f"{name} is longer than {MAX_QUERY_CHARS} characters")
        if self.q.strip() and not _WORD.search(self.q):
            raise QueryError("the query has no searchable words")
        if self.type is not None and self.type not in {t.value for t in EventType}:
            raise QueryError(f"unknown event type {self.type!r}")
        if self.level is not None and self.level not in {lv.value for lv in Level}:
            raise QueryError(f"unknown level {self.level!r}")
        if self.year is not None and not 1900 <= self.year <= 2100:
            raise QueryError("year must be between 1900 and 2100")
        if not 1 <= self.size <= MAX_PAGE_SIZE:
            raise QueryError(f"size must be between 1 and {MAX_PAGE_SIZE}")
        if self.page < 1 or (self.page - 1) * self.size > MAX_OFFSET:
            raise QueryError(f"page must be at least 1 and reach no further than {MAX_OFFSET} results")

    def filters(self) -> dict[str, Any]:
        """The facet filters that are set."""
        return {k: v for k, v in asdict(self).items() if k in FACETS and v not in (None, "")}


def fts_match(q: str) -> str:
    """An FTS5 expression for ``q``: every word quoted, all required.

    A word typed without diacritics searches the folded columns (so "lang son"
    finds "Lạng Sơn" and "dang uy" finds "Đảng ủy"); a word typed with them
    matches exactly ("họp" does not find "hộp"). User text never becomes syntax.
    """
    terms = []
    words = _WORD.findall(q)
    for word in words:
        if fold(word) != word.lower():
            terms.append('{title body} : "' + word + '"')
        else:
            terms.append('{ftitle fbody} : "' + fold(word) + '"')
    # No extra phrase term for adjacent words: it would rank "Khánh thành" above
    # "Khánh Hòa … thành", but cost ~25% more at p95 on 100,000 documents
    # (benchmarks/bench_store.py), over the 50 ms budget.
    return " AND ".join(terms)


# Facets whose tag in the FTS ``facets`` column means exactly what the tables say
# (closed vocabularies; province names fold apart): they need no re-check, so a
# search filtered only by them runs on the FTS index alone. Person, organiser and
# document names may fold together ("Hà"/"Hạ") and are re-checked exactly.
EXACT_TAGS = frozenset({"type", "year", "level", "province"})


def _where(query: SearchQuery) -> tuple[str, str, list[str], list[Any]]:
    """The article rowid's expression, FROM clause, WHERE conditions and parameters of a search.

    Words and facet filters go to FTS together (facets as tagged phrases), so
    the index intersects them before any article row is read; exact conditions
    after it keep the meaning of the facets whose folded tag may be ambiguous.
    When nothing else needs the article row, FTS alone answers (ranking 10,000
    matches joined to their rows costs half as much again).
    """
    where: list[str] = []
    params: list[Any] = []
    filters = query.filters()
    terms = [fts_match(query.q)] if query.q.strip() else []
    terms += ['{facets} : "' + facet_phrase(key, value) + '"' for key, value in filters.items()]
    exists = {
        "province": "places x WHERE x.aid = a.aid AND x.role = 'event' AND x.province = ?",
        "level": "places x WHERE x.aid = a.aid AND x.role = 'event' AND x.level = ?",
        "organiser": "organizers x WHERE x.aid = a.aid AND x.name = ?",
        "person": "people x WHERE x.aid = a.aid AND x.name = ?",
        "document": "documents x WHERE x.aid = a.aid AND x.symbol = ?",
    }
    checks: list[str] = []
    check_params: list[Any] = []
    for key, value in filters.items():
        if terms and key in EXACT_TAGS:
            continue
        if key in exists:
            checks.append(f"EXISTS (SELECT 1 FROM {exists[key]})")
        else:
            checks.append({"type": "a.event_type = ?", "year": "a.year = ?"}[key])
        check_params.append(value)
    if not terms:
        return "a.aid", "articles a", checks, check_params
    where.append("articles_fts MATCH ?")
    params.append(" AND ".join(terms))
    if not checks and query.q.strip():
        return "articles_fts.rowid", "articles_fts", where, params
    # CROSS JOIN keeps the full-text match as the outer loop: left to itself the
    # planner may walk an index on a filter column and probe FTS row by row (100× slower).
    frm = "articles_fts CROSS JOIN articles a ON a.aid = articles_fts.rowid"
    return "a.aid", frm, where + checks, params + check_params


def _sql_where(where: list[str]) -> str:
    return ("WHERE " + " AND ".join(where)) if where else ""


def matching_aids(conn: sqlite3.Connection, query: SearchQuery, limit: int, offset: int = 0) -> list[int]:
    """Article rowids of the matches, best first (newest first without words)."""
    aid, frm, where, params = _where(query)
    # Title columns weigh 10× the body's in the ranking.
    order = "bm25(articles_fts, 10, 1, 10, 1, 0)" if query.q.strip() else "a.published DESC, a.aid DESC"
    sql = f"SELECT {aid} FROM {frm} {_sql_where(where)} ORDER BY {order} LIMIT ? OFFSET ?"
    return [row[0] for row in conn.execute(sql, (*params, limit, offset))]


def search(conn: sqlite3.Connection, query: SearchQuery, *, facets: bool = True) -> dict[str, Any]:
    """One page of results, the total, and facet counts over the whole result set."""
    _, frm, where, params = _where(query)
    # Rank the page first on small columns only, then read the page's rows: sorting
    # with the bodies in the select list would read every match's body.
    page = matching_aids(conn, query, query.size, offset=(query.page - 1) * query.size)
    marks = ",".join("?" * len(page))
    rows = {
        r[0]: r
        for r in conn.execute(
            "SELECT a.aid, a.id, a.title, a.published, a.event_type, a.event_date, "
            f"substr(a.body, 1, {SNIPPET_SCAN_CHARS}), "
            "(SELECT group_concat(DISTINCT p.province) FROM places p "
            " WHERE p.aid = a.aid AND p.role = 'event'), "
            "(SELECT group_concat(DISTINCT coalesce(s.site, s.url)) FROM sources s "
            " WHERE s.aid = a.aid AND s.via != 'first') "
            f"FROM articles a WHERE a.aid IN ({marks})",
            page,
        )
    }
    # Count up to a cap, as search engines do: an exact 48,213 costs a scan and
    # tells a reader no more than "more than 10,000".
    total = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {frm} {_sql_where(where)} LIMIT ?)", (*params, MAX_COUNT + 1)
    ).fetchone()[0]
    results = [
        {
            "id": r[1], "title": r[2], "published": r[3], "event_type": r[4],
            "event_date": r[5], "provinces": r[7].split(",") if r[7] else [],
            "snippet": snippet(r[6], query.q),
            "also_published_by": r[8].split(",") if r[8] else [],
        }
        for r in (rows[aid] for aid in page if aid in rows)
    ]
    return {
        "query": query.q, "filters": query.filters(), "page": query.page, "size": query.size,
        "total": min(total, MAX_COUNT), "total_capped": total > MAX_COUNT, "results": results,
        "facets": facet_counts(conn, query) if facets else {},
    }


_FACET_SQL = {
    "province": "SELECT x.province, count(DISTINCT x.aid) FROM places x JOIN m ON m.aid = x.aid "
    "WHERE x.role = 'event' AND x.province IS NOT NULL GROUP BY 1",
    "level": "SELECT x.level, count(DISTINCT x.aid) FROM places x JOIN m ON m.aid = x.aid "
    "WHERE x.role = 'event' AND x.level IS NOT NULL GROUP BY 1",
    "type": "SELECT x.event_type, count(*) FROM articles x JOIN m ON m.aid = x.aid "
    "WHERE x.event_type IS NOT NULL GROUP BY 1",
    "year": "SELECT x.year, count(*) FROM articles x JOIN m ON m.aid = x.aid "
    "WHERE x.year IS NOT NULL GROUP BY 1",
    "organiser": "SELECT x.name, count(DISTINCT x.aid) FROM organizers x JOIN m ON m.aid = x.aid GROUP BY 1",
    "person": "SELECT x.name, count(DISTINCT x.aid) FROM people x JOIN m ON m.aid = x.aid GROUP BY 1",
    "document": "SELECT x.symbol, count(DISTINCT x.aid) FROM documents x JOIN m ON m.aid = x.aid "
    "WHERE x.symbol IS NOT NULL GROUP BY 1",
}


@contextmanager
def time_limit(conn: sqlite3.Connection, ms: int) -> Iterator[None]:
    """Interrupt statements on ``conn`` running past ``ms`` from now (datasette's trick).

    On a ``schema.ReadConnection`` limits nest; on any other connection this
    installs its own progress handler for the duration.
    """
    deadline = time.monotonic() + ms / 1000
    deadlines = getattr(conn, "deadlines", None)
    if deadlines is None:
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)
    else:
        deadlines.append(deadline)
    try:
        yield
    finally:
        if deadlines is None:
            conn.set_progress_handler(None, 0)
        else:
            deadlines.remove(deadline)


def facet_counts(conn: sqlite3.Connection, query: SearchQuery) -> dict[str, Any]:
    """Top values of each facet over the result set; ``more`` when there are others."""
    aid, frm, where, params = _where(query)
    cte = f"WITH m(aid) AS (SELECT {aid} FROM {frm} {_sql_where(where)}) "
    out: dict[str, Any] = {}
    for name, sql in _FACET_SQL.items():
        full = f"{cte}{sql} ORDER BY 2 DESC, 1 LIMIT ?"
        try:
            with time_limit(conn, FACET_TIME_LIMIT_MS):
                rows = conn.execute(full, (*params, FACET_LIMIT + 1)).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise
            out[name] = {"values": [], "more": False, "timed_out": True}
            continue
        out[name] = {
            "values": [{"value": v, "count": c} for v, c in rows[:FACET_LIMIT]],
            "more": len(rows) > FACET_LIMIT, "timed_out": False,
        }
    return out


def snippet(body: str, q: str, width: int = SNIPPET_CHARS) -> str:
    """A window of ``body`` around the first query word (diacritic-insensitive).

    Only the first ``SNIPPET_SCAN_CHARS`` are searched; past them the snippet
    shows the opening, which for a news report is the lead anyway.
    """
    words = _WORD.findall(fold(q))
    folded = fast_fold(body[:SNIPPET_SCAN_CHARS])
    start = 0
    if words and len(folded) == min(len(body), SNIPPET_SCAN_CHARS):  # offsets line up
        hits = [m.start() for w in words if (m := re.search(rf"\b{re.escape(w)}\b", folded))]
        if hits:
            start = max(0, min(hits) - width // 3)
            start = body.rfind(" ", 0, start) + 1 if start else 0
    text = body[start : start + width]
    return ("…" if start else "") + text + ("…" if start + width < len(body) else "")
