"""Roles for the people stage: the verbs and lead-ins around a name that tell
whether its bearer chairs, leads a delegation, speaks or is the event's subject,
and ``assign_roles``, which applies them to a document's mentions.

It finds no names (``people`` does) and does not merge a person's mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from vnevents.doc import Doc
from vnevents.record import EventType, Role
from vnevents.stages.people.mentions import Mention, Scan, last_end, listed
from vnevents.stages.people.words import WORD_END, WORD_START, alternation, entries, words_pattern

# Longest stretch after a name's titles searched for the verb that gives its
# role; 150 chars covers "…, Phó Trưởng Ban …, Trưởng Ban Chỉ đạo an toàn giao thông
# tỉnh, điều hành và chủ trì"
# in the seeds without reaching into the next sentence's subject.
ROLE_WINDOW_CHARS = 150
# An object cue ("trao … cho", "bổ nhiệm") counts only this close before a name.
OBJECT_CUE_CHARS = 160
# A passive cue ("… được bổ nhiệm") counts only this close after the titles.
PASSIVE_WINDOW_CHARS = 45
# Which role wins when one person collects several.
PRECEDENCE = {Role.CHU_TRI: 5, Role.TRUONG_DOAN: 4, Role.PHAT_BIEU: 3, Role.OTHER: 2, Role.DU: 1}
# Between coordinated names sharing a verb: "A và B đã chủ trì".
_COORD_GAP = re.compile(r"\s*(?:,|và|cùng|cùng với)\s*")

# The role words around names (kinds: see the file's header).
CUES = "role_cues.tsv"


@dataclass(frozen=True)
class Cues:
    """The role patterns, built from ``data/role_cues.tsv`` once per process (``cues()``)."""

    after: re.Pattern[str]  # the first cue after a person's titles: named groups per role
    sitting_after: re.Pattern[str]  # "… điều hành phiên họp" right after the name: it chairs
    visit_after: re.Pattern[str]  # a visit right after the name: its subject leads it
    subject_switch: re.Pattern[str]  # another subject takes over the clause
    before_phat_bieu: re.Pattern[str]  # "Phát biểu tại …, <name>", "Theo <name>"
    phat_bieu_tails: tuple[str, ...]  # how a text before_phat_bieu matches can end
    family_before: re.Pattern[str]  # "gia đình ông …": the family is the subject
    object_cue: re.Pattern[str]  # "bổ nhiệm ông …", "trao … cho em …", "Tân Cục trưởng …"
    give: re.Pattern[str]  # "trao", "tặng": before "cho"
    object_gap_block: re.Pattern[str]  # "có", "dự", "của" between an object cue and the name
    after_passive: re.Pattern[str]  # "… được bổ nhiệm"
    bare_speaker_after: re.Pattern[str]  # a bare name before a speech verb
    agent_after: re.Pattern[str]  # "do <bare name> dẫn đầu"
    commemorative: re.Pattern[str]  # "ngày sinh", "tượng đài" before a historic figure's title
    before_chu_tri: re.Pattern[str]  # "dưới sự chủ trì của …", "Chủ trì hội nghị có …"
    before_truong_doan: re.Pattern[str]  # "Đoàn kiểm tra của Bộ do …", "Trưởng đoàn là …"
    host_list: re.Pattern[str]  # "Làm việc với đoàn có …": the host side of a visit
    schedule: re.Pattern[str]  # "sẽ nghe": a schedule, not the event
    doc_commendation: re.Pattern[str]  # in the lower-cased title and lead
    doc_appointment: re.Pattern[str]  # in the lower-cased title and lead


@cache
def cues() -> Cues:
    def words(*kinds: str) -> str:
        return words_pattern(CUES, *kinds)

    return Cues(
        after=re.compile(
            rf"(?P<chu_tri>{words('chu_tri')})"  # e.g. "… chủ trì hội nghị"
            rf"|(?P<truong_doan>{words('truong_doan')})"  # e.g. "… làm trưởng đoàn"
            rf"|(?P<phat_bieu>{words('phat_bieu')})"
        ),  # e.g. "… cho biết"
        # in the clause right after the name (not "… trong hạch toán, điều hành."), before a
        # sitting or the clause's end (not "điều khiển xe"): e.g. "… thay mặt Thường trực Tỉnh ủy
        # điều hành phiên họp"
        sitting_after=re.compile(
            rf"\s*,?[^.;,:“”\"]{{0,40}}?{words('chu_tri_sitting')}"
            rf"(?=\s*(?:[.,;:]|$|{words('sitting')}))"
        ),
        visit_after=re.compile(
            rf"\s*(?:{alternation(CUES, 'visit_adverb')} )*"  # e.g. "… đã đến kiểm tra"
            # e.g. "… về thăm"
            rf"(?:{alternation(CUES, 'visit_motion')} {alternation(CUES, 'visit')}"
            rf"|{alternation(CUES, 'visit_bare')}){WORD_END}"
        ),  # e.g. "… kiểm tra công tác"
        # e.g. "…; đại diện các sở …", "… và các đại biểu …"
        subject_switch=re.compile(
            rf"(?:,|\s và|\s cùng)\s+{alternation(CUES, 'subject_switch')}\s"
        ),
        before_phat_bieu=re.compile(
            # e.g. "Phát biểu tại hội nghị, …"
            rf"(?:{WORD_START}{alternation(CUES, 'speech_opening')}\b[^;]*,"
            r"|(?<![\w])Theo|,\s*theo"  # e.g. "Theo ông …", "Tuy nhiên, theo ông …"
            rf"|{words('answers_after')})\s*$"
        ),  # e.g. "Quốc hội chất vấn Bộ trưởng …"
        phat_bieu_tails=(",", "Theo", "theo", *entries(CUES, "answers_after")),
        family_before=re.compile(rf"{words('family')}\s*$"),  # e.g. "trao nhà cho gia đình ông …"
        object_cue=re.compile(words("object")),
        give=re.compile(words("give")),
        object_gap_block=re.compile(words("object_gap_block")),
        after_passive=re.compile(
            # e.g. "(trái) được Bộ"
            r"^\s*\(?[^.;]{0,25}?(?:được|nhận quyết định)\s+(?:[^.;]{0,30}?\s)?"
            rf"{alternation(CUES, 'passive')}{WORD_END}"
        ),  # e.g. "… bổ nhiệm"
        bare_speaker_after=re.compile(
            rf"\s*,?\s*(?:đã\s+|cũng\s+)?{alternation(CUES, 'bare_speech')}{WORD_END}"
        ),  # e.g. "… cho biết"
        agent_after=re.compile(
            rf"\s+{alternation(CUES, 'agent')}{WORD_END}"
        ),  # e.g. "do … dẫn đầu"
        commemorative=re.compile(
            # e.g. "kỷ niệm 110 năm nguyên Tổng Bí thư …"
            rf"{words('commemorative')}(?:\s+\d+\s+năm)?"
            r"(?:\s+(?:của|về))?\s*[,:]?\s*$"
        ),  # e.g. "tượng đài của Chủ tịch …"
        before_chu_tri=re.compile(
            # e.g. "dưới sự điều hành của"
            rf"(?:(?:[Dd]ưới|[Vv]ới) sự {alternation(CUES, 'chu_tri', 'chu_tri_sitting')}"
            r" của[^.;]{0,80}?"
            r"|^\s*(?:Đồng )?[Cc]hủ trì\b[^;]*?(?:có|là|:)"  # e.g. "Chủ trì hội nghị có …"
            # e.g. "Chủ trì phiên họp, Thủ tướng …", "Là người chủ trì phiên họp, …": 4 reports in
            # the pool
            r"|(?<![\w])(?:Là người (?:đồng )?chủ trì"
            r"|(?:Đồng c|C)hủ trì"
            r"|[Tt]hay mặt các đồng chí chủ trì)\b[^;]*,)\s*$"
        ),
        before_truong_doan=re.compile(
            r"(?:[Tt]rưởng đoàn(?: công tác)?\s*(?:là|:)?"  # e.g. "Trưởng đoàn là đồng chí …"
            r"|dưới sự dẫn đầu của"  # e.g. "… dưới sự dẫn đầu của ông …"
            rf"|[Đđ]oàn(?: {alternation(CUES, 'delegation')})?(?: của [^.;,]{{0,60}})? do)\s*$"
        ),  # e.g. "Đoàn công tác của Bộ do"
        host_list=re.compile(  # e.g. "Tiếp và làm việc với Đoàn công tác có …"
            rf"{alternation(CUES, 'host_verb')}(?: và làm việc)? với [Đđ]oàn(?: công tác)? có\s*$"
        ),
        schedule=re.compile(rf"{WORD_START}sẽ {alternation(CUES, 'schedule')}{WORD_END}"),
        doc_commendation=re.compile(words("doc_commendation")),
        doc_appointment=re.compile(words("doc_appointment")),
    )


# How far a cue may stand from the name: "Tân" and "thăm" right before it (after "nữ",
# "gia đình"), the others up to OBJECT_GAP_CHARS.
OBJECT_GAP_CHARS = 50
LONGEST_OBJECT_CUE = (
    12  # "khen thưởng", "phong tặng": how far a cue reaching the gap may start before it
)
NEAR_ONLY = {"tân": ("", "nữ"), "thăm": ("", "gia đình"), "trao quà": ("", "gia đình")}
# The report of a visit's host: "Theo báo cáo, …".
UNATTRIBUTED_REPORT = re.compile(r"(?:^|\n|\. )Theo báo cáo,")
LIST_INTRO = re.compile(r"(?<![\w])gồm(?![\w])")


def object_of_cue(body: str, lo: int, hi: int) -> bool:
    """Is the name at ``hi`` the object of a verb like "bổ nhiệm", "trao … cho", "Tân"?"""
    cue = None
    # only a cue ending within OBJECT_GAP_CHARS of the name can count: scan just that stretch
    for cue in cues().object_cue.finditer(
        body, max(lo, hi - OBJECT_GAP_CHARS - LONGEST_OBJECT_CUE), hi
    ):
        pass
    if cue is None:
        return False
    gap = body[cue.end() : hi]
    word = cue.group(0).lower()
    if word in NEAR_ONLY:
        return gap.strip() in NEAR_ONLY[word]
    if word == "cho" and not cues().give.search(body, max(lo, cue.start() - 70), cue.start()):
        return False
    return (
        len(gap) <= OBJECT_GAP_CHARS
        and not any(c in gap for c in ".;")
        and not cues().object_gap_block.search(gap)
    )


def _host_reports(scan: Scan, doc: Doc, mentions: list[Mention]) -> None:
    """At a working or inspection visit, an unattributed "Theo báo cáo, …" is the
    host's report: the first person named as receiving the delegation
    ("Tiếp và làm việc với Đoàn công tác có …") presented it."""
    if (
        doc.event.type not in (EventType.KIEM_TRA, EventType.LAM_VIEC)
        or "Theo báo cáo," not in scan.body
        or not UNATTRIBUTED_REPORT.search(scan.body)
    ):
        return
    for m in mentions:
        if cues().host_list.search(scan.body, max(0, m.chain_start - 80), m.chain_start):
            m.roles.add(Role.PHAT_BIEU)
            return


def _speech_roles(m: Mention, window: str, prefix: str, planned: bool) -> None:
    """Roles from the verbs after a mention's titles and the lead-in before it."""
    switch = cues().subject_switch.search(window)
    cue = cues().after.search(window, 0, switch.start() if switch else len(window))
    if cue is not None and (planned or _FUTURE.search(window, 0, cue.start())):
        cue = None  # "Quốc hội sẽ nghe A trình bày …", "A sẽ phát biểu": a plan, not the event
    while cue:  # "chỉ đạo và chủ trì": cues joined by "và" all count
        m.roles.add(Role(cue.lastgroup or "du"))
        joined = _AND.match(window, cue.end())
        cue = cues().after.match(window, joined.end()) if joined else None
    if (
        ("điều h" in window or "điều kh" in window)
        and not planned
        and cues().sitting_after.match(window)
    ):
        m.roles.add(Role.CHU_TRI)
    if cues().visit_after.match(window):
        m.roles.add(Role.TRUONG_DOAN)
    tail = prefix[-20:].rstrip()  # the pattern runs only when a lead-in can end here: most do not
    if tail.endswith(cues().phat_bieu_tails) and cues().before_phat_bieu.search(prefix):
        m.roles.add(Role.PHAT_BIEU)
    if ("oàn" in prefix or "dẫn đầu" in prefix) and cues().before_truong_doan.search(
        prefix
    ):  # cheap test first
        m.roles.add(Role.TRUONG_DOAN)


