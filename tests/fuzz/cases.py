"""The bad-input catalogue: inputs a crawl or a careless user hands over, by category, each with
what must happen to it, and one runner that pushes a batch through ``vnevents extract`` in a
subprocess and judges every case.

Used by tests/fuzz/test_bad_inputs.py (bounded sizes, ``SCALES["ci"]``) and by
benchmarks/bench_reliability.py (full sizes, with the counts). Every text here is written for
these tests; the good documents are the invented reports under ``examples/``.

A case passes when: the batch run ends within its time bound, with exit code 0 and no
traceback; a case expected to fail is named on stderr with its reason, one expected to give a
record gives one (with every span inside the body), ``either`` gives exactly one of the two;
every good document gives its record; no raw control character reaches stderr.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import random
import re
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

# Sizes per form: the CI form keeps every case but scales the big ones down (still past
# the 8 MB input bound where that is the point); the full form uses the sizes.
SCALES: dict[str, dict[str, int]] = {
    "ci": {
        "big_text": 12 << 20,
        "big_line": 10 << 20,
        "reps": 10_000,
        "stdin": 12 << 20,
        "random": 40,
        "attrs": 40_000,
        "budget": 3,
    },
    "full": {
        "big_text": 200 << 20,
        "big_line": 50 << 20,
        "reps": 100_000,
        "stdin": 200 << 20,
        "random": 400,
        "attrs": 200_000,
        "budget": 10,
    },
}

REPORT = (
    "Huyện Tân Lạc tổng kết công tác khuyến nông năm 2024\n"
    "Sáng 18/12, Trạm Khuyến nông huyện Tân Lạc tổ chức hội nghị tổng kết công tác năm 2024. "
    "Năm qua, trạm mở 42 lớp tập huấn cho hơn 1.300 lượt nông dân.\n"
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x9b]")


@dataclass
class Case:
    """One input and what must become of it."""

    category: str
    name: str  # file name in the batch folder (what stderr and the records name)
    data: bytes | None = None  # the file's bytes; None when ``setup`` makes it
    expect: str = "fail"  # "fail" | "record" | "either"
    reason: str | None = None  # a word the failure's reason must contain
    setup: Callable[[Path], None] | None = None  # makes an odd file (FIFO, link) in the folder
    args: list[str] = field(default_factory=list)  # extra paths on the command line
    stdin: bytes | None = None  # run alone with "-" and this standard input
    doc: str | None = None  # the record's document name, when not ``name`` (a JSON line's id)


def _utf16(text: str, codec: str, bom: bool = True) -> bytes:
    boms = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    return (boms[codec] if bom else b"") + text.encode(codec)


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese offices wrote it: base letters and combining tone marks."""
    return unicodedata.normalize("NFD", text).encode("cp1258", "replace")


def _mkfifo(name: str) -> Callable[[Path], None]:
    return lambda folder: os.mkfifo(folder / name)


def _symlink(name: str, target: str) -> Callable[[Path], None]:
    return lambda folder: os.symlink(target, folder / name)


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def encoding_cases(scale: dict[str, int], rng: random.Random) -> list[Case]:
    vi = REPORT
    cases = [
        Case("encodings", "utf16le.txt", _utf16(vi, "utf-16-le"), "record"),
        Case("encodings", "utf16be.txt", _utf16(vi, "utf-16-be"), "record"),
        Case("encodings", "utf16-nobom.txt", _utf16(vi, "utf-16-le", bom=False), reason="binary"),
        Case("encodings", "cp1258.txt", _cp1258(vi), reason="UTF-8"),
        Case(
            "encodings",
            "latin1.txt",
            "Hội nghị Đồng Nai".encode("utf-8").decode("latin-1").encode("latin-1")
            + "\xe9t\xe9 café ".encode("latin-1") * 40,
            reason="UTF-8",
        ),
        Case(
            "encodings",
            "mixed.txt",
            vi.encode() + _cp1258("Hội nghị") + vi.encode(),
            reason="UTF-8",
        ),
        Case("encodings", "nul-early.txt", b"\x00" + vi.encode(), reason="binary"),
        Case("encodings", "nul-late.txt", vi.encode() * 80 + b"\x00\x00" + vi.encode(), "either"),
        Case("encodings", "overlong.txt", b"H\xc0\xaf\xe0\x80\xaf" + vi.encode(), reason="UTF-8"),
        Case("encodings", "cesu-surrogate.txt", vi.encode() + b"\xed\xa0\x80", reason="UTF-8"),
        Case("encodings", "bom-then-text.txt", codecs.BOM_UTF8 + vi.encode(), "record"),
        Case("encodings", "crlf.txt", vi.replace("\n", "\r\n").encode(), "record"),
        Case("encodings", "cr-only.txt", vi.replace("\n", "\r").encode(), "either"),
        Case("encodings", "gzip-as-text.txt", _gz(vi.encode()), reason=""),
    ]
    for i in range(scale["random"]):
        size = rng.choice([1, 7, 64, 512, 4096, 65536])
        cases.append(Case("random bytes", f"random-{i:04d}.txt", rng.randbytes(size), "either"))
    return cases


