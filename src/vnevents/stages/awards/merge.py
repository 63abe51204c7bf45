"""One entry per (kind, issuer): mentions of one award merged, shorter names dropped.

An entry without counts or issuer joins a richer one of the same kind; a kind named
without counts beside the same kind with counts is that award again. It reads no text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from functools import cache

from vnevents.data import load_tsv
from vnevents.record import Award, fold
from vnevents.stages.awards.lexicon import lexicon

log = logging.getLogger(__name__)

# Most awards kept for one report; the annotation pool's richest report has 9. A cap keeps
# merging linear on pathological text (thousands of distinct mentions).
MAX_AWARDS = 60


# "TPHồ Chí Minh": a city's abbreviation glued to its name by the page's markup.
_GLUED_TP = re.compile(r"\bTP(?=[A-ZĐ])")


@cache
def _abbreviations() -> dict[str, str]:
    """Abbreviations of bodies (abbreviations.tsv), folded: "ubnd" → "uy ban nhan dan"."""
    return {fold(a): fold(e) for a, e, *_ in load_tsv("abbreviations.tsv")}


@cache
def _groups() -> dict[str, str]:
    """Folded issuer → its group (award_issuers.tsv)."""
    return {fold(i): g for i, g in load_tsv("award_issuers.tsv")}


def _issuer_key(issuer: str) -> tuple[str, ...]:
    """The issuer's folded words, abbreviations expanded ("Chủ tịch UBND TP X" and "Chủ tịch
    Ủy ban nhân dân tỉnh X" give one key)."""
    abbr = _abbreviations()
    words = fold(_GLUED_TP.sub("TP ", issuer)).replace(",", " ").split()
    return tuple(" ".join(abbr.get(w, w) for w in words).split())


def _same_issuer(a: str, o: str) -> bool:
    """Do issuers ``a`` and ``o`` name one giver as the report prints it in several ways?

    Equal keys; one key opening or closing the other ("Chủ tịch UBND thành phố" and "Chủ tịch
    UBND thành phố X"; "Chính phủ" and "Thủ tướng Chính phủ"); or one group of
    award_issuers.tsv ("Nhà nước", "Chủ tịch nước"). In the pool (257 reports, neither split),
    3 reports print one award's issuer in 2–4 forms; no two awards of one kind with different
    givers there, nor in the dev sets, have such issuers.
    """
    if a == o:
        return True
    ka, ko = _issuer_key(a), _issuer_key(o)
    if ka == ko:
        return True
    groups = _groups()
    ga, go = groups.get(" ".join(ka)), groups.get(" ".join(ko))
    if ga is not None and ga == go:
        return True
    short, long = (ka, ko) if len(ka) < len(ko) else (ko, ka)
    return bool(short) and (long[: len(short)] == short or long[-len(short) :] == short)


def _same(a: Award, o: Award) -> bool:
    """Can ``a`` be another mention of ``o`` (same folded kind already checked)?"""
    same_issuer = a.issuer is None or o.issuer is None or _same_issuer(a.issuer, o.issuer)
    same_counts = (
        _bare(a) or _bare(o) or (a.collectives, a.individuals) == (o.collectives, o.individuals)
    )
    return same_issuer and same_counts


def _bare(a: Award) -> bool:
    return a.collectives is None and a.individuals is None


def merge(awards: list[Award]) -> list[Award]:
    """One entry per (kind, issuer); an entry without counts or issuer joins a richer one."""
    out: list[Award] = []
    by_kind: dict[str, list[int]] = {}
    for a in awards:
        k = fold(a.kind)
        same = next((i for i in by_kind.get(k, ()) if _same(a, out[i])), None)
        if same is None:
            if len(out) >= MAX_AWARDS:
                log.debug("more than %d awards; %r dropped", MAX_AWARDS, a.kind)
                continue
            by_kind.setdefault(k, []).append(len(out))
            out.append(a)
            continue
        richer = o = out[same]
        if _bare(o):
            richer = replace(
                o,
                collectives=a.collectives,
                individuals=a.individuals,
                span=a.span if (a.collectives or a.individuals) else o.span,
            )
        if richer.issuer is None and a.issuer is not None:
            richer = replace(richer, issuer=a.issuer)
        out[same] = richer
    return _drop_shorter(out)


def _drop_shorter(out: list[Award]) -> list[Award]:
    """Drop a kind without counts next to the same kind with counts (that award again), and a
    shorter name of another award ("Huân chương" beside "Huân chương Bảo vệ Tổ quốc", "Huy
    hiệu Đảng" beside "Huy hiệu 50 năm tuổi Đảng"); prize levels replace the prize's name
    ("Giải Nhất" … are the awards of "Giải thưởng Báo chí …", RULINGS.md)."""
    heads = lexicon().heads
    prize = any(lexicon().form.get(a.kind.lower()) == "prize" for a in out)
    counted = {fold(a.kind) for a in out if not _bare(a)}
    folded = [fold(a.kind) for a in out]
    words = [set(f.split()) for f in folded]

    def head(f: str) -> str:
        return next((h for h in heads if f.startswith(h)), f)

    keep = []
    for i, a in enumerate(out):
        if prize and folded[i].startswith("giai thuong"):
            continue
        if _bare(a) and (
            folded[i] in counted
            or any(
                j != i and words[i] < words[j] and folded[j].startswith(head(folded[i]))
                for j in range(len(out))
            )
        ):
            continue
        keep.append(a)
    return keep
