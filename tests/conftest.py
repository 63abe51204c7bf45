"""Shared fixtures: where ../shared is (the seeds and gold records), when it is there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VNEVENTS_SHARED", ROOT.parent / "shared"))
HAS_SHARED = (SHARED / "gold" / "seeds.jsonl").exists()
needs_shared = pytest.mark.skipif(not HAS_SHARED, reason="../shared (seeds and gold records) is absent")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not HAS_SHARED:
        pytest.skip("../shared (seeds and gold records) is absent")
    return SHARED
