"""Reading speed: pages/s and MB/s of the readers (decode, mojibake repair, NFC) on the DEV pages.

    python -m bench.read [--limit N] [--out FILE]

Reads ``../shared/bench/pages/dev`` (gzipped JSONL of text dumps) and ``dev-html`` (gzipped JSONL
of HTML pages) with ``guillemets.read.iter_pages``; reports, never asserts.
"""

from __future__ import annotations

import argparse
import itertools
import time
from typing import Any

from bench.common import SHARED, write_result
from guillemets.read import iter_pages
from guillemets.read.decode import decode_bytes, repair_text
from guillemets.settings import ReadSettings

SETS = {"dumps": SHARED / "bench" / "pages" / "dev", "html": SHARED / "bench" / "pages" / "dev-html"}


def measure(path: str, limit: int | None) -> dict[str, Any]:
    start = time.perf_counter()
    pages = errors = chars = 0
    for page in itertools.islice(iter_pages([path], ReadSettings()), limit):
        pages += 1
        errors += bool(page.errors)
        chars += len(page.content)
    secs = time.perf_counter() - start
    return {
        "pages": pages,
        "errors": errors,
        "mchars": round(chars / 1e6, 2),
        "seconds": round(secs, 3),
        "pages_per_s": round(pages / secs, 1),
        "mchars_per_s": round(chars / 1e6 / secs, 2),
    }


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--limit", type=int, default=None, help="read at most N pages per set")
    parser.add_argument("--out", default=None, help="result file (default bench/results/read.json)")
    args = parser.parse_args()
    decode_bytes("Été, « déjà » — ça coûte 5 €".encode("cp1252"))  # load ftfy, charset-normalizer first
    repair_text("dÃ©jÃ ")
    figures = {name: measure(str(path), args.limit) for name, path in SETS.items() if path.exists()}
    path = write_result("read", figures, args.out)
    for name, fig in figures.items():
        print(f"{name}: {fig['pages']} pages, {fig['pages_per_s']} pages/s, {fig['mchars_per_s']} M chars/s")
    print(f"written {path}")


if __name__ == "__main__":
    main()
