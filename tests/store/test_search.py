"""Search: diacritic-insensitive with đ→d, exact when the query has diacritics, the query
language (quoted phrases, -exclusions, adjacent syllables first, title over body), place
names covering the units inside them, facets, bounds, highlighted snippets, and user text
that never becomes FTS or SQL syntax."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from vnevents.store.ingest import records_from_paths, store_records
from vnevents.store.query import parse
from vnevents.store import search as search_mod
from vnevents.store.rank import snippet_marks
from vnevents.store.schema import connect_ro
from vnevents.store.search import (
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
    QueryError,
    SearchQuery,
    facet_counts,
    fts_match,
    search,
    snippet,
    time_limit,
)

# Reports written for these tests (invented events): each pair differs in where the
# query's syllables stand.
RANKING_DOCS = {
    "khanh_thanh.txt": "Khánh thành điểm trường mầm non ở xã Tân Lập\n\nThứ Hai, 06/01/2025 "
    "09:00\n\n"
    "Sáng 6/1, UBND xã Tân Lập tổ chức lễ khánh thành điểm trường mầm non thôn Bản Mới.",
    "khanh_hoa.txt": "Đoàn công tác tỉnh Khánh Hòa làm việc tại thành phố Nha Trang\n\nThứ Ba, "
    "07/01/2025 09:00\n\n"
    "Sáng 7/1, đoàn công tác của Khánh Hòa làm việc với thành phố về quy hoạch. Khánh Hòa "
    "đề nghị thành phố đẩy nhanh tiến độ; lãnh đạo Khánh Hòa và thành phố thống nhất kế hoạch.",
    "nha_van_hoa.txt": "Xã Phúc Lộc có nhà văn hóa mới\n\nThứ Tư, 12/02/2025 15:00\n\n"
    "Chiều 12/2, xã Phúc Lộc khánh thành nhà văn hóa thôn Nà Pồng với tổng kinh phí 1,2 tỷ đồng.",
    "dang_uy.txt": "Đảng ủy phường Hòa Bình họp phiên thường kỳ\n\nThứ Tư, 08/01/2025 08:00\n\n"
    "Sáng 8/1, Đảng ủy phường Hòa Bình họp phiên thường kỳ tháng 1 bàn công tác phát triển đảng "
    "viên.",
    "dang_hoat_dong.txt": "Các tổ công nghệ số cộng đồng đang hoạt động hiệu quả\n\nThứ Năm, "
    "09/01/2025 08:00\n\n"
    "Sáng 9/1, Thường trực Tỉnh ủy nghe báo cáo về các tổ công nghệ số cộng đồng đang hoạt động ở "
    "cơ sở.",
    "thi_dua_body.txt": "Xã Yên Hòa trao thưởng cuối năm\n\nThứ Sáu, 10/01/2025 08:00\n\n"
    "Sáng 10/1, xã Yên Hòa tổng kết phong trào thi đua yêu nước năm 2024 và khen thưởng các tập "
    "thể.",
    "thi_dua_title.txt": "Phát động phong trào thi đua yêu nước năm 2025\n\nThứ Bảy, 11/01/2025 "
    "08:00\n\n"
    "Sáng 11/1, huyện Yên Sơn phát động các phong trào năm 2025 và đăng ký giao ước.",
    "cao_loc.txt": "Huyện Cao Lộc tổng kết công tác dân vận năm 2024\n\nThứ Sáu, 10/01/2025 "
    "09:30\n\n"
    "Sáng 10/1, Huyện ủy Cao Lộc tổ chức hội nghị tổng kết công tác dân vận năm 2024.",
    "luc_nam.txt": "Lục Nam sơ kết chương trình nông thôn mới\n\nThứ Ba, 14/07/2020 08:00\n\n"
    "Chiều 14/7, UBND huyện Lục Nam tổ chức hội nghị sơ kết 6 tháng thực hiện chương trình nông "
    "thôn mới.",
}
TITLES = {name: text.split("\n")[0] for name, text in RANKING_DOCS.items()}


@pytest.fixture(scope="module")
def ranking_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ranking")
    docs = folder / "docs"
    docs.mkdir()
    for name, text in RANKING_DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    db = folder / "ranking.db"
    stats = store_records(db, records_from_paths([str(docs)]))
    assert stats.stored == len(RANKING_DOCS)
    return db


def _ranked(db: Path, q: str, **kw: object) -> list[str]:
    conn = connect_ro(db)
    try:
        return [r["title"] for r in search(conn, SearchQuery(q=q), **kw)["results"]]  # type: ignore[arg-type]
    finally:
        conn.close()


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
        (
            "họp",
            "Đảng ủy xã Tân Thành họp phiên thường kỳ",
            "Trao tặng hộp sữa cho học sinh vùng cao",
        ),
        (
            "hộp",
            "Trao tặng hộp sữa cho học sinh vùng cao",
            "Đảng ủy xã Tân Thành họp phiên thường kỳ",
        ),
    ],
)
def test_search_with_diacritics_matches_exactly(
    tiny_db: Path, q: str, found: str, not_found: str
) -> None:
    titles = _titles(tiny_db, q=q)
    assert found in titles
    assert not_found not in titles


def test_search_without_diacritics_matches_every_spelling(tiny_db: Path) -> None:
    titles = _titles(tiny_db, q="hop")
    assert {
        "Đảng ủy xã Tân Thành họp phiên thường kỳ",
        "Trao tặng hộp sữa cho học sinh vùng cao",
    } <= titles


@pytest.mark.parametrize(
    "q",
    [
        '"',
        'lạng" OR "x',
        "NEAR(a b)",
        "title: x",
        "*",
        "a AND OR NOT b",
        "{ftitle} : x",
        "'; DROP TABLE articles; --",
    ],
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


HEAVY = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT ?) SELECT count(*) FROM c"
)


def test_search_time_limit_interrupts_and_nests(tiny_db: Path) -> None:
    conn = connect_ro(tiny_db)
    with time_limit(conn, 60_000):
        with time_limit(conn, 0), pytest.raises(sqlite3.OperationalError, match="interrupt"):
            conn.execute(HEAVY, (10**8,)).fetchone()
        # the inner limit is gone; the outer one still allows a normal query
        assert conn.execute(HEAVY, (10_000,)).fetchone()[0] == 10_000


@pytest.mark.parametrize(
    ("q", "found", "not_found"),
    [
        ('"dang uy"', "dang_uy.txt", "dang_hoat_dong.txt"),  # folded phrase
        ('"Đảng ủy"', "dang_uy.txt", "dang_hoat_dong.txt"),  # exact phrase
        ('"thi dua yeu nuoc"', "thi_dua_body.txt", "khanh_thanh.txt"),
        ('"khanh thanh"', "khanh_thanh.txt", "khanh_hoa.txt"),
        ('"khanh thanh', "khanh_thanh.txt", "khanh_hoa.txt"),  # unclosed quote: phrase to the end
    ],
)
def test_search_quoted_phrase_matches_the_phrase(
    ranking_db: Path, q: str, found: str, not_found: str
) -> None:
    titles = _ranked(ranking_db, q)
    assert TITLES[found] in titles
    assert TITLES[not_found] not in titles


@pytest.mark.parametrize(
    ("q", "first", "also"),
    [
        ("khanh thanh", "khanh_thanh.txt", "khanh_hoa.txt"),
        ("Khánh thành", "khanh_thanh.txt", None),
        ("dang uy", "dang_uy.txt", "dang_hoat_dong.txt"),
        ("thi dua", "thi_dua_title.txt", "thi_dua_body.txt"),  # both adjacent: the title decides
    ],
)
def test_search_adjacent_syllables_rank_first(
    ranking_db: Path, q: str, first: str, also: str | None
) -> None:
    titles = _ranked(ranking_db, q)
    assert titles[0] == TITLES[first]
    if also:
        assert TITLES[also] in titles  # unquoted: every word, adjacent or not


def test_search_adjacency_beats_scattered_words_in_the_title(ranking_db: Path) -> None:
    # "Khánh Hòa … thành phố" has both syllables in its title, apart; "khánh thành" stands
    # adjacent only in the other report's body: the Vietnamese word wins.
    titles = _ranked(ranking_db, "khanh thanh")
    assert titles.index(TITLES["nha_van_hoa.txt"]) < titles.index(TITLES["khanh_hoa.txt"])
    assert titles[-1] == TITLES["khanh_hoa.txt"]


@pytest.mark.parametrize("rank", ["legacy", "bm25"])
def test_search_legacy_rankings_stay_reachable(ranking_db: Path, rank: str) -> None:
    # the baselines of benchmarks/bench_search.py: same matches as before the query language
    assert set(_ranked(ranking_db, '"dang uy"', rank=rank)) == set(_ranked(ranking_db, "dang uy"))


@pytest.mark.parametrize(
    ("q", "kept", "dropped"),
    [
        ("hoi nghi -nong", "cao_loc.txt", "luc_nam.txt"),
        ('tong ket -"dan van"', "thi_dua_body.txt", "cao_loc.txt"),
        (
            "phong trao -Sơn",
            "thi_dua_body.txt",
            "thi_dua_title.txt",
        ),  # typed with diacritics: "Yên Sơn"
    ],
)
def test_search_minus_excludes(ranking_db: Path, q: str, kept: str, dropped: str) -> None:
    titles = _ranked(ranking_db, q)
    assert TITLES[dropped] not in titles
    assert TITLES[kept] in titles


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("lang son", "cao_loc.txt"),  # "Lạng Sơn" is not in the text: placed in Cao Lộc district
        ("Lạng Sơn", "cao_loc.txt"),
        ("tinh lang son tong ket", "cao_loc.txt"),
        ("bac giang", "luc_nam.txt"),
        ("bac ninh", "luc_nam.txt"),  # Bắc Giang is part of Bắc Ninh since the 2025 reform
        ("so ket bac ninh", "luc_nam.txt"),
    ],
)
def test_search_place_name_covers_the_units_inside_it(
    ranking_db: Path, q: str, expected: str
) -> None:
    assert TITLES[expected] in _ranked(ranking_db, q)


def test_search_place_name_does_not_cover_other_provinces(ranking_db: Path) -> None:
    assert TITLES["luc_nam.txt"] not in _ranked(ranking_db, "lang son")
    assert TITLES["cao_loc.txt"] not in _ranked(ranking_db, "bac ninh")


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '""',
        '"dang uy',
        'dang "uy',
        "NEAR(dang uy)",
        "NEAR(",
        "dang*",
        "*",
        "^dang",
        "title:dang",
        "ftitle:dang",
        "facets:zzprov",
        "(dang uy",
        "dang uy)",
        "((",
        "dang AND OR uy",
        "-",
        '-"',
        "dang -",
    ],
)
def test_search_fts_operators_typed_are_words(ranking_db: Path, q: str) -> None:
    conn = connect_ro(ranking_db)
    try:
        result = search(conn, SearchQuery(q=q))
    except QueryError:
        return  # refused with a message is fine too
    assert result["total"] >= 0
    for title in (r["title"] for r in result["results"]):
        assert title in TITLES.values()


@pytest.mark.parametrize("q", ["-dang", '-"dang uy"', "-dang -uy"])
def test_search_only_exclusions_is_a_query_error(q: str) -> None:
    with pytest.raises(QueryError, match="exclude"):
        SearchQuery(q=q)


@pytest.mark.parametrize(
    ("q", "words_in_expression"),
    [
        ("facets:zzprov", ['"facets"', '"zzprov"']),
        ("NEAR(a b)", ['"near"', '"a"', '"b"']),
        ("a*", ['"a"']),
    ],
)
def test_search_fts_expression_quotes_every_word(q: str, words_in_expression: list[str]) -> None:
    expr = fts_match(q)
    for w in words_in_expression:
        assert w in expr
    assert "NEAR(" not in expr and "*" not in expr and 'facets : "zz' not in expr


@pytest.mark.parametrize(
    ("body", "q", "marked"),
    [
        (
            "Mở đầu bài viết. " * 30 + "Hội nghị tại Lạng Sơn bàn việc lớn.",
            "lang son",
            ["Lạng", "Sơn"],
        ),
        ("Đảng ủy xã họp; Đảng ủy phường cũng họp.", "Đảng ủy", ["Đảng", "ủy", "Đảng", "ủy"]),
        ("Đang hoạt động. Đảng ủy xã họp.", "Đảng", ["Đảng"]),  # exact: "Đang" is not marked
    ],
)
def test_search_snippet_highlights_matched_words(body: str, q: str, marked: list[str]) -> None:
    text, marks = snippet_marks(body, parse(q))
    assert [text[a:b] for a, b in marks] == marked


@pytest.mark.parametrize(
    "body",
    [
        "Hội nghị " * 80 + "tổng kết công tác năm tại thành phố Lạng Sơn và các huyện " * 10,
        "Một câu mở đầu rất dài " * 40,
    ],
)
def test_search_snippet_cuts_at_word_boundaries(body: str) -> None:
    text = snippet(body, "lang son")
    inner = text.strip("…")
    assert body.find(inner) >= 0
    start = body.find(inner)
    assert start == 0 or body[start - 1] == " "
    end = start + len(inner)
    assert end == len(body) or body[end] == " "


def test_search_facets_say_how_many_values_there_are(examples_db: tuple[Path, object]) -> None:
    db, _ = examples_db
    conn = connect_ro(db)
    facets = facet_counts(conn, SearchQuery(), limit=2)
    for facet in facets.values():
        assert facet["distinct"] >= len(facet["values"])
        assert facet["more"] == (facet["distinct"] > 2)
    with pytest.raises(QueryError):
        facet_counts(conn, SearchQuery(), only="galaxy")


def test_search_page_past_the_end_says_so(ranking_db: Path) -> None:
    conn = connect_ro(ranking_db)
    result = search(conn, SearchQuery(q="hoi nghi", page=99, size=20))
    assert result["results"] == [] and result["past_end"]
    assert result["pages"] == 1 and result["total"] >= 1


@pytest.mark.parametrize("q", ["", "tong ket", "hội nghị"])
def test_search_facets_over_a_sample_are_flagged_approximate(
    examples_db: tuple[Path, object], monkeypatch: pytest.MonkeyPatch, q: str
) -> None:
    db, _ = examples_db
    conn = connect_ro(db)
    exact = search(conn, SearchQuery(q=q))
    assert exact["total"] > 2, "the examples must hold more than the sample below"
    assert not any(f["approximate"] for f in exact["facets"].values())
    assert exact["facets_over"] == exact["total"]
    monkeypatch.setattr(search_mod, "FACET_SAMPLE", 2)
    sampled = search(conn, SearchQuery(q=q))
    assert sampled["total"] == exact["total"]  # the total stays exact
    assert sampled["facets_over"] == 2
    assert all(f["approximate"] for f in sampled["facets"].values())
    years = sampled["facets"]["year"]["values"]
    assert (
        sum(v["count"] for v in years)
        <= 2
        < sum(v["count"] for v in exact["facets"]["year"]["values"])
    )


def test_search_facets_over_the_sample_count_its_first_matches(
    examples_db: tuple[Path, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = examples_db
    conn = connect_ro(db)
    monkeypatch.setattr(search_mod, "FACET_SAMPLE", 3)
    for query in (SearchQuery(size=3), SearchQuery(q="hội nghị", size=3)):
        result = search(conn, query)
        assert len(result["results"]) == 3
        # The sample is the first three matches, the page here: its types are what was counted.
        shown = Counter(r["event_type"] for r in result["results"] if r["event_type"])
        counted = {v["value"]: v["count"] for v in result["facets"]["type"]["values"]}
        assert counted == dict(shown)


@pytest.mark.parametrize("bound", [1, 3])
def test_search_scores_a_bounded_number_of_matches_and_pages_through_all(
    examples_db: tuple[Path, object], monkeypatch: pytest.MonkeyPatch, bound: int
) -> None:
    db, _ = examples_db
    conn = connect_ro(db)
    query = SearchQuery(q="hoi nghi", size=100)
    exact = search(conn, query, facets=False)
    everything = {r["id"] for r in exact["results"]}
    assert len(everything) > 4 and exact["total"] == len(everything)
    assert not exact["total_capped"]
    monkeypatch.setattr(search_mod, "BM25_ROWS", bound)
    monkeypatch.setattr(search_mod, "MAX_COUNT", bound)  # the total capped where scoring stops
    monkeypatch.setattr(search_mod, "MAX_OFFSET", 100)
    monkeypatch.setattr(search_mod, "RESCORE_WINDOW", 2)
    monkeypatch.setattr(search_mod, "LEAD_WINDOW", 1)
    seen: list[str] = []
    for page in range(1, len(everything) + 2):
        result = search(conn, SearchQuery(q="hoi nghi", size=1, page=page), facets=False)
        assert result["total"] == bound and result["total_capped"]  # "more than {bound}"
        seen += [r["id"] for r in result["results"]]
    assert len(seen) == len(set(seen)) == len(everything) and set(seen) == everything
    # The newest BM25_ROWS + 1 matches (highest rowid) are the scored ones, and come first.
    newest = {
        r[0]
        for r in conn.execute(
            "SELECT a.id FROM articles a WHERE a.aid IN (SELECT rowid FROM articles_fts "
            "WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?)",
            (fts_match("hoi nghi"), bound + 1),
        )
    }
    assert set(seen[: bound + 1]) == newest


@pytest.mark.parametrize("bound", [1, 3])
def test_search_counts_exactly_past_the_scored_matches(
    examples_db: tuple[Path, object], monkeypatch: pytest.MonkeyPatch, bound: int
) -> None:
    """Fewer matches scored than counted (BM25_ROWS < MAX_COUNT): the total stays exact and
    every match is paged through once."""
    db, _ = examples_db
    conn = connect_ro(db)
    exact = search(conn, SearchQuery(q="hoi nghi", size=100), facets=False)
    everything = {r["id"] for r in exact["results"]}
    assert len(everything) > bound + 2
    monkeypatch.setattr(search_mod, "BM25_ROWS", bound)
    monkeypatch.setattr(search_mod, "RESCORE_WINDOW", 2)
    monkeypatch.setattr(search_mod, "LEAD_WINDOW", 1)
    seen: list[str] = []
    for page in range(1, len(everything) + 1):
        result = search(conn, SearchQuery(q="hoi nghi", size=1, page=page), facets=False)
        assert result["total"] == len(everything) and not result["total_capped"]
        seen += [r["id"] for r in result["results"]]
    assert len(seen) == len(set(seen)) == len(everything)


@pytest.mark.parametrize("kw", [{"type": "hop"}, {"year": 2025}, {"level": "tinh"}])
def test_search_a_facet_is_tagged_set_or_probed_with_the_same_results(
    examples_db: tuple[Path, object], monkeypatch: pytest.MonkeyPatch, kw: dict[str, object]
) -> None:
    db, _ = examples_db
    conn = connect_ro(db)
    query = SearchQuery(q="hoi nghi", size=100, **kw)  # type: ignore[arg-type]
    key = next(iter(kw))
    answers = {}
    for mode, tag_max, set_max in (("tag", 10**6, 10**6), ("set", 0, 10**6), ("probe", 0, 0)):
        monkeypatch.setattr(search_mod, "FACET_TAG_MAX", tag_max)
        monkeypatch.setattr(search_mod, "FACET_SET_MAX", set_max)
        assert search_mod.facet_modes(conn, query) == {key: mode}
        answers[mode] = search(conn, query)
    assert answers["set"]["total"] > 0
    for mode in ("tag", "probe"):
        assert [r["id"] for r in answers[mode]["results"]] == [
            r["id"] for r in answers["set"]["results"]
        ]
        assert answers[mode]["facets"] == answers["set"]["facets"]
    # Names may fold together: always a set, however few articles hold them.
    names = SearchQuery(q="hoi nghi", person="Vừ Seo Páo")
    assert search_mod.facet_modes(conn, names) == {"person": "set"}
