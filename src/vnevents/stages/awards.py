"""Stage 10: awards handed out at the event — kind, issuer, collectives and individuals.

Reads clauses such as "Chủ tịch UBND tỉnh tặng Bằng khen cho 09 tập thể, 11 cá
nhân" or "13 tập thể … được nhận giấy khen của Ban Chỉ đạo". Awards received in
the past, proposed or merely named ("đạt danh hiệu …") are left out. It does
not read documents or figures.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from vnevents.data import load_tsv
from vnevents.patterns import NUMBER, parse_number
from vnevents.doc import Doc
from vnevents.record import Award, fold

log = logging.getLogger(__name__)

# How far before an award kind its verb may stand ("đã trao tặng Bằng khen").
VERB_LOOKBACK = 120
# Longest named award, in words after its kind word ("Anh hùng lực lượng vũ trang nhân dân thời kỳ đổi mới" is 12; "Huân chương Lao động hạng
# Nhất" is 4); longer runs are sentences. Set on the corpus' public_sector articles.
NAME_MAX_WORDS = 14
# A year this much older than the event's marks an award received in the past
# ("Huân chương … năm 1965"); the year before the event is still this award's
# period ("Cờ thi đua năm 2016" handed out in 2017).
PAST_YEARS = 2
# Longest issuer read from a clause's subject (words); the seeds' longest Ban Chỉ
# đạo names run to 26. Longer subjects are sentences.
ISSUER_MAX_WORDS = 32

# Cheap substring test on the lower-cased body before any regex runs.
_STEMS = ("khen", "chương", "huy hiệu", "danh hiệu", "cờ thi đua")
_CLAUSE_END = ".!?\n;"
# A sentence; a full stop inside a number ("1.782") does not end it.
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=\d))+(?:[.!?]|$)", re.MULTILINE)
# Verbs that hand an award over or receive it at the event.
_VERB = re.compile(
    r"(?<!\w)(?:trao tặng|trao|tặng thưởng|tặng|truy tặng|phong tặng|đón nhận|(?<!công )nhận|gắn"
    r"|khen thưởng)(?!\w)",
    re.IGNORECASE,
)
# Markers of an award received before the event, or one only proposed.
_NOT_NOW = re.compile(
    r"(?<!\w)(?:từng|nhiều năm|liên tục|liền|trước đó|đề nghị|đề xuất|xét tặng|sẽ|trình|đạt|giữ vững"
    r"|xứng đáng|trong năm qua|thời gian qua|những năm qua|nhiệm kỳ qua|giai đoạn|đến nay|tính đến"
    r"|hàng ngàn|hàng nghìn|hàng trăm|hàng chục|ký quyết định)(?!\w)",
    re.IGNORECASE,
)
_PLURAL_BEFORE = re.compile(r"(?:nhiều|các|những|huân,|huy,|Bằng|phát)\s+$", re.IGNORECASE)
# A receiving verb after an award opens the next award's clause ("… và 7 nhà báo nhận Bằng khen").
_RECEIVE = re.compile(r"\s(?:được|nhận|đón nhận)(?!\w)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_RANK = re.compile(r"^(?:(?!hạng)\S+\s+){1,5}?hạng\s+(?:Nhất|Nhì|Ba|nhất|nhì|ba)(?!\w)")
_QUOTED = re.compile(r"^\s*(?:vinh dự\s+(?:Nhà nước\s+)?)?[\"“'‘]([^\"”'’]{2,80})[\"”'’]")
# Where an award's name stops.
_NAME_STOP = re.compile(
    r"[,;:.()\"“”\n]|\s[-–]\s|\s(?:cho|tặng|trao|của|và|lên|năm|lần|vì|do|kèm|đã|được|tới|đến|nhằm"
    r"|tại|thuộc|để|với|là|này|đợt|trong|trang trọng|nhân dịp|dịp|về|cao quý|trên"
    r"|TP\.?|tỉnh|thành phố|huyện|quận|thị xã|phường)(?=\s|[,.;]|$)"  # e.g. Anh hùng LLVTND | TP Hải Phòng
)
# Verbs inside a would-be name show a sentence, not a title ("danh hiệu X trở thành Y").
_NAME_VERB = re.compile(r"\s(?:trở thành|công nhận|đạt|giành|nhận)(?!\w)")
_OF_ISSUER = re.compile(
    r"^\s+của\s+(?P<issuer>[A-ZĐÂ][^,;.()\n]{1,90}?)"
    r"(?=\s*[,;.()\n]|\s+(?:cho|tặng|trao|vì|đã|do|kèm|về|đến|tới|và\s+[a-zđ])(?!\w)|$)"
)
_AUTHORISED = re.compile(r"[Tt]hừa\s+(?:ủy\s+)?quyền\s+(?:của\s+)?(?P<issuer>[^,;.]{2,60}?)\s*,")
_LEADING = re.compile(
    r"^(?:\s*(?:Nhân dịp này|Dịp này|Nhân dịp|Đồng thời|Ngoài ra|Tại (?:buổi lễ|hội nghị|lễ)[^,]*"
    r"|Cũng tại (?:buổi lễ|hội nghị)[^,]*|Thay mặt [^,]*|Trong dịp này)\s*,\s*)+"
)
_SUBJECT_TAIL = re.compile(r"\s+(?:đã|cũng|trân trọng|long trọng|vinh dự|quyết định|đã quyết định)\s*$")
# "cho 09 tập thể", "13 cá nhân": a count and its noun.
_COUNT = re.compile(rf"(?<![\d.,])(?<!lớp )(?<!số )(?P<n>{NUMBER})\s+(?P<noun>[^\d;.()]{{1,30}})")
# The recipients' list ends where their names or details begin.
_RECIPIENTS_END = re.compile(r"[:(]|\s(?:gồm|trong đó|là)(?!\w)")
_TO = re.compile(r"^\s*(?:cho|tặng|và\s+(?:tuyên dương|biểu dương))\s+")
_SINGLE_PERSON = re.compile(
    r"^\s*(?:cho|tặng|và\s+(?:tuyên dương|biểu dương))\s+(?:cá nhân\s+)?(?:nguyên\s+)?(?:"
    r"(?:em|cô|cậu|cháu|bé)\s+(?:học trò|học sinh|nữ sinh|nam sinh|sinh viên|thiếu niên|đội viên)"
    r"(?!\w)(?!\s*(?:,|và)\s*\w+\s+(?:học|sinh|em))"  # e.g. cho cô học trò (one, not a list)
    r"|(?:đồng chí|ông|bà|em|anh|chị|đảng viên|cháu|học sinh|mẹ|PGS|GS|TS|ThS|BS|Bác sĩ|Nhà giáo"
    r"|Đại tá|Thượng tá|Trung tá|Thiếu tá|Đại úy|Thiếu tướng|Trung tướng|Thượng tướng|Đại tướng"
    r"|Phó Thủ tướng|Thủ tướng|Bộ trưởng|Thứ trưởng|Chủ tịch|Bí thư)[\s,.][^,;]{0,20}?[A-ZĐ])"  # e.g. cho em Nguyễn Văn A
)
# Passive "được Nhà nước tặng …" without a count tells a unit's history, unless
# the clause places it at the event ("đợt này", "tại buổi lễ").
_PASSIVE_GIVE = re.compile(
    r"(?<!\w)được\s+(?:[^;]{0,60}?\s)?(?:trao tặng|tặng thưởng|tặng|phong tặng|truy tặng|trao)"  # e.g. được Đảng, Nhà nước phong tặng
    r"(?:\s+(?:hai|ba|bốn|các|những|\d{1,2}))?\s+$"  # e.g. được phong tặng hai danh hiệu
)
_AT_EVENT = re.compile(r"(?<!\w)(?:dịp này|đợt này|lần này|tại buổi lễ|tại hội nghị|tại lễ|nhân dịp)(?!\w)",
                       re.IGNORECASE)
# Counts before an award belong to it only when they stand close ("13 tập thể, 13 cá
# nhân được nhận giấy khen"); farther back they count something else.
BEFORE_COUNT_CHARS = 60


@dataclass(frozen=True)
class _Lexicon:
    kinds: re.Pattern[str]
    form: dict[str, str]  # lower-cased kind → plain | named
    holder: dict[str, str]  # lower-cased kind → any | individual | collective
    canon: dict[str, str]
    nouns: tuple[tuple[str, str], ...]  # (lower-cased noun, holder), longest first


@cache
def _lexicon() -> _Lexicon:
    rows = load_tsv("award_kinds.tsv")
    alternation = "|".join(re.escape(r[0]) for r in sorted(rows, key=lambda r: -len(r[0])))
    nouns = tuple(sorted(((r[0].lower(), r[1]) for r in load_tsv("award_recipients.tsv")),
                         key=lambda x: -len(x[0])))
    return _Lexicon(
        kinds=re.compile(rf"(?<!\w)(?P<kind>{alternation})(?!\w)", re.IGNORECASE),
        form={r[0].lower(): r[1] for r in rows},
        holder={r[0].lower(): r[2] for r in rows},
        canon={r[0].lower(): r[0] for r in rows},
        nouns=nouns,
    )


def _ref_year(doc: Doc) -> int | None:
    """The year awards are dated against: the report's, else the latest the body prints."""
    if (year := doc.reference_year) is not None:
        return year
    years = [int(y) for y in _YEAR.findall(doc.body)]
    return max(years) if years else None


