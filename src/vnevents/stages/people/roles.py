"""Roles for the people stage: the verbs and lead-ins around a name that tell
whether its bearer chairs, leads a delegation, speaks or is the event's subject,
and ``assign_roles``, which applies them to a document's mentions.

It finds no names (``people`` does) and does not merge a person's mentions.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right

from vnevents.doc import Doc
from vnevents.record import EventType, Role
from vnevents.stages.people.mentions import LIST_GAP, Mention, Scan, last_end

log = logging.getLogger(__name__)

# Longest stretch after a name's titles searched for the verb that gives its
# role; 150 chars covers "…, Phó Trưởng Ban …, thù địch của tỉnh chỉ đạo và chủ trì"
# in the seeds without reaching into the next sentence's subject.
ROLE_WINDOW_CHARS = 150
# An object cue ("trao … cho", "bổ nhiệm") counts only this close before a name.
OBJECT_CUE_CHARS = 160
# A passive cue ("… được bổ nhiệm") counts only this close after the titles.
PASSIVE_WINDOW_CHARS = 45
# Which role wins when one person collects several.
PRECEDENCE = {Role.CHU_TRI: 5, Role.TRUONG_DOAN: 4, Role.PHAT_BIEU: 3, Role.OTHER: 2, Role.DU: 1}
# Between coordinated names sharing a verb: "A và B đã chủ trì".
_COORD_GAP = re.compile(r"\s*(?:,|và|cùng|cùng với)\s*")

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
# After a name printed bare (no title, no form of address): the verbs that make it a person.
BARE_SPEAKER_AFTER = re.compile(
    r"\s*,?\s*(?:đã\s+|cũng\s+)?(?:cho biết|cho hay|phát biểu|nhấn mạnh|khẳng định|chia sẻ|bày tỏ)(?![\w])")
AGENT_AFTER = re.compile(r"\s+(?:lãnh đạo|dẫn đầu|chủ trì|chỉ huy|làm trưởng đoàn)(?![\w])")  # after "do"
# Lower-cased words before a historic figure's title or form of address that make the name part of
# an anniversary, movement, document or place name, not a person mentioned.
COMMEMORATIVE = re.compile(
    r"(?<![\w])(?:ngày sinh|năm sinh|sinh nhật|ngày mất|ngày giỗ|di chúc|tư tưởng|đạo đức|phong cách"  # e.g. "ngày sinh đồng chí …"
    r"|tấm gương|lời dạy|theo gương|làm theo|(?<!bí )thư|lăng|tượng đài|tượng|nhà lưu niệm|khu lưu niệm"  # e.g. "tượng đài Tổng Bí thư …"
    r"|di tích|tưởng niệm|bảo tàng|đền thờ|giải thưởng|mang tên|trường|đường|quảng trường|chuyên đề"
    r"|kỷ niệm(?:\s+\d+\s+năm)?)"  # e.g. "kỷ niệm 110 năm nguyên Tổng Bí thư …"
    r"(?:\s+(?:của|về))?\s*[,:]?\s*$")
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


def _host_reports(scan: Scan, doc: Doc, mentions: list[Mention]) -> None:
    """At a working or inspection visit, an unattributed "Theo báo cáo, …" is the
    host's report: the first person named as receiving the delegation
    ("Làm việc với đoàn có đồng chí …") presented it."""
    if (doc.event.type not in (EventType.KIEM_TRA, EventType.LAM_VIEC) or "Theo báo cáo," not in scan.body
            or not UNATTRIBUTED_REPORT.search(scan.body)):
        return
    for m in mentions:
        if HOST_LIST.search(scan.body, max(0, m.chain_start - 80), m.chain_start):
            m.roles.add(Role.PHAT_BIEU)
            return


def _speech_roles(m: Mention, window: str, prefix: str) -> None:
    """Roles from the verbs after a mention's titles and the lead-in before it."""
    switch = SUBJECT_SWITCH.search(window)
    cue = AFTER_CUE.search(window, 0, switch.start() if switch else len(window))
    while cue:  # "chỉ đạo và chủ trì": cues joined by "và" all count
        m.roles.add(Role(cue.lastgroup or "du"))
        joined = _AND.match(window, cue.end())
        cue = AFTER_CUE.match(window, joined.end()) if joined else None
    if VISIT_AFTER.match(window):
        m.roles.add(Role.TRUONG_DOAN)
    if BEFORE_PHAT_BIEU.search(prefix):
        m.roles.add(Role.PHAT_BIEU)
    if ("oàn" in prefix or "dẫn đầu" in prefix) and BEFORE_TRUONG_DOAN.search(prefix):  # cheap test first
        m.roles.add(Role.TRUONG_DOAN)


