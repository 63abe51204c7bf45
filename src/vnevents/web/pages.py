"""HTML pages: dashboard, search, article, person, document (Jinja2, escaped).

Each page calls the same ``store.search`` function as its ``/api`` twin and
links to it. Article text reaches templates as plain strings in segments, so
Jinja's autoescaping is the only thing that turns it into HTML.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse

from vnevents.record import EventType
from vnevents.store import browse
from vnevents.store import search as store
from vnevents.web.app import html_response
from vnevents.web.deps import Conn, Search

router = APIRouter(include_in_schema=False)

# Record fields holding spanned items, with the label each gets on the page.
KINDS: tuple[tuple[str, str], ...] = (
    ("places", "place"), ("organizers", "organiser"), ("people", "person"),
    ("figures", "figure"), ("documents", "document"), ("awards", "award"),
)


def describe(kind: str, item: dict[str, Any]) -> str:
    """A one-line description of an extracted item, for labels and the item list."""
    if kind == "figure":
        q = f"{item['qualifier']} " if item.get("qualifier") else ""
        value = item["value"]
        shown = f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value).replace(".", ",")
        return f"{q}{shown} {item.get('unit') or ''}".strip()
    if kind == "person":
        titles = ", ".join(item.get("titles") or [])
        return f"{item['name']} ({item.get('role')})" + (f" — {titles}" if titles else "")
    if kind == "place":
        return f"{item['name']} ({item.get('level')}, {item.get('province')}; {item.get('role')})"
    if kind == "document":
        return " ".join(str(x) for x in (item.get("kind"), item.get("symbol") or item.get("name")) if x)
    if kind == "award":
        counts = f"{item.get('collectives')} tập thể, {item.get('individuals')} cá nhân"
        return f"{item.get('kind')} — {item.get('issuer') or '?'}: {counts}"
    if kind == "event":
        return " · ".join(str(item[k]) for k in ("type", "date", "time_of_day", "period") if item.get(k))
    return str(item.get("name", ""))


def spanned_items(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Every item of the record that has a span, as {ref, kind, label, start, end}."""
    body_len = len(record["body"])
    items = []
    event = record.get("event") or {}
    candidates: list[tuple[str, int, dict[str, Any]]] = [("event", 0, event)]
    for field, kind in KINDS:
        candidates += [(kind, i, it) for i, it in enumerate(record.get(field) or [])]
    for kind, i, it in candidates:
        span = it.get("span")
        if not span or not 0 <= span[0] < span[1] <= body_len:
            continue
        items.append({"ref": f"{kind}-{i}", "kind": kind, "label": describe(kind, it),
                      "start": span[0], "end": span[1], "text": record["body"][span[0]:span[1]]})
    return items


def segments(body: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut ``body`` at every span edge; each piece lists the items covering it.

    Spans may nest or overlap (a person inside an organiser's name); cutting at
    every edge renders them all without building overlapping HTML elements.
    """
    edges = sorted({0, len(body), *(i["start"] for i in items), *(i["end"] for i in items)})
    out = []
    for a, b in zip(edges, edges[1:], strict=False):
        covering = [i for i in items if i["start"] <= a and i["end"] >= b]
        out.append({
            "text": body[a:b],
            "refs": " ".join(i["ref"] for i in covering),
            "kinds": " ".join(dict.fromkeys(f"k-{i['kind']}" for i in covering)),
            "title": "; ".join(f"{i['kind']}: {i['label']}" for i in covering),
            "starts": [i for i in covering if i["start"] == a],
        })
    return out


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, conn: Conn) -> HTMLResponse:
    labels = {t.value: t.label for t in EventType}
    return html_response(request, "dashboard.html",
                         {"data": browse.aggregates(conn), "api": "/api/aggregates", "type_labels": labels})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, conn: Conn, query: Search) -> HTMLResponse:
    data = store.search(conn, query)
    params = {k: v for k, v in request.query_params.items() if v and k != "page"}

    def link(path: str = "/search", **changes: Any) -> str:
        """This search with some parameters changed (None removes one)."""
        merged = {**params, **changes}
        return path + "?" + urlencode({k: v for k, v in merged.items() if v is not None})

    return html_response(request, "search.html", {
        "data": data, "query": query, "link": link, "api": link("/api/search", page=query.page),
        "pages": -(-data["total"] // query.size), "facet_names": store.FACETS,
    })


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(
    request: Request, conn: Conn, article_id: Annotated[str, Path(pattern="^[0-9a-f]{16}$")]
) -> HTMLResponse:
    data = browse.article(conn, article_id)
    if data is None:
        raise HTTPException(404, f"no article {article_id}")
    record = data["record"]
    items = spanned_items(record)
    return html_response(request, "article.html", {
        "data": data, "record": record, "items": items,
        "segments": segments(record["body"], items), "api": f"/api/articles/{article_id}",
    })


@router.get("/people", response_class=HTMLResponse)
def people(request: Request, conn: Conn, q: str = "") -> HTMLResponse:
    data = browse.people(conn, q[: store.MAX_QUERY_CHARS], 200)
    return html_response(request, "people.html", {"data": data, "q": q, "api": "/api/people"})


@router.get("/people/{name}", response_class=HTMLResponse)
def person(request: Request, conn: Conn, name: Annotated[str, Path(max_length=store.MAX_QUERY_CHARS)]) -> HTMLResponse:
    data = browse.person(conn, name)
    if not data["appearances"]:
        raise HTTPException(404, f"no person named {name!r}")
    return html_response(request, "person.html", {"data": data, "api": f"/api/people/{quote(name)}"})


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, conn: Conn, q: str = "") -> HTMLResponse:
    data = browse.documents(conn, q[: store.MAX_QUERY_CHARS], 200)
    return html_response(request, "documents.html", {"data": data, "q": q, "api": "/api/documents"})


@router.get("/documents/{symbol:path}", response_class=HTMLResponse)
def document(
    request: Request, conn: Conn, symbol: Annotated[str, Path(max_length=store.MAX_QUERY_CHARS)]
) -> HTMLResponse:
    data = browse.document(conn, symbol)
    if not data["citations"]:
        raise HTTPException(404, f"no report cites {symbol!r}")
    return html_response(request, "document.html", {"data": data, "api": f"/api/documents/{quote(symbol)}"})
