"""Crash trials in a bounded form (the full form: benchmarks/bench_reliability.py): ingest killed
at random moments and resumed, two ingests at once, an ingest under searches, a full disk."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import crash

pytestmark = pytest.mark.crash

# Enough documents that ingest extracts in worker processes (store.workers.POOL_MIN_DOCS).
DOCS = 600


@pytest.fixture(scope="module")
def trial_input(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, Counter[Any]], float]:
    folder = tmp_path_factory.mktemp("crash")
    src = crash.make_input(folder / "input.jsonl", DOCS)
    import time

    t0 = time.monotonic()
    run = crash.ingest(src, folder / "reference.db")
    assert run.returncode == 0, run.stderr
    return src, crash.snapshot(folder / "reference.db"), time.monotonic() - t0


def test_crash_killed_ingest_resumes_to_the_same_database(
    tmp_path: Path, trial_input: tuple[Path, dict[str, Counter[Any]], float]
) -> None:
    src, reference, seconds = trial_input
    report = crash.kill_trials(
        src, tmp_path, reference, chains=1, kills_per_chain=4, full_seconds=seconds
    )
    assert report.kills == 4 and report.chains == 1
    assert not report.bad_integrity and not report.losses and not report.tracebacks
    assert report.orphans == 0


def test_crash_two_ingests_at_once(
    tmp_path: Path, trial_input: tuple[Path, dict[str, Counter[Any]], float]
) -> None:
    src, reference, _ = trial_input
    small = crash.make_input(tmp_path / "small.jsonl", 40)
    assert crash.ingest(small, tmp_path / "small-ref.db").returncode == 0
    races = crash.concurrent_trials(
        small, tmp_path, crash.snapshot(tmp_path / "small-ref.db"), runs=4
    )
    assert races.runs == 4 and not races.failures
    big = (
        crash.concurrent_trials(src, tmp_path / "big", reference, runs=1)
        if (tmp_path / "big").mkdir() is None
        else None
    )
    assert big is not None and not big.failures


def test_crash_ingest_while_serving(
    tmp_path: Path, trial_input: tuple[Path, dict[str, Counter[Any]], float]
) -> None:
    src, _, _ = trial_input
    seed = crash.make_input(tmp_path / "seed.jsonl", 30)
    report = crash.ingest_while_serving(src, seed, tmp_path, clients=3)
    assert report.ingest_ok and report.requests > 0
    assert not report.errors, report.errors[:5]
    assert report.percentile(0.95) < 5000, report.summary()


def test_crash_full_disk(
    tmp_path: Path, trial_input: tuple[Path, dict[str, Counter[Any]], float]
) -> None:
    src, reference, _ = trial_input
    # Half the database an uninterrupted ingest makes (at most 3 MB): the disk fills whatever
    # the input (the corpus, or copies of the examples stored mostly as extra sources).
    ref = src.parent / "reference.db"
    whole = sum(p.stat().st_size for p in (ref, ref.with_name("reference.db-wal")) if p.exists())
    whole /= 2**20
    report = crash.full_disk_trial(src, tmp_path, reference, size_mb=min(3.0, whole / 2))
    if report.how.startswith("not run"):
        pytest.skip(report.how)
    assert not report.problems, report.problems
    assert report.message.startswith("error cannot write to") and "disk is full" in report.message


def test_crash_full_disk_simulated_is_one_message(tmp_path: Path) -> None:
    """Where no small file system can be mounted: SQLite's own full-disk error, by a page cap."""
    from vnevents.store.ingest import store_records
    from vnevents.store.schema import StoreError, connect_rw

    db = tmp_path / "capped.db"
    conn = connect_rw(db)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 300}")
    body = "Sáng 12/5, UBND huyện tổ chức hội nghị tổng kết công tác năm 2024 tại hội trường. " * 60
    records = (
        {
            "doc": f"d{i}",
            "id": f"{i:016x}",
            "body": body + str(i),
            "title": "Hội nghị",
            "event": {},
            "source": {},
        }
        for i in range(200)
    )
    with pytest.raises(StoreError, match="disk is full") as caught:
        store_records(conn, records, batch_size=20, near_dup=False)
    assert "\n" not in str(caught.value)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert stored % 20 == 0 and stored > 0  # whole batches only
    conn.close()
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
