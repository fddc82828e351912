"""What a forked ``--jobs`` worker holds of its own (USS), between tasks and at its peak.

    python -m bench.worker_memory [--limit N] [--warm fr|fr,en] [--batch-size N] [--batch-chars N]
                               [--no-lean] [--out FILE]

As ``batch.local`` does: the caller loads the annotator, runs the warm-up pages of ``--warm``
(``batch.warm``), tunes and freezes the collector, then forks one worker, which runs the DEV
pages in tasks of 64 (``process_chunk``, then ``malloc_trim`` as a worker does). A thread of the
worker reads its ``/proc/self/smaps_rollup`` every 50 ms. Per task: the worker's USS at its peak
during the task, before and after the trim, the English documents in the task and the size of
each model's string store. Then, in the caller, the working memory of spaCy's forward pass:
the USS that ``tok2vec`` of the English model adds while it runs on the longest English DEV
document cut to 1/8, 1/4, 1/2 and all of its tokens.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import write_result
from bench.parallel import dev_records, iter_dev_pages, settings_for
from guillemets.batch import local
from guillemets.batch.collector import release_free_memory, tune_collector
from guillemets.batch.plan import CHUNK, cut
from guillemets.batch.threads import limit_native_threads
from guillemets.batch.warm import freeze_before_fork, warm_up
from guillemets.nlp import lean
from guillemets.pipeline import process_many
from guillemets.settings import Settings

EVERY = 0.05  # seconds between two reads of smaps_rollup


def uss_mb() -> float:
    """This process's own pages (Private_Clean + Private_Dirty), in MB."""
    fields: dict[str, int] = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        fields[name] = int(rest.split()[0])
    return round((fields["Private_Clean"] + fields["Private_Dirty"]) / 1024, 1)


class Peak(threading.Thread):
    """The highest USS seen since the last ``reset``."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.value = 0.0
        self.lock = threading.Lock()

    def run(self) -> None:
        while True:
            now = uss_mb()
            with self.lock:  # a reset between the read and this write must not be undone
                self.value = max(self.value, now)
            time.sleep(EVERY)

    def reset(self) -> float:
        with self.lock:
            self.value = uss_mb()
            return self.value


def worker(pages: list[Any], settings: Settings, annotator: Any, out: int) -> None:
    """In the forked worker: run the tasks, write one JSON line of figures per task to ``out``."""
    peak = Peak()
    peak.start()
    models = annotator.models
    rows: list[dict[str, Any]] = [{"task": 0, "uss_mb": uss_mb()}]
    for n, raws in enumerate(cut(iter(pages), itertools.repeat(CHUNK)), 1):
        peak.reset()
        docs = list(process_many(raws, settings, annotator))
        time.sleep(EVERY * 2)
        row: dict[str, Any] = {"task": n, "english": sum(d.lang == "en" for d in docs), "peak_mb": peak.value,
               "end_mb": uss_mb()}  # fmt: skip
        del docs
        release_free_memory()
        row["trimmed_mb"] = uss_mb()
        row["strings"] = {lang: len(models.get(lang).vocab.strings) for lang in ("fr", "en")}
        rows.append(row)
    os.write(out, json.dumps(rows).encode())


def forward_memory(settings: Settings, annotator: Any, pages: list[Any]) -> list[dict[str, Any]]:
    """USS the English tok2vec adds while it runs on parts of the longest English document."""
    docs = [d for d in process_many(pages, replace(settings, nlp=replace(settings.nlp, quotes=False)), None)]
    texts = [d.text for d in docs if d.lang == "en"]
    if not texts:  # a --limit run may hold none
        return []
    text = max(texts, key=len)
    nlp = annotator.models.get("en")
    tok2vec = nlp.get_pipe("tok2vec")
    peak = Peak()
    peak.start()
    rows = []
    for part in (8, 4, 2, 1):
        release_free_memory()
        time.sleep(EVERY * 3)
        doc = nlp.make_doc(text[: len(text) // part])
        base = peak.reset()
        tok2vec(doc)
        time.sleep(EVERY * 3)
        rows.append({"tokens": len(doc), "tok2vec_peak_mb": round(peak.value - base, 1),
                     "kb_per_token": round((peak.value - base) * 1024 / len(doc), 1)})  # fmt: skip
        del doc
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="The first N DEV pages (default all 555).")
    parser.add_argument("--warm", default="fr,en", help="Languages warmed before the fork (default fr,en).")
    parser.add_argument(
        "--batch-size", type=int, default=None, help="nlp.pipe batch size (default settings')."
    )
    parser.add_argument(
        "--batch-chars", type=int, default=None, help="Characters per parse batch (default settings')."
    )
    parser.add_argument(
        "--no-lean", action="store_true", help="thinc's own chain forward (not nlp.lean's), to compare."
    )
    parser.add_argument("--out", default=None, help="Result file (default bench/results/worker_memory.json).")
    args = parser.parse_args()
    if args.no_lean:
        lean.lean_inference = lambda nlp: 0  # load_model looks it up when it loads a model
    settings = settings_for(True)
    if args.batch_size:
        settings = replace(settings, nlp=replace(settings.nlp, batch_size=args.batch_size))
    if args.batch_chars:
        settings = replace(settings, nlp=replace(settings.nlp, batch_chars=args.batch_chars))
    annotator = local.cached_annotator(settings.nlp)
    pages = list(iter_dev_pages(dev_records(args.limit), 1))
    warm_up(settings, annotator, tuple(args.warm.split(",")))
    limit_native_threads()
    tune_collector()
    freeze_before_fork()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        worker(pages, settings, annotator, write)
        os._exit(0)
    os.close(write)
    chunks = []
    while data := os.read(read, 1 << 16):
        chunks.append(data)
    os.waitpid(pid, 0)
    tasks = json.loads(b"".join(chunks))
    figures = {
        "pages": len(pages),
        "warm": args.warm,
        "batch_size": settings.nlp.batch_size,
        "batch_chars": settings.nlp.batch_chars,
        "lean": not args.no_lean,
        "worker_peak_mb": max(t.get("peak_mb", 0) for t in tasks),
        "worker_trimmed_mb_last": tasks[-1].get("trimmed_mb"),
        "caller_uss_mb": uss_mb(),
        "tasks": tasks,
        "tok2vec_forward": forward_memory(settings, annotator, pages),
    }
    print(write_result("worker_memory", figures, args.out))


if __name__ == "__main__":
    main()
