"""Stage 10: awards — kinds, issuers, counts, several per sentence, single units, past awards,
prizes, captions, and linear time on pathological text."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from vnevents.pipeline import extract
from vnevents.doc import Doc
from vnevents.record import Event, fold
from vnevents.data import load_tsv
from vnevents.stages import awards
from vnevents.stages.awards.merge import MAX_AWARDS

CTX: dict[str, Any] = {"event": Event(date="2023-12-20")}


def triples(text: str, ctx: dict[str, Any] = CTX) -> set[tuple[str, int | None, int | None]]:
    return {(a.kind, a.collectives, a.individuals) for a in awards.find(Doc(text, **ctx))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dịp này, 21 tập thể, 34 cá nhân được nhận giấy khen của Ban Thường vụ Huyện ủy.",
            {("Giấy khen", 21, 34)},
        ),
        (
            "Nhân dịp này, Chủ tịch UBND huyện tặng Bằng khen cho 05 tập thể, 12 cá nhân có thành "
            "tích xuất sắc.",
            {("Bằng khen", 5, 12)},
        ),
        (
            "Tại hội nghị, Liên đoàn Lao động tỉnh trao Bằng khen cho 40 đoàn viên tiêu biểu.",
            {("Bằng khen", None, 40)},
        ),
        (
            'Ban Thường vụ Tỉnh đoàn trao tặng Huy hiệu "Tuổi trẻ sáng tạo" cho 6 em học sinh.',
            {("Huy hiệu Tuổi trẻ sáng tạo", None, 6)},
        ),
        (
            "Đảng ủy xã trao Huy hiệu 40 năm tuổi Đảng cho 9 đảng viên.",
            {("Huy hiệu 40 năm tuổi Đảng", None, 9)},
        ),
        (
            "Thứ trưởng trao Cờ thi đua của Bộ Tư pháp cho các tập thể xuất sắc.",
            {("Cờ thi đua", None, None)},
        ),
        (
            "Bộ trưởng tặng Kỷ niệm chương Vì sự nghiệp giáo dục cho 12 nhà giáo.",
            {("Kỷ niệm chương Vì sự nghiệp giáo dục", None, 12)},
        ),
        (
            "Tại đại hội, Liên đoàn Lao động quận tặng Giấy khen cho 4 tổ công đoàn và 15 đoàn "
            "viên xuất sắc.",
            {("Giấy khen", 4, 15)},
        ),
    ],
)
def test_awards_forms_and_counts(
    text: str, expected: set[tuple[str, int | None, int | None]]
) -> None:
    assert triples(text) == expected


def test_awards_several_in_one_sentence() -> None:
    text = (
        "Nhân dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 07 tập thể, 10 cá nhân; "
        "Ban Dân vận Tỉnh ủy tặng Giấy khen cho 03 tập thể, 02 cá nhân; Ban Chỉ đạo tỉnh "
        "tặng giấy khen cho 06 tập thể, 08 cá nhân có thành tích xuất sắc."
    )
    found = awards.find(Doc(text, **CTX))
    assert {(a.kind, a.collectives, a.individuals) for a in found} == {
        ("Bằng khen", 7, 10),
        ("Giấy khen", 3, 2),
        ("Giấy khen", 6, 8),
    }
    assert {a.issuer for a in found} == {
        "Chủ tịch UBND tỉnh",
        "Ban Dân vận Tỉnh ủy",
        "Ban Chỉ đạo tỉnh",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chiều 20/12, Trường THPT Lê Lợi tổ chức lễ kỷ niệm 50 năm thành lập và đón nhận "
            "Huân chương Lao động hạng Ba.",
            {("Huân chương Lao động hạng Ba", 1, None)},
        ),
        (
            "Thừa ủy quyền của Chủ tịch nước, Bí thư Tỉnh ủy trao Huân chương Lao động hạng Nhì "
            "cho Công ty Cổ phần Môi trường đô thị.",
            {("Huân chương Lao động hạng Nhì", 1, None)},
        ),
        (
            "Phó Thủ tướng trao Huân chương Bảo vệ Tổ quốc hạng Ba cho đồng chí Trần Văn Bình.",
            {("Huân chương Bảo vệ Tổ quốc hạng Ba", None, 1)},
        ),
        (
            "Hội đồng Đội huyện trao tặng Giấy khen cho cô học trò nhặt được của rơi.",
            {("Giấy khen", None, 1)},
        ),
        (
            "Phòng Giáo dục đã tặng giấy khen và tuyên dương em Lê Thị Mai trước toàn trường.",
            {("Giấy khen", None, 1)},
        ),
        (
            "Phó Chủ tịch UBND tỉnh trao Cờ thi đua của UBND tỉnh cho Trường THPT Chu Văn An.",
            {("Cờ thi đua", 1, None)},
        ),
        (
            "Sáng 20/12, huyện tổ chức lễ đón nhận danh hiệu Anh hùng Lực lượng vũ trang nhân dân "
            "huyện Tân Lập.",
            {("Anh hùng Lực lượng vũ trang nhân dân", 1, None)},
        ),
    ],
)
def test_awards_single_recipient(
    text: str, expected: set[tuple[str, int | None, int | None]]
) -> None:
    assert triples(text) == expected


def test_awards_issuer_from_authorisation_and_of() -> None:
    (a,) = awards.find(
        Doc(
            "Thừa ủy quyền của Chủ tịch nước, Chủ tịch UBND tỉnh đã trao Huân chương "
            "Độc lập hạng Ba cho Bệnh viện tỉnh.",
            **CTX,
        )
    )
    assert a.issuer == "Chủ tịch nước"
    (b,) = awards.find(
        Doc("Thứ trưởng trao Bằng khen của Bộ trưởng Bộ Y tế cho 15 cá nhân.", **CTX)
    )
    assert b.issuer == "Bộ trưởng Bộ Y tế"


def test_awards_caption_repeating_an_award_is_merged() -> None:
    text = (
        "Các tập thể nhận giấy khen của Ban Chỉ đạo huyện\n"
        "Nhân dịp này, 8 tập thể, 11 cá nhân được nhận giấy khen của Ban Chỉ đạo huyện."
    )
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
        "Đơn vị đã được Đảng, Nhà nước phong tặng danh hiệu Anh hùng Lao động và nhiều phần thưởng "
        "khác.",
        "Bệnh viện vinh dự được phong tặng hai danh hiệu Anh hùng Lao động và Anh hùng Lực lượng "
        "vũ trang.",
        "Tỉnh tổ chức lễ đón nhận danh hiệu Khu bảo tồn Sông Xanh trở thành Khu dự trữ sinh quyển.",
    ],
)
def test_awards_not_handed_out_at_the_event(text: str) -> None:
    assert awards.find(Doc(text, **CTX)) == []


def test_awards_shorter_name_of_the_same_award_is_merged() -> None:
    text = (
        "Bí thư Huyện ủy trao Huy hiệu 60 năm tuổi Đảng cho đồng chí Lê Văn Tâm. "
        "Việc trao Huy hiệu Đảng là dịp tôn vinh đảng viên lão thành."
    )
    assert triples(text) == {("Huy hiệu 60 năm tuổi Đảng", None, 1)}


def test_awards_span_covers_counts() -> None:
    text = "Ban Tổ chức trao Giấy khen cho 12 tập thể, 30 cá nhân."
    (a,) = awards.find(Doc(text, **CTX))
    assert (
        "12 tập thể" in text[a.span[0] : a.span[1]] and "30 cá nhân" in text[a.span[0] : a.span[1]]
    )


def test_awards_golden_seeds_and_dev(gold_cases: list[tuple[Path, dict[str, Any]]]) -> None:
    tp = fp = fn = 0
    for text_path, gold in gold_cases:
        record = extract(text_path.read_text(encoding="utf-8"), doc=text_path.name)
        got = {(fold(a.kind), a.collectives, a.individuals) for a in record.awards}
        want = {(fold(str(a["kind"])), a["collectives"], a["individuals"]) for a in gold["awards"]}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    assert tp / max(1, tp + fp) >= 0.9 and tp / max(1, tp + fn) >= 0.9, (tp, fp, fn)


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        (
            "Dịp này, Chủ tịch UBND xã tặng Giấy khen cho 4 tập thể, 9 cá nhân có thành tích tiêu "
            "biểu trong phong trào.",
            "Giấy khen cho 4 tập thể, 9 cá nhân",
        ),
        (
            "Ban Thường vụ Huyện đoàn trao Bằng khen cho 15 đoàn viên xuất sắc năm 2024.",
            "Bằng khen cho 15 đoàn viên",
        ),
    ],
)
def test_awards_span_ends_with_the_counted_noun(text: str, covered: str) -> None:
    (award,) = awards.find(Doc(text, **CTX))
    assert text[award.span[0] : award.span[1]] == covered


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Phó Thủ tướng trao danh hiệu Anh hùng Lao động thời kỳ đổi mới cho Bệnh viện Đa khoa "
            "tỉnh.",
            "Anh hùng Lao động",
        ),
        (
            'Chiều 20/12, Trường THCS Hòa Bình đón nhận danh hiệu "Anh hùng Lao động thời kỳ đổi '
            'mới".',
            "Anh hùng Lao động",
        ),
        (
            "Bộ trưởng trao danh hiệu Chiến sĩ thi đua toàn quốc cho đồng chí Lê Thị Hoa.",
            "Chiến sĩ thi đua toàn quốc",
        ),
        (
            "Chủ tịch nước trao Huân chương Lao động hạng Nhì cho Công ty Cấp nước Sông Hồng.",
            "Huân chương Lao động hạng Nhì",
        ),
        (
            "Thứ trưởng trao Cờ thi đua xuất sắc trong phong trào thi đua năm 2023 cho Cục Thuế "
            "tỉnh.",
            "Cờ thi đua",
        ),
    ],
)
def test_awards_kind_without_head_word_era_or_field(text: str, kind: str) -> None:
    assert {k for k, _, _ in triples(text)} == {kind}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # households are not counted (RULINGS.md): the award stays, its counts are null
        (
            "Dịp này, UBND huyện tặng Giấy khen cho 45 hộ gia đình văn hóa tiêu biểu.",
            {("Giấy khen", None, None)},
        ),
        (
            "Chủ tịch UBND xã tặng Giấy khen cho 12 hộ gia đình và 8 cá nhân.",
            {("Giấy khen", None, 8)},
        ),
        # a joint count of collectives and individuals gives neither
        (
            "Bộ trưởng trao Bằng khen cho 16 tập thể và cá nhân có thành tích xuất sắc.",
            {("Bằng khen", None, None)},
        ),
    ],
)
def test_awards_households_and_joint_counts(
    text: str, expected: set[tuple[str, int | None, int | None]]
) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Giám đốc Sở trao Giấy khen cho Trường THPT Hòa Bình và Trường THCS Tân Phú.",
            {("Giấy khen", 2, None)},
        ),
        (
            "Tại hội nghị, Công an huyện Đông Sơn, Công an xã Hải Lạc và Phòng Cảnh sát giao thông "
            "được Giám đốc Công an tỉnh tặng Giấy khen.",
            {("Giấy khen", 3, None)},
        ),
        (
            "Tại buổi lễ, Trường Tiểu học Kim Đồng vinh dự được Bộ Giáo dục và Đào tạo tặng Cờ thi "
            "đua.",
            {("Cờ thi đua", 1, None)},
        ),
        # a unit whose name runs on with other receivers stays one collective
        (
            "Chủ tịch tỉnh trao Bằng khen cho tập thể cán bộ, công nhân và người lao động Công ty "
            "Than Hà Lầm.",
            {("Bằng khen", 1, None)},
        ),
    ],
)
def test_awards_named_units_counted(
    text: str, expected: set[tuple[str, int | None, int | None]]
) -> None:
    assert triples(text) == expected


def test_awards_count_opening_a_long_passive_subject() -> None:
    text = (
        "Nhân dịp này, 12 tập thể và 35 cá nhân có thành tích xuất sắc trong phong trào thi đua "
        "yêu nước năm 2023 ở các xã vùng cao của huyện đã vinh dự được Ban Thường vụ Tỉnh ủy tặng "
        "Bằng khen."
    )
    (award,) = awards.find(Doc(text, **CTX))
    assert (award.collectives, award.individuals, award.issuer) == (12, 35, "Ban Thường vụ Tỉnh ủy")
    assert "12 tập thể" in text[award.span[0] : award.span[1]]


def test_awards_passive_without_counts_or_event_is_a_record() -> None:
    assert (
        awards.find(
            Doc("Trường Tiểu học Kim Đồng vinh dự được Bộ Giáo dục tặng Cờ thi đua.", **CTX)
        )
        == []
    )


def test_awards_history_of_an_era_is_not_handed_out() -> None:
    text = (
        "Trong đó, 15 cán bộ công an thời kỳ kháng chiến chống Mỹ cứu nước được Nhà nước phong "
        "tặng danh hiệu Anh hùng Lực lượng vũ trang nhân dân."
    )
    assert awards.find(Doc(text, **CTX)) == []


PRIZE_LEAD = "Tối 20/12, Hội Nhà báo tỉnh tổ chức lễ trao giải Báo chí tỉnh lần thứ V.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PRIZE_LEAD
            + "Ban Giám khảo đã chọn 30 tác phẩm, trong đó có 2 giải Nhất, 4 giải Nhì, 6 giải Ba "
            "và 10 giải Khuyến khích.",
            {
                ("Giải Nhất", None, None),
                ("Giải Nhì", None, None),
                ("Giải Ba", None, None),
                ("Giải Khuyến khích", None, None),
            },
        ),
        (
            PRIZE_LEAD + "Chủ tịch UBND tỉnh trao giải A cho các tác giả đạt giải.",
            {("Giải A", None, None)},
        ),
        # a prize won before the event is not handed out at it
        (PRIZE_LEAD + "Tác giả này từng đoạt giải Nhất năm 2015.", set()),
    ],
)
def test_awards_contest_prizes_in_a_prize_giving_report(
    text: str, expected: set[tuple[str, int | None, int | None]]
) -> None:
    assert triples(text) == expected


def test_awards_contest_prizes_only_in_a_prize_giving_report() -> None:
    text = (
        "Sáng 20/12, UBND huyện tổ chức hội nghị tổng kết năm.\n"
        "Năm qua, học sinh của huyện đạt 3 giải Nhất cấp tỉnh."
    )
    assert triples(text) == set()


def test_awards_named_state_prize_and_its_passive_count() -> None:
    text = (
        "Bộ trưởng đã trao tặng Giải thưởng Nhà nước về khoa học và công nghệ cho 14 tác giả, "
        "đồng tác giả có công trình xuất sắc."
    )
    assert triples(text) == {("Giải thưởng Nhà nước", None, 14)}
    assert triples("Các nhà khoa học nhận giải thưởng cao quý này với nhiều xúc động.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bí thư Huyện ủy trao Huy hiệu 70 năm tuổi Đảng cho đồng chí Lê Văn An và Huy hiệu 60 "
            "năm tuổi Đảng cho đồng chí Trần Thị Bình.",
            {("Huy hiệu 70 năm tuổi Đảng", None, 1), ("Huy hiệu 60 năm tuổi Đảng", None, 1)},
        ),
        (
            "Đảng ủy tổ chức lễ trao Huy hiệu 55 năm tuổi Đảng cho đồng chí Phạm Văn Cường; "
            "Huy hiệu 45 năm tuổi Đảng cho đồng chí Nguyễn Văn Thịnh.",
            {("Huy hiệu 55 năm tuổi Đảng", None, 1), ("Huy hiệu 45 năm tuổi Đảng", None, 1)},
        ),
    ],
)
def test_awards_list_shares_its_verb(
    text: str, expected: set[tuple[str, int | None, int | None]]
) -> None:
    assert triples(text) == expected


def test_awards_list_shares_its_giver() -> None:
    text = (
        'Nhân dịp này Liên đoàn Lao động tỉnh đã trao 4 Kỷ niệm chương "Vì sự nghiệp Công đoàn" '
        "tặng lãnh đạo Sở và 6 Bằng khen tặng cá nhân xuất sắc."
    )
    found = awards.find(Doc(text, **CTX))
    assert {(a.kind, a.individuals) for a in found} == {
        ("Kỷ niệm chương Vì sự nghiệp Công đoàn", 4),
        ("Bằng khen", 6),
    }
    assert {a.issuer for a in found} == {"Liên đoàn Lao động tỉnh"}


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "Tại hội nghị, Phòng Cảnh sát cơ động được Giám đốc Công an tỉnh tặng Giấy khen.",
            "Giám đốc Công an tỉnh",
        ),
        (
            "Bộ Tư pháp tổ chức lễ trao Huy hiệu 40 năm tuổi Đảng cho đồng chí Lý Văn Hùng.",
            "Bộ Tư pháp",
        ),
        (
            "Chủ tịch Quốc hội đã tới dự và trao Huân chương Lao động hạng Nhất cho tỉnh Tân Hòa.",
            "Chủ tịch Quốc hội",
        ),
        (
            "Thứ trưởng trao tặng Bằng khen của Bộ trưởng Bộ Y tế và phần thưởng cho 6 bác sĩ.",
            "Bộ trưởng Bộ Y tế",
        ),
    ],
)
def test_awards_issuer_forms(text: str, issuer: str) -> None:
    (award,) = awards.find(Doc(text, **CTX))
    assert award.issuer == issuer


def test_awards_caption_with_a_photo_credit_gives_nothing() -> None:
    caption = (
        "Chủ tịch UBND tỉnh trao Bằng khen cho 3 cá nhân. Ảnh: Minh Anh\nHội nghị đã thảo luận "
        "nhiều ý kiến."
    )
    assert awards.find(Doc(caption, **CTX)) == []
    body = caption + "\nNhân dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 5 tập thể, 9 cá nhân."
    assert triples(body) == {("Bằng khen", 5, 9)}


@pytest.mark.parametrize(
    "text",
    [
        # "công trình" holds "trình" (submit) and "công nhận" holds "nhận": neither is a cue
        "Bộ trưởng đã gắn biển công trình và trao Bằng khen cho 12 tập thể.",
        "Đồng chí Bí thư ghi nhận thành tích và trao Giấy khen cho 7 tập thể.",
    ],
)
def test_awards_words_holding_a_cue_are_not_cues(text: str) -> None:
    assert {(k, c) for k, c, _ in triples(text)} in ({("Bằng khen", 12)}, {("Giấy khen", 7)})


def test_awards_cue_roles_are_known() -> None:
    roles = {role for _, role in load_tsv("award_cues.tsv")}
    assert roles == {
        "give",
        "give_to",
        "receive",
        "not_verb",
        "not_now",
        "not_now_title",
        "at_event",
        "name_stop",
        "name_verb",
        "leading",
        "leading_bare",
        "subject_tail",
        "plural",
        "recipients_end",
        "to",
        "era",
        "prize_level",
        "ceremony",
        "host",
        "not_handed",
        "medal",
        "issuer_stop",
        "units_end",
    }


# Pathological inputs: one endless clause of award mentions, counts, dots or names. Each
# must be read in time linear in its length; 3 s is generous (0.03–0.1 s measured at 100 kB).
PATHOLOGICAL = [
    "tặng Bằng khen cho 5 tập thể và ",
    "Bằng khen ",
    "danh hiệu Anh hùng Lao động ",
    "trao Huy hiệu 40 năm tuổi Đảng cho 9 đảng viên và ",
    "tặng Giấy khen cho 1.2 ",
    "Công an huyện A và Công an huyện B được Bộ Công an tặng Cờ thi đua, ",
    "Huân chương Lao động hạng Ba cho Công ty A, Công ty B và ",
]
PATHOLOGICAL_CHARS = 100_000
PATHOLOGICAL_SECONDS = 3.0


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_awards_linear_on_pathological_text(unit: str) -> None:
    text = (unit * (PATHOLOGICAL_CHARS // len(unit) + 1))[:PATHOLOGICAL_CHARS]
    doc = Doc(text, **CTX)
    start = time.perf_counter()
    found = awards.find(doc)
    assert time.perf_counter() - start < PATHOLOGICAL_SECONDS
    assert len(found) <= MAX_AWARDS


def test_awards_prize_report_pathological_text() -> None:
    text = PRIZE_LEAD + ("trao giải Nhất cho 3 tác giả, " * 4000)
    start = time.perf_counter()
    awards.find(Doc(text, **CTX))
    assert time.perf_counter() - start < PATHOLOGICAL_SECONDS


@pytest.mark.parametrize(
    ("text", "covered", "not_covered"),
    [
        (
            "Phó Chủ tịch tỉnh trao Cờ thi đua cho Sở Nội vụ Hiện nay toàn tỉnh có 12 phường.",
            "Cờ thi đua",
            "12 phường",
        ),
        (
            "Tại buổi lễ, Sở Tư pháp trao Bằng khen và 5 suất học bổng cho các em.",
            "Bằng khen",
            "5 suất",
        ),
        (
            "Nhà máy Cơ khí 27 tổ chức lễ đón nhận Huân chương Lao động hạng Ba.",
            "Huân chương Lao động hạng Ba",
            "27",
        ),
    ],
)
def test_awards_span_skips_numbers_that_count_no_recipients(
    text: str, covered: str, not_covered: str
) -> None:
    found = awards.find(Doc(text, **CTX))
    assert found
    s, e = found[0].span
    assert covered in text[s:e]
    assert not_covered not in text[s:e]


def test_awards_span_still_covers_counts_before_the_award() -> None:
    text = "Tại hội nghị, 8 tập thể, 15 cá nhân được nhận Giấy khen của Hội Nông dân huyện."
    (found,) = awards.find(Doc(text, **CTX))
    s, e = found.span
    assert text[s:e].startswith("8 tập thể")


@pytest.mark.parametrize(
    "text",
    [
        # one award, its giver printed with and without the abbreviation and the city's name
        "Buổi lễ trao Bằng khen của Chủ tịch UBND Thành phố cho các gia đình tiêu biểu. "
        "Các gia đình đã nhận Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố Cần Thơ.",
        # the State's award: "thay mặt Nhà nước" and "thừa ủy quyền Chủ tịch nước"
        "Bộ trưởng thay mặt Đảng, Nhà nước trao tặng Trường Cao đẳng Y tế Huân chương Lao động "
        "hạng Ba. Thừa ủy quyền của Chủ tịch nước, Bộ trưởng trao tặng Trường Cao đẳng Y tế "
        "Huân chương Lao động hạng Ba.",
    ],
)
def test_awards_one_giver_printed_two_ways_is_one_award(text: str) -> None:
    assert len(awards.find(Doc(text, **CTX))) == 1


def test_awards_different_givers_of_one_kind_stay_apart() -> None:
    text = (
        "Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 3 tập thể; Giám đốc Sở Y tế tặng "
        "Bằng khen cho 7 cá nhân."
    )
    assert triples(text) == {("Bằng khen", 3, None), ("Bằng khen", None, 7)}


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("Bí thư Tỉnh ủy cũng đã trao Cờ thi đua cho Công an huyện Đông Sơn.", "Bí thư Tỉnh ủy"),
        (
            "Chủ tịch UBND huyện đã trân trọng gắn Huân chương Lao động hạng Nhì lên lá cờ "
            "truyền thống của xã Tân Lập.",
            "Chủ tịch UBND huyện",
        ),
    ],
)
def test_awards_issuer_without_stacked_tail_words(text: str, issuer: str) -> None:
    (found,) = awards.find(Doc(text, **CTX))
    assert found.issuer == issuer
