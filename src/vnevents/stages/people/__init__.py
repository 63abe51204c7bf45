"""Stage 7: named persons, their titles as printed and their role at the event.

A capitalised run that starts with a family name (``data/surnames.txt``) is a
person when a form of address, rank or degree stands before it
(``data/person_markers.tsv``) or a title stands beside it
(``data/titles.tsv``); repeated and short mentions ("ông Dũng") merge into one
person. It does not find bodies (``organizers``) or resolve places.
"""

from __future__ import annotations

import re
from functools import lru_cache

from vnevents.doc import Doc
from vnevents.patterns import UPPER
from vnevents.record import Person, Role
from vnevents.stages.people.mentions import Mention, Scan, last_end, listed
from vnevents.stages.people import roles as cues
from vnevents.stages.people.stretches import caption_spans, inside, other_event_spans
from vnevents.stages.people.words import trie
from vnevents.stages.people.names import (
    Lexicon,
    foreign_name_end,
    lexicon,
    split_run,
    strip_place,
    title_kind,
    titles_after,
    titles_before,
)

# Longest stretch of text before a name searched for its titles or cues.
LOOKBACK_CHARS = 250
# A bare name needs this many syllables: two-syllable runs ("Lầu Năm", "Hà Thành") are too often
# places, bodies or nicknames.
BARE_MIN_SYLLABLES = 3
# A stage name ("Hoa Mai", "Ngọc Trâm", "Lê Hồng Ngọc") runs 2–3 syllables.
STAGE_NAME_MAX_SYLLABLES = 3
# Longest office title before a historic figure's name ("Phó Chủ tịch Hội đồng Nhà nước " is 30).
HISTORIC_TITLE_CHARS = 40
# A place, street or school word stands this close before a name it disqualifies.
TYPE_WORD_LOOKBACK_CHARS = 30
# The longest form of address a foreign name gets, with its space ("ngài "): a cheap test before
# ``scan.marker`` checks the word boundary.
FOREIGN_ADDRESS_CHARS = 8


def _mentions(scan: Scan, lex: Lexicon) -> list[Mention]:
    body = scan.body
    found: list[Mention] = []
    for run in lex.run.finditer(body):
        text = run.group(0)
        mention = None
        if text in lex.historic:
            mention = _historic(scan, lex, run, found[-1] if found else None)
        elif " " in text and not lex.surnames.isdisjoint(text.split(" ")):
            mention = _candidate(scan, lex, run, found[-1] if found else None)
        if mention is None:
            mention = _stage_name(scan, lex, run, found[-1] if found else None)
        if mention is None and (
            text.startswith(lex.foreign_opening)
            or scan.doc.lower.endswith(
                lex.foreign_before, max(0, run.start() - FOREIGN_ADDRESS_CHARS), run.start()
            )
        ):
            mention = _foreign(scan, lex, run)
        if mention is None and text[: text.index(" ")] in lex.country_first:
            mention = _titled_foreign(scan, lex, run, found[-1] if found else None)
        if mention is not None:
            found.append(mention)
    return found


def _stage_name(
    scan: Scan, lex: Lexicon, run: re.Match[str], prev: Mention | None
) -> Mention | None:
    """An artist's stage name, often without a family name: after "ca sĩ", "NSND", "nghệ sĩ
    như" ("ca sĩ Hoa Mai"), or listed right after one ("NS Ngọc Trâm và Hải Đăng")."""
    body, start, end = scan.body, run.start(), run.end()
    marker = scan.marker(start)
    if marker is None and (prev is None or not _pen_name_kind(prev.kinds)):
        return None  # the common case: no artist's title before, no list of them going on
    words = run.group(0).split(" ")
    if (
        len(words) > STAGE_NAME_MAX_SYLLABLES
        or run.group(0) in lex.blocked
        or lex.org_head.match(body, start)
    ):
        return None
    if marker is not None:
        kind = lex.marker_kind.get(marker[1], "")
        if kind not in _PEN_NAMES:
            return None
        m_start, first = marker
    elif (
        prev is not None
        and (kind := _pen_name_kind(prev.kinds))
        and start - prev.chain_end <= STAGELIST_GAP_MAX_CHARS
        and _STAGELIST_GAP[kind].fullmatch(body, prev.chain_end, start)
    ):
        m_start, first = start, ""
    else:
        return None
    if lex.place_prefix.match(body, start) or lex.stage_not_name.match(body, start):
        return None  # "ca sĩ Hà Nội", "nghệ sĩ Việt Nam", "diễn viên Nhà hát …"
    last = end - len(words[-1])
    head = lex.head.match(scan.doc.lower, last, end + 20)
    if head is not None and head.end() > end:  # "… Ngọc Châm Giám đốc …": a caption glued on
        if len(words) <= 2:
            return None
        end = last - 1
    return Mention(body[start:end], start, end, m_start, end, [], {kind}, first)


