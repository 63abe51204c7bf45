"""Properties of the readers and the time-boxed extraction, over generated inputs (hypothesis),
a WARC cut at every byte, and coverage-guided fuzzing (atheris): never an exception, every
failure a reason, every span inside its body, every cut WARC reported where it breaks."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cases as catalogue
from vnevents import budget
from vnevents.pipeline import Failure, InputDoc
from vnevents.readers import decode, read_jsonl
from vnevents.readers_web import RawPage, read_warc_pages, tame

pytestmark = pytest.mark.fuzz

FULL = os.environ.get("VNEVENTS_FUZZ") == "full"
EXAMPLES = 2000 if FULL else 150
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
# Vietnamese letters, digits, punctuation and the odd characters crawls carry.
VI_TEXT = st.text(
    alphabet=st.sampled_from(
        list(
            'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY0123456789 .,;:/-–()"“”%\n\t'
            "áàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ\u200b\u00a0\ufeff\x00\x1b\u202e"
        )
    ),
    max_size=3000,
)


def _spans_inside(result: object) -> None:
    if isinstance(result, Failure):
        assert result.reason
        return
    body = result.body  # type: ignore[attr-defined]
    assert any(c.isalnum() for c in body)
    for field in ("places", "organizers", "people", "figures", "documents", "awards"):
        for item in getattr(result, field):
            assert 0 <= item.span[0] < item.span[1] <= len(body)


@PROPERTY
@given(st.one_of(VI_TEXT, st.text(max_size=2000)))
def test_properties_run_one_never_raises_and_spans_stay_inside(text: str) -> None:
    _spans_inside(budget.run_one(InputDoc(text=text, doc="t"), seconds=5))


@PROPERTY
@given(st.binary(max_size=4000))
def test_properties_decode_gives_text_or_a_reason(data: bytes) -> None:
    out = decode(data, "b.txt")
    assert (
        isinstance(out, Failure)
        and out.reason
        or isinstance(out, str)
        and any(c.isalnum() for c in out)
    )


@PROPERTY
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=300),
            st.dictionaries(
                st.text(max_size=8),
                st.one_of(
                    st.text(max_size=200),
                    st.integers(),
                    st.none(),
                    st.lists(st.integers(), max_size=3),
                ),
                max_size=5,
            ).map(lambda d: __import__("json").dumps(d).encode()),
        ),
        max_size=12,
    )
)
def test_properties_jsonl_one_item_per_line(lines: list[bytes]) -> None:
    lines = [line.replace(b"\n", b" ") for line in lines]
    data = b"\n".join(lines) + b"\n"
    items = list(read_jsonl(io.BytesIO(data), "x.jsonl"))
    assert len(items) == sum(1 for line in lines if line.strip())
    for item in items:
        assert (
            isinstance(item, Failure)
            and item.reason
            or isinstance(item, InputDoc)
            and isinstance(item.text, str)
        )


@PROPERTY
@given(
    st.text(max_size=300).map(lambda t: t.replace("<", "").replace(">", "")),
    st.integers(min_value=0, max_value=20_000),
)
def test_properties_tame_cuts_only_long_tags(inner: str, n: int) -> None:
    from vnevents.readers_web import MAX_TAG_CHARS

    html = f"<p {'a' * n}>{inner}</p>"
    expected = f"<p>{inner}</p>" if n + 1 >= MAX_TAG_CHARS else html
    assert tame(html) == expected
    assert tame(html.encode()) == expected.encode()


def _cut_trials(gz: bool, cuts: list[int] | None) -> list[str]:
    data, offsets = catalogue.warc_bytes(catalogue.crawl_records(), gz=gz)
    record_ends = offsets[1:]
    problems = []
    positions = range(1, len(data)) if cuts is None else cuts
    for cut in positions:
        items = list(
            read_warc_pages(io.BytesIO(data[:cut]), "c.warc.gz" if gz else "c.warc", size=cut)
        )
        corrupt = [
            i for i in items if isinstance(i, Failure) and i.reason.startswith("corrupt WARC")
        ]
        whole = [o for o, end in zip(offsets[:-1], record_ends) if end <= cut]
        pages = [i for i in items if isinstance(i, RawPage)]
        if cut in record_ends:
            if corrupt:
                problems.append(f"cut {cut} at a record boundary reported as corrupt")
        elif len(corrupt) != 1 or items[-1] is not corrupt[0]:
            problems.append(f"cut {cut}: {len(corrupt)} corrupt reports")
        kept = {int(p.doc.rsplit("@", 1)[1]) for p in pages}
        expected = {o for o in whole if o in _html_offsets(offsets)}
        if not expected <= kept:
            problems.append(f"cut {cut}: pages before the cut lost ({sorted(expected - kept)})")
    return problems


def _html_offsets(offsets: list[int]) -> set[int]:
    kinds = catalogue.crawl_records()
    return {
        offsets[i + 1]
        for i, (t, uri, _, ctype) in enumerate(kinds)
        if t == "response" and "redirect" not in uri and (ctype or "").startswith("text/html")
    }


@pytest.mark.parametrize("gz", [False, True])
def test_properties_warc_cut_anywhere_is_reported_and_keeps_what_came_before(gz: bool) -> None:
    data, _ = catalogue.warc_bytes(catalogue.crawl_records(), gz=gz)
    cuts = None if FULL else sorted(random.Random(5).sample(range(1, len(data)), 300))
    assert _cut_trials(gz, cuts) == []


@pytest.mark.skipif(sys.platform != "linux", reason="atheris runs on Linux")
def test_properties_atheris_finds_no_crash(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="atheris is not installed (test extra)")
    script = Path(__file__).with_name("atheris_readers.py")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    run = subprocess.run(
        [
            sys.executable,
            str(script),
            f"-runs={200_000 if FULL else 3000}",
            "-max_len=4096",
            "-seed=1",
            f"-artifact_prefix={tmp_path}/",
        ],
        capture_output=True,
        text=True,
        timeout=3600,
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Done" in run.stderr
