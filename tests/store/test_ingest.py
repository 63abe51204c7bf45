"""Ingest: idempotent by content hash, near-duplicates as sources, lossless round trip,
Parquet input, and a run killed with SIGKILL that completes on restart."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from vnevents.pipeline import Failure, extract_many
from vnevents.readers import read_paths
from vnevents.record import to_json
from vnevents.store.ingest import IngestStats, records_from_paths, store_records
from vnevents.store.schema import connect_ro
from vnevents.store.browse import load_record

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.iterdir() if p.is_file())


def _count(db: Path, table: str) -> int:
    conn = connect_ro(db)
    try:
        return int(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        )  # table: a literal above
    finally:
        conn.close()


def test_ingest_examples_every_document_accounted_for(
    examples_db: tuple[Path, IngestStats],
) -> None:
    assert len(EXAMPLE_FILES) >= 20
    db, stats = examples_db
    assert not stats.failed
    assert stats.stored + stats.duplicates + stats.near_duplicates == len(EXAMPLE_FILES)
    assert _count(db, "articles") == stats.stored
    assert _count(db, "sources") == len(EXAMPLE_FILES)


def test_ingest_twice_stores_nothing_new(
    tmp_path: Path, write_docs: Callable[[dict[str, str]], Path], tiny: dict[str, str]
) -> None:
    folder = write_docs(tiny)
    db = tmp_path / "twice.db"
    first = store_records(db, records_from_paths([str(folder)]))
    second = store_records(db, records_from_paths([str(folder)]))
    assert first.stored == len(tiny)
    assert (second.stored, second.duplicates) == (0, len(tiny))
    assert _count(db, "articles") == len(tiny)
    assert _count(db, "sources") == len(tiny)


def test_ingest_near_duplicate_becomes_a_source_of_the_canonical_article(
    examples_db: tuple[Path, IngestStats],
) -> None:
    db, stats = examples_db
    assert stats.near_duplicates >= 1
    conn = connect_ro(db)
    rows = conn.execute(
        "SELECT a.id, s.site FROM sources s JOIN articles a ON a.aid = s.aid WHERE s.via = 'near'"
    ).fetchall()
    assert rows
    for article_id, _site in rows:
        sites = {
            r[0]
            for r in conn.execute(
                "SELECT s.site FROM sources s JOIN articles a ON a.aid = s.aid WHERE a.id = ?",
                (article_id,),
            )
        }
        assert len(sites) >= 2  # first seen at one site, also published by another


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_ingest_record_survives_the_round_trip(
    examples_db: tuple[Path, IngestStats], path: Path
) -> None:
    db, _ = examples_db
    record = next(extract_many(read_paths([path])))
    assert not isinstance(record, Failure)
    conn = connect_ro(db)
    row = conn.execute("SELECT aid FROM articles WHERE id = ?", (record.id,)).fetchone()
    if row is None:  # a near-duplicate: stored as a source of another article
        assert conn.execute("SELECT via FROM sources WHERE hash = ?", (record.id,)).fetchone() == (
            "near",
        )
        return
    stored = load_record(conn, row[0])
    expected = to_json(record)
    assert stored is not None
    assert stored == expected


def test_ingest_parquet_records_like_the_spark_output(
    tmp_path: Path, write_docs: Callable[[dict[str, str]], Path], tiny: dict[str, str]
) -> None:
    records = [
        to_json(r)
        for r in extract_many(read_paths([write_docs(tiny)]))
        if not isinstance(r, Failure)
    ]
    out = tmp_path / "spark-out"  # laid out as spark_job.run writes it
    part = out / "records" / "year=2025" / "province=Lạng Sơn"
    part.mkdir(parents=True)
    pq.write_table(
        pa.table(
            {
                "id": [r["id"] for r in records],
                "record_json": [json.dumps(r, ensure_ascii=False) for r in records],
            }
        ),
        part / "part-00000.parquet",
    )
    (out / "people").mkdir()
    pq.write_table(pa.table({"name": ["x"]}), out / "people" / "part-00000.parquet")
    db = tmp_path / "pq.db"
    stats = store_records(db, records_from_paths([str(out)]))
    assert stats.stored == len(tiny)
    assert not stats.failed
    conn = connect_ro(db)
    ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    assert ids == {r["id"] for r in records}


def test_ingest_parquet_without_record_column_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"text": ["x"]}), path)
    stats = store_records(tmp_path / "f.db", records_from_paths([str(path)]))
    assert stats.stored == 0
    assert any("record_json" in reason for reason in stats.failed)


def test_ingest_failures_are_counted_with_reasons(
    tmp_path: Path, write_docs: Callable[[dict[str, str]], Path], tiny: dict[str, str]
) -> None:
    folder = write_docs({**tiny, "empty.txt": "   \n"})
    stats = store_records(
        tmp_path / "fail.db", records_from_paths([str(folder), str(tmp_path / "missing")])
    )
    assert stats.stored == len(tiny)
    assert sum(stats.failed.values()) == 2
    assert {doc for doc, _ in stats.failed_docs} >= {str(tmp_path / "missing")}


# --- killed and restarted --------------------------------------------------------

WORDS = (
    "hội nghị tổng kết công tác năm xã huyện tỉnh Đảng ủy nhân dân cán bộ phong trào thi đua "
    "kinh tế nông nghiệp giáo dục y tế đầu tư giao thông ngân sách đoàn viên thanh niên phụ nữ "
    "cựu chiến binh biên giới môi trường chuyển đổi số an ninh trật tự văn hóa du lịch"
).split()


def _synthetic_docs(folder: Path, n: int) -> None:
    """``n`` distinct reports of random words (seeded): no two are near-duplicates."""
    rng = random.Random(7)
    folder.mkdir()
    for i in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(80))
        (folder / f"doc{i:04d}.txt").write_text(
            f"Báo cáo số {i} về công tác địa phương\n\nThứ Hai, 12/05/2025 09:30\n\n"
            f"Sáng 12/5, mã {i:04d}: {body}.\n",
            encoding="utf-8",
        )


def _ingest_cmd(folder: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from vnevents.cli import app; app()",
        "ingest",
        str(folder),
        "--db",
        str(db),
        "--batch-size",
        "10",
    ]


def _articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_ingest_killed_with_sigkill_completes_on_restart(tmp_path: Path) -> None:
    n = 400
    folder, db = tmp_path / "many", tmp_path / "killed.db"
    _synthetic_docs(folder, n)
    proc = subprocess.Popen(
        _ingest_cmd(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while _articles(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_before = _articles(db)
    assert 0 < stored_before < n, "the run finished before it could be killed: raise n"

    subprocess.run(
        _ingest_cmd(folder, db), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    conn = connect_ro(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == n
    assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == n
    assert conn.execute("SELECT count(DISTINCT doc) FROM sources").fetchone()[0] == n
    # every document is findable exactly once through the full-text index
    for i in (0, n // 2, n - 1):
        hits = conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (f'"{i:04d}"',)
        ).fetchone()[0]
        assert hits == 1
