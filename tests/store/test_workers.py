"""workers: the same records in the same order with or without worker processes;
small inputs stay in process; a worker outlives no killed ingest."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from vnevents.pipeline import Failure, InputDoc
from vnevents.store import workers

REPORT = ("Huyện {n} tổng kết công tác khuyến học năm 2024\n"
          "Sáng 18/12, Hội Khuyến học huyện {n} tổ chức hội nghị tổng kết năm 2024. "
          "Năm qua, hội trao {k} suất học bổng cho học sinh nghèo vượt khó.\n")
NAMES = ["Tam Dương", "Lập Thạch", "Sông Lô", "Yên Lạc", "Vĩnh Tường", "Bình Xuyên", "Tam Đảo"]


def _docs(n: int) -> list[InputDoc | Failure]:
    docs: list[InputDoc | Failure] = [
        InputDoc(text=REPORT.format(n=NAMES[i % len(NAMES)], k=100 + i), doc=f"bao-cao-{i}.txt")
        for i in range(n)
    ]
    docs.insert(n // 2, Failure("hong.txt", "invalid UTF-8"))
    return docs


@pytest.mark.parametrize("n", [9])
def test_workers_pool_gives_the_in_process_records_in_order(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
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

    monkeypatch.setattr(workers, "ProcessPoolExecutor", no_pool)
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
        "    docs = [InputDoc(text='Hội nghị tổng kết năm 2024 của huyện.', doc=str(i)) for i in range(400)]\n"
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
