"""Stage 8: reported quantities (counts, amounts, percentages, money, measures) and their unit.

One regex pass finds the numerals (a rate is kept whole: "đồng/người/năm"); cheap checks
on the words around each one drop dates, numbers inside names, ordinals, durations, ages,
slogans and award counts. The words are data (``data/figure_units.tsv``). It does not
read documents or awards.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from vnevents.patterns import NUMBER, positions
from vnevents.doc import Doc
from vnevents.record import Figure, Qualifier, Span
from vnevents.stages.figures.units import (
    WORD,
    Lexicon,
    awardees,
    lexicon,
    noun_before,
    pair_in,
    proper_name,
    rate_end,
    unit_after,
)

# How far before a count an award keyword is looked for ("tặng Bằng khen cho 07 tập thể").
AWARD_REACH = 300
# How far from a unit's start an award's name is read ("kỷ niệm chương" is 14).
AWARD_HEAD_CHARS = 24
# Bare digit runs this long are phone numbers or identifiers, never counts
# (Vietnamese prints large counts with "." groups).
MAX_BARE_DIGITS = 7
# The constants above were calibrated on seeds + dev and 60 public_sector corpus
# articles; after changing one, re-run `vnevents eval` on both gold sets.

# A numeral candidate; its shape is checked afterwards.
_CANDIDATE = re.compile(
    r"(?P<num>[0-9]"  # starting on an ASCII digit lets sre skip text fast
    r"(?<![\w.,/\-–—][0-9])(?<![0-9]:[0-9])"  # not inside a word, numeral, date, symbol, time
    r"[0-9]*(?:[.,][0-9]+)*)"  # e.g. 2.853 | 155,167 | 15.2.2013 (rejected later)
    r"(?P<glue>%|[^\W\d_]+[0-9]?)?"  # e.g. 95% | 155,167ha | 20km | m2 | 14h (rejected later)
)
_VIET_NUMBER = re.compile(NUMBER)
_DOT_DECIMAL = re.compile(r"\d{1,3}\.\d{1,2}")  # e.g. 6.7 — a dot-decimal, kept before % only
_YEAR = re.compile(r"(?:19|20)\d\d")  # e.g. 2022 — a bare year, not a count
# The denominator of a ratio ("108/127 xã") or the month of a date ("8/12").
_SLASH = re.compile(r"/(?P<num>\d+(?:[.,]\d+)*)")
# What may not follow a numeral: more date parts, a symbol, a time or a scale.
_NOT_AFTER = re.compile(
    r"[/.\-:]\d"  # e.g. 8/12/2022 | 15.2 | 14:30
    r"|[-/][^\W\d_]"  # e.g. 35-NQ/TW | 120/KH-UBND
)
# A sentence end (a dot inside a numeral is not one).
_SENTENCE_END = re.compile(r"[.;!?\n…](?!\d)")
_RUN = re.compile(r"\w+")
_OPEN_QUOTES = "“\"‘'«"
_SENTENCE_START_CHARS = ".!?:;\n…“”\"'(•*"


def find(doc: Doc) -> list[Figure]:
    """Every reported quantity in the cleaned body, each with its span.

    Args:
        doc: the analysed document.

    Returns:
        Figures in text order; a range gives two, the second qualified ``den``.
    """
    body = doc.body
    scan = _Scan(body, lexicon(), doc.lower)
    out: list[Figure] = []
    taken = -1  # where the upper end of a range read with its lower end starts
    for m in _CANDIDATE.finditer(body):
        if m.start() <= taken:
            continue
        found = _read(scan, m)
        if len(found) == 2:
            taken = found[1].span[0]
        out.extend(found)
    return out


@dataclass
class _Scan:
    """One body being read, with what is worked out about it on first need."""

    body: str
    lex: Lexicon
    lower: str
    _ends: list[int] | None = field(default=None, repr=False)
    _awards: list[int] | None = field(default=None, repr=False)  # award keyword positions

    def sentence_start(self, pos: int) -> int:
        if self._ends is None:
            self._ends = [m.start() for m in _SENTENCE_END.finditer(self.body)]
        i = bisect_right(self._ends, pos - 1)
        return self._ends[i - 1] + 1 if i else 0

    def award_count(self, start: int, end: int, head: str, w1: str) -> bool:
        """A count handed an award ("tặng Bằng khen cho 07 tập thể, 12 cá nhân")."""
        low, lo = self.lower, max(0, start - AWARD_REACH)
        if self._awards is None:
            self._awards = positions(low, self.lex.award)
        near = bisect_right(self._awards, start) > bisect_right(self._awards, lo - 1)
        if not near and head not in self.lex.award_unit:
            return False
        sentence = low[max(lo, self.sentence_start(start)) : start]
        clause = sentence[sentence.rfind(",") + 1 :]
        if any(k in clause for k in self.lex.award):
            return True
        if w1 == "cho" and any(k in sentence for k in self.lex.award):
            return True
        if head in self.lex.award_unit:  # "15 tập thể, 18 cá nhân nhận giấy khen"
            stop = low.find(".", end)
            rest = low[end : stop if stop > 0 else len(low)]
            return any(k in sentence or k in rest for k in self.lex.award)
        return False


class _Before(NamedTuple):
    """What stands right before a numeral."""

    w1: str = ""  # the word before, lower-cased; "" after a punctuation mark
    w2: str = ""  # the word before that
    w3: str = ""  # and the one before that
    name: bool = False  # w1 is capitalised mid-sentence, or an acronym: part of a name
    quote: bool = False  # after an opening quote: a slogan ("“4 chăm”")
    after_small: bool = False  # after "<small numeral> <word>" ("5 không 3 sạch")
    numeral: bool = False  # after another numeral: a phone number, a failed range, "1 trong 2"


def _before(body: str, start: int, lex: Lexicon) -> _Before:
    stripped = body[max(0, start - 40) : start].rstrip(" \t")
    if not stripped:
        return _Before()
    last = stripped[-1]
    if last == ")":  # "Ban chỉ đạo (BCĐ) 35": an acronym in brackets names a body
        inner = stripped[:-1].rsplit("(", 1)[-1]
        return _Before(w1=inner.lower(), name=inner.isupper())
    if last in "-–—" and stripped[:-1].rstrip()[-1:].isdigit():
        return _Before(numeral=True)  # the upper end of a range whose lower end failed
    if any(w in stripped for w in lex.out_of_first) and lex.out_of_re.search(stripped):
        return _Before(numeral=True)  # "1 trong 2 quần thể": the whole, not a count
    if not last.isalnum():
        return _Before(quote=last in _OPEN_QUOTES)
    parts = stripped.split()
    raw = parts[-1]
    w1 = raw.lstrip(_SENTENCE_START_CHARS + ",([")
    rest = stripped[: len(stripped) - len(raw)].rstrip()
    initial = raw != w1 or (not rest and start <= 40) or rest[-1:] in _SENTENCE_START_CHARS
    runs = _RUN.findall(parts[-2]) if len(parts) > 1 and raw == w1 else []
    runs3 = _RUN.findall(parts[-3]) if len(parts) > 2 and len(runs) == 1 else []
    return _Before(
        w1=w1.lower(),
        w2=runs[-1].lower() if runs else "",
        w3=runs3[-1].lower() if runs3 else "",
        name=w1[:1].isupper() and (not initial or (len(w1) > 1 and w1.isupper())),
        after_small=len(parts) > 1 and parts[-2].isdigit() and len(parts[-2]) <= 2,
        numeral=w1.isdigit(),
    )


def _rejected_before(body: str, start: int, before: _Before, lex: Lexicon) -> bool:
    """True when the words before a numeral make it part of a name, date or slogan."""
    w1 = before.w1
    if before.numeral or before.quote or w1 in lex.measures:
        return True  # "0912 345 678", "“4 chăm”", "m 3" (a split m³)
    if before.name and w1 not in lex.common:
        return True  # "Gia Lộc 412", "BCĐ 389"
    # "5 không 3 sạch", "3 giỏi 2 vững mạnh": slogans pair small numerals with words
    if before.after_small and (w1 == "không" or w1 not in lex.common):
        return True
    pair = f"{before.w2} {w1}"
    if pair not in lex.allow_before and (
        w1 in lex.name_before or pair in lex.name_before or f"{before.w3} {pair}" in lex.name_before
    ):
        return True  # "Ban Chỉ đạo 35", "lần thứ 2", "năm 2022", "Trường THCS số 2"
    if body[max(0, start - 5) : start].rstrip().endswith((",", *lex.list_words)):
        m = lex.listed_re.search(body, max(0, start - 60), start)
        named = m is not None and (
            m["b"].lower() in lex.name_before or f"{m['a']} {m['b']}".lower() in lex.name_before
        )
        if named:
            return True  # "Chuyên đề 2 và 3"
    return False


def _measure_follows(body: str, end: int, glue: str | None, lex: Lexicon) -> bool:
    """True when a measure unit follows the numeral ("6,7%", "211 tấn", "3,5 tỷ đồng")."""
    if glue is not None:
        return glue.lower() in lex.measures
    w = WORD.match(body, end)
    if w is not None and w["w"].lower() in lex.multipliers:
        w = WORD.match(body, w.end())
    if w is None or len(w["w"]) < 2:
        return False  # "2020 đ.ể", "khu 3 m": a spaced letter is no sure unit
    nxt = WORD.match(body, w.end())
    pair = f"{w['w']} {nxt['w']}".lower() if nxt is not None else ""
    return w["w"].lower() in lex.measures and pair not in lex.nouns  # not "3 đồng chủ trì"


def _award_head(body: str, u_start: int, lex: Lexicon) -> bool:
    """True when the unit at ``u_start`` opens with an award's or a prize's name (read from
    the body: the unit itself stops before the capital of "giải Nhất")."""
    ahead = _RUN.findall(body[u_start : u_start + AWARD_HEAD_CHARS].lower())[:3]
    return any(" ".join(ahead[:n]) in lex.award_head for n in (1, 2, 3))


def _capitalised_after(body: str, end: int) -> bool:
    w = WORD.match(body, end)
    return w is not None and w["w"][:1].isupper()


def _value(num: str, glue: str | None) -> Decimal | None:
    """The value of a numeral as printed, or None when it is no count."""
    if _VIET_NUMBER.fullmatch(num):
        if num.isdigit() and len(num) >= MAX_BARE_DIGITS:
            return None
        return Decimal(num.replace(".", "").replace(",", "."))
    if glue == "%" and _DOT_DECIMAL.fullmatch(num):
        return Decimal(num)  # a dot-decimal percentage, e.g. 6.7%
    return None


class _Extent(NamedTuple):
    """How far a numeral reaches: its end, a range's upper end, the glued unit and multiplier."""

    end: int
    upper: tuple[Decimal, int] | None  # a range's upper end: (value, start)
    glue: str | None
    factor: int


