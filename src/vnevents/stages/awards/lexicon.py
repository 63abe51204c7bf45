"""Stage 10's words, read once from its data files, and the patterns built from them.

Award kinds and recipient nouns (award_kinds.tsv, award_recipients.tsv), cue words by role
(award_cues.tsv), and person markers shared with stage 7 (person_markers.tsv, titles.tsv).
It reads no text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from vnevents.data import load_tsv
from vnevents.record import fold


@dataclass(frozen=True)
class Lexicon:
    kinds: re.Pattern[str]  # any award kind but a contest's prizes, in lower case
    kinds_prizes: re.Pattern[str]  # any award kind, prizes included ("giải nhất"), in lower case
    form: dict[str, str]  # lower-cased kind → plain | named | prize
    holder: dict[str, str]  # lower-cased kind → any | individual | collective
    canon: dict[str, str]  # lower-cased kind → kind as the lexicon spells it
    heads: tuple[str, ...]  # folded kind words, longest first (for shorter names of an award)
    nouns: tuple[tuple[str, str], ...]  # (lower-cased noun, holder) counted, longest first
    unit_head: re.Pattern[str]  # the head of a named unit opening a text ("Bệnh viện …")
    verb: re.Pattern[str]  # giving and receiving verbs, and the phrases that mask them
    verb_role: dict[str, str]  # lower-cased verb → give | give_to | receive | not_verb
    give_to: re.Pattern[str]  # a verb the recipient may follow directly, at a text's end
    passive_give: re.Pattern[str]  # "được Nhà nước tặng" at a text's end
    not_now: re.Pattern[str]
    not_now_prize: re.Pattern[str]  # not_now without the title-only cues
    at_event: re.Pattern[str]
    name_stop: re.Pattern[str]
    name_verb: re.Pattern[str]
    era: re.Pattern[str]  # an era qualifier and what follows it, at the end of a name
    era_before: re.Pattern[str]  # an era qualifier anywhere
    leading: re.Pattern[str]
    subject_tail: re.Pattern[str]
    plural_before: re.Pattern[str]
    recipients_end: re.Pattern[str]
    to: re.Pattern[str]
    single_person: re.Pattern[str]
    ceremony: tuple[str, ...]  # lower-cased
    give_after: re.Pattern[str]  # "Bằng khen | của X tặng …": the verb after the award
    receive_next: re.Pattern[str]  # a receiving verb that opens the next award's clause
    host: re.Pattern[str]  # "đón nhận | Huân chương": the host unit receives it
    not_handed: re.Pattern[str]
    medal: re.Pattern[str]
    of_issuer: re.Pattern[str]  # "của Bộ Y tế" after an award
    units_end: re.Pattern[str]


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (a longer phrase wins)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _cues() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for cue, role in load_tsv("award_cues.tsv"):
        out.setdefault(role, []).append(cue)
    return out


def _person_markers() -> list[str]:
    """Words before one named person: forms of address, ranks, degrees, offices, ours."""
    words = [
        m
        for m, kind in load_tsv("person_markers.tsv")
        if kind in ("address", "rank", "degree") or (kind == "young" and " " not in m)
    ]
    words += [t for t, kind in load_tsv("titles.tsv") if kind == "office"]
    words += [w for w, holder in load_tsv("award_recipients.tsv") if holder == "person"]
    return [w for w in words if not w.lower().startswith("các ")]  # "các đồng chí": several


@cache
def lexicon() -> Lexicon:
    """The stage's lexicon, built on first use."""
    rows = load_tsv("award_kinds.tsv")
    cues = _cues()
    kinds = [(r[0], r[1], r[2]) for r in rows if r[1] != "prize"]
    kinds += [
        (f"{h} {lvl}", "prize", holder)
        for h, _, holder in (r for r in rows if r[1] == "prize")
        for lvl in cues["prize_level"]
    ]
    recipients = load_tsv("award_recipients.tsv")
    word = r"(?<!\w)(?:{})(?!\w)"
    young = [m for m, kind in load_tsv("person_markers.tsv") if kind == "young" and " " not in m]
    young += ["cô"] + [
        w for w, holder in recipients if holder == "person" and w.islower() and " " not in w
    ]
    pupils = [w for w, holder in recipients if holder == "pupil"]
    not_now = cues["not_now"]
    give = cues["give"] + cues["give_to"]
    return Lexicon(
        # matched on lower-cased text, the word start checked by the caller: several times faster
        kinds=re.compile(
            f"(?P<kind>{_alt(k.lower() for k, f, _ in kinds if f != 'prize')})(?!\\w)"
        ),
        kinds_prizes=re.compile(f"(?P<kind>{_alt(k.lower() for k, _, _ in kinds)})(?!\\w)"),
        form={k.lower(): f for k, f, _ in kinds},
        holder={k.lower(): h for k, _, h in kinds},
        canon={k.lower(): k for k, _, _ in kinds},
        heads=tuple(sorted({fold(r[0]) for r in rows}, key=len, reverse=True)),
        nouns=tuple(
            sorted(
                (
                    (n.lower(), h)
                    for n, h in recipients
                    if h in ("collective", "individual", "household")
                ),
                key=lambda x: -len(x[0]),
            )
        ),
        unit_head=re.compile(  # e.g. cho | Bệnh viện Nhi …; not "tập thể và cá nhân"
            r"(?!tập thể và)(?:" + _alt(n for n, h in recipients if h == "unit") + r") ",
            re.IGNORECASE,
        ),
        verb=re.compile(
            word.format(f"(?P<v>{_alt(give + cues['receive'] + cues['not_verb'])})"), re.IGNORECASE
        ),
        verb_role={
            c.lower(): role
            for role in ("give", "give_to", "receive", "not_verb")
            for c in cues[role]
        },
        give_to=re.compile(word.format(_alt(cues["give_to"])) + r"\s+"),
        passive_give=re.compile(
            # e.g. được Đảng, Nhà nước phong tặng
            r"(?<!\w)được\s+(?:[^;]{0,60}?\s)?" + f"(?:{_alt(give)})"
            r"(?:\s+(?:hai|ba|bốn|các|những|\d{1,2}))?\s*[\"“]?\s*$"  # e.g. tặng hai danh hiệu
        ),
        not_now=re.compile(word.format(_alt(not_now + cues["not_now_title"])), re.IGNORECASE),
        not_now_prize=re.compile(word.format(_alt(not_now)), re.IGNORECASE),
        at_event=re.compile(word.format(_alt(cues["at_event"])), re.IGNORECASE),
        name_stop=re.compile(
            r"[,;:.()\"“”\n]|\s[-–]\s"  # e.g. Huân chương Lao động hạng Ba, | Anh hùng LLVTND - …
            # e.g. Anh hùng Lao động | năm 2016
            + r"|\s(?:"
            + _alt(cues["name_stop"])
            + r")(?=\s|[,.;]|$)"
        ),
        name_verb=re.compile(r"\s(?:" + _alt(cues["name_verb"]) + r")(?!\w)"),
        era=re.compile(r"\s+(?:" + _alt(cues["era"]) + r")(?!\w).*$", re.IGNORECASE | re.DOTALL),
        era_before=re.compile(word.format(_alt(cues["era"])), re.IGNORECASE),
        leading=re.compile(
            r"^(?:\s*(?:(?:" + _alt(cues["leading"]) + r")(?!\w)[^,]*,"  # e.g. Tại buổi lễ, …
            r"|(?:" + _alt(cues["leading_bare"]) + r")(?!\w))\s*)+"
        ),  # e.g. Nhân dịp này X
        subject_tail=re.compile(r"\s+(?:" + _alt(cues["subject_tail"]) + r")\s*$"),
        plural_before=re.compile(r"(?<!\w)(?:" + _alt(cues["plural"]) + r")\s+$", re.IGNORECASE),
        recipients_end=re.compile(r"[:(]|\s(?:" + _alt(cues["recipients_end"]) + r")(?!\w)"),
        to=re.compile(r"^\s*(?:" + _alt(cues["to"]) + r")\s+"),
        single_person=re.compile(
            r"^\s*(?:" + _alt(cues["to"]) + r")\s+(?:cá nhân\s+)?(?:nguyên\s+)?(?:"
            rf"(?:{_alt(young)})\s+(?:{_alt(pupils)})"  # e.g. cho cô học trò (one, not a list)
            r"(?!\w)(?!\s*(?:,|và)\s*\w+\s+(?:học|sinh|em))"
            # e.g. cho em Nguyễn Văn A
            rf"|(?:{_alt(_person_markers())})[\s,.][^,;]{{0,20}}?[A-ZĐ])"
        ),
        ceremony=tuple(c.lower() for c in cues["ceremony"]),
        give_after=re.compile(
            r"(?:\s+của\s+[^,;]{1,80}?)?\s+(?:" + _alt(cues["give_to"] + ["trao"]) + r")(?!\w)"
        ),
        receive_next=re.compile(r"\s(?:được|" + _alt(cues["receive"]) + r")(?!\w)"),
        host=re.compile(r"(?<!\w)(?:" + _alt(cues["host"]) + r")\s+$"),
        not_handed=re.compile(r"\s+(?:" + _alt(cues["not_handed"]) + r")(?!\w)"),
        medal=re.compile(r"\s+(?:" + _alt(cues["medal"]) + r")(?!\w)", re.IGNORECASE),
        of_issuer=re.compile(
            r"\s+của\s+(?P<issuer>[A-ZĐÂ][^,;.()\n]{1,90}?)"  # e.g. Bằng khen | của Bộ Y tế | cho
            r"(?=\s*[,;.()\n]|\s+(?:(?:" + _alt(cues["issuer_stop"]) + r")(?!\w)|và\s+[a-zđ])|$)"
        ),
        units_end=re.compile(r"\s(?:" + _alt(cues["units_end"]) + r")(?!\w)|[.;:(\"“”]|\s[-–]\s"),
    )
