"""Documents cited by title without a number, for the documents stage (RULINGS.md): the
Constitution with its year ("Hiến pháp năm 1992"), the Party statute ("Điều lệ Đảng"), and
national resolutions and decrees cited by their subject ("Nghị quyết về xử lý nợ xấu …",
"Chính phủ đã ban hành Nghị định về …"). Laws and Party plenums are ``names``' own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from vnevents.record import Document, fold
from vnevents.stages.documents.spans import Cover
from vnevents.stages.documents.words import words

# Longest subject accepted for a resolution or decree cited by title (words): gold subjects
# of National Assembly resolutions run to 25 words ("tách nội dung bồi thường, hỗ trợ, …");
# a longer run is a sentence that never met a stop.
TITLE_MAX_WORDS = 32
# How far before a resolution's kind word the national issuer must be named when it is not
# printed after it ("Quốc hội thông qua Nghị quyết về …", and the next items of
# the same list); calibrated on the pool's 27 resolutions cited by title: 400 keeps all the
# National Assembly ones and none of a union's or a province's.
ISSUER_REACH = 600

# How many earlier titles a new one is compared with for a run-on repeat: keeps a body
# citing thousands linear.
MAX_TITLES_COMPARED = 32

# "Hiến pháp năm 1992", "Hiến pháp 2013": name "năm <year>" as RULINGS.md writes it.
_CONSTITUTION = re.compile(r"Hiến pháp\s+(?:năm\s+)?(?P<year>(?:19|20)\d{2})(?!\d)")
# "Điều lệ Đảng" (not "Điều lệ Đảng bộ …", not the statute of a union or a company).
_STATUTE = re.compile(r"Điều lệ\s+(?P<name>Đảng)(?!\s+bộ)(?!\w)")
# "Nghị quyết về …", "Nghị quyết của Quốc hội về việc …", "Nghị định về …".
_TITLE = re.compile(r"(?P<kind>Nghị quyết|Nghị định)(?=\s+(?:về|của)\s)")
_ABOUT = re.compile(r"\s+về(?:\s+việc)?\s+")
_COMMA_CAPITAL = re.compile(r",\s+(?=\w)")


def find_titled(body: str, starts: list[int], found: list[Document]) -> None:
    """Append to ``found`` the documents cited by title at ``starts`` (where a kind word may
    begin) that no earlier citation covers."""
    taken = Cover([d.span for d in found])
    titled: dict[str, int] = {}  # folded subject → index in ``found``
    order: list[str] = []  # the subjects in the order read
    for p in starts:
        first = body[p]  # the kinds read here start with a capital: a cheap dispatch
        if first == "H":
            doc = _constitution(body, p)
        elif first == "Đ":
            doc = _statute(body, p)
        elif first == "N":
            doc = _titled(body, p)
        else:
            continue
        if doc is None or taken.covers(p):
            continue
        if doc.kind in ("Nghị quyết", "Nghị định"):
            key = fold(doc.name or "")
            # One subject printed twice, once run on into the next line ("… tín dụng Quốc
            # hội đã nghe"): the shorter is the title, the first mention keeps its place.
            recent = (k for k in order[-MAX_TITLES_COMPARED:] if k in titled)
            same = next((k for k in recent if k.startswith(key) or key.startswith(k)), None)
            if same is not None:
                if len(key) < len(same):
                    i = titled.pop(same)
                    found[i] = replace(found[i], name=doc.name)
                    titled[key] = i
                    order.append(key)
                taken.add(doc.span)
                continue
            titled[key] = len(found)
            order.append(key)
        found.append(doc)
        taken.add(doc.span)


def _constitution(body: str, p: int) -> Document | None:
    if (m := _CONSTITUTION.match(body, p)) is None:
        return None
    return Document(
        kind="Hiến pháp", symbol=None, name=f"năm {m['year']}", date=None, span=m.span()
    )


def _statute(body: str, p: int) -> Document | None:
    if (m := _STATUTE.match(body, p)) is None:
        return None
    return Document(kind="Điều lệ", symbol=None, name=m["name"], date=None, span=m.span())


def _titled(body: str, p: int) -> Document | None:
    """A national resolution or decree cited by its subject, or None."""
    if (m := _TITLE.match(body, p)) is None:
        return None
    w = words()
    if w.plural_before.search(body, max(0, p - 12), p):
        return None  # "các Nghị quyết của Quốc hội về …": generic
    kind, at = m["kind"], m.end()
    issuer = w.title_issuer.match(body, at)
    if issuer is not None:
        at = issuer.end()
    about = _ABOUT.match(body, at)
    if about is None:
        return None
    if kind == "Nghị định":
        # A decree counts once issued ("Chính phủ đã ban hành Nghị định về …") or cited with
        # the Government as issuer; "khẩn trương ban hành các Nghị định như: Nghị định về …"
        # and a draft decree are not documents (RULINGS.md).
        if issuer is None and not w.issued_before.search(body, max(0, p - 30), p):
            return None
    elif issuer is None and not w.national.search(body, max(0, p - ISSUER_REACH), p):
        return None  # a province's or a union's resolution by title is no document
    rest = body[about.end() : about.end() + 600]
    name = _subject(rest).strip(" ,.-–")
    if not name or len(name.split()) > TITLE_MAX_WORDS or w.not_name_start.match(name):
        return None
    end = about.end() + rest.find(name) + len(name)
    return Document(kind=kind, symbol=None, name=name, date=None, span=(p, end))


def _subject(rest: str) -> str:
    """The subject at the head of ``rest``: up to the first stop outside quotes, or a comma
    before a capitalised word (the next clause's subject: "…năm 2017, Ủy ban Kinh tế …")."""
    stops = words().subject_stop
    at = 0
    while (stop := stops.search(rest, at)) is not None:
        head = rest[: stop.start()]
        if head.count("“") > head.count("”") and (close := rest.find("”", stop.start())) > 0:
            at = close + 1  # "“việc thực hiện chính sách, pháp luật về …”" is one subject
            continue
        rest = head
        break
    for m in _COMMA_CAPITAL.finditer(rest):
        head = rest[: m.start()]
        if head.count("“") <= head.count("”") and rest[m.end()].isupper():
            return head
    return rest
