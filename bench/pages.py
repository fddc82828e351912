"""Benchmark the text-dump cleaner on the shared DEV pages (../shared/bench/pages/dev).

    python -m bench.pages [--limit N] [--out FILE] [--cv] [--with-title]

Runs language id + ``clean_dump`` on each page's `dump`, writes predictions {"id", "text"} (text =
lede + paragraphs: the gold bodies leave the headline out), scores them with the shared scorer and
records every figure plus pages/s (language id + cleaning only, one process, no I/O) in
bench/results/pages.json. ``--cv`` also scores a 5-fold cross-validation grouped by site: the line
classifier is retrained without the fold's sites, then run on them (needs scikit-learn).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import SHARED, write_result
from bench.train_cleaner import build_dataset, fit, load_pages, site
from guillemets.clean.classify import LineModel
from guillemets.clean.result import Cleaned
from guillemets.clean.segment import clean_dump
from guillemets.lang import detect_language

SCORER = SHARED / "bench" / "pages" / "score.py"
DEV = SHARED / "bench" / "pages" / "dev"
FOLDS = 5


def article_text(cleaned: Cleaned, with_title: bool = False) -> str:
    parts = [cleaned.title] if with_title and cleaned.title else []
    parts += [cleaned.lede, *cleaned.paragraphs] if cleaned.lede else []
    return "\n\n".join(parts)


def run(pages: list[dict[str, Any]], model: LineModel | None = None, with_title: bool = False,
        ) -> tuple[dict[str, str], float]:  # fmt: skip
    """Predictions by id, and the seconds spent in language id + cleaning."""
    preds: dict[str, str] = {}
    spent = 0.0
    for page in pages:
        start = time.perf_counter()
        lang = detect_language(_sample(page["dump"]))
        cleaned = clean_dump(page["dump"], lang, model=model)
        spent += time.perf_counter() - start
        preds[page["id"]] = article_text(cleaned, with_title)
    return preds, spent


def _sample(dump: str, size: int = 600) -> str:
    """The longest lines, up to ``size`` characters: enough for language id, cheap to classify."""
    lines = sorted(dump.splitlines(), key=len, reverse=True)[:4]
    return " ".join(lines)[:size]


def cross_validate(pages: list[dict[str, Any]], with_title: bool) -> dict[str, str]:
    """Predictions where each page's classifier was trained without its site (grouped k-fold)."""
    fold_of = {s: i % FOLDS for i, s in enumerate(sorted({site(p) for p in pages}, key=_stable_hash))}
    preds: dict[str, str] = {}
    for fold in range(FOLDS):
        train = [p for p in pages if fold_of[site(p)] != fold]
        test = [p for p in pages if fold_of[site(p)] == fold]
        model = fit(*build_dataset(train)[:3])
        preds.update(run(test, model, with_title)[0])
    return preds


def _stable_hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def score(preds: dict[str, str], ids: set[str]) -> dict[str, Any]:
    """The shared scorer's JSON figures for these predictions, on the gold pages with these ids."""
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        with gold.open("w", encoding="utf-8") as f:
            for page in load_pages(DEV):
                if page["id"] in ids:
                    f.write(json.dumps(page, ensure_ascii=False) + "\n")
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n"
                                for k, v in preds.items()), encoding="utf-8")  # fmt: skip
        out = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json"],
                             capture_output=True, text=True, check=True)  # fmt: skip
    return dict(json.loads(out.stdout))


def summary(result: dict[str, Any]) -> dict[str, Any]:
    keys = ("precision", "recall", "f1", "accuracy", "shingle_f1", "pages")
    figures = {src: {k: r[k] for k in keys if k in r} for src, r in result["sources"].items()}
    figures["overall"] = {k: result["overall"][k] for k in ("precision", "recall", "f1", "pages")}
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="pages per source")
    ap.add_argument("--out", default=None, help="result file (default bench/results/pages.json)")
    ap.add_argument("--cv", action="store_true", help="also run the site-grouped 5-fold cross-validation")
    ap.add_argument("--with-title", action="store_true", help="put the headline in the scored text")
    ap.add_argument("--pred", default=None, help="also write the predictions here (JSONL)")
    args = ap.parse_args()
    pages = load_pages(DEV, args.limit)
    ids = {p["id"] for p in pages}
    preds, spent = run(pages, with_title=args.with_title)
    figures: dict[str, Any] = {"dev_in_sample": summary(score(preds, ids))}
    figures["pages"] = len(pages)
    figures["pages_per_second"] = round(len(pages) / spent, 1)
    if args.cv:
        figures["dev_grouped_cv"] = summary(score(cross_validate(pages, args.with_title), ids))
    if args.pred:
        Path(args.pred).write_text("".join(json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n"
                                           for k, v in preds.items()), encoding="utf-8")  # fmt: skip
    path = write_result("pages", figures, args.out)
    print(json.dumps(figures, indent=1))
    print(f"bench.pages: {len(pages)} pages, {figures['pages_per_second']} pages/s -> {path}")


if __name__ == "__main__":
    main()
