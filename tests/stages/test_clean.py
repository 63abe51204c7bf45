"""Stage 3: cleaning — per-page "must keep / must drop" snippets."""

from __future__ import annotations

import pytest

from vnevents.stages import clean, metadata
from vnevents.stages.normalize import normalize


def body_of(page: str) -> str:
    text = normalize(page)
    return clean.clean(text, metadata.read(text))


PORTAL_PAGE = """Thị xã Nghĩa Lộ tổng kết công tác dân vận năm 2023

Thứ 6, 22.12.2023 | 15:45:10
1.204 lượt xem

Chương trình hành động của Bộ đội Biên phòng tỉnh đã được triển khai sâu rộng tới các đồn, trạm và \
nhận được sự ủng hộ của nhân dân vùng biSáng 22/12, Ban Dân vận Thị ủy Nghĩa Lộ \
tổ chức hội nghị tổng kết công tác dân vận năm 2023.

anh tin bai

Quang cảnh hội nghị.

Các đại biểu dự hội nghị

Năm 2023, các cấp ủy đã lãnh đạo thực hiện tốt công tác dân vận, \
vận động nhân dân hiến 3.500 m2 đất làm đường.

PHƯƠNG THẢO/baoyenbai.example.vn

Tin khác
1 2 3 4 5 ...
 • Hội nghị cán bộ chủ chốt (20/12/2023)
Thống kê truy cập
 • Đang online: 35
 • Hôm nay: 2,104
Đăng nhập
"""


@pytest.mark.parametrize(
    "snippet",
    [
        "Sáng 22/12, Ban Dân vận Thị ủy Nghĩa Lộ tổ chức hội nghị tổng kết",
        "vận động nhân dân hiến 3.500 m2 đất làm đường.",
    ],
)
def test_clean_keeps_article_text(snippet: str) -> None:
    assert snippet in body_of(PORTAL_PAGE)


@pytest.mark.parametrize(
    "snippet",
    [
        "lượt xem",
        "Bộ đội Biên phòng",  # sidebar text spliced into the lead
        "anh tin bai",
        "Quang cảnh hội nghị",  # caption after an image placeholder
        "Các đại biểu dự hội nghị",  # caption without final punctuation
        "PHƯƠNG THẢO",  # byline is metadata
        "Tin khác",
        "Hội nghị cán bộ chủ chốt",
        "Đang online",
        "Đăng nhập",
        "Thị xã Nghĩa Lộ tổng kết công tác dân vận năm 2023",  # the title is metadata
    ],
)
def test_clean_drops_furniture(snippet: str) -> None:
    assert snippet not in body_of(PORTAL_PAGE)


def test_clean_drops_closing_footer_lines() -> None:
    page = (
        "Tỉnh Đồng Nai sơ kết phong trào thi đua\nNgày 5/6, tỉnh tổ chức hội nghị sơ kết phong "
        "trào thi đua yêu nước với nhiều đơn vị tham dự và báo cáo kết quả.\n"
        "06/06/13 09:00 GMT+7\nXã hội\nThi đua,Sơ kết,Đồng Nai\nBáo Đồng Nai"
    )
    body = body_of(page)
    assert body.startswith("Ngày 5/6")
    assert "Thi đua,Sơ kết" not in body and "Báo Đồng Nai" not in body


def test_clean_splits_glued_photo_credit() -> None:
    page = (
        "Tiêu đề của một bài về kỳ họp thứ năm\n"
        "Sáng 3/7, HĐND tỉnh khai mạc kỳ họp thứ năm với nhiều nội dung quan trọng. Quang cảnh kỳ "
        "họp. Ảnh: Minh HảiTheo chương trình, kỳ họp diễn ra trong 3 ngày và xem xét 25 tờ trình."
    )
    body = body_of(page)
    assert "Ảnh: Minh Hải\n" in body + "\n" or "Minh Hải\nTheo" in body
    assert "Theo chương trình, kỳ họp diễn ra trong 3 ngày" in body


@pytest.mark.parametrize("page", ["", "\n\n", "Đăng nhập\nTin khác"])
def test_clean_empty_or_all_furniture_gives_empty_body(page: str) -> None:
    assert body_of(page).strip() == ""


def test_clean_keeps_a_later_paragraph_with_a_glued_date() -> None:
    text = normalize(
        "Hội nghị tổng kết công tác dân vận\n"
        "Sáng 3/6, Ban Dân vận huyện tổ chức hội nghị tổng kết công tác dân vận năm 2025 với sự "
        "tham dự của 120 đại biểu.\n"
        "Ông Lò Văn Pản phát biểu tại hội nghị.Trong năm, huyện đã vận động 300 hộ hiến đất làm "
        "đường giao thông nông thônChiều 3/6, đoàn đã đến thăm mô hình dân vận khéo ở xã Nậm Xe."
    )
    body = clean.clean(text, metadata.read(text))
    assert "vận động 300 hộ hiến đất" in body
