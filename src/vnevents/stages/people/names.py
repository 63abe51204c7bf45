"""Names and titles for the people stage: the lexicon, and titles read around a name.

Builds the patterns from ``data/surnames.txt``, ``data/titles.tsv``,
``data/person_markers.tsv`` and the place and historic-name lists once per
process, and reads the titles printed before and after a name ("Phó Chủ tịch
UBND tỉnh Nguyễn Văn A", "Nguyễn Văn A, Giám đốc Sở Y tế"). It does not decide
who is a person or what role they play (``people``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vnevents.data import load_lines, load_tsv
from vnevents.patterns import LOWER, UPPER
from vnevents.stages.people.words import WORD_END, WORD_START, alternation, entries, trie

# Names run 2–4 syllables; after a form of address up to 6 ("Đinh Thị Ngọc Lan Ê Ban").
MIN_SYLLABLES, MAX_SYLLABLES, MAX_SYLLABLES_ADDRESSED = 2, 4, 6
# One title segment runs at most this far (the full title of a National Assembly
# committee's chair runs to about 70); a chain of titles after a name starts within
# CHAIN_MAX_CHARS of it and has at
# most CHAIN_MAX_SEGMENTS comma-separated segments (the longest in the seeds and dev sets is 260
# characters, four titles, seven segments). They bound the work per name.
SEGMENT_MAX_CHARS, CHAIN_MAX_CHARS, CHAIN_MAX_SEGMENTS = 300, 600, 10
# Continuation segments ("Giáo dục", "Thanh niên") of a long committee name in a
# title before a name: at most this many words each.
CONTINUATION_MAX_WORDS = 8

# The word lists around names (kinds: see the file's header).
CONTEXTS = "name_contexts.tsv"


@dataclass(frozen=True)
class Lexicon:
    run: re.Pattern[str]
    marker_before: re.Pattern[str]
    marker_start: re.Pattern[str]
    marker_words: frozenset[tuple[str, ...]]
    marker_last: frozenset[str]
    marker_first: frozenset[str]
    marker_lengths: dict[
        str, tuple[int, ...]
    ]  # by last word: the markers' lengths in words, longest first
    head: re.Pattern[str]
    occupation: frozenset[str]
    occupation_first: tuple[str, ...]  # first words of the lower-case occupation heads
    head_kind: dict[str, str]
    single_markers: frozenset[str]
    marker_kind: dict[str, str]
    surnames: frozenset[str]
    blocked: frozenset[str]
    historic: frozenset[str]
    office_end: re.Pattern[str]
    place_prefix: re.Pattern[str]
    stop: re.Pattern[str]  # a word that ends a title
    title_end: re.Pattern[str]  # where a title segment after a name may end
    head_lead_in: re.Pattern[str]  # what may precede a title that does not open its segment
    org_head: re.Pattern[str]  # a body standing in for a title
    not_person_before: re.Pattern[str]  # a street, school, award… right before a name
    commune_before: re.Pattern[str]  # a commune-level unit right before a name
    body_word: re.Pattern[str]  # a capitalised syllable glued to a body word
    stage_not_name: re.Pattern[str]  # no stage name after an artist's title
    foreign_address: frozenset[str]  # "ông", "bà", "ngài"
    foreign_opening: tuple[str, ...]  # "Ông ", "Bà ", "Ngài ": opening a run
    foreign_before: tuple[str, ...]  # "ông ", "bà ", "ngài ": right before a run
    country_prefix: re.Pattern[str]  # a foreign country opening a run: "Cuba …", "Lào …"
    country_first: frozenset[str]  # their first syllables: a cheap test before the pattern


@cache
def lexicon() -> Lexicon:
    up, low = UPPER, LOWER
    syl = rf"[{up}](?:['’][{up}])?[{low}]*"
    markers = {m.lower(): k for m, k in load_tsv("person_markers.tsv")}
    mk = trie(list(markers))
    heads = load_tsv("titles.tsv")
    not_names = load_lines("surname_places.txt") + load_lines("not_person_names.txt")
    places = tuple(sorted(not_names, key=len, reverse=True))
    historic = frozenset(load_lines("historic_names.txt"))
    office = [h.lower() for h, k in heads if k == "office"]
    address = entries(CONTEXTS, "foreign_address")
    stop_words = WORD_START + alternation(CONTEXTS, "title_stop") + WORD_END
    return Lexicon(
        # a capitalised run of two or more syllables: "Nguyễn Văn A", "Hà Nội Đỗ Văn Khánh"
        # (opening with the bare character class lets re skip ahead fast; the word
        # boundary is checked by the lookbehind after the first letter)
        run=re.compile(rf"[{up}](?<![\w&'’].)(?:['’][{up}])?[{low}]*(?: {syl})+(?![\w&'’])"),
        # markers right before a name: "đồng chí ", "PGS.TS ", "Thạc sĩ, Dược sĩ "
        marker_before=re.compile(
            rf"(?<![\w])(?P<m>(?:{mk})(?:\s*[.,\-–]?\s*(?:{mk}))*)\.?\s*:?\s*$", re.IGNORECASE
        ),
        marker_start=re.compile(rf"(?:{mk})(?![\w])", re.IGNORECASE),
        marker_words=frozenset(tuple(m.split()) for m in markers),
        marker_last=frozenset(m.split()[-1] for m in markers),
        marker_first=frozenset(m.split()[0] for m in markers),
        marker_lengths={
            last: tuple(
                sorted({len(m.split()) for m in markers if m.split()[-1] == last}, reverse=True)
            )
            for last in {m.split()[-1] for m in markers}
        },
        # matched against lower-cased text: faster than re.IGNORECASE on Vietnamese
        head=re.compile(
            rf"(?<![\w])(?:nguyên\s+)?(?:{trie([h.lower() for h, _ in heads])})(?![\w])"
        ),
        occupation=frozenset(h.lower() for h, k in heads if k == "occupation"),
        occupation_first=tuple({h.lower().split()[0] for h, k in heads if k == "occupation"}),
        head_kind={" ".join(h.lower().split()): k for h, k in heads},
        single_markers=frozenset(m for m in markers if " " not in m),
        marker_kind=markers,
        surnames=frozenset(load_lines("surnames.txt")),
        blocked=historic | frozenset(places),
        historic=historic,
        # an office title ending right before a name, in lower-cased text: "chủ tịch ",
        # "nguyên tổng bí thư "
        office_end=re.compile(rf"(?<![\w])(?:nguyên\s+)?(?:{trie(office)})\s+$"),
        place_prefix=re.compile("(?:" + "|".join(map(re.escape, places)) + ") "),
        stop=re.compile(stop_words),
        # punctuation, a closing dash, "và" (checked by ``_segment_end``), a stop word
        title_end=re.compile(
            rf"[,;:!?()\[\]\n“”\"]|\.(?:\s|$)|\s[-–](?:\s|$)|\s(?=và\s)|(?<=\s){stop_words}"
        ),
        head_lead_in=re.compile(
            rf"(?:{WORD_START}{alternation(CONTEXTS, 'title_lead_in')}|[:.]-?)\s*$"
        ),  # "nghe:- …"
        org_head=re.compile(rf"{alternation(CONTEXTS, 'org_head')}\s"),
        not_person_before=re.compile(
            rf"{WORD_START}{alternation(CONTEXTS, 'not_person_before')}\s*:?\s*$"
        ),
        commune_before=re.compile(rf"{WORD_START}{alternation(CONTEXTS, 'commune_before')}\s+$"),
        body_word=re.compile(alternation(CONTEXTS, "body_word") + WORD_END),
        stage_not_name=re.compile(alternation(CONTEXTS, "stage_not_name") + WORD_END),
        foreign_address=frozenset(address),
        foreign_opening=tuple(w[:1].upper() + w[1:] + " " for w in address),
        foreign_before=tuple(w + " " for w in address),
        country_prefix=re.compile(rf"(?:{trie(load_lines('countries.txt'))}) "),
        country_first=frozenset(c.split()[0] for c in load_lines("countries.txt")),
    )


# After a name, what opens its titles: "Nguyễn Văn A, …", "… - …", "… (…".
_SEPARATOR_AFTER = re.compile(r"\s*(?:,|[-–]|\()\s*")
_SEGMENT_SPLIT = re.compile(r"\s*,\s*|\s+[-–]\s+|\s+kiêm\s+")
_KIEM = re.compile(r"\s+kiêm\s+")

# Initials and further names of a foreign name after its first run ("Anna M. O’Neill").
_FOREIGN_TAIL = re.compile(r"(?:\.? (?:[A-Z]\.|[A-Z][a-zA-Z]*(?:['’-][A-Z]?[a-z]+)*)){0,4}(?<!\.)")


def foreign_name_end(body: str, end: int) -> int:
    """Where a foreign name whose first capitalised run ends at ``end`` ends."""
    if (
        end < len(body) and body[end] == "." and body[end - 2 : end - 1] == " "
    ):  # "K." after "Mandeep"
        tail = _FOREIGN_TAIL.match(body, end)
        if tail is not None and tail.end() > end + 1:
            return tail.end()
    return end


def split_run(lex: Lexicon, words: list[str], addressed: bool) -> int | None:
    """Index of the first word of the name inside a capitalised run, or None."""
    n = len(words)
    if addressed and words[0] in lex.surnames and n <= MAX_SYLLABLES_ADDRESSED:
        return 0
    for i, w in enumerate(words):
        if w in lex.surnames and MIN_SYLLABLES <= n - i <= MAX_SYLLABLES:
            if i > 0 and n - i == MAX_SYLLABLES and words[i + 1] in lex.surnames:
                return (
                    i + 1
                )  # "Bắc Ninh Trần Văn Lộc", "T.Ư Đoàn Lê Minh Tuấn": a body's last syllable
            return i
    return None


def strip_place(lex: Lexicon, run: str) -> int:
    """Length of a known place name opening the run ("Hà Nội Đỗ Văn Khánh")."""
    m = lex.place_prefix.match(run)
    return m.end() if m else 0


def _kind(lex: Lexicon, head: re.Match[str]) -> str:
    words = head.group(0).lower().split()
    return lex.head_kind.get(" ".join(words[1:] if words[0] == "nguyên" else words), "office")


def valid_head(lex: Lexicon, text: str, pos: int = 0) -> re.Match[str] | None:
    low = text.lower()
    if low == text and not any(o in low for o in lex.occupation_first):
        return None  # no capital letter and no occupation word: no title can start here
    for m in lex.head.finditer(low, pos):
        core = m.start() + 7 if low.startswith("nguyên ", m.start()) else m.start()
        if text[core].isupper() or low[core : m.end()] in lex.occupation:
            return m
    return None


def _valid_heads(lex: Lexicon, text: str) -> list[re.Match[str]]:
    """Every title head in ``text`` that ``valid_head`` would accept, in order.

    The heads are matched on lower-cased text.
    """
    low = text.lower()
    if low == text and not any(o in low for o in lex.occupation_first):
        return []
    heads = []
    for m in lex.head.finditer(low):
        core = m.start() + 7 if low.startswith("nguyên ", m.start()) else m.start()
        if text[core].isupper() or low[core : m.end()] in lex.occupation:
            heads.append(m)
    return heads


def titles_before(lex: Lexicon, prefix: str) -> tuple[list[str], int]:
    """Titles printed before a name, right to left, and where they start in ``prefix``."""
    lead = len(prefix) - len(prefix.lstrip())
    prefix = prefix.rstrip(" ,-–:")
    heads = _valid_heads(lex, prefix)  # read once; each segment takes the first of its own
    if not heads:
        return [], len(prefix)  # the common case: no title at all
    segs, pos = [], lead
    if "," in prefix or "-" in prefix or "–" in prefix or "kiêm" in prefix:  # else one segment
        for m in _SEGMENT_SPLIT.finditer(prefix):
            segs.append((pos, prefix[pos : m.start()]))
            pos = m.end()
    segs.append((pos, prefix[pos:]))
    titles: list[str] = []
    pending: list[str] = []
    start = len(prefix)
    k = len(heads)  # heads[k:] lie right of the current segment
    for seg_start, seg in reversed(segs):
        seg_end = seg_start + len(seg)
        while k > 0 and heads[k - 1].start() >= seg_start:
            k -= 1
        head = heads[k] if k < len(heads) and heads[k].end() <= seg_end else None
        if head is None:
            words = seg.split()
            if (
                not seg
                or len(words) > CONTINUATION_MAX_WORDS
                or lex.stop.search(seg)
                or len(pending) >= 6
                or not (seg[0].isupper() or seg[0].isdigit() or not titles)
            ):
                break
            pending.insert(0, seg)
            continue
        h_start, h_end = head.start() - seg_start, head.end() - seg_start
        if h_end == len(seg.rstrip()) and _kind(lex, head) == "bare":
            break  # "Trưởng" alone before a name is part of a body's name, not a title
        title = seg[h_start:]
        if lex.stop.search(title) or (
            h_start > 0
            and not lex.head_lead_in.search(seg[:h_start])
            and not _lex_marker_end(lex, seg[:h_start])
        ):
            break
        titles.insert(0, ", ".join([title, *pending]))
        pending, start = [], seg_start + h_start
        if h_start > 0:
            break
    return titles, start


def _lex_marker_end(lex: Lexicon, text: str) -> bool:
    return bool(lex.marker_before.search(text))


def _starts_person(lex: Lexicon, text: str) -> bool:
    """Does ``text`` open with a form of address, a title or a person's name?"""
    head = valid_head(lex, text)
    if lex.marker_start.match(text) or (head is not None and head.start() == 0):
        return True
    run = lex.run.match(text)
    return run is not None and " " in run.group(0) and run.group(0).split()[0] in lex.surnames