def _name(kind: str, after: str) -> tuple[str, int] | None:
    """The award's full kind and the length of ``after`` it used, or None."""
    if _lexicon().form[kind.lower()] == "plain":
        return kind, 0
    if (q := _QUOTED.match(after)):
        return f"{kind} {q.group(1).strip()}", q.end()
    if (r := _RANK.match(after.lstrip())):
        offset = len(after) - len(after.lstrip())
        return f"{kind} {r.group(0).strip()}", offset + r.end()
    stop = _NAME_STOP.search(after)
    text = after[: stop.start()] if stop else after
    words = text.split()
    if kind == "Huy hiệu" and re.match(r"\s*\d+\s+năm\s+tuổi\s+Đảng", after):
        m = re.match(r"\s*\d+\s+năm\s+tuổi\s+Đảng", after)
        return f"{kind} {m.group(0).strip()}", m.end()  # type: ignore[union-attr]
    if not words:
        return (kind, 0) if kind != "Danh hiệu" else None
    if len(words) > NAME_MAX_WORDS or not words[0][:1].isupper() or _NAME_VERB.search(text):
        # "danh hiệu thi đua", "huy chương các loại": generic, not a named award
        return None if kind in ("Danh hiệu", "Huy chương") else (kind, 0)
    return f"{kind} {' '.join(words)}", len(text.rstrip())


