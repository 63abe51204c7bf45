"""Stage 1: normalise text — NFC, modern tone-mark placement, spaces, control characters.

Applied to the whole page before anything else, so every string cut from the
body is already normal. It does not change words, case or line structure.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Old-style ("hoà", "uỷ") → modern ("hòa", "ủy") placement on open syllables
# oa/oe/uy: the mark moves to the first vowel when nothing follows the pair.
# "quý" keeps its mark on y (qu- is a consonant), so a preceding q is excluded.
_MARKS = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_OLD_TONE = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([" + _MARKS + r"])(?![^\W\d_])",
)
# Spaces that are not ASCII space; zero-width characters; C0/C1 controls but \t \n.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ENTITY = re.compile(r"&(?:nbsp|amp|quot|lt|gt|apos|#\d+|#x[0-9a-fA-F]+);?")


def _pair(ok: re.Match[str]) -> str:
    first, second, mark = ok.group(1), ok.group(2), ok.group(3)
    if first in "uU" and second not in "yY":
        return ok.group(0)  # "ua", "ue" are not the uy case
    if first in "oO" and second in "yY":
        return ok.group(0)
    return first + mark + second


def _entity(ok: re.Match[str]) -> str:
    token = ok.group(0)
    if not token.endswith(";"):
        token += ";"
    return html.unescape(token)


def fix_tone_marks(text: str) -> str:
    """Move old-style tone marks to the modern vowel ("Uỷ ban" → "Ủy ban")."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_TONE.sub(_pair, decomposed))


def normalize(text: str) -> str:
    """The canonical form of a page or of any output string.

    Idempotent: ``normalize(normalize(t)) == normalize(t)``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ENTITY.sub(_entity, text)
    text = _ZERO_WIDTH.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return fix_tone_marks(text)
