"""Stage 8: figures — numerals, multipliers, qualifiers, ranges, ratios, units, non-figures."""

from __future__ import annotations

from typing import Any

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnevents.pipeline import extract
from vnevents.doc import Doc
from vnevents.record import Qualifier, fold
from vnevents.score import _unit_head, _value
from vnevents.stages import figures

CTX: dict[str, Any] = {}


def keys(text: str) -> set[tuple[float, str]]:
    """(value, first syllable of the unit): what the scorer compares."""
    found = figures.find(Doc(text, **CTX))
    return {(float(f.value), f.unit.split()[0].lower().rstrip(",")) for f in found}


def one(text: str) -> figures.Figure:
    found = figures.find(Doc(text, **CTX))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Huyện đã cấp 4.512 thẻ bảo hiểm y tế cho người dân.", 4512, "thẻ bảo hiểm y tế"),
        ("Toàn tỉnh có 1.204.330 nhân khẩu ở nông thôn.", 1204330, "nhân khẩu"),
        ("Diện tích rừng trồng mới đạt 72,5 ha trong năm.", 72.5, "ha"),
        ("Khu bảo tồn rộng 1.250,75ha nằm giáp biên giới.", 1250.75, "ha"),
        ("đoàn đã kiểm tra 08 cơ sở kinh doanh xăng dầu", 8, "cơ sở kinh doanh xăng dầu"),
    ],
)
def test_figures_thousands_and_decimal_marks(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Tổng vốn hỗ trợ là 2,5 tỷ đồng từ ngân sách tỉnh.", 2_500_000_000, "đồng"),
        ("thu ngân sách đạt 4.210 tỷ đồng, tăng so với cùng kỳ", 4_210_000_000_000, "đồng"),
        ("làm lợi gần 12,4 tỉ đồng cho doanh nghiệp", 12_400_000_000, "đồng"),
        ("mỗi suất quà trị giá 500 nghìn đồng", 500_000, "đồng"),
        ("hỗ trợ 300 ngàn đồng mỗi tháng", 300_000, "đồng"),
        ("kim ngạch xuất khẩu đạt 1,2 tỷ USD trong quý", 1_200_000_000, "USD"),
        ("khoảng 2,4 triệu lượt khách đến tham quan", 2_400_000, "lượt khách"),
        ("có gần 15 vạn đoàn viên công đoàn", 150_000, "đoàn viên công đoàn"),
        ("vốn đăng ký hơn 3 nghìn tỷ đồng", 3_000_000_000_000, "đồng"),
    ],
)
def test_figures_multipliers_fold_into_the_value(text: str, value: int, unit: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (value, unit)
    assert isinstance(f.value, int)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Xã có trên 300 hộ nghèo cần hỗ trợ.", Qualifier.TREN),
        ("thu hút hơn 1.000 người tham gia", Qualifier.HON),
        ("cấp gần 900 giấy chứng nhận", Qualifier.GAN),
        ("Khoảng 40 đoàn viên đã có mặt.", Qualifier.KHOANG),
        ("số ca mắc lên đến 120 trường hợp", Qualifier.DEN),
        ("tỷ lệ hộ nghèo giảm xuống dưới 3%", Qualifier.DUOI),
        ("Hội nghị có 85 đại biểu dự.", None),
        ("các vấn đề liên quan đến 2 lĩnh vực đất đai và khoáng sản", None),
    ],
)
def test_figures_qualifier_from_the_word_before(text: str, qualifier: Qualifier | None) -> None:
    assert one(text).qualifier is qualifier


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Bệnh viện mới có quy mô 300–500 giường bệnh.", 300, 500, "giường bệnh"),
        ("mỗi vụ nuôi thả từ 20.000 đến 30.000 con cá giống", 20_000, 30_000, "con cá giống"),
        ("doanh thu dự kiến 8 - 10 tỷ đồng mỗi năm", 8_000_000_000, 10_000_000_000, "đồng"),
        ("lãi suất giảm từ 1,5-2% so với đầu năm", 1.5, 2, "%"),
    ],
)
def test_figures_range_gives_two_the_second_den(
    text: str, low: float, high: float, unit: str
) -> None:
    found = figures.find(Doc(text, **CTX))
    assert [(f.value, f.unit, f.qualifier) for f in found] == [
        (low, unit, None),
        (high, unit, Qualifier.DEN),
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Đã có 95/112 xã đạt chuẩn nông thôn mới.", 95, "xã"),
        ("cấp được 6.800/9.100 giấy chứng nhận cho tổ chức", 6800, "giấy chứng nhận"),
        ("triển khai tại 40/63 tỉnh, thành phố", 40, "tỉnh, thành phố"),
    ],
)
def test_figures_ratio_gives_the_numerator(text: str, value: int, unit: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tốc độ tăng trưởng đạt 8,2%, cao hơn kế hoạch.", 8.2),
        ("tỷ lệ tiêm chủng đạt 100 % trong toàn huyện", 100),
        ("giải ngân được 67.5% kế hoạch vốn", 67.5),
    ],
)
def test_figures_percent(text: str, value: float) -> None:
    f = one(text)
    assert (f.value, f.unit) == (value, "%") or (f.value, f.unit) == (value, "phần trăm")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("tuyến đường dài 12km nối hai xã", 12, "km"),
        ("xây mới 2.400 m2 nhà lớp học", 2400, "m2"),
        ("thu gom 35 tấn rác thải mỗi ngày", 35, "tấn"),
        ("san lấp 4,2 triệu mét vuông mặt bằng", 4_200_000, "mét vuông"),
    ],
)
def test_figures_physical_measures_are_figures(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Đảng bộ có 31 chi bộ, tổng số đảng viên 1.247.", 1247, "đảng viên"),
        ("số hộ cần di dời khẩn cấp là 86.", 86, "hộ"),
    ],
)
def test_figures_noun_before_the_numeral(text: str, value: int, unit: str) -> None:
    assert (float(value), unit.split()[0]) in keys(text)
    f = next(f for f in figures.find(Doc(text, **CTX)) if f.value == value)
    assert f.unit == unit and fold(unit) in fold(text[f.span[0] : f.span[1]])


