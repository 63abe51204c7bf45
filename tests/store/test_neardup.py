"""Ingest's near-duplicate lookup agrees with ``dedup``: same signatures, same matches."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vnevents import dedup
from vnevents.store import neardup

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").iterdir())
# Written for this test: short, NFD, đ/Đ, punctuation-only and empty bodies.
BODIES = [
    "Sáng 12/5, Đảng ủy xã Tân Thành họp phiên thường kỳ.",
    unicodedata.normalize(
        "NFD", "Chiều 3/6, Hội Nông dân huyện tổ chức đại hội đại biểu lần thứ X."
    ),
    "Ba từ thôi",
    "...!!!",
    "",
]


@pytest.mark.parametrize("body", [*BODIES, *(p.read_text(encoding="utf-8") for p in EXAMPLES)])
def test_neardup_packed_signature_reads_back_as_dedup_signature(body: str) -> None:
    assert neardup.unpack(neardup.pack(dedup.signature(body))) == dedup.signature(body)


def test_neardup_band_index_finds_what_dedup_index_finds() -> None:
    bodies = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    ours, theirs = neardup.BandIndex(), dedup.NearDupIndex()
    found_ours, found_theirs = set(), set()
    for i, body in enumerate(bodies):
        sig = dedup.signature(body)
        found_ours |= {(j, i) for j in ours.query(sig)}
        found_theirs |= {(int(j), i) for j in theirs.query(sig)}
        ours.add(i, sig)
        theirs.add(str(i), sig)
    assert found_ours == found_theirs
    assert found_ours  # examples/ holds a re-published report
    assert len(ours) == len(bodies)
