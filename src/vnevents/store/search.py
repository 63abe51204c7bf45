"""Search over the store: one page of ranked results with highlighted snippets, the
total, and facet counts.

The query language is ``query``'s; the SQL ranking (FTS5 bm25) is reordered over a
window by ``rank``. Each function returns plain JSON-ready data; the JSON API and the
HTML pages both call these, so a page always shows what its JSON twin returns. Every
statement is parameterised; user text reaches FTS5 only as quoted tokens. This module
never writes.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
# Facets of a search page are counted over its best this many matches (all of them when
# there are fewer), as search engines count over a sample: counting over every match
# re-ran the full-text match per facet and took 300-800 ms at 100,000 documents for a
# two-word query (bench_store.py); over 1,000 matches it takes ~12 ms, whatever the
# query. Counts over a sample are flagged ``approximate`` (the page shows "≈"). Not
# more than ``BM25_ROWS``: the sample is then read with the ranking, in one statement.
FACET_SAMPLE = 1000
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
        values = ((k, getattr(self, k)) for k in FACETS)  # asdict deep-copies: 10x slower
        return {k: v for k, v in values if v not in (None, "")}


# The articles of one facet value, read from an index of its table. With words, a facet
# filter is ``+rowid IN (this)`` beside the FTS match rather than the value's tagged phrase
# in it: the tag's words ("hop", "ha noi") are common body words, so FTS5 checks the
# phrase's positions in most matches, and bm25 scans its whole doclist once more for an
# IDF that weighs nothing (facets score 0). bench_store.py, 100,000 documents, two words
# + one facet: the SQL ranking 42-70 ms with the tag, 19-45 ms with the set.
# (``+`` keeps SQLite from seeking FTS5 rowid by rowid, ~0.1 ms each.)
FACET_AIDS = {
    "province": "SELECT aid FROM places WHERE province = ? AND role = 'event'",
    "level": "SELECT aid FROM places WHERE level = ? AND role = 'event'",
    "type": "SELECT aid FROM articles WHERE event_type = ?",
    "year": "SELECT aid FROM articles WHERE year = ?",
    "organiser": "SELECT aid FROM organizers WHERE name = ?",
    "person": "SELECT aid FROM people WHERE name = ?",
    "document": "SELECT aid FROM documents WHERE symbol = ?",
}
# How a facet filter beside words is checked depends on how many articles hold the value
# (counted from its index, up to FACET_SET_MAX + 1). Few: its tagged phrase in the match,
# whose rare tokens ("zzyear 2021 zzend") let FTS5 skip most of the words' doclists.
# More: the set above (building it costs ~0.25 µs an article). Most (type "other": 80%
# of the articles): a probe of an index holding the value and the article, match by match
# (~1 µs). bench_store.py's 100,000 documents, search without facet counts: "ha noi" +
# year 2021 (765 articles) 36 ms tagged, 53 ms as a set; "cong an" + Hồ Chí Minh (5,764)
# 61 ms tagged, 52 ms as a set; "an ninh" + type other (82,955) 62 ms as a set, 49 ms
# probed. The tag pays only for rare values: bm25 scans the tagged phrase's doclist for its
# IDF whatever the column weight. "cong an" + type lam_viec (2,529 articles): 51 ms tagged,
# 32 ms as a set; over bench_store.py's 200 searches (same run, idle machine) p95 53.1 ms
# with 3,000 here, 49.5 with 1,000, 49.3 with 300, 49.8 with 0 (never tagged).
FACET_TAG_MAX = 1000
FACET_SET_MAX = 20_000
FACET_PROBE = {
    "province": "places x INDEXED BY places_province WHERE x.province = ? AND x.role = 'event'",
    "level": "places x INDEXED BY places_level WHERE x.level = ? AND x.role = 'event'",
    "type": "articles x INDEXED BY articles_type WHERE x.event_type = ?",
    "year": "articles x INDEXED BY articles_year WHERE x.year = ?",
}


def facet_modes(conn: sqlite3.Connection, query: SearchQuery) -> dict[str, str]:
    """How each facet filter of ``query`` is checked beside its words: "tag", "set" or
    "probe" (see ``FACET_TAG_MAX``). Names (person, organiser, document) are always a
    set: their tags may fold together."""
    modes = {}
    for key, value in query.filters().items():
        if key not in FACET_PROBE:
            modes[key] = "set"
            continue
        sql = f"SELECT count(*) FROM ({FACET_AIDS[key]} LIMIT ?)"
        n = conn.execute(sql, (value, FACET_SET_MAX + 1)).fetchone()[0]
        modes[key] = "tag" if n <= FACET_TAG_MAX else "set" if n <= FACET_SET_MAX else "probe"
    return modes


def _where(
    query: SearchQuery,
    rank: str = "vn",
    *,
    ranking: bool = False,
    modes: dict[str, str] | None = None,
) -> tuple[str, str, list[str], list[Any]]:
    """The article rowid's expression, FROM clause, WHERE conditions and parameters of a search.

    Words go to FTS and each facet filter is the set of its articles (``FACET_AIDS``),
    its tag or a probe of its index, as ``modes`` say (``facet_modes``; a set when not
    given): no article row is read. Without words, the facets' tagged phrases are the FTS
    match (the index intersects them before any row is read), and the page is ordered by
    date from the articles table. ``ranking`` asks for the match that also scores
    adjacent word pairs (same rows, dearer; see ``SQL_PAIRS``).
    """
    filters = query.filters()
    if query.q.strip():
        if rank == "vn":
            match = _expressions(query_mod.parse(query.q))[1 if ranking else 0]
        else:
            match = legacy_fts_match(query.q)
        where, params = ["articles_fts MATCH ?"], [match]
        for key, value in filters.items():
            mode = (modes or {}).get(key, "set")
            if mode == "tag":
                params[0] = f"({params[0]}) AND {_tag(key, value)}"
                continue
            if mode == "probe":
                probe = f"SELECT 1 FROM {FACET_PROBE[key]} AND x.aid = articles_fts.rowid"
                where.append(f"EXISTS ({probe})")
            else:
                where.append(f"+articles_fts.rowid IN ({FACET_AIDS[key]})")
            params.append(value)
        return "articles_fts.rowid", "articles_fts", where, params
    if not filters:
        return "a.aid", "articles a", [], []
    tags = [_tag(k, v) for k, v in filters.items()]
    checks = [f"a.aid IN ({FACET_AIDS[key]})" for key in filters if key not in EXACT_TAGS]
    # CROSS JOIN keeps the full-text match as the outer loop: left to itself the
    # planner may walk an index on a filter column and probe FTS row by row (100× slower).
    frm = "articles_fts CROSS JOIN articles a ON a.aid = articles_fts.rowid"
    params = [" AND ".join(tags), *(v for k, v in filters.items() if k not in EXACT_TAGS)]
    return "a.aid", frm, ["articles_fts MATCH ?", *checks], params


def _tag(key: str, value: Any) -> str:
    return '{facets} : "' + facet_phrase(key, value) + '"'


# Facets whose tag in the FTS ``facets`` column means exactly what the tables say
# (closed vocabularies; province names fold apart). Person, organiser and document
# names may fold together ("Hà"/"Hạ"): their tags narrow, their table decides.
EXACT_TAGS = frozenset({"type", "year", "level", "province"})


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


# The query language's SQL ranking scores (bm25) at most this many matches, the newest
# (highest rowid), the older ones following newest first; past them the total is counted
# on (up to "more than MAX_COUNT") without scoring. bm25 costs ~11 ms (its IDFs) plus
# ~4-6 µs a match on common words: a two-word query with a common facet matched up to
# 41,000 of 100,000 documents (bench_store.py), 60-120 ms to score. A lower bound costs
# relevance (bench_search.py, nDCG@10 over the corpus: 1,000 → 0.686, 4,000 → 0.801,
# 5,000 → 0.807, 7,000 → 0.822, 10,000 → 0.825, the same as unbounded) and saves time
# (bench_store.py, 200 two-word searches + one facet, same run: p95 52.2 ms at 10,000,
# 47.6 at 7,000, 47.3 at 6,000).
BM25_ROWS = 7000


def _ranked(
    conn: sqlite3.Connection,
    query: SearchQuery,
    rank: str,
    limit: int,
    offset: int,
    modes: dict[str, str] | None = None,
) -> tuple[list[tuple[int, float]], int | None]:
    """(rowid, bm25) of matches ``offset``..``offset+limit`` in the SQL order, and the
    number of matches (None past the end; ``BM25_ROWS + 1`` for "more than that").

    The count rides on the ranking as ``count(*) OVER ()``: it visits every match anyway.
    "vn" scores the newest ``BM25_ROWS + 1`` matches only: every match when there are no
    more, and the count then is exact.
    """
    aid, frm, where, params = _where(query, rank, ranking=SQL_PAIRS, modes=modes)
    weights = "" if rank == "bm25" else ", " + BM25_WEIGHTS
    scored = (
        f"SELECT {aid} AS aid, bm25(articles_fts{weights}) AS score FROM {frm} {_sql_where(where)}"
    )
    if rank != "vn":
        sql = f"SELECT aid, score, count(*) OVER () FROM ({scored}) ORDER BY 2, 1 LIMIT ? OFFSET ?"
        rows = conn.execute(sql, (*params, limit, offset)).fetchall()
        return [(r[0], r[1]) for r in rows], (rows[0][2] if rows else None)
    # The newest BM25_ROWS + 1 matches, best first; how many, and the oldest rowid among them.
    sql = (
        f"SELECT aid, score, count(*) OVER (), min(aid) OVER () FROM ({scored} ORDER BY 1 DESC "
        "LIMIT ?) ORDER BY 2, 1 LIMIT ?"
    )
    rows = conn.execute(sql, (*params, BM25_ROWS + 1, offset + limit)).fetchall()
    if not rows:
        return [], None
    order, scored, oldest = [(r[0], r[1]) for r in rows], rows[0][2], rows[0][3]
    if scored <= BM25_ROWS:
        return order[offset : offset + limit], scored
    older = f"SELECT {aid} FROM {frm} {_sql_where([*where, f'{aid} < ?'])} ORDER BY 1 DESC"
    # The total counts on past the scored matches, up to "more than MAX_COUNT".
    rest = MAX_COUNT - scored + 1
    total = (
        scored
        + conn.execute(
            f"SELECT count(*) FROM ({older} LIMIT ?)", (*params, oldest, rest)
        ).fetchone()[0]
    )
    more = offset + limit - scored
    if more > 0:  # past the scored matches: the older, newest first
        order += [(r[0], 0.0) for r in conn.execute(f"{older} LIMIT ?", (*params, oldest, more))]
    return order[offset : offset + limit], total


def matching_aids(
    conn: sqlite3.Connection, query: SearchQuery, limit: int, offset: int = 0, rank: str = "vn"
) -> list[int]:
    """Article rowids of the matches, best first (newest first without words).

    Args:
        rank: "vn" (the query language, adjacency and title/lead rescoring), "legacy"
            (the search before it) or "bm25" (the legacy match, plain FTS5 bm25).
    """
    modes = facet_modes(conn, query) if query.q.strip() else {}
    return [aid for aid, _ in _page(conn, query, limit, offset, rank, 0, modes).rows]


@dataclass
class _Page:
    rows: list[tuple[int, float]]  # the page's (rowid, bm25)
    total: int | None  # the number of matches, when the ranking counted them
    texts: dict[int, tuple[str, str]]  # (title, opening) of the rows the rescoring read
    head: list[int]  # the first ``sample`` matches, best first (the facets' sample)


def _page(
    conn: sqlite3.Connection,
    query: SearchQuery,
    limit: int,
    offset: int,
    rank: str,
    sample: int = 0,
    modes: dict[str, str] | None = None,
) -> _Page:
    """Matches ``offset``..``offset+limit`` and the first ``sample`` (read in the same
    statement: the ranking sorts every match anyway)."""
    if rank not in RANKINGS:
        raise QueryError(f"rank must be one of {', '.join(RANKINGS)}")
    if not query.q.strip():
        aid, frm, where, params = _where(query, rank)
        sql = (
            f"SELECT {aid} FROM {frm} {_sql_where(where)} "
            "ORDER BY a.published DESC, a.aid DESC LIMIT ? OFFSET ?"
        )

        def newest(n: int, skip: int) -> list[int]:
            return [r[0] for r in conn.execute(sql, (*params, n, skip))]

        ids = newest(max(limit, sample), 0) if offset == 0 else newest(limit, offset)
        head = ids[:sample] if offset == 0 or not sample else newest(sample, 0)
        return _Page([(a, 0.0) for a in ids[:limit]], None, {}, head)
    n = max(RESCORE_WINDOW, offset + limit, sample)
    head, total = _ranked(conn, query, rank, n, 0, modes)
    sampled = [a for a, _ in head[:sample]]
    if rank != "vn" or offset >= RESCORE_WINDOW:  # past the window: the SQL order
        return _Page(head[offset : offset + limit], total, {}, sampled)
    terms = query_mod.parse(query.q)
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
    sampled = [a for a, _ in ranked[:sample]]
    return _Page(ranked[offset : offset + limit], total, texts, sampled)


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
            f"SELECT aid, title, substr(body, 1, {SNIPPET_SCAN_CHARS}) FROM articles "
            f"WHERE aid IN ({marks})",
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
    modes = facet_modes(conn, query) if query.q.strip() else {}
    _, frm, where, params = _where(query, rank, modes=modes)
    # Rank the page first on small columns only, then read the page's rows: sorting
    # with the bodies in the select list would read every match's body.
    sample = FACET_SAMPLE if facets else 0
    offset = (query.page - 1) * query.size
    found = _page(conn, query, query.size, offset, rank, sample, modes)
    total, texts = found.total, found.texts
    page = [a for a, _ in found.rows]
    marks = ",".join("?" * len(page))
    read = all(a in texts for a in page)  # the rescoring read these openings already
    opening = "NULL" if read else f"substr(a.body, 1, {SNIPPET_SCAN_CHARS})"
    rows = {
        r[0]: r
        for r in conn.execute(
            "SELECT a.aid, a.id, a.title, a.published, a.event_type, a.event_date, "
            f"{opening}, "
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
    if total is None and sample and len(found.head) < sample:
        total = len(found.head)  # the sample holds every match
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
    counts = (
        facet_counts(conn, query, aids=found.head, approximate=total > len(found.head))
        if facets
        else {}
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
        "facets": counts,
        # How many of the matches the facet counts cover: the best FACET_SAMPLE.
        "facets_over": min(total, FACET_SAMPLE) if facets else 0,
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
    "organiser": "SELECT x.name, count(DISTINCT x.aid) FROM organizers x JOIN m ON m.aid = x.aid "
    "GROUP BY 1",
    "person": "SELECT x.name, count(DISTINCT x.aid) FROM people x JOIN m ON m.aid = x.aid "
    "GROUP BY 1",
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
    aids: list[int] | None = None,
    approximate: bool = False,
) -> dict[str, Any]:
    """Top ``limit`` values of each facet (or of ``only``) over the result set, or over
    ``aids`` (a sample of it, ``approximate`` when it is not all of it), with the number
    of ``distinct`` values; ``more`` when there are others."""
    if only is not None and only not in _FACET_SQL:
        raise QueryError(f"unknown facet {only[:40]!r}: use {', '.join(FACETS)}")
    if aids is not None:
        cte, params = "WITH m(aid) AS (SELECT value FROM json_each(?)) ", [json.dumps(aids)]
    else:
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
            out[name] = {
                "values": [],
                "more": False,
                "distinct": None,
                "timed_out": True,
                "approximate": approximate,
            }
            continue
        out[name] = {
            "values": [{"value": v, "count": c} for v, c, _ in rows[:limit]],
            "more": len(rows) > limit,
            "distinct": rows[0][2] if rows else 0,
            "timed_out": False,
            "approximate": approximate,
        }
    return out


def snippet(body: str, q: str, width: int = SNIPPET_CHARS) -> str:
    """The snippet text of ``body`` for the search box ``q`` (see ``rank.snippet_marks``)."""
    return snippet_marks(body, query_mod.parse(q), width)[0]
