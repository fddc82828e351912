"""Quality gate for the page cleaner: fail when a figure falls below its floor in bench/floors.json.

    python -m bench.gate [--limit N] [--update]

Computes the figures of a profile (``full``: every DEV and TRAIN page; ``smoke``: ``--limit 5``
pages per source, what CI runs), checks that the data are the ones the floors were pinned on
(sha256 of the pages used) and that each figure is at least its floor: DEV in-sample F1 of the
shipped weights, and the site-grouped 5-fold cross-validation F1 over DEV + TRAIN (DEV sources
together and each source). Exit 0 when all hold, 1 when one does not (each failure on one line),
2 when the data differ from the pinned ones. ``--update`` writes the measured figures as the new
pins, with floors ``MARGIN`` below them (lowering a floor is its own commit saying why);
``--from-result FILE`` takes the figures from a ``bench.pages --cv`` result of the same data
instead of recomputing them (the full profile's cross-validation costs ~10 min of CPU).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from bench.common import ROOT
from bench.pages import cross_validate, grouped_figures, run, score, summary
from bench.train_cleaner import DEV, build_dataset, load_all, load_pages

FLOORS = ROOT / "bench" / "floors.json"
# Floors sit this far below the pinned figures: the run is deterministic, so this only absorbs
# numerical differences between machines (BLAS, scikit-learn versions), not noise.
MARGIN = {"full": 0.005, "smoke": 0.02}


def pages_hash(pages: list[dict[str, Any]]) -> str:
    """sha256 over the pages (as parsed, keys sorted): the data a profile's figures come from."""
    h = hashlib.sha256()
    for page in pages:
        h.update(json.dumps(page, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def measure(limit: int | None) -> tuple[dict[str, float], str]:
    """The gated figures and the hash of the pages behind them."""
    dev = load_pages(DEV, limit)
    every = load_all(limit)
    in_sample = summary(score(run(dev), dev))
    cv = grouped_figures(every, cross_validate(every, build_dataset(every)))
    figures = {"dev_in_sample.overall": in_sample["overall"]["f1"], "grouped_cv.dev": cv["dev"]["f1"]}
    figures.update({f"grouped_cv.{s}": cv[s]["f1"] for s in sorted({p["source"] for p in every})})
    return {k: round(v, 4) for k, v in figures.items()}, pages_hash(every)


def from_result(path: Path, limit: int | None) -> tuple[dict[str, float], str]:
    """The gated figures of a ``bench.pages --cv`` result file (in-sample and grouped CV of the same data)."""
    result = json.loads(path.read_text("utf-8")).get("figures", {})
    if "grouped_cv" not in result or "dev_in_sample" not in result:
        sys.exit(f"gate: {path} has no grouped_cv and dev_in_sample figures; run bench.pages --cv")
    cv = result["grouped_cv"]
    figures = {
        "dev_in_sample.overall": result["dev_in_sample"]["overall"]["f1"],
        "grouped_cv.dev": cv["dev"]["f1"],
    }
    every = load_all(limit)
    figures.update({f"grouped_cv.{s}": cv[s]["f1"] for s in sorted({p["source"] for p in every})})
    return {k: round(v, 4) for k, v in figures.items()}, pages_hash(every)


def check(figures: dict[str, float], pinned: dict[str, Any]) -> list[str]:
    """One message per figure below its floor (or missing)."""
    failures = []
    for name, floor in sorted(pinned["floors"].items()):
        got = figures.get(name)
        if got is None or got < floor:
            failures.append(f"gate: {name} = {got} is below its floor {floor}")
    return failures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="pages per source (5 = the CI 'smoke' profile)")
    ap.add_argument("--update", action="store_true", help="pin the measured figures (floors MARGIN below)")
    ap.add_argument("--floors", default=str(FLOORS), help="floors file")
    ap.add_argument("--from-result", default=None, help="take the figures from this bench.pages --cv result")
    args = ap.parse_args()
    profile = "full" if args.limit is None else "smoke" if args.limit == 5 else f"limit{args.limit}"
    if args.from_result:
        figures, data_hash = from_result(Path(args.from_result), args.limit)
    else:
        figures, data_hash = measure(args.limit)
    path = Path(args.floors)
    floors = json.loads(path.read_text("utf-8")) if path.exists() else {}
    if args.update:
        margin = MARGIN.get(profile, 0.02)
        floors[profile] = {"limit": args.limit, "data_sha256": data_hash, "figures": figures,
                           "floors": {k: round(v - margin, 4) for k, v in figures.items()}}  # fmt: skip
        path.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"gate: pinned {profile}: {figures}")
        return
    pinned = floors.get(profile)
    if pinned is None:
        sys.exit(f"gate: no floors for profile {profile} in {path}; run with --update to pin them")
    if pinned["data_sha256"] != data_hash:
        pin = pinned["data_sha256"][:12]
        print(f"gate: the {profile} data differ from the pinned ones ({data_hash[:12]} ≠ {pin}); "
              "re-measure and pin with --update", file=sys.stderr)  # fmt: skip
        sys.exit(2)
    failures = check(figures, pinned)
    for line in failures:
        print(line, file=sys.stderr)
    held = len(pinned["floors"]) - len(failures)
    print(f"gate: {profile}: {held}/{len(pinned['floors'])} floors hold: {figures}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
