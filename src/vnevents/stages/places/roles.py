"""Which of the places found are the event's (FORMAT.md ``role: "event"``).

Reads the event sentence of the lead: the venue ("tại Cà Mau", "trên địa bàn
thị xã Sa Pa") and the organiser's or host's unit ("Ban Chỉ đạo 35 quận Ngô
Quyền tổ chức"), leaving out a visiting delegation's own province and places in
asides ("(SN 1993, ở huyện Lý Nhân)"); falls back on the title and on the
article's dominant unit. It does not find or resolve mentions (see ``places``).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import TYPE_CHECKING

from vnevents.doc import Doc
from vnevents.record import Level, Span
from vnevents.stages.places.gazetteer import AdminUnit

if TYPE_CHECKING:
    from vnevents.stages.places import Mention

log = logging.getLogger(__name__)

# The date that opens a lead ("Sáng 8/12", "Chiều tối 28/6", "Sáng nay, 22-6", "Ngày 30-5"),
# matched on lower-cased text.
_LEAD_DATE = re.compile(
    r"(?:sáng|trưa|chiều|tối|đêm|ngày|hôm)(?:\s+(?:nay|qua|tối|mai|sớm))?[\s,]*(?:ngày\s+)?"
    r"[0-3]?\d\s*[/.\-]\s*[01]?\d(?!\d)"
)
# A full stop ends a sentence unless it closes an abbreviation ("TP. Vinh", "TS. Lê").
_STOP = re.compile(r"[.!?…](?=\s)|\n")
_ABBREVIATIONS = frozenset({"tp", "tx", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "th.s", "q", "p", "st", "ncs"})
# A venue cue reaches back this far before the place, within one clause (calibrated on
# the seeds and dev leads: "tại Trường ĐH Hàng Hải Việt Nam (Hải Phòng)" is 45 characters).
VENUE_REACH = 80
# A type word with no name after it: the lead's organiser is "the province" of the article.
_GENERIC = re.compile(
    r"(?<!\w)(?<!các )(?<!những )(?P<t>tỉnh|thành phố|huyện|quận|thị xã)(?!\w)(?![ \t]+(?-i:[\dA-ZĐ]))",
    re.IGNORECASE,
)
MAX_EVENT_PLACES = 2  # the organiser's unit and a more specific venue (FORMAT.md)


def event_sentence(doc: Doc, lead: Span) -> Span:
    """The sentence of the lead that dates the event, else the lead's first sentence."""
    body = doc.body
    lo, hi = lead
    m = _LEAD_DATE.search(doc.lower, lo, hi)
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
    word = re.search(r"([\w/.]+)$", body[max(0, i - 8) : i])
    if word is None:
        return True
    w = word.group(1)
    if w.lower() in _ABBREVIATIONS or (len(w) <= 2 and w.isupper()) or re.fullmatch(r"(?:\w\.)+\w", w):
        return False  # "TP. Vinh", "N.V.Đ.": an abbreviation or initials
    nxt = re.match(r"\s*(\S)", body[i + 1 : i + 4])
    return nxt is None or not nxt.group(1).islower()


def _classify(body: str, sent: Span, m: Mention, ends: set[int], venues: set[int], cues: dict[str, re.Pattern[str]]) -> str:
    """"venue", "org" (organiser, host or subject), "visitor" or "aside" for a lead mention."""
    s, e = m.span
    opened, closed = body.rfind("(", sent[0], s), body.rfind(")", sent[0], s)
    clause_end = s
    if opened > closed:  # inside parentheses
        close = body.find(")", e, sent[1])
        inner = body[opened + 1 : close if close != -1 else e].strip()
        if inner != body[s:e]:
            return "aside"  # "(SN 1993, ở huyện Lý Nhân)", "(Phó Giám đốc Công an tỉnh X)"
        if len(body[sent[0] : opened].rstrip()) + sent[0] in ends:
            return "aside"  # "thành phố Vinh (Nghệ An)": the province qualifies the city
        clause_end = opened  # "Trường ĐH … (Hải Phòng)": where the venue or body is
    before = body[max(sent[0], clause_end - VENUE_REACH) : clause_end]
    for v in cues["visitor"].finditer(body, sent[0], clause_end):
        if not cues["visitor_end"].search(body, v.end(), clause_end):
            return "visitor"
    clause = re.split(r"[,;:]", before)[-1]
    if cues["venue"].search(clause):
        return "venue"
    prev_end = len(before.rstrip().rstrip(",").rstrip()) + clause_end - len(before)
    if before.rstrip().endswith(",") and prev_end in venues:
        return "venue"  # "tại xã A, huyện B": the address goes on
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


