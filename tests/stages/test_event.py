"""Stage 4: event type, date, time of day, period."""

from __future__ import annotations

from typing import Any

import pytest

from vnevents.doc import Doc
from vnevents.record import EventType, TimeOfDay
from vnevents.stages import event


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Sáng 8/3, UBND huyện tổ chức hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024.", EventType.TONG_KET),
        ("Chiều 11/7, Ban Chỉ đạo tổ chức hội nghị sơ kết 6 tháng đầu năm.", EventType.SO_KET),
        ("Sáng 10/11, Đoàn công tác của Sở Nội vụ có buổi làm việc, kiểm tra công tác cải cách hành chính tại xã.", EventType.KIEM_TRA),
        ("Ngày 29-5, Đoàn công tác của Bộ Tư pháp đã làm việc với UBND tỉnh.", EventType.LAM_VIEC),
        ("Sáng 2/3, Huyện ủy tổ chức hội nghị quán triệt, triển khai Nghị quyết.", EventType.TRIEN_KHAI),
        ("Ngày 5/4, Sở Y tế tổ chức lớp tập huấn phòng chống dịch cho cán bộ y tế cơ sở.", EventType.TAP_HUAN),
        ("Sáng 20/5, Đảng bộ xã tổ chức Đại hội đại biểu lần thứ XXV.", EventType.DAI_HOI),
        ("Ngày 27-5, Tổng cục Du lịch tổ chức tọa đàm về phát triển sản phẩm.", EventType.HOI_THAO),
        ("Sáng 5/7, HĐND tỉnh khai mạc kỳ họp thứ 12.", EventType.HOP),
        ("Chiều 28/6, Bệnh viện tổ chức Lễ kỷ niệm 50 năm thành lập.", EventType.LE),
        ("Ngày 30/5, Ban Chỉ đạo tổ chức Phiên họp thứ ba cho ý kiến về Dự thảo Báo cáo tổng kết mô hình.", EventType.HOP),
        ("Chiều 29/4, Ban chỉ đạo tỉnh họp triển khai các biện pháp khoanh vùng.", EventType.HOP),
        ("Ngày 20/6, Đoàn công tác của Ủy ban Kiểm tra Trung ương công bố quyết định giám sát đối với Ban cán sự.", EventType.KIEM_TRA),
    ],
)
def test_event_type_from_lead(lead: str, expected: EventType) -> None:
    assert event.find(Doc(lead)).type == expected


def test_event_type_falls_back_on_title() -> None:
    ev = event.find(Doc("Sáng 8/12, Ban Chỉ đạo thành phố tổ chức", title="Thành phố tổng kết công tác năm 2022"))
    assert ev.type == EventType.TONG_KET


@pytest.mark.parametrize(
    ("lead", "ctx", "date", "tod"),
    [
        ("Sáng 8/12, Ban Chỉ đạo tổ chức hội nghị.", dict(published="2022-12-08T16:03:01"), "2022-12-08", TimeOfDay.SANG),
        ("Chiều 11/7/2022, Ban Chỉ đạo tổ chức hội nghị.", dict(), "2022-07-11", TimeOfDay.CHIEU),
        ("Sáng 10/11, đoàn công tác làm việc tại thị xã.", dict(), "--11-10", TimeOfDay.SANG),
        ("Ngày 30-5, UBND thành phố họp phiên thường kỳ.", dict(published="2013-05-31T08:06"), "2013-05-30", None),
        ("Sáng 6.2, Sở họp tổng kết.", dict(), "--02-06", TimeOfDay.SANG),
        ("Chiều tối 28/6, bệnh viện tổ chức lễ kỷ niệm 60 năm thành lập (1965-2025).", dict(), "2025-06-28", TimeOfDay.CHIEU),
        ("Sáng 30/12, tỉnh tổng kết năm.", dict(published="2024-01-02"), "2023-12-30", TimeOfDay.SANG),
        ("Sáng nay, 22-6, Hội nghị khai mạc.", dict(), "--06-22", TimeOfDay.SANG),
    ],
)
def test_event_date_and_time_of_day(lead: str, ctx: dict[str, Any], date: str, tod: TimeOfDay | None) -> None:
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
        ("Chiều 31/5, Hội nghị tổng kết phong trào giai đoạn 2008 – 2013 được tổ chức.", "giai đoạn 2008 – 2013"),
        ("Sáng 3/7, Ban tổ chức hội nghị sơ kết 6 tháng đầu năm 2023.", "6 tháng đầu năm 2023"),
    ],
)
def test_event_period(lead: str, period: str) -> None:
    assert event.find(Doc(lead)).period == period


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Sáng 4/5, Tỉnh ủy tổ chức Hội nghị công bố quyết định của Ban Bí thư về công tác cán bộ.", EventType.LE),
        ("Chiều 2/6, Chính phủ tổ chức hội nghị trực tuyến rà soát kết quả triển khai các nhiệm vụ chuyển đổi số.", EventType.HOP),
        ("Ngày 3/3, Sở Du lịch tổ chức hội nghị công bố chương trình kích cầu du lịch năm 2024.", EventType.TRIEN_KHAI),
        ("Ngày 9-8, Đoàn công tác của Bộ Y tế đã thăm, làm việc và trao quà cho trạm y tế xã.", EventType.LAM_VIEC),
    ],
)
def test_event_type_regressions(lead: str, expected: EventType) -> None:
    assert event.find(Doc(lead)).type == expected


@pytest.mark.parametrize(
    ("body", "date"),
    [
        ("Trong 2 ngày 14 và 15/03/2023, đoàn công tác của tỉnh đã thăm các đơn vị.", "2023-03-14"),
        ("Tối 20-10, Hội LHPN tổ chức lễ kỷ niệm Ngày Phụ nữ Việt Nam (20-10-1930 – 20-10-2024).", "2024-10-20"),
        ("Chiều 12/5, Ủy ban cho ý kiến về kỳ họp.\nKỳ họp dự kiến bế mạc vào ngày 30/6/2024.", "2024-05-12"),
    ],
)
def test_event_year_regressions(body: str, date: str) -> None:
    assert event.find(Doc(body)).date == date


@pytest.mark.parametrize(
    "lead",
    [
        "Ngày 5/3, Văn phòng UBND tỉnh có thông báo kết luận của Chủ tịch tỉnh tại hội nghị sơ kết quý I.",
        "Ngày 9.4, Bộ Nội vụ ban hành văn bản truyền đạt ý kiến của Bộ trưởng tại buổi làm việc với tỉnh.",
    ],
)
def test_event_date_of_a_notice_is_not_the_event_date(lead: str) -> None:
    assert event.find(Doc(lead, published="2023-04-10")).date is None


def test_event_date_kept_when_the_notice_is_the_event() -> None:
    lead = "Ngày 5/3, UBND tỉnh tổ chức hội nghị triển khai thông báo kết luận của Tỉnh ủy."
    assert event.find(Doc(lead, published="2023-03-06")).date == "2023-03-05"
