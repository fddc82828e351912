"""Warm-server benchmark: latency of ``POST /api/extract`` for a 5,000-character French article.

Starts ``guillemets serve`` in a subprocess on a free 127.0.0.1 port over an empty corpus (the
endpoint never reads it), waits until the model is loaded (the first request, whose time is
reported as ``first_request_s``), then times N requests over real HTTP, one at a time, each
sending the page dump ``bench/extract_api_article.txt`` (an article written for this
benchmark: 5,003 characters of article text, 5,371 of page) as JSON. Reports median, p95 and
max latency. Figures are reported, never asserted (target: p95 under 1 s on the 2-core machine).

    python -m bench.extract_api --limit 30
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.common import ROOT, write_result

ARTICLE = ROOT / "bench" / "extract_api_article.txt"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def post(url: str, body: bytes, timeout: float = 300) -> tuple[float, dict[str, Any]]:
    """Seconds for one POST (request sent to answer read) and the decoded answer."""
    request = urllib.request.Request(url, body, {"content-type": "application/json"}, method="POST")
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        payload = response.read()
    return time.perf_counter() - started, json.loads(payload)


def wait_until_up(base: str, server: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"guillemets serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(base + "/paste", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("guillemets serve did not start in time")


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    from guillemets.store.engine import make_engine

    make_engine(f"sqlite:///{db}").dispose()  # an empty corpus at the current schema
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    command = [sys.executable, "-m", "guillemets", "serve", "--db", str(db), "--port", str(port), "-q"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def run(requests: int) -> dict[str, Any]:
    page = ARTICLE.read_text(encoding="utf-8")
    body = json.dumps({"text": page}, ensure_ascii=False).encode("utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        server = start_server(Path(tmp) / "corpus.db", port)
        try:
            wait_until_up(base, server, started + 120)
            up = time.monotonic() - started
            first, answer = post(base + "/api/extract", body)  # waits for the model if still loading
            doc = answer["document"]
            times = [post(base + "/api/extract", body)[0] for _ in range(requests)]
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {
        "requests": requests,
        "page_chars": len(page),
        "article_chars": len(doc["text"]),
        "quotes": len(doc["quotes"]),
        "entities": len(doc["entities"]),
        "server_up_s": round(up, 2),
        "first_request_s": round(first, 3),
        "median_s": round(statistics.median(times), 3),
        "p95_s": round(percentile(times, 0.95), 3),
        "max_s": round(max(times), 3),
        "mean_s": round(statistics.fmean(times), 3),
    }


def main(argv: list[str] | None = None) -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--limit", type=int, default=30, help="timed requests after warm-up (default 30)")
    parser.add_argument("--out", default=None, help="result file (default bench/results/extract_api.json)")
    args = parser.parse_args(argv)
    figures = run(max(1, args.limit))
    path = write_result("extract_api", figures, args.out)
    print(json.dumps(figures, indent=2), file=sys.stderr)
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
