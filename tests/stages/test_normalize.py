"""Stage 1: normalisation."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnevents.stages.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("hoà bình", "hòa bình"),
        ("Thuỷ lợi", "Thủy lợi"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("tuỳ theo", "tùy theo"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
    ],
)
def test_normalize_moves_old_tone_marks(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize("word", ["quý", "toàn", "Huỳnh", "thuở", "khuya", "hoàn thành", "quỳnh"])
def test_normalize_keeps_modern_and_closed_syllables(word: str) -> None:
    assert normalize(word) == word


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hà\u00a0Nội", "Hà Nội"),
        ("Đà\u200bLạt", "ĐàLạt"),
        ("x&nbsp;y", "x y"),
        ("&nbspTheo báo cáo", " Theo báo cáo"),
        ("a\x07b", "ab"),
        ("dòng 1\r\ndòng 2", "dòng 1\ndòng 2"),
    ],
)
def test_normalize_spaces_entities_controls(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_composes_decomposed_text() -> None:
    decomposed = unicodedata.normalize("NFD", "Thường trực Tỉnh ủy")
    assert normalize(decomposed) == "Thường trực Tỉnh ủy"


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
