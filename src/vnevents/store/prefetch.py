"""Run a producer (extraction) in a background thread, a bounded queue ahead of its consumer.

While the consumer waits on SQLite (which releases the GIL) the producer keeps
extracting, so storage time partly hides behind extraction. Order is kept and
the producer's exceptions reach the consumer. This module knows nothing of records.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

# Items the producer may run ahead: enough to ride out one batch commit, small
# enough that a killed run wastes little extraction.
AHEAD = 64
_DONE = object()


class _Raised:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def prefetch(items: Iterable[T], ahead: int = AHEAD) -> Iterator[T]:
    """``items``, produced in a daemon thread up to ``ahead`` items early."""
    q: queue.Queue[object] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def put(value: object) -> bool:
        while not stop.is_set():
            try:
                q.put(value, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
            put(_DONE)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, which re-raises
            put(_Raised(exc))

    thread = threading.Thread(target=produce, name="vnevents-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            value = q.get()
            if value is _DONE:
                return
            if isinstance(value, _Raised):
                raise value.exc
            yield value  # type: ignore[misc]
    finally:
        stop.set()  # the consumer stopped early: let the producer end