# Marker kinds after which a name without a family name may follow (a stage or pen name).
_PEN_NAMES = ("artist", "author")
# Between stage names in a list: "Hải Đăng, NS Ngọc Trâm và Bảo Ngọc", "Thu Hằng- Văn Lộc";
# a dash after an author's name opens the body he or she writes for ("Thu Hà - Liên Chi hội …").
_STAGELIST_GAP = {
    "artist": re.compile(r"\s*(?:,|và|-|–)\s*"),
    "author": re.compile(r"\s*(?:,|và)\s*"),
}


def _pen_name_kind(kinds: set[str]) -> str:
    return next((k for k in _PEN_NAMES if k in kinds), "")


STAGELIST_GAP_MAX_CHARS = 12  # ", và " with spaces to spare: a longer gap is no list


def _historic(scan: Scan, lex: Lexicon, run: re.Match[str], prev: Mention | None) -> Mention | None:
    """A historic figure named as a person ("Chủ tịch Hồ Chí Minh", "lãnh tụ Nguyễn Ái Quốc",
    "đồng chí Trường Chinh"), not inside a movement, anniversary or place name. Addressed,
    the name may be a namesake's and is read like any other; after a title it is only mentioned."""
    body, start = scan.body, run.start()
    marker = scan.marker(start)
    if marker is not None:
        m_start = marker[0]
    else:
        window = body[max(0, start - HISTORIC_TITLE_CHARS) : start]
        head = lex.office_end.search(window.lower())
        if head is None:
            return None
        m_start = start - len(window) + head.start()
    if cues.cues().commemorative.search(
        body[max(0, m_start - TYPE_WORD_LOOKBACK_CHARS) : m_start].lower()
    ):
        return None  # "kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh", "tượng đài Tổng Bí thư …"
    if marker is not None:
        mention = _candidate(scan, lex, run, prev)
        if mention is not None:
            return mention
    title = [] if marker is not None else [body[m_start:start].strip()]
    return Mention(run.group(0), start, run.end(), m_start, run.end(), title, {"historic"})


def _foreign(scan: Scan, lex: Lexicon, run: re.Match[str]) -> Mention | None:
    """A name outside the family-name list ("bà Victoria Kwakwa, Giám đốc …"): taken only
    after "ông", "bà" or "ngài" and only when a title follows it."""
    body = scan.body
    start, first = run.start(), ""
    word = run.group(0).split(" ", 1)[0]
    if word.lower() in lex.foreign_address:
        start, first = start + len(word) + 1, word.lower()
    else:
        marker = scan.marker(start)
        first = marker[1] if marker else ""
        if first not in lex.foreign_address:
            return None
    end = foreign_name_end(body, run.end())
    name = body[start:end]
    if " " not in name or name in lex.blocked or lex.place_prefix.match(name + " "):
        return None
    after, chain_end = titles_after(lex, body, end, scan.segments)
    if not after or lex.org_head.match(after[0]):
        return None
    m_start = start - len(first) - 1
    return Mention(name, start, end, m_start, max(chain_end, end), after, {"address"}, first)


# A foreign name: capitalised syllables, hyphenated ones included ("Esteban Lazo Hernández",
# "Thoong-lun Xi-xu-lít"), two to four of them.
_FOREIGN_RUN = re.compile(
    rf"[{UPPER}][\w'’]*(?:-[\w'’]+)*(?: [{UPPER}][\w'’]*(?:-[\w'’]+)*){{1,3}}(?![\w'’-])"
)


def _titled_foreign(
    scan: Scan, lex: Lexicon, run: re.Match[str], prev: Mention | None
) -> Mention | None:
    """A foreign name after an office title and its country ("Chủ tịch Quốc hội Cuba Esteban
    Lazo", "Thủ tướng Lào Thoong-lun Xi-xu-lít"), opening with no Vietnamese family name."""
    body = scan.body
    country = lex.country_prefix.match(body, run.start())
    if country is None:
        return None
    name_run = _FOREIGN_RUN.match(body, country.end())
    if name_run is None:
        return None
    name = name_run.group(0)
    if (
        name.split(" ", 1)[0] in lex.surnames
        or name in lex.blocked
        or lex.country_prefix.match(name + " ")
    ):
        # a Vietnamese name is read by ``_candidate``; "Lào Campuchia": a list of countries
        return None
    lo = max(run.start() - LOOKBACK_CHARS, prev.chain_end if prev else 0)
    clause_lo = last_end(scan.clauses, lo, run.start())
    before, b_start = titles_before(lex, body[clause_lo : run.start()])
    if not before or title_kind(lex, before[-1]) != "office":
        return None
    before[-1] += " " + country.group(0).strip()
    start, end = name_run.span()
    after, chain_end = titles_after(lex, body, end, scan.segments)
    return Mention(
        name, start, end, clause_lo + b_start, max(chain_end, end), before + after, {"foreign"}
    )


