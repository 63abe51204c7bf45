"""Documents cited by name rather than symbol, for the documents stage: laws and
ordinances ("Luật An ninh mạng"), joint resolutions, and central Party plenums
and congresses ("Nghị quyết Trung ương 4, khóa XI"). Symbols and numbers are
``documents``' own.
"""

from __future__ import annotations

import re
from functools import cache

from vnevents.data import load_lines
from vnevents.patterns import DOC_SYMBOL
from vnevents.record import Document

# Longest name accepted for a document cited by name (words); longer runs are
# sentences, not names. Laws run to 8 words, joint resolutions to about 20.
NAME_MAX_WORDS = {"law": 9, "joint": 22}
# After a comma a name goes on only through segments this short ("tín ngưỡng, tôn giáo").
COMMA_SEGMENT_MAX_WORDS = 4

# Names of central Party plenums and congresses: "Trung ương 4, khóa XI",
# "Đại hội Đảng lần thứ XII", "Đại hội XIII".
_PLENUM = re.compile(
    r"(?P<kind>Nghị quyết)\s+(?P<name>(?:Hội nghị\s+)?(?:lần thứ\s+\w+\s+)?(?:Ban Chấp hành\s+)?"
    r"Trung ương\s+(?:\d{1,2}|lần thứ\s+\w+)"  # e.g. Trung ương 4 | Trung ương lần thứ tư
    r"(?:\s*,?\s*\(?\s*[Kk]hóa\s+[IVXL]+(?:\s*,\s*[IVXL]+)*\)?)?)"  # e.g. , khóa XI | (khóa XI, XII)
)
_CONGRESS = re.compile(
    r"(?P<kind>Nghị quyết|Văn kiện)\s+(?P<name>[Đđ]ại hội\s+(?:[^\s,;.()]+\s+){0,6}?"
    r"(?:lần(?:\s+thứ)?\s+[IVXLC\d]+(?![\w])"  # e.g. Đảng bộ tỉnh lần thứ XX | đại biểu lần VIII
    r"|[IVXLC]{1,6}(?![\w]))"  # e.g. XIII
    r")"
)
# A named law, ordinance or joint resolution: the name is cut by _cut_name. A
# lower-case "luật" names a law only before a known law name ("luật Đất đai").
_NAMED = re.compile(
    r"(?P<kind>Nghị quyết liên tịch|Bộ [Ll]uật|Luật|Pháp lệnh|luật)\s+(?P<rest>[^\n]{1,200})"
)
# Words before a lower-case "luật" that make it another noun ("pháp luật", "kỷ luật").
_LOWER_LAW_NOT_AFTER = re.compile(r"(?:pháp|kỷ|quy|định|dự|hiến|điều|bộ|[Ll]uật|trái|theo đúng)\s+$",
                                  re.IGNORECASE)
# Where a name stops: punctuation, a new clause or what follows a title.
_NAME_STOP = re.compile(
    r"[;:()\[\]\"“”\n!?]|\.(?:\s|$)|\s[-–]\s"
    r"|\s(?:của|do|năm|(?:19|20)\d{2}|số(?=\s*\d)|được|đã|đang|sẽ|vừa|chưa|còn|cần|phải|không|có|trong|tại"
    r"|cho|để|nhằm|theo|với|thì|là|đến|vào|từ|trên|gắn|sửa đổi|giữa|ngày|khi|bằng|qua|nay|mới"
    r"|này|hiện hành|đi vào|ra đời|ban hành|nói trên|trên đây|đó|bước đầu|diễn ra|đáp ứng|đánh"
    r"|mà|nên|nhưng|thể hiện|quy định|hướng dẫn|đối với|nhất là|như|cũng|đều|sau|trước)(?=\s|[,.;:]|$)"
)
# First words that show "Luật"/"Pháp lệnh" is not a title ("Luật sư", "Luật này").
_NOT_NAME_START = re.compile(
    r"(?:sư|gia|học|pháp|lệ|chơi|này|đó|mới|cho|của|và|được|đã|sẽ|là|có|các|những|trong|tại"
    r"|với|về|theo|để|nhằm|thì|khi|vào|ra|đến|từ|năm|số|sửa|hiện|cũ|trên|nói|đều|bước|chưa|vừa"
    r"|còn|cần|phải|không|cũng|như|nhưng|mà|nên|đang|\d)(?!\w)",
    re.IGNORECASE,
)
# Words before "Luật" that make it part of another name ("Đại học Luật", "Đoàn Luật sư").
_LAW_NOT_AFTER = re.compile(r"(?:học|Khoa|Trường|Đoàn|Hội|ngành|Viện|Vụ|Cục|Bộ|ĐH|CĐ|Đại học|[Pp]háp)\s+$")
# Drafts and bills are not (yet) documents.
DRAFT_BEFORE = re.compile(r"(?:dự thảo|dự án|xây dựng|soạn thảo|đề nghị ban hành)\s+$", re.IGNORECASE)


