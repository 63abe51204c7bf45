"""Stage 2: page metadata (title, publication date, byline, URL)."""

from __future__ import annotations

import pytest

from vnevents.stages.metadata import byline_name, is_headline, parse_published, read


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Thứ 5, 08.12.2022 | 16:03:01", "2022-12-08T16:03:01"),
        ("Thứ Ba, 27/12/2022 18:05", "2022-12-27T18:05"),
        ("Print Thứ Ba, 27/12/2022 18:05 Gốc", "2022-12-27T18:05"),
        ("08/12/2022 16:03", "2022-12-08T16:03"),
        ("31/05/13 08:06 GMT+7", "2013-05-31T08:06"),
        ("Cập nhật: 05/03/2024", "2024-03-05"),
        ("Không có ngày tháng nào", None),
    ],
)
def test_metadata_parses_published_forms(line: str, expected: str | None) -> None:
    assert parse_published(line) == expected


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("Huyện Mường Khương tổng kết công tác dân vận năm 2023", True),
        ("Hà Giang: Đẩy mạnh chuyển đổi số trong cải cách hành chính", True),
        ("Sáng 5/3, UBND huyện tổ chức hội nghị tổng kết.", False),
        ("Chiều 12/4, Sở Y tế làm việc với huyện Tam Đảo", False),
        ("Ông A phát biểu tại hội nghị (Ảnh: Minh Anh)", False),
        ("Đang online: 21", False),
    ],
)
def test_metadata_headline_shape(line: str, ok: bool) -> None:
    assert is_headline(line) is ok


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("MINH ANH/baohagiang.vn", "MINH ANH"),
        ("Lan Hương (Trung tâm Văn hóa huyện)", "Lan Hương"),
        ("Quốc Việt", "Quốc Việt"),
        ("Theo Báo Nhân Dân", None),
        ("Các đại biểu dự hội nghị", None),
    ],
)
def test_metadata_byline_lines(line: str, name: str | None) -> None:
    assert byline_name(line) == name


PAGE = """Huyện Bảo Yên sơ kết công tác tuyên giáo 6 tháng đầu năm 2024

Thứ Hai, 15/07/2024 | 10:20:05
312 lượt xem

Sáng 15/7, Ban Tuyên giáo Huyện ủy Bảo Yên tổ chức hội nghị sơ kết công tác tuyên giáo \
6 tháng đầu năm 2024, triển khai nhiệm vụ 6 tháng cuối năm.

Hội nghị đánh giá nhiều kết quả tích cực trong công tác nắm bắt dư luận xã hội trên địa bàn \
huyện trong thời gian qua.

HỒNG NHUNG/laocai.example.vn

https://laocai.example.vn/tin-tuc/so-ket-tuyen-giao.html
Tin khác
 • Hội nghị tập huấn nghiệp vụ (01/07/2024)
"""


def test_metadata_reads_a_page() -> None:
    meta = read(PAGE)
    assert meta.title == "Huyện Bảo Yên sơ kết công tác tuyên giáo 6 tháng đầu năm 2024"
    assert meta.published == "2024-07-15T10:20:05"
    assert meta.author == "HỒNG NHUNG"
    assert meta.url == "https://laocai.example.vn/tin-tuc/so-ket-tuyen-giao.html"
    assert meta.site == "laocai.example.vn"


def test_metadata_qr_code_line_gives_the_title() -> None:
    page = (
        "Print Thứ Tư, 03/01/2024 09:15 Gốc\n\nChiều 2/1, Thành ủy tổ chức hội nghị.\n\nQR CODE: "
        "Thành ủy triển khai nhiệm vụ năm 2024\n"
    )
    assert read(page).title == "Thành ủy triển khai nhiệm vụ năm 2024"


def test_metadata_no_title_when_page_opens_with_the_lead() -> None:
    page = (
        "Ngày 4/5, UBND xã Tân Lập tổ chức lễ ra quân.\nHơn 200 đoàn viên tham gia dọn vệ sinh môi "
        "trường."
    )
    assert read(page).title is None


def test_metadata_byline_glued_to_last_sentence() -> None:
    page = (
        "Tiêu đề bài viết về hội nghị tổng kết\nNgày 3/4, hội nghị diễn ra tại trụ sở UBND huyện "
        "với sự tham dự của nhiều đại biểu.Thu Trang\n03/04/13 10:00 GMT+7\nXã hội\nHội nghị,Tổng "
        "kết\nBáo Mới"
    )
    meta = read(page)
    assert meta.author == "Thu Trang"
    assert meta.published == "2013-04-03T10:00"
