"""Stage 4: event type, date, time of day, period."""

from __future__ import annotations

import time
from typing import Any

import pytest

from vnevents.doc import Doc
from vnevents.record import EventType, TimeOfDay
from vnevents.stages import event


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        (
            "Sáng 8/3, UBND huyện tổ chức hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ "
            "năm 2024.",
            EventType.TONG_KET,
        ),
        ("Chiều 11/7, Ban Chỉ đạo tổ chức hội nghị sơ kết 6 tháng đầu năm.", EventType.SO_KET),
        (
            "Sáng 10/11, Đoàn công tác của Sở Nội vụ có buổi làm việc, kiểm tra công tác cải cách "
            "hành chính tại xã.",
            EventType.KIEM_TRA,
        ),
        ("Ngày 29-5, Đoàn công tác của Bộ Tư pháp đã làm việc với UBND tỉnh.", EventType.LAM_VIEC),
        (
            "Sáng 2/3, Huyện ủy tổ chức hội nghị quán triệt, triển khai Nghị quyết.",
            EventType.TRIEN_KHAI,
        ),
        (
            "Ngày 5/4, Sở Y tế tổ chức lớp tập huấn phòng chống dịch cho cán bộ y tế cơ sở.",
            EventType.TAP_HUAN,
        ),
        ("Sáng 20/5, Đảng bộ xã tổ chức Đại hội đại biểu lần thứ XXV.", EventType.DAI_HOI),
        ("Ngày 27-5, Tổng cục Du lịch tổ chức tọa đàm về phát triển sản phẩm.", EventType.HOI_THAO),
        ("Sáng 5/7, HĐND tỉnh khai mạc kỳ họp thứ 12.", EventType.HOP),
        ("Chiều 28/6, Bệnh viện tổ chức Lễ kỷ niệm 50 năm thành lập.", EventType.LE),
        (
            "Ngày 30/5, Ban Chỉ đạo tổ chức Phiên họp thứ ba cho ý kiến về Dự thảo Báo cáo tổng "
            "kết mô hình.",
            EventType.HOP,
        ),
        ("Chiều 29/4, Ban chỉ đạo tỉnh họp triển khai các biện pháp khoanh vùng.", EventType.HOP),
        (
            "Ngày 20/6, Đoàn công tác của Ủy ban Kiểm tra Trung ương công bố quyết định giám sát "
            "đối với Ban cán sự.",
            EventType.KIEM_TRA,
        ),
    ],
)
def test_event_type_from_lead(lead: str, expected: EventType) -> None:
    assert event.find(Doc(lead)).type == expected


def test_event_type_falls_back_on_title() -> None:
    ev = event.find(
        Doc(
            "Sáng 8/12, Ban Chỉ đạo thành phố tổ chức", title="Thành phố tổng kết công tác năm 2022"
        )
    )
    assert ev.type == EventType.TONG_KET


@pytest.mark.parametrize(
    ("lead", "ctx", "date", "tod"),
    [
        (
            "Sáng 8/12, Ban Chỉ đạo tổ chức hội nghị.",
            dict(published="2022-12-08T16:03:01"),
            "2022-12-08",
            TimeOfDay.SANG,
        ),
        ("Chiều 11/7/2022, Ban Chỉ đạo tổ chức hội nghị.", dict(), "2022-07-11", TimeOfDay.CHIEU),
        ("Sáng 10/11, đoàn công tác làm việc tại thị xã.", dict(), "--11-10", TimeOfDay.SANG),
        (
            "Ngày 30-5, UBND thành phố họp phiên thường kỳ.",
            dict(published="2013-05-31T08:06"),
            "2013-05-30",
            None,
        ),
        ("Sáng 6.2, Sở họp tổng kết.", dict(), "--02-06", TimeOfDay.SANG),
        (
            "Chiều tối 28/6, bệnh viện tổ chức lễ kỷ niệm 60 năm thành lập (1965-2025).",
            dict(),
            "2025-06-28",
            TimeOfDay.CHIEU,
        ),
        (
            "Sáng 30/12, tỉnh tổng kết năm.",
            dict(published="2024-01-02"),
            "2023-12-30",
            TimeOfDay.SANG,
        ),
        ("Sáng nay, 22-6, Hội nghị khai mạc.", dict(), "--06-22", TimeOfDay.SANG),
    ],
)
def test_event_date_and_time_of_day(
    lead: str, ctx: dict[str, Any], date: str, tod: TimeOfDay | None
) -> None:
    ev = event.find(Doc(lead, **ctx))
    assert ev.date == date
    assert ev.time_of_day == tod


