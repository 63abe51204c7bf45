"""Stage 5: administrative units named in the body, resolved for the event date.

Finds units after a type word ("huyện Gio Linh", "TP. Vinh", "Tỉnh ủy Hà Giang"), bare
province names ("tại Cà Mau"), a bare district before its province in brackets ("Đồ Sơn
(Hải Phòng)") and a bare city after a venue cue ("tại Đà Lạt"); resolves each against the
gazetteer of the era of the event (``gazetteer``), and marks the event's place(s) (``roles``).
Every look-back and look-ahead is bounded, so the stage is linear in the text's length. It
does not find organisers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from vnevents.data import load_lines
from vnevents.doc import Doc
from vnevents.record import Level, Place, PlaceRole, Span
from vnevents.stages.places import cues
from vnevents.stages.places import roles as place_roles
from vnevents.stages.places.gazetteer import (
    COMMUNE,
    DISTRICT,
    PROVINCE,
    UNKNOWN_DATE,
    AdminUnit,
    display_name,
    gazetteer,
    name_key,
)

_UPPER = cues.UPPER
# group → (tier, level as written); "tp" is resolved against the gazetteer.
_GROUP = {
    "tinh": (PROVINCE, Level.TINH),
    "tp": (DISTRICT, Level.THANH_PHO),
    "tx": (DISTRICT, Level.THI_XA),
    "quan": (DISTRICT, Level.QUAN),
    "huyen": (DISTRICT, Level.HUYEN),
    "tt": (COMMUNE, Level.THI_TRAN),
    "phuong": (COMMUNE, Level.PHUONG),
    "xa": (COMMUNE, Level.XA),
    "dk": (COMMUNE, Level.DAC_KHU),
}
# One word of a unit name, with the hyphen that may join it to the previous one.
_NAME_TOKEN = re.compile(r"[ \t]*(?:-[ \t]*)?([\w'’]+)")
NAME_MAX_TOKENS = (
    5  # the longest unit names: "Phan Rang - Tháp Chàm" (5 tokens with the hyphen pair)
)
# The words before and after a bare name that tell a place from a person or a longer name:
# "Nguyễn Thái Bình" ends a person's name, "Hà Nội Mới" is a newspaper (40 characters hold a
# word and the street cue "đường"/"quốc lộ" with a number before it).
BARE_CONTEXT = 40
_WORD_BEFORE = re.compile(r"([\w'’]+)[ \t]+$")
_WORDS_AFTER = re.compile(r"[ \t]+(\w+)(?:[ \t]+(\w))?")
# Abbreviated type words ("Q.", "P.") take a number directly.
_NUMBERED = frozenset({"quan", "phuong"})  # "Quận 1", "phường 5": the only numbered units
_ABBREV_NUMBER_ONLY = frozenset({"q.", "p."})
_BARE_CITY_LEVELS = frozenset({Level.THANH_PHO, Level.THI_XA})
# "Đồ Sơn (Hải Phòng)": the district's name runs back at most this far before the bracket.
BRACKET_REACH = 40
_DATE_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
# A head of an institution's name reaches a bare place at most this many words before it
# ("Trường Đại học Sư phạm Kỹ thuật Hà Nội": "Trường" is 5 words before), within this many
# characters.
NAMED_AFTER_WORDS = 5
NAMED_AFTER_REACH = 60
_NAME_ENDS = frozenset(',;:.()"“”\n')
# A word of a capitalised run ("Gò Công Đông"): letters, digits, apostrophes and hyphens only.
_RUN_WORD = re.compile(r"[\w'’-]+")


@dataclass
class Mention:
    """One unit name found in the text, before and after resolution."""

    span: Span  # type word + name, or the bare name
    tier: str
    level: Level | None  # as the type word says; None for a bare name
    key: str
    typed: bool
    group: str = (
        ""  # the type word's group; "city" after a venue cue; "bracket" before "(Province)"
    )
    body: bool = False  # the type word names a body of the unit ("Tỉnh ủy X")
    named_after: bool = False  # the bare name ends an institution's name ("Đại học Huế")
    within: str = ""  # a province code the unit must lie in (from the bracket after it)
    candidates: list[AdminUnit] = field(default_factory=list)
    unit: AdminUnit | None = None


class _Covered:
    """Spans already taken, answering "does [s, e) overlap one?" in O(log n)."""

    def __init__(self, spans: list[Span]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the spans up to each
        far = -1
        for _, e in ordered:
            far = max(far, e)
            self._reach.append(far)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_left(self._starts, e)  # the spans starting before e
        return i > 0 and self._reach[i - 1] > s


@cache
def _surnames() -> frozenset[str]:
    return frozenset(load_lines("surnames.txt"))


@cache
def _bare_pattern() -> re.Pattern[str]:
    """One alternation of every province name usable without a type word (case-sensitive)."""
    names = [n for n, bare in gazetteer().province_names() if bare]
    spelled = {n.replace(" - ", "-") for n in names}  # the hyphen is matched with any spaces
    alt = cues.alternation(sorted(spelled)).replace(r"\-", r"\s*-\s*")
    # No leading look-behind: the first-letter prefilter of ``re`` then applies.
    return re.compile(alt + r"(?!\w)")


def lower(text: str) -> str:
    """``text`` lower-cased offset for offset (as ``Doc.lower``)."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: keep offsets exact
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def event_date(doc: Doc) -> str:
    """The ISO date the units are read for.

    The event's, else the publication's, else UNKNOWN_DATE.
    """
    for value in (doc.event.date, doc.published):
        if value and _DATE_ISO.match(value):
            return value[:10]
    return UNKNOWN_DATE


