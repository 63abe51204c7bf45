"""Crash trials for ``vnevents ingest``: SIGKILL at random moments and resume, two ingests at
once, an ingest while ``serve`` answers searches, a full disk. Each trial compares the database
with an uninterrupted run's (``snapshot``): same articles, sources and items, nothing twice.

Used by tests/fuzz/test_crash.py (small inputs) and benchmarks/bench_reliability.py (5,000
documents, 30+ kills). Runs the real command in subprocesses.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("VNEVENTS_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "articles.jsonl"
# Columns that record when, not what: they differ between any two runs.
WHEN = {"ingested_at", "seen_at"}


def env() -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), out.get("PYTHONPATH", "")])
    return out


def make_input(path: Path, n: int, tag: str = "") -> Path:
    """``n`` documents as JSON Lines: the corpus's first ``n`` when ../shared is there, else the
    example reports, each copy with a numbered sentence so none is a duplicate of another.
    With a ``tag``, every text gets a sentence of its own (new content hashes: an ingest of
    them writes, where the same corpus texts would all be duplicates)."""
    lines: list[str] = []
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as f:
            for line in f:
                if len(lines) >= n:
                    break
                obj = json.loads(line)
                text = obj["text"] + (f"\nGhi chú {tag} số {len(lines)}." if tag else "")
                lines.append(
                    json.dumps(
                        {"id": f"{obj.get('id')}{tag}", "url": obj.get("url"), "text": text},
                        ensure_ascii=False,
                    )
                )
    examples = sorted((ROOT / "examples").glob("*.txt"))
    i = 0
    while len(lines) < n:
        text = examples[i % len(examples)].read_text(encoding="utf-8")
        if i >= len(examples):
            text += (
                f"\nBản tin số {i}: các đơn vị báo cáo kết quả thực hiện nhiệm vụ thứ {i * 7 + 3}."
            )
        lines.append(json.dumps({"id": f"ex-{i}", "text": text}, ensure_ascii=False))
        i += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingest_cmd(src: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "vnevents.cli", "ingest", str(src), "--db", str(db), *extra]


def ingest(
    src: Path, db: Path, *extra: str, timeout: float = 1800
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ingest_cmd(src, db, *extra), capture_output=True, text=True, env=env(), timeout=timeout
    )


def snapshot(db: Path) -> dict[str, Counter[tuple[Any, ...]]]:
    """Every table's rows as a multiset, article rowids replaced by the article's content hash
    (rowids may differ between runs), timestamps left out; and what the full-text index finds."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        ids = dict(conn.execute("SELECT aid, id FROM articles"))
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                "'articles_fts%' AND name NOT LIKE 'sqlite_%' AND name != '_migrations'"
            )
        ]
        out: dict[str, Counter[tuple[Any, ...]]] = {}
        for table in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in WHEN]
            rows = conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            if "aid" in cols:
                k = cols.index("aid")
                rows = [(*r[:k], ids.get(r[k], f"orphan {r[k]}"), *r[k + 1 :]) for r in rows]
            out[table] = Counter(rows)
        for word in ("hoi", "nghi", "tong", "ket", "huyen", "tinh", "nam"):
            hits = conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
                (f'{{ftitle fbody}} : "{word}"',),
            ).fetchall()
            out[f"fts:{word}"] = Counter((ids.get(r[0], f"orphan {r[0]}"),) for r in hits)
        return out
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(str(db))
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def differences(a: dict[str, Counter[Any]], b: dict[str, Counter[Any]]) -> list[str]:
    """What differs between two snapshots, one line per table (empty: the same database)."""
    out = []
    for table in sorted(set(a) | set(b)):
        x, y = a.get(table, Counter()), b.get(table, Counter())
        if x != y:
            out.append(
                f"{table}: {sum((x - y).values())} rows only in the first, "
                f"{sum((y - x).values())} only in the second"
            )
    return out


def duplicates(db: Path) -> int:
    """Articles stored twice (the same body) and sources recorded twice."""
    conn = sqlite3.connect(str(db))
    try:
        dup = conn.execute("SELECT count(*) - count(DISTINCT body) FROM articles").fetchone()[0]
        dup += conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM sources GROUP BY hash, ifnull(doc, ''), "
            "ifnull(url, '') HAVING count(*) > 1)"
        ).fetchone()[0]
        return int(dup)
    finally:
        conn.close()