@pytest.mark.parametrize(
    "text",
    [
        # dates, years, times
        "Sáng 14/3, Huyện ủy tổ chức hội nghị.",
        "Ngày 22-9, đoàn công tác đến làm việc.",
        "ngày 5.10.2023 tại hội trường",
        "Kế hoạch năm 2024 đã được thông qua.",
        "Hội nghị bắt đầu lúc 14h30 tại trụ sở.",
        "đến 8 giờ sáng mai",
        "thời gian từ 1/1/2020 đến 31/12/2022",
        "dịp nghỉ lễ 30/4 và 1/5 sắp tới",
        # durations that name a period, durations and ages
        "kết quả 9 tháng đầu năm được đánh giá cao",
        "Lớp học kéo dài 3 ngày.",
        "cụ bà 102 tuổi vẫn minh mẫn",
        "Lễ kỷ niệm 70 năm thành lập ngành.",
        # numbers inside names and document numbers
        "Ban Chỉ đạo 138 huyện họp định kỳ.",
        "Lữ đoàn 146 tổ chức huấn luyện.",
        "thực hiện Nghị quyết 18 của Trung ương",
        "Trường Tiểu học số 3 khai giảng.",
        "theo Chỉ thị số 15-CT/TU của Tỉnh ủy",
        "Quyết định 1520/QĐ-UBND đã ban hành",
        "Chuyên đề 4 và 5 hướng dẫn thực hiện các nhiệm vụ",
        "làm việc với Quận 7 về quy hoạch",
        # ordinals
        "Đại hội lần thứ 5 của Hội Nông dân",
        "Hội nghị Trung ương 8 khóa XIII",
        # vague amounts and numbers in words
        "hàng chục nghìn người dân đã tham gia",
        "Gia đình có hai ngôi nhà bị sập.",
        # phone numbers, labels, map scales
        "Đường dây nóng 0912345678 luôn trực.",
        "khoanh vùng các trường hợp F1, F2 liên quan",
        "bản đồ tỷ lệ 1:50.000 được cập nhật",
        # slogans
        "phong trào “3 không” ở khu dân cư",
        "cuộc vận động 5 không 3 sạch",
        # award counts
        "UBND huyện tặng Giấy khen cho 12 tập thể, 20 cá nhân.",
        "9 tập thể và 14 cá nhân được nhận Bằng khen của tỉnh.",
        "biểu dương 50 đoàn viên xuất sắc",
    ],
)
def test_figures_not_figures(text: str) -> None:
    assert figures.find(Doc(text, **CTX)) == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("chia sẻ 145 bài viết, thu hút 9.203 lượt xem", "bài viết"),
        ("phát sóng 82 tin bài, phóng sự; đăng tải thêm", "tin bài, phóng sự"),
        ("lãnh đạo 12 tỉnh Tây Nguyên cùng dự", "tỉnh"),
        ("Cục vừa có thêm 2 Phó Cục trưởng.", "Phó Cục trưởng"),
        ("hỗ trợ 1,5 tỷ đồng đóng mới 3 tàu cá", "đồng"),
    ],
)
def test_figures_unit_ends_at_verb_preposition_or_name(text: str, unit: str) -> None:
    assert figures.find(Doc(text, **CTX))[0].unit == unit


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        (
            "thu nhập bình quân đạt 45,2 triệu đồng/người/năm, tăng khá",
            45_200_000,
            "đồng/người/năm",
        ),
        ("năng suất lúa vụ mùa ước đạt 58,4 tạ/ha.", 58.4, "tạ/ha"),
        ("lãi suất cho vay ưu đãi 6,5%/năm trong ba năm", 6.5, "%/năm"),
        ("giá lợn hơi chỉ còn 42.000 đồng/kg ở nhiều nơi", 42_000, "đồng/kg"),
        ("giá bán điện bình quân 9,5 cent/kWh", 9.5, "cent/kWh"),
        ("mật độ dân số của huyện là 320 người/km2.", 320, "người/km2"),
        ("xe chạy với tốc độ tối đa 80km/h trên tuyến", 80, "km/h"),
    ],
)
def test_figures_rate_unit_kept_whole(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert (f.value, f.unit) == (value, unit)
    assert f.unit in text[f.span[0] : f.span[1]]


def test_figures_rate_range_gives_two() -> None:
    found = figures.find(Doc("lãi suất cho vay phổ biến 7-9%/năm với khách hàng", **CTX))
    assert [(f.value, f.unit, f.qualifier) for f in found] == [
        (7, "%/năm", None),
        (9, "%/năm", Qualifier.DEN),
    ]


def test_figures_symbol_tail_is_no_rate() -> None:
    assert all(
        "/" not in f.unit for f in figures.find(Doc("Sở đã ban hành 3 QĐ/UBND trong tháng.", **CTX))
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mục tiêu tăng trưởng GDP 6,8% trong năm tới", {(6.8, "%")}),
        ("sản lượng tăng ở Hà Giang 120 tấn, Cao Bằng 95 tấn.", {(120, "tấn"), (95, "tấn")}),
        ("bề rộng nền đường 9m, mặt đường 7m", {(9, "m"), (7, "m")}),
        ("Bộ bố trí cho thành phố 2.150 tỷ đồng vốn đối ứng", {(2_150_000_000_000, "đồng")}),
    ],
)
def test_figures_name_before_a_measure_is_a_figure(
    text: str, expected: set[tuple[float, str]]
) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ban Chỉ đạo 35 tỉnh họp định kỳ.",
        "Tư lệnh Quân khu 7 đồng chủ trì hội nghị.",
        "lộ trình đến năm 2025 và 2030 đ.ể triển khai",
    ],
)
def test_figures_name_before_no_measure_stays_a_name(text: str) -> None:
    assert figures.find(Doc(text, **CTX)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trường là 1 trong 5 trường đạt chuẩn của huyện.", {(1, "trường")}),
        ("huyện có 31 trong số 66 trường học đạt chuẩn quốc gia", {(31, "trường")}),
    ],
)
def test_figures_one_of_many_is_the_part(text: str, expected: set[tuple[float, str]]) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ban tổ chức trao 3 giải Nhất, 5 giải Nhì cho các đội.", set()),
        ("Bộ trao 4 Kỷ niệm chương cho cán bộ ngành.", set()),
        ("Hội nghị đề xuất 7 giải pháp trọng tâm.", {(7, "giải")}),
    ],
)
def test_figures_award_counts_are_not_figures(text: str, expected: set[tuple[float, str]]) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dự thảo luật gồm 8 chương, 72 điều, quy định về quản lý.", {(8, "chương"), (72, "điều")}),
        ("Đơn vị thực hiện tốt 5 điều Bác Hồ dạy.", set()),
        ("Hồ sơ phải đáp ứng 3 điều kiện bắt buộc.", {(3, "điều")}),
        ("Đoàn viên đóng góp 2.500 ngày công làm đường.", {(2500, "ngày")}),
        ("Đợt tập huấn kéo dài 5 ngày.", set()),
    ],
)
def test_figures_counted_noun_read_whole(text: str, expected: set[tuple[float, str]]) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("bệnh viện quy mô 600 giường, đưa vào sử dụng năm sau", "giường"),
        ("đã cấp 12 trang thiết bị y tế cho trạm", "trang thiết bị y tế"),
        ("cần bổ sung 7 tồn tại, hạn chế đã nêu", "tồn tại, hạn chế"),
    ],
)
def test_figures_unit_stops_at_the_next_clause(text: str, unit: str) -> None:
    assert one(text).unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "số vụ tai nạn tăng so với cùng kỳ [3]. Các địa phương cần lưu ý.",
        "Ảnh: Minh Anh Trong 10 n / ăm qua, trung tâm đã nghiên cứu.",
    ],
)
def test_figures_footnotes_and_broken_words_are_not_figures(text: str) -> None:
    assert figures.find(Doc(text, **CTX)) == []


