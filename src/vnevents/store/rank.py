"""What FTS5 cannot compute on a contentless index: where query words stand in an
article (adjacent, in the title, in the lead), and a highlighted snippet.

``rescore`` reorders the best ``search.RESCORE_WINDOW`` matches of the SQL ranking;
``snippet_marks`` picks a window of the body and the matched words in it. This
module runs no SQL.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from vnevents.record import fold
from vnevents.store.query import Term, bigrams, highlight_words
from vnevents.store.schema import fast_fold

# Weights of the rescoring: set by reasoning (title over lead over bm25), not fitted; re-run
# benchmarks/bench_search.py after a change.
TITLE_WEIGHT = 2.0  # share of query words and word pairs found in the title
LEAD_WEIGHT = 1.0  # … in the lead (the opening LEAD_CHARS of the body)
BM25_WEIGHT = 1.0  # FTS5 bm25 (title columns 10×), relative to the window's best
LEAD_CHARS = 400  # a report's lead paragraph: one or two sentences
SNIPPET_CHARS = 240
SNIPPET_FIRST_CHARS = 1200  # the lead and the next paragraph or two
SNIPPET_SCAN_CHARS = 4000  # about the first third of a long report
MAX_HITS = 60  # candidate windows (and hits per window) looked at for a snippet
MAX_MARKS = 40
_JOIN = r"[\s\-–/]+"  # what may stand between two syllables of one word ("Bà Rịa-Vũng Tàu")


@dataclass(frozen=True)
class Features:
    """How a query sits in one article; ``key`` orders candidates, best first."""

    adjacent: int  # query word pairs standing adjacent anywhere (a Vietnamese word)
    score: float

    def key(self) -> tuple[int, float]:
        return (-self.adjacent, -self.score)


class Scorer:
    """The query's words and word pairs as one pattern each, compiled once per search."""

    def __init__(self, terms: list[Term]) -> None:
        self.words = sorted({fold(w) for w, _ in highlight_words(terms)}, key=len, reverse=True)
        self.pairs = [f"{a} {b}" for a, b in bigrams(terms)]
        alternatives = "|".join(re.escape(w) for w in self.words)
        self.word_re = re.compile(rf"\b(?:{alternatives})\b") if self.words else None
        # Inside a lookahead, so overlapping pairs all count ("hoi nghi tong": both pairs).
        pairs = "|".join(rf"{re.escape(a)}{_JOIN}{re.escape(b)}" for a, b in bigrams(terms))
        self.pair_re = re.compile(rf"\b(?=((?:{pairs}))\b)") if pairs else None
        self._seen: dict[str, tuple[set[str], set[str]]] = {}

    def _found(self, text: str) -> tuple[set[str], set[str]]:
        """The query words and pairs in folded ``text`` (remembered: both passes ask)."""
        if not text:
            return set(), set()
        hit = self._seen.get(text)
        if hit is None:
            words = set(self.word_re.findall(text)) if self.word_re else set()
            pairs = (
                {re.sub(_JOIN, " ", m) for m in self.pair_re.findall(text)}
                if self.pair_re
                else set()
            )
            hit = self._seen[text] = (words, pairs)
        return hit

    def adjacent(self, title: str, opening: str) -> int:
        """How many of the query's word pairs stand adjacent in ``title`` or ``opening``."""
        return len(self._found(_fold(title))[1] | self._found(_fold(opening))[1])

    def features(
        self, title: str, opening: str, adjacent: int | None, bm25: float, best: float
    ) -> Features:
        """``adjacent``: how many of the query's pairs stand adjacent in the article, if known
        (from the index); else those found in the title and ``opening``."""
        title_words, title_pairs = self._found(_fold(title))
        lead_words, lead_pairs = self._found(_fold(opening)[:LEAD_CHARS])
        if adjacent is None:
            adjacent = self.adjacent(title, opening)
        n = max(1, len(self.words) + len(self.pairs))
        in_title = (len(title_words) + len(title_pairs)) / n
        in_lead = (len(lead_words) + len(lead_pairs)) / n
        relative = bm25 / best if best else 0.0  # bm25 is negative: best is the smallest
        return Features(
            adjacent, TITLE_WEIGHT * in_title + LEAD_WEIGHT * in_lead + BM25_WEIGHT * relative
        )


