"""Benchmark the text-dump cleaner on the shared DEV pages (../shared/bench/pages/dev).

    python -m bench.pages [--limit N] [--out FILE] [--cv] [--with-title]

Runs ``clean_dumps`` on the pages' `dump`s, writes predictions {"id", "text"} (text = lede +
paragraphs: the gold bodies leave the headline out), scores them with the shared scorer and
records every figure in bench/results/pages.json, plus pages/s: ``pipeline.build_documents``
(cleaning + language id, as ``extract`` runs them) on batches of 64 pages, CPU time of one
process, no reading or writing. ``--cv`` also scores a 5-fold cross-validation grouped by site: the line
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
from bench.train_cleaner import FOLDS, build_dataset, fit, fold_of, load_pages, site
from guillemets.batch.collector import tune_collector
from guillemets.clean.classify import LineModel
from guillemets.clean.result import Cleaned
from guillemets.clean.segment import clean_dumps
from guillemets.model import Source
from guillemets.pipeline import BATCH, build_documents
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import Settings

SCORER = SHARED / "bench" / "pages" / "score.py"
DEV = SHARED / "bench" / "pages" / "dev"


def article_text(cleaned: Cleaned, with_title: bool = False) -> str:
    parts = [cleaned.title] if with_title and cleaned.title else []
    parts += [cleaned.lede, *cleaned.paragraphs] if cleaned.lede else []
    return "\n\n".join(parts)


def run(pages: list[dict[str, Any]], model: LineModel | None = None, with_title: bool = False,
        ) -> dict[str, str]:  # fmt: skip
    """Predictions by id, from ``clean_dumps`` on batches of pages."""
    preds: dict[str, str] = {}
    for i in range(0, len(pages), BATCH):
        chunk = pages[i : i + BATCH]
        for page, cleaned in zip(chunk, clean_dumps([p["dump"] for p in chunk], model=model), strict=True):
            preds[page["id"]] = article_text(cleaned, with_title)
    return preds


def pipeline_speed(pages: list[dict[str, Any]], repeat: int = 3) -> dict[str, float]:
    """Pages/s of the pipeline's clean + language-id step on text dumps, one process, best of ``repeat``.

    This is ``pipeline.build_documents`` on batches of ``BATCH`` pages, as ``process_many`` calls it
    (documents built, no reading or writing), and the same with the cleaner alone.
    """
    raws = [RawPage(Source(path=f"dev/{p['id']}"), PageKind.TEXT, p["dump"], id=p["id"]) for p in pages]
    settings = Settings()
    build_documents(raws[:2], settings)  # warm-up: load the weights and data files
    tune_collector()  # as the CLI and the workers run the pipeline
    best: dict[str, float] = {}
    for name, step in (("clean_and_language_id", lambda c: build_documents(c, settings)),
                       ("clean_only", lambda c: clean_dumps([r.content for r in c]))):  # fmt: skip
        for _ in range(repeat):
            start = time.process_time()
            for i in range(0, len(raws), BATCH):
                step(raws[i : i + BATCH])
            rate = len(raws) / max(time.process_time() - start, 1e-9)
            best[name] = max(best.get(name, 0.0), round(rate, 1))
    return best


def cross_validate(pages: list[dict[str, Any]], with_title: bool) -> dict[str, str]:
    """Predictions where each page's classifier was trained without its site (grouped k-fold)."""
    folds = fold_of([site(p) for p in pages])
    preds: dict[str, str] = {}
    for fold in range(FOLDS):
        train = [p for p in pages if folds[site(p)] != fold]
        test = [p for p in pages if folds[site(p)] == fold]
        preds.update(run(test, fit(build_dataset(train)), with_title))
    return preds


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
    preds = run(pages, with_title=args.with_title)
    figures: dict[str, Any] = {"dev_in_sample": summary(score(preds, ids))}
    figures["pages"] = len(pages)
    speed = pipeline_speed(pages)
    figures["pages_per_second"] = speed["clean_and_language_id"]
    figures["pages_per_second_clean_only"] = speed["clean_only"]
    figures["speed_measure"] = f"CPU time of one process, batches of {BATCH} pages, best of 3"
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
