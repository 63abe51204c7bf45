"""Stage 1: normalisation."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnevents.stages.normalize import fix_tone_marks, normalize


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


@pytest.mark.parametrize(
    "word",
    [
        "quý",
        "toàn",
        "Huỳnh",
        "thuở",
        "khuya",
        "hoàn thành",
        "quỳnh",
        "khuỷu tay",
        # a breve or circumflex on the a: closed syllables, already in place (regression: "họăc")
        "hoặc",
        "ngoặt",
        "ngoặc",
        "HOẶC",
        "Hoặc",
        "khoắng",
        "xoẳn",
    ],
)
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


# The old-style pairs FORMAT.md means, typed out: the tone on a bare a/e/y after o/u.
OLD_STYLE = {
    "oà",
    "oá",
    "oả",
    "oã",
    "oạ",
    "oè",
    "oé",
    "oẻ",
    "oẽ",
    "oẹ",
    "uỳ",
    "uý",
    "uỷ",
    "uỹ",
    "uỵ",
}

# Words already in the modern placement, the traps included (closed oă/oâ syllables, qu-,
# uy + final).
MODERN_WORDS = [
    "hòa",
    "Hòa",
    "ủy",
    "Ủy",
    "thủy",
    "khỏe",
    "tùy",
    "họa",
    "tỏa",
    "khóa",
    "lòe",
    "xòe",
    "quý",
    "quỳnh",
    "Quỳnh",
    "khuya",
    "khuỷu",
    "tuyển",
    "huyện",
    "thuyết",
    "hoàn",
    "toàn",
    "hoạt",
    "khoán",
    "hoặc",
    "ngoặt",
    "ngoặc",
    "hoắc",
    "khoắng",
    "loằng",
    "toét",
    "khoét",
    "huých",
    "uỵch",
    "người",
    "được",
    "Đảng",
    "thuở",
    "tuổi",
    "Nguyễn",
    "Huỳnh",
    "ĐOÀN",
    "HÒA",
    "ỦY",
    "QUÝ",
]
SEPARATORS = st.sampled_from([" ", ", ", ". ", "\n", " - ", "(", ")", ": ", "/", "1", "“", "”"])


@given(st.lists(st.tuples(st.sampled_from(MODERN_WORDS), SEPARATORS), max_size=30))
def test_normalize_leaves_modern_placement_unchanged(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + sep for w, sep in parts)
    assert normalize(text) == text


_VOWELS = "aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ"
_ALPHABET = _VOWELS + _VOWELS.upper() + "qQhHcCtTnNgG đ.,- \n\u0301\u0323"


@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_normalize_changes_only_syllable_final_pairs(raw: str) -> None:
    text = unicodedata.normalize("NFC", raw)
    fixed = fix_tone_marks(text)
    assert len(fixed) == len(text)
    changed = [i for i, (a, b) in enumerate(zip(text, fixed, strict=True)) if a != b]
    for i in changed:
        start = i if text[i : i + 2].lower() in OLD_STYLE else i - 1
        pair = text[start : start + 2]
        assert pair.lower() in OLD_STYLE, (text, i)
        after = text[start + 2 : start + 3]
        assert not after.isalpha() and not unicodedata.combining(after or " "), (text, i)
        assert start == 0 or text[start - 1] not in "qQ", (text, i)


@pytest.mark.parametrize(("raw", "expected"), [("hoà", "hòa"), ("HOÀ", "HÒA"), ("tuỵ", "tụy")])
def test_normalize_twice_equals_once_on_old_style(raw: str, expected: str) -> None:
    assert normalize(raw) == expected
    assert normalize(normalize(raw)) == expected


def test_normalize_fast_path_sees_every_character_it_skips_for() -> None:
    from vnevents.stages import normalize as stage

    for code in range(0x3100):
        ch = chr(code)
        if stage._ZERO_WIDTH.match(ch) or stage._ODD_SPACES.match(ch) or stage._CONTROLS.match(ch):
            assert stage._ODD_ANY.match(ch), hex(code)
