"""What the people stage looks up in one document: a person mention, and the
document's clause, sentence and quotation boundaries and forms of address.

Shared by ``people`` (finding names) and ``people.roles`` (giving them roles);
it finds nothing by itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from vnevents.doc import Doc
from vnevents.record import Role
from vnevents.stages.people.names import Lexicon

# Longest run of forms of address before a name ("Tiến sĩ, Bác sĩ, Chuyên khoa II " is 33).
MARKER_LOOKBACK_CHARS = 60
# Between names in a list: "ông A, bà B và ông C", with an aside in brackets allowed.
LIST_GAP = re.compile(r"\s*(?:\([^()]{0,150}\))?\s*(?:,|;|và)\s*")
_TOKEN = re.compile(r"[^\s.,\-–:]+")
_SEPARATORS = frozenset(" \n\t.,-–:")


@dataclass
class Mention:
    """One mention of a person: the name's span, the chain of titles and forms of address
    around it (``chain_start``–``chain_end``), and what the rules learnt about it."""

    name: str
    start: int
    end: int
    chain_start: int
    chain_end: int
    titles: list[str]
    kinds: set[str]
    marker: str = ""
    roles: set[Role] = field(default_factory=set)


@dataclass
class Scan:
    """What every mention looks up in one document: its forms of address (memoised per
    offset: a name candidate asks up to four times), and the document's boundaries."""

    doc: Doc
    lex: Lexicon
    _markers: dict[int, tuple[int, str] | None] = field(default_factory=dict, repr=False)

    @property
    def body(self) -> str:
        return self.doc.body

    @property
    def clauses(self) -> tuple[int, ...]:
        return self.doc.boundaries.clauses

    @property
    def sentences(self) -> tuple[int, ...]:
        return self.doc.boundaries.sentences

    def quoted(self, pos: int) -> bool:
        """Does ``pos`` lie inside a quotation (someone else's words)?"""
        return self.doc.quoted(pos)

    def marker(self, pos: int) -> tuple[int, str] | None:
        """Where the forms of address ending right at ``pos`` start ("đồng chí ", "PGS.TS "),
        and the first of them, lower-cased."""
        if pos not in self._markers:
            self._markers[pos] = self._marker(pos)
        return self._markers[pos]

    def _marker(self, pos: int) -> tuple[int, str] | None:
        body = self.body
        end = pos
        while end > 0 and body[end - 1] in " .:":
            end -= 1
        start = end
        while start > 0 and body[start - 1] not in _SEPARATORS:
            start -= 1
        if end == start or body[start:end].lower() not in self.lex.marker_last:
            return None  # the common case: no form of address at all
        window = body[max(0, pos - MARKER_LOOKBACK_CHARS):pos]
        tokens = [(m.start(), m.group(0).lower()) for m in _TOKEN.finditer(window)]
        if not tokens or tokens[-1][0] + len(tokens[-1][1]) < len(window.rstrip(" .:")):
            return None
        begin: int | None = None
        first, j = "", len(tokens)
        while j > 0 and tokens[j - 1][1] in self.lex.marker_last:
            for n in range(min(self.lex.marker_max_words, j), 0, -1):
                words = tuple(t for _, t in tokens[j - n:j])
                if words in self.lex.marker_words:
                    begin, first, j = tokens[j - n][0], " ".join(words), j - n
                    break
            else:
                break
        if begin is None:
            return None
        return pos - len(window) + begin, first


def last_end(ends: tuple[int, ...], lo: int, hi: int) -> int:
    """The last boundary end in ``(lo, hi]``, or ``lo``."""
    i = bisect_right(ends, hi) - 1
    return ends[i] if i >= 0 and ends[i] > lo else lo
