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
# Syllables read after a comma to keep a coordinated unit ("tin bài, phóng sự"); with 4,
# and a capital allowed after the list, 29 pool units changed, half into the next clause.
MAX_COORDINATEDWORDS = 3
# How far before a numeral "số <noun>" may stand when no unit follows it
# ("tổng số đảng viên 2.814", "số trường cần sắp xếp lại là 4.215").
MAX_NOUN_BEFORE_CHARS = 48
# How far after a unit an "xuất sắc"/"tiêu biểu" still marks the count as the
# people honoured ("186 công nhân lao động tiêu biểu").
AWARDEE_REACH = 24
# One word of a unit phrase: a syllable, an acronym ("CNLĐ", "F1", "Covid-19") or "%".
WORD = re.compile(r"[ \t]+(?P<w>%|[^\W\d_][\w\-]*)")
# The rest of a rate printed glued to its unit: "/người/năm" in "đồng/người/năm",
# "/kWh", "/m2". FORMAT.md keeps a rate whole. No space after "/": "số/ 1 tháng" and
# "%/ vào năm" are no rates. 51 glued rates in 357 pool articles, all rates.
_RATE = re.compile(r"(?:/[^\W\d_]\w*)+")


def rate_end(body: str, pos: int) -> int:
    """Where a unit ending at ``pos`` ends with its rate ("đồng|/kg"); ``pos`` when none.

    An upper-case code after an upper-case word is a symbol's tail ("NQ/TW"), no rate.
    """
    if not body.startswith("/", pos):
        return pos
    m = _RATE.match(body, pos)
    if m is None:
        return pos
    head = body[max(0, pos - 8) : pos].split()[-1:] or [""]
    if head[0].isupper() and body[pos + 1 : m.end()].replace("/", "").isupper():
        return pos
    return m.end()


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
    award_head: frozenset[str]
    award_head_first: frozenset[str]  # the first syllables of ``award_head``: a cheap pre-check
    compounds: frozenset[str]
    not_coordinated: frozenset[str]
    unit_ok: frozenset[str]
    name_after: frozenset[str]
    list_words: tuple[str, ...]  # "và", "hoặc": a numeral listed after another
    out_of_first: tuple[str, ...]  # first words of ``out_of``: a cheap pre-check
    not_before_so: tuple[str, ...]
    range_re: re.Pattern[str]  # the upper end of a range, right after the lower one
    out_of_re: re.Pattern[str]  # "1 trong (số) 5 …" before a numeral: it is the whole
    out_of_after: re.Pattern[str]  # " trong (số) 5" after a numeral: the whole its unit follows
    listed_re: re.Pattern[str]  # "Chuyên đề 2 và " before a numeral
    listed_date_re: re.Pattern[str]  # "30/4 và " before a numeral


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

    def alt(kind: str) -> str:
        return "|".join(
            r"\s+".join(map(re.escape, w.split()))
            for w in sorted(words(kind), key=len, reverse=True)
        )

    ranges, lists, out_of = alt("range_word"), alt("list_word"), alt("out_of")
    number = r"\d+(?:[.,]\d+)*"
    return Lexicon(
        award_head=words("award_head"),
        award_head_first=frozenset(w.split()[0] for w in words("award_head")),
        compounds=words("compound"),
        not_coordinated=words("not_coordinated"),
        unit_ok=words("unit_ok"),
        name_after=words("name_after"),
        list_words=tuple(sorted(words("list_word"))),
        out_of_first=tuple(sorted({w.split()[0] for w in words("out_of")})),
        not_before_so=tuple(sorted(words("not_before_so"))),
        range_re=re.compile(
            rf"[ \t]*(?:[-–—]|(?<=[ \t])(?:{ranges})(?=[ \t]))[ \t]*"  # e.g. 300–500 | 180.000 đến
            rf"(?P<num>{number})(?P<glue>%|[^\W\d_]+\d?)?"
        ),
        out_of_re=re.compile(
            rf"\d\s+(?:{out_of})(?:\s+[^\W\d_]+)?$", re.IGNORECASE
        ),  # e.g. 1 trong 2
        out_of_after=re.compile(
            rf"[ \t]+(?:{out_of})[ \t]+(?P<num>{number})(?![\w/.,]\w)", re.IGNORECASE
        ),
        listed_re=re.compile(
            r"(?P<a>[^\W\d_]+)[ \t]+(?P<b>[^\W\d_]+)[ \t]+"  # e.g. Chuyên đề
            rf"\d+(?:[ \t]*,[ \t]*\d+)*[ \t]*(?:,|{lists})[ \t]*$",  # e.g. 2 và | 15, 16,
            re.IGNORECASE,
        ),
        listed_date_re=re.compile(
            # e.g. 30/4 và
            rf"\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?[ \t]*(?:,|{lists}|-|–|{ranges})[ \t]*$"
        ),
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
        end = rate_end(body, nxt.end("w"))
        return body[head.start("w") : end], head.start("w"), end
    if low in lex.measures and pair not in lex.nouns:  # "đồng", but not "đồng chí"
        end = rate_end(body, head.end("w"))
        return body[head.start("w") : end], head.start("w"), end
    titled = head["w"][:1].isupper()
    last, n = head, 1
    if low not in lex.stop and (end := rate_end(body, head.end("w"))) > head.end("w"):  # người/km2
        return body[head.start("w") : end], head.start("w"), end
    while nxt is not None and n < MAX_UNITWORDS and low not in lex.stop:
        w = nxt["w"]
        if w.lower() in lex.stop and f"{last['w']} {w}".lower() not in lex.compounds:
            break  # "3 dự án tại", but "4 trang thiết bị", "7 tồn tại"
        # a title-case word after a lower-case head starts a name ("4 tỉnh Sóc Trăng")
        if not titled and w[:1].isupper() and not w.isupper() and not any(c.isdigit() for c in w):
            break
        last, n = nxt, n + 1
        if (end := rate_end(body, nxt.end("w"))) > nxt.end("w"):  # e.g. học sinh/lớp
            return body[head.start("w") : end], head.start("w"), end
        nxt = WORD.match(body, nxt.end())
    start, end = head.start("w"), last.end("w")
    return _coordinated(body, start, end, lex)


def _coordinated(body: str, start: int, end: int, lex: Lexicon) -> tuple[str, int, int]:
    """Extend "tin bài" to "tin bài, phóng sự" when a short noun list follows the comma."""
    at, n, last = end + 1, 0, ""
    if body.startswith(",", end):
        while n <= MAX_COORDINATEDWORDS and (m := WORD.match(body, at)) is not None:
            w = m["w"]
            if w.lower() in lex.not_unit or w[:1].isupper():
                break
            if w.lower() in lex.stop and (n == 0 or f"{last} {w}".lower() not in lex.compounds):
                break  # "tỉnh, thành phố trực thuộc" goes on through a compound
            if n == 0 and (
                w.lower() in lex.not_coordinated or pair_in(body, m, lex.not_coordinated)
            ):
                break  # "500 giường, đưa vào sử dụng": the next clause
            at, n, last = m.end(), n + 1, w
    if 0 < n <= MAX_COORDINATEDWORDS:
        tail = body[at : at + 2].lstrip(" ")
        follow = WORD.match(body, at)
        if (
            not tail
            or (not tail[0].isalnum() and not tail[0].isdigit())
            or (follow is not None and follow["w"].lower() in lex.stop)
        ):
            return body[start:at], start, at
    return body[start:end], start, end


def pair_in(body: str, m: re.Match[str], words: frozenset[str]) -> bool:
    """True when the word of ``m`` and the next one make an entry of ``words``."""
    nxt = WORD.match(body, m.end())
    return nxt is not None and f"{m['w']} {nxt['w']}".lower() in words


def noun_before(body: str, clause_start: int, start: int, lex: Lexicon) -> tuple[str, int] | None:
    """ "tổng số đảng viên 2.814": the noun after "số" when no unit follows the numeral."""
    lo = max(clause_start, start - MAX_NOUN_BEFORE_CHARS)
    window = body[lo:start].lower()
    i = window.rfind("số ")
    if i < 0 or (i > 0 and window[i - 1].isalnum()):
        return None
    if window[:i].rstrip().endswith(lex.not_before_so):
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
    """ "75 lao động xuất sắc", "186 công nhân lao động tiêu biểu": the people honoured."""
    tail = body[end : end + AWARDEE_REACH].lower()
    if not any(k in tail or k in words for k in lex.awardee_first):
        return False
    cut = min((i for i in map(tail.find, ",.;:(") if i >= 0), default=len(tail))
    words = words + tail[:cut].split()
    pairs = set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}
    return not lex.awardee.isdisjoint(pairs)
