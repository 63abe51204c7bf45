"""Stage 9: legal and Party documents cited in the body (symbol, kind, date, issuer).

Finds symbols ("Chỉ thị số 14-CT/TU ngày 8/10/2022"), citations by kind and number
("Quyết định 12 của Thủ tướng", "Chương trình 135"), by name ("Luật An ninh mạng",
"Nghị quyết Trung ương 6, khóa X"; ``names``) and by title ("Hiến pháp năm 2013",
national resolutions by subject; ``titles``), then merges repeats (``merge``). Generic
mentions ("các chỉ thị, nghị quyết"), reports, and plans or draft decrees without a
number are not documents (RULINGS.md). It does not read awards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vnevents.data import load_tsv
from vnevents.patterns import DATE_DMY, DATE_WORDS, DOC_SYMBOL, iso_date, positions, valid_date
from vnevents.doc import Doc
from vnevents.record import Document, fold
from vnevents.stages.documents.merge import dedupe
from vnevents.stages.documents.names import find_named
from vnevents.stages.documents.spans import Cover
from vnevents.stages.documents.titles import find_titled
from vnevents.stages.documents.words import words

# How far before a symbol or number its kind word may start ("Chỉ thị số " is 12).
KIND_LOOKBACK = 40
# How far left of a "/" a symbol may start ("1348/QĐ-BNN-TCCB/…" runs to 25).
SYMBOL_MAX_CHARS = 32
# How far after a citation its date and issuer are looked for; calibrated on the
# seeds, dev and the corpus' public_sector articles ("…/TW, ngày 19/9/2011 của …").
TAIL_CHARS = 90

_YEAR_LIKE = re.compile(r"(?:19|20)\d{2}")
# More numbers of the same kind: "Chỉ thị 07, 11 của …", "Nghị quyết số 01 và 02".
_MORE_NUMBERS = re.compile(r"(?:\s*,\s*|\s+và\s+)(?P<num>\d{1,6}[a-z]?)(?![\w/\-.,]\w|[\w/])")
# Inside a symbol: the codes' separators ("QĐ-UBND", "NQ/TW"), a National Assembly's code
# ("QH14": a law), a dash printed with spaces ("439 – QĐNS/TW").
_CODE_SEPARATOR = re.compile(r"[/\-]")
_ASSEMBLY_CODE = re.compile(r"QH\d+")
_SPACED_DASH = re.compile(r"\s*[–-]\s*")
# Between the last number of a run and its symbol: "2357 và 2361/QĐ-UBND", "15, 16/2020/NĐ-CP".
_RUN_SEPARATOR = re.compile(r"\s*,\s*|\s+và\s+")


@dataclass(frozen=True)
class _Kinds:
    before: re.Pattern[str]  # a kind word right before a symbol or number
    number: re.Pattern[str]  # kind + [số] + number
    cite: dict[str, str]  # lower-cased kind → cite mode
    canon: dict[str, str]  # lower-cased kind → kind as written in the lexicon
    codes: dict[str, tuple[str, str]]  # code → (state kind, Party kind)
    anchors: tuple[str, ...]  # lower-case kind words, searched with str.find (cheap)
    lowered: tuple[str, ...]  # every kind, lower-cased: a str.endswith pre-check


@cache
def _kinds() -> _Kinds:
    rows = load_tsv("document_kinds.tsv")
    names = sorted((r[0] for r in rows), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    before = re.compile(
        rf"(?<!\w)(?P<kind>{alternation})\s*(?:số\s*:?\s*|số\.\s*)?$", re.IGNORECASE
    )
    number = re.compile(
        rf"(?<!\w)(?P<kind>{alternation})\s+(?:(?P<so>số)\s*:?\s*)?"
        # e.g. Nghị quyết 35 | văn bản số 2957 | 55/2017
        r"(?P<num>\d{1,6}[a-z]?(?:/(?:19|20)\d{2})?)"
        r"(?![\w/\-.,]\w|[\w/])",
        re.IGNORECASE,
    )
    codes = {r[0]: (r[1], r[2]) for r in load_tsv("document_codes.tsv")}
    # Longer kinds that start with a shorter one ("nghị quyết liên tịch") need no anchor.
    lows = [n.lower() for n in names]
    anchors = tuple(a for a in lows if not any(a != b and a.startswith(b) for b in lows))
    return _Kinds(
        anchors=anchors,
        lowered=tuple(lows),
        before=before,
        number=number,
        cite={r[0].lower(): r[1] for r in rows},
        canon={r[0].lower(): r[0] for r in rows},
        codes=codes,
    )


def _canon_kind(word: str) -> str:
    return _kinds().canon.get(word.lower(), word[:1].upper() + word[1:])


def _parse_date(text: str) -> str | None:
    m = DATE_DMY.search(text) or DATE_WORDS.search(text)
    if not m:
        return None
    d, mo = int(m["d"]), int(m["m"])
    y = int(m["y"]) if m["y"] else None
    return iso_date(y, mo, d) if valid_date(y, mo, d) else None


def _tail(body: str, end: int) -> tuple[str | None, str | None]:
    """The date and issuer printed after a citation, in either order."""
    tail = body[end : end + TAIL_CHARS]
    date = issuer = None
    for _ in range(2):
        if date is None and (m := words().date_after.match(tail)):
            date = _parse_date(f"ngày {m['w']}" if m["w"] else m["dmy"])
            tail = tail[m.end() :]
            continue
        if issuer is None and (m := words().issuer.match(tail)):
            issuer = m["issuer"].strip()
            tail = tail[m.end() :]
            continue
        break
    return date, issuer


def _date_before(body: str, start: int) -> str | None:
    m = words().date_before.search(body, max(0, start - 90), start)
    return _parse_date(m["dmy"]) if m else None


def _symbol_kind(num_sep: str, year: str | None, codes: str) -> str | None:
    """Kind read from a symbol's code: QĐ is Quy định in Party symbols (85-QĐ/TW); "-" for
    the code of no document (a report)."""
    table = _kinds().codes
    party = num_sep == "-" and year is None
    for code in _CODE_SEPARATOR.split(codes):
        if code in table:
            return table[code][1 if party else 0]
        if _ASSEMBLY_CODE.fullmatch(code):
            return "Luật"
    # "1745/TTg-QHQT", "2045/BCT-TCCB": an issuer and a unit, no type: a letter.
    return "Công văn" if not party and "-" in codes else None


def _symbols(body: str, starts: list[int], found: list[Document]) -> None:
    k = _kinds()
    end = -1
    for p in starts:
        if p < end or (m := DOC_SYMBOL.match(body, p)) is None:
            continue
        s, e = m.span()
        end = e
        before = _kind_before(body, s)
        if (
            before
            and k.cite.get(before["kind"].lower()) == "name"
            and not before["kind"][0].isupper()
        ):
            before = None  # "kết luật số 19-TB/TW": a lower-case "luật" is not the kind
        spaced = " " in m.group(0) or "–" in m.group(0)
        sep = body[m.end("num")] if m.end("num") < len(body) else "-"
        code_kind = _symbol_kind(sep, m["year"], m["codes"])
        if before is None and (code_kind in (None, "-") or spaced):
            continue  # a code-like string with no kind word (an address, a model number), a report
        kind = _canon_kind(before["kind"]) if before else code_kind
        start = before.start() if before else s
        date, issuer = _tail(body, e)
        symbol = _SPACED_DASH.sub("-", m.group(0))  # "439 – QĐNS/TW" → "439-QĐNS/TW"
        found.append(
            Document(kind=kind, symbol=symbol, name=None, date=date, span=(start, e), issuer=issuer)
        )


def _kind_before(body: str, s: int) -> re.Match[str] | None:
    """The kind word right before a symbol ("Chỉ thị số 14-CT/TU"); a str.endswith on the
    stripped window first, as most "/" are dates with no kind before them."""
    k = _kinds()
    lo = max(0, s - KIND_LOOKBACK)
    tail = body[lo:s].rstrip().rstrip(":.").rstrip().lower()
    if tail.endswith("số"):
        tail = tail[:-2].rstrip()
    if not tail.endswith(k.lowered):
        return None
    return k.before.search(body, lo, s)


def _same_number(num: str, symbol: str | None) -> bool:
    """True when a cited number ("35", "67/2014") is the number of ``symbol``."""
    m = DOC_SYMBOL.match(symbol or "")
    if m is None:
        return False
    n, _, year = num.partition("/")
    return n.lstrip("0") == m["num"].lstrip("0") and (
        not year or not m["year"] or year == m["year"]
    )


def _numbers(
    body: str, starts: list[int], found: list[Document], taken: list[tuple[int, int]]
) -> None:
    """Documents cited by kind and number ("Quyết định số 09", "Chỉ thị 07, 11 …"), appended
    to ``found``; numbers inside ``taken`` spans are read already."""
    k = _kinds()
    symbols: dict[str, list[Document]] = {}  # symbol's number without leading zeros → documents
    for d in found:
        if d.symbol and (sm := DOC_SYMBOL.match(d.symbol)) is not None:
            symbols.setdefault(sm["num"].lstrip("0"), []).append(d)
    cover = Cover(taken)
    for p in starts:
        if (m := k.number.match(body, p)) is None or cover.covers(m.start("num")):
            continue
        kind = _number_cite(body, m, symbols)
        if kind is None:
            continue
        nums = _run_numbers(body, m)
        suffix = _run_suffix(body, nums[-1][1])
        date, issuer = _tail(body, nums[-1][1])
        if date is None:
            date = _date_before(body, m.start())
        for i, (n, end) in enumerate(nums):
            if suffix is not None:  # "Quyết định số 2356, 2357 và 2361/QĐ-UBND"
                found.append(
                    Document(
                        kind=kind,
                        symbol=n + suffix,
                        name=None,
                        date=date,
                        span=(m.start(), end),
                        issuer=issuer,
                    )
                )
                continue
            if i and any(
                _same_number(n, d.symbol) and d.kind == kind for d in symbols.get(n.lstrip("0"), ())
            ):
                continue
            found.append(
                Document(
                    kind=kind, symbol=None, name=n, date=date, span=(m.start(), end), issuer=issuer
                )
            )


def _number_cite(body: str, m: re.Match[str], symbols: dict[str, list[Document]]) -> str | None:
    """The kind of the document a kind and a number cite ("Quyết định số 09"), or None when they
    cite none: a kind never cited by number, a bare number that names nothing, a draft, or the
    number of a document whose symbol is printed elsewhere ("Nghị quyết 35" beside "35-NQ/TW")."""
    kind = _canon_kind(m["kind"])
    cite = _kinds().cite.get(kind.lower(), "-")
    if cite in ("-", "name"):
        return None
    if m["so"] is None and not _bare_number_cites(body, m, cite):
        return None
    if words().draft_before.search(body, max(0, m.start() - 20), m.start()):
        return None
    num = m["num"]
    if any(
        _same_number(num, d.symbol) and (d.kind == kind or fold(kind) in fold(d.kind or ""))
        for d in symbols.get(num.partition("/")[0].lstrip("0"), ())
    ):
        return None  # the same document as a printed symbol
    return kind


def _run_numbers(body: str, m: re.Match[str]) -> list[tuple[str, int]]:
    """The numbers a citation lists, with where each ends: "Chỉ thị 07, 11 của Ban Thường vụ"
    cites two documents of that kind; the list ends before a counted noun."""
    nums = [(m["num"], m.end())]
    pos = m.end()
    while (more := _MORE_NUMBERS.match(body, pos)) is not None:
        nums.append((more["num"], more.end()))
        pos = more.end()
    while len(nums) > 1 and not words().after_number.match(body, nums[-1][1]):
        nums.pop()  # "Nghị quyết 35, 5 năm qua": the list ends before a counted noun
    return nums


def _bare_number_cites(body: str, m: re.Match[str], cite: str) -> bool:
    """Whether a kind and a number printed without "số" cite a document.

    A capitalised kind of the "number" mode does ("Nghị định 23 lại cho phép", "Chỉ thị
    05 của …": 10 such citations in the pool, all documents, whatever word follows); a
    "programme" kind does with two or more digits before a citation's word or a
    punctuation mark ("Chương trình 135 (giai đoạn 3)", "chương trình 120, đồng thời");
    any kind does when its issuer follows and the number is no year ("Kế hoạch 28 của
    Bộ Chính trị").
    """
    w = words()
    if cite == "number" and m["kind"][0].isupper():
        return True
    if cite == "programme" and len(m["num"].rstrip("abcdefghijklmnopqrstuvwxyz")) >= 2:
        if w.after_number.match(body, m.end()):
            return True
    if cite == "so-only" or _YEAR_LIKE.fullmatch(m["num"]):
        return False
    return w.of_issuer.match(body, m.end()) is not None


def _run_suffix(body: str, end: int) -> str | None:
    """The shared tail of a run of numbers ("/QĐ-UBND" in "2356, 2357 và 2361/QĐ-UBND"),
    or None when the run does not end on a symbol. Party symbols ("04, 05-NQ/TW") are
    left out: the span of "04" could not hold the symbol "04-NQ"."""
    sep = _RUN_SEPARATOR.match(body, end)
    if sep is None or (m := DOC_SYMBOL.match(body, sep.end())) is None:
        return None
    tail = m.group(0)[len(m["num"]) :]
    return tail if tail.startswith("/") else None


def _symbol_starts(body: str) -> list[int]:
    """Where a symbol may start: the first digit left of each "/" (every symbol has one)."""
    starts: set[int] = set()
    i = body.find("/")
    while i >= 0:
        j = i
        # walk left over the symbol's characters ("15/2020", "439 – QĐNS", "BGD&ĐT")
        while (
            j > 0 and i - j < SYMBOL_MAX_CHARS and (body[j - 1].isalnum() or body[j - 1] in "&-–/ ")
        ):
            j -= 1
            if body[j].isdigit() and not body[j - 1 : j].isalnum():
                starts.add(j)
        i = body.find("/", i + 1)
    return sorted(starts)


def find(doc: Doc) -> list[Document]:
    """Every document cited in the body, once each, with the span of its first mention.

    Args:
        doc: the analysed document; documents are dated from their own citation.

    Returns:
        Documents in order of first mention.
    """
    body, low = doc.body, doc.lower
    # str.find is far cheaper than a regex alternation over the whole body; the
    # regexes then run anchored at the few places found.
    kinds = positions(low, _kinds().anchors)
    symbols = _symbol_starts(body)
    if not kinds and not symbols:
        return []
    found: list[Document] = []
    _symbols(body, symbols, found)
    _numbers(body, kinds, found, [d.span for d in found])
    find_titled(body, kinds, found)  # first: a law named inside a resolution's title is its subject
    find_named(body, kinds, found, _kinds().before)
    return dedupe(body, found)
