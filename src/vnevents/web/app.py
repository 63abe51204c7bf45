"""The FastAPI application: settings, routers, static files, error handling, and the
page renderer that gives every template the reader's language (``i18n``).

``create_app(settings)`` builds everything; nothing happens at import. The
database is opened read-only per request (see ``deps``). This module holds no
routes itself (``api`` for JSON, ``pages`` for HTML, including ``/docs``).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from vnevents.store.schema import StoreError
from vnevents.store.search import QueryError
from vnevents.web.i18n import COOKIE, translator
from vnevents.web.security import SecurityHeaders, web_url

log = logging.getLogger(__name__)

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Settings:
    """Every server setting, with its default and what it does (datasette's SETTINGS)."""

    db: Path = field(
        default=Path("vnevents.db"), metadata={"help": "SQLite database to serve (read-only)."}
    )
    title: str = field(default="vnevents", metadata={"help": "Site name shown in page headers."})
    time_limit_ms: int = field(
        default=2_000, metadata={"help": "Longest a request's SQL may run before it is stopped."}
    )
    export_max: int = field(
        default=10_000, metadata={"help": "Most articles one web export returns."}
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    """The dashboard and JSON API over the database named in ``settings``.

    Raises:
        StoreError: the database is missing or is not a vnevents store.
    """
    from vnevents.store.schema import connect_ro
    from vnevents.web import api, pages

    settings = settings or Settings()
    connect_ro(settings.db).close()  # fail now, with a clear message, not on first request
    app = FastAPI(
        title=f"{settings.title} API",
        description="Event records extracted from Vietnamese public-sector news reports.",
        version="1",
        # /docs is pages.api_docs: Swagger UI vendored, started by a static script (the CSP
        # allows no CDN and no inline script, which FastAPI's own page needs).
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.filters["web_url"] = web_url
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    _errors(app)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return html_response(
        request,
        "error.html",
        {"status": status, "message": message, "api": None},
        status_code=status,
    )


def _errors(app: FastAPI) -> None:
    """Bad input is a 4xx with a message that says what to change; never a 500."""

    @app.exception_handler(QueryError)
    def query_error(request: Request, exc: QueryError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return _error(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(StoreError)
    def store_error(request: Request, exc: StoreError) -> Response:
        return _error(request, 503, str(exc))

    @app.exception_handler(sqlite3.OperationalError)
    def sql_error(request: Request, exc: sqlite3.OperationalError) -> Response:
        if "interrupt" in str(exc):
            return _error(
                request, 400, "the query took too long: add words or filters to narrow it"
            )
        log.exception("database error on %s", request.url.path)
        return _error(request, 503, "the database could not answer this request")


def html_response(
    request: Request, template: str, context: dict[str, object], status_code: int = 200
) -> HTMLResponse:
    """Render a page; every page gets the settings, the request and the reader's language
    (``t``, ``label``, ``fmt_date``, ``fmt_num``: see ``i18n.Translator``)."""
    templates: Jinja2Templates = request.app.state.templates
    tr = translator(request.cookies.get(COOKIE))
    response = templates.TemplateResponse(
        request,
        template,
        {"settings": request.app.state.settings, "tr": tr, **tr.helpers(), **context},
        status_code=status_code,
    )
    assert isinstance(response, HTMLResponse)
    response.headers["Content-Language"] = tr.lang
    return response
