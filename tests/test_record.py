"""The record assembler: items whose span does not hold what they claim are dropped, and
award counts are not figures."""

from __future__ import annotations

import pytest

from vnevents.record import (
    Award,
    Document,
    Figure,
    Level,
    Organizer,
    Person,
    Place,
    PlaceRole,
    Record,
    Role,
    assemble,
    body_id,
)

BODY = (
    "Sáng 3/6, UBND huyện Bảo Lâm tổ chức hội nghị. Ông Hoàng Văn Sơn phát biểu. "
    "Huyện đã hỗ trợ 120 hộ theo Quyết định số 15/QĐ-UBND. "
    "UBND huyện tặng Giấy khen cho 4 tập thể và 18 tác giả."
)


def _span(needle: str) -> tuple[int, int]:
    start = BODY.index(needle)
    return (start, start + len(needle))


def _record(**items: object) -> Record:
    return Record(doc="t", id=body_id(BODY), body=BODY, **items)  # type: ignore[arg-type]


GOOD = {
    "places": (
        Place(
            name="Bảo Lâm",
            level=Level.HUYEN,
            province="Cao Bằng",
            code=None,
            role=PlaceRole.EVENT,
            span=_span("Bảo Lâm"),
        ),
    ),
    "organizers": (Organizer(name="UBND huyện Bảo Lâm", span=_span("UBND huyện Bảo Lâm")),),
    "people": (
        Person(name="Hoàng Văn Sơn", titles=(), role=Role.PHAT_BIEU, span=_span("Hoàng Văn Sơn")),
    ),
    "figures": (Figure(value=120, unit="hộ", qualifier=None, span=_span("120 hộ")),),
    "documents": (
        Document(
            kind="Quyết định",
            symbol="15/QĐ-UBND",
            name=None,
            date=None,
            span=_span("Quyết định số 15/QĐ-UBND"),
        ),
    ),
}


@pytest.mark.parametrize("field", sorted(GOOD))
def test_record_assemble_keeps_items_whose_span_holds_them(field: str) -> None:
    assert getattr(assemble(_record(**{field: GOOD[field]})), field) == GOOD[field]


@pytest.mark.parametrize(
    ("field", "wrong"),
    [
        (
            "places",
            Place(
                name="Bảo Lâm",
                level=Level.HUYEN,
                province="Cao Bằng",
                code=None,
                role=PlaceRole.EVENT,
                span=_span("hội nghị"),
            ),
        ),
        ("organizers", Organizer(name="UBND huyện Bảo Lâm", span=_span("Ông Hoàng"))),
        (
            "people",
            Person(name="Hoàng Văn Sơn", titles=(), role=Role.PHAT_BIEU, span=_span("Sáng 3/6")),
        ),
        ("figures", Figure(value=120, unit="hộ", qualifier=None, span=_span("Quyết định"))),
        (
            "documents",
            Document(
                kind="Quyết định", symbol="15/QĐ-UBND", name=None, date=None, span=_span("hội nghị")
            ),
        ),
        (
            "people",
            Person(
                name="Hoàng Văn Sơn",
                titles=(),
                role=Role.PHAT_BIEU,
                span=(len(BODY) - 3, len(BODY) + 9),
            ),
        ),
    ],
)
def test_record_assemble_drops_items_whose_span_does_not_hold_them(
    field: str, wrong: object
) -> None:
    assert getattr(assemble(_record(**{field: (wrong,)})), field) == ()


def test_record_assemble_drops_award_counts_from_figures() -> None:
    award = Award(
        kind="Giấy khen",
        issuer="UBND huyện",
        collectives=4,
        individuals=18,
        span=_span("Giấy khen cho 4 tập thể và 18 tác giả"),
    )
    counts = (
        Figure(value=4, unit="tập thể", qualifier=None, span=_span("4 tập thể")),
        Figure(value=18, unit="tác giả", qualifier=None, span=_span("18 tác giả")),
    )
    record = assemble(_record(awards=(award,), figures=(*GOOD["figures"], *counts)))
    assert record.figures == GOOD["figures"]
    assert record.awards == (award,)
