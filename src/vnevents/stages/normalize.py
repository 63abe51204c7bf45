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
_SECOND = "".join(_TONED.values())
# The second vowel of a pair at a syllable's end: toned a/e/y after o/u (not after qu-), with no
# letter or combining mark after it. The pattern opens on the toned vowel, so ``re`` skips ahead
# by character class (~20 µs on a report, where a look-behind first costs ~170 µs); the pair
# itself is then looked up in ``_OLD_PAIRS`` ("uà" or "oỳ" are not old-style pairs).
_OLD_TONE = re.compile(
    rf"[{_SECOND}{_SECOND.upper()}](?<=[oOuU].)(?<![qQ]..)(?![^\W\d_]|[\u0300-\u036f])"
)
# Spaces that are not ASCII space; zero-width characters; C0/C1 controls but \t \n.
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Any character one of the three patterns above would change: most pages have none.
_ODD_ANY = re.compile(
    r"[\u00a0\u1680\u2000-\u200d\u202f\u205f\u3000\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
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
    parts: list[str] = []
    last = 0
    for m in _OLD_TONE.finditer(text):
        pair = text[m.start() - 1 : m.end()]
        if pair in _OLD_PAIRS:
            parts += (text[last : m.start() - 1], _OLD_PAIRS[pair])
            last = m.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def normalize(text: str) -> str:
    """The canonical form of a page or of any output string.

    Idempotent: ``normalize(normalize(t)) == normalize(t)``.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    if _ODD_ANY.search(text):
        text = _ZERO_WIDTH.sub("", text)
        text = _ODD_SPACES.sub(" ", text)
        text = _CONTROLS.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return fix_tone_marks(text)
