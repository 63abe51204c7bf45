"""Search over the store: one page of ranked results with highlighted snippets, the
total, and facet counts.

The query language is ``query``'s; the SQL ranking (FTS5 bm25) is reordered over a
window by ``rank``. Each function returns plain JSON-ready data; the JSON API and the
HTML pages both call these, so a page always shows what its JSON twin returns. Every
statement is parameterised; user text reaches FTS5 only as quoted tokens. This module
never writes.
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

from vnevents.record import EventType, Level
from vnevents.store import query as query_mod
from vnevents.store.query import QueryError as QueryError  # where callers have always found it
from vnevents.store.query import Term
from vnevents.store.query import fts_match as fts_match
from vnevents.store.query import legacy_fts_match
from vnevents.store.query import expressions as _expressions
from vnevents.store.query import pair_phrase
from vnevents.store.rank import SNIPPET_CHARS, SNIPPET_SCAN_CHARS, Scorer, rescore, snippet_marks
from vnevents.store.schema import facet_phrase

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200  # a longer query is a paste, not a search
MAX_PAGE_SIZE = 100
MAX_OFFSET = 10_000  # deeper pages: narrow the query instead
MAX_COUNT = 10_000  # totals above this are reported as "more than"
FACET_LIMIT = 10
# Wall-clock budget per facet query (ms): facets are a convenience, results are not.
FACET_TIME_LIMIT_MS = 300
_WORD = re.compile(r"\w+")
FACETS = ("province", "level", "type", "year", "organiser", "person", "document")


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
        if self.q.strip() and not query_mod.WORD.search(self.q):
            raise QueryError("the query has no searchable words")
        if self.q.strip() and all(t.exclude for t in query_mod.parse(self.q)):
            raise QueryError("the query only excludes words: add a word to search for")
        if self.type is not None and self.type not in {t.value for t in EventType}:
            raise QueryError(f"unknown event type {self.type!r}")
        if self.level is not None and self.level not in {lv.value for lv in Level}:
            raise QueryError(f"unknown level {self.level!r}")
        if self.year is not None and not 1900 <= self.year <= 2100:
            raise QueryError("year must be between 1900 and 2100")
        if not 1 <= self.size <= MAX_PAGE_SIZE:
            raise QueryError(f"size must be between 1 and {MAX_PAGE_SIZE}")
        if self.page < 1 or (self.page - 1) * self.size > MAX_OFFSET:
            raise QueryError(
                f"page must be at least 1 and reach no further than {MAX_OFFSET} results"
            )

    def filters(self) -> dict[str, Any]:
        """The facet filters that are set."""
        return {k: v for k, v in asdict(self).items() if k in FACETS and v not in (None, "")}


# Facets whose tag in the FTS ``facets`` column means exactly what the tables say
# (closed vocabularies; province names fold apart): they need no re-check, so a
# search filtered only by them runs on the FTS index alone. Person, organiser and
# document names may fold together ("Hà"/"Hạ") and are re-checked exactly.
EXACT_TAGS = frozenset({"type", "year", "level", "province"})


def _where(
    query: SearchQuery, rank: str = "vn", *, ranking: bool = False
) -> tuple[str, str, list[str], list[Any]]:
    """The article rowid's expression, FROM clause, WHERE conditions and parameters of a search.

    Words and facet filters go to FTS together (facets as tagged phrases), so
    the index intersects them before any article row is read; exact conditions
    after it keep the meaning of the facets whose folded tag may be ambiguous.
    When nothing else needs the article row, FTS alone answers (ranking 10,000
    matches joined to their rows costs half as much again). ``ranking`` asks for
    the expression that also scores adjacent word pairs (same rows, dearer).
    """
    where: list[str] = []
    params: list[Any] = []
    filters = query.filters()
    tags = ['{facets} : "' + facet_phrase(key, value) + '"' for key, value in filters.items()]
    terms: list[str] = []
    if query.q.strip():
        if rank == "vn":
            match, ranked = _expressions(query_mod.parse(query.q), tags[0] if tags else None)
            terms.append(ranked if ranking else match)
        else:
            terms.append(legacy_fts_match(query.q))
    terms += tags
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
    params.append(" AND ".join(f"({t})" for t in terms))
    if not checks and query.q.strip():
        return "articles_fts.rowid", "articles_fts", where, params
    # CROSS JOIN keeps the full-text match as the outer loop: left to itself the
    # planner may walk an index on a filter column and probe FTS row by row (100× slower).
    frm = "articles_fts CROSS JOIN articles a ON a.aid = articles_fts.rowid"
    return "a.aid", frm, where + checks, params + check_params


def _sql_where(where: list[str]) -> str:
    return ("WHERE " + " AND ".join(where)) if where else ""


# bm25 weights of the FTS columns title, body, ftitle, fbody, facets: a title word
# counts as ten body words; facet tags never score.
BM25_WEIGHTS = "10, 1, 10, 1, 0"
RANKINGS = ("vn", "legacy", "bm25")
# The best this many matches of the SQL ranking are reordered by ``rank.rescore``
# (Elasticsearch's rescore window): their titles are read, and how many of the query's
# word pairs the index holds as phrases in each (one lookup per pair and row, the
# window's main cost); the best LEAD_WINDOW are reordered again with their leads (the
# page's snippets read those bodies anyway). bench_search.py, nDCG@10: window 50 →
# 0.792, 100 → 0.829, 200 → 0.839. Pages past the window follow the SQL order.
RESCORE_WINDOW = 100
LEAD_WINDOW = 20
# Score the query's adjacent word pairs in the SQL ranking too (FTS5 phrases: bm25 then
# counts them in every match, not only the window's). Better (nDCG@10 0.906, with
# RESCORE_WINDOW = 30) but FTS5 then checks each phrase position by position in every
# match: the SQL ranking costs +40–60% at 100,000 documents (bench_store.py), over the
# 50 ms budget. Off until the index holds syllable pairs as tokens (see the README).
SQL_PAIRS = False


def _ranked(
    conn: sqlite3.Connection, query: SearchQuery, rank: str, limit: int, offset: int
) -> tuple[list[tuple[int, float]], int | None]:
    """(rowid, bm25) of matches ``offset``..``offset+limit`` in the SQL order, and the
    number of matches (None when the page is past the end and no row carried it).

    The count rides on the ranking as ``count(*) OVER ()``: ranking already visits
    every match, so the total costs no second pass over the index (~8 ms on 100,000
    documents, bench_store.py).
    """
    aid, frm, where, params = _where(query, rank, ranking=SQL_PAIRS)
    weights = "" if rank == "bm25" else ", " + BM25_WEIGHTS
    sql = (
        f"SELECT aid, score, count(*) OVER () FROM (SELECT {aid} AS aid, bm25(articles_fts{weights}) "
        f"AS score FROM {frm} {_sql_where(where)}) ORDER BY 2, 1 LIMIT ? OFFSET ?"
    )
    rows = conn.execute(sql, (*params, limit, offset)).fetchall()
    return [(r[0], r[1]) for r in rows], (rows[0][2] if rows else None)


def matching_aids(
    conn: sqlite3.Connection, query: SearchQuery, limit: int, offset: int = 0, rank: str = "vn"
) -> list[int]:
    """Article rowids of the matches, best first (newest first without words).

    Args:
        rank: "vn" (the query language, adjacency and title/lead rescoring), "legacy"
            (the search before it) or "bm25" (the legacy match, plain FTS5 bm25).
    """
    return [aid for aid, _ in _page(conn, query, limit, offset, rank)[0]]


def _page(
    conn: sqlite3.Connection, query: SearchQuery, limit: int, offset: int, rank: str
) -> tuple[list[tuple[int, float]], int | None, dict[int, tuple[str, str]]]:
    """The page's (rowid, bm25), the number of matches when the ranking counted them, and
    the (title, opening) of the rows the rescoring read."""
    if rank not in RANKINGS:
        raise QueryError(f"rank must be one of {', '.join(RANKINGS)}")
    if not query.q.strip():
        aid, frm, where, params = _where(query, rank)
        sql = f"SELECT {aid} FROM {frm} {_sql_where(where)} ORDER BY a.published DESC, a.aid DESC LIMIT ? OFFSET ?"
        return [(r[0], 0.0) for r in conn.execute(sql, (*params, limit, offset))], None, {}
    if rank != "vn" or offset >= RESCORE_WINDOW:
        return (*_ranked(conn, query, rank, limit, offset), {})  # past the window: the SQL order
    terms = query_mod.parse(query.q)
    head, total = _ranked(conn, query, rank, max(RESCORE_WINDOW, offset + limit), 0)
    window = head[:RESCORE_WINDOW]
    scores = dict(window)
    # Two passes: the whole window on titles (read without the bodies) and on how many of
    # the query's word pairs the index holds as phrases in it; then the best
    # LEAD_WINDOW again on title and opening (those bodies are the page's snippets).
    ids = [a for a, _ in window]
    adjacent = _adjacent(conn, query, terms, ids, total)
    titles = _titles(conn, ids)
    scorer = Scorer(terms)
    order = rescore(terms, [(a, s, titles.get(a, ""), "") for a, s in window], adjacent, scorer)
    top = order[:LEAD_WINDOW]
    texts = _openings(conn, top)
    order = (
        rescore(
            terms,
            [(a, scores[a], *texts.get(a, ("", ""))) for a in top],
            {a: max(adjacent.get(a, 0), scorer.adjacent(*texts.get(a, ("", "")))) for a in top},
            scorer,
        )
        + order[LEAD_WINDOW:]
    )
    ranked = [(a, scores[a]) for a in order] + head[RESCORE_WINDOW:]
    return ranked[offset : offset + limit], total, texts


def _adjacent(
    conn: sqlite3.Connection,
    query: SearchQuery,
    terms: list[Term],
    aids: list[int],
    total: int | None,
) -> dict[int, int]:
    """For each of ``aids``, how many of the query's word pairs the index holds as a phrase
    (anywhere in title or body): one FTS5 query per pair.

    FTS5 seeks a phrase row by row slowly (~0.1 ms a row), and finds all its rows in a
    few ms when the search has few matches: a small unfiltered result set asks for the
    phrase's rows among the matches, anything else for the window's rows only.
    """
    found = dict.fromkeys(aids, 0)
    if not aids:
        return found
    marks = ",".join("?" * len(aids))
    whole = total is not None and total <= WHOLE_SET_MAX and not query.filters()
    match = _where(query, "vn")[3][0] if whole else ""
    for a, b in query_mod.pairs(terms)[:MAX_PAIR_LOOKUPS]:
        phrase = pair_phrase(a, b)
        if whole:
            rows = conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
                (f"({match}) AND {phrase}",),
            )
        else:
            rows = conn.execute(
                f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})",
                (phrase, *aids),
            )
        for (aid,) in rows:
            if aid in found:
                found[aid] += 1
    return found


# Up to this many matches, a pair's rows are found among all of them rather than seeked
# in the window's (measured on the corpus: 1,169 matches in ~4 ms, 100 seeks in ~10 ms).
WHOLE_SET_MAX = 3000
# Pairs looked up in the index for the window (each lookup seeks every window row: a
# five-word query has four pairs, and the first three say enough).
MAX_PAIR_LOOKUPS = 3


def _titles(conn: sqlite3.Connection, aids: list[int]) -> dict[int, str]:
    """Titles only: a row's title is in its first page, the body in overflow pages unread."""
    marks = ",".join("?" * len(aids))
    return {
        r[0]: r[1] or ""
        for r in conn.execute(f"SELECT aid, title FROM articles WHERE aid IN ({marks})", aids)
    }


