"""Typed FastAPI dependencies: settings, a read-only connection per request, a search query.

Routes take these as parameters; nothing here renders or routes.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request

from vnevents.store.schema import connect_ro
from vnevents.store.search import MAX_PAGE_SIZE, SearchQuery, time_limit
from vnevents.web.app import Settings


def get_settings(request: Request) -> Settings:
    settings = request.app.state.settings
    assert isinstance(settings, Settings)
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_conn(settings: SettingsDep) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one request, whose SQL stops at the time limit."""
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
SEARCH_PARAMS = ("q", "province", "level", "type", "year", "organiser", "person", "document",
                 "page", "size", "format")


def search_query(
    request: Request,
    q: Annotated[str, Query(description="Full-text query; without diacritics it matches loosely "
                                       "(\"lang son\" finds \"Lạng Sơn\"), with them exactly.")] = "",
    province: Annotated[str | None, Query(description="Province of the event, e.g. Lạng Sơn.")] = None,
    level: Annotated[str | None, Query(description="Level of an event place: tinh, huyen, xa, …")] = None,
    type: Annotated[str | None, Query(description="Event type: tong_ket, so_ket, hop, le, …")] = None,
    year: Annotated[str | None, Query(description="Year of the event (else of publication).")] = None,
    organiser: Annotated[str | None, Query(description="Organiser name as extracted.")] = None,
    person: Annotated[str | None, Query(description="Person's name as extracted.")] = None,
    document: Annotated[str | None, Query(description="Cited document symbol, e.g. 57-NQ/TW.")] = None,
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
        q=q, province=_opt(province), level=_opt(level), type=_opt(type),
        year=int(year_value) if year_value else None, organiser=_opt(organiser),
        person=_opt(person), document=_opt(document), page=page, size=size,
    )


Search = Annotated[SearchQuery, Depends(search_query)]
