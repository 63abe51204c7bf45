"""Word lists of the people stage, read from ``data/name_contexts.tsv`` and
``data/role_cues.tsv``, and the alternations built from them (once per process).

It holds no rule: ``names`` and ``roles`` put the alternations into their patterns.
"""

from __future__ import annotations

import re
from functools import cache

from vnevents.data import load_tsv

# Word boundaries as the people stage's patterns write them.
WORD_START, WORD_END = r"(?<![\w])", r"(?![\w])"


def trie(words: list[str] | tuple[str, ...]) -> str:
    """One alternation of ``words`` (a space matching any run of spaces), folded into a
    prefix tree: with 150 titles, ``re`` then tries a handful of branches per position
    instead of every title. A longer word is tried before its prefix, as when sorted by length."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]  # nested to any depth
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict) -> str:  # type: ignore[type-arg]
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _emit(sub)
        for ch, sub in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    if "" in node:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@cache
def _rows(name: str) -> dict[str, tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]]:
    """A context file's entries by kind: (entry, not_after words, not_before words)."""
    out: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = {}
    for row in load_tsv(name):
        cells = [*row, "", ""]
        after = tuple(w for w in cells[2].split(",") if w)
        before = tuple(w for w in cells[3].split(",") if w)
        out.setdefault(cells[1], []).append((cells[0], after, before))
    return {kind: tuple(entries) for kind, entries in out.items()}


def entries(name: str, kind: str) -> tuple[str, ...]:
    """The entries of one kind in a context file, in file order."""
    return tuple(e for e, _, _ in _rows(name).get(kind, ()))


@cache
def alternation(name: str, *kinds: str) -> str:
    """A non-capturing alternation of the entries of ``kinds`` (no word boundaries), each
    entry's ``not_after``/``not_before`` words written as look-behinds/look-aheads."""
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
    for kind in kinds:
        for entry, after, before in _rows(name).get(kind, ()):
            groups.setdefault((after, before), []).append(entry)
    parts = []
    for (after, before), words in groups.items():
        body = trie(words)
        if after or before:
            look_behind = "".join(f"(?<!{re.escape(w)} )" for w in after)
            look_ahead = "".join(f"(?! {re.escape(w)}(?![\\w]))" for w in before)
            body = f"{look_behind}(?:{body}){look_ahead}"
        parts.append(body)
    return "(?:" + "|".join(parts) + ")"


def words_pattern(name: str, *kinds: str) -> str:
    """``alternation`` between word boundaries."""
    return WORD_START + alternation(name, *kinds) + WORD_END