def _counts(text: str) -> tuple[int | None, int | None]:
    """(collectives, individuals) counted in ``text``; the first of each wins."""
    lex = _lexicon()
    coll = indiv = None
    for m in _COUNT.finditer(text):
        noun = m["noun"].lower().strip()
        value = parse_number(m["n"])
        if not isinstance(value, int):
            continue
        for key, holder in lex.nouns:
            if holder == "unit":
                continue
            if noun.startswith(key) and (len(noun) == len(key) or not noun[len(key)].isalnum()):
                # "12 tập thể và cá nhân", "133 tổ chức, cá nhân": one joint count, no split.
                if re.match(rf"{re.escape(key)}\s*(?:,|và)\s*(?:cá nhân|tập thể)(?!\w)", noun):
                    break
                if holder == "collective" and coll is None:
                    coll = value
                elif holder == "individual" and indiv is None:
                    indiv = value
                break
    return coll, indiv


def _count_end(m: re.Match[str]) -> int:
    """Where a count's noun ends: its first two words ("10 cá nhân", not "10 cá nhân có thành…")."""
    head = _NOUN_HEAD.match(m["noun"])
    return m.start("noun") + (head.end() if head else 0)


_NOUN_HEAD = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)?")


def _single(after: str) -> tuple[int | None, int | None]:
    """(1, None) for one named unit after "cho"/"tặng", (None, 1) for one named person."""
    if (of := _OF_ISSUER.match(after)):
        after = after[of.end():]  # "Cờ thi đua của Chính phủ cho Cục …": the receiver follows the issuer
    to = _TO.match(after)
    if to is None:
        return None, None
    rest = after[to.end():]
    if _SINGLE_PERSON.match(after):
        return None, 1
    head = rest[:40].lower()
    for key, holder in _lexicon().nouns:
        if holder == "unit" and head.startswith(key + " ") and not head.startswith("tập thể và"):
            # "cho Bệnh viện …", "tặng tập thể Trường …"; "cho các …" never gets here.
            return 1, None
    return None, None