def empty_cases() -> list[Case]:
    return [
        Case("empty bodies", "empty.txt", b"", reason="empty"),
        Case("empty bodies", "spaces.txt", b" \n\t\r\n   ", reason="empty"),
        Case("empty bodies", "bom-only.txt", codecs.BOM_UTF8, reason=""),
        Case(
            "empty bodies",
            "zero-width.txt",
            "\u200b\u200c\u200d\ufeff\u2060".encode() * 20,
            reason="no text",
        ),
        Case("empty bodies", "nbsp.txt", "\u00a0\u3000\u2003".encode() * 30, reason=""),
        Case(
            "empty bodies",
            "punctuation.txt",
            "... --- !!! ??? ,,, ;;; ()[]{} «» “” …".encode(),
            reason="no text",
        ),
        Case(
            "empty bodies",
            "one-line.txt",
            "Hội nghị tổng kết công tác năm 2024".encode(),
            reason="body",
        ),
        Case(
            "empty bodies",
            "title-and-furniture.txt",
            "Hội nghị tổng kết công tác năm 2024\nChia sẻ\nIn bài\n".encode(),
            "either",
        ),
        Case("empty bodies", "controls.txt", bytes(range(1, 9)) * 10, reason=""),
        Case(
            "empty bodies",
            "combining-only.txt",
            "\u0301\u0300\u0303\u0309\u0323".encode() * 10,
            "either",
        ),
    ]


