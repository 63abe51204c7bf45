"""A time budget per document at the batch edge: an overrun becomes a ``Failure``.

``run_one`` parses (HTML) and extracts one document under a CPU-time timer
(``ITIMER_PROF``): a stage stuck in a Python-level loop is interrupted and the
document is reported as ``took longer than N s`` while the batch goes on. CPU
time, not the wall clock, so a busy machine does not fail documents that are
merely slow to get a core. A C routine (a regex, lxml) cannot be interrupted by
a signal; ``store.workers`` runs ``run_one`` in worker processes and kills one
that overstays on the wall clock. This module does not read files.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Generator
from contextlib import contextmanager
from functools import cache
from types import FrameType
from typing import TYPE_CHECKING

from vnevents.pipeline import Failure, InputDoc, extract_doc
from vnevents.record import Record

if TYPE_CHECKING:
    from vnevents.readers_web import RawPage

log = logging.getLogger(__name__)

# CPU seconds one document may take (HTML parsing and extraction). The slowest of the
# 19,761 corpus texts extracts in well under a second on the 2-core development
# machine (the lexicons, ~2 s to load, are loaded before the first one: ``warm_up``);
# 10 s leaves a wide margin. Change with --time-limit.
DEFAULT_SECONDS = 10.0
# After the first alarm, it fires again this often, in case the first one was
# caught by a library's ``except BaseException`` (rare, but it costs nothing).
REPEAT_SECONDS = 0.5


class Overrun(BaseException):
    """Raised inside a document's extraction when its time is up.

    A ``BaseException``, like ``KeyboardInterrupt``: the ``except Exception`` of a
    library (trafilatura catches everything) must not swallow it.
    """


def overrun_reason(seconds: float) -> str:
    """The failure reason of a document that overran its budget."""
    return f"took longer than {seconds:g} s"


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def alarm(seconds: float | None) -> Generator[None, None, None]:
    """Raise ``Overrun`` in the block once it has used ``seconds`` of CPU (this process's).

    A no-op when ``seconds`` is None or 0, outside the main thread, or where
    ``setitimer`` does not exist (then only a worker's kill bounds the time).
    """
    if not seconds or seconds <= 0 or not _can_alarm():
        yield
        return
    armed = True

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if armed:
            raise Overrun()

    previous = signal.signal(signal.SIGPROF, on_alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds, REPEAT_SECONDS)
    try:
        yield
    finally:
        armed = False  # an alarm arriving now, before the timer is cleared, is ignored
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


# A report touching every stage, extracted once before the first timed document so
# that loading the lexicons and gazetteers (~2 s) is not charged to it.
WARM_UP_TEXT = (
    "Lạng Sơn sơ kết nhiệm vụ 6 tháng đầu năm 2024\n"
    "Sáng 12/7, UBND tỉnh Lạng Sơn họp sơ kết nhiệm vụ 6 tháng đầu năm 2024. Đồng chí "
    "Hoàng Văn Minh, Chủ tịch UBND tỉnh chủ trì. Năm qua toàn tỉnh có 1.200 hộ thoát nghèo, "
    "thực hiện Nghị quyết số 57-NQ/TW. UBND tỉnh tặng Bằng khen cho 5 tập thể, 3 cá nhân."
)


@cache
def warm_up() -> None:
    """Load what the stages load lazily, once per process, outside any budget."""
    extract_doc(InputDoc(text=WARM_UP_TEXT, doc="<warm-up>"))


def has_body(record: Record) -> bool:
    """Whether cleaning left any text to read events from."""
    return any(c.isalnum() for c in record.body)


def run_one(
    item: InputDoc | RawPage | Failure, seconds: float | None = DEFAULT_SECONDS
) -> Record | Failure:
    """One document's record, or a ``Failure`` saying why there is none.

    A ``RawPage`` (unparsed HTML) is parsed inside the budget. A document whose
    cleaned body holds no letter or digit (only a title line, furniture, spaces,
    punctuation) is a failure: a record of nothing would be stored and counted.

    Args:
        item: a document, an unparsed page, or a reader's failure (passed through).
        seconds: the budget; None or 0 for none.
    """
    if isinstance(item, Failure):
        return item
    name = item.doc or "<unnamed>"
    if seconds:
        try:
            warm_up()
        except Exception:  # noqa: BLE001 - the document below fails on its own, with its reason
            log.debug("warm-up failed", exc_info=True)
    try:
        with alarm(seconds):
            doc = item if isinstance(item, InputDoc) else item.parse()
            if isinstance(doc, Failure):
                return doc
            record = extract_doc(doc)
    except Overrun:
        return Failure(name, overrun_reason(seconds or 0))
    except RecursionError:
        return Failure(name, "extraction error: nesting too deep")
    except Exception as exc:  # noqa: BLE001 - the batch edge: report, go on
        log.debug("extract failed for %s", name, exc_info=True)
        return Failure(name, f"extraction error: {exc!r}")
    if not has_body(record):
        return Failure(name, "no body text (nothing but a title, page furniture or punctuation)")
    return record
