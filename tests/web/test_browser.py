"""Browser tests: Debian's chromium through Playwright searches without diacritics, opens
an article and checks a highlighted figure; switches the language; clicks a province on
the map; lays pages out at 390 px without sideways scrolling; renders /docs with every
request off this machine aborted."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_db: Path) -> Iterator[str]:
    """The real app under uvicorn on a loopback port, for the life of this module."""
    import uvicorn

    from vnevents.web.app import Settings, create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(Settings(db=web_db)), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _offline(route: object) -> None:
    """Let requests to this machine through; abort every other (no CDN may be needed)."""
    from urllib.parse import urlsplit

    host = urlsplit(route.request.url).hostname or ""  # type: ignore[attr-defined]
    if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):  # type: ignore[attr-defined]
        route.continue_()  # type: ignore[attr-defined]
    else:
        OFFSITE.append(route.request.url)  # type: ignore[attr-defined]
        route.abort()  # type: ignore[attr-defined]


OFFSITE: list[str] = []
# Set VNEVENTS_SCREENSHOTS=DIR to keep the map and phone screenshots for a look.
SHOTS = Path(os.environ["VNEVENTS_SCREENSHOTS"]) if os.environ.get("VNEVENTS_SCREENSHOTS") else None


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    """A fresh context (own cookies) at desktop size, with the network off this machine blocked."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
    ctx.route("**/*", _offline)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: object) -> object:
    return context.new_page()  # type: ignore[attr-defined]


def test_browser_search_open_article_and_check_a_figure(
    page: object, server: str, tmp_path: Path
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server + "/search")
    page.fill("#q", "tong ket nam hoc")  # no diacritics: must find "tổng kết năm học"
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=tong*")
    hits = page.locator("li.hit a.title")
    expect(hits.first).to_be_visible()
    assert int(page.inner_text("#total")) >= 1
    expect(hits.first).to_contain_text("năm học")
    page.screenshot(path=str(tmp_path / "search.png"), full_page=True)

    # open the first result with a highlighted figure
    titles = hits.all_inner_texts()
    opened = False
    for i in range(len(titles)):
        page.locator("li.hit a.title").nth(i).click()
        page.wait_for_load_state()
        if page.locator("mark.k-figure").count():
            opened = True
            break
        page.go_back()
    assert opened, "no search result shows a highlighted figure"

    button = page.locator("button.item[data-kind=figure]").first
    span = button.get_attribute("data-span")
    assert span is not None
    start, end = (int(x) for x in span.split("-"))
    button.click()
    active = page.locator("mark.hl.active")
    expect(active.first).to_be_visible()
    # the highlighted text is exactly the span the figure was read from
    assert "".join(active.all_inner_texts()) == page.locator("#detail q").first.inner_text().strip(
        '“”"'
    )
    assert page.locator("#detail").inner_text().endswith(f"{start}–{end})")
    # clicking the highlight itself names what it is
    active.first.click()
    expect(page.locator("#detail")).to_contain_text("số liệu")  # the kind, in Vietnamese
    shot = tmp_path / "article.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_browser_dashboard_draws_charts(page: object, server: str, tmp_path: Path) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.goto(server + "/")
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length >= 3")
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)


def test_browser_language_switch_persists(page: object, server: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server + "/search?q=hoi+nghi")
    assert page.get_attribute("html", "lang") == "vi"
    expect(page.locator("header nav")).to_contain_text("Tìm kiếm")
    page.click("#lang-switch")
    page.wait_for_url("**/search?q=hoi+nghi")  # back where the reader was
    assert page.get_attribute("html", "lang") == "en"
    expect(page.locator("header nav")).to_contain_text("Search")
    page.goto(server + "/map")  # another page, same language: the choice persists
    assert page.get_attribute("html", "lang") == "en"
    expect(page.locator("h1")).to_contain_text("Map of events")
    page.click("#lang-switch")
    assert page.get_attribute("html", "lang") == "vi"


def test_browser_map_province_links_to_its_search(
    page: object, server: str, tmp_path: Path
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server + "/map")
    circles = page.locator("svg.vnmap a.province")
    assert circles.count() >= 1
    box = page.locator("svg.vnmap").first.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 200
    page.screenshot(
        path=str(SHOTS / "map.png") if SHOTS else str(tmp_path / "map.png"), full_page=True
    )
    first = circles.last  # drawn last, the smallest circle is never covered by another
    name = first.get_attribute("data-province")
    count = int(first.get_attribute("data-count") or 0)
    first.locator("circle").click()
    page.wait_for_url("**/search?province=*")
    assert int(page.inner_text("#total")) >= min(count, 1)
    expect(page.locator(".chips")).to_contain_text(name or "")


@pytest.mark.parametrize(
    "path", ["/", "/search?q=hoi+nghi", "/map", "/people", "/documents/57-NQ/TW", "/docs"]
)
def test_browser_phone_layout_has_no_sideways_scroll(
    browser: object, server: str, path: str
) -> None:
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,  # type: ignore[attr-defined]
        is_mobile=True,
        has_touch=True,
    )
    ctx.route("**/*", _offline)
    page = ctx.new_page()
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    if SHOTS:
        page.screenshot(
            path=str(SHOTS / f"phone{path.replace('/', '_').replace('?', '_')}.png"), full_page=True
        )
    width = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1], f"{path}: {width[0]} px wide in a {width[1]} px viewport"
    if path.startswith("/search"):
        results = page.locator("section.results").bounding_box()
        facets = page.locator("aside.facets").bounding_box()
        assert results is not None and facets is not None
        assert results["y"] < facets["y"], "results must come before the facets on a phone"
    ctx.close()


def test_browser_docs_render_offline(page: object, server: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    OFFSITE.clear()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(server + "/docs")
    expect(page.locator(".swagger-ui .info .title").first).to_be_visible(timeout=15_000)
    expect(page.locator(".opblock-summary-path", has_text="/api/search").first).to_be_visible()
    assert OFFSITE == [], f"/docs asked for {OFFSITE}"
    assert not [e for e in errors if "Content Security Policy" in e], errors
