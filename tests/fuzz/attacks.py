"""Attacks on the web app, with a count: FTS5 and SQL syntax in every parameter, path traversal,
stored XSS through every stored text shown on a page, write methods on every route, and
property-based requests from the OpenAPI description (schemathesis).

A payload fails when the answer is a 5xx, leaks a database or Python error, serves a file from
outside ``static/``, shows stored markup unescaped, or changes the database file. Used by
tests/web/test_security.py (bounded) and benchmarks/bench_reliability.py (full).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

FTS_PAYLOADS = [
    '"',
    '""',
    '"unbalanced',
    "NEAR(",
    "NEAR(a b",
    "NEAR(a b, 2)",
    "*",
    "a*",
    "^",
    "^a",
    "title:x",
    "ftitle:x",
    "facets:zzprov",
    "{title body}:x",
    "{facets}: zzdoc",
    "col:",
    "(",
    ")",
    "((a)",
    "a)",
    "a AND",
    "OR b",
    "NOT",
    "a NOT b",
    "-a",
    "+a",
    "a + b",
    "'",
    "a'b",
    '"a" OR "b"',
    "a:b:c",
    "rowid",
    "rank",
    "bm25(",
    "zzprov lang son zzend",
    "\x00",
    "\u200b",
    "a" * 200,
    "đ" * 200,
    "¿",
    "…",
    "%",
    "_",
    "\\",
    '\\"',
]
SQL_PAYLOADS = [
    "' OR 1=1 --",
    "' OR '1'='1",
    '"; DROP TABLE articles; --',
    "x') UNION SELECT body FROM articles --",
    "1; ATTACH DATABASE '/tmp/vnevents-pwn.db' AS pwn; --",
    "'; PRAGMA query_only=0; DELETE FROM articles; --",
    "1 OR 1=1",
    "0x41",
    "$(id)",
    "`id`",
    "%27%20OR%201%3D1",
    "1e309",
    "-1",
    "9" * 400,
    "NULL",
    "\u0027",
]
TRAVERSAL_PATHS = [
    "/static/../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2fpyproject.toml",
    "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/static//etc/passwd",
    "/static/%2Fetc%2Fpasswd",
    "/static/....//....//etc/passwd",
    "/static/%252e%252e/%252e%252e/etc/passwd",
    "/static/..\\..\\..\\etc\\passwd",
    "/api/documents/../../etc/passwd",
    "/api/documents/..%2F..%2Fetc%2Fpasswd",
    "/documents/..%2F..%2F..%2Fetc%2Fpasswd",
    "/people/..%2F..%2Fetc%2Fpasswd",
    "/articles/..%2F..%2Fetc",
    "/api/articles/..%2F..%2F..%2Fetc%2Fpasswd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/static/vendor/../../app.py",
]
# Bytes that mark a leak: a file from outside static/, or an error from inside.
LEAKS = re.compile(
    r"root:x:0:0|\[project\]|def create_app|Traceback \(most recent|sqlite3\.|fts5: syntax|"
    r"OperationalError|no such column|unrecognized token|malformed MATCH",
    re.IGNORECASE,
)
XSS_PAYLOADS = [
    "<script>alert('xss-a')</script>",
    "\"><img src=x onerror=alert('xss-b')>",
    "'><svg onload=alert('xss-c')>",
    "</textarea><script>alert('xss-d')</script>",
    "{{7*7}}<iframe srcdoc='<script>alert(1)</script>'>",
    "<a href=\"javascript:alert('xss-e')\">x</a>",
    "</script><script>alert('xss-f')</script>",
    "<style>@import 'http://evil.example/x.css';</style>",
    "<base href='//evil.example/'>",
    "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>",
]
# Markup that must never reach a page as it was stored (each payload's tag opener).
_RAW = re.compile(
    r"<script>alert|<img src=x|<svg onload|<iframe srcdoc|<style>@import|<base href|"
    r"<meta http-equiv|href=\"javascript:|<a href=\"javascript",
    re.IGNORECASE,
)
WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]


@dataclass
class AttackReport:
    """Payloads sent per kind, and what went wrong (one line each)."""

    sent: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # not attacks that worked, but worth a look

    def count(self, kind: str, n: int = 1) -> None:
        self.sent[kind] = self.sent.get(kind, 0) + n

    @property
    def total(self) -> int:
        return sum(self.sent.values())


def digest(db: Path) -> str:
    """The database's bytes (with its WAL), to show nothing wrote to it."""
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        path = Path(f"{db}{suffix}")
        if path.exists():
            h.update(path.read_bytes())
    return h.hexdigest()


