"""Security: read-only database, parameterised SQL, escaped text, local bind, bounded input,
bad parameters answered with a 4xx and a message, never a 500; the attack catalogue
(tests/fuzz/attacks.py) and schemathesis find nothing; no script runs in a browser."""

from __future__ import annotations

import inspect
import socket
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
import attacks  # noqa: E402 - the shared attack catalogue (tests/fuzz/attacks.py)

from vnevents.store.search import MAX_PAGE_SIZE, MAX_QUERY_CHARS
from vnevents.web import cli as web_cli
from vnevents.web.deps import get_conn
from vnevents.web.app import Settings
from vnevents.web.security import web_url

INJECTIONS = [
    "' OR 1=1 --",
    '"; DROP TABLE articles; --',
    "x') UNION SELECT body FROM articles --",
    "NEAR(a b)",
    "*",
    "%",
    "_",
    "\\",
]


def test_security_server_connection_is_read_only(web_db: Path) -> None:
    dependency = get_conn(Settings(db=web_db))
    conn = next(dependency)
    assert conn.execute("PRAGMA query_only").fetchone()[0] == 1
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM articles")
    dependency.close()


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(
    "param", ["q", "province", "organiser", "person", "document", "level", "type"]
)
def test_security_parameters_are_data_not_sql(
    client: TestClient, web_db: Path, param: str, value: str
) -> None:
    before = client.get("/api/aggregates").json()["totals"]
    resp = client.get("/api/search", params={param: value})
    assert 200 <= resp.status_code < 500
    if resp.status_code == 200 and param != "q":
        assert resp.json()["total"] == 0
    assert client.get("/api/aggregates").json()["totals"] == before


@pytest.mark.parametrize(
    "path", ["/api/people/{}", "/api/documents/{}", "/people/{}", "/documents/{}"]
)
@pytest.mark.parametrize("value", INJECTIONS[:3])
def test_security_path_parameters_are_data_not_sql(
    client: TestClient, path: str, value: str
) -> None:
    assert client.get(path.format(value)).status_code == 404


def test_security_article_text_is_escaped(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "an toan thong tin script"}).json()["results"]
    assert hits
    html = client.get(f"/articles/{hits[0]['id']}").text
    assert "<script>document.title" not in html
    assert "<img src=x" not in html
    assert (
        "&lt;script&gt;document.title=" in html
        or "&lt;script&gt;document.title" in html.replace("&#39;", "'")
    )
    search_html = client.get("/search", params={"q": "an toan thong tin"}).text
    assert "<script>alert" not in search_html


def test_security_default_bind_is_localhost() -> None:
    assert inspect.signature(web_cli.serve).parameters["host"].default == "127.0.0.1"


@pytest.mark.parametrize(
    "params",
    [
        {"size": MAX_PAGE_SIZE + 1},
        {"size": 0},
        {"size": "many"},
        {"page": -1},
        {"page": 10**30},
        {"q": "x" * (MAX_QUERY_CHARS + 1)},
        {"province": "x" * (MAX_QUERY_CHARS + 1)},
        {"year": "20x4"},
        {"year": "9" * 5000},
        {"type": "party"},
        {"level": "planet"},
        {"q": "\"'()*"},
        {"page": 5000},
        {"provnce": "Lạng Sơn"},
        {"facet": "x"},
    ],
)
@pytest.mark.parametrize("path", ["/api/search", "/search", "/api/search/export"])
def test_security_bad_parameters_get_a_4xx_with_a_message(
    client: TestClient, path: str, params: dict[str, object]
) -> None:
    resp = client.get(path, params=params)
    assert 400 <= resp.status_code < 500
    text = resp.json()["error"] if path.startswith("/api") else resp.text
    assert any(
        word in text
        for word in (
            "size",
            "page",
            "q ",
            "longer",
            "year",
            "type",
            "level",
            "words",
            "province",
            "unknown parameter",
        )
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/XYZ",
        "/api/articles/0123456789abcdef",
        "/articles/' OR 1=1",
        "/api/search/export?format=xml",
        "/api/people/" + "x" * 500,
        "/api/documents/" + "x" * 500,
        "/api/people?limit=100000",
        "/nowhere",
    ],
)
def test_security_bad_paths_get_a_4xx(client: TestClient, path: str) -> None:
    resp = client.get(path)
    assert 400 <= resp.status_code < 500


def test_security_user_text_never_reaches_sql_text(web_db: Path) -> None:
    """Every statement the server prepares is recorded: user values arrive only as parameters."""
    from vnevents.store.schema import ReadConnection
    from vnevents.store.search import time_limit
    from vnevents.web.app import create_app

    calls: list[tuple[str, str]] = []

    class Recording(ReadConnection):
        def execute(self, sql: str, params: Any = (), /) -> sqlite3.Cursor:
            calls.append((sql, repr(params)))
            return super().execute(sql, params)

    def recorded() -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(
            f"{web_db.resolve().as_uri()}?mode=ro",
            uri=True,
            factory=Recording,
            check_same_thread=False,
        )
        with time_limit(conn, 2000):
            yield conn
        conn.close()

    app = create_app(Settings(db=web_db))
    app.dependency_overrides[get_conn] = recorded
    client = TestClient(app)
    marker = "zqxjmarker"
    for path, params in [
        (
            "/api/search",
            {
                "q": f"{marker} lang",
                "province": marker,
                "person": marker,
                "organiser": marker,
                "document": marker,
            },
        ),
        ("/search", {"q": marker}),
        ("/api/people", {"q": marker}),
        ("/api/documents", {"q": marker}),
        (f"/api/people/{marker}", {}),
        (f"/api/documents/{marker}", {}),
        (f"/people/{marker}", {}),
        ("/api/search/export", {"q": marker, "format": "csv"}),
    ]:
        assert client.get(path, params=params).status_code < 500
    assert any(marker in params for _, params in calls)  # the values did reach the database
    assert not [sql for sql, _ in calls if marker in sql]


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://baodientu.example/tin/1.html", True),
        ("http://example.vn/a?b=c", True),
        ("javascript:alert(document.domain)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("//evil.example/x", False),
        ("/relative/path", False),
        ('https://x.example/"onmouseover=alert(1)', False),
        (None, False),
    ],
)
def test_security_web_url_links_only_http(url: str | None, linked: bool) -> None:
    assert (web_url(url) is not None) is linked


