"""Stage 4: the primary event — type, date, time of day, period under review.

Reads the lead (the first paragraph that dates the event) and falls back on
the title. The event keywords are data (``data/event_types.tsv``). It does not
find places, bodies or people.
"""

from __future__ import annotations

import re
from functools import cache

from vnevents.data import load_tsv
from vnevents.doc import Doc
from vnevents.patterns import LEAD_DATES, iso_date, valid_date
from vnevents.record import Event, EventType, Span, TimeOfDay

_TOD = {"sáng": TimeOfDay.SANG, "trưa": TimeOfDay.TRUA, "chiều": TimeOfDay.CHIEU,
        "tối": TimeOfDay.TOI, "đêm": TimeOfDay.TOI}
# Words that turn a following review keyword into a document's name
# ("Dự thảo Báo cáo tổng kết" is a meeting about a report, not a review).
_REPORT_BEFORE = re.compile(r"(?:báo cáo|dự thảo|đề án|kế hoạch)\s*$", re.IGNORECASE)
_BODY_BEFORE = re.compile(r"(?:Ủy ban|Ban|Cục|Vụ|Sở|Viện|Trung tâm|Trường|Phòng)\s+$")
# Between the lead's date and its event keyword: the date is a notice's about an earlier event.
_NOTICE = re.compile(
    r"(?:có|ra|ban hành|phát hành|gửi)\s+(?:[Tt]hông báo|văn bản|công văn)(?![\w])"  # e.g. "có thông báo ý kiến … tại hội nghị"
    r"[^.;]*\stại\s+(?:\w+\s+){0,2}$")
_CONTENT_BEFORE = re.compile(r"(?:kết quả|tiến độ|tình hình|việc|công tác)\s+$", re.IGNORECASE)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_ANNIVERSARY = re.compile(r"\((?:19|20)\d{2}\s*[-–]\s*(?P<y>(?:19|20)\d{2})\)")
_YEAR_IN_TEXT = re.compile(r"(?:trong|của)\s+năm\s+(?P<y>(?:19|20)\d{2})\b")
_PERIOD = re.compile(
    r"(?P<p>(?:\d{1,2}|sáu|chín)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+(?:19|20)\d{2})?"  # e.g. 06 tháng đầu năm 2022
    r"|giai đoạn\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}"  # e.g. giai đoạn 2008 – 2013
    r"|nhiệm kỳ\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}"  # e.g. nhiệm kỳ 2020-2025
    r"|\d{1,2}\s+năm\s*\((?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\)"  # e.g. 8 năm (2004 - 2013)
    r"|quý\s+[IV]+(?:\s*/\s*|\s+năm\s+)(?:19|20)\d{2}"  # e.g. quý I/2023
    r"|năm\s+học\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}"  # e.g. năm học 2022-2023
    r"|năm\s+(?:19|20)\d{2})",  # e.g. năm 2022
    re.IGNORECASE,
)


@cache
def _keywords() -> tuple[re.Pattern[str], dict[str, tuple[EventType, int]]]:
    """One alternation of all event keywords (matched on lower-cased text; it opens with the
    keywords' letters, so ``re`` skips ahead fast), and keyword → (type, strength)."""
    table: dict[str, tuple[EventType, int]] = {}
    for row in load_tsv("event_types.tsv"):
        table[row[0].lower()] = (EventType(row[1]), int(row[2]))
    alternation = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?:{alternation})(?!\w)"), table


def _keyword_matches(text: str) -> list[re.Match[str]]:
    """Every keyword of ``text`` (lower-cased) standing as whole words, leftmost-longest."""
    pattern, _ = _keywords()
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    out, pos = [], 0
    while (m := pattern.search(low, pos)) is not None:
        if m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] == "_"):
            pos = m.start() + 1  # inside a word: a keyword may still start later in this stretch
            continue
        out.append(m)
        pos = m.end()
    return out


def _first_sentence(body: str, span: Span) -> Span:
    s, e = span
    m = re.search(r"[.!?](?:\s|$)", body[s:e])
    if m and m.end() > 60:
        return (s, s + m.end())
    return (s, e)


