"""Stage 6: the bodies that hold the event, read from the lead paragraph.

The subject of "tổ chức" / "phối hợp tổ chức" / "khai mạc" / "họp" in the lead,
or the body a visiting delegation comes from ("Đoàn công tác của Bộ …"), with
its abbreviations spelled out (``data/abbreviations.tsv``). The word lists are in
``data/organizer_cues.tsv``; every look-back is bounded, so the stage is linear in
the lead's length. It does not find people or places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vnevents.data import load_tsv
from vnevents.doc import Doc
from vnevents.record import Organizer, Span
from vnevents.stages.places.cues import word_set  # the abbreviations a full stop may close

# A body's name runs at most this many characters (the longest in the seeds and dev,
# a steering committee named with its whole remit and city, is 120).
MAX_NAME_CHARS = 200
# The subject of a verb starts at most this far before it: a list of two bodies of the
# longest length (no organiser list in the seeds, dev or dev-checkset runs over 130).
SUBJECT_REACH = 2 * MAX_NAME_CHARS
# "phối hợp với UBND tỉnh … tổ chức": the partner's name, before the verb.
PARTNER_CHARS = 120
# The spaces between a subject and its verb (cleaned bodies hold single spaces; a longer run
# is page debris): the bound keeps a retried "\s+" from going quadratic on a run of spaces.
SPACES_MAX = 4
# A parenthetical at the end of a name: "(Ban Chỉ đạo)", "( viết tắt BCĐ 389 huyện)",
# "(Nghệ An)".
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_PAREN = re.compile(r"\s*\([^()]*\)")
NOUN_MARKER_REACH = 10  # "công tác" and its space
ABBREVIATION_REACH = 6  # the abbreviations before a full stop are at most 5 letters ("Th.S" aside)


def _phrases(kind: str) -> list[str]:
    """The phrases of ``kind`` in ``organizer_cues.tsv``, longest first."""
    return sorted(
        (p for k, p in load_tsv("organizer_cues.tsv") if k == kind), key=len, reverse=True
    )


def _alt(kind: str) -> str:
    """The phrases of ``kind`` as one alternation, longest first."""
    return "(?:" + "|".join(re.escape(p) for p in _phrases(kind)) + ")"


@dataclass(frozen=True)
class _Patterns:
    head_at: re.Pattern[str]
    verb: re.Pattern[str]
    delegation: re.Pattern[str]
    subject_start: re.Pattern[str]
    split: re.Pattern[str]
    not_name: re.Pattern[str]
    noun_markers: frozenset[str]
    not_head: re.Pattern[str]
    passive: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    # A head, not an event or a room ("Hội nghị") nor a title ("Bộ trưởng").
    head = rf"(?!{_alt('not_head')}(?!\w)){_alt('head')}(?!\w)(?! {_alt('title_after')}(?!\w))"
    verb = re.compile(  # "\s+" retried inside a long run of spaces is quadratic: bounded
        # e.g. "đã long trọng tổ chức"
        rf"\s{{1,{SPACES_MAX}}}(?:{_alt('modal')}\s+)*(?:{_alt('manner')}\s+)?"
        # e.g. "phối hợp với UBND tỉnh … tổ chức"
        rf"(?:phối hợp(?:\s+(?:với\s+)?(?P<with>[^,.;]{{3,{PARTNER_CHARS}}}?))?\s+)?"
        rf"(?P<verb>{_alt('verb')})(?!\w)"
    )
    delegation = re.compile(
        # e.g. "Đoàn công tác của"
        rf"[Đđ]oàn {_alt('delegation')}(?: {_alt('delegation')})?(?: của)?\s+"
        rf"(?P<org>{head}[^,;.]{{0,{MAX_NAME_CHARS}}}?)"  # e.g. "Bộ Y tế"
        rf"\s{{1,{SPACES_MAX}}}(?={_alt('delegation_end')}(?!\w))"  # e.g. … "đã"
    )
    # A head with nothing in front, so that ``re`` prefilters on its first letter; where it may
    # open a subject is checked by ``_opens_subject``.
    subject_start = re.compile(rf"{_alt('head')}(?!\w)(?! {_alt('title_after')}(?!\w))")
    split = re.compile(rf",\s+|\s+{_alt('joiner')}\s+")  # e.g. "Bộ A, Hội B và Báo C"
    not_name = re.compile(rf"(?<!\w){_alt('not_name')}(?!\w)")
    not_head = re.compile(rf"{_alt('not_head')}(?!\w)")
    passive = re.compile(
        rf"(?<!\w){_alt('passive')} $"
    )  # e.g. "do " before "Bộ Công Thương tổ chức"
    return _Patterns(
        re.compile(head),
        verb,
        delegation,
        subject_start,
        split,
        not_name,
        frozenset(_phrases("noun_marker")),
        not_head,
        passive,
    )


# What may stand right before a subject: a line start, a comma or a dash ("Sáng 8/12, UBND …").
_SUBJECT_AFTER = (", ", "- ", "– ")
PASSIVE_REACH = 6  # "được " is 5 characters


def _opens_subject(body: str, pos: int, pats: _Patterns) -> bool:
    """Can the head at ``pos`` open the subject of a verb? After a line start, a comma or a dash,
    or a passive marker ("do Bộ Công Thương tổ chức"); and not "Hội nghị", "Phòng họp"."""
    if not (
        pos == 0
        or body[pos - 1] == "\n"
        or body[pos - 2 : pos] in _SUBJECT_AFTER
        or pats.passive.search(body, max(0, pos - PASSIVE_REACH), pos)
    ):
        return False
    return pats.not_head.match(body, pos) is None


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {abbr: full for abbr, full in load_tsv("abbreviations.tsv")}
    alt = "|".join(re.escape(a) for a in sorted(table, key=len, reverse=True))
    # whole tokens only: "CA tỉnh" expands, "CAND" is its own entry, "CAO" is untouched
    return re.compile(rf"(?<![\w&.\-])(?:{alt})(?![\w&\-])"), table


def expand(name: str) -> str | None:
    """The name with its abbreviations spelled out at token boundaries, or None if none.

    Args:
        name: a body's name as printed ("BCĐ 35 tỉnh Yên Bái").

    Returns:
        "Ban Chỉ đạo 35 tỉnh Yên Bái", or None when the name has no abbreviation.
    """
    pattern, table = _abbreviations()
    text = _PAREN.sub("", name)
    out = pattern.sub(lambda m: table[m.group(0)], text)
    return out if out != name else None


def _clean(body: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim a name's stretch of trailing parentheticals and spaces; None if not a name."""
    text = body[start:end]
    while True:
        m = _TRAILING_PAREN.search(text)
        if not m:
            break
        text = text[: m.start()]
    text = text.rstrip(" ,")
    if (
        (" " not in text and text not in _abbreviations()[1])
        or len(text) > MAX_NAME_CHARS
        or ";" in text
    ):
        return None  # one word that is no abbreviation, a stretch too long, or clauses
    if _patterns().not_name.search(_PAREN.sub("", text)):
        return None
    return start, start + len(text)


