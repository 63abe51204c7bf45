"""The whole pipeline: invariants (hypothesis) and the seeds as golden records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vnevents import extract, to_json
from vnevents.record import span_holds
from vnevents.score import FIELDS, canon, read_jsonl, score

# Text that looks like a report: Vietnamese words, numbers, dates, punctuation, furniture.
_PIECES = st.sampled_from(
    [
        "Sáng 8/12, ",
        "Ban Chỉ đạo 35 ",
        "tỉnh Lạng Sơn ",
        "tổ chức hội nghị tổng kết ",
        "năm 2022. ",
        "đồng chí Nguyễn Văn Khải, Phó Chủ tịch UBND tỉnh ",
        "chủ trì. ",
        "2.853 bài viết, ",
        "1,5 tỷ đồng ",
        "95% ",
        "Nghị quyết số 35-NQ/TW ngày 2/4/2021 ",
        "tặng Giấy khen cho 13 tập thể, 9 cá nhân ",
        "\n",
        "\n\n",
        "Tin khác\n",
        "680 lượt xem\n",
        "anh tin bai\n",
        "Uỷ ban ",
        "hoà ",
        "(",
        ")",
        "–",
        "…",
    ]
)
report_like = st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=40).map("".join)


def _check_spans(text: str) -> None:
    record = extract(text)
    out = to_json(record)
    body = out["body"]
    for field in ("places", "organizers", "people", "figures", "documents", "awards"):
        for item in out[field]:
            start, end = item["span"]
            assert 0 <= start < end <= len(body), (field, item)
    for item in (*record.places, *record.people, *record.figures, *record.documents):
        assert span_holds(record.body, item)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like)
def test_pipeline_never_raises_and_spans_lie_in_body(text: str) -> None:
    _check_spans(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_pipeline_never_raises_on_arbitrary_text(text: str) -> None:
    _check_spans(text)


def test_pipeline_is_deterministic() -> None:
    text = (
        "Hội nghị tổng kết năm 2023\nSáng 5/1, UBND huyện Tam Đảo tổ chức hội nghị tổng kết năm "
        "2023."
    )
    assert to_json(extract(text, doc="a")) == to_json(extract(text, doc="a"))


def test_pipeline_output_strings_are_normalised() -> None:
    text = (
        "Uỷ ban nhân dân tỉnh tổng kết năm 2023\nSáng 5/1, Uỷ ban nhân dân tỉnh Hoà Bình tổ chức "
        "hội nghị."
    )
    out = json.dumps(to_json(extract(text)), ensure_ascii=False)
    assert "Uỷ" not in out and "Hoà" not in out


def _seed_cases(shared: Path) -> list[tuple[dict, str]]:
    return [
        (g, (shared / "seeds" / g["doc"]).read_text(encoding="utf-8"))
        for g in read_jsonl(shared / "gold" / "seeds.jsonl")
    ]


@pytest.mark.parametrize("field", FIELDS)
def test_pipeline_seeds_golden(shared: Path, field: str) -> None:
    cases = _seed_cases(shared)
    preds = [to_json(extract(text, doc=g["doc"])) for g, text in cases]
    report = score(preds, [g for g, _ in cases])
    assert report.fields[field].score == 1.0, (field, report.as_dict()["fields"][field])


def test_pipeline_seeds_metadata(shared: Path) -> None:
    for gold, text in _seed_cases(shared):
        rec = to_json(extract(text, doc=gold["doc"]))
        assert canon(rec["author"]) == canon(gold["author"]), gold["doc"]
        assert rec["source"] == gold["source"], gold["doc"]


@pytest.mark.parametrize("text", ["\ufeff", "   \n\t ", "\u200b\u200b", "…!!! ---", "Tin khác"])
def test_pipeline_extract_many_reports_a_text_without_body(text: str) -> None:
    from vnevents.pipeline import Failure, InputDoc, extract_many

    (result,) = extract_many([InputDoc(text=text, doc="empty.txt")])
    assert isinstance(result, Failure) and result.doc == "empty.txt" and "no body" in result.reason


def test_pipeline_extract_many_passes_failures_through_and_keeps_order() -> None:
    from vnevents.pipeline import Failure, InputDoc, extract_many

    failure = Failure("broken.txt", "not UTF-8 text")
    good = InputDoc(text="Sáng 3/6, UBND huyện tổ chức hội nghị tổng kết năm 2025.", doc="good.txt")
    results = list(extract_many([good, failure, good]))
    assert [type(r).__name__ for r in results] == ["Record", "Failure", "Record"]
    assert results[1] is failure
