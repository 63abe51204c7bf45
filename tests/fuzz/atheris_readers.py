"""Coverage-guided fuzzing of the readers with atheris: bytes in, documents or failures out, never
an exception, every span of a record inside its body.

    python tests/fuzz/atheris_readers.py -runs=20000 -max_len=4096 [corpus dir]

Run by tests/fuzz/test_properties.py (a few thousand runs) and by benchmarks/bench_reliability.py.
Each input's first byte picks the reader: text, JSON Lines, HTML, WARC, gzip-compressed WARC.
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports():
    from vnevents import budget
    from vnevents.pipeline import Failure, InputDoc
    from vnevents.readers import decode, read_jsonl
    from vnevents.readers_web import html_doc, read_warc, tame

READERS = ("text", "jsonl", "html", "warc", "warc.gz")
# A text budget small enough that a slow input shows up as a failure, not a stall.
SECONDS = 2.0


def _check(item: object) -> None:
    if isinstance(item, Failure):
        assert isinstance(item.reason, str) and item.reason
        return
    assert isinstance(item, InputDoc)
    result = budget.run_one(item, SECONDS)
    if isinstance(result, Failure):
        return
    body = result.body
    for field in ("places", "organizers", "people", "figures", "documents", "awards"):
        for thing in getattr(result, field):
            start, end = thing.span
            assert 0 <= start < end <= len(body), (field, thing.span, len(body))


def one_input(data: bytes) -> None:
    if not data:
        return
    kind, payload = READERS[data[0] % len(READERS)], data[1:]
    if kind == "text":
        text = decode(payload, "fuzz.txt")
        _check(text if isinstance(text, Failure) else InputDoc(text=text, doc="fuzz.txt"))
    elif kind == "jsonl":
        for item in read_jsonl(io.BytesIO(payload), "fuzz.jsonl"):
            _check(item)
    elif kind == "html":
        tame(payload)
        _check(html_doc(payload, "fuzz.html"))
    else:
        name = "fuzz.warc.gz" if kind == "warc.gz" else "fuzz.warc"
        items = list(read_warc(io.BytesIO(payload), name, size=len(payload)))
        corrupt = [
            i for i in items if isinstance(i, Failure) and i.reason.startswith("corrupt WARC")
        ]
        assert len(corrupt) <= 1 and (not corrupt or items[-1] is corrupt[0])
        for item in items:
            _check(item)


def main() -> None:
    budget.warm_up()
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
