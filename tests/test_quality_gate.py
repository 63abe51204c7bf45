"""Quality gate: per-field scores on every gold set never fall below the floors pinned in
quality_floors.json (seeds, the dev sets and the frozen test split).

The gate also refuses a floor far below the measured score (a floor lowered silently would let
a regression pass). The sets and their loading live in benchmarks/gold/evaluate.py.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))
# A floor more than this below the measured score is stale: raise it. Scores are
# deterministic, so floors track them closely: lowering a floor takes a lower score.
MAX_SLACK = 0.01


@cache
def _evaluate() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gold_evaluate", ROOT / "benchmarks/gold/evaluate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@cache
def _scores(name: str) -> dict[str, float]:
    ev = _evaluate()
    gold_set = ev.BY_NAME[name]
    if not ev.available(gold_set):
        pytest.skip(f"{name}: its texts are not here (../shared is absent)")
    return dict(ev.scores(ev.evaluate(gold_set)))


SETS = sorted(k for k in FLOORS if not k.startswith("_"))


@pytest.mark.parametrize("name", SETS)
def test_quality_gate_floors_hold(name: str) -> None:
    scores = _scores(name)
    below = {
        f: (round(scores[f], 3), floor) for f, floor in FLOORS[name].items() if scores[f] < floor
    }
    assert not below, f"{name}: fields below their floors (score, floor): {below}"


@pytest.mark.parametrize("name", SETS)
def test_quality_gate_floors_are_not_stale(name: str) -> None:
    scores = _scores(name)
    stale = {
        f: (round(scores[f], 3), floor)
        for f, floor in FLOORS[name].items()
        if scores[f] - floor > MAX_SLACK
    }
    assert not stale, f"{name}: floors far below the measured score, raise them: {stale}"


def test_quality_gate_covers_every_gold_set() -> None:
    assert set(SETS) == {s.name for s in _evaluate().SETS}
