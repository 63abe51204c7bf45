"""Stage 9: legal and Party documents cited in the body (symbol, kind, date, issuer).

Finds symbols ("Chỉ thị số 09-CT/TU ngày 2/4/2021"), citations by kind and number
("Quyết định 09 của Thủ tướng") and by name ("Luật An ninh mạng", "Nghị quyết
Trung ương 4, khóa XI"). Generic mentions ("các chỉ thị, nghị quyết") and plans,
reports or drafts without a symbol are not documents. It does not read awards.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import cache

from vnevents.data import load_lines, load_tsv
from vnevents.patterns import DATE_DMY, DATE_WORDS, DOC_SYMBOL, iso_date, valid_date
from vnevents.record import Context, Document, fold

log = logging.getLogger(__name__)

# How far before a symbol or number its kind word may start ("Chỉ thị số " is 12).
KIND_LOOKBACK = 40
# How far left of a "/" a symbol may start ("1348/QĐ-BNN-TCCB/…" runs to 25).
SYMBOL_MAX_CHARS = 32
# How far after a citation its date and issuer are looked for; calibrated on the
# seeds, dev and the corpus' public_sector articles ("…/TW, ngày 19/9/2011 của …").
TAIL_CHARS = 90
# Longest name accepted for a document cited by name (words); longer runs are
# sentences, not names. Laws run to 8 words, joint resolutions to about 20.
NAME_MAX_WORDS = {"law": 9, "joint": 22}
# After a comma a name goes on only through segments this short ("tín ngưỡng, tôn giáo").
COMMA_SEGMENT_MAX_WORDS = 4

_DATE_AFTER = re.compile(
    r"^\s*,?\s*(?:(?:được\s+)?(?:ban hành|ký)\s+)?ngày\s*"  # e.g. ", ngày " | " ban hành ngày "
    r"(?:(?P<w>\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)"  # e.g. 11 tháng 01 năm 2017
    r"|(?P<dmy>\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?))",  # e.g. 2/4/2021 | 5.6.2012
    re.IGNORECASE,
)
# "của Tỉnh ủy Lào Cai", "của Ban Bí thư (khóa XI)": the issuer runs to a stop word.
_ISSUER = re.compile(
    r"^\s*,?\s*(?:do|của)\s+(?P<issuer>[A-ZĐÂ][^,;.()\n]{1,70}?)"
    r"(?=\s*(?:[,;.()\n\"“”]|$)|\s*ngày|\s+(?:về|trong|đối với|nhằm|để|theo|thì|đã|được|với|vừa|ngày"
    r"|quy định|hướng dẫn|thành lập|phê duyệt|sửa đổi|là|và\s+(?:[a-zđ]|Kế hoạch|Nghị|Chỉ|Quy|Quyết|Hướng|Thông|Kết))\b)"
)
# "ngày 21-6, Bộ Chính trị đã có văn bản số 4178": a date before the citation.
_DATE_BEFORE = re.compile(
    r"ngày\s+(?P<dmy>\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?)\s*,\s*"
    r"[^.;,\n]{0,50}?\b(?:đã\s+)?(?:có|ban hành|ký|ra|gửi)\s+$",
    re.IGNORECASE,
)
# Words after a bare number that show it names a document ("Quyết định 09 của …").
_AFTER_NUMBER = re.compile(
    r"(?=\s*(?:[,.;:()]|$)|\s+(?:của|ngày|về|do|và|được|đã|là|trong|tại|với|theo|này|nhằm"
    r"|cũng|sẽ|đến|vào|thì|mà|cho|trên|khóa|quy định|hướng dẫn|đi vào|liên quan|\())",
)
# A bare number cited with its issuer ("Kế hoạch 28 của Bộ Chính trị", "nghị quyết 39 của
# Bộ Chính trị") names a document even for kinds that otherwise need "số".
_OF_ISSUER_AFTER = re.compile(r"\s+của\s+(?:[A-ZĐ]|ban\s|bộ\s|ủy ban\s|thủ tướng)")
_YEAR_LIKE = re.compile(r"(?:19|20)\d{2}")
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
# More numbers of the same kind: "Chỉ thị 03, 05 của …", "Nghị quyết số 01 và 02".
_MORE_NUMBERS = re.compile(r"(?:\s*,\s*|\s+và\s+)(?P<num>\d{1,6}[a-z]?)(?![\w/\-.,]\w|[\w/])")
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
_DRAFT_BEFORE = re.compile(r"(?:dự thảo|dự án|xây dựng|soạn thảo|đề nghị ban hành)\s+$", re.IGNORECASE)
# "(gọi tắt là Pháp lệnh Tôn giáo)", "(sau đây gọi là Nghị định 67)", "(QĐ09)".
_ALIAS_OPEN = re.compile(r"^\s*\(\s*(?:sau đây\s+)?(?:gọi tắt là|gọi là|viết tắt là)?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class _Kinds:
    before: re.Pattern[str]  # a kind word right before a symbol or number
    number: re.Pattern[str]  # kind + [số] + number
    cite: dict[str, str]  # lower-cased kind → cite mode
    canon: dict[str, str]  # lower-cased kind → kind as written in the lexicon
    codes: dict[str, tuple[str, str]]  # code → (state kind, Party kind)
    anchors: tuple[str, ...]  # lower-case kind words, searched with str.find (cheap)


@cache
def _kinds() -> _Kinds:
    rows = load_tsv("document_kinds.tsv")
    names = sorted((r[0] for r in rows), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    before = re.compile(rf"(?<!\w)(?P<kind>{alternation})\s*(?:số\s*:?\s*|số\.\s*)?$", re.IGNORECASE)
    number = re.compile(
        rf"(?<!\w)(?P<kind>{alternation})\s+(?:(?P<so>số)\s*:?\s*)?"
        r"(?P<num>\d{1,6}[a-z]?(?:/(?:19|20)\d{2})?)"  # e.g. Nghị quyết 35 | văn bản số 4178 | 55/2017
        r"(?![\w/\-.,]\w|[\w/])",
        re.IGNORECASE,
    )
    codes = {r[0]: (r[1], r[2]) for r in load_tsv("document_codes.tsv")}
    # Longer kinds that start with a shorter one ("nghị quyết liên tịch") need no anchor.
    lows = [n.lower() for n in names]
    anchors = tuple(a for a in lows if not any(a != b and a.startswith(b) for b in lows))
    return _Kinds(
        anchors=anchors,
        before=before,
        number=number,
        cite={r[0].lower(): r[1] for r in rows},
        canon={r[0].lower(): r[0] for r in rows},
        codes=codes,
    )


def _canon_kind(word: str) -> str:
    return _kinds().canon.get(word.lower(), word[:1].upper() + word[1:])


def _parse_date(text: str) -> str | None:
    m = DATE_DMY.search(text) or DATE_WORDS.search(text)
    if not m:
        return None
    d, mo = int(m["d"]), int(m["m"])
    y = int(m["y"]) if m["y"] else None
    return iso_date(y, mo, d) if valid_date(y, mo, d) else None


def _tail(body: str, end: int) -> tuple[str | None, str | None]:
    """The date and issuer printed after a citation, in either order."""
    tail = body[end:end + TAIL_CHARS]
    date = issuer = None
    for _ in range(2):
        if date is None and (m := _DATE_AFTER.match(tail)):
            date = _parse_date(f"ngày {m['w']}" if m["w"] else m["dmy"])
            tail = tail[m.end():]
            continue
        if issuer is None and (m := _ISSUER.match(tail)):
            issuer = m["issuer"].strip()
            tail = tail[m.end():]
            continue
        break
    return date, issuer


def _date_before(body: str, start: int) -> str | None:
    m = _DATE_BEFORE.search(body, max(0, start - 90), start)
    return _parse_date(m["dmy"]) if m else None


def _symbol_kind(num_sep: str, year: str | None, codes: str) -> str | None:
    """Kind read from a symbol's code: QĐ is Quy định in Party symbols (85-QĐ/TW)."""
    table = _kinds().codes
    party = num_sep == "-" and year is None
    for code in re.split(r"[/\-]", codes):
        if code in table:
            return table[code][1 if party else 0]
        if re.fullmatch(r"QH\d+", code):
            return "Luật"
    # "1745/TTg-QHQT", "2045/BCT-TCCB": an issuer and a unit, no type: a letter.
    return "Công văn" if not party and "-" in codes else None


