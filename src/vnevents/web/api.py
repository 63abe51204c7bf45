"""The JSON API (``/api/…``): search, export, articles, people, documents, aggregates.

Every route is a plain ``def`` (sqlite3 blocks) and returns what one query
function in ``store.search`` or ``store.browse`` returns; the HTML pages call
the same functions. Every answer, errors included, is described in the OpenAPI
document. Nothing here writes: the connection is read-only.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel

from vnevents.store import browse
from vnevents.store import export as exporter
from vnevents.store import search as store
from vnevents.store.schema import connect_ro
from vnevents.store.search import time_limit
from vnevents.web.deps import Conn, Search, SettingsDep, cached_search

log = logging.getLogger(__name__)

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}
LIST_LIMIT = 200
# An export reads every matching record (up to ``Settings.export_max``), row by row:
# 10,000 records take about 4 s on an idle 2-core machine; the search's own time limit
# (2 s) still bounds finding the matches.
EXPORT_TIME_LIMIT_MS = 60_000
# Records read per transaction of a streamed export.
EXPORT_CHUNK = 500


class ApiError(BaseModel):
    """Every error answer: what to change, and the HTTP status again."""

    error: str
    status: int


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    what = {
        400: "A parameter is malformed or out of range, or the query took too long; "
        "the message says which.",
        404: "Nothing with this name or id is stored.",
        422: "A parameter has the wrong type or form.",
        503: "The database cannot be read right now.",
    }
    return {code: {"model": ApiError, "description": what[code]} for code in codes}


router = APIRouter(prefix="/api", tags=["api"], responses=_errors(400, 422, 503))

Text = Annotated[
    str, Query(max_length=store.MAX_QUERY_CHARS, description="Filter (diacritics optional).")
]
Limit = Annotated[int, Query(ge=1, le=LIST_LIMIT)]


@router.get("/search")
def search(request: Request, conn: Conn, query: Search) -> dict[str, Any]:
    """Full-text search with facet filters; results are paginated. Facets are counted over
    the best 1,000 matches (``facets_over``; each facet ``approximate`` when there are more)."""
    return cached_search(request, conn, query)


@router.get(
    "/search/export",
    response_class=Response,
    responses={
        200: {
            "description": "The records, as a download.",
            "content": {media.split(";")[0]: {} for media in MEDIA_TYPES.values()},
        }
    },
)
def export(
    conn: Conn,
    query: Search,
    settings: SettingsDep,
    format: Annotated[
        str, Query(pattern="^(csv|jsonl|parquet)$", description="csv, jsonl or parquet")
    ] = "csv",
) -> Response:
    """Every article matching the search (not only one page, at most ``export_max``), as a download.

    The matches are found within the request's time limit; the records are then
    streamed (CSV, JSON Lines) or assembled (Parquet) under a longer one.
    """
    aids = store.matching_aids(conn, query, settings.export_max)
    headers = {"Content-Disposition": f'attachment; filename="vnevents.{format}"'}
    if format == "parquet":
        with time_limit(conn, EXPORT_TIME_LIMIT_MS):
            data = exporter.to_parquet(exporter.records_of(conn, aids))
        return Response(data, media_type=MEDIA_TYPES[format], headers=headers)
    return StreamingResponse(
        _stream(settings.db, aids, format), media_type=MEDIA_TYPES[format], headers=headers
    )


def _stream(db: Any, aids: list[int], fmt: str) -> Iterator[bytes]:
    """The export's bytes, read on a connection of its own (the request's is closed by then)."""
    conn = connect_ro(db)
    try:
        with time_limit(conn, EXPORT_TIME_LIMIT_MS):
            for chunk in exporter.text_chunks(conn, aids, fmt, EXPORT_CHUNK):
                yield chunk.encode("utf-8")
    except sqlite3.Error:  # the status line is sent: all that can be done is to stop
        log.exception("export of %d records stopped", len(aids))
    finally:
        conn.close()


ArticleId = Annotated[
    str, Path(pattern="^[0-9a-f]{16}$", description="Content hash (16 hex digits).")
]


@router.get("/articles/{article_id}", responses=_errors(404))
def article(conn: Conn, article_id: ArticleId) -> dict[str, Any]:
    """An article's record (FORMAT.md shape), raw text, and every source it was seen at."""
    found = browse.article(conn, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return found


@router.get("/people")
def people(conn: Conn, q: Text = "", limit: Limit = 50) -> list[dict[str, Any]]:
    """People by number of articles naming them."""
    return browse.people(conn, q, limit)


@router.get("/people/{name:path}", responses=_errors(404))
def person(
    conn: Conn, name: Annotated[str, Path(max_length=store.MAX_QUERY_CHARS)]
) -> dict[str, Any]:
    """A person's appearances and the titles they held over time."""
    found = browse.person(conn, name)
    if not found["appearances"]:
        raise HTTPException(404, f"no person named {name!r}")
    return found


@router.get("/documents")
def documents(conn: Conn, q: Text = "", limit: Limit = 50) -> list[dict[str, Any]]:
    """Cited document symbols by number of citing articles."""
    return browse.documents(conn, q, limit)


@router.get("/documents/{symbol:path}", responses=_errors(404))
def document(
    conn: Conn, symbol: Annotated[str, Path(max_length=store.MAX_QUERY_CHARS)]
) -> dict[str, Any]:
    """A document symbol (e.g. 57-NQ/TW) and every report citing it."""
    found = browse.document(conn, symbol)
    if not found["citations"]:
        raise HTTPException(404, f"no report cites {symbol!r}")
    return found


@router.get("/aggregates")
def aggregates(conn: Conn) -> dict[str, Any]:
    """Totals; events by month, province and type; most-cited documents."""
    return browse.aggregates(conn)