_AND = re.compile(r"\s+và\s+")
_ASIDE = re.compile(r"\s*\([^()]{0,150}\)")


def assign_roles(scan: Scan, doc: Doc, mentions: list[Mention]) -> None:
    """Add to each mention the roles its cues give (a mention may collect several)."""
    body = scan.body
    headline = ((doc.title or "") + " " + body[doc.lead[0]:doc.lead[1]]).lower()
    commendation = bool(DOC_COMMENDATION.search(headline))
    appointment = bool(DOC_APPOINTMENT.search(headline))
    n = len(mentions)
    inherited: set[Role] = set()
    for k, m in enumerate(mentions):
        nxt = mentions[k + 1].chain_start if k + 1 < n else len(body)
        sent_lo = last_end(scan.sentences, max(0, m.chain_start - 400), m.chain_start)
        clause_lo = last_end(scan.clauses, sent_lo, m.chain_start)
        prev_end = mentions[k - 1].chain_end if k else 0
        prefix = body[max(clause_lo, prev_end):m.chain_start]
        aside = _ASIDE.match(body, m.chain_end)  # "A (áo xanh) kiểm tra": the verb is past the brackets
        w_start = aside.end() if aside else m.chain_end
        k_end = bisect_right(scan.clauses, w_start)
        clause_end = scan.clauses[k_end] if k_end < len(scan.clauses) else len(body)
        hi = min(nxt, clause_end - 1, w_start + ROLE_WINDOW_CHARS)
        window = body[w_start:max(hi, w_start)]
        passive = AFTER_PASSIVE.match(window[:PASSIVE_WINDOW_CHARS + 40]) is not None
        quoted = scan.quoted(m.start)  # "…, Phó Thủ tướng A đã yêu cầu …" inside B's words: A is only mentioned
        if not quoted:
            _speech_roles(m, "" if passive else window, prefix)  # "A được cử …": A does not speak
        lead_in: set[Role] = set()
        if not quoted and "hủ trì" in prefix and BEFORE_CHU_TRI.search(prefix):
            lead_in.add(Role.CHU_TRI)
        if ("gia đình" in prefix or "hộ" in prefix) and "artist" not in m.kinds and FAMILY_BEFORE.search(prefix):
            lead_in.add(Role.OTHER)
        if object_of_cue(body, max(sent_lo, prev_end, m.chain_start - OBJECT_CUE_CHARS), m.chain_start):
            lead_in.add(Role.OTHER)
        if not lead_in and k and LIST_GAP.fullmatch(body, prev_end, m.chain_start):
            lead_in = inherited  # "bổ nhiệm ông A và ông B", "chủ trì của …: A, B"
        inherited = lead_in
        m.roles |= lead_in
        if passive:
            m.roles.add(Role.OTHER)
        if appointment and LIST_INTRO.search(body, sent_lo, m.chain_start):
            m.roles.add(Role.OTHER)
        if any(t.lower().startswith("trưởng đoàn") for t in m.titles):
            m.roles.add(Role.TRUONG_DOAN)  # "…, Trưởng đoàn công tác"
        if "young" in m.kinds or (commendation and "commoner" in m.kinds):
            m.roles.add(Role.OTHER)  # pupils, workers, residents: the event's subjects
    _host_reports(scan, doc, mentions)
    # "A và B đã chủ trì": a verb after the last of coordinated names applies to all.
    for k in range(n - 2, -1, -1):
        a, b = mentions[k], mentions[k + 1]
        if b.roles & {Role.CHU_TRI, Role.PHAT_BIEU} and _COORD_GAP.fullmatch(body, a.chain_end, b.chain_start):
            a.roles |= b.roles & {Role.CHU_TRI, Role.PHAT_BIEU}