def size_cases(scale: dict[str, int]) -> list[Case]:
    line = (
        "Sáng 3/4, hội nghị diễn ra tại hội trường UBND huyện. " * (scale["big_text"] // 50 + 1)
    ).encode()
    jsonl_line = json.dumps(
        {"id": "to", "text": "Hội nghị. " * (scale["big_line"] // 10 + 1)}, ensure_ascii=False
    ).encode()
    good_line = json.dumps({"id": "good-after-big", "text": REPORT}, ensure_ascii=False).encode()
    return [
        Case("sizes", "single-line-huge.txt", line[: scale["big_text"]], reason="too large"),
        Case("sizes", "just-over.txt", b"a" * (8 * 1024 * 1024 + 1), reason="too large"),
        Case("sizes", "big-line.jsonl", jsonl_line + b"\n" + good_line + b"\n", reason="too large"),
        Case(
            "sizes",
            "big-page.html",
            b"<html><body><p>" + line[: 9 << 20] + b"</p></body></html>",
            reason="too large",
        ),
    ]


def jsonl_cases() -> list[Case]:
    def one(
        name: str,
        line: str | bytes,
        expect: str = "fail",
        reason: str | None = None,
        doc: str | None = None,
    ) -> Case:
        data = line if isinstance(line, bytes) else line.encode("utf-8")
        return Case("JSON Lines", name, data + b"\n", expect, reason, doc=doc)

    good = json.dumps({"id": "ok", "text": REPORT}, ensure_ascii=False)
    return [
        one("array.jsonl", "[1, 2, 3]", reason="not an object"),
        one("number.jsonl", "42", reason="not an object"),
        one("string.jsonl", '"Hội nghị"', reason="not an object"),
        one("null.jsonl", "null", reason="not an object"),
        one("true.jsonl", "true", reason="not an object"),
        one("text-number.jsonl", '{"text": 12}', reason="text"),
        one("text-list.jsonl", '{"text": ["Hội nghị"]}', reason="text"),
        one("text-null.jsonl", '{"text": null}', reason="text"),
        one("text-object.jsonl", '{"text": {"a": 1}}', reason="text"),
        one("no-text.jsonl", '{"id": "x", "body": "Hội nghị"}', reason="text"),
        one("text-empty.jsonl", '{"text": ""}', reason="text"),
        one("text-spaces.jsonl", '{"text": "\\u200b \\t"}', reason=""),
        one("broken.jsonl", '{"text": "Hội nghị', reason="broken JSON"),
        one("trailing-comma.jsonl", '{"text": "x",}', reason="broken JSON"),
        one("deep.jsonl", "[" * 100_000 + "]" * 100_000, reason="JSON"),
        one("deep-object.jsonl", '{"a":' * 50_000 + "1" + "}" * 50_000, reason="JSON"),
        one("nan.jsonl", '{"text": NaN}', reason="text"),
        one("latin1.jsonl", '{"text": "caf\xe9"}'.encode("latin-1"), reason="UTF-8"),
        one(
            "surrogate.jsonl",
            json.dumps({"id": "lone-surrogate", "text": REPORT + "\ud800"}),
            "record",
            doc="lone-surrogate",
        ),
        one(
            "id-object.jsonl",
            json.dumps({"id": {"a": [1]}, "text": REPORT}, ensure_ascii=False),
            "record",
            doc="{'a': [1]}",
        ),
        one(
            "id-controls.jsonl",
            json.dumps({"id": "x\x1b[31m\x07y", "text": REPORT}, ensure_ascii=False),
            "record",
            doc="x\x1b[31m\x07y",
        ),
        one(
            "meta-not-dict.jsonl",
            json.dumps({"text": REPORT, "meta": [1], "url": 5}, ensure_ascii=False),
            "record",
            doc="meta-not-dict.jsonl:1",
        ),
        one("bom-first-line.jsonl", codecs.BOM_UTF8 + good.encode(), "record", doc="ok"),
        Case(
            "JSON Lines",
            "mixed.jsonl",
            "\n".join(
                [
                    good.replace('"ok"', '"m1"'),
                    "{oops",
                    "[]",
                    "",
                    "   ",
                    good.replace('"ok"', '"m2"'),
                ]
            ).encode()
            + b"\n",
            reason="broken JSON",
        ),
        Case("JSON Lines", "mixed.jsonl:3", reason="not an object"),
        Case("JSON Lines", "m1", expect="record"),
        Case("JSON Lines", "m2", expect="record"),
    ]


def filesystem_cases() -> list[Case]:
    cases = [
        Case("files", "fifo.txt", setup=_mkfifo("fifo.txt"), reason="FIFO"),
        Case("files", "fifo.jsonl", setup=_mkfifo("fifo.jsonl"), reason="FIFO"),
        Case("files", "fifo.warc.gz", setup=_mkfifo("fifo.warc.gz"), reason="FIFO"),
        Case("files", "loop.txt", setup=_symlink("loop.txt", "loop.txt"), reason="loop"),
        Case(
            "files", "dangling.txt", setup=_symlink("dangling.txt", "nowhere.txt"), reason="no such"
        ),
        Case("files", "dir-link", setup=_symlink("dir-link", "."), expect="none"),
        Case("files", "ctrl\x1b[31m\x07name.txt", REPORT.encode(), "record"),
        Case("files", "newline\nname.txt", REPORT.encode(), "record"),
        Case("files", "bidi\u202ename.txt", REPORT.encode(), "record"),
    ]
    if sys.platform.startswith("linux"):
        cases.append(
            Case(
                "files",
                "undecodable-\udcff.txt",
                REPORT.encode(),
                "record",
                doc="undecodable-\\xff.txt",
            )
        )
    for device, reason in (
        ("/dev/zero", "device"),
        ("/dev/null", "device"),
        ("/dev/urandom", "device"),
    ):
        if os.path.exists(device):
            cases.append(Case("files", device, args=[device], reason=reason))

    def unreadable(folder: Path) -> None:
        (folder / "unreadable.txt").write_bytes(REPORT.encode())
        os.chmod(folder / "unreadable.txt", 0)

    if os.geteuid() != 0:  # root reads everything
        cases.append(Case("files", "unreadable.txt", setup=unreadable, reason="ermission"))

    def empty_folder(folder: Path) -> None:
        (folder.parent / "empty-folder").mkdir()
        (folder.parent / "hidden-only").mkdir()
        (folder.parent / "hidden-only" / ".x.txt").write_bytes(REPORT.encode())

    cases.append(
        Case("files", "empty-folder", setup=empty_folder, reason="no files", args=["@empty-folder"])
    )
    cases.append(Case("files", "hidden-only", reason="no files", args=["@hidden-only"]))
    cases.append(Case("files", "missing.txt", args=["@missing.txt"], reason="no such"))
    return cases


def html_cases(scale: dict[str, int]) -> list[Case]:
    para = (
        "<p>Sáng 12/3, Ủy ban nhân dân huyện Hòa Vang tổ chức hội nghị sơ kết công tác quý I "
        "và triển khai nhiệm vụ quý II năm 2024 với sự tham dự của lãnh đạo các xã.</p>"
    )
    page = (
        "<html><head><title>Hòa Vang sơ kết quý "
        f"I</title></head><body><article>{para * 3}</article></body></html>"
    )
    attrs = " ".join(f'a{i}="{i}"' for i in range(scale["attrs"]))
    return [
        Case(
            "HTML",
            "attrs.html",
            f"<html><body><p {attrs}>x</p>{para * 3}</body></html>".encode(),
            "either",
        ),
        Case(
            "HTML",
            "nested.html",
            ("<div>" * 100_000 + para + "</div>" * 100_000).encode(),
            "either",
        ),
        Case(
            "HTML",
            "many-p.html",
            ("<html><body>" + "<p>a</p>" * 200_000 + para + "</body></html>").encode(),
            "either",
        ),
        Case("HTML", "comment.html", ("<!--" + "x" * 1_000_000 + page).encode(), "either"),
        Case(
            "HTML",
            "unclosed.html",
            ("<html><body><p>" + para * 3 + "<b><i><u>" * 1000).encode(),
            "either",
        ),
        Case(
            "HTML",
            "script-only.html",
            b"<html><body><script>alert(1)</script></body></html>",
            reason="main text",
        ),
        Case("HTML", "binary.html", bytes(range(256)) * 50, "either"),
        Case("HTML", "empty.html", b"", reason="empty"),
        Case(
            "HTML",
            "cp1258.html",
            page.replace("<head>", "<head><meta charset='windows-1258'>").encode(
                "cp1258", "replace"
            ),
            "either",
        ),
        Case("HTML", "nul.html", page.replace("<p>", "<p>\x00").encode(), "either"),
        Case(
            "HTML",
            "xxe.html",
            (
                '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "'
                + "x" * 1000
                + '">'
                + "".join(
                    f'<!ENTITY a{i} "&a{i - 1 if i else ""};&a{i - 1 if i else ""};">'
                    for i in range(20)
                )
                + "]>"
                + page.replace("<article>", "<article>&a19;")
            ).encode(),
            "either",
        ),
        Case(
            "HTML",
            "js-url.html",
            page.replace(
                "<head>", "<head><link rel='canonical' href='javascript:alert(1)'>"
            ).encode(),
            "record",
        ),
        Case("HTML", "good.html", page.encode(), "record"),
    ]


def pathological_cases(scale: dict[str, int]) -> list[Case]:
    """Repetitions aimed at every stage's patterns; a record or an overrun, within the budget."""
    n = scale["reps"]
    head = "Hội nghị tổng kết\nSáng 12/5, UBND tỉnh tổ chức hội nghị. "
    units = {
        "awards": "tặng Bằng khen cho 5 tập thể và ",
        "places": "tỉnh Lạng Sơn, huyện ",
        "people": "Đồng chí Nguyễn ",
        "titles": "Phó Chủ tịch UBND tỉnh ",
        "names": "Nguyễn Văn Khải, ",
        "dates": "ngày 12/5/2024 ",
        "date-fragments": "12/5/",
        "capitalised": "Lê Hà Bình Cao Đinh ",
        "numbers": "1.234.567,89 ",
        "figures": "hơn 1.200 tỷ đồng và ",
        "documents": "Nghị quyết số 57-NQ/TW ",
        "symbols": "57-NQ/",
        "organisers": "Ban Chỉ đạo huyện ",
        "parentheses": "(",
        "quotes": "“",
        "conjunctions": "và ",
        "long-word": "a",
        "dots": ". ",
        "newlines": "Hội nghị\n",
    }
    return [
        Case("pathological", f"{name}.txt", (head + unit * n).encode("utf-8")[: 8 << 20], "either")
        for name, unit in units.items()
    ]


def all_cases(form: str, seed: int = 7) -> list[Case]:
    scale = SCALES[form]
    rng = random.Random(seed)
    return [
        *encoding_cases(scale, rng),
        *empty_cases(),
        *size_cases(scale),
        *jsonl_cases(),
        *filesystem_cases(),
        *html_cases(scale),
    ]


def stdin_cases(form: str) -> list[Case]:
    scale = SCALES[form]
    good = json.dumps({"id": "std-ok", "text": REPORT}, ensure_ascii=False)
    return [
        Case("stdin", "<stdin>", stdin=b"Hoi nghi. " * (scale["stdin"] // 10), reason="too large"),
        Case("stdin", "<stdin>", stdin=b"", reason="empty"),
        Case("stdin", "<stdin>", stdin=bytes(range(256)) * 100, reason="binary"),
        Case("stdin", "<stdin>", stdin=_utf16(REPORT, "utf-16-le"), expect="record"),
        Case(
            "stdin",
            "<stdin>:2",
            stdin=(good + "\n{broken\n" + good.replace("std-ok", "std-ok-2") + "\n").encode(),
            reason="broken JSON",
        ),
        Case(
            "stdin",
            "<stdin>:1",
            stdin=(json.dumps({"text": "x" * (9 << 20)}) + "\n" + good + "\n").encode(),
            reason="too large",
        ),
        Case("stdin", "<stdin>", stdin=b" " * (9 << 20) + b"x", reason="too large"),
    ]


# --- running -------------------------------------------------------------------


@dataclass
class Verdict:
    """A case and what went wrong with it (empty: handled well)."""

    case: Case
    problems: list[str]
    seconds: float = 0.0


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    env.pop("COLUMNS", None)
    return env


def run_cli(
    args: list[str], *, stdin: bytes | None = None, timeout: float = 600, cwd: Path | None = None
) -> tuple[int, str, float]:
    """``vnevents ARGS`` in a fresh interpreter: (exit code, stderr, seconds)."""
    t0 = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "vnevents.cli", *args],
        input=stdin or b"",
        capture_output=True,
        timeout=timeout,
        env=_env(),
        cwd=cwd,
    )
    err = run.stderr.decode("utf-8", "backslashreplace")
    return run.returncode, err, time.monotonic() - t0


def span_problems(record: dict[str, Any]) -> list[str]:
    """Items whose span is not inside the body (or is empty)."""
    body = record.get("body") or ""
    bad = []
    for key, items in record.items():
        for item in (
            items if isinstance(items, list) else [items] if isinstance(items, dict) else []
        ):
            span = item.get("span") if isinstance(item, dict) else None
            if span is not None and not (0 <= span[0] < span[1] <= len(body)):
                bad.append(f"{key} span {span} outside a body of {len(body)}")
    return bad


def stderr_problems(err: str) -> list[str]:
    problems = []
    if "Traceback" in err:
        problems.append("traceback on stderr: " + err[err.index("Traceback") :][:300])
    if _CONTROL.search(err):
        problems.append(f"raw control character on stderr: {_CONTROL.search(err).group()!r}")  # type: ignore[union-attr]
    return problems


def _matches(line: str, name: str) -> bool:
    shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    escaped = re.sub(
        "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]",
        lambda m: f"\\x{ord(m.group()):02x}"
        if ord(m.group()) < 256
        else f"\\u{ord(m.group()):04x}",
        name,
    )
    return any(n and n in line for n in (name, shown, escaped, Path(escaped).name))


def expectation_problems(case: Case, named: list[str], made: list[dict[str, Any]]) -> list[str]:
    """What ``case`` got wrong against its expectation: ``named`` are the stderr lines that
    skip it, ``made`` the records made of it."""
    if case.expect == "fail":
        problems: list[str] = []
        if not named:
            problems.append("not reported on stderr")
        elif case.reason and not any(case.reason.lower() in line.lower() for line in named):
            problems.append(f"reason lacks {case.reason!r}: {named[0][:160]}")
        if made:
            problems.append(f"{len(made)} record(s) made of it")
        return problems
    if case.expect == "record" and not made:
        return ["no record" + (f" ({named[0][:160]})" if named else "")]
    if case.expect == "either" and not made and not named:
        return ["neither a record nor a reason"]
    if case.expect == "none" and (made or named):
        return ["should be passed over silently"]
    return []


def judge(
    cases: list[Case],
    good: list[str],
    records: list[dict[str, Any]],
    err: str,
    code: int,
    seconds: float,
    bound: float,
) -> list[Verdict]:
    """Each case's problems, from one run's records and stderr; the good documents too."""
    skipped = [line for line in err.splitlines() if line.startswith("skipped ")]
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        by_doc.setdefault(str(rec.get("doc")), []).append(rec)
    run_problems = stderr_problems(err)
    if code != 0:
        run_problems.append(f"exit code {code}")
    if seconds > bound:
        run_problems.append(f"took {seconds:.0f} s (bound {bound:.0f} s)")
    verdicts = []
    for case in cases:
        problems = list(run_problems)
        named = [line for line in skipped if _matches(line, case.name)]
        made = [
            r
            for doc, rs in by_doc.items()
            for r in rs
            if (doc == case.doc if case.doc is not None else _matches(doc, case.name))
        ]
        problems += expectation_problems(case, named, made)
        for rec in made:
            problems += span_problems(rec)
        verdicts.append(Verdict(case, problems, seconds))
    for name in good:
        problems = list(run_problems)
        made = by_doc.get(name, [])
        if len(made) != 1:
            problems.append(f"good document gave {len(made)} records")
        for rec in made:
            problems += span_problems(rec)
        verdicts.append(Verdict(Case("good documents", name, expect="record"), problems, seconds))
    return verdicts


def run_batch(
    cases: list[Case],
    folder: Path,
    *,
    time_limit: float,
    extra: list[str] | None = None,
    bound: float | None = None,
) -> list[Verdict]:
    """Write the cases and the example reports into ``folder``, extract it in one run, judge."""
    batch = folder / "batch"
    batch.mkdir(parents=True)
    good = sorted(p.name for p in EXAMPLES.iterdir() if p.is_file() and not p.name.startswith("."))
    for name in good:
        (batch / name).write_bytes((EXAMPLES / name).read_bytes())
    args: list[str] = []
    for case in cases:
        if case.setup is not None:
            case.setup(batch)
        elif case.data is not None:
            path = os.path.join(os.fsencode(batch), os.fsencode(case.name))
            with open(path, "wb") as f:
                f.write(case.data)
        for arg in case.args:
            args.append(str(folder / arg[1:]) if arg.startswith("@") else arg)
    out = folder / "out.jsonl"
    code, err, seconds = run_cli(
        [
            "extract",
            str(batch),
            *args,
            "-o",
            str(out),
            "--time-limit",
            str(time_limit),
            *(extra or []),
        ],
        timeout=(bound or 600) * 2,
    )
    (folder / "stderr.txt").write_text(err, encoding="utf-8")
    records = (
        [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        if out.exists()
        else []
    )
    good_docs = [
        json.loads((EXAMPLES / n).read_text(encoding="utf-8")).get("id", n)
        if n.endswith(".jsonl")
        else n
        for n in good
    ]
    return judge(cases, good_docs, records, err, code, seconds, bound or 600)


def run_stdin(case: Case, *, bound: float = 120) -> Verdict:
    """One standard-input case through ``vnevents extract -``."""
    code, err, seconds = run_cli(["extract", "-"], stdin=case.stdin, timeout=bound * 2)
    return (
        judge([case], [], [], err, code, seconds, bound)[0]
        if case.expect == "fail"
        else _stdin_record(case, err, code, seconds, bound)
    )


def _stdin_record(case: Case, err: str, code: int, seconds: float, bound: float) -> Verdict:
    problems = stderr_problems(err) + ([f"exit code {code}"] if code else [])
    if "skipped" in err:
        problems.append("reported: " + err[:160])
    return Verdict(case, problems, seconds)


def warc_bytes(
    records: list[tuple[str, str, bytes, str | None]], *, gz: bool
) -> tuple[bytes, list[int]]:
    """A WARC file: warcinfo, then (type, uri, payload, content type) records.

    Returns the file and each record's offset.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    offsets = [0]
    writer.write_record(writer.create_warcinfo_record("t.warc", {"software": "vnevents fuzz"}))
    for rec_type, uri, payload, ctype in records:
        offsets.append(buf.tell())
        if rec_type == "response":
            status = "301 Moved Permanently" if "redirect" in uri else "200 OK"
            http = StatusAndHeaders(
                status, [("Content-Type", ctype or "text/html")], protocol="HTTP/1.1"
            )
            rec = writer.create_warc_record(
                uri, rec_type, payload=io.BytesIO(payload), http_headers=http
            )
        else:
            rec = writer.create_warc_record(
                uri,
                rec_type,
                payload=io.BytesIO(payload),
                warc_content_type=ctype or "application/warc-fields",
            )
        writer.write_record(rec)
        rec.raw_stream.close()  # warcio builds the record in a temporary file it leaves open
    offsets.append(buf.tell())
    return buf.getvalue(), offsets


def crawl_records() -> list[tuple[str, str, bytes, str | None]]:
    """A small crawl: pages, an image, a request, metadata, a redirect, CSS, pages."""

    def page(title: str, n: int) -> bytes:
        return (
            f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(
                f"<p>Sáng 1{i}/3, Ủy ban nhân dân huyện Hòa Vang tổ chức hội nghị lần thứ {n}{i} "
                "với sự tham dự của lãnh đạo các xã trong huyện.</p>"
                for i in range(3)
            )
            + "</article></body></html>"
        ).encode()

    return [
        (
            "response",
            "https://hoavang.example/a.html",
            page("Hòa Vang sơ kết quý I", 1),
            "text/html; charset=utf-8",
        ),
        (
            "request",
            "https://hoavang.example/a.html",
            b"GET /a.html HTTP/1.1\r\nHost: hoavang.example\r\n\r\n",
            "application/http; msgtype=request",
        ),
        (
            "metadata",
            "https://hoavang.example/a.html",
            b"outlink: https://hoavang.example/b.html\r\n",
            None,
        ),
        (
            "response",
            "https://hoavang.example/logo.png",
            b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 30,
            "image/png",
        ),
        ("response", "https://hoavang.example/redirect", b"<html>moved</html>", "text/html"),
        (
            "response",
            "https://hoavang.example/b.html",
            page("Hòa Vang tập huấn dân vận", 2),
            "text/html",
        ),
        ("response", "https://hoavang.example/s.css", b"body{margin:0}" * 50, "text/css"),
        (
            "response",
            "https://hoavang.example/c.html",
            page("Hòa Vang khánh thành trường", 3),
            "text/html",
        ),
    ]
