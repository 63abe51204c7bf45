"""Extraction in worker processes, a few chunks ahead of the consumer, every document on a clock.

Storing a record (SQLite, FTS, MinHash) costs about half of extracting it, on
one core. With a core to spare, extraction runs in worker processes while this
process writes (``ingest``) or serialises (``extract``), so the command goes at
the pace of extraction alone. Order is kept. Each worker extracts through
``budget.run_one`` (an alarm per document); a worker that still overstays a
document — stuck in C code, which no signal interrupts — or dies is killed and
replaced: that document becomes a ``Failure`` and the rest of its chunk goes to
the new worker. Small inputs are extracted in process: starting a worker costs
about a second. This module does not write.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from itertools import chain, islice
from multiprocessing.connection import Connection, wait
from typing import Any

from vnevents import budget
from vnevents.pipeline import Failure, extract_many

log = logging.getLogger(__name__)

# Documents sent to a worker at a time: big enough that pickling them costs
# little, small enough that a killed run wastes little extraction.
CHUNK_DOCS = 64
# Chunks in flight per worker: one being extracted, one waiting.
AHEAD_CHUNKS = 2
# Inputs shorter than this are extracted in process (a worker starts in ~1 s,
# the time to extract ~600 documents).
POOL_MIN_DOCS = 500
# Worker processes started by default, when the machine has two cores or more.
# On 2 cores (benchmarks/bench_store.py, 4,000 corpus documents) one worker
# gave 381-455 docs/s against 393 in process (its results must be pickled
# back), two gave 495: the writer takes about half the time of extraction, so
# more than two workers would wait on it.
MAX_AUTO_WORKERS = 2
# How often a worker checks that the process that started it is still alive.
PARENT_CHECK_SECONDS = 1.0
# A worker is killed when one document has taken this long on the wall clock past
# its budget, or twice its budget, whichever is later. The alarm in the worker ends
# a document at its budget of CPU time; only code that ignores signals (a C regex,
# lxml) is still running this much later (the margin is for a busy machine).
KILL_GRACE_SECONDS = 5.0
# A worker that has not loaded the lexicons after this long is replaced (its first
# document failing); spawning and loading take ~2 s on an idle 2-core machine.
START_SECONDS = 120.0
# The message a worker sends once it is ready for its first document.
READY = -1
# Results held for in-order delivery while an earlier document is slow, per worker.
HELD_PER_WORKER = 4 * CHUNK_DOCS

Item = dict[str, Any] | Failure


def auto_workers() -> int:
    """Worker processes worth starting on this machine (none on one core)."""
    cores = os.cpu_count() or 1
    return 0 if cores < 2 else min(MAX_AUTO_WORKERS, cores)


def records(
    docs: Iterable[Any],
    workers: int = 0,
    seconds: float | None = budget.DEFAULT_SECONDS,
    *,
    raw: bool = True,
    min_docs: int | None = None,
) -> Generator[Item, None, None]:
    """Record dicts (``to_json`` output, with ``raw`` unless ``raw=False``) or failures,
    one per input item, in order.

    Args:
        docs: ``InputDoc``, ``RawPage`` (parsed in the worker) or ``Failure`` items.
        workers: worker processes; 0 extracts here, in process. Workers are
            spawned: a calling script needs the ``if __name__ == "__main__":`` guard.
        seconds: each document's time budget (None: none, and no kill).
        raw: add the document's text as given under ``raw`` (the store keeps it).
        min_docs: fewer items than this are extracted in process all the same
            (default ``POOL_MIN_DOCS``).
    """
    min_docs = POOL_MIN_DOCS if min_docs is None else min_docs
    workers = workers if _can_spawn() else 0
    it = iter(docs)
    head = list(islice(it, min_docs)) if workers > 0 else []
    if workers <= 0 or len(head) < min_docs:
        yield from (_as_item(r, raw) for r in extract_many(chain(head, it), seconds=seconds))
        return
    log.info("extracting in %d worker processes", workers)
    pool = Pool(workers, seconds, raw)
    try:
        yield from pool.map(chain(head, it))
    finally:
        pool.close()


def _can_spawn() -> bool:
    """Whether a spawned worker can import ``__main__`` again (not when it was read
    from standard input, ``python - < script.py``)."""
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    return path is None or os.path.exists(path)


def _as_item(result: Any, raw: bool) -> Item:
    if isinstance(result, Failure):
        return result
    from vnevents.record import to_json

    rec = to_json(result)
    if raw:
        rec["raw"] = result.raw
    return rec


def _serve(conn: Connection, seconds: float | None, raw: bool, parent: int) -> None:
    """A worker's loop: chunks of (seq, item) in, one (seq, result) out per item.

    A thread receives chunks as soon as they are sent: were the worker to read only
    between chunks, the parent could block sending the next chunk while this process
    blocks sending results into a full pipe.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _watch_parent(parent)
    inbox: queue.SimpleQueue[list[tuple[int, Any]] | None] = queue.SimpleQueue()

    def receive() -> None:
        while True:
            try:
                chunk = conn.recv()
            except (EOFError, OSError):
                chunk = None
            inbox.put(chunk)
            if chunk is None:
                return

    threading.Thread(target=receive, name="vnevents-receive", daemon=True).start()
    try:
        if seconds:
            budget.warm_up()  # before the parent's clock starts on the first document
        conn.send((READY, None))
        while (chunk := inbox.get()) is not None:
            for seq, item in chunk:
                conn.send((seq, _as_item(budget.run_one(item, seconds), raw)))
    except OSError:  # the parent is gone (killed, or it stopped early): nothing to send to
        return


