"""Stage 4: the primary event — type, date, time of day, period under review.

Reads the lead (the first paragraph that dates the event) and falls back on the title; where
the page prints no publication date, the event's year comes from what the text ties to the
event. Keywords and year cues are data (``data/event_types.tsv``, ``data/event_year_cues.tsv``).
It does not find places, bodies or people.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from datetime import date as _date
from dataclasses import dataclass
from functools import cache
from typing import Any, Iterable

from vnevents.data import load_tsv
from vnevents.doc import Doc
from vnevents.patterns import LEAD_DATES, iso_date, valid_date
from vnevents.record import Event, EventType, Span, TimeOfDay

log = logging.getLogger(__name__)

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
_CONTENT_BEFORE = re.compile(r"(?:kết quả|tiến độ|tình hình|việc|công tác|hoạt động)\s+$", re.IGNORECASE)
_ACTIVITY_BEFORE = re.compile(r"hoạt động\s+$", re.IGNORECASE)  # "hoạt động giám sát" as a topic
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
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

# --- the lead's date (matched on lower-cased text) --------------------------------------
_DATE_FORMS = LEAD_DATES
# Before a date that is not the event's: a document's, a birth's, a founding's, a reference day.
_CITED_BEFORE = re.compile(
    r"(?:\d\s*[/\-]\s*[a-zđ]\S*"  # e.g. "chỉ thị 12/2015/ct-ubnd ngày 3/4/2015", "17-ct/tw, ngày 9.3.2011"
    r"|số\s+\d\S*)[^,;.]{0,30}(?:,\s*)?(?:ngày\s+)?$"  # e.g. "quyết định số 45 ngày 2/8/2019"
)
_ORIGIN_BEFORE = re.compile(
    r"(?:sinh|thành lập|ra đời|khởi công|hiệu lực)\s+(?:vào\s+)?(?:ngày\s+)?$"  # e.g. "sinh ngày 2/9/1968"
)
# Before a lead date that is another day than the event's (but may still give its year).
_REFERENCE_BEFORE = re.compile(r"(?:tính đến|kể từ|trước đó,?)\s+(?:ngày\s+)?$")  # e.g. "tính đến ngày 31/5"
# Where a lead's own date stands: a paragraph's or a clause's start ("(PV) - Chiều 12-3, …",
# "Trong chuyến công tác …, sáng 4-9, …"; not "… khai trương vào ngày 1-10").
_CLAUSE_START = re.compile(r"[.,;:)–\-]\s*$")
_SPAN_NEXT = re.compile(r"\s*[-–]\s*\d")  # a date that opens a span "(10-10-1954 – 10-10-2024)"

# --- the year, where no publication date is printed -----------------------------------------
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# "(1698-2023)", "(10/10/1954 – 10/10/2024)", "(5.8.1962 – 5.8.2022)"
_SPAN_YEARS = re.compile(
    r"\((?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*)?(?P<y1>\d{4})\s*[-–]\s*"
    r"(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*)?(?P<y2>(?:19|20)\d{2})\s*\)"
)
_COUNT = re.compile(r"(?<![\d.,/])\d{1,4}(?![\d.,/])")
# How far before a span its count ("70 năm Ngày truyền thống ngành Kiểm sát (…)") may stand:
# the longest such stretch in the annotation pool's 25 spans is 75 characters.
SPAN_COUNT_WINDOW = 120
# The event's day lies at most this many days from a recent date printed with its year: the
# year is that date's. Calibrated on the annotation pool minus the test split, where it is the
# last resort (SOURCES.md, "Event"): 30 days, 7 years right and 4 wrong; 45, 9 and 4; 60, 9 and
# 5; 90, 12 and 4; 120, 13 and 5. The wrong ones are histories and legal cut-off dates.
NEARBY_DAYS = 90
# A review of a year held up to this month is held in the next year (RULINGS.md: a review of
# "năm 2016" held on 7/2 is in 2017); from November on, in the year itself.
REVIEW_LAST_MONTH = 10
# A year's plan or tasks name the event's year only in its first months ("nhiệm vụ năm 2024"
# on 20/2); later they may be the next year's.
PLAN_FIRST_MONTH = 4
# Keywords this strong (reviews) take over from any weaker keyword before them, however far.
OVERRIDE_ANYWHERE = 3
# A lead whose first sentence is this short (a label, a dateline) is read whole.
MIN_SENTENCE = 60
# How far before a year its cue word may stand (a list of recipients between "tuyên dương" and
# the year ran to 66 characters in the pool); the previous year mention also ends the stretch.
CUE_WINDOW = 80
_PERIOD_BEFORE = re.compile(
    r"(?:(?:\d{1,2}|những|mấy|sáu|chín|năm)\s+tháng\s+(?:đầu|cuối)\s+năm"  # e.g. 6 tháng đầu năm 2024
    r"|quý\s+[ivx]+\s*(?:/|năm)"  # e.g. quý ii/2023
    r"|tháng\s+\d{1,2}\s*(?:[/\-]|năm))\s*$"  # e.g. tháng 6/2024, tháng 5-2023
)
_RANGE_BEFORE = re.compile(r"[\w)]\s*[/\-–]\s*$|\d\.$")  # e.g. 2021-2025, 12/2020/nđ-cp, 10-5-2024, 1.5.2019
_RANGE_AFTER = re.compile(r"\s*[/\-–]\s*\w")  # e.g. 2024 - 2028
_TARGET_BEFORE = re.compile(r"(?:đến|tới|trước|từ|sau|vào|tầm nhìn)\s+(?:năm\s+)?$")  # e.g. đến năm 2020


@dataclass(frozen=True)
class _Keyword:
    """An event keyword's reading (``data/event_types.tsv``): type (None: a phrase that names no
    event), strength, and reach (how far after it a stronger keyword may still take over)."""

    type: EventType | None
    strength: int
    reach: int


@cache
def _keywords() -> tuple[re.Pattern[str], dict[str, _Keyword]]:
    """One alternation of all event keywords (matched on lower-cased text; it opens with the
    keywords' letters, so ``re`` skips ahead fast), and keyword → reading."""
    table: dict[str, _Keyword] = {}
    for row in load_tsv("event_types.tsv"):
        etype = None if row[1] == "-" else EventType(row[1])
        table[row[0].lower()] = _Keyword(etype, int(row[2]), int(row[3]) if len(row) > 3 and row[3] else 0)
    return re.compile(rf"{_trie_pattern(table)}(?!\w)"), table


def _trie_pattern(words: Iterable[str]) -> str:
    """``words`` as one regex with shared prefixes factored ("hội (?:nghị|thảo)"), several times
    faster than a flat alternation; still leftmost-longest (each optional tail is greedy)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")

    return emit(trie)


def _keyword_matches(text: str, low: str | None = None) -> list[re.Match[str]]:
    """Every keyword of ``text`` (lower-cased) standing as whole words, leftmost-longest. A phrase
    that names no event hides the keywords inside it, not one that runs past its end ("Quốc
    hội thảo luận tại hội trường" still holds "thảo luận tại hội trường")."""
    pattern, table = _keywords()
    if low is None:
        low = text.lower()
        if len(low) != len(text):
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    out, pos, hidden_to = [], 0, 0
    while (m := pattern.search(low, pos)) is not None:
        if m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] == "_"):
            pos = m.start() + 1  # inside a word: a keyword may still start later in this stretch
            continue
        if m.end() <= hidden_to:
            pos = m.start() + 1
            continue
        out.append(m)
        if table[m.group(0)].type is None:
            hidden_to, pos = m.end(), m.start() + 1
        else:
            pos = m.end()
    return out