def find_mentions(text: str, lowered: str | None = None) -> list[Mention]:
    """Every unit name in ``text``, in order.

    ``lowered`` is the same text lower-cased, when at hand.
    """
    low = lowered if lowered is not None else lower(text)
    mentions = _typed(text, low)
    covered = _Covered([m.span for m in mentions])
    bare: list[Mention] = []
    for m in _bare_pattern().finditer(text):
        s, e = m.span()
        if s and (text[s - 1].isalnum() or text[s - 1] in "._"):
            continue
        if covered.overlaps(s, e) or not _bare_ok(text, low, s, e):
            continue
        key = name_key(m.group(0))
        bare.append(
            Mention(
                (s, e), PROVINCE, None, key, typed=False, named_after=_named_after(text, low, s)
            )
        )
    mentions += bare
    mentions += _bracketed(text, bare, covered)
    mentions += _venue_cities(text, _Covered([m.span for m in mentions]))
    mentions.sort(key=lambda m: m.span)
    return mentions


def _typed(text: str, low: str) -> list[Mention]:
    gaz = gazetteer()
    words = cues.type_words()
    out: list[Mention] = []
    for m in cues.type_pattern().finditer(low):
        start, end = m.span()
        if end < len(text) and not (text[end] in _UPPER or text[end].isdigit() or text[end] == "-"):
            continue  # no name after it ("xã hội", "tỉnh ta"): the common case, rejected first
        if start and (low[start - 1].isalnum() or low[start - 1] in "._"):
            continue
        raw = m.group(0)
        word = " ".join(raw.split())
        if end < len(text) and low[end].isalnum() and not word.endswith(".") and raw == word:
            continue  # "tỉnhx", "tphcm": the type word runs on into another word
        tw = words[word]
        tier, level = _GROUP[tw.group]
        tiers = (PROVINCE, DISTRICT) if tw.group == "tp" else (tier,)
        best: tuple[int, str] | None = None
        pos, n = end, 0
        for n in range(NAME_MAX_TOKENS):
            t = _NAME_TOKEN.match(text, pos)
            if not t:
                break
            name = t.group(1)
            if n == 0:
                if not (name[0] in _UPPER or (name.isdigit() and tw.group in _NUMBERED)):
                    break
                if word in _ABBREV_NUMBER_ONLY and not name.isdigit():
                    break
            if (
                name.isupper()
                and len(name) > 1
                and tw.group != "tp"
                and not text[start:end].strip().isupper()
            ):
                break  # an acronym after a lower-case type word ("xã NTM") is not a name
            pos = t.end()
            key = name_key(text[end:pos])
            if any(gaz.lookup(ti, key) for ti in tiers):
                best = (pos, key)
        if best is not None:
            out.append(
                Mention(
                    (start, best[0]), tier, level, best[1], typed=True, group=tw.group, body=tw.body
                )
            )
    return out


