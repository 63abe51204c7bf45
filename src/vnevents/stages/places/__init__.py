"""Stage 5: administrative units named in the body, resolved for the event date.

Finds units after a type word ("huyện Gio Linh", "TP. Vinh", "Tỉnh ủy Hà Giang")
and bare province names ("tại Cà Mau"), resolves each against the gazetteer of
the era of the event (``gazetteer``), and marks the event's place(s) from the
lead sentence, the title and the organiser. It does not find organisers.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from vnevents.data import load_tsv
from vnevents.doc import Doc
from vnevents.record import Level, Place, PlaceRole, Span
from vnevents.stages.places import roles as place_roles
from vnevents.stages.places.gazetteer import (
    COMMUNE,
    DISTRICT,
    PROVINCE,
    UNKNOWN_DATE,
    AdminUnit,
    gazetteer,
    name_key,
)

log = logging.getLogger(__name__)

# Upper-case letters of Vietnamese (and Latin) script: a unit name starts with one.
_UPPER = "".join(
    c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and unicodedata.name(c, "").startswith("LATIN")
)
# A type word (lower case) → the group that says what it makes of the name after it.
# Committee forms sort before the type word they start with (longest first).
_TYPE_WORDS: dict[str, str] = {
    "tỉnh ủy": "tinh", "tỉnh đoàn": "tinh",  # e.g. Tỉnh ủy Hà Giang, Tỉnh đoàn Sóc Trăng
    "thành ủy": "tp", "thành đoàn": "tp",  # e.g. Thành ủy Hà Nội
    "huyện ủy": "huyen", "huyện đoàn": "huyen",  # e.g. Huyện ủy Phúc Thọ
    "quận ủy": "quan", "quận đoàn": "quan",  # e.g. Quận ủy Hải An
    "thị ủy": "tx", "thị đoàn": "tx",  # e.g. Thị ủy Sa Pa
    "thành phố": "tp", "tp.": "tp", "tp": "tp",  # e.g. thành phố Vinh, TP. Vinh, TP.HCM, TP Hà Nội
    "thị xã": "tx", "tx.": "tx", "tx": "tx",  # e.g. thị xã Sa Pa, TX.Sơn Tây
    "thị trấn": "tt", "tt.": "tt",  # e.g. thị trấn Phố Lu, TT. Phố Lu
    "đặc khu": "dk",  # e.g. đặc khu Phú Quốc
    "tỉnh": "tinh",  # e.g. tỉnh Cao Bằng
    "quận": "quan", "q.": "quan",  # e.g. quận Hải An, Q.1
    "huyện": "huyen",  # e.g. huyện Gio Linh
    "phường": "phuong", "p.": "phuong",  # e.g. phường Sa Pa, P.5
    "xã": "xa",  # e.g. xã Đạo Lý
}
# One flat alternation, matched against the lower-cased text: with no groups or
# look-behind in front, ``re`` prefilters on the first letter (about 8× faster).
_TYPE = re.compile(
    "(?:"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_TYPE_WORDS, key=len, reverse=True))
    + r")[ \t]*"
)
# group → (tier, level as written); "tp" is resolved against the gazetteer.
_GROUP = {
    "tinh": (PROVINCE, Level.TINH), "tp": (DISTRICT, Level.THANH_PHO), "tx": (DISTRICT, Level.THI_XA),
    "quan": (DISTRICT, Level.QUAN), "huyen": (DISTRICT, Level.HUYEN), "tt": (COMMUNE, Level.THI_TRAN),
    "phuong": (COMMUNE, Level.PHUONG), "xa": (COMMUNE, Level.XA), "dk": (COMMUNE, Level.DAC_KHU),
}
# One word of a unit name, with the hyphen that may join it to the previous one.
_NAME_TOKEN = re.compile(r"[ \t]*(?:-[ \t]*)?([\w'’]+)")
NAME_MAX_TOKENS = 5  # the longest unit names: "Phan Rang - Tháp Chàm" (5 tokens with the hyphen pair)
# Abbreviated type words ("TP.", "Q.", "P.") take a number or a capitalised name directly.
_NUMBERED = frozenset({"quan", "phuong"})  # "Quận 1", "phường 5": the only numbered units
_ABBREV_NUMBER_ONLY = re.compile(r"[qp]\.", re.IGNORECASE)
# "tại Đà Lạt", "ở Vinh": the venue cue before a bare city or town name (case-sensitive).
_VENUE_BARE = re.compile(rf"(?:tại|ở|Tại|Ở)[ \t]+(?=[{_UPPER}])")
_BARE_CITY_LEVELS = frozenset({Level.THANH_PHO, Level.THI_XA})
_DATE_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Mention:
    """One unit name found in the text, before and after resolution."""

    span: Span  # type word + name, or the bare name
    tier: str
    level: Level | None  # as the type word says; None for a bare name
    key: str
    typed: bool
    group: str = ""
    candidates: list[AdminUnit] = field(default_factory=list)
    unit: AdminUnit | None = None


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    """Cue-word patterns by kind (data/place_cues.tsv)."""
    by_kind: dict[str, list[str]] = {}
    for kind, phrase in load_tsv("place_cues.tsv"):
        by_kind.setdefault(kind, []).append(phrase)
    return {
        kind: re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(ps, key=len, reverse=True))
            + r")(?!\w)",
            re.IGNORECASE,
        )
        for kind, ps in by_kind.items()
    }


@cache
def _bare_pattern() -> re.Pattern[str]:
    """One alternation of every province name usable without a type word (case-sensitive)."""
    names = [n for n, bare in gazetteer().province_names() if bare]
    alts = [re.escape(n).replace(r"\ \-\ ", r"\s*-\s*").replace(r"\-", r"\s*-\s*").replace(r"\ ", r"\s+")
            for n in sorted(names, key=len, reverse=True)]
    # No leading look-behind: the first-letter prefilter of ``re`` then applies.
    return re.compile(r"(?:" + "|".join(alts) + r")(?![\w])")


def event_date(doc: Doc) -> str:
    """The ISO date the units are read for: the event's, else the publication's, else UNKNOWN_DATE."""
    for value in (doc.event.date, doc.published):
        if value and _DATE_ISO.match(value):
            return value[:10]
    return UNKNOWN_DATE


def find_mentions(text: str) -> list[Mention]:
    """Every unit name in ``text``, typed ones first, bare province names after."""
    mentions = _typed(text)
    covered = [m.span for m in mentions]
    for m in _bare_pattern().finditer(text):
        s, e = m.span()
        if s and (text[s - 1].isalnum() or text[s - 1] in "._"):
            continue
        if any(s < ce and cs < e for cs, ce in covered) or not _bare_ok(text, s, e):
            continue
        key = name_key(re.sub(r"\s*-\s*", " - ", m.group(0)))
        mentions.append(Mention((s, e), PROVINCE, None, key, typed=False))
    mentions.extend(_venue_cities(text, [m.span for m in mentions]))
    mentions.sort(key=lambda m: m.span)
    return mentions


def _venue_cities(text: str, covered: list[Span]) -> list[Mention]:
    """A city or town named bare right after "tại"/"ở" ("tại Đà Lạt"): only there,
    since bare district names elsewhere are mostly people, schools and streets."""
    gaz = gazetteer()
    out: list[Mention] = []
    for cue in _VENUE_BARE.finditer(text):
        if cue.start() and text[cue.start() - 1].isalnum():
            continue
        start, pos, best = cue.end(), cue.end(), None
        for _ in range(NAME_MAX_TOKENS):
            t = _NAME_TOKEN.match(text, pos)
            if not t or t.group(1)[0] not in _UPPER:
                break
            pos = t.end()
            key = name_key(text[start:pos])
            if any(u.level in _BARE_CITY_LEVELS for u in gaz.lookup(DISTRICT, key)):
                best = (pos, key)
        if best and not any(start < ce and cs < best[0] for cs, ce in covered):
            nxt = re.match(r"[ \t]+(\w)", text[best[0] : best[0] + 3])
            if not (nxt and nxt.group(1)[0] in _UPPER):
                out.append(Mention((start, best[0]), DISTRICT, None, best[1], typed=False, group="city"))
    return out


def _typed(text: str) -> list[Mention]:
    gaz = gazetteer()
    out: list[Mention] = []
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: keep offsets exact
        lowered = "".join(c.lower()[:1] for c in text)
    for m in _TYPE.finditer(lowered):
        if m.start() and (lowered[m.start() - 1].isalnum() or lowered[m.start() - 1] in "._"):
            continue
        word = " ".join(m.group(0).split())
        if m.end() < len(text) and lowered[m.end()].isalnum() and not word.endswith("."):
            if m.group(0) == word:  # "tỉnhx", "tphcm": the type word runs on into another word
                continue
        group = _TYPE_WORDS[word]
        tier, level = _GROUP[group]
        best: tuple[int, str] | None = None
        tiers = (PROVINCE, DISTRICT) if group == "tp" else (tier,)
        pos, words = m.end(), list[str]()
        for _ in range(NAME_MAX_TOKENS):
            t = _NAME_TOKEN.match(text, pos)
            if not t:
                break
            word = t.group(1)
            if not words and not (word[0] in _UPPER or (word.isdigit() and group in _NUMBERED)):
                break
            if not words and _ABBREV_NUMBER_ONLY.fullmatch(m.group(0).strip()) and not word.isdigit():
                break
            if word.isupper() and len(word) > 1 and group != "tp" and not text[m.start() : m.end()].strip().isupper():
                break  # an acronym after a lower-case type word ("xã NTM") is not a name
            words.append(text[m.end() : t.end()])
            pos = t.end()
            key = name_key(words[-1])
            if any(gaz.lookup(ti, key) for ti in tiers):
                best = (t.end(), key)
        if best is None:
            continue
        end, key = best
        out.append(Mention((m.start(), end), tier, level, key, typed=True, group=group))
    return out


def _bare_ok(text: str, s: int, e: int) -> bool:
    """A bare province name is a place unless it is part of a person's or a road's name."""
    before = text[max(0, s - 40) : s]
    prev = re.search(r"([\w'’]+)[ \t]+$", before)
    if prev:
        word = prev.group(1)
        if word[0] in _UPPER and not (word.isupper() and len(word) > 1):
            if not (_cues()["institution"].fullmatch(word) or _cues()["venue"].fullmatch(word)):
                return False  # "Nguyễn Thái Bình": a person's name
    nxt = re.match(r"[ \t]+([\w]+)", text[e : e + 30])
    if nxt and nxt.group(1)[0] in _UPPER:
        return False  # "Hà Nội Mới", "Điện Biên Phủ": a longer name
    if re.search(rf"(?:{_cues()['bridge'].pattern})\s+$", before, re.IGNORECASE):
        return True  # "điểm cầu Bắc Ninh": an online meeting's venue, no bridge ("cầu") named
    street = _cues()["street"]
    return not re.search(rf"(?:{street.pattern})\s+(?:\S+\s*-\s*)?$", before, re.IGNORECASE)


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
        m.candidates[0].province_code for m in mentions if len({u.province_code for u in m.candidates}) == 1
    )
    districts = {m.candidates[0].code for m in mentions if m.tier == DISTRICT and len(m.candidates) == 1}
    for m in mentions:
        if len({u.province_code for u in m.candidates}) == 1:
            m.unit = _prefer_district(m.candidates, districts)
            continue
        ranked = sorted(m.candidates, key=lambda u: (u.district_code not in districts, -weights[u.province_code]))
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
    body = doc.body
    date = event_date(doc)
    mentions = find_mentions(body)
    title_mentions = find_mentions(doc.title) if doc.title else []
    resolve(mentions + title_mentions, date)
    mentions = [m for m in mentions if m.unit is not None]
    title_units = [m.unit for m in title_mentions if m.unit is not None]
    event_ids = place_roles.event_mentions(doc, mentions, title_units, _cues())
    gaz = gazetteer()
    places: dict[tuple[str, str], Place] = {}
    for i, m in enumerate(mentions):
        unit = m.unit
        assert unit is not None
        level = m.level if (m.level is not None and m.group != "tp" and unit.level is not Level.TINH) else unit.level
        ident = (unit.era + unit.code, level.value)
        role = PlaceRole.EVENT if i in event_ids else PlaceRole.MENTIONED
        if ident in places and not (role is PlaceRole.EVENT and places[ident].role is PlaceRole.MENTIONED):
            continue
        places[ident] = Place(
            name=unit.name,
            level=level,
            province=gaz.province_name(unit, date),
            code=unit.code if unit.stands_on(date) else None,  # a unit gone by then has no code
            role=role,
            span=m.span,
            today=gaz.today(unit),
        )
    return sorted(places.values(), key=lambda p: p.span)
