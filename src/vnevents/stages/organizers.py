"""Stage 6: the bodies that hold the event, read from the lead paragraph.

The subject of "tổ chức" / "phối hợp tổ chức" / "khai mạc" / "họp" in the lead,
or the body a visiting delegation comes from ("Đoàn công tác của Bộ …"), with
its abbreviations spelled out (``data/abbreviations.tsv``). It does not find
people or places.
"""

from __future__ import annotations

import logging
import re
from functools import cache

from vnevents.data import load_tsv
from vnevents.doc import Doc
from vnevents.record import Organizer, Span

log = logging.getLogger(__name__)

# A body's name runs at most this many characters (the longest in the seeds and dev,
# a steering committee named with its whole remit and city, is 120).
MAX_NAME_CHARS = 200

# Words that open the name of a body (capitalised, as printed).
_ORG_HEAD = (
    r"(?:Ban Chỉ đạo|Ban chỉ đạo|BCĐ|Ban Quản lý|BQL|Ban|Ủy ban nhân dân|Ủy ban|UBND|UBMTTQ|UB|HĐND|"  # e.g. Ban Chỉ đạo 35
    r"Mặt trận|MTTQ|Tổng cục|Chi cục|Cục|Sở|Bộ Chỉ huy|Bộ Tư lệnh|Bộ|Vụ|Học viện|Viện Kiểm sát|Viện|"
    r"Trường|Đại học|Bệnh viện|Trung tâm|Trung ương Hội|Trung ương Đoàn|Hội đồng|Hiệp hội|Hội(?! nghị| thảo| thi| diễn| chợ| trường)|"
    r"Liên hiệp|Liên đoàn|LĐLĐ|Công đoàn|CĐ|Tỉnh [Đđ]oàn|Thành [Đđ]oàn|Huyện [Đđ]oàn|Đảng ủy|Đảng bộ|"
    r"Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Văn phòng|Thanh tra|Công an|CA|Cảnh sát|Quân khu|"
    r"Quân đoàn|Sư đoàn|Lữ đoàn|Trung đoàn|Bộ đội|Báo|Đài|Tạp chí|Tập đoàn|Tổng công ty|Công ty|"
    r"Ngân hàng|Kho bạc|Tòa án|TAND|VKSND|Kiểm toán|Câu lạc bộ|CLB|Quỹ|Nhà xuất bản|Thông tấn xã|"
    r"Bảo hiểm xã hội|BHXH|Chính phủ|Hợp tác xã)(?![\w])(?! trưởng| phó| viên)"  # not "Bộ trưởng"
)
_HEAD_AT = re.compile(_ORG_HEAD)
# The verb the body is the subject of, with what may stand before it.
_VERB = re.compile(
    r"\s+(?:(?:đã|vừa|sẽ|đang|cũng)\s+)*(?:(?:long trọng|trọng thể|trang trọng|chính thức)\s+)?"
    r"(?:phối hợp(?:\s+(?:với\s+)?(?P<with>[^,.;]{3,120}?))?\s+)?"  # e.g. "phối hợp với UBND tỉnh … tổ chức"
    r"(?P<verb>tổ chức|khai mạc|họp|làm việc|tiến hành|công bố|phát động|tổng kết|sơ kết|ký kết|"
    r"gặp mặt|tập huấn|kiểm tra|giám sát|có buổi làm việc)(?![\w])"
)
# "Đoàn công tác (của) Bộ …": the delegation's body holds the working visit.
_DELEGATION = re.compile(
    r"(?<![\w])[Đđ]oàn (?:công tác|kiểm tra|giám sát|khảo sát|liên ngành)(?: liên ngành)?(?: của)?\s+"
    r"(?P<org>" + _ORG_HEAD + r"[^,;.]*?)\s+(?=do|đã|vừa|có|làm việc|kiểm tra|giám sát|công bố|về|đến|tới)"
)
# Where a subject may start: the line start, or after a comma or a dash.
_SUBJECT_START = re.compile(r"(?:^|(?<=, )|(?<=- )|(?<=– )|(?<=\n))" + _ORG_HEAD, re.MULTILINE)
_SPLIT = re.compile(r",\s+|\s+và\s+|\s+cùng\s+(?:với\s+)?(?=" + _ORG_HEAD + ")")
# A parenthetical at the end of a name: "(Ban Chỉ đạo)", "( viết tắt BCĐ 35 thành phố)", "(Nghệ An)".
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_PAREN = re.compile(r"\s*\([^()]*\)")
# Words that show a stretch is a clause, not a name.
_NOT_NAME = re.compile(r"(?<![\w])(?:đã|vừa|sẽ|đang|được|do|tại|trong|với|cho|là|làm|chủ trì|dự|phối hợp)(?![\w])")


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {abbr: full for abbr, full in load_tsv("abbreviations.tsv")}
    alt = "|".join(re.escape(a) for a in sorted(table, key=len, reverse=True))
    # whole tokens only: "CA tỉnh" expands, "CAND" is its own entry, "CAO" is untouched
    return re.compile(rf"(?<![\w&.\-])(?:{alt})(?![\w&\-])"), table