_AND = re.compile(r"\s+và\s+")
# The future: what follows is planned; in a sentence, a schedule ("Buổi chiều, Quốc hội sẽ nghe A
# trình bày …; B trình bày …": 3 such schedules in the pool, ``Cues.schedule``).
_FUTURE = re.compile(r"(?<![\w])sẽ(?![\w])")
_ASIDE = re.compile(r"\s*\([^()]{0,150}\)")


def assign_roles(scan: Scan, doc: Doc, mentions: list[Mention]) -> None:
    """Add to each mention the roles its cues give (a mention may collect several)."""
    body = scan.body
    headline = ((doc.title or "") + " " + body[doc.lead[0] : doc.lead[1]]).lower()
    commendation = bool(cues().doc_commendation.search(headline))
    appointment = bool(cues().doc_appointment.search(headline))
    n = len(mentions)
    inherited: set[Role] = set()
    for k, m in enumerate(mentions):
        nxt = mentions[k + 1].chain_start if k + 1 < n else len(body)
        sent_lo = last_end(scan.sentences, max(0, m.chain_start - 400), m.chain_start)
        clause_lo = last_end(scan.clauses, sent_lo, m.chain_start)
        prev_end = mentions[k - 1].chain_end if k else 0
        prefix = body[max(clause_lo, prev_end) : m.chain_start]
        aside = _ASIDE.match(
            body, m.chain_end
        )  # "A (áo xanh) kiểm tra": the verb is past the brackets
        w_start = aside.end() if aside else m.chain_end
        k_end = bisect_right(scan.clauses, w_start)
        clause_end = scan.clauses[k_end] if k_end < len(scan.clauses) else len(body)
        hi = min(nxt, clause_end - 1, w_start + ROLE_WINDOW_CHARS)
        window = body[w_start : max(hi, w_start)]
        passive = cues().after_passive.match(window[: PASSIVE_WINDOW_CHARS + 40]) is not None
        quoted = scan.quoted(
            m.start
        )  # "…, Phó Thủ tướng A đã yêu cầu …" inside B's words: A is only mentioned
        if not quoted:
            planned = (
                body.find("sẽ ", sent_lo, m.chain_start) >= 0  # a cheap test first
                and cues().schedule.search(body, sent_lo, m.chain_start) is not None
            )
            _speech_roles(
                m, "" if passive else window, prefix, planned
            )  # "A được cử …": A does not speak
        lead_in: set[Role] = set()
        if (
            not quoted
            and ("hủ trì" in prefix or "điều h" in prefix or "điều kh" in prefix)
            and (cues().before_chu_tri.search(prefix))
        ):
            lead_in.add(Role.CHU_TRI)
        if (
            ("gia đình" in prefix or "hộ" in prefix)
            and "artist" not in m.kinds
            and cues().family_before.search(prefix)
        ):
            lead_in.add(Role.OTHER)
        if object_of_cue(
            body, max(sent_lo, prev_end, m.chain_start - OBJECT_CUE_CHARS), m.chain_start
        ):
            lead_in.add(Role.OTHER)
        if not lead_in and k and listed(body, prev_end, m.chain_start):
            lead_in = inherited  # "bổ nhiệm ông A và ông B", "chủ trì của …: A, B"
        inherited = lead_in
        m.roles |= lead_in
        if passive:
            m.roles.add(Role.OTHER)
        if appointment and LIST_INTRO.search(body, sent_lo, m.chain_start):
            m.roles.add(Role.OTHER)
        if any(t.lower().startswith("trưởng đoàn") for t in m.titles):
            m.roles.add(Role.TRUONG_DOAN)  # "…, Trưởng đoàn công tác"
        if "young" in m.kinds or (commendation and ("commoner" in m.kinds or "author" in m.kinds)):
            m.roles.add(
                Role.OTHER
            )  # pupils, workers, residents, prize-winning authors: the event's subjects
    _host_reports(scan, doc, mentions)
    # "A và B đã chủ trì": a verb after the last of coordinated names applies to all.
    for k in range(n - 2, -1, -1):
        a, b = mentions[k], mentions[k + 1]
        if b.roles & {Role.CHU_TRI, Role.PHAT_BIEU} and _COORD_GAP.fullmatch(
            body, a.chain_end, b.chain_start
        ):
            a.roles |= b.roles & {Role.CHU_TRI, Role.PHAT_BIEU}
