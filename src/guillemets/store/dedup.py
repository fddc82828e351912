"""Exact and near-duplicate detection: a text hash, and MinHash LSH (datasketch) kept in the database.

Exact duplicates share ``text_hash`` (whitespace-normalised NFC text). Near-duplicates (a wire
story on several sites, a re-crawl with a new teaser) are found with MinHash signatures over
word shingles; the LSH bands are rows of ``lsh_bands`` (band key, document), so candidates
are one indexed query and linking works across runs and processes without loading an index.
Candidates are confirmed with the signatures' estimated Jaccard similarity.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH
from sqlalchemy import Connection, insert, select

from guillemets.store import search
from guillemets.store.tables import lsh_bands, minhashes

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 4
# Estimated Jaccard over 4-word shingles at which two texts count as the same story. 0.7 keeps
# a re-crawl with one new teaser paragraph (>0.85 on 500-word articles) and the same wire copy
# with a different headline and lede, and drops two stories that merely share boilerplate.
THRESHOLD = 0.7
MAX_LINKS = 10  # a story copied 1000 times links each copy to its 10 nearest, not to all


@dataclass(frozen=True, slots=True)
class Signature:
    hashvalues: np.ndarray

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint64))

    def similarity(self, other: Signature) -> float:
        return float(np.mean(self.hashvalues == other.hashvalues))


def text_hash(text: str) -> str:
    """SHA-256 of the text with white space collapsed: equal hashes are exact duplicates."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()


def shingle_hashes(text: str | list[str], size: int = SHINGLE_WORDS) -> np.ndarray:
    """Distinct 32-bit hashes of the ``size``-word shingles of the folded text (or its ``search.words``).

    Each word is hashed once (CRC-32, deterministic across processes); a shingle's hash mixes
    its words' hashes with odd multipliers, vectorised, so long articles cost little.
    """
    words = search.words(text) if isinstance(text, str) else text
    if not words:
        return np.zeros(1, dtype=np.uint64)
    hashes = np.fromiter(
        (zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in words), np.uint64, len(words)
    )
    span = min(size, len(hashes))
    mixed = np.zeros(len(hashes) - span + 1, dtype=np.uint64)
    for offset, multiplier in enumerate(_MULTIPLIERS[:span]):
        mixed = mixed * np.uint64(multiplier) + hashes[offset : offset + len(mixed)]
    return np.unique(mixed & np.uint64(0xFFFFFFFF))


_MULTIPLIERS = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1, 0xD3A2646C)


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    return MinHash(num_perm=NUM_PERM, seed=SEED).permutations  # type: ignore[no-any-return]


def signature(text: str | list[str]) -> Signature:
    """The MinHash signature (datasketch, affine32 scheme) of ``text``'s shingle hashes."""
    minhash = MinHash(
        num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=_permutations(), scheme="affine32"
    )
    minhash.update_batch(shingle_hashes(text).tolist())
    return Signature(np.asarray(minhash.hashvalues, dtype=np.uint64) & np.uint64(0xFFFFFFFF))


@functools.cache
def band_shape() -> tuple[int, int]:
    """(bands, rows per band) that datasketch picks for THRESHOLD and NUM_PERM."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def band_keys(sig: Signature) -> list[int]:
    """One signed 64-bit key per LSH band, the band number mixed in (a BIGINT on both backends)."""
    bands, rows = band_shape()
    values = sig.hashvalues.astype("<u4")
    keys = []
    for b in range(bands):
        digest = hashlib.blake2b(values[b * rows : (b + 1) * rows].tobytes(), digest_size=8, salt=b"%d" % b)
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys


def find_similar(conn: Connection, sig: Signature) -> list[tuple[int, float]]:
    """Stored documents whose estimated similarity to ``sig`` reaches THRESHOLD, nearest first."""
    candidates = select(lsh_bands.c.document_pk).where(lsh_bands.c.key.in_(band_keys(sig))).distinct()
    rows = conn.execute(
        select(minhashes.c.document_pk, minhashes.c.signature).where(minhashes.c.document_pk.in_(candidates))
    )
    scored = [(pk, sig.similarity(Signature.from_bytes(data))) for pk, data in rows]
    scored = [(pk, score) for pk, score in scored if score >= THRESHOLD]
    return sorted(scored, key=lambda item: (-item[1], item[0]))[:MAX_LINKS]


def remember(conn: Connection, pk: int, sig: Signature) -> None:
    """Store the signature and its bands so later documents (any run) can find this one."""
    conn.execute(insert(minhashes), [{"document_pk": pk, "signature": sig.to_bytes()}])
    conn.execute(insert(lsh_bands), [{"key": key, "document_pk": pk} for key in band_keys(sig)])
