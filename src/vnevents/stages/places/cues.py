"""The word lists of the places stage (``data/place_types.tsv``, ``data/place_cues.tsv``), as
patterns.

Type words ("huyện", "TP.", "Tỉnh ủy") with what each makes of the name after it, and the
cue phrases (venues, visits, streets, institutions…) compiled once. It reads no text itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from vnevents import patterns
from vnevents.data import load_tsv

# Upper-case letters of Vietnamese (and Latin) script: a unit name starts with one.
UPPER = frozenset(patterns.UPPER)


def alternation(phrases: list[str]) -> str:
    """One regex alternation of literal ``phrases``, factored by common prefix (a trie).

    ``re`` tries the alternatives of a flat list one by one at every position that passes its
    first-letter prefilter; factored, it rejects a position after one or two characters (the
    type-word scan over the lower-cased body got 2.5× faster, calibrated on the annotation pool).
    The longest phrase wins where one is a prefix of another; a space matches any run of spaces.
    """
    branches: dict[str, list[str]] = defaultdict(list)
    ends_here = False
    for p in phrases:
        if p:
            branches[p[0]].append(p[1:])
        else:
            ends_here = True
    alts = [
        (r"\s+" if c == " " else re.escape(c)) + alternation(rest)
        for c, rest in sorted(branches.items())
    ]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 and not ends_here else "(?:" + "|".join(alts) + ")"
    return body + "?" if ends_here and body else body


@dataclass(frozen=True)
class TypeWord:
    """What a type word makes of the name after it."""

    group: str  # tinh, tp, tx, quan, huyen, tt, phuong, xa, dk
    generic: bool  # may stand alone for the article's own unit ("Ban Chỉ đạo tỉnh")
    body: bool  # names a body of the unit ("Tỉnh ủy"), not the unit


@cache
def type_words() -> dict[str, TypeWord]:
    """Type word (lower case, single spaces) → what it makes of the name after it."""
    return {
        w: TypeWord(g, gen == "1", body == "1") for w, g, gen, body in load_tsv("place_types.tsv")
    }


@cache
def type_pattern() -> re.Pattern[str]:
    """Any type word, with the spaces after it, matched on lower-cased text. No group and no
    look-behind in front: ``re`` then prefilters on the first letter."""
    return re.compile(alternation(sorted(type_words())) + r"[ \t]*")


@cache
def phrases(kind: str) -> tuple[str, ...]:
    """The cue phrases of one kind in ``place_cues.tsv``, as written (lower case)."""
    return tuple(p for k, p in load_tsv("place_cues.tsv") if k == kind)


@cache
def cue(kind: str) -> re.Pattern[str]:
    """The cue phrases of ``kind`` as whole words. The phrases are lower case: match the lower-cased
    text, or the body as printed where a capitalised form must not count ("Ủy ban Kiểm tra")."""
    return re.compile(r"(?<!\w)" + alternation(sorted(phrases(kind))) + r"(?!\w)")


@cache
def cue_before_name(kind: str) -> re.Pattern[str]:
    """The cue phrases of ``kind``, lower case or capitalised, then spaces and an upper-case
    letter, for the body as printed ("tại Đà Lạt", "Tại Vinh"). No look-behind in front (the
    first-letter prefilter of ``re`` applies): check the character before the match."""
    forms = sorted({f for p in phrases(kind) for f in (p, p[:1].upper() + p[1:])})
    return re.compile(alternation(forms) + r"[ \t]+(?=[" + patterns.UPPER + "])")


@cache
def word_set(kind: str) -> frozenset[str]:
    """The cue phrases of ``kind`` as a set (single words: abbreviations, plurals)."""
    return frozenset(phrases(kind))
