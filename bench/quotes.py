"""Quote benchmark: run ``guillemets quotes`` on French DEV, score with the shared scorer, record every figure.

    python -m bench.quotes [--limit N] [--out FILE] [--gold FILE] [--keep-pred FILE]
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, SHARED, write_result

if str(ROOT / "src") not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(ROOT / "src"))

GOLD = SHARED / "bench" / "quotes" / "fr-dev.jsonl"
SCORER = SHARED / "bench" / "quotes" / "score.py"


def run_cli(gold_lines: list[str], pred_path: Path) -> float:
    """Run the ``guillemets quotes`` command in-process (same code path as the CLI); returns seconds."""
    from click.testing import CliRunner

    from guillemets.cli import cli

    records = [json.dumps({"id": d["id"], "lang": d.get("lang"), "text": d["text"]}, ensure_ascii=False)
               for d in map(json.loads, gold_lines)]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write("\n".join(records) + "\n")
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["quotes", f.name, "-o", str(pred_path), "-q"], catch_exceptions=False)
    elapsed = time.perf_counter() - started
    Path(f.name).unlink()
    if result.exit_code != 0:
        raise SystemExit(f"guillemets quotes failed ({result.exit_code}): {result.stderr}")
    return elapsed


def score(gold: Path, pred: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--out", default=None, help="result file (default bench/results/quotes_fr.json)")
    parser.add_argument("--gold", default=str(GOLD), help="gold JSONL (default: French DEV)")
    parser.add_argument("--keep-pred", default=None, help="also keep the predictions here")
    args = parser.parse_args(argv)
    lines = [line for line in Path(args.gold).read_text("utf-8").splitlines() if line.strip()][: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp) / "gold.jsonl", Path(args.keep_pred or Path(tmp) / "pred.jsonl")
        gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
        seconds = run_cli(lines, pred)
        figures = score(gold, pred)
    figures["articles"] = len(lines)
    figures["seconds_including_model_load"] = round(seconds, 2)
    name = "quotes_fr" if Path(args.gold).name.startswith("fr") else "quotes_en"
    path = write_result(name, figures, args.out)
    buf = io.StringIO()
    json.dump({k: figures[k] for k in figures if not isinstance(figures[k], (dict, list))}, buf)
    print(f"{path}: {buf.getvalue()}")


if __name__ == "__main__":
    main()
