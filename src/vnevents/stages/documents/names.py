"""Documents cited by name rather than symbol, for the documents stage: laws and
ordinances ("Luật An ninh mạng"), joint resolutions, and central Party plenums
and congresses ("Nghị quyết Trung ương 6, khóa X"). Symbols and numbers are
``documents``' own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from vnevents.data import load_lines
from vnevents.patterns import DOC_SYMBOL
from vnevents.record import Document
from vnevents.stages.documents.spans import Cover
from vnevents.stages.documents.words import Words, words

# A law's name written as its initials: "HTX", "BHYT".
_ACRONYM = re.compile(r"[A-ZĐ]{2,}")
# A comma between a name's segments; "Phòng, chống …" is one phrase in law names.
_NAME_COMMA = re.compile(r",(?!\s*chống\b)")
# Spaces printed inside brackets: "( khóa XI )".
_INNER_SPACE = re.compile(r"(?<=\()\s+|\s+(?=\))")
# What may stand between a law's name and its symbol ("Luật An ninh mạng số 24/2018/QH14").
_SO = re.compile(r"\s*(?:số\s*)?")
# Longest name accepted for a document cited by name (words); longer runs are
# sentences, not names. Laws run to 8 words, joint resolutions to about 20.
NAME_MAX_WORDS = {"law": 9, "joint": 22}
# After a comma a name goes on only through segments this short ("tín ngưỡng, tôn giáo").
COMMA_SEGMENT_MAX_WORDS = 4

# Names of central Party plenums and congresses: "Trung ương 4, khóa XI",
# "Đại hội Đảng lần thứ X", "Đại hội XIII".
_PLENUM = re.compile(
    r"(?P<kind>Nghị quyết)\s+(?P<name>(?:Hội nghị\s+)?(?:lần thứ\s+\w+\s+)?(?:Ban Chấp hành\s+)?"
    r"Trung ương\s+(?:\d{1,2}|lần thứ\s+\w+)"  # e.g. Trung ương 4 | Trung ương lần thứ tư
    # e.g. , khóa XI | (khóa XI, XII)
    r"(?:\s*,?\s*\(?\s*[Kk]hóa\s+[IVXL]+(?:\s*,\s*[IVXL]+)*(?:\s*\))?)?)"
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


@cache
def _law_names() -> dict[str, re.Pattern[str]]:
    """Known law names by their first word (lower-cased), each group longest first; commas
    optional ("Phòng chống tham nhũng"). One small pattern per first word: a single
    alternation of all 230 names cost several µs a look-up."""
    groups: dict[str, list[str]] = {}
    for name in set(load_lines("law_names.txt")):
        groups.setdefault(_first_word(name), []).append(name)
    # A comma may be printed or not between any two words ("Phòng chống ma túy", "Quản lý,
    # sử dụng, vũ khí, …" with a stray one).
    return {
        first: re.compile(
            "(?:"
            + "|".join(
                r",?\s+".join(re.escape(word.strip(",")) for word in name.split())
                for name in sorted(names, key=len, reverse=True)
            )
            + r")(?!\w)",
            re.IGNORECASE,
        )
        for first, names in groups.items()
    }


def _first_word(text: str) -> str:
    head = text[:24].split(maxsplit=1)
    return head[0].rstrip(",").lower() if head else ""


def _known_law(rest: str) -> str | None:
    """The head of ``rest`` when it is a known law name ("Hỗ trợ doanh nghiệp nhỏ và vừa")."""
    pattern = _law_names().get(_first_word(rest))
    m = pattern.match(rest, 0, 160) if pattern is not None else None
    return m.group(0) if m else None


def known_law(name: str) -> bool:
    """True when ``name`` is a whole known law name ("Giáo dục đại học")."""
    pattern = _law_names().get(_first_word(name))
    return pattern is not None and pattern.fullmatch(name) is not None


def _cut_name(rest: str, max_words: int, kind_before: re.Pattern[str]) -> str | None:
    """The name at the head of ``rest``, or None when it is not a name."""
    w = words()
    stop = w.name_stop.search(rest)
    text = rest[: stop.start()] if stop else rest
    # "Phòng, chống …" is one phrase in law names, not a list.
    segments = [seg.strip() for seg in _NAME_COMMA.split(text)]
    name = segments[0]
    # Commas go on inside a name only through short segments up to a hard stop
    # ("tín ngưỡng, tôn giáo (…"); a long segment is the next clause.
    tail_ok = all(
        seg
        and len(seg.split()) <= COMMA_SEGMENT_MAX_WORDS
        and not w.not_name_start.match(seg)
        and not kind_before.match(seg + " ")
        and not seg[:1].isdigit()
        for seg in segments[1:]
    )
    if tail_ok and len(segments) > 1 and (stop is None or not stop.group(0).startswith(" ")):
        name = ", ".join(segments)
    # "Luật Khoa học và Công nghệ" keeps "và"; "Luật Đất đai và Luật Nhà ở" does not.
    name = w.and_next_kind.split(name, 1)[0]
    name = name.strip(" ,.-–")
    parts = name.split()
    if len(parts) > 1 and _ACRONYM.fullmatch(parts[0]) and parts[1][:1].islower():
        name, parts = (
            parts[0],
            parts[:1],
        )  # "Luật TDTT lần này", "Luật HTX mới": the acronym is the name
    if not parts or len(parts) > max_words or w.not_name_start.match(name):
        return None
    return name


def find_named(
    body: str, starts: list[int], found: list[Document], kind_before: re.Pattern[str]
) -> None:
    """Append to ``found`` the documents cited by name at ``starts`` (where a kind word
    may begin) that no earlier citation covers. ``kind_before`` matches a kind word
    opening a segment: a comma before one ends a name."""
    _find_plenums(body, starts, found)
    taken = Cover([d.span for d in found])
    by_end = {d.span[1]: i for i, d in enumerate(found) if d.symbol}  # symbols, by where they end
    w = words()
    for p in starts:
        if body[p] not in "NBLPl" or (m := _NAMED.match(body, p)) is None:
            continue  # "Nghị quyết liên tịch", "Bộ luật", "Luật", "Pháp lệnh", "luật"
        if _named_rejected(body, m, w) or taken.covers(m.start()):
            continue
        titled = _kind_and_name(m, kind_before)
        if titled is None:
            continue
        kind, name = titled
        after = m.start("rest") + m["rest"].find(name) + len(name)
        if kind.lower() in ("luật", "bộ luật"):
            kind = "Bộ luật" if kind.lower() == "bộ luật" else kind
            name = name[:1].upper() + name[1:]
        sym = DOC_SYMBOL.match(body, _SO.match(body, after).end())  # type: ignore[union-attr]
        if sym is not None:
            # "Luật Đất đai số 31/2024/QH15": the symbol's entry takes the kind and name,
            # so that a later "Bộ luật Hình sự" is the same document.
            i = by_end.get(sym.end())
            if i is not None:
                found[i] = replace(
                    found[i], kind=kind, name=name, span=(m.start(), found[i].span[1])
                )
                taken.add(found[i].span)
            continue
        found.append(
            Document(kind=kind, symbol=None, name=name, date=None, span=(m.start(), after))
        )


def _find_plenums(body: str, starts: list[int], found: list[Document]) -> None:
    """Append to ``found`` the plenums and congresses ("Nghị quyết Trung ương 4") at ``starts``."""
    taken = Cover([d.span for d in found])
    for p in starts:
        if body[p] not in "NV":  # "Nghị quyết …", "Văn kiện …": a cheap dispatch
            continue
        for pattern in (_PLENUM, _CONGRESS):
            if (m := pattern.match(body, p)) and not taken.covers(p):
                plenum = _INNER_SPACE.sub("", m["name"].strip())  # "Trung ương 4 ( khóa XI)"
                found.append(
                    Document(kind=m["kind"], symbol=None, name=plenum, date=None, span=m.span())
                )
                taken.add(m.span())


def _named_rejected(body: str, m: re.Match[str], w: Words) -> bool:
    """Do the words before the kind word at ``m`` (or its lower case) say it cites no document?"""
    kind = m["kind"]
    if kind != "Nghị quyết liên tịch":
        return w.law_not_after.search(body, max(0, m.start() - 12), m.start()) is not None
    # a bill ("dự án Luật …") is cited as the law it would be; a draft joint resolution is not
    return w.draft_before.search(body, max(0, m.start() - 25), m.start()) is not None


def _kind_and_name(m: re.Match[str], kind_before: re.Pattern[str]) -> tuple[str, str] | None:
    """The kind and name of the document cited by name at ``m``, or None if it is no title."""
    kind = m["kind"]
    body, start = m.string, m.start()
    if kind == "luật" and (
        not m["rest"][:1].isupper()
        or words().lower_law_not_after.search(body, max(0, start - 12), start)
    ):
        # "pháp luật", "kỷ luật", "luật lệ": checked before the costlier lexicon look-up
        return None
    joint = kind == "Nghị quyết liên tịch"
    name = None if joint else _known_law(m["rest"])
    if kind == "luật":
        if name is None:
            return None  # "luật Đất đai (Điều 38)": only a known law, printed with its capital
        kind = "Luật"
    if name is None and kind in ("Luật", "Bộ luật", "Bộ Luật") and not m["rest"][:1].isupper():
        return None  # "Luật đi vào cuộc sống", "Luật quy định rõ": "the Law", not a title
    if name is None:
        name = _cut_name(m["rest"], NAME_MAX_WORDS["joint" if joint else "law"], kind_before)
    if name is None:
        return None
    return kind, name
