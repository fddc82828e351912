"""The whole ``guillemets extract --no-quotes`` command against jusText, on the same DEV dumps, same run.

    python -m bench.pages_cli [--pages N] [--runs N] [--limit N] [--out FILE]

The DEV page dumps (the ``dump`` field of ``../shared/bench/pages/dev/*.jsonl.gz``, 555 pages) are
written as one ``.txt`` file each into a temporary folder, cycled to ``--pages`` files (default
2,350, the count issue 12 measured on: each dump about 4 times). Then, alternated so the load of
a shared machine hits both alike, each run times two fresh processes, start-up included:

- ``guillemets extract DIR --no-quotes --jobs 1 -q -o FILE`` (one process: reading, cleaning,
  language id, JSON lines written);
- jusText 3 on the same files, as the shared README's baseline runs it (each line of the dump as
  a ``<p>``, the stop list of the page's DEV ``lang``, English when jusText has none), one JSON line
  ``{"id", "text"}`` per page written (the paragraphs it keeps).

Wall clock and CPU time (user + system of the child) per command; the figures are medians over
the runs, and the ratio (jusText's time / extract's time, i.e. extract's speed in jusText's) also
as the median of the per-run ratios. ``--limit N`` (CI smoke) writes N files and makes one run.
Result: bench/results/pages_cli.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import SHARED, write_result

DEV = SHARED / "bench" / "pages" / "dev"
PAGES = 2350
# ISO 639-1 codes of the DEV pages -> jusText stop-list names (English for the rest).
STOPLISTS = {
    "de": "German", "en": "English", "es": "Spanish", "fr": "French", "pl": "Polish",
    "pt": "Portuguese", "ru": "Russian", "gl": "Galician", "ar": "Arabic", "fi": "Finnish",
}  # fmt: skip

JUSTEXT = """
import html, json, sys
from pathlib import Path
import justext
folder, langs, out = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text()), sys.argv[3]
lists = {}
with open(out, "w", encoding="utf-8") as f:
    for path in sorted(folder.glob("*.txt")):
        dump = path.read_text(encoding="utf-8")
        page = "<html><body>" + "".join("<p>" + html.escape(s) + "</p>" for s in dump.splitlines()) + "</body></html>"
        name = langs[path.name]
        if name not in lists:
            lists[name] = justext.get_stoplist(name)
        kept = [p.text for p in justext.justext(page, lists[name]) if not p.is_boilerplate]
        f.write(json.dumps({"id": path.stem, "text": "\\n\\n".join(kept)}, ensure_ascii=False) + "\\n")
"""


def write_dumps(folder: Path, count: int) -> dict[str, str]:
    """``count`` dump files (the DEV dumps in file order, cycled); returns file name -> stop list."""
    pages = []
    for path in sorted(DEV.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            pages += [(r["id"], r["lang"], r["dump"]) for r in map(json.loads, lines)]
    langs = {}
    for i in range(count):
        page_id, lang, dump = pages[i % len(pages)]
        name = f"{i:05d}-{page_id.replace('/', '_').replace(':', '_')[:60]}.txt"
        (folder / name).write_text(dump, encoding="utf-8")
        langs[name] = STOPLISTS.get(lang, "English")
    return langs


def timed(cmd: list[str]) -> dict[str, float]:
    """Wall clock and CPU seconds (user + system) of one child process, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"bench.pages_cli: {' '.join(cmd[:4])}… failed ({done.returncode}): {done.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}


def lines_in(path: Path) -> int:
    with path.open(encoding="utf-8") as f:
        return sum(1 for _ in f)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=PAGES, help=f"dump files to write (default {PAGES})")
    ap.add_argument("--runs", type=int, default=None, help="alternated runs of both commands (default 5)")
    ap.add_argument("--limit", type=int, default=None, help="write only N files and make one run (CI)")
    ap.add_argument("--out", default=None, help="result file (default bench/results/pages_cli.json)")
    args = ap.parse_args()
    count = args.limit or args.pages
    runs = args.runs or (1 if args.limit else 5)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    os.environ.update(env)
    with tempfile.TemporaryDirectory(prefix="bench-pages-cli-") as tmp:
        folder = Path(tmp) / "dumps"
        folder.mkdir()
        langs_file = Path(tmp) / "langs.json"
        langs_file.write_text(json.dumps(write_dumps(folder, count)), encoding="utf-8")
        ours, theirs = Path(tmp) / "extract.jsonl", Path(tmp) / "justext.jsonl"
        extract = [sys.executable, "-m", "guillemets", "extract", str(folder), "--no-quotes",
                   "--jobs", "1", "-q", "-o", str(ours)]  # fmt: skip
        justext = [sys.executable, "-c", JUSTEXT, str(folder), str(langs_file), str(theirs)]
        per_run: list[dict[str, Any]] = []
        for _ in range(runs):
            row = {"extract": timed(extract), "justext": timed(justext)}
            for clock in ("wall_s", "cpu_s"):
                row[f"ratio_{clock}"] = round(row["justext"][clock] / max(row["extract"][clock], 1e-9), 3)
            per_run.append(row)
            print(json.dumps(row), file=sys.stderr)
        written = {"extract": lines_in(ours), "justext": lines_in(theirs)}
    figures: dict[str, Any] = {"pages": count, "runs": runs, "lines_written": written}
    for clock in ("wall_s", "cpu_s"):
        for name in ("extract", "justext"):
            median = statistics.median(r[name][clock] for r in per_run)
            figures[f"{name}_{clock}_median"] = median
            figures[f"{name}_pages_per_s_{clock[:-2]}"] = round(count / max(median, 1e-9), 1)
        figures[f"ratio_{clock}_median"] = statistics.median(r[f"ratio_{clock}"] for r in per_run)
    figures["per_run"] = per_run
    figures["measure"] = ("each run: extract then jusText, fresh processes, start-up included; "
                          "ratio = jusText's time / extract's time")  # fmt: skip
    path = write_result("pages_cli", figures, args.out)
    print(json.dumps({k: v for k, v in figures.items() if k != "per_run"}, indent=1))
    print(f"bench.pages_cli: {count} pages, extract at {figures['ratio_wall_s_median']}× jusText's speed "
          f"(wall; CPU {figures['ratio_cpu_s_median']}×) -> {path}")


if __name__ == "__main__":
    main()
