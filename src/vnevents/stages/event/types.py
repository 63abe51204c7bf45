"""Event types for stage 4: the keywords of ``data/event_types.tsv`` read in a stretch of text
(strongest keyword, earliest among equals, within the weaker keyword's reach). It does not date
the event (``year``) or choose the stretch (``event``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from vnevents.data import load_tsv
from vnevents.record import EventType, Span

# Keywords this strong (reviews) take over from any weaker keyword before them, however far.
OVERRIDE_ANYWHERE = 3

# Words that turn a following review keyword into a document's name
# (a meeting on a year-end report's draft is about a report, not a review).
_REPORT_BEFORE = re.compile(r"(?:báo cáo|dự thảo|đề án|kế hoạch)\s*$", re.IGNORECASE)

_BODY_BEFORE = re.compile(r"(?:Ủy ban|Ban|Cục|Vụ|Sở|Viện|Trung tâm|Trường|Phòng)\s+$")

_CONTENT_BEFORE = re.compile(
    r"(?:kết quả|tiến độ|tình hình|việc|công tác|hoạt động)\s+$", re.IGNORECASE
)

_ACTIVITY_BEFORE = re.compile(r"hoạt động\s+$", re.IGNORECASE)  # "hoạt động giám sát" as a topic


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
        table[row[0].lower()] = _Keyword(
            etype, int(row[2]), int(row[3]) if len(row) > 3 and row[3] else 0
        )
    return re.compile(rf"{trie_pattern(table)}(?!\w)"), table


def trie_pattern(words: Iterable[str]) -> str:
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


def find_type(
    text: str, offset: int = 0, low: str | None = None
) -> tuple[EventType | None, Span | None]:
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
        if kw.type in (EventType.TONG_KET, EventType.SO_KET) and _REPORT_BEFORE.search(
            text[max(0, m.start() - 20) : m.start()]
        ):
            continue
        if _BODY_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "Ủy ban Kiểm tra", "Ban Giám sát": a body's name, not the event
        if kw.type is EventType.TRIEN_KHAI and _CONTENT_BEFORE.search(
            text[max(0, m.start() - 20) : m.start()]
        ):
            continue  # "rà soát kết quả triển khai …": what is discussed, not a rollout
        if kw.type is EventType.KIEM_TRA and _ACTIVITY_BEFORE.search(
            text[max(0, m.start() - 12) : m.start()]
        ):
            continue  # "nghị quyết về hoạt động giám sát": a topic (3 pool leads)
        if best is None:
            best = (kw, m)
        elif kw.strength > best[0].strength and (
            kw.strength >= OVERRIDE_ANYWHERE
            or best[0].strength == 0
            or m.start() - last_end <= best[0].reach
        ):
            best = (kw, m)
        last_end = m.end()
    if best is None:
        return None, None
    return best[0].type, (offset + best[1].start(), offset + best[1].end())
