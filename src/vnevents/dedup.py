"""Duplicates: exact by the hash of the normalised body, near by MinHash LSH.

Shingles are word n-grams of the folded body. This module finds candidate
pairs and their band keys; deciding which record is canonical is the
caller's (store, Spark job).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from vnevents.record import body_id, fold

if TYPE_CHECKING:  # datasketch (and scipy behind it) load only when a MinHash is built
    from datasketch import MinHash

# Chosen with benchmarks/bench_dedup.py (re-run it after changing any of these):
# the 524 public-sector reports of the corpus next to ~410 re-edited copies of
# 300 of them (furniture added, sentences reworded, a caption removed, a title
# changed) and 2,030 hard-negative pairs (same event word, same province), over
# shingles 2-7 words x thresholds 0.3-0.8 x 64/128/256 values. With 5-word
# shingles a copy stays near (median Jaccard 0.89, 1st percentile 0.41-0.55)
# while distinct reports stay far (99th percentile 0.095; the maximum, 0.40, is
# one event rewritten by another agency). Threshold 0.5 sits in that gap: P 1.000
# and R 0.983 (seed 7; seed 11: P 0.998 R 0.985; cleaned bodies, --cleaned:
# P 0.992 R 0.994); 0.6 lost recall (0.956), 0.4 let a hard negative in. 128
# values: 64 and 256 were no better on both seeds (measured with the CRC-32
# shingle hashes of ``shingle_hashes``).
SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.5
# MinHash seed and permutation scheme: fixed, so signatures agree across
# processes, runs, machines and datasketch upgrades (2.0 made the scheme explicit).
SEED = 1
SCHEME = "affine32"

_WORD = re.compile(r"\w+")
# Odd 64-bit multiplier of the shingle polynomial (the golden-ratio constant).
_SHINGLE_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)

content_hash = body_id


def shingles(body: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word ``size``-grams of the folded body (one shingle for a short body), as text:
    for measuring true Jaccard similarity; signatures hash them with ``shingle_hashes``."""
    words = _WORD.findall(fold(body))
    if len(words) <= size:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def shingle_hashes(folded: str, size: int = SHINGLE_WORDS) -> list[int]:
    """32-bit hashes of the word ``size``-grams of an already folded body (a repeated
    shingle repeats its hash: MinHash takes minima, so repeats change nothing).

    Each word is hashed once (CRC-32) and a shingle's hash is a polynomial of its
    words' hashes, computed for all shingles at once with numpy: five times
    cheaper than hashing every shingle's text (SHA-1 in datasketch), which was
    most of ingest's storage cost. MinHash mixes its input (``SCHEME``), so a
    plain hash like this one is enough.
    """
    words = _WORD.findall(folded)
    ids = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    n = max(len(ids) - size + 1, 1)
    acc = np.zeros(n, dtype=np.uint64)
    for k in range(min(size, len(ids))):  # a short body is one shingle of all its words
        acc = acc * _SHINGLE_MULTIPLIER + ids[k : k + n]
    folded32 = (acc ^ (acc >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    values: list[int] = folded32.tolist()
    return values


@cache
def _permutations(num_perm: int) -> np.ndarray:
    """The MinHash permutation parameters for ``SEED`` and ``SCHEME`` (built once)."""
    from datasketch import MinHash

    perms: np.ndarray = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations
    return perms


def minhash_folded(folded: str, *, size: int = SHINGLE_WORDS, num_perm: int = NUM_PERM) -> MinHash:
    """MinHash of an already folded body (``record.fold``)."""
    from datasketch import MinHash

    # the values are hashes already: ``int`` hands them on unchanged
    m = MinHash(
        num_perm=num_perm,
        seed=SEED,
        scheme=SCHEME,
        hashfunc=int,
        permutations=_permutations(num_perm),
    )
    m.update_batch(shingle_hashes(folded, size))
    return m


def minhash(body: str, *, size: int = SHINGLE_WORDS, num_perm: int = NUM_PERM) -> MinHash:
    """MinHash of the body's shingles (seeded, so stable across processes)."""
    return minhash_folded(fold(body), size=size, num_perm=num_perm)


def signature(body: str, folded: str | None = None) -> bytes:
    """The MinHash values as bytes, for storing next to a record.

    ``folded`` is ``fold(body)`` when the caller has it already.
    """
    m = minhash_folded(fold(body) if folded is None else folded)
    return bytes(m.hashvalues.astype(np.uint64).tobytes())


def from_signature(sig: bytes) -> MinHash:
    """Rebuild a MinHash from ``signature`` bytes."""
    from datasketch import MinHash

    values = np.frombuffer(sig, dtype=np.uint64)
    return MinHash(num_perm=len(values), seed=SEED, hashvalues=values, scheme=SCHEME)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal values)."""
    va, vb = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
    if len(va) != len(vb) or not len(va):
        raise ValueError("signatures of different lengths cannot be compared")
    return float(np.count_nonzero(va == vb)) / len(va)


@cache
def lsh_bands(threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's LSH picks for this threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(sig: bytes, threshold: float = THRESHOLD) -> list[int]:
    """One signed 64-bit key per LSH band: records sharing a key are candidates.

    The same banding as ``NearDupIndex``, as plain integers so a cluster job can
    group on them (the Spark job's near-duplicate step).
    """
    values = np.frombuffer(sig, dtype=np.uint64)
    bands, rows = lsh_bands(threshold, len(values))
    keys = []
    for band in range(bands):
        chunk = values[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(8, "little")).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


class NearDupIndex:
    """An LSH index of signatures: ``add`` keys, ``query`` near-duplicates of one."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sigs: dict[str, MinHash] = {}
        self.threshold = threshold

    def add(self, key: str, sig: bytes) -> None:
        if key in self._sigs:
            return
        m = from_signature(sig)
        self._sigs[key] = m
        self._lsh.insert(key, m)

    def query(self, sig: bytes) -> list[str]:
        """Keys whose estimated Jaccard similarity reaches the threshold, best first."""
        m = from_signature(sig)
        hits = [(self._sigs[k].jaccard(m), k) for k in self._lsh.query(m)]
        return [k for score, k in sorted(hits, reverse=True) if score >= self.threshold]

    def __len__(self) -> int:
        return len(self._sigs)


def near_duplicate_pairs(bodies: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """All (key, key) pairs of near-duplicate bodies, each pair sorted."""
    index = NearDupIndex()
    pairs: set[tuple[str, str]] = set()
    for key, body in bodies:
        sig = signature(body)
        for other in index.query(sig):
            pairs.add((min(key, other), max(key, other)))
        index.add(key, sig)
    return pairs
