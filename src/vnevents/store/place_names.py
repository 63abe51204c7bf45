"""Province names in a search query, and the provinces whose reports a name covers.

"lang son" in the search box also means "any report placed in Lạng Sơn" (the places
stage records a commune's province), and a province of today also covers the
provinces merged into it in 2025 ("bac ninh" finds a 2020 report from Bắc Giang).
Names come from the administrative-unit tables in ``vnevents.data``; this module
reads no database and builds no SQL.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from vnevents.data import load_tsv
from vnevents.record import fold

log = logging.getLogger(__name__)
WORD = re.compile(r"[^\W_]+")  # a token of the FTS5 unicode61 tokenizer (as in ``query``)

# Type words a reader may type before a province name ("tinh lang son", "tp hcm").
TYPE_WORDS: tuple[tuple[str, ...], ...] = (("thanh", "pho"), ("tinh",), ("tp",))


@dataclass(frozen=True)
class PlaceMatch:
    """Query words ``start``..``end`` (term indexes) name a province; ``provinces`` are the
    names (as stored in ``places.province``) whose reports it covers."""

    start: int
    end: int
    name: str
    provinces: tuple[str, ...]


@cache
def _names() -> dict[tuple[str, ...], tuple[str, tuple[str, ...]]]:
    """Folded name words → (canonical name, provinces covered), every era and alias."""
    rows = [*load_tsv("admin_units.tsv"), *load_tsv("admin_units_former.tsv")]
    by_era: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        era, code, level, name = row[0], row[1], row[2], row[3]
        if level == "tinh":
            by_era.setdefault(era, {}).setdefault(code, []).append(name)
    old_to_new = {
        old: new.split(",") for old, new in load_tsv("admin_old_to_new.tsv") if len(old) == 2
    }
    covered: dict[str, set[str]] = {}
    for era in ("old", "former"):
        for code, names in by_era.get(era, {}).items():
            for name in names:
                covered.setdefault(name, set()).add(name)
                for new_code in old_to_new.get(code, []):
                    for new_name in by_era.get("new", {}).get(new_code, []):
                        covered.setdefault(new_name, set()).add(name)  # merged into it
    for names in by_era.get("new", {}).values():
        for name in names:
            covered.setdefault(name, set()).add(name)
    out: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
    for name, provinces in covered.items():
        out[_key(name)] = (name, tuple(sorted(provinces)))
    for surface, canonical, _bare in load_tsv("admin_aliases.tsv"):
        if canonical in covered:
            out.setdefault(_key(surface), (canonical, tuple(sorted(covered[canonical]))))
    return out


def _key(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(fold(text)))


def find_places(words: list[str]) -> list[PlaceMatch]:
    """Province names among consecutive query ``words`` (folded), longest first, left to right.

    A type word just before a name ("tinh", "thanh pho", "tp") joins the match, so
    "tinh lang son" does not also require the word "tỉnh" of a report placed there.
    """
    names = _names()
    longest = max((len(k) for k in names), default=0)
    out: list[PlaceMatch] = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            hit = names.get(tuple(words[i : i + n]))
            if hit is None:
                continue
            start = i
            for type_words in TYPE_WORDS:
                k = len(type_words)
                if (
                    start - k >= (out[-1].end if out else 0)
                    and tuple(words[start - k : start]) == type_words
                ):
                    start -= k
                    break
            out.append(PlaceMatch(start, i + n, hit[0], hit[1]))
            i += n
            break
        else:
            i += 1
    return out
