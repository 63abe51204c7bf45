"""Browse queries: an article with its sources, a person's titles over time, a document's
citing reports, aggregates; all over databases made by the real ingest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from vnevents.store.browse import (
    aggregates,
    article,
    document,
    events_by_province_and_era,
    people,
    person,
)
from vnevents.store.collation import sort_key
from vnevents.store.ingest import IngestStats, records_from_paths, store_records
from vnevents.store.schema import connect_ro
from vnevents.store.search import QueryError

# One person in two reports a year apart, with a new title in the second.
PERSON_DOCS = {
    "p1.txt": "Huyện Hòa An sơ kết công tác dân vận\n\nThứ Hai, 13/05/2024 09:30\n\n"
    "Sáng 13/5, Huyện ủy Hòa An tổ chức hội nghị sơ kết công tác dân vận. "
    "Đồng chí Nông Văn Khiêm, Phó Bí thư Huyện ủy chủ trì hội nghị.",
    "p2.txt": "Huyện Hòa An tổng kết phong trào thi đua năm 2025\n\nThứ Ba, 13/05/2025 09:30\n\n"
    "Sáng 13/5, UBND huyện Hòa An tổ chức hội nghị tổng kết phong trào thi đua. "
    "Đồng chí Nông Văn Khiêm, Bí thư Huyện ủy phát biểu chỉ đạo hội nghị.",
}


def test_browse_aggregates_count_every_article(examples_db: tuple[Path, IngestStats]) -> None:
    db, _ = examples_db
    data = aggregates(connect_ro(db))
    assert sum(r["count"] for r in data["by_type"]) == data["totals"]["articles"]
    assert data["by_month"] == sorted(data["by_month"], key=lambda r: r["key"])
    assert data["totals"]["sources"] >= data["totals"]["articles"]


def test_browse_person_titles_over_time(
    tmp_path: Path, write_docs: Callable[[dict[str, str]], Path]
) -> None:
    db = tmp_path / "people.db"
    store_records(db, records_from_paths([str(write_docs(PERSON_DOCS))]))
    conn = connect_ro(db)
    found = person(conn, "nong van khiem")  # folded lookup
    if not found["appearances"]:
        pytest.fail("the people stage found no one in either report")
    dates = [a["date"] for a in found["appearances"]]
    assert dates == sorted(dates, reverse=True)
    for t in found["titles"]:
        assert t["first"] <= t["last"]


def test_browse_document_lists_citing_reports(examples_db: tuple[Path, IngestStats]) -> None:
    db, _ = examples_db
    conn = connect_ro(db)
    row = conn.execute(
        "SELECT symbol, count(DISTINCT aid) FROM documents WHERE symbol IS NOT NULL "
        "GROUP BY 1 ORDER BY 2 DESC"
    ).fetchone()
    if row is None:
        pytest.fail("no document symbol extracted from examples/")
    assert len(document(conn, row[0])["citations"]) == row[1]


@pytest.mark.parametrize("bad", ["", "XYZ", "0123456789ABCDEF", "0123456789abcdef0", "' OR 1=1 --"])
def test_browse_article_id_must_be_a_content_hash(
    examples_db: tuple[Path, IngestStats], bad: str
) -> None:
    db, _ = examples_db
    with pytest.raises(QueryError):
        article(connect_ro(db), bad)


@pytest.mark.parametrize(
    "ordered",
    [
        ["An Giang", "Ăn Uống", "Âu Cơ", "Bạc Liêu", "Bắc Ninh", "Dương Nội", "Đà Nẵng", "Zalo"],
        ["Hà Nam", "Hà Nội", "Hàm Yên", "Huỳnh Văn Nghệ"],  # word by word; "Hà" before "Huỳnh"
        [
            "ma",
            "mà",
            "mả",
            "mã",
            "má",
            "mạ",
            "mai",
        ],  # tones after the base letter, then the next letter
        ["Ô Môn", "Ông Ích Khiêm", "Ơn", "Uy", "Ưng"],
        ["Quận 1", "Quận Ba Đình"],  # digits before letters
        ["đá", "Đá"],  # case last
    ],
)
def test_browse_vietnamese_collation(ordered: list[str]) -> None:
    assert sorted(reversed(ordered), key=sort_key) == ordered
    assert sorted(ordered, key=sort_key) == ordered


def test_browse_aggregates_say_how_many_provinces_there_are(
    examples_db: tuple[Path, IngestStats],
) -> None:
    db, _ = examples_db
    conn = connect_ro(db)
    every = aggregates(conn, None)
    assert len(every["by_province"]) == every["provinces"]
    if every["provinces"] < 2:
        pytest.fail("examples/ place events in fewer than two provinces")
    top = aggregates(conn, 1)
    assert len(top["by_province"]) == 1 and top["provinces"] == every["provinces"]


def test_browse_events_by_era_follow_the_event_date(
    tmp_path: Path, write_docs: Callable[[dict[str, str]], Path]
) -> None:
    db = tmp_path / "era.db"
    store_records(db, records_from_paths([str(write_docs(ERA_DOCS))]))
    eras = events_by_province_and_era(connect_ro(db))
    old = {r["key"]: r["count"] for r in eras["old"]}
    new = {r["key"]: r["count"] for r in eras["new"]}
    assert old.get("Bắc Giang") == 1 and "Bắc Giang" not in new  # 2020: before the reform
    assert sum(new.values()) == 1 and not set(new) & {"Bắc Giang"}  # 2025-08: the new units
    assert [r["key"] for r in eras["old"]] == sorted(old, key=sort_key)


def test_browse_people_ties_in_vietnamese_order(
    tmp_path: Path, write_docs: Callable[[dict[str, str]], Path]
) -> None:
    db = tmp_path / "people-order.db"
    store_records(db, records_from_paths([str(write_docs(PEOPLE_ORDER_DOCS))]))
    names = [p["name"] for p in people(connect_ro(db)) if p["articles"] == 1]
    if len(names) < 2:
        pytest.fail("the people stage found fewer than two people")
    assert names == sorted(names, key=sort_key)


# Two reports in the same district, either side of the 2025 reform (invented events).
ERA_DOCS = {
    "e1.txt": "Lục Nam sơ kết chương trình nông thôn mới\n\nThứ Ba, 14/07/2020 08:00\n\n"
    "Chiều 14/7, UBND huyện Lục Nam tổ chức hội nghị sơ kết 6 tháng "
    "thực hiện chương trình nông thôn mới.",
    "e2.txt": "Phường Tân Định tập huấn chuyển đổi số\n\nThứ Ba, 12/08/2025 08:00\n\n"
    "Sáng 12/8, UBND phường Tân Định, Thành phố Hồ Chí Minh "
    "tổ chức tập huấn chuyển đổi số cho cán bộ.",
}
# Three people, each in one report, whose names sort differently by code point.
PEOPLE_ORDER_DOCS = {
    f"p{i}.txt": f"Huyện Yên Lập họp bàn kế hoạch {i}\n\nThứ Hai, 1{i}/05/2024 09:30\n\n"
    f"Sáng 1{i}/5, UBND huyện Yên Lập tổ chức cuộc họp. "
    f"Đồng chí {name}, Chủ tịch UBND huyện chủ trì cuộc họp."
    for i, name in enumerate(["Đinh Văn Thắng", "Huỳnh Thị Lan", "Hà Văn Sơn"], start=1)
}
