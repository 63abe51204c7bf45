"""Stretches of a body the people stage reads apart: photo captions, the sentence a credit
("Ảnh: TTXVN", "(Ảnh: X)") closes, where no one is read from (RULINGS: nothing is read only
from a caption); and reports of another event ("Trước đó, sáng 9/7, …", "Cùng ngày, tại …"),
where everyone only attends (RULINGS: people of another event are `du`).

It finds no caption without a credit and no other event without one of these openings.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from vnevents.doc import Doc
from vnevents.record import Span

# A photo credit: "Ảnh: …" or "(ảnh: …)"; not a byline ("Tin, ảnh: …", "Bài và ảnh: …", where
# "ảnh" is lower-case and unbracketed). On the annotation pool (357 reports without the test
# ids) it fires 153 times in 101 reports; in 30 read, the sentence before it was a caption 29
# times (once a body sentence whose photo's caption was lost). Found with ``str.find`` on its
# openings, then checked with the pattern: scanning the body with the pattern is slower.
_CREDIT = re.compile(r"(?:\(\s*)?[Ảả]nh\s*:")
_CREDIT_OPENINGS = ("Ảnh", "(ảnh", "( ảnh")
# A caption runs at most this long: of the 146 stretches before a credit in the pool, those up to
# 216 characters were captions, the longer ones body text whose sentence end was lost.
CAPTION_MAX_CHARS = 220


def caption_spans(doc: Doc) -> list[Span]:
    """The captions of ``doc``'s body, in order: from the sentence end before a credit to it."""
    body = doc.body
    if "nh:" not in body and "nh :" not in body:
        return []  # the common case: no credit, no caption
    credits = []
    for opening in _CREDIT_OPENINGS:
        pos = body.find(opening)
        while pos >= 0:
            if (opening != "Ảnh" or pos == 0 or not body[pos - 1].isalnum()) and _CREDIT.match(
                body, pos
            ):
                credits.append(pos)
            pos = body.find(opening, pos + 1)
    if not credits:
        return []
    sentences = doc.boundaries.sentences
    spans: list[Span] = []
    for end in sorted(credits):
        while end > 0 and body[end - 1] in " -–(":
            end -= 1
        i = bisect_right(sentences, end - 1) - 1  # a full stop closing the caption is its own
        start = sentences[i] if i >= 0 else 0
        start = max(start, body.rfind("…", start, end) + 1)  # "…chuyên môn…Quang cảnh Hội thảo."
        if end - start <= CAPTION_MAX_CHARS and (not spans or start >= spans[-1][1]):
            spans.append((start, end))
    return spans


def inside(spans: list[Span], pos: int) -> bool:
    """Does ``pos`` lie in one of ``spans``?

    The spans are sorted and disjoint, as the functions here give them.
    """
    i = bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# The opening of a paragraph's tail that reports another event than the lead's: an earlier one
# ("Trước đó, vào sáng 14/9, …"), one elsewhere the same day ("Cùng ngày, tại buổi làm việc
# với …"), or an item of a digest ("* Chiều 7-2, …"); it follows a sentence end or opens a line.
# In the annotation pool (357 reports without the test ids) it opens 15 stretches in 15 reports;
# of the 13 people the dev sets' gold names first inside one, 12 are `du` (one, in "Trước đó,
# chiều cùng ngày", speaks).
_OTHER_EVENT = re.compile(
    # e.g. "Trước đó, vào sáng 14/9"
    r"(?:Trước đó\s*,\s*(?:vào |trong |ngày |từ )?(?:sáng|chiều|tối|trưa|ngày|\d)"
    r"|Cùng ngày\s*,\s*tại"  # e.g. "Cùng ngày, tại buổi làm việc với UBND xã …"
    r"|\* (?:Ngày|Sáng|Chiều|Tối))"
)  # e.g. "* Chiều cùng ngày, …"
_OPENING_WORDS = ("Trước đó", "Cùng ngày", "* ")


def other_event_spans(doc: Doc) -> list[Span]:
    """The stretches of ``doc``'s body that report another event: from such an opening to the
    end of its paragraph, in order."""
    body = doc.body
    starts = []
    for word in _OPENING_WORDS:  # str.find: far faster than scanning with the pattern
        pos = body.find(word)
        while pos >= 0:
            if (
                pos == 0 or body[pos - 1] == "\n" or body[pos - 2 : pos] in (". ", "; ")
            ) and _OTHER_EVENT.match(body, pos):
                starts.append(pos)
            pos = body.find(word, pos + 1)
    spans: list[Span] = []
    for start in sorted(starts):
        if spans and start < spans[-1][1]:
            continue  # a second opening in the same paragraph: already inside
        end = body.find("\n", start)
        spans.append((start, len(body) if end < 0 else end))
    return spans
