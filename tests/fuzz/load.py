"""Load: concurrent search clients against ``vnevents serve`` for a fixed time; requests, errors,
latency percentiles, and the share of answers whose facet counts were dropped (timed out).

Each client is a thread holding one keep-alive HTTP connection and sending the next request
as soon as the last is answered (a closed loop, as a busy newsroom's browsers would). Used
by benchmarks/bench_reliability.py (20 clients, 30 s, 100,000 documents) and by
tests/fuzz/test_crash.py in a small form.
"""

from __future__ import annotations

import http.client
import json
import random
import statistics
import threading
import time
import urllib.parse
from pathlib import Path
from dataclasses import dataclass, field

# Two-word queries of the genre, with and without diacritics (as bench_store.py's).
QUERIES = [
    q
    for q in (Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "store_queries.txt")
    .read_text("utf-8")
    .splitlines()
    if q and not q.startswith("#")
]
FACETS = [
    ("type", "hop"),
    ("type", "tong_ket"),
    ("type", "le"),
    ("year", "2023"),
    ("year", "2024"),
    ("province", "Hà Nội"),
    ("province", "Thanh Hóa"),
    ("level", "tinh"),
]


@dataclass
class LoadReport:
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dropped_facets: int = 0  # answers with a facet whose count timed out

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)

    def percentile(self, p: float) -> float:
        ms = sorted(t * 1000 for t in self.latencies)
        return ms[min(len(ms) - 1, round(p * (len(ms) - 1)))] if ms else float("nan")

    def summary(self) -> str:
        n = len(self.latencies)
        if not n:
            return f"no answer; {len(self.errors)} errors"
        return (
            f"{self.requests} requests ({self.requests / self.seconds:.1f}/s), "
            f"{len(self.errors)} errors, "
            f"p50 {statistics.median(self.latencies) * 1000:.0f} ms, "
            f"p95 {self.percentile(0.95):.0f} ms, "
            f"p99 {self.percentile(0.99):.0f} ms, facets dropped in {self.dropped_facets} "
            f"({self.dropped_facets / n:.1%})"
        )


def request_path(rng: random.Random) -> str:
    """A search as the dashboard's users send them: a query, half of the time with one facet."""
    params = {"q": rng.choice(QUERIES)}
    if rng.random() < 0.5:
        key, value = rng.choice(FACETS)
        params[key] = value
    return "/api/search?" + urllib.parse.urlencode(params)


def run(base: str, clients: int, seconds: float, seed: int = 3) -> LoadReport:
    """``clients`` closed-loop clients for ``seconds`` against the server at ``base``."""
    parsed = urllib.parse.urlsplit(base)
    report = LoadReport(clients, seconds)
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        rng = random.Random(seed * 1000 + k)
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        while time.monotonic() < stop:
            path = request_path(rng)
            t0 = time.monotonic()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                body = resp.read()
                elapsed = time.monotonic() - t0
                error = None if resp.status == 200 else f"{resp.status} on {path}"
                dropped = resp.status == 200 and any(
                    f.get("timed_out") for f in json.loads(body).get("facets", {}).values()
                )
            except (OSError, http.client.HTTPException, ValueError) as exc:
                elapsed, error, dropped = time.monotonic() - t0, f"{exc!r} on {path}", False
                conn.close()
                conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
            with lock:
                if error:
                    report.errors.append(error)
                else:
                    report.latencies.append(elapsed)
                    report.dropped_facets += dropped
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return report