@cache
def _law_names() -> re.Pattern[str]:
    """Known law names, longest first; commas optional ("Phòng chống tham nhũng")."""
    names = sorted(set(load_lines("law_names.txt")), key=len, reverse=True)
    alternation = "|".join(
        r"\s+".join(",?".join(re.escape(part) for part in word.split(",")) for word in name.split())
        for name in names
    )
    return re.compile(rf"(?:{alternation})(?!\w)", re.IGNORECASE)


def _known_law(rest: str) -> str | None:
    """The head of ``rest`` when it is a known law name ("Hỗ trợ doanh nghiệp nhỏ và vừa")."""
    m = _law_names().match(rest, 0, 160)
    return m.group(0) if m else None


def _cut_name(rest: str, max_words: int, kind_before: re.Pattern[str]) -> str | None:
    """The name at the head of ``rest``, or None when it is not a name."""
    stop = _NAME_STOP.search(rest)
    text = rest[: stop.start()] if stop else rest
    # "Phòng, chống …" is one phrase in law names, not a list.
    segments = [seg.strip() for seg in re.split(r",(?!\s*chống\b)", text)]
    name = segments[0]
    # Commas go on inside a name only through short segments up to a hard stop
    # ("tín ngưỡng, tôn giáo (…"); a long segment is the next clause.
    tail_ok = all(
        seg and len(seg.split()) <= COMMA_SEGMENT_MAX_WORDS and not _NOT_NAME_START.match(seg)
        and not kind_before.match(seg + " ") and not seg[:1].isdigit()
        for seg in segments[1:]
    )
    if tail_ok and len(segments) > 1 and (stop is None or not stop.group(0).startswith(" ")):
        name = ", ".join(segments)
    # "Luật Khoa học và Công nghệ" keeps "và"; "Luật Đất đai và Luật Nhà ở" does not.
    name = re.split(r"\s+và\s+(?=[a-zđ]|Luật|Bộ luật|Pháp lệnh|Nghị|Chỉ thị|Quyết|Thông)", name)[0]
    name = name.strip(" ,.-–")
    words = name.split()
    if not words or len(words) > max_words or _NOT_NAME_START.match(name):
        return None
    return name


def find_named(body: str, starts: list[int], found: list[Document], kind_before: re.Pattern[str]) -> None:
    """Append to ``found`` the documents cited by name at ``starts`` (where a kind word
    may begin) that no earlier citation covers. ``kind_before`` matches a kind word
    opening a segment: a comma before one ends a name."""
    taken = [d.span for d in found]
    for p in starts:
        for pattern in (_PLENUM, _CONGRESS):
            if (m := pattern.match(body, p)) and not any(s <= p < e for s, e in taken):
                found.append(Document(kind=m["kind"], symbol=None, name=m["name"].strip(),
                                      date=None, span=m.span()))
                taken.append(m.span())
    for p in starts:
        if (m := _NAMED.match(body, p)) is None:
            continue
        kind = m["kind"]
        if kind != "Nghị quyết liên tịch" and _LAW_NOT_AFTER.search(body, max(0, m.start() - 12), m.start()):
            continue
        if DRAFT_BEFORE.search(body, max(0, m.start() - 25), m.start()):
            continue
        if any(s <= m.start() < e for s, e in taken):
            continue
        if kind == "luật" and (not m["rest"][:1].isupper()
                               or _LOWER_LAW_NOT_AFTER.search(body, max(0, m.start() - 12), m.start())):
            continue  # "pháp luật", "kỷ luật", "luật lệ": checked before the costlier lexicon look-up
        joint = kind == "Nghị quyết liên tịch"
        name = None if joint else _known_law(m["rest"])
        if kind == "luật":
            if name is None:
                continue  # "luật Đất đai (Điều 38)": only a known law, printed with its capital
            kind = "Luật"
        if name is None and kind in ("Luật", "Bộ luật", "Bộ Luật") and not m["rest"][:1].isupper():
            continue  # "Luật đi vào cuộc sống", "Luật quy định rõ": "the Law", not a title
        if name is None:
            name = _cut_name(m["rest"], NAME_MAX_WORDS["joint" if joint else "law"], kind_before)
        if name is None:
            continue
        after = m.start("rest") + m["rest"].find(name) + len(name)
        if DOC_SYMBOL.match(body, after + len(re.match(r"\s*(?:số\s*)?", body[after:]).group(0))):  # type: ignore[union-attr]
            continue  # "Luật An ninh mạng số 24/2018/QH14": the symbol carries it
        if kind.lower() in ("luật", "bộ luật"):
            kind = "Bộ luật" if kind.lower() == "bộ luật" else kind
            name = name[:1].upper() + name[1:]
        found.append(Document(kind=kind, symbol=None, name=name, date=None,
                              span=(m.start(), after)))
