"""Stage 9: legal and Party documents cited in the body (symbol, kind, date, issuer).

Finds symbols ("Chỉ thị số 09-CT/TU ngày 2/4/2021"), citations by kind and number
("Quyết định 09 của Thủ tướng") and by name ("Luật An ninh mạng", "Nghị quyết
Trung ương 4, khóa XI"). Generic mentions ("các chỉ thị, nghị quyết") and plans,
reports or drafts without a symbol are not documents. It does not read awards.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import cache

from vnevents.data import load_tsv
from vnevents.patterns import DATE_DMY, DATE_WORDS, DOC_SYMBOL, iso_date, valid_date
from vnevents.doc import Doc
from vnevents.record import Document, fold
from vnevents.stages.documents.names import DRAFT_BEFORE, find_named

log = logging.getLogger(__name__)

# How far before a symbol or number its kind word may start ("Chỉ thị số " is 12).
KIND_LOOKBACK = 40
# How far left of a "/" a symbol may start ("1348/QĐ-BNN-TCCB/…" runs to 25).
SYMBOL_MAX_CHARS = 32
# How far after a citation its date and issuer are looked for; calibrated on the
# seeds, dev and the corpus' public_sector articles ("…/TW, ngày 19/9/2011 của …").
TAIL_CHARS = 90

# A citation's date right after it: ", ngày 2/4/2021", " ban hành ngày 11 tháng 01 năm 2017".
_DATE_AFTER = re.compile(
    r"^\s*,?\s*(?:(?:được\s+)?(?:ban hành|ký)\s+)?ngày\s*"  # e.g. ", ngày " | " ban hành ngày "
    r"(?:(?P<w>\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)"  # e.g. 11 tháng 01 năm 2017
    r"|(?P<dmy>\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?))",  # e.g. 2/4/2021 | 5.6.2012
    re.IGNORECASE,
)
# "của Tỉnh ủy Lào Cai", "của Ban Bí thư (khóa XI)": the issuer runs to a stop word.
_ISSUER = re.compile(
    r"^\s*,?\s*(?:do|của)\s+(?P<issuer>[A-ZĐÂ][^,;.()\n]{1,70}?)"
    r"(?=\s*(?:[,;.()\n\"“”]|$)|\s*ngày|\s+(?:về|trong|đối với|nhằm|để|theo|thì|đã|được|với|vừa|ngày"
    r"|quy định|hướng dẫn|thành lập|phê duyệt|sửa đổi|là|và\s+(?:[a-zđ]|Kế hoạch|Nghị|Chỉ|Quy|Quyết|Hướng|Thông|Kết))\b)"
)
# "ngày 21-6, Bộ Chính trị đã có văn bản số 4178": a date before the citation.
_DATE_BEFORE = re.compile(
    r"ngày\s+(?P<dmy>\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?)\s*,\s*"
    r"[^.;,\n]{0,50}?\b(?:đã\s+)?(?:có|ban hành|ký|ra|gửi)\s+$",
    re.IGNORECASE,
)
# Words after a bare number that show it names a document ("Quyết định 09 của …").
_AFTER_NUMBER = re.compile(
    r"(?=\s*(?:[,.;:()]|$)|\s+(?:của|ngày|về|do|và|được|đã|là|trong|tại|với|theo|này|nhằm"
    r"|cũng|sẽ|đến|vào|thì|mà|cho|trên|khóa|quy định|hướng dẫn|đi vào|liên quan|\())",
)
# A bare number cited with its issuer ("Kế hoạch 28 của Bộ Chính trị", "nghị quyết 39 của
# Bộ Chính trị") names a document even for kinds that otherwise need "số".
_OF_ISSUER_AFTER = re.compile(r"\s+của\s+(?:[A-ZĐ]|ban\s|bộ\s|ủy ban\s|thủ tướng)")
_YEAR_LIKE = re.compile(r"(?:19|20)\d{2}")
# More numbers of the same kind: "Chỉ thị 03, 05 của …", "Nghị quyết số 01 và 02".
_MORE_NUMBERS = re.compile(r"(?:\s*,\s*|\s+và\s+)(?P<num>\d{1,6}[a-z]?)(?![\w/\-.,]\w|[\w/])")
# "(gọi tắt là Pháp lệnh Tôn giáo)", "(sau đây gọi là Nghị định 67)", "(QĐ09)".
_ALIAS_OPEN = re.compile(r"^\s*\(\s*(?:sau đây\s+)?(?:gọi tắt là|gọi là|viết tắt là)?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class _Kinds:
    before: re.Pattern[str]  # a kind word right before a symbol or number
    number: re.Pattern[str]  # kind + [số] + number
    cite: dict[str, str]  # lower-cased kind → cite mode
    canon: dict[str, str]  # lower-cased kind → kind as written in the lexicon
    codes: dict[str, tuple[str, str]]  # code → (state kind, Party kind)
    anchors: tuple[str, ...]  # lower-case kind words, searched with str.find (cheap)


@cache
def _kinds() -> _Kinds:
    rows = load_tsv("document_kinds.tsv")
    names = sorted((r[0] for r in rows), key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    before = re.compile(rf"(?<!\w)(?P<kind>{alternation})\s*(?:số\s*:?\s*|số\.\s*)?$", re.IGNORECASE)
    number = re.compile(
        rf"(?<!\w)(?P<kind>{alternation})\s+(?:(?P<so>số)\s*:?\s*)?"
        r"(?P<num>\d{1,6}[a-z]?(?:/(?:19|20)\d{2})?)"  # e.g. Nghị quyết 35 | văn bản số 4178 | 55/2017
        r"(?![\w/\-.,]\w|[\w/])",
        re.IGNORECASE,
    )
    codes = {r[0]: (r[1], r[2]) for r in load_tsv("document_codes.tsv")}
    # Longer kinds that start with a shorter one ("nghị quyết liên tịch") need no anchor.
    lows = [n.lower() for n in names]
    anchors = tuple(a for a in lows if not any(a != b and a.startswith(b) for b in lows))
    return _Kinds(
        anchors=anchors,
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
    tail = body[end:end + TAIL_CHARS]
    date = issuer = None
    for _ in range(2):
        if date is None and (m := _DATE_AFTER.match(tail)):
            date = _parse_date(f"ngày {m['w']}" if m["w"] else m["dmy"])
            tail = tail[m.end():]
            continue
        if issuer is None and (m := _ISSUER.match(tail)):
            issuer = m["issuer"].strip()
            tail = tail[m.end():]
            continue
        break
    return date, issuer


def _date_before(body: str, start: int) -> str | None:
    m = _DATE_BEFORE.search(body, max(0, start - 90), start)
    return _parse_date(m["dmy"]) if m else None


def _symbol_kind(num_sep: str, year: str | None, codes: str) -> str | None:
    """Kind read from a symbol's code: QĐ is Quy định in Party symbols (85-QĐ/TW)."""
    table = _kinds().codes
    party = num_sep == "-" and year is None
    for code in re.split(r"[/\-]", codes):
        if code in table:
            return table[code][1 if party else 0]
        if re.fullmatch(r"QH\d+", code):
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
        before = k.before.search(body, max(0, s - KIND_LOOKBACK), s)
        if before and k.cite.get(before["kind"].lower()) == "name" and not before["kind"][0].isupper():
            before = None  # "kết luật số 19-TB/TW": a lower-case "luật" is not the kind
        spaced = " " in m.group(0) or "–" in m.group(0)
        sep = body[m.end("num")] if m.end("num") < len(body) else "-"
        code_kind = _symbol_kind(sep, m["year"], m["codes"])
        if before is None and (code_kind is None or spaced):
            continue  # a code-like string with no kind word: an address, a model number
        kind = _canon_kind(before["kind"]) if before else code_kind
        start = before.start() if before else s
        date, issuer = _tail(body, e)
        symbol = re.sub(r"\s*[–-]\s*", "-", m.group(0))  # "439 – QĐNS/TW" → "439-QĐNS/TW"
        found.append(Document(kind=kind, symbol=symbol, name=None, date=date,
                              span=(start, e), issuer=issuer))