def event_mentions(
    doc: Doc, mentions: list[Mention], title_units: list[AdminUnit],
    cues: dict[str, re.Pattern[str]],
) -> set[int]:
    """Indices into ``mentions`` of the event's places (at most MAX_EVENT_PLACES units)."""
    body = doc.body
    lead = doc.lead if doc.lead[1] > doc.lead[0] else _first_paragraph(body)
    sent = event_sentence(doc, lead)
    kinds: dict[int, str] = {}
    ends: set[int] = set()
    venue_ends: set[int] = set()
    for i, m in enumerate(mentions):
        if sent[0] <= m.span[0] < sent[1]:
            kinds[i] = _classify(body, sent, m, ends, venue_ends, cues)
            if kinds[i] == "venue":
                venue_ends.add(m.span[1])
        ends.add(m.span[1])
    venue = [i for i, k in kinds.items() if k == "venue"]
    org = [i for i, k in kinds.items() if k == "org"]
    unit = {i: m.unit for i, m in enumerate(mentions) if m.unit is not None}
    if venue:
        chosen = venue + [i for i in org if any(_nested(unit[i], unit[v]) for v in venue)]
    else:
        chosen = org
    if not chosen and title_units:
        chosen = [i for i in unit if unit[i] == title_units[0]][:1]
    if not chosen:
        chosen = _bridge_point(body, mentions, cues["bridge"])
    if not chosen:
        chosen = _dominant(body, sent, mentions)
    return _one_province(chosen, mentions, title_units)


def _bridge_point(body: str, mentions: list[Mention], cue: re.Pattern[str]) -> list[int]:
    """An online meeting whose lead names no place: the first unit named as the report's
    bridge point ("Tại điểm cầu tỉnh Bắc Ninh, …") is where it was followed."""
    for i, m in enumerate(mentions):
        if m.unit is None:
            continue
        before = body[max(0, m.span[0] - BRIDGE_REACH):m.span[0]]
        hit = None
        for hit in cue.finditer(before):
            pass
        if hit is not None and _BRIDGE_GAP.fullmatch(before, hit.end()):
            return [i]
    return []


# Between "điểm cầu" and the place: at most a type word ("điểm cầu tỉnh Bắc Ninh").
_BRIDGE_GAP = re.compile(r"\s+(?:(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã)\s*)?", re.IGNORECASE)
BRIDGE_REACH = 25  # "điểm cầu thành phố " is 19 characters


def _first_paragraph(body: str) -> Span:
    for m in re.finditer(r"[^\n]+", body):
        if len(m.group(0)) >= 40:
            return m.span()
    return (0, len(body))


def _dominant(body: str, sent: Span, mentions: list[Mention]) -> list[int]:
    """The article's most-named unit of the level a nameless organiser has ("Ban Chỉ đạo tỉnh")."""
    g = _GENERIC.search(body, sent[0], sent[1])
    if g is None:
        return []
    word = g.group("t").lower()
    want = {"tỉnh": {Level.TINH}, "thành phố": {Level.TINH, Level.THANH_PHO}, "huyện": {Level.HUYEN},
            "quận": {Level.QUAN}, "thị xã": {Level.THI_XA}}[word]
    counts = Counter(m.unit for m in mentions if m.unit is not None and m.unit.level in want
                     and (word != "thành phố" or m.unit.level is Level.THANH_PHO or m.unit.central))
    if not counts:
        return []
    top = counts.most_common(1)[0][0]
    return [next(i for i, m in enumerate(mentions) if m.unit == top)]


def _one_province(chosen: list[int], mentions: list[Mention], title_units: list[AdminUnit]) -> set[int]:
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
