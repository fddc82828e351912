"""The chrome lines' JSON two ways, on the DEV dumps: from the cleaner's arrays, or from built objects.

    python -m bench.chrome_json [--limit N] [--passes N] [--out FILE]

The DEV page dumps are cleaned in batches of ``pipeline.BATCH`` (as ``extract`` does); then, per
pass and alternated, CPU time per page of:

- ``arrays``: each page's ``ChromeRows.json_items()`` (what ``write.jsonl.document_bytes`` asks for:
  the whole batch's chrome lines formatted by Arrow kernels, no ``ChromeLine`` built);
- ``objects``: the ``ChromeLine`` list built (``cleaned.chrome``) and then formatted one line at a
  time, as the writer does for a Document whose chrome a caller set (and as every record was
  written before session 11);
- ``build``: building the objects alone (what ``clean_dumps`` no longer does unless the field is read).

Each pass cleans afresh (the JSON is cached per batch once made), after a warm-up batch. Minimum
over the passes; the
two JSON texts are compared (``same_json``). Result: bench/results/chrome_json.json.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from bench.common import write_result
from bench.pages import DEV
from bench.train_cleaner import load_pages
from guillemets.clean import clean_dumps
from guillemets.clean.result import CLEANED_CHROME, Cleaned
from guillemets.pipeline import BATCH
from guillemets.write.jsonl import _CHROME_ITEM, _kinds, encode_basestring


def _cleaned(dumps: list[str]) -> list[Cleaned]:
    return [c for i in range(0, len(dumps), BATCH) for c in clean_dumps(dumps[i : i + BATCH])]


def _per_page(step: Any, cleaned: list[Cleaned]) -> tuple[float, list[Any]]:
    start = time.process_time()
    out = [step(c) for c in cleaned]
    return (time.process_time() - start) * 1000 / max(len(cleaned), 1), out


def _arrays(c: Cleaned) -> bytes:
    return bytes(CLEANED_CHROME.raw(c).json_items() or b"")


def _objects(c: Cleaned) -> bytes:
    kinds = _kinds()
    return ",".join(
        [_CHROME_ITEM % (x.line, kinds[x.kind], encode_basestring(x.text)) for x in c.chrome]
    ).encode()


def _build(c: Cleaned) -> str:
    return str(len(c.chrome))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="pages per DEV source (CI smoke)")
    ap.add_argument("--passes", type=int, default=5, help="alternated passes (minimum reported)")
    ap.add_argument("--out", default=None, help="result file (default bench/results/chrome_json.json)")
    args = ap.parse_args()
    dumps = [p["dump"] for p in load_pages(DEV, args.limit)]
    times: dict[str, list[float]] = {"arrays": [], "objects": [], "build": []}
    same = True
    for c in _cleaned(dumps[:BATCH]):  # warm-up: the kernels' and the allocator's first calls
        _arrays(c), _objects(c)
    for _ in range(max(args.passes, 1)):
        t, fast = _per_page(_arrays, _cleaned(dumps))
        times["arrays"].append(t)
        t, slow = _per_page(_objects, _cleaned(dumps))
        times["objects"].append(t)
        times["build"].append(_per_page(_build, _cleaned(dumps))[0])
        same = same and fast == slow
    lines = sum(len(c.chrome) for c in _cleaned(dumps))
    figures = {
        "pages": len(dumps),
        "chrome_lines": lines,
        "passes": max(args.passes, 1),
        "cpu_ms_per_page_min": {name: round(min(v), 4) for name, v in times.items()},
        "same_json": same,
        "measure": "CPU ms per page, one process, DEV dumps in batches of pipeline.BATCH; min over passes",
    }
    path = write_result("chrome_json", figures, args.out)
    print(f"bench.chrome_json: {figures['cpu_ms_per_page_min']} ms/page, same JSON: {same} -> {path}")


if __name__ == "__main__":
    main()