def _read(scan: _Scan, m: re.Match[str]) -> list[Figure]:
    """The figures one numeral candidate gives (none, one, or two for a range).

    Four steps, each of which may reject the numeral: its shape (a date, a year, a duration),
    the words before it (a name, a slogan), how far it reaches (a range, a multiplier), and the
    counted noun after it (or before it).
    """
    body, lex = scan.body, scan.lex
    num, glue = m["num"], m["glue"]
    start, end = m.span()
    shape = _shape(body, m, lex)
    if shape is None:
        return []
    ratio, slash = shape
    value = _value(num, glue)
    if value is None:
        return []
    before = _before(body, start, lex)
    if _rejected_before(body, start, before, lex) and (
        before.numeral or before.quote or not _measure_follows(body, end, glue, lex)
    ):
        # "BCĐ 35", "lần thứ 2" are names; before a measure a name's word is the subject
        # of a figure: "GDP 6,7%", "Hà Tĩnh 211 tấn", "mặt đường 8m" (23 such in the pool,
        # all figures).
        return []
    qualifier = lex.qualifiers.get(before.w1)
    if qualifier is Qualifier.DEN and before.w2 not in lex.den_before:
        qualifier = None  # "liên quan đến 2 lĩnh vực": a preposition, not "up to"
    extent = _extent(body, m, slash, lex)
    if extent is None:
        return []
    unit_span = _unit(scan, start, extent, ratio, before)
    if unit_span is None:
        return []
    unit, span = unit_span
    figures = [
        Figure(value=_number(value * extent.factor), unit=unit, qualifier=qualifier, span=span)
    ]
    if extent.upper is not None:
        figures.append(
            Figure(
                value=_number(extent.upper[0] * extent.factor),
                unit=unit,
                qualifier=Qualifier.DEN,
                span=(extent.upper[1], span[1]),
            )
        )
    return figures