def _same_number(num: str, symbol: str | None) -> bool:
    """True when a cited number ("35", "67/2014") is the number of ``symbol``."""
    m = DOC_SYMBOL.match(symbol or "")
    if m is None:
        return False
    n, _, year = num.partition("/")
    return n.lstrip("0") == m["num"].lstrip("0") and (not year or not m["year"] or year == m["year"])


def _numbers(body: str, starts: list[int], found: list[Document],
             taken: list[tuple[int, int]]) -> None:
    k = _kinds()
    symbols = [d for d in found if d.symbol]
    for p in starts:
        if (m := k.number.match(body, p)) is None:
            continue
        if any(s <= m.start("num") < e for s, e in taken):
            continue
        kind = _canon_kind(m["kind"])
        cite = k.cite.get(kind.lower(), "-")
        if cite in ("-", "name"):
            continue
        if m["so"] is None:
            # Without "số" only a capitalised kind of the "number" mode, followed by a
            # word that continues a citation ("Chỉ thị 05 của …"), names a document; any
            # kind does when its issuer follows and the number is no year.
            plain = cite == "number" and m["kind"][0].isupper() and _AFTER_NUMBER.match(body, m.end())
            if not plain and (cite == "so-only" or _YEAR_LIKE.fullmatch(m["num"])
                              or not _OF_ISSUER_AFTER.match(body, m.end())):
                continue
        if DRAFT_BEFORE.search(body, max(0, m.start() - 20), m.start()):
            continue
        num = m["num"]
        if any(_same_number(num, d.symbol)
               and (d.kind == kind or fold(kind) in fold(d.kind or ""))
               for d in symbols):
            continue  # "Nghị quyết 35" where "35-NQ/TW" is printed: the same document
        # "Chỉ thị 03, 05 của Bộ Chính trị": each number is a document of that kind.
        nums = [(num, m.end())]
        pos = m.end()
        while (more := _MORE_NUMBERS.match(body, pos)) is not None:
            nums.append((more["num"], more.end()))
            pos = more.end()
        while len(nums) > 1 and not _AFTER_NUMBER.match(body, nums[-1][1]):
            nums.pop()  # "Nghị quyết 35, 5 năm qua": the list ends before a counted noun
        date, issuer = _tail(body, nums[-1][1])
        if date is None:
            date = _date_before(body, m.start())
        for i, (n, end) in enumerate(nums):
            if i and any(_same_number(n, d.symbol) and d.kind == kind
                         for d in symbols):
                continue
            found.append(Document(kind=kind, symbol=None, name=n, date=date,
                                  span=(m.start(), end), issuer=issuer))


