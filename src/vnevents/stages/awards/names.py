"""An award's kind as FORMAT.md prints it: the law's name, ranks and quoted names kept.

"Huân chương Lao động hạng Ba", "Kỷ niệm chương Vì sự nghiệp giáo dục", "Anh hùng Lao động"
(for "danh hiệu Anh hùng Lao động thời kỳ đổi mới"). It does not decide whether the award is
handed out at the event.
"""

from __future__ import annotations

import re

from vnevents.stages.awards.lexicon import lexicon

# Longest named award, in words after its kind word ("Anh hùng lực lượng vũ trang nhân dân
# thời kỳ đổi mới" is 12; "Huân chương Chiến công hạng Ba" is 4); longer runs are
# sentences. Set on the corpus' public_sector articles.
NAME_MAX_WORDS = 14
# The characters after a kind read for its name: NAME_MAX_WORDS words of up to ~14
# characters; the window bounds the work per mention on text without stops.
NAME_WINDOW = 200

_RANK = re.compile(r"^(?:(?!hạng)\S+\s+){1,5}?hạng\s+(?:Nhất|Nhì|Ba|nhất|nhì|ba)(?!\w)")
_QUOTED = re.compile(r"^\s*(?:vinh dự\s+(?:Nhà nước\s+)?)?[\"“'‘]([^\"”'’]{2,80})[\"”'’]")
_PARTY_YEARS = re.compile(r"\s*\d+\s+năm\s+tuổi\s+Đảng")  # e.g. Huy hiệu | 50 năm tuổi Đảng
# Kinds whose word alone names nothing ("danh hiệu thi đua", "huy chương các loại").
_GENERIC = ("Danh hiệu", "Huy chương", "Giải thưởng")
# The head word FORMAT.md leaves out of the kind ("danh hiệu Anh hùng Lao động").
_HEAD_DROPPED = "Danh hiệu"


def name(kind: str, after: str) -> tuple[str, int] | None:
    """The award's full kind and how much of ``after`` (the text after the kind word) it used.

    None when the kind word names no award here ("danh hiệu thi đua").
    """
    after = after[:NAME_WINDOW]
    if lexicon().form[kind.lower()] in ("plain", "prize"):
        return kind, 0
    if q := _QUOTED.match(after):
        return _kind(kind, q.group(1).strip()), q.end()
    if r := _RANK.match(after.lstrip()):
        offset = len(after) - len(after.lstrip())
        return _kind(kind, r.group(0).strip()), offset + r.end()
    if kind == "Huy hiệu" and (m := _PARTY_YEARS.match(after)):
        return _kind(kind, m.group(0).strip()), m.end()
    stop = lexicon().name_stop.search(after)
    text = after[: stop.start()] if stop else after
    words = text.split()
    if not words:
        return (kind, 0) if kind not in _GENERIC else None
    if (
        len(words) > NAME_MAX_WORDS
        or not words[0][:1].isupper()
        or lexicon().name_verb.search(text)
    ):
        return None if kind in _GENERIC else (kind, 0)
    return _kind(kind, " ".join(words)), len(text.rstrip())


def _kind(kind: str, name: str) -> str:
    """The kind with its name, without the head word "danh hiệu" or an era qualifier."""
    name = lexicon().era.sub("", name).strip() or name
    full = name if kind == _HEAD_DROPPED else f"{kind} {name}"
    return full[:1].upper() + full[1:]
