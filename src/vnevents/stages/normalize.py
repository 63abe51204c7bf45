"""Stage 1: normalise text — NFC, modern tone-mark placement, spaces, control characters.

Applied to the whole page before anything else, so every string cut from the
body is already normal. It does not change words, case or line structure.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata

# Old-style ("hoà", "uỷ") → modern ("hòa", "ủy") placement, FORMAT.md's rule: in an open
# syllable ending in oa, oe or uy the tone mark sits on the first vowel. Only a bare a/e/y carrying
# a tone is moved: "hoặc", "ngoặt", "khoắng" (a with a breve or circumflex) are closed syllables
# whose mark is already right. "quý" keeps its mark (qu- is a consonant), so q before u is excluded.
# The table works on NFC text, precomposed letter by letter: no NFD round trip per document.
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}  # one tone each, in the same order
_FIRST = {"o": "òóỏõọ", "u": "ùúủũụ"}


def _old_pairs() -> dict[str, str]:
    """Every old-style pair, in every mix of case, mapped to its modern spelling."""
    def cased(ch: str, up: bool) -> str:
        return ch.upper() if up else ch

    pairs: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for old_second, new_first in zip(_TONED[second], _FIRST[first], strict=True):
            for up1, up2 in itertools.product((False, True), repeat=2):
                old = cased(first, up1) + cased(old_second, up2)
                pairs[old] = cased(new_first, up1) + cased(second, up2)
    return pairs


_OLD_PAIRS = _old_pairs()
_OA_OE = "".join(_TONED["a"] + _TONED["e"])
_UY = _TONED["y"]
# The pair ends the syllable: no letter and no combining mark follows it.
_OLD_TONE = re.compile(
    rf"(?<![qQ])(?:[oO][{_OA_OE}{_OA_OE.upper()}]|[uU][{_UY}{_UY.upper()}])"
    r"(?![^\W\d_]|[\u0300-\u036f])"
)
# Spaces that are not ASCII space; zero-width characters; C0/C1 controls but \t \n.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ENTITY = re.compile(r"&(?:nbsp|amp|quot|lt|gt|apos|#\d+|#x[0-9a-fA-F]+);?")


def _entity(ok: re.Match[str]) -> str:
    token = ok.group(0)
    if not token.endswith(";"):
        token += ";"
    return html.unescape(token)


def fix_tone_marks(text: str) -> str:
    """Move old-style tone marks to the modern vowel ("Uỷ ban" → "Ủy ban").

    Works on NFC text; the result has the same length, and differs only inside a
    syllable-final oa/oe/uy pair.
    """
    return _OLD_TONE.sub(lambda m: _OLD_PAIRS[m.group(0)], text)


def normalize(text: str) -> str:
    """The canonical form of a page or of any output string.

    Idempotent: ``normalize(normalize(t)) == normalize(t)``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ENTITY.sub(_entity, text)
    text = _ZERO_WIDTH.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _CONTROLS.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return fix_tone_marks(text)
