"""Throughput of one process vs ``--jobs N`` (process_parallel) on the DEV pages, and per-process memory.

    python -m bench.parallel [--limit N] [--repeat R] [--jobs 2] [--pairs K] [--no-quotes] [--out FILE]

The DEV page dumps (../shared/bench/pages/dev/*.jsonl.gz) become TEXT pages (as a WET reader
would give them), repeated ``--repeat`` times under new ids so start-up is amortised, and made
as they are consumed (as a reader streams them to ``extract``: the memory figures are those of
a real run, not of a caller holding every page when the workers fork). Each mode
runs in a fresh subprocess (so memory figures are its own) and makes the JSON lines `extract`
writes: the single-process pipeline (``process_many`` with the annotator, model loading
included, lines made in the process), then ``process_parallel_encoded`` (worker start-up and
model loading included, lines made by the workers, as ``extract --jobs`` does). Both outputs
are hashed and must be equal.
Figures: wall seconds, pages/s, speed-up, CPU seconds of all processes (the machine is
shared: ``cpu_bound_speedup`` = what the CPU time predicts on N idle cores), peak RSS per process,
and from /proc/PID/smaps_rollup the peak USS (pages only that process holds: what one more
worker costs, since forked workers share the caller's model) and PSS of every child process.
With ``--pairs K`` the two modes run K times, alternated (one, N, one, N...), and the speed-up
is the median of the K pair ratios: on a shared machine the load changes from minute to minute.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import SHARED, write_result
from guillemets.model import Source
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import Settings

DEV = SHARED / "bench" / "pages" / "dev"
CLK = os.sysconf("SC_CLK_TCK")
SMAPS_EVERY = 10  # samples (of 0.5 s) between two reads of /proc/PID/smaps_rollup


def dev_records(limit: int | None = None) -> list[dict[str, Any]]:
    """The DEV page records (id, url, dump) of every file, in sorted file order, at most ``limit``."""
    records: list[dict[str, Any]] = []
    for path in sorted(DEV.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            records.extend(
                {"id": r["id"], "url": r.get("url"), "dump": r["dump"]} for r in map(json.loads, lines)
            )
    return records[:limit] if limit else records


def dev_pages(limit: int | None, repeat: int) -> list[RawPage]:
    """TEXT pages from the DEV dumps, ``repeat`` copies under new ids (``<id>~<copy>``)."""
    return list(iter_dev_pages(dev_records(limit), repeat))


def iter_dev_pages(records: list[dict[str, Any]], repeat: int) -> Iterator[RawPage]:
    """The pages of ``dev_pages``, made as they are read (as a reader streams them to ``extract``)."""
    for copy in range(repeat):
        for r in records:
            yield RawPage(
                Source("dev", f"{r['id']}~{copy}"),
                PageKind.TEXT,
                r["dump"],
                id=f"{r['id']}~{copy}",
                url=r["url"],
            )


def settings_for(quotes: bool) -> Settings:
    base = Settings()
    return replace(base, nlp=replace(base.nlp, quotes=quotes))


def measure(
    jobs: int, limit: int | None, repeat: int, quotes: bool, per_worker: int | None = None, warm: bool = True
) -> dict[str, Any]:
    """Run one mode in this process and return its figures (called in a fresh subprocess)."""
    from guillemets.batch import local
    from guillemets.batch.collector import tune_collector
    from guillemets.batch.local import process_parallel_encoded
    from guillemets.nlp import make_annotator
    from guillemets.pipeline import process_many
    from guillemets.write.jsonl import encode_document

    if not warm:  # as before batch.warm: the workers build the first page's caches themselves
        local.warm_up = lambda *args: None  # type: ignore[assignment]
        local.freeze_before_fork = lambda: None  # tune_collector still freezes the loaded model
    records, settings = dev_records(limit), settings_for(quotes)
    count = len(records) * repeat
    pages = iter_dev_pages(records, repeat)  # streamed: the workers fork from a caller holding few pages
    sampler = MemorySampler()
    sampler.start()
    cpu0, start = _cpu_self(), time.perf_counter()
    # As `guillemets extract` runs: JSON lines made in this process, or by the --jobs workers.
    if jobs == 1:
        annotator = make_annotator(settings.nlp) if quotes else None
        tune_collector()  # as the CLI does in one process (workers do it in their initializer)
        docs: Iterator[Any] = map(encode_document, process_many(pages, settings, annotator))
    else:
        docs = process_parallel_encoded(pages, settings, jobs, encode_document, per_worker=per_worker)
    digest, counts, arrivals = _digest(docs)
    seconds = time.perf_counter() - start
    time.sleep(0.3)  # let the workers be reaped (by us or the forkserver) so their CPU time is accounted
    sampler.stop()
    cpu = _cpu_self() - cpu0 + _cpu_children()
    return {"jobs": jobs, "pages": count, "seconds": round(seconds, 2),
            "pages_per_s": round(count / seconds, 2), "steady_pages_per_s": _steady(arrivals, start),
            "first_result_seconds": round(arrivals[0] - start, 2) if arrivals else None,
            "cpu_seconds": round(cpu, 2), **counts,
            "rss_mb_self": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "rss_mb_workers": sampler.peaks(), "uss_mb_workers": sampler.uss_peaks(),
            "pss_mb_workers": sampler.pss_peaks(), "self_uss_pss_mb": _self_uss_pss(),
            "digest": digest}  # fmt: skip


def _self_uss_pss() -> list[float]:
    uss, pss = _smaps_rollup(os.getpid())
    return [round(uss / 1024, 1), round(pss / 1024, 1)]


def _digest(docs: Iterator[Any]) -> tuple[str, dict[str, int], list[float]]:
    """A hash of the JSON lines, counts, and when each document arrived."""
    sha, counts = hashlib.sha256(), {"documents": 0, "quotes": 0, "errors": 0, "french": 0}
    arrivals = []
    for doc in docs:
        arrivals.append(time.perf_counter())
        sha.update(doc.line)
        counts["documents"] += 1
        counts["quotes"] += doc.quotes
        counts["errors"] += bool(doc.errors)
        counts["french"] += doc.lang == "fr"
    return sha.hexdigest()[:16], counts, arrivals


def _steady(arrivals: list[float], start: float) -> float | None:
    """Pages/s after the first results arrived: start-up (imports, model loading) left out."""
    if len(arrivals) < 2:
        return None
    first = arrivals[0]
    later = [t for t in arrivals if t > first + 0.05]
    return round(len(later) / (arrivals[-1] - first), 2) if later else None


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _cpu_children() -> float:
    """CPU of the children reaped (forked workers), of live children (the forkserver), and of theirs."""
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = reaped.ru_utime + reaped.ru_stime
    for pid in _descendants(os.getpid(), direct=True):
        fields = _stat(pid)
        if fields:
            total += sum(int(f) for f in fields[11:15]) / CLK  # utime stime cutime cstime
    return total


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from "state" on


def _descendants(root: int, direct: bool = False) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [], {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier}
        found.extend(frontier)
        if direct:
            break
    return found


class MemorySampler(threading.Thread):
    """Peak RSS (VmHWM) and CPU time of every descendant process, sampled twice a second."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.names: dict[int, str] = {}
        self.uss: dict[int, int] = {}
        self.ticks = 0
        self.pss: dict[int, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.ticks += 1
            for pid in _descendants(os.getpid()):
                kb = _vm_hwm(pid)
                self.peak[pid] = max(self.peak.get(pid, 0), kb)
                if self.ticks % SMAPS_EVERY == 0:  # the kernel walks every page: ~15 ms of CPU a read
                    uss, pss = _smaps_rollup(pid)
                    self.uss[pid] = max(self.uss.get(pid, 0), uss)
                    self.pss[pid] = max(self.pss.get(pid, 0), pss)
                fields = _stat(pid)
                if fields:
                    self.cpu[pid] = (int(fields[11]) + int(fields[12])) / CLK  # own utime + stime
                    self.names.setdefault(pid, _name(pid))

    def cpu_by_name(self) -> dict[str, float]:
        """CPU seconds per process name (e.g. java, python), summed over processes."""
        names: dict[str, float] = {}
        for pid, cpu in self.cpu.items():
            name = self.names.get(pid, "?")
            names[name] = round(names.get(name, 0.0) + cpu, 2)
        return names

    def cpu_total(self) -> float:
        """CPU seconds of the descendants seen (their own time, last sample: may miss < 0.5 s each)."""
        return round(sum(self.cpu.values()), 2)

    def stop(self) -> None:
        self.done.set()
        self.join()

    def peaks(self) -> list[float]:
        return sorted((round(kb / 1024, 1) for kb in self.peak.values() if kb > 50 * 1024), reverse=True)

    def uss_peaks(self) -> list[float]:
        """Peak USS (MB) of each child that grew past 50 MB RSS (the workers), largest first."""
        big = [pid for pid, kb in self.peak.items() if kb > 50 * 1024]
        return sorted((round(self.uss.get(pid, 0) / 1024, 1) for pid in big), reverse=True)

    def pss_peaks(self) -> list[float]:
        big = [pid for pid, kb in self.peak.items() if kb > 50 * 1024]
        return sorted((round(self.pss.get(pid, 0) / 1024, 1) for pid in big), reverse=True)


def _smaps_rollup(pid: int) -> tuple[int, int]:
    """(USS, PSS) of ``pid`` in kB: its private pages, and its proportional share of all pages."""
    fields: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, _, rest = line.partition(":")
            fields[name] = int(rest.split()[0])
    except (OSError, ValueError, IndexError):
        return 0, 0
    return fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0), fields.get("Pss", 0)


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def _vm_hwm(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_mode(jobs: int, args: argparse.Namespace) -> dict[str, Any]:
    """``measure`` in a fresh interpreter, so each mode's memory and model loading are its own."""
    cmd = [
        sys.executable,
        "-m",
        "bench.parallel",
        "--measure",
        "--jobs",
        str(jobs),
        "--repeat",
        str(args.repeat),
    ]
    cmd += ["--limit", str(args.limit)] if args.limit else []
    cmd += ["--no-quotes"] if args.no_quotes else []
    cmd += ["--per-worker", str(args.per_worker)] if args.per_worker else []
    cmd += ["--no-warm-up"] if args.no_warm_up else []
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=Path(__file__).parents[1])
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="Use the first N DEV pages.")
    parser.add_argument("--repeat", type=int, default=2, help="Copies of the pages (default 2).")
    parser.add_argument("--jobs", type=int, default=2, help="Workers of the parallel run (default 2).")
    parser.add_argument("--pairs", type=int, default=1, help="Alternated runs of both modes (median).")
    parser.add_argument("--no-quotes", action="store_true", help="Cleaning only (no spaCy stage).")
    parser.add_argument("--out", default=None, help="Result file (default bench/results/parallel.json).")
    parser.add_argument(
        "--per-worker",
        type=int,
        default=None,
        help="Start a worker per N pages (default: as extract decides, by the estimated work).",
    )
    parser.add_argument(
        "--no-warm-up",
        action="store_true",
        help="Fork the workers without the warm-up page (batch.warm), to measure what it saves.",
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        figures = measure(
            args.jobs, args.limit, args.repeat, not args.no_quotes, args.per_worker, not args.no_warm_up
        )
        print(json.dumps(figures))
        return
    load_before = os.getloadavg()
    pairs = [(run_mode(1, args), run_mode(args.jobs, args)) for _ in range(max(1, args.pairs))]
    figures = summarise(*pairs[len(pairs) // 2], args, load_before)  # a pair near the median, in full
    if len(pairs) > 1:
        figures["pairs"] = summarise_pairs(pairs)
    path = write_result("parallel", figures, args.out)
    keys = ("pages", "speedup", "steady_speedup", "cpu_bound_speedup", "same_output", "pairs")
    print(json.dumps({k: figures[k] for k in keys if k in figures}), path)


def summarise_pairs(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """Every pair's wall seconds and ratio, and the medians (the figure to quote on a shared machine)."""
    ratios = [round(one["seconds"] / many["seconds"], 3) for one, many in pairs]
    return {
        "single_seconds": [one["seconds"] for one, _ in pairs],
        "parallel_seconds": [many["seconds"] for _, many in pairs],
        "speedups": ratios,
        "median_speedup": round(statistics.median(ratios), 3),
        "median_single_seconds": statistics.median(one["seconds"] for one, _ in pairs),
        "median_parallel_seconds": statistics.median(many["seconds"] for _, many in pairs),
        "single_cpu_seconds": [one["cpu_seconds"] for one, _ in pairs],
        "parallel_cpu_seconds": [many["cpu_seconds"] for _, many in pairs],
        "parallel_uss_mb_workers": [many["uss_mb_workers"] for _, many in pairs],
        "same_output": all(one["digest"] == many["digest"] for one, many in pairs),
    }


def summarise(single: dict[str, Any], parallel: dict[str, Any], args: argparse.Namespace,
              load_before: tuple[float, float, float]) -> dict[str, Any]:  # fmt: skip
    cpu_ratio = parallel["cpu_seconds"] / single["cpu_seconds"] if single["cpu_seconds"] else 0.0
    return {
        "pages": single["pages"],
        "stages": "read(TEXT pages) + clean + langid"
        + ("" if args.no_quotes else " + spaCy quotes/entities (fr)"),
        "single": single,
        "parallel": parallel,
        "speedup": round(single["seconds"] / parallel["seconds"], 2),
        "steady_speedup": _ratio(parallel["steady_pages_per_s"], single["steady_pages_per_s"]),
        "cpu_overhead": round(cpu_ratio, 3),
        "cpu_bound_speedup": round(args.jobs / cpu_ratio, 2) if cpu_ratio else None,
        "same_output": single["digest"] == parallel["digest"],
        "warm_up": not args.no_warm_up,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


if __name__ == "__main__":
    main()
