"""Names and titles for the people stage: the lexicon, and titles read around a name.

Builds the patterns from ``data/surnames.txt``, ``data/titles.tsv``,
``data/person_markers.tsv`` and the place and historic-name lists once per
process, and reads the titles printed before and after a name ("Phó Chủ tịch
UBND tỉnh Nguyễn Văn A", "Nguyễn Văn A, Giám đốc Sở Y tế"). It does not decide
who is a person or what role they play (``people``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vnevents.data import load_lines, load_tsv
from vnevents.patterns import LOWER, UPPER

# Names run 2–4 syllables; after a form of address up to 6 ("Nguyễn Thị Thùy Trang Ê Ban").
MIN_SYLLABLES, MAX_SYLLABLES, MAX_SYLLABLES_ADDRESSED = 2, 4, 6
# Continuation segments ("Giáo dục", "Thanh niên") of a long committee name in a
# title before a name: at most this many words each.
CONTINUATION_MAX_WORDS = 8

def _alt(words: list[str]) -> str:
    """One alternation of ``words`` (a space matching any run of spaces), folded into a
    prefix tree: with 150 titles, ``re`` then tries a handful of branches per position
    instead of every title. A longer word is tried before its prefix, as when sorted by length."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]  # nested to any depth
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict) -> str:  # type: ignore[type-arg]
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _emit(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    if "" in node:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"




@dataclass(frozen=True)
class Lexicon:
    run: re.Pattern[str]
    marker_before: re.Pattern[str]
    marker_start: re.Pattern[str]
    marker_words: frozenset[tuple[str, ...]]
    marker_last: frozenset[str]
    marker_max_words: int  # "Anh hùng Lực lượng vũ trang nhân dân" has 8
    head: re.Pattern[str]
    occupation: frozenset[str]
    occupation_first: tuple[str, ...]  # first words of the lower-case occupation heads
    head_kind: dict[str, str]
    single_markers: frozenset[str]
    marker_kind: dict[str, str]
    surnames: frozenset[str]
    blocked: frozenset[str]
    historic: frozenset[str]
    office_end: re.Pattern[str]
    place_prefix: re.Pattern[str]


@cache
def lexicon() -> Lexicon:
    up, low = UPPER, LOWER
    syl = rf"[{up}](?:['’][{up}])?[{low}]*"
    markers = {m.lower(): k for m, k in load_tsv("person_markers.tsv")}
    mk = _alt(list(markers))
    heads = load_tsv("titles.tsv")
    not_names = load_lines("surname_places.txt") + load_lines("not_person_names.txt")
    places = tuple(sorted(not_names, key=len, reverse=True))
    historic = frozenset(load_lines("historic_names.txt"))
    office = [h.lower() for h, k in heads if k == "office"]
    return Lexicon(
        # a capitalised run of two or more syllables: "Nguyễn Văn A", "Hà Nội Chử Xuân Dũng"
        # (opening with the bare character class lets re skip ahead fast; the word
        # boundary is checked by the lookbehind after the first letter)
        run=re.compile(rf"[{up}](?<![\w&'’].)(?:['’][{up}])?[{low}]*(?: {syl})+(?![\w&'’])"),
        # markers right before a name: "đồng chí ", "PGS.TS ", "Tiến sĩ, Bác sĩ, Chuyên khoa II "
        marker_before=re.compile(
            rf"(?<![\w])(?P<m>(?:{mk})(?:\s*[.,\-–]?\s*(?:{mk}))*)\.?\s*:?\s*$", re.IGNORECASE),
        marker_start=re.compile(rf"(?:{mk})(?![\w])", re.IGNORECASE),
        marker_words=frozenset(tuple(m.split()) for m in markers),
        marker_last=frozenset(m.split()[-1] for m in markers),
        marker_max_words=max(len(m.split()) for m in markers),
        # matched against lower-cased text: faster than re.IGNORECASE on Vietnamese
        head=re.compile(rf"(?<![\w])(?:nguyên\s+)?(?:{_alt([h.lower() for h, _ in heads])})(?![\w])"),
        occupation=frozenset(h.lower() for h, k in heads if k == "occupation"),
        occupation_first=tuple({h.lower().split()[0] for h, k in heads if k == "occupation"}),
        head_kind={" ".join(h.lower().split()): k for h, k in heads},
        single_markers=frozenset(m for m in markers if " " not in m),
        marker_kind=markers,
        surnames=frozenset(load_lines("surnames.txt")),
        blocked=historic | frozenset(places),
        historic=historic,
        # an office title ending right before a name, in lower-cased text: "chủ tịch ", "nguyên tổng bí thư "
        office_end=re.compile(rf"(?<![\w])(?:nguyên\s+)?(?:{_alt(office)})\s+$"),
        place_prefix=re.compile("(?:" + "|".join(map(re.escape, places)) + ") "),
    )


# Words that end a title: verbs, auxiliaries and prepositions (lower-case only, so
# "Ủy ban Kiểm tra" keeps its capitalised "Kiểm tra").
_STOP_WORDS = (
    r"đã|đang|sẽ|vừa|cũng|được|bị|là|có|làm|để|cho|khi|thì|mà|tại|trong|từ|nhằm|nhưng|rằng"  # e.g. "… Sở Y tế đã"
    r"|đến|tới|theo|trên|dưới|vẫn|luôn|cùng|với|ở|nay|do|thay mặt"
    r"|(?:đồng )?chủ trì|phát biểu|cho biết|cho hay|nhấn mạnh|khẳng định|kết luận|báo cáo"  # e.g. "… chủ trì"
    r"|đề nghị|yêu cầu|(?<!ban )(?<!Ban )chỉ đạo|(?<!ban )(?<!Ban )kiểm tra|trao|tặng|tham dự"
    r"|(?<!viên )dự|(?<!thư )(?<!Thư )ký"  # e.g. "… đã ký", but "Tổng Thư ký", "Ủy viên dự khuyết"
    r"|ghi nhận|thông báo|ôn lại|đánh giá|chúc mừng|nêu|bày tỏ|giới thiệu|trình bày|phát động"
    r"|khai mạc|bế mạc|chia sẻ|(?<!Tiếng )nói|lưu ý|đề xuất|kiến nghị|mong muốn|tin tưởng|gửi"
    r"|động viên|thăm|làm việc|tiếp|nhận|khen thưởng|biểu dương|quán triệt|nhất trí|khuyến cáo"
    r"|nhận định|trả lời|phân tích|dẫn đầu|hiệp thương|thôi|giữ chức|nghỉ hưu|từng|họp|gặp"
    r"|thực hiện|tiến hành|triển khai|công bố|đọc|ra|vào|lên|đi"
)
_STOP = re.compile(rf"(?<![\w])(?:{_STOP_WORDS})(?![\w])")
# Where a title segment after a name may end: punctuation, a closing dash, "và", a stop word.
_TITLE_END = re.compile(
    rf"[,;:!?()\[\]\n“”\"]|\.(?:\s|$)|\s[-–](?:\s|$)|\s(?=và\s)|(?<=\s)(?:{_STOP_WORDS})(?![\w])")
_SEPARATOR_AFTER = re.compile(r"\s*(?:,|[-–]|\()\s*")
_SEGMENT_SPLIT = re.compile(r"\s*,\s*|\s+[-–]\s+|\s+kiêm\s+")
_KIEM = re.compile(r"\s+kiêm\s+")
# What may precede a title that does not open its segment: "Tham dự có [đồng chí] …".
_HEAD_LEAD_IN = re.compile(
    r"(?:(?<![\w])(?:có|là|gồm|của|với|cùng|và|các|do"  # e.g. "Tham dự có Phó Chủ tịch …"
    r"|[Tt]heo|[Tt]hay mặt|cho|tiếp|đón|gặp|nghe|mời|bởi)"  # e.g. "Theo Chủ tịch Quốc hội …", "trao cho Giám đốc …"
    r"|[:.])\s*$")
# A body named right after a name stands in for a title ("PGS Nguyễn Văn A, Viện …").
ORG_HEAD = re.compile(r"(?:Viện|Sở|Bộ|Ban|Ủy ban|UBND|Công an|Cục|Trường|Bệnh viện|Trung tâm|Hội|Công ty|"
                       r"Tập đoàn|Báo|Đài|Học viện|Đại học|Tổng cục|Vụ|Chi cục|Phòng)\s")
# Before a name: a street, school, award, ship… ("đường Nguyễn Huệ", "Giải thưởng Võ Trường Toản").
NOT_PERSON_BEFORE = re.compile(
    r"(?<![\w])(?:đường|Đường|(?<!thành )(?<!Thành )phố|Phố|ngõ|hẻm|Trường|(?<!Môi )(?<!môi )(?<!thị )(?<!Thị )trường|THPT|THCS|TH|Tiểu học|Mầm non|Giải|giải|"
    r"Giải thưởng|Quỹ|quỹ|tàu|Tàu|cầu|Cầu|Công viên|công viên|Quảng trường|Khu|khu|Lăng|lăng|Đền|đền|"
    r"chùa|Chùa|Nhà văn hóa|Bệnh viện|tư tưởng|phong cách|tấm gương|Học viện|Đại học|Làng|làng|"
    r"Công ty|công ty|TNHH|Tập đoàn|tập đoàn|Cổ phần|cổ phần|HTX|Hợp tác xã|hợp tác xã|Khách sạn|"
    r"Nhà hàng|chợ|Chợ|Siêu thị|thương hiệu|nhãn hiệu|Xóm|xóm|Khóm|khóm|Ấp|Bản|Thôn|"
    r"thôn|bản|ấp|tổ dân phố|sông|núi|đảo|Ảnh|ảnh|Nguồn|Video|Bài|Tin)\s*:?\s*$")
# Commune-level and lower units: a two-syllable name after them is a place.
COMMUNE_BEFORE = re.compile(r"(?<![\w])(?:xã|Xã|phường|Phường|thị trấn|Thị trấn|quận|Quận|huyện|Huyện)\s+$")

# Initials and further names of a foreign name after its first run ("Mandeep K. O’Brien").
_FOREIGN_TAIL = re.compile(r"(?:\.? (?:[A-Z]\.|[A-Z][a-zA-Z]*(?:['’-][A-Z]?[a-z]+)*))*(?<!\.)")


def foreign_name_end(body: str, end: int) -> int:
    """Where a foreign name whose first capitalised run ends at ``end`` ends."""
    if end < len(body) and body[end] == "." and body[end - 2:end - 1] == " ":  # "K." after "Mandeep"
        tail = _FOREIGN_TAIL.match(body, end)
        if tail is not None and tail.end() > end + 1:
            return tail.end()
    return end


def split_run(lex: Lexicon, words: list[str], addressed: bool) -> int | None:
    """Index of the first word of the name inside a capitalised run, or None."""
    n = len(words)
    if addressed and words[0] in lex.surnames and n <= MAX_SYLLABLES_ADDRESSED:
        return 0
    for i, w in enumerate(words):
        if w in lex.surnames and MIN_SYLLABLES <= n - i <= MAX_SYLLABLES:
            return i
    return None


def strip_place(lex: Lexicon, run: str) -> int:
    """Length of a known place name opening the run ("Hà Nội Chử Xuân Dũng")."""
    m = lex.place_prefix.match(run)
    return m.end() if m else 0


def _kind(lex: Lexicon, head: re.Match[str]) -> str:
    words = head.group(0).lower().split()
    return lex.head_kind.get(" ".join(words[1:] if words[0] == "nguyên" else words), "office")


def valid_head(lex: Lexicon, text: str, pos: int = 0) -> re.Match[str] | None:
    low = text.lower()
    if low == text and not any(o in low for o in lex.occupation_first):
        return None  # no capital letter and no occupation word: no title can start here
    for m in lex.head.finditer(low, pos):
        core = m.start() + 7 if low.startswith("nguyên ", m.start()) else m.start()
        if text[core].isupper() or low[core:m.end()] in lex.occupation:
            return m
    return None


def titles_before(lex: Lexicon, prefix: str) -> tuple[list[str], int]:
    """Titles printed before a name, right to left, and where they start in ``prefix``."""
    lead = len(prefix) - len(prefix.lstrip())
    prefix = prefix.rstrip(" ,-–:")
    segs, pos = [], lead
    if "," in prefix or "-" in prefix or "–" in prefix or "kiêm" in prefix:  # else one segment
        for m in _SEGMENT_SPLIT.finditer(prefix):
            segs.append((pos, prefix[pos:m.start()]))
            pos = m.end()
    segs.append((pos, prefix[pos:]))
    titles: list[str] = []
    pending: list[str] = []
    start = len(prefix)
    for seg_start, seg in reversed(segs):
        head = valid_head(lex, seg)
        if head is not None and head.end() == len(seg.rstrip()) and _kind(lex, head) == "bare":
            break  # "Trưởng" alone before a name is part of a body's name, not a title
        if head is None:
            words = seg.split()
            if (not seg or len(words) > CONTINUATION_MAX_WORDS or _STOP.search(seg) or len(pending) >= 6
                    or not (seg[0].isupper() or seg[0].isdigit() or not titles)):
                break
            pending.insert(0, seg)
            continue
        title = seg[head.start():]
        if _STOP.search(title) or (head.start() > 0 and not _HEAD_LEAD_IN.search(seg[:head.start()])
                                   and not _lex_marker_end(lex, seg[:head.start()])):
            break
        titles.insert(0, ", ".join([title, *pending]))
        pending, start = [], seg_start + head.start()
        if head.start() > 0:
            break
    return titles, start


def _lex_marker_end(lex: Lexicon, text: str) -> bool:
    return bool(lex.marker_before.search(text))


def _starts_person(lex: Lexicon, text: str) -> bool:
    """Does ``text`` open with a form of address, a title or a person's name?"""
    head = valid_head(lex, text)
    if lex.marker_start.match(text) or (head is not None and head.start() == 0):
        return True
    run = lex.run.match(text)
    return run is not None and " " in run.group(0) and run.group(0).split()[0] in lex.surnames


def _segment_end(lex: Lexicon, body: str, cur: int) -> re.Match[str] | None:
    """The end of one title segment; "và" ends it only before another person or title."""
    while True:
        stop = _TITLE_END.search(body, cur, cur + 300)
        if stop is None or not body.startswith(" và ", stop.start()):
            return stop
        if _starts_person(lex, body[stop.start() + 4:stop.start() + 80]):
            return stop
        cur = stop.start() + 4


def _name_inside(lex: Lexicon, seg: str, pos: int) -> int:
    """Where a person's name starts inside a title segment, or its length."""
    for r in lex.run.finditer(seg, pos):
        ws = r.group(0).split()
        if (len(ws) >= MIN_SYLLABLES and ws[0] in lex.surnames and r.group(0) not in lex.blocked
                and not strip_place(lex, r.group(0) + " ") and not NOT_PERSON_BEFORE.search(seg, 0, r.start())
                and not COMMUNE_BEFORE.search(seg, 0, r.start())):
            return r.start()
    return len(seg)


def titles_after(lex: Lexicon, body: str, pos: int) -> tuple[list[str], int]:
    """Titles printed after a name ("…, Phó Chủ tịch UBND tỉnh, Trưởng Ban …") and their end."""
    sep = _SEPARATOR_AFTER.match(body, pos)
    if sep is None or sep.end() == pos:
        return [], pos
    paren = "(" in sep.group(0)
    titles: list[str] = []
    end, cur = pos, sep.end()
    while cur < len(body):
        stop = _segment_end(lex, body, cur)
        seg_end = stop.start() if stop else min(len(body), cur + 300)
        seg = body[cur:seg_end].strip()
        head = valid_head(lex, seg)
        if stop is not None and body[stop.start()] == ":":
            break  # "…, nguyên Tổng Bí thư: A, B": the title introduces the next names
        if seg and head is not None and head.start() == 0:
            if _name_inside(lex, seg, head.end()) < len(seg):
                break  # "Chủ tịch A, Phó Chủ tịch thường trực B": the title is B's
            titles.extend(_KIEM.split(seg))
        elif seg and not titles and ORG_HEAD.match(seg):
            titles.append(seg)  # "PGS Nguyễn Văn A, Viện …": the body stands in for a title
        elif seg and titles and seg[0].isupper() and not _starts_person(lex, seg):
            titles[-1] += ", " + seg  # a comma inside a body's name
        else:
            break
        end = cur + len(body[cur:seg_end].rstrip())
        if stop is None:
            break
        ch = body[stop.start()]
        if ch == ")" and paren:
            end = stop.end()
        if ch != ",":
            break
        cur = stop.end()
        while cur < len(body) and body[cur] == " ":
            cur += 1
    return titles, end


def title_kind(lex: Lexicon, title: str) -> str:
    """"office", "minor", "bare", "occupation", or "body" for a body standing in for a title."""
    head = valid_head(lex, title)
    return _kind(lex, head) if head is not None and head.start() == 0 else "body"
