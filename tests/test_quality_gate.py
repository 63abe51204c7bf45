"""Quality gate: per-field scores on the seeds and the dev set never fall below pinned floors.

The floors live in quality_floors.json; the gate also refuses a floor that sits
far below the measured score (a floor lowered silently would let a regression pass).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnevents import extract, to_json
from vnevents.score import read_jsonl, score

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))
# A floor more than this below the measured score is stale: raise it.
MAX_SLACK = 0.15
SETS = {"seeds": ("gold/seeds.jsonl", "seeds"), "dev": ("gold/dev.jsonl", "gold/dev")}


def _report(shared: Path, name: str) -> dict[str, float]:
    gold_file, folder = SETS[name]
    golds = read_jsonl(shared / gold_file)
    preds = [to_json(extract((shared / folder / g["doc"]).read_text(encoding="utf-8"), doc=g["doc"]))
             for g in golds]
    report = score(preds, golds)
    out = {field: counts.score for field, counts in report.fields.items()}
    out["headline"] = report.headline
    return out


@pytest.mark.parametrize("name", sorted(SETS))
def test_quality_gate_floors_hold(shared: Path, name: str) -> None:
    scores = _report(shared, name)
    below = {f: (round(scores[f], 3), floor) for f, floor in FLOORS[name].items() if scores[f] < floor}
    assert not below, f"{name}: fields below their floors (score, floor): {below}"


@pytest.mark.parametrize("name", sorted(SETS))
def test_quality_gate_floors_are_not_stale(shared: Path, name: str) -> None:
    scores = _report(shared, name)
    stale = {f: (round(scores[f], 3), floor) for f, floor in FLOORS[name].items()
             if scores[f] - floor > MAX_SLACK}
    assert not stale, f"{name}: floors far below the measured score, raise them: {stale}"
