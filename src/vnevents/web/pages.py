"""HTML pages: dashboard, map, search, article, person, document, the language switch and
the API docs (Jinja2, escaped; words from ``i18n``).

Each page calls the same ``store`` function as its ``/api`` twin and links to it.
Article text reaches templates as plain strings in segments, so Jinja's autoescaping
is the only thing that turns it into HTML.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from vnevents.store import browse, collation
from vnevents.store import search as store
from vnevents.web import map as vnmap
from vnevents.web.app import html_response
from vnevents.web.deps import Conn, Search, cached_search
from vnevents.web.i18n import COOKIE, LANGS, Translator, translator

router = APIRouter(include_in_schema=False)
LANG_COOKIE_DAYS = 365

# Record fields holding spanned items, with the label each gets on the page.
KINDS: tuple[tuple[str, str], ...] = (
    ("places", "place"),
    ("organizers", "organiser"),
    ("people", "person"),
    ("figures", "figure"),
    ("documents", "document"),
    ("awards", "award"),
)


def describe(kind: str, item: dict[str, Any], tr: Translator | None = None) -> str:
    """A one-line description of an extracted item, codes shown by their labels."""
    tr = tr or translator(None)
    if kind == "figure":
        q = f"{tr.label('qualifier', item['qualifier'])} " if item.get("qualifier") else ""
        value = item["value"]
        shown = (
            tr.number(value)
            if isinstance(value, int)
            else (str(value).replace(".", ",") if tr.lang == "vi" else str(value))
        )
        return f"{q}{shown} {item.get('unit') or ''}".strip()
    if kind == "person":
        titles = ", ".join(item.get("titles") or [])
        return f"{item['name']} ({tr.label('role', item.get('role'))})" + (
            f" — {titles}" if titles else ""
        )
    if kind == "place":
        return (
            f"{item['name']} ({tr.label('level', item.get('level'))}, {item.get('province')}; "
            f"{tr.label('place_role', item.get('role'))})"
        )
    if kind == "document":
        return " ".join(
            str(x) for x in (item.get("kind"), item.get("symbol") or item.get("name")) if x
        )
    if kind == "award":
        counts = (
            f"{item.get('collectives')} tập thể, {item.get('individuals')} cá nhân"
            if tr.lang == "vi"
            else f"{item.get('collectives')} collectives, {item.get('individuals')} individuals"
        )
        return f"{item.get('kind')} — {item.get('issuer') or '?'}: {counts}"
    if kind == "event":
        parts = [
            tr.label("type", item.get("type")),
            tr.date(item.get("date")),
            tr.label("time_of_day", item.get("time_of_day")),
            item.get("period") or "",
        ]
        return " · ".join(p for p in parts if p)
    return str(item.get("name", ""))


def spanned_items(record: dict[str, Any], tr: Translator | None = None) -> list[dict[str, Any]]:
    """Every item of the record that has a span, as {ref, kind, kind_label, label, start, end}."""
    tr = tr or translator(None)
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
        items.append(
            {
                "ref": f"{kind}-{i}",
                "kind": kind,
                "kind_label": tr.label("kind", kind),
                "label": describe(kind, it, tr),
                "start": span[0],
                "end": span[1],
                "text": record["body"][span[0] : span[1]],
            }
        )
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
        out.append(
            {
                "text": body[a:b],
                "refs": " ".join(i["ref"] for i in covering),
                "kinds": " ".join(dict.fromkeys(f"k-{i['kind']}" for i in covering)),
                "title": "; ".join(
                    f"{i.get('kind_label', i['kind'])}: {i['label']}" for i in covering
                ),
                "starts": [i for i in covering if i["start"] == a],
            }
        )
    return out


def _tr(request: Request) -> Translator:
    return translator(request.cookies.get(COOKIE))


@router.get("/", response_class=HTMLResponse)
def dashboard(
    request: Request, conn: Conn, provinces: Annotated[Literal["top", "all"], Query()] = "top"
) -> HTMLResponse:
    """``?provinces=all`` charts every province instead of the top 20 (the page says which)."""
    tr = _tr(request)
    data = browse.aggregates(conn, None if provinces == "all" else 20)
    labels = {code: tr.label("type", code) for code in {r["key"] for r in data["by_type"]}}
    strings = {"no_data": tr.t("dash.no_data")}
    return html_response(
        request,
        "dashboard.html",
        {
            "data": data,
            "api": "/api/aggregates",
            "type_labels": labels,
            "strings": strings,
            "all_provinces": provinces == "all",
        },
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, conn: Conn) -> HTMLResponse:
    """Events by province before and after the 2025 reform, as circles on two SVG maps."""
    counts = browse.events_by_province_and_era(conn)
    width, height = vnmap.size()
    maps = []
    for era in ("old", "new"):
        circles, missing = vnmap.circles(counts[era])
        maps.append(
            {
                "era": era,
                "circles": circles,
                "missing": missing,
                "rows": counts[era],
                "total": sum(r["count"] for r in counts[era]),
            }
        )
    return html_response(
        request,
        "map.html",
        {
            "maps": maps,
            "width": width,
            "height": height,
            "backdrop": vnmap.backdrop(),
            "islands": vnmap.islands(),
            "api": "/api/aggregates",
        },
    )


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, conn: Conn, query: Search) -> HTMLResponse:
    # The API's answer, from the same cache (kept answers are shared: copied, not changed).
    data = dict(cached_search(request, conn, query))
    tr = _tr(request)
    data["results"] = [
        {**r, "snippet_parts": marked(r["snippet"], r["snippet_marks"])} for r in data["results"]
    ]
    data["facets"] = {
        name: {**facet, "values": _facet_order(name, facet["values"])}
        for name, facet in data["facets"].items()
    }
    return html_response(
        request,
        "search.html",
        {
            "data": data,
            "query": query,
            "link": _linker(request),
            "pages": data["pages"],
            "api": _linker(request)("/api/search", page=query.page),
            "facet_names": store.FACETS,
            "past_end": data["past_end"],
            "tr": tr,
        },
    )


@router.get("/search/facets/{name}", response_class=HTMLResponse)
def facet_values(
    request: Request,
    conn: Conn,
    query: Search,
    name: Annotated[str, Path(pattern="^(" + "|".join(store.FACETS) + ")$")],
) -> HTMLResponse:
    """Every value of one facet over a search's results (the search page shows the top ten)."""
    facet = store.facet_counts(conn, query, only=name, limit=FACET_PAGE_LIMIT)[name]
    facet["values"] = sorted(facet["values"], key=lambda v: collation.sort_key(str(v["value"])))
    return html_response(
        request,
        "facet.html",
        {
            "facet": facet,
            "name": name,
            "query": query,
            "link": _linker(request),
            "api": _linker(request)("/api/search"),
        },
    )


