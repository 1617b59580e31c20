"""Near-duplicate articles (syndicated copies) by MinHash over word shingles, with LSH bands so that a new
article is compared only with the few stored articles sharing a band — never all pairs."""

from __future__ import annotations

import hashlib
import re
import struct

NUM_HASHES = 64
BANDS = 16  # 16 bands x 4 rows: pairs with Jaccard >= ~0.8 share a band with high probability
ROWS = NUM_HASHES // BANDS
SHINGLE = 5
THRESHOLD = 0.8
_MASK = (1 << 61) - 1
_SEEDS = [
    (
        int.from_bytes(hashlib.sha1(f"a{i}".encode()).digest()[:8], "big") | 1,
        int.from_bytes(hashlib.sha1(f"b{i}".encode()).digest()[:8], "big"),
    )
    for i in range(NUM_HASHES)
]


def _seed_arrays():
    import numpy as np

    return (np.array([a for a, _ in _SEEDS], dtype=np.uint64), np.array([b for _, b in _SEEDS], dtype=np.uint64))


_SEED_ARRAYS = _seed_arrays()


def shingles(text: str) -> set[int]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < SHINGLE:
        words = words + [""] * (SHINGLE - len(words))
    return {
        int.from_bytes(hashlib.blake2b(" ".join(words[i : i + SHINGLE]).encode(), digest_size=8).digest(), "big")
        for i in range(len(words) - SHINGLE + 1)
    }


def minhash(text: str) -> list[int]:
    """64 minimum hashes h_i(x) = (a_i * x + b_i) mod 2^61-mask.  Computed with numpy's wrapping uint64
    arithmetic: the low 61 bits of a product do not depend on the bits that overflow, so this equals the
    exact big-integer formula (tests check both)."""
    import numpy as np

    xs = np.fromiter(shingles(text), dtype=np.uint64)
    a, b = _SEED_ARRAYS
    with np.errstate(over="ignore"):
        vals = (a[:, None] * xs[None, :] + b[:, None]) & np.uint64(_MASK)
    return [int(v) for v in vals.min(axis=1)]


def minhash_reference(text: str) -> list[int]:
    """The same signature with Python integers (slow; the definition the fast version must match)."""
    sh = shingles(text)
    return [min(((a * x + b) & _MASK) for x in sh) for a, b in _SEEDS]


def bands(signature: list[int]) -> list[str]:
    return [
        hashlib.blake2b(struct.pack(f">{ROWS}Q", *signature[i * ROWS : (i + 1) * ROWS]), digest_size=8).hexdigest()
        for i in range(BANDS)
    ]


def similarity(sig_a: list[int], sig_b: list[int]) -> float:
    return sum(1 for x, y in zip(sig_a, sig_b) if x == y) / NUM_HASHES


def encode(signature: list[int]) -> str:
    return ",".join(map(str, signature))


def decode(text: str) -> list[int]:
    return [int(x) for x in text.split(",")]
