"""The whole ``guillemets extract --no-quotes`` command against jusText, on the same DEV dumps, same run.

    python -m bench.pages_cli [--pages N] [--runs N] [--limit N] [--out FILE] [--against COMMIT]
                              [--no-compile]

The DEV page dumps (the ``dump`` field of ``../shared/bench/pages/dev/*.jsonl.gz``, 555 pages) are
written as one ``.txt`` file each into a temporary folder, cycled to ``--pages`` files (default
2,350, the count issue 12 measured on: each dump about 4 times). Then, alternated so the load of
a shared machine hits both alike, each run times two fresh processes, start-up included:

- ``guillemets extract DIR --no-quotes --jobs 1 -q -o FILE`` (one process: reading, cleaning,
  language id, JSON lines written);
- jusText 3 on the same files, as the shared README's baseline runs it (each line of the dump as
  a ``<p>``, the stop list of the page's DEV ``lang``, English when jusText has none), one JSON line
  ``{"id", "text"}`` per page written (the paragraphs it keeps).

With ``--against COMMIT``, each run also times the same extract command with the package's source
at COMMIT (``extract_before``), so before and after are measured in the same run.

Both sources of extract are byte-compiled first (``compile_sources``; not with ``--no-compile``),
as an installed package's are: jusText's modules are, and a user's later runs read theirs from
``__pycache__``.
Wall clock and CPU time (user + system of the child) per command; the figures are medians over
the runs, and the ratio (jusText's time / extract's time, i.e. extract's speed in jusText's) also
as the median of the per-run ratios. ``--limit N`` (CI smoke) writes N files and makes one run.

Then one more process splits extract's CPU time into phases, with the library calls the command
makes (``PHASES``): start-up imports, reading and decoding, cleaning + language id
(``pipeline.build_documents``, batches of ``pipeline.BATCH``; split into the cleaner, the
language id and the rest, building the records), encoding the JSON lines and writing them, plus
the wide vote's tables (``lang._wide_model``); ``process_cpu_s`` is that process's whole CPU time
and ``interpreter_and_exit_s`` what the timers do not see (Python's start-up, freeing everything
at exit); ``py3langid_loaded`` says whether any page reached py3langid (its model load, about
0.5 s, then counts in the cleaning). Result: bench/results/pages_cli.json.
"""

from __future__ import annotations

import argparse
import compileall
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

from bench.common import ROOT, SHARED, write_result
from bench.pages import source_at

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
        body = "".join("<p>" + html.escape(s) + "</p>" for s in dump.splitlines())
        page = "<html><body>" + body + "</body></html>"
        name = langs[path.name]
        if name not in lists:
            lists[name] = justext.get_stoplist(name)
        kept = [p.text for p in justext.justext(page, lists[name]) if not p.is_boilerplate]
        f.write(json.dumps({"id": path.stem, "text": "\\n\\n".join(kept)}, ensure_ascii=False) + "\\n")
"""

# Extract's phases, CPU time, in one fresh interpreter (argv: folder, output file). The cleaner
# (``pipeline.clean_dumps``) and the language id (``pipeline.detect_language``) are timed inside
# ``build_documents`` by wrapping them; what is left of it is building the records.
PHASES = """
import json, sys, time
clock = time.process_time
t0 = clock()
from guillemets.cli import extract as _cli
from guillemets import pipeline
from guillemets.pipeline import BATCH, build_documents
from guillemets.read import expand_inputs, read_input
from guillemets.settings import Settings
from guillemets.write.jsonl import encode_document
from guillemets.batch.collector import tune_allocator, tune_collector
import numpy  # the cleaner's: imported here so that the language tables' time is their own
t1 = clock()
spent = {"clean": 0.0, "language_id": 0.0}
def timed(name, f):
    def call(*args, **kwargs):
        start = clock()
        try:
            return f(*args, **kwargs)
        finally:
            spent[name] += clock() - start
    return call
pipeline.clean_dumps = timed("clean", pipeline.clean_dumps)
pipeline.detect_language = timed("language_id", pipeline.detect_language)
tune_collector()  # as extract does before the pages flow
tune_allocator()  # and in one process, the heap keeping what the batches free
settings = Settings()
pages = [p for ref in expand_inputs([sys.argv[1]]) for p in read_input(ref, settings.read)]
t2 = clock()
from guillemets import lang
lang._wide_model()  # the wide vote's tables (py3langid's model is loaded only if a text reaches it)
t3 = clock()
docs = [d for i in range(0, len(pages), BATCH) for d in build_documents(pages[i : i + BATCH], settings)]
t4 = clock()
lines = [encode_document(d).line for d in docs]
t5 = clock()
with open(sys.argv[2], "wb") as f:
    f.writelines(lines)
t6 = clock()
print(json.dumps({"imports_s": t1 - t0, "read_s": t2 - t1, "language_tables_s": t3 - t2,
                  "clean_and_language_id_s": t4 - t3, "clean_s": spent["clean"],
                  "language_id_s": spent["language_id"],
                  "records_s": t4 - t3 - spent["clean"] - spent["language_id"],
                  "encode_s": t5 - t4, "write_s": t6 - t5,
                  "py3langid_loaded": lang._classify.cache_info().currsize > 0, "pages": len(docs)}))
