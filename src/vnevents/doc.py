"""The analysed document: a cleaned body and what every finder reads of it, computed once.

The pipeline builds one ``Doc`` after cleaning (stages 1–3) and hands it to every finder
(stages 4–10), the way spaCy's ``Doc`` serves its components. It holds the body and its
context (title, publication date, site; after stage 4 the event), and computes on first use,
then shares: the lower-cased and folded text, lines, sentences and clauses, the lead
paragraph, date mentions with their resolved years, numeral candidates and capitalised runs.
It finds no items itself.
"""

from __future__ import annotations

from functools import cached_property

from vnevents.patterns import LEAD_DATES, fold_table
from vnevents.record import Event, Span

# The lead is looked for in the first paragraphs only.
LEAD_MAX_PARAGRAPHS = 4
# A lead's date stands in its first characters ("Sáng 8/12, …", "(HNM) - Chiều 28/6, …").
LEAD_DATE_WINDOW = 200

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

    def __init__(self, body: str, *, title: str | None = None, published: str | None = None,
                 site: str | None = None, event: Event | None = None, lead: Span | None = None) -> None:
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
    def lead(self) -> Span:
        """The lead paragraph: the first of the opening paragraphs whose start dates the event;
        else the first paragraph."""
        paragraphs = self.lines[:LEAD_MAX_PARAGRAPHS]
        for s, e in paragraphs:
            hi = min(e, s + LEAD_DATE_WINDOW)
            if any(p.search(self.body, s, hi) for p in LEAD_DATES):
                return (s, e)
        return paragraphs[0] if paragraphs else (0, 0)

    # --- years --------------------------------------------------------------------------

    @property
    def reference_year(self) -> int | None:
        """The year the report speaks from: the event's, else the publication's."""
        for value in (self.event.date, self.published):
            if value and value[:4].isdigit():
                return int(value[:4])
        return None