def test_event_year_from_same_day_elsewhere_in_text() -> None:
    body = "Chiều 30/4, Ban chỉ đạo họp.\nĐến 14h ngày 30/4/2021, toàn tỉnh có 7 ca bệnh."
    assert event.find(Doc(body)).date == "2021-04-30"


@pytest.mark.parametrize(
    ("lead", "period"),
    [
        ("Sáng 8/12, Ban Chỉ đạo tổ chức hội nghị tổng kết công tác năm 2022.", "năm 2022"),
        (
            "Chiều 31/5, Hội nghị tổng kết phong trào giai đoạn 2008 – 2013 được tổ chức.",
            "giai đoạn 2008 – 2013",
        ),
        ("Sáng 3/7, Ban tổ chức hội nghị sơ kết 6 tháng đầu năm 2023.", "6 tháng đầu năm 2023"),
    ],
)
def test_event_period(lead: str, period: str) -> None:
    assert event.find(Doc(lead)).period == period


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        (
            "Sáng 4/5, Tỉnh ủy tổ chức Hội nghị công bố quyết định của Ban Bí thư về công tác cán "
            "bộ.",
            EventType.LE,
        ),
        (
            "Chiều 2/6, Chính phủ tổ chức hội nghị trực tuyến rà soát kết quả triển khai các nhiệm "
            "vụ chuyển đổi số.",
            EventType.HOP,
        ),
        (
            "Ngày 3/3, Sở Du lịch tổ chức hội nghị công bố chương trình kích cầu du lịch năm 2024.",
            EventType.TRIEN_KHAI,
        ),
        (
            "Ngày 9-8, Đoàn công tác của Bộ Y tế đã thăm, làm việc và trao quà cho trạm y tế xã.",
            EventType.LAM_VIEC,
        ),
    ],
)
def test_event_type_regressions(lead: str, expected: EventType) -> None:
    assert event.find(Doc(lead)).type == expected


@pytest.mark.parametrize(
    ("body", "date"),
    [
        ("Trong 2 ngày 14 và 15/03/2023, đoàn công tác của tỉnh đã thăm các đơn vị.", "2023-03-14"),
        (
            "Tối 20-10, Hội LHPN tổ chức lễ kỷ niệm Ngày Phụ nữ Việt Nam "
            "(20-10-1930 – 20-10-2024).",
            "2024-10-20",
        ),
        (
            "Chiều 12/5, Ủy ban cho ý kiến về kỳ họp.\nKỳ họp dự kiến bế mạc vào ngày 30/6/2024.",
            "2024-05-12",
        ),
    ],
)
def test_event_year_regressions(body: str, date: str) -> None:
    assert event.find(Doc(body)).date == date


@pytest.mark.parametrize(
    "lead",
    [
        "Ngày 5/3, Văn phòng UBND tỉnh có thông báo kết luận của Chủ tịch tỉnh tại hội nghị sơ kết "
        "quý I.",
        "Ngày 9.4, Bộ Nội vụ ban hành văn bản truyền đạt ý kiến của Bộ trưởng tại buổi làm việc "
        "với tỉnh.",
    ],
)
def test_event_date_of_a_notice_is_not_the_event_date(lead: str) -> None:
    assert event.find(Doc(lead, published="2023-04-10")).date is None


