"""Stage 10: awards — kinds, issuers, counts, several per sentence, single units, past awards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vnevents.pipeline import extract
from vnevents.doc import Doc
from vnevents.record import Event, fold
from vnevents.stages import awards

CTX: dict[str, Any] = {"event": Event(date="2023-12-20")}


def triples(text: str, ctx: dict[str, Any] = CTX) -> set[tuple[str, int | None, int | None]]:
    return {(a.kind, a.collectives, a.individuals) for a in awards.find(Doc(text, **ctx))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dịp này, 21 tập thể, 34 cá nhân được nhận giấy khen của Ban Thường vụ Huyện ủy.",
         {("Giấy khen", 21, 34)}),
        ("Nhân dịp này, Chủ tịch UBND huyện tặng Bằng khen cho 05 tập thể, 12 cá nhân có thành tích xuất sắc.",
         {("Bằng khen", 5, 12)}),
        ("Tại hội nghị, Liên đoàn Lao động tỉnh trao Bằng khen cho 40 đoàn viên tiêu biểu.",
         {("Bằng khen", None, 40)}),
        ("Ban Thường vụ Tỉnh đoàn trao tặng Huy hiệu \"Tuổi trẻ sáng tạo\" cho 6 em học sinh.",
         {("Huy hiệu Tuổi trẻ sáng tạo", None, 6)}),
        ("Đảng ủy xã trao Huy hiệu 40 năm tuổi Đảng cho 9 đảng viên.",
         {("Huy hiệu 40 năm tuổi Đảng", None, 9)}),
        ("Thứ trưởng trao Cờ thi đua của Bộ Tư pháp cho các tập thể xuất sắc.",
         {("Cờ thi đua", None, None)}),
        ("Bộ trưởng tặng Kỷ niệm chương Vì sự nghiệp giáo dục cho 12 nhà giáo.",
         {("Kỷ niệm chương Vì sự nghiệp giáo dục", None, 12)}),
        ("Tại đại hội, Liên đoàn Lao động quận tặng Giấy khen cho 4 tổ công đoàn và 15 đoàn viên xuất sắc.",
         {("Giấy khen", 4, 15)}),
    ],
)
def test_awards_forms_and_counts(text: str, expected: set[tuple[str, int | None, int | None]]) -> None:
    assert triples(text) == expected


def test_awards_several_in_one_sentence() -> None:
    text = ("Nhân dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 07 tập thể, 10 cá nhân; "
            "Ban Dân vận Tỉnh ủy tặng Giấy khen cho 03 tập thể, 02 cá nhân; Ban Chỉ đạo tỉnh "
            "tặng giấy khen cho 06 tập thể, 08 cá nhân có thành tích xuất sắc.")
    found = awards.find(Doc(text, **CTX))
    assert {(a.kind, a.collectives, a.individuals) for a in found} == {
        ("Bằng khen", 7, 10), ("Giấy khen", 3, 2), ("Giấy khen", 6, 8)}
    assert {a.issuer for a in found} == {"Chủ tịch UBND tỉnh", "Ban Dân vận Tỉnh ủy", "Ban Chỉ đạo tỉnh"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chiều 20/12, Trường THPT Lê Lợi tổ chức lễ kỷ niệm 50 năm thành lập và đón nhận "
         "Huân chương Lao động hạng Ba.", {("Huân chương Lao động hạng Ba", 1, None)}),
        ("Thừa ủy quyền của Chủ tịch nước, Bí thư Tỉnh ủy trao Huân chương Lao động hạng Nhì "
         "cho Công ty Cổ phần Môi trường đô thị.", {("Huân chương Lao động hạng Nhì", 1, None)}),
        ("Phó Thủ tướng trao Huân chương Bảo vệ Tổ quốc hạng Ba cho đồng chí Trần Văn Bình.",
         {("Huân chương Bảo vệ Tổ quốc hạng Ba", None, 1)}),
        ("Hội đồng Đội huyện trao tặng Giấy khen cho cô học trò nhặt được của rơi.",
         {("Giấy khen", None, 1)}),
        ("Phòng Giáo dục đã tặng giấy khen và tuyên dương em Lê Thị Mai trước toàn trường.",
         {("Giấy khen", None, 1)}),
        ("Phó Chủ tịch UBND tỉnh trao Cờ thi đua của UBND tỉnh cho Trường THPT Chu Văn An.",
         {("Cờ thi đua", 1, None)}),
        ("Sáng 20/12, huyện tổ chức lễ đón nhận danh hiệu Anh hùng Lực lượng vũ trang nhân dân "
         "huyện Tân Lập.", {("Danh hiệu Anh hùng Lực lượng vũ trang nhân dân", 1, None)}),
    ],
)
def test_awards_single_recipient(text: str, expected: set[tuple[str, int | None, int | None]]) -> None:
    assert triples(text) == expected


def test_awards_issuer_from_authorisation_and_of() -> None:
    (a,) = awards.find(Doc("Thừa ủy quyền của Chủ tịch nước, Chủ tịch UBND tỉnh đã trao Huân chương "
                       "Độc lập hạng Ba cho Bệnh viện tỉnh.", **CTX))
    assert a.issuer == "Chủ tịch nước"
    (b,) = awards.find(Doc("Thứ trưởng trao Bằng khen của Bộ trưởng Bộ Y tế cho 15 cá nhân.", **CTX))
    assert b.issuer == "Bộ trưởng Bộ Y tế"


def test_awards_caption_repeating_an_award_is_merged() -> None:
    text = ("Các tập thể nhận giấy khen của Ban Chỉ đạo huyện\n"
            "Nhân dịp này, 8 tập thể, 11 cá nhân được nhận giấy khen của Ban Chỉ đạo huyện.")
    assert triples(text) == {("Giấy khen", 8, 11)}


@pytest.mark.parametrize(
    "text",
    [
        "Trường từng được Nhà nước tặng thưởng Huân chương Lao động hạng Nhì năm 2005.",
        "Đơn vị đã được Đảng, Nhà nước tặng Huân chương Chiến công hạng Nhất năm 1972.",
        "Nhiều năm liền, đồng chí đạt danh hiệu Chiến sĩ thi đua cơ sở.",
        "Huyện đã nhận nhiều Bằng khen, Cờ thi đua của Chính phủ.",
        "Hội nghị đề nghị UBND tỉnh tặng Bằng khen cho 10 tập thể.",
        "Các đơn vị cần phát huy hiệu quả công tác thi đua, khen thưởng.",
        "Học sinh của trường giành 3 huy chương vàng tại kỳ thi Olympic.",
        "Đơn vị đã được Đảng, Nhà nước phong tặng danh hiệu Anh hùng Lao động và nhiều phần thưởng khác.",
        "Bệnh viện vinh dự được phong tặng hai danh hiệu Anh hùng Lao động và Anh hùng Lực lượng vũ trang.",
        "Tỉnh tổ chức lễ đón nhận danh hiệu Khu bảo tồn Sông Xanh trở thành Khu dự trữ sinh quyển.",
    ],
)
def test_awards_not_handed_out_at_the_event(text: str) -> None:
    assert awards.find(Doc(text, **CTX)) == []


def test_awards_shorter_name_of_the_same_award_is_merged() -> None:
    text = ("Bí thư Huyện ủy trao Huy hiệu 60 năm tuổi Đảng cho đồng chí Lê Văn Tâm. "
            "Việc trao Huy hiệu Đảng là dịp tôn vinh đảng viên lão thành.")
    assert triples(text) == {("Huy hiệu 60 năm tuổi Đảng", None, 1)}


def test_awards_span_covers_counts() -> None:
    text = "Ban Tổ chức trao Giấy khen cho 12 tập thể, 30 cá nhân."
    (a,) = awards.find(Doc(text, **CTX))
    assert "12 tập thể" in text[a.span[0]:a.span[1]] and "30 cá nhân" in text[a.span[0]:a.span[1]]


def test_awards_golden_seeds_and_dev(gold_cases: list[tuple[Path, dict[str, Any]]]) -> None:
    tp = fp = fn = 0
    for text_path, gold in gold_cases:
        record = extract(text_path.read_text(encoding="utf-8"), doc=text_path.name)
        got = {(fold(a.kind), a.collectives, a.individuals) for a in record.awards}
        want = {(fold(str(a["kind"])), a["collectives"], a["individuals"])
                for a in gold["awards"]}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    assert tp / max(1, tp + fp) >= 0.9 and tp / max(1, tp + fn) >= 0.9, (tp, fp, fn)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("Dịp này, Chủ tịch UBND xã tặng Giấy khen cho 4 tập thể, 9 cá nhân có thành tích tiêu biểu trong phong trào.",
         "Giấy khen cho 4 tập thể, 9 cá nhân"),
        ("Ban Thường vụ Huyện đoàn trao Bằng khen cho 15 đoàn viên xuất sắc năm 2024.",
         "Bằng khen cho 15 đoàn viên"),
    ],
)
def test_awards_span_ends_with_the_counted_noun(text: str, covered: str) -> None:
    (award,) = awards.find(Doc(text, **CTX))
    assert text[award.span[0]:award.span[1]] == covered