"""
# The phases that add up to the timed part of the phases process (clean_s, language_id_s and
# records_s are the parts of clean_and_language_id_s).
TIMED_PHASES = ("imports_s", "read_s", "language_tables_s", "clean_and_language_id_s", "encode_s", "write_s")


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


def timed(cmd: list[str], src: str | None = None, ok: tuple[int, ...] = (0,)) -> dict[str, float]:
    """Wall clock and CPU seconds (user + system) of one child process, which must exit with a code in ``ok``.

    ``src``: the package source the child imports (first on PYTHONPATH), else the current one.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src or str(ROOT / "src"), str(ROOT)])}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        command = " ".join(cmd[:4])
        raise SystemExit(f"bench.pages_cli: {command}… failed ({done.returncode}): {done.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}


def compile_sources(folders: list[str]) -> bool:
    """Byte-compile the package sources timed, as pip does for an installed package (jusText's are).

    An editable install's modules are compiled on first import and cached in ``__pycache__``; where
    ``PYTHONDONTWRITEBYTECODE`` is set (this machine's environment) nothing is cached and every run
    would compile guillemets' ~100 modules again (about 0.07 s), a cost no installed run pays.
    ``compileall`` writes the caches whatever that variable says; imports then read them.
    """
    return all(compileall.compile_dir(folder, quiet=1) for folder in folders)


def lines_in(path: Path) -> int:
    with path.open(encoding="utf-8") as f:
        return sum(1 for _ in f)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=PAGES, help=f"dump files to write (default {PAGES})")
    ap.add_argument("--runs", type=int, default=None, help="alternated runs of both commands (default 5)")
    ap.add_argument("--limit", type=int, default=None, help="write only N files and make one run (CI)")
    ap.add_argument("--out", default=None, help="result file (default bench/results/pages_cli.json)")
    ap.add_argument("--against", metavar="COMMIT", default=None,
                    help="also time extract with the source at COMMIT, in the same runs")  # fmt: skip
    ap.add_argument("--no-compile", action="store_true",
                    help="do not byte-compile the sources first (each run compiles its imports)")  # fmt: skip
    args = ap.parse_args()
    count = args.limit or args.pages
    runs = args.runs or (1 if args.limit else 5)
    with tempfile.TemporaryDirectory(prefix="bench-pages-cli-") as tmp:
        folder = Path(tmp) / "dumps"
        folder.mkdir()
        langs_file = Path(tmp) / "langs.json"
        langs_file.write_text(json.dumps(write_dumps(folder, count)), encoding="utf-8")
        ours, theirs = Path(tmp) / "extract.jsonl", Path(tmp) / "justext.jsonl"
        extract = [sys.executable, "-m", "guillemets", "extract", str(folder), "--no-quotes",
                   "--jobs", "1", "-q", "-o", str(ours)]  # fmt: skip
        justext = [sys.executable, "-c", JUSTEXT, str(folder), str(langs_file), str(theirs)]
        before = str(source_at(args.against, Path(tmp))) if args.against else None
        compiled = not args.no_compile and compile_sources([str(ROOT / "src"), *([before] if before else [])])
        per_run: list[dict[str, Any]] = []
        for _ in range(runs):
            row = {"extract": timed(extract), "justext": timed(justext)}
            if before:
                row["extract_before"] = timed(extract, before)
            for clock in ("wall_s", "cpu_s"):
                for name in ("extract", "extract_before") if before else ("extract",):
                    suffix = "" if name == "extract" else "_before"
                    ratio = row["justext"][clock] / max(row[name][clock], 1e-9)
                    row[f"ratio{suffix}_{clock}"] = round(ratio, 3)
            per_run.append(row)
            print(json.dumps(row), file=sys.stderr)
        written = {"extract": lines_in(ours), "justext": lines_in(theirs)}
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
        before_phases = resource.getrusage(resource.RUSAGE_CHILDREN)
        phases = subprocess.run([sys.executable, "-c", PHASES, str(folder), str(Path(tmp) / "phases.jsonl")],
                                capture_output=True, text=True, check=True, env=env)  # fmt: skip
        after_phases = resource.getrusage(resource.RUSAGE_CHILDREN)
        split = {k: round(v, 3) if isinstance(v, float) else v for k, v in json.loads(phases.stdout).items()}
        whole = sum(getattr(after_phases, f) - getattr(before_phases, f) for f in ("ru_utime", "ru_stime"))
        split["process_cpu_s"] = round(whole, 3)  # the phases process, start-up and exit included
        split["interpreter_and_exit_s"] = round(whole - sum(split[k] for k in TIMED_PHASES), 3)
    figures: dict[str, Any] = {"pages": count, "runs": runs, "lines_written": written,
                               "sources_byte_compiled": compiled}  # fmt: skip
    names = ("extract", "justext", "extract_before") if args.against else ("extract", "justext")
    for clock in ("wall_s", "cpu_s"):
        for name in names:
            median = statistics.median(r[name][clock] for r in per_run)
            figures[f"{name}_{clock}_median"] = median
            figures[f"{name}_pages_per_s_{clock[:-2]}"] = round(count / max(median, 1e-9), 1)
        for suffix in ("", "_before") if args.against else ("",):
            key = f"ratio{suffix}_{clock}"
            figures[f"{key}_median"] = statistics.median(r[key] for r in per_run)
    if args.against:
        figures["against"] = args.against
    figures["extract_cpu_phases"] = split
    figures["per_run"] = per_run
    figures["measure"] = ("each run: extract, jusText (then extract at --against), fresh processes, start-up "
                          "included; ratio = jusText's time / extract's time; extract_cpu_phases: one more "
                          "process, the cleaner's data loading in clean_and_language_id_s")  # fmt: skip
    path = write_result("pages_cli", figures, args.out)
    print(json.dumps({k: v for k, v in figures.items() if k != "per_run"}, indent=1))
    print(
        f"bench.pages_cli: {count} pages, extract at {figures['ratio_wall_s_median']}× jusText's speed "
        f"(wall; CPU {figures['ratio_cpu_s_median']}×) -> {path}"
    )


if __name__ == "__main__":
    main()
