"""HTML pages: the same data as their JSON twins, spans highlighted and labelled."""

from __future__ import annotations

from typing import Any

import json
import re

import pytest
from fastapi.testclient import TestClient

from vnevents.web.pages import segments, spanned_items


@pytest.mark.parametrize("path", ["/", "/search", "/search?q=lang+son", "/people", "/documents",
                                  "/documents/57-NQ/TW", "/people/V%E1%BB%AB%20Seo%20P%C3%A1o"])
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
    for kind, field in (("figure", "figures"), ("person", "people"), ("document", "documents"),
                        ("award", "awards"), ("place", "places"), ("organiser", "organizers")):
        for i in range(len(rec[field])):
            assert f'data-ref="{kind}-{i}"' in html
            assert re.search(rf'<mark class="hl [^"]*k-{kind}[^"]*" data-refs="[^"]*\b{kind}-{i}\b', html)
    assert "/static/vendor/chartjs" not in html  # only the dashboard loads charts


def test_pages_dashboard_uses_the_vendored_chart_library(client: TestClient) -> None:
    html = client.get("/").text
    assert '<script src="/static/vendor/chartjs/chart.umd.js">' in html
    assert "http" not in re.findall(r'<script src="([^"]+)"', html)[0]
    assert client.get("/static/vendor/chartjs/chart.umd.js").status_code == 200


@pytest.mark.parametrize(
    ("body", "spans"),
    [
        ("Đồng chí Nguyễn Văn An, Chủ tịch UBND xã", [(9, 23), (0, 23), (25, 40)]),  # nested
        ("Tặng 12 phần quà", [(5, 16), (5, 7)]),  # same start
        ("Không có gì", []),
    ],
)
def test_pages_segments_cover_the_body_exactly(body: str, spans: list[tuple[int, int]]) -> None:
    items = [{"ref": f"x-{i}", "kind": "x", "label": "", "start": s, "end": e} for i, (s, e) in enumerate(spans)]
    segs = segments(body, items)
    assert "".join(s["text"] for s in segs) == body
    for i, (s, e) in enumerate(spans):
        covered = "".join(seg["text"] for seg in segs if f"x-{i}" in seg["refs"].split())
        assert covered == body[s:e]
        assert sum(1 for seg in segs for it in seg["starts"] if it["ref"] == f"x-{i}") == 1


def test_pages_items_outside_the_body_are_dropped(spark_rec: dict[str, Any]) -> None:
    rec = spark_rec
    rec["figures"] = [*rec["figures"], {"value": 1, "unit": "x", "qualifier": None, "span": [5, 10**6]}]
    refs = {it["ref"] for it in spanned_items(rec)}
    assert "figure-2" not in refs and "figure-0" in refs


def test_pages_article_and_search_show_also_published_by(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "khanh thanh diem truong mam non"}).json()["results"]
    copied = [h for h in hits if h["also_published_by"]]
    assert copied
    article = client.get(f"/api/articles/{copied[0]['id']}").json()
    html = client.get(f"/articles/{copied[0]['id']}").text
    assert "Also published by" in html
    for source in article["also_published_by"]:
        assert source["site"] in html
    search_html = client.get("/search", params={"q": "khanh thanh diem truong mam non"}).text
    assert "also published by " + ", ".join(copied[0]["also_published_by"]) in search_html


@pytest.mark.parametrize(("code", "label"), [("tong_ket", "Tổng kết"), ("kiem_tra", "Kiểm tra, giám sát")])
def test_pages_show_event_types_in_vietnamese(client: TestClient, code: str, label: str) -> None:
    page = client.get("/search", params={"type": code})
    assert page.status_code == 200
    assert f'title="{code}">{label}</span>' in page.text  # each result's tag
    dashboard = client.get("/").text
    block = re.search(r'<script type="application/json" id="type-labels">(.*?)</script>', dashboard, re.S)
    assert block is not None and json.loads(block.group(1))[code] == label  # the chart's labels