def _segment_end(lex: Lexicon, body: str, cur: int) -> re.Match[str] | None:
    """The end of one title segment; "và" ends it only before another person or title."""
    hi = cur + SEGMENT_MAX_CHARS  # "và" after "và": still one bounded stretch
    while True:
        stop = lex.title_end.search(body, cur, hi)
        if stop is None or not body.startswith(" và ", stop.start()):
            return stop
        if _starts_person(lex, body[stop.start() + 4 : stop.start() + 80]):
            return stop
        cur = stop.start() + 4


def _name_inside(lex: Lexicon, seg: str, pos: int) -> int:
    """Where a person's name starts inside a title segment, or its length.

    The name is a run opening with a family name, or one that ends in a name after a body's
    ("… Hội Nông dân Việt Nam Phạm Văn Kiên").
    """
    for r in lex.run.finditer(seg, pos):
        run = r.group(0)
        cut = strip_place(lex, run + " ")
        words = run[cut:].split()
        i = split_run(lex, words, False)
        if i is None:
            continue
        start = r.start() + cut + sum(len(w) + 1 for w in words[:i])
        if (
            " ".join(words[i:]) not in lex.blocked
            and not lex.not_person_before.search(seg, 0, start)
            and not lex.commune_before.search(seg, 0, r.start())  # "quận Nam Từ Liêm": a place
            and not lex.commune_before.search(seg, 0, start)
        ):
            return start
    return len(seg)


