"""Who receives an award: counts of collectives and individuals, or one or more named units.

Reads "cho 07 tập thể, 12 cá nhân", "cho Bệnh viện X" (one collective), "cho Công an huyện A
và Công an huyện B" (two), "cho đồng chí Nguyễn Văn A" (one individual). It does not decide
which text belongs to which award.
"""

from __future__ import annotations

import re

from vnevents.patterns import NUMBER, parse_number
from vnevents.stages.awards.lexicon import lexicon

# "cho 07 tập thể", "13 cá nhân": a count and its noun.
COUNT = re.compile(rf"(?<![\d.,])(?<!lớp )(?<!số )(?P<n>{NUMBER})\s+(?P<noun>[^\d;.()]{{1,30}})")
_NOUN_HEAD = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)?")
# "12 tập thể và cá nhân", "133 tổ chức, cá nhân": one joint count, no split.
_JOINT = re.compile(r"\s*(?:,|và)\s*(?:cá nhân|tập thể)(?!\w)")
_UNITS_SPLIT = re.compile(r"\s*,\s*|\s+và\s+")
# Longest list of named units read (characters); lists in the annotation pool run to 120.
UNITS_MAX_CHARS = 200


def counts(text: str) -> tuple[int | None, int | None]:
    """(collectives, individuals) counted in ``text``; the first of each wins."""
    coll = indiv = None
    for m in COUNT.finditer(text):
        noun = m["noun"].lower().strip()
        value = parse_number(m["n"])
        if not isinstance(value, int):
            continue
        for key, holder in lexicon().nouns:
            if noun.startswith(key) and (len(noun) == len(key) or not noun[len(key)].isalnum()):
                if _JOINT.match(noun, len(key)) or holder == "household":
                    break  # a joint count, or households: not counted (RULINGS.md)
                if holder == "collective" and coll is None:
                    coll = value
                elif holder == "individual" and indiv is None:
                    indiv = value
                break
        if coll is not None and indiv is not None:
            break
    return coll, indiv


def is_recipients(m: re.Match[str]) -> bool:
    """Does the count ``m`` (of ``COUNT``) count recipients ("12 tập thể", "90 gia đình"), not
    something else ("56 tỉnh", "9 hạng mục", the "14" of a company's name)?"""
    noun = m["noun"].lower().strip()
    return any(
        noun.startswith(key) and (len(noun) == len(key) or not noun[len(key)].isalnum())
        for key, _ in lexicon().nouns
    )


def count_end(m: re.Match[str]) -> int:
    """Where a count's noun ends: its first two words ("10 cá nhân", not "10 cá nhân có thành…")."""
    head = _NOUN_HEAD.match(m["noun"])
    return m.start("noun") + (head.end() if head else 0)


def _unit_head(text: str) -> bool:
    """Does ``text`` open with the head of a named unit ("Bệnh viện …", "huyện Tân Lập")?"""
    return bool(lexicon().unit_head.match(text))


def named_units(text: str) -> int:
    """How many named units ``text`` lists ("Công an huyện A và Công an huyện B": 2); 0 if it
    is not a list of named units (a part without a unit head or a capitalised name)."""
    text = text[:UNITS_MAX_CHARS]
    if end := lexicon().units_end.search(text):  # their merits or details follow
        text = text[: end.start()]
    parts = [p for p in _UNITS_SPLIT.split(text.strip()) if p]
    if not parts or not all(_unit_head(p) and _named(p) for p in parts):
        return 0
    return len(parts)


def _named(part: str) -> bool:
    """Does a unit phrase carry a name: a capitalised word or a number after its head word?"""
    return any(w[:1].isupper() or w[:1].isdigit() for w in part.split()[1:])


def single(after: str) -> tuple[int | None, int | None]:
    """Counts for the recipients named after "cho"/"tặng": (n, None) for n named units,
    (None, 1) for one named person, else (None, None)."""
    lex = lexicon()
    if of := lex.of_issuer.match(after):
        # "Cờ thi đua của Chính phủ cho Trường X …": the receiver follows the issuer
        after = after[of.end() :]
    to = lex.to.match(after)
    if to is None:
        return None, None
    rest = after[to.end() :]
    if lex.single_person.match(after):
        return None, 1
    if _unit_head(rest):
        # "cho Bệnh viện …", "tặng tập thể Trường …"; "cho các …" never gets here.
        return max(1, named_units(rest)), None
    return None, None