def _first_sentence(doc: Doc, span: Span) -> Span:
    """The lead's first sentence (``Doc.boundaries``: "…Đảng bộ.Tại hội nghị" ends one), or the
    whole lead when that sentence is a short label of ``MIN_SENTENCE`` characters or fewer."""
    s, e = span
    ends = doc.boundaries.sentences
    i = bisect_right(ends, s)
    if i < len(ends) and ends[i] <= e and ends[i] - s > MIN_SENTENCE:
        return (s, ends[i])
    return (s, e)


def find_type(text: str, offset: int = 0, low: str | None = None) -> tuple[EventType | None, Span | None]:
    """The event type named in ``text``: the strongest keyword, the earliest among equals; a
    stronger keyword takes over from a weaker one before it only within that one's reach, a
    review keyword anywhere (see ``data/event_types.tsv``).

    Args:
        text: a sentence, a lead or a headline.
        offset: where ``text`` starts in the body (for the span).
        low: ``text`` lower-cased offset for offset, when already at hand (``Doc.lower``).

    Returns:
        The type and the span of its keyword, or (None, None).
    """
    _, table = _keywords()
    best: tuple[_Keyword, re.Match[str]] | None = None
    last_end = 0
    for m in _keyword_matches(text, low):
        kw = table[m.group(0)]
        if kw.type is None:
            continue  # "Quốc hội thảo luận", "Hội đồng Thi đua - Khen thưởng": no event named
        if kw.type in (EventType.TONG_KET, EventType.SO_KET) and _REPORT_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        if _BODY_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "Ủy ban Kiểm tra", "Ban Giám sát": a body's name, not the event
        if kw.type is EventType.TRIEN_KHAI and _CONTENT_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue  # "rà soát kết quả triển khai …": what is discussed, not a rollout
        if kw.type is EventType.KIEM_TRA and _ACTIVITY_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "nghị quyết về hoạt động giám sát": a topic (3 pool leads)
        if best is None:
            best = (kw, m)
        elif kw.strength > best[0].strength and (
            kw.strength >= OVERRIDE_ANYWHERE or best[0].strength == 0 or m.start() - last_end <= best[0].reach
        ):
            best = (kw, m)
        last_end = m.end()
    if best is None:
        return None, None
    return best[0].type, (offset + best[1].start(), offset + best[1].end())


