"""Spark ``local[2]`` vs the single-process pipeline on WET archives built from the DEV pages.

    python -m bench.spark [--limit N] [--pages 8000] [--archives 8] [--master URL] [--no-quotes] [--out FILE]

The DEV page dumps are repeated under new record ids until there are ``--pages`` pages (default
8000, so the fixed costs (JVM, a model load per worker) are amortised; N with ``--limit N``) and
written as gzipped WET ``conversion`` records into ``--archives`` files. The single-process run
reads them with ``iter_pages``, runs ``process_many`` (model loading included) and writes Parquet
with ``write_documents``; the Spark run is ``run_spark`` on the same files (session start-up timed
apart; its tasks write their Parquet files themselves). Both Parquet outputs are read back with
``read_documents`` and must hold the same documents. CPU seconds are recorded per process kind
(``java``, ``python``) beside the wall times.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import resource
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.common import write_result
from bench.parallel import MemorySampler, dev_records
from guillemets.model import Document
from guillemets.settings import Settings

DEFAULT_PAGES = 8000  # the issue asks >= 2,000; more amortises the fixed start-up better
BASE_DATE = 1740787200  # 2025-03-01T00:00:00Z: the archives' pages spread over March 2025


def build_archives(folder: Path, pages: int, archives: int, limit: int | None) -> list[Path]:
    """``archives`` WET files holding ``pages`` conversion records cycled from the DEV dumps."""
    from warcio.warcwriter import WARCWriter

    records = dev_records(limit)
    paths = [folder / f"dev-{i:03d}.warc.wet.gz" for i in range(archives)]
    files = [p.open("wb") for p in paths]
    writers = [WARCWriter(f, gzip=True) for f in files]
    for n in range(pages):
        record = records[n % len(records)]
        copy = n // len(records)
        writer = writers[n % archives]
        writer.write_record(_conversion(writer, record, copy, n))
    for f in files:
        f.close()
    return paths


def _conversion(writer: Any, record: dict[str, Any], copy: int, n: int) -> Any:
    rid = uuid.uuid5(uuid.NAMESPACE_URL, f"{record['id']}~{copy}")
    date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(BASE_DATE + (n % 28) * 86400))
    headers = {"WARC-Record-ID": f"<urn:uuid:{rid}>", "WARC-Date": date, "Content-Type": "text/plain"}
    body = record["dump"].encode("utf-8")
    uri = record["url"] or f"https://example.invalid/{record['id']}"
    return writer.create_warc_record(uri, "conversion", payload=io.BytesIO(body), warc_headers_dict=headers)


def run_single(paths: list[Path], out: Path, settings: Settings) -> dict[str, Any]:
    from guillemets.nlp import make_annotator
    from guillemets.pipeline import process_many
    from guillemets.read import iter_pages
    from guillemets.write.parquet import write_documents

    start = time.perf_counter()
    annotator = make_annotator(settings.nlp) if settings.nlp.quotes else None
    docs = process_many(iter_pages([str(p) for p in paths], settings.read), settings, annotator)
    summary = write_documents(docs, out)
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 2), "documents": summary.documents, "quotes": summary.quotes,
            "errors": summary.errors, "pages_per_s": round(summary.documents / seconds, 2)}  # fmt: skip


def run_on_spark(paths: list[Path], out: Path, settings: Settings, master: str) -> dict[str, Any]:
    from guillemets.batch.spark import run_spark, start_session

    start = time.perf_counter()
    session = start_session(master)
    started = time.perf_counter() - start
    try:
        summary = run_spark([str(p) for p in paths], str(out), settings, spark=session)
    finally:
        session.stop()
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 2), "session_start_seconds": round(started, 2),
            "job_seconds": round(summary.seconds, 2), "documents": summary.documents,
            "quotes": summary.quotes, "errors": summary.errors,
            "pages_per_s": round(summary.documents / seconds, 2),
            "pages_per_s_after_start": round(summary.documents / summary.seconds, 2)}  # fmt: skip


def digest(path: Path) -> str:
    """A hash of every document read back, in a fixed order (source path, record, id)."""
    from guillemets.write.parquet import read_documents

    def key(d: Document) -> tuple[str, str, str]:
        return d.source.path, d.source.record or "", d.id

    sha = hashlib.sha256()
    for doc in sorted(read_documents(path), key=key):
        sha.update(doc.to_json().encode())
    return sha.hexdigest()[:16]


def _cpu_bound(single: dict[str, Any], spark: dict[str, Any], master: str) -> float | None:
    """The speed-up the CPU times predict on idle cores: cores × single CPU / Spark CPU."""
    cores = {"local[1]": 1, "local[2]": 2}.get(master, os.cpu_count() or 1)
    return round(cores * single["cpu_seconds"] / spark["cpu_seconds"], 2) if spark["cpu_seconds"] else None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="Use the first N DEV pages (and N pages).")
    parser.add_argument("--pages", type=int, default=None, help="Pages in the archives (default 8000).")
    parser.add_argument("--archives", type=int, default=8, help="WET files to spread them over (default 8).")
    parser.add_argument("--master", default="local[2]", help="Spark master (default local[2]).")
    parser.add_argument("--no-quotes", action="store_true", help="Cleaning only (no spaCy stage).")
    parser.add_argument("--out", default=None, help="Result file (default bench/results/spark.json).")
    args = parser.parse_args()
    pages = args.pages or (args.limit if args.limit else DEFAULT_PAGES)
    base = Settings()
    settings = replace(base, nlp=replace(base.nlp, quotes=not args.no_quotes))
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-spark-") as tmp:
        folder = Path(tmp)
        paths = build_archives(folder, pages, min(args.archives, pages), args.limit)
        sampler = MemorySampler()
        cpu = time.process_time()
        single = run_single(paths, folder / "single", settings)
        single["cpu_seconds"] = round(time.process_time() - cpu, 2)
        single["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        sampler.start()
        cpu = time.process_time()
        spark = run_on_spark(paths, folder / "spark", settings, args.master)
        spark["cpu_seconds"] = round(time.process_time() - cpu + sampler.cpu_total(), 2)
        sampler.stop()
        spark["cpu_seconds_jvm_and_workers"] = sampler.cpu_total()
        spark["cpu_seconds_by_process"] = sampler.cpu_by_name()
        spark["rss_mb_processes"] = sampler.peaks()[:6]
        same = digest(folder / "single") == digest(folder / "spark")
    figures = {
        "pages": pages, "archives": len(paths), "master": args.master,
        "stages": "read(WET) + clean + langid" + ("" if args.no_quotes else " + spaCy quotes/entities (fr)")
        + " + Parquet", "single": single, "spark": spark,
        "speedup": round(single["seconds"] / spark["seconds"], 2),
        "speedup_after_start": round(single["seconds"] / spark["job_seconds"], 2),
        "same_output": same,
        "cpu_bound_speedup": _cpu_bound(single, spark, args.master),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }  # fmt: skip
    path = write_result("spark", figures, args.out)
    print(json.dumps({k: figures[k] for k in ("pages", "speedup", "cpu_bound_speedup", "same_output")}), path)


if __name__ == "__main__":
    main()