def rescore(
    terms: list[Term],
    rows: Sequence[tuple[int, float, str, str]],
    adjacent: dict[int, int] | None = None,
    scorer: Scorer | None = None,
) -> list[int]:
    """Article ids of ``rows`` (aid, bm25, title, body opening) in the new order.

    Documents where more query word pairs stand adjacent (``adjacent``: aid → number of
    pairs found as phrases by the index; without it, those in the title and opening
    given) come first; among them, title and lead matches and bm25 decide; the SQL
    order breaks ties.
    """
    if not rows:
        return []
    scorer = scorer or Scorer(terms)
    best = min(r[1] for r in rows)
    keyed = [
        (
            scorer.features(title, body, adjacent.get(aid) if adjacent else None, bm25, best).key(),
            i,
            aid,
        )
        for i, (aid, bm25, title, body) in enumerate(rows)
    ]
    return [aid for _, _, aid in sorted(keyed)]


@lru_cache(maxsize=512)
def _fold(text: str) -> str:
    """``fast_fold``, remembered: a search folds each title and opening in two rescoring
    passes and its snippet (a page's worth of texts; the cache holds a few searches)."""
    return fast_fold(text)


def snippet_marks(
    body: str, terms: list[Term], width: int = SNIPPET_CHARS
) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``body`` cut at word boundaries around the densest query words,
    and the [start, end) of each matched word inside the returned text.

    The opening is searched first (a report's lead names what it is about), the rest
    of the first ``SNIPPET_SCAN_CHARS`` only when the opening holds no query word;
    past them the snippet is the opening.
    """
    words = highlight_words(terms)
    hits: list[tuple[int, int, int]] = []  # start, end, word index
    if words:
        index = {fold(w): i for i, (w, _) in enumerate(words)}
        pattern = re.compile(
            rf"\b(?:{'|'.join(re.escape(w) for w in sorted(index, key=len, reverse=True))})\b"
        )
        whole = _fold(body)
        for limit in (SNIPPET_FIRST_CHARS, SNIPPET_SCAN_CHARS):
            if len(whole) != len(body):  # offsets would not line up: no marks
                break
            text, folded = body[:limit], whole[:limit]
            for m in pattern.finditer(folded):
                i = index[m.group()]
                word, exact = words[i]
                if not exact or text[m.start() : m.end()].lower() == word:
                    hits.append((m.start(), m.end(), i))
            if hits or limit >= len(body):
                break
    start = _densest(hits, width)
    if start:
        start = _word_start(body, start)
    end = min(len(body), start + width)
    if end < len(body):
        cut = body.rfind(" ", start + width // 2, end + 1)
        end = cut if cut > 0 else end
    prefix = "…" if start else ""
    out = prefix + body[start:end].strip() + ("…" if end < len(body) else "")
    shift = len(prefix) - start - (len(body[start:end]) - len(body[start:end].lstrip()))
    marks = [(a + shift, b + shift) for a, b, _ in hits if start <= a and b <= end][:MAX_MARKS]
    return out, marks


def _densest(hits: list[tuple[int, int, int]], width: int) -> int:
    """Where a ``width`` window showing the most distinct query words starts (a quarter
    of the window before its first hit), moved to a word start; 0 without hits."""
    best, best_start = 0, 0
    j = 0
    for s, _, _ in hits[:MAX_HITS]:
        lo = max(0, s - width // 4)
        while j < len(hits) and hits[j][0] < lo:
            j += 1
        seen = {w for a, b, w in hits[j : j + MAX_HITS] if b <= lo + width}
        if len(seen) > best:
            best, best_start = len(seen), lo
    return best_start


def _word_start(text: str, i: int) -> int:
    """``i`` moved forward to the start of a word (never mid-word)."""
    if i <= 0 or not (text[i - 1].isalnum() and text[i].isalnum()):
        return i
    space = text.find(" ", i)
    return space + 1 if 0 <= space < i + 30 else i