def _symbols(body: str, starts: list[int], found: list[Document]) -> None:
    k = _kinds()
    end = -1
    for p in starts:
        if p < end or (m := DOC_SYMBOL.match(body, p)) is None:
            continue
        s, e = m.span()
        end = e
        before = k.before.search(body, max(0, s - KIND_LOOKBACK), s)
        if before and k.cite.get(before["kind"].lower()) == "name" and not before["kind"][0].isupper():
            before = None  # "kết luật số 19-TB/TW": a lower-case "luật" is not the kind
        spaced = " " in m.group(0) or "–" in m.group(0)
        sep = body[m.end("num")] if m.end("num") < len(body) else "-"
        code_kind = _symbol_kind(sep, m["year"], m["codes"])
        if before is None and (code_kind is None or spaced):
            continue  # a code-like string with no kind word: an address, a model number
        kind = _canon_kind(before["kind"]) if before else code_kind
        start = before.start() if before else s
        date, issuer = _tail(body, e)
        symbol = re.sub(r"\s*[–-]\s*", "-", m.group(0))  # "439 – QĐNS/TW" → "439-QĐNS/TW"
        found.append(Document(kind=kind, symbol=symbol, name=None, date=date,
                              span=(start, e), issuer=issuer))


def _same_number(num: str, symbol: str | None) -> bool:
    """True when a cited number ("35", "67/2014") is the number of ``symbol``."""
    m = DOC_SYMBOL.match(symbol or "")
    if m is None:
        return False
    n, _, year = num.partition("/")
    return n.lstrip("0") == m["num"].lstrip("0") and (not year or not m["year"] or year == m["year"])