def _check(report: AttackReport, kind: str, what: str, resp: Any) -> None:
    report.count(kind)
    if resp.status_code >= 500:
        report.failures.append(f"{kind}: {what} -> {resp.status_code}")
    elif LEAKS.search(resp.text):
        report.failures.append(f"{kind}: {what} leaked {LEAKS.search(resp.text).group()!r}")  # type: ignore[union-attr]


def query_routes(client: Any) -> dict[str, list[str]]:
    """Each GET route of the app and its query parameters.

    Templated paths are filled with a placeholder.
    """
    spec = client.get("/openapi.json").json()
    out: dict[str, list[str]] = {}
    for path, ops in spec["paths"].items():
        params = ops.get("get", {}).get("parameters", [])
        out[path] = [p["name"] for p in params if p["in"] == "query"]
    for page in ("/", "/search", "/people", "/documents"):  # HTML pages, not in the API description
        out.setdefault(page, ["q"] if page != "/" else [])
    return out


def injection(client: Any, report: AttackReport) -> None:
    """Every FTS5 and SQL payload in every query and path parameter of every route."""
    routes = query_routes(client)
    for payload in FTS_PAYLOADS + SQL_PAYLOADS:
        kind = "FTS5 syntax" if payload in FTS_PAYLOADS else "SQL"
        for path, params in routes.items():
            if "{" in path:
                filled = re.sub(r"\{[^}]+\}", quote(payload, safe=""), path)
                _check(report, kind, filled[:80], client.get(filled))
                continue
            for name in params:
                extra = {"format": "csv"} if path.endswith("/export") and name != "format" else {}
                _check(
                    report,
                    kind,
                    f"{path}?{name}={payload[:40]!r}",
                    client.get(path, params={name: payload, **extra}),
                )
        for page in ("/people/{}", "/documents/{}", "/articles/{}"):
            filled = page.format(quote(payload, safe=""))
            _check(report, kind, filled[:80], client.get(filled))


def traversal(client: Any, report: AttackReport) -> None:
    for path in TRAVERSAL_PATHS:
        resp = client.get(path)
        _check(report, "path traversal", path, resp)
        if (
            resp.status_code == 200
            and "static" in path
            and not resp.headers.get("content-type", "").startswith(
                ("text/css", "application/javascript", "text/javascript", "image/")
            )
        ):
            report.failures.append(
                f"path traversal: {path} served {resp.headers.get('content-type')}"
            )


def writes(client: Any, report: AttackReport) -> None:
    """No route takes a write method: every one answers 405 (or 404), never 2xx."""
    for path in list(query_routes(client)) + [
        "/static/style.css",
        "/openapi.json",
        "/api/search/export",
    ]:
        filled = re.sub(r"\{[^}]+\}", "x", path)
        for method in WRITE_METHODS:
            resp = client.request(method, filled, content=b'{"q": "x"}')
            report.count("write methods")
            if resp.status_code < 400 or resp.status_code >= 500:
                report.failures.append(f"write methods: {method} {filled} -> {resp.status_code}")


