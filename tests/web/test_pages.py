"""HTML pages: the same data as their JSON twins, spans highlighted and labelled, in
Vietnamese by default and English on request, codes shown by their labels, the map and
the API docs served without any outside resource."""

from __future__ import annotations

import html as htmlmod
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from vnevents.record import fold
from vnevents.web.i18n import CODES, ENUMS, MESSAGES
from vnevents.web.pages import marked, segments, spanned_items

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "vnevents" / "web" / "templates"


def _text(page: str) -> str:
    """The visible text of a page: tags, scripts and attributes removed."""
    page = re.sub(r"<script.*?</script>", " ", page, flags=re.S)
    return htmlmod.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search",
        "/search?q=lang+son",
        "/people",
        "/documents",
        "/documents/57-NQ/TW",
        "/people/V%E1%BB%AB%20Seo%20P%C3%A1o",
    ],
)
def test_pages_render(client: TestClient, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")


def test_pages_search_shows_the_api_total_and_facets(client: TestClient) -> None:
    api = client.get("/api/search", params={"q": "hoi nghi"}).json()
    html = client.get("/search", params={"q": "hoi nghi"}).text
    assert re.search(rf'<b id="total">{api["total"]}</b>', html)
    for v in api["facets"]["type"]["values"]:
        assert f"type={v['value']}" in html


def test_pages_article_highlights_every_item(client: TestClient, spark_rec: dict[str, Any]) -> None:
    rec = spark_rec
    html = client.get(f"/articles/{rec['id']}").text
    for kind, field in (
        ("figure", "figures"),
        ("person", "people"),
        ("document", "documents"),
        ("award", "awards"),
        ("place", "places"),
        ("organiser", "organizers"),
    ):
        for i in range(len(rec[field])):
            assert f'data-ref="{kind}-{i}"' in html
            assert re.search(
                rf'<mark class="hl [^"]*k-{kind}[^"]*" data-refs="[^"]*\b{kind}-{i}\b', html
            )
    assert "/static/vendor/chartjs" not in html  # only the dashboard loads charts


def test_pages_dashboard_uses_the_vendored_chart_library(client: TestClient) -> None:
    html = client.get("/").text
    assert '<script src="/static/vendor/chartjs/chart.umd.js">' in html
    assert "http" not in re.findall(r'<script src="([^"]+)"', html)[0]
    assert client.get("/static/vendor/chartjs/chart.umd.js").status_code == 200


@pytest.mark.parametrize(
    ("body", "spans"),
    [
        ("Đồng chí Nguyễn Văn Khải, Chủ tịch UBND xã", [(9, 23), (0, 23), (25, 40)]),  # nested
        ("Tặng 12 phần quà", [(5, 16), (5, 7)]),  # same start
        ("Không có gì", []),
    ],
)
def test_pages_segments_cover_the_body_exactly(body: str, spans: list[tuple[int, int]]) -> None:
    items = [
        {"ref": f"x-{i}", "kind": "x", "label": "", "start": s, "end": e}
        for i, (s, e) in enumerate(spans)
    ]
    segs = segments(body, items)
    assert "".join(s["text"] for s in segs) == body
    for i, (s, e) in enumerate(spans):
        covered = "".join(seg["text"] for seg in segs if f"x-{i}" in seg["refs"].split())
        assert covered == body[s:e]
        assert sum(1 for seg in segs for it in seg["starts"] if it["ref"] == f"x-{i}") == 1


def test_pages_items_outside_the_body_are_dropped(spark_rec: dict[str, Any]) -> None:
    rec = spark_rec
    rec["figures"] = [
        *rec["figures"],
        {"value": 1, "unit": "x", "qualifier": None, "span": [5, 10**6]},
    ]
    refs = {it["ref"] for it in spanned_items(rec)}
    assert "figure-2" not in refs and "figure-0" in refs


def test_pages_article_and_search_show_also_published_by(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "khanh thanh diem truong mam non"}).json()[
        "results"
    ]
    copied = [h for h in hits if h["also_published_by"]]
    assert copied
    article = client.get(f"/api/articles/{copied[0]['id']}").json()
    html = client.get(f"/articles/{copied[0]['id']}").text
    assert MESSAGES["article.also"][0] in html
    for source in article["also_published_by"]:
        assert source["site"] in html
    search_html = client.get("/search", params={"q": "khanh thanh diem truong mam non"}).text
    assert (
        MESSAGES["search.also"][0] + " " + ", ".join(copied[0]["also_published_by"]) in search_html
    )


