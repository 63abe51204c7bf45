"""Typed FastAPI dependencies: settings, a read-only connection per request, a search query,
and the per-process cache of search answers.

Routes take these as parameters; nothing here renders or routes.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from vnevents.store.schema import connect_ro
from vnevents.store.search import MAX_PAGE_SIZE, SearchQuery, time_limit
from vnevents.web.app import Settings


def get_settings(request: Request) -> Settings:
    settings = request.app.state.settings
    assert isinstance(settings, Settings)
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


# Requests answered at once by one worker process; the others wait their turn. Work is
# CPU-bound: twenty requests run together would each crawl (and hold the GIL in turns),
# so all would be slow; two at a time keep one core busy while the other answers.
REQUEST_SLOTS = 2
_SLOTS = threading.BoundedSemaphore(REQUEST_SLOTS)


def get_conn(settings: SettingsDep) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one request, whose SQL stops at the time limit (counted
    from the moment the request has its turn, see ``REQUEST_SLOTS``)."""
    with _SLOTS:
        conn = connect_ro(settings.db)
        try:
            with time_limit(conn, settings.time_limit_ms):
                yield conn
        finally:
            conn.close()


Conn = Annotated[sqlite3.Connection, Depends(get_conn)]


def _opt(value: str | None) -> str | None:
    """An empty form field means "no filter"."""
    return value.strip() or None if value is not None else None


# Query-string keys a search understands; ``format`` is the export's.
SEARCH_PARAMS = (
    "q",
    "province",
    "level",
    "type",
    "year",
    "organiser",
    "person",
    "document",
    "page",
    "size",
    "format",
)


def search_query(
    request: Request,
    q: Annotated[
        str,
        Query(
            description="Full-text query; without diacritics it matches loosely "
            '("lang son" finds "Lạng Sơn"), with them exactly.'
        ),
    ] = "",
    province: Annotated[
        str | None, Query(description="Province of the event, e.g. Lạng Sơn.")
    ] = None,
    level: Annotated[
        str | None, Query(description="Level of an event place: tinh, huyen, xa, …")
    ] = None,
    type: Annotated[
        str | None, Query(description="Event type: tong_ket, so_ket, hop, le, …")
    ] = None,
    year: Annotated[
        str | None, Query(description="Year of the event (else of publication).")
    ] = None,
    organiser: Annotated[str | None, Query(description="Organiser name as extracted.")] = None,
    person: Annotated[str | None, Query(description="Person's name as extracted.")] = None,
    document: Annotated[
        str | None, Query(description="Cited document symbol, e.g. 57-NQ/TW.")
    ] = None,
    page: Annotated[int, Query(ge=1, description="Page number, from 1.")] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Results per page.")] = 20,
) -> SearchQuery:
    """The search described by the query string (raises ``QueryError`` → 400)."""
    from vnevents.store.search import QueryError

    unknown = sorted(set(request.query_params) - set(SEARCH_PARAMS))
    if unknown:  # a misspelt facet would otherwise silently widen the search
        raise QueryError(f"unknown parameter {unknown[0][:40]!r}: use {', '.join(SEARCH_PARAMS)}")
    year_value = _opt(year)
    if year_value is not None and not re.fullmatch(r"[0-9]{4}", year_value):
        raise QueryError(f"year must be four digits; got {year_value[:20]!r}")
    return SearchQuery(
        q=q,
        province=_opt(province),
        level=_opt(level),
        type=_opt(type),
        year=int(year_value) if year_value else None,
        organiser=_opt(organiser),
        person=_opt(person),
        document=_opt(document),
        page=page,
        size=size,
    )


Search = Annotated[SearchQuery, Depends(search_query)]


# Search answers kept per worker process. A dashboard's readers repeat queries (the
# front page, a province, this week's topic); an answer costs 20-500 ms of CPU to
# compute (facet counts are most of it) and ~10 kB to keep. 2,048 answers ≈ 20 MB.
SEARCH_CACHE_SIZE = 2048


class SearchCache:
    """A small thread-safe LRU of search answers, keyed by the query and the database's state."""

    def __init__(self, size: int = SEARCH_CACHE_SIZE) -> None:
        self.size = size
        self.items: OrderedDict[Any, dict[str, Any]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Any) -> dict[str, Any] | None:
        with self.lock:
            found = self.items.get(key)
            if found is None:
                self.misses += 1
                return None
            self.items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Any, value: dict[str, Any]) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


def data_version(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """What changes whenever an ingest stores anything: the last article and source rowids
    (ingest only appends; both are the last entry of a b-tree, read in microseconds)."""
    return tuple(
        conn.execute(
            "SELECT (SELECT max(aid) FROM articles), (SELECT max(rowid) FROM sources)"
        ).fetchone()
    )


def search_cache(request: Request) -> SearchCache:
    """The app's cache (one per worker process), made on first use."""
    cache = getattr(request.app.state, "search_cache", None)
    if cache is None:
        cache = request.app.state.search_cache = SearchCache()
    assert isinstance(cache, SearchCache)
    return cache


def cached_search(request: Request, conn: sqlite3.Connection, query: SearchQuery) -> dict[str, Any]:
    """``store.search`` through the cache. An answer whose facet counts timed out is not kept,
    so the next asker gets them whole."""
    from vnevents.store.search import search

    cache = search_cache(request)
    key = (data_version(conn), dataclasses.astuple(query))
    found = cache.get(key)
    if found is not None:
        return found
    answer = search(conn, query)
    if not any(f.get("timed_out") for f in answer.get("facets", {}).values()):
        cache.put(key, answer)
    return answer