def _issuer(clause: str, kind_start: int, name_end: int) -> str | None:
    if (m := _OF_ISSUER.match(clause[name_end:])):
        return m["issuer"].strip()
    if (m := _AUTHORISED.search(clause, 0, kind_start)):
        return m["issuer"].strip()
    head = clause[:kind_start]
    verb = None
    for v in _VERB.finditer(head):
        verb = v
    if verb is None or fold(verb.group(0)).endswith("nhan"):
        return None  # the receiver is the subject of "nhận": no issuer there
    subject = _LEADING.sub("", head[: verb.start()]).strip()
    subject = _SUBJECT_TAIL.sub("", subject).strip(" ,")
    # "Trong số 244 …, Tổng LĐLĐVN đã tặng": the subject is the last part that
    # opens with a capital; lower-case parts belong to a long name.
    parts = subject.split(", ")
    first = max((i for i, p in enumerate(parts) if p[:1].isupper()), default=0)
    subject = ", ".join(parts[first:])
    if not subject or len(subject.split()) > ISSUER_MAX_WORDS or not subject[:1].isupper():
        return None
    return subject


def _last_give(before: str) -> int | None:
    """Where the recipient starts after the last giving verb in ``before``, if any."""
    last = None
    for v in re.finditer(r"(?<!\w)(?:trao tặng|tặng|truy tặng)\s+", before):
        last = v.end()
    return last


def _clause_at(body: str, pos: int) -> tuple[int, int]:
    """The clause around ``pos``: bounded by ".!?", a line end or ";" (not "1.782")."""
    start = 0
    for c in _CLAUSE_END:
        j = body.rfind(c, 0, pos)
        while c == "." and j >= 0 and body[j + 1:j + 2].isdigit():
            j = body.rfind(c, 0, j)
        start = max(start, j + 1)
    end = len(body)
    for c in _CLAUSE_END:
        j = body.find(c, pos)
        while c == "." and j >= 0 and body[j + 1:j + 2].isdigit():
            j = body.find(c, j + 1)
        if j >= 0:
            end = min(end, j + 1)
    return start, end


def _in_clause(clause_start: int, clause: str, ref: Callable[[], int | None]) -> list[Award]:
    lex = _lexicon()
    mentions = list(lex.kinds.finditer(clause))
    found: list[Award] = []
    prev_end = 0
    for i, m in enumerate(mentions):
        kind = lex.canon[m["kind"].lower()]
        named = _name(kind, clause[m.end():])
        if named is None:
            continue
        full, used = named
        name_end = m.end() + used
        if used == 0 and re.match(r"\s+(?:quả|cao quý|này|đó)(?!\w)", clause[name_end:]):
            continue  # "phát huy hiệu quả", "Huy hiệu cao quý này": not a handing-over
        next_start = mentions[i + 1].start() if i + 1 < len(mentions) else len(clause)
        before = clause[max(prev_end, m.start() - VERB_LOOKBACK):m.start()]
        after = clause[name_end:next_start]
        if i + 1 < len(mentions) and _RECEIVE.search(after):
            after = ""  # the words up to the next award are its receivers
        if (cut := _RECIPIENTS_END.search(after)):
            after = after[: cut.start()]
        prev_end = name_end
        if _PLURAL_BEFORE.search(clause[:m.start()]):
            continue  # "nhiều Huân chương", "các danh hiệu": a record of the past
        verb_before = _VERB.search(before)
        verb_after = re.match(r"^(?:\s+của\s+[^,;]{1,80}?)?\s+(?:trao tặng|trao|tặng)(?!\w)", after)
        if not (verb_before or verb_after):
            continue
        if _NOT_NOW.search(before) or _NOT_NOW.search(after[:40]):
            continue
        years = _YEAR.findall(before + clause[m.end():name_end + 40])
        if years and (r := ref()) is not None and any(int(y) <= r - PAST_YEARS for y in years):
            continue
        if kind == "Huy chương" and re.match(r"\s+(?:vàng|bạc|đồng)(?!\w)", clause[m.end():], re.I):
            continue  # a contest's medal, not a state award
        coll, indiv = _counts(after)
        if coll is None and indiv is None:
            coll, indiv = _counts(before[-BEFORE_COUNT_CHARS:])
            # "trao 5 Kỷ niệm chương … tặng …": the number of awards handed out
            if (n := re.search(r"(?<![\d.,])(\d{1,4})\s+$", clause[:m.start()])):
                if lex.holder[kind.lower()] == "individual" or re.search(r"cá nhân", after):
                    indiv = int(n.group(1))
        if coll is None and indiv is None and _PASSIVE_GIVE.search(before) and not _AT_EVENT.search(clause):
            continue  # "đã được Nhà nước tặng Huân chương …": the unit's record
        if coll is None and indiv is None:
            coll, indiv = _single(after)
            if coll is None and indiv is None and (v := _last_give(before)):
                coll, indiv = _single(" cho " + before[v:])  # "trao tặng Học viện X Huân chương"
            if coll is None and indiv is None and re.search(r"(?:đón nhận|gắn)\s+$", before):
                coll = 1  # the host unit receives it: "đón nhận Huân chương …"
        span_start = m.start()
        span_end = name_end
        for c in _COUNT.finditer(after):
            span_end = name_end + _count_end(c)
        if (coll is not None or indiv is not None) and span_end == name_end:
            for c in _COUNT.finditer(before):
                span_start = min(span_start, m.start() - len(before) + c.start())
        found.append(Award(
            kind=full[:1].upper() + full[1:],
            issuer=_issuer(clause, m.start(), name_end),
            collectives=coll,
            individuals=indiv,
            span=(clause_start + span_start, clause_start + span_end),
        ))
    return found


