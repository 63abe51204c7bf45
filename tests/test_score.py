"""The FORMAT.md scorer."""

from __future__ import annotations

import pytest

from vnevents.score import canon, score

GOLD = {
    "doc": "a",
    "title": "Hội nghị tổng kết",
    "published": "2022-12-08T16:03:01",
    "event": {"type": "tong_ket", "date": "--12-08"},
    "places": [{"name": "Lạng Sơn", "level": "tinh", "role": "event"}],
    "people": [{"name": "Nguyễn Văn Khải", "role": "chu_tri"}],
    "figures": [{"value": 2853, "unit": "bài viết"}],
    "documents": [{"kind": "Nghị quyết", "symbol": "35-NQ/TW", "name": None}],
    "awards": [{"kind": "Giấy khen", "collectives": 13, "individuals": 13}],
}


def test_score_perfect_prediction_is_one() -> None:
    assert score([GOLD], [GOLD]).headline == 1.0


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        ({"title": "hội  nghị TỔNG kết"}, "title", 1.0),  # case and spaces fold
        ({"published": "2022-12-08"}, "published", 1.0),  # date part only
        ({"event": {"type": "tong_ket", "date": "2022-12-08"}}, "event.date", 1.0),  # --MM-DD gold
        ({"places": []}, "places", 0.0),
        (
            {
                "places": [
                    {"name": "Lạng Sơn", "level": "tinh", "role": "event"},
                    {"name": "Cao Lộc", "level": "huyen", "role": "event"},
                ]
            },
            "places",
            0.0,
        ),
        ({"figures": [{"value": 2853.0, "unit": "bài báo"}]}, "figures", 1.0),  # first syllable
        ({"people": [{"name": "Nguyễn Văn Khải", "role": "du"}]}, "people+role", 0.0),
    ],
)
def test_score_field_rules(change: dict, field: str, expected: float) -> None:
    assert score([GOLD | change], [GOLD]).fields[field].score == expected


def test_score_extra_items_count_as_false_positives() -> None:
    gold = GOLD | {"figures": []}
    pred = GOLD | {"figures": [{"value": 1, "unit": "người"}]}
    counts = score([pred], [gold]).fields["figures"]
    assert counts.fp == 1 and counts.score == 0.0


def test_score_missing_prediction_is_reported() -> None:
    report = score([], [GOLD])
    assert report.missing == ["a"]


def test_score_canon_uses_modern_tone_marks() -> None:
    assert canon("Uỷ Ban") == canon("ủy ban")
