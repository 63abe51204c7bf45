"""The word lists of the documents stage (``data/document_words.tsv``, ``data/document_kinds.tsv``)
and the patterns built from them, compiled once. It finds no documents itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vnevents.data import load_tsv


@dataclass(frozen=True)
class Words:
    after_number: re.Pattern[str]  # a bare number is followed by a citation's words
    of_issuer: re.Pattern[str]  # "của Bộ Chính trị" after a bare number
    issuer: re.Pattern[str]  # the issuer printed after a citation
    date_before: re.Pattern[str]  # "ngày 12-3, Ban Bí thư đã có văn bản số 2957"
    name_stop: re.Pattern[str]  # where a law's name ends
    not_name_start: re.Pattern[str]  # "Luật sư", "Luật này": no title
    law_not_after: re.Pattern[str]  # "Đại học Luật": part of another name
    lower_law_not_after: re.Pattern[str]  # "pháp luật", "kỷ luật"
    draft_before: re.Pattern[str]  # "dự thảo Nghị định": a draft
    and_next_kind: re.Pattern[str]  # "và Luật …", "và các …": "và" opens the next item
    title_issuer: re.Pattern[str]  # "của Quốc hội" between a resolution's kind and "về"
    plural_before: re.Pattern[str]  # "các Nghị quyết về …": generic
    issued_before: re.Pattern[str]  # "đã ban hành " right before a kind
    national: re.Pattern[str]  # a national issuer named ("Quốc hội", "Chính phủ")
    subject_stop: re.Pattern[str]  # where a subject cited by title ends
    date_after: re.Pattern[str]  # ", ngày 2/4/2021" right after a citation
    alias_open: re.Pattern[str]  # "(gọi tắt là " between a citation and its alias


def _alt(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first, any run of spaces inside an entry."""
    return "|".join(
        r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True)
    )


@cache
def words() -> Words:
    """The documents stage's word lists and their patterns, read once."""
    rows: dict[str, list[str]] = {}
    for row in load_tsv("document_words.tsv"):
        rows.setdefault(row[0], []).append(row[1])
    kind_names = [r[0] for r in load_tsv("document_kinds.tsv")]
    kinds = _alt(kind_names)  # e.g. Nghị quyết | Luật
    items = _alt(kind_names + rows["item_start"])  # e.g. Nghị quyết | dự án
    w = {k: _alt(v) for k, v in rows.items()}
    i = re.IGNORECASE
    return Words(
        date_after=re.compile(
            # e.g. ", ngày " | " ban hành ngày "
            rf"^\s*,?\s*(?:(?:được\s+)?(?:{w['dated_verb']})\s+)?ngày\s*"
            r"(?:(?P<w>\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)"  # e.g. 11 tháng 01 năm 2017
            # e.g. 2/4/2021 | 5.6.2012
            r"|(?P<dmy>\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?))",
            i,
        ),
        alias_open=re.compile(
            rf"^\s*\(\s*(?:(?:{w['alias_open']})\s*)?", i
        ),  # e.g. (gọi tắt là | (QĐ09)
        after_number=re.compile(rf"(?=\s*(?:[,.;:()]|$)|\s+(?:{w['after_number']})(?!\w))", i),
        of_issuer=re.compile(rf"\s+của\s+(?:[A-ZĐ]|(?:{w['issuer_start']})(?!\w))"),
        issuer=re.compile(
            # e.g. của Tỉnh ủy Lào Cai
            r"^\s*,?\s*(?:do|của)\s+(?P<issuer>[A-ZĐÂ][^,;.()\n]{1,70}?)"
            r"(?=\s*(?:[,;.()\n\"“”]|$)"  # e.g. … Lào Cai, | … Lào Cai.
            rf"|\s+(?:{w['issuer_stop']})(?!\w)"  # e.g. … Lào Cai về
            rf"|\s+và\s+(?:[a-zđ]|{kinds}))"  # e.g. … Lào Cai và Kế hoạch | và các
        ),
        date_before=re.compile(
            # e.g. ngày 21-6,
            r"ngày\s+(?P<dmy>\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?)\s*,\s*"
            rf"[^.;,\n]{{0,50}}?\b(?:đã\s+)?(?:{w['issued_verb']})\s+$",  # e.g. Bộ Chính trị đã có
            i,
        ),
        name_stop=re.compile(
            r"[;:()\[\]\"“”\n!?]|\.(?:\s|$)|\s[-–]\s"  # e.g. punctuation | a dash between spaces
            r"|\s(?:(?:19|20)\d{2}|số(?=\s*\d)"  # e.g. a year | số 24/2018/QH14
            rf"|{w['name_stop']})(?=\s|[,.;:]|$)"  # e.g. Luật Đất đai được …
        ),
        not_name_start=re.compile(rf"(?:{w['not_name_start']}|\d)(?!\w)", i),
        law_not_after=re.compile(rf"(?:{w['law_not_after']})\s+$"),
        lower_law_not_after=re.compile(rf"(?:{w['lower_law_not_after']})\s+$", i),
        draft_before=re.compile(rf"(?:{w['draft_before']})\s+$", i),
        and_next_kind=re.compile(rf"\s+và\s+(?=[a-zđ]|{kinds})"),
        title_issuer=re.compile(rf"\s*của\s+(?:{w['title_issuer']})(?!\w)"),
        plural_before=re.compile(rf"(?<!\w)(?:{w['plural_before']})\s+$", i),
        issued_before=re.compile(rf"(?<!\w)đã\s+(?:{w['issued_verb']})\s+$"),
        national=re.compile(rf"(?<!\w)(?:{w['title_issuer']})(?!\w)"),
        subject_stop=re.compile(
            r"[;:\n(\[]|\.(?=\s|$|[A-ZĐ])|…"  # e.g. ; | . | .Sau (glued text)
            rf"|\s+và\s+(?=(?:các\s+)?(?:{items})(?!\w))"  # e.g. … và dự án Luật
            rf"|,\s+(?=(?:{items})(?!\w))"  # e.g. …, Nghị quyết về
            rf"|\s(?=(?:{w['verb_stop']})\s)"  # e.g. … đã được thông qua
            rf"|,\s+(?=(?:{w['clause_start']})\s)"  # e.g. …, cần tập trung
        ),
    )