def _numbers(body: str, starts: list[int], found: list[Document],
             taken: list[tuple[int, int]]) -> None:
    k = _kinds()
    symbols = [d for d in found if d.symbol]
    for p in starts:
        if (m := k.number.match(body, p)) is None:
            continue
        if any(s <= m.start("num") < e for s, e in taken):
            continue
        kind = _canon_kind(m["kind"])
        cite = k.cite.get(kind.lower(), "-")
        if cite in ("-", "name"):
            continue
        if m["so"] is None:
            # Without "số" only a capitalised kind of the "number" mode, followed by a
            # word that continues a citation ("Chỉ thị 05 của …"), names a document; any
            # kind does when its issuer follows and the number is no year.
            plain = cite == "number" and m["kind"][0].isupper() and _AFTER_NUMBER.match(body, m.end())
            if not plain and (cite == "so-only" or _YEAR_LIKE.fullmatch(m["num"])
                              or not _OF_ISSUER_AFTER.match(body, m.end())):
                continue
        if _DRAFT_BEFORE.search(body, max(0, m.start() - 20), m.start()):
            continue
        num = m["num"]
        if any(_same_number(num, d.symbol)
               and (d.kind == kind or fold(kind) in fold(d.kind or ""))
               for d in symbols):
            continue  # "Nghị quyết 35" where "35-NQ/TW" is printed: the same document
        # "Chỉ thị 03, 05 của Bộ Chính trị": each number is a document of that kind.
        nums = [(num, m.end())]
        pos = m.end()
        while (more := _MORE_NUMBERS.match(body, pos)) is not None:
            nums.append((more["num"], more.end()))
            pos = more.end()
        while len(nums) > 1 and not _AFTER_NUMBER.match(body, nums[-1][1]):
            nums.pop()  # "Nghị quyết 35, 5 năm qua": the list ends before a counted noun
        date, issuer = _tail(body, nums[-1][1])
        if date is None:
            date = _date_before(body, m.start())
        for i, (n, end) in enumerate(nums):
            if i and any(_same_number(n, d.symbol) and d.kind == kind
                         for d in symbols):
                continue
            found.append(Document(kind=kind, symbol=None, name=n, date=date,
                                  span=(m.start(), end), issuer=issuer))


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


def _cut_name(rest: str, max_words: int) -> str | None:
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
        and not _kinds().before.match(seg + " ") and not seg[:1].isdigit()
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


