"""Shared patterns: the letter classes, folding, numerals and dates."""

from __future__ import annotations

import pytest

from vnevents import patterns
from vnevents.patterns import fold, parse_number


def test_patterns_letter_classes_match_a_scan_of_every_code_point() -> None:
    every = ((0x41, 0x1EFA),)
    assert patterns.UPPER == patterns._letters(True, every)
    assert patterns.LOWER == patterns._letters(False, every)
    assert "Đ" in patterns.UPPER and "ỹ" in patterns.LOWER and "µ" not in patterns.LOWER


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đảng ủy", "dang uy"),
        ("Lạng Sơn", "lang son"),
        ("NGÔ QUYỀN", "ngo quyen"),
        ("e\u0301", "e"),
    ],
)
def test_patterns_fold_lowers_and_strips_marks(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "value"), [("2.853", 2853), ("1,5", 1.5), ("3.048,25", 3048.25), ("95", 95)]
)
def test_patterns_parse_number_reads_vietnamese_numerals(text: str, value: float) -> None:
    assert parse_number(text) == value
