"""The record: frozen dataclasses, closed vocabularies, span-checked assembly, JSON.

Stages *find* items (each with a ``span`` into the cleaned body); ``assemble``
keeps only the items whose span holds what they claim, so provenance holds by
construction. ``to_json`` is the one place that writes the FORMAT.md shape.
It does not extract anything itself.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from vnevents import shape
from vnevents.patterns import fold as fold  # re-exported: record.fold is the loose-comparison key

Span = tuple[int, int]


class EventType(StrEnum):
    TONG_KET = "tong_ket"
    SO_KET = "so_ket"
    KIEM_TRA = "kiem_tra"
    LAM_VIEC = "lam_viec"
    TRIEN_KHAI = "trien_khai"
    TAP_HUAN = "tap_huan"
    DAI_HOI = "dai_hoi"
    HOI_THAO = "hoi_thao"
    HOP = "hop"
    LE = "le"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The Vietnamese name of the event type, for people reading a page or chart."""
        return _EVENT_LABELS[self]


_EVENT_LABELS = {
    EventType.TONG_KET: "Tổng kết",
    EventType.SO_KET: "Sơ kết",
    EventType.KIEM_TRA: "Kiểm tra, giám sát",
    EventType.LAM_VIEC: "Làm việc",
    EventType.TRIEN_KHAI: "Triển khai, quán triệt",
    EventType.TAP_HUAN: "Tập huấn",
    EventType.DAI_HOI: "Đại hội",
    EventType.HOI_THAO: "Hội thảo, tọa đàm",
    EventType.HOP: "Kỳ họp, phiên họp",
    EventType.LE: "Lễ, kỷ niệm",
    EventType.OTHER: "Khác",
}


class TimeOfDay(StrEnum):
    SANG = "sang"
    TRUA = "trua"
    CHIEU = "chieu"
    TOI = "toi"


class Level(StrEnum):
    TINH = "tinh"
    THANH_PHO = "thanh_pho"
    THI_XA = "thi_xa"
    QUAN = "quan"
    HUYEN = "huyen"
    PHUONG = "phuong"
    XA = "xa"
    THI_TRAN = "thi_tran"
    DAC_KHU = "dac_khu"


class PlaceRole(StrEnum):
    EVENT = "event"
    MENTIONED = "mentioned"


class Role(StrEnum):
    CHU_TRI = "chu_tri"
    TRUONG_DOAN = "truong_doan"
    PHAT_BIEU = "phat_bieu"
    DU = "du"
    OTHER = "other"


class Qualifier(StrEnum):
    TREN = "tren"
    HON = "hon"
    GAN = "gan"
    KHOANG = "khoang"
    DEN = "den"
    DUOI = "duoi"


@dataclass(frozen=True)
class Source:
    url: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Event:
    type: EventType | None = None
    date: str | None = None
    time_of_day: TimeOfDay | None = None
    period: str | None = None
    span: Span | None = None  # the phrase the type was read from


@dataclass(frozen=True)
class Unit:
    """An administrative unit as it stands in one era (used for ``Place.today``)."""

    name: str
    level: Level
    province: str
    code: str | None = None


@dataclass(frozen=True)
class Place:
    name: str = field(metadata={"label": True})
    level: Level
    province: str
    code: str | None
    role: PlaceRole
    span: Span
    today: tuple[Unit, ...] = ()  # unit(s) holding the place after the 2025 reform


@dataclass(frozen=True, kw_only=True)
class Organizer:
    name: str
    expanded: str | None = None  # abbreviations spelled out, when any
    span: Span


@dataclass(frozen=True)
class Person:
    name: str
    titles: tuple[str, ...]
    role: Role
    span: Span


@dataclass(frozen=True)
class Figure:
    value: int | float = field(metadata={"label": True})
    unit: str = field(metadata={"label": True})
    qualifier: Qualifier | None
    span: Span


@dataclass(frozen=True, kw_only=True)
class Document:
    kind: str | None = field(metadata={"label": True})
    symbol: str | None = field(metadata={"label": True})
    name: str | None = field(metadata={"label": True})
    date: str | None
    issuer: str | None = None
    span: Span


@dataclass(frozen=True)
class Award:
    kind: str
    issuer: str | None
    collectives: int | None
    individuals: int | None
    span: Span