def xss_record(n: int, payload: str) -> dict[str, Any]:
    """A record whose title, body, person, organiser, place and document symbol all carry
    ``payload``."""
    from vnevents.dedup import content_hash

    name, symbol = f"Nguyễn {payload}", f"{n}-NQ/{payload}"
    org = f"UBND {payload}"
    body = (
        f"Sáng 3/6, {org} tổ chức hội nghị {payload}. Đồng chí {name} chủ trì. "
        f"Hội nghị quán triệt Nghị quyết số {symbol}. Toàn huyện có 12 {payload}."
    )

    def span(needle: str) -> list[int]:
        start = body.index(needle)
        return [start, start + len(needle)]

    return {
        "doc": f"xss-{n}{payload}",
        "id": content_hash(body),
        "source": {"url": f"javascript:alert('{n}')", "site": payload},
        "title": f"Tiêu đề {payload}",
        "published": "2025-06-04",
        "author": payload,
        "body": body,
        "event": {
            "type": "hop",
            "date": "2025-06-03",
            "time_of_day": "sang",
            "period": payload,
            "span": span("hội nghị"),
        },
        "places": [
            {
                "name": payload,
                "level": "huyen",
                "province": payload,
                "code": None,
                "role": "event",
                "span": span(payload),
                "today": [],
            }
        ],
        "organizers": [{"name": org, "expanded": payload, "span": span(org)}],
        "people": [{"name": name, "titles": [payload], "role": "chu_tri", "span": span(name)}],
        "figures": [
            {"value": 12, "unit": payload, "qualifier": None, "span": span(f"12 {payload}")}
        ],
        "documents": [
            {
                "kind": "Nghị quyết",
                "symbol": symbol,
                "name": payload,
                "date": None,
                "issuer": payload,
                "span": span(f"Nghị quyết số {symbol}"),
            }
        ],
        "awards": [],
        "raw": body,
    }


def xss_pages(client: Any) -> Iterator[str]:
    """Every page that shows a stored text of the XSS records."""
    yield "/"
    hits = client.get("/api/search", params={"q": "tieu de", "size": 100}).json()["results"]
    for hit in hits:
        yield f"/articles/{hit['id']}"
    yield "/search?q=tieu+de&size=100"
    yield "/people?q=nguyen"
    yield "/documents?q=NQ"
    for person in client.get("/api/people", params={"q": "nguyen", "limit": 200}).json():
        yield "/people/" + quote(person["name"], safe="")
    for doc in client.get("/api/documents", params={"q": "NQ", "limit": 200}).json():
        yield "/documents/" + quote(doc["symbol"], safe="")


def stored_xss(client: Any, report: AttackReport) -> list[str]:
    """Pages showing the XSS records: none may carry a payload's markup unescaped.

    Returns the pages.
    """
    pages = list(dict.fromkeys(xss_pages(client)))
    for page in pages:
        resp = client.get(page)
        report.count("stored XSS (pages)")
        if resp.status_code == 404 and page.startswith("/people/") and "%2F" in page:
            # /people/{name} takes no "/" (the page's route, not a hole): noted for the page's
            # owner.
            report.notes.append(f"{page[:60]}… -> 404 (a name holding '/' has no page)")
        elif resp.status_code != 200:
            report.failures.append(f"stored XSS: {page} -> {resp.status_code}")
        elif m := _RAW.search(resp.text):
            report.failures.append(f"stored XSS: {page} shows {m.group()!r} unescaped")
    return pages


def run_all(
    client: Any,
    db: Path,
    report: AttackReport | None = None,
    extra: Callable[[AttackReport], None] | None = None,
) -> AttackReport:
    report = report or AttackReport()
    before = digest(db)
    injection(client, report)
    traversal(client, report)
    writes(client, report)
    stored_xss(client, report)
    if extra:
        extra(report)
    if digest(db) != before:
        report.failures.append("the database file changed during the attacks")
    return report


def schemathesis_run(app: Any, report: AttackReport, examples: int) -> None:
    """Property-based requests for every operation of the OpenAPI description: no 5xx, documented
    status codes and content types, answers matching their schemas, invalid input rejected, no leak.

    Whether a schema-valid value makes sense (a query with no word, a page past the last) is
    answered with a documented 400, so schemathesis's positive-data check is not run.
    """
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.checks import load_all_checks
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    load_all_checks()
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],
        )
        def one(case: Any) -> None:
            report.count("schemathesis")
            try:
                response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
            except BaseException as exc:  # noqa: BLE001 - a FailureGroup: every check's failure
                report.failures.append(f"schemathesis {operation.label}: {str(exc).strip()[:400]}")
                return
            text = response.content.decode("utf-8", "replace")  # a Parquet export is binary
            if LEAKS.search(text):
                report.failures.append(f"schemathesis {operation.label}: leak in {text[:200]!r}")

        one()