# The "see all" page of a facet lists at most this many values (Vietnamese order).
FACET_PAGE_LIMIT = 1000


def _facet_order(name: str, values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Counts first, ties in Vietnamese alphabetical order (years: newest first)."""
    if name == "year":
        return sorted(values, key=lambda v: (-v["count"], -int(v["value"])))
    return sorted(values, key=lambda v: (-v["count"], collation.sort_key(str(v["value"]))))


def _linker(request: Request) -> Any:
    params = {k: v for k, v in request.query_params.items() if v and k != "page"}

    def link(path: str = "/search", **changes: Any) -> str:
        """This search with some parameters changed (None removes one)."""
        merged = {**params, **changes}
        return path + "?" + urlencode({k: v for k, v in merged.items() if v is not None})

    return link


def marked(text: str, marks: list[list[int]]) -> list[dict[str, Any]]:
    """``text`` cut into pieces, each ``hit`` or not, from [start, end) marks (escaped by Jinja)."""
    out, pos = [], 0
    for start, end in sorted((m[0], m[1]) for m in marks):
        if start < pos or end > len(text):
            continue
        if start > pos:
            out.append({"text": text[pos:start], "hit": False})
        out.append({"text": text[start:end], "hit": True})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:], "hit": False})
    return out


@router.get("/lang/{code}")
def set_language(
    code: Annotated[str, Path(pattern="^(" + "|".join(LANGS) + ")$")],
    next: Annotated[str, Query(max_length=2000)] = "/",
) -> RedirectResponse:
    """Switch the interface language (a cookie, kept a year) and go back to ``next``."""
    target = (
        next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/"
    )
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE, code, max_age=LANG_COOKIE_DAYS * 86400, samesite="lax", httponly=True
    )
    return response


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI from /static/vendor/swagger-ui, started by /static/docs.js (no CDN, no
    inline script)."""
    return html_response(request, "docs.html", {"api": "/openapi.json"})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(
    request: Request, conn: Conn, article_id: Annotated[str, Path(pattern="^[0-9a-f]{16}$")]
) -> HTMLResponse:
    data = browse.article(conn, article_id)
    if data is None:
        raise HTTPException(404, f"no article {article_id}")
    record = data["record"]
    tr = _tr(request)
    items = spanned_items(record, tr)
    strings = {"read_from": tr.t("article.read_from"), "characters": tr.t("article.characters")}
    return html_response(
        request,
        "article.html",
        {
            "data": data,
            "record": record,
            "items": items,
            "segments": segments(record["body"], items),
            "api": f"/api/articles/{article_id}",
            "strings": strings,
        },
    )


@router.get("/people", response_class=HTMLResponse)
def people(request: Request, conn: Conn, q: str = "") -> HTMLResponse:
    data = browse.people(conn, q[: store.MAX_QUERY_CHARS], 200)
    return html_response(request, "people.html", {"data": data, "q": q, "api": "/api/people"})


@router.get("/people/{name:path}", response_class=HTMLResponse)
def person(
    request: Request, conn: Conn, name: Annotated[str, Path(max_length=store.MAX_QUERY_CHARS)]
) -> HTMLResponse:
    data = browse.person(conn, name)
    if not data["appearances"]:
        raise HTTPException(404, f"no person named {name!r}")
    return html_response(
        request, "person.html", {"data": data, "api": f"/api/people/{quote(name)}"}
    )


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
    return html_response(
        request, "document.html", {"data": data, "api": f"/api/documents/{quote(symbol)}"}
    )