def _bare_ok(text: str, low: str, s: int, e: int) -> bool:
    """A bare province name is a place unless it is part of a person's or a road's name."""
    lo = max(0, s - BARE_CONTEXT)
    prev = _WORD_BEFORE.search(text, lo, s)
    if prev:
        word = prev.group(1)
        if word[0] in _UPPER and not (word.isupper() and len(word) > 1):
            w = word.lower()
            if not (cues.cue("institution").fullmatch(w) or cues.cue("venue").fullmatch(w)):
                return False  # "Nguyễn Thái Bình": a person's name
    nxt = _WORDS_AFTER.match(text, e, e + BARE_CONTEXT)
    if nxt and nxt.group(1)[0] in _UPPER:
        # "Hà Nội Mới", "Điện Biên Phủ": a longer name; but "UBND TPHCM Lê Văn Tâm", "Thành ủy
        # Hà Nội Trần Quốc Bảo": an office and its holder's name (a family name, then a
        # capitalised word), 10 such bare names in 8 reports of the pool, every one a place.
        if not (nxt.group(1) in _surnames() and nxt.group(2) and nxt.group(2) in _UPPER):
            return False
    before = low[lo:s]
    bridge = None
    for bridge in cues.cue("bridge").finditer(before):
        pass
    if bridge is not None and not before[bridge.end() :].strip():
        return True  # "điểm cầu Bắc Ninh": an online meeting's venue, no bridge ("cầu") named
    return not _street_before().search(before)


@cache
def _street_before() -> re.Pattern[str]:
    """A street cue right before the name, with at most a road number between ("quốc lộ 1A - ")."""
    return re.compile(cues.cue("street").pattern + r"\s+(?:\S+\s*-\s*)?$")


def _named_after(text: str, low: str, s: int) -> bool:
    """Does the bare name at ``s`` end the name of a school, company, theatre or project?"""
    head = None
    for head in cues.cue("named_after").finditer(low, max(0, s - NAMED_AFTER_REACH), s):
        pass
    if head is None:
        return False
    between = text[head.end() : s]
    if len(between.split()) > NAMED_AFTER_WORDS or any(c in _NAME_ENDS for c in between):
        return False
    return cues.cue("name_break").search(low, head.end(), s) is None


def _bracketed(text: str, bare: list[Mention], covered: _Covered) -> list[Mention]:
    """A bare district or city right before its province in brackets ("tại Đồ Sơn (Hải Phòng)",
    "Hội An (Quảng Nam)"). In the pool (minus the test split), 7 of the 9 capitalised names
    before a bracketed province are a district of it; the other two name none there."""
    gaz = gazetteer()
    out: list[Mention] = []
    for p in bare:
        s, e = p.span
        if not (s and text[s - 1] == "(" and text.startswith(")", e)):
            continue
        end = s - 1
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        tokens = text[max(0, end - BRACKET_REACH) : end].split(" ")
        n = 0  # the capitalised run that ends at the bracket, whole
        while (
            n < len(tokens) and _RUN_WORD.fullmatch(tokens[-1 - n]) and tokens[-1 - n][0] in _UPPER
        ):
            n += 1
        if n == 0 or n > NAME_MAX_TOKENS or (n == len(tokens) and end > BRACKET_REACH):
            continue
        name = " ".join(tokens[len(tokens) - n :])
        start, key = end - len(name), name_key(name)
        codes = {u.code for u in gaz.lookup(PROVINCE, p.key)}
        inside = [u for u in gaz.lookup(DISTRICT, key) if u.province_code in codes]
        if inside and not covered.overlaps(start, end):
            out.append(
                Mention(
                    (start, end),
                    DISTRICT,
                    None,
                    key,
                    typed=False,
                    group="bracket",
                    within=inside[0].province_code,
                )
            )
    return out


def _venue_cities(text: str, covered: _Covered) -> list[Mention]:
    """A city or town named bare right after "tại"/"ở" ("tại Đà Lạt"): only there,
    since bare district names elsewhere are mostly people, schools and streets."""
    gaz = gazetteer()
    out: list[Mention] = []
    for cue in cues.cue_before_name("venue").finditer(text):
        if cue.start() and text[cue.start() - 1].isalnum():
            continue
        start = pos = cue.end()
        best = None
        for _ in range(NAME_MAX_TOKENS):
            t = _NAME_TOKEN.match(text, pos)
            if not t or t.group(1)[0] not in _UPPER:
                break
            pos = t.end()
            key = name_key(text[start:pos])
            if any(u.level in _BARE_CITY_LEVELS for u in gaz.lookup(DISTRICT, key)):
                best = (pos, key)
        if best and not covered.overlaps(start, best[0]):
            nxt = re.match(r"[ \t]+(\w)", text[best[0] : best[0] + 3])
            if not (nxt and nxt.group(1)[0] in _UPPER):
                out.append(
                    Mention((start, best[0]), DISTRICT, None, best[1], typed=False, group="city")
                )
    return out


