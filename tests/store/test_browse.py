"""Browse queries: an article with its sources, a person's titles over time, a document's
citing reports, aggregates; all over databases made by the real ingest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from vnevents.store.browse import aggregates, article, document, person
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


def test_browse_person_titles_over_time(tmp_path: Path, write_docs: Callable[[dict[str, str]], Path]) -> None:
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
    row = conn.execute("SELECT symbol, count(DISTINCT aid) FROM documents WHERE symbol IS NOT NULL "
                       "GROUP BY 1 ORDER BY 2 DESC").fetchone()
    if row is None:
        pytest.fail("no document symbol extracted from examples/")
    assert len(document(conn, row[0])["citations"]) == row[1]


@pytest.mark.parametrize("bad", ["", "XYZ", "0123456789ABCDEF", "0123456789abcdef0", "' OR 1=1 --"])
def test_browse_article_id_must_be_a_content_hash(examples_db: tuple[Path, IngestStats], bad: str) -> None:
    db, _ = examples_db
    with pytest.raises(QueryError):
        article(connect_ro(db), bad)
