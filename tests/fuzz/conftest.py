"""The fuzz and crash suites (markers in pyproject.toml): the form (``VNEVENTS_FUZZ=full`` for
the issue's sizes)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(
    0, str(Path(__file__).parent)
)  # cases.py, shared with benchmarks/bench_reliability.py

FORM = os.environ.get("VNEVENTS_FUZZ", "ci")


@pytest.fixture(scope="session")
def form() -> str:
    """ "ci" (bounded sizes, a few minutes) or "full" (the issue's sizes)."""
    if FORM not in ("ci", "full"):
        pytest.fail(f"VNEVENTS_FUZZ must be ci or full, not {FORM!r}")
    return FORM
