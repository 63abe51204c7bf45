"""workers: the same records in the same order with or without worker processes;
small inputs stay in process; a worker outlives no killed ingest; a document that overstays
its time (in Python, or in C where no signal reaches) or kills its worker becomes a failure
and the rest goes on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from vnevents.pipeline import Failure, InputDoc
from vnevents.store import workers

REPORT = (
    "Huyện {n} tổng kết công tác khuyến học năm 2024\n"
    "Sáng 18/12, Hội Khuyến học huyện {n} tổ chức hội nghị tổng kết năm 2024. "
    "Năm qua, hội trao {k} suất học bổng cho học sinh nghèo vượt khó.\n"
)
NAMES = ["Tam Dương", "Lập Thạch", "Sông Lô", "Yên Lạc", "Vĩnh Tường", "Bình Xuyên", "Tam Đảo"]


def _docs(n: int) -> list[InputDoc | Failure]:
    docs: list[InputDoc | Failure] = [
        InputDoc(text=REPORT.format(n=NAMES[i % len(NAMES)], k=100 + i), doc=f"bao-cao-{i}.txt")
        for i in range(n)
    ]
    docs.insert(n // 2, Failure("hong.txt", "invalid UTF-8"))
    return docs


@pytest.mark.parametrize("n", [9])
def test_workers_pool_gives_the_in_process_records_in_order(
    monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    monkeypatch.setattr(workers, "POOL_MIN_DOCS", 2)
    monkeypatch.setattr(workers, "CHUNK_DOCS", 2)
    here = list(workers.records(_docs(n), workers=0))
    pooled = list(workers.records(_docs(n), workers=1))
    assert pooled == here
    assert [r.doc if isinstance(r, Failure) else r["doc"] for r in pooled] == [
        d.doc for d in _docs(n)
    ]
    assert sum(isinstance(r, Failure) for r in pooled) == 1


@pytest.mark.parametrize("n", [0, 3])
def test_workers_small_input_stays_in_process(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker process was started for a small input")

    monkeypatch.setattr(workers, "Pool", no_pool)
    assert len(list(workers.records(_docs(n), workers=2))) == n + 1


def _alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_workers_exit_when_the_ingest_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "killed.py"
    script.write_text(
        "import multiprocessing, os, signal\n"
        "from vnevents.pipeline import InputDoc\n"
        "from vnevents.store import workers\n"
        "if __name__ == '__main__':  # spawned workers import this file again\n"
        "    workers.POOL_MIN_DOCS = 1\n"
        "    docs = [InputDoc(text='Hội nghị tổng kết năm 2024 của huyện.', doc=str(i)) for i in "
        "range(400)]\n"
        "    items = workers.records(docs, workers=1)\n"
        "    next(items)\n"
        "    print(' '.join(str(p.pid) for p in multiprocessing.active_children()), flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n",
        encoding="utf-8",
    )
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert run.returncode == -9
    pids = [int(p) for p in run.stdout.split()]
    assert pids, "no worker process was started"
    deadline = time.monotonic() + 10 * workers.PARENT_CHECK_SECONDS
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_alive, pids))


@dataclass(frozen=True)
class Hostile:
    """An input item whose parsing misbehaves (``budget.run_one`` calls ``parse()``)."""

    doc: str
    how: str  # "loop": a Python loop; "c": a wait no signal interrupts; "exit": the process dies

    def parse(self) -> InputDoc:
        if self.how == "loop":
            while True:
                pass
        if self.how == "c":
            # As a C routine holding the GIL would: the alarm cannot be delivered.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGPROF})
            time.sleep(3600)
        os._exit(3)


def _mixed(hostile: Hostile, n: int = 6) -> list[object]:
    docs: list[object] = list(_docs(n))
    docs.insert(3, hostile)
    return docs


def _names(items: list[object]) -> list[str]:
    return [r.doc if isinstance(r, Failure) else r["doc"] for r in items]  # type: ignore[index, union-attr]


@pytest.mark.parametrize(
    ("how", "reason"),
    [
        ("loop", "took longer than 1 s"),
        ("c", "took longer than 1 s"),
        ("exit", "worker process died (exit code 3)"),
    ],
)
def test_workers_hostile_document_fails_alone(
    monkeypatch: pytest.MonkeyPatch, how: str, reason: str
) -> None:
    monkeypatch.setattr(workers, "KILL_GRACE_SECONDS", 1.0)
    docs = _mixed(Hostile("doc-xau", how))
    t0 = time.monotonic()
    out = list(workers.records(docs, workers=2, seconds=1.0, min_docs=0))
    assert time.monotonic() - t0 < 60
    assert _names(out) == [getattr(d, "doc") for d in docs]  # one result per item, in order
    (failure,) = [r for r in out if isinstance(r, Failure) and r.doc == "doc-xau"]
    assert failure.reason == reason
    assert sum(not isinstance(r, Failure) for r in out) == 6, [
        r for r in out if isinstance(r, Failure)
    ]


def test_workers_python_loop_is_stopped_in_process() -> None:
    out = list(workers.records(_mixed(Hostile("vong-lap", "loop")), workers=0, seconds=0.5))
    assert [r.reason for r in out if isinstance(r, Failure) and r.doc == "vong-lap"] == [
        "took longer than 0.5 s"
    ]
    assert sum(not isinstance(r, Failure) for r in out) == 6, [
        r for r in out if isinstance(r, Failure)
    ]


@pytest.mark.parametrize("n", [300])
def test_workers_large_documents_do_not_deadlock_the_pipes(tmp_path: Path, n: int) -> None:
    """Chunks and results far larger than a pipe's buffer flow both ways at once."""
    script = tmp_path / "big.py"
    script.write_text(
        "from vnevents.pipeline import InputDoc\n"
        "from vnevents.store import workers\n"
        "if __name__ == '__main__':\n"
        "    para = 'Sáng 12/5, UBND huyện Tân Lạc tổ chức hội nghị tổng kết công tác năm 2024. '"
        " * 400\n"
        "    docs = [InputDoc(text='Tiêu đề ' + str(i) + '\\n' + para, doc=str(i)) "
        f"for i in range({n})]\n"
        "    out = list(workers.records(docs, workers=2, min_docs=0))\n"
        "    print(len(out), sum(isinstance(r, dict) for r in out), "
        "[r['doc'] for r in out] == [str(i) for i in range(len(docs))])\n",
        encoding="utf-8",
    )
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert run.stdout.split() == [str(n), str(n), "True"], run.stderr[-2000:]
