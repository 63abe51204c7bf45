"""Role cues for the people stage: the verbs and lead-ins around a name that tell
whether its bearer chairs, leads a delegation, speaks or is the event's subject.

Patterns only, and the object-of-a-verb test; ``people`` decides which mention
they apply to and merges roles by precedence.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

# The first cue right after a person's titles gives the role (ordered as written).
AFTER_CUE = re.compile(
    r"(?P<chu_tri>(?<![\w])(?:đồng )?chủ trì(?![\w]))"  # e.g. "… chủ trì hội nghị"
    r"|(?P<truong_doan>(?<![\w])(?:làm [Tt]rưởng đoàn|dẫn đầu)(?![\w]))"  # e.g. "… làm trưởng đoàn"
    r"|(?P<phat_bieu>(?<![\w])(?:phát biểu|kết luận|(?<!có )báo cáo|cho biết|cho hay|nhấn mạnh|khẳng định"
    r"|đề nghị|yêu cầu|chỉ đạo|thông báo|thông tin|cho rằng|nêu rõ|chỉ rõ|chỉ ra|đánh giá|ghi nhận"
    r"|chia sẻ|bày tỏ|mong muốn|lưu ý|nói|khuyến cáo|nhận định|đề xuất|kiến nghị|trình bày|quán triệt"
    r"|phân tích|trả lời|tin tưởng|nêu(?: lên| ra)?(?! gương)|giải trình|nhắc lại|căn dặn|dặn dò|truyền đạt|phát động|khai mạc"
    r"|bế mạc|thừa nhận|biết)(?![\w]))"  # e.g. "… cho biết"
)
# A visit or inspection right after the name (and titles): its subject leads the visit.
VISIT_AFTER = re.compile(
    r"\s*(?:đã |trực tiếp |cùng đoàn(?: công tác)? )*"
    r"(?:(?:đến|về|đi) (?:thăm|kiểm tra|làm việc|khảo sát|giám sát)"  # e.g. "… đã đến kiểm tra", "… về thăm"
    r"|thăm và làm việc|thăm, làm việc|kiểm tra|khảo sát|thị sát)(?![\w])")  # e.g. "… kiểm tra công tác"
# Another subject takes over the clause: "…; đại diện các sở …", "… và các đại biểu …".
SUBJECT_SWITCH = re.compile(r"(?:,|\s và|\s cùng)\s+(?:các|đại diện|lãnh đạo|nhiều|đông đảo|những)\s")
BEFORE_PHAT_BIEU = re.compile(
    r"^\s*(?:(?:Phát biểu|Kết luận|Chia sẻ|Trả lời|Giải trình|Nhấn mạnh|Đánh giá|Báo cáo)\b[^;]*,"
    r"|Theo)\s*$")
BEFORE_CHU_TRI = re.compile(r"(?:(?:dưới|với) sự (?:đồng )?chủ trì của[^.;]{0,80}?|^\s*(?:Đồng )?[Cc]hủ trì\b[^;]*?(?:có|là|:))\s*$")
BEFORE_TRUONG_DOAN = re.compile(
    r"(?:[Tt]rưởng đoàn(?: công tác)?\s*(?:là|:)?"  # e.g. "Trưởng đoàn là đồng chí …"
    r"|dưới sự dẫn đầu của"  # e.g. "… dưới sự dẫn đầu của ông …"
    r"|[Đđ]oàn(?: công tác| kiểm tra| giám sát| khảo sát)?(?: của [^.;,]{0,60})? do)\s*$")  # e.g. "Đoàn công tác của Bộ do"
# The family of a person named right after it is the event's subject: "trao nhà cho gia đình ông …".
FAMILY_BEFORE = re.compile(r"(?<![\w])(?:gia đình|hộ)\s*$")

# Verbs whose object is the event's subject: "bổ nhiệm ông …", "trao … cho em …",
# "Tân Cục trưởng …", "thăm gia đình bà …" (checked with the gap to the name).
OBJECT_CUE = re.compile(
    r"(?<![\w])(?:bổ nhiệm|điều động|luân chuyển|giới thiệu|(?<!bầu )(?<!ứng )cử(?! tri)|bầu|"
    r"(?<!lễ )khen thưởng|(?<!lễ )tuyên dương|vinh danh|tôn vinh|tặng quà|thăm hỏi|đồng ý để|cho thôi|"
    r"bổ sung|công nhận|phong tặng|truy tặng|kết nạp|cho|[Tt]ân|thăm|trao quà)(?![\w])")
GIVE = re.compile(r"(?<![\w])(?:trao|tặng)(?![\w])")
# How far a cue may stand from the name: "Tân" and "thăm" right before it (after "nữ",
# "gia đình"), the others up to OBJECT_GAP_CHARS.
OBJECT_GAP_CHARS = 50
LONGEST_OBJECT_CUE = 12  # "khen thưởng", "phong tặng": how far a cue reaching the gap may start before it
NEAR_ONLY = {"tân": ("", "nữ"), "thăm": ("", "gia đình"), "trao quà": ("", "gia đình")}
OTHER_GAP_BLOCK = re.compile(r"(?<![\w])(?:có|dự|tham dự|của)(?![\w])")
AFTER_PASSIVE = re.compile(
    r"^\s*\(?[^.;]{0,25}?(?:được|nhận quyết định)\s+(?:[^.;]{0,30}?\s)?(?:bổ nhiệm|bầu|giới thiệu|cử|"
    r"chỉ định|tặng|trao|nhận|khen thưởng|công nhận|phong tặng|truy tặng|tuyên dương|vinh danh|biểu dương|"
    r"điều động|phân công)(?![\w])")
# The host side of a visit, and its report: "Làm việc với đoàn có đồng chí …", "Theo báo cáo, …".
HOST_LIST = re.compile(r"(?:[Ll]àm việc|[Tt]iếp|[Đđ]ón)(?: và làm việc)? với [Đđ]oàn(?: công tác)? có\s*$")
UNATTRIBUTED_REPORT = re.compile(r"(?:^|\n|\. )Theo báo cáo,")
LIST_INTRO = re.compile(r"(?<![\w])gồm(?![\w])")
# Matched against the lower-cased title and lead (faster than re.IGNORECASE on Vietnamese).
DOC_COMMENDATION = re.compile(
    r"biểu dương|tuyên dương|khen thưởng|tôn vinh|vinh danh|trao thưởng|trao giải|điển hình")
DOC_APPOINTMENT = re.compile(
    r"bổ nhiệm|công bố (?:các )?quyết định|trao quyết định|công tác cán bộ|điều động|hiệp thương|nhân sự")


def object_of_cue(body: str, lo: int, hi: int) -> bool:
    """Is the name at ``hi`` the object of a verb like "bổ nhiệm", "trao … cho", "Tân"?"""
    cue = None
    # only a cue ending within OBJECT_GAP_CHARS of the name can count: scan just that stretch
    for cue in OBJECT_CUE.finditer(body, max(lo, hi - OBJECT_GAP_CHARS - LONGEST_OBJECT_CUE), hi):
        pass
    if cue is None:
        return False
    gap = body[cue.end():hi]
    word = cue.group(0).lower()
    if word in NEAR_ONLY:
        return gap.strip() in NEAR_ONLY[word]
    if word == "cho" and not GIVE.search(body, max(lo, cue.start() - 70), cue.start()):
        return False
    return len(gap) <= OBJECT_GAP_CHARS and not any(c in gap for c in ".;") and not OTHER_GAP_BLOCK.search(gap)
