"""JSON API through FastAPI's test client, over the real examples database."""

from __future__ import annotations

from typing import Any

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("q", "title_word"), [("chuyen doi so", "chuyển đổi số"), ("muong khuong", "Mường Khương")]
)
def test_api_search_without_diacritics(client: TestClient, q: str, title_word: str) -> None:
    data = client.get("/api/search", params={"q": q}).json()
    assert data["total"] >= 1
    assert any(title_word.lower() in (r["title"] or "").lower() for r in data["results"])


def test_api_search_facets_and_filter_agree(client: TestClient) -> None:
    data = client.get("/api/search").json()
    province = data["facets"]["province"]["values"][0]
    narrowed = client.get("/api/search", params={"province": province["value"]}).json()
    assert narrowed["total"] == province["count"]
    assert narrowed["filters"] == {"province": province["value"]}


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("person", "Vừ Seo Páo"),
        ("document", "57-NQ/TW"),
        ("organiser", "Ban Chỉ đạo chuyển đổi số huyện Mường Khương"),
        ("type", "so_ket"),
        ("year", "2025"),
        ("level", "huyen"),
    ],
)
def test_api_search_every_facet_filters(
    client: TestClient, param: str, value: str, spark_rec: dict[str, Any]
) -> None:
    data = client.get("/api/search", params={param: value}).json()
    assert spark_rec["id"] in {r["id"] for r in data["results"]}


def test_api_search_paginates(client: TestClient) -> None:
    page1 = client.get("/api/search", params={"size": 3}).json()
    page2 = client.get("/api/search", params={"size": 3, "page": 2}).json()
    assert page1["total"] == page2["total"] > 6
    assert not {r["id"] for r in page1["results"]} & {r["id"] for r in page2["results"]}


def test_api_article_has_record_sources_and_raw(
    client: TestClient, spark_rec: dict[str, Any]
) -> None:
    rec = spark_rec
    data = client.get(f"/api/articles/{rec['id']}").json()
    assert data["record"]["figures"] == rec["figures"]
    assert data["record"]["body"] == rec["body"]
    assert data["sources"][0]["site"] == "muongkhuong.example"


def test_api_article_shows_also_published_by(client: TestClient) -> None:
    hits = client.get(
        "/api/search", params={"q": "khanh thanh diem truong mam non an toan"}
    ).json()["results"]
    pages = [client.get(f"/api/articles/{h['id']}").json() for h in hits]
    with_copies = [p for p in pages if p["also_published_by"]]
    assert with_copies
    assert all(s["via"] == "near" for s in with_copies[0]["also_published_by"])


def test_api_person_titles_over_time(client: TestClient) -> None:
    data = client.get("/api/people/Vừ Seo Páo").json()
    assert data["appearances"][0]["titles"] == ["Phó Chủ tịch UBND huyện"]
    assert data["titles"][0]["title"] == "Phó Chủ tịch UBND huyện"
    assert client.get("/api/people/vu seo pao").json()["name"] == "Vừ Seo Páo"  # folded lookup
    assert any(
        p["name"] == "Vừ Seo Páo" for p in client.get("/api/people", params={"q": "seo pao"}).json()
    )


def test_api_document_and_citing_reports(client: TestClient, spark_rec: dict[str, Any]) -> None:
    data = client.get("/api/documents/57-NQ/TW").json()
    assert data["symbol"] == "57-NQ/TW"
    assert spark_rec["id"] in {c["id"] for c in data["citations"]}
    assert any(
        d["symbol"] == "57-NQ/TW"
        for d in client.get("/api/documents", params={"q": "NQ/TW"}).json()
    )


def test_api_aggregates(client: TestClient) -> None:
    data = client.get("/api/aggregates").json()
    assert data["totals"]["articles"] == client.get("/api/search").json()["total"]
    assert {"by_month", "by_province", "by_type", "top_documents"} <= set(data)
    assert {"key": "57-NQ/TW", "count": 1} in data["top_documents"] or any(
        d["key"] == "57-NQ/TW" for d in data["top_documents"]
    )


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("csv", "text/csv"),
        ("jsonl", "application/x-ndjson"),
        ("parquet", "application/vnd.apache.parquet"),
    ],
)
def test_api_export_of_a_search(client: TestClient, fmt: str, media: str) -> None:
    params = {"q": "chuyen doi so", "format": fmt}
    total = client.get("/api/search", params={"q": "chuyen doi so"}).json()["total"]
    resp = client.get("/api/search/export", params=params)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(media)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(resp.text)))
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in resp.text.splitlines()]
    else:
        rows = pq.read_table(io.BytesIO(resp.content)).to_pylist()
    assert len(rows) == total


def test_api_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/search",
        "/api/search/export",
        "/api/articles/{article_id}",
        "/api/people/{name}",
        "/api/documents/{symbol}",
        "/api/aggregates",
    } <= set(paths)
    assert client.get("/docs").status_code == 200
