"""Stage 2: page metadata — title, publication date-time, byline, source URL and site.

Reads the normalised page's lines and says which of them are metadata, so that
``clean`` leaves them out of the body. It does not judge page furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from vnevents.stages.clean import furniture

# A publication date-time line, as portals print it.
_PUBLISHED = re.compile(
    # e.g. 15.05.2024 | 03/06/24
    r"(?:^|[\s,|(])(?P<d>[0-3]?\d)[./-](?P<m>[01]?\d)[./-](?P<y>(?:19|20)?\d{2})"
    # e.g. | 07:45:10
    r"(?:\s*[|,-]?\s*(?:lúc\s*)?(?P<H>[0-2]?\d)[:h](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?)?"
)
# Longest line that can be a date-time line ("Print Thứ Hai, 03/06/2024 09:12 Gốc").
DATE_LINE_MAX = 80
_QR_TITLE = re.compile(r"^QR\s*CODE\s*:\s*(?P<title>.+)$", re.IGNORECASE)
_URL_LINE = re.compile(r"^(?:Nguồn\s*:\s*)?(?P<url>https?://\S+)$", re.IGNORECASE)
# A lead opens with a date or a time of day: such a first line is no headline.
_LEAD_START = re.compile(
    r"^(?:\(?[A-ZĐ&]{2,}[^\s]*\)?\s*[-–.]+\s*)?"  # e.g. "ANTĐ - ", "(HNM) - "
    r"(?:sáng|trưa|chiều|tối|đêm|ngày|hôm nay|vừa qua|mới đây)\b",
    re.IGNORECASE,
)
# Headline shape: bounds calibrated on the seeds, dev set and corpus titles
# (corpus titles: 95% within 20–160 characters). Re-run tests/stages/test_metadata.py.
TITLE_MIN_CHARS = 12
TITLE_MAX_CHARS = 260
TITLE_MAX_WORDS = 45
# A byline: a short run of capitalised words (2–5 syllables), optionally
# followed by "/site" or "(organisation)".
BYLINE_MAX_WORDS = 5
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]*|[A-ZĐÀ-Ỹ]+"
_BYLINE = re.compile(
    rf"^(?P<name>(?:{_NAME_WORD})(?:[ ](?:{_NAME_WORD})){{1,{BYLINE_MAX_WORDS - 1}}})"
    r"\s*(?:[/-]\s*[\w.]+|\([^()]{1,80}\))?\s*$"
)
# The same, glued to the end of the last paragraph ("... thị trường.Thành Nam").
_TRAILING_BYLINE = re.compile(
    rf"(?<=[.!?…”\"])\s*(?P<name>(?:{_NAME_WORD})"
    rf"(?:[ ](?:{_NAME_WORD})){{1,{BYLINE_MAX_WORDS - 1}}})"
    r"\s*(?:\([^()]{1,40}\))?\s*$"
)
# A glued byline with its bracketed outlet is shorter than this ("Nguyễn Thị Thanh Hương (TTXVN)").
TRAILING_BYLINE_REACH = 200
# Words that start a sentence, never a byline.
_NOT_NAME_START = frozenset(
    (
        "Theo Tại Trong Ngoài Các Những Đồng Ông Bà Anh Chị Sáng Chiều Ngày Tối Năm Tin Ảnh Video"
    ).split()
)


@dataclass(frozen=True)
class Meta:
    title: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None
    site: str | None = None
    lines: frozenset[int] = frozenset()  # indexes of the lines that are metadata
    trailing_byline: tuple[int, int] | None = None  # (line index, start offset) of a glued byline


def site_of(url: str | None) -> str | None:
    """The host of ``url`` without "www." (None when there is no usable URL)."""
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def parse_published(line: str) -> str | None:
    """ "YYYY-MM-DD[THH:MM[:SS]]" from a date-time line, or None."""
    m = _PUBLISHED.search(line)
    if not m:
        return None
    day, month, year = int(m["d"]), int(m["m"]), int(m["y"])
    if year < 100:
        year += 2000
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1990 <= year <= 2100):
        return None
    out = f"{year:04d}-{month:02d}-{day:02d}"
    if m["H"] and int(m["H"]) < 24:
        out += f"T{int(m['H']):02d}:{m['M']}"
        if m["S"]:
            out += f":{m['S']}"
    return out


def is_date_line(line: str) -> bool:
    """A short line that is mostly a date (and time): "Thứ 4, 15.05.2024 | 07:45:10"."""
    s = line.strip()
    if not s or len(s) > DATE_LINE_MAX or s.startswith("(") or not _PUBLISHED.search(s):
        return False  # "(19/01/2022)" dates an item of a news list
    rest = _PUBLISHED.sub(" ", s)
    rest = re.sub(
        r"(?i)\b(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ\s*nhật|gmt\s*\+\s*\d+|"
        r"cập nhật|đăng|ngày|lúc|giờ)\b",
        " ",
        rest,
    )
    # widget words printed beside the date ("Print", "Gốc") are furniture (data/furniture.tsv)
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if not furniture.is_furniture(w)]
    return sum(map(len, words)) <= 6


def is_headline(line: str) -> bool:
    """A line shaped like a headline: short, no final full stop, not a lead or caption."""
    s = line.strip()
    if not (TITLE_MIN_CHARS <= len(s) <= TITLE_MAX_CHARS) or len(s.split()) > TITLE_MAX_WORDS:
        return False
    if s.endswith((".", ";", ",", ":")) or _LEAD_START.match(s) or is_date_line(s):
        return False
    if furniture.is_furniture(s) or re.search(r"\(Ảnh\s*:", s, re.IGNORECASE):
        return False
    return s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘("


def byline_name(line: str) -> str | None:
    """The name in a byline line ("HOÀNG AN/baotinh.vn" → "HOÀNG AN"), or None."""
    m = _BYLINE.match(line.strip())
    if not m or m["name"].split()[0] in _NOT_NAME_START:
        return None
    return m["name"]


def read(text: str) -> Meta:
    """Metadata of a normalised page.

    Returns:
        ``Meta`` with what the page prints (None where it prints nothing) and the
        indexes of its lines that hold metadata rather than body.
    """
    lines = text.split("\n")
    used: set[int] = set()
    title = published = author = url = None

    for i, line in enumerate(lines):
        s = line.strip()
        if furniture.ends_article(s) and i > 0:
            break  # what follows "Tin khác" dates other articles
        if published is None and is_date_line(s):
            published = parse_published(s)
            used.add(i)
        elif (m := _QR_TITLE.match(s)) and title is None:
            title = m["title"].strip()
            used.add(i)
        elif (m := _URL_LINE.match(s)) and url is None:
            url = m["url"].rstrip(".,;)")
            used.add(i)

    content = [i for i, line in enumerate(lines) if line.strip() and i not in used]
    first = next((i for i in content if not furniture.is_furniture(lines[i])), None)
    if first is not None and title is None and is_headline(lines[first]):
        nxt = next((i for i in content if i > first), None)
        if nxt is not None:  # a lone line is a body, not a headline
            title = lines[first].strip()
            used.add(first)
    elif first is not None and title is not None and lines[first].strip() == title:
        used.add(first)

    author, trailing = _find_byline(lines, used)
    if author is not None and trailing is None:
        used.update(
            i
            for i, line in enumerate(lines)
            if line.strip() and byline_name(line) == author and i > (first or 0)
        )
    return Meta(
        title=title,
        published=published,
        author=author,
        url=url,
        site=site_of(url),
        lines=frozenset(used),
        trailing_byline=trailing,
    )


# A byline sits near the end: among the last lines before furniture starts.
BYLINE_SEARCH_LINES = 8


def _find_byline(lines: list[str], used: set[int]) -> tuple[str | None, tuple[int, int] | None]:
    """The byline: a name line after the last paragraph, or a name glued to its end."""
    body_idx = [i for i, line in enumerate(lines) if line.strip() and i not in used]
    # A closing date line ("03/06/24 09:12 GMT+7") is followed by footer lines
    # (category, tags, outlet), never by the byline.
    closing = [
        i
        for i in used
        if is_date_line(lines[i]) and any(len(lines[j]) > 80 and j not in used for j in range(i))
    ]
    if closing:
        body_idx = [i for i in body_idx if i < min(closing)]
    # Stop at furniture that ends the article ("Tin khác", counters, keyword footers).
    end = len(body_idx)
    for k, i in enumerate(body_idx):
        if furniture.ends_article(lines[i]) and k > 0:
            end = k
            break
    tail = body_idx[:end][-BYLINE_SEARCH_LINES:]
    for i in reversed(tail):
        s = lines[i].strip()
        if furniture.is_furniture(s):
            continue
        name = byline_name(s)
        if name:
            return name, None
        if len(s) > 80:  # reached a paragraph: look for a name glued to its end
            # the glued byline ends the paragraph: look at its tail only (the pattern opens
            # with a look-behind, so a search from the start tries every offset)
            m = _TRAILING_BYLINE.search(s, max(0, len(s) - TRAILING_BYLINE_REACH))
            if m and m["name"].split()[0] not in _NOT_NAME_START and len(m["name"]) >= 5:
                return m["name"], (i, m.start("name"))
            return None, None
    return None, None
