"""Stage 7: people — names, titles, roles, merging, not-people, and the seeds' people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vnevents.pipeline import extract
from vnevents.doc import Doc
from vnevents.record import Event, EventType, Person, Role, fold
from vnevents.stages.people import find


def _people(body: str, title: str | None = None) -> list[Person]:
    lead = (0, body.find("\n") if "\n" in body else len(body))
    return find(Doc(body, title=title, lead=lead))


def _by_name(body: str, title: str | None = None) -> dict[str, Person]:
    return {p.name: p for p in _people(body, title)}


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Dự hội nghị có đồng chí Lê Minh Khôi, thành viên Ban Chỉ đạo.", "Lê Minh Khôi"),
        ("Tham dự có ông Hoàng Văn Tư và đại diện các sở, ngành.", "Hoàng Văn Tư"),
        ("Tới dự buổi lễ có bà Trịnh Thị Lan.", "Trịnh Thị Lan"),
        ("Thượng tá Giàng A Páo trao quà cho bà con.", "Giàng A Páo"),
        ("PGS.TS Đặng Quốc Việt trình bày tham luận.", "Đặng Quốc Việt"),
        ("Tiến sĩ, Bác sĩ Chuyên khoa II Phan Thị Mỹ đọc báo cáo.", "Phan Thị Mỹ"),
        ("Về phía tỉnh có các đồng chí: Lò Văn Púa, Phó Chủ tịch UBND tỉnh.", "Lò Văn Púa"),
        ("Ông Vũ Đình Toàn cho biết kế hoạch đã hoàn thành.", "Vũ Đình Toàn"),
    ],
)
def test_people_name_after_form_of_address(body: str, name: str) -> None:
    assert name in _by_name(body)


@pytest.mark.parametrize(
    ("body", "name", "titles"),
    [
        ("Phó Chủ tịch UBND tỉnh Ngô Thị Hạnh phát biểu.", "Ngô Thị Hạnh", ("Phó Chủ tịch UBND tỉnh",)),
        ("Dự có Trần Quốc Bảo, Giám đốc Sở Y tế.", "Trần Quốc Bảo", ("Giám đốc Sở Y tế",)),
        ("Ông Bùi Văn Nam - Phó Giám đốc Sở Nội vụ - cho biết như vậy.", "Bùi Văn Nam",
         ("Phó Giám đốc Sở Nội vụ",)),
        ("Chủ tịch UBND thành phố Hà Nội Đinh Công Sơn chủ trì.", "Đinh Công Sơn",
         ("Chủ tịch UBND thành phố Hà Nội",)),
        ("Đại tá Lương Văn Hòa (Phó Giám đốc Công an tỉnh) nhận quyết định.", "Lương Văn Hòa",
         ("Phó Giám đốc Công an tỉnh",)),
        ("Bộ trưởng Bộ Tài nguyên và Môi trường Hà Văn Khánh dự.", "Hà Văn Khánh",
         ("Bộ trưởng Bộ Tài nguyên và Môi trường",)),
    ],
)
def test_people_title_before_or_after_name(body: str, name: str, titles: tuple[str, ...]) -> None:
    assert _by_name(body)[name].titles == titles


@pytest.mark.parametrize(
    ("body", "titles"),
    [
        ("Đồng chí Mai Văn Lực, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy, "
         "Chủ tịch Ủy ban MTTQ tỉnh chủ trì.",
         ("Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy", "Chủ tịch Ủy ban MTTQ tỉnh")),
        ("Ông Mai Văn Lực, Phó Bí thư kiêm Chủ nhiệm Ủy ban Kiểm tra Đảng ủy phát biểu.",
         ("Phó Bí thư", "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy")),
        ("Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo phòng, chống thiên tai tỉnh Mai Văn Lực dự.",
         ("Phó Chủ tịch UBND tỉnh", "Trưởng Ban Chỉ đạo phòng, chống thiên tai tỉnh")),
        ("Đồng chí Mai Văn Lực, UVBTV, Trưởng Ban Tổ chức Huyện ủy dự.",
         ("UVBTV", "Trưởng Ban Tổ chức Huyện ủy")),
    ],
)
def test_people_titles_split_at_commas_and_kiem(body: str, titles: tuple[str, ...]) -> None:
    assert _by_name(body)["Mai Văn Lực"].titles == titles


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        ("Sáng 3/4, Sở Nội vụ tổ chức hội nghị. Đồng chí Lý Văn Sáng, Giám đốc Sở chủ trì hội nghị.",
         "Lý Văn Sáng", Role.CHU_TRI),
        ("Hội nghị diễn ra dưới sự chủ trì của đồng chí Lý Văn Sáng, Bí thư Huyện ủy.",
         "Lý Văn Sáng", Role.CHU_TRI),
        ("Đoàn kiểm tra của tỉnh do đồng chí Lý Văn Sáng, Phó Chủ tịch UBND tỉnh làm trưởng đoàn.",
         "Lý Văn Sáng", Role.TRUONG_DOAN),
        ("Đoàn công tác do Thứ trưởng Lý Văn Sáng dẫn đầu đã làm việc với tỉnh.",
         "Lý Văn Sáng", Role.TRUONG_DOAN),
        ("Phát biểu kết luận, đồng chí Lý Văn Sáng ghi nhận kết quả đạt được.",
         "Lý Văn Sáng", Role.PHAT_BIEU),
        ("Theo ông Lý Văn Sáng, Giám đốc Sở Xây dựng, tiến độ đã được bảo đảm.",
         "Lý Văn Sáng", Role.PHAT_BIEU),
        ("Giám đốc Sở Y tế Lý Văn Sáng nhấn mạnh yêu cầu phòng dịch.", "Lý Văn Sáng", Role.PHAT_BIEU),
        ("Dự hội nghị có đồng chí Lý Văn Sáng, Phó Chủ tịch HĐND tỉnh.", "Lý Văn Sáng", Role.DU),
        ("Chủ tịch UBND huyện Lý Văn Sáng trao Bằng khen cho các tập thể.", "Lý Văn Sáng", Role.DU),
        ("Tỉnh ủy đã trao quyết định bổ nhiệm ông Lý Văn Sáng giữ chức Giám đốc Sở.",
         "Lý Văn Sáng", Role.OTHER),
        ("Đồng chí Lý Văn Sáng được bổ nhiệm giữ chức Phó Giám đốc Sở Tư pháp.", "Lý Văn Sáng", Role.OTHER),
        ("Lãnh đạo huyện đã thăm, tặng quà em Lý Văn Sáng, học sinh lớp 5.", "Lý Văn Sáng", Role.OTHER),
    ],
)
def test_people_roles(body: str, name: str, role: Role) -> None:
    assert _by_name(body)[name].role == role


@pytest.mark.parametrize(
    ("body", "roles"),
    [
        # precedence: chu_tri > truong_doan > phat_bieu > other > du
        ("Dự có đồng chí Tạ Văn Hùng, Phó Bí thư Tỉnh ủy. Phát biểu kết luận, đồng chí Tạ Văn Hùng "
         "đề nghị các cấp tiếp tục nỗ lực. Đồng chí Tạ Văn Hùng chủ trì phiên họp.", Role.CHU_TRI),
        # "A và B đã chủ trì": the verb after B applies to A too
        ("Thủ tướng Cù Văn Hòa và Phó Thủ tướng Tạ Văn Hùng đã chủ trì hội nghị.", Role.CHU_TRI),
    ],
)
def test_people_role_precedence_and_coordination(body: str, roles: Role) -> None:
    assert all(p.role == roles for p in _people(body))


@pytest.mark.parametrize(
    "body",
    [
        "Phó Chủ tịch UBND tỉnh Âu Văn Đức dự. Sau đó, ông Âu Văn Đức thăm các gian hàng. "
        "Ông Đức cho biết tỉnh sẽ hỗ trợ doanh nghiệp.",
        "Giám đốc Sở Công Thương Âu Văn Đức báo cáo tình hình. Theo ông Đức, sản lượng tăng.",
    ],
)
def test_people_repeated_and_short_mentions_merge(body: str) -> None:
    people = _people(body)
    assert [p.name for p in people] == ["Âu Văn Đức"]
    assert people[0].role == Role.PHAT_BIEU
    assert body[people[0].span[0]:people[0].span[1]] == "Âu Văn Đức"
    assert people[0].span[0] == body.find("Âu Văn Đức")


@pytest.mark.parametrize(
    "body",
    [
        "Các trường đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Lễ diễu hành đi qua đường Nguyễn Huệ và Trường THPT Nguyễn Huệ.",
        "Nhà giáo được trao Giải thưởng Võ Trường Toản năm nay.",
        "Ban Chỉ đạo 35 quận Ngô Quyền và quận Lê Chân tổng kết công tác năm.",
        "Trưởng Công an quận Ngô Quyền báo cáo tại hội nghị.",
        "Chương trình được tổ chức tại TP Hồ Chí Minh và tỉnh Hà Nam.",
        "Hội nghị bầu Đoàn Chủ tịch gồm 7 đồng chí.",
        "Toàn cảnh hội nghị. Ảnh: Trần Minh Tuấn",
        "Giám đốc công ty TNHH Bàn Tay Vàng dự.",
    ],
)
def test_people_not_people(body: str) -> None:
    assert _people(body) == []


@pytest.mark.parametrize(
    ("event_type", "role"),
    [(EventType.KIEM_TRA, Role.PHAT_BIEU), (EventType.HOP, Role.DU)],
)
def test_people_host_presents_the_unattributed_report(event_type: EventType, role: Role) -> None:
    body = ("Sáng 2/3, đoàn kiểm tra của tỉnh làm việc tại huyện.\n"
            "Làm việc với đoàn có đồng chí Tăng Văn Kiên, Bí thư Huyện ủy.\n"
            "Theo báo cáo, huyện có 20 tổ chức cơ sở đảng.")
    people = find(Doc(body, lead=(0, body.find("\n")), event=Event(type=event_type)))
    assert [(p.name, p.role) for p in people] == [("Tăng Văn Kiên", role)]


def test_people_spans_hold_names() -> None:
    body = "Chiều 2/5, đồng chí Nông Thị Hà, Bí thư Huyện ủy chủ trì. Ông Triệu Văn Lâm phát biểu."
    for p in _people(body):
        assert p.name in body[p.span[0]:p.span[1]]


def test_people_seeds_match_gold(shared: Path) -> None:
    """Per seed, names and (name, role) pairs equal gold's. The ``shared`` fixture
    skips when ../shared is absent."""
    for line in (shared / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = (shared / "seeds" / gold["doc"]).read_text(encoding="utf-8")
        record = extract(text, doc=gold["doc"])
        got = {fold(p.name): p.role.value for p in record.people}
        want = {fold(p["name"]): p["role"] for p in gold["people"]}
        assert got == want, gold["doc"]


@pytest.mark.parametrize(
    ("body", "name", "titles"),
    [
        # a title containing a stop word ("ký", "dự") before a name, with no form of address
        ("Tổng thư ký Quốc hội Hà Đức Thịnh cho biết kỳ họp kéo dài 12 ngày.", "Hà Đức Thịnh",
         ("Tổng thư ký Quốc hội",)),
        ("Dự có ông Kiều Văn Lộc, Phó Tổng Thư ký Hội Nông dân tỉnh.", "Kiều Văn Lộc",
         ("Phó Tổng Thư ký Hội Nông dân tỉnh",)),
        ("Ủy viên dự khuyết Trung ương Đảng Kiều Văn Lộc phát biểu.", "Kiều Văn Lộc",
         ("Ủy viên dự khuyết Trung ương Đảng",)),
        # a title after a lead-in word of the clause
        ("Theo Thứ trưởng Bộ Công Thương Kiều Văn Lộc, sản lượng tăng 5%.", "Kiều Văn Lộc",
         ("Thứ trưởng Bộ Công Thương",)),
        ("Quốc hội đã nghe Chủ nhiệm Ủy ban Kinh tế Kiều Văn Lộc trình bày báo cáo.", "Kiều Văn Lộc",
         ("Chủ nhiệm Ủy ban Kinh tế",)),
        # "thành phố" before a name is no street ("phố")
        ("Sáng 3/5, Phó Chủ tịch UBND thành phố Kiều Văn Lộc dự lễ.", "Kiều Văn Lộc",
         ("Phó Chủ tịch UBND thành phố",)),
    ],
)
def test_people_title_before_name_without_address(body: str, name: str, titles: tuple[str, ...]) -> None:
    assert _by_name(body)[name].titles == titles


@pytest.mark.parametrize(
    ("body", "name", "titles"),
    [
        ("Dự hội thảo có bà Helena Marquez, Trưởng Đại diện Quỹ Nhi đồng tại Việt Nam.",
         "Helena Marquez", ("Trưởng Đại diện Quỹ Nhi đồng",)),  # "tại" ends a title
        ("Ông Pieter Dijkstra, Giám đốc Quốc gia của tổ chức, đánh giá cao dự án.",
         "Pieter Dijkstra", ("Giám đốc Quốc gia của tổ chức",)),
        ("Điều này được bà Anna J. Kowalski, Quyền trưởng đại diện Quỹ Dân số khẳng định.",
         "Anna J. Kowalski", ("Quyền trưởng đại diện Quỹ Dân số",)),
        ("Ngài Marco Bellini, Đại sứ Italy, dự lễ.", "Marco Bellini", ("Đại sứ Italy",)),
    ],
)
def test_people_foreign_name_after_address_with_title(body: str, name: str, titles: tuple[str, ...]) -> None:
    person = _by_name(body)[name]
    assert person.titles == titles
    assert body[person.span[0]:person.span[1]] == name


@pytest.mark.parametrize(
    "body",
    [
        "Ông Marco Bellini cho biết sẽ quay lại.",  # no title: a foreign name needs one
        "Đoàn đến tỉnh Bà Rịa - Vũng Tàu, Giám đốc Sở tiếp đoàn.",
        "Sau khi Marco Bellini, Giám đốc Sở dự lễ, đoàn về.",  # no form of address
    ],
)
def test_people_foreign_name_needs_address_and_title(body: str) -> None:
    assert _people(body) == []


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        # leading a visit or inspection, even without "đoàn", and even when he also speaks
        ("Sáng 2/5, Bộ trưởng Bộ Y tế Mạc Văn Quang đã đến kiểm tra công tác phòng dịch tại tỉnh. "
         "Phát biểu tại buổi làm việc, Bộ trưởng Mạc Văn Quang yêu cầu tỉnh khoanh vùng ổ dịch.",
         "Mạc Văn Quang", Role.TRUONG_DOAN),
        ("Ngày 9/3, Tổng Bí thư Mạc Văn Quang đã về thăm, làm việc với Ban Thường vụ Tỉnh ủy. "
         "Tổng Bí thư Mạc Văn Quang nhấn mạnh vai trò của tỉnh.", "Mạc Văn Quang", Role.TRUONG_DOAN),
        ("Phó Chủ tịch UBND tỉnh Mạc Văn Quang (đội mũ) kiểm tra khu cách ly.", "Mạc Văn Quang",
         Role.TRUONG_DOAN),
        ("Đoàn công tác của Bộ Tài chính do ông Mạc Văn Quang, Thứ trưởng, dẫn đầu. "
         "Ông Mạc Văn Quang đề nghị tỉnh đẩy nhanh giải ngân.", "Mạc Văn Quang", Role.TRUONG_DOAN),
        ("Đoàn giám sát do Phó Chủ tịch HĐND tỉnh Mạc Văn Quang làm việc với huyện.", "Mạc Văn Quang",
         Role.TRUONG_DOAN),
        # the host who only receives the delegation is no delegation head
        ("Đoàn công tác làm việc với huyện. Tiếp đoàn có ông Mạc Văn Quang, Bí thư Huyện ủy.",
         "Mạc Văn Quang", Role.DU),
    ],
)
def test_people_delegation_head(body: str, name: str, role: Role) -> None:
    assert _by_name(body)[name].role == role


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        # the family receiving support is the event's subject
        ("Dịp này, huyện đã trao nhà đại đoàn kết cho gia đình ông Lục Văn Khai ở thôn Nà Pản.",
         "Lục Văn Khai", Role.OTHER),
        ("Ngôi nhà của gia đình bà Lục Thị Mến được xây dựng trong 2 tháng.", "Lục Thị Mến", Role.OTHER),
        ("Tuyên dương gia đình văn hóa tiêu biểu đối với hộ ông Lục Văn Khai.", "Lục Văn Khai", Role.OTHER),
        # speaking verbs
        ("Ông Lục Văn Khai, Chủ tịch UBND huyện cũng đã nêu lên những khó khăn của địa phương.",
         "Lục Văn Khai", Role.PHAT_BIEU),
        # named inside someone else's words: only mentioned
        ("Ông Tạ Văn Bền nói: “Phó Thủ tướng Lục Văn Khai đã yêu cầu làm rõ vụ việc.”",
         "Lục Văn Khai", Role.DU),
        # listed among those attending
        ("Dự hội nghị có bà Lục Thị Mến, Phó Chủ tịch HĐND tỉnh; ông Lục Văn Khai, Giám đốc Sở Tài chính.",
         "Lục Văn Khai", Role.DU),
        # a passive clause: the later "thông báo" is not the person speaking
        ("Ông Lục Văn Khai (trái) được Ban Thường vụ cử giữ chức Bí thư, theo thông báo của Tỉnh ủy.",
         "Lục Văn Khai", Role.OTHER),
    ],
)
def test_people_roles_subject_attendee_speaker(body: str, name: str, role: Role) -> None:
    assert _by_name(body)[name].role == role


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Sinh thời, Chủ tịch Hồ Chí Minh luôn căn dặn cán bộ phải gần dân.", "Hồ Chí Minh"),
        ("Quê hương đồng chí Trường Chinh đổi thay từng ngày.", "Trường Chinh"),
        ("Tổ chức này do lãnh tụ Nguyễn Ái Quốc sáng lập.", "Nguyễn Ái Quốc"),
        ("Ông cho rằng tiêu biểu là Tổng Bí thư Trường Chinh.", "Trường Chinh"),
    ],
)
def test_people_historic_figure_after_title_or_address(body: str, name: str) -> None:
    assert _by_name(body)[name].role == Role.DU


@pytest.mark.parametrize(
    "body",
    [
        "Tỉnh tổ chức kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh.",
        "Đoàn dâng hoa tại tượng đài Tổng Bí thư Trường Chinh ở trung tâm huyện.",
        "Hội nghị học tập và làm theo tư tưởng, đạo đức, phong cách Chủ tịch Hồ Chí Minh.",
        "Đoàn viếng Lăng Chủ tịch Hồ Chí Minh.",
        "Tỉnh kỷ niệm 120 năm ngày sinh đồng chí Trường Chinh.",
        # foreign places and lunar years open with a family-name syllable
        "Thủ tướng Thái Lan Somchai Wong cho biết sẽ sang thăm.",
        "Dịp Tết Đinh Dậu, ngành tổ chức nhiều hoạt động.",
        "Theo bác sĩ Trưởng Khoa Tiết Niệu Bệnh viện tỉnh, ca mổ thành công.",
    ],
)
def test_people_not_people_historic_foreign(body: str) -> None:
    assert _people(body) == []


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        ("Năm 1930, cuộc biểu tình do Lục Văn Khánh lãnh đạo đã nổ ra.", "Lục Văn Khánh", Role.DU),
        ("Tại buổi gặp mặt, Đàm Thị Ngân cho biết em sẽ cố gắng hơn nữa.", "Đàm Thị Ngân", Role.PHAT_BIEU),
    ],
)
def test_people_bare_name_as_agent_or_speaker(body: str, name: str, role: Role) -> None:
    assert _by_name(body)[name].role == role


@pytest.mark.parametrize(
    "body",
    [
        "Báo An Ninh Thủ Đô cho biết sự việc xảy ra hôm qua.",  # the name must open the run
        "Hà Thành cho biết sẽ mở rộng.",  # two syllables are too few for a bare name
    ],
)
def test_people_bare_name_needs_three_syllables_opening_the_run(body: str) -> None:
    assert _people(body) == []


def test_people_stage_names_after_artist_titles() -> None:
    body = ("Đêm nhạc có sự góp mặt của các nghệ sĩ như Lam Trường, NSƯT Thu Hà và Hòa Minh, "
            "cặp song ca Bảo Châu- Kim Yến.")
    names = set(_by_name(body))
    assert {"Lam Trường", "Thu Hà", "Hòa Minh"} <= names
    assert all(p.role == Role.DU for p in _people(body))


@pytest.mark.parametrize(
    "body",
    ["Nhiều ca sĩ Việt Nam tham gia biểu diễn.", "Các diễn viên Nhà hát Chèo biểu diễn phục vụ."],
)
def test_people_artist_title_before_a_body_is_no_stage_name(body: str) -> None:
    assert _people(body) == []


def test_people_romanised_name_after_hyphen() -> None:
    body = "Ông Kim Soo-hyun, Bộ trưởng Thương mại, dự hội nghị."
    person = _by_name(body)["Kim Soo-hyun"]
    assert body[person.span[0]:person.span[1]] == "Kim Soo-hyun"