def _candidate(
    scan: Scan, lex: Lexicon, run: re.Match[str], prev: Mention | None
) -> Mention | None:
    """The person a capitalised run names, with titles and chain, or None."""
    body = scan.body
    words = run.group(0).split(" ")
    lo = max(0, run.start() - LOOKBACK_CHARS)
    r_start = run.start()
    marker = scan.marker(r_start)
    m_start, first = marker if marker else (r_start, "")
    if (
        words[0].lower() in lex.single_markers and len(words) > 2
    ):  # "Ông Nguyễn Văn A" opening a sentence
        first, m_start = words[0].lower(), m_start if marker else r_start
        r_start, words = r_start + len(words[0]) + 1, words[1:]
    cut = 0 if first else strip_place(lex, " ".join(words))
    words = body[r_start + cut : run.end()].split(" ")
    i = split_run(lex, words, bool(first) and cut == 0)
    if i is None:
        return None
    start = r_start + cut + sum(len(w) + 1 for w in words[:i])
    if start != r_start:
        first, m_start = "", start
    end = run.end()
    tail = _HYPHEN_TAIL.match(body, end)
    if tail is not None:
        end = tail.end()  # "Kim Jong-un": a romanised given name goes on after the hyphen
    name = body[start:end]
    kinds = {lex.marker_kind.get(first, "address")} if first else set()
    if name in lex.blocked and not kinds & {"address", "rank"}:
        return None  # "Hồ Chí Minh", "Lê Lợi": a place or a historic name
    near = max(0, start - TYPE_WORD_LOOKBACK_CHARS)
    if lex.not_person_before.search(body, near, start) or (
        lex.commune_before.search(body, near, start) and len(words) - i < 3
    ):
        return None  # "đường Nguyễn Huệ", "Trường THPT Lê Lợi", "xã Hoàng Liên"
    last = run.end() - len(words[-1])
    head = lex.head.match(scan.doc.lower, last, run.end() + 20)
    if head is not None and body[last].isupper() and head.end() > run.end():
        return None  # "Đoàn Chủ tịch": the last syllable opens a title
    if tail is None and lex.body_word.match(body, last):
        return None  # "Khoa Tiết Niệu Bệnh viện …": the last syllable opens a body's name
    clause_lo = last_end(scan.clauses, max(lo, prev.chain_end if prev else 0), m_start)
    before, b_start = titles_before(lex, body[clause_lo:m_start])
    after, chain_end = titles_after(lex, body, end, scan.segments)
    chain_start = min(m_start, clause_lo + b_start) if before else m_start
    in_list = prev is not None and listed(body, prev.chain_end, chain_start)
    if not (
        first
        or (before and chain_start < start)
        or (after and not lex.org_head.match(after[0]))
        or in_list
        or (start == run.start() and _bare_subject(body, start, end, len(words) - i))
    ):
        return None
    if in_list and not first and prev is not None:
        kinds |= prev.kinds  # "Em Lý Minh Khoa, Đào Văn Sơn, …"
    if all(_title_kind(t) in {"occupation", "minor", "body"} for t in before + after) and (
        before + after or first in {"anh", "chị"}
    ):
        kinds.add("commoner")
    return Mention(name, start, end, chain_start, max(chain_end, end), before + after, kinds, first)


@lru_cache(maxsize=4096)
def _title_kind(title: str) -> str:
    return title_kind(lexicon(), title)  # titles recur from report to report: read each once


# A romanised given name after a hyphen: "Kim Jong-un", "Chu Mi-ae".
_HYPHEN_TAIL = re.compile(r"-[a-z]{1,6}(?![\w-])")


def _bare_subject(body: str, start: int, end: int, syllables: int) -> bool:
    """Is a name printed with no title or form of address the subject of a speech verb
    ("Trần Văn A cho biết") or the agent of a lead ("do Trần Văn A dẫn đầu")?"""
    if syllables < BARE_MIN_SYLLABLES:
        return False
    if cues.cues().bare_speaker_after.match(body, end):
        return True
    return (
        body[max(0, start - 3) : start] == "do "
        and cues.cues().agent_after.match(body, end) is not None
    )


