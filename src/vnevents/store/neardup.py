"""Near-duplicate lookup for ingest over ``dedup``'s signatures and banding, cheap per document.

Gives the same matches as ``dedup.NearDupIndex`` (datasketch's LSH, kept as the
reference; a test checks both) at less cost: the index keeps the plain band keys
the Spark job groups on instead of MinHash objects, and signatures are stored packed.
This module does not decide what is canonical (``ingest.Writer`` does).
"""

from __future__ import annotations

import numpy as np

from vnevents import dedup


def pack(sig: bytes) -> bytes:
    """MinHash values fit in 32 bits (datasketch hashes mod 2**32): halve the stored blob."""
    values = np.frombuffer(sig, dtype=np.uint64)
    if values.size and int(values.max()) < 2**32:
        return values.astype("<u4").tobytes()
    return sig


def unpack(blob: bytes) -> bytes:
    """The ``dedup.signature`` bytes of a blob written by ``pack``."""
    if len(blob) == dedup.NUM_PERM * 4:
        return np.frombuffer(blob, dtype="<u4").astype(np.uint64).tobytes()
    return blob


class BandIndex:
    """Signatures by LSH band key (``dedup.band_keys``): candidates share a key,
    matches reach ``dedup.THRESHOLD`` estimated Jaccard similarity."""

    def __init__(self) -> None:
        self._buckets: dict[int, list[int]] = {}
        self._sigs: dict[int, bytes] = {}

    def query(self, sig: bytes, keys: list[int] | None = None) -> list[int]:
        """Keys of the stored near-duplicates of ``sig``, most similar first."""
        keys = dedup.band_keys(sig) if keys is None else keys
        candidates = {aid for key in keys for aid in self._buckets.get(key, ())}
        scored = sorted(
            ((dedup.similarity(sig, self._sigs[aid]), -aid) for aid in candidates), reverse=True
        )
        return [-neg for score, neg in scored if score >= dedup.THRESHOLD]

    def add(self, aid: int, sig: bytes, keys: list[int] | None = None) -> None:
        if aid in self._sigs:
            return
        self._sigs[aid] = sig
        for key in dedup.band_keys(sig) if keys is None else keys:
            self._buckets.setdefault(key, []).append(aid)

    def __len__(self) -> int:
        return len(self._sigs)