def test_security_javascript_source_url_is_not_a_link(client: TestClient) -> None:
    from tests.web.conftest import JS_URL

    hits = client.get("/api/search", params={"q": "phong chay rung Dong Son"}).json()["results"]
    article = next(h for h in hits if h["title"] == "Hội nghị tập huấn phòng cháy rừng")
    assert client.get(f"/api/articles/{article['id']}").json()["record"]["source"]["url"] == JS_URL
    html = client.get(f"/articles/{article['id']}").text
    assert 'href="javascript' not in html.lower()
    assert "javascript:alert(document.domain)" in html  # still shown, as text


@pytest.mark.parametrize(
    "path",
    ["/", "/search?q=hoi+nghi", "/api/search?q=x", "/people", "/static/style.css", "/no-such-page"],
)
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    resp = client.get(path)
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["x-frame-options"] == "DENY"
    assert resp.headers["referrer-policy"] == "no-referrer"


# --- counted attacks (tests/fuzz/attacks.py; the full form: benchmarks/bench_reliability.py) ---


@pytest.fixture(scope="module")
def xss_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples plus records whose every shown text carries a script or markup payload."""
    from vnevents.store.ingest import records_from_paths, store_records

    db = tmp_path_factory.mktemp("xss") / "xss.db"
    store_records(db, records_from_paths([str(Path(__file__).resolve().parents[2] / "examples")]))
    stats = store_records(
        db, [attacks.xss_record(n, p) for n, p in enumerate(attacks.XSS_PAYLOADS)], near_dup=False
    )
    assert stats.stored == len(attacks.XSS_PAYLOADS)
    return db


@pytest.fixture(scope="module")
def xss_client(xss_db: Path) -> TestClient:
    from vnevents.web.app import create_app

    return TestClient(create_app(Settings(db=xss_db)))


def test_security_attack_catalogue_finds_nothing(xss_client: TestClient, xss_db: Path) -> None:
    report = attacks.run_all(xss_client, xss_db)
    assert report.total > 1000
    assert not report.failures, report.failures[:10]


def test_security_schemathesis_from_the_openapi_description(
    xss_client: TestClient, xss_db: Path
) -> None:
    pytest.importorskip("schemathesis", reason="schemathesis is not installed (test extra)")
    report = attacks.AttackReport()
    before = attacks.digest(xss_db)
    attacks.schemathesis_run(xss_client.app, report, examples=25)
    assert report.sent["schemathesis"] > 100
    assert not report.failures, report.failures[:5]
    assert attacks.digest(xss_db) == before


@pytest.mark.parametrize("method", ["HEAD"])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/api/search?q=hoi+nghi",
        "/search?q=hoi+nghi",
        "/static/style.css",
        "/api/aggregates",
        "/no-such-page",
    ],
)
def test_security_head_is_answered_like_get(client: TestClient, method: str, path: str) -> None:
    got, head = client.get(path), client.request(method, path)
    assert head.status_code == got.status_code
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["x-content-type-options"] == "nosniff"


def test_security_every_route_is_read_only(client: TestClient) -> None:
    from fastapi.routing import APIRoute

    methods = {m for r in client.app.routes if isinstance(r, APIRoute) for m in r.methods}
    assert methods <= {"GET", "HEAD"}


def test_security_openapi_documents_the_error_answers(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        responses = ops["get"]["responses"]
        assert {"400", "422"} <= set(responses), path
        assert responses["400"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/ApiError"
        )
        if "{" in path:
            assert "404" in responses, path
    export = spec["paths"]["/api/search/export"]["get"]["responses"]["200"]["content"]
    assert {"text/csv", "application/x-ndjson", "application/vnd.apache.parquet"} <= set(export)


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"
)
def test_security_no_script_runs_in_a_browser(xss_db: Path, xss_client: TestClient) -> None:
    """Every page showing the payloads, opened in chromium: no dialog fires, no inline script
    runs."""
    import threading
    import time

    import uvicorn
    from playwright.sync_api import sync_playwright

    from vnevents.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(Settings(db=xss_db)), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    dialogs: list[str] = []
    pages = list(dict.fromkeys(attacks.xss_pages(xss_client)))
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.route(
                "**/*",
                lambda route: route.abort()
                if not route.request.url.startswith(f"http://127.0.0.1:{port}")
                else route.continue_(),
            )
            for path in pages:
                page.goto(f"http://127.0.0.1:{port}{path}")
                page.wait_for_load_state("networkidle")
                for link in page.locator("a[href^='javascript']").all():
                    dialogs.append(f"javascript: link on {path}: {link.get_attribute('href')}")
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert len(pages) > 10
    assert dialogs == []