@dataclass(frozen=True, kw_only=True)
class Record:
    """One report's record; its fields, in order, are the FORMAT.md JSON (``shape`` derives
    the JSON, the database rows, the export columns and the Spark schema from them)."""

    doc: str | None
    id: str
    source: Source = Source()
    title: str | None = None
    published: str | None = None
    author: str | None = None
    body: str = field(metadata={"flat": False})
    event: Event = Event()
    places: tuple[Place, ...] = ()
    organizers: tuple[Organizer, ...] = ()
    people: tuple[Person, ...] = ()
    figures: tuple[Figure, ...] = ()
    documents: tuple[Document, ...] = ()
    awards: tuple[Award, ...] = ()
    # the text before cleaning: stored beside the record, not part of FORMAT.md's JSON
    raw: str | None = field(default=None, compare=False, metadata={"json": False})


# --- assembly ---------------------------------------------------------------


def body_id(body: str) -> str:
    """Stable id of a record: the first 16 hex digits of SHA-256 of the body."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _claim(item: object) -> str | None:
    """The text an item's span must contain (folded), or None for no check."""
    if isinstance(item, Place | Person):
        return item.name
    if isinstance(item, Organizer):
        return item.name
    if isinstance(item, Figure):
        return item.unit.split()[0] if item.unit and item.unit != "%" else item.unit
    if isinstance(item, Document):
        return item.symbol.split("/")[0] if item.symbol else None
    if isinstance(item, Award):
        return None
    return None


def span_holds(body: str, item: Any) -> bool:
    """True when ``item.span`` lies inside ``body`` and contains the item's claim."""
    span = getattr(item, "span", None)
    if span is None:
        return True
    start, end = span
    if not (0 <= start < end <= len(body)):
        return False
    claim = _claim(item)
    if not claim:
        return True
    held = fold(body[start:end])
    if fold(claim) in held:
        return True
    if isinstance(item, Document):
        # "439 – QĐNS/TW" printed spaced is the symbol 439-QĐNS/TW.
        def squeeze(t: str) -> str:
            return re.sub(r"\s+", "", t.replace("–", "-").replace("—", "-"))

        return squeeze(fold(claim)) in squeeze(held)
    if isinstance(item, Place):
        # Spelling variants ("Bà Rịa-Vũng Tàu") and initialisms ("TPHCM" for Hồ Chí Minh).
        squeezed = re.sub(r"\W+", "", held)
        words = fold(claim).split()
        initials = "".join(w[0] for w in words) if len(words) >= 3 else None
        return re.sub(r"\W+", "", fold(claim)) in squeezed or bool(
            initials and initials in squeezed
        )
    return False


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in others)


def assemble(record: Record) -> Record:
    """Drop items whose span does not hold their claim; drop figures that are
    really parts of documents, awards or organiser names (FORMAT.md: not figures)."""
    body = record.body

    def keep(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(i for i in items if span_holds(body, i))

    documents = keep(record.documents)
    awards = keep(record.awards)
    organizers = keep(record.organizers)
    taken = [d.span for d in documents] + [o.span for o in organizers]
    figures = tuple(
        f
        for f in keep(record.figures)
        if not _overlaps(f.span, taken) and not _award_count(body, f, awards)
    )
    event = record.event
    if event.span is not None and not (0 <= event.span[0] < event.span[1] <= len(body)):
        event = replace(event, span=None)
    return replace(
        record,
        event=event,
        places=keep(record.places),
        organizers=organizers,
        people=keep(record.people),
        figures=figures,
        documents=documents,
        awards=awards,
    )


def _award_count(body: str, figure: Figure, awards: tuple[Award, ...]) -> bool:
    """A "13 tập thể" inside an award's span belongs to the award, not to figures."""
    unit = fold(figure.unit.split()[0]) if figure.unit else ""
    for award in awards:
        if not _overlaps(figure.span, [award.span]):
            continue
        # "13 tập thể", "18 tác giả" handed the award: its counts, not a reported quantity
        if unit in {"tap", "ca"} or figure.value in (award.collectives, award.individuals):
            return True
    return False


# --- JSON -------------------------------------------------------------------


def to_json(record: Record, *, with_body: bool = True) -> dict[str, Any]:
    """The FORMAT.md v1 shape of a record (the only writer of that shape; see ``shape``)."""
    out: dict[str, Any] = shape.dump(record)
    if not with_body:
        del out["body"]
    return out


def from_json(data: dict[str, Any]) -> Record:
    """A record from its FORMAT.md JSON (``to_json``'s inverse; ``raw`` when present)."""
    record: Record = shape.load(Record, data)
    return record
