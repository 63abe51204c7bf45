"""The JSON API (``/api/…``): search, export, articles, people, documents, aggregates.

Every route is a plain ``def`` (sqlite3 blocks) and returns what one query
function in ``store.search`` returns; the HTML pages call the same functions.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import Response

from vnevents.store import browse
from vnevents.store import export as exporter
from vnevents.store import search as store
from vnevents.web.deps import Conn, Search, SettingsDep

router = APIRouter(prefix="/api", tags=["api"])

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}
LIST_LIMIT = 200
Text = Annotated[str, Query(max_length=store.MAX_QUERY_CHARS, description="Filter (diacritics optional).")]
Limit = Annotated[int, Query(ge=1, le=LIST_LIMIT)]


@router.get("/search")
def search(conn: Conn, query: Search) -> dict[str, Any]:
    """Full-text search with facet filters; results are paginated, facets counted over all."""
    return store.search(conn, query)


@router.get("/search/export")
def export(
    conn: Conn,
    query: Search,
    settings: SettingsDep,
    format: Annotated[str, Query(pattern="^(csv|jsonl|parquet)$", description="csv, jsonl or parquet")] = "csv",
) -> Response:
    """Every article matching the search (not only one page), as a download."""
    data = exporter.export(conn, query, format, limit=settings.export_max)
    return Response(
        data, media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="vnevents.{format}"'},
    )


ArticleId = Annotated[str, Path(pattern="^[0-9a-f]{16}$", description="Content hash (16 hex digits).")]


@router.get("/articles/{article_id}")
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


@router.get("/people/{name}")
def person(conn: Conn, name: Annotated[str, Path(max_length=store.MAX_QUERY_CHARS)]) -> dict[str, Any]:
    """A person's appearances and the titles they held over time."""
    found = browse.person(conn, name)
    if not found["appearances"]:
        raise HTTPException(404, f"no person named {name!r}")
    return found


@router.get("/documents")
def documents(conn: Conn, q: Text = "", limit: Limit = 50) -> list[dict[str, Any]]:
    """Cited document symbols by number of citing articles."""
    return browse.documents(conn, q, limit)


@router.get("/documents/{symbol:path}")
def document(conn: Conn, symbol: Annotated[str, Path(max_length=store.MAX_QUERY_CHARS)]) -> dict[str, Any]:
    """A document symbol (e.g. 57-NQ/TW) and every report citing it."""
    found = browse.document(conn, symbol)
    if not found["citations"]:
        raise HTTPException(404, f"no report cites {symbol!r}")
    return found


@router.get("/aggregates")
def aggregates(conn: Conn) -> dict[str, Any]:
    """Totals; events by month, province and type; most-cited documents."""
    return browse.aggregates(conn)