def resolve(mentions: list[Mention], date: str) -> None:
    """Pick each mention's unit: the one standing on ``date``, in the article's provinces."""
    gaz = gazetteer()
    for m in mentions:
        if m.group == "tp":
            central = [u for u in gaz.lookup(PROVINCE, m.key) if u.central]
            cities = [u for u in gaz.lookup(DISTRICT, m.key) if u.level is Level.THANH_PHO]
            m.candidates = central + cities if central else cities
        elif m.group == "city":
            m.candidates = [u for u in gaz.lookup(DISTRICT, m.key) if u.level in _BARE_CITY_LEVELS]
        elif m.group == "bracket":
            m.candidates = [u for u in gaz.lookup(DISTRICT, m.key) if u.province_code == m.within]
        else:
            m.candidates = list(gaz.lookup(m.tier, m.key))
        standing = [u for u in m.candidates if u.stands_on(date)]
        former = [u for u in standing if u.era == "former"]
        m.candidates = former or standing or m.candidates
        if m.group == "tp" and any(u.central for u in m.candidates):
            m.candidates = [u for u in m.candidates if u.central]
        if m.level is not None and len(m.candidates) > 1:
            same = [u for u in m.candidates if u.level is m.level]
            m.candidates = same or m.candidates
    weights = Counter(
        m.candidates[0].province_code
        for m in mentions
        if len({u.province_code for u in m.candidates}) == 1
    )
    districts = {
        m.candidates[0].code for m in mentions if m.tier == DISTRICT and len(m.candidates) == 1
    }
    for m in mentions:
        if len({u.province_code for u in m.candidates}) == 1:
            m.unit = _prefer_district(m.candidates, districts)
            continue
        ranked = sorted(
            m.candidates,
            key=lambda u: (u.district_code not in districts, -weights[u.province_code]),
        )
        top = ranked[0] if ranked else None
        if top is None or (weights[top.province_code] == 0 and top.district_code not in districts):
            continue  # the same name in several provinces and nothing in the text to choose
        m.unit = top


def _prefer_district(candidates: list[AdminUnit], districts: set[str]) -> AdminUnit:
    inside = [u for u in candidates if u.district_code in districts]
    return (inside or candidates)[0]


def find(doc: Doc) -> list[Place]:
    """Every administrative unit named in the body, one item per unit, the event's marked.

    Args:
        doc: the analysed document: publication and event dates (for the era), title and
            lead (for roles).

    Returns:
        Places in order of first mention; ``role`` is ``event`` for the event's
        place(s) (see ``roles``), ``mentioned`` for the others.
    """
    date = event_date(doc)
    mentions = find_mentions(doc.body, doc.lower)
    title_mentions = find_mentions(doc.title) if doc.title else []
    resolve(mentions + title_mentions, date)
    mentions = [m for m in mentions if m.unit is not None]
    title_units = [m.unit for m in title_mentions if m.unit is not None and not m.named_after]
    event_ids = place_roles.event_mentions(doc, mentions, title_units)
    gaz = gazetteer()
    places: dict[tuple[str, str], Place] = {}
    for i, m in enumerate(mentions):
        unit = m.unit
        assert unit is not None
        level = (
            m.level
            if (m.level is not None and m.group != "tp" and unit.level is not Level.TINH)
            else unit.level
        )
        ident = (unit.era + unit.code, level.value)
        role = PlaceRole.EVENT if i in event_ids else PlaceRole.MENTIONED
        if ident in places and not (
            role is PlaceRole.EVENT and places[ident].role is PlaceRole.MENTIONED
        ):
            continue
        places[ident] = Place(
            name=display_name(unit.name, level),
            level=level,
            province=gaz.province_name(unit, date),
            code=unit.code if unit.stands_on(date) else None,  # a unit gone by then has no code
            role=role,
            span=m.span,
            today=gaz.today(unit),
        )
    return sorted(places.values(), key=lambda p: p.span)