# A generous bound, not a benchmark: the slowest input below takes about 1 s of CPU at 100 kB
# on a loaded 2-core machine.
PATHOLOGICAL_SECONDS = 3.0


@pytest.mark.parametrize(
    "unit",
    [
        "1, 2, 3, ",  # numerals listed after numerals
        "1 trong 5 bệnh viện, ",
        "3 tỷ đồng/người/năm ",
        "GDP 6,7% ",
        "7 giải A, ",
        "5 tỉnh, thành phố, ",
        "đồng/đồng/",
        "[9] ",
    ],
)
def test_figures_pathological_input_is_linear(unit: str) -> None:
    figures.find(Doc("Huyện có 5 xã và 3,5 tỷ đồng.", **CTX))  # the lexicon first
    body = (unit * (100_000 // len(unit) + 1))[:100_000]
    started = time.process_time()
    figures.find(Doc(body, **CTX))
    assert time.process_time() - started < PATHOLOGICAL_SECONDS


# Digits, numeral marks and unit letters, mixed with any character.
_NUMERALISH = st.sampled_from(list("0123456789.,/-–:% hnđkmtỷ")) | st.characters()


@given(st.text(alphabet=_NUMERALISH, max_size=300))
@settings(max_examples=300, deadline=None)
def test_figures_never_raises_and_spans_hold_the_unit(text: str) -> None:
    for f in figures.find(Doc(text, **CTX)):
        start, end = f.span
        assert 0 <= start < end <= len(text)
        assert fold(f.unit.split()[0]) in fold(text[start:end])


def _gold(path: Path) -> dict[str, set[tuple[float | None, str]]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out[rec["doc"]] = {(_value(f["value"]), _unit_head(f["unit"])) for f in rec["figures"]}
    return out


# Per-set floors for figures F1; calibrated at 1.00 (seeds) and 0.98 (dev) with
# some room for other stages' span changes. Do not lower them silently.
FLOORS = {"seeds": 0.95, "dev": 0.90}


@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_figures_golden_f1(shared: Path, name: str) -> None:
    texts = shared / "seeds" if name == "seeds" else shared / "gold" / "dev"
    gold = _gold(shared / "gold" / f"{name}.jsonl")
    tp = fp = fn = 0
    for doc, want in gold.items():
        record = extract((texts / doc).read_text(encoding="utf-8"), doc=doc)
        got = {(_value(f.value), _unit_head(f.unit)) for f in record.figures}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    assert f1 >= FLOORS[name], (tp, fp, fn)