@pytest.mark.parametrize(
    ("code", "label"), [("tong_ket", "Tổng kết"), ("kiem_tra", "Kiểm tra, giám sát")]
)
def test_pages_show_event_types_in_vietnamese(client: TestClient, code: str, label: str) -> None:
    page = client.get("/search", params={"type": code})
    assert page.status_code == 200
    assert f'title="{code}">{label}</span>' in page.text  # each result's tag
    dashboard = client.get("/").text
    block = re.search(
        r'<script type="application/json" id="type-labels">(.*?)</script>', dashboard, re.S
    )
    assert block is not None and json.loads(block.group(1))[code] == label  # the chart's labels


@pytest.mark.parametrize(
    "path", ["/", "/search?q=hoi+nghi", "/map", "/people", "/documents", "/docs"]
)
def test_pages_speak_vietnamese_by_default_and_english_on_request(
    client: TestClient, path: str
) -> None:
    vi = client.get(path)
    assert '<html lang="vi">' in vi.text and vi.headers["content-language"] == "vi"
    assert MESSAGES["nav.search"][0] in vi.text and ">Search<" not in vi.text
    english = TestClient(client.app, cookies={"lang": "en"})
    en = english.get(path)
    assert '<html lang="en">' in en.text and MESSAGES["nav.search"][1] in en.text
    assert MESSAGES["nav.dashboard"][0] not in en.text


@pytest.mark.parametrize(
    ("target", "landed"),
    [
        ("/search?q=lang+son", "/search?q=lang+son"),
        ("//evil.example/x", "/"),
        ("https://evil.example", "/"),
        ("/\\evil.example", "/"),
    ],
)
def test_pages_language_switch_sets_a_cookie_and_stays_on_site(
    client: TestClient, target: str, landed: str
) -> None:
    own = TestClient(client.app)  # the shared client must keep speaking Vietnamese
    resp = own.get("/lang/en", params={"next": target}, follow_redirects=False)
    assert resp.status_code == 303
    assert resp.headers["location"] == landed
    assert "lang=en" in resp.headers["set-cookie"] and "Max-Age" in resp.headers["set-cookie"]
    assert own.get("/lang/xx").status_code == 422


