"""Shared patterns: Vietnamese numerals and dates, compiled once.

Ordering rule for callers: match dates before numbers, so "2/4/2021" is never
read as the figures 2, 4 and 2021. Nothing here knows about any one stage.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# A Vietnamese numeral: "." groups thousands, "," is the decimal mark.
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"  # e.g. 2.853 | 1,5 | 3.048,25 | 95

# A day/month[/year] date as printed in leads and citations.
DATE_DMY = re.compile(
    r"(?<![\d/.])(?P<d>[0-3]?\d)\s*[/.\-]\s*(?P<m>[01]?\d)"  # e.g. 8/12 | 08.12
    r"(?:\s*[/.\-]\s*(?P<y>(?:19|20)\d{2}))?(?![\d/])"  # e.g. 8/12/2022
)
# "ngày 2 tháng 4 năm 2021"
DATE_WORDS = re.compile(
    r"ngày\s+(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)(?:\s+năm\s+(?P<y>(?:19|20)\d{2}))?",
    re.IGNORECASE,
)


# The blocks holding every Latin letter up to U+1EF9 (the last Vietnamese one): Basic Latin to
# IPA Extensions, then Phonetic Extensions to Latin Extended Additional. Scanning only these
# (tests/test_patterns.py checks the result against the whole range) keeps the import fast.
_LATIN_BLOCKS = ((0x41, 0x2B0), (0x1D00, 0x1EFA))


def _letters(upper: bool, blocks: tuple[tuple[int, int], ...] = _LATIN_BLOCKS) -> str:
    chars = (chr(c) for lo, hi in blocks for c in range(lo, hi))
    return "".join(
        ch
        for ch in chars
        if ch.isalpha()
        and ch.isupper() == upper
        and (ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
    )


# The upper- and lower-case letters of Vietnamese (and Latin) script, for character classes.
UPPER = _letters(True)
LOWER = _letters(False)
# A full stop glued to the next sentence ("…cấp GCN.Phó Chủ tịch"), but not the dot of an
# abbreviation ("TP.Cần Thơ", "T.Ư"): page text loses the space after captions and bylines.
GLUED_STOP = re.compile(rf"(?<!\bTP)(?<!\bTp)(?<!\b[A-ZĐ])\.(?=[{UPPER}][{LOWER}])")


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table folding one character at a time, filled as characters are met."""

    def __init__(self, keep_length: bool) -> None:
        super().__init__()
        self.keep_length = keep_length

    def __missing__(self, code: int) -> str:
        ch = chr(code).lower().replace("đ", "d")
        folded = "".join(
            c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)
        )
        if self.keep_length and len(folded) != 1:
            folded = chr(code)  # a lone combining mark or a letter lowering to two: kept as is
        self[code] = folded
        return folded


_FOLD = _FoldTable(keep_length=False)
_FOLD_SAME_LENGTH = _FoldTable(keep_length=True)


def fold(text: str) -> str:
    """Lower case without diacritics, "đ" as "d": the key of loose comparisons and of search.

    Character by character through a cached table (~5× faster than decomposing the
    whole text); the same result as lower-casing, decomposing and dropping the marks.
    """
    return text.translate(_FOLD)


def fold_table() -> dict[int, str]:
    """The table of ``fold`` that keeps every offset (``Doc.folded``)."""
    return _FOLD_SAME_LENGTH


