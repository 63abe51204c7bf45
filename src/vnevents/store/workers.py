"""Extraction for ingest, in worker processes a few chunks ahead of the writer.

Storing a record (SQLite, FTS, MinHash) costs about half of extracting it, on
one core. With a core to spare, extraction runs in worker processes while this
process writes, so ingest goes at the pace of extraction alone. Order is kept,
and a worker's exception reaches the caller. Small inputs are extracted in
process: starting a worker costs about a second. This module does not write.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Any

from vnevents.pipeline import Failure, InputDoc

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
# How often a worker checks that the ingest that started it is still alive.
PARENT_CHECK_SECONDS = 1.0

Item = dict[str, Any] | Failure


def auto_workers() -> int:
    """Worker processes worth starting on this machine (none on one core)."""
    cores = os.cpu_count() or 1
    return 0 if cores < 2 else min(MAX_AUTO_WORKERS, cores)


def records(docs: Iterable[InputDoc | Failure], workers: int = 0) -> Iterator[Item]:
    """Record dicts (``to_json`` output with ``raw``) or failures, in input order.

    Args:
        docs: the documents (and read failures) to extract.
        workers: worker processes; 0 extracts here, in process. Workers are
            spawned: a calling script needs the ``if __name__ == "__main__":`` guard.
    """
    workers = workers if _can_spawn() else 0
    it = iter(docs)
    head = list(islice(it, POOL_MIN_DOCS)) if workers > 0 else []
    if workers <= 0 or len(head) < POOL_MIN_DOCS:
        yield from _extract(chain(head, it))
        return
    log.info("extracting in %d worker processes", workers)
    context = multiprocessing.get_context("spawn")  # no inherited locks, threads or database handles
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_watch_parent,
                             initargs=(os.getpid(),)) as pool:
        pending: deque[Future[list[Item]]] = deque()
        for chunk in _chunks(chain(head, it), CHUNK_DOCS):
            pending.append(pool.submit(_extract_list, chunk))
            if len(pending) >= AHEAD_CHUNKS * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _can_spawn() -> bool:
    """Whether a spawned worker can import ``__main__`` again (not when it was read
    from standard input, ``python - < script.py``)."""
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    return path is None or os.path.exists(path)


def _extract(docs: Iterable[InputDoc | Failure]) -> Iterator[Item]:
    from vnevents.pipeline import extract_many
    from vnevents.record import to_json

    for item in extract_many(docs):
        if isinstance(item, Failure):
            yield item
        else:
            rec = to_json(item)
            rec["raw"] = item.raw
            yield rec


def _extract_list(docs: list[InputDoc | Failure]) -> list[Item]:
    return list(_extract(docs))


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _watch_parent(parent: int) -> None:
    """In a worker: exit when the ingest that started it is gone (killed with -9, say);
    a worker waiting for work would otherwise wait forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="vnevents-parent-watch", daemon=True).start()