def _named(body: str, starts: list[int], found: list[Document]) -> None:
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
        if _DRAFT_BEFORE.search(body, max(0, m.start() - 25), m.start()):
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
            name = _cut_name(m["rest"], NAME_MAX_WORDS["joint" if joint else "law"])
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


def _alias_of(body: str, doc: Document, prev: Document | None) -> bool:
    """True when ``doc`` sits in the parenthesis right after ``prev`` (an alias)."""
    if prev is None or doc.span[0] < prev.span[1]:
        return False
    gap = body[prev.span[1]:doc.span[0]]
    return bool(_ALIAS_OPEN.fullmatch(gap)) and "(" in gap and len(gap) < 30


def _key(doc: Document) -> str:
    return fold(doc.symbol) if doc.symbol else f"{fold(doc.kind or '')}|{fold(doc.name or '')}"


def _dedupe(body: str, docs: list[Document]) -> list[Document]:
    """One entry per document: aliases and repeats merge into the first mention."""
    docs.sort(key=lambda d: d.span)
    out: list[Document] = []
    aliases: list[tuple[str, str]] = []  # (kind, name) folded, alias names seen
    prev: Document | None = None
    for doc in docs:
        if _alias_of(body, doc, prev):
            if doc.name:
                aliases.append((fold(doc.kind or ""), fold(doc.name)))
            continue
        prev = doc
        key = _key(doc)
        same = next((o for o in out if _key(o) == key), None)
        if same is None and doc.symbol is None and doc.name:
            k, n = fold(doc.kind or ""), fold(doc.name)
            if any(ak == k and n.startswith(an) for ak, an in aliases):
                continue
            same = next((o for o in out if o.symbol is None and o.name and fold(o.kind or "") == k
                         and (fold(o.name) in n or n in fold(o.name))), None)
        if same is None:
            out.append(doc)
            continue
        merged = same
        if merged.date is None and doc.date is not None:
            merged = replace(merged, date=doc.date)
        if doc.symbol and not _prints(body, merged) and _prints(body, doc):
            merged = replace(merged, span=doc.span)  # point at a mention printing the symbol
        out[out.index(same)] = merged
    return out


def _prints(body: str, doc: Document) -> bool:
    """True when the document's span prints its symbol as normalised ("05-CT/TW")."""
    return doc.symbol is not None and doc.symbol != "" and doc.symbol in body[doc.span[0]:doc.span[1]]


def _positions(text: str, needles: tuple[str, ...]) -> list[int]:
    out: list[int] = []
    for needle in needles:
        i = text.find(needle)
        while i >= 0:
            out.append(i)
            i = text.find(needle, i + 1)
    return out


def _symbol_starts(body: str) -> list[int]:
    """Where a symbol may start: the first digit left of each "/" (every symbol has one)."""
    starts: set[int] = set()
    i = body.find("/")
    while i >= 0:
        j = i
        # walk left over the symbol's characters ("15/2020", "439 – QĐNS", "BGD&ĐT")
        while j > 0 and i - j < SYMBOL_MAX_CHARS and (body[j - 1].isalnum() or body[j - 1] in "&-–/ "):
            j -= 1
            if body[j].isdigit() and not body[j - 1:j].isalnum():
                starts.add(j)
        i = body.find("/", i + 1)
    return sorted(starts)


def find(body: str, ctx: Context) -> list[Document]:
    """Every document cited in the body, once each, with the span of its first mention.

    Args:
        body: the cleaned body.
        ctx: unused; documents are dated from their own citation.

    Returns:
        Documents in order of first mention.
    """
    low = body.lower()
    if len(low) != len(body):  # a character whose lower case is longer: keep offsets
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in body)
    # str.find is far cheaper than a regex alternation over the whole body; the
    # regexes then run anchored at the few places found.
    kinds = sorted(_positions(low, _kinds().anchors))
    symbols = _symbol_starts(body)
    if not kinds and not symbols:
        return []
    found: list[Document] = []
    _symbols(body, symbols, found)
    _numbers(body, kinds, found, [d.span for d in found])
    _named(body, kinds, found)
    return _dedupe(body, found)