def _merge(awards: list[Award]) -> list[Award]:
    """One entry per (kind, issuer); an entry without counts or issuer joins a richer one."""
    out: list[Award] = []
    for a in awards:
        k = fold(a.kind)
        same = next((o for o in out if fold(o.kind) == k and (
            a.issuer is None or o.issuer is None or fold(a.issuer) == fold(o.issuer))
            and (a.collectives is None and a.individuals is None
                 or o.collectives is None and o.individuals is None
                 or (a.collectives, a.individuals) == (o.collectives, o.individuals))), None)
        if same is None:
            out.append(a)
            continue
        richer = same
        if same.collectives is None and same.individuals is None:
            richer = replace(same, collectives=a.collectives, individuals=a.individuals,
                             span=a.span if (a.collectives or a.individuals) else same.span)
        if richer.issuer is None and a.issuer is not None:
            richer = replace(richer, issuer=a.issuer)
        out[out.index(same)] = richer
    # A kind without counts next to the same kind with counts is that award again;
    # so is a shorter name of another award ("Huân chương" beside "Huân chương
    # Bảo vệ Tổ quốc", "Huy hiệu Đảng" beside "Huy hiệu 50 năm tuổi Đảng").
    counted = {fold(a.kind) for a in out if a.collectives is not None or a.individuals is not None}
    words = [set(fold(a.kind).split()) for a in out]
    return [a for i, a in enumerate(out) if a.collectives is not None or a.individuals is not None
            or (fold(a.kind) not in counted
                and not any(j != i and words[i] < words[j] and fold(b.kind).startswith(_kind_word(a.kind))
                            for j, b in enumerate(out)))]


def _kind_word(kind: str) -> str:
    """The lexicon's kind word an award's kind opens with ("huân chương" for "Huân chương Lao động …")."""
    folded = fold(kind)
    return next((k for k in map(fold, _lexicon().canon.values()) if folded.startswith(k)), folded)


def find(doc: Doc) -> list[Award]:
    """Every award handed out at the event, one per (kind, issuer).

    Args:
        doc: the analysed document (the event or publication date dates awards received
            in the past).

    Returns:
        Awards in order of first mention; each span covers the kind and its counts.
    """
    body, low = doc.body, doc.lower
    hits: list[int] = []
    for stem in _STEMS:  # str.find is far cheaper than a regex over the whole body
        i = low.find(stem)
        while i >= 0:
            hits.append(i)
            i = low.find(stem, i + 1)
    if not hits:
        return []
    ref = cache(lambda: _ref_year(doc))  # read the body's years only when needed
    found: list[Award] = []
    done: set[int] = set()
    for pos in sorted(hits):
        start, end = _clause_at(body, pos)
        if start in done:
            continue  # this clause is read already
        done.add(start)
        found.extend(_in_clause(start, body[start:end], ref))
    return _merge(found)
