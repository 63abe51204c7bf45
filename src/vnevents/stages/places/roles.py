"""Which of the places found are the event's (FORMAT.md ``role: "event"``).

Reads the event sentence of the lead: the venue ("tại Cà Mau", "trên địa bàn huyện Mèo Vạc"),
the units a delegation visits ("làm việc với huyện Phúc Thọ") and the organiser's or host's unit
("Ban Chỉ đạo 389 huyện Đức Thọ tổ chức"), leaving out a visiting delegation's own unit, a larger
unit that only locates a smaller one ("UBND quận 1, TP. HCM"), places in asides ("(SN 1987, ở
huyện Gia Lộc)") and places inside an institution's name; falls back on the title and on the
article's dominant unit. It does not find or resolve mentions (see ``places``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from vnevents.doc import Doc
from vnevents.patterns import GLUED_STOP, LEAD_DATES
from vnevents.record import Level, Span
from vnevents.stages.places import cues
from vnevents.stages.places.gazetteer import COMMUNE, DISTRICT, PROVINCE, AdminUnit

if TYPE_CHECKING:
    from vnevents.stages.places import Mention

# A full stop ends a sentence unless it closes an abbreviation ("TP. Vinh", "TS. Lê"); one glued
# to the next sentence counts too ("…Ban Nội chính Thành ủy.Theo đó, …").
_STOP = re.compile(r"[.!?…](?=\s)|\n|" + GLUED_STOP.pattern)
_WORD_BEFORE_STOP = re.compile(r"[\w/.]+$")
_INITIALS = re.compile(r"(?:\w\.)+\w")
SENTENCE_WORD_REACH = 8  # the abbreviation before a full stop is read from this many characters
# A venue cue reaches back this far before the place, within one clause (calibrated on
# the seeds and dev leads: a venue naming a university in full with its city in
# brackets is 45 characters).
VENUE_REACH = 80
_CLAUSE_MARK = re.compile(r"[,;:]")
# Between a unit and the larger unit that locates it: "quận 1, TP. HCM", "huyện Anh Sơn - Nghệ An".
_LOCATOR_GAP = re.compile(r"[ \t]*[,\-–][ \t]*")
# Spaces before a bracket, read back at most this far.
SPACE_REACH = 10
MAX_EVENT_PLACES = 2  # the organiser's unit and a more specific venue (FORMAT.md)
_GENERIC_LEVELS = {
    "tinh": {Level.TINH},
    "tp": {Level.TINH, Level.THANH_PHO},
    "huyen": {Level.HUYEN},
    "quan": {Level.QUAN},
    "tx": {Level.THI_XA},
}
BRIDGE_REACH = 25  # "điểm cầu thành phố " is 19 characters


def event_sentence(doc: Doc, lead: Span) -> Span:
    """The sentence of the lead that dates the event, else the lead's first sentence."""
    body = doc.body
    lo, hi = lead
    dates = [m for p in LEAD_DATES if (m := p.search(doc.lower, lo, hi))]
    m = min(dates, key=lambda d: (d.start(), -d.end())) if dates else None
    pos = m.start() if m else lo
    start = lo
    for b in _STOP.finditer(body, lo, pos):
        if _ends_sentence(body, b.start()):
            start = b.end()
    end = hi
    for b in _STOP.finditer(body, max(pos, (m.end() if m else lo)), hi):
        if _ends_sentence(body, b.start()):
            end = b.end()
            break
    return (start, end)


def _ends_sentence(body: str, i: int) -> bool:
    if body[i] == "\n":
        return True
    word = _WORD_BEFORE_STOP.search(body, max(0, i - SENTENCE_WORD_REACH), i)
    if word is None:
        return True
    w = word.group(0)
    if (
        w.lower() in cues.word_set("abbreviation")
        or (len(w) <= 2 and w.isupper())
        or _INITIALS.fullmatch(w)
    ):
        return False  # "TP. Vinh", "N.V.Đ.": an abbreviation or initials
    nxt = re.match(r"\s*(\S)", body[i + 1 : i + 4])
    return nxt is None or not nxt.group(1).islower()


