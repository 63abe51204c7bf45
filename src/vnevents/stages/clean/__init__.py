"""Stage 3: clean a crawled page into the article body.

Drops metadata lines (``metadata``), page furniture (``furniture``), photo
captions and image placeholders, everything after an article-ending list
("Tin khác"), and sidebar text spliced into a paragraph. Works from line shape
and cues that hold across sites. It does not rewrite the words it keeps.
"""

from __future__ import annotations

import re

from vnevents.stages.clean import furniture
from vnevents.stages.metadata import Meta, is_date_line

# A caption is a short line with no sentence-final punctuation. 30 words
# separates the seeds' and dev set's captions (≤ 28 words) from their shortest
# unpunctuated paragraphs; re-run tests/stages/test_clean.py after changing it.
CAPTION_MAX_WORDS = 30
# A line right after an image placeholder is a caption up to this length.
CAPTION_AFTER_IMAGE_MAX_CHARS = 400
# Footer lines (category, tags, outlet) that follow a closing date line.
FOOTER_MAX_LINES = 4

_FINAL_PUNCT = tuple('.!?…:;"”’)»')
_LEAD = re.compile(
    r"(?:sáng|trưa|chiều|tối|đêm|ngày)(?:\s+(?:nay|qua|mai|tối|sớm))?\s*(?:ngày\s*)?,?\s*\d{1,2}\s*[/.\-]\s*\d{1,2}",
    re.IGNORECASE,
)
# A photo credit glued to the next sentence: "Ảnh: VGP/Lê SơnTheo ông …".
_CREDIT_SEAM = re.compile(r"(?:\(?Ảnh|Nguồn)\s*:?\s*[^.\n]{0,60}?[a-zà-ỹđ](?=[A-ZĐÀ-Ỹ][a-zà-ỹđ])")
_IMAGE_PLACEHOLDER = re.compile(r"^(?:anh tin bai|ảnh tin bài|\d{1,2})$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t][ \t]+|\t")  # runs of spaces and tabs, and lone tabs


def is_caption(line: str) -> bool:
    """A short line without final punctuation that does not open a lead."""
    s = line.strip()
    if not s or _LEAD.match(s):
        return False
    if re.search(r"\((?:Ảnh|Nguồn)\s*:[^()]*\)\.?$", s):  # e.g. "... (Ảnh: Thành Trung)."
        return True
    return not s.endswith(_FINAL_PUNCT) and len(s.split()) <= CAPTION_MAX_WORDS


# A lead glued to the text before it, without a space: "… thiên tSáng 8/12, Ban …". The
# pattern opens with the time-of-day word (a literal prefix ``re`` scans for fast); the letter or
# stop glued before it is checked by ``_resplice``.
_SPLICED_LEAD = re.compile(
    r"(?:Sáng|Trưa|Chiều|Tối|Đêm|Ngày)(?=(?:\s+(?:nay|qua|mai|tối|sớm))?"
    r"\s*(?:ngày\s*)?,?\s*\d{1,2}\s*[/.\-]\s*\d{1,2})"
)
_GLUED_BEFORE = re.compile(r"[a-zà-ỹđ,.]")


def _resplice(line: str) -> str:
    """Cut sidebar text spliced before a lead ("… thiên tSáng 8/12, Ban …")."""
    for seam in _SPLICED_LEAD.finditer(line):
        if seam.start() and _GLUED_BEFORE.match(line, seam.start() - 1):
            return line[seam.start() :]
    return line


def _split_credits(line: str) -> list[str]:
    """Split "… Ảnh: VGP/Lê SơnTheo ông …" into parts at caption-credit seams."""
    if "Ảnh" not in line and "Nguồn" not in line:
        return [line]
    parts: list[str] = []
    start = 0
    for m in _CREDIT_SEAM.finditer(line):
        parts.append(line[start : m.end()])
        start = m.end()
    parts.append(line[start:])
    return parts


def _article_end(lines: list[str], skip: frozenset[int]) -> int:
    """Index of the first line after the article (an ending list or a closing footer)."""
    seen_paragraph = False
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or i in skip:
            if i in skip and is_date_line(s) and seen_paragraph:
                rest = [x for x in lines[i + 1 :] if x.strip()]
                if len(rest) <= FOOTER_MAX_LINES:  # "12/09/19 15:42 GMT+7", category, tags, outlet
                    return i
            continue
        if seen_paragraph and furniture.ends_article(s):
            return i
        if len(s) > 80:
            seen_paragraph = True
    return len(lines)


def clean(text: str, meta: Meta) -> str:
    """The article body of a normalised page.

    Args:
        text: the page after ``normalize``.
        meta: what ``metadata.read`` found (its lines are left out).

    Returns:
        The kept paragraphs, one per line, spaces collapsed.
    """
    lines = text.split("\n")
    end = _article_end(lines, meta.lines)
    kept: list[str] = []
    after_image = False
    for i, raw in enumerate(lines[:end]):
        if i in meta.lines:
            continue
        line = raw
        if meta.trailing_byline and meta.trailing_byline[0] == i:
            line = line[: meta.trailing_byline[1]]
        # collapse runs of spaces and tabs; most lines have none (the regex costs ~0.2 ms/doc)
        s = (_SPACES.sub(" ", line) if "  " in line or "\t" in line else line).strip()
        if not s:
            continue
        if _IMAGE_PLACEHOLDER.match(s):
            after_image = True
            continue
        if furniture.is_furniture(s):
            continue
        if after_image and len(s) <= CAPTION_AFTER_IMAGE_MAX_CHARS and not _LEAD.match(s):
            after_image = False
            continue
        after_image = False
        if not kept:  # sidebar text is spliced before the lead, never into later paragraphs
            s = _resplice(s)
        for part in _split_credits(s):
            part = part.strip()
            if part and not is_caption(part) and not furniture.is_furniture(part):
                kept.append(part)
    return "\n".join(kept)
