"""The analysed document: a cleaned body and what every finder reads of it, computed once.

The pipeline builds one ``Doc`` after cleaning (stages 1–3) and hands it to every finder
(stages 4–10), the way spaCy's ``Doc`` serves its components. It holds the body and its
context (title, publication date, site; after stage 4 the event), and computes on first use,
then shares: the lower-cased and folded text, lines, sentences and clauses, the lead
paragraph, date mentions with their resolved years, numeral candidates and capitalised runs.
It finds no items itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from vnevents.patterns import GLUED_STOP, LEAD_DATES, fold_table
from vnevents.record import Event, Span

# The lead is looked for in the first paragraphs only.
LEAD_MAX_PARAGRAPHS = 4
# A lead's date stands in its first characters ("Sáng 8/12, …", "(HNM) - Chiều 28/6, …").
LEAD_DATE_WINDOW = 200

# Abbreviations printed with a dot before a name: the dot ends no sentence ("Tp. Hồ Chí Minh").
_ABBREVIATION = re.compile(r"(?<![\w.])(?:TP|Tp|TX|Tx|TT|Q|P|PGS|GS|TS|ThS|BS|KS|NCS|ThS\.BS)$")
# Clause and sentence ends, and quotation marks, found in one pass (``Doc.boundaries``).
_BOUNDARY_CHAR = re.compile(r"[.;!?\n“”\"()]")


@dataclass(frozen=True)
class Boundaries:
    """Offsets just after each clause end and sentence end, and the quotation marks.

    A sentence ends at ".", "!", "?" or a line end; a full stop counts only before a space or
    the text's end, or glued to a capitalised word (``patterns.GLUED_STOP``). A clause ends
    there too, and at ";", brackets and quotation marks.
    """

    clauses: tuple[int, ...]
    sentences: tuple[int, ...]
    quotes: tuple[tuple[int, bool], ...]  # (offset after the mark, whether it opens a quotation)


# A date printed with its year: "30/4/2021", "28-6-2025", "8 . 12 . 2022". It opens on a digit
# (``re`` skips to digits fast); a digit or "/" glued before it is checked in ``Doc.full_dates``.
_FULL_DATE = re.compile(
    r"(?P<d>\d{1,2})\s*(?P<s1>[/.\-])\s*(?P<m>\d{1,2})\s*(?P<s2>[/.\-])\s*(?P<y>(?:19|20)\d{2})(?!\d)"
)


@dataclass(frozen=True)
class FullDate:
    """A day, month and year printed together, with the two separators as printed."""

    span: Span
    day: int
    month: int
    year: int
    seps: str  # e.g. "//" for 30/4/2021, "--" for 28-6-2025


class Doc:
    """A cleaned body, its context, and its shared analyses (see the module docstring).

    Args:
        body: the cleaned body (stage 3's output).
        title: the headline, when the page prints one.
        published: the publication date-time as printed ("YYYY-MM-DD[THH:MM[:SS]]").
        site: the source's host.
        event: the primary event, once stage 4 has read it.
        lead: the lead paragraph's span, when known from elsewhere (tests); else computed.
    """

    def __init__(
        self,
        body: str,
        *,
        title: str | None = None,
        published: str | None = None,
        site: str | None = None,
        event: Event | None = None,
        lead: Span | None = None,
    ) -> None:
        self.body = body
        self.title = title
        self.published = published
        self.site = site
        self.event = event or Event()
        if lead is not None:
            self.__dict__["lead"] = lead

    def __len__(self) -> int:
        return len(self.body)

    # --- text forms ---------------------------------------------------------------

    @cached_property
    def lower(self) -> str:
        """The body in lower case, offset for offset."""
        low = self.body.lower()
        if len(low) != len(self.body):  # "İ" lowers to two characters: keep offsets exact
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in self.body)
        return low

    @cached_property
    def folded(self) -> str:
        """The body lower-cased without diacritics ("đ" → "d"), offset for offset."""
        return self.body.translate(fold_table())

    # --- structure ------------------------------------------------------------------

    @cached_property
    def lines(self) -> tuple[Span, ...]:
        """The body's lines (paragraphs), as spans."""
        out, start = [], 0
        for line in self.body.split("\n"):
            out.append((start, start + len(line)))
            start += len(line) + 1
        return tuple(out)

    @cached_property
    def boundaries(self) -> Boundaries:
        """Clause and sentence ends and quotation marks (see ``Boundaries``), in one pass."""
        body = self.body
        clauses, sentences, quotes = [], [], []
        straight = 0
        for m in _BOUNDARY_CHAR.finditer(body):  # one cheap pass, the full stops checked by hand
            ch, end = m.group(0), m.end()
            if ch == "." and not (
                end == len(body) or body[end].isspace() or GLUED_STOP.match(body, m.start())
            ):
                continue
            if ch == "." and _ABBREVIATION.search(body, max(0, m.start() - 5), m.start()):
                continue  # "TP. Hồ Chí Minh", "PGS. Lê …": the dot of an abbreviation
            clauses.append(end)
            if ch in ".!?\n":
                sentences.append(end)
            elif ch in "“”":
                quotes.append((end, ch == "“"))
            elif ch == '"':
                straight += 1
                quotes.append((end, straight % 2 == 1))
        if straight % 2:  # unbalanced straight quotes: their sides are unknown, keep the curly ones
            quotes = [q for q in quotes if body[q[0] - 1] != '"']
        return Boundaries(tuple(clauses), tuple(sentences), tuple(quotes))

    def quoted(self, pos: int) -> bool:
        """Does ``pos`` lie inside a quotation (someone else's words)?"""
        quotes = self.boundaries.quotes
        i = bisect_right(quotes, (pos, True)) - 1
        return i >= 0 and quotes[i][1]

    @cached_property
    def lead(self) -> Span:
        """The lead paragraph: the first of the opening paragraphs whose start dates the event;
        else the first paragraph."""
        paragraphs = self.lines[:LEAD_MAX_PARAGRAPHS]
        for s, e in paragraphs:
            hi = min(e, s + LEAD_DATE_WINDOW)
            if any(p.search(self.lower, s, hi) for p in LEAD_DATES):
                return (s, e)
        return paragraphs[0] if paragraphs else (0, 0)

    # --- dates and years -------------------------------------------------------------

    @cached_property
    def full_dates(self) -> tuple[FullDate, ...]:
        """Every date printed with its year, in order (not inside a longer number or date)."""
        body, out, pos = self.body, [], 0
        while (m := _FULL_DATE.search(body, pos)) is not None:
            if m.start() and (body[m.start() - 1].isdigit() or body[m.start() - 1] == "/"):
                pos = m.start() + 1
                continue
            out.append(FullDate(m.span(), int(m["d"]), int(m["m"]), int(m["y"]), m["s1"] + m["s2"]))
            pos = m.end()
        return tuple(out)

    # --- years --------------------------------------------------------------------------

    @property
    def reference_year(self) -> int | None:
        """The year the report speaks from: the event's, else the publication's."""
        for value in (self.event.date, self.published):
            if value and value[:4].isdigit():
                return int(value[:4])
        return None