def _not_the_event(low: str, lo: int, m: re.Match[str]) -> bool:
    """Is the lead date ``m`` a document's, a birth's, a founding's or a reference day?"""
    before = low[max(lo, m.start() - 45) : m.start()]
    return bool(_CITED_BEFORE.search(before) or _ORIGIN_BEFORE.search(before) or _REFERENCE_BEFORE.search(before))


def _lead_date(doc: Doc, lead: Span, sentence_end: int) -> tuple[re.Match[str] | None, bool]:
    """The day the lead reports: the first date standing at a clause's start in its first
    sentence ("…, sáng 7-2, …"), else its first date; never a document's, a birth's or a
    founding's date ("Chỉ thị số 12 ngày 3/4/2015", "sinh ngày 2/9/1968"). Also whether the
    date opens a clause (then its sentence names the event)."""
    low = doc.lower
    dates = _dates_between(low, lead[0], sentence_end, lead[0])
    for m in dates:
        if m.start() == lead[0] or _CLAUSE_START.search(low, max(lead[0], m.start() - 6), m.start()):
            return m, True
    if dates:
        return dates[0], False
    # After the first sentence only the first date that is the event's is wanted: each form
    # stops at its first such date (a magizbox lead is the whole article on one line).
    later = [d for p in _DATE_FORMS if (d := _first_event_date(p, low, sentence_end, lead[1], lead[0]))]
    return (min(later, key=lambda d: (d.start(), -d.end())) if later else None), False


def _dates_between(low: str, lo: int, hi: int, lead_start: int) -> list[re.Match[str]]:
    """The lead's dates in [lo, hi) that may be the event's, in order, one per date."""
    found = sorted((m for p in _DATE_FORMS for m in p.finditer(low, lo, hi)), key=lambda m: (m.start(), -m.end()))
    dates: list[re.Match[str]] = []
    for m in found:
        if not (dates and m.start() < dates[-1].end()) and not _not_the_event(low, lead_start, m):
            dates.append(m)  # (a date read by a second form overlaps the first reading)
    return dates