class _Sentence:
    """The event sentence with its brackets and delegation cues found once (linear time)."""

    def __init__(self, doc: Doc, span: Span) -> None:
        self.body, self.low = doc.body, doc.lower
        self.lo, self.hi = span
        self.opens = [m.start() for m in re.finditer(r"\(", self.body[self.lo : self.hi])]
        self.closes = [m.start() for m in re.finditer(r"\)", self.body[self.lo : self.hi])]
        self.visitors = [m.end() for m in cues.cue("visitor").finditer(self.low, self.lo, self.hi)]
        self.visitor_ends = [
            m.span() for m in cues.cue("visitor_end").finditer(self.low, self.lo, self.hi)
        ]

    def last(self, marks: list[int], pos: int) -> int:
        """The offset of the last bracket in ``marks`` before ``pos``, else -1."""
        i = bisect_left(marks, pos - self.lo)
        return marks[i - 1] + self.lo if i else -1

    def next_close(self, pos: int) -> int:
        i = bisect_left(self.closes, pos - self.lo)
        return self.closes[i] + self.lo if i < len(self.closes) else -1

    def in_delegation(self, pos: int) -> bool:
        """Is ``pos`` inside a visiting delegation's name?

        The name runs from "Đoàn công tác tỉnh X" up to "làm việc".
        """
        i = bisect_right(self.visitors, pos)
        if not i:
            return False
        v = self.visitors[i - 1]
        j = bisect_left(self.visitor_ends, (v, -1))
        return not (j < len(self.visitor_ends) and self.visitor_ends[j][1] <= pos)


def _locates(smaller: AdminUnit, larger: AdminUnit) -> bool:
    """Does ``larger`` hold ``smaller`` one or two tiers up?

    That is: is it ``smaller``'s province, or, for a commune, its district?
    """
    if larger.tier == PROVINCE:
        return smaller.tier != PROVINCE and smaller.province_code == larger.code
    return (
        larger.tier == DISTRICT and smaller.tier == COMMUNE and smaller.district_code == larger.code
    )


def _classify(
    st: _Sentence, m: Mention, prev: Mention | None, ends: set[int], cont: dict[int, str]
) -> str:
    """The part a lead mention plays: "venue", "visited", "org" (organiser, host or subject),
    "visitor", "locator", "institution" or "aside"."""
    body = st.body
    s, e = m.span
    opened, closed = st.last(st.opens, s), st.last(st.closes, s)
    clause_end = s
    if opened > closed:  # inside parentheses
        close = st.next_close(e)
        inner = body[opened + 1 : close if close != -1 else e].strip()
        if inner != body[s:e]:
            return "aside"  # "(SN 1987, ở huyện Gia Lộc)", "(Trưởng phòng Văn hóa huyện X)"
        j = opened
        while j > max(st.lo, opened - SPACE_REACH) and body[j - 1].isspace():
            j -= 1
        if j in ends:
            return "aside"  # "thành phố Vinh (Nghệ An)": the province qualifies the city
        clause_end = opened  # "Trường ĐH … (Hải Phòng)": where the venue or body is
    if m.named_after:
        return "institution"  # "Đại học Kiểm sát Hà Nội", "tại Nhà hát Lớn Hà Nội"
    if st.in_delegation(clause_end):
        return "visitor"
    if (
        prev is not None
        and not m.body
        and prev.unit is not None
        and m.unit is not None
        and _locates(prev.unit, m.unit)
        and _LOCATOR_GAP.fullmatch(body, prev.span[1], s)
    ):
        return "locator"  # "UBND quận 1, TP. HCM", "tại TP. Phủ Lý, tỉnh Hà Nam"
    lo = max(st.lo, clause_end - VENUE_REACH)
    before = body[lo:clause_end]
    marks = list(_CLAUSE_MARK.finditer(before))
    clause_start = lo + marks[-1].end() if marks else lo
    if cues.cue("visit").search(body, clause_start, clause_end):
        return "visited"  # "làm việc với huyện Phúc Thọ", "khảo sát vùng lũ tại xã X"
    if cues.cue("venue").search(st.low, clause_start, clause_end):
        return "venue"
    prev_end = len(before.rstrip().rstrip(",").rstrip()) + lo
    if before.rstrip().endswith(",") and prev_end in cont:
        return cont[prev_end]  # "tại xã A, huyện B": the address goes on
    return "org"


def _nested(a: AdminUnit, b: AdminUnit) -> bool:
    if a.province_code != b.province_code:
        return False
    return (
        Level.TINH in (a.level, b.level)
        or a.code == b.code
        or a.district_code == b.code
        or b.district_code == a.code
    )