@dataclass
class KillReport:
    kills: int = 0
    chains: int = 0
    bad_integrity: list[str] = field(default_factory=list)
    losses: list[str] = field(
        default_factory=list
    )  # final databases that differ from the reference
    tracebacks: list[str] = field(default_factory=list)
    orphans: int = 0  # worker processes alive after their ingest was killed
    moments: list[float] = field(default_factory=list)


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def kill_trials(
    src: Path,
    folder: Path,
    reference: dict[str, Counter[Any]],
    *,
    chains: int,
    kills_per_chain: int,
    full_seconds: float,
    seed: int = 11,
) -> KillReport:
    """``chains`` times: ingest into a fresh database, SIGKILL it ``kills_per_chain`` times at
    random moments (checking integrity after each), then let it finish and compare."""
    rng = random.Random(seed)
    report = KillReport()
    for chain in range(chains):
        db = folder / f"kill-{chain}.db"
        for _ in range(kills_per_chain):
            moment = rng.uniform(0.05, full_seconds)
            proc = subprocess.Popen(
                ingest_cmd(src, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env()
            )
            time.sleep(moment)
            workers = _children(proc.pid)
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate()
            report.kills += 1
            report.moments.append(moment)
            if "Traceback" in (text := err.decode("utf-8", "replace")):
                report.tracebacks.append(text[text.index("Traceback") :][-600:])
            deadline = time.monotonic() + 10
            while any(map(_alive, workers)) and time.monotonic() < deadline:
                time.sleep(0.1)
            report.orphans += sum(map(_alive, workers))
            if db.exists() and (result := integrity(db)) != "ok":
                report.bad_integrity.append(f"chain {chain} after {moment:.1f} s: {result}")
        run = ingest(src, db)
        if "Traceback" in run.stderr:
            report.tracebacks.append(run.stderr[-600:])
        if run.returncode != 0:
            report.losses.append(
                f"chain {chain}: resume exited {run.returncode}: {run.stderr[-300:]}"
            )
            continue
        if (result := integrity(db)) != "ok":
            report.bad_integrity.append(f"chain {chain} final: {result}")
        diff = differences(snapshot(db), reference)
        if diff or duplicates(db):
            report.losses.append(
                f"chain {chain}: {'; '.join(diff) or ''} {duplicates(db)} duplicates"
            )
        report.chains += 1
    return report


@dataclass
class RaceReport:
    runs: int = 0
    failures: list[str] = field(default_factory=list)


def concurrent_trials(
    src: Path, folder: Path, reference: dict[str, Counter[Any]], runs: int
) -> RaceReport:
    """``runs`` times: two ingests of ``src`` started together into a fresh database; both must
    succeed and the result equal the reference."""
    report = RaceReport()
    for i in range(runs):
        db = folder / f"race-{i}.db"
        procs = [
            subprocess.Popen(
                ingest_cmd(src, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env()
            )
            for _ in range(2)
        ]
        outs = [p.communicate()[1].decode("utf-8", "replace") for p in procs]
        report.runs += 1
        for p, err in zip(procs, outs, strict=True):
            if p.returncode != 0 or "Traceback" in err:
                report.failures.append(f"run {i}: exit {p.returncode}: {err.strip()[-300:]}")
        if not report.failures or not report.failures[-1].startswith(f"run {i}:"):
            diff = differences(snapshot(db), reference)
            if diff or duplicates(db) or integrity(db) != "ok":
                report.failures.append(f"run {i}: {'; '.join(diff)}; {duplicates(db)} duplicates")
    return report


@dataclass
class ServeReport:
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    ingest_ok: bool = False

    def percentile(self, p: float) -> float:
        ms = sorted(t * 1000 for t in self.latencies)
        return ms[min(len(ms) - 1, round(p * (len(ms) - 1)))] if ms else 0.0

    def summary(self) -> str:
        if not self.latencies:
            return "no request answered"
        return (
            f"{self.requests} searches, {len(self.errors)} errors, p50 "
            f"{statistics.median(self.latencies) * 1000:.0f} ms, "
            f"p95 {self.percentile(0.95):.0f} ms, max {max(self.latencies) * 1000:.0f} ms"
        )


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    """``vnevents serve`` on a free port; returns the process and its base URL once it answers."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "vnevents.cli",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env(),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/api/aggregates", timeout=5):
                return proc, base
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"serve exited: {proc.stderr.read().decode()[-500:]}")  # type: ignore[union-attr]
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("serve did not answer within 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    if proc.stderr:
        proc.stderr.close()


QUERIES = [
    "hoi nghi",
    "tong ket",
    "kinh tế",
    "dang uy",
    "nông thôn",
    "chuyen doi so",
    "y te",
    "giáo dục",
]


def ingest_while_serving(src: Path, seed_src: Path, folder: Path, clients: int = 4) -> ServeReport:
    """Serve a database while an ingest writes more into it; clients search all along."""
    db = folder / "serve.db"
    first = ingest(seed_src, db)
    report = ServeReport()
    if first.returncode != 0:
        report.errors.append(f"seed ingest failed: {first.stderr[-300:]}")
        return report
    proc, base = start_server(db)
    done = threading.Event()
    lock = threading.Lock()

    def client(k: int) -> None:
        rng = random.Random(k)
        while not done.is_set():
            url = f"{base}/api/search?{urllib.parse.urlencode({'q': rng.choice(QUERIES)})}"
            t0 = time.monotonic()
            try:
                with urllib.request.urlopen(url, timeout=30) as resp:
                    resp.read()
                    ok, what = resp.status == 200, str(resp.status)
            except Exception as exc:  # noqa: BLE001 - every failure is counted
                ok, what = False, repr(exc)[:200]
            with lock:
                report.requests += 1
                report.latencies.append(time.monotonic() - t0)
                if not ok:
                    report.errors.append(what)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    try:
        run = ingest(src, db)
        report.ingest_ok = run.returncode == 0 and "Traceback" not in run.stderr
        if not report.ingest_ok:
            report.errors.append(f"ingest failed: {run.stderr[-300:]}")
    finally:
        done.set()
        for t in threads:
            t.join()
        stop_server(proc)
    return report


@dataclass
class DiskReport:
    how: str = ""
    exit_code: int | None = None
    message: str = ""
    problems: list[str] = field(default_factory=list)


def full_disk_trial(
    src: Path, folder: Path, reference: dict[str, Counter[Any]], size_mb: float = 12
) -> DiskReport:
    """Ingest onto a small tmpfs until it is full: one clear line, exit code 2, an intact
    database; moved to a roomy disk, the same command completes it to the reference."""
    mount = Path(tempfile.mkdtemp(prefix="vnevents-full-", dir=folder))
    report = DiskReport(how=f"tmpfs of {size_mb:g} MB")
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={int(size_mb * 1024)}k", "tmpfs", str(mount)],
            capture_output=True,
        ).returncode
        == 0
    )
    if not mounted:
        report.how = "not run: tmpfs cannot be mounted here (see test_ingest_full_disk_is_one_line)"
        return report
    try:
        db = mount / "full.db"
        run = ingest(src, db)
        report.exit_code = run.returncode
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        report.message = lines[-1] if lines else ""
        if run.returncode != 2:
            report.problems.append(f"exit code {run.returncode}, expected 2")
        if "Traceback" in run.stderr:
            report.problems.append("traceback")
        if "disk is full" not in run.stderr:
            report.problems.append(f"no 'disk is full' message: {run.stderr[-300:]}")
        if db.exists() and integrity(db) != "ok":
            report.problems.append("integrity check failed on the full disk")
        roomy = folder / "moved.db"
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{db}{suffix}").exists():
                Path(f"{roomy}{suffix}").write_bytes(Path(f"{db}{suffix}").read_bytes())
        again = ingest(src, roomy)
        if again.returncode != 0:
            report.problems.append(f"rerun exited {again.returncode}: {again.stderr[-300:]}")
        elif diff := differences(snapshot(roomy), reference):
            report.problems.append("after the rerun: " + "; ".join(diff))
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)
    return report
