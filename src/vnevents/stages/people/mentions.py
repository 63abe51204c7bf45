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
from vnevents.stages.people.names import Lexicon, Segment

# Longest run of forms of address before a name (three degrees in a row before a doctor's
# name run to 33).
MARKER_LOOKBACK_CHARS = 60
# Between names in a list: "ông A, bà B và ông C", with an aside in brackets allowed.
LIST_GAP = re.compile(r"\s*(?:\([^()]{0,150}\))?\s*(?:,|;|và)\s*")
# The longest gap LIST_GAP can span (an aside of 150 and its separators): a longer one is not
# matched at all, so a name far from the last mention costs nothing.
LIST_GAP_MAX_CHARS = 170


def listed(body: str, prev_end: int, start: int) -> bool:
    """Does the name (or its titles) at ``start`` continue a list ending at ``prev_end``?"""
    return (
        start - prev_end <= LIST_GAP_MAX_CHARS
        and LIST_GAP.fullmatch(body, prev_end, start) is not None
    )


# What separates the words of forms of address: spaces, ".", ",", "-", "–", ":".
_SEPARATOR_SET = frozenset(" .,-–:\n\t\r\xa0")
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
    # title segments after names, by start (``names.titles_after``): names listed closely share them
    segments: dict[int, Segment] = field(default_factory=dict, repr=False)

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
        lo = max(0, pos - MARKER_LOOKBACK_CHARS)
        last = self._last_word(pos, lo)
        if last is None:
            return None
        return self._read_back(*last, lo)

    def _last_word(self, pos: int, lo: int) -> tuple[int, int] | None:
        """The span of the word right before ``pos`` (and after ``lo``) when it may end a form
        of address, else None."""
        body = self.body
        end = pos
        while end > lo and body[end - 1] in " .:":
            end -= 1
        start = end
        while start > lo and body[start - 1] not in _SEPARATORS:
            start -= 1
        if end == start or self.doc.lower[start:end] not in self.lex.marker_last:
            return None  # the common case: no form of address at all
        if "." in body[end:pos] and body[start:end].islower():
            # "… tác giả. Theo Minh Quân": a full stop after a word ends its sentence ("TS. A"
            # does not)
            return None
        if start == lo and lo > 0 and body[lo - 1] not in _SEPARATORS:
            return None  # a word longer than the look-back is no form of address
        return start, end

    def _read_back(self, start: int, end: int, lo: int) -> tuple[int, str] | None:
        """Where the forms of address ending with the word at ``start``–``end`` start (not
        before ``lo``), and the first of them, lower-cased; None if that word ends none."""
        lex = self.lex
        # the words leftwards from ``end``, read only as far as forms of address go on
        low = self.doc.lower
        words_back: list[tuple[int, str]] = [(start, low[start:end])]
        cur = start

        def more(k: int) -> bool:  # at least k words read?
            nonlocal cur
            while len(words_back) < k:
                i = cur
                while i > lo and low[i - 1] in _SEPARATOR_SET:
                    i -= 1
                j = i
                while j > lo and low[j - 1] not in _SEPARATOR_SET:
                    j -= 1
                if i == j or (j == lo and lo > 0 and low[lo - 1] not in _SEPARATOR_SET):
                    return False  # the look-back's start, or a word cut by it
                words_back.append((j, low[j:i]))
                cur = j
            return True

        begin: int | None = None
        first, r = "", 0
        while more(r + 1) and words_back[r][1] in lex.marker_last:
            # the lengths of the markers ending so, longest first
            for n in lex.marker_lengths[words_back[r][1]]:
                if not more(r + n) or words_back[r + n - 1][1] not in lex.marker_first:
                    continue  # most lengths fail here, before a tuple is built
                words = tuple(w for _, w in reversed(words_back[r : r + n]))
                if words in lex.marker_words:
                    begin, first, r = words_back[r + n - 1][0], " ".join(words), r + n
                    break
            else:
                break
        if begin is None:
            return None
        return begin, first


def last_end(ends: tuple[int, ...], lo: int, hi: int) -> int:
    """The last boundary end in ``(lo, hi]``, or ``lo``."""
    i = bisect_right(ends, hi) - 1
    return ends[i] if i >= 0 and ends[i] > lo else lo
