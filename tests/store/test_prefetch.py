"""prefetch: same items in the same order, producer errors re-raised, early stop ends the thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from vnevents.store.prefetch import prefetch


@pytest.mark.parametrize("n", [0, 1, 5, 1000])
def test_prefetch_keeps_every_item_in_order(n: int) -> None:
    assert list(prefetch(iter(range(n)), ahead=4)) == list(range(n))


def test_prefetch_reraises_the_producer_error_after_the_items_before_it() -> None:
    def broken() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("bad document")

    seen = []
    with pytest.raises(ValueError, match="bad document"):
        for item in prefetch(broken()):
            seen.append(item)
    assert seen == [1, 2]


def test_prefetch_consumer_stopping_early_ends_the_producer() -> None:
    def endless() -> Iterator[int]:
        i = 0
        while True:
            yield i
            i += 1

    before = threading.active_count()
    gen = prefetch(endless(), ahead=2)
    assert next(gen) == 0
    gen.close()
    deadline = time.monotonic() + 5
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() == before
