"""Stage 6: organizers — the lead's subject bodies, abbreviation expansion, and the seeds."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from vnevents.pipeline import extract
from vnevents.doc import Doc
from vnevents.record import Organizer, fold
from vnevents.stages.organizers import expand, find


def _orgs(body: str) -> list[Organizer]:
    lead = (0, body.find("\n") if "\n" in body else len(body))
    return find(Doc(body, lead=lead))


@pytest.mark.parametrize(
    ("body", "names"),
    [
        (
            "Sáng 4/3, Ban Chỉ đạo 35 huyện Tam Dương tổ chức hội nghị sơ kết.",
            ["Ban Chỉ đạo 35 huyện Tam Dương"],
        ),
        (
            "Ngày 9/9, UBND tỉnh Bình Phước đã long trọng tổ chức lễ kỷ niệm.",
            ["UBND tỉnh Bình Phước"],
        ),
        (
            "Chiều 2/5, tại Hà Nội, Sở Y tế, Hội Chữ thập đỏ tỉnh và Báo Nhân Dân phối hợp tổ chức "
            "chương trình.",
            ["Sở Y tế", "Hội Chữ thập đỏ tỉnh", "Báo Nhân Dân"],
        ),
        (
            "Ngày 1/6, Cục Thuế tỉnh phối hợp với UBND huyện Ba Vì tổ chức tập huấn.",
            ["Cục Thuế tỉnh", "UBND huyện Ba Vì"],
        ),
        ("Sáng 7/7, Đoàn công tác của Bộ Nội vụ đã làm việc với UBND tỉnh.", ["Bộ Nội vụ"]),
        (
            "Chiều 3/3, Ban Chỉ đạo phòng, chống dịch tỉnh Yên Bái họp khẩn.",
            ["Ban Chỉ đạo phòng, chống dịch tỉnh Yên Bái"],
        ),
        ("Ngày 5/5, Bộ Giáo dục và Đào tạo tổ chức hội thảo.", ["Bộ Giáo dục và Đào tạo"]),
    ],
)
def test_organizers_subject_of_the_lead(body: str, names: list[str]) -> None:
    assert [o.name for o in _orgs(body)] == names


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "Sáng 8/12, Ban Chỉ đạo 35 thị xã Sa Pa (Ban Chỉ đạo) tổ chức hội nghị.",
            "Ban Chỉ đạo 35 thị xã Sa Pa",
        ),
        (
            "Chiều 1/7, Ban Chỉ đạo 35 huyện Bảo Yên( viết tắt BCĐ 35 huyện) tổ chức hội nghị.",
            "Ban Chỉ đạo 35 huyện Bảo Yên",
        ),
        (
            "Sáng 3/2, Trung tâm Y tế huyện Đô Lương (Nghệ An) tổ chức lễ kỷ niệm.",
            "Trung tâm Y tế huyện Đô Lương",
        ),
    ],
)
def test_organizers_drop_trailing_parenthetical(body: str, name: str) -> None:
    orgs = _orgs(body)
    assert [o.name for o in orgs] == [name]
    assert body[orgs[0].span[0] : orgs[0].span[1]] == name


@pytest.mark.parametrize(
    ("name", "expanded"),
    [
        ("BCĐ 35 tỉnh Lào Cai", "Ban Chỉ đạo 35 tỉnh Lào Cai"),
        ("CA tỉnh Đồng Tháp", "Công an tỉnh Đồng Tháp"),
        ("Sở GD&ĐT tỉnh Quảng Trị", "Sở Giáo dục và Đào tạo tỉnh Quảng Trị"),
        ("UBND huyện Mường Tè", "Ủy ban nhân dân huyện Mường Tè"),
        ("Ủy ban MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc tỉnh"),
        ("Ban Chỉ đạo 35 tỉnh", None),
        ("Trường CAO đẳng Y tế", None),  # "CA" expands only as a whole token
    ],
)
def test_organizers_expand_abbreviations_at_token_boundaries(
    name: str, expanded: str | None
) -> None:
    assert expand(name) == expanded


@pytest.mark.parametrize(
    "body",
    [
        "Sáng 6/2, Thủ tướng Chính phủ chủ trì hội nghị trực tuyến.",
        "Ngày 3/3, Bộ trưởng Bộ Nội vụ Đỗ Văn Hòa đã làm việc tại tỉnh.",
        "Sáng 2/2, tại Hội trường tỉnh, đại biểu dự hội nghị tổng kết.",
    ],
)
def test_organizers_none_when_no_body_holds_the_event(body: str) -> None:
    assert _orgs(body) == []


def test_organizers_seeds_match_gold(shared: Path) -> None:
    """Every seed's organisers equal gold's (names folded; a mid-name parenthetical
    "(BCĐ)" may stay in the printed name). The ``shared`` fixture skips when
    ../shared is absent."""
    for line in (shared / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = (shared / "seeds" / gold["doc"]).read_text(encoding="utf-8")
        record = extract(text, doc=gold["doc"])
        got = {
            fold(o.expanded if o.expanded and "(" in o.name else o.name) for o in record.organizers
        }
        want = {fold(o["name"]) for o in gold["organizers"]}
        assert got == want, gold["doc"]


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("Sáng 4/3, Hội Nông dân tỉnh Yên Bái tổ chức hội thi.", ["Hội Nông dân tỉnh Yên Bái"]),
        (
            "Sáng 4/3, Hội nghị Ban Chấp hành được tổ chức.",
            [],
        ),  # "Hội nghị" is an event, not a body
        ("Ngày 5/5, Cục trưởng Trần Văn Bình tổ chức họp báo.", []),  # "Cục trưởng" is a title
        (
            "Ngày 6/6, Sở Tư pháp cùng với Hội Luật gia tỉnh tổ chức tọa đàm.",
            ["Sở Tư pháp", "Hội Luật gia tỉnh"],
        ),
    ],
)
def test_organizers_heads_from_the_word_list(body: str, names: list[str]) -> None:
    assert [o.name for o in _orgs(body)] == names


# Text shapes that made a regex or a look-back quadratic, each repeated to 100 kB in one lead.
# Calibration: every shape takes under 0.2 s of CPU here (two shared cores, loaded).
PATHOLOGICAL_KB = 100
PATHOLOGICAL_SECONDS = 3.0


@pytest.mark.parametrize(
    "unit",
    [
        "Đoàn công tác của Bộ Y tế ",  # a delegation whose end never comes
        "tổ chức ",  # verbs with no subject
        "phối hợp với Sở ",  # partners with no verb
        " ",  # one run of spaces
        "Đoàn công tác Bộ Y tế" + " " * 500,  # delegations followed by runs of spaces
        "Sở Y tế, ",  # a list that never ends
        "Ban Chỉ đạo (Ban Chỉ đạo) ",  # parentheticals
    ],
)
def test_organizers_linear_on_pathological_text(unit: str) -> None:
    body = unit * (PATHOLOGICAL_KB * 1000 // len(unit))
    start = time.process_time()
    find(Doc(body, lead=(0, len(body))))
    assert time.process_time() - start < PATHOLOGICAL_SECONDS
