"""Cues for page furniture: which single lines are site chrome, and which end an article.

Line-shape cues that hold across portals (counters, pagers, share and QR
widgets, image placeholders, keyword footers); the phrases are data in
``data/furniture.tsv``. Deciding about captions and spliced sidebars is ``clean``'s.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from vnevents.data import load_tsv

# No furniture line is longer than this (the longest seen in the seeds' widgets
# is under 90 characters); longer lines are article text and skip the checks.
FURNITURE_MAX_CHARS = 160

_COUNTER = re.compile(
    # e.g. 680 lượt xem
    r"^\d[\d.,]*\s+(?:lượt\s+(?:xem|đọc|truy cập|thích|chia sẻ)|views?|bình luận|lần đọc)$"
    r"|^(?:lượt xem|lượt truy cập|số lượt truy cập|đang online|đang truy cập|hôm nay|hôm qua|"
    r"trong tuần|tuần này|trong tháng|tháng này|tất cả|tổng(?: số)?(?: lượt)? truy cập|"
    r"tổng cộng|online|khách)\s*:\s*[\d.,]+$",  # e.g. Đang online: 21
    re.IGNORECASE,
)
_PAGER = re.compile(
    r"^(?:[\d]{1,3}\s*){1,12}(?:\.{2,}|…)?\s*(?:[›»>]+|trang sau|tiếp)?$", re.IGNORECASE
)
_BULLET_DATE = re.compile(r"^[•·\-–*]?\s*\(\d{1,2}/\d{1,2}/\d{2,4}\)$")  # e.g. (19/01/2022)
_IMAGE_WORDS = re.compile(
    r"^(?:anh tin bai|ảnh tin bài|image|img|photo|hình ảnh|ảnh)\s*\d*$", re.IGNORECASE
)


@cache
def _phrases() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(lines that are furniture, lines after which the article has ended, prefixes)."""
    exact: set[str] = set()
    enders: set[str] = set()
    prefixes: list[str] = []
    for row in load_tsv("furniture.tsv"):
        kind, phrase = row[0], row[1].lower()
        if kind == "line":
            exact.add(phrase)
        elif kind == "end":
            enders.add(phrase)
            exact.add(phrase)
        elif kind == "prefix":
            prefixes.append(phrase)
    return frozenset(exact), frozenset(enders), tuple(prefixes)


def _key(line: str) -> str:
    return " ".join(line.strip(" \t•·*-–|>:").split()).lower()


@lru_cache(maxsize=4096)  # metadata and clean ask about the same lines of a page
def is_furniture(line: str) -> bool:
    """True for a line that is site chrome, never article text."""
    s = line.strip()
    if not s or len(s) > FURNITURE_MAX_CHARS:
        return False
    exact, _, prefixes = _phrases()
    key = _key(s)
    if key in exact or key.startswith(prefixes):
        return True
    return bool(
        _COUNTER.match(key) or _PAGER.match(s) or _BULLET_DATE.match(s) or _IMAGE_WORDS.match(key)
    )


@lru_cache(maxsize=4096)
def ends_article(line: str) -> bool:
    """True for a line after which only furniture follows ("Tin khác", "Bài liên quan")."""
    if len(line) > FURNITURE_MAX_CHARS:
        return False
    _, enders, _ = _phrases()
    return _key(line) in enders
