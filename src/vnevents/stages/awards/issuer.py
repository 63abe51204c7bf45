"""Who gives an award: "Bằng khen của Bộ Y tế", "Thừa ủy quyền của Chủ tịch nước, …", the
subject of the giving verb, or the agent of a passive ("được Bộ Công an tặng").

It reads a bounded window before and after the award; it does not count recipients.
"""

from __future__ import annotations

import re

from vnevents.stages.awards.lexicon import lexicon

# Longest issuer read from a clause's subject (words); the seeds' longest Ban Chỉ
# đạo names run to 26. Longer subjects are sentences.
ISSUER_MAX_WORDS = 32
# The characters before an award read for its issuer: ISSUER_MAX_WORDS words and an
# opener ("Thừa ủy quyền của Chủ tịch nước, …").
ISSUER_WINDOW = 300
# Tail words read off a subject ("cũng | đã | trân trọng"): the pool's longest run is 2.
SUBJECT_TAIL_WORDS = 3
# The characters after an award read for "của <issuer>".
OF_WINDOW = 120

_AUTHORISED = re.compile(r"[Tt]hừa\s+(?:ủy\s+)?quyền\s+(?:của\s+)?(?P<issuer>[^,;.]{2,60}?)\s*,")
# A passive's agent: "… được Bộ Công an | tặng", "vinh dự được Phó Thủ tướng | trao tặng".
_PASSIVE_AGENT = re.compile(r"(?<!\w)được\s+(?P<agent>[A-ZĐ].*)$")
_PASSIVE_BARE = re.compile(r"(?<!\w)được\s*$")
# "Bộ Ngoại giao tổ chức Lễ | trao …": the body that holds the ceremony gives the award.
_HOLDS = re.compile(
    r"\s+(?:đã\s+)?(?:long trọng\s+|trang trọng\s+)?tổ chức\s+"
    r"(?:\w+\s+)?(?:[Ll]ễ|[Bb]uổi lễ|[Hh]ội nghị|[Đđ]ại hội)(?!\w).*$"  # e.g. tổ chức trọng thể Lễ
)
# "Chủ tịch Quốc hội X đã tới dự và | trao": the subject ends at its auxiliary.
_AUXILIARY = re.compile(r"\s+(?:đã|đang|cũng đã)\s.*$")
_CEREMONY_NOUN = re.compile(r"(?:^|\s)[Ll]ễ$")  # "Sáng 14/9, lễ | trao tặng …": no giver named
_AND = " và "


def issuer(
    clause: str, kind_start: int, name_end: int, floor: int = 0, prev: str | None = None
) -> str | None:
    """The award's issuer as printed, or None.

    ``floor`` is where the previous award of the clause ends and ``prev`` its issuer: an
    award listed after it ("trao 5 Kỷ niệm chương … và 3 Bằng khen tặng …") has the same
    giver unless another subject opens after it ("… và Ban Thi đua tặng Giấy khen").
    """
    lex = lexicon()
    if m := lex.of_issuer.match(clause[name_end : name_end + OF_WINDOW]):
        return m["issuer"].strip()
    lo = max(0, kind_start - ISSUER_WINDOW)
    if m := _AUTHORISED.search(clause, max(lo, floor), kind_start):
        return m["issuer"].strip()
    head = clause[lo:kind_start]
    verb = None
    for v in lex.verb.finditer(head):
        if lex.verb_role[v["v"].lower()] != "not_verb":
            verb = v
    if verb is None or lex.verb_role[verb["v"].lower()] == "receive":
        return None  # the receiver is the subject of "nhận" (or no verb): no issuer there
    if floor > lo:
        if lo + verb.start() < floor:
            return prev  # "trao A cho X và B cho Y": one verb, one giver
        own = clause[floor : lo + verb.start()]
        if _AND not in own:
            return prev
        return _clean(own.rsplit(_AND, 1)[1])  # "… và Ban Thi đua | tặng Giấy khen"
    return _clean(head[: verb.start()])


def _clean(subject: str) -> str | None:
    """The giver in a subject: openers, auxiliaries and the holder of the ceremony stripped."""
    lex = lexicon()
    if p := _PASSIVE_AGENT.search(subject):
        subject = p["agent"]
    elif _PASSIVE_BARE.search(subject):
        return None  # "52 đồng tác giả được | trao": the subject receives it, no giver named
    subject = lex.leading.sub("", subject).strip()
    # "… cũng đã | trao", "… đã trân trọng | gắn": tail words stack; one pass left "cũng"
    # or "đã" at the end of 3 issuers of the pool (257 reports, neither split).
    for _ in range(SUBJECT_TAIL_WORDS):
        subject = lex.subject_tail.sub("", subject).strip(" ,")
    subject = _HOLDS.sub("", subject)
    subject = _AUXILIARY.sub("", subject)
    if _CEREMONY_NOUN.search(subject):
        return None
    # "Trong số 244 …, Tổng LĐLĐVN đã tặng": the subject is the last part that
    # opens with a capital; lower-case parts belong to a long name.
    parts = subject.split(", ")
    first = max((i for i, p in enumerate(parts) if p[:1].isupper()), default=0)
    subject = ", ".join(parts[first:]).strip()
    if not subject or len(subject.split()) > ISSUER_MAX_WORDS or not subject[:1].isupper():
        return None
    return subject
