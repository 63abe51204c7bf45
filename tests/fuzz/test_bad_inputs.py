"""Bad inputs through ``vnevents extract`` in a subprocess: every case named with its reason or
made a record, the good documents intact, no traceback, spans inside bodies (see cases.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import cases as catalogue

pytestmark = pytest.mark.fuzz

CATEGORIES = ["encodings", "random bytes", "empty bodies", "sizes", "JSON Lines", "files", "HTML"]


def _problems(verdicts: list[catalogue.Verdict]) -> list[str]:
    return [
        f"{v.case.category} / {v.case.name!r}: {'; '.join(v.problems)}"
        for v in verdicts
        if v.problems
    ]


@pytest.mark.parametrize("category", CATEGORIES)
def test_bad_inputs_are_reported_and_the_batch_goes_on(
    tmp_path: Path, form: str, category: str
) -> None:
    cases = [c for c in catalogue.all_cases(form) if c.category == category]
    assert cases
    verdicts = catalogue.run_batch(
        cases, tmp_path, time_limit=catalogue.SCALES[form]["budget"], bound=300
    )
    assert not _problems(verdicts)


@pytest.mark.parametrize("index", range(len(catalogue.stdin_cases("ci"))))
def test_bad_inputs_on_standard_input(form: str, index: int) -> None:
    verdict = catalogue.run_stdin(catalogue.stdin_cases(form)[index])
    assert not verdict.problems, verdict.problems


def test_bad_inputs_pathological_texts_stay_within_the_budget(tmp_path: Path, form: str) -> None:
    """Each pathological text gives a record or "took longer than N s".

    The run is bounded by the budget.
    """
    budget = catalogue.SCALES[form]["budget"]
    cases = catalogue.pathological_cases(catalogue.SCALES[form])
    # Loading the lexicons, the examples, and each case at most its budget plus the alarm's lag.
    bound = 30 + len(cases) * (budget + 2)
    verdicts = catalogue.run_batch(cases, tmp_path, time_limit=budget, bound=bound)
    assert not _problems(verdicts)