def find_type(text: str, offset: int = 0) -> tuple[EventType | None, Span | None]:
    """The event type named in ``text``: strongest keyword, the earliest among equals."""
    _, table = _keywords()
    best: tuple[int, int, EventType, Span] | None = None
    for m in _keyword_matches(text):
        etype, strength = table[m.group(0)]
        if etype in (EventType.TONG_KET, EventType.SO_KET) and _REPORT_BEFORE.search(text[: m.start()]):
            continue
        if _BODY_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "Ủy ban Kiểm tra", "Ban Giám sát": a body's name, not the event
        if etype is EventType.TRIEN_KHAI and _CONTENT_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue  # "rà soát kết quả triển khai …": what is discussed, not a rollout
        rank = (-strength, m.start())
        if best is None or rank < (best[0], best[1]):
            best = (rank[0], rank[1], etype, (offset + m.start(), offset + m.end()))
    if best is None:
        return None, None
    return best[2], best[3]


def _resolve_year(day: int, month: int, doc: Doc) -> int | None:
    """The event's year from the publication date, or from the text where it settles it."""
    body, lead = doc.body, doc.lead
    if doc.published and _ISO_DAY.match(doc.published):
        pub_year, pub_month = int(doc.published[:4]), int(doc.published[5:7])
        # An event in December reported in January belongs to the year before.
        return pub_year - 1 if month - pub_month > 6 else pub_year
    # The same day and month printed with a year elsewhere ("30/4/2021").
    same = [d.year for d in doc.full_dates if (d.day, d.month) == (day, month)]
    if same:  # the latest, as in an anniversary "(28-6-2001 – 28-6-2025)"
        return max(same)
    if doc.title:  # one year in the headline ("… tổng kết năm 2022")
        years = set(_YEAR.findall(doc.title))
        if len(years) == 1:
            return int(years.pop())
    # An anniversary in the lead, "60 năm thành lập (1965-2025)", ends in the event's year.
    anniversary = _ANNIVERSARY.search(body, 0, lead[1] or 400)
    if anniversary:
        return int(anniversary["y"])
    m = _YEAR_IN_TEXT.search(body)
    if m:
        return int(m["y"])
    # Last resort: the year of the latest full date the report prints ("bế mạc
    # vào ngày 3/8/2021" in a report on the preparations).
    printed = [d.year for d in doc.full_dates if d.seps == "//"]
    return max(printed) if printed else None


def find(doc: Doc) -> Event:
    """The primary event of the article.

    Args:
        doc: the analysed document (its lead, title and publication date are read).

    Returns:
        ``Event`` with type, date ("YYYY-MM-DD" or "--MM-DD"), time of day,
        period and the span of the type keyword; None where the text is silent.
    """
    body, lead, title = doc.body, doc.lead, doc.title
    date = tod = None
    m = next((found for p in LEAD_DATES if (found := p.search(doc.lower, lead[0], lead[1]))), None)
    if m:
        day, month = int(m["d"]), int(m["m"])
        year = int(m["y"]) if m["y"] else _resolve_year(day, month, doc)
        if valid_date(year, month, day):
            date = iso_date(year, month, day)
        tod = _TOD.get(m["tod"].lower())
        if m["tod"].lower() == "chiều" or re.match(r"chiều\s+tối", m.group(0), re.IGNORECASE):
            tod = TimeOfDay.CHIEU
    sentence = _first_sentence(body, lead)
    etype, span = find_type(body[sentence[0] : sentence[1]], sentence[0])
    if m and span and _NOTICE.search(body, m.end(), span[0]):
        date = tod = None  # "Ngày 7/2, Văn phòng Chính phủ có thông báo … tại hội nghị …": the notice's day
    if etype is None and title:
        etype, _ = find_type(title)
    if etype is None:
        etype, span = find_type(body[lead[0] : lead[1]], lead[0])
    period = None
    if etype is not None:
        search_from = span[1] if span else lead[0]
        pm = _PERIOD.search(body, search_from, sentence[1]) or (_PERIOD.search(title) if title else None)
        if pm:
            period = pm["p"]
            # The title often completes the lead's period ("06 tháng đầu năm" → "… năm 2022").
            tm = _PERIOD.search(title) if title else None
            if tm and tm["p"] != period and tm["p"].lower().startswith(period.lower()):
                period = tm["p"]
    return Event(type=etype or (EventType.OTHER if body else None), date=date, time_of_day=tod,
                 period=period, span=span)
