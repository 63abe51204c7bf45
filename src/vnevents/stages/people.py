"""Stage 7: named persons, their titles as printed and their role at the event.

A capitalised run that starts with a family name (``data/surnames.txt``) is a
person when a form of address, rank or degree stands before it
(``data/person_markers.tsv``) or a title stands beside it
(``data/titles.tsv``); repeated and short mentions ("ông Dũng") merge into one
person. It does not find bodies (``organizers``) or resolve places.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from vnevents.record import Context, EventType, Person, Role
from vnevents.stages import person_roles as cues
from vnevents.stages.person_names import (
    COMMUNE_BEFORE,
    NOT_PERSON_BEFORE,
    ORG_HEAD,
    Lexicon,
    foreign_name_end,
    lexicon,
    split_run,
    strip_place,
    title_kind,
    titles_after,
    titles_before,
)

log = logging.getLogger(__name__)

# Longest stretch of text before a name searched for its titles or cues.
LOOKBACK_CHARS = 250
# Longest run of forms of address before a name ("Tiến sĩ, Bác sĩ, Chuyên khoa II " is 33).
MARKER_LOOKBACK_CHARS = 60
# A place, street or school word stands this close before a name it disqualifies.
TYPE_WORD_LOOKBACK_CHARS = 30
# Longest stretch after a name's titles searched for the verb that gives its
# role; 150 chars covers "…, Phó Trưởng Ban …, thù địch của tỉnh chỉ đạo và chủ trì"
# in the seeds without reaching into the next sentence's subject.
ROLE_WINDOW_CHARS = 150
# An object cue ("trao … cho", "bổ nhiệm") counts only this close before a name.
OBJECT_CUE_CHARS = 160
# A passive cue ("… được bổ nhiệm") counts only this close after the titles.
PASSIVE_WINDOW_CHARS = 45

_PRECEDENCE = {Role.CHU_TRI: 5, Role.TRUONG_DOAN: 4, Role.PHAT_BIEU: 3, Role.OTHER: 2, Role.DU: 1}


_LIST_GAP = re.compile(r"\s*(?:\([^()]{0,150}\))?\s*(?:,|;|và)\s*")
_COORD_GAP = re.compile(r"\s*(?:,|và|cùng|cùng với)\s*")

@dataclass
class _Mention:
    name: str
    start: int
    end: int
    chain_start: int
    chain_end: int
    titles: list[str]
    kinds: set[str]
    marker: str = ""
    roles: set[Role] = field(default_factory=set)


def _mentions(doc: _Doc, lex: Lexicon) -> list[_Mention]:
    body = doc.body
    found: list[_Mention] = []
    for run in lex.run.finditer(body):
        text = run.group(0)
        mention = None
        if " " in text and not lex.surnames.isdisjoint(text.split(" ")):
            mention = _candidate(doc, lex, run, found[-1] if found else None)
        if mention is None and (text.startswith(_ADDRESS_OPENING)
                                or body[max(0, run.start() - 5):run.start()].lower().endswith(_ADDRESS_BEFORE)):
            mention = _foreign(doc, lex, run)
        if mention is not None:
            found.append(mention)
    return found


# "ông"/"bà"/"ngài" right before a run or opening it: the only lead-in a foreign name gets.
_ADDRESS_OPENING = ("Ông ", "Bà ", "Ngài ")
_ADDRESS_BEFORE = ("ông ", "bà ", "ngài ")  # a cheap test; ``doc.marker`` checks the word boundary


def _foreign(doc: _Doc, lex: Lexicon, run: re.Match[str]) -> _Mention | None:
    """A name outside the family-name list ("bà Victoria Kwakwa, Giám đốc …"): taken only
    after "ông", "bà" or "ngài" and only when a title follows it."""
    body = doc.body
    start, first = run.start(), ""
    word = run.group(0).split(" ", 1)[0]
    if word.lower() in _FOREIGN_ADDRESS:
        start, first = start + len(word) + 1, word.lower()
    else:
        marker = doc.marker(start)
        first = marker[1] if marker else ""
        if first not in _FOREIGN_ADDRESS:
            return None
    end = foreign_name_end(body, run.end())
    name = body[start:end]
    if " " not in name or name in lex.blocked or lex.place_prefix.match(name + " "):
        return None
    after, chain_end = titles_after(lex, body, end)
    if not after or ORG_HEAD.match(after[0]):
        return None
    m_start = start - len(first) - 1
    return _Mention(name, start, end, m_start, max(chain_end, end), after, {"address"}, first)


_FOREIGN_ADDRESS = frozenset({"ông", "bà", "ngài"})


def _candidate(doc: _Doc, lex: Lexicon, run: re.Match[str], prev: _Mention | None) -> _Mention | None:
    """The person a capitalised run names, with titles and chain, or None."""
    body = doc.body
    words = run.group(0).split(" ")
    lo = max(0, run.start() - LOOKBACK_CHARS)
    r_start = run.start()
    marker = doc.marker(r_start)
    m_start, first = marker if marker else (r_start, "")
    if words[0].lower() in lex.single_markers and len(words) > 2:  # "Ông Nguyễn Văn A" opening a sentence
        first, m_start = words[0].lower(), m_start if marker else r_start
        r_start, words = r_start + len(words[0]) + 1, words[1:]
    cut = 0 if first else strip_place(lex, " ".join(words))
    words = body[r_start + cut:run.end()].split(" ")
    i = split_run(lex, words, bool(first) and cut == 0)
    if i is None:
        return None
    start = r_start + cut + sum(len(w) + 1 for w in words[:i])
    if start != r_start:
        first, m_start = "", start
    name = body[start:run.end()]
    kinds = {lex.marker_kind.get(first, "address")} if first else set()
    if name in lex.blocked and not kinds & {"address", "rank"}:
        return None  # "Hồ Chí Minh", "Ngô Quyền": a place or a historic name
    near = max(0, start - TYPE_WORD_LOOKBACK_CHARS)
    if NOT_PERSON_BEFORE.search(body, near, start) or (
            COMMUNE_BEFORE.search(body, near, start) and len(words) - i < 3):
        return None  # "đường Nguyễn Huệ", "Trường THPT Lê Lợi", "xã Hoàng Liên"
    last = run.end() - len(words[-1])
    head = lex.head.match(body[last:run.end() + 20].lower())
    if head is not None and body[last].isupper() and head.end() > len(words[-1]):
        return None  # "Đoàn Chủ tịch": the last syllable opens a title
    clause_lo = _last(doc.clauses, max(lo, prev.chain_end if prev else 0), m_start)
    before, b_start = titles_before(lex, body[clause_lo:m_start])
    after, chain_end = titles_after(lex, body, run.end())
    chain_start = min(m_start, clause_lo + b_start) if before else m_start
    listed = prev is not None and _LIST_GAP.fullmatch(body, prev.chain_end, chain_start) is not None
    if not (first or (before and chain_start < start) or (after and not ORG_HEAD.match(after[0])) or listed):
        return None
    if listed and not first and prev is not None:
        kinds |= prev.kinds  # "Em Nguyễn Vĩnh An, Trần Viết Tôn, …"
    if all(title_kind(lex, t) in {"occupation", "minor", "body"} for t in before + after) and (
            before + after or first in {"anh", "chị"}):
        kinds.add("commoner")
    return _Mention(name, start, run.end(), chain_start, max(chain_end, run.end()), before + after, kinds, first)


@dataclass(frozen=True)
class _Doc:
    """What every mention looks up in one document: marker runs, clause and sentence ends."""

    body: str
    lex: Lexicon
    clauses: list[int]
    sentences: list[int]
    quotes: list[tuple[int, bool]]  # (position, opens) of each quotation mark

    @classmethod
    def of(cls, body: str, lex: Lexicon) -> _Doc:
        clauses, sentences, quotes = [], [], []
        straight = 0
        for m in _BOUNDARY_CHAR.finditer(body):  # one cheap pass, the full stops checked by hand
            ch, end = m.group(0), m.end()
            if ch == "." and not (end == len(body) or body[end].isspace() or lex.glued.match(body, m.start())):
                continue
            clauses.append(end)
            if ch in ".!?\n":
                sentences.append(end)
            elif ch in "“”":
                quotes.append((end, ch == "“"))
            elif ch == '"':
                straight += 1
                quotes.append((end, straight % 2 == 1))
        if straight % 2:  # unbalanced straight quotes: their sides are unknown, keep the curly ones
            quotes = [q for q in quotes if body[q[0] - 1] != '"']
        return cls(body, lex, clauses, sentences, quotes)

    def quoted(self, pos: int) -> bool:
        """Does ``pos`` lie inside a quotation (someone else's words)?"""
        i = bisect_right(self.quotes, (pos, True)) - 1
        return i >= 0 and self.quotes[i][1]

    def marker(self, pos: int) -> tuple[int, str] | None:
        """Where the forms of address ending right at ``pos`` start ("đồng chí ", "PGS.TS "),
        and the first of them, lower-cased."""
        body = self.body
        end = pos
        while end > 0 and body[end - 1] in " .:":
            end -= 1
        start = end
        while start > 0 and body[start - 1] not in _SEPARATORS:
            start -= 1
        if end == start or body[start:end].lower() not in self.lex.marker_last:
            return None  # the common case: no form of address at all
        window = body[max(0, pos - MARKER_LOOKBACK_CHARS):pos]
        tokens = [(m.start(), m.group(0).lower()) for m in _TOKEN.finditer(window)]
        if not tokens or tokens[-1][0] + len(tokens[-1][1]) < len(window.rstrip(" .:")):
            return None
        begin: int | None = None
        first, j = "", len(tokens)
        while j > 0 and tokens[j - 1][1] in self.lex.marker_last:
            for n in range(min(self.lex.marker_max_words, j), 0, -1):
                words = tuple(t for _, t in tokens[j - n:j])
                if words in self.lex.marker_words:
                    begin, first, j = tokens[j - n][0], " ".join(words), j - n
                    break
            else:
                break
        if begin is None:
            return None
        return pos - len(window) + begin, first


_BOUNDARY_CHAR = re.compile(r"[.;!?\n“”\"()]")
_TOKEN = re.compile(r"[^\s.,\-–:]+")
_SEPARATORS = frozenset(" \n\t.,-–:")


def _last(ends: list[int], lo: int, hi: int) -> int:
    """The last boundary end in ``(lo, hi]``, or ``lo``."""
    i = bisect_right(ends, hi) - 1
    return ends[i] if i >= 0 and ends[i] > lo else lo


def _repeats(doc: _Doc, lex: Lexicon, found: list[_Mention]) -> list[_Mention]:
    """Bare repeats of accepted names and short mentions after a form of address."""
    body = doc.body
    taken = [(m.start, m.end) for m in found]
    names = {m.name for m in found}
    extra: list[_Mention] = []
    for name in names:
        for pos in _occurrences(body, name):
            if not any(s <= pos < e for s, e in taken):
                after, end = titles_after(lex, body, pos + len(name))
                extra.append(_Mention(name, pos, pos + len(name), pos, max(end, pos + len(name)), after, set()))
                taken.append((pos, pos + len(name)))
    by_last: dict[str, list[str]] = {}
    for n in sorted(names):
        by_last.setdefault(n.split()[-1], []).append(n)
    for last, full in by_last.items():
        if len(full) > 1:
            continue  # "ông Dũng" with two Dũng: unknown
        for pos in _occurrences(body, last):
            marker = doc.marker(pos)
            end = pos + len(last)
            if (marker is not None and not body[end:end + 2].strip().istitle()
                    and not any(s <= pos < e for s, e in taken)):
                extra.append(_Mention(full[0], pos, end, marker[0], end, [], set()))
    return sorted(found + extra, key=lambda x: x.start)


def _host_reports(doc: _Doc, ctx: Context, mentions: list[_Mention]) -> None:
    """At a working or inspection visit, an unattributed "Theo báo cáo, …" is the
    host's report: the first person named as receiving the delegation
    ("Làm việc với đoàn có đồng chí …") presented it."""
    if (ctx.event_type not in (EventType.KIEM_TRA, EventType.LAM_VIEC) or "Theo báo cáo," not in doc.body
            or not cues.UNATTRIBUTED_REPORT.search(doc.body)):
        return
    for m in mentions:
        if cues.HOST_LIST.search(doc.body, max(0, m.chain_start - 80), m.chain_start):
            m.roles.add(Role.PHAT_BIEU)
            return


def _occurrences(body: str, word: str) -> list[int]:
    """Where ``word`` stands as a whole word in ``body``."""
    found, pos = [], body.find(word)
    while pos >= 0:
        end = pos + len(word)
        if (pos == 0 or not body[pos - 1].isalnum()) and (end == len(body) or not body[end].isalnum()):
            found.append(pos)
        pos = body.find(word, end)
    return found


def _speech_roles(m: _Mention, window: str, prefix: str) -> None:
    """Roles from the verbs after a mention's titles and the lead-in before it."""
    switch = cues.SUBJECT_SWITCH.search(window)
    cue = cues.AFTER_CUE.search(window, 0, switch.start() if switch else len(window))
    while cue:  # "chỉ đạo và chủ trì": cues joined by "và" all count
        m.roles.add(Role(cue.lastgroup or "du"))
        joined = _AND.match(window, cue.end())
        cue = cues.AFTER_CUE.match(window, joined.end()) if joined else None
    if cues.VISIT_AFTER.match(window):
        m.roles.add(Role.TRUONG_DOAN)
    if cues.BEFORE_PHAT_BIEU.search(prefix):
        m.roles.add(Role.PHAT_BIEU)
    if ("oàn" in prefix or "dẫn đầu" in prefix) and cues.BEFORE_TRUONG_DOAN.search(prefix):  # cheap test first
        m.roles.add(Role.TRUONG_DOAN)


_AND = re.compile(r"\s+và\s+")
_ASIDE = re.compile(r"\s*\([^()]{0,150}\)")


def _assign_roles(doc: _Doc, ctx: Context, mentions: list[_Mention]) -> None:
    body = doc.body
    headline = ((ctx.title or "") + " " + body[ctx.lead[0]:ctx.lead[1]]).lower()
    commendation = bool(cues.DOC_COMMENDATION.search(headline))
    appointment = bool(cues.DOC_APPOINTMENT.search(headline))
    n = len(mentions)
    inherited: set[Role] = set()
    for k, m in enumerate(mentions):
        nxt = mentions[k + 1].chain_start if k + 1 < n else len(body)
        sent_lo = _last(doc.sentences, max(0, m.chain_start - 400), m.chain_start)
        clause_lo = _last(doc.clauses, sent_lo, m.chain_start)
        prev_end = mentions[k - 1].chain_end if k else 0
        prefix = body[max(clause_lo, prev_end):m.chain_start]
        aside = _ASIDE.match(body, m.chain_end)  # "A (áo xanh) kiểm tra": the verb is past the brackets
        w_start = aside.end() if aside else m.chain_end
        k_end = bisect_right(doc.clauses, w_start)
        clause_end = doc.clauses[k_end] if k_end < len(doc.clauses) else len(body)
        hi = min(nxt, clause_end - 1, w_start + ROLE_WINDOW_CHARS)
        window = body[w_start:max(hi, w_start)]
        passive = cues.AFTER_PASSIVE.match(window[:PASSIVE_WINDOW_CHARS + 40]) is not None
        quoted = doc.quoted(m.start)  # "…, Phó Thủ tướng A đã yêu cầu …" inside B's words: A is only mentioned
        if not quoted:
            _speech_roles(m, "" if passive else window, prefix)  # "A được cử …": A does not speak
        lead_in: set[Role] = set()
        if not quoted and "hủ trì" in prefix and cues.BEFORE_CHU_TRI.search(prefix):
            lead_in.add(Role.CHU_TRI)
        if ("gia đình" in prefix or "hộ" in prefix) and cues.FAMILY_BEFORE.search(prefix):
            lead_in.add(Role.OTHER)
        if cues.object_of_cue(body, max(sent_lo, prev_end, m.chain_start - OBJECT_CUE_CHARS), m.chain_start):
            lead_in.add(Role.OTHER)
        if not lead_in and k and _LIST_GAP.fullmatch(body, prev_end, m.chain_start):
            lead_in = inherited  # "bổ nhiệm ông A và ông B", "chủ trì của …: A, B"
        inherited = lead_in
        m.roles |= lead_in
        if passive:
            m.roles.add(Role.OTHER)
        if appointment and cues.LIST_INTRO.search(body, sent_lo, m.chain_start):
            m.roles.add(Role.OTHER)
        if any(t.lower().startswith("trưởng đoàn") for t in m.titles):
            m.roles.add(Role.TRUONG_DOAN)  # "…, Trưởng đoàn công tác"
        if "young" in m.kinds or (commendation and "commoner" in m.kinds):
            m.roles.add(Role.OTHER)  # pupils, workers, residents: the event's subjects
    _host_reports(doc, ctx, mentions)
    # "A và B đã chủ trì": a verb after the last of coordinated names applies to all.
    for k in range(n - 2, -1, -1):
        a, b = mentions[k], mentions[k + 1]
        if b.roles & {Role.CHU_TRI, Role.PHAT_BIEU} and _COORD_GAP.fullmatch(body, a.chain_end, b.chain_start):
            a.roles |= b.roles & {Role.CHU_TRI, Role.PHAT_BIEU}


def find(body: str, ctx: Context) -> list[Person]:
    """Every named person in the cleaned body, merged per name, each with the span of
    its first mention.

    Args:
        body: the cleaned body.
        ctx: the document context (title and lead decide commendation and appointment cues).

    Returns:
        One ``Person`` per name, in order of first mention.
    """
    lex = lexicon()
    doc = _Doc.of(body, lex)
    found = _mentions(doc, lex)
    if not found:
        return []
    mentions = _repeats(doc, lex, found)
    _assign_roles(doc, ctx, mentions)
    names = {m.name for m in mentions}
    for m in mentions:  # "Phùng Xuân Nhạ Ngành giáo dục…": a caption glued to the next sentence
        short = m.name.rsplit(" ", 1)[0]
        if short in names:
            m.name, m.end = short, m.start + len(short)
    people: dict[str, tuple[_Mention, list[str], Role]] = {}
    for m in mentions:
        role = max(m.roles or {Role.DU}, key=_PRECEDENCE.__getitem__)
        if m.name not in people:
            people[m.name] = (m, m.titles, role)
            continue
        first, titles, best = people[m.name]
        if len(m.titles) > len(titles):
            titles = m.titles
        people[m.name] = (first, titles, max(best, role, key=_PRECEDENCE.__getitem__))
    return [Person(name=n, titles=tuple(t), role=r, span=(f.start, f.end))
            for n, (f, t, r) in people.items()]
