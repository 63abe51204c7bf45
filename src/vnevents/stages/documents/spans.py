"""Which positions earlier citations already cover, for the documents stage's finders: a
sweep over spans sorted by start, so that a body citing thousands stays linear. It finds
no documents itself.
"""

from __future__ import annotations

from bisect import insort

from vnevents.record import Span


class Cover:
    """The spans taken so far, asked about positions in increasing order.

    ``covers(p)`` is linear over a sweep when called with non-decreasing ``p`` (a position
    asked out of order is looked up plainly); a span added at the last position asked is
    O(1), one added further on is inserted in order.
    """

    def __init__(self, spans: list[Span]) -> None:
        self._spans = sorted(spans)
        self._next = 0  # the first span not yet swept
        self._until = -1  # the furthest end among the spans swept
        self._last = -1  # the last position asked

    def covers(self, p: int) -> bool:
        if p < self._last:  # asked out of order (rare): a plain look
            return any(s <= p < e for s, e in self._spans)
        spans = self._spans
        while self._next < len(spans) and spans[self._next][0] <= p:
            self._until = max(self._until, spans[self._next][1])
            self._next += 1
        self._last = p
        return p < self._until

    def add(self, span: Span) -> None:
        if span[0] <= self._last:  # the citation just read at the last position: O(1)
            self._until = max(self._until, span[1])
        else:
            insort(self._spans, span, lo=self._next)