def _alias_of(body: str, doc: Document, prev: Document | None) -> bool:
    """True when ``doc`` sits in the parenthesis right after ``prev`` (an alias)."""
    if prev is None or doc.span[0] < prev.span[1]:
        return False
    gap = body[prev.span[1]:doc.span[0]]
    return bool(_ALIAS_OPEN.fullmatch(gap)) and "(" in gap and len(gap) < 30


def _key(doc: Document) -> str:
    return fold(doc.symbol) if doc.symbol else f"{fold(doc.kind or '')}|{fold(doc.name or '')}"


def _dedupe(body: str, docs: list[Document]) -> list[Document]:
    """One entry per document: aliases and repeats merge into the first mention."""
    docs.sort(key=lambda d: d.span)
    out: list[Document] = []
    aliases: list[tuple[str, str]] = []  # (kind, name) folded, alias names seen
    prev: Document | None = None
    for doc in docs:
        if _alias_of(body, doc, prev):
            if doc.name:
                aliases.append((fold(doc.kind or ""), fold(doc.name)))
            continue
        prev = doc
        key = _key(doc)
        same = next((o for o in out if _key(o) == key), None)
        if same is None and doc.symbol is None and doc.name:
            k, n = fold(doc.kind or ""), fold(doc.name)
            if any(ak == k and n.startswith(an) for ak, an in aliases):
                continue
            same = next((o for o in out if o.symbol is None and o.name and fold(o.kind or "") == k
                         and (fold(o.name) in n or n in fold(o.name))), None)
        if same is None:
            out.append(doc)
            continue
        merged = same
        if merged.date is None and doc.date is not None:
            merged = replace(merged, date=doc.date)
        if doc.symbol and not _prints(body, merged) and _prints(body, doc):
            merged = replace(merged, span=doc.span)  # point at a mention printing the symbol
        out[out.index(same)] = merged
    return out


def _prints(body: str, doc: Document) -> bool:
    """True when the document's span prints its symbol as normalised ("05-CT/TW")."""
    return doc.symbol is not None and doc.symbol != "" and doc.symbol in body[doc.span[0]:doc.span[1]]


def _positions(text: str, needles: tuple[str, ...]) -> list[int]:
    out: list[int] = []
    for needle in needles:
        i = text.find(needle)
        while i >= 0:
            out.append(i)
            i = text.find(needle, i + 1)
    return out


def _symbol_starts(body: str) -> list[int]:
    """Where a symbol may start: the first digit left of each "/" (every symbol has one)."""
    starts: set[int] = set()
    i = body.find("/")
    while i >= 0:
        j = i
        # walk left over the symbol's characters ("15/2020", "439 – QĐNS", "BGD&ĐT")
        while j > 0 and i - j < SYMBOL_MAX_CHARS and (body[j - 1].isalnum() or body[j - 1] in "&-–/ "):
            j -= 1
            if body[j].isdigit() and not body[j - 1:j].isalnum():
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
    kinds = sorted(_positions(low, _kinds().anchors))
    symbols = _symbol_starts(body)
    if not kinds and not symbols:
        return []
    found: list[Document] = []
    _symbols(body, symbols, found)
    _numbers(body, kinds, found, [d.span for d in found])
    find_named(body, kinds, found, _kinds().before)
    return _dedupe(body, found)
