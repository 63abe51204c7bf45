"""One entry per document, for the documents stage: repeats, aliases in brackets, a number
printed with and without its leading zero, a law named with its symbol, a law's initials
beside its full name. It finds no documents itself.
"""

from __future__ import annotations

import re
from dataclasses import replace

from vnevents.record import Document, fold
from vnevents.stages.documents.names import known_law
from vnevents.stages.documents.words import words

# How many earlier named documents a new one is compared with for containment ("Trung ương
# 4" in "Trung ương 4 (khóa XII)"): keeps the merge linear on a body citing thousands.
MAX_NAMED_COMPARED = 64
# The longest gap between a citation and an alias in brackets after it.
ALIAS_GAP_CHARS = 30

# A symbol's number written with leading zeros ("04-KH/TW" for "4-KH/TW").
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")
# An acronym inside a law's name ("HTX", "GTGT"): two or more capitals.
_ACRONYM = re.compile(r"(?<!\w)[A-ZĐ]{2,}(?!\w)")
# Kinds cited by name whose names are compared whole, never by containment.
_LAW_KINDS = frozenset(fold(k) for k in ("Luật", "Bộ luật", "Pháp lệnh"))


def dedupe(body: str, docs: list[Document]) -> list[Document]:
    """One entry per document: aliases and repeats merge into the first mention."""
    return _drop_abbreviations(_merge(body, docs))


def _alias_of(body: str, doc: Document, prev: Document | None) -> bool:
    """True when ``doc`` sits in the parenthesis right after ``prev`` (an alias)."""
    if prev is None or doc.span[0] < prev.span[1]:
        return False
    gap = body[prev.span[1] : doc.span[0]]
    return (
        "(" in gap and len(gap) < ALIAS_GAP_CHARS and words().alias_open.fullmatch(gap) is not None
    )


def _keys(doc: Document) -> tuple[str, str, str]:
    """(key, folded kind, folded name): one document, one key; "04-KH/TW" and "4-KH/TW" are
    one symbol (RULINGS.md)."""
    kind, name = fold(doc.kind or ""), fold(doc.name or "")
    if doc.symbol:
        return fold(_LEADING_ZEROS.sub("", doc.symbol)), kind, name
    return f"{kind}|{name}", kind, name


def _merge(body: str, docs: list[Document]) -> list[Document]:
    """Repeats and aliases merged into the first mention."""
    docs.sort(key=lambda d: d.span)
    out: list[Document] = []
    at: dict[str, int] = {}  # key (and named key of a symbol printed with its name) → index in out
    named: list[tuple[str, str, int]] = []  # (kind, name) folded of the named entries, index
    aliases: list[tuple[str, str]] = []  # (kind, name) folded, alias names seen
    prev: Document | None = None
    for doc in docs:
        key, k, n = _keys(doc)
        if _alias_of(body, doc, prev):
            if doc.name:
                aliases.append((k, n))
            continue
        prev = doc
        i = at.get(key)
        if i is None and doc.symbol is None and doc.name:
            if any(ak == k and n.startswith(an) for ak, an in aliases):
                continue
            # "Trung ương 4" and "Trung ương 4 (khóa XII)" are one, "Luật Phí" is "Luật Phí và
            # lệ phí"; two known laws are two ("Luật Giáo dục", "Luật Giáo dục đại học").
            i = next(
                (
                    j
                    for ok, on, j in named[-MAX_NAMED_COMPARED:]
                    if ok == k
                    and (on in n or n in on)
                    and not (
                        k in _LAW_KINDS and known_law(doc.name) and known_law(out[j].name or "")
                    )
                ),
                None,
            )
        if i is None:
            at[key] = len(out)
            if doc.symbol and doc.name:  # "Luật Đất đai số 31/2024/QH15": later "Luật Đất đai"
                at.setdefault(f"{k}|{n}", len(out))
            elif doc.name:
                named.append((k, n, len(out)))
            out.append(doc)
            continue
        merged = out[i]
        if merged.date is None and doc.date is not None:
            merged = replace(merged, date=doc.date)
        if doc.symbol and not _prints(body, merged) and _prints(body, doc):
            merged = replace(merged, span=doc.span)  # point at a mention printing the symbol
        out[i] = merged
    return out


def _drop_abbreviations(docs: list[Document]) -> list[Document]:
    """ "Luật Thuế GTGT" where "Luật Thuế giá trị gia tăng" is cited too: one law, named in full."""
    short = [d for d in docs if d.name and d.symbol is None and _ACRONYM.search(d.name)]
    if not short:
        return docs
    full = [d for d in docs if d.name and not _ACRONYM.search(d.name)]
    drop = {
        id(s)
        for s in short
        if any(f.kind == s.kind and _abbreviates(s.name or "", f.name or "") for f in full)
    }
    return [d for d in docs if id(d) not in drop]


def _abbreviates(short: str, full: str) -> bool:
    """True when ``short`` is ``full`` with runs of words written as their initials
    ("Thuế GTGT" ~ "Thuế giá trị gia tăng", "HTX" ~ "Hợp tác xã")."""
    words = [w for w in fold(full).replace(",", " ").split()]
    i = 0
    for token in short.replace(",", " ").split():
        if _ACRONYM.fullmatch(token):
            letters = fold(token)
            if [w[0] for w in words[i : i + len(letters)]] != list(letters):
                return False
            i += len(letters)
        elif i < len(words) and words[i] == fold(token):
            i += 1
        else:
            return False
    return i == len(words)


def _prints(body: str, doc: Document) -> bool:
    """True when the document's span prints its symbol as normalised ("05-CT/TW")."""
    return (
        doc.symbol is not None
        and doc.symbol != ""
        and doc.symbol in body[doc.span[0] : doc.span[1]]
    )