def _split(body: str, start: int, end: int) -> list[Span]:
    """Split "Bộ A, Hội B và Báo C" into bodies; a comma inside a name stays."""
    pats = _patterns()
    spans: list[Span] = []
    cur = start
    for m in pats.split.finditer(body, start, end):
        if pats.head_at.match(body, m.end()):
            spans.append((cur, m.start()))
            cur = m.end()
    spans.append((cur, end))
    return spans


def _subject(body: str, lo: int, v: int, pats: _Patterns) -> int | None:
    """Where the subject of the verb at ``v`` starts: the first head after the sentence's start
    that may open one, within ``[lo, v)`` (bounded by SUBJECT_REACH, so linear over a lead)."""
    stop = body.rfind(". ", lo, v)
    while stop >= 0 and _abbreviated(body, stop):  # "TP. HCM" ends no sentence
        stop = body.rfind(". ", lo, stop)
    for head in pats.subject_start.finditer(body, stop + 2 if stop >= 0 else lo, v):
        if _opens_subject(body, head.start(), pats):
            return head.start()
    return None


def _noun_before(body: str, lo: int, v: int, pats: _Patterns) -> bool:
    """Is the verb at ``v`` a noun ("kỳ họp", "công tác tổ chức")?

    Its one or two words before tell.
    """
    words = body[lo:v].split()
    return bool(words) and (
        words[-1] in pats.noun_markers or " ".join(words[-2:]) in pats.noun_markers
    )


def _abbreviated(body: str, stop: int) -> bool:
    """Does the full stop at ``stop`` close an abbreviation ("TP. HCM", "TS. Lê")?"""
    i = stop
    while i > stop - ABBREVIATION_REACH and i > 0 and body[i - 1].isalpha():
        i -= 1
    return (i == 0 or not body[i - 1].isalnum()) and body[i:stop].lower() in word_set(
        "abbreviation"
    )


def _organizer(body: str, span: Span) -> Organizer | None:
    cleaned = _clean(body, *span)
    if cleaned is None:
        return None
    name = body[cleaned[0] : cleaned[1]]
    return Organizer(name=name, span=cleaned, expanded=expand(name))


def find(doc: Doc) -> list[Organizer]:
    """The bodies holding the event, from the lead paragraph.

    Args:
        doc: the analysed document (its lead paragraph is read).

    Returns:
        The organisers in the order printed, each with the span of its name.
    """
    pats = _patterns()
    body, lead = doc.body, doc.lead
    lo, hi = lead if lead[1] > lead[0] else (0, body.find("\n") % (len(body) + 1))
    found: list[Organizer] = []
    delegation = next(
        (
            m
            for m in pats.delegation.finditer(body, lo, hi)
            if not (m.start() and body[m.start() - 1].isalnum())
        ),
        None,
    )  # whole words only
    if delegation:
        org = _organizer(body, delegation.span("org"))
        return [org] if org else []
    for verb in pats.verb.finditer(body, lo, hi):
        v = verb.start()
        if _noun_before(body, max(lo, v - NOUN_MARKER_REACH), v, pats):
            continue  # "kỳ họp", "buổi làm việc": a noun, not the body's verb
        start = _subject(body, max(lo, v - SUBJECT_REACH), v, pats)
        if start is None:
            continue
        for span in _split(body, start, v):
            org = _organizer(body, span)
            if org:
                found.append(org)
        if verb.group("with") and pats.head_at.match(verb.group("with")):
            org = _organizer(body, verb.span("with"))
            if org:
                found.append(org)
        if found:
            break
    return found
