"""Browser test: Debian's chromium through Playwright searches without diacritics, opens
an article, checks a highlighted figure and saves a screenshot."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"),
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
    config = uvicorn.Config(create_app(Settings(db=web_db)), host="127.0.0.1", port=port, log_level="warning")
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
def page(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        yield context.new_page()
        browser.close()


def test_browser_search_open_article_and_check_a_figure(page: object, server: str, tmp_path: Path) -> None:
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
    assert "".join(active.all_inner_texts()) == page.inner_text("#detail").split("read from ")[1].split(" (characters")[0].strip("“”\"")
    assert page.locator("#detail").inner_text().endswith(f"(characters {start}–{end})")
    # clicking the highlight itself names what it is
    active.first.click()
    expect(page.locator("#detail")).to_contain_text("figure")
    shot = tmp_path / "article.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_browser_dashboard_draws_charts(page: object, server: str, tmp_path: Path) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.goto(server + "/")
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length >= 3")
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