class _Worker:
    """One worker process and the items sent to it, not yet answered (oldest first)."""

    def __init__(self, context: Any, seconds: float | None, raw: bool) -> None:
        self.conn, child = context.Pipe()
        self.proc = context.Process(
            target=_serve,
            args=(child, seconds, raw, os.getpid()),
            name="vnevents-extract",
            daemon=True,
        )
        self.proc.start()
        child.close()
        self.queue: deque[tuple[int, Any]] = deque()
        self.since = time.monotonic()  # when the item at the head of the queue started, at latest
        self.ready = False  # the parent's clock on a document starts once the worker is ready
        self.exitcode: int | None = None

    def send(self, chunk: list[tuple[int, Any]]) -> None:
        if not self.queue and self.ready:
            self.since = time.monotonic()
        self.queue.extend(chunk)
        self.conn.send(chunk)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.exitcode = self.proc.exitcode
        self.conn.close()
        self.proc.close()


class Pool:
    """Worker processes extracting a stream of items, killed and replaced when one overstays."""

    def __init__(self, workers: int, seconds: float | None, raw: bool = True) -> None:
        self.seconds = seconds
        self.raw = raw
        self.context = multiprocessing.get_context(
            "spawn"
        )  # no inherited locks, threads or handles
        self.workers = [_Worker(self.context, seconds, raw) for _ in range(workers)]
        self.restarts = 0

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(kill=bool(worker.queue))
        self.workers = []

    def map(self, items: Iterable[Any]) -> Iterator[Item]:
        """One result per item, in input order."""
        numbered = enumerate(items)
        held: dict[int, Item] = {}  # results waiting for an earlier one
        next_out = 0
        exhausted = False
        limit = HELD_PER_WORKER * len(self.workers)
        while True:
            while not exhausted:
                worker = min(self.workers, key=lambda w: len(w.queue))
                queued = sum(len(w.queue) for w in self.workers)
                if len(worker.queue) >= AHEAD_CHUNKS * CHUNK_DOCS or len(held) + queued >= limit:
                    break
                batch = list(islice(numbered, CHUNK_DOCS))
                if not batch:
                    exhausted = True
                    break
                # A reader's failure needs no worker.
                held.update((seq, item) for seq, item in batch if isinstance(item, Failure))
                chunk = [(seq, item) for seq, item in batch if not isinstance(item, Failure)]
                if chunk:
                    worker.send(chunk)
            while next_out in held:
                yield held.pop(next_out)
                next_out += 1
            busy = [w for w in self.workers if w.queue]
            if busy:
                self._collect(busy, held)
            elif exhausted:
                return

    def _collect(self, busy: list[_Worker], held: dict[int, Item]) -> None:
        """Wait for results (or a deadline) and file them in ``held``.

        Dead or stuck workers are replaced.
        """
        hard = (
            None if not self.seconds else max(2 * self.seconds, self.seconds + KILL_GRACE_SECONDS)
        )

        def limit(worker: _Worker) -> float | None:
            return hard if worker.ready else START_SECONDS

        now = time.monotonic()
        ends = [w.since + lim for w in busy if (lim := limit(w)) is not None]
        timeout = max(0.0, min(ends) - now) if ends else None
        ready = wait([w.conn for w in busy], timeout=timeout)
        for worker in busy:
            if worker.conn in ready:
                try:
                    while worker.conn.poll():
                        seq, result = worker.conn.recv()
                        worker.since = time.monotonic()
                        if seq == READY:
                            worker.ready = True
                            continue
                        worker.queue.popleft()
                        held[seq] = result
                except (EOFError, OSError):
                    self._replace(worker, held, None)
            elif (
                (lim := limit(worker)) is not None
                and worker.queue
                and time.monotonic() - worker.since > lim
            ):
                reason = (
                    budget.overrun_reason(self.seconds or 0)
                    if worker.ready
                    else f"worker process did not start within {START_SECONDS:g} s"
                )
                self._replace(worker, held, reason)

    def _replace(self, worker: _Worker, held: dict[int, Item], reason: str | None) -> None:
        """Kill ``worker``; its current item fails with ``reason`` (None: the worker died),
        the rest go to a new worker."""
        worker.stop(kill=True)
        if reason is None:
            reason = f"worker process died (exit code {worker.exitcode})"
        seq, item = worker.queue.popleft()
        held[seq] = Failure(getattr(item, "doc", None) or "<unnamed>", reason)
        log.info("worker stopped on %s: %s", getattr(item, "doc", None), reason)
        fresh = _Worker(self.context, self.seconds, self.raw)
        self.workers[self.workers.index(worker)] = fresh
        self.restarts += 1
        rest = list(worker.queue)
        if rest:
            fresh.send(rest)


def _watch_parent(parent: int) -> None:
    """In a worker: exit when the process that started it is gone (killed with -9, say);
    a worker waiting for work would otherwise wait forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="vnevents-parent-watch", daemon=True).start()
