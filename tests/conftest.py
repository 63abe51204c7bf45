"""Shared fixtures: where ../shared is (the seeds and gold records), when it is there; a local
Spark session."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VNEVENTS_SHARED", ROOT.parent / "shared"))
HAS_SHARED = (SHARED / "gold" / "seeds.jsonl").exists()
needs_shared = pytest.mark.skipif(
    not HAS_SHARED, reason="../shared (seeds and gold records) is absent"
)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not HAS_SHARED:
        pytest.skip("../shared (seeds and gold records) is absent")
    return SHARED


@pytest.fixture(scope="session")
def gold_cases(shared: Path) -> list[tuple[Path, dict[str, Any]]]:
    """(text file, gold record) for each seed and dev report."""
    cases: list[tuple[Path, dict[str, Any]]] = []
    for gold, texts in (("seeds.jsonl", shared / "seeds"), ("dev.jsonl", shared / "gold" / "dev")):
        path = shared / "gold" / gold
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                cases.append((texts / record["doc"], record))
    return cases


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    """One local Spark session (``local[2]``) for every Spark test."""
    from vnevents.spark_job import session_for

    session = session_for("local[2]", app="vnevents-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
