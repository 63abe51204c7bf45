"""Stage 4: the primary event — type, date, time of day, period under review.

Reads the lead (the first paragraph that dates the event) and falls back on the title; where
the page prints no publication date, the event's year comes from what the text ties to the
event. Keywords and year cues are data (``data/event_types.tsv``, ``data/event_year_cues.tsv``).
It does not find places, bodies or people.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from vnevents.doc import Doc
from vnevents.patterns import LEAD_DATES, iso_date, valid_date
from vnevents.record import Event, EventType, Span, TimeOfDay
from vnevents.stages.event.types import find_type
from vnevents.stages.event.year import CITED_BEFORE, ORIGIN_BEFORE, resolve_year

# A lead whose first sentence is this short (a label, a dateline) is read whole.
MIN_SENTENCE = 60

_TOD = {
    "sáng": TimeOfDay.SANG,
    "trưa": TimeOfDay.TRUA,
    "chiều": TimeOfDay.CHIEU,
    "tối": TimeOfDay.TOI,
    "đêm": TimeOfDay.TOI,
}

# Between the lead's date and its event keyword: the date is a notice's about an earlier event.
_NOTICE = re.compile(
    # e.g. "có thông báo ý kiến … tại hội nghị"
    r"(?:có|ra|ban hành|phát hành|gửi)\s+(?:[Tt]hông báo|văn bản|công văn)(?![\w])"
    r"[^.;]*\stại\s+(?:\w+\s+){0,2}$"
)

_PERIOD = re.compile(
    # e.g. 06 tháng đầu năm 2022
    r"(?P<p>(?:\d{1,2}|sáu|chín)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+(?:19|20)\d{2})?"
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


# Before a lead date that is another day than the event's (but may still give its year).
_REFERENCE_BEFORE = re.compile(
    r"(?:tính đến|kể từ|trước đó,?)\s+(?:ngày\s+)?$"
)  # e.g. "tính đến ngày 31/5"

# Where a lead's own date stands: a paragraph's or a clause's start ("(PV) - Chiều 12-3, …",
# "Trong chuyến công tác …, sáng 4-9, …"; not "… khai trương vào ngày 1-10").
_CLAUSE_START = re.compile(r"[.,;:)–\-]\s*$")


def _first_sentence(doc: Doc, span: Span) -> Span:
    """The lead's first sentence (``Doc.boundaries``: "…Đảng bộ.Tại hội nghị" ends one), or the
    whole lead when that sentence is a short label of ``MIN_SENTENCE`` characters or fewer."""
    s, e = span
    ends = doc.boundaries.sentences
    i = bisect_right(ends, s)
    if i < len(ends) and ends[i] <= e and ends[i] - s > MIN_SENTENCE:
        return (s, ends[i])
    return (s, e)


def _not_the_event(low: str, lo: int, m: re.Match[str]) -> bool:
    """Is the lead date ``m`` a document's, a birth's, a founding's or a reference day?"""
    before = low[max(lo, m.start() - 45) : m.start()]
    return bool(
        CITED_BEFORE.search(before)
        or ORIGIN_BEFORE.search(before)
        or _REFERENCE_BEFORE.search(before)
    )


def _lead_date(doc: Doc, lead: Span, sentence_end: int) -> tuple[re.Match[str] | None, bool]:
    """The day the lead reports: the first date standing at a clause's start in its first
    sentence ("…, sáng 7-2, …"), else its first date; never a document's, a birth's or a
    founding's date ("Chỉ thị số 12 ngày 3/4/2015", "sinh ngày 2/9/1968"). Also whether the
    date opens a clause (then its sentence names the event)."""
    low = doc.lower
    dates = _dates_between(low, lead[0], sentence_end, lead[0])
    for m in dates:
        if m.start() == lead[0] or _CLAUSE_START.search(
            low, max(lead[0], m.start() - 6), m.start()
        ):
            return m, True
    if dates:
        return dates[0], False
    # After the first sentence only the first date that is the event's is wanted: each form
    # stops at its first such date (a magizbox lead is the whole article on one line).
    later = [
        d for p in _DATE_FORMS if (d := _first_event_date(p, low, sentence_end, lead[1], lead[0]))
    ]
    return (min(later, key=lambda d: (d.start(), -d.end())) if later else None), False


def _dates_between(low: str, lo: int, hi: int, lead_start: int) -> list[re.Match[str]]:
    """The lead's dates in [lo, hi) that may be the event's, in order, one per date."""
    found = sorted(
        (m for p in _DATE_FORMS for m in p.finditer(low, lo, hi)),
        key=lambda m: (m.start(), -m.end()),
    )
    dates: list[re.Match[str]] = []
    for m in found:
        if not (dates and m.start() < dates[-1].end()) and not _not_the_event(low, lead_start, m):
            dates.append(m)  # (a date read by a second form overlaps the first reading)
    return dates


def _first_event_date(
    pattern: re.Pattern[str], low: str, lo: int, hi: int, lead_start: int
) -> re.Match[str] | None:
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
        year = (
            int(m["y"])
            if m["y"]
            else resolve_year(day, month, doc, body[sentence[0] : sentence[1]])
        )
        if valid_date(year, month, day):
            date = iso_date(year, month, day)
        tod = _TOD.get(m["tod"])
        if m["tod"] == "chiều" or re.match(r"chiều\s+tối", m.group(0)):
            tod = TimeOfDay.CHIEU
    etype, span = find_type(
        body[sentence[0] : sentence[1]], sentence[0], doc.lower[sentence[0] : sentence[1]]
    )
    if m and span and _NOTICE.search(body, m.end(), span[0]):
        date = tod = None  # "Ngày 9/4, Văn phòng … có thông báo … tại hội nghị …": the notice's day
    if etype is None and title:
        etype, _ = find_type(title)
    if etype is None:
        etype, span = find_type(body[lead[0] : lead[1]], lead[0], doc.lower[lead[0] : lead[1]])
    period = None
    if etype is not None:
        search_from = span[1] if span else lead[0]
        pm = _PERIOD.search(body, search_from, sentence[1]) or (
            _PERIOD.search(title) if title else None
        )
        if pm:
            period = pm["p"]
            # The title often completes the lead's period ("06 tháng đầu năm" → "… năm 2022").
            tm = _PERIOD.search(title) if title else None
            if tm and tm["p"] != period and tm["p"].lower().startswith(period.lower()):
                period = tm["p"]
    return Event(
        type=etype or (EventType.OTHER if body else None),
        date=date,
        time_of_day=tod,
        period=period,
        span=span,
    )