def _openings(conn: sqlite3.Connection, aids: list[int]) -> dict[int, tuple[str, str]]:
    """Title and opening of each article: the rescoring reads the lead, the page's snippets
    the rest (a body is read whole whatever ``substr`` keeps, so it is read once)."""
    marks = ",".join("?" * len(aids))
    return {
        r[0]: (r[1] or "", r[2])
        for r in conn.execute(
            f"SELECT aid, title, substr(body, 1, {SNIPPET_SCAN_CHARS}) FROM articles WHERE aid IN ({marks})",
            aids,
        )
    }


def search(
    conn: sqlite3.Connection, query: SearchQuery, *, facets: bool = True, rank: str = "vn"
) -> dict[str, Any]:
    """One page of results, the total, and facet counts over the whole result set.

    ``rank`` as in ``matching_aids``; the set of results is the same for "legacy" and
    "bm25", and is the query language's for "vn".
    """
    _, frm, where, params = _where(query, rank)
    # Rank the page first on small columns only, then read the page's rows: sorting
    # with the bodies in the select list would read every match's body.
    ranked, total, texts = _page(conn, query, query.size, (query.page - 1) * query.size, rank)
    page = [a for a, _ in ranked]
    marks = ",".join("?" * len(page))
    rows = {
        r[0]: r
        for r in conn.execute(
            "SELECT a.aid, a.id, a.title, a.published, a.event_type, a.event_date, "
            f"{'NULL' if all(a in texts for a in page) else f'substr(a.body, 1, {SNIPPET_SCAN_CHARS})'}, "
            "(SELECT group_concat(DISTINCT p.province) FROM places p "
            " WHERE p.aid = a.aid AND p.role = 'event'), "
            "(SELECT group_concat(DISTINCT coalesce(s.site, s.url)) FROM sources s "
            " WHERE s.aid = a.aid AND s.via != 'first') "
            f"FROM articles a WHERE a.aid IN ({marks})",
            page,
        )
    }
    # Without words (or past the end), count up to a cap, as search engines do: an exact
    # 48,213 costs a scan and tells a reader no more than "more than 10,000".
    if total is None:
        total = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {frm} {_sql_where(where)} LIMIT ?)",
            (*params, MAX_COUNT + 1),
        ).fetchone()[0]
    terms = (
        query_mod.parse(query.q)
        if query.q.strip() and rank == "vn"
        else query_mod.parse(" ".join(_WORD.findall(query.q)))
    )
    results = []
    for r in (rows[aid] for aid in page if aid in rows):
        text, hl = snippet_marks(texts[r[0]][1] if r[0] in texts else (r[6] or ""), terms)
        results.append(
            {
                "id": r[1],
                "title": r[2],
                "published": r[3],
                "event_type": r[4],
                "event_date": r[5],
                "provinces": r[7].split(",") if r[7] else [],
                "snippet": text,
                "snippet_marks": [list(m) for m in hl],
                "also_published_by": r[8].split(",") if r[8] else [],
            }
        )
    return {
        "query": query.q,
        "filters": query.filters(),
        "page": query.page,
        "size": query.size,
        "total": min(total, MAX_COUNT),
        "total_capped": total > MAX_COUNT,
        "pages": -(-min(total, MAX_COUNT) // query.size),
        "past_end": query.page > 1 and not results,
        "results": results,
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


def facet_counts(
    conn: sqlite3.Connection,
    query: SearchQuery,
    *,
    only: str | None = None,
    limit: int = FACET_LIMIT,
) -> dict[str, Any]:
    """Top ``limit`` values of each facet (or of ``only``) over the result set, with the
    number of ``distinct`` values; ``more`` when there are others."""
    if only is not None and only not in _FACET_SQL:
        raise QueryError(f"unknown facet {only[:40]!r}: use {', '.join(FACETS)}")
    aid, frm, where, params = _where(query)
    cte = f"WITH m(aid) AS (SELECT {aid} FROM {frm} {_sql_where(where)}) "
    out: dict[str, Any] = {}
    for name, sql in _FACET_SQL.items():
        if only is not None and name != only:
            continue
        # count(*) OVER () numbers the groups the GROUP BY made anyway: "10 of 58" costs nothing.
        full = f"{cte}SELECT *, count(*) OVER () FROM ({sql}) ORDER BY 2 DESC, 1 LIMIT ?"
        try:
            with time_limit(conn, FACET_TIME_LIMIT_MS):
                rows = conn.execute(full, (*params, limit + 1)).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise
            out[name] = {"values": [], "more": False, "distinct": None, "timed_out": True}
            continue
        out[name] = {
            "values": [{"value": v, "count": c} for v, c, _ in rows[:limit]],
            "more": len(rows) > limit,
            "distinct": rows[0][2] if rows else 0,
            "timed_out": False,
        }
    return out


def snippet(body: str, q: str, width: int = SNIPPET_CHARS) -> str:
    """The snippet text of ``body`` for the search box ``q`` (see ``rank.snippet_marks``)."""
    return snippet_marks(body, query_mod.parse(q), width)[0]
