"""Search: diacritic-insensitive with đ→d, exact when the query has diacritics, facets,
bounds, and user text that never becomes FTS or SQL syntax."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from vnevents.store.schema import connect_ro
from vnevents.store.search import (
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    QueryError,
    SearchQuery,
    search,
    snippet,
    time_limit,
)


def _titles(db: Path, **kw: object) -> set[str]:
    conn = connect_ro(db)
    try:
        return {r["title"] for r in search(conn, SearchQuery(**kw))["results"]}  # type: ignore[arg-type]
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("lang son", "Hội nghị tổng kết công tác tại Lạng Sơn"),
        ("LANG SON", "Hội nghị tổng kết công tác tại Lạng Sơn"),
        ("dang uy", "Đảng ủy xã Tân Thành họp phiên thường kỳ"),
        ("Đảng ủy", "Đảng ủy xã Tân Thành họp phiên thường kỳ"),
        ("tan thanh", "Đảng ủy xã Tân Thành họp phiên thường kỳ"),
        ("Lạng son", "Hội nghị tổng kết công tác tại Lạng Sơn"),  # each word on its own terms
    ],
)
def test_search_folds_diacritics_and_d(tiny_db: Path, q: str, expected: str) -> None:
    assert expected in _titles(tiny_db, q=q)


@pytest.mark.parametrize(
    ("q", "found", "not_found"),
    [
        ("họp", "Đảng ủy xã Tân Thành họp phiên thường kỳ", "Trao tặng hộp sữa cho học sinh vùng cao"),
        ("hộp", "Trao tặng hộp sữa cho học sinh vùng cao", "Đảng ủy xã Tân Thành họp phiên thường kỳ"),
    ],
)
def test_search_with_diacritics_matches_exactly(tiny_db: Path, q: str, found: str, not_found: str) -> None:
    titles = _titles(tiny_db, q=q)
    assert found in titles
    assert not_found not in titles


def test_search_without_diacritics_matches_every_spelling(tiny_db: Path) -> None:
    titles = _titles(tiny_db, q="hop")
    assert {"Đảng ủy xã Tân Thành họp phiên thường kỳ", "Trao tặng hộp sữa cho học sinh vùng cao"} <= titles


@pytest.mark.parametrize(
    "q",
    ['"', 'lạng" OR "x', "NEAR(a b)", "title: x", "*", "a AND OR NOT b", "{ftitle} : x", "'; DROP TABLE articles; --"],
)
def test_search_user_text_is_never_fts_syntax(tiny_db: Path, q: str) -> None:
    conn = connect_ro(tiny_db)
    try:
        result = search(conn, SearchQuery(q=q))
    except QueryError:
        return  # refused with a message is fine too
    assert result["total"] >= 0
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_search_facet_filter_narrows_and_counts(examples_db: tuple[Path, object]) -> None:
    db, _ = examples_db
    conn = connect_ro(db)
    everything = search(conn, SearchQuery())
    types = everything["facets"]["type"]["values"]
    assert types and sum(v["count"] for v in types) <= everything["total"]
    top = types[0]
    narrowed = search(conn, SearchQuery(type=top["value"]))
    assert narrowed["total"] == top["count"]
    assert narrowed["total"] < everything["total"]


def test_search_paginates_without_overlap(examples_db: tuple[Path, object]) -> None:
    db, _ = examples_db
    conn = connect_ro(db)
    first = search(conn, SearchQuery(size=5, page=1), facets=False)["results"]
    second = search(conn, SearchQuery(size=5, page=2), facets=False)["results"]
    assert len(first) == len(second) == 5
    assert not {r["id"] for r in first} & {r["id"] for r in second}


@pytest.mark.parametrize(
    "kw",
    [
        {"q": "x" * (MAX_QUERY_CHARS + 1)},
        {"size": MAX_PAGE_SIZE + 1},
        {"size": 0},
        {"page": 0},
        {"page": 10_000},
        {"type": "not_a_type"},
        {"level": "galaxy"},
        {"year": 20250},
        {"q": "!!!"},
    ],
)
def test_search_out_of_bounds_is_a_query_error(kw: dict[str, object]) -> None:
    with pytest.raises(QueryError):
        SearchQuery(**kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("body", "q", "must_contain"),
    [
        ("Mở đầu. " * 60 + "Hội nghị tại Lạng Sơn bàn việc lớn.", "lang son", "Lạng Sơn"),
        ("Đảng ủy xã họp.", "dang uy", "Đảng ủy"),
    ],
)
def test_search_snippet_shows_the_match(body: str, q: str, must_contain: str) -> None:
    assert must_contain in snippet(body, q)


HEAVY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT ?) SELECT count(*) FROM c"


def test_search_time_limit_interrupts_and_nests(tiny_db: Path) -> None:
    conn = connect_ro(tiny_db)
    with time_limit(conn, 60_000):
        with time_limit(conn, 0), pytest.raises(sqlite3.OperationalError, match="interrupt"):
            conn.execute(HEAVY, (10**8,)).fetchone()
        # the inner limit is gone; the outer one still allows a normal query
        assert conn.execute(HEAVY, (10_000,)).fetchone()[0] == 10_000