# The date that opens a lead, with the time of day ("Sáng 8/12", "Chiều tối 28/6", "Ngày 30-5",
# "Sáng nay, 22-6", "Sáng 12/12/2022", "ngày 29.5"). The LEAD_DATE* patterns match lower-cased
# text (``Doc.lower``): case-folding Vietnamese under re.IGNORECASE costs several times more.
LEAD_DATE = re.compile(
    r"(?P<tod>sáng|trưa|chiều|tối|đêm|ngày)(?:\s+(?:tối|nay|qua|sớm|mai))?"
    r"(?:\s*,)?\s*(?:ngày\s+|hôm\s+)?"
    r"(?P<d>[0-3]?\d)\s*(?P<sep>[/.\-])\s*(?P<m>[01]?\d)(?:\s*(?P=sep)\s*(?P<y>(?:19|20)\d{2}))?"
    r"(?![\d/])"
)
# "Trong 2 ngày 14 và 15/09/2022": the first day.
LEAD_DATE_SPAN = re.compile(
    r"(?P<tod>ngày)\s+(?P<d>[0-3]?\d)\s*(?:và|,|-|–|đến)\s*[0-3]?\d\s*(?P<sep>[/.\-])\s*(?P<m>[01]?\d)"
    r"(?:\s*(?P=sep)\s*(?P<y>(?:19|20)\d{2}))?(?![\d/])"
)
# "ngày 28 tháng 6 năm 2024"
LEAD_DATE_WORDS = re.compile(
    r"(?P<tod>sáng|trưa|chiều|tối|đêm|ngày)(?:\s+ngày)?\s+(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)"
    r"(?:\s+năm\s+(?P<y>(?:19|20)\d{2}))?"
)
# "Sáng nay (14/3)", "Hôm nay (2/10/2024)": the day in brackets after "nay".
LEAD_DATE_TODAY = re.compile(
    r"(?P<tod>sáng|trưa|chiều|tối|đêm|hôm)\s+nay\s*,?\s*\(\s*(?:ngày\s+)?"  # e.g. sáng nay (
    r"(?P<d>[0-3]?\d)\s*(?P<sep>[/.\-])\s*(?P<m>[01]?\d)"  # e.g. 9/6
    r"(?:\s*(?P=sep)\s*(?P<y>(?:19|20)\d{2}))?\s*\)"  # e.g. /2024)
)
# Every form of a lead's date, most common first.
LEAD_DATES = (LEAD_DATE, LEAD_DATE_WORDS, LEAD_DATE_SPAN, LEAD_DATE_TODAY)


def parse_number(text: str) -> int | float:
    """Value of a Vietnamese numeral ("2.853" → 2853, "1,5" → 1.5).

    Raises:
        ValueError: when ``text`` is not a numeral.
    """
    t = text.strip()
    if not re.fullmatch(NUMBER, t):
        raise ValueError(f"not a Vietnamese numeral: {text!r}")
    t = t.replace(".", "").replace(",", ".")
    value = float(t)
    return int(value) if value.is_integer() and "." not in t else value


def valid_date(year: int | None, month: int, day: int) -> bool:
    """True when (year, month, day) is a real date (a leap year if year is None)."""
    try:
        date(year if year is not None else 2000, month, day)
    except ValueError:
        return False
    return True


def iso_date(year: int | None, month: int, day: int) -> str:
    """ "YYYY-MM-DD", or "--MM-DD" when the year is unknown."""
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


# An official document symbol (số ký hiệu), Party or state form. Matches the
# shape only; callers check the code against their lexicon.
DOC_SYMBOL = re.compile(
    r"(?<![\w./\-])"
    r"(?P<num>\d{1,6}[a-z]?)"  # e.g. 09 | 1234 | 36a
    r"(?:[/\-](?P<year>(?:19|20)\d{2}))?"  # e.g. 15/2020/NĐ-CP | 19-2017/NQ-CP
    # e.g. 09-CT | 439 – QĐNS (spaced: capitals only)
    r"(?:/|-|\s?[\-–]\s?(?=[A-ZĐƯ]{2,}(?![a-zđ])))"
    r"(?P<codes>[A-ZĐƯ][A-Za-zĐđƯư&]*\d{0,2}"  # e.g. CT | QĐNS | BGD&ĐT | QH14
    # e.g. /TU | NĐ – CP
    r"(?:(?:/|-|\s?[\-–]\s?(?=[A-ZĐƯ]{2,}(?![a-zđ])))[A-ZĐƯ][A-Za-zĐđƯư&]*\d{0,2})*)"
    r"(?![\w&])"
)


def positions(text: str, needles: tuple[str, ...]) -> list[int]:
    """Sorted start positions of every needle in ``text`` (str.find: far cheaper than a regex
    alternation when a stage only needs to know where its keywords stand)."""
    out: list[int] = []
    for needle in needles:
        i = text.find(needle)
        while i >= 0:
            out.append(i)
            i = text.find(needle, i + 1)
    out.sort()
    return out
