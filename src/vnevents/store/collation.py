"""Vietnamese alphabetical order: a ă â b c d đ e ê … with the tones after the base letter.

``sort_key`` orders as Vietnamese dictionaries and CLDR's ``vi`` collation do: letters
first (ă after a, đ after d, ơ after ô, ư after u), then tones (none, huyền, hỏi, ngã,
sắc, nặng), then case; Python's code-point order puts "Đ" after "Z" and "Hà" after
"Huỳnh". ``register`` makes it SQLite's ``vi`` collation. No third-party dependency.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from functools import lru_cache

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {c: i for i, c in enumerate(ALPHABET)}
# Combining tone marks, in CLDR's order: huyền, hỏi, ngã, sắc, nặng.
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SPACE = -200  # words before longer words: "Hà Nam" < "Hàm Yên"
_DIGIT = -100  # digits before letters: "Quận 1" < "Quận Ba Đình"
_OTHER = 1000  # other characters after the alphabet, by code point

Key = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


@lru_cache(maxsize=65536)
def sort_key(text: str) -> Key:
    """The key that sorts ``text`` in Vietnamese alphabetical order (case-insensitive first)."""
    primary: list[int] = []
    tones: list[int] = []
    case: list[int] = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tone = next((TONES[m] for m in parts if m in TONES), 0)
        letter = unicodedata.normalize("NFC", "".join(m for m in parts if m not in TONES))
        lower = letter.lower()
        if lower in _RANK:
            primary.append(_RANK[lower])
        elif lower.isspace():
            primary.append(_SPACE)
        elif lower.isdigit():
            primary.append(_DIGIT + int(lower) if lower.isdecimal() and len(lower) == 1 else _DIGIT)
        else:
            primary.append(_OTHER + ord(lower[0]) if lower else _OTHER)
        tones.append(tone)
        case.append(0 if letter == lower else 1)
    return tuple(primary), tuple(tones), tuple(case)


def compare(a: str | None, b: str | None) -> int:
    """-1, 0 or 1 as ``a`` sorts before, with or after ``b`` (NULLs first)."""
    ka, kb = sort_key(a or ""), sort_key(b or "")
    return (ka > kb) - (ka < kb)


def register(conn: sqlite3.Connection) -> None:
    """Make ``COLLATE vi`` available on ``conn`` (connections do not share collations)."""
    conn.create_collation("vi", compare)