def _shape(body: str, m: re.Match[str], lex: Lexicon) -> tuple[bool, re.Match[str] | None] | None:
    """(a ratio?, its "/denominator") for a numeral shaped like a count; None for a footnote
    mark, a full date, a symbol, a time, a year or a duration."""
    num, glue = m["num"], m["glue"]
    start, end = m.span()
    if body.startswith("]", end) and body[start - 1 : start] == "[":
        return None  # "[9]": a footnote mark
    ratio = glue is None and body.startswith("/", end)
    slash: re.Match[str] | None = None
    glued_range = body.startswith("-", end) and body[end + 1 : end + 2].isdigit()  # e.g. 3-4%
    rate = rate_end(body, end) if glue is not None else end  # e.g. 14,5%/năm | 60km/h
    if ratio:
        slash = _SLASH.match(body, end)
        if slash is None or _NOT_AFTER.match(body, slash.end()) or not _value(slash["num"], None):
            return None  # a full date, e.g. 8/12/2022
    elif not glued_range and rate == end and _NOT_AFTER.match(body, end):
        return None
    if glue is None and not ratio:
        w = WORD.match(body, end)
        after = w["w"].lower() if w is not None else ""
        if _YEAR.fullmatch(num) and after not in lex.measures and after not in lex.multipliers:
            return None  # a year, unless a measure follows
        if after in lex.not_unit and not pair_in(body, w, lex.unit_ok):  # type: ignore[arg-type]
            return None  # "06 tháng", "98 tuổi": rejected before the costlier reads below
    return ratio, slash