def event_mentions(doc: Doc, mentions: list[Mention], title_units: list[AdminUnit]) -> set[int]:
    """Indices into ``mentions`` of the event's places (at most MAX_EVENT_PLACES units)."""
    body = doc.body
    lead = doc.lead if doc.lead[1] > doc.lead[0] else _first_paragraph(body)
    sent = event_sentence(doc, lead)
    st = _Sentence(doc, sent)
    kinds: dict[int, str] = {}
    ends: set[int] = set()
    cont: dict[int, str] = {}  # where a venue or a visited unit ends: a list may go on after it
    prev: Mention | None = None
    for i, m in enumerate(mentions):
        if sent[0] <= m.span[0] < sent[1]:
            kinds[i] = _classify(st, m, prev, ends, cont)
            if kinds[i] in ("venue", "visited"):
                cont[m.span[1]] = kinds[i]
            prev = m
        ends.add(m.span[1])
    unit = {i: m.unit for i, m in enumerate(mentions) if m.unit is not None}
    visited = [i for i, k in kinds.items() if k == "visited"]
    venue = [i for i, k in kinds.items() if k == "venue"]
    org = [i for i, k in kinds.items() if k == "org"]
    if visited:  # a visit: the visited units (RULINGS: not the visiting body's own)
        chosen = visited + [i for i in venue if any(_nested(unit[i], unit[v]) for v in visited)]
    elif venue:
        chosen = venue + [i for i in org if any(_nested(unit[i], unit[v]) for v in venue)]
    else:
        chosen = org
    if not chosen and title_units:
        chosen = [i for i in unit if unit[i] == title_units[0]][:1]
    if not chosen:
        chosen = _bridge_point(doc, mentions)
    if not chosen:
        chosen = _dominant(doc, sent, mentions)
    return _one_province(chosen, mentions, title_units)


def _bridge_point(doc: Doc, mentions: list[Mention]) -> list[int]:
    """An online meeting whose lead names no place: the first unit named as the report's
    bridge point ("Tại điểm cầu tỉnh Bắc Ninh, …") is where it was followed."""
    low = doc.lower
    for i, m in enumerate(mentions):
        if m.unit is None:
            continue
        hit = None
        for hit in cues.cue("bridge").finditer(low, max(0, m.span[0] - BRIDGE_REACH), m.span[0]):
            pass
        if hit is None:
            continue
        pos = hit.end()
        while pos < m.span[0] and low[pos].isspace():
            pos += 1
        if pos == hit.end():
            continue
        if pos < m.span[0] and (t := cues.type_pattern().match(low, pos)) is not None:
            pos = t.end()  # a type word before a bare name ("điểm cầu tỉnh" + "Bắc Ninh")
        if pos == m.span[0]:  # a typed mention starts at its type word
            return [i]
    return []


def _first_paragraph(body: str) -> Span:
    for m in re.finditer(r"[^\n]+", body):
        if len(m.group(0)) >= 40:
            return m.span()
    return (0, len(body))


def _dominant(doc: Doc, sent: Span, mentions: list[Mention]) -> list[int]:
    """The article's most-named unit of the level a nameless organiser has ("Ban Chỉ đạo tỉnh")."""
    body, low = doc.body, doc.lower
    words = cues.type_words()
    group = None
    for t in cues.type_pattern().finditer(low, sent[0], sent[1]):
        s = t.start()
        tw = words[" ".join(t.group(0).split())]
        if not tw.generic or (s and low[s - 1].isalnum()):
            continue
        after = t.end()
        if after < len(body) and (body[after] in cues.UPPER or body[after].isdigit()):
            continue  # "tỉnh Lạng Sơn": a name follows
        if after < len(low) and low[after].isalnum() and not t.group(0)[-1:].isspace():
            continue  # "tỉnhx": another word
        prev = low[max(0, s - 8) : s].split()
        if prev and prev[-1] in cues.word_set("plural"):
            continue  # "các tỉnh": not the article's own
        group = tw.group
        break
    if group is None:
        return []
    want = _GENERIC_LEVELS.get(group, set())
    counts = Counter(
        m.unit
        for m in mentions
        if m.unit is not None
        and m.unit.level in want
        and (group != "tp" or m.unit.level is Level.THANH_PHO or m.unit.central)
    )
    if not counts:
        return []
    top = counts.most_common(1)[0][0]
    return [next(i for i, m in enumerate(mentions) if m.unit == top)]


def _one_province(
    chosen: list[int], mentions: list[Mention], title_units: list[AdminUnit]
) -> set[int]:
    """Keep the places of one province: the one the title names or the text names most."""
    if not chosen:
        return set()
    units = {i: mentions[i].unit for i in chosen}
    named = Counter(m.unit.province_code for m in mentions if m.unit is not None)
    titled = {u.province_code for u in title_units}

    def score(code: str) -> tuple[bool, int]:
        return (code in titled, named[code])

    # Candidates in order of mention (not a set: a tie must go the same way in every process).
    best = max(dict.fromkeys(u.province_code for u in units.values() if u), key=score)
    group = [i for i in chosen if (u := units[i]) is not None and u.province_code == best]
    seen: dict[AdminUnit, int] = {}
    for i in group:
        u = units[i]
        if u is not None and u not in seen:
            seen[u] = i
    ordered = sorted(seen, key=lambda u: ("pdc".index(u.tier), seen[u]))
    keep = ordered[:1] + ([ordered[-1]] if len(ordered) > 1 else [])
    return {seen[u] for u in keep[:MAX_EVENT_PLACES]}
