"""The counted-noun side of the figures stage: its lexicon (``data/figure_units.tsv``),
the unit phrase after a numeral, the noun after "số" before one, and the tests
for units that are names or people honoured. It finds no numerals (``figures`` does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vnevents.data import load_tsv
from vnevents.record import Qualifier

# Longest unit phrase kept, in syllables (gold units run up to 6: "đội hình tình
# nguyện cấp tỉnh"); only the first syllable is scored, so longer is only noise.
MAX_UNITWORDS = 6
# Syllables read after a comma to keep a coordinated unit ("tin bài, phóng sự").
MAX_COORDINATEDWORDS = 3
# How far before a numeral "số <noun>" may stand when no unit follows it
# ("tổng số đảng viên 3.979", "số cơ sở cần sắp xếp lại là 6.660").
MAX_NOUN_BEFORE_CHARS = 48
# How far after a unit an "xuất sắc"/"tiêu biểu" still marks the count as the
# people honoured ("244 đại biểu là CNLĐ xuất sắc").
AWARDEE_REACH = 24
# One word of a unit phrase: a syllable, an acronym ("CNLĐ", "F1", "Covid-19") or "%".
WORD = re.compile(r"[ \t]+(?P<w>%|[^\W\d_][\w\-]*)")


@dataclass(frozen=True)
class Lexicon:
    multipliers: dict[str, int]
    multiplier_re: re.Pattern[str]
    qualifiers: dict[str, Qualifier]
    den_before: frozenset[str]
    glued: frozenset[str]
    measures: frozenset[str]
    nouns: frozenset[str]
    not_unit: frozenset[str]
    name_before: frozenset[str]
    allow_before: frozenset[str]
    stop: frozenset[str]
    common: frozenset[str]  # stop words and qualifiers: never part of a name
    award: tuple[str, ...]
    award_unit: frozenset[str]
    awardee: frozenset[str]
    awardee_first: frozenset[str]  # the first syllables of ``awardee``: a cheap pre-check


@cache
def lexicon() -> Lexicon:
    """The figures lexicon (``data/figure_units.tsv``), read once."""
    rows: dict[str, list[tuple[str, ...]]] = {}
    for row in load_tsv("figure_units.tsv"):
        rows.setdefault(row[0], []).append(row[1:])

    def words(kind: str) -> frozenset[str]:
        return frozenset(r[0].lower() for r in rows.get(kind, []))

    multipliers = {r[0].lower(): int(r[1]) for r in rows["multiplier"]}
    alternation = "|".join(sorted(map(re.escape, multipliers), key=len, reverse=True))
    qualifiers = {r[0].lower(): Qualifier(r[1]) for r in rows["qualifier"]}
    return Lexicon(
        multipliers=multipliers,
        # one or two multipliers after the numeral, e.g. "1,5 tỷ" | "3 nghìn tỷ"
        multiplier_re=re.compile(
            rf"[ \t]*(?P<m1>{alternation})(?!\w)(?:[ \t]+(?P<m2>{alternation})(?!\w))?",
            re.IGNORECASE,
        ),
        qualifiers=qualifiers,
        den_before=words("den_before"),
        glued=words("glued"),
        measures=words("measure"),
        nouns=words("noun"),
        not_unit=words("not_unit"),
        name_before=words("name_before"),
        allow_before=words("allow_before"),
        stop=words("stop"),
        common=words("stop") | frozenset(qualifiers),
        award=tuple(sorted(words("award"))),
        award_unit=words("award_unit"),
        awardee=words("awardee"),
        awardee_first=frozenset(w.split()[0] for w in words("awardee")),
    )


def unit_after(body: str, pos: int, lex: Lexicon) -> tuple[str, int, int] | None:
    """The unit phrase after ``pos``: (text, start, end), or None when none follows."""
    head = WORD.match(body, pos)
    if head is None:
        return None
    low = head["w"].lower()
    nxt = WORD.match(body, head.end())
    pair = f"{low} {nxt['w'].lower()}" if nxt is not None else ""
    if nxt is not None and pair in lex.measures:  # e.g. mét vuông
        return body[head.start("w") : nxt.end("w")], head.start("w"), nxt.end("w")
    if low in lex.measures and pair not in lex.nouns:  # "đồng", but not "đồng chí"
        return head["w"], head.start("w"), head.end("w")
    titled = head["w"][:1].isupper()
    last, n = head, 1
    while nxt is not None and n < MAX_UNITWORDS and low not in lex.stop:
        w = nxt["w"]
        if w.lower() in lex.stop:
            break
        # a title-case word after a lower-case head starts a name ("4 tỉnh Sóc Trăng")
        if not titled and w[:1].isupper() and not w.isupper() and not any(c.isdigit() for c in w):
            break
        last, n = nxt, n + 1
        nxt = WORD.match(body, nxt.end())
    start, end = head.start("w"), last.end("w")
    return _coordinated(body, start, end, lex)


def _coordinated(body: str, start: int, end: int, lex: Lexicon) -> tuple[str, int, int]:
    """Extend "tin bài" to "tin bài, phóng sự" when a short noun list follows the comma."""
    at, n = end + 1, 0
    if body.startswith(",", end):
        while n <= MAX_COORDINATEDWORDS and (m := WORD.match(body, at)) is not None:
            w = m["w"]
            if w.lower() in lex.stop or w.lower() in lex.not_unit or w[:1].isupper():
                break
            at, n = m.end(), n + 1
    if 0 < n <= MAX_COORDINATEDWORDS:
        tail = body[at : at + 2].lstrip(" ")
        follow = WORD.match(body, at)
        if not tail or (not tail[0].isalnum() and not tail[0].isdigit()) or (
            follow is not None and follow["w"].lower() in lex.stop
        ):
            return body[start:at], start, at
    return body[start:end], start, end


def noun_before(body: str, clause_start: int, start: int, lex: Lexicon) -> tuple[str, int] | None:
    """"tổng số đảng viên 3.979": the noun after "số" when no unit follows the numeral."""
    lo = max(clause_start, start - MAX_NOUN_BEFORE_CHARS)
    window = body[lo:start].lower()
    i = window.rfind("số ")
    if i < 0 or (i > 0 and window[i - 1].isalnum()):
        return None
    if window[:i].rstrip().endswith(("một", "trong", "các", "con")):
        return None  # "một số", "con số": no counted noun
    at, first, last = lo + i + 2, None, None
    for _ in range(MAX_UNITWORDS):
        m = WORD.match(body, at)
        if m is None or m.end() > start:
            break
        w = m["w"]
        if w.lower() in lex.not_unit or w.lower() in lex.common or w[:1].isupper():
            break
        if first is None and w.lower() == "lượng":  # "số lượng đảng viên"
            at = m.end()
            continue
        first, last, at = first or m, m, m.end()
    if first is None or last is None or any(c.isdigit() for c in body[at:start]):
        return None
    return body[first.start("w") : last.end("w")], first.start("w")


def proper_name(unit: str) -> bool:
    """A unit that reads as a proper name ("TP Đà Nẵng", "Điện Biên Phủ"), not as a
    capitalised title ("Phó Cục trưởng")."""
    words = unit.split()
    if len(words) < 2 or not words[0][:1].isupper() or not _title(words[1]):
        return False
    return len(words) == 2 or words[2][:1].isupper()


def _title(word: str) -> bool:
    """Title-case ("Đà"), not an acronym ("THPT")."""
    return word[:1].isupper() and not word.isupper()


def awardees(body: str, end: int, words: list[str], lex: Lexicon) -> bool:
    """"75 lao động xuất sắc", "244 đại biểu là CNLĐ xuất sắc": the people honoured."""
    tail = body[end : end + AWARDEE_REACH].lower()
    if not any(k in tail or k in words for k in lex.awardee_first):
        return False
    cut = min((i for i in map(tail.find, ",.;:(") if i >= 0), default=len(tail))
    words = words + tail[:cut].split()
    pairs = set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}
    return not lex.awardee.isdisjoint(pairs)