def _first_event_date(pattern: re.Pattern[str], low: str, lo: int, hi: int, lead_start: int) -> re.Match[str] | None:
    while (m := pattern.search(low, lo, hi)) is not None and _not_the_event(low, lead_start, m):
        lo = m.end()
    return m


def _sentence_at(doc: Doc, lead: Span, pos: int) -> Span:
    """The sentence of the lead that holds ``pos``."""
    ends = doc.boundaries.sentences
    i = bisect_right(ends, pos)
    start = max(lead[0], ends[i - 1] if i else 0)
    end = min(lead[1], ends[i]) if i < len(ends) else lead[1]
    return (start, end)


def _span_year(doc: Doc) -> int | None:
    """The end year of an anniversary span whose count is printed before it: "kỷ niệm 325 năm
    … (1698-2023)", "60 năm … (5.8.1962 – 5.8.2022)" (RULINGS.md: a span settles the year)."""
    body = doc.body
    for m in _SPAN_YEARS.finditer(body):
        count = str(int(m["y2"]) - int(m["y1"]))
        before = body[max(0, m.start() - SPAN_COUNT_WINDOW) : m.start()]
        if count in _COUNT.findall(before.rsplit(".", 1)[-1]):
            return int(m["y2"])
    return None


def _same_day_year(day: int, month: int, doc: Doc) -> int | None:
    """The year of the event's day printed with a year elsewhere ("… ngày 14/3/2024"), not as a
    document's, a birth's or a founding's date, nor as the start of a span."""
    low, years = doc.lower, []
    for d in doc.full_dates:
        if (d.day, d.month) != (day, month):
            continue
        before = low[max(0, d.span[0] - 45) : d.span[0]]
        if _CITED_BEFORE.search(before) or _ORIGIN_BEFORE.search(before) or _SPAN_NEXT.match(low, d.span[1]):
            continue
        years.append(d.year)
    return max(years) if years else None


def _nearby_year(day: int, month: int, doc: Doc) -> int | None:
    """The one year that puts the event's day within ``NEARBY_DAYS`` of the recent dates the text
    prints with their year ("Tính đến ngày 30/9/2023" in a report of a meeting on 12/10; "Trước
    đó, ngày 2/8/2023, đoàn đã …" in one on 6/9); None when they disagree. Documents', births',
    foundings' and spans' opening dates are left out, and dates more than a year older than the
    latest printed one (a history recalled: "ngày 2/9/1945")."""
    low, years = doc.lower, set()
    latest = max((d.year for d in doc.full_dates), default=0)
    for d in doc.full_dates:
        before = low[max(0, d.span[0] - 45) : d.span[0]]
        if (d.year < latest - 1 or _CITED_BEFORE.search(before) or _ORIGIN_BEFORE.search(before)
                or _SPAN_NEXT.match(low, d.span[1])):
            continue
        for year in (d.year - 1, d.year, d.year + 1):
            if valid_date(year, month, day) and abs((_date(year, month, day) - _date(d.year, d.month, d.day)).days) <= NEARBY_DAYS:
                years.add(year)
    return years.pop() if len(years) == 1 else None


@cache
def _year_cues() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {row[0].lower(): row[1] for row in load_tsv("event_year_cues.tsv")}
    return re.compile(rf"(?<!\w){_trie_pattern(table)}(?!\w)"), table