def test_event_date_kept_when_the_notice_is_the_event() -> None:
    lead = "Ngày 5/3, UBND tỉnh tổ chức hội nghị triển khai thông báo kết luận của Tỉnh ủy."
    assert event.find(Doc(lead, published="2023-03-06")).date == "2023-03-05"


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # a stronger keyword within a generic head's reach names the event
        (
            "Sáng 3/6, Sở Nội vụ tổ chức hội nghị trực tuyến tập huấn công tác văn thư.",
            EventType.TAP_HUAN,
        ),
        (
            "Ngày 1/6, Huyện ủy tổ chức hội nghị thông báo nhanh kết quả Hội nghị Trung ương 8.",
            EventType.TRIEN_KHAI,
        ),
        # … not one far after it, nor one after a working visit's words
        (
            "Tại hội nghị chuyên đề về du lịch do Sở tổ chức sáng 4/5, nhiều đại biểu cho rằng "
            "việc quảng bá, triển khai sản phẩm mới còn chậm.",
            EventType.HOP,
        ),
        (
            "Ngày 6/7, Bí thư Tỉnh ủy đến thăm, làm việc tại huyện miền núi, kiểm tra tình hình "
            "sản xuất vụ hè thu.",
            EventType.LAM_VIEC,
        ),
        # a delegation is who acts, not what happens
        (
            "Chiều 2/4, đoàn công tác của Sở Y tế do Giám đốc Sở dẫn đầu đã đến kiểm tra công tác "
            "phòng dịch tại xã.",
            EventType.KIEM_TRA,
        ),
        (
            "Ngày 3/3, Trưởng ban Dân tộc dẫn đầu đoàn khảo sát làm việc với huyện về chính sách "
            "hỗ trợ.",
            EventType.KIEM_TRA,
        ),
        (
            "Chiều 3/6, Cục Thuế tổ chức hội nghị đối thoại với doanh nghiệp và ký kết quy chế "
            "phối hợp.",
            EventType.HOP,
        ),
        ("Ngày 4/8, Tỉnh đoàn tổ chức họp mặt các thế hệ cán bộ đoàn.", EventType.LE),
        (
            "Sáng 9/6, các đại biểu Quốc hội làm việc tại hội trường, thảo luận về dự án Luật "
            "Đường bộ.",
            EventType.HOP,
        ),
    ],
)
def test_event_type_keyword_reach(lead: str, expected: EventType) -> None:
    assert event.find(Doc(lead)).type == expected


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Sáng 9/6, Quốc hội thảo luận tại hội trường về dự án Luật Đường bộ.", EventType.HOP),
        (
            "Ngày 10/6, Hội đồng Thi đua - Khen thưởng tỉnh tổ chức họp phiên định kỳ.",
            EventType.HOP,
        ),
        (
            "Nhân kỷ niệm 75 năm Ngày Thương binh – Liệt sĩ, ngày 20/7, Sở Lao động tổ chức hội "
            "thảo khoa học về chính sách người có công.",
            EventType.HOI_THAO,
        ),
        (
            "Ngày 12/5, Sở Du lịch tổ chức chương trình làm việc, kiểm tra các khu du lịch.",
            EventType.KIEM_TRA,
        ),
    ],
)
def test_event_type_phrase_that_names_no_event(lead: str, expected: EventType) -> None:
    assert event.find(Doc(lead)).type == expected


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        (
            "Tối 15/5, Hội Nhà báo tỉnh tổ chức tổng kết và trao giải báo chí năm 2023.",
            EventType.LE,
        ),
        (
            "Ngày 30/5, lễ bế giảng lớp bồi dưỡng kiến thức quốc phòng khóa 12 được tổ chức tại "
            "tỉnh.",
            EventType.TAP_HUAN,
        ),
        (
            "Sáng 5/9, Trường Chính trị tỉnh tổ chức lễ khai giảng lớp bồi dưỡng cán bộ nguồn.",
            EventType.TAP_HUAN,
        ),
        (
            "Sáng 12/6, Quốc hội biểu quyết thông qua Nghị quyết về chương trình hoạt động giám "
            "sát năm 2025.",
            EventType.OTHER,
        ),
    ],
)
def test_event_type_compound_keywords(lead: str, expected: EventType) -> None:
    assert event.find(Doc(lead)).type == expected


