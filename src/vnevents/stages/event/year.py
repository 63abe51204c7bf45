"""The event's year for stage 4, where the page prints no publication date: anniversary spans,
the same day printed with its year, years the dated sentence ties to the event by cue words
(``data/event_year_cues.tsv``), a date printed nearby. It does not find the day itself.
"""

from __future__ import annotations

import re
from datetime import date as _date
from functools import cache

from vnevents.data import load_tsv
from vnevents.doc import Doc
from vnevents.patterns import valid_date
from vnevents.stages.event.types import trie_pattern

_SPAN_NEXT = re.compile(r"\s*[-–]\s*\d")  # a date that opens a span "(10-10-1954 – 10-10-2024)"

# Before a date that is not the event's: a birth's or a founding's (ORIGIN_BEFORE), a document's
# (CITED_BEFORE).
ORIGIN_BEFORE = re.compile(
    # e.g. "sinh ngày 2/9/1968"
    r"(?:sinh|thành lập|ra đời|khởi công|hiệu lực)\s+(?:vào\s+)?(?:ngày\s+)?$"
)

CITED_BEFORE = re.compile(
    # e.g. "chỉ thị 12/2015/ct-ubnd ngày 3/4/2015", "17-ct/tw, ngày 9.3.2011"
    r"(?:\d\s*[/\-]\s*[a-zđ]\S*"
    r"|số\s+\d\S*)[^,;.]{0,30}(?:,\s*)?(?:ngày\s+)?$"  # e.g. "quyết định số 45 ngày 2/8/2019"
)

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

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


# How far before a year its cue word may stand (a list of recipients between "tuyên dương" and
# the year ran to 66 characters in the pool); the previous year mention also ends the stretch.
CUE_WINDOW = 80

_PERIOD_BEFORE = re.compile(
    # e.g. 6 tháng đầu năm 2024
    r"(?:(?:\d{1,2}|những|mấy|sáu|chín|năm)\s+tháng\s+(?:đầu|cuối)\s+năm"
    r"|quý\s+[ivx]+\s*(?:/|năm)"  # e.g. quý ii/2023
    r"|tháng\s+\d{1,2}\s*(?:[/\-]|năm))\s*$"  # e.g. tháng 6/2024, tháng 5-2023
)

_RANGE_BEFORE = re.compile(
    r"[\w)]\s*[/\-–]\s*$|\d\.$"
)  # e.g. 2021-2025, 12/2020/nđ-cp, 10-5-2024, 1.5.2019

_RANGE_AFTER = re.compile(r"\s*[/\-–]\s*\w")  # e.g. 2024 - 2028

_TARGET_BEFORE = re.compile(
    r"(?:đến|tới|trước|từ|sau|vào|tầm nhìn)\s+(?:năm\s+)?$"
)  # e.g. đến năm 2020


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
        if (
            CITED_BEFORE.search(before)
            or ORIGIN_BEFORE.search(before)
            or _SPAN_NEXT.match(low, d.span[1])
        ):
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
        if (
            d.year < latest - 1
            or CITED_BEFORE.search(before)
            or ORIGIN_BEFORE.search(before)
            or _SPAN_NEXT.match(low, d.span[1])
        ):
            continue
        for year in (d.year - 1, d.year, d.year + 1):
            if (
                valid_date(year, month, day)
                and abs((_date(year, month, day) - _date(d.year, d.month, d.day)).days)
                <= NEARBY_DAYS
            ):
                years.add(year)
    return years.pop() if len(years) == 1 else None


@cache
def _year_cues() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {row[0].lower(): row[1] for row in load_tsv("event_year_cues.tsv")}
    return re.compile(rf"(?<!\w){trie_pattern(table)}(?!\w)"), table


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
        if (
            _RANGE_BEFORE.search(near)
            or _RANGE_AFTER.match(low, m.end())
            or _TARGET_BEFORE.search(near)
        ):
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


def resolve_year(day: int, month: int, doc: Doc, sentence: str) -> int | None:
    """The event's year from the publication date, or from the text where it settles it:
    an anniversary span, the same day printed with its year, the years the lead's first
    sentence (else the headline) ties to the event, a date printed within a few weeks."""
    if doc.published and _ISO_DAY.match(doc.published):
        pub_year, pub_month = int(doc.published[:4]), int(doc.published[5:7])
        # An event in December reported in January belongs to the year before.
        return pub_year - 1 if month - pub_month > 6 else pub_year
    for year in (
        _span_year(doc),
        _same_day_year(day, month, doc),
        _cued_year(sentence, month),
        _cued_year(doc.title, month) if doc.title else None,
        _nearby_year(day, month, doc),
    ):
        if year is not None:
            return year
    return None