def _cued_year(text: str, month: int) -> int | None:
    """The event's year from the years a lead sentence or a headline prints, read by their cue
    words (``data/event_year_cues.tsv``): a current period ("6 tháng đầu năm 2024", "quý
    II/2023") gives its year; a year under review and the next one's tasks ("tổng kết năm 2023,
    … nhiệm vụ năm 2024") give the later one; a year with no cue names the event's own year
    ("Đại hội … năm 2024"); laws, targets, ranges and prizes settle nothing."""
    low = text.lower()
    cue_pattern, cues = _year_cues()
    printed: list[int] = []
    periods: set[int] = set()
    derived: set[int] = set()
    prev = 0
    for m in _YEAR.finditer(low):
        year, near = int(m.group(1)), low[max(0, m.start() - 30) : m.start()]
        before, prev = low[max(prev, m.start() - CUE_WINDOW) : m.start()], m.end()
        if _PERIOD_BEFORE.search(near):
            periods.add(year)
            printed.append(year)
            continue
        if _RANGE_BEFORE.search(near) or _RANGE_AFTER.match(low, m.end()) or _TARGET_BEFORE.search(near):
            continue
        kind = ""
        for c in cue_pattern.finditer(re.split(r"[.;]", before)[-1]):
            kind = cues[c.group(0)]
        if kind == "name":
            continue
        printed.append(year)
        if kind == "review":
            derived.add(year + 1 if month <= REVIEW_LAST_MONTH else year)
        elif kind == "plan":
            if month <= PLAN_FIRST_MONTH:
                derived.add(year)
        elif kind != "award":
            derived.add(year)
    seen = set(printed)
    pairs = [y for y in seen if y + 1 in seen]
    if pairs:  # a year reviewed and the next one planned (RULINGS.md, "Date's year")
        return max(pairs) + 1 if month <= REVIEW_LAST_MONTH else max(pairs)
    if len(periods) == 1:
        return periods.pop()
    return derived.pop() if len(derived) == 1 and not periods else None


def _resolve_year(day: int, month: int, doc: Doc, sentence: str) -> int | None:
    """The event's year from the publication date, or from the text where it settles it:
    an anniversary span, the same day printed with its year, the years the lead's first
    sentence (else the headline) ties to the event, a date printed within a few weeks."""
    if doc.published and _ISO_DAY.match(doc.published):
        pub_year, pub_month = int(doc.published[:4]), int(doc.published[5:7])
        # An event in December reported in January belongs to the year before.
        return pub_year - 1 if month - pub_month > 6 else pub_year
    for year in (_span_year(doc), _same_day_year(day, month, doc), _cued_year(sentence, month),
                 _cued_year(doc.title, month) if doc.title else None, _nearby_year(day, month, doc)):
        if year is not None:
            return year
    return None


def find(doc: Doc) -> Event:
    """The primary event of the article.

    Args:
        doc: the analysed document (its lead, title and publication date are read).

    Returns:
        ``Event`` with type, date ("YYYY-MM-DD" or "--MM-DD"), time of day,
        period and the span of the type keyword; None where the text is silent.
    """
    body, title = doc.body, doc.title
    lead = doc.lead
    sentence = _first_sentence(doc, lead)
    date = tod = None
    m, opens_clause = _lead_date(doc, lead, sentence[1])
    if m and opens_clause and m.start() > sentence[0]:
        # "Ông A phát biểu tại buổi làm việc. Sáng 15/9, Đoàn kiểm tra …": a caption before the
        # dated sentence, which names the event.
        sentence = _sentence_at(doc, lead, m.start())
    if m:
        day, month = int(m["d"]), int(m["m"])
        year = int(m["y"]) if m["y"] else _resolve_year(day, month, doc, body[sentence[0] : sentence[1]])
        if valid_date(year, month, day):
            date = iso_date(year, month, day)
        tod = _TOD.get(m["tod"])
        if m["tod"] == "chiều" or re.match(r"chiều\s+tối", m.group(0)):
            tod = TimeOfDay.CHIEU
    etype, span = find_type(body[sentence[0] : sentence[1]], sentence[0], doc.lower[sentence[0] : sentence[1]])
    if m and span and _NOTICE.search(body, m.end(), span[0]):
        date = tod = None  # "Ngày 9/4, Văn phòng … có thông báo … tại hội nghị …": the notice's day
    if etype is None and title:
        etype, _ = find_type(title)
    if etype is None:
        etype, span = find_type(body[lead[0] : lead[1]], lead[0], doc.lower[lead[0] : lead[1]])
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