def test_event_type_read_in_the_dated_sentence_after_a_caption() -> None:
    lead = (
        "Ông Nguyễn Văn Khải phát biểu tại buổi làm việc. Sáng 15/9, Đoàn kiểm tra của Tỉnh ủy làm "
        "việc với Huyện ủy."
    )
    ev = event.find(Doc(lead))
    assert (ev.type, ev.date) == (EventType.KIEM_TRA, "--09-15")


@pytest.mark.parametrize(
    ("body", "date", "tod"),
    [
        ("Sáng nay (14/3), Sở Giao thông trao thiết bị cho các huyện.", "--03-14", TimeOfDay.SANG),
        ("Hôm nay (30/5/2024), Hội đồng nhân dân tỉnh họp phiên bế mạc.", "2024-05-30", None),
        (
            "Hôm nay (14/3), Hội đồng nhân dân tỉnh họp phiên chuyên đề.\nTrước đó, vào sáng 2/3, "
            "Thường trực HĐND họp.",
            "--03-14",
            None,
        ),
        (
            "Hội nghị sơ kết 5 năm thực hiện Chỉ thị 12/2019/CT-UBND ngày 5/6/2019 của UBND tỉnh "
            "đã được tổ chức sáng 14/10.",
            "--10-14",
            TimeOfDay.SANG,
        ),
        (
            "Để chuẩn bị khai trương vào ngày 1-10, ngày 25-9 Đoàn công tác của Sở làm việc với "
            "huyện.",
            "--09-25",
            None,
        ),
        ("Đại tá Trần Văn Bình cho biết, trường được thành lập ngày 3/9/1981.", None, None),
    ],
)
def test_event_date_of_the_reported_day(body: str, date: str | None, tod: TimeOfDay | None) -> None:
    ev = event.find(Doc(body))
    assert (ev.date, ev.time_of_day) == (date, tod)


def test_event_date_birth_day_gives_no_year() -> None:
    body = (
        "Sáng 27/4, Ban Tuyên giáo tổ chức hội nghị triển khai quyết định về công tác cán bộ.\n"
        "Ông Trần Văn Bình sinh ngày 27/4/1970."
    )
    assert event.find(Doc(body)).date == "--04-27"


@pytest.mark.parametrize(
    ("body", "date"),
    [
        # an anniversary span settles the year when its count is printed before it
        (
            "Sáng 1/7, Cục tổ chức lễ kỷ niệm ngày truyền thống.\nSuốt 60 năm (3.7.1965 – "
            "3.7.2025), lực lượng đã lớn mạnh.",
            "2025-07-01",
        ),
        (
            "Tối 12/6, tỉnh tổ chức Lễ kỷ niệm 415 năm thành lập dinh trấn (1611-2026).",
            "2026-06-12",
        ),
        ("Chiều 5/5, chi bộ họp.\nĐồng chí Lan đạt danh hiệu 5 năm liền (2019-2022).", "--05-05"),
        # a review of one year and the next one's tasks
        (
            "Chiều 10/2, Ủy ban tổ chức hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ "
            "năm 2024.",
            "2024-02-10",
        ),
        (
            "Sáng 28/12, Ủy ban tổ chức hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ "
            "năm 2024.",
            "2023-12-28",
        ),
        (
            "Ngày 9/5, Ban Chấp hành thảo luận về kết quả kiểm điểm sự lãnh đạo năm 2023.",
            "2024-05-09",
        ),
        # the period of the present
        ("Ngày 6/7, Hội đồng họp phiên 6 tháng đầu năm 2024.", "2024-07-06"),
        ("Ngày 30/5, UBND thành phố họp phiên thường kỳ tháng 5-2024.", "2024-05-30"),
        # the event's own year, and a year's tasks early in that year
        ("Sáng 20/5, tỉnh tổ chức Đại hội Cháu ngoan Bác Hồ lần thứ 8 năm 2024.", "2024-05-20"),
        (
            "Ngày 7/2, Giám đốc Sở làm việc với các phòng và chỉ đạo nhiệm vụ trọng tâm năm 2024.",
            "2024-02-07",
        ),
        # years that settle nothing: a prize's, a law's, a plan's mid-year, a term, a target
        ("Ngày 12/5, Hội Nhà báo tổ chức lễ trao giải báo chí năm 2023.", "--05-12"),
        (
            "Ngày 17/6, Sở Tư pháp tổ chức hội nghị sơ kết thi hành Luật Hòa giải năm 2013.",
            "--06-17",
        ),
        ("Ngày 27/6, Hội đồng họp bàn phương án tiền lương tối thiểu năm 2025.", "--06-27"),
        ("Ngày 13/6, hai cơ quan ký kết chương trình phối hợp giai đoạn 2024 - 2028.", "--06-13"),
        ("Ngày 8/6, Sở họp về đề án phát triển du lịch đến năm 2030.", "--06-08"),
    ],
)
def test_event_year_from_the_text(body: str, date: str) -> None:
    assert event.find(Doc(body)).date == date


