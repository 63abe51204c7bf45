"""Stage 9: documents — symbols, kinds, dates, number and name citations, non-documents."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from vnevents.pipeline import extract
from vnevents.doc import Doc
from vnevents.record import fold
from vnevents.stages import documents

CTX: dict[str, Any] = {}


def keys(text: str) -> set[tuple[str | None, str | None, str | None]]:
    return {(d.kind, d.symbol, d.name) for d in documents.find(Doc(text, **CTX))}


@pytest.mark.parametrize(
    ("text", "kind", "symbol"),
    [
        (
            "Huyện ủy quán triệt Chỉ thị số 12-CT/HU của Ban Thường vụ Huyện ủy.",
            "Chỉ thị",
            "12-CT/HU",
        ),
        ("Thực hiện Nghị quyết 21-NQ/TW về công tác dân số.", "Nghị quyết", "21-NQ/TW"),
        ("triển khai Quy định 102-QĐ/TW về xử lý kỷ luật đảng viên", "Quy định", "102-QĐ/TW"),
        ("theo Quyết định số 1520/QĐ-UBND của UBND huyện", "Quyết định", "1520/QĐ-UBND"),
        ("áp dụng Nghị định 100/2019/NĐ-CP về xử phạt", "Nghị định", "100/2019/NĐ-CP"),
        ("thực hiện Thông tư số 32/2020/TT-BGDĐT của Bộ", "Thông tư", "32/2020/TT-BGDĐT"),
        ("xây dựng Kế hoạch số 88/KH-UBND ngày 5/3/2023", "Kế hoạch", "88/KH-UBND"),
        ("theo Chương trình số 07-CTr/TU của Tỉnh ủy", "Chương trình", "07-CTr/TU"),
    ],
)
def test_documents_symbol_and_kind_word(text: str, kind: str, symbol: str) -> None:
    assert (kind, symbol, None) in keys(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Các đơn vị đã quán triệt 15-NQ/TW đến toàn thể đảng viên.", "Nghị quyết"),
        ("căn cứ 45-HD/BTGTW và 12-KL/TW", "Hướng dẫn"),
        ("Đề án được duyệt theo 118/2021/NĐ-CP.", "Nghị định"),
        ("Đại biểu nhắc lại 72-QĐ/TW của Bộ Chính trị.", "Quy định"),
        ("thi hành số 24/2018/QH14 từ năm 2019", "Luật"),
    ],
)
def test_documents_kind_from_code(text: str, kind: str) -> None:
    kinds = {d.kind for d in documents.find(Doc(text, **CTX)) if d.symbol}
    assert kind in kinds


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("theo Chỉ thị số 05-CT/TU ngày 12/3/2021 của Tỉnh ủy", "2021-03-12"),
        ("Quy định số 11-QĐ/TW, ngày 18/2/2019 của Bộ Chính trị", "2019-02-18"),
        ("Kết luận số 21-KL/TW ngày 25.10.2021 về chỉnh đốn Đảng", "2021-10-25"),
        ("Quyết định số 77/QĐ-TTg ngày 3 tháng 2 năm 2020 của Thủ tướng", "2020-02-03"),
        ("Sáng nay, ngày 14-7, Ban Bí thư đã có văn bản số 512 gửi các tỉnh ủy.", "--07-14"),
        ("Nghị quyết 09-NQ/TU của Tỉnh ủy về phát triển nông nghiệp", None),
    ],
)
def test_documents_date(text: str, date: str | None) -> None:
    assert [d.date for d in documents.find(Doc(text, **CTX))] == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Nghị quyết 21 của Bộ Chính trị. Nghị quyết 21-NQ/TW đề ra mục tiêu dân số.",
        "Nghị quyết số 21-NQ/TW nêu rõ nhiệm vụ; các cấp ủy học tập Nghị quyết số 21 nghiêm túc.",
    ],
)
def test_documents_number_only_is_the_symbol_printed_elsewhere(text: str) -> None:
    assert keys(text) == {("Nghị quyết", "21-NQ/TW", None)}


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("gắn với thực hiện Chỉ thị 03 của Bộ Chính trị về học tập", "Chỉ thị", "03"),
        ("theo Quyết định 17 của Thủ tướng Chính phủ", "Quyết định", "17"),
        ("Bộ Chính trị đã có văn bản số 2215 về công tác cán bộ", "Văn bản", "2215"),
        ("bằng thông báo số 318, Ban Bí thư chỉ định", "Thông báo", "318"),
    ],
)
def test_documents_number_only_without_symbol(text: str, kind: str, name: str) -> None:
    assert keys(text) == {(kind, None, name)}


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        (
            "tuyên truyền, phổ biến Luật Phòng, chống ma túy cho thanh niên.",
            "Luật",
            "Phòng, chống ma túy",
        ),
        ("Cán bộ cần tuân thủ Luật an ninh mạng; tăng cường quản lý.", "Luật", "An ninh mạng"),
        (
            "sơ kết thi hành Luật Hỗ trợ doanh nghiệp nhỏ và vừa đã mang lại kết quả",
            "Luật",
            "Hỗ trợ doanh nghiệp nhỏ và vừa",
        ),
        (
            "học tập Nghị quyết Trung ương 6 (khóa XII) về y tế",
            "Nghị quyết",
            "Trung ương 6 (khóa XII)",
        ),
        (
            "thực hiện Nghị quyết Trung ương 8, khóa XIII về bảo vệ Tổ quốc",
            "Nghị quyết",
            "Trung ương 8, khóa XIII",
        ),
        (
            "đưa Nghị quyết Đại hội Đảng bộ huyện lần thứ XXV vào cuộc sống",
            "Nghị quyết",
            "Đại hội Đảng bộ huyện lần thứ XXV",
        ),
        (
            "nội dung Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII và các chỉ thị",
            "Văn kiện",
            "Đại hội đại biểu toàn quốc lần thứ XIII",
        ),
        (
            "Hai bên ký Nghị quyết liên tịch phối hợp tuyên truyền, vận động hội viên.",
            "Nghị quyết liên tịch",
            "phối hợp tuyên truyền, vận động hội viên",
        ),
    ],
)
def test_documents_cited_by_name(text: str, kind: str, name: str) -> None:
    assert (kind, None, name) in keys(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "gắn với Chỉ thị 07, 12 của Ban Thường vụ Tỉnh ủy về công tác dân vận",
            {("Chỉ thị", None, "07"), ("Chỉ thị", None, "12")},
        ),
        (
            "thực hiện Nghị quyết số 04 và 09 của Chính phủ về cải cách",
            {("Nghị quyết", None, "04"), ("Nghị quyết", None, "09")},
        ),
        (
            "sau khi ban hành Nghị quyết 26, 3 năm qua tỉnh đã đạt nhiều kết quả",
            {("Nghị quyết", None, "26")},
        ),
    ],
)
def test_documents_list_of_numbers_after_one_kind(
    text: str, expected: set[tuple[str, None, str]]
) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("Hội nghị sơ kết thực hiện Quy chế 215 về phối hợp giữa hai lực lượng", "Quy chế", "215"),
        ("sơ kết 3 năm thực hiện Kế hoạch 46 của Bộ Chính trị về vùng Tây Bắc", "Kế hoạch", "46"),
        ("tiếp tục thực hiện nghị quyết 18 của Ban Chấp hành Trung ương", "Nghị quyết", "18"),
        ("triển khai Đề án 17 của Chính phủ về dữ liệu dân cư", "Đề án", "17"),
        ("Việc thực hiện Nghị định 81/2019 quy định về an toàn thực phẩm", "Nghị định", "81/2019"),
    ],
)
def test_documents_number_cited_with_issuer_or_year(text: str, kind: str, name: str) -> None:
    assert keys(text) == {(kind, None, name)}


def test_documents_number_with_year_is_the_symbol_printed_elsewhere() -> None:
    text = (
        "Theo Nghị định 81/2019, các cơ sở phải đăng ký. Nghị định 81/2019/NĐ-CP có hiệu lực từ "
        "tháng 6."
    )
    assert keys(text) == {("Nghị định", "81/2019/NĐ-CP", None)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Theo luật Bảo hiểm xã hội (Điều 12), người lao động được hưởng chế độ.",
            {("Luật", None, "Bảo hiểm xã hội")},
        ),
        (
            "cán bộ tuyên truyền Luật Phòng chống ma túy tới các thôn",
            {("Luật", None, "Phòng chống ma túy")},
        ),
        (
            "Quốc hội thông qua Luật Quản lý, sử dụng tài sản công và Luật Thủy lợi.",
            {("Luật", None, "Quản lý, sử dụng tài sản công"), ("Luật", None, "Thủy lợi")},
        ),
        (
            "học tập Nghị quyết đại hội đại biểu lần VII của Đảng bộ huyện",
            {("Nghị quyết", None, "đại hội đại biểu lần VII")},
        ),
    ],
)
def test_documents_known_law_names_and_congresses(
    text: str, expected: set[tuple[str, None, str]]
) -> None:
    assert keys(text) == expected


def test_documents_alias_in_parenthesis_is_the_same_document() -> None:
    text = (
        "Hội nghị sơ kết Pháp lệnh dân số, kế hoạch hóa (gọi tắt là Pháp lệnh Dân số). "
        "Cần sửa đổi Pháp lệnh Dân số cho phù hợp."
    )
    assert keys(text) == {("Pháp lệnh", None, "dân số, kế hoạch hóa")}


@pytest.mark.parametrize(
    "text",
    [
        "Việc học tập các chỉ thị, nghị quyết của Đảng được thực hiện nghiêm túc.",
        "xây dựng kế hoạch thực hiện nghị quyết đại hội đảng bộ các cấp",
        "Đoàn công bố Quyết định giám sát đối với Ban Thường vụ Đảng ủy.",
        "Ban Chỉ đạo 35 họp với Luật sư Nguyễn Văn A tại Trường Đại học Luật Hà Nội.",
        "Sở xây dựng Dự thảo Kế hoạch kiểm tra năm 2023 và Chương trình 'Xuân yêu thương'.",
        "tổ chức trình diễn lúc 20/11/2022 tại số 15/3A đường Trần Phú",
        "Luật pháp nghiêm minh; vi phạm pháp luật bị xử lý theo quy định.",
        "Luật quy định rõ trách nhiệm của chủ đầu tư; Luật đi vào cuộc sống nhanh chóng.",
        "Đảng viên vi phạm kỷ luật Đảng, vi phạm pháp luật Đất đai bị xử lý nghiêm.",
        "Tỉnh ban hành Kế hoạch 2024 của UBND tỉnh và chương trình 5 năm của ngành.",
        "Phóng viên báo Pháp Luật TP.HCM đã có mặt tại hiện trường.",
    ],
)
def test_documents_not_documents(text: str) -> None:
    assert documents.find(Doc(text, **CTX)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cán bộ phải thi hành Hiến pháp năm 2013 nghiêm túc.", {("Hiến pháp", None, "năm 2013")}),
        ("so với Hiến pháp 1992, dự thảo có nhiều điểm mới", {("Hiến pháp", None, "năm 1992")}),
        ("Đảng viên chấp hành Điều lệ Đảng và quy định của chi bộ.", {("Điều lệ", None, "Đảng")}),
        ("Mọi người sống và làm việc theo Hiến pháp và pháp luật.", set()),
        ("Đại hội thông qua Điều lệ Hội Nông dân sửa đổi.", set()),
    ],
)
def test_documents_constitution_and_party_statute(
    text: str, expected: set[tuple[str, None, str]]
) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "huyện triển khai Chương trình 135 (giai đoạn 3) ở các xã",
            {("Chương trình", None, "135")},
        ),
        (
            "cho vay vốn theo chương trình 120, đồng thời hỗ trợ đào tạo",
            {("Chương trình", None, "120")},
        ),
        ("tiếp tục thực hiện Đề án 06 về dữ liệu dân cư", {("Đề án", None, "06")}),
        ("phê duyệt Nghị định thư 3 về vận tải qua biên giới", {("Nghị định thư", None, "3")}),
        ("Xã xây dựng chương trình 5 năm phát triển du lịch.", set()),
    ],
)
def test_documents_programmes_and_protocols_by_number(
    text: str, expected: set[tuple[str, None, str]]
) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("nhưng Nghị định 45 lại cho phép tồn tại công trình", "45"),
        ("sau 3 năm triển khai, Nghị định 67 tổng số tàu được đóng mới tăng", "67"),
    ],
)
def test_documents_capitalised_kind_and_bare_number(text: str, name: str) -> None:
    assert keys(text) == {("Nghị định", None, name)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Quốc hội thảo luận về dự án Luật Đường bộ và dự thảo Luật Thủy lợi (sửa đổi).",
            {("Luật", None, "Đường bộ"), ("Luật", None, "Thủy lợi")},
        ),
        (
            "nghe Tờ trình dự án Luật Giáo dục quốc phòng-an ninh.Sau đó, Quốc hội biểu quyết",
            {("Luật", None, "Giáo dục quốc phòng-an ninh")},
        ),
        (
            "chỉnh lý dự án Luật Quản lý, sử dụng, vũ khí, vật liệu nổ và công cụ hỗ trợ.",
            {("Luật", None, "Quản lý, sử dụng, vũ khí, vật liệu nổ và công cụ hỗ trợ")},
        ),
    ],
)
def test_documents_bill_is_cited_as_the_law(
    text: str, expected: set[tuple[str, None, str]]
) -> None:
    assert keys(text) == expected


def test_documents_run_of_numbers_shares_the_symbol() -> None:
    text = "UBND tỉnh ban hành các Quyết định số 1201, 1202 và 1205/QĐ-UBND về nhân sự."
    assert {d.symbol for d in documents.find(Doc(text, **CTX))} == {
        "1201/QĐ-UBND",
        "1202/QĐ-UBND",
        "1205/QĐ-UBND",
    }


def test_documents_symbol_with_leading_zero_is_one_document() -> None:
    text = (
        "Thực hiện Kế hoạch số 07-KH/TU của Tỉnh ủy, các chi bộ học tập. "
        "Theo Kế hoạch số 7-KH/TU ngày 3/5/2022, việc sơ kết xong trong quý."
    )
    (doc,) = documents.find(Doc(text, **CTX))
    assert (doc.symbol, doc.date) == ("07-KH/TU", "2022-05-03")


@pytest.mark.parametrize(
    "text",
    [
        "Theo Báo cáo số 120/BC-UBND ngày 4/3/2023 của UBND huyện, kết quả khả quan.",
        "Sở trình Tờ trình số 45/TTr-SNV về việc sắp xếp tổ chức.",
    ],
)
def test_documents_reports_and_submissions_are_not_documents(text: str) -> None:
    assert documents.find(Doc(text, **CTX)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Luật Hợp tác xã năm 2012 mở đường; Luật HTX quy định rõ quyền của thành viên.",
            {("Luật", None, "Hợp tác xã")},
        ),
        (
            "sửa Luật Thuế thu nhập cá nhân; Luật Thuế TNCN hiện hành còn bất cập",
            {("Luật", None, "Thuế thu nhập cá nhân")},
        ),
        (
            "đề nghị sửa đổi Luật Giáo dục, Luật Giáo dục đại học cho đồng bộ",
            {("Luật", None, "Giáo dục"), ("Luật", None, "Giáo dục đại học")},
        ),
    ],
)
def test_documents_law_abbreviation_and_distinct_laws(
    text: str, expected: set[tuple[str, None, str]]
) -> None:
    assert keys(text) == expected


def test_documents_law_named_with_its_symbol_is_one_document() -> None:
    text = (
        "Quốc hội thông qua Luật sửa đổi, bổ sung một số điều của Bộ luật Hình sự số "
        "100/2015/QH13. Việc áp dụng Bộ luật Hình sự năm 2015 được hướng dẫn riêng."
    )
    assert keys(text) == {("Bộ luật", "100/2015/QH13", "Hình sự")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Quốc hội biểu quyết thông qua Nghị quyết về chất vấn và trả lời chất vấn; "
            "Nghị quyết về việc thành lập Đoàn giám sát chuyên đề năm 2024.",
            {
                ("Nghị quyết", None, "chất vấn và trả lời chất vấn"),
                ("Nghị quyết", None, "thành lập Đoàn giám sát chuyên đề năm 2024"),
            },
        ),
        (
            "Quốc hội thảo luận dự thảo Nghị quyết về thí điểm cơ chế đặc thù “phát triển đô thị, "
            "nông thôn” của thành phố; dự án Luật Đường bộ.",
            {
                (
                    "Nghị quyết",
                    None,
                    "thí điểm cơ chế đặc thù “phát triển đô thị, nông thôn” của thành phố",
                ),
                ("Luật", None, "Đường bộ"),
            },
        ),
        (
            "Chính phủ đã ban hành Nghị định về quản lý chất thải rắn, cần triển khai ngay.",
            {("Nghị định", None, "quản lý chất thải rắn")},
        ),
        ("HĐND tỉnh thông qua Nghị quyết về phát triển du lịch cộng đồng.", set()),
        (
            "Các bộ khẩn trương hoàn thiện để ban hành các Nghị định như: Nghị định về hỗ trợ liên "
            "kết.",
            set(),
        ),
    ],
)
def test_documents_national_resolution_cited_by_title(
    text: str, expected: set[tuple[str, None, str]]
) -> None:
    assert keys(text) == expected


def test_documents_plenum_name_without_inner_spaces() -> None:
    assert keys("quán triệt Nghị quyết Trung ương 4 ( khóa XII ) trong toàn Đảng bộ") == {
        ("Nghị quyết", None, "Trung ương 4 (khóa XII)")
    }


def test_documents_span_prints_the_symbol() -> None:
    text = "Kế hoạch nêu rõ thực hiện Chỉ thị số 05 - CT/TW và Chỉ thị 05-CT/TW của Bộ Chính trị."
    (doc,) = documents.find(Doc(text, **CTX))
    assert doc.symbol == "05-CT/TW"
    assert doc.symbol in text[doc.span[0] : doc.span[1]]


# A generous bound, not a benchmark: the slowest input below takes about 1 s of CPU at 100 kB
# on a loaded 2-core machine; a quadratic merge took 6 s on "Hiến pháp 2013 ".
PATHOLOGICAL_SECONDS = 3.0


@pytest.mark.parametrize(
    "unit",
    [
        "Hiến pháp 2013 ",  # thousands of one named document
        "Điều lệ Đảng ",
        "Luật HTX ",  # a law's initials again and again
        "12/QĐ-UBND ",  # symbols with no kind word
        "Nghị quyết Trung ương 4 (khóa XII), ",
        "Quốc hội thông qua Nghị quyết về việc thành lập đoàn ",  # titles that never stop
        "Nghị quyết về a “b, c",  # a quote that never closes
        "Quyết định số 1201, ",
        "1/2/3/4/",
    ],
)
def test_documents_pathological_input_is_linear(unit: str) -> None:
    documents.find(Doc("Luật Đất đai, Hiến pháp 2013, Chỉ thị 05-CT/TW.", **CTX))  # lexicons first
    body = (unit * (100_000 // len(unit) + 1))[:100_000]
    started = time.process_time()
    documents.find(Doc(body, **CTX))
    assert time.process_time() - started < PATHOLOGICAL_SECONDS


def _doc_key(d: dict[str, object]) -> str:
    return (
        fold(str(d["symbol"])) if d["symbol"] else f"{fold(str(d['kind']))}|{fold(str(d['name']))}"
    )


def test_documents_golden_seeds_and_dev(gold_cases: list[tuple[Path, dict[str, Any]]]) -> None:
    tp = fp = fn = 0
    for text_path, gold in gold_cases:
        record = extract(text_path.read_text(encoding="utf-8"), doc=text_path.name)
        got = {
            _doc_key({"symbol": d.symbol, "kind": d.kind, "name": d.name}) for d in record.documents
        }
        want = {_doc_key(d) for d in gold["documents"]}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    assert tp / max(1, tp + fp) >= 0.9 and tp / max(1, tp + fn) >= 0.9, (tp, fp, fn)