def _repeats(scan: Scan, lex: Lexicon, found: list[Mention]) -> list[Mention]:
    """Bare repeats of accepted names and short mentions after a form of address."""
    body = scan.body
    taken = bytearray(len(body))  # 1 where a mention's name stands: one look-up per occurrence
    for m in found:
        taken[m.start : m.end] = b"\1" * (m.end - m.start)
    names = list(
        dict.fromkeys(m.name for m in found)
    )  # in order of mention: the same in every process
    extra: list[Mention] = []
    places = _occurrences(body, names)
    for name in names:
        for pos in places[name]:
            if not taken[pos]:
                after, end = titles_after(lex, body, pos + len(name), scan.segments)
                extra.append(
                    Mention(
                        name, pos, pos + len(name), pos, max(end, pos + len(name)), after, set()
                    )
                )
                taken[pos : pos + len(name)] = b"\1" * len(name)
    by_last: dict[str, list[str]] = {}
    for n in sorted(names):
        by_last.setdefault(n.split()[-1], []).append(n)
    unique = {
        last: full[0] for last, full in by_last.items() if len(full) == 1
    }  # "ông Dũng" with two Dũng: unknown
    places = _occurrences(body, list(unique))
    for last, full in unique.items():
        for pos in places[last]:
            marker = scan.marker(pos)
            end = pos + len(last)
            if marker is not None and not body[end : end + 2].strip().istitle() and not taken[pos]:
                extra.append(Mention(full, pos, end, marker[0], end, [], set()))
    return sorted(found + extra, key=lambda x: x.start)


# Up to this many distinct words, each is looked for with ``str.find`` (a few fast passes);
# beyond, one pattern of them all scans the body once (compiling it costs about 1 ms).
FIND_MAX_WORDS = 24


def _occurrences(body: str, words: list[str]) -> dict[str, list[int]]:
    """Where each of ``words`` stands as a whole word in ``body``."""
    found: dict[str, list[int]] = {w: [] for w in words}
    if len(words) > FIND_MAX_WORDS:
        pattern = re.compile(rf"(?<![^\W_])(?:{trie(sorted(words))})(?![^\W_])")
        for m in pattern.finditer(body):
            found[m.group(0)].append(m.start())
        return found
    for word in words:
        pos = body.find(word)
        while pos >= 0:
            end = pos + len(word)
            if (pos == 0 or not body[pos - 1].isalnum()) and (
                end == len(body) or not body[end].isalnum()
            ):
                found[word].append(pos)
            pos = body.find(word, end)
    return found


def find(doc: Doc) -> list[Person]:
    """Every named person in the cleaned body, merged per name, each with the span of
    its first mention.

    Args:
        doc: the analysed document (title and lead decide commendation and appointment cues).

    Returns:
        One ``Person`` per name, in order of first mention.
    """
    lex = lexicon()
    scan = Scan(doc, lex)
    found = _mentions(scan, lex)
    if not found:
        return []
    mentions = _repeats(scan, lex, found)
    captions = caption_spans(doc)
    if captions:  # a name printed in a caption counts only where the body prints it too
        mentions = [m for m in mentions if not inside(captions, m.start)]
    cues.assign_roles(scan, doc, mentions)
    elsewhere = other_event_spans(doc) if any(m.roles for m in mentions) else []
    if elsewhere:  # at another event than the report's, people only attend
        for m in mentions:
            if inside(elsewhere, m.start):
                m.roles.clear()
    names = {m.name for m in mentions}
    for m in mentions:  # "Vũ Đình Hòa Ngành giáo dục…": a caption glued to the next sentence
        short = m.name.rsplit(" ", 1)[0]
        if short in names:
            m.name, m.end = short, m.start + len(short)
    people: dict[str, tuple[Mention, list[str], Role]] = {}
    historic = {m.name for m in found if "historic" in m.kinds}
    for m in mentions:
        # a historic figure quoted ("Bác đã dạy") is only mentioned
        role = (
            Role.DU
            if m.name in historic
            else max(m.roles or {Role.DU}, key=cues.PRECEDENCE.__getitem__)
        )
        if m.name not in people:
            people[m.name] = (m, m.titles, role)
            continue
        first, titles, best = people[m.name]
        if (
            len(m.titles) > len(titles) and m.name not in historic
        ):  # "Tượng đài … (Trung tâm huyện …)"
            titles = m.titles
        people[m.name] = (first, titles, max(best, role, key=cues.PRECEDENCE.__getitem__))
    return [
        Person(name=n, titles=tuple(t), role=r, span=(f.start, f.end))
        for n, (f, t, r) in people.items()
    ]
