"""Stage 10: awards handed out at the event — kind, issuer, collectives and individuals.

Reads clauses such as "Chủ tịch UBND tỉnh tặng Bằng khen cho 07 tập thể, 12 cá nhân",
"15 tập thể … được tặng Giấy khen" or, in a prize-giving report, "trao giải
Nhất cho …". Awards received in the past, proposed or merely named ("đạt danh hiệu …") are
left out. Each clause is read once, and every look-back and look-ahead is bounded, so the
work is linear in the text's length. It does not read documents or figures.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from vnevents.doc import Doc
from vnevents.record import Award
from vnevents.stages.awards import recipients
from vnevents.stages.awards.issuer import issuer
from vnevents.stages.awards.lexicon import lexicon
from vnevents.stages.awards.merge import merge
from vnevents.stages.awards.names import name

log = logging.getLogger(__name__)

# How far before an award kind its verb may stand ("đã trao tặng Bằng khen").
VERB_LOOKBACK = 120
# A year this much older than the event's marks an award received in the past
# ("Huân chương … năm 1965"); the year before the event is still this award's
# period ("Cờ thi đua năm 2016" handed out in 2017).
PAST_YEARS = 2
# Counts before an award belong to it only when they stand close ("15 tập thể, 18 cá
# nhân được nhận giấy khen"); farther back they count something else.
BEFORE_COUNT_CHARS = 60
# A passive's subject may run longer before "được" ("28 tập thể và 48 cá nhân có thành tích
# xuất sắc tiêu biểu trong … đã vinh dự được Ban Tuyên giáo tặng Bằng khen"): 160 covers
# the longest of the annotation pool's 25 such subjects (130 characters).
PASSIVE_SUBJECT_CHARS = 160
# Longest clause read in one piece; the longest clause holding an award in the annotation
# pool has 809 characters. A longer run without a stop is read in pieces of this size.
MAX_CLAUSE_CHARS = 1500
# The characters after an award read for its recipients.
AFTER_WINDOW = 400
# Most award mentions read in one report; the annotation pool's richest report has 26.
# Past this, text is not a report (pathological input) and the rest is skipped.
MAX_MENTIONS = 200

# Cheap substring test on the lower-cased body before any regex runs.
_STEMS = ("khen", "chương", "huy hiệu", "danh hiệu", "cờ thi đua")
_NOT_A_STEM = "chương trình"  # 348 of the first 1,500 corpus texts' 399 "chương" are this word
_PRIZE = "giải"  # in a prize-giving report: "giải Nhất", "Giải thưởng X"
_STATE_PRIZE = "giải thưởng"  # elsewhere: "Giải thưởng Hồ Chí Minh"
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_COUNT_BEFORE = re.compile(r"(?<![\d.,])(\d{1,4})\s+$")  # e.g. trao 5 | Kỷ niệm chương
_LIST_NEXT = re.compile(r"(?:,|\svà)\s*$")  # e.g. trao A cho X | và | B cho Y
# A photo credit right after a sentence makes it a caption, which gives no item (RULINGS.md):
# "Chủ tịch nước trao Huân chương … cho tỉnh X. Ảnh: TTXVN". 16 award captions in the pool.
_CREDIT = re.compile(r"\s*\(?\s*Ảnh\s*:")


def _clause_ends(doc: Doc) -> list[int]:
    """Offsets just after each sentence end and each ";" (a clause of an award list)."""
    body, semis = doc.body, []
    i = body.find(";")
    while i >= 0:  # semicolons are rare: str.find beats a pass over every clause end
        semis.append(i + 1)
        i = body.find(";", i + 1)
    sentences = doc.boundaries.sentences
    return sorted({*sentences, *semis}) if semis else list(sentences)


def _pieces(start: int, end: int, body: str) -> list[tuple[int, int]]:
    """The clause [start, end) cut into pieces of at most MAX_CLAUSE_CHARS, at spaces."""
    out = []
    while end - start > MAX_CLAUSE_CHARS:
        cut = body.rfind(" ", start + MAX_CLAUSE_CHARS // 2, start + MAX_CLAUSE_CHARS)
        cut = cut + 1 if cut > start else start + MAX_CLAUSE_CHARS
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _prize_report(doc: Doc) -> bool:
    """Does the title or lead report a prize-giving ("Lễ trao giải …", "tổng kết và trao giải")?"""
    s, e = doc.lead
    lead = doc.lower[s:e]
    title = doc.title.lower() if doc.title else ""
    return any(c in lead or c in title for c in lexicon().ceremony)


class _Reader:
    """Reads the awards of a report's clauses, in order (see ``read``)."""

    def __init__(self, ref: Callable[[], int | None], prizes: bool) -> None:
        self.ref = ref
        self.prizes = prizes
        self.carry = -1  # where the last clause ended, if it ended on ";" after a handed-out award
        self.budget = MAX_MENTIONS
        self._at_event: bool | None = None  # whether the clause read places its awards at the event

    def read(self, start: int, clause: str, low: str) -> list[Award]:
        """Every award handed out in ``clause`` (``low`` lower-cased), which starts at ``start``
        in the body."""
        lex = lexicon()
        mentions = [
            m
            for m in (lex.kinds_prizes if self.prizes else lex.kinds).finditer(low)
            if not (m.start() and low[m.start() - 1].isalnum())
        ]
        found: list[Award] = []
        prev_end = 0
        prev_ok = self.carry == start  # "…; Huy hiệu 50 năm tuổi Đảng cho …": the verb carries on
        self._at_event = None
        if len(mentions) > self.budget:
            log.debug("more than %d award mentions: the rest is not read", MAX_MENTIONS)
            mentions = mentions[: self.budget]
        self.budget -= len(mentions)
        for i, m in enumerate(mentions):
            kind = lex.canon[m["kind"]]
            named = name(kind, clause[m.end() : m.end() + AFTER_WINDOW])
            if named is None:
                continue
            full, used = named
            name_end = m.end() + used
            if used == 0 and lex.not_handed.match(clause, name_end):
                continue  # "phát huy hiệu quả", "Huy hiệu cao quý này": not a handing-over
            next_start = mentions[i + 1].start() if i + 1 < len(mentions) else len(clause)
            lo = max(prev_end, m.start() - VERB_LOOKBACK)
            before = clause[lo : m.start()]
            after = clause[name_end : min(next_start, name_end + AFTER_WINDOW)]
            if i + 1 < len(mentions) and lex.receive_next.search(after):
                after = ""  # the words up to the next award are its receivers
            if cut := lex.recipients_end.search(after):
                after = after[: cut.start()]
            # the next of a list after a handed-out award: "trao A cho X và B cho Y"
            chained = prev_ok and (
                not before.strip() if i == 0 else bool(_LIST_NEXT.search(before))
            )
            bound, prev_end, prev_ok = prev_end, name_end, False  # bound: the last award's end
            if not self._handed_now(clause, m, (lo, name_end), before, after, chained):
                continue
            counted = self._counted(clause, m, (lo, name_end, bound), before, after)
            if counted is None:
                continue
            coll, indiv, span_start, span_end = counted
            found.append(
                Award(
                    kind=full,
                    issuer=issuer(
                        clause, m.start(), name_end, bound, found[-1].issuer if found else None
                    ),
                    collectives=coll,
                    individuals=indiv,
                    span=(start + span_start, start + span_end),
                )
            )
            prev_ok = True
        self.carry = start + len(clause) if prev_ok and clause.rstrip().endswith(";") else -1
        return found

    def _handed_now(
        self,
        clause: str,
        m: re.Match[str],
        where: tuple[int, int],
        before: str,
        after: str,
        chained: bool,
    ) -> bool:
        """Is the award at ``m`` handed out at the event: given by a verb or a list, not a
        record of the past, not proposed, not a contest's medal?"""
        lex = lexicon()
        kind = lex.canon[m["kind"]]
        prize = lex.form[kind.lower()] == "prize"
        _lo, name_end = where
        if lex.plural_before.search(clause, max(0, m.start() - 12), m.start()):
            return False  # "nhiều Huân chương", "các danh hiệu": a record of the past
        if not (_giving(before) or lex.give_after.match(after) or chained or prize):
            return False
        not_now = lex.not_now_prize if prize else lex.not_now
        if cue := not_now.search(before) or not_now.search(after[:40]):
            log.debug("%s at %d: not at the event (%r)", kind, m.start(), cue.group(0))
            return False
        years = _YEAR.findall(before + clause[m.end() : name_end + 40])
        r = self.ref() if years else None
        if r is not None and any(int(y) <= r - PAST_YEARS for y in years):
            log.debug("%s at %d: received in %s", kind, m.start(), years)
            return False
        return not (kind == "Huy chương" and lex.medal.match(clause, m.end()))  # a contest's medal

    def _counted(
        self, clause: str, m: re.Match[str], where: tuple[int, int, int], before: str, after: str
    ) -> tuple[int | None, int | None, int, int] | None:
        """(collectives, individuals, span start, span end) of the award at ``m`` in ``clause``,
        or None when a passive without counts tells a unit's record, not this event."""
        lex = lexicon()
        kind = lex.canon[m["kind"]]
        lo, name_end, bound = where
        passive = lex.passive_give.search(before)
        be = lo + passive.start() if passive else m.start()  # where "được" stands
        # counts stand close before the award, or open a passive's subject
        window = (
            max(bound, be - PASSIVE_SUBJECT_CHARS)
            if passive
            else max(lo, m.start() - BEFORE_COUNT_CHARS)
        )
        if passive and lex.era_before.search(clause, window, be):
            return None  # "… thời kỳ kháng chiến chống Mỹ được phong tặng …": that era's record
        coll, indiv = _counts(clause, m.start(), window, after, kind)
        if coll is None and indiv is None and passive:
            if self._at_event is None:
                self._at_event = bool(lex.at_event.search(clause))
            if not self._at_event:
                return None  # "đã được Nhà nước tặng Huân chương …": the unit's record
        if coll is None and indiv is None:
            subject = clause[window:be] if passive else ""
            coll, indiv = _recipients(before, after, subject)
        # The span reaches only counts of recipients: a number counting something else after
        # the award ("… cho Trường X Đến nay đã có 41 xã", "giải A và 6 phương án") or before it
        # (a company's "14", "kỷ niệm 50 năm … đón nhận") is no part of it. In the pool, 6
        # reports' spans ran onto such numbers; none of its 30 award reports needs them.
        span_start, span_end = m.start(), name_end
        for c in recipients.COUNT.finditer(after):
            if recipients.is_recipients(c):
                span_end = name_end + recipients.count_end(c)
        if (coll is not None or indiv is not None) and span_end == name_end:
            for c in recipients.COUNT.finditer(clause, window, m.start()):
                if recipients.is_recipients(c):
                    span_start = c.start()
                    break
        return coll, indiv, span_start, span_end


