"""The analysed document: lead, boundaries, dates and text forms computed once."""

from __future__ import annotations

import pytest

from vnevents.doc import Doc


@pytest.mark.parametrize(
    ("body", "sentences"),
    [
        ("Hội nghị khai mạc. Đại biểu thảo luận.", ["Hội nghị khai mạc.", " Đại biểu thảo luận."]),
        (
            "Bí thư Thành ủy Tp. Hồ Chí Minh Lê Văn An phát biểu.",
            ["Bí thư Thành ủy Tp. Hồ Chí Minh Lê Văn An phát biểu."],
        ),
        (
            "PGS. Trần Văn Bình cho biết: năm nay có 1.782 hộ.",
            ["PGS. Trần Văn Bình cho biết: năm nay có 1.782 hộ."],
        ),
        ("Ảnh: Minh Hà.Sáng nay, tỉnh họp.", ["Ảnh: Minh Hà.", "Sáng nay, tỉnh họp."]),
    ],
)
def test_doc_sentences_end_at_stops_not_at_abbreviations(body: str, sentences: list[str]) -> None:
    ends = [0, *Doc(body).boundaries.sentences]
    if ends[-1] != len(body):
        ends.append(len(body))
    assert [body[a:b] for a, b in zip(ends, ends[1:], strict=False)] == sentences


def test_doc_quotes_mark_someone_elses_words() -> None:
    body = "Ông An nói: “Phó Chủ tịch Trần Bình đã chỉ đạo”. Sau đó họp."
    doc = Doc(body)
    assert doc.quoted(body.index("Trần Bình")) and not doc.quoted(body.index("Sau đó"))


def test_doc_lead_is_the_first_dated_paragraph() -> None:
    body = "Ảnh minh họa lễ khai mạc\nSáng 8/12, UBND tỉnh tổ chức hội nghị.\nNội dung khác."
    start = body.index("Sáng")
    assert Doc(body).lead == (start, body.index("\nNội"))


def test_doc_text_forms_keep_offsets() -> None:
    body = "Đảng ủy Xã Tân Hòa"
    doc = Doc(body)
    assert doc.folded == "dang uy xa tan hoa" and len(doc.lower) == len(body)


def test_doc_full_dates_skip_longer_numbers() -> None:
    body = "Ngày 30/4/2021 và số 130/4/2021/QĐ, kỷ niệm (28-6-2001 – 28-6-2025)."
    assert [(d.day, d.month, d.year) for d in Doc(body).full_dates] == [
        (30, 4, 2021),
        (28, 6, 2001),
        (28, 6, 2025),
    ]