def test_pages_every_template_message_is_in_the_table() -> None:
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(["']([\w.]+)["']""", template.read_text(encoding="utf-8")))
    assert used, "no t(...) call found in the templates"
    used = {k for k in used if not k.endswith(".")}  # t("facet." ~ name): checked below
    assert sorted(used - set(MESSAGES)) == []
    from vnevents.store.search import FACETS

    assert all(f"facet.{name}" in MESSAGES for name in FACETS)
    for key, pair in MESSAGES.items():
        assert len(pair) == 2 and all(pair), key


@pytest.mark.parametrize("kind", sorted(ENUMS))
def test_pages_every_code_has_a_label_in_both_languages(kind: str) -> None:
    for code in ENUMS[kind]:
        vi, en = CODES[kind][code.value]
        assert vi and en and vi != code.value


def test_pages_show_labels_not_codes(client: TestClient, spark_rec: dict[str, Any]) -> None:
    person = client.get("/people/" + quote(spark_rec["people"][0]["name"])).text
    assert CODES["role"]["chu_tri"][0] in _text(person)
    assert "03/06/2025" in _text(person)  # the event date, as Vietnamese readers write it
    article = _text(client.get(f"/articles/{spark_rec['id']}").text)
    assert CODES["level"]["huyen"][0] in article and CODES["time_of_day"]["sang"][0] in article
    for code in ("chu_tri", "huyen", "so_ket", "sang"):
        assert not re.search(rf"\b{code}\b", article), code
    search = _text(client.get("/search").text)
    for code in ("trien_khai", "tong_ket", "thanh_pho", "huyen"):
        assert not re.search(rf"\b{code}\b", search), code


def test_pages_search_highlights_the_query_in_snippets(client: TestClient) -> None:
    page = client.get("/search", params={"q": "chuyen doi so"}).text
    marks = re.findall(r'<mark class="q">([^<]+)</mark>', page)
    assert marks and {fold(m) for m in marks} <= {
        "chuyen",
        "doi",
        "so",
    }  # loose: "sở" is marked too
    exact = client.get("/search", params={"q": "Chuyển đổi số"}).text
    assert {m.lower() for m in re.findall(r'<mark class="q">([^<]+)</mark>', exact)} <= {
        "chuyển",
        "đổi",
        "số",
    }


@pytest.mark.parametrize(
    ("text", "marks", "pieces"),
    [
        ("Hội nghị tại Lạng Sơn", [[13, 17], [18, 21]], ["Hội nghị tại ", "*Lạng", " ", "*Sơn"]),
        ("abc", [[5, 9]], ["abc"]),
        ("abc", [], ["abc"]),
    ],
)
def test_pages_marked_cuts_a_snippet_at_its_marks(
    text: str, marks: list[list[int]], pieces: list[str]
) -> None:
    assert [("*" if p["hit"] else "") + p["text"] for p in marked(text, marks)] == pieces


def test_pages_search_past_the_end_says_so(client: TestClient) -> None:
    page = client.get("/search", params={"q": "hoi nghi", "page": 99}).text
    assert 'id="past-end"' in page
    assert MESSAGES["search.nothing"][0] not in page
    assert re.search(r'href="/search\?q=hoi\+nghi&amp;page=1"', page)


def test_pages_facets_say_top_n_of_m_and_link_to_all(client: TestClient) -> None:
    api = client.get("/api/search").json()
    more = [name for name, f in api["facets"].items() if f["more"]]
    if not more:
        pytest.skip("no facet has more than ten values in the test database")
    name = more[0]
    page = client.get("/search").text
    top = MESSAGES["facet.top_of"][0].format(
        shown=len(api["facets"][name]["values"]), total=api["facets"][name]["distinct"]
    )
    assert top in page and f'href="/search/facets/{name}?' in page
    everything = client.get(f"/search/facets/{name}")
    assert everything.status_code == 200
    assert everything.text.count('<td class="num">') == api["facets"][name]["distinct"]


def test_pages_dashboard_says_how_many_provinces_it_charts(client: TestClient) -> None:
    data = client.get("/api/aggregates").json()
    page = client.get("/", params={"provinces": "all"}).text
    block = re.search(
        r'<script type="application/json" id="dashboard-data">(.*?)</script>', page, re.S
    )
    assert block is not None
    assert len(json.loads(block.group(1))["by_province"]) == data["provinces"]
    assert client.get("/", params={"provinces": "some"}).status_code == 422


def test_pages_map_links_each_province_to_its_search(client: TestClient) -> None:
    page = client.get("/map").text
    circles = re.findall(r'<a href="/search\?province=([^"]+)" class="province"', page)
    assert circles
    assert (
        "<svg" in page
        and 'class="land"' in page
        and "http" not in re.sub(r'xmlns="[^"]+"', "", page.split("<svg")[1].split("</svg>")[0])
    )
    name = htmlmod.unescape(circles[0])
    from urllib.parse import unquote_plus

    hits = client.get("/api/search", params={"province": unquote_plus(name)}).json()
    assert hits["total"] >= 1


def test_pages_api_docs_are_vendored_and_start_without_inline_script(client: TestClient) -> None:
    page = client.get("/docs").text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert all("src=" in attrs and not body.strip() for attrs, body in scripts)
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert (
        "/static/vendor/swagger-ui/swagger-ui-bundle.js" in sources and "/static/docs.js" in sources
    )
    assert not [u for u in sources if u.startswith(("http:", "https:", "//"))]
    for path in (
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/vendor/swagger-ui/swagger-ui.css",
        "/static/docs.js",
        "/static/vendor/swagger-ui/LICENSE",
    ):
        assert client.get(path).status_code == 200, path


@pytest.fixture(scope="module")
def ranking_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """An app over the invented reports of tests/store/test_search.py (the real ingest)."""
    from tests.store.test_search import RANKING_DOCS
    from vnevents.store.ingest import records_from_paths, store_records
    from vnevents.web.app import Settings, create_app

    folder = tmp_path_factory.mktemp("ranking-web")
    for name, text in RANKING_DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "ranking.db"
    store_records(db, records_from_paths([str(folder)]))
    return TestClient(create_app(Settings(db=db)))


@pytest.mark.parametrize(
    ("q", "first", "absent"),
    [
        ('"dang uy"', "Đảng ủy phường Hòa Bình", "đang hoạt động"),
        ("khanh thanh", "Khánh thành điểm trường", None),
        ("lang son", "Huyện Cao Lộc tổng kết", "Lục Nam"),
        ("bac ninh", "Lục Nam sơ kết", "Cao Lộc"),
        ("phong trao -Yên", None, "Yên Hòa"),
    ],
)
def test_pages_query_language_in_the_api_and_the_page(
    ranking_client: TestClient, q: str, first: str | None, absent: str | None
) -> None:
    api = [r["title"] for r in ranking_client.get("/api/search", params={"q": q}).json()["results"]]
    page = ranking_client.get("/search", params={"q": q}).text
    shown = [
        htmlmod.unescape(t)
        for t in re.findall(r'<a class="title" href="/articles/[0-9a-f]+">([^<]*)</a>', page)
    ]
    assert shown == api  # the page lists what its JSON twin returns, in the same order
    if first:
        assert api and api[0].startswith(first)
    if absent:
        assert not any(absent in t for t in api)


def test_pages_search_is_answered_from_the_api_cache(client: TestClient) -> None:
    params = {"q": "hoi nghi", "size": 7}
    api = client.get("/api/search", params=params).json()
    cache = client.app.state.search_cache  # type: ignore[attr-defined]
    hits = cache.hits
    html = client.get("/search", params=params).text
    assert cache.hits == hits + 1  # the page reused the API's answer
    assert re.search(rf'<b id="total">{api["total"]}</b>', html)
    again = client.get("/api/search", params=params).json()
    assert again == api  # the page did not change the kept answer


def test_pages_search_marks_facet_counts_over_a_sample(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vnevents.store import search as search_mod

    params = {"q": "hoi nghi", "size": 3}
    exact = client.get("/search", params={**params, "size": 4}).text
    assert "≈" not in exact
    monkeypatch.setattr(search_mod, "FACET_SAMPLE", 2)
    api = client.get("/api/search", params=params).json()
    assert api["total"] > 2 and api["facets_over"] == 2
    assert all(f["approximate"] for f in api["facets"].values())
    html = client.get("/search", params=params).text
    assert re.search(r'<span class="count" title="khoảng">≈\d', html)


def test_pages_person_name_with_a_slash_reaches_the_person_page(client: TestClient) -> None:
    # A name holding "/" (as extracted from "A/B") must reach the handler, not miss the route.
    for path in ("/people/{}", "/api/people/{}"):
        resp = client.get(path.format(quote("Nguyễn Văn X/Y", safe="")))
        assert resp.status_code == 404
        assert "no person named" in resp.text