def _counts(
    clause: str, kind_start: int, window: int, after: str, kind: str
) -> tuple[int | None, int | None]:
    """Counts after the award, else in ``clause[window:kind_start]`` before it."""
    coll, indiv = recipients.counts(after)
    if coll is not None or indiv is not None:
        return coll, indiv
    coll, indiv = recipients.counts(clause[window:kind_start])
    # "trao 5 Kỷ niệm chương … tặng …": the number of awards handed out
    if n := _COUNT_BEFORE.search(clause, max(0, kind_start - 8), kind_start):
        if lexicon().holder[kind.lower()] == "individual" or "cá nhân" in after:
            indiv = int(n.group(1))
    return coll, indiv


def _giving(before: str) -> bool:
    """Does a giving or receiving verb (not a masked one: "công nhận") stand in ``before``?"""
    lex = lexicon()
    return any(lex.verb_role[v["v"].lower()] != "not_verb" for v in lex.verb.finditer(before))


def _recipients(before: str, after: str, subject: str) -> tuple[int | None, int | None]:
    """Named recipients: after "cho"/"tặng", after a verb before the award, the named units
    of a passive's ``subject`` ("Công an huyện A và Công an huyện B được … tặng"), or the
    host unit ("đón nhận Huân chương")."""
    lex = lexicon()
    coll, indiv = recipients.single(after)
    if coll is None and indiv is None:
        give = None
        for give in lex.give_to.finditer(before):
            pass
        if give is not None:
            # "trao tặng Học viện X Huân chương …"
            coll, indiv = recipients.single(" cho " + before[give.end() :])
    if coll is None and indiv is None and subject:
        subject = lex.leading.sub("", subject)
        for _ in range(3):  # "… đã vinh dự | được": a few tail words
            subject = lex.subject_tail.sub("", subject)
        coll = recipients.named_units(subject) or None
    if coll is None and indiv is None and lex.host.search(before):
        coll = 1  # the host unit receives it: "đón nhận Huân chương …"
    return coll, indiv