def expand(name: str) -> str | None:
    """The name with its abbreviations spelled out at token boundaries, or None if none.

    Args:
        name: a body's name as printed ("BCĐ 35 tỉnh Yên Bái").

    Returns:
        "Ban Chỉ đạo 35 tỉnh Yên Bái", or None when the name has no abbreviation.
    """
    pattern, table = _abbreviations()
    text = _PAREN.sub("", name)
    out = pattern.sub(lambda m: table[m.group(0)], text)
    return out if out != name else None


def _clean(body: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim a name's stretch of trailing parentheticals and spaces; None if not a name."""
    text = body[start:end]
    while True:
        m = _TRAILING_PAREN.search(text)
        if not m:
            break
        text = text[:m.start()]
    text = text.rstrip(" ,")
    if (" " not in text and text not in _abbreviations()[1]) or len(text) > MAX_NAME_CHARS or _NOT_NAME.search(_PAREN.sub("", text)):
        return None
    return start, start + len(text)


def _split(body: str, start: int, end: int) -> list[Span]:
    """Split "Bộ A, Hội B và Báo C" into bodies; a comma inside a name stays."""
    spans: list[Span] = []
    cur = start
    for m in _SPLIT.finditer(body, start, end):
        if _HEAD_AT.match(body, m.end()):
            spans.append((cur, m.start()))
            cur = m.end()
    spans.append((cur, end))
    return spans


def _organizer(body: str, span: Span) -> Organizer | None:
    cleaned = _clean(body, *span)
    if cleaned is None:
        return None
    name = body[cleaned[0]:cleaned[1]]
    return Organizer(name=name, span=cleaned, expanded=expand(name))


def find(doc: Doc) -> list[Organizer]:
    """The bodies holding the event, from the lead paragraph.

    Args:
        doc: the analysed document (its lead paragraph is read).

    Returns:
        The organisers in the order printed, each with the span of its name.
    """
    body, lead = doc.body, doc.lead
    lo, hi = lead if lead[1] > lead[0] else (0, body.find("\n") % (len(body) + 1))
    found: list[Organizer] = []
    delegation = _DELEGATION.search(body, lo, hi)
    if delegation:
        org = _organizer(body, delegation.span("org"))
        return [org] if org else []
    for verb in _VERB.finditer(body, lo, hi):
        sent_lo = max(lo, body.rfind(". ", lo, verb.start()) + 2 if body.rfind(". ", lo, verb.start()) >= 0 else lo)
        subject = _SUBJECT_START.search(body, sent_lo, verb.start())
        if subject is None:
            continue
        for span in _split(body, subject.start(), verb.start()):
            org = _organizer(body, span)
            if org:
                found.append(org)
        if verb.group("with") and _HEAD_AT.match(verb.group("with")):
            org = _organizer(body, verb.span("with"))
            if org:
                found.append(org)
        if found:
            break
    return found