# One title segment after a name, as ``_segment`` reads it: its end match (or None), where its
# text ends, the text, and what it is ("colon", "owned" by a name inside it, "title", "other").
Segment = tuple[re.Match[str] | None, int, str, str]


def _segment(lex: Lexicon, body: str, cur: int) -> Segment:
    stop = _segment_end(lex, body, cur)
    seg_end = stop.start() if stop else min(len(body), cur + SEGMENT_MAX_CHARS)
    seg = body[cur:seg_end].strip()
    head = valid_head(lex, seg) if seg else None
    if stop is not None and body[stop.start()] == ":":
        kind = "colon"  # "…, nguyên Tổng Bí thư: A, B": the title introduces the next names
    elif head is not None and head.start() == 0:
        # "Chủ tịch A, Phó Chủ tịch thường trực B": the second title is B's
        kind = "owned" if _name_inside(lex, seg, head.end()) < len(seg) else "title"
    else:
        kind = "other"
    return stop, seg_end, seg, kind


def titles_after(
    lex: Lexicon, body: str, pos: int, memo: dict[int, Segment] | None = None
) -> tuple[list[str], int]:
    """Titles printed after a name ("…, Phó Chủ tịch UBND tỉnh, Trưởng Ban …") and their end.

    Args:
        lex: the lexicon.
        body: the text.
        pos: where the name ends.
        memo: segments already read in this text, by start (names listed closely share them).

    Returns:
        The titles, split at commas and "kiêm", and where the chain ends (``pos`` if none).
    """
    sep = _SEPARATOR_AFTER.match(body, pos)
    if sep is None or sep.end() == pos:
        return [], pos
    paren = "(" in sep.group(0)
    titles: list[str] = []
    end, cur, limit = pos, sep.end(), min(len(body), pos + CHAIN_MAX_CHARS)
    for _ in range(CHAIN_MAX_SEGMENTS):
        if cur >= limit:
            break
        if memo is None:
            segment = _segment(lex, body, cur)
        elif (segment := memo.get(cur)) is None:  # type: ignore[assignment]  # set just below
            segment = memo[cur] = _segment(lex, body, cur)
        stop, seg_end, seg, kind = segment
        if kind in ("colon", "owned"):
            break
        if kind == "title":
            titles.extend(_KIEM.split(seg))
        elif seg and not titles and lex.org_head.match(seg):
            titles.append(seg)  # "PGS Nguyễn Văn A, Viện …": the body stands in for a title
        elif seg and titles and seg[0].isupper() and not _starts_person(lex, seg):
            titles[-1] += ", " + seg  # a comma inside a body's name
        else:
            break
        end = cur + len(body[cur:seg_end].rstrip())
        if stop is None:
            break
        ch = body[stop.start()]
        if ch == ")" and paren:
            end = stop.end()
        if ch != ",":
            break
        cur = stop.end()
        while cur < limit and body[cur] == " ":
            cur += 1
    return titles, end


def title_kind(lex: Lexicon, title: str) -> str:
    """ "office", "minor", "bare", "occupation", or "body" for a body standing in for a title."""
    head = valid_head(lex, title)
    return _kind(lex, head) if head is not None and head.start() == 0 else "body"