def find(doc: Doc) -> list[Award]:
    """Every award handed out at the event, one per (kind, issuer).

    Args:
        doc: the analysed document (the event or publication date dates awards received
            in the past).

    Returns:
        Awards in order of first mention; each span covers the kind and its counts.
    """
    low = doc.lower
    hits: list[int] = []
    for stem in _STEMS:  # str.find is far cheaper than a regex
        i = low.find(stem)
        while i >= 0:
            if not low.startswith(_NOT_A_STEM, i):
                hits.append(i)
            i = low.find(stem, i + 1)
    prizes = False
    if (i := low.find(_PRIZE)) >= 0:
        prizes = _prize_report(doc)
        stem = _PRIZE if prizes else _STATE_PRIZE
        i = low.find(stem, i)
        while i >= 0:
            hits.append(i)
            i = low.find(stem, i + 1)
    if not hits:
        return []
    body, ends, sentences = doc.body, _clause_ends(doc), doc.boundaries.sentences
    year: list[int | None] = []  # read the body's years only when an award needs them

    def ref() -> int | None:
        if not year:
            year.append(_ref_year(doc))
        return year[0]

    reader = _Reader(ref, prizes)
    found: list[Award] = []
    last = -1
    for pos in sorted(hits):
        k = bisect_right(ends, pos)
        start = ends[k - 1] if k else 0
        if start <= last:
            continue  # this clause is read already
        end = ends[k] if k < len(ends) else len(body)
        last = start
        j = bisect_left(sentences, end)
        if _CREDIT.match(body, sentences[j] if j < len(sentences) else len(body)):
            continue  # a photo caption
        for s, e in _pieces(start, end, body):
            found.extend(reader.read(s, body[s:e], low[s:e]))
    return merge(found) if found else []


def _ref_year(doc: Doc) -> int | None:
    """The year awards are dated against: the report's, else the latest its lead prints, else
    the latest the body prints (a plan's "giai đoạn 2016 - 2020" farther down is no date)."""
    if (year := doc.reference_year) is not None:
        return year
    s, e = doc.lead
    years = [int(y) for y in _YEAR.findall(doc.body, s, e)] or [
        int(y) for y in _YEAR.findall(doc.body)
    ]
    return max(years) if years else None
