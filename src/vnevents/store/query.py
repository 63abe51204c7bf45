"""The search box's language, parsed into terms and written as FTS5 expressions.

Google's and Datasette's habits: ``"quoted phrase"``, ``-word`` and ``-"phrase"`` to
exclude, every other word required. A word typed without diacritics matches the
folded columns, one typed with them matches exactly. User text never becomes FTS5
syntax: every word reaches FTS5 inside a double-quoted string of ``\\w`` characters.
Province names become "the words, or a report placed there" (``place_names``). This
module does not run queries (``search``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from vnevents.record import fold
from vnevents.stages.normalize import fix_tone_marks
from vnevents.store.place_names import find_places
from vnevents.store.schema import facet_phrase

# A token of the FTS5 unicode61 tokenizer: letters and digits ("_" separates, as there).
WORD = re.compile(r"[^\W_]+")
# One item of the search box, in order of preference:
_ITEM = re.compile(
    r"""(?P<neg>-(?=["\w]))?(?:
        "(?P<quoted>[^"]*)"?     # e.g. "dang uy"  (an unclosed quote runs to the end)
      | (?P<chunk>[^\s"]+)       # e.g. 35-NQ/TW, Lạng, -hop
    )""",
    re.X,
)
# Inside a chunk these join words into one phrase ("35-NQ/TW", "TP.HCM"); any other
# punctuation ("NEAR(a", "title:x") separates words.
_JOINERS = re.compile(r"[^\w\-–/.&']+")
MAX_TERMS = 16  # words past this add nothing a reader can judge; FTS cost grows with each

EXACT_COLS = "{title body}"
FOLDED_COLS = "{ftitle fbody}"


@dataclass(frozen=True)
class Term:
    """A word, or a phrase (quoted, or one chunk such as ``35-NQ/TW``), required or excluded.

    ``words`` are lower-cased NFC with modern tone marks, as typed; ``loose`` words
    (typed without diacritics) also run into the next term as a Vietnamese word would.
    """

    words: tuple[str, ...]
    phrase: bool = False
    exclude: bool = False
    quoted: bool = False

    @cached_property
    def folded(self) -> tuple[str, ...]:
        return tuple(fold(w) for w in self.words)

    @cached_property
    def exact(self) -> tuple[bool, ...]:
        """Per word: typed with diacritics (or đ), so it must match as typed."""
        return tuple(fold(w) != w for w in self.words)

    def fts(self) -> str:
        """This term as an FTS5 expression (positive form)."""
        if not self.phrase:
            word = self.words[0]
            return (
                _phrase(EXACT_COLS, [word]) if self.exact[0] else _phrase(FOLDED_COLS, [fold(word)])
            )
        if all(self.exact):
            return _phrase(EXACT_COLS, list(self.words))
        # Mixed spelling ("Đảng uy"): the phrase loosely, and each accented word as typed.
        parts = [_phrase(FOLDED_COLS, list(self.folded))]
        parts += [
            _phrase(EXACT_COLS, [w]) for w, ex in zip(self.words, self.exact, strict=True) if ex
        ]
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def _phrase(cols: str, words: list[str]) -> str:
    # Words are WORD matches: no quote, bracket or operator can be inside.
    return f'{cols} : "{" ".join(words)}"'


def normalize_query(q: str) -> str:
    """NFC with modern tone marks ("Hoà" → "Hòa"), as the stored bodies are."""
    return fix_tone_marks(unicodedata.normalize("NFC", q))


def parse(q: str) -> list[Term]:
    """The terms of a search box, in order; empty items and bare punctuation are dropped."""
    terms: list[Term] = []
    for m in _ITEM.finditer(normalize_query(q)):
        quoted = m.group("quoted") is not None
        texts = [m.group("quoted")] if quoted else _JOINERS.split(m.group("chunk"))
        for text in texts:
            words = tuple(w.lower() for w in WORD.findall(text))
            if words:
                terms.append(
                    Term(words, phrase=len(words) > 1, exclude=bool(m.group("neg")), quoted=quoted)
                )
        if sum(len(t.words) for t in terms) >= MAX_TERMS:
            break
    return terms


def runs(terms: list[Term]) -> list[list[Term]]:
    """Maximal runs of consecutive single unquoted required words: where a Vietnamese
    word may span terms ("khanh thanh"), so where adjacency counts."""
    out: list[list[Term]] = []
    current: list[Term] = []
    for t in terms:
        if t.exclude or t.quoted or t.phrase:
            if current:
                out.append(current)
            current = []
            continue
        current.append(t)
    if current:
        out.append(current)
    return out


def pairs(terms: list[Term]) -> list[tuple[Term, Term]]:
    """Adjacent pairs of unquoted words, in query order, without repeats (folded)."""
    out: list[tuple[Term, Term]] = []
    seen: set[tuple[str, str]] = set()
    for run in runs(terms):
        for a, b in zip(run, run[1:], strict=False):
            key = (a.folded[0], b.folded[0])
            if key not in seen:
                seen.add(key)
                out.append((a, b))
    return out


def bigrams(terms: list[Term]) -> list[tuple[str, str]]:
    """``pairs`` as folded words."""
    return [(a.folded[0], b.folded[0]) for a, b in pairs(terms)]


def highlight_words(terms: list[Term]) -> list[tuple[str, bool]]:
    """(word, exact) for every required word: what a snippet marks."""
    seen: dict[str, bool] = {}
    for t in terms:
        if t.exclude:
            continue
        for w, ex in zip(t.words, t.exact, strict=True):
            key = w if ex else fold(w)
            seen[key] = seen.get(key, False) or ex
    return list(seen.items())


class QueryError(ValueError):
    """A query parameter is out of range or malformed; the message says which."""


def legacy_fts_match(q: str) -> str:
    """The search before the query language (kept for ``rank="legacy"`` and the benchmark):
    every word quoted, all required, quotes and ``-`` ignored."""
    terms = []
    for word in re.findall(r"\w+", q):
        if fold(word) != word.lower():
            terms.append('{title body} : "' + word + '"')
        else:
            terms.append('{ftitle fbody} : "' + fold(word) + '"')
    return " AND ".join(terms)


def fts_match(q: str) -> str:
    """An FTS5 expression for the search box ``q`` (see ``query``): quoted phrases,
    ``-`` exclusions, every other word required; a province name also matches the
    reports placed in it (``place_names``). User text never becomes syntax.

    Raises:
        QueryError: ``q`` has words to exclude but none to find.
    """
    return expressions(parse(q))[0]


def expressions(terms: list[Term], anchor: str | None = None) -> tuple[str, str]:
    """(match, rank): the expression that selects, and the same selection with the
    query's adjacent word pairs added as optional phrases, so bm25 counts them.

    ``anchor``: an expression already required beside these (a facet filter's tag),
    cheap to repeat; else the shortest required group is repeated to make the pairs
    optional ("match AND (anchor OR pairs)"). A lone pair that implies the whole
    match (two words, nothing excluded) needs no anchor: "match OR pair".
    """
    positive = [t for t in terms if not t.exclude]
    if not positive:
        raise QueryError("the query only excludes words: add a word to search for")
    groups = [t.fts() for t in positive]
    singles = [i for i, t in enumerate(positive) if not (t.phrase or t.quoted)]
    # Province names among consecutive single words: their words, or a report placed there.
    for run in _consecutive(singles):
        for place in reversed(find_places([positive[i].folded[0] for i in run])):
            idx = run[place.start : place.end]
            tags = " OR ".join(
                '{facets} : "' + facet_phrase("province", p) + '"' for p in place.provinces
            )
            words = " AND ".join(groups[i] for i in idx)
            groups[idx[0]] = f"(({words}) OR {tags})"
            for i in idx[1:]:
                groups[i] = ""
    match = " AND ".join(g for g in groups if g)
    excluded = [t.fts() for t in terms if t.exclude]
    if excluded:
        match = f"({match}) NOT ({' OR '.join(excluded)})"
    phrases = [pair_phrase(a, b) for a, b in pairs(terms)]
    if not phrases:
        return match, match
    if len(phrases) == 1 and len(singles) == len(positive) == 2 and not excluded:
        return match, f"({match}) OR {phrases[0]}"
    anchor = anchor or min((g for g in groups if g), key=len)
    return match, f"({match}) AND ({anchor} OR {' OR '.join(phrases)})"


def pair_phrase(a: Term, b: Term) -> str:
    """Two adjacent words as an FTS5 phrase: as typed when both carry diacritics (the
    same index entries as the words themselves, already read), else folded."""
    if a.exact[0] and b.exact[0]:
        return EXACT_COLS + ' : "' + f"{a.words[0]} {b.words[0]}" + '"'
    return FOLDED_COLS + ' : "' + f"{a.folded[0]} {b.folded[0]}" + '"'


def _consecutive(indexes: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for i in indexes:
        if out and out[-1][-1] == i - 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out