def test_event_year_from_the_title_when_the_lead_has_none() -> None:
    doc = Doc(
        "Ngày 3/7, Bộ Công an tổ chức hội nghị sơ kết công tác.",
        title="Sơ kết công tác 6 tháng đầu năm 2024",
    )
    assert event.find(doc).date == "2024-07-03"


@pytest.mark.parametrize(
    ("body", "date"),
    [
        (
            "Ngày 7/6, Ban Chỉ đạo họp.\nTính đến ngày 31/5/2024, toàn tỉnh đã giải ngân 60% vốn.",
            "2024-06-07",
        ),
        (
            "Sáng 10/6, Hội tổ chức lễ tuyên dương.\nNgày 11/6/1948, Bác Hồ ra Lời kêu gọi thi đua "
            "ái quốc.\n"
            "Ngày 2/5/2024, Hội ban hành kế hoạch.",
            "2024-06-10",
        ),
        (
            "Sáng 10/6, Hội tổ chức lễ tuyên dương.\nNgày 25/5/2023 và ngày 20/6/2024, Hội ban "
            "hành hai kế hoạch.",
            "--06-10",
        ),
    ],
)
def test_event_year_from_a_nearby_printed_date(body: str, date: str) -> None:
    assert event.find(Doc(body)).date == date


# A generous bound, not a benchmark: each input below takes well under 0.2 s of CPU at 100 kB on
# a shared 2-core machine.
PATHOLOGICAL_SECONDS = 3.0


@pytest.mark.parametrize(
    "unit",
    [
        "Sáng 8/12, ",  # a lead date in every clause
        # dates that are documents', none the event's
        "theo Chỉ thị số 05/2008/CT-TU ngày 26/5/2008, ",
        "Hội thảo kỷ niệm 60 năm (1965 – 2024) ",  # anniversary spans whose count never matches
        "hội nghị tổng kết năm 2016 và ",  # keywords and years in one endless sentence
        "Quốc hội thảo luận ",  # phrases that hide a keyword
        "tính đến ngày 31/5/2017 ",  # dates printed with their year, each near the event's day
        "giai đoạn 2016-2020 ",  # ranges of years
        "Hôm nay (30/5), ",  # the bracketed day of "today", again and again
    ],
)
def test_event_pathological_input_is_linear(unit: str) -> None:
    event.find(Doc("Sáng 8/12, Sở tổ chức hội nghị."))  # build the lexicons outside the timing
    body = "Ngày 7/6, " + (unit * (100_000 // len(unit) + 1))[:100_000]
    started = time.perf_counter()
    event.find(Doc(body, title=body[:2000]))
    assert time.perf_counter() - started < PATHOLOGICAL_SECONDS