def _extent(
    body: str, m: re.Match[str], slash: re.Match[str] | None, lex: Lexicon
) -> _Extent | None:
    """Where a numeral's quantity ends: past a ratio's denominator, a range's upper end
    ("300–500"), a multiplier ("1,5 tỷ"); None for a date listed after a date or a failed range."""
    start, end = m.span()
    glue: str | None = m["glue"]
    upper: tuple[Decimal, int] | None = None
    glued_range = body.startswith("-", end) and body[end + 1 : end + 2].isdigit()
    if slash is not None:
        near = body[max(0, start - 24) : start]
        if "/" in near and lex.listed_date_re.search(near):
            return None  # "dịp 30/4 và 1/5": a date listed after a date
        end = slash.end()
    elif glue is None:
        r = lex.range_re.match(body, end)
        glued_rate = r is not None and r["glue"] is not None and rate_end(body, r.end()) > r.end()
        if r is not None and (glued_rate or not _NOT_AFTER.match(body, r.end())):  # 8-10%/năm
            top = _value(r["num"], r["glue"])
            if top is not None:
                upper, end, glue = (top, r.start("num")), r.end(), r["glue"]
        if upper is None and glued_range:
            return None  # e.g. 4-5-1968 | 30-5
    factor = 1
    if glue is not None and glue.lower() in lex.multipliers:  # e.g. 5tỷ
        factor, glue = lex.multipliers[glue.lower()], None
    mult = lex.multiplier_re.match(body, end) if glue is None else None
    if mult is not None:
        factor *= lex.multipliers[mult["m1"].lower()]
        if mult["m2"]:
            factor *= lex.multipliers[mult["m2"].lower()]
        end = mult.end()
    return _Extent(end, upper, glue, factor)


def _unit(
    scan: _Scan, start: int, extent: _Extent, ratio: bool, before: _Before
) -> tuple[str, Span] | None:
    """The counted noun and the figure's span, or None when what follows is no counted noun
    (a duration, an age, a broken word, an award's count, a slogan, a proper name)."""
    body, lex = scan.body, scan.lex
    end, upper, glue, factor = extent
    if glue is not None:
        if glue.lower() not in lex.glued:
            return None  # e.g. 14h | 4G | 1A
        rate = rate_end(body, end)
        return body[end - len(glue) : rate], (start, rate)
    # "1 trong 5 bệnh viện", "31 trong số 66 trường": the part, counted in the whole's
    # unit (RULINGS.md; 10 such in 10 pool articles).
    whole = (
        lex.out_of_after.match(body, end) if upper is None and factor == 1 and not ratio else None
    )
    found = unit_after(body, whole.end() if whole else end, lex)
    if found is None or found[0].split()[0].lower() in lex.stop:
        if ratio or upper is not None or factor != 1:
            return None
        noun = noun_before(body, scan.sentence_start(start), start, lex)
        if noun is None:
            return None
        found = (noun[0], noun[1], end)
    unit, u_start, u_end = found
    words = unit.lower().replace(",", " ").replace("/", " ", 1).split()
    pair = " ".join(words[:2])
    if (words[0] in lex.not_unit or pair in lex.not_unit) and pair not in lex.unit_ok:
        return None  # "06 tháng", "98 tuổi", "3 lần" (but "130 nghìn ngày công")
    if len(words[0]) == 1 and words[0].isascii() and words[0] not in lex.measures:
        return None  # "10 n / ăm": a word broken by the page ("ý kiến" is a word)
    if words[0] in lex.award_head_first and _award_head(body, u_start, lex):
        return None  # "7 giải A", "trao 5 Kỷ niệm chương": the counts of awards
    if words[0] in lex.name_after and len(words) == 1 and _capitalised_after(body, u_end):
        return None  # "làm theo 5 điều Bác Hồ dạy": a slogan's name
    if words[0] not in lex.measures and (
        proper_name(unit)
        or scan.award_count(start, u_end, " ".join(words[:2]), before.w1)
        or awardees(body, u_end, words, lex)
    ):
        return None
    return unit, (min(start, u_start), u_end)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
